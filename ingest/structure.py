"""The report's own structure: its title block, its headings, its tables and pages.

Ministry reports number their headings "Phần I", "I.", "A.", "1.", "1.1.", "1.1.1.", "a)"; news
pieces use short unnumbered lines; converted files add markdown "#". Numbering schemes nest in
whatever order a report chooses, so the parser keeps a stack of heading *kinds*: a heading of a kind
already on the stack closes everything below it, a new kind opens a deeper level.

Nothing is dropped on the way: a heading is the first line of the section it opens (its words are
searchable, not only its label in the section path), a heading with nothing under it before a deeper
one opens that one's text, the title block opens the first section, and a numbered line that is a
complete statement ("1. Tỷ lệ xã … đạt 63,7%.") is content, not a heading. What is left out of the
text — the issuer, the national motto, the number and dateline, a "DỰ THẢO" mark, kept as the
report's details — is listed in `ParsedStructure.omitted`, so the ingest report can say so.

A table (between the marks of `ingest.markup`) opens a section named by its caption; its rows are
text, never headings. Page marks give each line its page, for citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.markup import read_mark
from vectorstore.text import fold

_LABELS = [
    ("part", re.compile(r"^(?:phần|chương|mục)\s+(?:[IVXLC]+|\d+|thứ\s+\w+)\b[.:]?\s*", re.I)),
    # "PHỤ LỤC I", "Phụ lục 2: …" standing as a line of its own (not "Phụ lục kèm theo …" in a sentence)
    ("annex", re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:[IVXLC]+|\d{1,2}|số\s+\d{1,2}))?\s*(?:[.:–—-]\s*|$)")),
    ("article", re.compile(r"^điều\s+\d+[a-z]?[.:]\s*", re.I)),
    ("roman", re.compile(r"^(?:[IVX]{1,5})[.)]\s+")),
    ("upper", re.compile(r"^[A-ZĐ][.)]\s+")),
    ("dotted", re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+")),
    ("arabic", re.compile(r"^\d{1,2}[.)]\s+")),
    ("lower", re.compile(r"^[a-zđ][)]\s+")),
]
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(?:[-+•●○◦▪►➤➢✓–—]|\*)\s+")
_TERMINAL = (".", "!", "?", ";", ",", "…")
# A numbered line ending like a sentence is a list item, not a heading, when it states something:
# a figure, or more words than a heading has ("1. Tỷ lệ xã … đạt 63,7%.", "a) Đã hoàn thành …;").
_ITEM_END = (".", "!", "?", ";", "…")
ITEM_MIN_CHARS = 60
# A figure stated, not a number named: "đạt 55,4%", "là 1.250" (not "Nghị quyết số 01/NQ-CP:").
_STATES_A_FIGURE = re.compile(r"\d\s*%|\b(?:đạt|là|được|có)\s+(?:khoảng\s+|gần\s+|hơn\s+)?\d")
_LIST_KINDS = {"roman", "upper", "dotted", "arabic", "lower"}

# The issuer's unit on a line of its own under it, in sentence case ("Văn phòng Bộ - Trung tâm Thông tin").
_ISSUER_UNIT = re.compile(r"^(?:Vụ|Cục|Văn phòng|Trung tâm|Phòng|Thanh tra)\s[^,.;:]{2,60}$")
# Lines of a title block that are not the title: issuer (in capitals), motto, number, place and date.
_ISSUER = re.compile(r"^(?:BỘ|ỦY BAN|UỶ BAN|UBND|SỞ|CỤC|VỤ|TỔNG CỤC|VĂN PHÒNG)\s+[A-ZÀ-ỸĐ&\s]+$")
_NOT_TITLE = [
    _ISSUER,
    # the issuer and its unit in sentence case: "BỘ THÔNG TIN VÀ TRUYỀN THÔNG – Vụ Kế hoạch - Tài chính"
    re.compile(_ISSUER.pattern[:-1] + r"\s[-–—]\s+(?:Vụ|Cục|Văn phòng|Trung tâm|Phòng|Thanh tra)\s[^,]{2,60}$"),
    re.compile(r"^cộng h[òo]a xã hội", re.I),
    re.compile(r"^độc lập\s*[-–]\s*tự do", re.I),
    re.compile(r"^số\s*[:：]", re.I),
    re.compile(r"^[^,]{2,30},\s*ngày\s+\d", re.I),
    # the issuer and the place and date on one line ("Bộ Thông tin và Truyền thông — Hà Nội, ngày 09 tháng 01 năm 2023")
    re.compile(r"\s[-–—|]\s+[^,]{2,30},\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}\W*$", re.I),
    re.compile(r"^-{3,}$|^_{3,}$"),
]
_DRAFT = re.compile(r"^\(?\s*dự\s+thảo\s*\)?$", re.I)
# The name of an official document's type, printed alone above its summary.
DOCUMENT_TYPES = "BÁO CÁO|KẾ HOẠCH|TỜ TRÌNH|CHỈ THỊ|QUYẾT ĐỊNH|THÔNG BÁO|THÔNG CÁO BÁO CHÍ|THÔNG CÁO|CHƯƠNG TRÌNH|ĐỀ ÁN"
# … with what kind of it, printed with it: "BÁO CÁO NHANH".
DOCUMENT_TYPE = rf"(?:{DOCUMENT_TYPES})(?: (?:NHANH|TÓM TẮT|TỔNG HỢP))?"
_DOCUMENT_TYPE = re.compile(rf"{DOCUMENT_TYPE}\s*")
_TYPED_TITLE = re.compile(rf"{DOCUMENT_TYPE}\s*:?\s+\w")  # the type and its summary on one line ("THÔNG CÁO BÁO CHÍ: Kết quả …")
MAX_SUMMARY_LINES = 3
# A letter's address and a document's grounds open its body, not its summary.
_NOT_SUMMARY = re.compile(r"^(?:kính gửi|căn cứ|thực hiện|theo|nơi nhận)\b", re.I)
# Two columns of a masthead printed on one line ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG      Độc lập - Tự do - Hạnh phúc").
# (Spaces may have been collapsed: the national motto's first words also start a column.)
_COLUMNS = re.compile(r"\s{3,}|\t+|\s+(?=(?:CỘNG HÒA|CỘNG HOÀ|Cộng hòa|Cộng hoà|ĐỘC LẬP|Độc lập)\b)")
# Where an official document's body ends: its recipients, then the signature ("Nơi nhận:", "CỤC TRƯỞNG").
_RECIPIENTS = re.compile(r"^(nơi\s+nhận)\s*:", re.I)
_ANNEX = re.compile(r"^phụ\s+lục\b", re.I)  # a heading opening an annex, however it is marked

MAX_LABEL = 90

# Roles of a line in a section: what opens it (not body text for metadata and figures) and the rest.
TITLE, HEADING, CAPTION, BODY, ROW = "title", "heading", "caption", "body", "row"
OPENING_ROLES = frozenset({TITLE, HEADING, CAPTION})


@dataclass(frozen=True)
class Line:
    """One line of a section: its text, the page it is on (0: a format without pages), its role,
    whether it was read by OCR from a picture in the document (a scanned page says so by its page)."""

    text: str
    page: int = 0
    role: str = BODY
    ocr: bool = False


@dataclass
class Section:
    """A run of lines under one heading path: the headings that open it, then its body."""

    path: tuple[str, ...]
    items: list[Line] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The body text (what metadata reads): without the headings and title that open it."""
        return [item.text for item in self.items if item.role not in OPENING_ROLES]

    @property
    def has_body(self) -> bool:
        return any(item.role not in OPENING_ROLES for item in self.items)


@dataclass
class ParsedStructure:
    title: str
    draft: bool
    preamble: list[str]
    sections: list[Section]
    omitted: list[str] = field(default_factory=list)  # lines kept as the report's details, not as text
    ocr_pages: frozenset[int] = frozenset()


def heading_kind(line: str) -> tuple[str, int] | None:
    """("roman", 0) for "I. …", ("dotted", 2) for "1.1. …", ("md", 2) for "## …"; None for body text."""
    markdown = _MD_HEADING.match(line)
    if markdown:
        inner = heading_kind(markdown.group(2))
        return inner if inner else ("md", len(markdown.group(1)))
    for kind, pattern in _LABELS:
        match = pattern.match(line)
        if match:
            if kind == "dotted":
                return kind, match.group(0).strip().rstrip(".").count(".")
            if kind == "upper" and len(line) < 4:
                return None
            return kind, 0
    return None


def is_list_item(line: str) -> bool:
    """A numbered line that states something (see `_ITEM_END`): content, not a heading."""
    if _MD_HEADING.match(line):
        return False  # a heading by the format's own mark (a Word heading style, "#")
    for kind, pattern in _LABELS:
        match = pattern.match(line)
        if match:
            if kind not in _LIST_KINDS:
                return False
            rest = line[match.end() :].strip()
            if rest.endswith(":") and len(rest) >= ITEM_MIN_CHARS and _STATES_A_FIGURE.search(rest):
                return True  # "a) Tỷ lệ DVCTT toàn trình … đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:" leads a list
            if not rest.endswith(_ITEM_END) or rest.isupper():
                return False
            return bool(re.search(r"\d", rest)) or len(rest) >= ITEM_MIN_CHARS
    return False


class _Parser:
    """One pass over the body lines, keeping the heading stack and the section being filled."""

    def __init__(self, title_items: list[Line]) -> None:
        self.sections: list[Section] = []
        self.preamble: list[str] = []
        self.stack: list[tuple[tuple[str, int], str]] = []
        self.current = Section(path=(), items=list(title_items))
        self.page = 0
        self.ocr_pages: set[int] = set()
        self.in_picture = False
        self.table_depth: int | None = None  # stack depth below a captioned table's entry

    def add(self, text: str, role: str = BODY) -> None:
        self.current.items.append(Line(text, self.page, role, self.in_picture))

    def open(self, kind: tuple[str, int], heading: str, line: str, role: str = HEADING) -> None:
        """A heading: close what it ends, push it, open its section with the heading as first line."""
        previous = self.current
        while self.stack and self.stack[-1][0] != kind and kind in [entry[0] for entry in self.stack]:
            self.stack.pop()
        if self.stack and self.stack[-1][0] == kind:
            self.stack.pop()
        self.stack.append((kind, heading))
        path = tuple(_label(entry[1]) for entry in self.stack)
        carried: list[Line] = []
        if not previous.has_body and previous.items and path[: len(previous.path)] == previous.path:
            carried = previous.items  # "I. KẾT QUẢ" with nothing under it opens "1. …"'s text
        else:
            self.close()
        self.current = Section(path=path, items=[*carried, Line(line, self.page, role, self.in_picture)])

    def close(self) -> None:
        section = self.current
        if not section.items:
            return
        if not section.path:
            self.preamble.extend(section.lines)
        self.sections.append(section)

    def open_table(self, caption: str) -> None:
        if _ANNEX.match(caption):
            # "PHỤ LỤC I. …" over a Word table is the annex's heading, not a caption under the
            # report's last heading: the annex's rows (2023's results) are never the plan's (2024).
            self.stack.clear()
            self.open(heading_kind(caption) or ("annex", 0), caption, caption)
            self.table_depth = len(self.stack)
            return
        self.table_depth = len(self.stack)
        if caption:
            self.open(("table", 0), caption, caption, CAPTION)

    def close_table(self) -> None:
        depth, self.table_depth = self.table_depth, None
        if depth is None or len(self.stack) <= depth:
            return
        del self.stack[depth:]
        self.close()
        self.current = Section(path=tuple(_label(entry[1]) for entry in self.stack))


def parse(text: str, title_hint: str = "") -> ParsedStructure:
    lines = text.split("\n")
    title_lines, masthead, draft, consumed = _title_block(lines)
    title = " ".join(line for _, line in title_lines) if title_lines else title_hint
    omitted = list(masthead)
    first_page = _first_page(lines, title_lines[0][0]) if title_lines else 0
    parser = _Parser([Line(line, first_page, TITLE) for _, line in title_lines])
    body = [line for number, line in enumerate(lines) if number not in consumed]
    in_table = False
    index = 0
    while index < len(body):
        line = body[index].strip()
        index += 1
        if not line:
            continue
        mark = read_mark(line)
        if mark is not None:
            if mark.kind == "page":
                parser.page = mark.page
                if mark.ocr:
                    parser.ocr_pages.add(mark.page)
            elif mark.kind in ("picture", "end_picture"):
                parser.in_picture = mark.kind == "picture"
            elif mark.kind == "table":
                in_table = True
                parser.open_table(mark.caption)
            else:
                in_table = False
                parser.close_table()
            continue
        if in_table:
            parser.add(line, ROW)
            continue
        if _DRAFT.match(line):
            draft = True
            omitted.append(line)
            continue
        recipients = _RECIPIENTS.match(line)
        if recipients:
            # Its own section, not the last items of the last heading ("- Lưu: VT, CĐSQG." is no goal).
            parser.stack.clear()
            parser.open(("recipients", 0), recipients.group(1), line)
            continue
        kind = heading_kind(line)
        if kind is not None and is_list_item(line):
            kind = None
        if kind is None and _is_plain_heading(line, body, index):
            kind = ("plain", 0)
        if kind is None:
            parser.add(line)
            continue
        heading = _MD_HEADING.sub(r"\2", line).strip()
        if _ANNEX.match(heading):
            parser.stack.clear()  # an annex is the report's own part, never under its last heading
        # An upper-case heading often wraps onto the next line ("I. … CỦA NGÀNH" / "TTTT TRONG …").
        while heading.isupper() and index < len(body):
            ahead = index
            if _ANNEX.match(heading):
                # "PHỤ LỤC 2", a blank line, "TỶ LỆ HỘ GIA ĐÌNH … NĂM 2024": the annex's title is its
                # heading's own words, what its rows ("Huyện Hướng Hóa — Tỷ lệ (%): 58,3") measure
                while ahead < len(body) and not body[ahead].strip():
                    ahead += 1
            if ahead >= len(body) or not _is_heading_continuation(body[ahead]):
                break
            heading = f"{heading} {body[ahead].strip()}"
            index = ahead + 1
        parser.open(kind, heading, heading)
    parser.close()
    return ParsedStructure(
        title=title.strip(),
        draft=draft,
        preamble=masthead + parser.preamble,
        sections=parser.sections,
        omitted=omitted,
        ocr_pages=frozenset(parser.ocr_pages),
    )


def _title_block(lines: list[str]) -> tuple[list[tuple[int, str]], list[str], bool, set[int]]:
    """Upper-case lines before the first heading or paragraph: the title, minus issuer and date.

    Returns the title lines (with their index), the masthead lines (issuer, place and date),
    whether a "DỰ THẢO" mark was seen, and the indices of the lines consumed; every other line
    stays in the body. A title printed twice (cover page, then first page) is one title; its
    repeat is consumed too, and is in no section (the title's first print is).
    """
    title: list[tuple[int, str]] = []
    masthead: list[str] = []
    draft = False
    consumed: set[int] = set()
    for index, raw in enumerate(lines):
        line = _MD_HEADING.sub(r"\2", raw.strip()).strip()
        if not line or index in consumed:
            continue
        mark = read_mark(line)
        if mark is not None:
            if mark.kind in ("page", "picture"):
                continue  # the first page's mark, a picture's: read again by the parser, which keeps them
            table = _masthead_table(lines, index) if mark.kind == "table" and not title else None
            if table is None:
                break
            # A Word masthead is a borderless table: issuer and number | motto and date.
            rows, end = table
            masthead.extend(part for row in rows for part in _masthead_parts(row))
            consumed.update(range(index, end + 1))
            continue
        if _DRAFT.match(line):
            draft = True
            masthead.append(line)
            consumed.add(index)
            continue
        if _is_masthead(line) or masthead and consumed and max(consumed) == _previous(lines, index) and (_is_wrapped_issuer(line) or _ISSUER_UNIT.match(line)):
            # issuer, national motto, number, place and date: the report's details, not text to search
            masthead.append(line)
            consumed.add(index)
            continue
        kind = heading_kind(line)
        if kind is not None and kind[0] != "md":
            break
        letters = [ch for ch in line if ch.isalpha()]
        if not letters and not title and masthead:
            consumed.add(index)  # the rule under the motto ("_______"): no text, and not yet the title
            continue
        texts = [text for _, text in title]
        if len(texts) == 1 and _DOCUMENT_TYPE.fullmatch(texts[0]) and _is_summary(line):
            # "BÁO CÁO" then its summary in sentence case ("Tổng kết công tác … năm 2020,"), up to a blank
            # line: the title an official document is known by, not the bare name of its type
            for following, summary in enumerate(lines[index:], start=index):
                summary = summary.strip()
                continued = following > index  # "phương hướng, nhiệm vụ năm 2021" continues the line above
                if not summary or not _is_summary(summary, continued) or following - index >= MAX_SUMMARY_LINES:
                    break
                title.append((following, summary))
                consumed.add(following)
            break
        if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(line) < 200:
            if fold(line) not in {fold(t) for t in texts} and not _repeats(texts, line):
                title.append((index, line))
            consumed.add(index)
            continue
        if not title and (raw.strip().startswith("# ") or (raw.strip().startswith("#") or masthead) and _TYPED_TITLE.match(line)):
            # "# Title", or under a masthead "## BÁO CÁO NHANH tình hình tháng 6 …", "THÔNG CÁO BÁO CHÍ: Kết quả …"
            title.append((index, line))
            consumed.add(index)
            # … and the lines it wraps onto, opening in lower case ("BÁO CÁO Đánh giá kết quả phát triển
            # ngành Thông tin" / "và Truyền thông giai đoạn 2019–2023": the span is the title's)
            for following in range(index + 1, min(index + 1 + MAX_SUMMARY_LINES, len(lines))):
                wrapped = lines[following].strip()
                if not wrapped[:1].islower() or len(wrapped) >= 200 or title[-1][1].rstrip().endswith((".", ":", ";")):
                    break
                title.append((following, wrapped))
                consumed.add(following)
        break
    return title, masthead, draft, consumed


# What only a masthead holds: the national motto, a document number, a place and date.
# (A number is "Số: 215/BC-STTTT": a table's "Số" column, "Số: 1,0%", is none.)
_MASTHEAD_SIGNS = re.compile(r"cộng h[òo]a xã hội chủ nghĩa|độc lập\s*[-–]\s*tự do|\bsố\s*[:：]\s*\d+\s*/\s*[^\W\d_]|,\s*ngày\s+\d{1,2}\s+tháng", re.I)
# Where one masthead item ends and the next begins inside a cell: a rule, "Số:", the motto, a dateline.
_MASTHEAD_BREAKS = re.compile(
    r"\s+[-_]{3,}\s*|\s+—\s+|\s+(?=(?:Số|SỐ)\s*[:：])|\s+(?=(?:CỘNG H[ÒO]A|Cộng h[òo]a|ĐỘC LẬP|Độc lập)\b)"
)
_DATE = re.compile(r",\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
MAX_PLACE_WORDS = 4
MAX_MASTHEAD_ROWS = 4


def _masthead_table(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """The rows of a table opening the document and its end, when it is the masthead (a few rows
    holding the motto, a number or a dateline); None when it is a table of the report's."""
    rows: list[str] = []
    for index in range(start + 1, min(len(lines), start + 2 + MAX_MASTHEAD_ROWS)):
        line = lines[index].strip()
        mark = read_mark(line) if line else None
        if mark is not None:
            return (rows, index) if mark.kind == "end_table" and any(_MASTHEAD_SIGNS.search(row) for row in rows) else None
        if line:
            rows.append(line)
    return None


def _masthead_parts(row: str) -> list[str]:
    """A masthead table's row as its items ("BỘ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 4720/BC-BTTTT", …)."""
    items = [row]
    date = _DATE.search(row)
    if date:
        # the place before the date: its capitalised words ("Hà Nội", "Thanh Hóa")
        words = row[: date.start()].split(" ")
        place = 0
        while place < min(MAX_PLACE_WORDS, len(words)) and words[-1 - place][:1].isupper():
            place += 1
        start = len(" ".join(words[: len(words) - place]))
        items = [row[:start], row[start : date.end()], row[date.end() :]]
    parts = [part for item in items for part in _MASTHEAD_BREAKS.split(item)]
    return [part.strip(" -_—") for part in parts if part and part.strip(" -_—")]  # a rule cleaning left as "_"


def _previous(lines: list[str], index: int) -> int:
    """The index of the last non-blank line before `index` (-1 when none)."""
    return next((i for i in range(index - 1, -1, -1) if lines[i].strip()), -1)


def _is_wrapped_issuer(line: str) -> bool:
    """The end of an issuer's name wrapped under it in a two-column masthead ("BỘ THÔNG TIN VÀ
    TRUYỀN | CỘNG HÒA …" then "THÔNG"): one or two upper-case words, no document type."""
    found = [word for word in line.split() if any(ch.isalpha() for ch in word)]
    return 0 < len(found) <= 2 and all(word.isupper() for word in found) and not _DOCUMENT_TYPE.fullmatch(" ".join(found))


def _is_masthead(line: str) -> bool:
    """An issuer, motto, number or place-and-date line, or two of them side by side."""
    parts = [part for part in _COLUMNS.split(line) if part]
    return len(line) < 100 and all(any(pattern.search(part) for pattern in _NOT_TITLE) for part in parts)


def _is_summary(line: str, continued: bool = False) -> bool:
    """A line of a document's summary under its type's name: sentence case, short, no heading."""
    return (
        len(line) < 200
        and (line[:1].isupper() or continued and (line[:1].islower() or line[:1].isdigit()))
        and not line.isupper()
        and heading_kind(line) is None
        and not _NOT_SUMMARY.match(line)
        and not _is_masthead(line)
    )


def issuer_of(masthead: list[str]) -> str:
    """Who issued a report, from its masthead ("UBND TỈNH THANH HÓA — SỞ THÔNG TIN VÀ TRUYỀN THÔNG")."""
    # one line may hold both, as this function writes them ("UBND TỈNH PHÚ THỌ — SỞ THÔNG TIN …")
    issuers: list[str] = []
    for part in (piece.strip() for line in masthead for column in _COLUMNS.split(line) for piece in _DASHED.split(column)):
        if _ISSUER.fullmatch(part):
            issuers.append(part)
        elif _LOCAL_ISSUER.fullmatch(part):
            # in sentence case, as a Markdown or HTML report writes it under its title ("Sở Thông tin và
            # Truyền thông tỉnh Quảng Bình"): written as the capitals a masthead prints
            issuers.append(part.upper())
    return " — ".join(issuers)


_DASHED = re.compile(r"\s+[-–—]\s+")
_LOCAL_ISSUER = re.compile(r"(?:Sở|Ủy ban nhân dân|Uỷ ban nhân dân|UBND)\s[^\W\d_][^\W\d_\s]*(?:\s+[^\W\d_]+|\s+&){1,14}")


def _first_page(lines: list[str], before: int) -> int:
    """The page the title is on: the last page mark before its first line (0 without marks)."""
    page = 0
    for line in lines[:before]:
        mark = read_mark(line.strip())
        if mark is not None and mark.kind == "page":
            page = mark.page
    return page


def _repeats(title: list[str], line: str) -> bool:
    """A title block printed twice (cover page, then first page) should be read once."""
    joined = fold(" ".join(title))
    return bool(joined) and fold(line) in joined


def _is_heading_continuation(line: str) -> bool:
    line = line.strip()
    return bool(line) and line.isupper() and len(line) < 120 and heading_kind(line) is None and read_mark(line) is None


def _is_plain_heading(line: str, body: list[str], next_index: int) -> bool:
    """A short unnumbered line introducing a longer paragraph, as in news pieces."""
    if len(line) > 100 or len(line.split()) < 3 or line.endswith(_TERMINAL) or line.endswith(":"):
        return False
    if _BULLET.match(line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    following = next((candidate.strip() for candidate in body[next_index:] if candidate.strip()), "")
    return len(following) > max(2 * len(line), 120) and heading_kind(following) is None and read_mark(following) is None


def _label(heading: str) -> str:
    """A heading as it appears in a section path: short, its clause before ":" when it is long."""
    heading = heading.strip().rstrip(":")
    if len(heading) <= MAX_LABEL:
        return heading
    head, sep, _ = heading.partition(":")
    if sep and len(head) <= MAX_LABEL:
        return head.strip()
    cut = heading[:MAX_LABEL].rsplit(" ", 1)[0]
    return cut.rstrip(",;") + "…"

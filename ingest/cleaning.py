"""Cleaning converted report text: what a PDF/Word-to-markdown conversion leaves behind.

- Unicode NFC, no control characters, single spaces;
- markdown emphasis (`**`, `*`, `__`), quote marks (`> `) and HTML leftovers (`<sup>1</sup>`, `<br>`, `&nbsp;`) removed;
  bold runs glued together ("**DỰ THẢO****BÁO CÁO**") split into their own lines;
- footnote markers removed from the text, footnote bodies moved to the end of the document;
- paragraphs broken by a page break ("… trong năm" / footnote / "2021 với …") joined again.
"""

from __future__ import annotations

import html
import re

from ingest.markup import read_mark
from vectorstore.text import normalize

_GLUED_BOLD = re.compile(r"\*\*\s*\*\*")
# "… Chính phủ số**4.1. Sự phát triển**": a bold numbered heading glued to the previous line.
_GLUED_HEADING = re.compile(r"(?<=\S)\s*\*\*(?=(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*|[A-ZĐ])[.)]\s)")
_FOOTNOTE_BODY = re.compile(r"^\s*(?:<sup>\s*(\d{1,3})\s*</sup>|\[\^(\d{1,3})\]:)\s*(.+)$")
_FOOTNOTE_MARK = re.compile(r"<sup>\s*[\d*,\s]{1,8}</sup>|\[\^\d{1,3}\]")
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^)\s]+)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING_HASHES = re.compile(r"^(#{1,6})\s*")
_BULLET_STAR = re.compile(r"^\*\s+")
# A markdown quote ("> Năm 2022 là năm …"), not a comparison ("> 50%"): its marks go, its words stay.
_QUOTE_MARKS = re.compile(r"^(?:>\s*)+(?=[^\W\d_])")
_TERMINAL = ".!?;:…)»”\"'"


def clean(text: str) -> tuple[str, list[str]]:
    """Cleaned text (markdown heading markers kept, for the structure parser) and footnotes."""
    text = normalize(html.unescape(text.replace("<br>", "\n").replace("<br/>", "\n").replace("<br />", "\n")))
    text = _GLUED_BOLD.sub("\n", text)
    text = _GLUED_HEADING.sub("\n**", text)
    lines: list[str] = []
    footnotes: list[str] = []
    for raw in text.split("\n"):
        footnote = _FOOTNOTE_BODY.match(raw)
        if footnote:
            footnotes.append(_clean_line(footnote.group(3)))
            continue
        lines.append(_clean_line(raw))
    return "\n".join(_join_broken_paragraphs(lines)), [f for f in footnotes if f]


def _clean_line(line: str) -> str:
    line = _FOOTNOTE_MARK.sub("", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    hashes = _HEADING_HASHES.match(line)
    prefix = ""
    if hashes:
        prefix = hashes.group(1) + " "
        line = line[hashes.end() :]
    line = _QUOTE_MARKS.sub("", line)
    line = _BULLET_STAR.sub("- ", line)
    line = _EMPHASIS.sub("", line)
    line = re.sub(r"\s{2,}", " ", line).strip()
    return f"{prefix}{line}" if line else ""


def _join_broken_paragraphs(lines: list[str]) -> list[str]:
    """Join a long line cut mid-sentence with the line that continues it, across a page break too
    (the joined line stays on the page it started on). A table's rows are never joined."""
    result: list[str] = []
    pending_blank = 0
    last_text: int | None = None  # index in `result` of the line a next one may continue
    in_table = False
    width = _page_width(lines)
    cut = ""  # the last line as the page wrote it, before any join
    for line in lines:
        if not line:
            pending_blank += 1
            continue
        mark = read_mark(line)
        if mark is not None:
            if mark.kind != "page":
                in_table = mark.kind == "table"
                last_text = None
            if result and pending_blank:
                result.append("")
            result.append(line)
            pending_blank = 0
            continue
        previous = result[last_text] if last_text is not None else ""
        if previous and not in_table and (_continues(previous, line) or _cut_by_the_page(cut, line, width)):
            result[last_text] = f"{previous} {line}"  # type: ignore[index]
        else:
            if result and pending_blank:
                result.append("")
            result.append(line)
            last_text = None if in_table else len(result) - 1
        cut = line
        pending_blank = 0
    return result


def _page_width(lines: list[str]) -> int:
    """How long a PDF's full lines are (the ninth tenth of its text lines' lengths); 0 for a text
    without pages, whose line ends its writer chose."""
    lengths: list[int] = []
    paged = in_table = False
    for line in lines:
        mark = read_mark(line)
        if mark is not None and mark.kind == "page":
            paged = True
        elif mark is not None:
            in_table = mark.kind == "table"
        elif line and not in_table:
            lengths.append(len(line))  # a table's rows are as long as their cells make them
    lengths.sort()
    return lengths[len(lengths) * 9 // 10] if paged and lengths else 0


def _cut_by_the_page(cut: str, line: str, width: int) -> bool:
    """Whether a PDF's full line, ending on a word, was cut before a capitalised word that goes on with
    its sentence: "… được thành lập theo" + "Quyết định số 198/1998/QĐ-TTg …", "… tại Hòa" + "Lạc, với …",
    "… chưa đạt kế hoạch" + "(60%)."
    (a sentence ends with a stop; a heading is shorter than the page, or numbered; a row ends on its figure)."""
    return (
        width > 0
        and len(cut) >= FULL_LINE * width
        and not _LIST_MARKER.match(cut)
        and bool(_ENDS_WITH_A_WORD.search(cut))
        and (_opens_with_a_capitalised_word(line) or line.startswith("("))
        and not _LIST_MARKER.match(line)
    )


def _continues(previous: str, line: str) -> bool:
    if previous.startswith("#") or previous.rstrip().endswith(tuple(_TERMINAL)):
        return False
    if len(previous) < 60 or previous.isupper():
        return False
    first = line[0]
    if first.islower():
        return True
    if previous.count("(") > previous.count(")"):
        return True  # "… chuẩn DVB-T2 (Digital Video" + "Broadcasting – Second Generation …)": inside a bracket
    if _ENDS_WITH_A_FIGURE.search(previous) and _OPENS_WITH_LETTERS.match(line) and not (line.isupper() and " " in line):
        return True  # "… Kinh tế số ước chiếm 9,7%" + "GDP. …": the figure's unit or name, wrapped
    if _SENTENCE_JUST_BEGUN.search(previous) and first.isalpha() and not _LIST_MARKER.match(line):
        return True  # "… điện thoại thông minh 87,1%. Tốc độ" + "Internet di động …": the sentence it began
    # "… trong năm" + "2021 với phương châm …": a number that is not a list marker "2." / "2)";
    # after a word no sentence ends with ("… mức độ 4 đạt" + "26,3%. …"), on a shorter line too
    return (
        first.isdigit()
        and (len(previous) >= 80 or bool(_OPEN_END.search(previous)))
        and not re.match(r"^\d+(?:\.\d+)*[.)]\s", line)
    )


# A line ending on the first words of a sentence: after a full stop, one to three words, the first
# capitalised ("… 87,1%. Tốc độ").
_SENTENCE_JUST_BEGUN = re.compile(r"[.!?;]\s+[A-ZÀ-ỸĐ][^\s.!?;:]*(?:\s+[^\s.!?;:]+){0,2}$")
# A list item's or a heading's marker opening a line: "I. ", "2. ", "a) ", "- ".
_LIST_MARKER = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-–•+*])\s")
# The words a figure follows, which no sentence ends with.
# ("… ngày 27 tháng 12 năm" + "2011.": a date's year)
_OPEN_END = re.compile(r"\b(?:đạt|là|có|với|và|khoảng|trên|dưới|gần|hơn|lên|xuống|từ|đến|bằng|chiếm|thứ|ước|tăng|giảm|năm|tháng|ngày|số)$")
_ENDS_WITH_A_FIGURE = re.compile(r"\d%?$")
FULL_LINE = 0.8  # a PDF line this share of the page's width long was cut by it
_ENDS_WITH_A_WORD = re.compile(r"[^\W\d_]{2,}$")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _opens_with_a_capitalised_word(line: str) -> bool:
    """A capitalised word, not one in capitals: "Quyết định …", "Lạc, với …"; not "UBND" nor a heading in capitals."""
    word = _FIRST_WORD.match(line)
    return word is not None and word.group()[0].isupper() and any(ch.islower() for ch in word.group()[1:])
# Letters that name what a figure is of ("GDP", "USD", "ICT"), opening the next line.
_OPENS_WITH_LETTERS = re.compile(r"^[A-ZĐ]{2,6}\b")

"""Report metadata read from the document itself: title, period, year, date, draft status, kind.

An explicit value (a sidecar `NAME.meta.json`, markdown front matter, or upload form fields)
always wins over what is read from the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.structure import DOCUMENT_TYPE, ParsedStructure, issuer_of
from vectorstore.figures import Period, find_date, find_periods, find_years, period_matches, without_dates
from vectorstore.glossary import Glossary
from vectorstore.records import PLAN_KIND
from vectorstore.statements import Context, own_periods, without_publication_dates, without_source_dates
from vectorstore.text import fold, split_sentences

_DATE_MARKER = re.compile(r"^\s*date\s*[:=]?\s*(\d{4}-\d{2}(?:-\d{2})?)\s*", re.I)
_KINDS = [
    ("báo cáo", "Báo cáo"),
    ("chỉ thị", "Chỉ thị"),
    ("kế hoạch", PLAN_KIND),
    ("quyết định", "Quyết định"),
    ("thông tư", "Thông tư"),
    ("nghị định", "Nghị định"),
    ("nghị quyết", "Nghị quyết"),
    ("công văn", "Công văn"),
    ("tờ trình", "Tờ trình"),
    ("thông cáo", "Thông cáo báo chí"),
]
_PROPER_NOUNS = [
    "Việt Nam", "Hà Nội", "Quốc hội", "Đảng", "Nhà nước", "Trung ương", "Make in Viet Nam",
    "Bộ Thông tin và Truyền thông", "Sở Thông tin và Truyền thông",
]
_ROMAN = re.compile(r"^[IVXLC]+$")
MAX_FALLBACK_TITLE = 110


@dataclass(frozen=True)
class ReportMetadata:
    title: str
    period: Period | None
    year: int
    date: str
    draft: bool
    kind: str
    issuer: str = ""  # who issued it, from its masthead ("UBND TỈNH THANH HÓA — SỞ THÔNG TIN VÀ TRUYỀN THÔNG")

    @property
    def period_label(self) -> str:
        """The period the report is of: named by it, else the year of its date; a year that is only
        the one its text names most often (an article's) is no reporting period."""
        if self.period:
            return self.period.label
        if span := _SPAN.search(fold(self.title)):
            # "Tổng kết … giai đoạn 2016 - 2020", dated January 2021: of the span, no single year
            return self.title[span.start() : span.end()].lower()
        return f"năm {self.date[:4]}" if self.date[:4].isdigit() else ""


_SPAN = re.compile(r"\b(?:giai doan|thoi ky)\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b")


def strip_date_marker(text: str) -> tuple[str, str]:
    """Scraped pages sometimes start with "date 2021-01": metadata, not text."""
    match = _DATE_MARKER.match(text)
    if not match:
        return text, ""
    return text[match.end() :], match.group(1)


def read_metadata(
    structure: ParsedStructure,
    text: str,
    glossary: Glossary,
    overrides: dict[str, str] | None = None,
    marker_date: str = "",
) -> ReportMetadata:
    overrides = {key: value for key, value in (overrides or {}).items() if value}
    title = overrides.get("title") or _display_title(structure.title, glossary, _written_in_capitals(text)) or _fallback_title(structure)
    opening = "\n".join(_body_lines(structure)[:30])
    if "period" in overrides:
        periods = find_periods(overrides["period"])
    else:
        # the title as shown when the text has no title block: a spreadsheet's caption ("BIỂU SỐ LIỆU
        # KÈM THEO BÁO CÁO TỔNG KẾT NĂM 2024, …") names its period before its rows' plan columns do
        periods = find_periods(structure.title or _first_heading(structure)) or _body_periods(_body_lines(structure)) or _opening_periods(opening)
    period = periods[0] if periods else None
    date = (
        overrides.get("date")
        or marker_date
        or _opening_date("\n".join(structure.preamble)[:2000])
        or _opening_date(opening[:OPENING_PERIOD_CHARS])
        or ""
    )
    year = _year(period, date, text)
    draft = overrides["draft"].lower() in {"1", "true", "yes", "có"} if "draft" in overrides else structure.draft
    # A spreadsheet's or a table's caption opening the text is its title; the masthead follows it
    # ("BIỂU SỐ LIỆU KÈM THEO …", then "UBND TỈNH LẠNG SƠN", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG").
    issuer = issuer_of(structure.preamble) or issuer_of(_body_lines(structure)[:MASTHEAD_AFTER_CAPTION])
    return ReportMetadata(title=title, period=period, year=year, date=date, draft=draft, kind=_kind(title), issuer=issuer)


# A news piece opens with its period ("Trong 6 tháng đầu năm 2023, …", "Năm 2019, doanh thu …"); an
# article that names a year further on, or a date ("Vào ngày 6 tháng 10 năm 1973"), is not a report of it.
OPENING_PERIOD_CHARS = 200
MASTHEAD_AFTER_CAPTION = 4  # lines of a text opening on a caption where its masthead may follow
BODY_PERIOD_SHARE = 0.4  # an untitled text's period is named in at least this share of its period mentions
_DATE_BEFORE = re.compile(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+$")


def _opening_date(opening: str) -> str | None:
    """The date a text's masthead or opening gives as its own: on a short line of its own (a
    dateline, "Hà Nội, ngày 04 tháng 4 năm 2025", "Đăng lúc 15:20, Thứ Hai, ngày 08 tháng 4 năm
    2024") or at the start of a paragraph ("Ngày 08/4/2024, Bộ …"); not an event's date told further
    on ("… chính thức kết nối với mạng Internet toàn cầu vào ngày 19 tháng 11 năm 1997" had dated an
    encyclopedia article, and so made it a report of 1997)."""
    for line in opening.split("\n"):
        if date := find_date(line if len(line) <= DATELINE_CHARS else line[:DATE_LEAD_CHARS]):
            return date
    return None


DATELINE_CHARS = 120
DATE_LEAD_CHARS = 70


def _opening_periods(opening: str) -> list[Period]:
    """The period the first words of an untitled text name, if they name one — in its first sentence,
    or opening a later one of its first paragraph ("… Năm 2019, …"); not a start ("từ năm 2019"), a date, nor when
    its figures were published ("Theo số liệu … công bố đầu năm 2024, năm 2023 doanh thu …") or the
    date of the source they cite when another period follows ("Theo báo cáo … tháng 1/2022, đến hết
    năm 2021 …")."""
    # its first paragraph (not a history section's "Năm 1995, …"), without the year of a law's name
    head = _LAW_YEAR.sub(r"\1", opening[:OPENING_PERIOD_CHARS].split("\n")[0])
    folded = without_source_dates(without_publication_dates(fold(head)))
    for start, end, _, _ in period_matches(folded):
        if _DATE_BEFORE.search(folded[max(0, start - 20) : start]):
            continue
        before = folded[:start]
        in_first_sentence = not re.search(r"[.!?](?:\s|$)", before)
        if _SINCE.search(before) or not (in_first_sentence or _OPENS_WITH_PERIOD.fullmatch(re.split(r"[.!?]\s", before)[-1])):
            continue  # "… Sau giai đoạn thử nghiệm kéo dài từ năm 2019, …": an article's history, not its period
        return find_periods(head[start:end]) or []
    return []


# A start, not a period reported on: "kéo dài từ năm 2019", "kể từ năm 1997".
_SINCE = re.compile(r"\btu\s+$")
# What may stand before the period a later sentence of the opening starts with: "Năm 2019, …", "Trong 6 tháng
# đầu năm 2023, …", "Tính đến hết quý I/2024, …", "Theo Bộ TTTT, năm 2023 …".
_OPENS_WITH_PERIOD = re.compile(
    r"\s*(?:[\W_]*\s*)?(?:(?:trong|tinh den(?: het)?|den het|luy ke|qua|ket thuc|ket qua)\s+)?"
    r"|\s*theo [^,]{1,60},\s*(?:trong\s+)?"
)


# The year in a law's name ("Luật Giao dịch điện tử năm 2005", "luật năm 2005"): part of the name.
_LAW_YEAR = re.compile(r"(\b[Ll]uật\b[^.,;:()]{0,60}?)\s*\bnăm\s+(?:19|20)\d\d\b")


def _body_periods(lines: list[str]) -> list[Period]:
    """The period an untitled text reports on: the one most of its sentences name for themselves (at
    least two sentences; the first named wins a tie), not a base they compare with nor a date. A news
    item "published in January 2021" about the year 2020 names 2020 throughout."""
    named: Counter[Period] = Counter()
    first: dict[Period, int] = {}
    for line in lines:
        for sentence in split_sentences(line):
            # once a sentence: "… ký ngày 15 tháng 8 năm 2022 và có hiệu lực từ ngày 1 tháng 10 năm 2022"
            # is one sentence of 2022 in an article on a law of 2018, not two
            for period in dict.fromkeys(own_periods(_LAW_YEAR.sub(r"\1", sentence), Context())):
                named[period] += 1
                first.setdefault(period, len(first))
    ranked = sorted(named, key=lambda period: (-named[period], first[period]))
    if not ranked or named[ranked[0]] < 2 or named[ranked[0]] < BODY_PERIOD_SHARE * sum(named.values()):
        return []  # an article of many years (a history, a biography) reports on none of them
    return ranked[:1]


def _body_lines(structure: ParsedStructure) -> list[str]:
    return [line for section in structure.sections for line in section.lines]


def _year(period: Period | None, date: str, text: str) -> int:
    if period:
        return period.year
    if date:
        return int(date[:4])
    years = Counter(find_years(text))
    return years.most_common(1)[0][0] if years else 0


def _kind(title: str) -> str:
    folded = fold(title)
    for phrase, label in _KINDS:
        if folded.startswith(fold(phrase)):
            return label
    return ""


def _written_in_capitals(text: str) -> frozenset[str]:
    """Words a text writes in capitals inside ordinary sentences ("VNPT là …"): names, which an
    all-capitals title keeps as they are ("VNPT", not "Vnpt")."""
    found: set[str] = set()
    for line in text.splitlines()[:400]:
        letters = [ch for ch in line if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) / len(letters) < 0.5:
            found.update(word for word in re.findall(r"\b[^\W\d_]{2,}\b", line) if word.isupper())
    return frozenset(found)


def _display_title(title: str, glossary: Glossary, names: frozenset[str] = frozenset()) -> str:
    """An all-capitals title in sentence case, keeping abbreviations, proper nouns and the names the
    text itself writes in capitals (`names`)."""
    title = re.sub(r"\s+", " ", title).strip(" .:-,")
    if not title:
        return ""
    typed = _TYPE_AND_SUMMARY.match(title)
    if typed and not typed.group(3).isupper():  # "BÁO CÁO Tổng kết công tác …" -> "Báo cáo tổng kết công tác …"
        kind, colon, summary = typed.groups()
        if colon:  # "THÔNG CÁO BÁO CHÍ: Kết quả …" -> "Thông cáo báo chí: Kết quả …"
            return f"{kind.capitalize()}: {summary}"
        return f"{kind.capitalize()} {summary[:1].lower() if not summary[:2].isupper() else summary[:1]}{summary[1:]}"
    letters = [ch for ch in title if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) / len(letters) < 0.8:
        return title
    keep = {fold(variant) for concept in glossary.concepts for variant in concept.variants}
    pieces = []
    for token in re.split(r"(\s+)", title):
        bare = token.strip(",.;:()")
        if bare and (fold(bare) in keep or bare in names or _ROMAN.match(bare) or any(ch.isdigit() for ch in bare)):
            pieces.append(token)
        else:
            pieces.append(token.lower())
    text = "".join(pieces)
    proper = [c.expansion for c in glossary.concepts if c.expansion[:1].isupper()] + _PROPER_NOUNS
    for phrase in sorted(proper, key=len, reverse=True):
        text = re.sub(re.escape(phrase.lower()), phrase, text)
    text = _PLACE.sub(lambda match: match.group(1) + match.group(2).title(), text)
    return text[:1].upper() + text[1:]


# An official document's type in capitals, then its summary in sentence case.
_TYPE_AND_SUMMARY = re.compile(rf"^({DOCUMENT_TYPE})(:?) (\w.*)$")
# A place named after its kind ("tỉnh an bình" -> "tỉnh An Bình"): up to four words, ending before a
# word that cannot be part of a name (a period, a preposition, a number).
_NOT_A_NAME = r"(?:năm|tháng|quý|giai|đoạn|về|của|và|đến|trong|theo|tại|các|sau|đầu|cuối|nhiệm|phương|kế|báo|\d)"
_PLACE = re.compile(
    rf"(\b(?:tỉnh|thành phố|huyện|quận|thị xã) )((?:(?!{_NOT_A_NAME}\b)[^\W\d_]+(?: |$)){{1,4}})"
)


def _first_heading(structure: ParsedStructure) -> str:
    """The heading opening a text that has no title block (a spreadsheet's caption); "" if text comes first."""
    for section in structure.sections:
        if section.path:
            return section.path[0]
        if section.lines:
            break
    return ""


def _fallback_title(structure: ParsedStructure) -> str:
    """No title in the document: its first heading, or its first sentence, shortened."""
    if heading := _first_heading(structure):
        return heading
    lines = _body_lines(structure)
    if not lines:
        return ""
    sentence = split_sentences(lines[0])[0] if split_sentences(lines[0]) else lines[0]
    if len(sentence) <= MAX_FALLBACK_TITLE:
        return sentence.rstrip(".")
    cut = sentence[:MAX_FALLBACK_TITLE].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def section_period(path: tuple[str, ...], document_period: Period | None) -> Period | None:
    """The period a section is about: the deepest heading naming one, else the report's."""
    for label in reversed(path):
        label = without_dates(label)  # a dateline made a heading ("Đăng lúc …, ngày 08 tháng 4 năm 2024") names no period
        periods = find_periods(label)
        if not periods and document_period:
            # "… trong 6 tháng cuối năm" names a half of the report's own year.
            periods = [p for p in find_periods(f"{label} năm {document_period.year}") if p.part != "year"]
        if periods:
            return periods[0]
    return document_period


__all__ = ["ReportMetadata", "read_metadata", "section_period", "strip_date_marker"]

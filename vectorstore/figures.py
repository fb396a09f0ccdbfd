"""Vietnamese figures, periods and dates: the one place that reads them.

Ingest reads a report's period and date with it, retrieval and answer selection read the period a
question asks about, the grounding guard compares a generated answer's figures with the passages'
and follow-ups find the period to replace — all with the same patterns, so "6 thang dau nam 2023"
typed on a phone and "6 tháng đầu năm 2023" in a report are one period, and "27.477" in an answer
is the report's "27.477".

- **Periods**: "6 tháng đầu năm 2023", "nửa cuối năm", "9 tháng năm 2022", "quý III/2021",
  "năm 2021" (`find_periods`, `period_spans`), years (`find_years`, `compared_years`), a report's
  date (`find_date`).
- **Figures an answer quotes**: numbers as written ("27.477", "77,1"), number words ("hai đội"),
  never a bare year (`numbers`, `answer_figures`).
- **Figures the guard compares**: numbers, percentages, dates in digits or words, decision and
  document numbers ("895/QĐ-TTg"), each with a key that is the same however it is written
  (`stated_figures`, `figure_keys`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from vectorstore.text import fold, has_diacritics, remove_spans, words

# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER_WORDS = frozenset(
    "một hai ba bốn tư sáu bảy tám chín mười mươi trăm nghìn ngàn vạn triệu tỷ chục tá nửa rưỡi".split()
)


@lru_cache(maxsize=4096)
def written_figure(value: str) -> re.Pattern[str]:
    """A figure as written, not a part of another ("50" is not in "50,6", nor "5" in "57,3")."""
    return re.compile(rf"(?<![\d.,]){re.escape(value)}(?![\d]|[.,]\d)")


def numbers(text: str) -> list[str]:
    """Every number as written ("27.477", "77,1", "2023")."""
    return _NUMBER.findall(text)


def canonical_number(token: str) -> str:
    """Compare figures the way the reports write them: "77,1" and "77.1" are the same figure."""
    return token.replace(",", ".")


def with_unit(value: str, unit: str) -> str:
    """A figure as the reports write it: "27.477 tỷ đồng", "57,6%", "73,2% dân số"."""
    return f"{value}{unit}" if unit.startswith("%") else f"{value} {unit}".strip()


def answer_figures(sentence: str) -> list[str]:
    """What can answer "bao nhiêu": numbers other than a bare year ("đến năm 2025"), and number words
    ("hai đội", "bốn lần"; not "năm", which is far more often "year" than "five")."""
    text = _NOT_A_COUNT.sub(" ", _CODES.sub(" ", _DOCUMENT_WHOLE.sub(" ", sentence)))
    found = [number for number in numbers(text) if not YEAR.fullmatch(number)]
    spelled = [word for word in words(_NOT_COUNTS.sub(" ", sentence)) if word in _NUMBER_WORDS]
    return found + spelled + [match.group(0) for match in _NONE.finditer(sentence)]


# A number inside a name or code ("IPv6", "khối C3", "5G", "Vinasat-1") answers no "bao nhiêu"; nor
# does "tỷ" of "tỷ lệ", "tỷ trọng".
_CODES = re.compile(r"\b(?=\w*[^\W\d_])(?=\w*\d)\w+(?:-\d+)?\b|\b[^\W\d_]+-\d+\b")
# A day's date, a month named, an ordinal: no count ("thông qua ngày 5 tháng 4 năm 2016 tại kỳ họp
# thứ 11" answers no "bao nhiêu đại biểu"); nor is a document's number ("Luật số 103/2016/QH13").
_NOT_A_COUNT = re.compile(
    r"\b(?:ngày|mùng)\s+\d{1,2}(?:\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?|/\d{1,2}(?:/\d{4})?)"
    r"|\b\d{1,2}/\d{1,2}/\d{4}\b|\btháng\s+\d{1,2}(?:/\d{4})?(?!\d|[.,]\d)|\bthứ\s+\d+\b"
    # a level or a stage by its number: "tài khoản mức độ 2", "giai đoạn 4" (counts nothing)
    r"|\b(?:mức độ|cấp độ|giai đoạn)\s+\d{1,2}\b(?!\s*%|[.,]\d)",
    re.IGNORECASE,
)
# None at all is a count too: "Không có hiệp ước nào … đề cập đến …".
_NONE = re.compile(r"\b(?:không|chưa) (?:hề )?có(?: \w+){1,4} nào\b", re.IGNORECASE)
# nor "thứ hai" (an ordinal spelled: "mạng di động thứ hai" counts nothing)
_NOT_COUNTS = re.compile(r"\b(?:tỷ|tỉ)\s+(?:lệ|trọng)\b|\bthứ\s+(?:hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b", re.IGNORECASE)


def lone_year(text: str) -> int | None:
    """The year when a text is nothing but one ("2021", "năm 2021"), else None."""
    match = re.fullmatch(r"(?:nam\s+)?((?:19|20)\d\d)", fold(text).strip())
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------------------------------------
# Periods and years
# ---------------------------------------------------------------------------------------------

# Roman numerals, folded: a quarter's ("quý III"), a stage's ("giai đoạn IV").
ROMAN_NUMERALS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_NUMBER_NAMES = {"sau": 6, "chin": 9, "ba": 3, "muoi": 10}
_PART_LABELS = {
    "year": "năm {year}",
    "h1": "6 tháng đầu năm {year}",
    "h2": "6 tháng cuối năm {year}",
    "9m": "9 tháng năm {year}",
    "q1": "quý I/{year}",
    "q2": "quý II/{year}",
    "q3": "quý III/{year}",
    "q4": "quý IV/{year}",
}
# The month each part ends with, and how many months it spans: what makes two periods comparable.
_PART_SPAN = {"year": (12, 12), "h1": (6, 6), "h2": (12, 6), "9m": (9, 9), "q1": (3, 3), "q2": (6, 3), "q3": (9, 3), "q4": (12, 3)}
_YEAR = r"((?:19|20)\d\d)"
_YEAR_AFTER = r"(?:\s*,?\s*(?:nam\s*)?" + _YEAR + r"\b)?"  # "… năm 2023", "… 2023", or none
_COUNT_WORDS = r"\d{1,2}|sau|chin|ba|muoi"
_COUNT = f"({_COUNT_WORDS})"


def _first_months(count: str) -> str:
    months = _NUMBER_NAMES.get(count) or int(count)
    return {6: "h1", 9: "9m", 12: "year", 3: "q1"}.get(months, f"t{months}")


def months_to(period: Period) -> Period:
    """The months of its year summed up to the end of a period: November -> the first eleven months,
    quarter III -> nine months; a year or a span from January stays as it is."""
    return Period(period.year, _first_months(str(period.end_month)))


# Periods named without a year that are of the text's own year only, never of one named after them:
# "lũy kế 11 tháng", "tính chung 6 tháng", "9 tháng ước đạt", "tháng 11" (but not "tháng 01 và tháng
# 02 năm 2025", one period, the last).
_SUMMED_MONTHS = re.compile(
    r"\b(?:luy ke |lk |tinh chung |cong don |"
    # "Doanh thu … 9 tháng ước đạt 259.480 tỷ đồng; riêng quý III/2024 …": the months so far this year
    r"(?=(?:" + _COUNT_WORDS + r") thang (?:uoc dat|uoc tinh dat|dat|qua|vua qua|nam nay)\b))" + _COUNT + r" thang\b()"
)
_MONTH_ALONE = re.compile(r"\bthang\s+(1[0-2]|0?[1-9])\b(?!\s*[/-]\s*\d|\s*,?\s*nam\s+\d|[.,]\d|\s*(?:va|,|den)\s*thang\b)()")
# The reports' shorthand for them: "T10: 5.320 tỷ đ" (October), "LK 10T: 50.400 tỷ đ" (ten months).
_SHORT_MONTH_ALONE = re.compile(r"(?<![\w/.,&-])t(1[0-2]|[1-9])(?![\w/.,&-])()")
_SHORT_MONTHS_ALONE = re.compile(r"(?<![\w/.,&-])(1[0-2]|[1-9])t(?![\w/.,&-])()")
_OWN_YEAR_ONLY = (_SUMMED_MONTHS, _MONTH_ALONE, _SHORT_MONTH_ALONE, _SHORT_MONTHS_ALONE)
_SHORT_MONTH_YEAR = re.compile(r"(?<![\w/])t(1[0-2]|0?[1-9])\s*/\s*((?:19|20)\d\d)\b")  # "T10/2024"
_SHORTHAND_PATTERNS = (_SHORT_MONTH_YEAR, _SHORT_MONTH_ALONE, _SHORT_MONTHS_ALONE)
_SHORTHAND_HINT = re.compile(r"\bt\d|\dt\b")


# On folded text, so "6 thang dau nam 2023" and "6 tháng đầu năm 2023" read the same. Each pattern's
# last group is the year, when one is written; its first group (if any) says which part.
_PATTERNS: list[tuple[object, re.Pattern[str]]] = [
    # "từ tháng 1 đến tháng 10/2024", "từ đầu năm đến hết tháng 10 năm 2024", "lũy kế đến hết tháng
    # 10/2024": the months summed, not October
    (
        _first_months,
        re.compile(
            r"\b(?:(?:ke )?tu\s+(?:thang\s+0?1(?:\s*/\s*(?:19|20)\d\d)?|dau\s+nam)|(?:luy ke|lk|tinh chung|cong don)(?:\s+tu\s+dau\s+nam)?)"
            r"\s+(?:den|toi)\s+(?:het\s+|cuoi\s+)?thang\s+(1[0-2]|0?[1-9])\s*(?:/|-|nam)\s*"
            + _YEAR
            + r"\b"
        ),
    ),
    (_first_months, re.compile(r"\b" + _COUNT + r" thang (?:dau )?nam" + _YEAR_AFTER)),
    (_first_months, re.compile(r"\b(\d{1,2})t\s*(?:/|nam\b)?\s*" + _YEAR + r"\b")),  # "6T/2023", "9T2022", "9T năm 2024"
    # "6 tháng đầu", "thực hiện 10 tháng" (a table's column): the report's own year.
    (_first_months, re.compile(r"\b" + _COUNT + r" thang dau\b()")),
    (_first_months, re.compile(r"\bthuc hien " + _COUNT + r" thang\b()")),
    (_first_months, _SUMMED_MONTHS),
    ("h1", re.compile(r"\b(?:nua dau|giua) nam" + _YEAR_AFTER)),  # "giữa năm 2022": at its first half's end
    ("h2", re.compile(r"\b(?:6|sau) thang cuoi nam" + _YEAR_AFTER)),
    ("h2", re.compile(r"\bnua cuoi nam" + _YEAR_AFTER)),
    ("q", re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam|-)\s*" + _YEAR + r")?")),
    ("q", re.compile(r"\bq([1-4])(?:\s*[/-]\s*|\s+(?:nam\s+)?)" + _YEAR + r"\b")),  # "Q3/2024", "Q2 2025", "q2 nam 2025"
    ("q", re.compile(r"\bq(iv|iii|ii|i)\b(?:\s*[/-]\s*" + _YEAR + r"\b)?")),  # the reports' "QIII", "QI/2022" ("qi" is no syllable)
    ("m", re.compile(r"\bthang\s+(1[0-2]|0?[1-9])\s*(?:/|-|nam|(?<=\d) )\s*" + _YEAR + r"\b")),  # "tháng 6/2022"
    ("m", _MONTH_ALONE),
    ("m", _SHORT_MONTH_YEAR),
    ("m", _SHORT_MONTH_ALONE),
    (_first_months, _SHORT_MONTHS_ALONE),
    # "tính đến (hết) ngày 30/6/2023", "tại ngày 30/6/2024": a cumulative figure at the end of that month.
    ("m", re.compile(r"\b(?:den\s+(?:het\s+)?|tai\s+)(?:ngay\s+)?\d{1,2}\s*/\s*(1[0-2]|0?[1-9])\s*/\s*" + _YEAR + r"\b")),
    ("year", re.compile(r"\b(?:ca\s+)?nam\s+" + _YEAR + r"\b")),
]
# A day's number before "tháng M năm Y", with "ngày" or without ("Thứ Sáu, 7 tháng 2 năm 2025": a byline's date)
_DAY_BEFORE = re.compile(r"(?<![\d.,/])\d{1,2}\s+$")
_BARE_YEAR = re.compile(r"(?<![\d.,])" + _YEAR + r"(?![\d.,]\d)")
# "… tăng 5,5% so với cùng kỳ năm 2025", "so với năm 2020": the year a figure is compared with.
_COMPARED_YEAR = re.compile(r"\b(?:so voi|so cung ky|cung ky)\b[^.;:!?]{0,30}?(?<![\d.,])" + _YEAR + r"(?![\d.,]\d)")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year and which part of it ("year", "h1", "9m", "q3", "m6" for a month,
    "t10" for the first ten months)."""

    year: int
    part: str = "year"

    @property
    def label(self) -> str:
        if self.part.startswith("m"):
            return f"tháng {self.part[1:]}/{self.year}"
        if self.part.startswith("t"):
            return f"{self.part[1:]} tháng đầu năm {self.year}"
        return _PART_LABELS.get(self.part, "năm {year}").format(year=self.year)

    @property
    def end_month(self) -> int:
        return self._span()[0]

    @property
    def months(self) -> int:
        return self._span()[1]

    def _span(self) -> tuple[int, int]:
        if self.part.startswith("m"):
            return int(self.part[1:]), 1
        if self.part.startswith("t"):
            return int(self.part[1:]), int(self.part[1:])
        return _PART_SPAN.get(self.part, (12, 12))

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Later first when sorted in reverse: the year, the month it ends, then the longer span."""
        return (self.year, self.end_month, self.months)

    def overlaps(self, other: Period) -> bool:
        """Same year, and either one is the whole year or the parts are equal."""
        if self.year != other.year:
            return False
        return "year" in (self.part, other.part) or self.part == other.part

    def answers(self, asked: Period) -> bool:
        """Whether a figure stated for this period answers a question about `asked`.

        The same year is needed. A year asked is answered by any part of it (a half-year report is
        what there is for "năm 2023"; the answer says which part), but a figure of the whole year is
        no figure of its first half. Otherwise the parts must be the same span, or a month asked must
        be the month a cumulative figure ends with ("đến hết tháng 6/2021" is what a report of the
        first half says)."""
        if self.year != asked.year:
            return False
        if asked.part == "year" or self.part == asked.part:
            return True
        if self.part == "year":
            # a count at the year's end, stated for the year ("tháng 12/2019" asked); not its June
            return asked.part.startswith("m") and asked.end_month == 12
        if asked.part.startswith("m") or self.part.startswith("m"):
            return self.end_month == asked.end_month
        return self._span() == asked._span()

    def shifted(self, years: int) -> Period:
        return Period(self.year + years, self.part)

    def previous(self) -> Period | None:
        """The quarter before a quarter, the month before a month ("quý trước", "tháng trước"); None
        for other spans."""
        kind, number = self.part[:1], self.part[1:]
        if kind not in ("q", "m") or not number.isdigit():
            return None
        if int(number) > 1:
            return Period(self.year, f"{kind}{int(number) - 1}")
        return Period(self.year - 1, "q4" if kind == "q" else "m12")


_SHORT_MONTHS = re.compile(r"(?<![\w/])(\d{1,2})\s*[Tt]\s*(?:/|(?i:năm|nam)\b)?\s*((?:19|20)\d\d)\b")  # "6T/2023", "9T2024", "9T năm 2024"
_SHORT_MONTH = re.compile(r"(?<![\w/])[Tt](1[0-2]|0?[1-9])\s*/\s*((?:19|20)\d\d)\b")  # "T11/2024": November
# "Q3/2024", "qiii/2024", "q1 2025", "Q2 năm 2025"
_SHORT_QUARTER = re.compile(
    r"(?<![\w/])[Qq]\s*([1-4]|(?i:iv|iii|ii|i))(?:\s*[/-]\s*|\s+(?:(?i:năm|nam)\s+)?)((?:19|20)\d\d)\b"
)
_QUARTER_NAMES = {"1": "I", "2": "II", "3": "III", "4": "IV"}  # a roman numeral typed stands as it is, in capitals
# "9 tháng 2024", "6 thang dau 2023", "quý 3 2024": typed without "năm".
_MONTHS_NO_YEAR_WORD = re.compile(r"(?<![\w/])(\d{1,2})\s+(?:tháng|thang)\s+(?:(?:đầu|dau)\s+)?((?:19|20)\d\d)\b", re.IGNORECASE)
_QUARTER_NO_YEAR_WORD = re.compile(r"\b(?:quý|quy)\s+([1-4])\s+((?:19|20)\d\d)\b", re.IGNORECASE)
# "6 tháng đầu năm 2022 và 2023": the second year is of the same part as the first.
_COORDINATED_YEARS = re.compile(
    r"(?P<period>(?:\b(?:\d{1,2}\s+(?:tháng|thang)(?:\s+(?:đầu|dau|cuối|cuoi))?|(?:quý|quy)\s+[IVX]{1,4}|(?:nửa|nua)\s+(?:đầu|dau|cuối|cuoi))\s+)?"
    r"\b(?:năm|nam)\s+)(?P<year>(?:19|20)\d\d)(?P<others>(?:\s*(?:,|và|va|hoặc|hoac|với|voi)\s*(?:19|20)\d\d\b(?![/-]))+)",
    re.IGNORECASE,
)
_YEAR_AFTER_CONJUNCTION = re.compile(r"(\s*(?:,|và|va|hoặc|hoac|với|voi)\s*)((?:19|20)\d\d)\b", re.IGNORECASE)
# A year typed alone ("ty le nguoi dung internet 2021", "doanh thu 2022 va 2023"): a year, not a count,
# when what follows is the end of the question or a word that asks about it.
_LONE_YEAR = re.compile(
    r"(?<![\w/.,–-])(?<!\d\s)(?<![–-]\s)((?:19|20)\d\d)(?![\w/–-])"
    r"(?=\s*(?:$|[?.,;:!)]|(?:và|va|với|voi|hoặc|hoac|là|la|thì|thi|so|đạt|dat|bao|ra|thế|the|như|nhu|có|co|tăng|tang|giảm|giam|được|duoc|chênh|chenh|khác|khac|về|ve|của|cua|cho|tại|tai)\b))",
    re.IGNORECASE,
)
# Years typed one after another with only spaces ("doanh thu vien thong 2019 2021 2023"): a list of them.
_YEAR_RUN = re.compile(r"(?<![\w/.,-])(?:19|20)\d\d(?:\s+(?:19|20)\d\d)+(?![\w/.,-])")
# A year after a quarter and "và" is that quarter of the year: "quý III/2023 và 2024".
_COORDINATED_QUARTERS = re.compile(
    r"\b((?:quý|quy)\s+[IVX]{1,4})/((?:19|20)\d\d)((?:\s*(?:,|và|va|hoặc|hoac|với|voi)\s*(?:19|20)\d\d\b(?![/-]))+)",
    re.IGNORECASE,
)
# A year after an index's or a body's abbreviation ("EGDI 2024", "GCI 2020 VN xếp thứ mấy"): its edition.
_YEAR_AFTER_ABBREVIATION = re.compile(r"\b(\w{2,8})(\s+)((?:19|20)\d\d)\b(?![\w/-])")
# A year after the kind of figure asked ("kh 2025 ty le …", "chi tieu 2025", "thực hiện 2024"): the
# plan or the result of that year, typed without "năm" (capitals are read as an edition, below).
_YEAR_AFTER_KIND = re.compile(
    r"\b(kế hoạch|ke hoach|kh|chỉ tiêu|chi tieu|mục tiêu|muc tieu|thực hiện|thuc hien|kết quả|ket qua|kq|"
    r"định hướng|dinh huong|phấn đấu|phan dau|dự kiến|du kien)(\s+)((?:19|20)\d\d)\b(?![\w/-])",
    re.IGNORECASE,
)
# Words before a number that make it a quantity or a period already spelled ("đạt 2023", "năm 2023").
# ("số 2023" stays a year: "công nghệ số 2023"; a document number carries its "/…" suffix.)
_NOT_A_LONE_YEAR = re.compile(
    r"\b(?:năm|nam|tháng|thang|quý|quy|đoạn|doan|đạt|dat|khoảng|khoang|trên|tren|dưới|duoi|hơn|hon|gần|gan|là|la)\s*$",
    re.IGNORECASE,
)


# A range of years asked: "từ năm 2021 đến năm 2023", "2021 đến 2023", "giai đoạn 2020-2023 qua các năm".
_YEAR_RANGE = re.compile(
    r"\b(?:(?:từ|tu)\s+)?(?:(?:năm|nam)\s+)?((?:19|20)\d\d)\s*(?:đến|den|tới|toi)\s*(?:(?:năm|nam)\s+)?((?:19|20)\d\d)\b(?![/-])",
    re.IGNORECASE,
)
_SPAN_ASKED = re.compile(r"\b(?:giai đoạn|giai doan)\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_EACH_YEAR = re.compile(r"\b(?:qua|các|cac|từng|tung|mỗi|moi|hằng|hang|hàng)\s+(?:năm|nam)\b", re.IGNORECASE)
_MOST_YEARS_LISTED = 6
_AVERAGE = re.compile(r"\b(?:bình quân|binh quan|trung bình|trung binh)\b", re.IGNORECASE)
# A span of years named as a whole ("5 năm 2021-2025", "giai đoạn 2021 - 2025"), and any year.
_NAMED_SPAN = re.compile(
    r"(?:\b\d+\s+(?:năm|nam)\s+|\b(?:giai đoạn|giai doan)\s+|\b(?:năm|nam)\s+)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b", re.IGNORECASE
)
_ANY_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def spelled_year_ranges(text: str, change: bool = False) -> str:
    """A range of years asked, written as the years it holds: "từ năm 2021 đến năm 2023" -> "năm
    2021, năm 2022 và năm 2023" (each year's figure is what a reader of the range wants; only its
    last year had been asked). A change asked over it ("tăng bao nhiêu từ 2021 đến 2023") is of the
    last year measured against the first: "năm 2023 so với năm 2021". "Giai đoạn 2019-2023" alone is
    a span of its own ("tăng bình quân … giai đoạn 2019-2023"): read as its years only when each year
    is asked ("qua các năm", "từng năm"); beside another year asked, it names a plan and is left out.
    """
    year, joined, against = ("năm", "và", "so với") if has_diacritics(text) else ("nam", "va", "so voi")

    def years(match: re.Match[str]) -> str:
        first, last = int(match.group(1)), int(match.group(2))
        if not 0 < last - first:
            return match.group(0)
        if change:
            return f"{year} {last} {against} {year} {first}"
        listed = range(first, last + 1) if last - first < _MOST_YEARS_LISTED else (first, last)
        named = [f"{year} {each}" for each in listed]
        return f"{', '.join(named[:-1])} {joined} {named[-1]}"

    named = _NAMED_SPAN.search(text)
    if named and _ANY_YEAR.search(text[: named.start()] + text[named.end() :]):
        # "Kế hoạch 5 năm 2021-2025 đặt mục tiêu … năm 2025": the plan's name, not periods asked
        text = f"{text[: named.start()]} {text[named.end() :]}".replace("  ", " ")
    text = _YEAR_RANGE.sub(years, text)
    # "… mỗi năm giai đoạn 2016-2020" after "bình quân": a rate over the span, not each year's figure
    return _SPAN_ASKED.sub(years, text) if _EACH_YEAR.search(text) and not _AVERAGE.search(text) else text


def spelled_periods(text: str) -> str:
    """Shorthand periods written out as the reports write them: "6T/2023" and "6 tháng 2023" -> "6
    tháng đầu năm 2023", "T11/2024" -> "tháng 11/2024", "Q3/2024" and "quý 3 2024" -> "quý III/2024", "kh 2025" -> "kh năm 2025"
    (so the words of a question match the reports' words)."""
    # Written as the question is typed: a question without diacritics stays without them.
    month, first, year, quarter = ("tháng", "đầu", "năm", "quý") if has_diacritics(text) else ("thang", "dau", "nam", "quy")

    def months(match: re.Match[str]) -> str:
        return f"{int(match.group(1))} {month} {first + ' ' if match.group(1) != '12' else ''}{year} {match.group(2)}"

    def quarters(match: re.Match[str]) -> str:
        return f"{quarter} {_QUARTER_NAMES.get(match.group(1), match.group(1).upper())}/{match.group(2)}"

    def coordinated(match: re.Match[str]) -> str:
        prefix = match.group("period")
        others = _YEAR_AFTER_CONJUNCTION.sub(lambda other: f"{other.group(1)}{prefix}{other.group(2)}", match.group("others"))
        return f"{prefix}{match.group('year')}{others}"

    def lone(match: re.Match[str]) -> str:
        if _NOT_A_LONE_YEAR.search(text, 0, match.start()):
            return match.group(0)
        return f"{year} {match.group(1)}"

    text = _YEAR_RUN.sub(lambda match: ", ".join(match.group(0).split()), text)
    up_to = "đến" if has_diacritics(text) else "den"
    # "… so với 30/6/2024", "tb brcđ 31/10/2024": a day typed as a figure's date is the cut-off it is counted to
    text = _TYPED_DAY.sub(lambda match: f"{up_to} {match.group(0)}", text)
    text = _MONTHS_NO_YEAR_WORD.sub(months, _SHORT_MONTHS.sub(months, text))
    text = _SHORT_MONTH.sub(lambda match: f"{month} {int(match.group(1))}/{match.group(2)}", text)
    def coordinated_quarters(match: re.Match[str]) -> str:
        prefix = match.group(1)
        others = _YEAR_AFTER_CONJUNCTION.sub(lambda other: f"{other.group(1)}{prefix}/{other.group(2)}", match.group(3))
        return f"{prefix}/{match.group(2)}{others}"

    text = _SHORT_QUARTER.sub(quarters, _QUARTER_NO_YEAR_WORD.sub(quarters, text))
    text = _COORDINATED_QUARTERS.sub(coordinated_quarters, text)
    def edition(match: re.Match[str]) -> str:
        name = match.group(1)
        if not name.isupper() or name.isdigit():
            return match.group(0)
        return f"{name}{match.group(2)}{year} {match.group(3)}"

    # the edition first: "EGDI 2022 và 2024" is "EGDI năm 2022 và năm 2024"
    text = _YEAR_AFTER_KIND.sub(lambda match: f"{match.group(1)}{match.group(2)}{year} {match.group(3)}", text)
    text = _COORDINATED_YEARS.sub(coordinated, _YEAR_AFTER_ABBREVIATION.sub(edition, text))
    return _LONE_YEAR.sub(lone, text)


def period_matches(text: str) -> list[tuple[int, int, str, int | None]]:
    """(start, end, part, year or None) of each period named in folded text, in order, no overlaps;
    year 0 for a month named alone ("tháng 11"), which is of the text's own year only."""
    found: list[tuple[int, int, str, int | None]] = []
    shorthand = _SHORTHAND_HINT.search(text) is not None
    for kind, pattern in _PATTERNS:
        if pattern in _SHORTHAND_PATTERNS and not shorthand:
            continue  # most sentences write no "T10" / "10T": their patterns are not run on them
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _, _ in found):
                continue
            year_text = match.group(match.lastindex) if match.lastindex else None
            year = int(year_text) if year_text and YEAR.fullmatch(year_text) else None
            if callable(kind):
                part = kind(match.group(1))
            elif kind == "q":
                part = f"q{ROMAN_NUMERALS.get(match.group(1)) or int(match.group(1))}"
            elif kind == "m":
                if _DAY_BEFORE.search(text, max(0, match.start() - 12), match.start()) and not _CUT_OFF_DAY.search(
                    text, max(0, match.start() - 30), match.start()
                ):
                    continue  # "ngày 30 tháng 6 năm 2023" is a date, not a month's figure; "tính đến ngày 31 tháng 8" is its end
                part = f"m{int(match.group(1))}"
                if part == "m12" and _YEAR_END_CUT_OFF.search(text, max(0, match.start() - 30), match.end()):
                    # "đến ngày 31/12/2024", "tính đến ngày 31 tháng 12 năm 2023": counted to the year's
                    # last day, the year's own figure (a later report's official count of the year)
                    part = "year"
            else:
                part = str(kind)
            # 0: the year of the text it is in, never one named after it (a month named alone)
            found.append((match.start(), match.end(), part, 0 if pattern in _OWN_YEAR_ONLY else year))
    return sorted(found)


def find_periods(text: str, default_year: int | None = None, carried: bool = False) -> list[Period]:
    """Periods named in a text, in order of appearance, without repeats.

    A part without its own year takes the next year named ("6 tháng đầu năm, định hướng 6 tháng
    cuối năm 2021" names both halves of 2021), else — with `carried`, for a question — the year
    named just before it ("tháng 11/2024 và lũy kế 11 tháng"), else `default_year` (the report's
    own year), else it is left out.
    """
    found = period_matches(fold(text))
    periods: list[Period] = []
    for index, (start, _, part, year) in enumerate(found):
        earlier = next((y for s, _, _, y in reversed(found[:index]) if y and start - s < 80), None) if carried else None
        if year == 0:
            year = earlier or default_year  # "tháng 11" alone: the report's own November
        elif year is None:
            later = next((y for s, _, _, y in found[index + 1 :] if y and s - start < 80), None)
            year = later or earlier or default_year
        if year is None:
            continue
        period = Period(year, part)
        if period not in periods:
            periods.append(period)
    return periods


@lru_cache(maxsize=4096)
def period_of_label(label: str) -> Period | None:
    """The period a stored label names ("6 tháng đầu năm 2023", a chunk's or a figure row's), or None."""
    periods = find_periods(label) if label else []
    return periods[0] if periods else None


def label_sort_key(label: str) -> tuple[int, int, int]:
    """A stored period label as a sort key: later is larger, no period sorts first."""
    period = period_of_label(label)
    return period.sort_key if period else (0, 0, 0)


def period_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names periods ("6 tháng đầu năm 2023", "quý III/2021", "năm 2021", a bare
    "2021"), as (start, end) character spans in order: what a follow-up question replaces.
    Spans are found on the folded text, which has the same length as NFC text."""
    folded = fold(text)
    if len(folded) != len(text):
        return []
    spans = [(start, end) for start, end, _, _ in period_matches(folded)]
    for match in _BARE_YEAR.finditer(folded):
        if not any(start < match.end() and match.start() < end for start, end in spans):
            spans.append(match.span())
    return sorted(spans)


def find_years(text: str) -> list[int]:
    """Every year named in a text (also bare "2023" and dates such as "30/6/2023")."""
    years: list[int] = []
    for match in _BARE_YEAR.finditer(fold(text)):
        year = int(match.group(1))
        if year not in years:
            years.append(year)
    return years


def compared_years(text: str) -> list[int]:
    """Years a text names only as what a figure is compared with ("so với cùng kỳ năm 2022"):
    a sentence saying so is about a later period, not about that year."""
    folded = fold(text)
    compared = [int(match.group(1)) for match in _COMPARED_YEAR.finditer(folded)]
    if not compared:
        return []
    named_otherwise = set(find_years(_COMPARED_YEAR.sub(" ", folded)))
    return [year for year in dict.fromkeys(compared) if year not in named_otherwise]


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------

# "ngày 1 tháng 7 năm 2021", on folded text; the year is optional in running text ("ngày 1 tháng 7").
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_DATE_ISO = re.compile(r"\b" + _YEAR + r"-(\d{2})(?:-(\d{2}))?\b")
# A byline's date after its weekday, without "ngày": "Thứ Sáu, 7 tháng 2 năm 2025".
_DATE_WEEKDAY = re.compile(r"\b(?:thu (?:hai|ba|tu|nam|sau|bay)|chu nhat),?\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s+nam\s+\d{4})?")
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/" + _YEAR + r"\b")


# A day typed in slashes, without "ngày" or "đến" before it (those say what the day is).
_TYPED_DAY = re.compile(r"(?<!\w)(?<!ngày )(?<!ngay )(?<!đến )(?<!den )(?<!/)\d{1,2}/(?:1[0-2]|0?[1-9])/(?:19|20)\d\d\b")
_CUT_OFF_DAY = re.compile(r"\bden(?:\s+het)?\s+ngay\s+\d{1,2}\s+$")  # "tính đến ngày 31 tháng 8 năm 2009"
# a cut-off on the year's last day, on folded text: "den (het) (ngay) 31/12/2024", "den ngay 31 thang 12"
_YEAR_END_CUT_OFF = re.compile(r"\bden\s+(?:het\s+)?(?:ngay\s+)?31\s*(?:/\s*12\s*/|thang\s+12\b)")
_CUT_OFF_BEFORE = re.compile(r"\b(?:den|tu)(?:\s+ngay)?\s*$")  # "đến ngày 30/6/2023": a period's end


def without_dates(text: str) -> str:
    """The text without the dates it writes ("Đăng lúc 15:20, ngày 08 tháng 4 năm 2024", "Thứ Năm,
    07/04/2022"): a date says when something was written, not which period it is about. A cut-off
    ("đến ngày 30/6/2023", "tính đến 30 tháng 6 năm 2023") is a period's end and stays."""
    folded = fold(text)
    if len(folded) != len(text):
        return text
    # the four forms never overlap (words, slashes, hyphens, a weekday's date without "ngày")
    spans = sorted(
        match.span()
        for pattern in (_DATE_WORDS, _DATE_SLASH, _DATE_ISO, _DATE_WEEKDAY)
        for match in pattern.finditer(folded)
        if not _CUT_OFF_BEFORE.search(folded, 0, match.start())
    )
    return remove_spans(text, spans)


def find_date(text: str) -> str | None:
    """The first full date written in a text, as ISO "YYYY-MM-DD" (or "YYYY-MM")."""
    folded = fold(text)
    candidates: list[tuple[int, str]] = []
    for match in _DATE_WORDS.finditer(folded):
        if not match.group(3) or not YEAR.fullmatch(match.group(3)):
            continue
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if _valid(year, month, day):
            candidates.append((match.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    for match in _DATE_ISO.finditer(folded):
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if _valid(year, month, day or 1):
            text_date = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
            candidates.append((match.start(), text_date))
    for match in _DATE_SLASH.finditer(folded):
        day, month, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if _valid(year, month, day):
            candidates.append((match.start(), f"{year:04d}-{month:02d}-{day:02d}"))
    if not candidates:
        return None
    return min(candidates)[1]


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Figures as the grounding guard compares them
# ---------------------------------------------------------------------------------------------

_DIGITS = r"\d+(?:[.,]\d+)*"
# Decision / document numbers: 895/QĐ-TTg, 52/2021/NĐ-CP, 06/CT-TTg.
DOCUMENT_NUMBER = re.compile(r"(?<![\w/])\d+(?:/\d+)*/[A-ZĐ][A-Za-zĐđ]*(?:-[A-Za-zĐđ]+)*")
_DOCUMENT_WHOLE = re.compile(DOCUMENT_NUMBER.pattern + r"[\w-]*")  # "103/2016/QH13" with its last digits
# Dates and ratios written with slashes: 30/6/2023, 01/7, 63/63.
_SLASHED = re.compile(r"(?<![\w/.,])\d+(?:/\d+)+(?![\w/])")
_PERCENT = re.compile(r"(?<![\d.,])(" + _DIGITS + r")\s?%")
_STANDALONE_NUMBER = re.compile(r"(?<![\d.,])" + _DIGITS + r"(?![.,]?\d)")
# A year ("năm 2023") or a small count ("6 tháng") is in half the sentences of a report.
_WEAK_FIGURE = re.compile(r"(?:19|20)\d\d|\d{1,2}")


@dataclass(frozen=True)
class Figure:
    """A figure as written, and the key it is compared by."""

    text: str
    key: str


def stated_figures(text: str) -> list[Figure]:
    """Every figure in a text, in order: document numbers, slashed dates, dates in words,
    percentages, then the other numbers. Each is taken once (a number inside a date is the date)."""
    text = unicodedata.normalize("NFC", text)
    found: list[tuple[int, Figure]] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(start < e and s < end for s, e in taken)

    def take(start: int, end: int, figure: Figure) -> None:
        taken.append((start, end))
        found.append((start, figure))

    for match in DOCUMENT_NUMBER.finditer(text):
        take(*match.span(), Figure(match.group(0), _document_key(match.group(0))))
    for match in _SLASHED.finditer(text):
        if free(*match.span()):
            take(*match.span(), Figure(match.group(0), _slashed_key(match.group(0).split("/"))))
    # fold() keeps the length of NFC Vietnamese text, so spans found on it are spans of `text`.
    folded = fold(text)
    for match in _DATE_WORDS.finditer(folded) if len(folded) == len(text) else ():
        if free(*match.span()):
            parts = [part for part in match.groups() if part]
            take(*match.span(), Figure(text[match.start() : match.end()], _slashed_key(parts)))
    for match in _PERCENT.finditer(text):
        if free(*match.span()):
            take(*match.span(), Figure(match.group(0), match.group(1) + "%"))
    for match in _STANDALONE_NUMBER.finditer(text):
        if free(*match.span()):
            take(*match.span(), Figure(match.group(0), match.group(0)))
    return [figure for _, figure in sorted(found, key=lambda item: item[0])]


def figure_keys(text: str) -> set[str]:
    """What a passage can ground: its figures' keys, plus the bare number of each percentage
    ("77,1 phần trăm" quotes "77,1%") and the year of each date ("năm 2023" from "30/6/2023")."""
    keys: set[str] = set()
    for figure in stated_figures(text):
        keys.add(figure.key)
        if figure.key.endswith("%"):
            keys.add(figure.key[:-1])
        elif "/" in figure.key:
            last = figure.key.split("/")[-1]
            if len(last) == 4 and last.isdigit():
                keys.add(last)
    return keys


def is_weak_figure(key: str) -> bool:
    """A year or a one- or two-digit count: too common to tell one sentence from another."""
    return bool(_WEAK_FIGURE.fullmatch(key))


def _slashed_key(parts: list[str]) -> str:
    """01/7/2021 and 1/7/2021 and "ngày 1 tháng 7 năm 2021" are one date."""
    return "/".join(str(int(part)) for part in parts)


def _document_key(text: str) -> str:
    numbers_part, _, rest = text.partition("/")
    head = [numbers_part]
    tail = rest.split("/")
    while tail and tail[0].isdigit():
        head.append(tail.pop(0))
    return "/".join(str(int(part)) for part in head) + "/" + "/".join(tail).upper()

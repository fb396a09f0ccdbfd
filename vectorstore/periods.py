"""Reporting periods as Vietnamese reports and questions name them.

"6 tháng đầu năm 2023", "6 thang cuoi nam 2021", "quý III/2021", "9 tháng năm 2022",
"năm 2021": the same parser reads a report's title and an official's question, so the
assistant can prefer the report of the period that was asked about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vectorstore.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
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
_YEAR = r"((?:19|20)\d\d)"

# On folded text, so "6 thang dau nam 2023" and "6 tháng đầu năm 2023" read the same.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("h1", re.compile(r"\b(?:6|sau) thang dau nam(?:\s*,?\s*" + _YEAR + r")?")),
    ("h1", re.compile(r"\bnua dau nam(?:\s*" + _YEAR + r")?")),
    ("h2", re.compile(r"\b(?:6|sau) thang cuoi nam(?:\s*" + _YEAR + r")?")),
    ("h2", re.compile(r"\bnua cuoi nam(?:\s*" + _YEAR + r")?")),
    ("9m", re.compile(r"\b9 thang (?:dau )?nam(?:\s*" + _YEAR + r")?")),
    ("q", re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*" + _YEAR)),
    ("year", re.compile(r"\bnam\s+" + _YEAR + r"\b")),
]
_BARE_YEAR = re.compile(r"(?<![\d.,])" + _YEAR + r"(?![\d.,]\d)")
# "… tăng 5,5% so với cùng kỳ năm 2025", "so với năm 2020": the year a figure is compared with.
_COMPARED_YEAR = re.compile(r"\b(?:so voi|so cung ky|cung ky)\b[^.;:!?]{0,30}?(?<![\d.,])" + _YEAR + r"(?![\d.,]\d)")
_DATE_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+" + _YEAR)
_DATE_ISO = re.compile(r"\b" + _YEAR + r"-(\d{2})(?:-(\d{2}))?\b")
_DATE_SLASH = re.compile(r"\b(\d{1,2})/(\d{1,2})/" + _YEAR + r"\b")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: a year and which part of it."""

    year: int
    part: str = "year"

    @property
    def label(self) -> str:
        return _PART_LABELS.get(self.part, "năm {year}").format(year=self.year)

    def overlaps(self, other: Period) -> bool:
        """Same year, and either one is the whole year or the parts are equal."""
        if self.year != other.year:
            return False
        return "year" in (self.part, other.part) or self.part == other.part


def find_periods(text: str) -> list[Period]:
    """Periods named in a text, in order of appearance, without repeats.

    A part without its own year takes the next year named ("6 tháng đầu năm, định hướng 6 tháng
    cuối năm 2021" names both halves of 2021).
    """
    folded = fold(text)
    found: list[tuple[int, Period | None, str]] = []  # (position, period, part when year missing)
    taken: list[tuple[int, int]] = []
    for part, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            if part == "q":
                quarter = match.group(1)
                number = _ROMAN.get(quarter) or int(quarter)
                found.append((match.start(), Period(int(match.group(2)), f"q{number}"), ""))
            elif match.lastindex and match.group(match.lastindex):
                found.append((match.start(), Period(int(match.group(match.lastindex)), part), ""))
            else:
                found.append((match.start(), None, part))
    found.sort(key=lambda item: item[0])
    periods: list[Period] = []
    for index, (position, period, part) in enumerate(found):
        if period is None:
            later = next((p for pos, p, _ in found[index + 1 :] if p is not None and pos - position < 80), None)
            if later is None:
                continue
            period = Period(later.year, part)
        if period not in periods:
            periods.append(period)
    return periods


def period_spans(text: str) -> list[tuple[int, int]]:
    """Where a text names periods ("6 tháng đầu năm 2023", "quý III/2021", "năm 2021", a bare
    "2021"), as (start, end) character spans in order: what a follow-up question replaces.
    Spans are found on the folded text, which has the same length as NFC text."""
    folded = fold(text)
    if len(folded) != len(text):
        return []
    spans: list[tuple[int, int]] = []
    for _, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            if not any(start < match.end() and match.start() < end for start, end in spans):
                spans.append(match.span())
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


def find_date(text: str) -> str | None:
    """The first date written in a text, as ISO "YYYY-MM-DD" (or "YYYY-MM")."""
    folded = fold(text)
    candidates: list[tuple[int, str]] = []
    for match in _DATE_WORDS.finditer(folded):
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

"""What a report's sentence states: which indicator, what value, for which period, of which kind.

A ministry reports the same indicators period after period, so a figure is only an answer together
with its period and its kind. Read from one sentence (a bullet, a table row) and where it stands:

- **period**: the period the sentence names for itself ("6 tháng đầu năm 2021, doanh thu …"), else its
  section's ("Nhiệm vụ trọng tâm 6 tháng cuối năm 2023"), else its report's. A part without a year
  ("tính đến hết quý II") takes the report's year.
- **kind**: `result` (a value reached or estimated), `target` (a plan, goal or horizon: "phấn đấu",
  "mục tiêu", a section of tasks, a directive), `change` ("tăng 5,48% so với cùng kỳ"), `share` ("đạt
  43,78% kế hoạch"), `base` (the comparison base's own value: "so với cùng kỳ tháng 6/2022 (704.939
  địa chỉ)" states 704.939 for June 2022).
- **indicator**: the words before the value, as written ("Doanh thu dịch vụ bưu chính"); a table row
  "Chỉ tiêu — Kế hoạch năm 2025: 100%; Thực hiện 10 tháng: 97,2%" gives one statement per cell, each
  with its column's period and kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vectorstore.figures import YEAR, Period, find_periods, period_matches, period_spans
from vectorstore.text import fold, strip_bullet

Kind = str  # "result" | "target" | "change" | "share" | "base"

# A number as written, and up to three words of unit after it ("27.477 tỷ đồng", "57,6%", "6.362 cuộc").
_VALUE = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)(\s?%|(?:\s+[^\W\d_]+){0,3}(?:/\d*\s?[^\W\d_]+)?)")
_UNIT_STOP = frozenset(
    "tăng giảm so và với đạt là của trong tại khi đến từ còn bằng gấp tương ứng chiếm năm tháng quý ngày "
    "kế hoạch cùng kỳ trên dưới hơn gần khoảng đối với theo".split()
)
_CHANGE_BEFORE = re.compile(r"\b(?:tang|giam|tang truong|giam xuong|tang them|cao hon|thap hon)\s*(?:khoang|gan|tren|hon)?\s*$")
_SHARE_AFTER = re.compile(r"^\s*%?\s*(?:so voi\s+)?(?:ke hoach|chi tieu|muc tieu)\b")
# "so với cùng kỳ năm 2022 (5.127.676 chứng thư số)", "so với tháng 5/2023 (577.006 địa chỉ)"
_BASE = re.compile(r"\bso voi\s+(?:cung ky\s*)?([^()]{0,40}?)\s*\(\s*(\d+(?:[.,]\d+)*)([^()]{0,40})\)")
_SAME_PERIOD_LAST_YEAR = re.compile(r"\b(?:cung ky|nam truoc|nam ngoai)\b")
_LEAD_VERBS = re.compile(
    r"(?:\s|,)*(?:\b(?:uoc|dat|duoc|la|co|khoang|gan|tren|hon|chi|vao|len|xuong|con|dat muc|bang|"
    r"tong cong|tat ca|ca nuoc|hien|da|uoc tinh|tinh den het|tinh den|den het|den nay)\b(?:\s|,)*)*[:\-–]?\s*$"
)
# A clause that opens with a goal: "(mục tiêu năm 2023 là 100%)" in a sentence of results.
_TARGET_CLAUSE = re.compile(r"\s*(?:phan dau|muc tieu|chi tieu|ke hoach)\b\s*")
# A goal stated: "phấn đấu", "mục tiêu", "chỉ tiêu", "dự kiến", a horizon "đến năm 2025".
_TARGET_WORDS = re.compile(r"\b(?:phan dau|muc tieu|chi tieu|du kien|dinh huong|huong toi|se dat|den nam (?:19|20)\d\d)\b")
# A plan named for a period ("kế hoạch năm 2023 là …"): a target unless the sentence says what was reached.
_PLAN_WORDS = re.compile(r"\bke hoach (?:nam|giai doan|den)\b")
# A share of the plan reached ("đạt 43,78% kế hoạch năm 2023"): a result, though it names the plan.
_SHARE_OF_PLAN = re.compile(r"\d\s*%\s*(?:so voi\s+)?(?:ke hoach|chi tieu|muc tieu)\b")
# What was reached: an estimate, a comparison with a past period, a share of the plan reached.
_RESULT_WORDS = re.compile(
    r"\b(?:uoc dat|da dat|dat duoc|uoc tinh|uoc khoang|so voi cung ky|thuc hien duoc)\b"
    r"|\d\s*%\s*(?:so voi\s+)?(?:ke hoach|chi tieu|muc tieu)|\b(?:tang|giam)\b[^.;]{0,30}\bso voi\b"
)
# A plan reached or exceeded is a result even though it names the plan.
_PLAN_REACHED = re.compile(r"\b(?:vuot|hoan thanh|dat va vuot)\s+(?:muc tieu|ke hoach|chi tieu)\b")
_TARGET_SECTION = re.compile(r"\b(?:nhiem vu|dinh huong|phuong huong|ke hoach|muc tieu|chi tieu|giai doan toi)\b")
_TARGET_DOCUMENT = re.compile(r"^(?:chi thi|ke hoach|nghi quyet|chuong trinh|chien luoc|de an|dinh huong)\b")
_ROW = re.compile(r"^(?P<indicator>[^—]{3,}?)\s+—\s+(?P<cells>.+)$")
_CELL = re.compile(r"(?P<header>[^:;]{1,60}):\s*(?P<value>[^;]+)")


@dataclass(frozen=True)
class Statement:
    """One figure of a sentence, read with its indicator, period and kind."""

    indicator: str
    value: str
    unit: str
    period: Period | None
    kind: Kind
    sentence: str

    @property
    def figure(self) -> str:
        """The value as the report writes it, with its unit: "27.477 tỷ đồng", "57,6%"."""
        return f"{self.value}{self.unit}" if self.unit == "%" else f"{self.value} {self.unit}".strip()


@dataclass(frozen=True)
class Context:
    """Where a sentence stands: its section's period (else the report's), its heading path, the report title."""

    period: Period | None = None
    section: str = ""
    title: str = ""

    @property
    def target(self) -> bool:
        """A section of tasks or orientations, or a directive: its figures are targets by default."""
        return bool(_TARGET_SECTION.search(fold(self.section)) or _TARGET_DOCUMENT.match(fold(self.title).strip()))


def sentence_period(sentence: str, context: Context) -> Period | None:
    """The period a sentence states its figures for (see the module docstring)."""
    own = _own_periods(sentence, context)
    return own[0] if own else context.period


def sentence_kind(sentence: str, context: Context) -> Kind:
    """'target' or 'result': what the sentence's main figures are."""
    folded = fold(sentence)
    if _PLAN_REACHED.search(folded) or _SHARE_OF_PLAN.search(folded):
        return "result"
    if _TARGET_WORDS.search(folded):
        return "target"  # "phấn đấu", "mục tiêu đạt 90-100%", "đến năm 2025"
    if _RESULT_WORDS.search(folded):
        return "result"
    return "target" if _PLAN_WORDS.search(folded) or context.target else "result"


def read_statements(sentence: str, context: Context) -> list[Statement]:
    """Every figure the sentence states, in order, with its indicator, period and kind."""
    text = strip_bullet(sentence).strip()
    row = _ROW.match(text)
    if row and _CELL.search(row.group("cells")):
        return _row_statements(text, row.group("indicator").strip(), row.group("cells"), context)
    folded = fold(text)
    if len(folded) != len(text):  # fold() keeps NFC Vietnamese text's length; spans need it
        return []
    mentions = _own_mentions(folded, context)
    sentence_own = mentions[0][1] if mentions else context.period
    kind = sentence_kind(text, context)
    skip = _period_spans(folded) + _document_spans(text)
    bases = {match.start(2): match for match in _BASE.finditer(folded)}
    statements: list[Statement] = []
    indicator = ""
    for match in _VALUE.finditer(text):
        start, end = match.span(1)
        if any(a <= start < b for a, b in skip) or YEAR.fullmatch(match.group(1)):
            continue
        unit = _unit(match.group(2))
        before, after = folded[:start], folded[match.end(1) :]
        period = _period_at(start, folded, mentions, sentence_own)
        if start in bases:
            base = bases[start]
            base_period = _base_period(base.group(1), period, context)
            statements.append(
                Statement(indicator or _indicator(text[: base.start()]), match.group(1), unit or _unit(" " + text[base.end(2) : base.end(3)]), base_period, "base", text)
            )
            continue
        if _SHARE_AFTER.match(after) and unit == "%":
            figure_kind: Kind = "share"
        elif _CHANGE_BEFORE.search(before) and (unit == "%" or after.lstrip().startswith("lan")):
            figure_kind = "change"
        else:
            figure_kind = _clause_kind(before, after, kind)
            # Each value of the sentence's own kind names its indicator in its clause ("…; sản lượng
            # bưu gửi đạt 590 triệu"); a bare continuation ("…, 100% xã phường") keeps the last one.
            inside_brackets = text.count("(", 0, start) > text.count(")", 0, start)
            if not indicator or (not inside_brackets and _names_its_indicator(folded[:start])):
                indicator = _indicator(text[:start], text[match.end() :]) or indicator
        named = indicator or _indicator(text[:start])
        if statements and (not named or _TARGET_CLAUSE.fullmatch(fold(named))):
            named = statements[0].indicator  # "(mục tiêu năm 2023 là 100%)": the sentence's indicator
        statements.append(Statement(named, match.group(1), unit, period, figure_kind, text))
    return statements


def _clause_kind(before: str, after: str, kind: Kind) -> Kind:
    """A value's kind where a sentence mixes them: "(mục tiêu năm 2023 là 100%)" is a target in a
    sentence of results; "đạt 100 tỷ đồng, mục tiêu là 120 tỷ đồng" reached 100 and aimed at 120."""
    clauses_before = re.split(r"[;(]|,\s", before)
    if _TARGET_CLAUSE.match(clauses_before[-1]):
        return "target"
    if kind == "target" and not _TARGET_WORDS.search(before):
        own_clause = re.split(r"[;()]|,\s", after)[0]
        next_clause = re.split(r"[;(]|,\s", after, maxsplit=1)[-1]
        if not _TARGET_WORDS.search(own_clause) and _TARGET_CLAUSE.match(next_clause) and re.search(r"\d", next_clause):
            return "result"
    return kind


def _row_statements(text: str, indicator: str, cells: str, context: Context) -> list[Statement]:
    """A table row: each "header: value" cell is one statement, with the header's period and kind."""
    statements: list[Statement] = []
    year = context.period.year if context.period else None
    for cell in _CELL.finditer(cells):
        header, value_text = cell.group("header").strip(), cell.group("value").strip()
        value = _VALUE.search(value_text)
        if not value or YEAR.fullmatch(value.group(1)):
            continue
        header_periods = find_periods(header, year)
        period = header_periods[0] if header_periods else context.period
        kind: Kind = "target" if _TARGET_WORDS.search(fold(header)) or "ke hoach" in fold(header) else "result"
        statements.append(Statement(indicator, value.group(1), _unit(value.group(2)), period, kind, text))
    return statements


def _own_periods(sentence: str, context: Context) -> list[Period]:
    """Periods the sentence names for itself: not those it compares with, nor a plan's year."""
    return [period for _, period in _own_mentions(fold(sentence), context)]


def _own_mentions(folded: str, context: Context) -> list[tuple[int, Period]]:
    """(position, period) of each period the folded sentence names for itself."""
    kept = _COMPARISON.sub(lambda match: " " * len(match.group(0)), folded)
    year = context.period.year if context.period else None
    mentions: list[tuple[int, Period]] = []
    for start, end, _, _ in period_matches(kept):
        found = find_periods(kept[start:end], year)
        if found:
            mentions.append((start, found[0]))
    return mentions


def _period_at(position: int, folded: str, mentions: list[tuple[int, Period]], default: Period | None) -> Period | None:
    """The period a figure at `position` belongs to: the one its clause names (nearest before it,
    else after it), else the sentence's first, else the context's ("Năm 2019 … đạt X; năm 2020 đạt Y")."""
    start = folded.rfind(";", 0, position) + 1
    end = folded.find(";", position)
    end = len(folded) if end < 0 else end
    before = [period for at, period in mentions if start <= at < position]
    after = [period for at, period in mentions if position <= at < end]
    if before:
        return before[-1]
    if after:
        return after[0]
    return mentions[0][1] if mentions else default


# What a sentence compares with, or the plan it measures against, up to the year it names: never the
# sentence's own period.
_COMPARISON = re.compile(
    r"\b(?:so voi|so cung ky|cung ky|ke hoach|chi tieu)\b(?:[^.;:()]{0,40}?(?:19|20)\d\d\b|[^.;:()\d]{0,25})"
)


def _base_period(words: str, own: Period | None, context: Context) -> Period | None:
    """The period a comparison base names ("cùng kỳ năm 2022", "tháng 5/2023", "cùng kỳ"), read
    against the sentence's own period (the same part of the year named, or of the year before)."""
    named = find_periods(words, own.year if own else None)
    if named:
        base = named[0]
        if own and base.part == "year" and own.part != "year" and not re.search(r"\bca nam\b", words):
            return Period(base.year, own.part)  # "cùng kỳ năm 2022" in a half-year report: that half of 2022
        return base
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", words)]
    if years and own:
        return Period(years[0], own.part)
    if own and _SAME_PERIOD_LAST_YEAR.search(words):
        return own.shifted(-1)
    return None


def _period_spans(folded: str) -> list[tuple[int, int]]:
    return period_spans(folded)


def _document_spans(text: str) -> list[tuple[int, int]]:
    """Decision and document numbers ("895/QĐ-TTg"), dates ("30/6/2023"): not values of an indicator."""
    spans = [m.span() for m in re.finditer(r"(?<![\w/])\d+(?:/\d+)*/[A-ZĐ][\w-]*", text)]
    spans += [m.span() for m in re.finditer(r"(?<![\w/.,])\d{1,2}/\d{1,2}/(?:19|20)\d\d\b", text)]
    return spans


def _unit(words: str) -> str:
    """The unit after a number: "%" or its first words until a verb or a connective."""
    if words.strip() == "%":
        return "%"
    kept: list[str] = []
    for word in words.split():
        if word.lower() in _UNIT_STOP:
            break
        kept.append(word)
    return " ".join(kept)


def _indicator(before: str, after: str = "") -> str:
    """The indicator a value belongs to: the words before it in its clause, without the verb, the
    periods and what it is compared with. "Đạt tỷ lệ 90% người sử dụng … có smartphone" names it
    after the value: a bare measure word before it takes the words that follow."""
    clause = re.split(r"[;(]|,\s|\.\s", before)[-1]
    clause = re.sub(r"^\s*(?:[-+•]\s*)?", "", clause)
    clause = _cut(clause, _INDICATOR_TAIL)
    spans = _period_spans(fold(clause))
    for start, end in reversed(spans):
        clause = clause[:start] + clause[end:]
    clause = re.sub(r"\s{2,}", " ", clause)
    folded = fold(clause)
    trimmed = _LEAD_VERBS.search(folded)
    clause = clause[: trimmed.start()] if trimmed else clause
    lead = _LEADING_VERB.match(fold(clause))
    if lead:
        clause = clause[lead.end() :]
    clause = clause.strip(" ,:-–")
    while clause and fold(clause.split()[-1]) in _DANGLING:  # "đến [năm 2025]": the period went
        clause = " ".join(clause.split()[:-1])
    if (not clause or fold(clause) in _MEASURE_WORDS) and after:
        following = re.split(r"[,;.()]", after, maxsplit=1)[0].strip()
        clause = f"{clause} {following}".strip()
    return clause


_DANGLING = frozenset({"den", "toi", "vao", "trong", "cuoi", "dau", "nam", "het"})


def _names_its_indicator(folded_before: str) -> bool:
    """Whether the clause before a value reads "<indicator> đạt|là|ước đạt …" (its own subject)."""
    clause = re.split(r"[;(]|,\s|\.\s", folded_before)[-1]
    verb = _LEAD_VERBS.search(clause)
    subject = clause[: verb.start()] if verb else ""
    return bool(verb and verb.group(0).strip(" ,") and len(subject.split()) >= 2)


def _cut(text: str, pattern: re.Pattern[str]) -> str:
    """`text` up to where `pattern` matches in its folded form (same length as NFC text)."""
    match = pattern.search(fold(text))
    return text[: match.start()] if match else text


_INDICATOR_TAIL = re.compile(r"\bso voi\b.*$|\b(?:tang|giam|tang truong)\s*$")
_LEADING_VERB = re.compile(r"^(?:phan dau dat|phan dau|dat|co|hoan thanh|duy tri|tiep tuc)\s+")
_MEASURE_WORDS = frozenset({"ty le", "so", "so luong", "tong so", "muc", "chi so", "thu hang", ""})

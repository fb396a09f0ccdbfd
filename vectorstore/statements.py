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
from dataclasses import dataclass, replace

from vectorstore.figures import YEAR, Period, find_periods, months_to, period_matches, period_spans, with_unit
from vectorstore.records import SECTION_SEPARATOR
from vectorstore.text import chunk_sentences, fold, strip_bullet

Kind = str  # "result" | "target" | "change" | "share" | "base"

# A number as written, and up to three words of unit after it ("27.477 tỷ đồng", "57,6%", "6.362 cuộc").
_VALUE = re.compile(r"(?<![\w/.,])(\d+(?:[.,]\d+)*)(?![\w/]|[.,]\d)(\s?%|(?:\s+[^\W\d_]+){0,3}(?:/(?:\d{1,3}(?:\.\d{3})*)?\s?[^\W\d_]+)?)")
_UNIT_STOP = frozenset(
    "tăng giảm so và với đạt là của trong tại khi đến từ còn bằng gấp tương ứng chiếm năm tháng quý ngày "
    "kế hoạch cùng kỳ trên dưới hơn gần khoảng đối với theo".split()
)
# A rank or a ratio as written: "88/193" (the 88th of 193), "63/63 tỉnh" — never a date ("30/6", "6/2022").
_RANK = re.compile(r"(?<![\w/.,])(\d{1,3}/(?:1[3-9]|[2-9]\d|\d{3}))(?![\w/]|[.,]\d)((?:\s+[^\W\d_]+){0,3})")
# A count of a whole written as a fraction of it, the whole under 13 ("6/7 cơ sở dữ liệu quốc gia",
# "9/11 chỉ tiêu"): the same shape as a day's date ("từ ngày 6/7", "1/7, …"), told from one by the
# thing counted right after it, and by no word of a date before it (`_fractions`).
_FRACTION = re.compile(r"(?<![\w/.,])(\d{1,2}/(?:[2-9]|1[0-2]))(?![\w/]|[.,]\d)((?:\s+[^\W\d_]+){1,3})")
_DATE_BEFORE = re.compile(r"\b(?:ngay|mung|tu|den|truoc|sau|vao|hom|thang|dip|le|toi|sang|chieu|trua)\s*$")
_DATE_AFTER = re.compile(r"\s+(?:nam|toi|den|nay|vua|qua|va|hoac|hang|moi|luc|sang|chieu)\b")
# A table, annex, figure or article referred to by its number: "như Bảng 1", "tại Phụ lục 2" (as written:
# folded, "bảng" is also "bằng", a ratio's "bằng 107%").
_REFERENCE_BEFORE = re.compile(r"\b(?:[Bb]ảng|[Bb]iểu|[Pp]hụ lục|[Hh]ình|[Đđ]iều|[Kk]hoản|[Cc]hương)\s$")
# A number that is a label, not a figure: "cơn bão số 3", "lần thứ 4".
_LABEL_BEFORE = re.compile(r"\b(?:so|lan thu|khoa|ky hop thu)\s$")
# A change, or a multiple of another period ("gấp khoảng 2,8 lần năm 2019"): not the period's level.
_CHANGE_BEFORE = re.compile(r"\b(?:tang|giam|tang truong|giam xuong|tang them|cao hon|thap hon|gap)\s*(?:khoang|gan|tren|hon)?\s*$")
# What a percentage is of, written after it ("80,4% dân số", "18,3% GDP"): part of its unit, as an
# annex's "ĐVT: % dân số" is, so the sentence and the annex row name the same measure.
_PERCENT_OF = re.compile(r"\s+(dan so|gdp|ho gia dinh|nguoi dan)\b")
# A plan named: "kế hoạch", "chỉ tiêu", "mục tiêu", the reports' "KH".
_PLAN_WORD = r"(?:ke hoach|chi tieu|muc tieu|kh)\b"
_SHARE_AFTER = re.compile(r"^\s*%?\s*(?:so voi\s+)?" + _PLAN_WORD)
# "so với cùng kỳ năm 2022 (5.127.676 chứng thư số)", "so với tháng 5/2023 (577.006 địa chỉ)"
_BASE = re.compile(r"\bso voi\s+(?:cung ky\s*)?([^()]{0,40}?)\s*\(\s*(\d+(?:[.,]\d+)*)([^()]{0,40})\)")
# "… đạt 86,4% (năm 2023: 67,2%)", "(cùng kỳ năm 2023: 39,21%)", "(năm 2022 là 14,26%)", "(cuối năm
# 2023: 68,9%)": a bracketed period's own value.
_BRACKET_END = r"(?:(?:cuoi|het|den het|tinh den(?: het)?)\s+)?"
_BRACKET_BASE = re.compile(
    r"\(\s*((?:cung ky\s*)?" + _BRACKET_END + r"(?:nam|quy|thang|nua|\d{1,2}\s*thang)[^():]{0,30}?|cung ky)\s*(?::|\bla\b)\s*(\d+(?:[.,]\d+)*)([^();]{0,40})"
)
# A figure measured against another period, written after it: "… so với cùng kỳ", "% cùng kỳ năm trước".
_MEASURED_AGAINST = re.compile(r"[^;.()]{0,30}?\b(?:so voi|so cung ky|cung ky|nam truoc|ky truoc|quy truoc|thang truoc)\b")
_RATIO_BEFORE = re.compile(r"\bbang\s*$")
# "…, cùng kỳ năm 2023 là 22,3 triệu": a clause of its own giving the base period's value.
_CLAUSE_BASE = re.compile(
    r"[,;]\s*((?:so voi\s+)?cung ky(?:\s+nam\s+(?:truoc|ngoai|(?:19|20)\d\d))?)\s*(?::|\bla\b|\bdat\b|\bchi\b)\s*(\d+(?:[.,]\d+)*)([^();,]{0,40})"
)
_SAME_PERIOD_LAST_YEAR = re.compile(r"\b(?:cung ky|nam truoc|nam ngoai)\b")
_LEAD_VERBS = re.compile(
    r"(?:\s|,)*(?:\b(?:uoc|dat|duoc|la|co|khoang|gan|tren|hon|chi|vao|len|xuong|con|dat muc|bang|"
    r"tong cong|tat ca|ca nuoc|hien|da|uoc tinh|tinh den het|tinh den|den het|den nay)\b(?:\s|,)*)*[:\-–]?\s*$"
)
# A clause that opens with a goal: "(mục tiêu năm 2023 là 100%)" in a sentence of results.
_TARGET_CLAUSE = re.compile(r"\s*(?:phan dau|muc tieu|chi tieu|ke hoach)\b\s*")
# A goal stated: "phấn đấu", "mục tiêu", "chỉ tiêu", "dự kiến", a horizon "đến năm 2025".
_TARGET_WORDS = re.compile(
    r"\b(?:phan dau|muc tieu|chi tieu|du kien|dinh huong|huong toi|(?<!chia )se dat|(?:dat|de ra|dat ra|giao) ke hoach)\b"
)
# A plan named for a period ("kế hoạch năm 2023 là …"): a target unless the sentence says what was reached.
_PLAN_WORDS = re.compile(r"\bke hoach (?:nam|giai doan|den)\b")
# A share of the plan reached ("đạt 43,78% kế hoạch năm 2023"): a result, though it names the plan.
_SHARE_OF_PLAN = re.compile(r"\d\s*%\s*(?:so voi\s+)?" + _PLAN_WORD)
# What was reached: an estimate, a comparison with a past period, a share of the plan reached.
_RESULT_WORDS = re.compile(
    r"\b(?:uoc dat|da dat|dat duoc|uoc tinh|uoc khoang|so voi cung ky|thuc hien duoc)\b"
    r"|\d\s*%\s*(?:so voi\s+)?(?:ke hoach|chi tieu|muc tieu)|\b(?:tang|giam)\b[^.;]{0,30}\bso voi\b"
)
# A plan reached or exceeded is a result even though it names the plan.
_PLAN_REACHED = re.compile(r"\b(?:vuot|hoan thanh|dat va vuot)\s+(?:muc tieu|ke hoach|chi tieu)\b")
_TARGET_SECTION = re.compile(r"\b(?:nhiem vu|dinh huong|phuong huong|ke hoach|muc tieu|chi tieu|giai doan toi)\b")
_TARGET_DOCUMENT = re.compile(r"^(?:chi thi|ke hoach|nghi quyet|chuong trinh|chien luoc|de an|dinh huong)\b")
# A table cell whose figure OCR read two ways (`ingest.ocr`): its text stays, but it is no figure.
UNCERTAIN = "(?)"
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
        """The value as the report writes it, with its unit: "27.477 tỷ đồng", "57,6%". A unit cut
        inside a longer name ("75.410 doanh nghiệp công [nghệ số]" reads as public enterprises) is
        shown up to the unit it opens with ("75.410 doanh nghiệp")."""
        return with_unit(self.value, _shown_unit(self.unit, self.value, self.sentence))


@dataclass(frozen=True)
class Context:
    """Where a sentence stands: its period (its paragraph's, its list's, its section's, else the
    report's), its heading path, the report title, and the lead-in of the list it is an item of."""

    period: Period | None = None
    section: str = ""
    title: str = ""
    lead: str = ""  # "Mục tiêu đến năm 2025:" for the items under it

    @property
    def target(self) -> bool:
        """Under a lead-in or heading of tasks, goals or orientations, or in a directive: figures are
        targets by default. The nearest lead-in or heading that says either way decides ("Kết quả
        thực hiện nhiệm vụ …" is results; "II. Phương hướng, nhiệm vụ …" under it, targets)."""
        undecided = False
        for text in (self.lead, *reversed(self.section.split(SECTION_SEPARATOR))):
            kind = heading_kind(text)
            if kind == "target" and set(_TARGET_SECTION.findall(fold(text))) == {"chi tieu"}:
                # "1. Các chỉ tiêu chủ yếu": "chỉ tiêu" is also what an indicator is called; under
                # "I. KẾT QUẢ NĂM 2023" these are the indicators' results, under a plan its targets
                if _COUNTED_TO_A_DAY.search(fold(text)):
                    return False  # "III. MỘT SỐ CHỈ TIÊU TÍNH ĐẾN 31/3/2025": as they stood that day
                if _after_the_reports_own_year(text, self.title):
                    return True  # "II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023" in the review of 2022: next year's targets
                undecided = True
                continue
            if kind is not None:
                return kind == "target"
        return undecided or bool(_TARGET_DOCUMENT.match(fold(self.title).strip()))


def _after_the_reports_own_year(heading: str, title: str) -> bool:
    """Whether a heading names only years after the first one its report's title names (the year it
    reviews): "CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023" in "Báo cáo tổng kết công tác năm 2022 và triển khai
    nhiệm vụ năm 2023"."""
    named, reviewed = find_periods(heading), find_periods(title)
    return bool(named and reviewed) and all(period.year > reviewed[0].year for period in named)


# A day counted to: "tính đến 31/3/2025", "đến hết ngày 30/6/2024".
_COUNTED_TO_A_DAY = re.compile(r"\bden (?:het )?(?:ngay )?\d{1,2}\s*/\s*\d{1,2}\b")
# … and a lead-in stating what was reached ("… đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:")
_RESULT_HEADING = re.compile(r"\b(?:ket qua|tinh hinh|danh gia|so ket|tong ket|thuc trang|da dat|(?:uoc )?dat (?:khoang |gan |hon )?\d)")


def heading_kind(text: str) -> Kind | None:
    """'target' or 'result' for a heading or lead-in that says which (the first word that does), else None."""
    folded = fold(text)
    result, target = _RESULT_HEADING.search(folded), _TARGET_SECTION.search(folded)
    if result and (not target or result.start() < target.start()):
        return "result"
    return "target" if target else None


def sentence_contexts(text: str, context: Context) -> list[Context]:
    """The context of each sentence of a chunk (in `chunk_sentences` order).

    A list's lead-in ("Năm 2018, Bộ đặt mục tiêu:") gives the items under it its period and, when
    it names goals, the kind of their figures. In running text a sentence that names no period
    takes the last one its paragraph named ("Năm 2023, doanh thu … Bưu gửi TMĐT chiếm khoảng 80%").
    """
    contexts: list[Context] = []
    lead, lead_period = "", None
    named: Period | None = None
    for _, position, sentence in chunk_sentences(text):
        item = strip_bullet(sentence) != sentence
        if position == 0:
            named = None
            if not item and not sentence.rstrip().endswith(":"):
                lead, lead_period = "", None  # a line of running text ends the list
        own = own_periods(sentence, replace(context, lead=lead, period=lead_period or context.period))
        period = named or lead_period or context.period
        contexts.append(replace(context, lead=lead, period=period))
        if own:
            # "Thực hiện Quy hoạch … đến năm 2025, đến hết năm 2019 cả nước có …": the next sentence
            # goes on about 2019, not about the plan's horizon after the report's own period
            reported = context.period.year if context.period else None
            named = next((period for period in own if reported is None or period.year <= reported), own[0])
        if sentence.rstrip().endswith(":"):
            lead, lead_period = strip_bullet(sentence).strip(), own[0] if own else lead_period
    return contexts


def sentence_period(sentence: str, context: Context) -> Period | None:
    """The period a sentence states its figures for (see the module docstring)."""
    own = own_periods(sentence, context)
    return own[0] if own else context.period


def sentence_kind(statements: list[Statement] | tuple[Statement, ...]) -> Kind:
    """'target' when every figure a sentence states for itself is a goal, else 'result'."""
    own = [statement.kind for statement in statements if statement.kind != "base"]
    return "target" if own and all(kind == "target" for kind in own) else "result"


def _value_kind(before: str, context: Context, after: str = "", written: str = "") -> Kind:
    """A value's kind, from what comes before it in its sentence (closed brackets aside): after a
    goal ("phấn đấu", "mục tiêu", "đặt kế hoạch", "kế hoạch năm 2023", a horizon "đến năm 2025"
    later than the report's period) that no word of what was reached follows ("ước đạt", "hoàn
    thành mục tiêu", "so với cùng kỳ"), a target; with neither, what its place says (a section or
    a list of tasks holds targets). "… giảm từ 5.596 tỷ xuống 2.424 tỷ đồng nhưng vẫn đảm bảo mục
    tiêu" states results: the goal comes after them."""
    visible = _CLOSED_BRACKETS.sub(lambda match: " " * len(match.group(0)), before)
    report_year = context.period.year if context.period else None
    goals = [m.start() for pattern in (_TARGET_WORDS, _PLAN_WORDS) for m in pattern.finditer(visible)]
    # a horizon ("Quy hoạch … đến năm 2025") followed by what stands now ("đến hết năm 2019 cả nước có
    # 851 …", "đến nay") sets the scene of a result, not a goal
    now = [
        m.start() for m in _CUT_OFF_NOW.finditer(visible)
        if m.group(1) is None or report_year is None or int(m.group(1)) <= report_year
    ]
    goals += [
        m.start() for m in _HORIZON.finditer(visible)
        if (report_year is None or int(m.group(1)) > report_year) and not any(at > m.start() for at in now)
        # "Đến cuối năm 2023, số tên miền ".vn" đang duy trì là 581.400" (an article whose paragraph
        # named 1994 before): what stood then (as written: "đang" folds as "đáng" and "dạng" do)
        and not _STANDS.search(written, m.end())
    ]
    reached = [m.end() for pattern in (_PLAN_REACHED, _RESULT_WORDS) for m in pattern.finditer(visible)]
    goal, done = max(goals, default=-1), max(reached, default=-1)
    # ("vượt chỉ tiêu (109,0% kế hoạch)": in brackets, the share of the plan reached, not the plan)
    if goal > done or _PLANNED_VALUE.search(visible) or (_PLAN_IN_BRACKETS.search(visible) and not _SHARE_AFTER.match(after)):
        return "target"
    clause = re.split(r"[;.]\s|[;(]", after, maxsplit=1)[0]
    if any(report_year is None or int(m.group(1)) > report_year for m in _HORIZON.finditer(clause)):
        return "target"  # "đào tạo được 50.000 kỹ sư bán dẫn đến năm 2030"
    if done >= 0:
        return "result"
    return "target" if context.target else "result"


_CLOSED_BRACKETS = re.compile(r"\([^()]*\)")
# What a figure in brackets is compared with, when it is a plan: "so với mục tiêu đến năm 2025 (80%)".
_PLAN_COMPARED = re.compile(r"\s*" + _PLAN_WORD)
# The plan's value right after its name: "(kế hoạch 22 triệu thuê bao)", "kế hoạch: 1.500" — not
# what was reached against it ("vượt kế hoạch 5%", "đạt kế hoạch …").
_PLANNED_VALUE = re.compile(r"(?<!vuot )(?<!dat )(?<!thanh )(?<!so voi )\b(?:ke hoach|kh)(?:\s+la|\s*:)?\s*$")
# The plan's value in brackets after its name, whatever was done against it: "vượt chỉ tiêu kế
# hoạch (50%)", "chưa đạt kế hoạch năm 2024 (75%)".
_PLAN_IN_BRACKETS = re.compile(r"\b(?:chi tieu|ke hoach|muc tieu|kh)(?:\s+(?:nam\s+)?(?:19|20)\d\d)?\s*\(\s*$")
_UP_TO_YEAR = r"\bden (?:het |cuoi )?(?:nam )?((?:19|20)\d\d)\b"
# A horizon: "đến năm 2025", "đến hết năm 2022", "đến cuối năm 2025" (not "tính đến …", a cut-off date).
_HORIZON = re.compile(r"(?<!tinh )" + _UP_TO_YEAR)
# What stood or stands at a horizon's date, as written: "đã", "đang".
_STANDS = re.compile(r"(?<!\w)(?:đã|đang|Đã|Đang)(?!\w)")
# What stands now: "(tính) đến hết năm 2019", "đến nay".
_CUT_OFF_NOW = re.compile(_UP_TO_YEAR + r"|\bden nay\b")


def read_statements(sentence: str, context: Context) -> list[Statement]:
    """Every figure the sentence states, in order, with its indicator, period and kind."""
    text = strip_bullet(sentence).strip()
    row = _table_row(text)
    if row:
        return _row_statements(text, row.group("indicator").strip(), row.group("cells"), context)
    folded = fold(text)
    if len(folded) != len(text):  # fold() keeps NFC Vietnamese text's length; spans need it
        return []
    mentions = _own_mentions(folded, context, written=text)
    sentence_own = mentions[0][1] if mentions else context.period
    skip = _period_spans(folded) + _document_spans(text) + _label_spans(text)
    bases = {match.start(2): match for pattern in (_BASE, _BRACKET_BASE, _CLAUSE_BASE) for match in pattern.finditer(folded)}
    statements: list[Statement] = []
    indicator = ""
    named_after = False  # the indicator is the words after its value ("có 91,4 triệu thuê bao …")
    previous_end = 0
    for match in sorted([*_VALUE.finditer(text), *_RANK.finditer(text), *_fractions(text, folded)], key=lambda found: found.start()):
        start, end = match.span(1)
        if any(a <= start < b for a, b in skip) or YEAR.fullmatch(match.group(1)):
            continue
        unit = unit_words(match.group(2))
        before, after = folded[:start], folded[match.end(1) :]
        if _not_a_figure(match.group(1), before, after) or _REFERENCE_BEFORE.search(text, 0, start):
            continue
        period = _period_at(start, folded, mentions, sentence_own)
        if start in bases and _PLAN_COMPARED.match(bases[start].group(1)):
            # "so với mục tiêu đến năm 2025 (80%)": the plan's figure, of its horizon — no level reached
            horizon = find_periods(bases[start].group(1), period.year if period else None)
            statements.append(Statement(indicator or _indicator(text[:start]), match.group(1), unit, horizon[0] if horizon else period, "target", text))
            continue
        if start in bases:
            base = bases[start]
            if base.re is _BRACKET_BASE and "cung ky" not in base.group(1):
                # "(năm 2022: 67,2%)" names its period whole; "(cùng kỳ năm 2022: …)" the same part of it
                named = find_periods(base.group(1), period.year if period else None)
                base_period = named[0] if named else None
            else:
                base_period = _base_period(base.group(1), period, context)
            statements.append(
                Statement(indicator or _indicator(text[: base.start()]), match.group(1), unit or unit_words(" " + text[base.end(2) : base.end(3)]), base_period, "base", text)
            )
            continue
        inside_brackets = text.count("(", 0, start) > text.count(")", 0, start)
        figure_kind: Kind = _value_kind(before, context, after, text[:start])
        if figure_kind == "target":
            pass  # a planned change or share ("phấn đấu giảm 20% …") is a goal like any other
        elif _SHARE_AFTER.match(after) and unit == "%":
            figure_kind = "share"
        elif _CHANGE_BEFORE.search(before) and (unit == "%" or re.match(r"\s*(?:lan|bac|diem|hang)\b", after)):
            figure_kind = "change"
        elif _CHANGE_BEFORE.search(before) and _MEASURED_AGAINST.match(after):
            figure_kind = "change"  # "tăng 12.840 tỷ đồng so với cùng kỳ": by how much, not the level
        elif unit == "%" and _RATIO_BEFORE.search(before) and _MEASURED_AGAINST.match(after):
            figure_kind = "change"  # "bằng 107% so với năm 2023": a ratio to another period, not a rate
        elif unit == "%" and _SIGNED_BEFORE.search(before) and _SAME_PERIOD_AFTER.match(after[len(match.group(2)) :]):
            figure_kind = "change"  # shorthand: "LK 9T: 134,5 tỷ USD, +19,7% CK", "6.980 vụ, -11,8% CK"
        else:
            # Each value of the sentence's own kind names its indicator in its clause ("…; sản lượng
            # bưu gửi đạt 590 triệu"); a bare continuation ("…, 100% xã phường") keeps the last one.
            if not indicator or (not inside_brackets and _names_its_indicator(folded[:start])):
                named = _indicator(text[:start], text[match.end(1) :])
                if named and not (indicator and (_NAMES_ONLY_A_SPAN.fullmatch(fold(named)) or fold(named) == fold(unit))):
                    # "…; lũy kế 10T: 50.400 tỷ đ" names the months, not another indicator; "…; quý III:
                    # 47,6 tỷ USD" only its unit
                    indicator = named
                    named_after = named != _indicator(text[:start])
            elif named_after and not inside_brackets and _ONLY_JOINED.fullmatch(folded[previous_end:start]):
                # "… có 91,4 triệu thuê bao băng rộng di động và 23,9 triệu thuê bao băng rộng cố
                # định": each value of a list named after it names its own indicator
                own = _indicator("", text[match.end(1) :])
                if len(own.split()) > len(unit.split()):
                    indicator = own
        if figure_kind == "target":
            period = _goal_period(folded, start, context) or period
        named = indicator or _indicator(text[:start])
        if statements and (not named or _TARGET_CLAUSE.fullmatch(fold(named))):
            named = statements[0].indicator  # "(mục tiêu năm 2023 là 100%)": the sentence's indicator
        part = _PART_LABEL.search(folded, 0, start) if inside_brackets else None
        if part and figure_kind != "target":
            # "Tổng số trạm BTS 5G …: 8.400 trạm (trong đó lắp mới trong tháng 3/2025: 1.120 trạm; …)":
            # a part of the sentence's indicator, named by its label
            named = f"{text[part.start(1) : part.end(1)].strip()} — {named}"
        if unit == "%" and (of := _PERCENT_OF.match(after[len(match.group(2)) :])):
            unit = "% " + text[match.end(2) + of.start(1) : match.end(2) + of.end(1)]  # "80,4% dân số"
        statements.append(Statement(named, match.group(1), unit, period, figure_kind, text))
        previous_end = match.end(1)
    return statements


# A part's label inside a bracket, right before its value: "(trong đó lắp mới trong tháng 3/2025: ", "; 5G: ".
_PART_LABEL = re.compile(r"[(;]\s*(?:trong do,?\s*)?([^():;]{2,60}?)\s*:\s*$")
# A signed percentage (shorthand's change) and what it is measured against: "+19,7% CK", "-11,8% so với cùng kỳ".
_SIGNED_BEFORE = re.compile(r"(?:^|[\s,;(])[+\u2212]$|[,;(]\s?-$")
_SAME_PERIOD_AFTER = re.compile(r"\s*(?:ck|cung ky|so (?:voi )?(?:ck|cung ky))\b")
# Between two values of a list named after each: the first one's words and a joining "và", comma or
# semicolon, right before the second value.
_ONLY_JOINED = re.compile(r"[^\d()]*?(?:,|;|\bva|\bcung)\s*")


def _shown_unit(unit: str, value: str, sentence: str) -> str:
    """The unit as an answer shows it (`Statement.figure`): cut back to the unit a longer name
    opens with where the sentence goes on with that name after it."""
    words_of = unit.split()
    if len(words_of) < 3:
        return unit
    at = re.search(rf"(?<![\w/.,]){re.escape(value)}\s+{re.escape(unit)}\s+(\w+)", sentence)
    if at is None or at.group(1).lower() in _UNIT_STOP:
        return unit  # the unit ends where the name does
    for size in range(len(words_of) - 1, 0, -1):
        if " ".join(words_of[:size]).lower().endswith(_UNIT_NAMES):
            return " ".join(words_of[:size])
    return unit


# Units a longer name may open with ("doanh nghiệp công nghệ số", "thuê bao băng rộng").
_UNIT_NAMES = ("doanh nghiệp", "thuê bao", "hồ sơ", "cơ quan", "đơn vị", "tổ chức", "đồng", "usd")


def as_written(statement: Statement, written: str) -> Statement:
    """A statement read from a sentence with its report's legend spelled out, its unit as the report
    writes it ("3.306 SCAT", not "3.306 sự cố an"): what an answer shows beside the quote."""
    at = re.search(rf"(?<![\w/.,]){re.escape(statement.value)}(?![\w/]|[.,]\d)", written)
    if at is None or statement.unit == "%" or statement.unit.startswith("% "):
        return statement
    unit = _VALUE.match(written, at.start())
    # no unit after the value as written ("KH năm 2025: 168;"): the row's own unit column holds it
    return replace(statement, unit=(unit_words(unit.group(2)) if unit else "") or statement.unit)


def is_table_row(sentence: str) -> bool:
    """Whether a sentence is a table's row ("Chỉ tiêu — Kế hoạch năm 2025: 100%; Thực hiện: 97,2%")."""
    return _table_row(strip_bullet(sentence).strip()) is not None


def _table_row(text: str) -> re.Match[str] | None:
    """A table row's label and cells, when the text is one."""
    row = _ROW.match(text)
    return row if row and _CELL.search(row.group("cells")) else None


def row_cells(text: str) -> tuple[str, dict[str, str]] | None:
    """A table row's label and its "header: value" cells as written ("Viettel — Thị phần (%): 54,3");
    None for a sentence that is no row."""
    row = _table_row(text)
    if row is None:
        return None
    return row.group("indicator").strip(), {cell.group("header").strip(): cell.group("value").strip() for cell in _CELL.finditer(row.group("cells"))}


def is_unit_header(header: str) -> bool:
    """Whether a table column holds its rows' unit ("Đơn vị", "Đơn vị tính", "ĐVT")."""
    return bool(_UNIT_HEADER.fullmatch(fold(header).strip()))


def _row_statements(text: str, indicator: str, cells: str, context: Context) -> list[Statement]:
    """A table row: each "header: value" cell is one statement, with its column's period and kind —
    an annex's "KH năm 2024" is a plan, "So sánh (%) TH/KH" the share of it reached, "So với cùng kỳ
    (%)" a comparison, "Cùng kỳ 2023" the figure of the same part of 2023: none of them the result."""
    statements: list[Statement] = []
    year = context.period.year if context.period else None
    found = [(cell.group("header").strip(), cell.group("value").strip()) for cell in _CELL.finditer(cells)]
    # A unit column ("Đơn vị: %", "ĐVT: tỷ đồng") is the unit of every figure of the row.
    row_unit = _row_unit(next((value for header, value in found if is_unit_header(header)), ""))
    kinds = {header: _column_kind(fold(header)) for header, _ in found}
    _read_bare_comparisons(found, kinds)
    periods = {header: header_period(header, year) for header, _ in found}
    # The row's own period, which a comparison column is of: its latest result column's ("Lũy kế 9
    # tháng" after "TH 2023" and "Thực hiện quý III/2024").
    results = [periods[h] for h, _ in found if kinds[h] == "result" and periods[h] is not None]
    own = max(results, key=lambda period: period.sort_key, default=context.period)
    for header, value_text in found:
        if value_text.endswith(UNCERTAIN):
            continue
        value = _VALUE.search(value_text)
        if not value or YEAR.fullmatch(value.group(1)):
            continue
        kind = kinds[header]
        # a column in per cent ("Tỷ lệ (%)") whatever the row's unit
        unit = unit_words(value.group(2)) or ("%" if "%" in header else _header_unit(header) or row_unit)
        if kind in ("share", "change"):
            period = header_period(header, year, loose=False) or own
            unit = "%" if "%" in header or unit == "%" or _RATIO_HEADER.search(fold(header)) else unit
        elif kind == "base":
            period = _base_period(fold(header), own, context)
        else:
            period = periods[header] or context.period
        # a column that names its own indicator, the row being a place or a group ("Toàn tỉnh — Tỷ
        # lệ hồ sơ xử lý trực tuyến (%): 52,7; Số điểm BĐVHX: 364"): the figure is of the column's, there
        named = indicator
        if kind == "result" and periods[header] is None and _header_names_an_indicator(header):
            named = f"{header} — {indicator}" if indicator else header
        statements.append(Statement(named, value.group(1), unit, period, kind, text))
    return statements


def _header_names_an_indicator(header: str) -> bool:
    """Whether a column header names what its figures measure: "Tỷ lệ hồ sơ xử lý trực tuyến (%)", "Số
    điểm BĐVHX", "Trạm BTS 5G", "Thuê bao 5G", "Điểm DTI", "Kinh tế số" — not "Số liệu", "Số TT", "Giá
    trị", "Thực hiện", a unit's column or a blank one's placeholder ("Cột 3")."""
    folded = fold(header).strip()
    return bool(_INDICATOR_HEADER.match(folded)) or (
        bool(re.search(r"[^\W\d_]{2}", folded)) and not _GENERIC_HEADER.match(folded) and not is_unit_header(header)
    )


# A column header naming an indicator: "Tỷ lệ hồ sơ xử lý trực tuyến (%)", "Số điểm BĐVHX" (not "Số
# liệu", "Số TT").
_INDICATOR_HEADER = re.compile(r"(?:ty le|ti le|so(?! (?:lieu|tt|thu tu)\b)|tong so|doanh thu|san luong)\s+\w")
# Headers that say how a figure was counted, not what: "Số liệu", "Giá trị", "Thực hiện", "Lũy kế" …
_GENERIC_HEADER = re.compile(
    r"(?:so lieu|so tt|stt|tt|gia tri|ket qua|thuc hien|th|uoc th|uoc thuc hien|uoc|luy ke|lk|tong|tong cong|ghi chu|noi dung|"
    r"chi tieu|muc|cot \d+|nam|ky|don vi|dvt|so|ty le|ti le|diem so|xep hang|thu hang|hang|vi tri)\b"
)


# A column comparing two others: "So sánh (%) TH/KH", "Tỷ lệ % so với KH năm", "So với cùng kỳ (%)",
# "So cùng kỳ (%)", "So KH (%)", "So CK (%)", "Tăng trưởng (%)", "Tăng, giảm (%)".
_COMPARISON_HEADER = re.compile(r"\b(?:so sanh|so voi|so (?:cung ky|ck|kh|ke hoach)|tang truong|tang\s*[/,]?\s*giam)\b|\bth\s*/\s*kh\b|%\s*(?:so\s+)?(?:kh|ke hoach)\b")
# The share of the plan reached: "Tỷ lệ đạt (%)", "% hoàn thành", "Mức đạt (%)".
_REACHED_HEADER = re.compile(r"\b(?:ty le|muc)\s+(?:dat|hoan thanh)\b|\b(?:dat|hoan thanh)\s*\(?\s*%|%\s*(?:dat|hoan thanh)\b")
_PLAN_HEADER = re.compile(r"\b(?:kh|mt|ke hoach|chi tieu|muc tieu)\b")  # "MT 2025": mục tiêu
_SAME_PERIOD_HEADER = re.compile(r"\b(?:cung ky|nam truoc|ky truoc)\b")


def _read_bare_comparisons(found: list[tuple[str, str]], kinds: dict[str, Kind]) -> None:
    """A column headed only "So sánh (%)" compares the row's result with its plan or with last year:
    its figures say which. Where it is the result over the plan (47,1 = 79,1 / 168), it is the share
    of the plan reached; otherwise it stays a comparison."""
    def amounts(kind: Kind) -> list[float]:
        return [amount for header, value in found if kinds[header] == kind and (amount := _amount(value)) is not None]

    planned, reached = amounts("target"), amounts("result")
    for header, value in found:
        ratio = _amount(value)
        if ratio is None or kinds[header] != "change" or not _BARE_COMPARISON.fullmatch(fold(header).strip()):
            continue
        if any(abs(result / plan * 100 - ratio) <= max(0.15, 0.002 * ratio) for plan in planned if plan for result in reached):
            kinds[header] = "share"


# "So sánh (%)", "So sánh": what with is not said.
_BARE_COMPARISON = re.compile(r"so sanh\s*(?:\(\s*%\s*\)|%)?")


def _amount(value: str) -> float | None:
    """A figure as the reports write it ("4.080.000", "79,1") as a number; None when it is none."""
    text = value.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        return float(text.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:,\d+)?|\d+\.\d+", text):
        return float(text.replace(",", "."))
    return None


# A column of one figure over another, by their shorthand: "TH2023/KH2023" (the share of the plan
# reached), "TH2023/TH2022", "2024/2023" (against another year).
_RATIO_HEADER = re.compile(
    r"\b(?:u?th|uoc th|kh)\s*(?:nam\s*)?(?:\d{1,2}t\s*)?(?:(?:19|20)\d\d)?\s*/\s*(?P<over>th|kh)(?:\s*(?:nam\s*)?(?:19|20)\d\d)?\b"
    r"|(?<![\d/.,])(?:19|20)\d\d\s*/\s*(?:19|20)\d\d(?![\d/.,])"
)


def _column_kind(header: str) -> Kind:
    """What a table column's figures are, from its folded header ("KH" is the annexes' "kế hoạch")."""
    ratio = _RATIO_HEADER.search(header)
    if ratio:
        return "share" if ratio.group("over") == "kh" else "change"
    if _COMPARISON_HEADER.search(header):
        return "share" if _PLAN_HEADER.search(header) else "change"
    if _REACHED_HEADER.search(header):
        return "share"
    if _SAME_PERIOD_HEADER.search(header):
        return "base"
    if _TARGET_WORDS.search(header) or _PLAN_HEADER.search(header):
        return "target"
    return "result"


def header_period(header: str, default_year: int | None, loose: bool = True) -> Period | None:
    """The period of a table column whose header rows are joined outer to inner ("Năm 2024 - Thực
    hiện 6 tháng"): the outer one, narrowed by an inner part of a year that names no year of its own
    — six months of 2024, not the year (the year's figure is a plan's, or not yet known); an inner
    plan of the outer part's whole year ("6T/2025 - KH năm 2025") is the year's. An inner
    header naming its own year ("… - So với cùng kỳ năm 2023") is a comparison, not the column's period.
    `loose`: a header's shorthand is a period too ("TH 2023", "KH năm", "Lũy kế 9 tháng"), which in
    running text would be a number or a word."""
    period: Period | None = None
    implicit = False  # the period so far is the report's year, the header naming none ("Năm")
    for segment in header.split(" - "):
        year = period.year if period else default_year
        found = find_periods(segment, year) or (_shorthand_periods(fold(segment), year) if loose else [])
        if not found:
            continue
        named = bool(_HEADER_YEAR.search(fold(segment)))
        if period is None or implicit and named:
            period, implicit = found[0], not named  # "Năm - 2021": a merged "Năm" over each year's column
        elif period.part == "year" and found[0].year == period.year and found[0].part != "year" and not YEAR.search(segment):
            period = found[0]
        elif period.part != "year" and found[0] == Period(period.year, "year") and _PLAN_HEADER.search(fold(segment)):
            period = found[0]  # "6T/2025 - KH năm 2025": the plan of the whole year, beside the half's result
    return period


_HEADER_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d\d)(?![\d/.,]\d)")
_HEADER_MONTHS = re.compile(r"\b(\d{1,2}) thang\b")


def _shorthand_periods(folded: str, default_year: int | None) -> list[Period]:
    """A column header's shorthand period: "TH 2023" (the year), "TH 6 tháng 2024", "Lũy kế 9 tháng"
    (the first months of the year named, else the report's), "KH năm", "Ước cả năm" (the report's year)."""
    years = [int(found) for found in _HEADER_YEAR.findall(folded)]
    year = years[0] if years else default_year
    if year is None:
        return []
    months = _HEADER_MONTHS.search(folded)
    if months:
        return find_periods(f"{months.group(1)} thang dau nam {year}")
    if years or re.search(r"\bnam\b", folded):
        return [Period(year, "year")]
    return []


_UNIT_HEADER = re.compile(r"(?:don vi(?: tinh)?|dvt)")


def _header_unit(header: str) -> str:
    """The unit a column's header gives its figures in a closing bracket: "Số thuê bao (triệu)",
    "Doanh thu (tỷ đồng)" — in lower case and without digits, not a name ("(DVCTT)") or a year."""
    unit = _HEADER_UNIT.search(header)
    return unit.group(1).strip() if unit and unit.group(1) == unit.group(1).lower() else ""


_HEADER_UNIT = re.compile(r"\(\s*([^\W\d_][^()\d]{0,24})\)\s*$")


def _row_unit(text: str) -> str:
    """A unit column's text as a unit: "%", "tỷ đồng", "thuê bao" (not a number, not a long phrase)."""
    text = _STRAY_MARKS.sub("", text.strip())  # "Ì trạm", "_ trạm": a scan's stray mark before the unit
    return text if text and len(text) <= 30 and not re.search(r"\d", text) else ""


_STRAY_MARKS = re.compile(r"^(?:[^\s%$]\s+)+(?=\w\w)")


def own_periods(sentence: str, context: Context) -> list[Period]:
    """Periods the sentence names for itself: not those it compares with, nor a plan's year."""
    return [period for _, period in _own_mentions(fold(sentence), context)]


def _own_mentions(folded: str, context: Context, written: str | None = None) -> list[tuple[int, Period]]:
    """(position, period) of each period the folded sentence names for itself; for the figures of
    the sentence as `written`, not when something they count began (what a text is about is another
    matter: `own_periods`)."""
    kept = without_source_dates(_COMPARISON.sub(lambda match: " " * len(match.group(0)), folded))
    if written is not None:
        # "từ" as written: folded, "Chính phủ điện tử năm 2024" would read "tu nam 2024"
        kept = _SINCE.sub(lambda match: " " * len(match.group(0)) if written[match.start() : match.start() + 2].lower() == "từ" else match.group(0), kept)
    year = context.period.year if context.period else None
    mentions: list[tuple[int, Period]] = []
    for start, end, part, named_year in period_matches(kept):
        found = find_periods(kept[start:end], year)
        if not found and (named_year or year):
            # a mention told by what follows it ("9 tháng ước đạt"), which its span alone does not hold
            found = [Period(named_year or year, part)]  # type: ignore[arg-type]
        if found:
            mentions.append((start, found[0]))
    return mentions


def _goal_period(folded: str, position: int, context: Context) -> Period | None:
    """The year a goal is set for, nearest before the value (else after it in its clause): "kế
    hoạch năm 2021 … đạt 18 triệu", "đạt 60% đến năm 2025"; only a year after the report's own."""
    report_year = context.period.year if context.period else None
    end = folded.find(";", position)
    matches = _GOAL_PERIOD.finditer(folded, 0, len(folded) if end < 0 else end)
    found = [(m.start(), int(m.group(1) or m.group(2)), bool(_WHOLE_YEAR_GOAL.match(m.group(0)))) for m in matches]
    found = [item for item in found if report_year is None or item[1] >= report_year]
    before = [item for item in found if item[0] < position]
    chosen = before[-1] if before else (found[0] if found else None)
    if chosen is None:
        # "… đạt trên 50% vào cuối năm" under "Nhiệm vụ quý IV năm 2024": the goal of the year 2024
        clause = folded[: len(folded) if end < 0 else end]
        return Period(report_year, "year") if report_year and _END_OF_THE_YEAR.search(clause) else None
    _, year, whole_year = chosen
    if context.period is not None and year == context.period.year and context.period.part != "year" and not whole_year:
        return None  # the report's own year: the part of it the report says (its context) stands
    return Period(year, "year")


def _period_at(position: int, folded: str, mentions: list[tuple[int, Period]], default: Period | None) -> Period | None:
    """The period a figure at `position` belongs to: the one its clause names (nearest before it,
    else after it), else the sentence's first, else the context's ("Năm 2019 … đạt X; năm 2020 đạt Y")."""
    start = folded.rfind(";", 0, position) + 1
    end = folded.find(";", position)
    end = len(folded) if end < 0 else end
    before = [(at, period) for at, period in mentions if start <= at < position]
    after = [(at, period) for at, period in mentions if position <= at < end]
    if before and after and _RISE_TO.search(folded, before[-1][0], position) and after[0][0] <= position + _NEXT_PERIOD_CHARS:
        return after[0][1]  # "từ 0% năm 2019 lên đến 100% vào cuối năm 2020": the level reached, of the period after it
    if before:
        return before[-1][1]
    if after:
        return after[0][1]
    if _YEAR_SPAN.search(folded, start, end):
        return None  # "Giai đoạn 2019 - 2023, doanh thu … tăng bình quân 3,2%/năm": of the span, no one year
    period = mentions[0][1] if mentions else default
    if period is not None and _SINCE_NEW_YEAR.search(folded, start, position):
        # "…; lũy kế từ đầu năm đạt 320.370 tỷ đồng" in November's report: the months summed up to it
        return months_to(period)
    return period


# A level moved to, from one named before: "… lên (đến) 100% vào cuối năm 2020", "… xuống còn 12% năm 2023".
_RISE_TO = re.compile(r"\b(?:len|xuong)(?:\s+(?:den|toi|con|muc))?\s*$")
_NEXT_PERIOD_CHARS = 30


# A span of years a figure is of as a whole ("giai đoạn 2019 - 2023", "giai đoạn 2021-2025"), folded.
_YEAR_SPAN = re.compile(r"\bgiai doan\s+(?:tu\s+)?(?:nam\s+)?(?:19|20)\d\d\s*(?:-|–|den)\s*(?:nam\s+)?(?:19|20)\d\d\b")


# A figure summed since the year began, its months not named: "lũy kế từ đầu năm", "tính từ đầu năm",
# "LK:" in a month's or a quarter's report.
_SINCE_NEW_YEAR = re.compile(r"\b(?:(?:luy ke|tinh|ke) tu dau nam|luy ke\b(?! (?:den|\d|thang|quy|nam)))")


# When figures were published, not what they are of: "công bố đầu năm 2024", "ban hành tháng 3/2023".
# (Only words of time between: in "công bố Chỉ số DTI năm 2023" the year is the index's edition.)
_PUBLISHED = (
    r"\b(?:cong bo|ban hanh|phat hanh|cap nhat|hop bao)\b(?:\s*,?\s*(?:vao|dau|giua|cuoi|thang|ngay|nam|quy|trong|hoi|luc)\b)*"
    r"\s*(?:\d{1,2}\s*/\s*)?(?:19|20)\d\d\b"
)
_PUBLICATION = re.compile(_PUBLISHED)
# The date of a source cited: "theo báo cáo của Cục … (Bộ TT&TT) tháng 1/2022,".
_SOURCE_DATE = re.compile(r"\btheo (?:bao cao|so lieu|thong ke)\b[^.;:\d]{0,60}?(?:thang \d{1,2}\s*/\s*|nam )(?:19|20)\d\d\b\s*,")
# What a sentence compares with, or the plan it measures against, up to the year it names, and when
# it was published: never the sentence's own period.
_COMPARISON = re.compile(
    r"\b(?:so voi|so cung ky|cung ky|ke hoach|chi tieu)\b(?:[^.;:()]{0,40}?(?:19|20)\d\d\b|[^.;:()\d]{0,25})"
    r"|\(\s*" + _BRACKET_END + r"(?:nam|quy|thang|nua|\d{1,2}\s*thang)[^():]{0,30}?(?::|\bla\b)"  # "(năm 2022: …)", "(năm 2022 là …)"
    # the goal a result is measured against: "(mục tiêu năm 2023 là 100%)", "vượt mục tiêu năm 2023"
    # ("đạt" is left out: folded, it is also "đặt mục tiêu", setting one)
    r"|(?:\(\s*|\b(?:vuot|hoan thanh)\s+)(?:muc tieu|chi tieu)\b[^.;:()]{0,40}?(?:19|20)\d\d\b"
    # a multiple of another year: "gấp 3 lần năm 2023", "gấp khoảng 2,8 lần so với năm 2019"
    r"|\bgap\s+(?:khoang\s+|gan\s+|hon\s+|tren\s+)?\d+(?:[.,]\d+)?\s+lan\b[^.;:()]{0,25}?(?:19|20)\d\d\b"
    r"|\bbang\s+(?:voi\s+)?(?:muc\s+)?(?:cua\s+)?nam\s+(?:19|20)\d\d\b"  # "bằng mức của năm 2023"
    rf"|{_PUBLISHED}"
)


# When something began, not what its figure is of: "… 312 trạm 5G được lắp đặt từ tháng 10/2024" in
# the year's report is the year-end count ("từ tháng 1 đến tháng 10/2024" is a span, and stays).
_SINCE = re.compile(
    r"\btu\s+(?:thang\s+\d{1,2}\s*/\s*(?:19|20)\d\d|quy\s+[ivx]{1,4}\s*/\s*(?:19|20)\d\d|nam\s+(?:19|20)\d\d)\b(?!\s*(?:den|toi|-|–))"
)


def without_source_dates(folded: str) -> str:
    """The folded text without the date of the source it cites ("Theo báo cáo của Cục Tin học hóa
    (Bộ TT&TT) tháng 1/2022, đến hết năm 2021 tỷ lệ …": of 2021) when it names another period;
    alone, that date is the period ("Theo báo cáo tháng 6/2023 của Sở, tỷ lệ … đạt 80%")."""
    kept = _SOURCE_DATE.sub(lambda match: " " * len(match.group(0)), folded)
    return kept if kept != folded and period_matches(kept) else folded


def without_publication_dates(folded: str) -> str:
    """The folded text with when its figures were published blanked out (same length): "Theo số
    liệu … công bố đầu năm 2024, năm 2023 doanh thu …" is of 2023."""
    return _PUBLICATION.sub(lambda match: " " * len(match.group(0)), folded)


# A goal named for a whole year: "kế hoạch năm 2023 là 76%" in a half-year report is the year's plan.
_WHOLE_YEAR_GOAL = re.compile(r"(?:ke hoach|muc tieu|chi tieu) (?:ca )?nam (?:19|20)\d\d$")
# The end or the whole of the report's own year, named without the year ("6 tháng cuối năm" is a half).
_END_OF_THE_YEAR = re.compile(r"(?<!thang )\b(?:vao |den )?cuoi nam\b(?! (?:19|20)\d\d)|\bca nam\b(?! (?:19|20)\d\d)")
# The period a goal is set for: "kế hoạch năm 2021", "mục tiêu đến năm 2025", "chỉ tiêu cả năm 2024".
_GOAL_PERIOD = re.compile(
    r"\b(?:ke hoach|muc tieu|chi tieu|phan dau|dinh huong|nhiem vu)\b[^.;:()]{0,40}?((?:19|20)\d\d)\b"
    r"|(?<!tinh )\bden (?:het |cuoi )?(?:nam )?((?:19|20)\d\d)\b"
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
    return previous_named(words, own) if own else None  # "so với quý trước (86.450 tỷ đồng)"


_PERIOD_BEFORE = re.compile(r"\b(?:quy|thang) truoc\b")


def previous_named(words: str, own: Period) -> Period | None:
    """The period before `own` when the (folded) words name it: "quý trước" of a quarter, "tháng
    trước" of a month; None otherwise."""
    return own.previous() if _PERIOD_BEFORE.search(words) else None


def _period_spans(folded: str) -> list[tuple[int, int]]:
    return period_spans(folded)


# A figure a sentence says it replaces, folded: "… là 74.215 doanh nghiệp; số liệu này thay thế số ước
# 74.500 …", "điều chỉnh từ 74.500 lên 74.215": superseded, no value of its period.
_REPLACED_BEFORE = re.compile(
    r"\b(?:thay the(?: cho)?|thay cho|dieu chinh tu|dinh chinh tu)(?: (?:so lieu|so|con so|muc))?(?: (?:uoc tinh|uoc|du kien|tam tinh|cu|truoc day))?\s*$"
)


def _fractions(text: str, folded: str) -> list[re.Match[str]]:
    """The counts of a whole written as a fraction ("6/7 cơ sở dữ liệu"), not days' dates."""
    found = []
    for match in _FRACTION.finditer(text):
        part, whole = (int(number) for number in match.group(1).split("/"))
        after = match.group(2)
        if (
            0 < part <= whole
            and after.strip()[:1].islower()
            and not _DATE_AFTER.match(fold(after))
            and not _DATE_BEFORE.search(folded[: match.start(1)])
        ):
            found.append(match)
    return found


def _not_a_figure(value: str, before: str, after: str) -> bool:
    """A span of months ("9 tháng"), a label ("bão số 3", "lần thứ 4") or a figure the sentence
    replaces ("thay thế số ước 74.500"), not a value of an indicator."""
    if _REPLACED_BEFORE.search(before):
        return True
    if not value.isdigit():
        return False
    months = int(value) <= 12 and re.match(r"\s*thang\b", after) is not None
    return months or (int(value) < 100 and bool(_LABEL_BEFORE.search(before)))


def _document_spans(text: str) -> list[tuple[int, int]]:
    """Decision and document numbers ("895/QĐ-TTg", "57-NQ/TW"), dates ("30/6/2023"): not values of an indicator."""
    spans = [m.span() for m in re.finditer(r"(?<![\w/])\d+(?:/\d+)*/[A-ZĐ][\w-]*", text)]
    spans += [m.span() for m in re.finditer(r"(?<![\w/])\d+-[A-ZĐ]{2,}(?:/[\w-]+)*", text)]
    spans += [m.span() for m in re.finditer(r"(?<![\w/.,])\d{1,2}/\d{1,2}/(?:19|20)\d\d\b", text)]
    return spans


# A label before a colon and the value it labels: "Tổng lượng vải thiều tiêu thụ qua 02 Sàn Postmart
# và Vò sò: 7.375 tấn" — a number inside the label ("02 Sàn") names what is measured.
_LABELLED_VALUE = re.compile(r"^(?P<label>[^:;,()]{3,120}?):\s*(?=\d)")
LABEL_WORDS = 15


def _label_spans(text: str) -> list[tuple[int, int]]:
    """The numbers of a short label that a value follows ("02 Sàn", "Nhóm 1"): its indicator's words, not figures."""
    match = _LABELLED_VALUE.match(text)
    if not match or len(match.group("label").split()) > LABEL_WORDS:
        return []
    return [m.span(1) for m in _VALUE.finditer(match.group("label"))]


def unit_words(words: str) -> str:
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
    before = _ASIDE.sub(" ", before)
    parts = re.split(r"[;(]|,\s|\.\s", before)
    clause = parts[-1]
    if (listed := _AFTER_A_LABEL.search(clause)) and _names_words(listed.group(1)):
        clause = listed.group(1)  # "Đến hết T1/2025: thuê bao di động 129,0 triệu": the list's item, not its label
    if len(parts) > 1 and _enumerates_its_subject(before, parts):
        clause = before  # "Tỷ lệ ngăn chặn, gỡ bỏ thông tin xấu độc, sai sự thật trên … đạt 76%"
    elif len(parts) > 1 and _RANK_BEFORE.search(fold(clause)) and not re.search(r"\d", YEAR.sub("", "".join(parts[:-1]))):
        clause = before  # "Trong Báo cáo xếp hạng chỉ số …, Việt Nam vươn lên vị trí thứ 25": the ranking is named first
    clause = re.sub(r"^\s*(?:[-+•]\s*)?", "", clause)
    clause = _cut(clause, _INDICATOR_TAIL)
    spans = _period_spans(fold(clause))
    for start, end in reversed(spans):
        clause = clause[:start] + clause[end:]
    clause = re.sub(r"\s+,", ",", re.sub(r"\s{2,}", " ", clause))
    folded = fold(clause)
    trimmed = _LEAD_VERBS.search(folded)
    clause = clause[: trimmed.start()] if trimmed else clause
    lead = _LEADING_VERB.match(fold(clause))
    if lead:
        clause = clause[lead.end() :]
    clause = clause.strip(" ,:-–~")
    while clause and fold(clause.split()[-1]) in _DANGLING:  # "đến [năm 2025]": the period went
        clause = " ".join(clause.split()[:-1])
    if (not clause or fold(clause) in _MEASURE_WORDS) and after:
        # up to the clause's end or the next figure: "63/63 địa phương trên cả nước thành lập 58.212 …"
        # (a code is no next figure: "… và 7,73 triệu thuê bao 5G")
        following = re.split(r"[,;()]|\.(?!\d)|\s(?=\d+(?:[.,]\d+)*(?!\w))", after, maxsplit=1)[0].strip(" %")
        following = re.sub(r"\s+(?:và|hoặc|cùng)$", "", following)  # "… di động và [23,9 triệu …]"
        clause = f"{clause} {following}".strip()
    return clause


# The words after a label's colon: "Đến hết T1/2025: thuê bao di động".
_AFTER_A_LABEL = re.compile(r":\s+([^:]+)$")


def _names_words(text: str) -> bool:
    """Whether a text names something in two words or more besides its periods ("tháng 9 ~" names none)."""
    folded = fold(text)
    for start, end in reversed(_period_spans(folded)):
        folded = folded[:start] + folded[end:]
    return len([word for word in folded.split() if word.isalpha()]) >= 2


def _enumerates_its_subject(before: str, parts: list[str]) -> bool:
    """Whether the commas before a value only list the words of one subject: the text opens with a
    measure ("Tỷ lệ", "Số", "Doanh thu"…) that no later part opens again, states no figure or year
    before its last part, and has no other separator than ", "."""
    if re.search(r"[;(]|\.\s", before) or any(ch.isdigit() for ch in "".join(parts[:-1])):
        return False
    opening = [_MEASURE_START.match(fold(part).lstrip(" -+•")) is not None for part in parts]
    return opening[0] and not any(opening[1:])  # "Tỷ lệ xã …, tỷ lệ thôn … lần lượt": two indicators


# A rank: "vị trí thứ 25", "xếp thứ 25", "đứng thứ 25", "hạng 25".
_RANK_BEFORE = re.compile(r"\b(?:thu|hang)\s*$")
_MEASURE_START = re.compile(r"(?:ty le|ti le|so luong|so|tong so|doanh thu|san luong|gia tri|kim ngach|toc do|chi so)\b")

# A closed aside in the words before a value ("Internet cáp quang (FTTH)", "(không tính phát hành báo
# chí)", "(Facebook, Youtube, TikTok...)") is part of its indicator's phrase, not a clause boundary.
_ASIDE = re.compile(r"\([^()]*\)")

_DANGLING = frozenset({"den", "toi", "vao", "trong", "cuoi", "dau", "nam", "het"})


# A clause's subject that names only how its figure is summed, not what: "lũy kế", "tính từ đầu năm".
_NAMES_ONLY_A_SPAN = re.compile(r"(?:luy ke|lk|(?:tinh |ke )?tu dau nam|tinh den nay|ca nam|rieng)(?:\s+(?:luy ke|tu dau nam|den nay))*")


def _names_its_indicator(folded_before: str) -> bool:
    """Whether the clause before a value reads "<indicator> đạt|là|ước đạt …" (its own subject), or,
    after a semicolon, names one with no verb ("…; thuê bao băng rộng cố định 23,9 triệu; thuê bao
    5G 3,48 triệu")."""
    parts = re.split(r"([;(]|,\s|\.\s)", _ASIDE.sub(" ", folded_before))
    clause = parts[-1]
    verb = _LEAD_VERBS.search(clause)
    subject = clause[: verb.start()] if verb else ""
    if verb and verb.group(0).strip(" ,") and len(subject.split()) >= 2:
        return True
    said = bool(verb and verb.group(0).strip(" ,"))
    bare_number = re.search(r"(?<!\w)\d+(?:[.,]\d+)*(?!\w)", clause)  # "5G" is a name, not a number
    return not said and len(parts) > 1 and parts[-2] == ";" and len(clause.split()) >= 2 and not bare_number


def _cut(text: str, pattern: re.Pattern[str]) -> str:
    """`text` up to where `pattern` matches in its folded form (same length as NFC text)."""
    match = pattern.search(fold(text))
    return text[: match.start()] if match else text


_INDICATOR_TAIL = re.compile(r"\bso voi\b.*$|\b(?:tang|giam|tang truong)\s*$")
_LEADING_VERB = re.compile(r"^(?:phan dau dat|phan dau|dat|co|hoan thanh|duy tri|tiep tuc|trong|theo)\s+")
_MEASURE_WORDS = frozenset({"ty le", "so", "so luong", "tong so", "muc", "chi so", "thu hang", ""})

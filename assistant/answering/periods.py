"""A figure of a period: the answering rules for questions about an indicator's value.

A ministry reports the same indicator for many periods, so the sentence that best matches the words
of a question may be another period's, or the plan's rather than the result. Once the sentences are
scored (`extractive.py`), these rules choose among the ones that state the asked indicator:

- the asked period is in the reports: that period's figure (a comparison base counts: "so với cùng
  kỳ tháng 6/2022 (704.939 địa chỉ)" states June 2022);
- the asked period, or the asked kind (result, target, change, share of the plan), is not: decline,
  saying which periods or kinds the reports do hold, each cited;
- no period named: the latest period's figure, labelled, then the other periods' values;
- a comparison: one line per period named, a missing one said to be missing;
- a result asked against the plan ("… so với kế hoạch") where no sentence states the share of the plan
  reached: the result, then the plan of its year (or the nearest later horizon), each quoted; the
  one the reports lack is said to be missing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.answering.figure_scope import Scope, asked_scope, figure_scopes
from assistant.provinces import is_province
from assistant.query import (
    LOCAL_SCOPE,
    NATIONAL_SCOPE,
    WHOLE_SECTOR,
    Query,
    asked_bodies,
    asked_currency,
    asked_places,
    measured_phrase,
    named_places,
    spelled_shorthand,
)
from vectorstore.figures import Period, answer_figures, find_periods, label_sort_key, written_figure
from vectorstore.glossary import Glossary
from vectorstore.records import Chunk
from vectorstore.statements import (
    Context,
    Statement,
    is_table_row,
    previous_named,
    read_statements,
    row_cells,
    sentence_contexts,
    sentence_kind,
)
from vectorstore.text import chunk_sentences, fold, has_diacritics, is_code, lead_ins, words

# A sentence states the asked indicator when it covers at least this share of what the best one
# covers of the question's indicator words (the question without its periods and kind words).
INDICATOR_SHARE = 0.7
MIN_INDICATOR_WORDS = 0.5  # of the words of the indicator asked, a sentence listed as held names at least this share
OWN_PERIOD_SHARE = 0.6  # as INDICATOR_SHARE, for a sentence stating exactly the period asked when no closer one does
# Among those, how close to the best score a later period's sentence must come to be the answer
# to a question that names no period.
LATEST_SHARE = 0.75
MAX_OTHERS = 3
MAX_DISAGREEING = 1  # other reports' differing figures for the chosen period shown beside it
POOL = 40  # the best-scoring sentences the rules choose among


@dataclass(frozen=True)
class Reading:
    """A scored sentence read for its figures: the period and kind of what it states."""

    item: object  # extractive.ScoredSentence
    period: Period | None
    kind: str
    statements: tuple[Statement, ...]
    asked: frozenset[str] = frozenset()  # the folded words of the question's indicator
    stated: tuple[Statement, ...] = ()  # all the sentence states, when `statements` keeps only some
    counted: tuple[str, ...] = ()  # what "bao nhiêu …" counts, folded ("ho", "nong", "dan")
    measure: str | None = None  # the measure the question's indicator starts with ("thi_phan")
    money: bool = False  # whether the question's indicator is a sum of money ("doanh thu", "nộp ngân sách")

    @property
    def score(self) -> float:
        return self.item.score  # type: ignore[attr-defined]

    @property
    def indicator(self) -> float:
        return self.item.indicator  # type: ignore[attr-defined]

    @property
    def indicator_words(self) -> float:
        return self.item.indicator_words  # type: ignore[attr-defined]

    def has_kind(self, kind: str | None) -> bool:
        """Whether it states a figure of the asked kind (any, when none is asked): a target is a
        goal; a result anything reached (a change and a share of the plan included)."""
        return kind is None or any(_of_kind(statement, kind) for statement in self.statements)

    def points_at(self, statement: Statement | None) -> bool:
        """Whether quoting the sentence does not by itself say which of its figures answers: the figure
        is a comparison base inside another period's sentence, one of several periods' figures in it
        (a table row of years), or one of a table row's several figures ("Kế hoạch năm 2024: 1.500;
        Thực hiện năm 2024: 1.612,7": the plan asked, or the result)."""
        if statement is None:
            return False
        own = [s for s in self.stated or self.statements if s.kind != "base"]
        return statement.kind == "base" or len({s.period for s in own}) > 1 or (len(own) > 1 and is_table_row(statement.sentence))

    def periods_of(self, kind: str | None) -> list[Period]:
        """The periods it states a figure of `kind` for (any kind when None), its own period first: a
        table row "Thực hiện năm 2023: 45,2; Kế hoạch năm 2024: 60; Thực hiện năm 2024: 58,7" holds
        results of 2023 and 2024."""
        stated = [
            s.period
            for s in self.statements
            if s.kind != "base" and s.period is not None and _of_kind(s, kind)
        ]
        own = [self.period] if self.period in stated else []
        return list(dict.fromkeys([*own, *stated]))

    def latest_period(self, kind: str | None) -> Period | None:
        """The latest period it states a figure of `kind` for; its own period when it states none."""
        return max(self.periods_of(kind), key=_sort_key, default=self.period)

    def value_for(self, period: Period | None, kind: str | None) -> Statement | None:
        """The statement that answers: its own figure of the kind asked, else a comparison base's
        value for `period`."""
        wanted = {"change": ("change",), "share": ("share",), "target": ("target",), "result": ("result",)}.get(
            kind or "", ("result", "target")
        )

        # A level naming none of the question's words, in a sentence with one that does, is another
        # thing's (a change or a share is the sentence's own): "Doanh thu dịch vụ bưu chính quý I …
        # 14.310 tỷ đồng; …; số thuê bao băng rộng cố định tính đến ngày 31/3/2024 …" gives no
        # subscribers' figure of the quarter.
        named = max((self.shared(s) for s in self.statements), default=0)

        def of_kinds(kinds: tuple[str, ...]) -> list[Statement]:
            return [
                s
                for s in self.statements
                if s.kind in kinds
                and (period is None or _answers(s.period, period))
                and not self.of_another(s)
                and (not named or self.shared(s) > 0 or s.kind in ("change", "share") or "%" in s.unit)
            ]

        # what was reached may be stated only as a share of the plan ("đạt 90,66% kế hoạch năm 2023")
        own = of_kinds(wanted) or (of_kinds(("share",)) if kind == "result" else [])
        if own:
            exact = [statement for statement in own if statement.period == period]
            if exact and len(exact) < len(own):
                # "Tháng 10/2024: 30.140; Lũy kế 10 tháng 2024: 289.810": the ten months are the second
                own = exact
            if period is not None and period.part == "year":
                # a year asked of a row holding only parts of it ("Thực hiện quý III", "Lũy kế 9
                # tháng"): the latest and longest first
                own = sorted(own, key=lambda s: _sort_key(s.period), reverse=True)
            return self.closest_statement(own)
        if period is not None:
            # a comparison base is a figure of exactly its period: the first half of 2022's is no figure of 2022
            bases = [s for s in self.statements if s.kind == "base" and s.period == period]
            if bases:
                return self.closest_statement(bases)
        return None

    def closest_statement(self, statements: list[Statement]) -> Statement:
        """Of a sentence's figures, the one whose indicator and unit share most words with the
        question's ("… 13 triệu lượt truy cập … tổng lượng vải thiều tiêu thụ là 9.426 tấn": the
        tonnage for "tổng lượng vải thiều tiêu thụ"); the first when none shares more."""
        if not self.asked or len(statements) == 1:
            return statements[0]
        if _asks_a_rank(self.asked) and (ranks := [s for s in statements if "/" in s.value]):
            statements = ranks  # "xếp thứ mấy": "86/193", not the index's score "0,6787 điểm" beside it
        if self.counted and (counting := [s for s in statements if self.counted[0] in words(fold(s.unit))]):
            statements = counting  # "bao nhiêu hộ nông dân": "187 hộ nông dân", not "100 tấn nông sản" before it
        if self.measure and (measuring := [s for s in statements if names_measure(s.indicator, self.measure)]):
            # "Thị phần thuê bao di động của Gtel": of "Gtel — Số thuê bao (triệu): 1,9; Thị phần (%):
            # 1,5", the column naming the measure asked, though the other names as many of its words
            statements = measuring
        shared = [self.shared(statement) for statement in statements]
        return statements[shared.index(max(shared))]

    def of_another(self, statement: Statement) -> bool:
        """Whether the figure is a count of something else where a sum of money is asked: "Doanh thu
        dịch vụ bưu chính quý I đạt 14.310 tỷ đồng; …; số thuê bao băng rộng cố định tính đến ngày
        31/3/2024 đạt 23,1 triệu thuê bao" holds no revenue of March (the subscribers' count had been
        given as it); or a sum of money where a count of things is asked."""
        unit = fold(statement.unit).strip()
        money_asked = self.money
        if self.counted and not money_asked:
            return bool(_MONEY_UNIT.search(unit))  # "bao nhiêu hộ nông dân …": "248.3 tỷ VNĐ" counts none of them
        return money_asked and bool(unit) and "%" not in unit and unit not in _SCALES and not _MONEY_UNIT.search(unit)

    def shared(self, statement: Statement | None) -> int:
        """How many of the question's indicator words a figure's indicator and unit have."""
        if statement is None:
            return 0
        named = f"{statement.indicator} {statement.unit}"
        if not set(words(fold(statement.indicator))) - _SAY_NO_INDICATOR:
            named += f" {_named_after(statement)}"  # "toàn tỉnh có 327.900 thuê bao băng rộng cố định"
        return len(self.asked & set(words(fold(named))))


# What is measured in money, and a unit that is a sum of money ("tỷ đồng", "tỷ đ", "tỷ USD").
# Written as one phrase: "doanh nghiệp viễn thông thu hồi" holds "doanh" and "thu" but asks no revenue.
MONEY_MEASURES = re.compile(r"\b(?:doanh thu|loi nhuan|ngan sach|kim ngach)\b")
_SCALES = frozenset({"trieu", "ty", "nghin", "ngan"})  # "Doanh thu (tỷ)": a scale, of money or of anything
_MONEY_UNIT = re.compile(r"(?:^|\s)(?:dong|d|vnd|usd|do la|do)$")


@dataclass
class PeriodAnswer:
    """What the rules chose. `lines` are (label, reading) in answer order; `others` one reading per
    other period held (the short line after the answer); a decline names what is missing."""

    lines: list[tuple[Period | None, Reading, Statement | None]] = field(default_factory=list)
    others: list[tuple[Period, Statement, Reading]] = field(default_factory=list)
    missing: list[Period] = field(default_factory=list)
    against: list[Period] = field(default_factory=list)  # the base a missing change is measured from
    declined: str | None = None  # "period" | "kind" | "metric"
    kind: str = "result"  # the kind of figure asked ("result" when the question does not say)
    held: list[tuple[Period | None, Statement | None, Reading]] = field(default_factory=list)
    # "… so với kế hoạch" with no share of the plan stated: `lines` hold what was reached, `plans` the
    # plan each is measured against (missing ones are said to be missing).
    versus_plan: bool = False
    plans: list[tuple[Period | None, Reading, Statement]] = field(default_factory=list)
    # A question asking no figure of a period the reports have text of ("Nhiệm vụ 6 tháng cuối năm
    # 2023 về DVCTT là gì?"): the sentences of that period, for the plain sentence choice.
    of_period: list[object] = field(default_factory=list)
    # Each period's own kind, when the question asks them differently (`Query.period_kinds`).
    kinds: dict[Period, str] = field(default_factory=dict)
    # A change quoted: the figure of the period it is measured from, stated elsewhere (`_levels_compared`).
    compared: list[tuple[Period, Statement, Reading]] = field(default_factory=list)

    @property
    def is_decline(self) -> bool:
        """Whether the answer is a decline. A change asked between two named periods ("năm 2023 tăng
        bao nhiêu so với năm 2021?") that no sentence states, where each period's own figure is held,
        is answered by those figures — the reader has what the change is computed from; so is one
        between two periods both asked ("… năm 2023 tăng bao nhiêu so với năm 2022? Cho biết số liệu
        hai năm.")."""
        if self.declined is None:
            return False
        if self.declined == "kind" and self.kind == "change" and (self.against or len(self.missing) > 1):
            held = {period for period, _, _ in self.held}
            return not all(period in held for period in [*self.missing, *self.against])
        return True


def _of_kind(statement: Statement, kind: str | None) -> bool:
    """Whether a figure is of the asked kind (any, when none is asked): a target is a goal, a change
    a change, a share a share of the plan; a result anything reached (a change and a share included)."""
    if kind is None:
        return True
    if kind in ("target", "change", "share"):
        return statement.kind == kind
    return statement.kind != "target"


def read(
    item: object, asked: frozenset[str] = frozenset(), counted: tuple[str, ...] = (), measure: str | None = None, money: bool = False
) -> Reading:
    """A scored sentence, read in its context: its chunk's period, section and report title, the
    lead-in of its list, the period its paragraph named before it (`sentence_contexts`)."""
    chunk = item.candidate.chunk  # type: ignore[attr-defined]
    context = _contexts(chunk.reading_text, chunk.period, chunk.section, chunk.title)[(item.paragraph, item.position)]  # type: ignore[attr-defined]
    sentence = item.text  # type: ignore[attr-defined]
    statements = tuple(read_statements(sentence, context))
    own = [s.period for s in statements if s.kind != "base" and s.period is not None]
    return Reading(
        item, own[0] if own else context.period, sentence_kind(statements), statements, asked, counted=counted, measure=measure, money=money
    )


def _in_scope(reading: Reading, scope: Scope | None) -> Reading:
    """The reading with only the figures of the scope asked: in a province's report the country's
    "(55,1%)" beside the province's 57,3 % answers of the country only, and the province's of it only;
    in a ministry's, a province's figure beside the country's is no answer of the country."""
    if scope is None or not reading.statements:
        return reading
    local_report = of_a_province(reading.item.candidate.chunk)  # type: ignore[attr-defined]
    if not local_report and scope == "local":
        return reading  # a ministry's sentence on a province: whose figure is which, its place words do not say for sure
    scopes = figure_scopes(reading.item.text, reading.statements, "local" if local_report else "national")  # type: ignore[attr-defined]
    kept = tuple(statement for statement, said in zip(reading.statements, scopes) if said == scope)
    if len(kept) == len(reading.statements):
        return reading
    return replace(reading, statements=kept, stated=reading.stated or reading.statements)


@lru_cache(maxsize=256)
def _contexts(text: str, period: str, section: str, title: str) -> dict[tuple[int, int], Context]:
    """Each sentence's context in a chunk, by (paragraph, position); a chunk's are read once."""
    periods = find_periods(period) if period else []
    base = Context(periods[0] if periods else None, section, title)
    return {
        (paragraph, position): context
        for (paragraph, position, _), context in zip(chunk_sentences(text), sentence_contexts(text, base))
    }


def plan(query: Query, scored: Sequence[object], unseen: Sequence[str] = (), glossary: Glossary | None = None) -> PeriodAnswer | None:
    """The rules above over the scored sentences, or None when they do not apply (the question asks
    no figure of a period, or the passages are prose rather than reports of periods).

    `unseen`: words of the question's indicator that no report contains: the reports cannot give
    a figure of something they never name ("kim ngạch xuất khẩu gạo"), so that is a decline."""
    if not query.about_figures or query.answer_type:
        # who, where, when or which asked of a task ("Nhiệm vụ … năm 2025 do cơ quan nào chủ trì và
        # thời hạn khi nào?"): the sentence naming it answers, not a figure of the plan's year
        return None
    ranked = sorted(scored, key=lambda item: item.score, reverse=True)[:POOL]  # type: ignore[attr-defined]
    best_indicator = max((item.indicator for item in ranked), default=0.0)  # type: ignore[attr-defined]
    if best_indicator <= 0:
        return None
    if not from_a_report(ranked[0]):
        return _other_years_only(query, ranked, best_indicator, glossary)
    answer = _plan_figures(query, ranked, best_indicator, unseen, glossary)
    if answer is not None and answer.held and not answer.lines and all(reading.indicator_words < MIN_INDICATOR_WORDS for _, _, reading in answer.held):
        # What a decline lists as held must name at least half the indicator's words: the best of
        # sentences naming less is about something else ("Số thuê bao băng rộng cố định … 22,26 thuê
        # bao/100 dân" had been listed for "mục tiêu 2023 tỷ lệ dân số trưởng thành có smartphone")
        return PeriodAnswer(declined="metric")
    return answer


def _other_years_only(query: Query, ranked: Sequence[object], best_indicator: float, glossary: Glossary | None) -> PeriodAnswer | None:
    """Prose, or a text that is no report of a period: the plain sentence choice — unless a figure of
    a named period is asked and the text states that figure only for other periods, each named in
    its sentence or paragraph ("Năm 2024, VNPT có 1.250 trạm phát sóng 5G" asked of 2023). Quoting it
    would answer the year asked with another year's number; the decline lists what the text holds."""
    if not (query.periods and query.asks_figure):
        return None
    answer = _plan_figures(query, ranked, best_indicator, (), glossary)
    if answer is not None and answer.lines and not answer.declined and all(from_a_report(reading.item) for _, reading, _ in answer.lines):
        # the reports state the period asked ("6 tháng đầu năm 2023": the half-year report's
        # comparison base, 6.540 cuộc) where an article's closer sentence gives another span of it
        # (the whole year's 13.900): the reports' figure of that period answers
        return answer
    if answer is None or answer.declined != "period" or not answer.held:
        return None
    if any(period is None or statement is None for period, statement, _ in answer.held):
        return None  # a figure of no stated period may be the one asked
    return answer


def _plan_figures(
    query: Query, ranked: Sequence[object], best_indicator: float, unseen: Sequence[str], glossary: Glossary | None
) -> PeriodAnswer | None:
    measure = measure_of(query.indicator)
    if unseen or (measure and not any(_states(item, measure) for item in ranked)):
        # A figure of something no report names ("kim ngạch xuất khẩu gạo"), or a measure the
        # top passages never state ("lợi nhuận" where they give revenue): the reports do not hold it.
        return PeriodAnswer(declined="metric")
    asked = frozenset(words(fold(query.indicator)))
    if glossary:
        asked |= frozenset(glossary.spelled_out(tuple(asked)))  # "thuê bao BRCĐ" names "… băng rộng cố định"
    scope = asked_scope(query.text)
    money = bool(MONEY_MEASURES.search(fold(query.indicator)))
    readings = [_in_scope(read(item, asked, query.counts, measure, money), scope) for item in ranked]
    # The sentences that state a figure of the same indicator: its measure ("lợi nhuận" is not
    # revenue), what it counts ("thuê bao 5G" is not 5G coverage), the networks or standards it names
    # ("5G" is not "4G", "IPv6" not Internet use) and its place are theirs too; among them, those
    # covering nearly as much of the indicator as the best of them.
    codes = frozenset(token for token in words(fold(query.indicator)) if is_code(token)) | _named_letters(query, glossary)
    shares = bool(_ASKS_A_SHARE.search(fold(query.text)))  # a share asked may count what "bao nhiêu %" counts
    asked_networks = networks(fold(query.text))
    asked_folded = " ".join(words(fold(query.text)))
    halves = _halves_asked(asked_folded)
    per = per_what(query.text)
    currency = asked_currency(fold(query.text))
    # "Số thuê bao … là bao nhiêu?" asks a number of things: a rate is none ("Tỷ lệ thuê bao sử dụng
    # smartphone: 82,4%") — unless a share or a change is asked
    named = words(fold(query.indicator))
    counts_things = _without_count_words(named) != named and not shares and query.asked_kind not in ("change", "share")
    stating = [
        reading
        for reading in readings
        if reading.statements
        and (not measure or _states(reading.item, measure))
        and _has_codes(reading.item, codes)
        and _codes_by_a_figure(reading, codes)
        and not _of_an_unasked_code(reading, codes)
        and not of_the_other_network(reading.item, asked_networks)
        and not _of_the_other_half(reading.item, halves)
        and not _a_part_not_asked(reading.item, asked_folded)
        and _per_what_asked(reading.item, per)
        and _names_the_measured(reading.item, query, glossary)
        and not _its_cell_empty(reading.item, query.indicator)
        and _same_scope(query.text, reading.item, query.names)
        and _counts(reading, query.counts, shares)
        and not (counts_things and _only_shares(reading))
        and not _only_as_its_base(reading, query.head, glossary)
        and not _another_branch(reading, query.indicator, glossary)
        and not _counts_the_excluded(reading, query.excluded)
        and _in_the_currency_asked(reading, currency)
    ]
    stating = _national_first(query.text, stating, scope)
    best_stating = max((reading.indicator for reading in stating), default=0.0)
    best_words = max((reading.indicator_words for reading in stating), default=0.0)
    pool = [reading for reading in stating if reading.indicator >= INDICATOR_SHARE * best_stating and reading.indicator > 0]
    measured = measured_phrase(query.text, query.indicator)
    for period in [*query.periods, *query.bases]:  # the base of a change: its figure may be what is held
        if not any(_states_exactly(reading, period, own=True) for reading in pool):
            # The asked period's own figure, its sentence naming less of the question ("Doanh thu dịch
            # vụ viễn thông năm 2022" in the province's report, where the half-year's sentence adds
            # "trên địa bàn tỉnh"; "doanh thu bưu chính" of another year's report, without "dịch vụ"),
            # comes before a part of that period stated in fuller words — or before "not held".
            pool += [
                reading
                for reading in stating
                if reading not in pool and _own_period_figure(reading, period, best_stating, best_words, measured, glossary)
            ]
    if not pool:
        # A figure asked where no sentence of the indicator states one in digits: the reports do not
        # give it — unless one spells it ("năm tới mười năm"), which the plain choice can quote.
        near = [reading for reading in readings if reading.indicator >= INDICATOR_SHARE * best_indicator]
        spelled = any(
            _number_words(reading.item.text) and _names(reading.item, query.head, glossary)  # type: ignore[attr-defined]
            for reading in near
        )
        return PeriodAnswer(declined="metric") if query.asks_figure and not spelled else None
    if query.period_kinds:
        return _each_its_kind(query, _for_lines(query, pool))
    kind = query.asked_kind or "result"  # nothing said: what was reached, not what was planned
    fitting = [reading for reading in pool if reading.has_kind(kind)]
    if kind == "change" and query.bases:
        # "… năm 2023 tăng bao nhiêu so với năm 2021?": "tăng 13,8% so với năm 2022" is another change.
        fitting = [reading for reading in fitting if _measured_from(reading, query.bases)]
    elif kind == "change" and len(query.periods) > 1:
        # each year's figure asked too ("… so với năm 2021? Cho biết số liệu hai năm"): unless the latest
        # year's change is stated from another year asked, both years' figures are what answers
        latest = max(query.periods, key=_sort_key)
        if not any(
            _measured_from(reading, query.periods) and any(s.kind == "change" and s.period == latest for s in reading.statements)
            for reading in fitting
        ):
            fitting = []
    if kind == "share" and query.bases and not query.periods:
        # "… hiện nay so với mục tiêu năm 2025": the latest result and that year's target, not a
        # share of an earlier year's plan ("năm 2021: đạt 105,1% kế hoạch" had answered it)
        versus = _versus_plan(query.periods, pool, horizon=query.bases[-1].year)
        if versus is not None and versus.plans:  # the plans of that year only, by `horizon`
            return versus
    both: PeriodAnswer | None = None  # the plan and the result asked, each its own figure
    if kind == "share" and query.asks_both:
        # "Kế hoạch năm 2024 … là bao nhiêu và thực hiện cả năm 2024 đạt bao nhiêu?": the result and
        # the plan's own figure — unless the sentence stating the share of the plan states the plan
        # too (below); a year not yet over, its latest part ("… theo báo cáo mới nhất đã đạt …").
        versus = _versus_plan(query.periods, pool, so_far=True)
        if versus is not None and not versus.is_decline and versus.plans:
            if not fitting or _only_parts_of(query.periods, fitting, "share"):
                return versus
            both = versus
    elif kind == "share" and (not fitting or _only_parts_of(query.periods, fitting, "share")):
        # "… so với kế hoạch" where no sentence states the share of the plan reached: what was
        # reached and what was planned, each quoted — the reports hold the answer in two figures;
        # rather than a share of only a part of the year asked (6 months' 98,6% of the 2024 plan).
        versus = _versus_plan(query.periods, pool)
        if versus is not None and not fitting and versus.lines and not versus.plans:
            # no share of the plan and no plan stated: the share asked is not held — what was reached
            # is what the reports hold ("Doanh thu … của Nghệ An năm 2024 đạt bao nhiêu % kế hoạch?")
            return PeriodAnswer(kind="share", declined="kind", held=[(period, statement, reading) for period, reading, statement in versus.lines])
        if versus is not None and (not fitting or not versus.is_decline and not _only_parts_of(query.periods, [r for _, r, _ in versus.lines], "result")):
            return versus
    answer = PeriodAnswer(kind=kind)
    if not fitting:
        if not query.asks_figure:
            # "Kết quả xử lý tin giả": no figure asked, and results are told in words ("Bộ TTTT đã ra
            # mắt Trung tâm xử lý tin giả …") as often as in figures: the text answers — of the
            # period asked, when one is.
            if not query.periods:
                return None
            if text := _of_period(query, readings, best_indicator, glossary):
                return text
        if kind == "change" and (of_asked := _results_of_asked(query, pool)):
            return _change_not_stated(query, kind, of_asked)
        answer.declined = "kind"
        answer.held = _held(pool, None)
        return answer
    places = asked_places(query.text)
    # the latest figure of the place asked is its own report's, unless the country's is asked beside it
    own_place = places if places and not NATIONAL_SCOPE.search(fold(query.text)) else ()
    _choose(answer, query.periods, _for_lines(query, fitting), kind, whole_year=query.whole_year, places=places, own_place=own_place)
    if both is not None:
        planned = {statement.value for _, _, statement in both.plans}
        if not answer.lines or not _states_the_plan([reading for _, reading, _ in answer.lines], query.periods, planned):
            return both  # the share's sentence names no plan ("… đạt 101,6% kế hoạch năm"): the plan's own
    if kind == "change" and answer.lines and (whole := _whole_results_over_a_part(query, answer, pool)):
        # "Doanh thu … năm 2022 tăng bao nhiêu so với năm 2021?" where only the half-year's growth is
        # stated ("6 tháng đầu năm 2022 … tăng 16,8%") but a table gives both years' revenue: the two
        # years' figures answer, not a change of part of the year
        return _change_not_stated(query, kind, whole)
    if kind == "change" and len(query.periods) <= 1:  # two periods asked: each has its line already
        answer.compared = _levels_compared(answer, pool)
    elif kind == "change" and answer.missing:
        # "… năm 2023 tăng bao nhiêu so với năm 2022 (nêu số liệu hai năm)": the year the change is
        # measured from has no change of its own, but its figure is what is asked of it
        for base, level, reading in _levels_compared(answer, pool):
            if base in answer.missing:
                answer.lines.append((base, reading, level))
                answer.missing = [period for period in answer.missing if period != base]
    if query.periods and not answer.lines:
        if not query.asks_figure and (text := _of_period(query, readings, best_indicator, glossary)):
            return text
        if kind in ("change", "share") and (of_asked := _results_of_asked(query, pool)):
            # "… 6T/2024 tăng bao nhiêu?" where that half-year's revenue is stated but not its growth:
            # the change is what is missing, and that period's figures are what the reports hold.
            return _change_not_stated(query, kind, of_asked)
        if kind == "result" and (planned := _targets_of_asked(query, pool)):
            # "… năm 2025 đạt bao nhiêu?" where the 2025 plan holds only its target: nothing reached
            # yet, and the target is what the reports hold for that year — not another year's result.
            return PeriodAnswer(kind="result", declined="kind", missing=list(query.periods), held=planned)
        answer.declined = "period"
        # Each period held, its own figure included where another period's sentence names more of
        # the question ("doanh thu bưu chính" of the 2021 report beside 2023's "doanh thu dịch vụ …").
        own = [
            reading
            for reading in stating
            if reading not in pool
            and reading.has_kind(kind)
            and any(_own_period_figure(reading, period, best_stating, best_words, measured, glossary) for period in reading.periods_of(kind))
        ]
        answer.held = _held([*fitting, *own], kind)
    return answer


def _each_its_kind(query: Query, pool: Sequence[Reading]) -> PeriodAnswer:
    """Each period's figure of the kind asked of it ("… năm 2023 và chỉ tiêu năm 2024": 2023's result,
    2024's target), in the order the periods are named; one missing is said to be missing, all
    missing is a decline naming what the reports hold."""
    kinds = dict(query.period_kinds)
    answer = PeriodAnswer(kinds=kinds)
    for kind in dict.fromkeys(kinds.values()):
        asked = [period for period in query.periods if kinds.get(period) == kind]
        _choose(answer, asked, [reading for reading in pool if reading.has_kind(kind)], kind, whole_year=query.whole_year)
    order = {period: index for index, period in enumerate(query.periods)}
    answer.lines.sort(key=lambda line: order.get(line[0], len(order)) if line[0] is not None else len(order))
    answer.missing.sort(key=lambda period: order.get(period, len(order)))
    if not answer.lines:
        answer.declined = "period"
        answer.held = _held(pool, None)
    return answer


def _only_parts_of(asked: Sequence[Period], readings: Sequence[Reading], kind: str) -> bool:
    """Whether periods are asked and the readings state a figure of `kind` of none of them whole,
    only of parts of them."""
    return bool(asked) and not any(
        statement.kind == kind and statement.period == period for reading in readings for statement in reading.statements for period in asked
    )


def _measured_from(reading: Reading, bases: Sequence[Period]) -> bool:
    """Whether a change the reading states is measured from one of `bases`: the period its "so với …"
    names, or, when it names none ("tăng 9,6%", "so với cùng kỳ"), the same part of the year before."""
    for statement in reading.statements:
        if statement.kind != "change" or statement.period is None:
            continue
        from_periods = change_bases(reading, statement)
        if any(base.answers(period) or period.answers(base) for base in bases for period in from_periods):
            return True
    return False


def change_bases(reading: Reading, statement: Statement) -> list[Period]:
    """The periods a stated change is measured from: those its "so với …" names ("cùng kỳ năm 2023"
    of a nine months' change is the nine months of 2023), else the same part of the year before."""
    assert statement.period is not None
    folded = fold(reading.item.text)  # type: ignore[attr-defined]
    at = folded.find(fold(statement.value))
    against = _AGAINST.match(folded[at + len(statement.value) :]) if at >= 0 else None
    named = find_periods(against.group(1), statement.period.year) if against else []
    if against and "cung ky" in against.group(1) and statement.period.part != "year":
        named = [Period(period.year, statement.period.part) if period.part == "year" else period for period in named]
    if not named and against and (before := previous_named(against.group(1), statement.period)):
        named = [before]  # "tăng 2,9% so với quý trước"
    return named or [Period(statement.period.year - 1, statement.period.part)]


def _levels_compared(answer: PeriodAnswer, pool: Sequence[Reading]) -> list[tuple[Period, Statement, Reading]]:
    """The figure of each period a quoted change is measured from ("giảm 26,1% so với cùng kỳ năm
    2023": the nine months of 2023), where another sentence states it: a change asked is answered with
    both levels, not the change alone. Nothing when the quoted sentence states it already."""
    found: list[tuple[Period, Statement, Reading]] = []
    for _, reading, statement in answer.lines:
        if statement is None or statement.kind != "change" or statement.period is None:
            continue
        for base in change_bases(reading, statement):
            if any(period == base or any(other.period == base for other in quoted.statements) for period, quoted, _ in answer.lines):
                continue  # "… (11.970 vụ)", or a line of its own: the answer quotes it already
            stating = [
                (candidate, level)
                for candidate in pool
                if (level := candidate.value_for(base, "result")) is not None and level.period == base and level.kind != "change"
            ]
            if stating and all(base != period for period, _, _ in found):
                candidate, level = max(stating, key=lambda pair: pair[0].score)
                found.append((base, level, candidate))
    return found


# What a change is measured from, after its figure: "% so với năm 2022", "so với cùng kỳ năm 2022".
_AGAINST = re.compile(r"\s*%?[^,;.()\d]{0,20}?\bso voi\s+([^,;()]{0,40})")


def _targets_of_asked(query: Query, pool: Sequence[Reading]) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The targets the reports set for exactly the periods asked, in the order named."""
    return _held_for(query.periods, pool, "target", parts=False)


def _results_of_asked(query: Query, pool: Sequence[Reading]) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The results the reports hold for the periods a change or a share is asked of, and for the
    base it is measured from ("năm 2023 tăng bao nhiêu so với năm 2022"), in the order named: where
    no sentence states the change, these figures are what the reader computes it from. A part of a
    year asked stands for it ("6 tháng đầu năm 2023" for "năm 2023"), said with its own period."""
    return _held_for([*query.periods, *query.bases], pool, "result", parts=True) if query.periods else []


def _held_for(
    wanted: Sequence[Period], pool: Sequence[Reading], kind: str, parts: bool
) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The figures of `kind` the readings hold for the `wanted` periods (or, with `parts`, for parts
    of them where the period itself is not held: quarter II's figure is no year's when the year's
    is there), in the order the periods are wanted."""

    def wanted_at(period: Period | None) -> int | None:
        return next(
            (index for index, asked in enumerate(wanted) if period is not None and (period.answers(asked) if parts else period == asked)),
            None,
        )

    held = _held([reading for reading in pool if reading.has_kind(kind)], kind, limit=None)
    found = [(at, entry) for entry in held if (at := wanted_at(entry[0])) is not None]
    whole = {at for at, entry in found if entry[0] == wanted[at]}
    return [entry for at, entry in sorted(found, key=lambda item: item[0]) if at not in whole or entry[0] == wanted[at]]


def _whole_results_over_a_part(
    query: Query, answer: PeriodAnswer, pool: Sequence[Reading]
) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The results of each period asked and of its base, when the reports state them whole and the
    change chosen is only of parts of the periods asked; else nothing."""
    if not query.periods or not query.bases or any(statement.period in query.periods for _, _, statement in answer.lines):
        return []
    held = _results_of_asked(query, pool)
    whole = {period for period, _, _ in held}
    return held if all(period in whole for period in [*query.periods, *query.bases]) else []


def _change_not_stated(query: Query, kind: str, held: list[tuple[Period | None, Statement | None, Reading]]) -> PeriodAnswer:
    """A change (or share) no sentence states for the periods asked: said so, with what is held."""
    return PeriodAnswer(kind=kind, declined="kind", missing=list(query.periods), against=list(query.bases), held=held)


def _of_period(query: Query, readings: Sequence[Reading], best_indicator: float, glossary: Glossary | None) -> PeriodAnswer | None:
    """The sentences of the asked periods about what is asked, for a question naming a period and no
    figure ("Nhiệm vụ 6 tháng cuối năm 2023 về DVCTT là gì?"): they answer, not "no figure of it"
    (nor the first half's results). None when the reports have no such text of those periods."""
    of_period = [
        reading.item
        for reading in readings
        if reading.period is not None
        and any(reading.period.answers(period) for period in query.periods)
        # about what is asked, as nearly as the passage naming it best ("xử lý tin giả", not "xử lý
        # 6.362 cuộc tấn công mạng" of the same half-year), and naming it ("GCI" is not "EGDI")
        and reading.indicator >= INDICATOR_SHARE * best_indicator
        and _names(reading.item, query.head, glossary, as_phrase=not query.counts)
    ]
    return PeriodAnswer(of_period=of_period) if of_period else None


def _choose(
    answer: PeriodAnswer,
    asked: Sequence[Period],
    fitting: Sequence[Reading],
    kind: str,
    whole_year: bool = False,
    places: Sequence[str] = (),
    own_place: Sequence[str] = (),
) -> None:
    """Fill `answer` with the figures of `kind` the fitting readings give: each asked period's, or the
    latest period's with the other periods' values after it. A year asked "cả năm" is not answered
    by a part of it. `own_place`: the places asked where only their own figures answer — the latest
    and the other periods' figures are of sentences naming them, when some do (another province's
    later report is not the latest figure of the one asked)."""
    if asked:
        for period in asked:
            # Each figure with its own period: a table row "… — Năm 2023: 138; Năm 2024: 127" holds two.
            stating = [
                (r, value)
                for r in fitting
                if (value := r.value_for(period, kind)) is not None
                and not (whole_year and period.part == "year" and value.period is not None and value.period.part != "year")
            ]
            # The asked period's own figure before a part of it ("năm 2024" over "6 tháng đầu năm 2024").
            # Its own statement before a comparison base of it in a later period's sentence.
            # The place asked of before the country asked beside it ("… của Đà Nẵng so với cả nước").
            # Of parts of a year asked, the latest and longest ("9 tháng" over "6 tháng đầu năm 2022").
            match = max(
                stating,
                key=lambda pair: (
                    # (a count at the day a quarter ends is that quarter's: "tính đến ngày 30/6/2025")
                    pair[1].period == period or _ends_with_month(period, pair[1].period) or _ends_with_month(pair[1].period, period),
                    pair[1].kind != "base",
                    _names_a_place_asked(pair[0].item, places),
                    _sort_key(pair[1].period) if period.part == "year" else (0, 0, 0),
                    # a change stated in words ("tăng 6,1%") before a table's index of it ("So với 2023 (%): 106,1")
                    not (pair[1].kind == "change" and is_table_row(pair[0].item.text)),  # type: ignore[attr-defined]
                    pair[0].score,
                ),
                default=None,
            )
            if match is not None:
                match = _revised(match, [pair for pair in stating if pair[1].period == period and pair[1].kind != "base"])
            if match is None:
                answer.missing.append(period)
            elif all(match[0] is not chosen or match[1] is not stated for _, chosen, stated in answer.lines):
                # One sentence may hold both periods asked ("Năm 2022, doanh thu … 3,72 triệu tỷ đồng; …
                # năm 2020 đạt 3,1 triệu tỷ đồng"): each period gets its own figure of it.
                answer.lines.append((period, *match))
                answer.lines += _disagreeing(period, *match, [r for r, _ in stating], kind)
        return
    naming = [reading for reading in fitting if _names_a_place_asked(reading.item, own_place)] if own_place else []
    fitting = naming or fitting
    top = fitting[0]
    # Near the best: scoring nearly as high, or naming the indicator as fully (a sentence that also
    # writes the question's other words, "Cả nước hiện có …", is not therefore the latest figure).
    near = [
        reading
        for reading in fitting
        if reading.score >= LATEST_SHARE * top.score
        or (reading.indicator >= top.indicator and reading.indicator_words >= top.indicator_words)
    ]
    # The latest period's figure; of two reports stating it (the 6-month and the 9-month report both
    # give "tính đến 18/6"), the later report's, which revises the earlier one.
    # Of that report's sentences, the one whose figure's own indicator is closest to the one asked.
    latest, period = max(
        ((reading, reading.latest_period(kind)) for reading in near),
        key=lambda pair: (
            _sort_key(pair[1]),
            label_sort_key(pair[0].item.candidate.chunk.doc_period),  # type: ignore[attr-defined]
            pair[0].shared(pair[0].value_for(pair[1], kind)),
        ),
    )
    statement = latest.value_for(period, kind)
    answer.lines.append((period, latest, statement))
    answer.lines += _disagreeing(period, latest, statement, near, kind)
    answer.others = [
        (other, held, reading)
        for other, held, reading in _held(fitting, kind)
        if other is not None and held is not None and other != period
        # the same count at the month the latest span ends ("6 tháng 2025: 772" and "đến 30/6/2025: 772")
        and not (statement is not None and held.value == statement.value and _ends_with_month(period, other))
    ][:MAX_OTHERS]


def _states_the_plan(readings: Sequence[Reading], asked: Sequence[Period], planned: set[str]) -> bool:
    """Whether a sentence stating the share of the plan reached (of a period asked) states the plan's
    figure too: a target of its own (a table row's "KH 2023: 3.860.000"), or the plan's value
    (`planned`) written in it ("… đạt 102,5% kế hoạch năm (155 tỷ USD)")."""
    return any(
        any(statement.kind == "target" for statement in reading.statements)
        or any(written_figure(value).search(reading.item.text) for value in planned)  # type: ignore[attr-defined]
        for reading in readings
        if any(statement.kind == "share" and (not asked or statement.period in asked) for statement in reading.statements)
    )


def _versus_plan(
    asked: Sequence[Period], pool: Sequence[Reading], horizon: int | None = None, so_far: bool = False
) -> PeriodAnswer | None:
    """The result of each asked period (the latest when none is) and the plan it is measured against:
    the plan of its year, else the nearest later horizon ("mục tiêu đến năm 2025"); the plan of
    `horizon` when the question names the year of the target. Declined when no result is stated (of
    the period asked, or at all); None when the readings state neither. `so_far`: a year asked whose
    results are stated only for a part of it is answered with the latest part ("Chỉ tiêu … năm 2025 là
    bao nhiêu, và theo báo cáo mới nhất đã đạt bao nhiêu?": the year's plan, and what was reached by July)."""
    reached = [reading for reading in pool if reading.has_kind("result")]
    planned = [reading for reading in pool if reading.has_kind("target")]
    if not reached:
        # only the plan is stated: nothing was reached to measure against it, the plans cited
        return PeriodAnswer(kind="result", declined="kind", held=_held(planned, "target")) if planned else None
    answer = PeriodAnswer(kind="share", versus_plan=True)
    _choose(answer, asked, reached, "result")
    if not answer.lines and so_far and asked and all(period.part == "year" for period in asked):
        years = {period.year for period in asked}
        parts = [
            reading
            for reading in reached
            if any(s.kind == "result" and s.period is not None and s.period.year in years for s in reading.statements)
        ]
        if parts:
            _choose(answer, [], parts, "result")
    answer.others = []
    if not answer.lines:
        # the period asked has no result: declined, with what the reports do hold (plans included)
        return PeriodAnswer(kind="share", declined="period", missing=list(asked), held=_held([*reached, *planned], None))
    years = sorted({period.year for period, _, _ in answer.lines if period is not None})
    targets = [(r, s) for r in planned for s in r.statements if s.kind == "target"]
    dated = [(r, s) for r, s in targets if s.period is not None]
    for year in years or [None]:
        if horizon is not None:
            usable = [(r, s) for r, s in dated if s.period.year == horizon]  # type: ignore[union-attr]
        elif year is None:  # no period known: the latest plan (one of no period only when none has one)
            usable = dated or targets
        else:
            usable = [(r, s) for r, s in dated if s.period.year >= year]  # type: ignore[union-attr]
        if not usable:
            continue
        reading, statement = min(
            usable,
            key=lambda pair: (
                _distance(pair[1].period, year),
                -pair[0].shared(pair[1]),  # of the plans of that year, the asked indicator's own
                -pair[0].score,
            ),
        )
        if all(statement is not chosen for _, _, chosen in answer.plans):
            answer.plans.append((statement.period, reading, statement))
    return answer


SHORT_HEADING_WORDS = 8  # a heading this short names what its section is about; a headline tells a story

# The whole country, or one province: a figure of one is no figure of the other.
_LOCAL = re.compile(r"\b(?:toan tinh|tren dia ban tinh|cua tinh|toan thanh pho|tinh da|tinh co)\b")
# A place named as one ("tỉnh Hải Dương", "TP. Hồ Chí Minh"), not any capitalised words.
_PLACE_WORD = re.compile(r"\b(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã)\s+(\w)", re.IGNORECASE)
# A report of a province's body, told by its title as written ("tỉnh", not "tình hình").
_LOCAL_ISSUER = re.compile(r"(?:UBND|ỦY BAN|UỶ BAN|SỞ)\b")  # "UBND TỈNH THANH HÓA", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
_OF_A_DEPARTMENT = re.compile(r"\bcủa (?:sở|ubnd|[uủ]y ban nhân dân)\b", re.IGNORECASE)


def _another_branch(reading: Reading, indicator: str, glossary: Glossary | None = None) -> bool:
    """Whether the sentence's figure is of a sibling indicator: its own indicator starts like the
    question's and then names something else, while the question's own words after that start are
    nowhere in the sentence — only in its heading ("Doanh thu lĩnh vực In … (35.892 tỷ đồng)" under
    "Xuất bản, In và Phát hành" is no answer to "doanh thu lĩnh vực xuất bản"). An abbreviation and
    its full phrase are one word here ("hồ sơ TTHC" is "hồ sơ thủ tục hành chính")."""
    # its first phrase: "nộp ngân sách. ngành" branches at none; without the verb of a share ("… B2C chiếm")
    asked = _without_count_words([word for word in _syllables(indicator.split(". ")[0], glossary) if word != "chiem"])
    if not reading.statements or len(asked) < 3:
        return False
    statement = reading.closest_statement(list(reading.statements))
    # a column's own indicator over its row's label ("Thị phần (%) — Viettel"): the column's
    # without its bracket: "Số thuê bao (triệu)" goes on with its unit, not with another thing counted
    own = _without_count_words(_syllables(_BRACKETED.sub(" ", statement.indicator.split(" — ")[0]), glossary))
    if own and own[0] in _SCALE_SYLLABLES and words(fold(statement.unit))[:1] == own[:1]:
        own = own[1:]  # named after its value: "(127,6) triệu thuê bao di động" is "thuê bao di động"
    clause: frozenset[str] | None = None
    if not set(own) - _SAY_NO_INDICATOR:
        # no name but where it is of ("toàn tỉnh có 1.371.200 thuê bao điện thoại di động; …"): what its
        # value is followed by names it, and only that clause tells what it counts — the sentence's "cố
        # định" is the fixed broadband's
        after = _named_after(statement)
        own = _without_count_words(_syllables(after, glossary))
        clause = frozenset(words(fold(after)))
    if _summed_with_another(statement, asked, glossary):
        return True
    if measure_of(indicator) and len(asked) > 2 and asked[:2] != own[:2]:
        # the measure asked inside the sentence's words, not at their start: "… giúp tiết kiệm chi phí
        # xã hội khoảng 8.500 tỷ đồng" names "chi phí" and goes on with another one than "chi phí xây dựng"
        at = next((at for at in range(1, len(own) - 1) if own[at : at + 2] == asked[:2]), None)
        own = own[at:] if at is not None else own
    shared = 0
    while shared < min(len(asked), len(own)) and asked[shared] == own[shared]:
        shared += 1
    if shared < 2 or shared >= len(own) or shared >= len(asked) or own[shared] in asked:
        return False
    goes_on, asked_on = networks(" ".join(own[shared : shared + 2])), networks(" ".join(asked[shared : shared + 2]))
    if goes_on and asked_on and not goes_on & asked_on:
        # "thuê bao điện thoại di động" of "thuê bao điện thoại cố định" asked, whatever else the sentence
        # names fixed ("…; thuê bao băng rộng cố định đạt 318.450 thuê bao")
        return True
    if any("".join(asked[shared : shared + k]) == own[shared] or "".join(own[shared : shared + k]) == asked[shared] for k in (2, 3, 4)):
        return False  # one abbreviation written two ways: "TT&TT" and "TTTT"
    if glossary and _the_tail_of(asked[shared:], glossary.phrase_of(own[shared])):
        # what it goes on with is only the end of another thing's name: "thuê bao di động" asked,
        # "thuê bao băng rộng di động" written — its "di động" is not the mobile subscriptions'
        return True
    tokens = clause if clause is not None else reading.item.tokens  # type: ignore[attr-defined]
    sentence = tokens | alike_wordings(tokens)  # "xử lý" writes "giải quyết"

    def written(word: str) -> bool:
        # a concept's words spread through the sentence: "hồ sơ trực tuyến" (HSTT) in "hồ sơ thủ tục
        # hành chính được xử lý trực tuyến"
        spelled = {token for token in glossary.phrase_tokens(word) if "_" not in token} if glossary else set()
        return word in sentence or (bool(spelled) and spelled <= sentence)

    rest = [word for word in asked[shared:] if len(word) > 1]
    missing = [word for word in rest if not written(word)]
    # none of the words it goes on with, or a qualifier of two of them ("hồ sơ trực tuyến toàn trình"
    # asked, "hồ sơ thủ tục hành chính được xử lý trực tuyến" written: not the full-process ones) —
    # not words of where or whose ("doanh thu của ngành bưu chính")
    qualifier = [word for word in missing if word not in _WHERE_OR_WHOSE]
    return bool(rest) and (len(missing) == len(rest) or len(qualifier) >= 2)


def _summed_with_another(statement: Statement, asked: list[str], glossary: Glossary | None) -> bool:
    """Whether the figure's indicator is the last of a list that starts like the question's and names
    another thing first ("Tổng doanh thu bưu chính, viễn thông …", its indicator read as "viễn thông
    …"): the sum of both, no figure of "doanh thu viễn thông"."""
    sentence = fold(statement.sentence)
    at = sentence.find(fold(statement.indicator)) if statement.indicator else -1
    listed = _LISTED_BEFORE.search(sentence[:at]) if at > 0 else None
    if listed is None or len(asked) < 3:
        return False
    lead = _syllables(listed.group(1), glossary)
    start = next((i for i in range(len(lead) - 1) if lead[i : i + 2] == asked[:2]), None)
    return start is not None and bool(lead[start + 2 :]) and not set(lead[start + 2 :]) & set(asked)


# The words before a list's last item: "tổng doanh thu bưu chính, " (folded).
_LISTED_BEFORE = re.compile(r"((?:\w+\s+){1,6}\w+)\s*(?:,|\bva\b|&)\s*$")


def _named_after(statement: Statement) -> str:
    """The words after a figure, to the end of its clause ("1.371.200 thuê bao điện thoại di động; …":
    "thuê bao điện thoại di động"), its scale word left out."""
    at = statement.sentence.find(statement.value)
    if at < 0:
        return ""
    clause = _CLAUSE_END.split(statement.sentence[at + len(statement.value) :], maxsplit=1)[0]
    return _LEADING_SCALE.sub("", clause.strip())


_CLAUSE_END = re.compile(r"[;,()]|\.(?:\s|$)|\s(?:tăng|giảm|đạt|chiếm|bằng|so với)\s")
_LEADING_SCALE = re.compile(r"^(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+", re.IGNORECASE)


def _the_tail_of(words_asked: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether the words asked are the last words of a longer phrase: "di động" of "băng rộng di động"."""
    return 0 < len(words_asked) < len(phrase) and tuple(words_asked) == phrase[-len(words_asked) :]


def _without_count_words(syllables: list[str]) -> list[str]:
    """A name without the words that say it is counted ("Số thuê bao điện thoại cố định", "tổng số
    …", "số lượng …"; not the "số" of "số hóa"): one sentence writes "Số thuê bao di động …; thuê bao
    băng rộng cố định …", and the question may write "số" or not — what it names starts after them. A
    question whose indicator opens with them asks a number of things."""
    at = 0
    while at < len(syllables) and (syllables[at] in ("so", "tong") or (at and syllables[at - 1] == "so" and syllables[at] == "luong")):
        at += 1
    if at and syllables[at - 1] == "so" and syllables[at : at + 1] == ["hoa"]:
        at -= 1  # "số hóa" (digitisation) is a word, no count
    return syllables[at:]


def _syllables(text: str, glossary: Glossary | None = None) -> list[str]:
    """The folded words of a phrase, without numbers and period words ("Doanh thu … 9 tháng": a span,
    not a name); an abbreviation without its signs ("TT&TT" is "tttt"); with a glossary, each concept
    as its key, however it is spelled."""
    found = (re.sub(r"[^a-z0-9]", "", word) for word in words(fold(text)))
    syllables = [word for word in found if word and not any(ch.isdigit() for ch in word) and word not in _PERIOD_WORDS]
    return glossary.canonical(syllables) if glossary is not None else syllables


_PERIOD_WORDS = frozenset({"nam", "thang", "quy", "ngay", "dau", "cuoi", "nua", "ky"})
_BRACKETED = re.compile(r"\([^()]*\)")


def _same_scope(question: str, item: object, names: tuple[str, ...] = ()) -> bool:
    """Whether a sentence is about the place the question is about: a question of the whole
    country is not answered by a province's figure ("toàn tỉnh có 1.812 Tổ"), nor one naming a
    place ("Ninh Bình có bao nhiêu …") by a sentence that names it nowhere (not in its heading or its
    report's title either), nor one of a department's own work ("doanh thu viễn thông của sở") by a
    ministry's report, unless its sentence speaks of a province."""
    chunk = item.candidate.chunk  # type: ignore[attr-defined]
    tokens = _place_tokens(item)
    asked, sentence = fold(question), fold(item.text)  # type: ignore[attr-defined]
    unit = _UNIT_ROW.match(sentence)
    if unit and not re.search(rf"\b{re.escape(unit.group(1))}\b", asked):
        return False  # "Thị xã Quảng Yên — …: 36.200": a district's row answers of that district only
    label = sentence.split(" — ", 1)[0] if " — " in sentence else ""
    if label and (is_province(label) or _REGION.match(label)) and f" {' '.join(words(label))} " not in f" {' '.join(words(asked))} ":
        return False  # "Đông Nam Bộ — Số trạm BTS 5G: 2.690": a region's or a province's row, of it only
    if any(body not in tokens for body in asked_bodies(question, names)):
        return False  # "thị phần của VNPT": "3 DNVT lớn … thị phần di động" is no figure of it
    local_report = of_a_province(chunk)
    places = [fold(name).split() for name in named_places(question)]
    # "… của Thanh Hóa đứng thứ mấy trong cả nước": the place named is what is asked of, the country
    # only where it ranks
    if NATIONAL_SCOPE.search(asked) and not places and not NATIONAL_SCOPE.search(sentence) and (_LOCAL.search(sentence) or local_report):
        return False  # a sentence naming the country beside the province: its country's figure only (`_in_scope`)
    missing = [place for place in places if not all(word in tokens for word in place)]
    put_as_place = [fold(name).split() for name in asked_places(question)]
    if missing and (NATIONAL_SCOPE.search(sentence) or _names_a_place(question) or any(place in put_as_place for place in missing)):
        # neither the sentence, its heading nor its report's title names that place ("… của Đà Nẵng"
        # asked of a row of the ministry's table) — unless the country's figure is asked beside the
        # place's ("… của Đà Nẵng so với cả nước") and this is the country's
        return bool(NATIONAL_SCOPE.search(asked)) and not local_report and not _LOCAL.search(sentence)
    # Asked of a province, a ministry's report answers only where its sentence speaks of a province.
    return not (LOCAL_SCOPE.search(asked) and not local_report and not _LOCAL.search(sentence))


# A region of the country, folded: "Đồng bằng sông Hồng", "Trung du và miền núi phía Bắc", "Tây Nguyên".
_REGION = re.compile(r"(?:vung|dong bang song|trung du|tay nguyen|dong nam bo|tay nam bo|bac trung bo|nam trung bo|duyen hai|mien (?:bac|trung|nam))\b")
# A table row of one administrative unit ("Huyện Cô Tô — …", "TP. Hạ Long — …"), its name the group.
_UNIT_ROW = re.compile(r"^(?:huyen|thi xa|thanh pho|tp\.?|quan|xa|phuong|thi tran|tinh)\s+([^\W\d_][^—:;]{1,30}?)\s+—\s")


def _national_first(question: str, readings: list[Reading], scope: Scope | None) -> list[Reading]:
    """A question naming no place, asked where the ministry's reports state the indicator too, is
    the country's: a province's reports beside them ("… trên địa bàn tỉnh đạt 456 doanh nghiệp")
    are neither its latest figure nor "another report's figure of the same period". Where only a
    province's reports state it, they answer."""
    if places := asked_places(question):
        # the place asked of first: the country's figure, if asked beside it, is the line after —
        # and no answer alone ("… của tỉnh Hà Tĩnh so với cả nước", no report of Hà Tĩnh held)
        naming = [reading for reading in readings if _names_a_place_asked(reading.item, places)]
        return [*naming, *(reading for reading in readings if reading not in naming)] if naming else []
    if named_places(question) or LOCAL_SCOPE.search(fold(question)):
        return readings
    if scope == "national":
        # "… của cả nước năm 2024": a province's report quoting the country's figure beside its own
        # ("Cả nước: 87,4%") holds it too — its own figures are no longer among the readings (`_in_scope`)
        return sorted(readings, key=lambda reading: of_a_province(reading.item.candidate.chunk))  # type: ignore[attr-defined]
    national = [reading for reading in readings if not of_a_province(reading.item.candidate.chunk)]  # type: ignore[attr-defined]
    return national or readings


def _names_a_place_asked(item: object, places: Sequence[str]) -> bool:
    """Whether a sentence, its headings or its report's masthead name one of the places asked."""
    tokens = _place_tokens(item)
    return any(all(word in tokens for word in fold(place).split()) for place in places)


def _place_tokens(item: object) -> frozenset[str]:
    """The words a sentence is placed by: its own, its headings' and title's, and its report's
    masthead's (the issuer "UBND TỈNH QUẢNG TRỊ // SỞ THÔNG TIN …" names the place too)."""
    return item.tokens | item.context | frozenset(words(fold(item.candidate.chunk.issuer)))  # type: ignore[attr-defined]


def _names_a_place(text: str) -> bool:
    """Whether the text names a province or city as one ("tỉnh Hải Dương"; not "các tỉnh")."""
    return any(match.group(1).isupper() for match in _PLACE_WORD.finditer(text))


def of_a_province(chunk: Chunk) -> bool:
    """Whether a report is a province's (its department's, its people's committee's): its title names
    a place or is "… của Sở Thông tin và Truyền thông", or its masthead's issuer is one."""
    return (
        _names_a_place(chunk.title)
        or bool(named_places(chunk.title))  # "Ngành TT&TT Thanh Hóa: quý I/2023 …"
        or bool(_OF_A_DEPARTMENT.search(chunk.title) or _LOCAL_ISSUER.match(chunk.issuer))
    )




def _number_words(sentence: str) -> list[str]:
    """A count spelled in words ("năm tới mười năm"), in a sentence that writes no figure in digits
    ("một", "tư" and "nửa" are in too many other words: "một số", "đầu tư"; a scale word alone —
    "hàng trăm", "hàng tỷ" — is a vague quantity, not a count)."""
    if any(ch.isdigit() for ch in sentence):
        return []
    spelled = [word for word in answer_figures(sentence) if word not in ("một", "tư", "nửa", "rưỡi")]
    return spelled if any(word not in _SCALE_WORDS for word in spelled) else []


_SCALE_WORDS = frozenset({"trăm", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ"})
_SCALE_SYLLABLES = frozenset(fold(word) for word in _SCALE_WORDS)


def _states(item: object, measure: str) -> bool:
    """Whether a sentence states the measure (a synonym counts: "xếp hạng" for "thứ hạng")."""
    covered = item.tokens  # type: ignore[attr-defined]
    if measure in ("ty_le", "ti_le") and "%" in item.text:  # type: ignore[attr-defined]
        return True  # "85% dân số sử dụng Internet" states a rate
    if measure == "mat_do" and _PER_UNIT.search(fold(item.text)):  # type: ignore[attr-defined]
        return True  # "79,6 thuê bao/100 dân" states a density
    return any(token in covered for token in _SYNONYMS.get(measure, (measure,)))


def _per_what_asked(item: object, asked: tuple[str, str] | None) -> bool:
    """Whether a sentence states a figure per the number of what the question asks it per: "… trên
    100 hộ gia đình" is not answered by "22,2 thuê bao/100 dân", nor by a share of households."""
    return asked is None or asked in _per_units(item.text)  # type: ignore[attr-defined]


def per_what(question: str) -> tuple[str, str] | None:
    """What a question asks a figure per ("trên 100 dân", "/1.000 dân"): the number and the word, folded."""
    return next(iter(_per_units(question)), None)


def _per_units(text: str) -> list[tuple[str, str]]:
    """The numbers of people or households a text's figures are per, in order: ("1000", "dan") of "/1.000 dân"."""
    return [(found.group(1).replace(".", ""), found.group(2)) for found in _PER_UNIT.finditer(fold(text))]


# A figure per a number of people or households: "/100 dân", "trên 100 hộ gia đình", "/1.000 dân".
_PER_UNIT = re.compile(r"(?:/|\btren\s)\s*(100|1\.?000|10\.?000)\s*(dan|ho|nguoi|doanh nghiep)\b")


def _of_an_unasked_code(reading: Reading, codes: frozenset[str]) -> bool:
    """Whether the sentence's figure is of a network or standard the question does not name: "số thuê
    bao 5G đạt 9,6 triệu, chiếm 9,2% tổng số thuê bao di động" is no total of mobile subscribers."""
    if not reading.statements:
        return False
    statement = reading.closest_statement(list(reading.statements))
    return any(is_code(word) and word not in codes for word in words(fold(statement.indicator)))


def _codes_by_a_figure(reading: Reading, codes: frozenset[str]) -> bool:
    """Whether a network or standard asked ("5G") is named in the clause of one of the sentence's
    figures, where the sentence names it: "Số thuê bao băng rộng di động đạt 85,9 triệu thuê bao; các
    doanh nghiệp đã thử nghiệm mạng 5G …" states no count of 5G subscribers."""
    literal = {code for code in codes if is_code(code)}
    text = reading.item.text  # type: ignore[attr-defined]
    if not literal or not literal <= set(words(fold(text))) or is_table_row(text):
        return True  # named by its heading, or not at all (`_has_codes` decides); a row's label names it for every cell
    values = [s.value for s in reading.statements]
    return any(literal <= set(words(fold(clause))) for clause in text.split(";") if any(value in clause for value in values))


def of_the_other_network(item: object, asked: frozenset[str]) -> bool:
    """Whether a sentence, or the section (a table's caption) it sits in, is of the fixed network where
    the mobile one is asked (`asked`, the question's `networks`), or the other way round: "FPT Telecom —
    Thị phần (%): 16,4" under "Bảng 3. Thị phần thuê bao băng rộng cố định" is no mobile market share."""
    if len(asked) != 1:
        return False
    chunk = item.candidate.chunk  # type: ignore[attr-defined]
    said = networks(fold(f"{item.text} {' '.join(chunk.section_path)}"))  # type: ignore[attr-defined]
    return bool(said) and not said & asked


def _a_part_not_asked(item: object, asked: str) -> bool:
    """Whether the sentence is a table's row of one part of a whole the question does not name ("Doanh
    thu viễn thông, trong đó VNPT — …" for "Doanh thu viễn thông năm 2022"): the whole's row answers."""
    row = _PART_ROW.match(item.text)  # type: ignore[attr-defined]
    if row is None:
        return False
    # the part by its name or by the other name in its brackets: "Bưu điện Việt Nam (VNPost)"
    names = [_BRACKETED.sub(" ", row.group(1)), *re.findall(r"\(([^()]*)\)", row.group(1))]
    return not any(re.search(rf"\b{re.escape(' '.join(words(fold(name))))}\b", asked) for name in names if words(fold(name)))


# A row of a part, named after its whole when the table was read ("…, trong đó VNPT — ĐVT: …").
_PART_ROW = re.compile(r"^[^—]+?, trong đó ([^—]+?) — ")


def _halves_asked(asked: str) -> list[tuple[str, str]]:
    """The halves of a split indicator a (folded) question names, each with its other half, where it
    does not name both: "DVCTT một phần" -> [("mot phan", "toan trinh")]."""
    return [
        (one, other)
        for one, other in (*_HALVES, *((other, one) for one, other in _HALVES))
        if re.search(rf"\b{one}\b", asked) and not re.search(rf"\b{other}\b", asked)
    ]


def _of_the_other_half(item: object, halves: list[tuple[str, str]]) -> bool:
    """Whether the sentence names only the other of a pair the reports split an indicator into, where
    the question names one (`_halves_asked`): "DVCTT một phần" asked, "Tỷ lệ DVCTT toàn trình …"
    written; exports and imports; at home and abroad."""
    if not halves:
        return False
    said = " ".join(words(fold(item.text)))  # type: ignore[attr-defined]
    return any(re.search(rf"\b{other}\b", said) and not re.search(rf"\b{one}\b", said) for one, other in halves)


# The two halves an indicator is split into (folded).
_HALVES = (("toan trinh", "mot phan"), ("xuat khau", "nhap khau"), ("trong nuoc", "nuoc ngoai"))


def networks(folded: str) -> frozenset[str]:
    """The networks a folded text names: "mobile" ("di động"), "fixed" ("cố định")."""
    return frozenset(network for network, pattern in _NETWORKS.items() if pattern.search(folded))


_NETWORKS = {"mobile": re.compile(r"\bdi dong\b"), "fixed": re.compile(r"\bco dinh\b")}


def _named_letters(query: Query, glossary: Glossary | None) -> frozenset[str]:
    """A platform's or system's name in capitals after its kind ("Nền tảng NDXP", "hệ thống LGSP",
    "ứng dụng VNeID"), as the token a sentence has when it writes the letters or the words they stand
    for: a sentence of another platform ("… kết nối với Cổng Dịch vụ công quốc gia") states no figure
    of it. (Other letters — a topic's "ATTT:", a source's "Theo AAA", a concept's "ICT" — need not be
    written by the sentence that answers.)"""
    found = set()
    for match in _PLATFORM_NAME.finditer(query.text):
        if sum(letter.isupper() for letter in match.group(1)) < 2:
            continue  # "hệ thống Internet": a word, no name in letters
        folded = fold(match.group(1))
        found.add((glossary.concept_of(folded) if glossary else None) or folded)
    return frozenset(found)


_PLATFORM_NAME = re.compile(
    r"\b(?:[Nn]ền tảng|[Hh]ệ thống|[Ứứ]ng dụng|[Pp]hần mềm|[Tt]rục|[Ss]àn)\s+([A-ZĐ][A-Za-zĐđ]{2,9})\b"
)


def _has_codes(item: object, codes: frozenset[str]) -> bool:
    """Whether a sentence, or the short heading it sits under ("3. Mạng 5G"), names every network or
    standard asked ("5G", "IPv6"). A report's title or a news headline naming one ("Thị trường viễn
    thông năm 2024: 5G thương mại, …") does not make each sentence under it about it."""
    if not codes:
        return True
    path = item.candidate.chunk.section_path  # type: ignore[attr-defined]
    heading = words(fold(path[-1])) if path else []
    under = frozenset(heading) if len(heading) <= SHORT_HEADING_WORDS else frozenset()
    return codes <= (item.tokens | under)  # type: ignore[attr-defined]


def _its_cell_empty(item: object, indicator: str) -> bool:
    """Whether a table row's cell of what the question measures holds no figure ("Quảng Bình — Tổng số
    trạm BTS (trạm): 2.187; …; Số doanh nghiệp công nghệ số: -"): the row's other figures are of other
    columns, and none answers."""
    asked = " ".join(_without_count_words(words(fold(indicator.split(". ")[0]))))
    row = row_cells(item.text) if asked else None  # type: ignore[attr-defined]
    return row is not None and any(
        value in _NO_FIGURE and re.search(rf"\b{re.escape(asked)}\b", " ".join(words(fold(header))))
        for header, value in row[1].items()
    )


_NO_FIGURE = frozenset({"-", "–", "—", "…", "...", "x", "X", ""})


def _names_the_measured(item: object, query: Query, glossary: Glossary | None) -> bool:
    """`_names` of what the question measures, or of it by the other name given in brackets: "Điểm Chỉ
    số chuyển đổi số (DTI)" is named by a row's "Điểm DTI"."""
    as_phrase = not query.counts
    if _names(item, query.head, glossary, as_phrase=as_phrase):
        return True
    return bool(query.head) and any(
        _names(item, (query.head[0], *words(fold(aside))[:1]), glossary, as_phrase=as_phrase)
        for aside in query.asides
        if len(words(aside)) == 1
    )


def _names(item: object, head: tuple[str, ...], glossary: Glossary | None, as_phrase: bool = True) -> bool:
    """Whether a sentence (with its heading and title) has every syllable of what the question
    counts or measures; an abbreviation ("NSNN") counts when the sentence has its concept. What is
    measured must be one phrase (`as_phrase`); what is counted may be named around its figure
    ("Tấn công lừa đảo (Phishing): 4.210 cuộc" counts "cuộc tấn công lừa đảo")."""
    head = _as_written(head, item.tokens)  # type: ignore[attr-defined]
    typed = _as_typed(item.text)  # type: ignore[attr-defined]
    tokens = item.tokens | item.context | (frozenset(words(fold(typed))) if typed != item.text else frozenset())  # type: ignore[attr-defined]
    if head == WHOLE_SECTOR:
        # "Doanh thu toàn ngành": the sentence or its heading says it is the sector's figure; a title
        # "… của ngành Thông tin và Truyền thông" names the report's subject, not its postal revenue.
        # "Tổng doanh thu lĩnh vực TTTT năm 2022 …" names the sector too.
        path = item.candidate.chunk.section_path  # type: ignore[attr-defined]
        return (
            "nganh" in item.tokens  # type: ignore[attr-defined]
            or any("nganh" in words(fold(heading)) for heading in path)
            or bool(_THE_SECTOR.search(fold(item.text)))  # type: ignore[attr-defined]
        )
    if glossary and any(key in tokens for key in glossary.concepts_containing(glossary.spelled_out(head))):
        return True  # "dịch vụ công trực tuyến" (or "DVC trực tuyến") named as "DVCTT"
    counter = frozenset(head[:1])
    if head and " ".join(head[:2]) not in _COUNTER_WORDS:
        counter = _COUNTERS.get(head[0], counter)
    head_concept = glossary.concept_of(head[0]) if glossary and head else None
    if head_concept in item.tokens:  # type: ignore[attr-defined]
        counter |= {head_concept}  # "DVCTT toàn trình" asked, "dịch vụ công trực tuyến toàn trình" written
    if len(head) > 1 and not counter & item.tokens and "_".join(head[:2]) not in item.context:  # type: ignore[attr-defined]
        # What is counted, named only by a syllable of another word of the heading ("vụ" of "nhiệm vụ"
        # for "số vụ lừa đảo"): the heading names it only as the phrase asked.
        return False
    for number, syllable in enumerate(head):
        if syllable in tokens or (number == 0 and counter & item.tokens):  # type: ignore[attr-defined]
            continue
        concept = glossary.concept_of(syllable) if glossary else None
        if concept is None or concept not in tokens:
            return False
    if len(head) < 2 or not as_phrase:
        return True
    first = counter | {head[0]}
    if head_concept and glossary:
        first |= {glossary.spelled_out(head[:1])[-1]}  # "… trực tuyến toàn trình": the phrase's last word
    return _as_a_phrase(item, first, head[1]) or _counted_after_its_figure(item, counter, head[1])


@lru_cache(maxsize=1024)
def _leads(text: str) -> dict[int, str]:
    return lead_ins(text)


@lru_cache(maxsize=4096)
def _as_typed(sentence: str) -> str:
    """A sentence with the shorthand officials type spelled out ("DT CN ICT T10: …" names "doanh thu
    công nghiệp ICT"): a question typing the letters is read spelled out, so is the sentence."""
    return spelled_shorthand(sentence)


def _counted_after_its_figure(item: object, counter: frozenset[str] | set[str], second: str) -> bool:
    """Whether what is counted is named before its figure and its counter written after it ("Tấn công
    mạng gây sự cố …: T11: 720 vụ" for "số vụ tấn công mạng"): a row's wording, not another word's
    syllable ("vụ" of "nhiệm vụ" follows no number)."""
    text = fold(item.text)  # type: ignore[attr-defined]
    at = re.search(rf"\b{re.escape(second)}\b", text)
    return at is not None and re.search(rf"\d\s+(?:{'|'.join(map(re.escape, sorted(counter)))})\b", text[at.end() :]) is not None


def _as_a_phrase(item: object, first: frozenset[str] | set[str], second: str) -> bool:
    """Whether what is measured is written as one phrase (its two syllables in order, at most two
    words between: "người sử dụng" for "người dùng") in the sentence or its heading or title — not
    as syllables of other words ("tin" of "thông tin", "giả" of "quốc gia" for "tin giả")."""
    chunk = item.candidate.chunk  # type: ignore[attr-defined]
    # read, as written, and in the typed shorthand spelled out ("DT CN ICT": "doanh thu công nghiệp ICT")
    texts = [item.text, item.quote, _as_typed(item.text), *chunk.section_path, chunk.title]  # type: ignore[attr-defined]
    # and the lead-in of the list it is an item of ("a) Tỷ lệ DVCTT toàn trình … trong đó:" for "- Cấp bộ, ngành: 61,8%;")
    texts.append(_leads(chunk.reading_text).get(item.paragraph, ""))  # type: ignore[attr-defined]
    pattern = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(first)))})(?:\W+\w+){{0,2}}?\W+{re.escape(second)}\b")
    return any(pattern.search(fold(text)) for text in texts)


def _counts(reading: Reading, counted: tuple[str, ...], shares: bool = False) -> bool:
    """Whether a figure of the sentence counts what "bao nhiêu …" asks: "Doanh nghiệp công nghệ số …
    công bố được 43 nền tảng số" names the businesses asked about but counts platforms. A figure
    whose unit names no thing (a sum of money, none written) may count it; a share only when a share
    is asked (`shares`: "bao nhiêu % hồ sơ …"): "Tỷ lệ hồ sơ … đạt 52,3%" is no number of dossiers."""
    if not counted:
        return True
    asked = _COUNTERS.get(counted[0], frozenset(counted[:1])) | frozenset(counted)

    def may_count_it(statement: Statement) -> bool:
        if statement.unit == "%" and not shares:
            return False
        unit = _unit_words(statement.unit)
        named = words(fold(statement.indicator))
        if named[:1] == ["so"] and tuple(named[1 : 1 + len(counted[:2])]) == counted[:2]:
            return True  # "Số nhà báo được cấp thẻ — ĐVT: người": what it counts, in its unit's word
        return not unit or bool(asked & unit) or counted[0] not in named

    return not reading.statements or any(may_count_it(statement) for statement in reading.statements)


def _only_shares(reading: Reading) -> bool:
    """Whether every level the sentence states (a result or a plan, not a change "tăng 8,9 điểm %") is a
    percentage: a rate or a share, no number of things."""
    levels = [statement for statement in reading.statements if statement.kind in ("result", "target")]
    return bool(levels) and all(statement.unit == "%" for statement in levels)



def _only_as_its_base(reading: Reading, head: tuple[str, ...], glossary: Glossary | None) -> bool:
    """Whether what the question measures is, in every figure's own name, only what that figure is
    a share of: "Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ của các DVCTT toàn trình" is a
    share of dossiers, no answer to "tỷ lệ DVCTT toàn trình"."""
    if not head or not reading.statements:
        return False
    names = {head[0]}
    # the concepts the head names, however typed: "DVC trực tuyến" is "DVCTT"
    concepts = {glossary.concept_of(head[0]), *glossary.concepts_containing(glossary.spelled_out(head))} - {None} if glossary else set()
    for statement in reading.statements:
        folded = fold(statement.indicator)
        base = _BASE_OF_A_SHARE.search(folded)
        before = folded[: base.start()] if base else folded
        own = set(words(before))
        if not base or names & own or (glossary and concepts & set(glossary.concept_keys(words(before)))):
            return False
    return True


# What a share is taken of: "… trên tổng số hồ sơ của các DVCTT", "… trong tổng số …".
_BASE_OF_A_SHARE = re.compile(r"\b(?:tren|trong)\s+(?:tong\s+)?so\b")

_MULTIPLIERS = frozenset({"nghin", "ngan", "trieu", "ty", "van", "tram", "chuc"})
# The same, as written: folded, "trăm" (a hundred) is "trạm" (a station).
_MULTIPLIERS_WRITTEN = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "trăm", "chục"})


def _unit_words(unit: str) -> set[str]:
    """The words of a figure's unit that name what it counts, folded, without its scale ("nghìn thuê
    bao": "thue", "bao"; "trạm": "tram", though "trăm" would be none)."""
    written = [word for word in words(unit.lower()) if word.isalpha()]
    if has_diacritics(unit):
        found = {fold(word) for word in written if word not in _MULTIPLIERS_WRITTEN}
    else:
        found = {word for word in written if word not in _MULTIPLIERS}
    return found.union(*(_UNIT_SHORTHAND.get(word, ()) for word in found))


# A table's unit in shorthand: "triệu TB" counts subscribers ("thuê bao"), "DN" businesses.
_UNIT_SHORTHAND = {"tb": ("thue", "bao"), "dn": ("doanh", "nghiep")}

# A question asking a share ("bao nhiêu % …", "bao nhiêu phần trăm …", "tỷ lệ …"), folded.
_ASKS_A_SHARE = re.compile(r"%|\bphan tram\b|\bt[yi] le\b|\bty trong\b")
# Words that count the same things: "số vụ tấn công mạng" is answered by "6.362 cuộc tấn công mạng".
_COUNTERS = {"vu": frozenset({"vu", "cuoc"}), "cuoc": frozenset({"vu", "cuoc"})}
_COUNTER_WORDS = frozenset({"vu an", "vu viec"})  # "vụ án" (a criminal case) is a word, not a count of attacks

# What an indicator measures, when its first words say it: the measure must be the sentence's too.
_MEASURES = (
    "doanh thu", "lợi nhuận", "kim ngạch", "sản lượng", "giá trị", "tỷ lệ", "tỉ lệ", "tốc độ", "ngân sách",
    "chỉ số", "thứ hạng", "chi phí", "vốn", "thu nhập", "năng suất", "tỷ trọng", "thị phần", "mật độ",
)
_MEASURE_TOKENS = {fold(measure): "_".join(fold(measure).split()) if " " in measure else fold(measure) for measure in _MEASURES}
# Other words a report uses for a measure (as folded tokens).
_SYNONYMS = {
    "thu_hang": ("thu_hang", "xep_hang", "xep_thu", "vi_tri", "dung_thu", "hang"),
    "ty_le": ("ty_le", "ti_le"),
    "ti_le": ("ty_le", "ti_le"),
    "ngan_sach": ("ngan_sach", "abbr_nsnn"),
    "ty_trong": ("ty_trong", "chiem"),  # "Kinh tế số chiếm 14,26% GDP"
}


def _asks_a_rank(asked: frozenset[str]) -> bool:
    """Whether the question's words ask for a place in a ranking ("xếp thứ", "xếp hạng", "thứ hạng")."""
    return "xep" in asked or {"thu", "hang"} <= asked


def measure_words(measure: str | None, tokens: frozenset[str]) -> frozenset[str]:
    """The measure's own tokens ("thu_hang", "thu", "hang") when a sentence states it only by a
    synonym ("Việt Nam xếp thứ 101/193"): it names the measure asked as much as one that says
    "thứ hạng", so the share of the indicator it covers counts them."""
    synonyms = _SYNONYMS.get(measure or "")
    if not measure or not synonyms or not any(token in tokens for token in synonyms):
        return frozenset()
    if measure == "thu_hang":
        # a place in a ranking, however either side puts it: "xếp hạng" asked, "giữ nguyên thứ hạng 86/193" stated
        return frozenset(part for token in (measure, *synonyms) for part in (token, *token.split("_")))
    return frozenset({measure, *measure.split("_")})


def asked_measure(indicator: str) -> str | None:
    """The measure a question's indicator asks for: a place in a ranking asked anywhere in it
    ("chỉ số EGDI của Việt Nam xếp hạng …", "… xếp thứ mấy"), else the one it starts with."""
    return "thu_hang" if _asks_a_rank(frozenset(words(fold(indicator)))) else measure_of(indicator)


def measure_of(indicator: str) -> str | None:
    """The folded token of the measure an indicator starts with ("doanh_thu"), or None."""
    folded = " ".join(fold(indicator).replace(".", " ").split())
    for measure, token in _MEASURE_TOKENS.items():
        if folded == measure or folded.startswith(measure + " "):
            return token
    return None


def names_measure(indicator: str, measure: str) -> bool:
    """Whether an indicator names the measure (a token of `measure_of`) or a synonym of it, as a phrase."""
    folded = f" {' '.join(words(fold(indicator)))} "
    return any(f" {token.replace('_', ' ')} " in folded for token in _SYNONYMS.get(measure, (measure,)))


def from_a_report(item: object) -> bool:
    """Whether a sentence comes from a report of a period (its title, metadata or dateline says
    which), or is a table's row whose columns are periods (a statistics sheet "giai đoạn 2022 -
    2024": "Số kênh truyền hình — Năm 2022: 198; Năm 2023: 193"): what the period rules are for. An
    article that merely mentions years is not one."""
    if item.candidate.chunk.doc_period:  # type: ignore[attr-defined]
        return True
    text = item.text  # type: ignore[attr-defined]
    return is_table_row(text) and bool(_PERIOD_COLUMN.search(fold(text)))


# A row's column headed by a period: "; Năm 2023: 193", "— 2022: 198".
_PERIOD_COLUMN = re.compile(r"(?:^|[;—])\s*(?:nam\s+|th\s+|kh\s+|quy\s+\w+\s*/?\s*)?(?:19|20)\d\d\s*:")


def _disagreeing(
    period: Period | None, chosen: Reading, statement: Statement | None, readings: Sequence[Reading], kind: str
) -> list[tuple[Period | None, Reading, Statement | None]]:
    """Other reports' figures for the same period that differ from the chosen one (a report revised
    by a later one, two reports that disagree): an official quoting one must see the other, cited."""
    if statement is None or period is None:
        return []
    found: list[tuple[Period | None, Reading, Statement | None]] = []
    values = {statement.value}
    for reading in readings:
        other = reading.value_for(period, kind)
        if (
            other is not None
            and other.value not in values
            and _same_unit(other.unit, statement.unit)
            and other.period == statement.period  # a half-year's figure is no other figure of the year
            and _doc_id(reading) != _doc_id(chosen)
            and not reading.points_at(other)
            and _names_all_it_names(reading, chosen)
        ):
            found.append((period, reading, other))
            values.add(other.value)
    return found[:MAX_DISAGREEING]


def _same_unit(one: str, other: str) -> bool:
    """Whether two figures are in the same unit: as written, or one's words opening the other's
    ("doanh nghiệp" and "doanh nghiệp công", a unit cut at the words after a number)."""
    if one == other:
        return True
    shorter, longer = sorted((fold(one).split(), fold(other).split()), key=len)
    return bool(shorter) and "%" not in shorter and longer[: len(shorter)] == shorter


def _names_all_it_names(reading: Reading, chosen: Reading) -> bool:
    """Whether a sentence names every word of the question the chosen one names: "Số cơ quan báo —
    Năm 2023: 137" (newspapers) is no other report's figure of "cơ quan báo chí" (press agencies)."""
    named = (chosen.asked & chosen.item.tokens) - _SAY_NO_INDICATOR  # type: ignore[attr-defined]
    return named <= reading.item.tokens  # type: ignore[attr-defined]  # (a heading "… về báo chí" says nothing of the row)


# Words of where and of how much, not of what: "trên (địa bàn)", "số", "tổng (số)", "của cả nước".
_SAY_NO_INDICATOR = frozenset("so tong tren dia ban cua ca nuoc toan quoc tinh va cac nhung trong".split())
# … and, for a qualifier the sentence must write, whose: "của ngành", "lĩnh vực" ("toàn" of "toàn
# quốc" is also "toàn trình").
_WHERE_OR_WHOSE = (_SAY_NO_INDICATOR - {"toan", "quoc"}) | {"nganh", "linh", "vuc"}


def _distance(planned: Period | None, year: int | None) -> int:
    """How far a plan's period lies from the year measured against it: later horizons further; with
    no year, the latest plan first."""
    if planned is None:
        return 0
    return -planned.year if year is None else planned.year - year


def _doc_id(reading: Reading) -> str:
    return reading.item.candidate.chunk.doc_id  # type: ignore[attr-defined]


def _sort_key(period: Period | None) -> tuple[int, int, int]:
    return period.sort_key if period else (0, 0, 0)


def _states_exactly(reading: Reading, period: Period, own: bool = False) -> bool:
    """Whether a sentence states a figure of exactly that period (not of a part of it), its own or
    (unless `own`) the one it compares with ("tăng 4,1% so với năm 2021 (958,9 tỷ đồng)"). A month
    asked ("đến 30/6/2025") is the end of a span ending with it: a quarter II report's count is the
    count at that day."""
    return any(
        (statement.period == period or _ends_with_month(statement.period, period)) and not (own and statement.kind == "base")
        for statement in reading.statements
    )


def _in_the_currency_asked(reading: Reading, currency: str | None) -> bool:
    """Whether the figures of a sentence naming the indicator asked most closely are in the currency
    asked ("… bao nhiêu tỷ USD"): "Doanh thu toàn ngành … 1.969.000 tỷ đồng …; doanh thu công nghiệp
    ICT … 74,7 tỷ USD" gives no revenue of the whole sector in dollars."""
    if currency is None or not reading.statements:
        return True
    closest = max(reading.shared(statement) for statement in reading.statements)
    written = _CURRENCY_UNITS[currency]
    # a figure without a unit of its own has its row's ("Doanh thu (tỷ USD): 6,2", "Đơn vị: tỷ USD")
    return any(
        written.search(fold(statement.unit) if statement.unit.strip() else fold(reading.item.text))  # type: ignore[attr-defined]
        for statement in reading.statements
        if reading.shared(statement) == closest
    )


_CURRENCY_UNITS = {"usd": re.compile(r"\b(?:usd|do la)\b|\$"), "dong": re.compile(r"\b(?:dong|d|vnd)\b")}


def _counts_the_excluded(reading: Reading, excluded: Sequence[str]) -> bool:
    """Whether the figures a sentence states are of a whole that holds what the question leaves out
    ("Số kênh phát thanh, truyền hình: 271" for "số kênh truyền hình (không tính phát thanh)"): the part
    asked is not stated there."""
    if not excluded:
        return False
    named = set(words(fold(" ".join(statement.indicator for statement in reading.statements))))
    return set(excluded) <= named


def _ends_with_month(stated: Period | None, asked: Period | None) -> bool:
    """Whether a span (a quarter, a half, nine months, a year) ends with the month asked."""
    return (
        asked is not None and asked.part.startswith("m") and stated is not None and not stated.part.startswith("m") and stated.answers(asked)
    )


def _own_period_figure(
    reading: Reading, period: Period, best_share: float, best_words: float, measured: tuple[str, ...], glossary: Glossary | None = None
) -> bool:
    """Whether a sentence states exactly `period`'s figure of the indicator asked, though in fewer of
    the question's words than the best sentence of the indicator."""
    return _states_exactly(reading, period) and (
        reading.indicator >= OWN_PERIOD_SHARE * best_share
        or (
            (reading.indicator_words >= OWN_PERIOD_SHARE * best_words or _row_naming_it(reading, period, measured))
            and _names_nothing_else(reading, period, glossary)
        )
    )


def _row_naming_it(reading: Reading, period: Period, measured: tuple[str, ...]) -> bool:
    """Whether a table's row names the whole of what is measured ("Số vụ tấn công mạng gây sự cố —
    2019: 4.750"), where the question and the prose add where and how it was counted ("ghi nhận …
    vào hệ thống thông tin tại Việt Nam"): its few words are the indicator's name."""
    wanted = {_bare(word) for word in measured}
    return bool(wanted) and is_table_row(reading.item.text) and any(  # type: ignore[attr-defined]
        statement.period == period and wanted <= {_bare(word) for word in words(fold(statement.indicator))}
        for statement in reading.statements
    )


def _names_nothing_else(reading: Reading, period: Period, glossary: Glossary | None = None) -> bool:
    """Whether the sentence's figure of `period` is named in words of the question only ("doanh thu
    bưu chính" for "doanh thu dịch vụ bưu chính", or "DT bưu chính" as a report writes it): fewer of
    them, but no other indicator's."""
    asked = {_bare(word) for word in reading.asked}

    def name(statement: Statement) -> str:
        return fold(glossary.spell_written(statement.indicator) if glossary else statement.indicator)

    return any(
        statement.period == period
        and (named := {_bare(word) for word in words(_REPORTED.sub("", name(statement)))} - _SAY_NOTHING)
        and named <= asked
        for statement in reading.statements
    )


# Who reports it, before what is reported: "Bộ Thông tin và Truyền thông cho biết doanh thu …".
# ("thông tin" is no such verb here: it is a word of "an toàn thông tin", of the ministry's own name.)
_REPORTED = re.compile(r"^.*\b(?:cho biet|cho thay|bao cao)\s+(?=\S)")


def _bare(word: str) -> str:
    """A folded word without its signs: "TT&TT" is the "TTTT" typed."""
    return re.sub(r"[^a-z0-9]", "", word) or word


_THE_SECTOR = re.compile(r"\blinh vuc (?:tttt|tt&tt|tt-tt|thong tin va truyen thong)\b")
# Words of an indicator's name that name no other indicator: "doanh thu toàn ngành", "tổng doanh thu".
_SAY_NOTHING = frozenset({"toan", "tong", "cac", "ca", "nuoc", "dich", "vu", "so"})
# Verbs the reports use one for the other of the same indicator: "hồ sơ TTHC giải quyết trực tuyến" in one
# report is "… xử lý trực tuyến" in the next.
_ALIKE_WORDINGS = (
    (("giai", "quyet"), ("xu", "ly")),
    (("nguoi", "dung"), ("nguoi", "su", "dung")),
    # "tỷ lệ dân số sử dụng Internet" is the same rate as "tỷ lệ người dân sử dụng Internet"
    (("dan", "so"), ("nguoi", "dan")),
    (("dan", "so", "truong"), ("nguoi", "truong")),  # the adults: "người trưởng thành", "dân số trưởng thành"
    # a ministry's "toàn ngành" is its sector: "tổng doanh thu toàn ngành năm 2022" is the revenue of
    # "toàn ngành thông tin và truyền thông", and of "lĩnh vực TTTT" (the 2024 review's wording)
    (("toan", "nganh"), ("nganh", "thong", "tin", "va", "truyen", "thong"), ("linh", "vuc", "thong", "tin", "va", "truyen", "thong")),
)


def _as_written(head: tuple[str, ...], tokens: AbstractSet[str]) -> tuple[str, ...]:
    """What is measured in the wording alike to the question's that a sentence writes ("dân số" asked,
    "người dân" written), or as asked."""
    for group in _ALIKE_WORDINGS:
        asked = next((wording for wording in group if head[: len(wording)] == wording), None)
        if asked is None:
            continue
        for wording in group:
            if wording != asked and set(wording) <= tokens and "_".join(wording[:2]) in tokens:
                return wording + head[len(asked) :]
    return head


def alike_wordings(tokens: AbstractSet[str]) -> frozenset[str]:
    """The words (and word pairs) of a wording alike to one a sentence uses: a sentence writing "xử
    lý" names "giải quyết" of the same indicator as well."""
    extra: set[str] = set()
    for group in _ALIKE_WORDINGS:
        if any(set(wording) <= tokens and "_".join(wording[:2]) in tokens for wording in group):
            for wording in group:
                extra.update(wording)
                extra.update(f"{a}_{b}" for a, b in zip(wording, wording[1:]))
    return frozenset(extra)


# What is counted over a period rather than stood at its end: revenue, output, incidents, what was
# blocked or recovered, and whatever a question sums itself ("lũy kế 8 tháng"). The figure of
# "9 tháng" is no figure of "tháng 9/2024" (nor the month's of the nine months); a count of subscribers
# at the end of nine months is the count at the end of September.
_FLOW = re.compile(
    r"\b(?:doanh thu|loi nhuan|nop ngan sach|san luong|kim ngach|gia tri giao dich|phat trien moi)\b"
    r"|^(?:so )?(?:vu|cuoc|luot)\b"
)


# What is done within a period (blocked, recovered, received, exported), not a rate of it.
_FLOW_ACTS = re.compile(
    r"^(?!t[yi] le\b).*\b(?:chan|ngan chan|thu hoi|tiep nhan|phat hien|go bo|xuat khau|nhap khau|cap moi|phat hanh)\b"
)
# A question summing months itself: "lũy kế 8 tháng", "tính chung", "cộng dồn".
_SUMMED_ASKED = re.compile(r"\b(?:luy ke|lk|tinh chung|cong don)\b")


def _counts_a_flow(query: Query) -> bool:
    indicator = fold(query.indicator)
    return (
        bool(_FLOW.search(indicator) or _FLOW_ACTS.search(indicator) or _SUMMED_ASKED.search(fold(query.text)))
        or query.counts[:1] in (("vu",), ("cuoc",), ("luot",))
    )


def _for_lines(query: Query, readings: list[Reading]) -> list[Reading]:
    """The readings that may answer a period asked: of a flow, without the figures of a span ending in
    a month asked (they stay among what the reports hold, listed when the month is not)."""
    return [_flow_apart(reading, query.periods) for reading in readings] if _counts_a_flow(query) else readings


def _flow_apart(reading: Reading, asked: Sequence[Period]) -> Reading:
    """The reading without figures of a span ending in a month asked, or of a month ending a span
    asked: of a flow, neither is the other's figure."""
    def apart(stated: Period | None) -> bool:
        # (a period asked itself is never apart: "tháng 11/2024 và lũy kế 11 tháng" asks both)
        return stated is not None and stated not in asked and any(
            stated.year == period.year and stated.part != period.part and stated.part.startswith("m") != period.part.startswith("m")
            for period in asked
        )

    # (what the sentence states of another indicator goes with them: it answers nothing asked)
    kept = tuple(statement for statement in reading.statements if not apart(statement.period) and not reading.of_another(statement))
    return reading if len(kept) == len(reading.statements) else replace(reading, statements=kept, stated=reading.statements)


def _answers(stated: Period | None, asked: Period) -> bool:
    """Whether a figure stated for `stated` is one for the asked period; a figure of no known period
    is no figure of any."""
    return stated is not None and stated.answers(asked)


def _held(
    readings: Sequence[Reading], kind: str | None, limit: int | None = MAX_OTHERS
) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The best reading of each period the readings hold, latest first (the `limit` latest): what the
    reports do have."""
    best: dict[Period | None, Reading] = {}
    for reading in readings:
        for period in reading.periods_of(kind) or [reading.period]:
            if period not in best or _revises(reading, best[period], period, kind):
                best[period] = reading
    ordered = sorted(best.items(), key=lambda item: _sort_key(item[0]), reverse=True)
    return [(period, reading.value_for(period, kind) or reading.value_for(period, None), reading) for period, reading in ordered][:limit]


def _revised(chosen: tuple[Reading, Statement], stating: Sequence[tuple[Reading, Statement]]) -> tuple[Reading, Statement]:
    """The chosen figure, or a later report's figure of the same period that revises it: an estimate
    ("Ước TH năm 2024: 74.500") is replaced by the count a later report gives for that period ("… đến
    ngày 31/12/2024 là 74.215 doanh nghiệp; số liệu này thay thế số ước …"). The estimate is still
    shown beside it, as another report's figure (`_disagreeing`)."""
    reading, statement = chosen
    if not _estimated(statement):
        return chosen
    revising = [
        (other, value)
        for other, value in stating
        if _report_order(other) > _report_order(reading)
        and value.value != statement.value
        and _same_unit(value.unit, statement.unit)
        and not _estimated(value)
    ]
    return max(revising, key=lambda pair: (_report_order(pair[0]), pair[0].score), default=chosen)


def _revises(reading: Reading, held: Reading, period: Period | None, kind: str | None) -> bool:
    """Whether a reading's figure of a period revises the one held for it: see `_revised`."""
    if period is None:
        return False
    new, old = reading.value_for(period, kind), held.value_for(period, kind)
    if new is None or old is None or new.period != period or old.period != period:
        return False
    return _revised((held, old), [(reading, new)])[0] is reading


def _report_order(reading: Reading) -> tuple[int, ...]:
    return label_sort_key(reading.item.candidate.chunk.doc_period)  # type: ignore[attr-defined,no-any-return]


# "ước đạt", "Ước TH năm 2024:", "dự kiến", "tạm tính", "sơ bộ" just before a figure: an estimate
_ESTIMATE = re.compile(r"\b(?:uoc|du kien|tam tinh|so bo)\b(?:[^;.\d]|\b(?:19|20)\d\d\b){0,40}$")


def _estimated(statement: Statement) -> bool:
    """Whether a sentence calls its figure an estimate, in the words just before it."""
    folded = fold(statement.sentence)
    at = folded.find(fold(statement.value))
    if at < 0:
        return False
    return bool(_ESTIMATE.search(folded[max(0, at - 60) : at]))

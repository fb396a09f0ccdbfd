"""A figure of a period: the answering rules for questions about an indicator's value.

A ministry reports the same indicator for many periods, so the sentence that best matches the words
of a question may be another period's, or the plan's rather than the result. Once the sentences are
scored (`extractive.py`), these rules choose among the ones that state the asked indicator:

- the asked period is in the reports: that period's figure (a comparison base counts: "so với cùng
  kỳ tháng 6/2022 (704.939 địa chỉ)" states June 2022);
- the asked period, or the asked kind (result, target, change, share of the plan), is not: decline,
  saying which periods or kinds the reports do hold, each cited;
- no period named: the latest period's figure, labelled, then the other periods' values;
- a comparison: one line per period named, a missing one said to be missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.query import Query
from vectorstore.figures import Period, find_periods
from vectorstore.statements import Context, Statement, read_statements, sentence_kind
from vectorstore.text import fold

# A sentence states the asked indicator when it covers at least this share of what the best one
# covers of the question's indicator words (the question without its periods and kind words).
INDICATOR_SHARE = 0.7
# Among those, how close to the best score a later period's sentence must come to be the answer
# to a question that names no period.
LATEST_SHARE = 0.75
MAX_OTHERS = 3


@dataclass(frozen=True)
class Reading:
    """A scored sentence read for its figures: the period and kind of what it states."""

    item: object  # extractive.ScoredSentence
    period: Period | None
    kind: str
    statements: tuple[Statement, ...]

    @property
    def score(self) -> float:
        return self.item.score  # type: ignore[attr-defined]

    @property
    def indicator(self) -> float:
        return self.item.indicator  # type: ignore[attr-defined]

    def has_kind(self, kind: str | None) -> bool:
        """Whether it states a figure of the asked kind (any, when none is asked)."""
        if kind is None:
            return True
        if kind == "target":
            return self.kind == "target"
        if self.kind == "target":
            return False
        if kind in ("change", "share"):
            return any(statement.kind == kind for statement in self.statements)
        return True

    def base_for(self, period: Period | None) -> Statement | None:
        """The comparison base's statement for `period`, when that, not the sentence's own period,
        is what the sentence gives for it."""
        if period is None or (self.period is not None and self.period.answers(period)):
            return None
        return next((s for s in self.statements if s.kind == "base" and s.period is not None and s.period.answers(period)), None)

    def value_for(self, period: Period | None, kind: str | None) -> Statement | None:
        """The statement that answers: its own figure of the kind asked, else a comparison base's
        value for `period`."""
        wanted = {"change": ("change",), "share": ("share",), "target": ("target",)}.get(kind or "", ("result", "target"))
        for statement in self.statements:
            if statement.kind in wanted and (period is None or _answers(statement.period, period)):
                return statement
        if period is not None:
            for statement in self.statements:
                if statement.kind == "base" and _answers(statement.period, period):
                    return statement
        return None


@dataclass
class PeriodAnswer:
    """What the rules chose. `lines` are (label, reading) in answer order; `others` one reading per
    other period held (the short line after the answer); a decline names what is missing."""

    lines: list[tuple[Period | None, Reading]] = field(default_factory=list)
    others: list[tuple[Period, Statement, Reading]] = field(default_factory=list)
    missing: list[Period] = field(default_factory=list)
    declined: str | None = None  # "period" | "kind"
    held: list[tuple[Period | None, Statement | None, Reading]] = field(default_factory=list)


def read(item: object) -> Reading:
    """A scored sentence, read with its chunk's period, section and report title as context."""
    chunk = item.candidate.chunk  # type: ignore[attr-defined]
    periods = find_periods(chunk.period) if chunk.period else []
    context = Context(periods[0] if periods else None, chunk.section, chunk.title)
    sentence = item.text  # type: ignore[attr-defined]
    statements = tuple(read_statements(sentence, context))
    own = [s.period for s in statements if s.kind != "base" and s.period is not None]
    return Reading(item, own[0] if own else context.period, sentence_kind(sentence, context), statements)


def plan(query: Query, scored: Sequence[object], unseen: Sequence[str] = ()) -> PeriodAnswer | None:
    """The rules above over the scored sentences, or None when they do not apply (the question asks
    no figure of a period, or no sentence states the asked indicator with a figure).

    `unseen`: words of the question's indicator that no report contains: the reports cannot give
    a figure of something they never name ("kim ngạch xuất khẩu gạo"), so that is a decline."""
    if not query.about_figures:
        return None
    ranked = sorted(scored, key=lambda item: item.score, reverse=True)[:40]  # type: ignore[attr-defined]
    best_indicator = max((item.indicator for item in ranked), default=0.0)  # type: ignore[attr-defined]
    if best_indicator <= 0:
        return None
    if not _from_a_report(ranked[0]):
        return None  # prose, or a text that is no report of a period: the plain sentence choice
    measure = measure_of(query.indicator)
    if unseen or (measure and not any(measure in item.covered for item in ranked)):  # type: ignore[attr-defined]
        # A figure of something no report names ("kim ngạch xuất khẩu gạo"), or a measure the
        # top passages never state ("lợi nhuận" where they give revenue): the reports do not hold it.
        return PeriodAnswer(declined="metric")
    pool = [
        reading
        for reading in (read(item) for item in ranked if item.indicator >= INDICATOR_SHARE * best_indicator)  # type: ignore[attr-defined]
        if reading.statements
    ]
    if not pool:
        return None
    if measure:
        # "Lợi nhuận của các doanh nghiệp viễn thông": a sentence of their revenue is another indicator.
        pool = [reading for reading in pool if measure in reading.item.covered]  # type: ignore[attr-defined]
        if not pool:
            return PeriodAnswer(declined="metric")
    answer = PeriodAnswer()
    fitting = [reading for reading in pool if reading.has_kind(query.asked_kind)]
    if query.asked_kind is None and any(reading.kind == "result" for reading in fitting):
        # Nothing said: what was reached, not what was planned, unless the plan is all there is.
        results = [reading for reading in fitting if reading.kind == "result"]
        if results[0].score >= LATEST_SHARE * fitting[0].score:
            fitting = results
    if not fitting:
        answer.declined = "kind"
        answer.held = _held(pool, None)
        return answer
    if query.periods:
        for period in query.periods:
            match = next((r for r in fitting if _answers(r.period, period) and r.value_for(period, query.asked_kind)), None)
            match = match or next((r for r in fitting if r.value_for(period, query.asked_kind) is not None and _base_only(r, period)), None)
            if match is None:
                answer.missing.append(period)
            elif all(match is not chosen for _, chosen in answer.lines):
                answer.lines.append((period, match))
        if not answer.lines:
            answer.declined = "period"
            answer.held = _held(fitting, query.asked_kind)
        return answer
    top = fitting[0]
    near = [reading for reading in fitting if reading.score >= LATEST_SHARE * top.score]
    latest = max(near, key=lambda reading: reading.period.sort_key if reading.period else (0, 0, 0))
    answer.lines.append((latest.period, latest))
    answer.others = [
        (period, statement, reading)
        for period, statement, reading in _held(fitting, query.asked_kind)
        if period is not None and statement is not None and period != latest.period
    ][:MAX_OTHERS]
    return answer


# What an indicator measures, when its first words say it: the measure must be the sentence's too.
_MEASURES = (
    "doanh thu", "lợi nhuận", "kim ngạch", "sản lượng", "giá trị", "tỷ lệ", "tỉ lệ", "tốc độ", "ngân sách",
    "chỉ số", "thứ hạng", "chi phí", "vốn", "thu nhập", "năng suất",
)
_MEASURE_TOKENS = {fold(measure): "_".join(fold(measure).split()) if " " in measure else fold(measure) for measure in _MEASURES}


def measure_of(indicator: str) -> str | None:
    """The folded token of the measure an indicator starts with ("doanh_thu"), or None."""
    folded = " ".join(fold(indicator).replace(".", " ").split())
    for measure, token in _MEASURE_TOKENS.items():
        if folded == measure or folded.startswith(measure + " "):
            return token
    return None


def _from_a_report(item: object) -> bool:
    """Whether a sentence comes from a report of a period (its title, metadata or dateline says
    which): what the period rules are for. An article that merely mentions years is not one."""
    return bool(item.candidate.chunk.doc_period)  # type: ignore[attr-defined]


def _answers(stated: Period | None, asked: Period) -> bool:
    """A sentence of no known period (prose, a report without one) is not ruled out by the period."""
    return stated is None or stated.answers(asked)


def _base_only(reading: Reading, period: Period) -> bool:
    return any(s.kind == "base" and s.period is not None and s.period.answers(period) for s in reading.statements)


def _held(readings: Sequence[Reading], kind: str | None) -> list[tuple[Period | None, Statement | None, Reading]]:
    """The best reading of each period the readings hold, latest first: what the reports do have."""
    best: dict[Period | None, Reading] = {}
    for reading in readings:
        if reading.period not in best:
            best[reading.period] = reading
    ordered = sorted(best.items(), key=lambda item: item[0].sort_key if item[0] else (0, 0, 0), reverse=True)
    return [(period, reading.value_for(period, kind) or reading.value_for(period, None), reading) for period, reading in ordered][:MAX_OTHERS]

"""The grounding guard: a generated answer is only shown if its figures and citations check out.

An LLM writes fluent text, and sometimes a figure the reports never gave. Officials quote these
figures, so a generated answer passes only when
- it cites at least one passage, and every `[n]` names a passage it was given;
- every sentence that states a figure cites a passage;
- every figure — number, percentage, date, decision or document number such as `895/QĐ-TTg` — occurs
  in a passage that its own sentence cites (the passage as the model saw it: text, report title,
  period and section), written the same way ("quote figures exactly": "72.000" is not "72 nghìn").
Otherwise the verdict names the reason, and the service shows the extractive answer instead.

What it cannot see: a figure written in words ("bảy mươi hai nghìn"), or a true figure attached to
the wrong subject. The prompt asks for figures in digits as written; the citation lets a reader check.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from vectorstore.figures import figure_keys, stated_figures

# [1], [1, 2], [1; 3], [1-3], [1–3]
CITATION = re.compile(r"\[\s*(\d{1,3}(?:\s*[,;–-]\s*\d{1,3})*)\s*\]")
_MARKERS = re.compile(r"\s*" + CITATION.pattern)
_RANGE = re.compile(r"(\d+)\s*[–-]\s*(\d+)")

REASONS = {
    "dropped_figure": "a figure of the sentences the period rules chose is missing from the answer",
    "empty_answer": "the model wrote nothing",
    "llm_declined": "the model read the passages and said they do not answer the question",
    "missing_citation": "no [n], or a sentence with a figure cites nothing",
    "unknown_citation": "an [n] names no passage given",
    "ungrounded_figure": "a figure is in no passage its sentence cites",
}


@dataclass(frozen=True)
class Verdict:
    """Whether a generated answer may be shown; if not, why (`reason` is one of `REASONS`)."""

    reason: str | None = None
    detail: str = ""
    cited: dict[int, list[str]] = field(default_factory=dict)  # passage n -> the answer's sentences citing it

    @property
    def ok(self) -> bool:
        return self.reason is None


def citations(text: str) -> list[int]:
    """The passage numbers an answer cites, in order of first appearance."""
    numbers: list[int] = []
    for match in CITATION.finditer(text):
        for n in _marker_numbers(match.group(1)):
            if n not in numbers:
                numbers.append(n)
    return numbers


def check(answer: str, passages: Mapping[int, str], keep: Sequence[str] = ()) -> Verdict:
    """The guard. `passages` maps each [n] given to the model to the text it saw for it; `keep` are
    figures the answer must state (those of the sentences the period rules chose: a model that only
    rewords them must not drop the change or the share of plan the quote gives)."""
    if not answer.strip():
        return Verdict("empty_answer")
    cited = citations(answer)
    if not cited:
        return Verdict("missing_citation", "the answer cites no passage")
    unknown = [n for n in cited if n not in passages]
    if unknown:
        return Verdict("unknown_citation", f"cited {unknown}, passages are {sorted(passages)}")

    grounding = {n: figure_keys(text) for n, text in passages.items()}
    by_passage: dict[int, list[str]] = {}
    for sentence in claims(answer):
        own = citations(sentence)
        stated = stated_figures(CITATION.sub(" ", sentence))
        if stated and not own:
            return Verdict("missing_citation", f"figures {[f.text for f in stated]} with no [n]: {sentence!r}")
        for figure in stated:
            if not any(figure.key in grounding[n] for n in own):
                return Verdict("ungrounded_figure", f"{figure.text!r} is in none of {own}: {sentence!r}")
        for n in own:
            by_passage.setdefault(n, []).append(_MARKERS.sub("", sentence).strip())
    stated_keys = figure_keys(CITATION.sub(" ", answer))
    for figure in keep:
        if figure_keys(figure).isdisjoint(stated_keys):
            return Verdict("dropped_figure", f"{figure!r} is not in the answer")
    return Verdict(cited=by_passage)


# -- helpers -------------------------------------------------------------------------------------

_CLAIM_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+")
_LEADING_MARKERS = re.compile(r"^((?:\s*" + CITATION.pattern + r")+)")


def claims(answer: str) -> list[str]:
    """The answer's sentences, each with the [n] that follow it ("… đạt 77,1%. [1]" keeps its [1])."""
    pieces = [piece for piece in _CLAIM_END.split(answer.strip()) if piece and piece.strip()]
    sentences: list[str] = []
    for piece in pieces:
        leading = _LEADING_MARKERS.match(piece)
        if leading and sentences:
            sentences[-1] += " " + leading.group(1).strip()
            piece = piece[leading.end() :]
        if piece.strip():
            sentences.append(piece.strip())
    return sentences


def _marker_numbers(inside: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*[,;]\s*", inside):
        span = _RANGE.fullmatch(part.strip())
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            numbers.extend(range(low, high + 1) if 0 < high - low < 20 else (low, high))
        elif part.strip().isdigit():
            numbers.append(int(part))
    return numbers

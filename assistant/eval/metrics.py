"""Scoring answers against a gold set (the format of `shared/eval/dev.jsonl`).

A gold line: {"id", "question", "answerable", "facts": [...], "sources": [...]}. A fact counts as
present when it occurs in the answer after NFC, lower-casing, removing spaces and reading "," as
"." (so "77,1 %" and "77.1%" are the same figure).
"""

from __future__ import annotations

import json
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GoldItem:
    id: str
    question: str
    answerable: bool
    facts: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    kind: str = ""  # what the question tests ("compare", "period-missing"…), when the gold set says


@dataclass
class ItemResult:
    item: GoldItem
    answered: bool
    facts_found: bool
    cited_right: bool
    context_has_facts: bool
    latency_ms: float
    confidence: float
    answer: str = ""
    cited: tuple[str, ...] = ()
    mode: str = "extractive"  # the mode that produced this answer
    fallback_reason: str | None = None
    first_text_ms: float | None = None  # when the first text of the answer reached the reader
    generated_text: bool = False  # the LLM wrote text that was shown (kept, or replaced by the fallback)

    @property
    def correct(self) -> bool:
        if not self.item.answerable:
            return not self.answered
        return self.answered and self.facts_found and self.cited_right


@dataclass
class Report:
    name: str
    mode: str
    k: int
    results: list[ItemResult] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        answerable = [r for r in self.results if r.item.answerable]
        unanswerable = [r for r in self.results if not r.item.answerable]
        latencies = sorted(r.latency_ms for r in self.results)
        return {
            "questions": len(self.results),
            "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "fact_accuracy": _ratio(sum(r.answered and r.facts_found for r in answerable), len(answerable)),
            "citation_accuracy": _ratio(sum(r.answered and r.cited_right for r in answerable), len(answerable)),
            "fact_and_citation": _ratio(sum(r.correct for r in answerable), len(answerable)),
            "answered_rate": _ratio(sum(r.answered for r in answerable), len(answerable)),
            "abstention_accuracy": _ratio(sum(not r.answered for r in unanswerable), len(unanswerable)),
            f"context_recall@{self.k}": _ratio(sum(r.context_has_facts for r in answerable), len(answerable)),
            "latency_p50_ms": round(_percentile(latencies, 50), 1),
            "latency_p95_ms": round(_percentile(latencies, 95), 1),
            **(self._generative_figures() if self.mode == "generative" else {}),
            **self._kind_figures(),
        }

    def _kind_figures(self) -> dict[str, Any]:
        """Right answers per kind of question ("right/total"), when the gold set names kinds."""
        kinds = sorted({r.item.kind for r in self.results if r.item.kind})
        return {
            f"kind:{kind}": f"{sum(r.correct for r in group)}/{len(group)}"
            for kind in kinds
            if (group := [r for r in self.results if r.item.kind == kind])
        }

    def _generative_figures(self) -> dict[str, Any]:
        """In generative mode: how many answers the LLM's text made it through the guard, how often
        those were right beside the extractive fallbacks, why the others fell back, and how long
        the generated text took to start and to finish."""
        answered = [r for r in self.results if r.answered]
        generated = [r for r in answered if r.mode == "generative"]
        reasons = Counter(r.fallback_reason for r in self.results if r.fallback_reason)
        written = [r for r in self.results if r.generated_text]
        first = sorted(r.first_text_ms for r in written if r.first_text_ms is not None)
        whole = sorted(r.latency_ms for r in written)
        return {
            "generated_share": _ratio(len(generated), len(answered)),
            "generated_right": _ratio(sum(r.correct for r in generated if r.item.answerable), sum(r.item.answerable for r in generated)),
            **{f"fallback:{reason}": count for reason, count in sorted(reasons.items())},
            "generated_first_text_p50_s": round(_percentile(first, 50) / 1000, 1) if first else float("nan"),
            "generated_first_text_p95_s": round(_percentile(first, 95) / 1000, 1) if first else float("nan"),
            "generated_answer_p50_s": round(_percentile(whole, 50) / 1000, 1) if whole else float("nan"),
        }


def normalize_for_match(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().replace(" ", "").replace("\u00a0", "").replace(",", ".")


def contains_all(text: str, facts: tuple[str, ...]) -> bool:
    haystack = normalize_for_match(text)
    return all(normalize_for_match(fact) in haystack for fact in facts)


def load_gold(path: Path) -> list[GoldItem]:
    items = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            items.append(
                GoldItem(
                    id=str(row.get("id", number)),
                    question=row["question"],
                    answerable=bool(row.get("answerable", True)),
                    facts=tuple(row.get("facts") or ()),
                    sources=tuple(row.get("sources") or ()),
                    kind=str(row.get("kind") or ""),
                )
            )
        except (ValueError, KeyError) as error:
            raise ValueError(f"{path}:{number}: not a gold line ({error})") from error
    return items


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else float("nan")


def _percentile(values: list[float], percent: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(percent) - 1]

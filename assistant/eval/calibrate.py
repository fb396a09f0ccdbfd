"""`python -m assistant.eval.calibrate GOLD.jsonl [GOLD2.jsonl ...]`: derive the decline threshold.

Every gold question is answered with declining switched off, keeping the answer's confidence and
whether it was right. For each candidate threshold the trade-off is printed per gold set: the share of
answerable questions still answered right, and the share of unanswerable ones declined. The
recommended threshold is the one that keeps every set's abstention at or above `--min-abstention` and
answers the most questions right on average; among equally good thresholds, the middle of the range
(the widest margin on both sides). Put the result in `ASSISTANT_ANSWER_THRESHOLD` (or the default in
`assistant/settings.py`) and re-run the eval.

A threshold fitted on the questions it is then judged on flatters itself, so the script also prints
`--folds`-fold cross-validated figures: the questions are dealt into folds by the document they are
about (questions on one article are not independent), a threshold is fitted on all folds but one and
judged on the one left out, and the held-out outcomes of every fold are counted together.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.eval.metrics import Report


@dataclass(frozen=True)
class Outcome:
    """One gold question answered without declining: its confidence, and whether it is answerable
    and (if so) answered right."""

    confidence: float
    answerable: bool
    correct: bool
    group: str = ""  # what the question is about (its source document): questions of one group share a fold
    declined: bool = False  # declined whatever the threshold (the reports hold another period or kind)

    def declined_at(self, threshold: float) -> bool:
        return self.declined or self.confidence < threshold


@dataclass(frozen=True)
class TradeOff:
    threshold: float
    right: dict[str, float]  # per set: answerable questions answered right at this threshold
    declined: dict[str, float]  # per set: unanswerable questions declined at this threshold


def trade_off(sets: dict[str, Sequence[Outcome]], threshold: float) -> TradeOff:
    right: dict[str, float] = {}
    declined: dict[str, float] = {}
    for name, outcomes in sets.items():
        answerable = [o for o in outcomes if o.answerable]
        unanswerable = [o for o in outcomes if not o.answerable]
        if answerable:
            right[name] = sum(o.correct and not o.declined_at(threshold) for o in answerable) / len(answerable)
        if unanswerable:
            declined[name] = sum(o.declined_at(threshold) for o in unanswerable) / len(unanswerable)
    return TradeOff(threshold, right, declined)


def candidate_thresholds(sets: dict[str, Sequence[Outcome]]) -> list[float]:
    """Midpoints between consecutive distinct confidences (and the two ends)."""
    values = sorted({round(o.confidence, 6) for outcomes in sets.values() for o in outcomes})
    if not values:
        return [0.0]
    middles = [(a + b) / 2 for a, b in zip(values, values[1:])]
    return [max(values[0] - 1e-3, 0.0), *middles, values[-1] + 1e-3]


def recommend(sets: dict[str, Sequence[Outcome]], min_abstention: float = 0.9) -> TradeOff:
    """The threshold that answers the most right while declining enough in every set."""
    curve = [trade_off(sets, t) for t in candidate_thresholds(sets)]

    def right(point: TradeOff) -> float:
        return sum(point.right.values()) / max(len(point.right), 1)

    feasible = [p for p in curve if all(v >= min_abstention for v in p.declined.values())]
    if feasible:
        key = right
    else:  # no threshold declines enough everywhere: balance right answers and declines instead
        def key(point: TradeOff) -> float:
            return right(point) + sum(point.declined.values()) / max(len(point.declined), 1)

    pool = {id(point) for point in (feasible or curve)}
    best = max(key(point) for point in curve if id(point) in pool)
    runs: list[list[TradeOff]] = [[]]
    for point in curve:
        if id(point) in pool and abs(key(point) - best) < 1e-12:
            runs[-1].append(point)
        elif runs[-1]:
            runs.append([])
    run = max((r for r in runs if r), key=lambda r: r[-1].threshold - r[0].threshold)
    # the middle of the widest best range: as good on these questions, the widest margin for new ones
    return trade_off(sets, (run[0].threshold + run[-1].threshold) / 2)


@dataclass(frozen=True)
class HeldOut:
    """Cross-validated figures: each fold judged at the threshold fitted without it."""

    thresholds: list[float]
    right: dict[str, float]
    declined: dict[str, float]


def cross_validate(sets: dict[str, Sequence[Outcome]], folds: int = 5, min_abstention: float = 0.9) -> HeldOut:
    """Fit on all folds but one, judge the one left out, for every fold; the held-out outcomes of
    all folds counted together, per set."""
    held: dict[str, list[tuple[Outcome, float]]] = {name: [] for name in sets}
    thresholds = []
    for fold in range(folds):
        train = {name: [o for o in outcomes if fold_of(o, folds) != fold] for name, outcomes in sets.items()}
        threshold = recommend({name: o for name, o in train.items() if o}, min_abstention).threshold
        thresholds.append(threshold)
        for name, outcomes in sets.items():
            held[name].extend((o, threshold) for o in outcomes if fold_of(o, folds) == fold)
    right: dict[str, float] = {}
    declined: dict[str, float] = {}
    for name, pairs in held.items():
        answerable = [(o, t) for o, t in pairs if o.answerable]
        unanswerable = [(o, t) for o, t in pairs if not o.answerable]
        if answerable:
            right[name] = sum(o.correct and not o.declined_at(t) for o, t in answerable) / len(answerable)
        if unanswerable:
            declined[name] = sum(o.declined_at(t) for o, t in unanswerable) / len(unanswerable)
    return HeldOut(thresholds, right, declined)


def fold_of(outcome: Outcome, folds: int) -> int:
    """A stable fold per group (hash of its name), the same in every run."""
    return int(hashlib.sha256(outcome.group.encode()).hexdigest(), 16) % folds


def outcomes_of(report: Report) -> list[Outcome]:
    return [
        Outcome(
            result.confidence,
            result.item.answerable,
            result.item.answerable and result.correct,
            group=result.item.sources[0] if result.item.sources else result.item.id,
            declined=not result.answered,
        )
        for result in report.results
    ]


def print_curve(sets: dict[str, Sequence[Outcome]], steps: int = 21) -> None:
    names = list(sets)
    top = max((o.confidence for outcomes in sets.values() for o in outcomes), default=1.0)
    header = "threshold " + "".join(f"{n[:14] + ' right':>22}{n[:14] + ' declined':>25}" for n in names)
    print(header)
    for step in range(steps):
        point = trade_off(sets, top * 0.6 * step / (steps - 1))
        cells = "".join(
            f"{_pct(point.right.get(n)):>22}{_pct(point.declined.get(n)):>25}" for n in names
        )
        print(f"{point.threshold:9.3f} {cells}")


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    from assistant.eval.__main__ import run_reports

    parser = argparse.ArgumentParser(prog="python -m assistant.eval.calibrate", description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path)
    parser.add_argument("--data-dir", type=Path, help="keep the evaluation stores here (reused next time)")
    parser.add_argument("--min-abstention", type=float, default=0.9)
    parser.add_argument("--folds", type=int, default=5, help="folds of the cross-validation (default 5)")
    parser.add_argument("--outcomes", type=Path, help="write the outcomes here (JSON), or read them if it exists")
    args = parser.parse_args(argv)

    if args.outcomes and args.outcomes.exists():
        saved = json.loads(args.outcomes.read_text("utf-8"))
        sets = {name: [Outcome(**o) for o in outcomes] for name, outcomes in saved.items()}
    else:
        reports = run_reports(args.gold, data_dir=args.data_dir, threshold=0.0, mode="extractive")
        sets = {report.name: outcomes_of(report) for report in reports}
        if args.outcomes:
            args.outcomes.write_text(json.dumps({n: [asdict(o) for o in s] for n, s in sets.items()}), "utf-8")
    print_curve(sets)
    best = recommend(sets, args.min_abstention)
    print(f"\nrecommended ASSISTANT_ANSWER_THRESHOLD={best.threshold:.4f}")
    for name in sets:
        print(f"  {name}: right {_pct(best.right.get(name))}, declined {_pct(best.declined.get(name))}")
    held = cross_validate(sets, args.folds, args.min_abstention)
    fitted = ", ".join(f"{t:.4f}" for t in held.thresholds)
    print(f"\n{args.folds}-fold cross-validation by document (thresholds fitted without each fold: {fitted})")
    for name in sets:
        print(f"  {name}: held-out right {_pct(held.right.get(name))}, declined {_pct(held.declined.get(name))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m assistant.eval GOLD.jsonl [GOLD2.jsonl ...]`: measure the assistant on gold sets.

Each gold set is run against its own corpus, ingested into its own store:
- `--corpus DIR` when one gold set is given;
- otherwise a `corpus/` folder beside the gold file (as in `xquad_vi_dev/`);
- otherwise the sample reports (`ASSISTANT_REPORTS_DIR`, default `data/reports`).
Stores go to a temporary folder, or under `--data-dir` to be reused by the next run (ingest skips
unchanged files). The figures of all sets are printed side by side.

`--mode extractive` (default) or `--mode generative`: the latter answers through the LLM configured
by `ASSISTANT_LLM_BASE_URL` / `ASSISTANT_LLM_MODEL` / `ASSISTANT_LLM_API_KEY`, with the grounding
guard and its fallbacks, and adds how many answers were generated, why the others fell back, and
how long the generated text took to start. A generated answer takes 10-60 s on two cores, so
`--sample N --seed S` answers N questions of each set drawn at random (the same N for the same
seed), and `--kind KIND` only the questions of that kind (e.g. `topic-present`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from assistant.eval.metrics import GoldItem, ItemResult, Report, contains_all, load_gold
from assistant.events import DeltaEvent, DoneEvent, ReplaceEvent
from assistant.models import Answer
from assistant.service import AssistantService
from assistant.settings import AnsweringSettings, LLMSettings, Settings
from assistant.wiring import build_service


def corpus_for(gold: Path, explicit: Path | None, settings: Settings) -> Path:
    if explicit:
        return explicit
    beside = gold.parent / "corpus"
    return beside if beside.is_dir() else settings.ingest.reports_dir


def select_items(
    items: list[GoldItem], sample: int | None = None, seed: int = 0, kinds: Sequence[str] = ()
) -> list[GoldItem]:
    """The questions to answer: those of `kinds` (all when empty), then `sample` of them drawn with
    `seed`, kept in the gold set's order."""
    chosen = [item for item in items if not kinds or item.kind in kinds]
    if sample is not None and sample < len(chosen):
        picked = set(random.Random(seed).sample(range(len(chosen)), sample))
        chosen = [item for i, item in enumerate(chosen) if i in picked]
    return chosen


def timed_answer(service: AssistantService, question: str) -> tuple[Answer, float | None, bool]:
    """The answer, when its first text reached the reader (ms), and whether the LLM wrote that text."""
    started = time.perf_counter()
    first: float | None = None
    replaced = False
    answer: Answer | None = None
    for event in service.ask_stream(question):
        if isinstance(event, DeltaEvent) and first is None:
            first = (time.perf_counter() - started) * 1000
        elif isinstance(event, ReplaceEvent):
            replaced = True
        elif isinstance(event, DoneEvent):
            answer = event.answer
    if answer is None:
        raise RuntimeError(f"no answer to {question!r}")
    return answer, first, answer.mode == "generative" or replaced


def evaluate(
    service: AssistantService,
    gold: Path,
    k: int,
    name: str,
    sample: int | None = None,
    seed: int = 0,
    kinds: Sequence[str] = (),
) -> Report:
    report = Report(name=name, mode=service.answer_mode, k=k)
    for item in select_items(load_gold(gold), sample, seed, kinds):
        answer, first_text_ms, generated_text = timed_answer(service, item.question)
        context = " ".join(hit.text for hit in service.search(item.question, k))
        cited = tuple(citation.source for citation in answer.citations)
        report.results.append(
            ItemResult(
                item=item,
                answered=answer.answered,
                facts_found=answer.answered and contains_all(answer.answer, item.facts),
                cited_right=answer.answered and any(source in item.sources for source in cited),
                context_has_facts=contains_all(context, item.facts) if item.answerable else False,
                latency_ms=answer.latency_ms,
                confidence=answer.confidence,
                answer=answer.answer,
                cited=cited,
                mode=answer.mode,
                fallback_reason=answer.fallback_reason,
                first_text_ms=first_text_ms,
                generated_text=generated_text,
            )
        )
    return report


def print_side_by_side(reports: list[Report]) -> None:
    figures = [report.figures() for report in reports]
    keys = list(dict.fromkeys(key for figure in figures for key in figure))
    width = max(22, *(len(report.name) + 2 for report in reports))
    print(f"{'':28}" + "".join(f"{report.name:>{width}}" for report in reports))
    print(f"{'mode':28}" + "".join(f"{report.mode:>{width}}" for report in reports))
    for key in keys:
        cells = "".join(f"{_cell(figure.get(key)):>{width}}" for figure in figures)
        print(f"{key:28}{cells}")


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}" if value == value else "n/a"
    return str(value)


def print_failures(report: Report) -> None:
    for result in report.results:
        if result.correct:
            continue
        item = result.item
        expected = ", ".join(item.facts) if item.answerable else "(phải từ chối)"
        how = result.mode + (f", fallback {result.fallback_reason}" if result.fallback_reason else "")
        print(f"\n✗ [{report.name}] {item.id} conf={result.confidence:.3f} ({how}): {item.question}")
        print(f"  cần: {expected}  nguồn: {', '.join(item.sources) or '-'}  đã trích: {', '.join(result.cited) or '-'}")
        print("  trả lời: " + result.answer.replace("\n", " ⏎ ")[:400])


def run_reports(
    golds: list[Path],
    corpus: Path | None = None,
    data_dir: Path | None = None,
    k: int = 5,
    threshold: float | None = None,
    mode: str | None = None,
    sample: int | None = None,
    seed: int = 0,
    kinds: Sequence[str] = (),
) -> list[Report]:
    """Evaluate each gold set against its own corpus and store; `threshold` and `mode` override the
    settings (a generative mode needs ASSISTANT_LLM_BASE_URL in the environment)."""
    answering: dict[str, object] = {}
    if threshold is not None:
        answering["answer_threshold"] = threshold
    if mode is not None:
        answering["answer_mode"] = mode
    base = Settings(answering=AnsweringSettings(**answering))
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as temporary:
        root = data_dir or Path(temporary)
        reports: list[Report] = []
        for gold in golds:
            source = corpus_for(gold, corpus, base)
            corpus_id = hashlib.sha256(str(source.resolve()).encode()).hexdigest()[:10]
            service = build_service(base.updated(data_dir=root / f"eval-{corpus_id}"))
            for failed in (r for r in service.add_paths([source]) if r.status == "failed"):
                print(f"LỖI nạp {failed.source}: {failed.error}", file=sys.stderr)
            service.warm_up()
            name = gold.parent.name if gold.name == "gold.jsonl" else gold.stem
            print(f"{name}: {len(service.list_documents())} tài liệu từ {source}", file=sys.stderr)
            reports.append(evaluate(service, gold, k, name, sample, seed, kinds))
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval", description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="+", type=Path, help="gold .jsonl files")
    parser.add_argument("--corpus", type=Path, help="corpus folder (only with one gold file)")
    parser.add_argument("--data-dir", type=Path, help="keep the evaluation stores here (reused next time)")
    parser.add_argument("-k", type=int, default=5, help="k for context recall@k (default 5)")
    parser.add_argument("--failures", action="store_true", help="print every question answered wrongly")
    parser.add_argument("--json", type=Path, help="also write per-question results as JSON here")
    parser.add_argument(
        "--mode",
        choices=["extractive", "generative"],
        default="extractive",
        help="answering mode (generative needs ASSISTANT_LLM_BASE_URL; default extractive)",
    )
    parser.add_argument("--sample", type=int, help="answer only N questions of each gold set, drawn at random")
    parser.add_argument("--seed", type=int, default=0, help="seed of --sample (default 0)")
    parser.add_argument("--kind", action="append", default=[], help="only questions of this kind (repeatable)")
    args = parser.parse_args(argv)
    if args.corpus and len(args.gold) > 1:
        parser.error("--corpus needs exactly one gold file")
    llm_settings = LLMSettings()
    if args.mode == "generative" and not llm_settings.base_url:
        parser.error("--mode generative cần ASSISTANT_LLM_BASE_URL (máy chủ LLM tương thích OpenAI)")
    logging.basicConfig(level=logging.WARNING)

    llm = f" (LLM {llm_settings.model} @ {llm_settings.base_url})" if args.mode == "generative" else ""
    print(f"mode: {args.mode}{llm}")
    reports = run_reports(
        args.gold, args.corpus, args.data_dir, k=args.k, mode=args.mode, sample=args.sample, seed=args.seed, kinds=args.kind
    )
    print_side_by_side(reports)
    if args.failures:
        for report in reports:
            print_failures(report)
    if args.json:
        payload = {
            report.name: {
                "figures": report.figures(),
                "results": [
                    {
                        "id": r.item.id,
                        "question": r.item.question,
                        "answerable": r.item.answerable,
                        "correct": r.correct,
                        "answered": r.answered,
                        "confidence": r.confidence,
                        "answer": r.answer,
                        "cited": list(r.cited),
                        "mode": r.mode,
                        "fallback_reason": r.fallback_reason,
                        "kind": r.item.kind,
                        "latency_ms": r.latency_ms,
                        "first_text_ms": r.first_text_ms,
                    }
                    for r in report.results
                ],
            }
            for report in reports
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

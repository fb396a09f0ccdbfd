"""Quality at scale: the gold questions against ~5,000 chunks embedded for real.

The store holds the sample reports, the xquad_vi_dev articles and the report variants of
`bench.corpus` (other years, other figures), so the figure for the named period competes with
near-identical sentences from other periods. The metrics are `assistant.eval`'s own (`evaluate`,
`print_side_by_side`), printed beside the same gold sets on their own small corpora.

Some dev questions name no period ("Tỷ lệ sử dụng IPv6 … là bao nhiêu?"): in a store of many years
they have several right-looking answers, and the gold one (from the sample report) is only one of
them. They are kept in the full set and also left out in a "names a period" subset, so both views
are printed.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.eval.__main__ import evaluate
from assistant.eval.metrics import Report, load_gold
from assistant.service import AssistantService
from bench.corpus import write_corpus
from bench.ingest_timing import IngestFigures, timed_ingest
from bench.workspace import load_first_ingest, reset, save_first_ingest, timed_service
from ingest.pipeline import expand_paths
from vectorstore.figures import find_years

QUALITY_METRICS = (
    "fact_accuracy",
    "citation_accuracy",
    "fact_and_citation",
    "answered_rate",
    "abstention_accuracy",
)


@dataclass
class QualityStore:
    service: AssistantService
    first: IngestFigures
    again: IngestFigures
    corpus: Path
    store: Path


def prepare(
    work: Path,
    sample_dir: Path,
    embeddings: Embeddings,
    target_chunks: int,
    extra: list[Path],
    fresh: bool = False,
) -> QualityStore:
    """Generate the corpus and ingest it (or re-use a complete earlier build), then re-ingest it
    unchanged: every file must come back "unchanged" with nothing embedded."""
    folder = work / f"quality-{target_chunks}"
    corpus, store = folder / "corpus", folder / "store"
    first = None if fresh else load_first_ingest(folder)
    if first is None:
        reset(folder)
        info = write_corpus(sample_dir, corpus, target_chunks, "quality", extra=extra)
        print(f"  quality corpus: {info.files} files, {info.variants} variants, ~{info.estimated_chunks} chunks", file=sys.stderr)
        service, timed = timed_service(store, embeddings)
        first = timed_ingest(f"quality corpus ({target_chunks}): first", service, timed, expand_paths([corpus]), _progress())
        save_first_ingest(folder, first)
    service, timed = timed_service(store, embeddings)
    again = timed_ingest(f"quality corpus ({target_chunks}): again", service, timed, expand_paths([corpus]))
    if again.embedded_chunks:
        raise RuntimeError(f"re-ingest of an unchanged corpus embedded {again.embedded_chunks} chunks")
    service.warm_up()
    return QualityStore(service, first, again, corpus, store)


def named_period_subset(gold: Path, out: Path) -> Path:
    """The gold questions that name a year or period (the ones a multi-year store can still answer
    unambiguously), written as a gold file of their own."""
    rows = [json.loads(line) for line in gold.read_text("utf-8").splitlines() if line.strip()]
    keep = [row for row in rows if find_years(row["question"])]
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in keep), "utf-8")
    return out


def run_gold(service: AssistantService, gold: Path, name: str, k: int = 5) -> Report:
    return evaluate(service, gold, k, name)


def largest_gap(small: Report, large: Report) -> tuple[str, float]:
    """The quality metric that moved most between the small corpus and the scale corpus."""
    a, b = small.figures(), large.figures()
    gaps = [(key, abs(a[key] - b[key])) for key in QUALITY_METRICS if a[key] == a[key] and b[key] == b[key]]
    return max(gaps, key=lambda item: item[1]) if gaps else ("-", 0.0)


def count_questions(gold: Path) -> int:
    return len(load_gold(gold))


def _progress() -> Callable[[int, int], None]:
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if done % 10 == 0 or done == total:
            elapsed = time.perf_counter() - started
            print(f"  ingested {done}/{total} files in {elapsed:.0f} s", file=sys.stderr, flush=True)

    return report

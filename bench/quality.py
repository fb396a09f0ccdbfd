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
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.eval.__main__ import evaluate
from assistant.eval.metrics import Report, load_gold, normalize_for_match
from assistant.service import AssistantService
from bench.corpus import sidecar, write_corpus
from bench.ingest_timing import IngestFigures, timed_ingest
from bench.workspace import load_first_ingest, reset, save_first_ingest, timed_service
from ingest.pipeline import expand_paths, parse_report
from vectorstore.figures import find_years, label_sort_key
from vectorstore.glossary import Glossary
from vectorstore.text import chunk_sentences, fold

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


# -- the gold of a question naming no period, at scale ---------------------------------------------

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_QUARTER = re.compile(r"\bquy [ivx]+\b")


def skeleton(sentence: str) -> str:
    """A sentence with its figures and its part of the year blanked: the same statement of the same
    indicator in another period's variant has the same skeleton."""
    return _QUARTER.sub("quy #", _FIGURE.sub("#", " ".join(fold(sentence).split())))


def latest_gold(gold: Path, corpus: Path, out: Path) -> Path:
    """`gold` rewritten for a store of many periods: a question that names no period is answered by
    the latest report stating its indicator (the answering rule), so its gold figure and source are
    that report's — the generator varied the figure, the statement keeps its skeleton. Questions
    naming a period are left as they are: no variant claims a period a gold question names."""
    glossary = Glossary.load()
    reports = {}  # file name -> (period sort key, {skeleton: sentence})
    for path in sorted(corpus.glob("*.txt")):
        overrides = sidecar(path)
        parsed = parse_report(path.read_bytes(), path.name, glossary, 1000, overrides)
        key = label_sort_key(parsed.record.period)
        statements = {skeleton(s): s for chunk in parsed.chunks for _, _, s in chunk_sentences(chunk.text)}
        reports[path.name] = (key, statements)
    rows = []
    for line in gold.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("answerable", True) and row.get("facts") and not find_years(row["question"]):
            row = _latest_row(row, reports)
        rows.append(row)
    out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    return out


def _latest_row(row: dict, reports: dict[str, tuple[tuple[int, int, int], dict[str, str]]]) -> dict:
    facts: list[str] = row["facts"]
    for source in row.get("sources", []):
        statements = reports.get(source, ((0, 0, 0), {}))[1]
        shape, sentence = next(
            ((shape, s) for shape, s in statements.items() if all(normalize_for_match(f) in normalize_for_match(s) for f in facts)),
            (None, None),
        )
        if shape is None:
            continue
        holders = [name for name, (_, found) in reports.items() if shape in found]
        latest = max(holders, key=lambda name: reports[name][0])
        later = reports[latest][1][shape]
        mapped = [_same_place(fact, sentence, later) for fact in facts]
        if all(mapped):
            return {**row, "facts": mapped, "sources": [latest], "latest_of": source}
    return row


def _same_place(fact: str, sentence: str, other: str) -> str | None:
    """`fact` as `other` (the same statement with other figures) writes it: each figure of the fact
    replaced by the figure at the same place in `other`."""
    ours, theirs = _FIGURE.findall(sentence), _FIGURE.findall(other)
    if len(ours) != len(theirs):
        return None
    mapped = fact
    for number in _FIGURE.findall(fact):
        if number not in ours:
            return None
        mapped = mapped.replace(number, theirs[ours.index(number)], 1)
    return mapped

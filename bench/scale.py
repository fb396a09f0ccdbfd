"""Latency at scale: 100,000+ chunks with HASHING vectors (see `bench.hashing`), real indexes.

The corpus is `bench.corpus`'s latency flavour; it is ingested through the real pipeline (parsing,
chunking, sentence splitting, the content-hash cache, Chroma's HNSW index and metadata, one report
at a time) with `HashingEmbeddings` in place of the model, for chunks and sentences alike. The
lexical index the server builds from it at start-up is the real, full-size one.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.corpus import write_corpus
from bench.hashing import HashingEmbeddings
from bench.ingest_timing import IngestFigures, timed_ingest
from bench.workspace import load_first_ingest, reset, save_first_ingest, timed_service
from ingest.pipeline import expand_paths


@dataclass
class ScaleStore:
    store: Path
    corpus: Path
    chunks: int
    first: IngestFigures
    again: IngestFigures
    index_build_s: float
    index_build_peak_rss: int


def prepare(work: Path, sample_dir: Path, target_chunks: int, fresh: bool = False) -> ScaleStore:
    """Generate and ingest the latency corpus (or re-use a complete earlier build); then re-ingest
    it unchanged."""
    folder = work / f"scale-{target_chunks}"
    corpus, store = folder / "corpus", folder / "store"
    first = None if fresh else load_first_ingest(folder)
    if first is None:
        reset(folder)
        info = write_corpus(sample_dir, corpus, target_chunks, "latency")
        print(f"  scale corpus: {info.files} files, {info.variants} variants, ~{info.estimated_chunks} chunks", file=sys.stderr)
        service, timed = timed_service(store, HashingEmbeddings())
        first = timed_ingest(f"scale corpus ({target_chunks}, hashing): first", service, timed, expand_paths([corpus]), _progress())
        save_first_ingest(folder, first)
    service, timed = timed_service(store, HashingEmbeddings())
    again = timed_ingest(f"scale corpus ({target_chunks}, hashing): again", service, timed, expand_paths([corpus]))
    # As `python -m ingest` does at its end: build the lexical index and save it for the server.
    started = time.perf_counter()
    chunks = service.health()["indexed"]
    index_s = time.perf_counter() - started
    del service  # the server process opens the store on its own
    return ScaleStore(store, corpus, chunks, first, again, index_s, peak_rss())


def peak_rss() -> int:
    """This process's peak RSS in bytes (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _progress() -> Callable[[int, int], None]:
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if done % 200 == 0 or done == total:
            print(f"  ingested {done}/{total} files in {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)

    return report

"""What the figure index costs at ingest: its share of the ingest time.

    python -m bench.figure_cost [FOLDER ...]      # default: the sample reports

The folder is ingested into a temporary store with the real model while two timers run: reading each
chunk's sentences into statements (`ingest.chunking.figure_records`, stored in the chunk's metadata)
and building the figure index from the stored rows (`vectorstore.figure_index`, in the same pass as
the lexical index, on the first question). Printed: the ingest's wall time, both parts, and their
share. The figure index is worth its cost only if it stays a small part of an ingest.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ingest.chunking
import vectorstore.figure_index
from assistant.settings import IngestSettings, Settings
from assistant.wiring import build_service


class Timer:
    """Total seconds spent in the functions it wraps."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def measure(folders: list[Path]) -> dict[str, float]:
    reading, indexing = Timer(), Timer()
    ingest.chunking.figure_records = reading.wrap(ingest.chunking.figure_records)  # type: ignore[method-assign]
    vectorstore.figure_index.rows_of = indexing.wrap(vectorstore.figure_index.rows_of)  # type: ignore[method-assign]
    index_rows = vectorstore.figure_index.FigureIndex._index_rows
    vectorstore.figure_index.FigureIndex._index_rows = indexing.wrap(index_rows)  # type: ignore[method-assign]
    import assistant.retrieval  # imported rows_of by name: wrap that reference too

    assistant.retrieval.rows_of = vectorstore.figure_index.rows_of  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="figure-cost-") as data_dir:
        service = build_service(Settings.from_variables(data_dir=Path(data_dir)))
        service.warm_up()  # the model loaded before the clock starts, as on a running server
        started = time.perf_counter()
        service.add_paths(folders)
        service.search("doanh thu")  # the first question builds the lexical and figure indexes
        wall = time.perf_counter() - started
        rows = len(service.flow.lexical.figures())
    return {"ingest_s": wall, "statements_s": reading.seconds, "figure_index_s": indexing.seconds, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figure_cost", description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args(argv)
    folders = args.folders or [IngestSettings().reports_dir]
    figures = measure(folders)
    share = (figures["statements_s"] + figures["figure_index_s"]) / figures["ingest_s"]
    print(f"folders: {', '.join(str(folder) for folder in folders)}")
    print(f"ingest (parse, embed, store, first index build): {figures['ingest_s']:.1f} s")
    print(f"  statements read from sentences: {figures['statements_s']:.2f} s")
    print(f"  figure index built ({figures['rows']:.0f} rows): {figures['figure_index_s']:.2f} s")
    print(f"figure index share of ingest: {share:.1%} (target < 20%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

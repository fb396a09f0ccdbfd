"""A process that ingests one file and says how far its write has got, for the kill tests:
`python -m tests.ingest_child DATA_DIR CHROMA_URL|- COLLECTION FILE [STOP_AT]`.

It prints `chunks N` after each batch of chunks and `registry N` after each write to the registry
(`registry 1` is the commit point: the registry names the new version), flushing each line, so the
test can SIGKILL it at a chosen point of the write. Given STOP_AT (such a line), it waits there for
the kill, so the next write can never slip in before the signal lands. Fake embeddings (deterministic) keep it fast; the store is real.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import vectorstore.chroma
from tests.support import fake_service_settings


def announce(collection: Any, label: str, stop_at: str) -> None:
    upsert = collection.upsert
    count = 0

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal count
        result = upsert(*args, **kwargs)
        count += 1
        print(f"{label} {count}", flush=True)
        if f"{label} {count}" == stop_at:
            time.sleep(3600)  # until the test's SIGKILL
        return result

    collection.upsert = counted


def main(data_dir: str, chroma_url: str, collection: str, file: str, stop_at: str = "") -> int:
    overrides: dict[str, str] = {"collection": collection}
    if chroma_url != "-":
        overrides["chroma_url"] = chroma_url
    # Chunks are written ~1,000 a call; smaller calls here put the kill points inside the write of
    # the test's 1,000-chunk report (its chunks 1, 2 and 4 of several).
    vectorstore.chroma._WRITE_BATCH = 256
    service = fake_service_settings(Path(data_dir), chunk_size=200, **overrides)
    store = service.components.store
    announce(store._chunks, "chunks", stop_at)
    announce(store._registry, "registry", stop_at)
    print("ready", flush=True)
    report = service.add_paths([Path(file)])[0]
    print(f"done {report.status} {report.chunks}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))

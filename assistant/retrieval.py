"""Hybrid retrieval: dense (Chroma) and lexical (BM25) candidates, fused by reciprocal rank.

Rank fusion needs no score calibration between the two retrievers, which is what makes it
robust when documents are added or removed. On top of it, a chunk about the period the question
names ("6 tháng đầu năm 2023") is preferred over the same figure from another period.
"""

from __future__ import annotations

import logging
import shutil
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.query import Query
from assistant.settings import RetrievalSettings
from vectorstore.chroma import ChromaStore
from vectorstore.figures import find_periods, find_years
from vectorstore.lexical import Analyzer, LexicalIndex
from vectorstore.records import Chunk

logger = logging.getLogger(__name__)

_REBUILD_TRIES = 3
PERIOD_BONUS = 1.0  # in units of a first-rank RRF contribution
PART_BONUS = 0.5


@dataclass(frozen=True)
class Candidate:
    """A retrieved chunk and why: its fused score and each retriever's own view of it."""

    chunk: Chunk
    score: float
    dense: float = 0.0
    lexical: float = 0.0
    dense_rank: int | None = None
    lexical_rank: int | None = None
    period_match: bool = False


@dataclass(frozen=True)
class Retrieved:
    """The best chunks for a question, and the question's vector (answer selection reuses it)."""

    candidates: list[Candidate]
    query_vector: list[float]


class LexicalIndexKeeper:
    """Keeps the BM25 index equal to the store's live chunks, across processes.

    The store's state token changes on every write by any process; when it differs from the one
    the index was built at, the index is rebuilt from the store (the store is the source of truth).
    With a `cache_dir`, the index built at a token is saved there under that token, and a process
    that finds the store at a saved token (the server after `python -m ingest`, a restart) loads it
    instead of tokenising every chunk again; indexes of older tokens are removed.
    """

    def __init__(self, store: ChromaStore, analyzer: Analyzer, cache_dir: Path | None = None) -> None:
        self.store = store
        self.analyzer = analyzer
        self.cache_dir = cache_dir
        self._index = LexicalIndex(analyzer)
        self._token: str | None = None
        self._lock = threading.Lock()

    def current(self) -> LexicalIndex:
        token = self.store.state_token()
        if token == self._token:
            return self._index
        with self._lock:
            for _ in range(_REBUILD_TRIES):
                if token == self._token:
                    break
                self._index, self._token = self._load(token) or self._build(token), token
                # A write that committed during the build may be half in it: build again, so the
                # index is exactly the live chunks at one token whenever the writes pause.
                token = self.store.state_token()
        return self._index

    def _build(self, token: str) -> LexicalIndex:
        index = LexicalIndex(self.analyzer)
        index.build((chunk.chunk_id, chunk.context_text()) for chunk in self.store.live_chunks())
        # Saved only when no write committed meanwhile: a saved index is exactly its token's chunks.
        if self.cache_dir is not None and token and len(index) and self.store.state_token() == token:
            try:
                index.save(self.cache_dir / token)
                self._remove_other_than(token)
            except OSError as error:  # a read-only or full disk costs speed, never answers
                logger.warning("lexical index not saved in %s: %s", self.cache_dir, error)
        return index

    def _load(self, token: str) -> LexicalIndex | None:
        folder = self.cache_dir / token if self.cache_dir is not None and token else None
        if folder is None or not folder.is_dir():
            return None
        try:
            return LexicalIndex.load(self.analyzer, folder)
        except (OSError, ValueError, KeyError) as error:
            logger.warning("lexical index in %s unreadable, rebuilding it: %s", folder, error)
            return None

    def _remove_other_than(self, token: str) -> None:
        assert self.cache_dir is not None
        for folder in self.cache_dir.iterdir():
            if folder.name != token and not folder.name.startswith(".tmp-"):
                shutil.rmtree(folder, ignore_errors=True)


class HybridRetriever:
    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        lexical: LexicalIndexKeeper,
        settings: RetrievalSettings,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.lexical = lexical
        self.candidates = settings.candidates
        self.rrf_k = settings.rrf_k

    def retrieve(self, query: Query, k: int) -> Retrieved:
        """The k best chunks for a question, best first."""
        vector = self.embeddings.embed_query(query.dense_text)
        dense_hits = self.store.query(vector, self.candidates)
        lexical_hits = self.lexical.current().search(query.text, self.candidates)

        found: dict[str, Candidate] = {}
        for rank, hit in enumerate(dense_hits):
            found[hit.chunk.chunk_id] = Candidate(hit.chunk, 0.0, dense=hit.similarity, dense_rank=rank)
        missing = [chunk_id for chunk_id, _ in lexical_hits if chunk_id not in found]
        fetched = {chunk.chunk_id: chunk for chunk in self.store.get(missing)}
        for rank, (chunk_id, score) in enumerate(lexical_hits):
            if chunk_id in found:
                found[chunk_id] = replace(found[chunk_id], lexical=score, lexical_rank=rank)
            elif chunk_id in fetched:
                found[chunk_id] = Candidate(fetched[chunk_id], 0.0, lexical=score, lexical_rank=rank)

        unit = 1.0 / (self.rrf_k + 1)
        scored = []
        for candidate in found.values():
            score = sum(1.0 / (self.rrf_k + 1 + rank) for rank in (candidate.dense_rank, candidate.lexical_rank) if rank is not None)
            match, bonus = period_preference(query, candidate.chunk)
            if candidate.dense_rank is None or candidate.lexical_rank is None:
                # Found by one side only: its period is no evidence that it answers the question.
                bonus = 0.0
            scored.append(replace(candidate, score=score + bonus * unit, period_match=match))
        scored.sort(key=lambda candidate: candidate.score, reverse=True)
        return Retrieved(scored[:k], vector)


def period_preference(query: Query, chunk: Chunk) -> tuple[bool, float]:
    """Whether a chunk is about the period a question names, and the bonus that earns it."""
    if not query.years:
        return False, 0.0
    chunk_periods = find_periods(chunk.period) if chunk.period else []
    if chunk.year in query.years:
        bonus = PERIOD_BONUS
        asked_parts = {p for p in query.periods if p.part != "year"}
        if asked_parts and any(p in asked_parts for p in chunk_periods):
            bonus += PART_BONUS
        return True, bonus
    if any(year in query.years for year in find_years(chunk.text)):
        return True, PERIOD_BONUS / 2
    return False, 0.0

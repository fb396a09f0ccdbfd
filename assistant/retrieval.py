"""Hybrid retrieval: dense (Chroma) and lexical (BM25) candidates, fused by reciprocal rank.

Rank fusion needs no score calibration between the two retrievers, which is what makes it
robust when documents are added or removed. On top of it, a chunk about the period the question
names ("6 tháng đầu năm 2023") is preferred over the same figure from another period.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.query import Query
from assistant.settings import RetrievalSettings
from vectorstore.chroma import ChromaStore
from vectorstore.figure_index import FigureIndex, FigureRow, rows_of
from vectorstore.figures import Period, find_periods, find_years, label_sort_key, period_of_label
from vectorstore.legend import Legend
from vectorstore.lexical import Analyzer, LexicalIndex
from vectorstore.records import Chunk

logger = logging.getLogger(__name__)

_REBUILD_TRIES = 3
# The figure index saved beside the lexical index of the same token; the number changes with what a
# row is found by (`figure_index.searchable_text`, abbreviations spelled out), so an index saved before is built again.
FIGURES_SUFFIX = ".figures40"
# What a saved lexical index holds besides its tokens (the letters the reports' legends define, in its
# restorer; the names it writes, "MobiFone"): one saved before holds less, and is built again.
LEXICAL_FORMAT = "l8"
RELATED_ROWS = 400  # figure-index rows looked at for a question about a figure (one indicator, many periods)
RELATED_SHARE = 0.6  # … those scoring at least this share of the best row's
# … or this share, for a row of a period asked: another report may word the indicator less like the
# question ("Chỉ số DTI năm 2023 của tỉnh" beside a data sheet's "Chỉ số DTI … (điểm; xếp hạng)")
RELATED_ASKED_SHARE = 0.4
RELATED_CHUNKS = 8  # … and at most this many chunks of theirs added for the answer
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
    # Chunks stating the same indicator in other reports (the figure index's), for a question about
    # a figure: its top passages are often one period's, and the answer must know the others.
    related: list[Candidate] = field(default_factory=list)

    @property
    def for_answer(self) -> list[Candidate]:
        return [*self.candidates, *self.related]


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
        self._figures = FigureIndex(analyzer)
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
                (self._index, self._figures), self._token = self._load(token) or self._build(token), token
                # A write that committed during the build may be half in it: build again, so the
                # index is exactly the live chunks at one token whenever the writes pause.
                token = self.store.state_token()
        return self._index

    def figures(self) -> FigureIndex:
        """The figure index of the same live chunks as `current()`'s lexical index."""
        self.current()
        return self._figures

    def _build(self, token: str) -> tuple[LexicalIndex, FigureIndex]:
        index = LexicalIndex(self.analyzer)
        rows: list[FigureRow] = []
        legends: dict[tuple[str, str], None] = {}

        def chunks() -> Iterator[tuple[str, str]]:
            for chunk in self.store.live_chunks():
                rows.extend(rows_of(chunk))
                legends.update(dict.fromkeys(Legend.parse(chunk.legend).entries))
                yield chunk.chunk_id, chunk.context_text()

        index.build(chunks())  # one pass over the live chunks feeds both indexes
        glossary = self.analyzer.glossary
        for letters, phrase in legends:
            if glossary.concept_of(letters) is None and letters not in glossary.written:
                index.restorer.learn_letters(letters, phrase)  # what the shared glossary does not know
        figures = FigureIndex(self.analyzer, rows)
        # Saved only when no write committed meanwhile: a saved index is exactly its token's chunks.
        if self.cache_dir is not None and token and len(index) and self.store.state_token() == token:
            try:
                name = self._cache_name(token)
                figures.save(self.cache_dir / f"{name}{FIGURES_SUFFIX}")
                index.save(self.cache_dir / name)  # last: a folder named by the token has both
                self._remove_other_than(name)
            except OSError as error:  # a read-only or full disk costs speed, never answers
                logger.warning("lexical index not saved in %s: %s", self.cache_dir, error)
        return index, figures

    def _load(self, token: str) -> tuple[LexicalIndex, FigureIndex] | None:
        folder = self.cache_dir / self._cache_name(token) if self.cache_dir is not None and token else None
        if folder is None or not folder.is_dir():
            return None
        try:
            return LexicalIndex.load(self.analyzer, folder), FigureIndex.load(self.analyzer, folder.with_name(folder.name + FIGURES_SUFFIX))
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("lexical index in %s unreadable, rebuilding it: %s", folder, error)
            return None

    def _cache_name(self, token: str) -> str:
        """The saved index's folder: the store's state and the glossary its tokens were made with
        (a new release's abbreviations must reach the index of an unchanged store)."""
        return f"{token}-{self.analyzer.glossary.fingerprint}-{LEXICAL_FORMAT}"

    def _remove_other_than(self, token: str) -> None:
        assert self.cache_dir is not None
        for folder in self.cache_dir.iterdir():
            if folder.name not in (token, f"{token}{FIGURES_SUFFIX}") and not folder.name.startswith(".tmp-"):
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
        top = scored[:k]
        related = self._related(query, {candidate.chunk.chunk_id for candidate in top}) if query.about_figures else []
        return Retrieved(top, vector, related)

    def _related(self, query: Query, have: set[str]) -> list[Candidate]:
        """Chunks of the figure index's best rows for the question's indicator, not already found;
        first those stating a period the question asks about (the answer, or the proof that no
        report has it, must not depend on which period's wording the top passages happened to match),
        or, when it names none, the latest periods' (the answer is the latest figure, and with forty
        reports stating the indicator alike, the best-matching rows are any forty periods)."""
        hits = self.lexical.figures().search(query.indicator or query.content or query.text, RELATED_ROWS)
        if not hits:
            return []
        floor, asked_floor = RELATED_SHARE * hits[0][1], RELATED_ASKED_SHARE * hits[0][1]
        rows = [row for row, score in hits if score >= floor and row.chunk_id not in have]
        # rows of a period asked scoring less: after the others, in the room they leave
        fewer = [
            row
            for row, score in hits
            if asked_floor <= score < floor and row.chunk_id not in have and query.periods and _row_answers(row.period, tuple(query.periods))
        ]
        if not query.periods:
            # The kind asked first (a result unless a target is asked: "Duy trì tỷ lệ …" plans of
            # later years must not crowd out the latest result), then the latest period; by score within.
            kind = query.asked_kind or "result"
            rows.sort(key=lambda row: (row.kind == kind, label_sort_key(row.period)), reverse=True)
        asked = [row for row in rows if query.periods and _row_answers(row.period, tuple(query.periods))]
        wanted = list(dict.fromkeys(row.chunk_id for row in [*asked, *rows, *fewer]))[:RELATED_CHUNKS]
        return [Candidate(chunk, 0.0) for chunk in self.store.get(wanted)]


def _row_answers(label: str, asked: tuple[Period, ...]) -> bool:
    """Whether a figure row's period (its label) is, or is part of, a period asked."""
    period = period_of_label(label)
    return period is not None and any(period.answers(wanted) for wanted in asked)


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

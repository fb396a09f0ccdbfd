"""Chroma as the store of record: chunk vectors plus one registry entry per report.

Ingest is atomic per report without transactions, by versioning:
1. the new version's chunks are written beside the old ones (their ids carry the version), each
   stamped with this write's id and time;
2. the registry entry is switched to the new version: this single write is the commit point;
3. the chunks of the version this write replaced (that version and that write's id) are deleted.
Readers only see chunks whose version is the one the registry names, so a crash before step 2
leaves the old version whole, and a crash after it leaves only garbage, collected at start-up.

Several processes (API workers, nodes over one Chroma server) may write at once, with no lock
between them. Step 3 deletes only what the writer itself replaced, never "every other version",
so a concurrent writer's chunks, or a version written again meanwhile (its chunks carry the new
write's id), are never deleted from under a registry entry that names them. What a lost race
leaves behind is garbage no reader sees; start-up removes it once it is older than a grace period
(another node may be in the middle of writing it).

The store is embedded (PersistentClient) by default, or a Chroma server (HttpClient) when a URL
is configured, so several API nodes can share one store.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from vectorstore.records import Chunk, DocumentRecord

logger = logging.getLogger(__name__)

_STATE_ID = "__state__"
_WRITE_ID = "write_id"
_WRITTEN_AT = "written_at"
_PAGE = 1000
_WRITE_BATCH = 256


class StoreError(RuntimeError):
    """The store cannot be used as configured (wrong embedding model, unreachable server…)."""


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    similarity: float


@dataclass(frozen=True)
class IncompleteReport:
    """A report whose live version has fewer chunks in the store than its registry entry says."""

    doc_id: str
    source: str
    expected: int
    present: int


@dataclass(frozen=True)
class StoreCheck:
    """What `ChromaStore.check` found: the registry's counts against the chunks actually present."""

    documents: int
    chunks: int
    incomplete: list[IncompleteReport]

    @property
    def consistent(self) -> bool:
        return not self.incomplete


def open_client(data_dir: str | Path | None = None, url: str | None = None) -> Any:
    """An embedded client persisting under `data_dir`, or a client of the Chroma server at `url`."""
    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url)
        if not parsed.hostname:
            raise StoreError(f"invalid Chroma URL: {url!r}")
        return chromadb.HttpClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 8000),
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    if data_dir is None:
        raise StoreError("either a data directory or a Chroma URL is needed")
    path = Path(data_dir) / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


class ChromaStore:
    """Chunks and the report registry in two Chroma collections."""

    def __init__(self, client: Any, name: str, embedding_id: str) -> None:
        self._client = client
        self.embedding_id = embedding_id
        self._chunks = client.get_or_create_collection(
            f"{name}_chunks",
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedding_model": embedding_id},
        )
        stored_model = (self._chunks.metadata or {}).get("embedding_model")
        if stored_model and stored_model != embedding_id:
            raise StoreError(
                f"the store was built with embedding model {stored_model!r}, not {embedding_id!r}: "
                "use another data directory or collection, or re-ingest into an empty one"
            )
        # The registry needs no vectors; Chroma wants one, so each entry gets a constant 1-d vector.
        self._registry = client.get_or_create_collection(f"{name}_documents", embedding_function=None)
        self._live: dict[str, str] = {}
        self._live_token: str | None = None
        self._lock = threading.RLock()

    # -- registry ---------------------------------------------------------------------------

    def state_token(self) -> str:
        """Changes whenever any report is added, replaced or deleted, by any process."""
        result = self._registry.get(ids=[_STATE_ID], include=["metadatas"])
        if result["ids"]:
            return str(result["metadatas"][0].get("token", ""))
        return ""

    def _touch(self) -> None:
        self._registry.upsert(ids=[_STATE_ID], embeddings=[[0.0]], metadatas=[{"token": uuid.uuid4().hex}])

    def documents(self) -> list[DocumentRecord]:
        result = self._registry.get(include=["metadatas"])
        records = [
            DocumentRecord.from_metadata(metadata)
            for record_id, metadata in zip(result["ids"], result["metadatas"])
            if record_id != _STATE_ID
        ]
        return sorted(records, key=lambda record: (record.year, record.date, record.title), reverse=True)

    def document(self, doc_id: str) -> DocumentRecord | None:
        if doc_id == _STATE_ID:
            return None
        result = self._registry.get(ids=[doc_id], include=["metadatas"])
        if not result["ids"]:
            return None
        return DocumentRecord.from_metadata(result["metadatas"][0])

    def live_versions(self) -> dict[str, str]:
        """doc_id -> the version readers may see; cached until the state token changes."""
        with self._lock:
            token = self.state_token()
            if token != self._live_token or not token:
                self._live = {record.doc_id: record.version for record in self.documents()}
                self._live_token = token
            return dict(self._live)

    # -- writes -------------------------------------------------------------------------------

    def put(self, record: DocumentRecord, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Replace a report by a new version, atomically for readers (see the module docstring)."""
        if len(chunks) != len(vectors):
            raise ValueError("one vector per chunk is needed")
        replaced = self._registry_metadata(record.doc_id)
        stamp = {_WRITE_ID: uuid.uuid4().hex, _WRITTEN_AT: time.time()}
        for start in range(0, len(chunks), _WRITE_BATCH):
            batch = chunks[start : start + _WRITE_BATCH]
            self._chunks.upsert(
                ids=[chunk.chunk_id for chunk in batch],
                embeddings=[list(vector) for vector in vectors[start : start + _WRITE_BATCH]],
                documents=[chunk.text for chunk in batch],
                metadatas=[{**chunk.to_metadata(), **stamp} for chunk in batch],
            )
        committed = {**record.to_metadata(), _WRITE_ID: stamp[_WRITE_ID]}
        self._registry.upsert(ids=[record.doc_id], embeddings=[[0.0]], metadatas=[committed])  # the commit point
        self._touch()
        if replaced is not None:
            self._delete_write(record.doc_id, replaced, keep_version=record.version)

    def delete(self, doc_id: str) -> bool:
        """Remove a report; False when there was none by that id."""
        removed = self._registry_metadata(doc_id)
        if removed is None:
            return False
        self._registry.delete(ids=[doc_id])
        self._touch()
        self._delete_write(doc_id, removed)
        return True

    def _registry_metadata(self, doc_id: str) -> dict[str, Any] | None:
        if doc_id == _STATE_ID:
            return None
        result = self._registry.get(ids=[doc_id], include=["metadatas"])
        return dict(result["metadatas"][0]) if result["ids"] else None

    def _delete_write(self, doc_id: str, entry: dict[str, Any], keep_version: str | None = None) -> None:
        """Delete the chunks of the write a registry entry named: that version, by that write only."""
        version = entry.get("version", "")
        write_id = entry.get(_WRITE_ID)
        if write_id:
            where: dict[str, Any] = {"$and": [{"doc_id": doc_id}, {"version": version}, {_WRITE_ID: write_id}]}
        elif version != keep_version:  # written before writes carried an id
            where = {"$and": [{"doc_id": doc_id}, {"version": version}]}
        else:
            return
        self._chunks.delete(where=where)

    def collect_garbage(self, older_than: float = 0.0) -> int:
        """Delete chunks no reader can see, written more than `older_than` seconds ago (left by an
        interrupted ingest or a lost race; younger ones may be a write in progress); returns how many."""
        live = self.live_versions()
        cutoff = time.time() - older_than
        stale = [
            chunk_id
            for chunk_id, metadata in _scan(self._chunks, include=["metadatas"])
            if live.get(metadata.get("doc_id", "")) != metadata.get("version")
            and float(metadata.get(_WRITTEN_AT, 0.0)) <= cutoff
        ]
        for start in range(0, len(stale), _WRITE_BATCH):
            self._chunks.delete(ids=stale[start : start + _WRITE_BATCH])
        if stale:
            logger.info("removed %d chunks no reader could see", len(stale))
        return len(stale)

    def check(self) -> StoreCheck:
        """Compare each report's registry entry with the chunks of its live version in the store.

        Writes commit only after all their chunks are in, so a shortfall means the store lost
        writes (a server restored from an old backup, a file removed by hand): such a report
        cannot be answered from honestly and has to be ingested again.
        """
        incomplete: list[IncompleteReport] = []
        total = 0
        for record in self.documents():
            present = len(self._live_ids(record.doc_id, record.version))
            total += present
            if present < record.chunk_count:
                incomplete.append(IncompleteReport(record.doc_id, record.source, record.chunk_count, present))
        return StoreCheck(len(self.live_versions()), total, incomplete)

    def forget(self, doc_id: str) -> None:
        """Drop a report's registry entry only (its chunks become garbage): the repair for a report
        `check` found incomplete, so that it disappears whole instead of being answered in part."""
        self._registry.delete(ids=[doc_id])
        self._touch()

    def _live_ids(self, doc_id: str, version: str) -> list[str]:
        ids: list[str] = []
        where = {"$and": [{"doc_id": doc_id}, {"version": version}]}
        while True:
            page = self._chunks.get(where=where, include=[], limit=_PAGE, offset=len(ids))
            ids.extend(page["ids"])
            if len(page["ids"]) < _PAGE:
                return ids

    # -- reads --------------------------------------------------------------------------------

    def count(self) -> int:
        return self._chunks.count()

    def query(self, vector: Sequence[float], n: int) -> list[ScoredChunk]:
        """The n nearest live chunks, with cosine similarity (1 = same direction)."""
        total = self._chunks.count()
        if total == 0 or n <= 0:
            return []
        live = self.live_versions()
        result = self._chunks.query(
            query_embeddings=[list(vector)],
            n_results=min(n, total),
            include=["documents", "metadatas", "distances"],
        )
        hits = []
        for chunk_id, text, metadata, distance in zip(
            result["ids"][0], result["documents"][0], result["metadatas"][0], result["distances"][0]
        ):
            if live.get(metadata.get("doc_id", "")) == metadata.get("version"):
                hits.append(ScoredChunk(Chunk.from_stored(chunk_id, text or "", metadata), 1.0 - float(distance)))
        return hits

    def get(self, chunk_ids: Sequence[str]) -> list[Chunk]:
        if not chunk_ids:
            return []
        result = self._chunks.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        found = {
            chunk_id: Chunk.from_stored(chunk_id, text or "", metadata)
            for chunk_id, text, metadata in zip(result["ids"], result["documents"], result["metadatas"])
        }
        return [found[chunk_id] for chunk_id in chunk_ids if chunk_id in found]

    def live_chunks(self) -> Iterator[Chunk]:
        """Every chunk readers may see (for building the lexical index), report by report.

        Read per report and version rather than by paging through the whole collection: a page
        offset shifts when another process deletes chunks meanwhile, and live chunks would be missed.
        """
        for doc_id, version in sorted(self.live_versions().items()):
            where = {"$and": [{"doc_id": doc_id}, {"version": version}]}
            offset = 0
            while True:
                page = self._chunks.get(where=where, include=["metadatas", "documents"], limit=_PAGE, offset=offset)
                for chunk_id, metadata, text in zip(page["ids"], page["metadatas"], page["documents"]):
                    yield Chunk.from_stored(chunk_id, text or "", metadata)
                offset += len(page["ids"])
                if len(page["ids"]) < _PAGE:
                    break

    def chunks_of(self, doc_id: str) -> list[Chunk]:
        live = self.live_versions().get(doc_id)
        if live is None:
            return []
        result = self._chunks.get(
            where={"$and": [{"doc_id": doc_id}, {"version": live}]}, include=["documents", "metadatas"]
        )
        chunks = [
            Chunk.from_stored(chunk_id, text or "", metadata)
            for chunk_id, text, metadata in zip(result["ids"], result["documents"], result["metadatas"])
        ]
        return sorted(chunks, key=lambda chunk: chunk.position)

    def vectors_by_content(self, content_hashes: Sequence[str]) -> dict[str, tuple[list[float], str]]:
        """(vector, packed sentence vectors) of stored chunks with these content hashes, so that
        unchanged text is never embedded again."""
        found: dict[str, tuple[list[float], str]] = {}
        unique = list(dict.fromkeys(content_hashes))
        for start in range(0, len(unique), _WRITE_BATCH):
            batch = unique[start : start + _WRITE_BATCH]
            result = self._chunks.get(where={"content_hash": {"$in": batch}}, include=["metadatas", "embeddings"])
            for metadata, vector in zip(result["metadatas"], result["embeddings"]):
                packed = metadata.get("sentence_vectors", "")
                if packed or not metadata.get("sentences"):
                    found.setdefault(metadata["content_hash"], ([float(x) for x in vector], packed))
        return found


def _scan(collection: Any, include: list[str]) -> Iterator[tuple[Any, ...]]:
    offset = 0
    while True:
        page = collection.get(include=include, limit=_PAGE, offset=offset)
        if not page["ids"]:
            return
        columns = [page[name] for name in include]
        yield from zip(page["ids"], *columns)
        offset += len(page["ids"])

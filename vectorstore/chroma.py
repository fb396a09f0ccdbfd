"""Chroma as the store of record: chunk vectors plus one registry entry per report.

Ingest is atomic per report without transactions, by versioning:
1. the new version's chunks are written beside the old ones (their ids carry the version);
2. the registry entry is switched to the new version: this single write is the commit point;
3. chunks of any other version are deleted.
Readers only see chunks whose version is the one the registry names, so a crash before step 2
leaves the old version whole, and a crash after it leaves only garbage, collected at start-up.

The store is embedded (PersistentClient) by default, or a Chroma server (HttpClient) when a URL
is configured, so several API nodes can share one store.
"""

from __future__ import annotations

import logging
import threading
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
_ID_VERSION_CHARS = 10  # chunk ids are "{doc_id}-{version[:10]}-{hash}" (ingest.chunking)
_PAGE = 1000
_WRITE_BATCH = 1024  # rows per Chroma write: each write is a commit, so fewer and larger


class StoreError(RuntimeError):
    """The store cannot be used as configured (wrong embedding model, unreachable server…)."""


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    similarity: float


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
        self._live_count = 0
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
        return self._live_state()[0]

    def _live_state(self) -> tuple[dict[str, str], int]:
        """(live versions, number of stored chunks), both cached until the state token changes:
        counting is a full scan in Chroma (~50 ms at 100k chunks), too slow for every question."""
        with self._lock:
            token = self.state_token()
            if token != self._live_token or not token:
                self._live = {record.doc_id: record.version for record in self.documents()}
                self._live_count = self._chunks.count()
                self._live_token = token
            return dict(self._live), self._live_count

    # -- writes -------------------------------------------------------------------------------

    def put(self, record: DocumentRecord, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        """Replace a report by a new version, atomically for readers (see the module docstring)."""
        self.put_many([(record, chunks, vectors)])

    def put_many(self, reports: Sequence[tuple[DocumentRecord, Sequence[Chunk], Sequence[Sequence[float]]]]) -> None:
        """Write several reports with a few large Chroma calls instead of several small ones each.

        Every Chroma write is a commit (tens of milliseconds on a virtual disk, whatever its size), so
        a bulk ingest writes the chunks of many reports together. Readers still see each report whole
        or not at all: the registry entries of the lot, written in one call, are the commit point;
        then the chunks of the versions they replace are deleted.
        """
        if not reports:
            return
        rows: list[tuple[Chunk, Sequence[float]]] = []
        for record, chunks, vectors in reports:
            if len(chunks) != len(vectors):
                raise ValueError(f"one vector per chunk is needed ({record.source})")
            rows.extend(zip(chunks, vectors))
        doc_ids = [record.doc_id for record, _, _ in reports]
        if len(set(doc_ids)) != len(doc_ids):
            raise ValueError("a report may appear only once in a bulk write")
        replaced = set(self._registry.get(ids=doc_ids, include=[])["ids"])
        for start in range(0, len(rows), _WRITE_BATCH):
            batch = rows[start : start + _WRITE_BATCH]
            self._chunks.upsert(
                ids=[chunk.chunk_id for chunk, _ in batch],
                embeddings=[list(vector) for _, vector in batch],
                documents=[chunk.text for chunk, _ in batch],
                metadatas=[chunk.to_metadata() for chunk, _ in batch],
            )
        self._registry.upsert(
            ids=doc_ids,
            embeddings=[[0.0]] * len(reports),
            metadatas=[record.to_metadata() for record, _, _ in reports],
        )
        self._touch()
        # A report new to the registry has no old version to remove (chunks of an interrupted
        # earlier attempt are invisible to readers and removed at start-up by `collect_garbage`).
        stale = [{"$and": [{"doc_id": r.doc_id}, {"version": {"$ne": r.version}}]} for r, _, _ in reports if r.doc_id in replaced]
        if stale:
            self._chunks.delete(where=stale[0] if len(stale) == 1 else {"$or": stale})

    def delete(self, doc_id: str) -> bool:
        """Remove a report; False when there was none by that id."""
        if self.document(doc_id) is None:
            return False
        self._registry.delete(ids=[doc_id])
        self._touch()
        self._chunks.delete(where={"doc_id": doc_id})
        return True

    def collect_garbage(self) -> int:
        """Delete chunks no reader can see (left by an interrupted ingest); returns how many.

        Runs at every start, so it reads chunk ids only: a chunk id names its report and version
        (`{doc_id}-{version[:10]}-…`, see `ingest.chunking`), and reading every chunk's metadata (with
        its packed sentence vectors) would take minutes at 100k chunks. Ids of another form are
        checked against their metadata.
        """
        live = self.live_versions()
        stale: list[str] = []
        unknown: list[str] = []
        for chunk_id in self._chunks.get(include=[])["ids"]:  # ids alone: one call, ~0.5 s at 100k
            doc_id, _, rest = chunk_id.partition("-")
            version_prefix = rest.partition("-")[0]
            if len(version_prefix) != _ID_VERSION_CHARS:
                unknown.append(chunk_id)
            elif live.get(doc_id, "")[:_ID_VERSION_CHARS] != version_prefix:
                stale.append(chunk_id)
        for start in range(0, len(unknown), _PAGE):
            result = self._chunks.get(ids=unknown[start : start + _PAGE], include=["metadatas"])
            stale += [
                chunk_id
                for chunk_id, metadata in zip(result["ids"], result["metadatas"])
                if live.get(metadata.get("doc_id", "")) != metadata.get("version")
            ]
        for start in range(0, len(stale), _WRITE_BATCH):
            self._chunks.delete(ids=stale[start : start + _WRITE_BATCH])
        if stale:
            with self._lock:
                self._live_token = None  # the cached chunk count included them
            logger.info("removed %d chunks left by an interrupted ingest", len(stale))
        return len(stale)

    # -- reads --------------------------------------------------------------------------------

    def count(self) -> int:
        return self._chunks.count()

    def query(self, vector: Sequence[float], n: int) -> list[ScoredChunk]:
        """The n nearest live chunks, with cosine similarity (1 = same direction)."""
        live, total = self._live_state()
        if total == 0 or n <= 0:
            return []
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
        """Every chunk readers may see, in pages (for building the lexical index)."""
        live = self.live_versions()
        for chunk_id, metadata, text in _scan(self._chunks, include=["metadatas", "documents"]):
            if live.get(metadata.get("doc_id", "")) == metadata.get("version"):
                yield Chunk.from_stored(chunk_id, text or "", metadata)

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

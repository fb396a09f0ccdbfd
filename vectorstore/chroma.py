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
from typing import Any, Protocol
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError, InternalError
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_fixed

from vectorstore.records import Chunk, DocumentRecord

logger = logging.getLogger(__name__)

_STATE_ID = "__state__"
_ID_VERSION_CHARS = 10  # chunk ids are "{doc_id}-{version[:10]}-{hash}" (ingest.chunking)
_WRITE_ID = "write_id"
_WRITTEN_AT = "written_at"
_PAGE = 1000
# How many graph nodes an HNSW search visits (Chroma's default is 100). Reports of many years are
# near-duplicates of each other: with too few, a cluster of them hides the one chunk that answers
# from the nearest asked for (measured at scale: docs/benchmark.md).
HNSW_EF_SEARCH = 400
_WRITE_BATCH = 1024  # rows per Chroma write: each write is a commit, so fewer and larger


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


class StoreConfig(Protocol):
    """What `open_client` reads: the application's store settings group has these fields."""

    data_dir: Path
    chroma_url: str | None


def open_client(config: StoreConfig) -> Any:
    """A client of the Chroma server at `config.chroma_url`, or else an embedded one persisting
    under `config.data_dir`."""
    data_dir, url = config.data_dir, config.chroma_url
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
            configuration={"hnsw": {"space": "cosine", "ef_search": HNSW_EF_SEARCH}},
            metadata={"embedding_model": embedding_id},
        )
        if (self._chunks.configuration.get("hnsw") or {}).get("ef_search") != HNSW_EF_SEARCH:
            # A store made before: search it as wide as a new one. The setting is persisted, and a
            # collection object carries its configuration into every query, so it is fetched again.
            self._chunks.modify(configuration={"hnsw": {"ef_search": HNSW_EF_SEARCH}})
            self._chunks = client.get_collection(f"{name}_chunks", embedding_function=None)
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
        counting is a full scan in Chroma, too slow for every question at scale."""
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
        a bulk ingest writes the chunks of many reports together, as one write (one write id). Readers
        still see each report whole or not at all: the registry entries of the lot, written in one
        call, are the commit point; then the chunks of the writes they replaced are deleted.
        """
        if not reports:
            return
        rows: list[tuple[Chunk, Sequence[float]]] = []
        for record, chunks, vectors in reports:
            if len(chunks) != len(vectors):
                raise ValueError(f"one vector per chunk is needed ({record.source})")
            rows.extend(zip(chunks, vectors))
        doc_ids = [record.doc_id for record, _, _ in reports]
        if len(set(doc_ids)) != len(doc_ids) or _STATE_ID in doc_ids:
            raise ValueError("a report may appear only once in a bulk write")
        replaced = self._registry_entries(doc_ids)
        stamp = {_WRITE_ID: uuid.uuid4().hex, _WRITTEN_AT: time.time()}
        for start in range(0, len(rows), _WRITE_BATCH):
            batch = rows[start : start + _WRITE_BATCH]
            self._chunks.upsert(
                ids=[chunk.chunk_id for chunk, _ in batch],
                embeddings=[list(vector) for _, vector in batch],
                documents=[chunk.text for chunk, _ in batch],
                metadatas=[{**chunk.to_metadata(), **stamp} for chunk, _ in batch],
            )
        self._registry.upsert(  # the commit point
            ids=doc_ids,
            embeddings=[[0.0]] * len(reports),
            metadatas=[{**record.to_metadata(), _WRITE_ID: stamp[_WRITE_ID]} for record, _, _ in reports],
        )
        self._touch()
        # A report new to the registry has no old write to remove (chunks of an interrupted earlier
        # attempt are invisible to readers and removed at start-up by `collect_garbage`).
        self._delete_writes(
            [_write_filter(r.doc_id, replaced[r.doc_id], keep_version=r.version) for r, _, _ in reports if r.doc_id in replaced]
        )

    def delete(self, doc_id: str) -> bool:
        """Remove a report; False when there was none by that id."""
        removed = self._registry_entries([doc_id]).get(doc_id)
        if removed is None:
            return False
        self._registry.delete(ids=[doc_id])
        self._touch()
        self._delete_writes([_write_filter(doc_id, removed)])
        return True

    def _registry_entries(self, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        wanted = [doc_id for doc_id in doc_ids if doc_id != _STATE_ID]
        if not wanted:
            return {}
        result = self._registry.get(ids=wanted, include=["metadatas"])
        return {record_id: dict(metadata) for record_id, metadata in zip(result["ids"], result["metadatas"])}

    def _delete_writes(self, filters: Sequence[dict[str, Any] | None]) -> None:
        """Delete the chunks of the writes these filters name, in one Chroma call (one commit)."""
        wheres = [where for where in filters if where is not None]
        if wheres:
            self._chunks.delete(where=wheres[0] if len(wheres) == 1 else {"$or": wheres})

    def _stored_ids(self) -> tuple[dict[tuple[str, str], list[str]], list[str]]:
        """Every chunk id, grouped by (doc_id, version prefix) read off the id itself, and the ids
        of another form. Ids alone come in one call (~0.5 s at 100k chunks); reading every chunk's
        metadata, with its packed sentence vectors, would take minutes."""
        grouped: dict[tuple[str, str], list[str]] = {}
        unknown: list[str] = []
        for chunk_id in self._chunks.get(include=[])["ids"]:
            doc_id, _, rest = chunk_id.partition("-")
            version_prefix = rest.partition("-")[0]
            if len(version_prefix) == _ID_VERSION_CHARS:
                grouped.setdefault((doc_id, version_prefix), []).append(chunk_id)
            else:
                unknown.append(chunk_id)
        for start in range(0, len(unknown), _PAGE):
            result = self._chunks.get(ids=unknown[start : start + _PAGE], include=["metadatas"])
            for chunk_id, metadata in zip(result["ids"], result["metadatas"]):
                key = (str(metadata.get("doc_id", "")), str(metadata.get("version", ""))[:_ID_VERSION_CHARS])
                grouped.setdefault(key, []).append(chunk_id)
        return grouped, unknown

    def collect_garbage(self, older_than: float = 0.0) -> int:
        """Delete chunks no reader can see, written more than `older_than` seconds ago (left by an
        interrupted ingest or a lost race; younger ones may be a write in progress); returns how many.

        Runs at every start, so it works from chunk ids, which name their report and version
        (`{doc_id}-{version[:10]}-…`, see `ingest.chunking`); only the few stale chunks' write
        times are read, and only when there is a grace period."""
        live = {doc_id: version[:_ID_VERSION_CHARS] for doc_id, version in self.live_versions().items()}
        grouped, _ = self._stored_ids()
        stale = [
            chunk_id
            for (doc_id, version_prefix), chunk_ids in grouped.items()
            if live.get(doc_id) != version_prefix
            for chunk_id in chunk_ids
        ]
        if older_than > 0 and stale:
            cutoff = time.time() - older_than
            old: list[str] = []
            for start in range(0, len(stale), _PAGE):
                result = self._chunks.get(ids=stale[start : start + _PAGE], include=["metadatas"])
                old += [
                    chunk_id
                    for chunk_id, metadata in zip(result["ids"], result["metadatas"])
                    if float(metadata.get(_WRITTEN_AT, 0.0)) <= cutoff
                ]
            stale = old
        for start in range(0, len(stale), _WRITE_BATCH):
            self._chunks.delete(ids=stale[start : start + _WRITE_BATCH])
        if stale:
            with self._lock:
                self._live_token = None  # the cached chunk count included them
            logger.info("removed %d chunks no reader could see", len(stale))
        return len(stale)

    def check(self) -> StoreCheck:
        """Compare each report's registry entry with the chunks of its live version in the store.

        Writes commit only after all their chunks are in, so a shortfall means the store lost
        writes (a server restored from an old backup, a file removed by hand): such a report
        cannot be answered from honestly and has to be ingested again.
        """
        grouped, _ = self._stored_ids()
        incomplete: list[IncompleteReport] = []
        total = 0
        records = self.documents()
        for record in records:
            present = len(grouped.get((record.doc_id, record.version[:_ID_VERSION_CHARS]), ()))
            total += present
            if present < record.chunk_count:
                incomplete.append(IncompleteReport(record.doc_id, record.source, record.chunk_count, present))
        return StoreCheck(len(records), total, incomplete)

    def forget(self, doc_id: str) -> None:
        """Drop a report's registry entry only (its chunks become garbage): the repair for a report
        `check` found incomplete, so that it disappears whole instead of being answered in part."""
        self._registry.delete(ids=[doc_id])
        self._touch()

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
            # A chunk another process deleted between the nearest-neighbour search and the read of
            # its record comes back without metadata (seen with a `chroma run` server): it is not live.
            if metadata is not None and live.get(metadata.get("doc_id", "")) == metadata.get("version"):
                hits.append(ScoredChunk(Chunk.from_stored(chunk_id, text or "", metadata), 1.0 - float(distance)))
        return hits

    def get(self, chunk_ids: Sequence[str]) -> list[Chunk]:
        if not chunk_ids:
            return []
        result = self._chunks.get(ids=list(chunk_ids), include=["documents", "metadatas"])
        found = {
            chunk_id: Chunk.from_stored(chunk_id, text or "", metadata)
            for chunk_id, text, metadata in zip(result["ids"], result["documents"], result["metadatas"])
            if metadata is not None
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
            try:
                result = self._cached_vectors(batch)
            except ChromaError as error:  # a cache miss costs embedding time, never an ingest
                logger.warning("stored vectors not read, embedding %d texts again: %s", len(batch), error)
                continue
            for metadata, vector in zip(result["metadatas"], result["embeddings"]):
                packed = metadata.get("sentence_vectors", "")
                if packed or not metadata.get("sentences"):
                    found.setdefault(metadata["content_hash"], ([float(x) for x in vector], packed))
        return found

    @retry(retry=retry_if_exception_type(InternalError), stop=stop_after_attempt(3), wait=wait_fixed(0.05), reraise=True)
    def _cached_vectors(self, content_hashes: list[str]) -> dict[str, Any]:
        """A Chroma server reading embeddings while another client deletes chunks may fail with
        "Error finding id" (its record segment lost a row its metadata index still named): the
        same read a moment later succeeds."""
        return self._chunks.get(where={"content_hash": {"$in": content_hashes}}, include=["metadatas", "embeddings"])


def _write_filter(doc_id: str, entry: dict[str, Any], keep_version: str | None = None) -> dict[str, Any] | None:
    """The chunks of the write a registry entry names: that version, by that write only."""
    version = entry.get("version", "")
    write_id = entry.get(_WRITE_ID)
    if write_id:
        return {"$and": [{"doc_id": doc_id}, {"version": version}, {_WRITE_ID: write_id}]}
    if version != keep_version:  # written before writes carried an id
        return {"$and": [{"doc_id": doc_id}, {"version": version}]}
    return None

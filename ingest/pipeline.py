"""File -> report record and chunks -> store, atomic per report, skipping what has not changed.

- The same bytes ingested again change nothing (the version hash is equal).
- An edited file replaces its old chunks in one commit (see `vectorstore.chroma`).
- Chunks whose text is unchanged reuse their stored vectors instead of being embedded again.
- Many files (a folder, years of reports) are written in bulk steps: far fewer Chroma commits.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath, PureWindowsPath

from langchain_core.embeddings import Embeddings

from ingest.chunking import build_chunks, digest, document_id
from ingest.cleaning import clean
from ingest.loaders import SUPPORTED_SUFFIXES, IngestError, load_bytes
from ingest.metadata import read_metadata, strip_date_marker
from ingest.structure import parse
from vectorstore.chroma import ChromaStore
from vectorstore.glossary import Glossary
from vectorstore.records import Chunk, DocumentRecord, pack_vectors
from vectorstore.text import chunk_sentences

logger = logging.getLogger(__name__)

# Bump when parsing or chunking changes, so re-ingesting rebuilds reports parsed the old way.
PARSER_VERSION = "9"
SIDECAR_SUFFIX = ".meta.json"
BULK_CHUNKS = 2000  # chunks embedded and written together by `Ingestor.ingest_paths`
MAX_SOURCE_NAME = 200


@dataclass(frozen=True)
class ParsedReport:
    record: DocumentRecord
    chunks: list[Chunk]


@dataclass
class IngestResult:
    source: str
    status: str  # added | updated | unchanged | failed
    doc_id: str = ""
    title: str = ""
    chunks: int = 0
    embedded: int = 0
    error: str = ""
    record: DocumentRecord | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def safe_source_name(name: str) -> str:
    """The file name alone: no directories (so "../../x.txt" is "x.txt"), no control characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = PureWindowsPath(PurePosixPath(name).name).name
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")
    if not name or len(name) > MAX_SOURCE_NAME:
        raise IngestError(name or "(không tên)", "tên tệp không hợp lệ")
    return name


def parse_report(
    data: bytes,
    source: str,
    glossary: Glossary,
    chunk_size: int,
    overrides: dict[str, str] | None = None,
) -> ParsedReport:
    """Everything ingest learns from a file, without touching the store."""
    loaded = load_bytes(data, source)
    text, marker_date = strip_date_marker(loaded.text)
    cleaned, footnotes = clean(text)
    structure = parse(cleaned, loaded.title_hint)
    meta = read_metadata(structure, cleaned, glossary, {**loaded.meta, **(overrides or {})}, marker_date)
    doc_id = document_id(source)
    settings_key = json.dumps(sorted((overrides or {}).items()), ensure_ascii=False)
    version = digest(PARSER_VERSION, str(chunk_size), settings_key, cleaned, size=24)
    chunks = build_chunks(structure.sections, meta, source, doc_id, version, chunk_size, footnotes)
    if not chunks:
        raise IngestError(source, "không tìm thấy đoạn văn bản nào để lập chỉ mục")
    record = DocumentRecord(
        doc_id=doc_id,
        source=source,
        title=meta.title,
        version=version,
        period=meta.period_label,
        year=meta.year,
        date=meta.date,
        draft=meta.draft,
        kind=meta.kind,
        chunk_count=len(chunks),
        char_count=sum(len(chunk.text) for chunk in chunks),
        ingested_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
    return ParsedReport(record, chunks)


class Ingestor:
    """Writes parsed reports into the store; one report at a time, each all-or-nothing."""

    def __init__(self, store: ChromaStore, embeddings: Embeddings, glossary: Glossary, chunk_size: int) -> None:
        self.store = store
        self.embeddings = embeddings
        self.glossary = glossary
        self.chunk_size = chunk_size

    def ingest_bytes(self, data: bytes, name: str, overrides: dict[str, str] | None = None) -> IngestResult:
        """Ingest one file's bytes; a bad file gives a failed result, never a half-written store."""
        prepared = self._prepare(data, name, overrides)
        if not isinstance(prepared, _Pending):
            return prepared
        self._store_many([prepared])
        return prepared.result()

    def ingest_path(self, path: Path) -> IngestResult:
        """Ingest a file, with its sidecar `NAME.meta.json` (title, period, date, draft) if present."""
        return self.ingest_paths([path])[0]

    def ingest_paths(
        self, paths: Sequence[Path], on_result: Callable[[IngestResult], None] | None = None
    ) -> list[IngestResult]:
        """Ingest many files, in order, writing changed reports in bulk steps of about `BULK_CHUNKS`
        chunks: a step's new texts are embedded in one go (a text several reports share, such as a
        sentence repeated from one period's report to the next, is embedded once) and its reports
        are written with a few Chroma calls instead of several per report (each call is a commit).
        Each report is still all-or-nothing for readers; `on_result` hears of each file when its
        step is written."""
        results: list[IngestResult | None] = [None] * len(paths)
        step: list[tuple[int, _Pending]] = []

        def flush() -> None:
            self._store_many([pending for _, pending in step])
            for index, pending in step:
                results[index] = pending.result()
                if on_result:
                    on_result(results[index])
            step.clear()

        for index, path in enumerate(paths):
            prepared = self._prepare_path(path)
            if not isinstance(prepared, _Pending):
                results[index] = prepared
                if on_result:
                    on_result(prepared)
                continue
            if any(pending.parsed.record.doc_id == prepared.parsed.record.doc_id for _, pending in step):
                # The same report twice (same name in two folders): as one by one, the later one
                # replaces the earlier, and is compared with it (it may be unchanged).
                flush()
                prepared = self._prepare_path(path)
                if not isinstance(prepared, _Pending):
                    results[index] = prepared
                    if on_result:
                        on_result(prepared)
                    continue
            step.append((index, prepared))
            if sum(len(pending.parsed.chunks) for _, pending in step) >= BULK_CHUNKS:
                flush()
        if step:
            flush()
        return [result for result in results if result is not None]

    def _prepare_path(self, path: Path) -> IngestResult | _Pending:
        try:
            data = path.read_bytes()
        except OSError as error:
            return IngestResult(path.name, "failed", error=f"không đọc được tệp ({error.strerror})")
        overrides: dict[str, str] = {}
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        if sidecar.exists():
            try:
                overrides = {k: str(v) for k, v in json.loads(sidecar.read_text("utf-8")).items()}
            except (OSError, ValueError) as error:
                return IngestResult(path.name, "failed", error=f"tệp {sidecar.name} không phải JSON hợp lệ ({error})")
        return self._prepare(data, path.name, overrides)

    def _prepare(self, data: bytes, name: str, overrides: dict[str, str] | None) -> IngestResult | _Pending:
        """Parse a file; the result when there is nothing to write (failed, unchanged), else what to write."""
        source = name
        try:
            source = safe_source_name(name)
            parsed = parse_report(data, source, self.glossary, self.chunk_size, overrides)
        except IngestError as error:
            logger.warning("ingest failed: %s", error)
            return IngestResult(source, "failed", error=error.message)
        existing = self.store.document(parsed.record.doc_id)
        if existing is not None and existing.version == parsed.record.version:
            return IngestResult(source, "unchanged", existing.doc_id, existing.title, existing.chunk_count, 0, record=existing)
        return _Pending(parsed, "updated" if existing is not None else "added")

    def _store_many(self, step: Sequence[_Pending]) -> None:
        """Embed what is new and write the reports; each learns how many of its chunks were new.

        A chunk whose text is unchanged (same content hash) reuses its stored vector and its stored
        sentence vectors; a new one is embedded with its title and section, and so is each of its
        sentences on its own (answer selection compares sentences with the question by meaning).
        Within a step, a chunk text or a sentence that occurs several times is embedded once.
        """
        if not step:
            return
        chunks = [chunk for pending in step for chunk in pending.parsed.chunks]
        known = self.store.vectors_by_content([chunk.content_hash for chunk in chunks])
        missing = list({chunk.content_hash: chunk for chunk in chunks if chunk.content_hash not in known}.values())
        if missing:
            chunk_vectors = self.embeddings.embed_documents([chunk.embedding_text() for chunk in missing])
            sentences = [[sentence for _, _, sentence in chunk_sentences(chunk.text)] for chunk in missing]
            unique = list(dict.fromkeys(sentence for group in sentences for sentence in group))
            by_text = dict(zip(unique, self.embeddings.embed_documents(unique)))
            for chunk, vector, group in zip(missing, chunk_vectors, sentences):
                known[chunk.content_hash] = (vector, pack_vectors([by_text[sentence] for sentence in group]))
        new = {chunk.content_hash for chunk in missing}
        writes = []
        for pending in step:
            parsed = pending.parsed
            stored = [replace(chunk, sentence_vectors=known[chunk.content_hash][1]) for chunk in parsed.chunks]
            writes.append((parsed.record, stored, [known[chunk.content_hash][0] for chunk in parsed.chunks]))
            pending.embedded = sum(chunk.content_hash in new for chunk in parsed.chunks)
        self.store.put_many(writes)


@dataclass
class _Pending:
    """A parsed report waiting for its bulk step to be written."""

    parsed: ParsedReport
    status: str  # added | updated
    embedded: int = 0

    def result(self) -> IngestResult:
        record = self.parsed.record
        return IngestResult(record.source, self.status, record.doc_id, record.title, record.chunk_count, self.embedded, record=record)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files given directly, plus supported files found (recursively) in folders, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files

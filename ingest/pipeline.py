"""File -> report record and chunks -> store, atomic per report, skipping what has not changed.

- The same bytes ingested again change nothing (the version hash is equal).
- An edited file replaces its old chunks in one commit (see `vectorstore.chroma`).
- Chunks whose text is unchanged reuse their stored vectors instead of being embedded again.
- Many files (a folder, years of reports) are written in bulk steps: far fewer Chroma commits.
- The same bytes are recognised without being read again (no second OCR or conversion).
- What could not be read, or was kept out of the text, is in the result's notes (Vietnamese).
- Progress follows the work: files read, texts embedded, time left (`ingest.progress`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath, PureWindowsPath

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.chunking import build_chunks, digest, document_id
from ingest.cleaning import clean
from ingest.loaders import SUPPORTED_SUFFIXES, IngestError, ReadOptions, load_bytes
from ingest.messages import message
from ingest.metadata import read_metadata, strip_date_marker
from ingest.progress import ProgressCallback, ProgressTracker
from ingest.structure import parse
from vectorstore.chroma import ChromaStore
from vectorstore.glossary import Glossary
from vectorstore.legend import find_legend
from vectorstore.records import Chunk, DocumentRecord, pack_vectors
from vectorstore.text import chunk_sentences

logger = logging.getLogger(__name__)

# Bump when parsing or chunking changes, so re-ingesting rebuilds reports parsed the old way.
PARSER_VERSION = "126"
SIDECAR_SUFFIX = ".meta.json"
BULK_CHUNKS = 2000  # chunks embedded and written together by `Ingestor.ingest_paths`
MAX_SOURCE_NAME = 200
# A sentence shorter than this is never an answer (the answerer skips it too): no vector of its own.
MIN_EMBEDDED_SENTENCE = 12
EMBED_BATCH_CHARS = 32_000  # texts per embedding call (sorted by length): a progress step


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
    notes: list[str] = field(default_factory=list)
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
    options: ReadOptions | None = None,
) -> ParsedReport:
    """Everything ingest learns from a file, without touching the store."""
    loaded = load_bytes(data, source, options)
    text, marker_date = strip_date_marker(loaded.text)
    cleaned, footnotes = clean(text)
    structure = parse(cleaned, loaded.title_hint)
    meta = read_metadata(structure, cleaned, glossary, {**loaded.meta, **(overrides or {})}, marker_date)
    doc_id = document_id(source)
    version = digest(PARSER_VERSION, str(chunk_size), settings_key(overrides), cleaned, size=24)
    chunks = build_chunks(
        structure.sections, meta, source, doc_id, version, chunk_size, footnotes, structure.ocr_pages, find_legend(cleaned)
    )
    if not chunks:
        raise IngestError(source, "không tìm thấy đoạn văn bản nào để lập chỉ mục")
    notes = list(loaded.notes)
    if structure.omitted:
        quoted = ", ".join(f"“{line}”" for line in structure.omitted)
        notes.append(message("notes.masthead", count=len(structure.omitted), lines=quoted))
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
        ocr_pages=len(structure.ocr_pages),
        notes="\n".join(notes),
        file_hash=file_hash(data, chunk_size, overrides, options),
    )
    return ParsedReport(record, chunks)


def settings_key(overrides: dict[str, str] | None) -> str:
    return json.dumps(sorted((overrides or {}).items()), ensure_ascii=False)


def file_hash(data: bytes, chunk_size: int, overrides: dict[str, str] | None, options: ReadOptions | None = None) -> str:
    """What a report's parse depends on: its bytes, the parser, the chunk size, the overrides and
    how scans are read (OCR language and resolution)."""
    reading = options or ReadOptions()
    hasher = hashlib.sha256()
    key = f"{PARSER_VERSION}|{chunk_size}|{settings_key(overrides)}|{reading.ocr_language}|{reading.ocr_dpi}"
    for part in (key.encode(), data):
        hasher.update(part)
        hasher.update(b"\x00")
    return hasher.hexdigest()[:32]


def note_list(record: DocumentRecord) -> list[str]:
    return [line for line in record.notes.split("\n") if line] if record.notes else []


class Ingestor:
    """Writes parsed reports into the store; one report at a time, each all-or-nothing."""

    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        glossary: Glossary,
        chunk_size: int,
        options: ReadOptions | None = None,
        pooled_chunk_vectors: bool = True,
    ) -> None:
        """`pooled_chunk_vectors`: a chunk's vector pooled from its sentences' and its head's (see
        `_store_many`), else embedded from its whole text as well (about twice the model's work)."""
        self.store = store
        self.embeddings = embeddings
        self.glossary = glossary
        self.chunk_size = chunk_size
        self.options = options or ReadOptions()
        self.pooled = pooled_chunk_vectors

    def ingest_bytes(
        self,
        data: bytes,
        name: str,
        overrides: dict[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestResult:
        """Ingest one file's bytes; a bad file gives a failed result, never a half-written store."""
        tracker = ProgressTracker(1, on_progress)
        prepared = self._prepare(data, name, overrides, tracker)
        if isinstance(prepared, _Pending):
            self._store_many([prepared], tracker)
            prepared = prepared.result()
        tracker.done()
        return prepared

    def ingest_path(self, path: Path) -> IngestResult:
        """Ingest a file, with its sidecar `NAME.meta.json` (title, period, date, draft) if present."""
        return self.ingest_paths([path])[0]

    def ingest_paths(
        self,
        paths: Sequence[Path],
        on_result: Callable[[IngestResult], None] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestResult]:
        """Ingest many files, in order, writing changed reports in bulk steps of about `BULK_CHUNKS`
        chunks: a step's new texts are embedded in one go (a text several reports share, such as a
        sentence repeated from one period's report to the next, is embedded once) and its reports
        are written with a few Chroma calls instead of several per report (each call is a commit).
        Each report is still all-or-nothing for readers; `on_result` hears of each file when its
        step is written, `on_progress` of every file read and every batch of texts embedded."""
        tracker = ProgressTracker(len(paths), on_progress)
        results: list[IngestResult | None] = [None] * len(paths)
        step: list[tuple[int, _Pending]] = []

        def flush() -> None:
            self._store_many([pending for _, pending in step], tracker)
            for index, pending in step:
                results[index] = pending.result()
                if on_result:
                    on_result(results[index])
            step.clear()

        for index, path in enumerate(paths):
            prepared = self._prepare_path(path, tracker)
            if not isinstance(prepared, _Pending):
                results[index] = prepared
                if on_result:
                    on_result(prepared)
                continue
            if any(pending.parsed.record.doc_id == prepared.parsed.record.doc_id for _, pending in step):
                # The same report twice (same name in two folders): as one by one, the later one
                # replaces the earlier, and is compared with it (it may be unchanged).
                tracker.skipped(_texts(prepared.parsed.chunks))
                flush()
                tracker.files_read -= 1  # read again below
                prepared = self._prepare_path(path, tracker)
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
        tracker.done()
        return [result for result in results if result is not None]

    def _prepare_path(self, path: Path, tracker: ProgressTracker) -> IngestResult | _Pending:
        tracker.reading(path.name)
        try:
            data = path.read_bytes()
        except OSError as error:
            tracker.read(0)
            return IngestResult(path.name, "failed", error=f"không đọc được tệp ({error.strerror})")
        overrides: dict[str, str] = {}
        sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
        if sidecar.exists():
            try:
                overrides = {k: str(v) for k, v in json.loads(sidecar.read_text("utf-8")).items()}
            except (OSError, ValueError) as error:
                tracker.read(0)
                return IngestResult(path.name, "failed", error=f"tệp {sidecar.name} không phải JSON hợp lệ ({error})")
        return self._prepare(data, path.name, overrides, tracker)

    def _prepare(
        self, data: bytes, name: str, overrides: dict[str, str] | None, tracker: ProgressTracker
    ) -> IngestResult | _Pending:
        """Parse a file; the result when there is nothing to write (failed, unchanged), else what to write."""
        source = name
        tracker.reading(name)
        try:
            source = safe_source_name(name)
            existing = self.store.document(document_id(source))
            if existing is not None and existing.file_hash == file_hash(data, self.chunk_size, overrides, self.options):
                tracker.read(0)  # the same bytes, parsed the same way: not read again
                return _unchanged(existing)
            options = replace(self.options, on_step=tracker.page)
            parsed = parse_report(data, source, self.glossary, self.chunk_size, overrides, options)
        except IngestError as error:
            logger.warning("ingest failed: %s", error)
            tracker.read(0)
            return IngestResult(source, "failed", error=error.message)
        if existing is not None and existing.version == parsed.record.version:
            tracker.read(0)
            return _unchanged(existing)
        tracker.read(_texts(parsed.chunks))
        return _Pending(parsed, "updated" if existing is not None else "added")

    def _store_many(self, step: Sequence[_Pending], tracker: ProgressTracker) -> None:
        """Embed what is new and write the reports; each learns how many of its chunks were new.

        A chunk whose text is unchanged (same content hash) reuses its stored vector and its stored
        sentence vectors. For a new one, each sentence is embedded on its own (answer selection
        compares sentences with the question by meaning), except the headings that open it and
        sentences too short to be an answer (their row is zeros: no similarity); and so is its head
        (title and section path, what situates it). The chunk's own vector is pooled from these:
        their mean weighted by length, as the model's mean pooling would weigh their tokens — so the
        chunk's text is not read by the model a second time. A chunk with no sentence of its own (a
        heading alone) is embedded whole. Within a step, a text that occurs several times (a head
        shared by a section's chunks, a boilerplate sentence, a sentence repeated from one period's
        report to the next) is embedded once; texts are embedded sorted by length. Without pooling
        (`pooled_chunk_vectors=False`), each chunk's whole text is embedded for its vector.
        """
        if not step:
            return
        chunks = [chunk for pending in step for chunk in pending.parsed.chunks]
        expected = _texts(chunks)
        known = self.store.vectors_by_content([chunk.content_hash for chunk in chunks])
        missing = list({chunk.content_hash: chunk for chunk in chunks if chunk.content_hash not in known}.values())
        if missing:
            units = [_embedded_sentences(chunk) for chunk in missing]
            parts = [
                _pooled_parts(chunk, group) if self.pooled else [chunk.embedding_text()]
                for chunk, group in zip(missing, units)
            ]
            sentences = [sentence for group in units for sentence in group if sentence]
            texts = list(dict.fromkeys([text for group in parts for text in group] + sentences))
            tracker.skipped(expected - len(texts))
            tracker.embedding()
            by_text = dict(zip(texts, self._embed(texts, tracker)))
            zero = [0.0] * len(next(iter(by_text.values())))
            for chunk, group, pooled in zip(missing, units, parts):
                rows = [by_text[sentence] if sentence else zero for sentence in group]
                known[chunk.content_hash] = (_pool(pooled, by_text), pack_vectors(rows))
        else:
            tracker.skipped(expected)
        tracker.writing()
        new = {chunk.content_hash for chunk in missing}
        writes = []
        for pending in step:
            parsed = pending.parsed
            stored = [replace(chunk, sentence_vectors=known[chunk.content_hash][1]) for chunk in parsed.chunks]
            writes.append((parsed.record, stored, [known[chunk.content_hash][0] for chunk in parsed.chunks]))
            pending.embedded = sum(chunk.content_hash in new for chunk in parsed.chunks)
        self.store.put_many(writes)

    def _embed(self, texts: list[str], tracker: ProgressTracker) -> list[list[float]]:
        """Vectors of `texts`, embedded shortest first in batches of about `EMBED_BATCH_CHARS`
        characters (similar lengths together: a padding model pads little), progress after each."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        batch: list[int] = []
        size = 0
        for position, index in enumerate(order):
            batch.append(index)
            size += len(texts[index])
            if size >= EMBED_BATCH_CHARS or position == len(order) - 1:
                for i, vector in zip(batch, self.embeddings.embed_documents([texts[i] for i in batch])):
                    vectors[i] = list(vector)
                tracker.embedded(len(batch))
                batch, size = [], 0
        return vectors


def _embedded_sentences(chunk: Chunk) -> list[str]:
    """Each sentence of the chunk (`chunk_sentences`), or "" for one that gets no vector of its own:
    a heading opening the chunk, or a sentence too short to be an answer."""
    return [
        sentence if paragraph >= chunk.heading_lines and len(sentence) >= MIN_EMBEDDED_SENTENCE else ""
        for paragraph, _, sentence in chunk_sentences(chunk.reading_text)
    ]


def _pooled_parts(chunk: Chunk, sentences: list[str]) -> list[str]:
    """The texts a chunk's vector is pooled from: its head and its sentences with a vector; the
    whole chunk when it has no such sentence."""
    own = [sentence for sentence in sentences if sentence]
    if not own:
        return [chunk.embedding_text()]
    return [chunk.embedding_text().split("\n", 1)[0], *own]


def _pool(parts: list[str], by_text: dict[str, list[float]]) -> list[float]:
    """The unit vector of the parts' mean, each weighted by its length."""
    if len(parts) == 1:
        return by_text[parts[0]]
    matrix = np.asarray([by_text[part] for part in parts], dtype=np.float64)
    weights = np.asarray([len(part) for part in parts], dtype=np.float64)
    mean = weights @ matrix
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).tolist()


def _texts(chunks: Sequence[Chunk]) -> int:
    """Texts the chunks would send to the model at most: each chunk and its sentences with a vector."""
    return sum(1 + sum(1 for sentence in _embedded_sentences(chunk) if sentence) for chunk in chunks)


def _unchanged(existing: DocumentRecord) -> IngestResult:
    return IngestResult(
        existing.source, "unchanged", existing.doc_id, existing.title, existing.chunk_count, 0,
        notes=note_list(existing), record=existing,
    )


@dataclass
class _Pending:
    """A parsed report waiting for its bulk step to be written."""

    parsed: ParsedReport
    status: str  # added | updated
    embedded: int = 0

    def result(self) -> IngestResult:
        record = self.parsed.record
        return IngestResult(
            record.source, self.status, record.doc_id, record.title, record.chunk_count, self.embedded,
            notes=note_list(record), record=record,
        )


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

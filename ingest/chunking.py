"""Section-aware chunks: a chunk never spans two headings, and carries its heading path.

Inside a section, paragraphs and bullets are packed up to `chunk_size` characters; a paragraph
longer than that is split at sentence boundaries by langchain's RecursiveCharacterTextSplitter.
Ids are content hashes, so the same text always gets the same id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.metadata import ReportMetadata, section_period
from ingest.structure import Section
from vectorstore.records import SECTION_SEPARATOR, Chunk
from vectorstore.statements import Context, read_statements, sentence_contexts
from vectorstore.text import chunk_sentences

_SEPARATORS = ["\n\n", "\n", ". ", "; ", ", ", " ", ""]


def digest(*parts: str, size: int = 16) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part.encode("utf-8"))
        hasher.update(b"\x00")
    return hasher.hexdigest()[:size]


def document_id(source: str) -> str:
    """A report is identified by its file name: uploading the same name again replaces it."""
    return digest(source.strip().lower(), size=16)


def pack_paragraphs(lines: Iterable[str], chunk_size: int) -> list[str]:
    """Greedy packing of whole lines; a line over the limit is split at sentence boundaries."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=0, separators=_SEPARATORS, keep_separator="end"
    )
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        parts = [line] if len(line) <= chunk_size else [p.strip() for p in splitter.split_text(line)]
        for part in parts:
            if current and size + len(part) + 1 > chunk_size:
                pieces.append("\n".join(current))
                current, size = [], 0
            current.append(part)
            size += len(part) + 1
    if current:
        pieces.append("\n".join(current))
    return pieces


def build_chunks(
    sections: list[Section],
    metadata: ReportMetadata,
    source: str,
    doc_id: str,
    version: str,
    chunk_size: int,
    footnotes: list[str] | None = None,
) -> list[Chunk]:
    chunks: list[Chunk] = []
    all_sections = list(sections)
    if footnotes:
        all_sections.append(Section(path=("Chú thích",), lines=list(footnotes)))
    for section in all_sections:
        period = section_period(section.path, metadata.period)
        context = Context(period, SECTION_SEPARATOR.join(section.path), metadata.title)
        for text in pack_paragraphs(section.lines, chunk_size):
            if not text.strip():
                continue
            position = len(chunks)
            chunk = Chunk(
                chunk_id="",
                doc_id=doc_id,
                version=version,
                text=text,
                source=source,
                title=metadata.title,
                section_path=section.path,
                period=period.label if period else metadata.period_label,
                year=period.year if period else metadata.year,
                doc_period=metadata.period_label,
                doc_year=metadata.year,
                position=position,
                sentence_count=len(chunk_sentences(text)),
                figures=figure_records(text, context),
            )
            content_hash = digest(chunk.embedding_text(), size=24)
            chunk_id = f"{doc_id}-{version[:10]}-{digest(content_hash, str(position), size=12)}"
            chunks.append(replace(chunk, chunk_id=chunk_id, content_hash=content_hash))
    return chunks


def figure_records(text: str, context: Context) -> str:
    """What the chunk's sentences state (`vectorstore.statements`), as the chunk stores it."""
    contexts = sentence_contexts(text, context)
    rows = [
        [number, s.indicator, s.value, s.unit, s.period.label if s.period else "", s.kind]
        for number, (_, _, sentence) in enumerate(chunk_sentences(text))
        for s in read_statements(sentence, contexts[number])
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) if rows else ""

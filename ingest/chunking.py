"""Section-aware chunks: a chunk never spans two headings, and carries its heading path.

Inside a section, its opening headings, paragraphs, bullets and table rows are packed up to
`chunk_size` characters; a paragraph longer than that is split at sentence boundaries by langchain's
RecursiveCharacterTextSplitter. A chunk knows the pages its lines are on and whether any of them was
read by OCR (both for the citation). Ids are content hashes, so the same text always gets the same id.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace

from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.metadata import ReportMetadata, section_period
from ingest.structure import OPENING_ROLES, Line, Section
from vectorstore.legend import Legend
from vectorstore.records import SECTION_SEPARATOR, Chunk
from vectorstore.statements import Context, as_written, read_statements, sentence_contexts
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
    return ["\n".join(line.text for line in piece) for piece in pack_lines([Line(line) for line in lines], chunk_size)]


def pack_lines(lines: Iterable[Line], chunk_size: int) -> list[list[Line]]:
    """`pack_paragraphs` keeping each line's page and role: the lines of each chunk. The headings
    that open a section stay with the start of what follows them, never in a chunk of their own
    when more follows (a long paragraph's first piece is cut to fit beside them)."""
    pieces: list[list[Line]] = []
    current: list[Line] = []
    size = 0
    for line in lines:
        text = line.text
        if current and size + len(text) + 1 > chunk_size and all(item.role in OPENING_ROLES for item in current):
            room = chunk_size - size - 1
            if room >= MIN_PIECE and line.role not in OPENING_ROLES:
                first, text = _cut(text, room)
                current.append(replace(line, text=first))
                pieces.append(current)
                current, size = [], 0
        parts = [text] if len(text) <= chunk_size else [p.strip() for p in _splitter(chunk_size).split_text(text) if p.strip()]
        for part in parts:
            if current and size + len(part) + 1 > chunk_size:
                pieces.append(current)
                current, size = [], 0
            current.append(replace(line, text=part))
            size += len(part) + 1
    if current:
        pieces.append(current)
    return pieces


MIN_PIECE = 200  # below this, a heading block is left to stand alone rather than cut a paragraph that short


def _splitter(size: int) -> RecursiveCharacterTextSplitter:
    return RecursiveCharacterTextSplitter(chunk_size=size, chunk_overlap=0, separators=_SEPARATORS, keep_separator="end")


def _cut(text: str, room: int) -> tuple[str, str]:
    """The first piece of `text` that fits in `room` characters (at a sentence boundary if it can),
    and the rest."""
    first = next(part.strip() for part in _splitter(room).split_text(text) if part.strip())
    start = text.find(first)
    rest = text[start + len(first) :].strip() if start >= 0 else text[len(first) :].strip()
    return first, rest


def page_range(lines: Iterable[Line]) -> str:
    """"3", "3-4", or "" for a format without pages."""
    pages = sorted({line.page for line in lines if line.page})
    if not pages:
        return ""
    return str(pages[0]) if pages[0] == pages[-1] else f"{pages[0]}-{pages[-1]}"


def build_chunks(
    sections: list[Section],
    metadata: ReportMetadata,
    source: str,
    doc_id: str,
    version: str,
    chunk_size: int,
    footnotes: list[str] | None = None,
    ocr_pages: frozenset[int] = frozenset(),
    legend: dict[str, str] | None = None,
) -> list[Chunk]:
    chunks: list[Chunk] = []
    all_sections = list(sections)
    if footnotes:
        all_sections.append(Section(path=("Chú thích",), items=[Line(footnote) for footnote in footnotes]))
    for section in all_sections:
        period = section_period(section.path, metadata.period)
        context = Context(period, SECTION_SEPARATOR.join(section.path), metadata.title)
        for piece in pack_lines(section.items, chunk_size):
            text = "\n".join(line.text for line in piece)
            if not text.strip():
                continue
            position = len(chunks)
            openings = {number for number, line in enumerate(piece) if line.role in OPENING_ROLES}
            leading = next((number for number, line in enumerate(piece) if line.role not in OPENING_ROLES), len(piece))
            own_legend = Legend.of(legend or {}, text).stored()
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
                issuer=metadata.issuer,
                position=position,
                sentence_count=len(chunk_sentences(text)),
                pages=page_range(piece),
                heading_lines=leading,
                ocr=any(line.ocr or line.page in ocr_pages for line in piece),
                legend=own_legend,
            )
            # What its sentences state, read as the rules read them (its legend spelled out)
            chunk = replace(chunk, figures=figure_records(chunk.reading_text, context, openings, chunk.text))
            content_hash = digest(chunk.embedding_text(), size=24)
            chunk_id = f"{doc_id}-{version[:10]}-{digest(content_hash, str(position), size=12)}"
            chunks.append(replace(chunk, chunk_id=chunk_id, content_hash=content_hash))
    return chunks


def figure_records(
    text: str, context: Context, skip_lines: set[int] | frozenset[int] = frozenset(), written: str | None = None
) -> str:
    """What the chunk's sentences state (`vectorstore.statements`), each read in its context (a
    list's lead-in, its paragraph's period), as the chunk stores it; the lines in `skip_lines` (the
    headings and title opening the chunk) state no figure. `written`: the text as the report writes
    it, when `text` reads it with its legend spelled out — each figure's unit is kept as written."""
    contexts = sentence_contexts(text, context)
    quotes = [sentence for _, _, sentence in chunk_sentences(written)] if written and written != text else []
    rows = [
        [number, s.indicator, s.value, s.unit, s.period.label if s.period else "", s.kind]
        for number, (paragraph, _, sentence) in enumerate(chunk_sentences(text))
        if paragraph not in skip_lines
        for s in (as_written(read, quotes[number]) if quotes else read for read in read_statements(sentence, contexts[number]))
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) if rows else ""

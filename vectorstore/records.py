"""What the store holds: chunks of reports and one record per report.

These are the types ingest produces and retrieval reads; the assistant re-exports them.
Chroma metadata must be flat (str, int, float, bool), so every field here is one of those.

A chunk carries the vectors of its sentences inside its own metadata, packed as float16: answer
selection needs them only for the few chunks a question retrieves, they come back with the chunk at
no extra cost, and they never sit in memory the way a vector index (an HNSW graph) would.
"""

from __future__ import annotations

import base64
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from vectorstore.legend import Legend
from vectorstore.text import chunk_sentences

SECTION_SEPARATOR = " › "


# The kind of a plan ("Kế hoạch chuyển đổi số năm 2024"): its figures are targets, its period a horizon.
PLAN_KIND = "Kế hoạch"


@dataclass(frozen=True)
class DocumentRecord:
    """One ingested report. `version` is the hash of its text: the commit point of an ingest."""

    doc_id: str
    source: str
    title: str
    version: str
    period: str = ""
    year: int = 0
    date: str = ""
    draft: bool = False
    kind: str = ""
    chunk_count: int = 0
    char_count: int = 0
    ingested_at: str = ""
    # Pages whose text was read by OCR (a scanned PDF), and what ingest could not read or kept out
    # of the text, one note a line, in the user's words (e.g. a scanned page with no OCR installed).
    ocr_pages: int = 0
    notes: str = ""
    # Hash of the file's bytes and of what parsing depends on: the same file is recognised as
    # unchanged without being read again (no second OCR, no second conversion).
    file_hash: str = ""

    def to_metadata(self) -> dict[str, Any]:
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}

    @classmethod
    def from_metadata(cls, metadata: dict[str, Any]) -> DocumentRecord:
        known = {key: metadata[key] for key in cls.__dataclass_fields__ if key in metadata}
        return cls(**known)


@dataclass(frozen=True)
class Chunk:
    """A piece of a report under one heading, with everything needed to cite it."""

    chunk_id: str
    doc_id: str
    version: str
    text: str
    source: str
    title: str
    section_path: tuple[str, ...] = ()
    period: str = ""
    year: int = 0
    doc_period: str = ""
    doc_year: int = 0
    issuer: str = ""  # its report's issuer, from the masthead: a province's body or a ministry
    position: int = 0
    content_hash: str = ""
    sentence_count: int = 0
    sentence_vectors: str = field(default="", compare=False, repr=False)  # see `pack_vectors`
    # The figures its sentences state, read at ingest (`vectorstore.statements`), as compact JSON:
    # [[sentence number, indicator, value, unit, period label, kind], …]. Stored with the chunk, so
    # the figure index is whatever chunks are live, on every node, replaced and deleted with them.
    figures: str = field(default="", compare=False, repr=False)
    pages: str = ""  # the pages its lines are on ("3", "3-4"; "" for a format without pages)
    heading_lines: int = 0  # its first lines are the headings (and title, caption) that open it
    ocr: bool = False  # some of its text was read by OCR from a scanned page
    # The entries of its report's own legend of abbreviations that it writes ("LK\tlũy kế"; see
    # `vectorstore.legend`): its text is read with them spelled out, and quoted as written.
    legend: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def section(self) -> str:
        """The heading path as one line: "III. … › 2. Lĩnh vực Viễn thông › 2.1. …"."""
        return SECTION_SEPARATOR.join(self.section_path)

    @property
    def reading_text(self) -> str:
        """Its text as the rules read it: its report's legend spelled out ("LK 11T: 10.915 vụ TCM"
        -> "lũy kế 11 tháng: 10.915 vụ tấn công mạng"); the text itself when it has none. Sentence
        for sentence the same as `text` (`vectorstore.text.chunk_sentences`), so the quote of a
        sentence read here is the sentence of `text` at the same place."""
        return _spelled(self.legend, self.text) if self.legend else self.text

    def context_text(self) -> str:
        """Section path and text — both as written and as read with its legend, so the letters and
        the words find it — and the province its report's masthead names ("UBND TỈNH THANH HÓA"): what
        the lexical index reads. A province's report rarely names itself sentence by sentence; a
        question naming the province must find it all the same."""
        text = self.text if self.reading_text == self.text else f"{self.text}\n{self.reading_text}"
        text = f"{self.section}\n{text}" if self.section_path else text
        place = _ISSUERS_PLACE.search(self.issuer)
        return f"{place.group(1).strip()}\n{text}" if place else text

    def embedding_text(self) -> str:
        """Title, section path and text (its legend spelled out): what the embedding model reads."""
        head = self.title
        if self.section_path:
            head = f"{head}. {self.section}"
        return f"{head}\n{self.reading_text}"

    def sentence_matrix(self) -> np.ndarray | None:
        """One vector per sentence of `vectorstore.text.chunk_sentences(text)`, row k for sentence k;
        None for chunks stored without them."""
        return unpack_vectors(self.sentence_vectors, self.sentence_count) if self.sentence_vectors else None

    def to_metadata(self) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "doc_id": self.doc_id,
            "version": self.version,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "section_depth": len(self.section_path),
            "period": self.period,
            "year": self.year,
            "doc_period": self.doc_period,
            "doc_year": self.doc_year,
            "issuer": self.issuer,
            "position": self.position,
            "content_hash": self.content_hash,
            "sentences": self.sentence_count,
            "sentence_vectors": self.sentence_vectors,
            "figures": self.figures,
            "pages": self.pages,
            "headings": self.heading_lines or None,
            "ocr": self.ocr or None,
            "legend": self.legend,
        }
        metadata.update(self.extra)
        return {key: value for key, value in metadata.items() if value not in ("", None)}

    @classmethod
    def from_stored(cls, chunk_id: str, text: str, metadata: dict[str, Any]) -> Chunk:
        section = metadata.get("section", "")
        core = set(cls.__dataclass_fields__) | {"section", "section_depth", "sentences", "headings"}
        return cls(
            chunk_id=chunk_id,
            doc_id=metadata.get("doc_id", ""),
            version=metadata.get("version", ""),
            text=text,
            source=metadata.get("source", ""),
            title=metadata.get("title", ""),
            section_path=tuple(section.split(SECTION_SEPARATOR)) if section else (),
            period=metadata.get("period", ""),
            year=int(metadata.get("year", 0) or 0),
            doc_period=metadata.get("doc_period", ""),
            doc_year=int(metadata.get("doc_year", 0) or 0),
            issuer=metadata.get("issuer", ""),
            position=int(metadata.get("position", 0) or 0),
            content_hash=metadata.get("content_hash", ""),
            sentence_count=int(metadata.get("sentences", 0) or 0),
            sentence_vectors=metadata.get("sentence_vectors", ""),
            figures=metadata.get("figures", ""),
            pages=str(metadata.get("pages", "") or ""),
            heading_lines=int(metadata.get("headings", 0) or 0),
            ocr=bool(metadata.get("ocr", False)),
            legend=metadata.get("legend", ""),
            extra={key: value for key, value in metadata.items() if key not in core},
        )


@lru_cache(maxsize=1024)
def _spelled(legend: str, text: str) -> str:
    """`Legend.spell`, once per chunk: its sentences are read many times for one question."""
    spelled = Legend.parse(legend).spell(text)
    return spelled if len(chunk_sentences(spelled)) == len(chunk_sentences(text)) else text


def pack_vectors(vectors: Any) -> str:
    """Vectors (n × d) as base64 float16: 2 bytes a dimension, precise to ~1e-3 on unit vectors."""
    matrix = np.asarray(vectors, dtype=np.float16)
    return base64.b64encode(matrix.tobytes()).decode("ascii") if matrix.size else ""


def unpack_vectors(packed: str, rows: int) -> np.ndarray | None:
    """Inverse of `pack_vectors`; None when the data does not split into `rows` equal vectors."""
    data = np.frombuffer(base64.b64decode(packed), dtype=np.float16)
    if rows <= 0 or data.size % rows:
        return None
    return data.reshape(rows, -1).astype(np.float32)


# The place a masthead's issuer is of: "UBND TỈNH THANH HÓA — SỞ …" -> "THANH HÓA".
_ISSUERS_PLACE = re.compile(r"\b(?:TỈNH|THÀNH PHỐ|TP\.?)\s+([^—\n]+?)\s*(?:—|$)")

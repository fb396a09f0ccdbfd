"""The figure index: every figure the live chunks state, found by its indicator's words.

Each chunk carries the figures its sentences state (read at ingest, `Chunk.figures`), so the index is
derived from the store and nothing else: every node builds the same one, and a replaced or deleted
report takes its figures with it. It is built with the lexical index, from the same pass over the
live chunks, and saved beside it (one folder per store state). Its rows are what `GET /v1/indicators`
lists and what lets an answer find the same indicator in the reports of other periods, which a
question's top passages often leave out.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from vectorstore.figures import with_unit
from vectorstore.lexical import Analyzer, LexicalIndex
from vectorstore.records import Chunk
from vectorstore.statements import unit_words
from vectorstore.text import chunk_sentences, strip_bullet

ROWS_FILE = "rows.jsonl"
LEXICAL_DIR = "lexical"


@dataclass(frozen=True)
class FigureRow:
    """One figure as stated in one sentence of one chunk, with where it came from."""

    chunk_id: str
    sentence: int  # its number in `chunk_sentences(chunk.text)`
    indicator: str
    value: str
    unit: str
    period: str  # the period's label, "" when the report names none
    kind: str  # result | target | change | share | base
    quote: str  # the sentence, exactly as written
    doc_id: str
    source: str
    title: str
    section: str

    @property
    def figure(self) -> str:
        return with_unit(self.value, self.unit)


def rows_of(chunk: Chunk) -> list[FigureRow]:
    """The figure rows a chunk stores; none for a chunk stored without them."""
    if not chunk.figures:
        return []
    try:
        records = json.loads(chunk.figures)
    except ValueError:
        return []
    sentences = [sentence for _, _, sentence in chunk_sentences(chunk.text)]
    rows: list[FigureRow] = []
    for number, indicator, value, unit, period, kind in records:
        if 0 <= number < len(sentences):
            rows.append(
                FigureRow(
                    chunk.chunk_id, number, indicator, value, unit, period, kind, sentences[number],
                    chunk.doc_id, chunk.source, chunk.title, chunk.section,
                )
            )
    return rows


def searchable_text(row: FigureRow) -> str:
    """What a row is found by: its indicator; the thing it counts when its unit names one ("58.212 Tổ
    CNSCĐ": the indicator before it may be only "địa phương … thành lập"); the label its sentence
    opens with ("Triển khai Tổ công nghệ số cộng đồng (CNSCĐ): …"); its section's last heading."""
    counted = _counted(row) if row.unit and row.unit != "%" else ""
    return f"{row.indicator} {counted}. {sentence_label(row.quote)}. {row.section.rsplit(' › ', 1)[-1]}"


def _counted(row: FigureRow) -> str:
    """The thing a row counts as its sentence names it after the figure, longer than the unit kept
    for the answer: "Trên địa bàn hiện có 987 doanh nghiệp công nghệ số" is found by "doanh nghiệp
    công nghệ số", not only by "doanh nghiệp công"."""
    at = row.quote.find(row.value)
    after = _WORDS_AFTER.match(row.quote[at + len(row.value) :]) if at >= 0 else None
    named = unit_words(after.group(0)) if after else ""
    return named if len(named) > len(row.unit) else row.unit


_WORDS_AFTER = re.compile(r"(?:\s+[^\W\d_]+){0,6}")


def sentence_label(sentence: str) -> str:
    """The short label a sentence opens with before a colon ("Triển khai Tổ CNSCĐ: …"), or ""."""
    head, colon, _ = strip_bullet(sentence).partition(": ")
    if not colon or any(ch.isdigit() for ch in head) or len(head.split()) > LABEL_WORDS:
        return ""
    return head


LABEL_WORDS = 12  # a longer opening before a colon is a clause, not a label


class FigureIndex:
    def __init__(self, analyzer: Analyzer, rows: list[FigureRow] | None = None, lexical: LexicalIndex | None = None) -> None:
        self.analyzer = analyzer
        self.rows: list[FigureRow] = rows or []
        self._lexical = lexical or LexicalIndex(analyzer)
        if self.rows and lexical is None:
            self._index_rows()

    def __len__(self) -> int:
        return len(self.rows)

    def _index_rows(self) -> None:
        # An abbreviation spelled out and a full phrase abbreviated: "Số DNCNS" and "Số doanh nghiệp
        # công nghệ số" are found alike by either wording, or one period's row falls below the others'.
        both_ways = self.analyzer.glossary.with_abbreviations
        self._lexical.build((str(i), both_ways(searchable_text(row))) for i, row in enumerate(self.rows))

    def search(self, text: str, k: int = 50) -> list[tuple[FigureRow, float]]:
        """Rows whose indicator shares words with `text` (in either wording of its abbreviations), best first."""
        both = self.analyzer.glossary.both_spellings(text)
        query = f"{text}. {both}" if both else text
        return [(self.rows[int(row_id)], score) for row_id, score in self._lexical.search(query, k)]

    def save(self, folder: Path) -> None:
        """Write the index to `folder`, whole or not at all (written aside, then renamed)."""
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = folder.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            temporary.mkdir()
            with (temporary / ROWS_FILE).open("w", encoding="utf-8") as out:
                for row in self.rows:
                    out.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
            if self.rows:
                self._lexical.save(temporary / LEXICAL_DIR)
            os.rename(temporary, folder)
        except OSError:
            if not folder.exists():
                raise
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    @classmethod
    def load(cls, analyzer: Analyzer, folder: Path) -> FigureIndex:
        with (folder / ROWS_FILE).open(encoding="utf-8") as lines:
            rows = [FigureRow(**json.loads(line)) for line in lines if line.strip()]
        lexical = LexicalIndex.load(analyzer, folder / LEXICAL_DIR) if rows else None
        return cls(analyzer, rows, lexical)

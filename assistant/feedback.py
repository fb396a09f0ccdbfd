"""Thumbs up/down on answers, kept in one SQLite file under `ASSISTANT_DATA_DIR` (stdlib sqlite3).

SQLite because feedback is small, append-mostly and must survive restarts without another server.
The database runs in WAL mode, so an export reads while a writer appends and several server
processes can share the file; every call opens its own short-lived connection, so no connection is
ever shared between threads, and a busy timeout makes concurrent writers wait instead of failing.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from assistant.models import Citation, Feedback, FeedbackRecord
from assistant.sqlite_wal import use_wal

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at  TEXT NOT NULL,
    rating      TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    citations   TEXT NOT NULL,  -- JSON list of Citation objects
    mode        TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT ''
)
"""
_FIELDS = ["id", "created_at", "rating", "question", "answer", "citations", "mode", "comment"]
_COLUMNS = ", ".join(_FIELDS)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class FeedbackStore:
    def __init__(self, path: Path, timeout: float = 30.0) -> None:
        self.path = path
        self.timeout = timeout
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            use_wal(connection, self.timeout)
            connection.execute(_SCHEMA)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One connection per call, committed on success and rolled back on error, always closed."""
        connection = sqlite3.connect(self.path, timeout=self.timeout)
        try:
            with connection:
                yield connection
        finally:
            connection.close()

    def add(self, feedback: Feedback) -> FeedbackRecord:
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        citations = json.dumps([c.model_dump(mode="json") for c in feedback.citations], ensure_ascii=False)
        with self._connect() as connection:
            cursor = connection.execute(
                "INSERT INTO feedback (created_at, rating, question, answer, citations, mode, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (created_at, feedback.rating, feedback.question, feedback.answer, citations, feedback.mode, feedback.comment),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return FeedbackRecord(id=row_id, created_at=created_at, **feedback.model_dump())

    def all(self) -> list[FeedbackRecord]:
        """Every record, oldest first."""
        with self._connect() as connection:
            rows = connection.execute(f"SELECT {_COLUMNS} FROM feedback ORDER BY id").fetchall()
        return [_record(row) for row in rows]

    def count(self) -> int:
        with self._connect() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM feedback").fetchone()[0])


def _record(row: tuple) -> FeedbackRecord:
    row_id, created_at, rating, question, answer, citations, mode, comment = row
    return FeedbackRecord(
        id=row_id,
        created_at=created_at,
        rating=rating,
        question=question,
        answer=answer,
        citations=[Citation.model_validate(item) for item in json.loads(citations)],
        mode=mode,
        comment=comment,
    )


def to_csv(records: list[FeedbackRecord]) -> str:
    """The records as CSV for a spreadsheet, columns named like the JSON fields.

    A BOM makes Excel read UTF-8 Vietnamese correctly; each citation is written out as a line
    "[n] title (period) › section: quote"; a cell a user typed that starts like a formula ("=", "+",
    "-", "@") is prefixed with "'" so a spreadsheet shows it instead of evaluating it.
    """
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(_FIELDS)
    for record in records:
        citations = "\n".join(
            f"[{c.n}] {c.title}{f' ({c.period})' if c.period else ''} › {c.section}: {c.quote}" for c in record.citations
        )
        row = [record.id, record.created_at, record.rating, record.question, record.answer, citations, record.mode, record.comment]
        writer.writerow([_inert(value) if isinstance(value, str) else value for value in row])
    return buffer.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell

"""Conversations: the turns a follow-up question ("Còn năm 2021 thì sao?") is read against.

Kept in one SQLite file under `ASSISTANT_DATA_DIR` (stdlib sqlite3, WAL, one connection per thread)
so a follow-up works across server restarts and across server processes sharing the data folder. Bounded both ways, on every write:
- length: a conversation keeps its last `max_turns` turns;
- age: turns older than `max_age` are deleted, so an idle conversation is forgotten and its next
  question starts afresh (a follow-up a day later should not silently inherit yesterday's topic).

Ids come from the client (a web page session, a Telegram chat: `telegram:<chat id>`) or, when a
question arrives without one, from `new_id()`; the answer returns it so the client can follow up.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.sqlite_wal import use_wal

_SCHEMA = [
    """
    CREATE TABLE IF NOT EXISTS turns (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_id  TEXT NOT NULL,
        created_at       REAL NOT NULL,           -- Unix time
        question         TEXT NOT NULL,           -- as the user asked it
        standalone       TEXT NOT NULL,           -- as it was answered (a follow-up, rewritten)
        answer           TEXT NOT NULL,
        answered         INTEGER NOT NULL,
        mode             TEXT NOT NULL,           -- extractive | generative
        fallback_reason  TEXT                     -- why a generated answer was not shown, if it was not
    )
    """,
    "CREATE INDEX IF NOT EXISTS turns_by_conversation ON turns (conversation_id, id)",
    "CREATE INDEX IF NOT EXISTS turns_by_age ON turns (created_at)",
]
_COLUMNS = "question, standalone, answer, answered, mode, fallback_reason, created_at"


@dataclass(frozen=True)
class Turn:
    question: str
    standalone: str
    answer: str
    answered: bool
    mode: str = "extractive"
    fallback_reason: str | None = None
    created_at: float = 0.0


def new_id() -> str:
    return uuid.uuid4().hex


class ConversationStore:
    def __init__(
        self,
        path: Path,
        max_turns: int = 20,
        max_age_seconds: float = 24 * 3600,
        clock: Callable[[], float] = time.time,
        timeout: float = 30.0,
    ) -> None:
        self.path = path
        self.max_turns = max_turns
        self.max_age_seconds = max_age_seconds
        self.clock = clock
        self.timeout = timeout
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as connection:
            use_wal(connection, self.timeout)
            for statement in _SCHEMA:
                connection.execute(statement)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection, in a transaction committed on success.

        One long-lived connection per thread rather than one per call (as the feedback store does):
        every question reads and writes here, and closing the last connection of a WAL database
        checkpoints it, a cost every question would pay. Connections are never shared
        between threads. In WAL mode `synchronous=NORMAL` cannot corrupt the file; a power cut may
        lose the last turns, which a conversation can afford.
        """
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=self.timeout)
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        with connection:
            yield connection

    def history(self, conversation_id: str, limit: int | None = None) -> list[Turn]:
        """The conversation's live turns, oldest first (the last `limit` of them)."""
        cutoff = self.clock() - self.max_age_seconds
        with self._connect() as connection:
            rows = connection.execute(
                f"SELECT {_COLUMNS} FROM turns WHERE conversation_id = ? AND created_at >= ? ORDER BY id DESC LIMIT ?",
                (conversation_id, cutoff, limit or self.max_turns),
            ).fetchall()
        return [_turn(row) for row in reversed(rows)]

    def append(self, conversation_id: str, turn: Turn) -> None:
        """Record a turn, then apply the bounds (this conversation's length, every conversation's age)."""
        now = self.clock()
        with self._connect() as connection:
            connection.execute(
                "INSERT INTO turns (conversation_id, created_at, question, standalone, answer, answered, mode, fallback_reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    conversation_id,
                    now,
                    turn.question,
                    turn.standalone,
                    turn.answer,
                    int(turn.answered),
                    turn.mode,
                    turn.fallback_reason,
                ),
            )
            connection.execute(
                "DELETE FROM turns WHERE conversation_id = ? AND id NOT IN"
                " (SELECT id FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?)",
                (conversation_id, conversation_id, self.max_turns),
            )
            connection.execute("DELETE FROM turns WHERE created_at < ?", (now - self.max_age_seconds,))

    def count(self) -> int:
        """Turns stored, all conversations together."""
        with self._connect() as connection:
            return int(connection.execute("SELECT COUNT(*) FROM turns").fetchone()[0])


def _turn(row: tuple) -> Turn:
    question, standalone, answer, answered, mode, fallback_reason, created_at = row
    return Turn(question, standalone, answer, bool(answered), mode, fallback_reason, created_at)

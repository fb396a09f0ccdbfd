"""Put a SQLite database in WAL mode when another process may be opening it at the same moment."""

from __future__ import annotations

import sqlite3
import time

_RETRY_SECONDS = 0.05


def use_wal(connection: sqlite3.Connection, timeout: float) -> None:
    """Switch the database to WAL unless it already is. The switch needs the database to itself, and
    while another connection holds a lock (a second API worker creating the same store, a question
    being recorded) SQLite answers "database is locked" at once instead of waiting its busy timeout:
    so it is tried again until `timeout`. Once any process has switched it, the file stays WAL."""
    deadline = time.monotonic() + timeout
    while True:
        if str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
            return
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(_RETRY_SECONDS)

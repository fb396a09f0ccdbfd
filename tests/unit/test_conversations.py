"""The conversation store: a real SQLite file, bounded in length and in age."""

from __future__ import annotations

import sqlite3
import threading
import time as clock
from contextlib import closing
from pathlib import Path

from assistant.conversations import ConversationStore, Turn, new_id
from assistant.feedback import FeedbackStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def turn(n: int) -> Turn:
    return Turn(question=f"câu {n}", standalone=f"câu hỏi {n}", answer=f"đáp {n}", answered=True)


def test_turns_come_back_oldest_first_and_survive_a_restart(tmp_path: Path):
    path = tmp_path / "conversations.sqlite3"
    store = ConversationStore(path)
    store.append("web:a", turn(1))
    store.append("web:a", Turn("Còn năm 2021?", "Số DN năm 2021?", "61.359", True, "generative", None))
    store.append("telegram:42", turn(9))
    again = ConversationStore(path)
    history = again.history("web:a")
    assert [t.question for t in history] == ["câu 1", "Còn năm 2021?"]
    assert (history[1].standalone, history[1].mode, history[1].answered) == ("Số DN năm 2021?", "generative", True)
    assert [t.question for t in again.history("telegram:42")] == ["câu 9"]
    assert again.history("unknown") == []
    assert [t.question for t in again.history("web:a", limit=1)] == ["Còn năm 2021?"]


def test_a_conversation_keeps_only_its_last_turns(tmp_path: Path):
    store = ConversationStore(tmp_path / "c.sqlite3", max_turns=3)
    for n in range(7):
        store.append("x", turn(n))
    store.append("y", turn(100))
    assert [t.question for t in store.history("x")] == ["câu 4", "câu 5", "câu 6"]
    assert store.count() == 4


def test_an_idle_conversation_is_forgotten(tmp_path: Path):
    clock = Clock()
    store = ConversationStore(tmp_path / "c.sqlite3", max_age_seconds=3600, clock=clock)
    store.append("old", turn(1))
    clock.now += 1800
    store.append("fresh", turn(2))
    clock.now += 1801  # "old" is now idle for more than an hour
    assert store.history("old") == []
    assert [t.question for t in store.history("fresh")] == ["câu 2"]
    store.append("fresh", turn(3))  # every write prunes what has expired
    assert store.count() == 2


def test_new_ids_are_distinct():
    assert len({new_id() for _ in range(100)}) == 100


def test_threads_write_and_read_at_once(tmp_path: Path):
    """The server answers in a thread pool: each thread has its own connection to the one file."""
    from concurrent.futures import ThreadPoolExecutor

    store = ConversationStore(tmp_path / "c.sqlite3", max_turns=100)

    def chat(conversation: int) -> list[str]:
        for n in range(30):
            store.history(f"c{conversation}", 3)
            store.append(f"c{conversation}", turn(n))
        return [t.question for t in store.history(f"c{conversation}")]

    with ThreadPoolExecutor(max_workers=6) as pool:
        histories = list(pool.map(chat, range(12)))
    assert all(history == [f"câu {n}" for n in range(30)] for history in histories)
    assert store.count() == 12 * 30


def test_a_store_opened_while_another_process_holds_the_database_waits_for_it(tmp_path):
    """Two API workers create the stores on the same file at once: switching it to WAL needs it to
    itself, and SQLite refuses that at once rather than waiting; the store waits and retries."""
    for make in (lambda path: ConversationStore(path, timeout=5), lambda path: FeedbackStore(path, timeout=5)):
        path = tmp_path / f"held-{clock.monotonic_ns()}.db"
        holder = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        holder.execute("CREATE TABLE other (a)")
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO other VALUES (1)")
        released = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
        released.start()
        make(path)  # raised "database is locked" at once before
        released.join()
        holder.close()
        with closing(sqlite3.connect(path)) as fresh:
            assert fresh.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

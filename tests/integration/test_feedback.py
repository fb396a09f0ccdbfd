"""Feedback: the SQLite store (real file, several threads and processes) and its HTTP endpoints."""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.feedback import FeedbackStore, to_csv
from assistant.models import Citation, Feedback
from assistant.settings import PROJECT_ROOT
from tests.support import LiveServer, fake_service_settings

CITATION = Citation(
    n=1,
    source="003_d64712951b28f459.txt",
    title="Báo cáo tóm tắt sơ kết công tác 6 tháng đầu năm 2023",
    section="III. ĐÁNH GIÁ › 2. Lĩnh vực Viễn thông",
    quote="Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%.",
    period="6 tháng đầu năm 2023",
    doc_id="d1",
    chunk_id="d1-c1",
)


def feedback(rating: str = "up", question: str = "Tỷ lệ cáp quang 2023?", **extra: object) -> Feedback:
    return Feedback(rating=rating, question=question, answer="Tỷ lệ … 77,1%. [1]", citations=[CITATION], **extra)


def test_records_round_trip_and_survive_reopening(tmp_path: Path):
    path = tmp_path / "nested" / "feedback.sqlite3"
    store = FeedbackStore(path)
    first = store.add(feedback("up"))
    second = store.add(feedback("down", comment="Thiếu số liệu quý III"))
    assert second.id > first.id and first.created_at
    reopened = FeedbackStore(path).all()
    assert [r.model_dump() for r in reopened] == [first.model_dump(), second.model_dump()]
    assert reopened[0].citations == [CITATION]
    assert reopened[1].comment == "Thiếu số liệu quý III"


def test_the_database_runs_in_wal_mode(tmp_path: Path):
    FeedbackStore(tmp_path / "f.sqlite3")
    with sqlite3.connect(tmp_path / "f.sqlite3") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_several_threads_and_processes_write_without_losing_a_record(tmp_path: Path):
    path = tmp_path / "feedback.sqlite3"
    store = FeedbackStore(path)
    writer = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(PROJECT_ROOT)!r})
        from pathlib import Path
        from assistant.feedback import FeedbackStore
        from assistant.models import Feedback
        store = FeedbackStore(Path({str(path)!r}))
        for i in range(40):
            store.add(Feedback(rating="up", question=f"process {{sys.argv[1]}} {{i}}", answer="a"))
        """
    )
    processes = [subprocess.Popen([sys.executable, "-c", writer, str(n)]) for n in range(2)]

    def write(thread: int) -> None:
        for i in range(40):
            store.add(feedback(question=f"thread {thread} {i}"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [process.wait(timeout=120) for process in processes] == [0, 0]

    records = store.all()
    assert len(records) == store.count() == 6 * 40
    assert len({r.id for r in records}) == len(records)
    assert {r.question for r in records} == {f"{kind} {n} {i}" for kind, count in (("thread", 4), ("process", 2)) for n in range(count) for i in range(40)}


def test_csv_export_reads_back_and_neutralises_formulas(tmp_path: Path):
    store = FeedbackStore(tmp_path / "f.sqlite3")
    store.add(feedback("up", question='=HYPERLINK("http://x","bấm")'))
    store.add(feedback("down", question="Số thuê bao, năm 2023?\nvà 2022"))
    text = to_csv(store.all())
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["rating"] for row in rows] == ["up", "down"]
    assert rows[0]["question"] == '\'=HYPERLINK("http://x","bấm")'
    assert rows[1]["question"] == "Số thuê bao, năm 2023?\nvà 2022"
    assert rows[0]["citations"] == f"[1] {CITATION.title} ({CITATION.period}) › {CITATION.section}: {CITATION.quote}"


# -- HTTP --------------------------------------------------------------------------------------


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[LiveServer]:
    """A real server over a fake-embedding service: feedback does not involve the model."""
    service = fake_service_settings(tmp_path)
    with LiveServer.start(service.settings, service) as live:
        yield live


def test_feedback_is_recorded_and_exported_as_json_and_csv(server: LiveServer, tmp_path: Path):
    body = feedback("up").model_dump(mode="json")
    with httpx.Client(base_url=server.url, timeout=30) as client:
        created = client.post("/v1/feedback", json=body)
        assert created.status_code == 201
        record = created.json()
        assert record["id"] >= 1 and record["created_at"]
        assert {k: record[k] for k in body} == body

        exported = client.get("/v1/feedback")
        assert exported.status_code == 200 and exported.json() == [record]

        as_csv = client.get("/v1/feedback", params={"format": "csv"})
        assert as_csv.status_code == 200
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert "attachment" in as_csv.headers["content-disposition"]
        rows = list(csv.DictReader(io.StringIO(as_csv.text.removeprefix("\ufeff"))))
        assert [(row["id"], row["rating"], row["question"]) for row in rows] == [(str(record["id"]), "up", body["question"])]
    # Under ASSISTANT_DATA_DIR, where the store lives.
    assert (tmp_path / "feedback.sqlite3").exists()


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"rating": "meh"}, "đánh giá không hợp lệ"),
        ({"question": ""}, "câu hỏi nằm ngoài giới hạn"),
        ({"answer": None}, "câu trả lời"),
        ({"citations": [{"n": 1}]}, "Thiếu trường"),
        ({"citations": [CITATION.model_dump()] * 51}, "trích dẫn nằm ngoài giới hạn"),
        ({"secret": "x"}, "không được hỗ trợ"),
        ({"comment": "x" * 6000}, "ghi chú nằm ngoài giới hạn"),
    ],
)
def test_bad_feedback_gets_a_vietnamese_422_and_stores_nothing(server: LiveServer, change: dict, fragment: str):
    body = {**feedback("up").model_dump(mode="json"), **change}
    response = httpx.post(f"{server.url}/v1/feedback", json=body, timeout=30)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]
    assert httpx.get(f"{server.url}/v1/feedback", timeout=30).json() == []


def test_an_unknown_export_format_is_refused(server: LiveServer):
    response = httpx.get(f"{server.url}/v1/feedback", params={"format": "xml"}, timeout=30)
    assert response.status_code == 422
    assert "định dạng" in response.json()["detail"]

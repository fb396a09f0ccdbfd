"""`POST /v1/ask/stream` through a real uvicorn server on 127.0.0.1: Server-Sent Events on the wire."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support import LiveServer, fake_service_settings


def read_events(response: httpx.Response) -> list[tuple[str, dict]]:
    """Parse a text/event-stream body (event + JSON data per block; comments skipped)."""
    events: list[tuple[str, dict]] = []
    for block in response.text.replace("\r\n", "\n").split("\n\n"):
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
        if data:
            events.append((name, json.loads("\n".join(data))))
    return events


@pytest.fixture()
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


@pytest.mark.slow
def test_the_stream_is_sse_and_ends_with_the_ask_answer(client: httpx.Client):
    question = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"
    with client.stream("POST", "/v1/ask/stream", json={"question": question}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        response.read()
    events = read_events(response)
    names = [name for name, _ in events]
    assert names[0] == "status" and names[-1] == "done"
    assert set(names) <= {"status", "citations", "delta", "done"}

    done = events[-1][1]
    asked = client.post("/v1/ask", json={"question": question}).json()
    assert set(done) == set(asked)
    per_call = {"latency_ms", "conversation_id"}  # each question without a conversation starts its own
    assert {k: v for k, v in done.items() if k not in per_call} == {k: v for k, v in asked.items() if k not in per_call}
    assert done["conversation_id"] and done["standalone_question"] == question
    assert "27.477 tỷ đồng" in done["answer"]
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert [data["citations"] for name, data in events if name == "citations"] == [done["citations"]]


@pytest.mark.slow
def test_top_k_is_honoured_like_on_ask(client: httpx.Client):
    body = {"question": "so thue bao bang rong di dong nam 2023", "top_k": 3}
    with client.stream("POST", "/v1/ask/stream", json=body) as response:
        response.read()
    assert "85,7 triệu" in read_events(response)[-1][1]["answer"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("body", "fragment"),
    [({"question": "  "}, "trống"), ({}, "Thiếu trường"), ({"question": "x" * 5000}, "quá dài"), ({"question": "a", "top_k": 0}, "giới hạn")],
)
def test_a_bad_question_is_a_plain_422_not_a_stream(client: httpx.Client, body: dict, fragment: str):
    response = client.post("/v1/ask/stream", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/json")
    assert fragment in response.json()["detail"]


def test_a_failure_after_the_stream_started_is_an_error_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    service = fake_service_settings(tmp_path)
    service.add_document("BÁO CÁO\n\nI. Bưu chính\n\nDoanh thu bưu chính đạt 27.477 tỷ đồng.\n".encode(), "a.txt")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("the vector store went away")

    monkeypatch.setattr(service.flow.retriever, "retrieve", broken)
    with LiveServer.start(service.settings, service) as server:
        response = httpx.post(f"{server.url}/v1/ask/stream", json={"question": "Doanh thu bưu chính?"}, timeout=60)
    assert response.status_code == 200
    events = read_events(response)
    assert [name for name, _ in events] == ["status", "error"]
    assert events[-1][1] == {"message": service.prompts.get("stream_error")}
    assert "RuntimeError" not in response.text and "went away" not in response.text

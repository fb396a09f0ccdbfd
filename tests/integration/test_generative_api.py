"""Generative mode over HTTP: a real uvicorn server on 127.0.0.1 answering through the real LLM client
and the stand-in. What the wire carries (deltas, `replace`, `done` with the mode and the reason), and
that a client who leaves mid-answer stops the model."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from assistant.service import AssistantService
from tests.integration.test_stream_api import read_events
from tests.llm_standin import Reply, StandInLLM
from tests.support import LiveServer, with_llm

pytestmark = pytest.mark.slow

QUESTION = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"


def cite(fragment: str, template: str):
    return lambda request: Reply(text=template.format(n=request.passage_with(fragment)))


@pytest.fixture()
def server(sample_service: AssistantService, llm_standin: StandInLLM) -> Iterator[LiveServer]:
    service = with_llm(sample_service, llm_standin.url)
    with LiveServer.start(service.settings, service) as live:
        yield live


@pytest.fixture()
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


def stream(client: httpx.Client, body: dict) -> list[tuple[str, dict]]:
    with client.stream("POST", "/v1/ask/stream", json=body) as response:
        assert response.status_code == 200
        response.read()
    return read_events(response)


def test_health_says_which_mode_answers_and_how_the_llm_is(client: httpx.Client):
    health = client.get("/healthz").json()
    assert health["answer_mode"] == "generative" and health["llm"] == "closed"


def test_a_grounded_answer_streams_token_by_token_and_ends_generative(client: httpx.Client, llm_standin: StandInLLM):
    llm_standin.reply(cite("27.477", "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt 27.477 tỷ đồng, tăng 5,48% so với cùng kỳ năm 2022 và đạt 43,78% kế hoạch năm 2023 [{n}]."))
    events = stream(client, {"question": QUESTION})
    names = [name for name, _ in events]
    assert names[:2] == ["status", "status"] and names[-2:] == ["citations", "done"]
    assert names.count("delta") > 3 and "replace" not in names
    done = events[-1][1]
    assert done["mode"] == "generative" and done["fallback_reason"] is None
    assert "".join(data["text"] for name, data in events if name == "delta") == done["answer"]
    assert "kế hoạch năm 2023 [" in done["answer"] and done["citations"][0]["source"] == "003_d64712951b28f459.txt"

    llm_standin.reply(cite("27.477", "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, tăng 5,48% so với cùng kỳ năm 2022 và đạt 43,78% kế hoạch năm 2023 [{n}]."))
    asked = client.post("/v1/ask", json={"question": QUESTION}).json()
    assert asked["mode"] == "generative" and asked["fallback_reason"] is None and asked["answered"]


def test_an_invented_figure_is_replaced_on_the_wire_and_ask_says_why(client: httpx.Client, llm_standin: StandInLLM):
    invented = cite("27.477", "Doanh thu dịch vụ bưu chính ước đạt 31.000 tỷ đồng [{n}].")
    llm_standin.reply(invented)
    events = stream(client, {"question": QUESTION})
    names = [name for name, _ in events]
    assert names.count("replace") == 1 and names.index("delta") < names.index("replace") < names.index("done")
    replace = events[names.index("replace")][1]
    done = events[-1][1]
    assert replace == {"text": done["answer"], "reason": "ungrounded_figure"}
    assert done["mode"] == "extractive" and done["fallback_reason"] == "ungrounded_figure"
    assert "27.477 tỷ đồng" in done["answer"] and "31.000" not in done["answer"]
    assert "delta" not in names[names.index("replace") :]

    llm_standin.reply(invented)
    asked = client.post("/v1/ask", json={"question": QUESTION}).json()
    assert (asked["mode"], asked["fallback_reason"], asked["answer"]) == ("extractive", "ungrounded_figure", done["answer"])


def test_a_client_that_leaves_mid_answer_stops_the_model(server: LiveServer, llm_standin: StandInLLM):
    long_answer = "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng [1]. " * 40
    llm_standin.always(Reply(text=long_answer, chunk_chars=4, chunk_delay=0.05))  # ~25 s if read to the end
    total_chunks = -(-len(long_answer) // 4)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        with client.stream("POST", "/v1/ask/stream", json={"question": QUESTION}) as response:
            for line in response.iter_lines():
                if line == "event: delta":
                    break  # the user closed the tab
    left_at = time.monotonic()
    (record,) = llm_standin.wait_for_streams(1, timeout=15)
    assert record.cut_off and not record.finished
    assert record.chunks_sent < total_chunks / 2
    assert time.monotonic() - left_at < 10

"""Follow-up questions end to end: the real e5 model over the sample reports, conversations in
SQLite, with and without an LLM (the stand-in, through the real client), in the service and over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from assistant.conversations import new_id
from assistant.events import DoneEvent, StatusEvent
from assistant.service import AssistantService
from assistant.wiring import build_service
from tests.integration.test_stream_api import read_events
from tests.llm_standin import ChatRequest, Reply, StandInLLM, closed_port_url
from tests.support import LiveServer, with_llm

pytestmark = pytest.mark.slow

FIRST = "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?"
FOLLOW_UP = "Còn năm 2021 thì sao?"
REPORT_2021 = "001_495828647d3da79e.txt"  # "Tổng số doanh nghiệp công nghệ số là 61.359."


def cite(fragment: str, template: str):
    return lambda request: Reply(text=template.format(n=request.passage_with(fragment)))


def test_without_an_llm_the_follow_up_carries_over_subject_and_period(sample_service: AssistantService):
    first = sample_service.ask(FIRST)
    assert "72.000" in first.answer and first.conversation_id

    events = list(sample_service.ask_stream(FOLLOW_UP, conversation_id=first.conversation_id))
    follow = events[-1].answer if isinstance(events[-1], DoneEvent) else pytest.fail(f"no answer: {events}")
    assert follow.conversation_id == first.conversation_id
    assert follow.standalone_question == "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"
    assert follow.answered and "61.359" in follow.answer and "72.000" not in follow.answer
    assert {c.source for c in follow.citations if "61.359" in c.quote} == {REPORT_2021}
    assert all("2021" in citation.period for citation in follow.citations)
    # The user is told how the question was understood.
    statuses = [event.message for event in events if isinstance(event, StatusEvent)]
    assert sample_service.prompts.render("status_followup", question=follow.standalone_question) in statuses


def test_a_comparison_follow_up_keeps_the_subject_and_period(sample_service: AssistantService):
    first = sample_service.ask("Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?")
    follow = sample_service.ask("so với cùng kỳ?", conversation_id=first.conversation_id)
    assert "bưu chính" in follow.standalone_question and "6 tháng đầu năm 2023" in follow.standalone_question
    assert "5,48%" in follow.answer  # "tăng 5,48% so với cùng kỳ năm 2022"


def test_the_same_words_outside_the_conversation_are_not_rewritten(sample_service: AssistantService):
    sample_service.ask(FIRST, conversation_id="page-a")
    for conversation_id in (None, "page-b"):
        answer = sample_service.ask(FOLLOW_UP, conversation_id=conversation_id)
        assert answer.standalone_question == FOLLOW_UP
        assert "61.359" not in answer.answer


def test_a_conversation_outlives_the_service(sample_service: AssistantService):
    first = sample_service.ask(FIRST)
    restarted = build_service(sample_service.settings, sample_service.components)
    follow = restarted.ask(FOLLOW_UP, conversation_id=first.conversation_id)
    assert "61.359" in follow.answer


def test_with_an_llm_the_model_rewrites_the_follow_up_and_the_rewrite_is_answered(
    sample_service: AssistantService, llm_standin: StandInLLM
):
    service = with_llm(sample_service, llm_standin.url)
    llm_standin.reply(
        cite("72.000", "Số doanh nghiệp công nghệ số ước khoảng 72.000 doanh nghiệp, tăng 6,70% so với cùng kỳ năm 2022 [{n}].")
    )
    first = service.ask(FIRST)
    assert first.mode == "generative"

    rewritten = "Tổng số doanh nghiệp công nghệ số Việt Nam năm 2021 là bao nhiêu?"
    llm_standin.reply(
        Reply(text=f"Câu hỏi độc lập: {rewritten}"),
        cite("61.359", "Năm 2021, tổng số doanh nghiệp công nghệ số là 61.359 [{n}]."),
    )
    follow = service.ask(FOLLOW_UP, conversation_id=first.conversation_id)
    rewrite_request, answer_request = llm_standin.requests[1:]

    # The model was shown the conversation and asked for a standalone question.
    assert rewrite_request.system == service.prompts.get("followup_system")
    assert FIRST in rewrite_request.user and FOLLOW_UP in rewrite_request.user
    assert rewrite_request.user.index(FIRST) < rewrite_request.user.index(FOLLOW_UP)
    # Its rewrite is what was retrieved and answered.
    assert follow.standalone_question == rewritten
    assert f"Câu hỏi: {rewritten}" in answer_request.user
    assert follow.mode == "generative" and "61.359" in follow.answer
    assert [citation.source for citation in follow.citations] == [REPORT_2021]


def test_a_rewrite_that_invents_a_year_is_not_used(sample_service: AssistantService, llm_standin: StandInLLM):
    service = with_llm(sample_service, llm_standin.url)
    llm_standin.reply(cite("72.000", "Có khoảng 72.000 doanh nghiệp công nghệ số [{n}]."))
    first = service.ask(FIRST)

    def answer_from_passages(request: ChatRequest) -> Reply:
        return Reply(text=f"Tổng số doanh nghiệp công nghệ số là 61.359 [{request.passage_with('61.359')}].")

    llm_standin.reply(Reply(text="Số doanh nghiệp công nghệ số năm 2019 là bao nhiêu?"), answer_from_passages)
    follow = service.ask(FOLLOW_UP, conversation_id=first.conversation_id)
    assert follow.standalone_question == "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"  # the rules'
    assert "61.359" in follow.answer


def test_with_the_llm_down_follow_ups_still_work(sample_service: AssistantService):
    service = with_llm(sample_service, closed_port_url(), llm_max_retries=0)
    first = service.ask(FIRST)
    follow = service.ask(FOLLOW_UP, conversation_id=first.conversation_id)
    assert follow.mode == "extractive" and follow.fallback_reason in {"llm_unavailable", "llm_circuit_open"}
    assert follow.standalone_question == "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"
    assert "61.359" in follow.answer


# -- over HTTP ---------------------------------------------------------------------------------


@pytest.fixture()
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=120) as client:
        yield client


def test_over_http_the_conversation_id_links_ask_and_stream(client: httpx.Client):
    first = client.post("/v1/ask", json={"question": FIRST}).json()
    conversation_id = first["conversation_id"]
    assert conversation_id and first["standalone_question"] == FIRST and first["fallback_reason"] is None

    with client.stream("POST", "/v1/ask/stream", json={"question": FOLLOW_UP, "conversation_id": conversation_id}) as response:
        response.read()
    events = read_events(response)
    done = events[-1][1]
    assert events[-1][0] == "done"
    assert done["conversation_id"] == conversation_id
    assert done["standalone_question"] == "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"
    assert "61.359" in done["answer"] and done["mode"] == "extractive"

    # A client may name its own conversation (a Telegram chat, a page session).
    own = f"web:{new_id()}"
    client.post("/v1/ask", json={"question": FIRST, "conversation_id": own})
    again = client.post("/v1/ask", json={"question": FOLLOW_UP, "conversation_id": own}).json()
    assert again["conversation_id"] == own and "61.359" in again["answer"]


@pytest.mark.parametrize("conversation_id", ["a b", "x" * 101, "<script>", ""])
def test_a_malformed_conversation_id_is_a_422_in_vietnamese(client: httpx.Client, conversation_id: str):
    for path in ("/v1/ask", "/v1/ask/stream"):
        response = client.post(path, json={"question": FIRST, "conversation_id": conversation_id})
        assert response.status_code == 422
        assert "mã cuộc trò chuyện" in response.json()["detail"]

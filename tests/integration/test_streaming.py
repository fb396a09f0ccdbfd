"""`AssistantService.ask_stream`: the answer as events, on the same path as `ask`."""

from __future__ import annotations

import pytest

from assistant.events import CitationsEvent, DeltaEvent, DoneEvent, ErrorEvent, StatusEvent
from assistant.service import AssistantService, QuestionError


def _without_latency(answer) -> dict:
    """What two answers to one question share (each question without a conversation starts its own)."""
    return answer.model_dump(exclude={"latency_ms", "conversation_id"})


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?",
        "Số doanh nghiệp công nghệ số năm 2021 và năm 2023 lần lượt là bao nhiêu?",
        "Bộ Y tế đã cấp bao nhiêu giấy phép hành nghề khám chữa bệnh trong năm 2023?",
    ],
)
def test_the_stream_ends_with_exactly_what_ask_returns(sample_service: AssistantService, question: str):
    events = list(sample_service.ask_stream(question))
    assert isinstance(events[0], StatusEvent) and events[0].message == sample_service.prompts.get("status_searching")
    assert isinstance(events[-1], DoneEvent)
    assert not any(isinstance(event, ErrorEvent) for event in events)
    done = events[-1].answer
    assert _without_latency(done) == _without_latency(sample_service.ask(question))

    # The deltas rebuild the answer, one quoted sentence (one line) at a time.
    deltas = [event.text for event in events if isinstance(event, DeltaEvent)]
    assert "".join(deltas) == done.answer
    assert len(deltas) == len(done.answer.split("\n"))
    citations = [event for event in events if isinstance(event, CitationsEvent)]
    if done.answered:
        assert len(citations) == 1 and citations[0].citations == done.citations
        assert events.index(citations[0]) < events.index(next(e for e in events if isinstance(e, DeltaEvent)))
    else:
        assert citations == [] and done.citations == []


@pytest.mark.slow
def test_the_done_payload_has_the_shape_of_the_ask_answer(sample_service: AssistantService):
    done = list(sample_service.ask_stream("so thue bao bang rong di dong nam 2023"))[-1]
    assert isinstance(done, DoneEvent)
    assert done.data() == done.answer.model_dump(mode="json")
    assert {"answer", "answered", "citations", "latency_ms", "mode", "confidence"} <= set(done.data())
    assert done.data()["mode"] == "extractive"


def test_a_bad_question_is_refused_before_any_event(fake_service: AssistantService):
    with pytest.raises(QuestionError, match="trống"):
        fake_service.ask_stream("   ")
    with pytest.raises(QuestionError, match="quá dài"):
        fake_service.ask_stream("x" * (fake_service.settings.answering.max_question_chars + 1))


def test_an_empty_store_streams_the_no_documents_message(fake_service: AssistantService):
    events = list(fake_service.ask_stream("Doanh thu bưu chính năm 2023?"))
    done = events[-1]
    assert isinstance(done, DoneEvent) and not done.answer.answered
    assert done.answer.answer == fake_service.prompts.get("no_documents")
    assert "".join(e.text for e in events if isinstance(e, DeltaEvent)) == done.answer.answer


def test_a_failure_mid_answer_ends_the_stream_with_a_vietnamese_error(fake_service: AssistantService, monkeypatch):
    fake_service.add_document("BÁO CÁO\n\nI. Bưu chính\n\nDoanh thu bưu chính đạt 27.477 tỷ đồng.\n".encode(), "a.txt")

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("the vector store went away")

    monkeypatch.setattr(fake_service.flow.retriever, "retrieve", broken)
    events = list(fake_service.ask_stream("Doanh thu bưu chính?"))
    assert isinstance(events[0], StatusEvent)
    assert isinstance(events[-1], ErrorEvent)
    assert events[-1].message == fake_service.prompts.get("stream_error")
    assert not any(isinstance(event, DoneEvent) for event in events)
    # `ask` has no stream to end: the failure reaches the caller (the API turns it into a 500).
    with pytest.raises(RuntimeError):
        fake_service.ask("Doanh thu bưu chính?")

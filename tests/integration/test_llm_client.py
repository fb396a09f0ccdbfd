"""The LLM client as built by settings (LangChain's ChatOpenAI, wrapped for resilience) against the
OpenAI-compatible stand-in on 127.0.0.1: the wire protocol, timeouts, retries, the circuit breaker,
and an abandoned stream letting go of the model."""

from __future__ import annotations

import time

import pytest

from assistant.llm import LLMCircuitOpen, LLMTimeout, LLMUnavailable, complete, create_llm
from assistant.llm.resilience import ResilientChat
from assistant.settings import Settings
from tests.llm_standin import Reply, StandInLLM, closed_port_url


def llm_for(url: str, **overrides: object) -> ResilientChat:
    settings = Settings.from_variables(llm_base_url=url, llm_model="vistral-7b", **overrides)
    llm = create_llm(settings.llm)
    assert llm is not None
    return llm


def test_no_base_url_means_no_llm():
    assert create_llm(Settings().llm) is None


def test_generative_mode_without_an_llm_is_a_settings_error():
    with pytest.raises(ValueError, match="ASSISTANT_LLM_BASE_URL"):
        Settings.from_variables(answer_mode="generative")


def test_a_streamed_reply_arrives_in_pieces_over_the_real_protocol(llm_standin: StandInLLM):
    text = "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng [1]."
    llm_standin.reply(Reply(text=text, chunk_chars=5))
    llm = llm_for(llm_standin.url, llm_max_tokens=321, llm_api_key="secret-key")
    pieces = list(llm.stream("Hệ thống", "Câu hỏi"))
    assert "".join(pieces) == text
    assert len(pieces) > 3  # streamed, not one block

    (request,) = llm_standin.requests
    body = request.body
    assert body["stream"] is True
    assert body["model"] == "vistral-7b"
    assert body["messages"] == [{"role": "system", "content": "Hệ thống"}, {"role": "user", "content": "Câu hỏi"}]
    # langchain-openai sends max_completion_tokens; servers that ignore it get max_tokens too.
    assert body["max_completion_tokens"] == 321 and body["max_tokens"] == 321
    assert llm_standin.streams[0].finished


def test_complete_collects_the_stream(llm_standin: StandInLLM):
    llm_standin.reply(Reply(text="Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"))
    assert complete(llm_for(llm_standin.url), "s", "u") == "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"


def test_a_server_error_is_retried_with_backoff_then_reported(llm_standin: StandInLLM):
    llm_standin.always(Reply(status=503, text="overloaded"))
    llm = llm_for(llm_standin.url, llm_max_retries=2)
    started = time.monotonic()
    with pytest.raises(LLMUnavailable):
        complete(llm, "s", "u")
    assert len(llm_standin.requests) == 3  # the first try and two retries
    assert time.monotonic() - started >= 0.5  # waited between tries (backoff from 0.5 s)


def test_a_transient_error_then_success_gives_the_reply(llm_standin: StandInLLM):
    llm_standin.reply(Reply(status=500), Reply(status=429), Reply(text="Được [1]."))
    assert complete(llm_for(llm_standin.url, llm_max_retries=2), "s", "u") == "Được [1]."
    assert len(llm_standin.requests) == 3


def test_a_request_the_server_refuses_is_not_retried(llm_standin: StandInLLM):
    llm_standin.always(Reply(status=400, text="bad request"))
    with pytest.raises(LLMUnavailable):
        complete(llm_for(llm_standin.url, llm_max_retries=3), "s", "u")
    assert len(llm_standin.requests) == 1


def test_a_server_that_is_down_is_reported_as_unavailable():
    llm = llm_for(closed_port_url(), llm_max_retries=1)
    with pytest.raises(LLMUnavailable) as raised:
        complete(llm, "s", "u")
    assert raised.value.reason == "llm_unavailable"


def test_no_first_token_within_the_timeout_is_a_timeout(llm_standin: StandInLLM):
    llm_standin.always(Reply(text="muộn", delay=3))
    llm = llm_for(llm_standin.url, llm_timeout=0.5, llm_max_retries=0)
    started = time.monotonic()
    with pytest.raises(LLMTimeout) as raised:
        complete(llm, "s", "u")
    assert time.monotonic() - started < 2.5
    assert raised.value.reason == "llm_timeout"


def test_a_stream_that_stalls_midway_times_out_and_is_not_retried(llm_standin: StandInLLM):
    llm_standin.always(Reply(text="Doanh thu đạt 27.477 tỷ đồng [1].", chunk_chars=4, stall_after=2))
    llm = llm_for(llm_standin.url, llm_timeout=0.5, llm_max_retries=2)
    received: list[str] = []
    with pytest.raises(LLMTimeout):
        for piece in llm.stream("s", "u"):
            received.append(piece)
    assert "".join(received) == "Doanh th"  # the two chunks sent before the stall
    assert len(llm_standin.requests) == 1  # text was already shown: no retry


def test_the_deadline_bounds_a_slow_trickle(llm_standin: StandInLLM):
    llm_standin.always(Reply(text="x" * 200, chunk_chars=1, chunk_delay=0.05))
    llm = llm_for(llm_standin.url, llm_timeout=5, llm_deadline=0.6)
    started = time.monotonic()
    with pytest.raises(LLMTimeout, match="longer than"):
        complete(llm, "s", "u")
    assert time.monotonic() - started < 3
    (record,) = llm_standin.wait_for_streams(1)
    assert record.cut_off and record.chunks_sent < 200


def test_the_circuit_opens_after_repeated_failures_and_closes_after_a_good_trial(llm_standin: StandInLLM):
    llm_standin.always(Reply(status=500))
    llm = llm_for(llm_standin.url, llm_max_retries=0, llm_breaker_failures=3, llm_breaker_reset=1.0)
    for _ in range(3):
        with pytest.raises(LLMUnavailable):
            complete(llm, "s", "u")
    assert llm.state == "open"

    # Open: the model is not asked at all.
    with pytest.raises(LLMCircuitOpen) as raised:
        complete(llm, "s", "u")
    assert raised.value.reason == "llm_circuit_open"
    assert len(llm_standin.requests) == 3

    # After the reset time one trial goes through; it succeeds, so the circuit closes.
    time.sleep(1.1)
    llm_standin.always(Reply(text="Đã hồi phục."))
    assert complete(llm, "s", "u") == "Đã hồi phục."
    assert llm.state == "closed"
    assert len(llm_standin.requests) == 4


def test_a_failed_trial_opens_the_circuit_again(llm_standin: StandInLLM):
    llm_standin.always(Reply(status=502))
    llm = llm_for(llm_standin.url, llm_max_retries=0, llm_breaker_failures=1, llm_breaker_reset=0.5)
    with pytest.raises(LLMUnavailable):
        complete(llm, "s", "u")
    time.sleep(0.6)
    with pytest.raises(LLMUnavailable):
        complete(llm, "s", "u")  # the trial
    assert llm.state == "open"
    with pytest.raises(LLMCircuitOpen):
        complete(llm, "s", "u")
    assert len(llm_standin.requests) == 2


def test_an_abandoned_stream_is_closed_and_not_counted_as_a_failure(llm_standin: StandInLLM):
    llm_standin.always(Reply(text="y" * 400, chunk_chars=2, chunk_delay=0.02))
    llm = llm_for(llm_standin.url, llm_breaker_failures=1)
    stream = llm.stream("s", "u")
    assert next(stream)
    stream.close()  # the reader went away
    (record,) = llm_standin.wait_for_streams(1)
    assert record.cut_off and not record.finished
    assert record.chunks_sent < 100
    assert llm.state == "closed"

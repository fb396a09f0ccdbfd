"""`POST /v1/ask/stream`: the service's answer events (`AssistantService.ask_stream`) as Server-Sent
Events, with FastAPI's own SSE support (`fastapi.sse`): it encodes each event and sends keep-alive
comments while the service is busy.

The service's events come from a plain (blocking) generator; FastAPI runs each step in the thread
pool. When the client goes away, FastAPI stops pulling events but does not close the generators
(they would linger until garbage collection, the LLM's connection open). So the events come from a
dependency with `yield`: its exit runs when the request ends, however it ends, and closes the
service's generator — which closes the LLM's stream, so an abandoned answer stops the model at once.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.sse import EventSourceResponse, ServerSentEvent

from assistant.api.deps import ReaderKey, ServiceDep
from assistant.api.schemas import AskRequest, ErrorResponse
from assistant.events import AnswerEvent

router = APIRouter(tags=["hỏi đáp"])


def answer_events(body: AskRequest, service: ServiceDep, _: ReaderKey) -> Iterator[Generator[AnswerEvent, None, None]]:
    """Resolved before the response starts, so a bad question is a plain 422 (as on `/v1/ask`),
    never a stream that opens and then fails; closed when the request ends (see the module docstring)."""
    events = service.ask_stream(body.question, body.top_k, body.conversation_id)
    try:
        yield events
    finally:
        events.close()


AnswerEventsDep = Annotated[Generator[AnswerEvent, None, None], Depends(answer_events)]


@router.post(
    "/v1/ask/stream",
    response_class=EventSourceResponse,
    responses={422: {"model": ErrorResponse}},
)
def ask_stream(events: AnswerEventsDep) -> Iterator[ServerSentEvent]:
    """Trả lời như `POST /v1/ask` nhưng gửi dần (Server-Sent Events).

    Các sự kiện: `status` (`{"message"}`: đang làm gì), `citations` (`{"citations": [...]}`),
    `delta` (`{"text"}`: phần tiếp theo của câu trả lời), `replace` (`{"text", "reason"}`: bỏ phần
    đã hiện, câu trả lời nay là `text` — câu trả lời do LLM viết không qua được kiểm tra nguồn nên
    được thay bằng câu trích nguyên văn), rồi `done` (toàn bộ câu trả lời, cùng dạng với
    `POST /v1/ask`) hoặc `error` (`{"message"}`: lỗi, bằng tiếng Việt).
    """
    for event in events:
        yield ServerSentEvent(event=event.type, data=event.data())

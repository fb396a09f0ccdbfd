"""`POST /v1/ask/stream`: the service's answer events (`AssistantService.ask_stream`) as Server-Sent
Events, with FastAPI's own SSE support (`fastapi.sse`): it encodes each event, sends keep-alive
comments while the service is busy, and runs the service's plain iterator in the thread pool.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.sse import EventSourceResponse, ServerSentEvent

from assistant.api.deps import ReaderKey, ServiceDep
from assistant.api.schemas import AskRequest, ErrorResponse
from assistant.events import AnswerEvent

router = APIRouter(tags=["hỏi đáp"])


def answer_events(body: AskRequest, service: ServiceDep, _: ReaderKey) -> Iterator[AnswerEvent]:
    """Resolved before the response starts, so a bad question is a plain 422 (as on `/v1/ask`),
    never a stream that opens and then fails."""
    return service.ask_stream(body.question, body.top_k)


AnswerEventsDep = Annotated[Iterator[AnswerEvent], Depends(answer_events)]


@router.post(
    "/v1/ask/stream",
    response_class=EventSourceResponse,
    responses={422: {"model": ErrorResponse}},
)
def ask_stream(events: AnswerEventsDep) -> Iterator[ServerSentEvent]:
    """Trả lời như `POST /v1/ask` nhưng gửi dần (Server-Sent Events).

    Các sự kiện: `status` (`{"message"}`: đang làm gì), `citations` (`{"citations": [...]}`),
    `delta` (`{"text"}`: phần tiếp theo của câu trả lời), rồi `done` (toàn bộ câu trả lời, cùng
    dạng với `POST /v1/ask`) hoặc `error` (`{"message"}`: lỗi, bằng tiếng Việt).
    """
    for event in events:
        yield ServerSentEvent(event=event.type, data=event.data())

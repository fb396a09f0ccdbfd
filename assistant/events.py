"""The events of a streamed answer, as `AssistantService.ask_stream` yields them.

Every adapter that streams (the SSE endpoint behind the web chat today; a Telegram "typing…" message
or an LLM answering mode tomorrow) consumes this one vocabulary, so a new answering mode only has to
produce these events to appear, streamed, everywhere:

- `status`    what the assistant is doing now ("đang tìm…"), for a progress line;
- `delta`     a piece of answer text, to append to what is shown;
- `replace`   everything shown so far is discarded: the answer is now `text` (a generated answer
              that streamed, then failed the grounding guard or broke off, replaced by the
              extractive answer); later deltas append to it;
- `citations` the numbered sources the `[n]` markers point to (may come before or after the deltas);
- `done`      the full `Answer`, the same object `ask` returns: always the last event of a success;
- `error`     a Vietnamese message for the user: always the last event of a failure.

So the text on screen is always: the last `replace` (or nothing), then the deltas after it, and at
the end it equals `done.answer.answer`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.models import Answer, Citation


class _Event(BaseModel):
    type: str

    def data(self) -> dict[str, Any]:
        """The event's payload as an adapter sends it (without the `type`, which names the event)."""
        return self.model_dump(mode="json", exclude={"type"})


class StatusEvent(_Event):
    type: Literal["status"] = "status"
    message: str = Field(description="What the assistant is doing, for the user.")


class DeltaEvent(_Event):
    type: Literal["delta"] = "delta"
    text: str = Field(description="The next piece of the answer text.")


class ReplaceEvent(_Event):
    type: Literal["replace"] = "replace"
    text: str = Field(description="The answer text that replaces everything shown so far.")
    reason: str = Field(description="Why (the Answer's `fallback_reason`), e.g. 'ungrounded_figure'.")


class CitationsEvent(_Event):
    type: Literal["citations"] = "citations"
    citations: list[Citation]


class DoneEvent(_Event):
    type: Literal["done"] = "done"
    answer: Answer

    def data(self) -> dict[str, Any]:
        """The answer itself, so a streamed answer ends with exactly what `POST /v1/ask` returns."""
        return self.answer.model_dump(mode="json")


class ErrorEvent(_Event):
    type: Literal["error"] = "error"
    message: str = Field(description="What went wrong, for the user, in Vietnamese.")


AnswerEvent = StatusEvent | DeltaEvent | ReplaceEvent | CitationsEvent | DoneEvent | ErrorEvent

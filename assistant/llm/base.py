"""What the assistant needs from a language model, and the ways asking one can fail.

The interface is deliberately small: stream the reply to a system prompt and a user message, and
`choose` — how likely the reply opens with each of a few words. Writing an answer and rewriting a
follow-up are the first; saying whether the excerpts answer the question ("CÓ" or "KHÔNG") is the
second, read from the probabilities of the reply's first token rather than from one sampled word,
so a threshold can be set on it. Backends stay small and the resilience wrapper wraps both.

Failures are typed by what the caller should do about them: every `LLMError` carries the
`reason` recorded when the service falls back to the extractive answer, and whether trying again
can help (`transient`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class ChatModel(Protocol):
    """A chat model that streams its reply as text pieces."""

    def stream(self, system: str, user: str) -> Iterator[str]:
        """The reply to `user` under the instructions `system`, piece by piece, as it is produced.

        Closing the iterator early must stop the model's work (close the connection), so an
        abandoned answer does not keep consuming the model.
        """
        ...

    def choose(self, system: str, user: str, options: Sequence[str]) -> dict[str, float]:
        """How likely the reply opens with each option, as probabilities summing to 1 over the
        options ({} when the reply opens with none of them). One token is generated."""
        ...


class LLMError(Exception):
    """The model could not give a (whole) reply. `reason` is what the service records."""

    reason = "llm_error"

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class LLMUnavailable(LLMError):
    """Unreachable, or it answered with an error status."""

    reason = "llm_unavailable"


class LLMTimeout(LLMError):
    """No reply, or the next piece of it, within the time allowed."""

    reason = "llm_timeout"


class LLMCircuitOpen(LLMError):
    """Recent calls failed: the circuit breaker is open, so the model is not asked at all."""

    reason = "llm_circuit_open"


def complete(model: ChatModel, system: str, user: str) -> str:
    """The whole reply at once (the stream, collected, and closed whatever happens)."""
    stream = model.stream(system, user)
    try:
        return "".join(stream)
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()

"""Timeouts, retries with backoff, a deadline and a circuit breaker around any `ChatModel`.

When the LLM is slow or down, users must get the extractive answer quickly, not an error and not a
long wait. So:
- each request has the backend's own timeouts (connect, first token, between tokens);
- a request that fails *before its first piece of text* is retried with exponential backoff and
  jitter (tenacity), only for failures that can pass (unreachable, 5xx, 429, timeout), and never
  beyond the answer's deadline: a retry that could not finish in time is not started;
- a stream that fails *after* text was shown is never retried (the text would repeat): the error
  goes up and the service replaces what was shown;
- the whole answer has a deadline (`llm_deadline`), checked as pieces arrive;
- `choose` (one token) is one request, retried the same way before it answers, within the deadline;
- a circuit breaker (pybreaker) counts failed requests (after their retries); after
  `llm_breaker_failures` in a row it opens and the model is not asked at all for
  `llm_breaker_reset` seconds, then one trial request decides whether it closes again.

Why these libraries: tenacity is the maintained standard for retry policies (stop, wait and retry
conditions composed, not hand-written loops); the OpenAI client's own retries cannot be used for a
stream (they do not know what was shown, and have no overall deadline). pybreaker is a maintained,
thread-safe breaker; it is given a generator, so its lock is held only while it decides whether
to let a call through, never while an answer streams, and a stream's failure or success is counted
when the stream ends. A stream the user abandoned counts as neither.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence

import pybreaker
from tenacity import Retrying, retry_if_exception, stop_after_attempt, stop_before_delay, wait_exponential_jitter

from assistant.llm.base import ChatModel, LLMCircuitOpen, LLMError, LLMTimeout

logger = logging.getLogger(__name__)


def _retryable(error: BaseException) -> bool:
    return isinstance(error, LLMError) and error.transient


class ResilientChat:
    def __init__(
        self,
        model: ChatModel,
        *,
        max_retries: int = 2,
        deadline: float = 60.0,
        breaker_failures: int = 5,
        breaker_reset: float = 30.0,
        backoff_initial: float = 0.5,
        backoff_max: float = 4.0,
    ) -> None:
        self.model = model
        self.max_retries = max_retries
        self.deadline = deadline
        self.backoff_initial = backoff_initial
        self.backoff_max = backoff_max
        self.breaker = pybreaker.CircuitBreaker(
            fail_max=breaker_failures,
            reset_timeout=breaker_reset,
            # A stream closed by its reader (GeneratorExit) is not the model's failure.
            exclude=[GeneratorExit],
            # Let the real error through when the breaker trips, so the reason recorded is the cause.
            throw_new_error_on_trip=False,
            name="llm",
        )

    @property
    def state(self) -> str:
        """'closed' (calls go through), 'open' (no calls) or 'half-open' (one trial call)."""
        return str(self.breaker.current_state)

    def stream(self, system: str, user: str) -> Iterator[str]:
        started = time.monotonic()
        try:
            guarded = self.breaker.call(self._attempts, system, user, started)
        except pybreaker.CircuitBreakerError as error:
            raise LLMCircuitOpen("LLM circuit breaker is open") from error
        yield from guarded

    def choose(self, system: str, user: str, options: Sequence[str]) -> dict[str, float]:
        try:
            return self.breaker.call(self._choose_attempts, system, user, options, time.monotonic())
        except pybreaker.CircuitBreakerError as error:
            raise LLMCircuitOpen("LLM circuit breaker is open") from error

    def _choose_attempts(self, system: str, user: str, options: Sequence[str], started: float) -> dict[str, float]:
        for attempt in self._retrying(started):
            with attempt:
                return self.model.choose(system, user, options)
        raise AssertionError("unreachable: Retrying re-raises the last failure")

    def _retrying(self, started: float) -> Retrying:
        remaining = self.deadline - (time.monotonic() - started)
        return Retrying(
            stop=stop_after_attempt(self.max_retries + 1) | stop_before_delay(remaining),
            wait=wait_exponential_jitter(initial=self.backoff_initial, max=self.backoff_max),
            retry=retry_if_exception(_retryable),
            before_sleep=lambda state: logger.warning(
                "LLM request failed (%s), retry %d", state.outcome.exception() if state.outcome else "?", state.attempt_number
            ),
            reraise=True,
        )

    def _attempts(self, system: str, user: str, started: float) -> Iterator[str]:
        """One request, retried until its first piece arrives; then the rest, within the deadline."""
        retrying = self._retrying(started)
        stream: Iterator[str] | None = None
        first = ""
        for attempt in retrying:
            with attempt:
                stream = self.model.stream(system, user)
                try:
                    first = next(stream)
                except StopIteration:
                    first = ""
                except BaseException:
                    _close(stream)
                    raise
        assert stream is not None
        try:
            if first:
                yield first
            for piece in stream:
                if time.monotonic() - started > self.deadline:
                    raise LLMTimeout(f"LLM answer took longer than {self.deadline:.0f} s")
                yield piece
        finally:
            _close(stream)


def _close(stream: Iterator[str]) -> None:
    close = getattr(stream, "close", None)
    if close is not None:
        close()

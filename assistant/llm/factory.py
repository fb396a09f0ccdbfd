"""`create_llm(settings.llm)`: the configured LLM, wrapped for resilience, or None when there is none.

The one place that knows which backend a setting means (private-gpt's component pattern, at the
size this project needs): today every backend is an OpenAI-compatible server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.llm.openai_compatible import OpenAICompatibleChat
from assistant.llm.resilience import ResilientChat

if TYPE_CHECKING:
    from assistant.settings import LLMSettings


def create_llm(settings: LLMSettings) -> ResilientChat | None:
    """Cheap: nothing connects until the first request."""
    if not settings.base_url:
        return None
    backend = OpenAICompatibleChat(
        base_url=settings.base_url,
        model=settings.model,
        api_key=settings.api_key.get_secret_value() if settings.api_key else None,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        timeout=settings.timeout,
    )
    return ResilientChat(
        backend,
        max_retries=settings.max_retries,
        deadline=settings.deadline,
        breaker_failures=settings.breaker_failures,
        breaker_reset=settings.breaker_reset,
    )

"""`create_llm(settings)`: the configured LLM, wrapped for resilience, or None when there is none.

The one place that knows which backend a setting means (private-gpt's component pattern, at the
size this project needs): today every backend is an OpenAI-compatible server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.llm.openai_compatible import OpenAICompatibleChat
from assistant.llm.resilience import ResilientChat

if TYPE_CHECKING:
    from assistant.settings import Settings


def create_llm(settings: Settings) -> ResilientChat | None:
    """Cheap: nothing connects until the first request."""
    if not settings.llm_base_url:
        return None
    backend = OpenAICompatibleChat(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
        temperature=settings.llm_temperature,
        max_tokens=settings.llm_max_tokens,
        timeout=settings.llm_timeout,
    )
    return ResilientChat(
        backend,
        max_retries=settings.llm_max_retries,
        deadline=settings.llm_deadline,
        breaker_failures=settings.llm_breaker_failures,
        breaker_reset=settings.llm_breaker_reset,
    )

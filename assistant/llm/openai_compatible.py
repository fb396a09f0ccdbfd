"""The LLM backend: LangChain's `ChatOpenAI` (langchain-openai) against any OpenAI-compatible server.

vLLM, llama.cpp's server, Ollama and hosted APIs all speak `POST /v1/chat/completions` with
`stream: true` Server-Sent Events, so one client covers them. The client is built on first use
(importing the OpenAI SDK takes a noticeable fraction of a second) and shared by all threads.

Two details of the wire:
- langchain-openai sends `max_tokens` as `max_completion_tokens`, which some servers (llama.cpp's
  Python server) ignore; the limit is also sent as `max_tokens` through `extra_body`.
- the client's own retries are off (`max_retries=0`): `assistant.llm.resilience` retries, because
  only it knows whether any text has already been shown (a stream is never retried after its
  first piece) and how much of the answer's time budget is left.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx

from assistant.llm.base import LLMError, LLMTimeout, LLMUnavailable

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

# Status codes worth retrying: the server is busy or failing now, not refusing the request itself.
_TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
NO_API_KEY = "not-needed"  # local servers want no key, but the OpenAI client insists on one


class OpenAICompatibleChat:
    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        temperature: float = 0.1,
        max_tokens: int = 700,
        timeout: float = 15.0,
    ) -> None:
        self.base_url = base_url
        self.model = model
        self.api_key = api_key
        self.temperature = temperature
        self.max_tokens = max_tokens
        self.timeout = timeout
        self._client: ChatOpenAI | None = None
        self._lock = threading.Lock()

    @property
    def client(self) -> ChatOpenAI:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    self._client = self._build()
        return self._client

    def _build(self) -> ChatOpenAI:
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=self.api_key or NO_API_KEY,
            temperature=self.temperature,
            max_tokens=self.max_tokens,
            extra_body={"max_tokens": self.max_tokens},
            # connect, first byte, and each later read: a stalled stream fails after `timeout`
            timeout=httpx.Timeout(self.timeout),
            max_retries=0,
        )

    def stream(self, system: str, user: str) -> Iterator[str]:
        from langchain_core.messages import HumanMessage, SystemMessage

        chunks = self.client.stream([SystemMessage(content=system), HumanMessage(content=user)])
        try:
            for chunk in chunks:
                text = _text(chunk.content)
                if text:
                    yield text
        except LLMError:
            raise
        except Exception as error:
            raise _classify(error) from error
        finally:
            # Closes the HTTP response: the server sees the client go and stops generating.
            chunks.close()


def _text(content: Any) -> str:
    """A chunk's text; some servers send content as a list of typed parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(part.get("text", "") if isinstance(part, dict) else str(part) for part in content)
    return ""


def _classify(error: Exception) -> LLMError:
    """The OpenAI SDK's and httpx's errors, as the assistant's: timeout or unavailable, retryable or not."""
    import openai

    if isinstance(error, openai.APITimeoutError | httpx.TimeoutException):
        return LLMTimeout(f"LLM timed out: {error}", transient=True)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        return LLMUnavailable(f"LLM answered HTTP {status}", transient=status in _TRANSIENT_STATUS or status >= 500)
    if isinstance(error, openai.APIConnectionError | httpx.TransportError):
        return LLMUnavailable(f"LLM unreachable: {error}", transient=True)
    return LLMUnavailable(f"LLM failed: {type(error).__name__}: {error}")

"""The LLM backend: LangChain's `ChatOpenAI` (langchain-openai) against any OpenAI-compatible server.

vLLM, llama.cpp's server, Ollama and hosted APIs all speak `POST /v1/chat/completions` with
`stream: true` Server-Sent Events, so one client covers them. The client is built on first use
(importing the OpenAI SDK takes a noticeable fraction of a second) and shared by all threads.

`choose` asks for one token with its `top_logprobs` (the OpenAI API's `logprobs` option, which
vLLM, llama.cpp and Ollama also give) and adds up the probabilities of the tokens that begin each
option ("C" for "CÓ", "KH" for "KHÔNG"); a server that gives no logprobs is read from the token it
wrote. The llama.cpp-style prefix cache makes this cheap when the answer's prompt follows: both
share the system prompt, the excerpts and the question, which are read once.

Two details of the wire:
- langchain-openai sends `max_tokens` as `max_completion_tokens`, which some servers (llama.cpp's
  Python server) ignore; the limit is also sent as `max_tokens` through `extra_body`.
- the client's own retries are off (`max_retries=0`): `assistant.llm.resilience` retries, because
  only it knows whether any text has already been shown (a stream is never retried after its
  first piece) and how much of the answer's time budget is left.
"""

from __future__ import annotations

import importlib
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from assistant.llm.base import LLMError, LLMTimeout, LLMUnavailable
from vectorstore.text import fold

if TYPE_CHECKING:
    from langchain_openai import ChatOpenAI

# Status codes worth retrying: the server is busy or failing now, not refusing the request itself.
_TRANSIENT_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
NO_API_KEY = "not-needed"  # local servers want no key, but the OpenAI client insists on one
TOP_LOGPROBS = 10  # alternatives asked for the first token: enough to find every option's start
_MARKUP = " \t\n*_#>\"'`“”«»:."


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
        self._clients: dict[str, ChatOpenAI] = {}
        self._lock = threading.Lock()

    @property
    def client(self) -> ChatOpenAI:
        return self._once("answer", self._build)

    @property
    def chooser(self) -> ChatOpenAI:
        """The client for `choose`: one token, greedy, with its alternatives' log-probabilities."""
        return self._once(
            "choose", lambda: self._build(max_tokens=1, temperature=0.0, logprobs=True, top_logprobs=TOP_LOGPROBS)
        )

    def _once(self, name: str, build: Callable[[], ChatOpenAI]) -> ChatOpenAI:
        """The client `name`, built on first use and shared by every thread."""
        client = self._clients.get(name)
        if client is None:
            with self._lock:
                client = self._clients.get(name)
                if client is None:
                    client = self._clients[name] = build()
        return client

    def _build(self, max_tokens: int | None = None, temperature: float | None = None, **extra: Any) -> ChatOpenAI:
        from langchain_openai import ChatOpenAI

        tokens = max_tokens or self.max_tokens
        return ChatOpenAI(
            model=self.model,
            base_url=self.base_url,
            api_key=self.api_key or NO_API_KEY,
            temperature=self.temperature if temperature is None else temperature,
            max_tokens=tokens,
            extra_body={"max_tokens": tokens},
            # connect, first byte, and each later read: a stalled stream fails after `timeout`
            timeout=self.timeout,
            max_retries=0,
            **extra,
        )

    def choose(self, system: str, user: str, options: Sequence[str]) -> dict[str, float]:
        from langchain_core.messages import HumanMessage, SystemMessage

        try:
            message = self.chooser.invoke([SystemMessage(content=system), HumanMessage(content=user)])
        except Exception as error:
            raise _classify(error) from error
        first = ((message.response_metadata or {}).get("logprobs") or {}).get("content") or []
        alternatives = first[0].get("top_logprobs") or [first[0]] if first else []
        if not alternatives:  # no logprobs from this server: the token it wrote
            alternatives = [{"token": _text(message.content), "logprob": 0.0}]
        return option_probabilities(
            [(str(item.get("token", "")), float(item.get("logprob", -math.inf))) for item in alternatives], options
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


def option_probabilities(alternatives: Sequence[tuple[str, float]], options: Sequence[str]) -> dict[str, float]:
    """Each option's share of the probability of the first tokens that begin it (case, accents and
    markup aside: "C", " có", "**KH" …); {} when no alternative begins any option."""
    folded = {option: fold(option) for option in options}
    mass = dict.fromkeys(options, 0.0)
    for token, logprob in alternatives:
        start = fold(token).strip(_MARKUP)
        if not start:
            continue
        matching = [option for option, word in folded.items() if word.startswith(start) or start.startswith(word)]
        if len(matching) == 1:
            mass[matching[0]] += math.exp(logprob)
    total = sum(mass.values())
    return {option: value / total for option, value in mass.items()} if total > 0 else {}


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

    if isinstance(error, (openai.APITimeoutError, *_http_errors("TimeoutException"))):
        return LLMTimeout(f"LLM timed out: {error}", transient=True)
    if isinstance(error, openai.APIStatusError):
        status = error.status_code
        return LLMUnavailable(f"LLM answered HTTP {status}", transient=status in _TRANSIENT_STATUS or status >= 500)
    if isinstance(error, (openai.APIConnectionError, *_http_errors("TransportError"))):
        return LLMUnavailable(f"LLM unreachable: {error}", transient=True)
    return LLMUnavailable(f"LLM failed: {type(error).__name__}: {error}")


@cache
def _http_errors(name: str) -> tuple[type[BaseException], ...]:
    """An HTTP error class from each HTTP library the OpenAI SDK may stream through.

    openai 3.x moved from `httpx` to its fork `httpx2`; an error raised while a stream is read comes
    from whichever the installed SDK uses, so both are recognised.
    """
    found: list[type[BaseException]] = []
    for module in ("httpx", "httpx2"):
        try:
            found.append(getattr(importlib.import_module(module), name))
        except (ImportError, AttributeError):
            continue
    return tuple(found)

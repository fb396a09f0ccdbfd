"""A stand-in OpenAI-compatible chat server on 127.0.0.1, for the LLM path's tests.

No chat model can run on these machines, so the tests run the real client (LangChain's
`ChatOpenAI`) against this server, which speaks the real wire protocol: `POST /v1/chat/completions`
answered with a JSON completion, or with `stream: true` as Server-Sent Events carrying
`chat.completion.chunk` objects and ending with `data: [DONE]`.

It knows nothing about questions or reports. Each test says what it replies — a fixed `Reply`, or
a function of the request (to cite whichever numbered passage holds a figure, as a model reading
the prompt would) — and how: slowly, stalling mid-stream, with an error status. It records every
request body and how each stream ended (finished, or cut off because the client went away).

A one-token request asking for `logprobs` (what `ChatModel.choose` sends: "do the excerpts answer?")
is answered apart, with the word set by `choose` (by default "CÓ", the model reading an answer),
its probability 1 in `top_logprobs`; such requests are recorded in `choice_requests`, so
`requests` holds the answers and rewrites a test configures.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from tests.support import free_port

DEFAULT_CHOICE = "CÓ"  # a model reading the excerpts as answering the question


@dataclass(frozen=True)
class Reply:
    """What the stand-in answers to one request."""

    text: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before the response starts
    chunk_chars: int = 6  # characters per streamed chunk
    chunk_delay: float = 0.0  # seconds between two chunks
    stall_after: int | None = None  # stop sending after this many content chunks (and keep the connection open)


Behaviour = Reply | Callable[["ChatRequest"], Reply]


@dataclass(frozen=True)
class ChatRequest:
    """One request as received: the JSON body, with helpers to read the prompt."""

    body: dict[str, Any]

    @property
    def system(self) -> str:
        return next((m["content"] for m in self.body["messages"] if m["role"] == "system"), "")

    @property
    def user(self) -> str:
        return next((m["content"] for m in reversed(self.body["messages"]) if m["role"] == "user"), "")

    def passages(self) -> dict[int, str]:
        """The numbered passages of an answer prompt (`<tai_lieu so="n">…</tai_lieu>`)."""
        return {int(n): text for n, text in re.findall(r'<tai_lieu so="(\d+)">(.*?)</tai_lieu>', self.user, re.S)}

    def passage_with(self, fragment: str) -> int:
        """The number of the first passage containing `fragment` (a model citing where it read it)."""
        for n, text in sorted(self.passages().items()):
            if fragment in text:
                return n
        raise AssertionError(f"no passage contains {fragment!r}: {self.passages()}")


@dataclass
class StreamRecord:
    chunks_sent: int = 0
    finished: bool = False
    cut_off: bool = False  # the client closed the connection before the end


@dataclass
class StandInLLM:
    url: str  # the API root, as ASSISTANT_LLM_BASE_URL (".../v1")
    requests: list[ChatRequest] = field(default_factory=list)
    choice_requests: list[ChatRequest] = field(default_factory=list)
    streams: list[StreamRecord] = field(default_factory=list)
    choice: Reply = field(default_factory=lambda: Reply(text=DEFAULT_CHOICE))
    _queue: deque[Behaviour] = field(default_factory=deque)
    _default: Behaviour = field(default_factory=lambda: Reply(status=500, text="no reply configured"))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    # -- what the test configures ---------------------------------------------------------------

    def reply(self, *behaviours: Behaviour) -> None:
        """The next requests get these replies, in order; after them, the default."""
        with self._lock:
            self._queue.extend(behaviours)

    def always(self, behaviour: Behaviour) -> None:
        """Every request (after any queued replies) gets this."""
        with self._lock:
            self._default = behaviour

    def choose(self, reply: Reply | str) -> None:
        """What every one-token choice request gets from now on (a word, or a `Reply` with a status or delay)."""
        with self._lock:
            self.choice = Reply(text=reply) if isinstance(reply, str) else reply

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self._default = Reply(status=500, text="no reply configured")
            self.choice = Reply(text=DEFAULT_CHOICE)
            self.requests.clear()
            self.choice_requests.clear()
            self.streams.clear()

    def _next(self, request: ChatRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            behaviour = self._queue.popleft() if self._queue else self._default
        return behaviour(request) if callable(behaviour) else behaviour

    def wait_for_streams(self, count: int, timeout: float = 10.0) -> list[StreamRecord]:
        """Until `count` streams have ended (finished or cut off)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ended = [s for s in self.streams if s.finished or s.cut_off]
            if len(ended) >= count:
                return ended
            time.sleep(0.05)
        raise AssertionError(f"streams did not end: {self.streams}")

    # -- the wire protocol ----------------------------------------------------------------------

    async def completions(self, request: Request) -> Response:
        body = await request.json()
        chat = ChatRequest(body)
        if body.get("logprobs") and not body.get("stream"):
            with self._lock:
                self.choice_requests.append(chat)
                reply = self.choice
        else:
            reply = self._next(chat)
        if reply.delay and await _client_left_during(request, reply.delay):
            return Response(status_code=499)
        if reply.status != 200:
            error = {"error": {"message": reply.text or "error", "type": "server_error", "code": reply.status}}
            return JSONResponse(error, status_code=reply.status)
        model = body.get("model", "stand-in")
        if not body.get("stream"):
            choice: dict[str, Any] = {"index": 0, "message": {"role": "assistant", "content": reply.text}, "finish_reason": "stop"}
            if body.get("logprobs"):
                token = {"token": reply.text, "logprob": 0.0, "bytes": list(reply.text.encode())}
                choice["logprobs"] = {"content": [{**token, "top_logprobs": [token]}]}
            return JSONResponse(
                {
                    "id": "chatcmpl-standin",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [choice],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            )
        record = StreamRecord()
        self.streams.append(record)
        return StreamingResponse(self._events(reply, model, record), media_type="text/event-stream")

    async def _events(self, reply: Reply, model: str, record: StreamRecord) -> AsyncIterator[bytes]:
        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            payload = {
                "id": "chatcmpl-standin",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n".encode()

        try:
            yield chunk({"role": "assistant", "content": ""})
            for index, piece in enumerate(_pieces(reply.text, reply.chunk_chars)):
                if reply.stall_after is not None and index >= reply.stall_after:
                    await asyncio.sleep(3600)
                if reply.chunk_delay and index:
                    await asyncio.sleep(reply.chunk_delay)
                yield chunk({"content": piece})
                record.chunks_sent += 1
            yield chunk({}, "stop")
            yield b"data: [DONE]\n\n"
            record.finished = True
        finally:
            if not record.finished:
                record.cut_off = True

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[StandInLLM]:
        port = free_port()
        standin = cls(url=f"http://127.0.0.1:{port}/v1")
        app = Starlette(routes=[Route("/v1/chat/completions", standin.completions, methods=["POST"])])
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", timeout_graceful_shutdown=2)
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the stand-in LLM did not start")
            time.sleep(0.05)
        try:
            yield standin
        finally:
            server.should_exit = True
            thread.join(timeout=10)


async def _client_left_during(request: Request, seconds: float) -> bool:
    """Wait, as a slow model would, unless the client gives up first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await request.is_disconnected():
            return True
        await asyncio.sleep(0.05)
    return False


def _pieces(text: str, size: int) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), max(size, 1))]


def closed_port_url() -> str:
    """An API root where nothing listens: an LLM that is down."""
    return f"http://127.0.0.1:{free_port()}/v1"

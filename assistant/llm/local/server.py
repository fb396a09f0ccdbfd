"""Serve the local model with llama.cpp's own OpenAI-compatible HTTP server, from Python.

Why xllamacpp: it ships llama.cpp prebuilt (no compiler, no model hub) with llama.cpp's server
inside, which speaks the `POST /v1/chat/completions` API (JSON and `stream: true` Server-Sent
Events), `GET /v1/models` and `GET /health` that `assistant.llm.openai_compatible` already talks
to. Nothing of the assistant runs in this process: it is the model server, as vLLM or Ollama would
be, so the assistant reaches it over HTTP exactly as it would reach those in production.

One slot (`n_parallel = 1`): on two cores, two answers at once are each slower than one after the
other. llama.cpp keeps the slot's last prompt in its cache and reuses the longest common prefix, so
the system prompt, identical for every answer, is read once rather than on every question.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import httpx

from assistant.llm.local.model_file import MODEL_ALIAS

HOST = "127.0.0.1"


def build_params(model: Path, port: int, threads: int, context: int, verbose: bool = False):  # noqa: ANN201 - xllamacpp type
    import xllamacpp as xlc

    params = xlc.CommonParams()
    params.model.path = str(model)
    params.model_alias = {MODEL_ALIAS}
    params.hostnames = [HOST]
    params.port = port
    params.n_ctx = context
    params.n_parallel = 1
    params.cpuparams.n_threads = threads
    params.cpuparams_batch.n_threads = threads
    params.cors_origins = ""  # no web page may call the model from a browser
    params.verbosity = 3 if verbose else 1  # 1: warnings and errors only
    return params


def wait_healthy(base: str, timeout: float = 30.0) -> None:
    """Until `GET /health` says ok (the model is loaded and the slot ready)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"the local model server at {base} did not become healthy")
        time.sleep(0.1)


def serve(
    model: Path,
    port: int,
    threads: int,
    context: int,
    on_ready: Callable[[str], None],
    verbose: bool = False,
) -> None:
    """Load the model, serve it on 127.0.0.1:`port`, call `on_ready(api_root)`, and return once
    SIGTERM or SIGINT arrives (the server is stopped by then)."""
    import xllamacpp as xlc

    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Handlers, not the default action: the default ends the process mid-write with llama.cpp's
    # threads running; this way the main thread stops the server and the process exits normally.
    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        server = xlc.Server(build_params(model, port, threads, context, verbose))  # returns once listening
        try:
            wait_healthy(f"http://{HOST}:{port}")
            on_ready(f"http://{HOST}:{port}/v1")
            while not stop.wait(0.5):
                pass
        finally:
            del server  # stops the HTTP server and frees the model
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

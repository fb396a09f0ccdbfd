"""`python -m assistant.llm.local` as a child process: started, waited for, stopped — for the tools
(the benchmark) and the tests that need the real model beside them."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalModelProcess:
    url: str  # the API root, as ASSISTANT_LLM_BASE_URL (".../v1")
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)  # its stdout and stderr lines so far

    @classmethod
    @contextmanager
    def start(cls, threads: int | None = None, port: int | None = None, timeout: float = 600) -> Iterator[LocalModelProcess]:
        """Start it (on a free port unless given), wait for its `ready:` line, SIGTERM it at the end.
        `threads` None: ASSISTANT_LOCAL_LLM_THREADS, or the CPU count."""
        port = port or free_port()
        command = [sys.executable, "-m", "assistant.llm.local", "--port", str(port)]
        if threads is not None:
            command += ["--threads", str(threads)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        output: list[str] = []
        ready = threading.Event()

        def read() -> None:
            assert process.stdout is not None
            for line in process.stdout:
                output.append(line.rstrip("\n"))
                if line.startswith("ready: "):
                    ready.set()

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        deadline = time.monotonic() + timeout
        while not ready.wait(0.2):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise RuntimeError("python -m assistant.llm.local did not start:\n" + "\n".join(output[-20:]))
        url = next(line for line in output if line.startswith("ready: ")).split()[1]
        local = cls(url, process, output)
        try:
            yield local
        finally:
            local.stop()
            reader.join(timeout=10)

    def stop(self, timeout: float = 60) -> int | None:
        """SIGTERM, as `./run.sh` and service managers stop it; its exit code (None if it had to be killed)."""
        if self.process.poll() is not None:
            return self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


def default_test_threads() -> int | None:
    """Threads for a model that shares the cores with other work: ASSISTANT_LOCAL_LLM_THREADS if set, else 1
    (on two shared cores one thread is faster than two)."""
    return None if os.environ.get("ASSISTANT_LOCAL_LLM_THREADS") else 1

"""The real HTTP server in its own process, questions at a fixed concurrency, its peak memory.

The server is started exactly as in production (`python -m uvicorn server:app`, or the bench's
`bench.hashing_server:app` for the hashing store) with `ASSISTANT_DATA_DIR` pointing at the store;
latency is measured by the client around each `POST /v1/ask` (what a user waits for), at 1, 4 and 16
requests in flight from as many threads with their own keep-alive connection. Peak RSS is the
kernel's high-water mark of the server process (`VmHWM`), which catches start-up peaks that
sampling would miss.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

from assistant.settings import PROJECT_ROOT
from bench.stats import percentile


@dataclass
class ServerProcess:
    url: str
    process: subprocess.Popen[bytes]
    started: float
    ready_s: float = 0.0
    first_answer_s: float = 0.0
    log: Path | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss(self) -> tuple[int, int]:
        """(current RSS, peak RSS) in bytes, from /proc (psutil as a fallback for the current)."""
        current = peak = 0
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = int(line.split()[1]) * 1024
                elif line.startswith("VmRSS:"):
                    current = int(line.split()[1]) * 1024
        except OSError:
            current = psutil.Process(self.pid).memory_info().rss
        return current, peak or current


@dataclass
class LoadResult:
    concurrency: int
    latencies_ms: list[float] = field(default_factory=list)
    server_ms: list[float] = field(default_factory=list)
    errors: int = 0
    answered: int = 0
    wall_s: float = 0.0

    def p(self, percent: float) -> float:
        return percentile(self.latencies_ms, percent)

    @property
    def throughput(self) -> float:
        return len(self.latencies_ms) / self.wall_s if self.wall_s else 0.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    app: str, data_dir: Path, first_question: str, env: dict[str, str] | None = None, timeout: float = 3600, log: Path | None = None
) -> Iterator[ServerProcess]:
    """Start `uvicorn APP` on a free port over `data_dir`; yields once a first answer came back,
    with the time from process start to ready (`/healthz` 200) and to that first answer."""
    port = free_port()
    # The load comes from one address with no key: the per-client rate limit (120/minute by default)
    # would answer most of it with 429. The benchmark measures answering, so the limit is lifted.
    environment = {**os.environ, "ASSISTANT_DATA_DIR": str(data_dir), "ASSISTANT_RATE_LIMIT": "1000000/minute", **(env or {})}
    command = [sys.executable, "-m", "uvicorn", app, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    output = open(log, "wb") if log else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT)
    server = ServerProcess(f"http://127.0.0.1:{port}", process, started, log=log)
    try:
        with httpx.Client(timeout=60) as client:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited with {process.returncode} (log: {log})")
                if time.perf_counter() - started > timeout:
                    raise RuntimeError(f"server not ready after {timeout:.0f} s")
                try:
                    if client.get(f"{server.url}/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.05)
            server.ready_s = time.perf_counter() - started
            response = client.post(f"{server.url}/v1/ask", json={"question": first_question})
            response.raise_for_status()
            server.first_answer_s = time.perf_counter() - started
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            output.close()  # type: ignore[union-attr]


def run_load(url: str, questions: list[str], concurrency: int, requests: int, warmup: int = 0) -> LoadResult:
    """`requests` questions (cycling through `questions`), `concurrency` in flight at all times."""
    result = LoadResult(concurrency)
    lock = threading.Lock()
    counter = iter(range(warmup + requests))

    def worker() -> None:
        with httpx.Client(timeout=120) as client:
            while True:
                with lock:
                    number = next(counter, None)
                if number is None:
                    return
                question = questions[number % len(questions)]
                started = time.perf_counter()
                try:
                    response = client.post(f"{url}/v1/ask", json={"question": question})
                    elapsed = (time.perf_counter() - started) * 1000
                    ok = response.status_code == 200
                    body = response.json() if ok else {}
                except httpx.HTTPError:
                    ok, elapsed, body = False, 0.0, {}
                if number < warmup:
                    continue
                with lock:
                    if not ok:
                        result.errors += 1
                        continue
                    result.latencies_ms.append(elapsed)
                    result.server_ms.append(float(body.get("latency_ms", 0.0)))
                    result.answered += bool(body.get("answered"))

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(worker) for _ in range(concurrency)]:
            future.result()
    result.wall_s = time.perf_counter() - started
    return result


def print_load(label: str, server: ServerProcess, results: list[LoadResult], store_bytes: int) -> None:
    from bench.stats import mib

    current, peak = server.rss()
    print(f"{label}")
    print(f"  start -> ready {server.ready_s:.1f} s; start -> first answer {server.first_answer_s:.1f} s")
    print(f"  {'concurrency':>12}{'requests':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'server p50':>12}{'req/s':>8}{'errors':>8}")
    for r in results:
        print(
            f"  {r.concurrency:>12}{len(r.latencies_ms):>10}{r.p(50):>9.1f}{r.p(95):>9.1f}{r.p(99):>9.1f}"
            f"{percentile(r.server_ms, 50):>12.1f}{r.throughput:>8.1f}{r.errors:>8}"
        )
    print(f"  server RSS: peak {mib(peak)}, after the load {mib(current)}; store on disk {mib(store_bytes)}")

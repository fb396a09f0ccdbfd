"""Soak test: a few thousand mixed requests at concurrency 16, uploads and deletes in between, then
every answer and the store's integrity checked. Loopback only, bounded in count and in time.

    python bench/soak.py                       # 3,000 requests, concurrency 16, 2 workers, at most 20 min
    python bench/soak.py --requests 300 --duration 240      # the short run CI does

By default it starts its own stack on 127.0.0.1 and removes it afterwards: a `chroma run` server,
and `uvicorn server:app --workers 2` over it with freshly made API keys (one reader, one admin);
the sample reports are uploaded through the API first. `--url` points it at a running server
instead (with `--reader-key`/`--admin-key`); only loopback addresses are accepted.

Every response is checked, not only its status: answers to the gold questions (`--gold`, the
project's dev set when present) carry their facts and cite their report; each report the soak
uploads has a figure of its own, asked for while the report is there (it must be answered, citing
that file) and after it is deleted (it must not be); a stream ends with exactly the answer its
deltas built; refused requests get their documented 4xx. At the end: every report that should be
there is listed (lost documents), none that was deleted is, every node agrees (/healthz on many
connections), the stack is restarted and the list checked again, and `python -m ingest --check`
compares the registry with the chunks present. Exit status 1 on any error or lost document.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_GOLD = ROOT.parent / "shared" / "eval" / "dev.jsonl"

PROVINCES = ["Lào Cai", "Quảng Ninh", "Nghệ An", "Huế", "Đà Nẵng", "Khánh Hòa", "Gia Lai", "Cần Thơ", "Cà Mau", "An Giang"]

# What each kind of request weighs in the mix (uploads and deletes are slow: they embed or write).
MIX = {
    "ask_gold": 22, "ask_upload": 14, "stream": 10, "search": 12, "documents": 8, "examples": 3,
    "health": 3, "feedback": 4, "bad": 8, "upload": 8, "delete": 6, "whoami": 2,
}


# -- the stack ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[:3]} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not come up")


@dataclass
class Stack:
    url: str
    reader: str
    admin: str
    restart: object = None  # callable restarting the API workers, when this script started them
    environment: dict[str, str] = field(default_factory=dict)


@contextmanager
def own_stack(workers: int, log_dir: Path) -> Iterator[Stack]:
    """chroma run + uvicorn --workers N on loopback, with keys made for this run; removed afterwards."""
    work = Path(tempfile.mkdtemp(prefix="soak-"))
    chroma_port, api_port = free_port(), free_port()
    chroma = subprocess.Popen(
        [str(Path(PYTHON).parent / "chroma"), "run", "--path", str(work / "chroma"), "--host", "127.0.0.1",
         "--port", str(chroma_port)],
        stdout=open(log_dir / "chroma.log", "wb"), stderr=subprocess.STDOUT,  # noqa: SIM115
    )
    reader, admin = secrets.token_hex(16), secrets.token_hex(16)
    environment = {
        **os.environ,
        "ASSISTANT_CHROMA_URL": f"http://127.0.0.1:{chroma_port}",
        "ASSISTANT_DATA_DIR": str(work / "data"),
        "ASSISTANT_API_KEYS": f"{reader}:reader,{admin}:admin",
        "ASSISTANT_RATE_LIMIT": "1000000/minute",
        "ASSISTANT_LOG_LEVEL": "warning",
    }
    api: list[subprocess.Popen] = []

    def start_api() -> None:
        api.append(subprocess.Popen(
            [PYTHON, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(api_port),
             "--workers", str(workers), "--log-level", "warning"],
            cwd=ROOT, env=environment, stdout=open(log_dir / f"api-{len(api)}.log", "wb"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        ))
        wait_until_up(f"http://127.0.0.1:{api_port}/healthz", api[-1])

    def stop_api() -> None:
        process = api[-1]
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()

    def restart() -> None:
        stop_api()
        start_api()

    try:
        wait_until_up(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", chroma, 60)
        start_api()
        yield Stack(f"http://127.0.0.1:{api_port}", reader, admin, restart, environment)
    finally:
        if api:
            stop_api()
        chroma.terminate()
        chroma.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def given_stack(stack: Stack) -> Iterator[Stack]:
    yield stack


# -- what the soak writes, asks and expects -----------------------------------------------------


@dataclass
class Upload:
    """A report of the soak's own, with one figure nobody else has."""

    name: str
    province: str
    quarter: str
    figure: str
    state: str = "new"  # new -> present -> deleting -> gone
    doc_id: str = ""
    asking: int = 0

    @property
    def question(self) -> str:
        return f"Sản lượng cá tra xuất khẩu của hợp tác xã {self.code} vụ {self.quarter} đạt bao nhiêu tấn?"

    @property
    def code(self) -> str:
        return self.name.split(".")[0].upper()

    def content(self) -> tuple[bytes, str]:
        # Words of its own (fish farming, not telecommunications), and no year: the soak's reports
        # must not change what the sample reports answer, or the gold questions would be judged
        # against another corpus than theirs.
        title = f"TIN NUÔI TRỒNG THỦY SẢN HỢP TÁC XÃ {self.code} ({self.province.upper()})"
        sentence = (
            f"Sản lượng cá tra xuất khẩu của hợp tác xã {self.code} vụ {self.quarter} đạt {self.figure} tấn, "
            f"nhiều hơn vụ trước {len(self.figure)} tấn."
        )
        other = f"Hợp tác xã {self.code} nuôi cá tra tại {self.province}."
        suffix = Path(self.name).suffix
        if suffix == ".docx":
            import io

            import docx

            document = docx.Document()
            document.add_paragraph(title, style="Title")
            document.add_paragraph("I. Kết quả", style="Heading 1")
            document.add_paragraph(sentence)
            document.add_paragraph(other)
            buffer = io.BytesIO()
            document.save(buffer)
            return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if suffix == ".html":
            page = f"<html><head><title>{title}</title></head><body><h1>I. Kết quả</h1><p>{sentence}</p><p>{other}</p></body></html>"
            return page.encode(), "text/html"
        if suffix == ".md":
            return f"# {title}\n\n## I. Kết quả\n\n{sentence}\n\n{other}\n".encode(), "text/markdown"
        return f"{title}\nI. KẾT QUẢ\n{sentence}\n{other}\n".encode("utf-16"), "text/plain"


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    count: int = 0

    def record(self, kind: str, started: float, status: int) -> None:
        self.latencies[kind].append((time.perf_counter() - started) * 1000)
        self.statuses[status] += 1
        self.count += 1

    def error(self, kind: str, message: str) -> None:
        self.errors.append(f"{kind}: {message}"[:400])


class Soak:
    def __init__(self, stack: Stack, gold: list[dict], seed: int) -> None:
        self.stack = stack
        self.gold = gold
        self.rng = random.Random(seed)
        self.figures = Figures()
        self.uploads: list[Upload] = []
        self.sample_sources: set[str] = set()
        self.reader = {"Authorization": f"Bearer {stack.reader}"}
        self.admin = {"X-API-Key": stack.admin}

    # each request kind: send it, check what came back; False when the check failed

    async def ask_gold(self, client: httpx.AsyncClient) -> None:
        if not self.gold:
            return await self.search(client)
        item = self.rng.choice(self.gold)
        body = await self._post(client, "ask_gold", "/v1/ask", {"question": item["question"]}, 200)
        if body is None:
            return
        text = " ".join(body["answer"].split()).replace(" ", "").lower()
        if item.get("answerable", True):
            missing = [f for f in item.get("facts", []) if f.replace(" ", "").lower() not in text]
            cited = {c["source"] for c in body["citations"]}
            if missing or (item.get("sources") and not cited & set(item["sources"])):
                self.figures.error("ask_gold", f"{item['question']!r}: missing {missing}, cited {sorted(cited)}")
        elif body["answered"]:
            self.figures.error("ask_gold", f"{item['question']!r} should be declined, got {body['answer'][:80]!r}")

    async def ask_upload(self, client: httpx.AsyncClient) -> None:
        present = [u for u in self.uploads if u.state == "present"]
        if not present:
            return await self.ask_gold(client)
        upload = self.rng.choice(present)
        upload.asking += 1
        try:
            body = await self._post(client, "ask_upload", "/v1/ask", {"question": upload.question}, 200)
        finally:
            upload.asking -= 1
        if body is None:
            return
        if upload.figure not in body["answer"] or upload.name not in {c["source"] for c in body["citations"]}:
            self.figures.error("ask_upload", f"{upload.name} ({upload.figure}) not answered: {body['answer'][:100]!r}")

    async def stream(self, client: httpx.AsyncClient) -> None:
        item = self.rng.choice(self.gold) if self.gold else {"question": "Doanh thu dịch vụ viễn thông đạt bao nhiêu?"}
        started = time.perf_counter()
        try:
            async with client.stream("POST", "/v1/ask/stream", json={"question": item["question"]},
                                     headers=self.reader) as response:
                raw = (await response.aread()).decode()
        except httpx.HTTPError as error:
            self.figures.record("stream", started, 0)
            return self.figures.error("stream", repr(error))
        self.figures.record("stream", started, response.status_code)
        if response.status_code != 200:
            return self.figures.error("stream", f"status {response.status_code}")
        events = []
        for block in raw.replace("\r\n", "\n").split("\n\n"):
            name = next((line[7:] for line in block.split("\n") if line.startswith("event: ")), None)
            data = "\n".join(line[6:] for line in block.split("\n") if line.startswith("data: "))
            if name:
                events.append((name, json.loads(data)))
        if not events or events[-1][0] != "done":
            return self.figures.error("stream", f"ended with {events[-1][0] if events else 'nothing'}")
        built = "".join(data["text"] for name, data in events if name == "delta")
        if built != events[-1][1]["answer"]:
            self.figures.error("stream", "the deltas do not add up to the final answer")

    async def search(self, client: httpx.AsyncClient) -> None:
        query = self.rng.choice(["cáp quang", "doanh thu bưu chính", "chuyển đổi số", "thuê bao di động", "an toàn thông tin"])
        hits = await self._post(client, "search", "/v1/search", {"query": query, "k": 5}, 200)
        if hits is not None:
            scores = [hit["score"] for hit in hits]
            if scores != sorted(scores, reverse=True):
                self.figures.error("search", "hits not in score order")

    async def documents(self, client: httpx.AsyncClient) -> None:
        expected = {u.name for u in self.uploads if u.state == "present"}
        listed = await self._get(client, "documents", "/v1/documents", 200, self.reader)
        if listed is not None:
            missing = expected - {d["source"] for d in listed}
            # A report deleted meanwhile is no longer "present", so it is not expected here.
            missing = {name for name in missing if any(u.name == name and u.state == "present" for u in self.uploads)}
            if missing:
                self.figures.error("documents", f"present reports not listed: {sorted(missing)}")

    async def examples(self, client: httpx.AsyncClient) -> None:
        await self._get(client, "examples", "/v1/examples", 200, self.reader)

    async def whoami(self, client: httpx.AsyncClient) -> None:
        body = await self._get(client, "whoami", "/v1/whoami", 200, self.admin)
        if body is not None and body.get("role") != "admin":
            self.figures.error("whoami", f"admin key seen as {body}")

    async def health(self, client: httpx.AsyncClient) -> None:
        body = await self._get(client, "health", "/healthz", 200, {})
        if body is not None and body.get("status") != "ok":
            self.figures.error("health", str(body))

    async def feedback(self, client: httpx.AsyncClient) -> None:
        record = {"rating": self.rng.choice(["up", "down"]), "question": "soak", "answer": "soak"}
        await self._post(client, "feedback", "/v1/feedback", record, 201)

    async def bad(self, client: httpx.AsyncClient) -> None:
        choice = self.rng.randrange(5)
        if choice == 0:
            await self._post(client, "bad", "/v1/ask", {"question": "   "}, 422)
        elif choice == 1:
            await self._post(client, "bad", "/v1/ask", {"question": "x" * 2000}, 422)
        elif choice == 2:
            await self._get(client, "bad", "/v1/documents", 401, {"X-API-Key": "wrong-" + secrets.token_hex(8)})
        elif choice == 3:
            await self._request(client, "bad", "POST", "/v1/documents", 403, self.reader,
                                files={"file": ("x.txt", "I. A\nB đạt 1.".encode())})
        else:
            await self._request(client, "bad", "POST", "/v1/documents", 422, self.admin,
                                files={"file": ("hong.pdf", b"%PDF-1.4 not really")})

    async def upload(self, client: httpx.AsyncClient) -> None:
        number = len(self.uploads)
        suffix = [".txt", ".md", ".docx", ".html"][number % 4]
        upload = Upload(
            name=f"soak{number:04d}{secrets.token_hex(2)}{suffix}",
            province=self.rng.choice(PROVINCES),
            quarter=self.rng.choice(["chiêm", "mùa", "đông xuân", "hè thu"]),
            figure=f"{self.rng.randrange(100, 999)}.{self.rng.randrange(100, 999)}",
        )
        self.uploads.append(upload)
        data, mime = upload.content()
        body = await self._request(client, "upload", "POST", "/v1/documents", 201, self.admin,
                                   files={"file": (upload.name, data, mime)})
        if body is not None:
            upload.doc_id, upload.state = body["doc_id"], "present"
        else:
            upload.state = "gone"

    async def delete(self, client: httpx.AsyncClient) -> None:
        idle = [u for u in self.uploads if u.state == "present" and u.asking == 0]
        if len(idle) < 3:  # keep a few reports around to ask about
            return await self.upload(client)
        upload = self.rng.choice(idle)
        upload.state = "deleting"
        status = await self._request(client, "delete", "DELETE", f"/v1/documents/{upload.doc_id}", 204, self.admin)
        upload.state = "gone" if status is not None else "present"

    # plumbing

    async def _post(self, client: httpx.AsyncClient, kind: str, path: str, body: dict, expected: int) -> object:
        return await self._request(client, kind, "POST", path, expected, self.reader, json=body)

    async def _get(self, client: httpx.AsyncClient, kind: str, path: str, expected: int, headers: dict) -> object:
        return await self._request(client, kind, "GET", path, expected, headers)

    async def _request(
        self, client: httpx.AsyncClient, kind: str, method: str, path: str, expected: int, headers: dict, **kwargs: object
    ) -> object:
        """The parsed body (or True for an empty one) when the status is the expected one, else None."""
        started = time.perf_counter()
        try:
            response = await client.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            self.figures.record(kind, started, 0)
            self.figures.error(kind, f"{method} {path}: {error!r}")
            return None
        self.figures.record(kind, started, response.status_code)
        if response.status_code != expected:
            self.figures.error(kind, f"{method} {path}: {response.status_code} instead of {expected}: {response.text[:200]}")
            return None
        if expected >= 400:
            detail = response.json().get("detail", "")
            if not isinstance(detail, str) or detail.isascii():
                self.figures.error(kind, f"{method} {path}: no Vietnamese reason: {detail!r}")
            return True
        return True if response.status_code == 204 else response.json()

    # the run

    async def seed(self, client: httpx.AsyncClient) -> None:
        """Upload the sample reports (with their sidecar metadata as form fields)."""
        reports = ROOT / "data" / "reports"
        for path in sorted(reports.glob("*.txt")):
            sidecar = path.with_name(path.name + ".meta.json")
            fields = json.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
            data = {key: str(value) for key, value in fields.items() if key in ("title", "period", "date")}
            response = await client.post("/v1/documents", headers=self.admin, data=data,
                                         files={"file": (path.name, path.read_bytes())}, timeout=600)
            if response.status_code not in (200, 201):
                raise SystemExit(f"could not upload {path.name}: {response.status_code} {response.text[:200]}")
            self.sample_sources.add(path.name)

    async def run(self, requests: int, concurrency: int, duration: float) -> float:
        kinds = list(MIX)
        weights = [MIX[kind] for kind in kinds]
        deadline = time.monotonic() + duration
        budget = iter(range(requests))
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        async with httpx.AsyncClient(base_url=self.stack.url, timeout=180, limits=limits) as client:
            await self.seed(client)
            for _ in range(3):
                await self.upload(client)

            async def worker() -> None:
                while time.monotonic() < deadline and next(budget, None) is not None:
                    kind = self.rng.choices(kinds, weights)[0]
                    await getattr(self, kind)(client)

            started = time.monotonic()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            return time.monotonic() - started

    async def verify(self) -> dict[str, object]:
        """After the load: the store holds exactly what it should, and every node says the same."""
        async with httpx.AsyncClient(base_url=self.stack.url, timeout=180) as client:
            listed = (await client.get("/v1/documents", headers=self.reader)).json()
            sources = {d["source"] for d in listed}
            expected = self.sample_sources | {u.name for u in self.uploads if u.state == "present"}
            gone = {u.name for u in self.uploads if u.state == "gone" and u.doc_id}
            lost = sorted(expected - sources)
            resurrected = sorted(gone & sources)
            for name in lost:
                self.figures.error("verify", f"lost document {name}")
            for name in resurrected:
                self.figures.error("verify", f"deleted document still listed: {name}")
            for upload in self.uploads:
                if upload.state not in ("present", "gone") or not upload.doc_id:
                    continue
                body = (await client.post("/v1/ask", json={"question": upload.question}, headers=self.reader)).json()
                found = upload.figure in body["answer"]
                if found != (upload.state == "present"):
                    self.figures.error("verify", f"{upload.name} ({upload.state}) answered={found}")
            healths = []
            for _ in range(8):  # separate connections: every worker is asked
                async with httpx.AsyncClient(base_url=self.stack.url, timeout=60) as fresh:
                    healths.append((await fresh.get("/healthz")).json())
            if any(not h.get("consistent") for h in healths) or len({(h["documents"], h["chunks"]) for h in healths}) > 1:
                self.figures.error("verify", f"nodes disagree: {healths}")
            return {"expected": len(expected), "listed": len(sources), "lost": lost, "resurrected": resurrected,
                    "health": healths[0]}


def check_store(stack: Stack) -> str:
    """`python -m ingest --check` on the store the stack used (its API workers are stopped meanwhile)."""
    result = subprocess.run([PYTHON, "-m", "ingest", "--check"], cwd=ROOT, env=stack.environment,
                            capture_output=True, text=True, timeout=600)
    return f"exit {result.returncode}: {result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}"


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def report(soak: Soak, elapsed: float, verified: dict, after_restart: dict | None, store_check: str) -> int:
    figures = soak.figures
    every = [value for values in figures.latencies.values() for value in values]
    print(f"\nrequests: {figures.count} in {elapsed:.1f} s ({figures.count / max(elapsed, 1e-9):.1f}/s)")
    print(f"statuses: {dict(sorted(figures.statuses.items()))}")
    print(f"latency ms (all): p50 {percentile(every, 0.5):.0f}, p95 {percentile(every, 0.95):.0f}, max {max(every, default=0):.0f}")
    print(f"{'kind':<12}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for kind in sorted(figures.latencies):
        values = figures.latencies[kind]
        print(f"{kind:<12}{len(values):>7}{percentile(values, 0.5):>9.0f}{percentile(values, 0.95):>9.0f}")
    uploaded = sum(1 for u in soak.uploads if u.doc_id)
    deleted = sum(1 for u in soak.uploads if u.state == "gone" and u.doc_id)
    print(f"uploads: {uploaded}, deletes: {deleted}, reports at the end: {verified['listed']} (expected {verified['expected']})")
    print(f"lost documents: {len(verified['lost'])}, deleted but still listed: {len(verified['resurrected'])}")
    if after_restart is not None:
        print(f"after a restart: lost {len(after_restart['lost'])}, listed {after_restart['listed']}")
    print(f"health: {verified['health']}")
    if store_check:
        print(f"store check (python -m ingest --check): {store_check}")
    print(f"errors: {len(figures.errors)}")
    for line in figures.errors[:20]:
        print(f"  {line}")
    failed = figures.errors or verified["lost"] or (after_restart and after_restart["lost"])
    failed = failed or (store_check and not store_check.startswith("exit 0"))
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=3000, help="requests to send (at most)")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=1200, help="seconds at most for the load phase")
    parser.add_argument("--workers", type=int, default=2, help="API workers of the stack this script starts")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD if DEFAULT_GOLD.exists() else None)
    parser.add_argument("--url", help="a running server on this machine instead of starting one")
    parser.add_argument("--reader-key", default=os.environ.get("SOAK_READER_KEY", ""))
    parser.add_argument("--admin-key", default=os.environ.get("SOAK_ADMIN_KEY", ""))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args(argv)
    if not 0 < args.requests <= 20000 or not 0 < args.duration <= 3600 or not 0 < args.concurrency <= 64:
        parser.error("keep it bounded: --requests 1..20000, --duration 1..3600 s, --concurrency 1..64")
    gold = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line.strip()] if args.gold else []

    # Stopped from outside (SIGTERM): unwind normally, so the stack this script started is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    log_dir = Path(tempfile.mkdtemp(prefix="soak-logs-"))
    if args.url:
        host = urlparse(args.url).hostname or ""
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            parser.error("the soak only sends traffic to this machine (a loopback address)")
        stacks = given_stack(Stack(args.url.rstrip("/"), args.reader_key, args.admin_key))
    else:
        stacks = own_stack(args.workers, log_dir)
    with stacks as stack:
        print(f"soak: {args.requests} requests at most, concurrency {args.concurrency}, {args.duration:.0f} s at most, "
              f"against {stack.url}" + (f" ({args.workers} workers over a Chroma server)" if not args.url else ""))
        soak = Soak(stack, gold, args.seed)
        elapsed = asyncio.run(soak.run(args.requests, args.concurrency, args.duration))
        verified = asyncio.run(soak.verify())
        after_restart, store_check = None, ""
        if stack.restart is not None:
            stack.restart()
            after_restart = asyncio.run(soak.verify())
            store_check = check_store(stack)
    code = report(soak, elapsed, verified, after_restart, store_check)
    if args.json:
        args.json.write_text(json.dumps({
            "requests": soak.figures.count, "seconds": elapsed, "statuses": soak.figures.statuses,
            "errors": soak.figures.errors, "lost": verified["lost"],
            "latency_ms": {k: {"p50": percentile(v, 0.5), "p95": percentile(v, 0.95), "n": len(v)}
                           for k, v in soak.figures.latencies.items()},
        }, ensure_ascii=False, indent=2), "utf-8")
    print(f"logs: {log_dir}")
    return code


if __name__ == "__main__":
    sys.exit(main())

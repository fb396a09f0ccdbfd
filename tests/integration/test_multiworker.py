"""Several API processes over one real Chroma server answer consistently: `uvicorn --workers 2` and a
second `python server.py` node, each with its own BM25 index, rebuilt when the store's state token
changes. What is uploaded through one is answered through every other; what is deleted is gone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.settings import PROJECT_ROOT
from tests.support import ChromaServer, build_docx, free_port, unique_collection

pytestmark = pytest.mark.slow

ADMIN = "admin-key-0123456789abcdef"
READER = "reader-key-0123456789abcdef"
FACT = ("Sản lượng bưu gửi quý III/2024 ước đạt bao nhiêu?", "424 triệu")
OTHER = ("Doanh thu công nghiệp ICT quý III/2024 đạt bao nhiêu?", "1.012 nghìn tỷ")


def report(title: str, sentence: str) -> bytes:
    return build_docx([("Title", title), ("Heading 1", "I. Kết quả"), ("Normal", sentence)])


@pytest.fixture(scope="module")
def nodes(chroma_server: ChromaServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Node A: uvicorn with two workers; node B: `python server.py`; one Chroma server behind both."""
    collection = unique_collection()
    env = {
        **os.environ,
        "ASSISTANT_CHROMA_URL": chroma_server.url,
        "ASSISTANT_COLLECTION": collection,
        "ASSISTANT_API_KEYS": f"{READER}:reader,{ADMIN}:admin",
        "ASSISTANT_RATE_LIMIT": "10000/minute",
    }
    port_a, port_b = free_port(), free_port()
    logs = tmp_path_factory.mktemp("nodes")
    a_log, b_log = open(logs / "a.log", "wb"), open(logs / "b.log", "wb")  # noqa: SIM115
    node_a = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "server:app", "--host", "127.0.0.1", "--port", str(port_a), "--workers", "2"],
        cwd=PROJECT_ROOT, env={**env, "ASSISTANT_DATA_DIR": str(logs / "a")}, stdout=a_log, stderr=subprocess.STDOUT,
    )
    node_b = subprocess.Popen(
        [sys.executable, "server.py"],
        cwd=PROJECT_ROOT,
        env={**env, "ASSISTANT_DATA_DIR": str(logs / "b"), "ASSISTANT_PORT": str(port_b), "ASSISTANT_WORKERS": "1"},
        stdout=b_log, stderr=subprocess.STDOUT,
    )
    urls = {"a": f"http://127.0.0.1:{port_a}", "b": f"http://127.0.0.1:{port_b}"}
    try:
        for url in urls.values():
            deadline = time.monotonic() + 300
            while True:
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert node_a.poll() is None and node_b.poll() is None, (logs / "a.log").read_text()
                assert time.monotonic() < deadline, "the API nodes did not start"
                time.sleep(0.5)
        # Node A really runs two worker processes (uvicorn's supervisor and its children).
        children = Path(f"/proc/{node_a.pid}/task/{node_a.pid}/children").read_text().split()
        workers = [pid for pid in children if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2, children
        yield urls
    finally:
        for process in (node_a, node_b):
            process.terminate()
        for process in (node_a, node_b):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
        a_log.close()
        b_log.close()


def ask(url: str, question: str) -> dict:
    """One question on a connection of its own, so successive calls spread over node A's workers."""
    response = httpx.post(f"{url}/v1/ask", json={"question": question}, headers={"X-API-Key": READER}, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


def upload(url: str, name: str, data: bytes) -> dict:
    response = httpx.post(f"{url}/v1/documents", files={"file": (name, data)}, headers={"X-API-Key": ADMIN}, timeout=300)
    assert response.status_code == 201, response.text
    return response.json()


def test_what_one_node_writes_every_worker_of_every_node_answers(nodes: dict[str, str]):
    first = upload(nodes["b"], "buu-chinh.docx", report(
        "BÁO CÁO BƯU CHÍNH QUÝ III/2024",
        "Sản lượng bưu gửi quý III/2024 ước đạt 424 triệu bưu gửi, tăng 12% so với cùng kỳ.",
    ))
    for _ in range(12):  # fresh connections: both workers of node A take some
        answer = ask(nodes["a"], FACT[0])
        assert answer["answered"] and FACT[1] in answer["answer"], answer
        assert answer["citations"][0]["source"] == "buu-chinh.docx"

    second = upload(nodes["a"], "cong-nghiep.docx", report(
        "BÁO CÁO CÔNG NGHIỆP ICT QUÝ III/2024",
        "Doanh thu công nghiệp ICT quý III/2024 ước đạt 1.012 nghìn tỷ đồng, tăng 9% so với cùng kỳ.",
    ))
    for url in (nodes["b"], nodes["a"], nodes["a"]):
        answer = ask(url, OTHER[0])
        assert answer["answered"] and OTHER[1] in answer["answer"], answer

    deleted = httpx.delete(f"{nodes['a']}/v1/documents/{first['doc_id']}", headers={"X-API-Key": ADMIN})
    assert deleted.status_code == 204
    for url in (nodes["b"], nodes["a"], nodes["a"], nodes["a"]):
        assert FACT[1] not in ask(url, FACT[0])["answer"]
        listed = httpx.get(f"{url}/v1/documents", headers={"X-API-Key": READER}).json()
        assert [d["doc_id"] for d in listed] == [second["doc_id"]]

    healths = [httpx.get(f"{url}/healthz").json() for url in (nodes["a"], nodes["a"], nodes["b"])]
    assert all(h["consistent"] and h["documents"] == 1 for h in healths)
    assert len({h["indexed"] for h in healths}) == 1

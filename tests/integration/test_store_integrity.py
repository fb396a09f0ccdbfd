"""The store under faults and concurrency, on both kinds of store (embedded folder, Chroma server):
an ingest process killed part-way with SIGKILL, writers racing on one report with no lock between
them, the start-up check that refuses (or repairs) a store that lost chunks."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant.service import StoreIntegrityError
from assistant.settings import PROJECT_ROOT, Settings, StoreSettings
from assistant.wiring import build_service
from ingest.pipeline import parse_report
from tests.support import LiveServer, fake_service_settings
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.glossary import Glossary

CHUNK_SIZE = 200


def big_report(marker: str, sections: int = 40, paragraphs: int = 30) -> str:
    """A long report (about 1,200 chunks of 200 characters): writing it takes many batches."""
    lines = ["BÁO CÁO TỔNG HỢP SỐ LIỆU NĂM 2023"]
    for section in range(1, sections + 1):
        lines.append(f"{section}. Lĩnh vực số {section}")
        for paragraph in range(paragraphs):
            lines.append(
                f"Chỉ tiêu {section}.{paragraph} của bản {marker} đạt {section * paragraph},{paragraph}% kế hoạch. "
                f"Kết quả bản {marker} tăng {paragraph} điểm so với cùng kỳ năm 2022."
            )
            lines.append("")
    return "\n".join(lines)


def expected_texts(text: str, name: str) -> list[str]:
    parsed = parse_report(text.encode(), name, Glossary.load(), CHUNK_SIZE)
    return sorted(chunk.text for chunk in parsed.chunks)


def live_texts(store: ChromaStore, doc_id: str) -> list[str]:
    return sorted(chunk.text for chunk in store.chunks_of(doc_id))


def run_child(data_dir: Path, mode: dict[str, str], file: Path, kill_after: str | None = None) -> list[str]:
    """Ingest `file` in a child process; SIGKILL it as soon as it prints `kill_after`."""
    command = [
        sys.executable, "-m", "tests.ingest_child",
        str(data_dir), mode.get("chroma_url", "-"), mode["collection"], str(file), kill_after or "",
    ]
    child = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, text=True)
    seen: list[str] = []
    assert child.stdout is not None
    for line in child.stdout:
        seen.append(line.strip())
        if kill_after is not None and line.strip() == kill_after:
            child.send_signal(signal.SIGKILL)
            break
    child.wait(timeout=300)
    if kill_after is None:
        assert child.returncode == 0, seen
    else:
        assert child.returncode == -signal.SIGKILL, seen
    return seen


@pytest.fixture()
def mode(store_mode: dict[str, str]) -> dict[str, str]:
    return {"collection": "reports", **store_mode}


# Where the kill lands: while the new version's chunks are being written (early, in the middle, late),
# and after the commit point but before the old version is deleted.
KILL_POINTS = ["chunks 1", "chunks 2", "chunks 4", "registry 1"]


@pytest.mark.parametrize("kill_after", KILL_POINTS)
def test_an_ingest_killed_part_way_leaves_one_whole_version(tmp_path: Path, mode: dict[str, str], kill_after: str):
    old, new = big_report("cũ"), big_report("mới")
    file = tmp_path / "tong-hop.txt"
    file.write_text(old, "utf-8")
    run_child(tmp_path, mode, file)
    file.write_text(new, "utf-8")
    seen = run_child(tmp_path, mode, file, kill_after=kill_after)
    assert seen[-1] == kill_after and not any(line.startswith("done") for line in seen)

    # What a restarted server does: open the store, collect garbage, check, build its index.
    service = fake_service_settings(tmp_path, chunk_size=CHUNK_SIZE, **mode)
    service.warm_up()
    doc_id = service.list_documents()[0].doc_id
    committed = kill_after.startswith("registry")
    texts = live_texts(service.components.store, doc_id)
    assert texts == expected_texts(new if committed else old, file.name)  # one version, whole
    check = service.components.store.check()
    assert check.consistent and check.chunks == len(texts)
    health = service.health()
    assert health["consistent"] and health["indexed"] == health["chunks"] == len(texts)
    # Search sees exactly that version; nothing of the other one is left to be found.
    shown, hidden = ("mới", "cũ") if committed else ("cũ", "mới")
    hits = service.search(f"Chỉ tiêu 7.3 của bản {hidden}", 20)
    assert hits and all(f"bản {shown}" in hit.text and f"bản {hidden}" not in hit.text for hit in hits)
    if "chroma_url" not in mode:  # one process owns an embedded store: no garbage survives start-up
        assert service.components.store.count() == len(texts)

    # And the store takes the next write normally.
    file.write_text(new, "utf-8")
    run_child(tmp_path, mode, file)
    assert live_texts(ChromaStore(open_client(StoreSettings(data_dir=tmp_path, chroma_url=mode.get("chroma_url"))), mode["collection"], "fake-32"), doc_id) == (
        expected_texts(new, file.name)
    )


def test_writers_racing_on_one_report_never_leave_it_incomplete(tmp_path: Path, mode: dict[str, str]):
    """Several writers (as API workers on several nodes would be) add, replace and delete the same
    reports at once, each with its own client and no lock between them."""
    versions = {f"bản {n}": f"I. TỔNG QUAN\nSản lượng bản {n} đạt {n} triệu.\n\nII. CHI TIẾT\nChỉ tiêu bản {n} đạt {n}%."
                for n in range(4)}
    names = ["a.txt", "b.txt"]
    errors: list[BaseException] = []

    # One client each, made one after the other (chromadb's client set-up itself is not thread-safe).
    services = [fake_service_settings(tmp_path, **mode) for _ in range(4)]

    def writer(seed: int) -> None:
        service = services[seed]
        rng = random.Random(seed)
        try:
            for _ in range(25):
                name = rng.choice(names)
                if rng.random() < 0.2:
                    for info in service.list_documents():
                        if info.source == name:
                            service.delete_document(info.doc_id)
                else:
                    text = versions[rng.choice(list(versions))]
                    report = service.add_document(text.encode(), name)
                    assert report.status != "failed", report
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not errors, errors

    service = fake_service_settings(tmp_path, **mode)
    check = service.components.store.check()
    assert check.consistent, check.incomplete
    for record in service.components.store.documents():
        texts = " ".join(live_texts(service.components.store, record.doc_id))
        assert len(service.components.store.chunks_of(record.doc_id)) == record.chunk_count
        assert sum(f"bản {n} " in texts for n in range(4)) == 1  # exactly one version, whole
    health = service.health()
    assert health["consistent"]


def test_young_unseen_chunks_are_left_to_the_writer_that_owns_them(tmp_path: Path, mode: dict[str, str]):
    service = fake_service_settings(tmp_path, **mode)
    report = service.add_document("I. A\nSản lượng đạt 5 triệu.".encode(), "a.txt")
    # A write in progress elsewhere: chunks of a version the registry does not name yet.
    parsed = parse_report("I. A\nSản lượng đạt 6 triệu.".encode(), "a.txt", Glossary.load(), 1000)
    store = service.components.store
    store._chunks.upsert(
        ids=[chunk.chunk_id for chunk in parsed.chunks],
        embeddings=[[0.1] * 32 for _ in parsed.chunks],
        documents=[chunk.text for chunk in parsed.chunks],
        metadatas=[{**chunk.to_metadata(), "written_at": time.time()} for chunk in parsed.chunks],
    )
    assert store.collect_garbage(older_than=600) == 0
    assert store.count() == report.chunks + len(parsed.chunks)
    assert store.collect_garbage() == len(parsed.chunks)
    assert store.count() == report.chunks


def test_a_store_that_lost_chunks_is_refused_at_start_up_then_repaired(tmp_path: Path, mode: dict[str, str]):
    service = fake_service_settings(tmp_path, **mode)
    kept = service.add_document("I. A\nSản lượng đạt 5 triệu.\n\nII. B\nDoanh thu đạt 7 tỷ.".encode(), "giu.txt")
    damaged = service.add_document(big_report("x", sections=3, paragraphs=5).encode(), "hong.txt")
    some = service.components.store.chunks_of(damaged.doc_id)[:2]
    service.components.store._chunks.delete(ids=[chunk.chunk_id for chunk in some])  # what a lost write looks like

    restarted = fake_service_settings(tmp_path, **mode)
    with pytest.raises(StoreIntegrityError) as refused:
        restarted.warm_up()
    message = str(refused.value)
    assert "hong.txt" in message and f"{damaged.chunks - 2} of {damaged.chunks}" in message
    assert "python -m ingest --repair" in message and "nạp lại" in message

    check = restarted.check_store(repair=True)
    assert check.consistent and [d.source for d in restarted.list_documents()] == ["giu.txt"]
    restarted.warm_up()
    assert restarted.health()["chunks"] == kept.chunks == restarted.health()["indexed"]


@pytest.mark.slow
def test_the_ingest_cli_checks_and_repairs(tmp_path: Path):
    service = build_service(Settings.from_variables(data_dir=tmp_path))  # the CLI's own model
    report = service.add_document(big_report("x", sections=3, paragraphs=6).encode(), "hong.txt")
    assert report.chunks >= 2
    service.components.store._chunks.delete(ids=[service.components.store.chunks_of(report.doc_id)[0].chunk_id])

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "ingest", *args, "--data-dir", str(tmp_path)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300,
        )

    checked = cli("--check")
    assert checked.returncode == 1 and "THIẾU  hong.txt" in checked.stderr
    repaired = cli("--repair")
    assert repaired.returncode == 0 and "khớp" in repaired.stderr
    assert cli("--check").returncode == 0


def test_health_reports_the_store_and_the_index_agreeing(tmp_path: Path, mode: dict[str, str]):
    service = fake_service_settings(tmp_path, **mode)
    added = service.add_document("I. A\nSản lượng đạt 5 triệu.\n\nII. B\nDoanh thu đạt 7 tỷ.".encode(), "a.txt")
    with LiveServer.start(service.settings, service) as server:
        health = httpx.get(server.url + "/healthz").json()
    assert health == {"status": "ok", "documents": 1, "chunks": added.chunks, "indexed": added.chunks, "consistent": True,
                      "answer_mode": "extractive", "llm": "off"}

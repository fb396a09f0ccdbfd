"""The command-line tools, run as a user runs them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_ingest_cli_reports_each_file_and_fails_on_a_bad_one(tmp_path: Path):
    reports = tmp_path / "in"
    reports.mkdir()
    (reports / "tot.md").write_text("# I. Tổng quan\n\nSố thuê bao băng rộng di động đạt 85,7 triệu.", "utf-8")
    (reports / "hong.docx").write_bytes(b"PK\x03\x04 not a docx")
    result = run("-m", "ingest", str(reports), "--data-dir", str(tmp_path / "store"), "--quiet")
    assert result.returncode == 1
    assert "hong.docx" in result.stderr and "DOCX" in result.stderr
    assert "tot.md" in result.stderr and "đã thêm" in result.stderr

    again = run("-m", "ingest", str(reports / "tot.md"), "--data-dir", str(tmp_path / "store"), "--quiet")
    assert again.returncode == 0
    assert "không đổi" in again.stderr


def test_eval_cli_prints_the_figures(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "I. VIỄN THÔNG\n- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%.\n- Số thuê bao di động đạt 85,7 triệu.", "utf-8"
    )
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "q1", "question": "Tỷ lệ hộ gia đình sử dụng cáp quang?", "answerable": True, "facts": ["77,1%"], "sources": ["a.txt"]},
        {"id": "q2", "question": "Bộ Y tế cấp bao nhiêu giấy phép hành nghề khám chữa bệnh?", "answerable": False},
    ]
    gold.write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), "utf-8")
    result = run("-m", "assistant.eval", str(gold), "--corpus", str(corpus), "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    for figure in ("fact_accuracy", "citation_accuracy", "abstention_accuracy", "context_recall@5", "latency_p95_ms"):
        assert figure in result.stdout
    (report,) = json.loads((tmp_path / "out.json").read_text("utf-8")).values()
    figures = report["figures"]
    assert figures["fact_and_citation"] == 1.0
    assert figures["abstention_accuracy"] == 1.0

"""The command-line tools, run as a user runs them."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.llm_standin import ChatRequest, Reply, StandInLLM

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    environment.update(env or {})
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=600, env=environment)


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


def test_ingest_cli_progress_follows_the_files_and_the_texts_embedded(tmp_path: Path):
    reports = tmp_path / "in"
    reports.mkdir()
    for year in (2021, 2022, 2023):
        (reports / f"bao-cao-{year}.txt").write_text(
            f"BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nBÁO CÁO CÔNG TÁC NĂM {year}\nI. KẾT QUẢ\n"
            f"1. Doanh thu dịch vụ bưu chính năm {year} đạt {year - 1990}.000 tỷ đồng.\n"
            f"2. Tỷ lệ hộ gia đình sử dụng cáp quang năm {year} đạt {year - 1950},5%.\n",
            "utf-8",
        )
    result = run("-m", "ingest", str(reports), "--data-dir", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    progress = result.stderr.replace("\r", "\n")
    # the bar counts the texts embedded out of their total, and says which file of how many is read
    counts = [tuple(map(int, m.groups())) for m in re.finditer(r"(\d+)/(\d+) đoạn và câu đã nhúng", progress)]
    assert counts and counts[-1][0] == counts[-1][1] > 0
    assert "tệp 1/3" in progress and "tệp 3/3" in progress
    # the issuer line is kept as the report's details, and each report says so
    assert progress.count("⚠") == 3 and "BỘ THÔNG TIN VÀ TRUYỀN THÔNG" in progress


def small_gold_set(tmp_path: Path) -> tuple[Path, Path]:
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
    return gold, corpus


def test_eval_cli_prints_the_figures(tmp_path: Path):
    gold, corpus = small_gold_set(tmp_path)
    result = run("-m", "assistant.eval", str(gold), "--corpus", str(corpus), "--json", str(tmp_path / "out.json"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("mode: extractive\n")
    assert re.search(r"^mode\s+extractive$", result.stdout, re.M)
    for figure in ("fact_accuracy", "citation_accuracy", "abstention_accuracy", "context_recall@5", "latency_p95_ms"):
        assert figure in result.stdout
    (report,) = json.loads((tmp_path / "out.json").read_text("utf-8")).values()
    figures = report["figures"]
    assert figures["fact_and_citation"] == 1.0
    assert figures["abstention_accuracy"] == 1.0


def test_eval_cli_in_generative_mode_answers_through_the_llm_and_says_so(tmp_path: Path, llm_standin: StandInLLM):
    """A model that quotes the first line stating a figure of the first passage it was given, with [1]
    (a passage opens with its headings)."""

    def quote_first_passage(request: ChatRequest) -> Reply:
        lines = request.passages()[1].split("\nMục: ", 1)[1].splitlines()[1:]  # the excerpt, after its section
        content = next(line for line in lines if any(ch.isdigit() for ch in line))
        return Reply(text=f"{content.lstrip('- ')} [1]")

    llm_standin.always(quote_first_passage)
    gold, corpus = small_gold_set(tmp_path)
    env = {"ASSISTANT_LLM_BASE_URL": llm_standin.url, "ASSISTANT_LLM_MODEL": "stand-in"}
    result = run("-m", "assistant.eval", str(gold), "--corpus", str(corpus), "--mode", "generative",
                 "--json", str(tmp_path / "out.json"), env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"mode: generative (LLM stand-in @ {llm_standin.url})\n")
    assert re.search(r"^mode\s+generative$", result.stdout, re.M)
    assert re.search(r"^generated_share\s+1\.000$", result.stdout, re.M)
    assert re.search(r"^fallback:low_confidence\s+1$", result.stdout, re.M)  # the unanswerable one
    (report,) = json.loads((tmp_path / "out.json").read_text("utf-8")).values()
    by_id = {r["id"]: r for r in report["results"]}
    assert by_id["q1"]["mode"] == "generative" and by_id["q1"]["correct"] and "77,1%" in by_id["q1"]["answer"]
    assert by_id["q2"]["fallback_reason"] == "low_confidence" and not by_id["q2"]["answered"]
    assert len(llm_standin.requests) == 1  # only the answerable question reached the model


def test_eval_cli_refuses_generative_mode_without_an_llm(tmp_path: Path):
    gold, corpus = small_gold_set(tmp_path)
    result = run("-m", "assistant.eval", str(gold), "--corpus", str(corpus), "--mode", "generative")
    assert result.returncode == 2
    assert "ASSISTANT_LLM_BASE_URL" in result.stderr

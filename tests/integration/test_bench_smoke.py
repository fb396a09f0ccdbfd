"""`python -m bench` end to end at toy sizes, with hashing vectors: every section runs and prints
its figures (never judged here: speed is the benchmark's business, not a test's)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.__main__ import default_eval_dir, main

EVAL = default_eval_dir()


@pytest.mark.skipif(not (EVAL / "dev.jsonl").exists(), reason="needs shared/eval beside the repository")
def test_the_benchmark_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main([
        "--work", str(tmp_path), "--embeddings", "hashing", "--requests", "3", "--max-questions", "4",
        "--quality-chunks", "150", "--scale-chunks", "150",
    ])
    out = capsys.readouterr().out
    assert code == 0
    for heading in ("1. Ingest", "2. HTTP server", "3. Side by side", "4. Quality at scale", "5. Latency at scale", "6. Targets"):
        assert heading in out
    assert "HASHING" in out
    assert "p95 ms" in out and "server RSS: peak" in out
    results = json.loads((tmp_path / "results.json").read_text("utf-8"))
    levels = [*results["http"]["levels"].values(), *results["scale"]["levels"].values()]
    assert levels and all(level["errors"] == 0 and level["requests"] > 0 for level in levels)


@pytest.mark.slow
@pytest.mark.llm
@pytest.mark.skipif(not (EVAL / "dev.jsonl").exists(), reason="needs shared/eval beside the repository")
def test_the_generative_section_runs_against_the_real_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], local_llm
) -> None:
    """`--only generative` end to end, one question per set, through the session's real model."""
    code = main(["--work", str(tmp_path), "--only", "generative", "--max-questions", "1", "--llm-url", local_llm.url])
    out = capsys.readouterr().out
    assert code == 0 and "Generated answers" in out and "6. Targets" in out
    results = json.loads((tmp_path / "results.json").read_text("utf-8"))
    sets = results["generative"]["sets"]
    assert set(sets) == {"dev", "xquad_vi_dev", "topic-present"}
    for row in sets.values():
        assert row["extractive"]["questions"] == row["generative"]["questions"] == 1
        assert "generated_share" in row["generative"] and "generated_share" not in row["extractive"]
    assert sets["topic-present"]["generative"]["unanswerable"] == 1 and "declined_generative" in sets["topic-present"]

"""The soak script's short run, as CI does it: `bench/soak.py` starts its own stack on loopback
(a chroma run server, uvicorn with two workers), sends mixed requests at concurrency 16 with
uploads and deletes in between, and exits non-zero on any wrong answer, error or lost document.
The README's figures come from a full run (3,000 requests)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow


def test_a_short_soak_loses_nothing_and_answers_everything_right():
    gold = PROJECT_ROOT.parent / "shared" / "eval" / "dev.jsonl"
    command = [sys.executable, "bench/soak.py", "--requests", "300", "--concurrency", "16", "--duration", "300"]
    if gold.exists():
        command += ["--gold", str(gold)]
    run = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1200)
    print(run.stdout[-4000:])
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "lost documents: 0, deleted but still listed: 0" in run.stdout
    assert "after a restart: lost 0" in run.stdout
    assert "errors: 0" in run.stdout

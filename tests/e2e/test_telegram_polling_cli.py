"""`python -m assistant.telegram`, as an administrator runs it: a real process long-polling the stand-in."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.telegram_standin import BotApiStandIn, new_person

pytestmark = pytest.mark.slow

REPORT = """BÁO CÁO KẾT QUẢ CÔNG TÁC QUÝ III NĂM 2024

I. Lĩnh vực Bưu chính

Sản lượng bưu gửi quý III/2024 ước đạt 424 triệu bưu gửi, tăng 12% so với cùng kỳ năm 2023.
"""


def clean_env(**values: str) -> dict[str, str]:
    """The machine's environment without any ASSISTANT_ setting the developer may have exported."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ASSISTANT_")}
    return {**env, **values}


def run_cli(tmp_path: Path, env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=timeout
    )


async def test_it_polls_answers_and_stops_cleanly(standin: BotApiStandIn, tmp_path: Path) -> None:
    bot = standin.new_bot()
    official = new_person()
    (tmp_path / "bao-cao-quy-3.txt").write_text(REPORT, "utf-8")
    env = clean_env(
        ASSISTANT_DATA_DIR=str(tmp_path / "store"),
        ASSISTANT_TELEGRAM_TOKEN=bot.token,
        ASSISTANT_TELEGRAM_BASE_URL=standin.base_url,
        ASSISTANT_TELEGRAM_ALLOWED_IDS=str(official.id),
    )
    ingested = run_cli(tmp_path, env, "ingest", str(tmp_path / "bao-cao-quy-3.txt"))
    assert ingested.returncode == 0, ingested.stderr

    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.telegram"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        bot.send_text(official, "San luong buu gui quy III/2024 uoc dat bao nhieu?")
        [answer] = await bot.wait_for_messages(official.id, timeout=120)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=60)

    assert "424 triệu bưu gửi" in answer["text"]
    assert "[1] Báo cáo kết quả công tác quý III năm 2024 (quý III/2024)\n    I. Lĩnh vực Bưu chính" in answer["text"]
    assert [c.method for c in bot.calls][:3] == ["getMe", "deleteWebhook", "getUpdates"]
    assert process.returncode == 0, output
    assert bot.token not in output  # request URLs carry the token; they are not logged


def test_without_a_token_it_says_what_is_missing(tmp_path: Path) -> None:
    result = run_cli(tmp_path, clean_env(ASSISTANT_DATA_DIR=str(tmp_path)), "assistant.telegram")
    assert result.returncode == 2
    assert "ASSISTANT_TELEGRAM_TOKEN" in result.stderr


def test_it_will_not_poll_when_webhook_mode_is_configured(tmp_path: Path) -> None:
    env = clean_env(
        ASSISTANT_DATA_DIR=str(tmp_path),
        ASSISTANT_TELEGRAM_TOKEN="123:abc",
        ASSISTANT_TELEGRAM_WEBHOOK_SECRET="s3cret",
    )
    result = run_cli(tmp_path, env, "assistant.telegram")
    assert result.returncode == 2
    assert "ASSISTANT_TELEGRAM_WEBHOOK_SECRET" in result.stderr

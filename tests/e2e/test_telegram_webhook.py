"""Webhook mode: the HTTP server runs the bot; Telegram (here the tests) posts updates with the secret."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assistant.service import AssistantService
from tests.e2e.conftest import bot_settings
from tests.e2e.telegram_standin import BotAccount, BotApiStandIn, new_person
from tests.support import LiveServer

pytestmark = pytest.mark.slow

SECRET = "webhook_Secret-2024"
WEBHOOK_URL = "https://tro-ly.example.gov.vn/telegram/webhook"
QUESTION = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"
OFFICIAL = new_person()


@pytest.fixture(scope="module")
def webhook_server(standin: BotApiStandIn, sample_service: AssistantService) -> Iterator[tuple[LiveServer, BotAccount]]:
    account = standin.new_bot()
    settings = bot_settings(
        standin,
        account,
        sample_service,
        telegram_allowed_ids=[OFFICIAL.id],
        telegram_webhook_secret=SECRET,
        telegram_webhook_url=WEBHOOK_URL,
    )
    with LiveServer.start(settings, sample_service) as server:
        yield server, account


def post_update(server: LiveServer, update: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(f"{server.url}/telegram/webhook", json=update, headers=headers or {}, timeout=30)


def test_the_server_registers_its_webhook_with_the_secret(webhook_server: tuple[LiveServer, BotAccount]) -> None:
    _, bot = webhook_server
    assert bot.webhook == {"url": WEBHOOK_URL, "secret_token": SECRET, "allowed_updates": ["message", "callback_query"]}


async def test_an_update_with_the_secret_is_answered(webhook_server: tuple[LiveServer, BotAccount]) -> None:
    server, bot = webhook_server
    bot.send_text(OFFICIAL, QUESTION)
    [update] = bot.deliver()
    response = post_update(server, update, {"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert response.status_code == 200
    [answer] = await bot.wait_for_messages(OFFICIAL.id)
    assert "27.477 tỷ đồng" in answer["text"] and "reply_markup" in answer

    bot.press(OFFICIAL, answer)  # the button works in webhook mode too
    [press] = bot.deliver()
    assert post_update(server, press, {"X-Telegram-Bot-Api-Secret-Token": SECRET}).status_code == 200
    edited = await bot.wait_for(lambda: bot.message(OFFICIAL.id, answer["message_id"]).get("edit_date") and
                                bot.message(OFFICIAL.id, answer["message_id"]), what="the quotes")  # fmt: skip
    assert any(e["type"] == "blockquote" for e in edited["entities"])


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {"X-Telegram-Bot-Api-Secret-Token": SECRET + "x"}],
    ids=["no header", "wrong secret", "longer secret"],
)
async def test_a_request_without_the_secret_is_refused(
    webhook_server: tuple[LiveServer, BotAccount], headers: dict[str, str]
) -> None:
    server, bot = webhook_server
    stranger = new_person()
    bot.send_text(stranger, QUESTION)
    [update] = bot.deliver()
    response = post_update(server, update, headers)
    assert response.status_code == 403
    assert "bí mật" in response.json()["detail"]
    # A good update after it is handled; the refused one never was (not even a refusal was sent).
    answered_before = len(bot.sent(OFFICIAL.id))
    bot.send_text(OFFICIAL, "/help")
    [good] = bot.deliver()
    assert post_update(server, good, {"X-Telegram-Bot-Api-Secret-Token": SECRET}).status_code == 200
    await bot.wait_for_messages(OFFICIAL.id, answered_before + 1)
    assert not bot.calls_to("sendMessage", stranger.id) and not bot.calls_to("sendChatAction", stranger.id)


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'{"message": {}}', b'"update"'])
def test_a_malformed_update_is_refused_clearly(webhook_server: tuple[LiveServer, BotAccount], body: bytes) -> None:
    server, _ = webhook_server
    response = httpx.post(
        f"{server.url}/telegram/webhook",
        content=body,
        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET, "content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 422
    assert "Telegram" in response.json()["detail"]


def test_without_a_secret_there_is_no_webhook(live_server: LiveServer) -> None:
    response = httpx.post(f"{live_server.url}/telegram/webhook", json={"update_id": 1}, timeout=30)
    assert response.status_code == 404

"""The bot's settings: typed as an administrator writes them, refused clearly when wrong."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from assistant.settings import Settings, TelegramSettings

TOKEN = "123456:AAE-secret_token"


def test_allowed_ids_read_as_an_administrator_types_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSISTANT_TELEGRAM_ALLOWED_IDS", " 123456789, -1001234567890;42 ")
    assert Settings().telegram.allowed_ids == [123456789, -1001234567890, 42]
    monkeypatch.setenv("ASSISTANT_TELEGRAM_ALLOWED_IDS", "")
    assert Settings().telegram.allowed_ids == []


def test_the_bot_is_off_and_nobody_is_allowed_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TOKEN", "ALLOWED_IDS", "WEBHOOK_SECRET", "WEBHOOK_URL"):
        monkeypatch.delenv(f"ASSISTANT_TELEGRAM_{name}", raising=False)
    settings = Settings(telegram=TelegramSettings(_env_file=None))
    assert settings.telegram.token is None and settings.telegram.allowed_ids == []
    assert not settings.telegram.webhook_enabled
    assert settings.telegram.base_url == "https://api.telegram.org/bot"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"telegram_allowed_ids": "12, nhóm"}, "telegram.allowed_ids"),
        ({"telegram_rate_limit": "nhiều lắm"}, "couldn't parse rate limit"),
        ({"telegram_token": TOKEN, "telegram_webhook_secret": "có dấu cách"}, "1-256 characters"),
        ({"telegram_token": TOKEN, "telegram_webhook_secret": "x" * 257}, "1-256 characters"),
        ({"telegram_webhook_secret": "abc"}, "ASSISTANT_TELEGRAM_TOKEN is not"),
        ({"telegram_token": TOKEN, "telegram_webhook_url": "https://bot.example/telegram/webhook"}, "WEBHOOK_SECRET"),
        ({"telegram_concurrent_updates": 0}, "telegram.concurrent_updates"),
        ({"telegram_base_url": "api.telegram.org/bot"}, "http:// or https://"),
    ],
)
def test_bad_values_are_refused_with_a_reason(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Settings.from_variables(**fields)


def test_errors_never_echo_the_token_or_the_secret() -> None:
    with pytest.raises(ValidationError) as refused:
        Settings.from_variables(telegram_token=TOKEN, telegram_webhook_url="https://bot.example/hook")
    assert TOKEN not in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        Settings.from_variables(telegram_token=TOKEN, telegram_webhook_secret="bí mật")
    assert "bí mật" not in str(refused.value) and TOKEN not in str(refused.value)
    assert TOKEN not in repr(Settings.from_variables(telegram_token=TOKEN))


def test_a_secret_turns_webhook_mode_on() -> None:
    settings = Settings.from_variables(telegram_token=TOKEN, telegram_webhook_secret="s3cret_-x")
    assert settings.telegram.webhook_enabled

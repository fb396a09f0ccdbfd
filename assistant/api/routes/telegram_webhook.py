"""Webhook mode: Telegram posts the bot's updates here, and only requests carrying the secret get in.

Telegram sends the secret given to setWebhook in the `X-Telegram-Bot-Api-Secret-Token` header of
every request; anything without it, or with another value, is refused before its body is read.
The update is queued for the bot (which the app's lifespan runs) and Telegram gets its 200 at
once, so a slow answer never makes Telegram retry the delivery.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request, Response, status
from telegram import Update
from telegram.ext import Application

from assistant.api.deps import SettingsDep
from assistant.api.schemas import ErrorResponse
from assistant.settings import Settings

logger = logging.getLogger(__name__)

router = APIRouter(tags=["telegram"])

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@router.post(
    "/telegram/webhook",
    status_code=status.HTTP_200_OK,
    responses={403: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, 503: {"model": ErrorResponse}},
)
async def telegram_webhook(
    request: Request,
    settings: SettingsDep,
    secret: Annotated[str | None, Header(alias=SECRET_HEADER, include_in_schema=False)] = None,
) -> Response:
    """Nhận cập nhật từ Telegram (chế độ webhook của bot); chỉ chấp nhận yêu cầu có đúng mã bí mật."""
    if not _is_the_secret(secret, settings):
        logger.warning("refused a Telegram webhook request without the right secret from %s", _client(request))
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Yêu cầu không có mã bí mật hợp lệ của Telegram.")
    application: Application | None = getattr(request.app.state, "telegram", None)
    if application is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Bot Telegram đang khởi động, vui lòng thử lại sau.")
    try:
        data = json.loads(await request.body())
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            raise ValueError("not an Update object")
        update = Update.de_json(data, application.bot)
        # What PTB's own webhook server and getUpdates do: turn a button's key back into its data.
        application.bot.insert_callback_data(update)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        logger.warning("refused a malformed Telegram update: %s", error)
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "Nội dung không phải bản cập nhật Telegram hợp lệ."
        ) from error
    await application.update_queue.put(update)
    return Response(status_code=status.HTTP_200_OK)


def _is_the_secret(sent: str | None, settings: Settings) -> bool:
    """Compared in constant time, so response timing tells nothing about the secret."""
    expected = settings.telegram.webhook_secret
    if expected is None or sent is None:
        return False
    return hmac.compare_digest(sent.encode(), expected.get_secret_value().encode())


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"

"""The bot's wiring, in one place: `ApplicationBuilder` from settings, then every handler.

Both run modes use `build_application`: long polling (`python -m assistant.telegram`) and webhook
mode, where the HTTP server's lifespan runs `webhook_bot` and its route feeds it updates.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InvalidCallbackData,
    MessageHandler,
    filters,
)

from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.telegram.handlers import AddressedToBot, Handlers, ShowQuotes

logger = logging.getLogger(__name__)

# New messages and button presses; edits, channel posts, inline queries… are not asked for.
ALLOWED_UPDATES: list[str] = [Update.MESSAGE, Update.CALLBACK_QUERY]

_NEW_MESSAGE = filters.UpdateType.MESSAGE
_QUESTION = _NEW_MESSAGE & filters.TEXT & ~filters.COMMAND & (
    filters.ChatType.PRIVATE | (filters.ChatType.GROUPS & AddressedToBot())
)


def build_application(settings: Settings, service: AssistantService, *, polling: bool = True) -> Application:
    """The bot, wired to `service`; `polling=False` leaves out the updater (webhook mode)."""
    if settings.telegram.token is None:
        raise ValueError("ASSISTANT_TELEGRAM_TOKEN is not set")
    builder = (
        ApplicationBuilder()
        .token(settings.telegram.token.get_secret_value())
        .base_url(settings.telegram.base_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        # Buttons carry Python objects kept by PTB (an LRU of 1024); Telegram only sees a key.
        .arbitrary_callback_data(True)
        .concurrent_updates(settings.telegram.concurrent_updates if settings.telegram.concurrent_updates > 1 else False)
    )
    if settings.telegram.base_url.endswith("/bot"):
        builder = builder.base_file_url(settings.telegram.base_url.removesuffix("bot") + "file/bot")
    if not polling:
        builder = builder.updater(None)
    application = builder.build()

    handlers = Handlers(service, settings)
    application.add_handler(CommandHandler(("start", "help"), handlers.help, filters=_NEW_MESSAGE))
    application.add_handler(CommandHandler("ask", handlers.ask, filters=_NEW_MESSAGE))
    application.add_handler(MessageHandler(_QUESTION, handlers.question))
    application.add_handler(MessageHandler(_NEW_MESSAGE & filters.COMMAND & filters.ChatType.PRIVATE, handlers.help))
    application.add_handler(MessageHandler(_NEW_MESSAGE & ~filters.TEXT & filters.ChatType.PRIVATE, handlers.not_text))
    application.add_handler(CallbackQueryHandler(handlers.show_quotes, pattern=ShowQuotes))
    application.add_handler(CallbackQueryHandler(handlers.expired_button, pattern=InvalidCallbackData))
    application.add_error_handler(handlers.error)
    return application


@asynccontextmanager
async def webhook_bot(settings: Settings, service: AssistantService) -> AsyncIterator[Application]:
    """The bot in webhook mode, running until the block ends (the HTTP server's lifespan).

    With `telegram_webhook_url` set it registers the webhook, with its secret, at start-up;
    otherwise the administrator registers it (README). Updates arrive through the route.
    """
    application = build_application(settings, service, polling=False)
    async with application:  # initialize (getMe) … shutdown
        if settings.telegram.webhook_url:
            assert settings.telegram.webhook_secret is not None  # Settings enforces it
            await application.bot.set_webhook(
                settings.telegram.webhook_url,
                secret_token=settings.telegram.webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES,
            )
            logger.info("Telegram webhook registered")
        await application.start()
        logger.info("Telegram bot @%s ready (webhook mode)", application.bot.username)
        try:
            yield application
        finally:
            await application.stop()

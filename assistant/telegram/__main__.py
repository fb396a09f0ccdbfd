"""`python -m assistant.telegram`: the bot with long polling, over the store in `ASSISTANT_DATA_DIR`.

Polling needs no public address: the bot asks Telegram for updates. It stops on Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import logging
import sys

from assistant.settings import get_settings
from assistant.telegram.bot import ALLOWED_UPDATES, build_application
from assistant.wiring import build_service


def main() -> int:
    settings = get_settings()
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=settings.server.log_level.upper())
    # httpx logs every request URL at INFO, and a Bot API URL contains the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if settings.telegram.token is None:
        print("ASSISTANT_TELEGRAM_TOKEN is not set: get a token from @BotFather and set it.", file=sys.stderr)
        return 2
    if settings.telegram.webhook_enabled:
        print(
            "ASSISTANT_TELEGRAM_WEBHOOK_SECRET is set, so the bot runs in webhook mode inside the HTTP server; "
            "polling would delete its webhook. Unset it to poll.",
            file=sys.stderr,
        )
        return 2
    service = build_service(settings)
    service.warm_up()
    logging.getLogger(__name__).info("%d reports ready", len(service.list_documents()))
    build_application(settings, service).run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


if __name__ == "__main__":
    sys.exit(main())

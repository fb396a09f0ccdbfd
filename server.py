"""The HTTP server and the web chat: `uvicorn server:app` (or `python server.py`).

`create_app(settings)` builds the FastAPI app; the service (embedding model, store, indexes) is
built when the app starts, not at import, and warmed up so the first question is answered fast.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool

from assistant.api import errors
from assistant.api.routes import ask, documents, feedback, health, search, stream, web
from assistant.service import AssistantService
from assistant.settings import Settings, get_settings

logger = logging.getLogger("assistant.server")

DESCRIPTION = """
Trợ lý tra cứu báo cáo của Bộ Thông tin và Truyền thông: trả lời câu hỏi tiếng Việt
(có hoặc không dấu, viết tắt như TTTT, CĐS, DVCTT…) bằng các câu trích nguyên văn từ báo cáo,
kèm trích dẫn đánh số [n] tới báo cáo và mục tương ứng.
"""


def create_app(settings: Settings | None = None, service: AssistantService | None = None) -> FastAPI:
    """The app; pass `service` to serve an already-built one (tests, embedding in another program).

    With `ASSISTANT_TELEGRAM_WEBHOOK_SECRET` set, it also runs the Telegram bot in webhook mode:
    the bot lives as long as the app, and `POST /telegram/webhook` feeds it updates.
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal service
        if service is None:
            service = await run_in_threadpool(AssistantService.from_settings, settings)
        await run_in_threadpool(service.warm_up)
        app.state.service = service
        logger.info("ready: %d reports, %d chunks", len(service.store.documents()), service.store.count())
        async with AsyncExitStack() as running:
            if settings.telegram_webhook_enabled:
                from assistant.telegram.bot import webhook_bot  # only when wanted: nothing heavy at import

                app.state.telegram = await running.enter_async_context(webhook_bot(settings, service))
            yield
        app.state.telegram = None
        app.state.service = None

    app = FastAPI(
        title="Trợ lý báo cáo Bộ TT&TT",
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.service = None
    app.state.telegram = None
    errors.install(app)
    for module in (ask, stream, search, documents, feedback, health, web):
        app.include_router(module.router)
    app.mount("/static", web.static_files(), name="static")
    if settings.telegram_webhook_enabled:
        from assistant.api.routes import telegram_webhook

        app.include_router(telegram_webhook.router)
    return app


app = create_app()


if __name__ == "__main__":
    import uvicorn

    current = get_settings()
    uvicorn.run("server:app", host=current.host, port=current.port, log_level=current.log_level)

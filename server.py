"""The HTTP server and the web chat: `uvicorn server:app` (or `python server.py`).

`create_app(settings)` builds the FastAPI app; the service (embedding model, store, indexes) is
built when the app starts, not at import, and warmed up so the first question is answered fast.
`python server.py` also refuses to listen beyond this machine while no API key is configured.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.middleware.cors import CORSMiddleware

from assistant.api import errors
from assistant.api.access import AccessMiddleware, KeyRing, RateLimit, describe_access, require_access_rules
from assistant.api.body_limit import BodyLimitMiddleware
from assistant.api.deps import ACCESS_RULES
from assistant.api.routes import ask, documents, feedback, health, indicators, search, stream, web, whoami
from assistant.prompts import Prompts
from assistant.service import AssistantService
from assistant.settings import Settings, get_settings
from assistant.wiring import build_service

logger = logging.getLogger("assistant.server")

DESCRIPTION = """
Trợ lý tra cứu báo cáo của Bộ Thông tin và Truyền thông: trả lời câu hỏi tiếng Việt
(có hoặc không dấu, viết tắt như TTTT, CĐS, DVCTT…) bằng các câu trích nguyên văn từ báo cáo,
kèm trích dẫn đánh số [n] tới báo cáo và mục tương ứng.

Mọi địa chỉ `/v1/*` cần khóa API (`Authorization: Bearer <khóa>` hoặc `X-API-Key: <khóa>`) khi máy chủ
có cấu hình khóa: khóa `reader` được hỏi, tìm, xem danh sách và gửi đánh giá; khóa `admin` được thêm
nạp, xóa báo cáo và xuất đánh giá. Thiếu hoặc sai khóa: 401; không đủ quyền: 403; quá nhiều yêu cầu: 429.
"""


def create_app(settings: Settings | None = None, service: AssistantService | None = None) -> FastAPI:
    """The app; pass `service` to serve an already-built one (tests, embedding in another program).

    With `ASSISTANT_TELEGRAM_WEBHOOK_SECRET` set, it also runs the Telegram bot in webhook mode:
    the bot lives as long as the app, and `POST /telegram/webhook` feeds it updates.
    """
    settings = settings or get_settings()
    prompts = Prompts(settings.prompts_dir)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        nonlocal service
        # Open on loopback is a warning, so it shows even where only warnings are logged.
        logger.log(logging.INFO if settings.access.keys_required else logging.WARNING, describe_access(settings))
        if service is None:
            service = await run_in_threadpool(build_service, settings)
        await run_in_threadpool(service.warm_up)
        app.state.service = service
        counts = await run_in_threadpool(service.health)
        logger.info("ready: %d reports, %d chunks", counts["documents"], counts["chunks"])
        async with AsyncExitStack() as running:
            if settings.telegram.webhook_enabled:
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
    app.state.errors = errors.ApiErrors(prompts)
    errors.install(app, prompts)
    for module in (ask, stream, search, indicators, documents, feedback, whoami, health, web):
        app.include_router(module.router)
    app.mount("/static", web.static_files(), name="static")
    if settings.telegram.webhook_enabled:
        from assistant.api.routes import telegram_webhook  # its own secret header, not API keys

        app.include_router(telegram_webhook.router)
    require_access_rules(app, ACCESS_RULES)

    # Middleware added last runs first: CORS answers a browser's pre-flight before any key is asked
    # for; then the caller is identified; then the body is read, within its limit.
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.server.max_body_bytes,
        upload_limit=settings.ingest.max_upload_bytes,
        upload_paths=frozenset({documents.UPLOAD_PATH}),
        prompts=prompts,
    )
    app.add_middleware(
        AccessMiddleware,
        keyring=KeyRing(settings.access.api_keys),
        rate_limit=RateLimit(settings.access.rate_limit, settings.access.rate_limit_storage),
        prompts=prompts,
    )
    if settings.access.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.access.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "X-API-Key", "Content-Type"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
    return app


def check_bind(settings: Settings) -> str | None:
    """Why the server must not listen where it was asked to, or None when it may."""
    if settings.access.keys_required or settings.server.host_is_loopback():
        return None
    return (
        f"refusing to listen on {settings.server.host}: no API key is configured (ASSISTANT_API_KEYS), so the API "
        "would be open to the network. Set ASSISTANT_API_KEYS, or listen on 127.0.0.1.\n"
        f"Từ chối mở cổng trên {settings.server.host}: chưa cấu hình khóa API (ASSISTANT_API_KEYS) nên API sẽ mở cho "
        "cả mạng. Hãy đặt ASSISTANT_API_KEYS, hoặc chỉ nghe trên 127.0.0.1."
    )


app = create_app()


if __name__ == "__main__":
    import uvicorn

    current = get_settings()
    problem = check_bind(current)
    if problem:
        print(problem, file=sys.stderr)
        sys.exit(2)
    uvicorn.run(
        "server:app", host=current.server.host, port=current.server.port, workers=current.server.workers, log_level=current.server.log_level
    )

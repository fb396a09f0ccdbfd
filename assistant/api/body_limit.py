"""Request bodies have a size limit, enforced while they arrive (413), never after they are stored.

FastAPI reads a JSON body whole, and Starlette spools a multipart upload to disk, before a route
runs; without a limit a client could make the server hold any amount. A declared `Content-Length`
over the limit is refused before one byte is read; a body sent without one (chunked) is counted
as it arrives and cut off at the limit. Uploads get the upload limit plus room for the form's own
fields; the upload route still checks the file's exact size.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.prompts import Prompts

FORM_OVERHEAD = 64 * 1024  # multipart boundaries, part headers and the small form fields


class BodyLimitMiddleware:
    def __init__(
        self, app: ASGIApp, limit: int, upload_limit: int, upload_paths: frozenset[str], prompts: Prompts
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths
        self.prompts = prompts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope["method"] == "POST" and scope["path"] in self.upload_paths
        limit = self.upload_limit + FORM_OVERHEAD if upload else self.limit
        shown_limit = self.upload_limit if upload else self.limit
        message_key = "request.upload_too_large" if upload else "request.body_too_large"
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._too_large(scope, receive, send, message_key, shown_limit)
            return

        received = 0
        exceeded = False
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    # The app sees the client leave; whatever it answers is replaced by the 413 below.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if exceeded:
                return
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not response_started:
            await self._too_large(scope, receive, send, message_key, shown_limit)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, key: str, limit: int) -> None:
        detail = self.prompts.message("errors", key, limit=human_size(limit))
        # The client may still be sending: tell it the connection ends here.
        response = JSONResponse({"detail": detail}, status_code=413, headers={"Connection": "close"})
        await response(scope, receive, send)


def human_size(size: int) -> str:
    """20971520 -> "20 MB", 65536 -> "64 KB" (the units an official reads)."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers") or []:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None

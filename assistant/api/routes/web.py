"""The web chat: `GET /` serves the page, `/static/*` its script and styles (files in `assistant/web/`).

Static files, no build step and nothing from a CDN, so the page works on a network with no internet.
The page is sent with a strict Content-Security-Policy (scripts and styles from this server only,
no inline script): text from documents and users is already built into the DOM as text, and the
policy keeps it inert even if a future change slipped.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

WEB_DIR = Path(__file__).resolve().parents[2] / "web"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

router = APIRouter(include_in_schema=False)


@router.get("/")
def index() -> FileResponse:
    return FileResponse(
        WEB_DIR / "index.html",
        media_type="text/html; charset=utf-8",
        headers={
            "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-cache",
        },
    )


def static_files() -> StaticFiles:
    """The page's script, styles and icon, mounted by `server.py` at `/static`."""
    return StaticFiles(directory=WEB_DIR)

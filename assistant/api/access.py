"""Who may call the API: API keys with a role, a rate limit per key, and loopback-only when open.

- Keys come from `ASSISTANT_API_KEYS` (`KEY:ROLE,…`); a client sends one as `Authorization: Bearer
  KEY` or `X-API-Key: KEY`. Only a SHA-256 digest of each key is kept, and a presented key is compared
  with every digest in constant time (`hmac.compare_digest`, no early exit), so response timing
  tells nothing about the keys. Logs name a key by a short fingerprint, never by the key.
- Authentication runs in an ASGI middleware, before the request body is read: a caller without a
  valid key cannot make the server read (or spool to disk) an upload. The middleware also applies
  the rate limit (the `limits` library, moving window; 429 with `Retry-After`).
- The role is checked by each route's own dependency (`ReaderKey` / `AdminKey` in `deps.py`), so a
  route's signature says who may call it; `require_access_rules` refuses to build an app with a
  `/v1` route that says nothing, so a route added later cannot be open by omission.
- Without keys the API is open to this machine only: a request from any other address (directly,
  or forwarded by a reverse proxy, which uvicorn reports as the client) gets 403.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import time
from dataclasses import dataclass

from fastapi import FastAPI, status
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from limits import parse
from limits.aio.strategies import MovingWindowRateLimiter
from limits.storage import storage_from_string
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.prompts import Prompts
from assistant.settings import ApiKey, Role, Settings

logger = logging.getLogger(__name__)

API_PREFIX = "/v1/"
# Reachable from anywhere even without keys: the load balancer's health check, and the Telegram
# webhook, which Telegram calls from its own addresses and which checks its own secret header.
OPEN_PATHS = frozenset({"/healthz", "/telegram/webhook"})


@dataclass(frozen=True)
class Caller:
    """Who is calling: their role, and a fingerprint that names their key in logs and rate limits."""

    role: Role
    fingerprint: str
    keys_required: bool = True


class KeyRing:
    """The configured keys, kept as digests; `identify` finds a presented key's caller."""

    def __init__(self, keys: list[ApiKey]) -> None:
        self._entries = [(_digest(entry.key.get_secret_value()), entry.role) for entry in keys]

    @property
    def enabled(self) -> bool:
        return bool(self._entries)

    def identify(self, presented: str) -> Caller | None:
        digest = _digest(presented)
        found: Role | None = None
        for known, role in self._entries:  # every entry is compared: no early exit on a match
            if hmac.compare_digest(digest, known):
                found = role
        if found is None:
            return None
        return Caller(found, hashlib.sha256(b"fingerprint:" + digest).hexdigest()[:8])


class RateLimit:
    """`limits`' moving-window limiter over the configured storage (memory:// or a shared redis://)."""

    def __init__(self, rate: str, storage_uri: str) -> None:
        self.item = parse(rate)
        uri = storage_uri if storage_uri.startswith("async+") else f"async+{storage_uri}"
        self._limiter = MovingWindowRateLimiter(storage_from_string(uri))

    async def wait(self, identity: str) -> int:
        """Counts one request for `identity`: 0 when it may go on, else the seconds to wait."""
        if await self._limiter.hit(self.item, identity):
            return 0
        stats = await self._limiter.get_window_stats(self.item, identity)
        return max(1, math.ceil(stats.reset_time - time.time()))


class AccessMiddleware:
    """Authenticates `/v1/*` calls and applies the rate limit before the app reads anything.

    The caller it finds is left in the request's state (`request.state.caller`) for the role check.
    """

    def __init__(self, app: ASGIApp, keyring: KeyRing, rate_limit: RateLimit, prompts: Prompts) -> None:
        self.app = app
        self.keyring = keyring
        self.rate_limit = rate_limit
        self.prompts = prompts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        address = scope["client"][0] if scope.get("client") else ""
        if not self.keyring.enabled:
            if address and not is_loopback(address) and path not in OPEN_PATHS:
                logger.warning("refused %s from %s: no API keys are configured, only loopback may call", path, address)
                await self._refuse(scope, receive, send, status.HTTP_403_FORBIDDEN, "access.loopback_only")
                return
            caller, identity = Caller("admin", "local", keys_required=False), f"open:{address}"
        elif path.startswith(API_PREFIX):
            presented = _presented_key(scope)
            found = self.keyring.identify(presented) if presented else None
            if found is None:
                await self._unauthenticated(scope, receive, send, address, missing=not presented)
                return
            caller, identity = found, f"key:{found.fingerprint}"
        else:
            await self.app(scope, receive, send)
            return
        if path.startswith(API_PREFIX):
            wait = await self.rate_limit.wait(identity)
            if wait:
                logger.info("rate limit reached by %s on %s", identity, path)
                await self._refuse(
                    scope, receive, send, status.HTTP_429_TOO_MANY_REQUESTS, "access.rate_limited",
                    headers={"Retry-After": str(wait)}, seconds=wait,
                )
                return
            scope.setdefault("state", {})["caller"] = caller
        await self.app(scope, receive, send)

    async def _unauthenticated(self, scope: Scope, receive: Receive, send: Send, address: str, missing: bool) -> None:
        """401, unless this address keeps failing: then 429, so keys cannot be guessed at speed."""
        wait = await self.rate_limit.wait(f"refused:{address}")
        if wait:
            await self._refuse(
                scope, receive, send, status.HTTP_429_TOO_MANY_REQUESTS, "access.rate_limited",
                headers={"Retry-After": str(wait)}, seconds=wait,
            )
            return
        if not missing:
            logger.warning("refused a wrong API key from %s on %s", address or "?", scope["path"])
        await self._refuse(
            scope, receive, send, status.HTTP_401_UNAUTHORIZED, "access.missing_key" if missing else "access.wrong_key",
            headers={"WWW-Authenticate": "Bearer"},
        )

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status_code: int, key: str,
        headers: dict[str, str] | None = None, **values: object,
    ) -> None:
        detail = self.prompts.message("errors", key, **values)
        await JSONResponse({"detail": detail}, status_code=status_code, headers=headers)(scope, receive, send)


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def require_access_rules(app: FastAPI, rules: tuple[object, ...]) -> None:
    """Refuse to serve a `/v1` route whose dependencies include none of `rules` (the role checks)."""
    unguarded = [
        f"{sorted(route.methods or [])} {route.path}"
        for route in app.routes
        if isinstance(route, APIRoute)
        and route.path.startswith(API_PREFIX)
        and not any(call in rules for call in _calls(route.dependant))
    ]
    if unguarded:
        raise RuntimeError(
            "these /v1 routes declare no access rule (add ReaderKey or AdminKey to their signature): "
            + ", ".join(unguarded)
        )


def _calls(dependant: Dependant) -> list[object]:
    """Every callable a route depends on, directly or through other dependencies."""
    found: list[object] = []
    for dependency in dependant.dependencies:
        found.append(dependency.call)
        found.extend(_calls(dependency))
    return found


def describe_access(settings: Settings) -> str:
    """One line for the start-up log: who may call, never which keys."""
    if not settings.access.keys_required:
        return (
            "no API keys configured: the API is open, to this machine only (loopback) / "
            "chưa cấu hình khóa API: API chỉ mở cho chính máy này"
        )
    roles = [entry.role for entry in settings.access.api_keys]
    return f"API keys required: {roles.count('reader')} reader key(s), {roles.count('admin')} admin key(s)"


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


def _presented_key(scope: Scope) -> str:
    """The key from `Authorization: Bearer KEY`, else from `X-API-Key`; empty when neither is sent."""
    headers = dict(scope.get("headers") or [])
    authorization = headers.get(b"authorization", b"").decode("latin-1").strip()
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return headers.get(b"x-api-key", b"").decode("latin-1").strip()

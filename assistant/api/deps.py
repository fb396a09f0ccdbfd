"""Dependencies for the routes, each named once as a type alias, so a route's signature says all it
needs: `ReaderKey` / `AdminKey` (who may call it), `ServiceDep`, `SettingsDep`, `ErrorsDep`.

The service is built by the app's lifespan and kept on `app.state`; routes never build anything.
The caller was identified by `access.AccessMiddleware` before the body was read; the role
dependencies only decide whether that caller may do this. The two security schemes are declared
here so the OpenAPI document (and `/docs`' Authorize button) shows how to send a key.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from assistant.api.access import Caller
from assistant.api.errors import ApiErrors
from assistant.service import AssistantService
from assistant.settings import Settings

_bearer = HTTPBearer(auto_error=False, scheme_name="BearerKey", description="`Authorization: Bearer <khóa API>`")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="HeaderKey", description="`X-API-Key: <khóa API>`")


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_errors(request: Request) -> ApiErrors:
    return request.app.state.errors


SettingsDep = Annotated[Settings, Depends(get_settings)]
ErrorsDep = Annotated[ApiErrors, Depends(get_errors)]


def get_service(request: Request, errors: ErrorsDep) -> AssistantService:
    service = getattr(request.app.state, "service", None)
    if service is None:
        raise errors(status.HTTP_503_SERVICE_UNAVAILABLE, "http.starting")
    return service


ServiceDep = Annotated[AssistantService, Depends(get_service)]


def get_caller(
    request: Request,
    errors: ErrorsDep,
    _bearer_key: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    _header_key: Annotated[str | None, Depends(_header)],
) -> Caller:
    """The caller the access middleware identified; none means the middleware did not run: refuse."""
    caller = getattr(request.state, "caller", None)
    if not isinstance(caller, Caller):
        raise errors(status.HTTP_401_UNAUTHORIZED, "access.missing_key", headers={"WWW-Authenticate": "Bearer"})
    return caller


def require_reader(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    """Any valid key: reading is what both roles may do."""
    return caller


def require_admin(caller: Annotated[Caller, Depends(get_caller)], errors: ErrorsDep) -> Caller:
    if caller.role != "admin":
        raise errors(status.HTTP_403_FORBIDDEN, "access.admin_only")
    return caller


ReaderKey = Annotated[Caller, Depends(require_reader)]
AdminKey = Annotated[Caller, Depends(require_admin)]
ACCESS_RULES = (require_reader, require_admin)

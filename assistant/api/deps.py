"""Dependencies for the routes, each named once as a type alias (`ServiceDep`, `SettingsDep`).

The service is built by the app's lifespan and kept on `app.state`; routes never build anything.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from assistant.service import AssistantService
from assistant.settings import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_service(request: Request) -> AssistantService:
    service = getattr(request.app.state, "service", None)
    if service is None:
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Hệ thống đang khởi động, vui lòng thử lại sau giây lát.")
    return service


SettingsDep = Annotated[Settings, Depends(get_settings)]
ServiceDep = Annotated[AssistantService, Depends(get_service)]

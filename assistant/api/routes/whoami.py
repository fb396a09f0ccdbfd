"""`GET /v1/whoami`: what the caller's key may do, so a client (the web chat) shows only what works."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, Field

from assistant.api.deps import ReaderKey

router = APIRouter(tags=["hệ thống"])


class WhoAmI(BaseModel):
    role: Literal["reader", "admin"] = Field(description="'reader': hỏi, tìm, xem; 'admin': thêm cả nạp, xóa, xuất phản hồi.")
    keys_required: bool = Field(description="False khi máy chủ chưa cấu hình khóa (chỉ mở cho chính máy này).")


@router.get("/v1/whoami", response_model=WhoAmI)
def whoami(caller: ReaderKey) -> WhoAmI:
    """Quyền của khóa API đang dùng."""
    return WhoAmI(role=caller.role, keys_required=caller.keys_required)

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

router = APIRouter(tags=["hệ thống"])


@router.get("/healthz")
async def healthz(request: Request) -> JSONResponse:
    """Trạng thái dịch vụ: 200 khi sẵn sàng trả lời, 503 khi đang khởi động.

    Kèm số báo cáo, số đoạn theo sổ đăng ký của kho, số đoạn trong chỉ mục từ khóa, và
    `consistent`: hai con số này có khớp nhau không. Địa chỉ này luôn mở (không cần khóa API)."""
    service = getattr(request.app.state, "service", None)
    if service is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse({"status": "ok", **await run_in_threadpool(service.health)})

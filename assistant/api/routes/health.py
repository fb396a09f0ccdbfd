from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["hệ thống"])


@router.get("/healthz")
def healthz(request: Request) -> JSONResponse:
    """Trạng thái dịch vụ: 200 khi sẵn sàng trả lời, 503 khi đang khởi động."""
    service = getattr(request.app.state, "service", None)
    if service is None:
        return JSONResponse({"status": "starting"}, status_code=503)
    return JSONResponse(
        {
            "status": "ok",
            "documents": len(service.store.documents()),
            "chunks": service.store.count(),
            "answer_mode": service.answer_mode,
            "llm": service.llm_state(),
        }
    )

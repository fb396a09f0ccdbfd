from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import ReaderKey, ServiceDep
from assistant.api.schemas import ErrorResponse, SearchRequest
from assistant.models import SearchHit

router = APIRouter(tags=["tìm kiếm"])


@router.post("/v1/search", response_model=list[SearchHit], responses={422: {"model": ErrorResponse}})
def search(body: SearchRequest, service: ServiceDep, _: ReaderKey) -> list[SearchHit]:
    """Các đoạn báo cáo liên quan nhất, xếp theo điểm (kết hợp ngữ nghĩa và từ khóa)."""
    return service.search(body.query, body.k)

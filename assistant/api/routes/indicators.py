from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from assistant.api.deps import ReaderKey, ServiceDep
from assistant.api.schemas import ErrorResponse
from assistant.models import IndicatorTable

router = APIRouter(tags=["chỉ tiêu"])


@router.get("/v1/indicators", response_model=IndicatorTable, responses={422: {"model": ErrorResponse}})
def indicators(
    service: ServiceDep,
    _: ReaderKey,
    q: Annotated[str, Query(description="Chỉ tiêu cần tra, ví dụ: “doanh thu dịch vụ bưu chính”.")],
) -> IndicatorTable:
    """Số liệu của một chỉ tiêu qua mọi báo cáo (kỳ, loại, giá trị, đơn vị, báo cáo, mục, câu trích), kỳ mới nhất trước."""
    return service.indicators(q)

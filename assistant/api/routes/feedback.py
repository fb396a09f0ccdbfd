"""`POST /v1/feedback` records a thumbs up/down; `GET /v1/feedback` exports them (JSON or CSV)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status

from assistant.api.deps import AdminKey, ReaderKey, ServiceDep
from assistant.api.schemas import ErrorResponse
from assistant.feedback import to_csv
from assistant.models import Feedback, FeedbackRecord

router = APIRouter(tags=["phản hồi"])


@router.post(
    "/v1/feedback",
    response_model=FeedbackRecord,
    status_code=status.HTTP_201_CREATED,
    responses={401: {"model": ErrorResponse}, 422: {"model": ErrorResponse}},
)
def add_feedback(body: Feedback, service: ServiceDep, _: ReaderKey) -> FeedbackRecord:
    """Ghi nhận đánh giá 👍/👎 cho một câu trả lời, kèm câu hỏi, câu trả lời và trích dẫn."""
    return service.add_feedback(body)


@router.get(
    "/v1/feedback",
    response_model=list[FeedbackRecord],
    responses={200: {"content": {"text/csv": {}}}, 422: {"model": ErrorResponse}},
)
def export_feedback(
    service: ServiceDep, _: AdminKey, export_format: Annotated[Literal["json", "csv"], Query(alias="format")] = "json"
) -> list[FeedbackRecord] | Response:
    """Xuất toàn bộ đánh giá, cũ trước mới sau: JSON (mặc định) hoặc CSV (`?format=csv`, mở bằng Excel)."""
    records = service.list_feedback()
    if export_format == "csv":
        return Response(
            to_csv(records),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
        )
    return records

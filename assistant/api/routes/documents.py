from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile, status
from fastapi.concurrency import run_in_threadpool

from assistant.api.body_limit import human_size
from assistant.api.deps import AdminKey, ErrorsDep, ReaderKey, ServiceDep, SettingsDep
from assistant.api.errors import ApiErrors
from assistant.api.schemas import ErrorResponse
from assistant.models import DocumentInfo, IngestReport

router = APIRouter(tags=["báo cáo"])

UPLOAD_PATH = "/v1/documents"
_READ_BLOCK = 1024 * 1024
_ADMIN_ERRORS = {401: {"model": ErrorResponse}, 403: {"model": ErrorResponse}}


@router.get("/v1/documents", response_model=list[DocumentInfo])
def list_documents(service: ServiceDep, _: ReaderKey) -> list[DocumentInfo]:
    """Các báo cáo đã nạp: tiêu đề, kỳ báo cáo, số đoạn."""
    return service.list_documents()


@router.get("/v1/documents/{doc_id}", response_model=DocumentInfo, responses={404: {"model": ErrorResponse}})
def get_document(doc_id: str, service: ServiceDep, errors: ErrorsDep, _: ReaderKey) -> DocumentInfo:
    document = service.get_document(doc_id)
    if document is None:
        raise errors(status.HTTP_404_NOT_FOUND, "http.document_not_found")
    return document


@router.post(
    UPLOAD_PATH,
    response_model=IngestReport,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": IngestReport},
        413: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
        **_ADMIN_ERRORS,
    },
)
async def upload_document(
    response: Response,
    service: ServiceDep,
    settings: SettingsDep,
    errors: ErrorsDep,
    _: AdminKey,
    file: Annotated[UploadFile, File(description="Tệp báo cáo: .txt .md .docx .pdf .html")],
    title: Annotated[str | None, Form(max_length=300)] = None,
    period: Annotated[str | None, Form(max_length=100)] = None,
    date: Annotated[str | None, Form(max_length=20)] = None,
) -> IngestReport:
    """Nạp (hoặc thay thế) một báo cáo. Tệp trùng tên thay thế bản cũ; tệp hỏng bị từ chối, kho giữ nguyên."""
    data = await _read_limited(file, settings.ingest.max_upload_bytes, errors)
    overrides = {key: value for key, value in {"title": title, "period": period, "date": date}.items() if value}
    report = await run_in_threadpool(service.add_document, data, file.filename or "", overrides)
    if report.status == "failed":
        raise errors(status.HTTP_422_UNPROCESSABLE_CONTENT, "upload.refused", source=report.source, reason=report.error)
    if report.status == "unchanged":
        response.status_code = status.HTTP_200_OK
    return report


@router.delete(
    "/v1/documents/{doc_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={404: {"model": ErrorResponse}, **_ADMIN_ERRORS},
)
def delete_document(doc_id: str, service: ServiceDep, errors: ErrorsDep, _: AdminKey) -> Response:
    """Xóa một báo cáo cùng mọi đoạn của nó khỏi kho."""
    if not service.delete_document(doc_id):
        raise errors(status.HTTP_404_NOT_FOUND, "http.document_not_found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)


async def _read_limited(file: UploadFile, limit: int, errors: ApiErrors) -> bytes:
    """Read an upload, refusing it as soon as it passes the limit (never the whole file in memory)."""
    parts: list[bytes] = []
    size = 0
    while block := await file.read(_READ_BLOCK):
        size += len(block)
        if size > limit:
            raise errors(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "request.upload_too_large", limit=human_size(limit))
        parts.append(block)
    return b"".join(parts)

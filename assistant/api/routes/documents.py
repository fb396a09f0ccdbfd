"""`/v1/documents`: list, upload, delete reports. An upload answers when the report is stored;
`/v1/documents/stream` takes the same form and sends the work's progress as it goes (Server-Sent
Events), for a large file: a scan read by OCR page by page, hundreds of texts to embed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile, status
from fastapi.concurrency import run_in_threadpool
from fastapi.sse import EventSourceResponse, ServerSentEvent

from assistant.api.body_limit import human_size
from assistant.api.deps import AdminKey, ErrorsDep, ReaderKey, ServiceDep, SettingsDep
from assistant.api.errors import ApiErrors
from assistant.api.schemas import ErrorResponse
from assistant.models import DocumentInfo, IngestProgress, IngestReport

router = APIRouter(tags=["báo cáo"])

UPLOAD_PATH = "/v1/documents"
_FILE_HELP = "Tệp báo cáo: .txt .md .docx .pdf .html .doc .rtf .odt .xlsx .xls .ods, ảnh chụp hoặc ảnh quét .jpg .png .tif"
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
    file: Annotated[UploadFile, File(description=_FILE_HELP)],
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


class Upload:
    """An upload's file (read within the size limit) and its form fields, read before a stream starts,
    so a file too large is a plain 413 and a bad form a plain 422."""

    def __init__(self, data: bytes, filename: str, overrides: dict[str, str]) -> None:
        self.data, self.filename, self.overrides = data, filename, overrides


async def read_upload(
    settings: SettingsDep,
    errors: ErrorsDep,
    _: AdminKey,
    file: Annotated[UploadFile, File(description=_FILE_HELP)],
    title: Annotated[str | None, Form(max_length=300)] = None,
    period: Annotated[str | None, Form(max_length=100)] = None,
    date: Annotated[str | None, Form(max_length=20)] = None,
) -> Upload:
    data = await _read_limited(file, settings.ingest.max_upload_bytes, errors)
    overrides = {key: value for key, value in {"title": title, "period": period, "date": date}.items() if value}
    return Upload(data, file.filename or "", overrides)


UploadDep = Annotated[Upload, Depends(read_upload)]


@router.post(
    f"{UPLOAD_PATH}/stream",
    response_class=EventSourceResponse,
    responses={413: {"model": ErrorResponse}, 422: {"model": ErrorResponse}, **_ADMIN_ERRORS},
)
async def upload_document_stream(upload: UploadDep, service: ServiceDep, errors: ErrorsDep) -> AsyncIterator[ServerSentEvent]:
    """Nạp báo cáo như `POST /v1/documents`, gửi dần tiến độ (Server-Sent Events).

    Các sự kiện: `progress` (`{"stage", "source", "files_done", "files_total", "texts_done",
    "texts_total", "pages_done", "pages_total", "elapsed_s", "eta_s"}`: đang đọc tệp — kể cả từng
    trang nhận dạng chữ (OCR) —, đang nhúng bao nhiêu đoạn và câu trên tổng số, còn khoảng bao lâu),
    rồi `done` (kết quả, cùng dạng với `POST /v1/documents`) hoặc `error` (`{"message", "status"}`:
    tệp bị từ chối, lý do bằng tiếng Việt; kho giữ nguyên).
    """
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[IngestProgress] = asyncio.Queue()

    def on_progress(state: IngestProgress) -> None:
        loop.call_soon_threadsafe(queue.put_nowait, state)

    work = asyncio.ensure_future(
        run_in_threadpool(service.add_document, upload.data, upload.filename, upload.overrides, on_progress)
    )
    while not work.done() or not queue.empty():
        getter = asyncio.ensure_future(queue.get())
        finished, _ = await asyncio.wait({getter, work}, return_when=asyncio.FIRST_COMPLETED)
        if getter not in finished:
            getter.cancel()
            continue
        yield ServerSentEvent(event="progress", data=getter.result().as_dict())
    report: IngestReport = work.result()
    if report.status == "failed":
        refused = errors(status.HTTP_422_UNPROCESSABLE_CONTENT, "upload.refused", source=report.source, reason=report.error)
        yield ServerSentEvent(event="error", data={"message": refused.detail, "status": refused.status_code})
        return
    yield ServerSentEvent(event="done", data=report.model_dump(mode="json"))


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

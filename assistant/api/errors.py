"""Every error a client sees is JSON with a Vietnamese `detail`; no stack trace ever leaves the server."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from assistant.service import QuestionError

logger = logging.getLogger(__name__)

_FIELD_NAMES = {
    "question": "câu hỏi",
    "query": "nội dung tìm kiếm",
    "top_k": "top_k",
    "k": "k",
    "file": "tệp",
    "rating": "đánh giá",
    "answer": "câu trả lời",
    "citations": "trích dẫn",
    "comment": "ghi chú",
    "mode": "chế độ",
    "format": "định dạng",
    "conversation_id": "mã cuộc trò chuyện",
}


def install(app: FastAPI) -> None:
    @app.exception_handler(QuestionError)
    async def question_error(_: Request, error: QuestionError) -> JSONResponse:
        return JSONResponse({"detail": error.message}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"detail": describe(error), "errors": _plain(error.errors())},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau."},
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )


def describe(error: RequestValidationError) -> str:
    """One Vietnamese sentence for the first problem in a request."""
    problems = error.errors()
    if not problems:
        return "Yêu cầu không hợp lệ."
    first = problems[0]
    kind = first.get("type", "")
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    field = _FIELD_NAMES.get(location[-1], location[-1]) if location else ""
    if kind == "json_invalid":
        return "Nội dung gửi lên không phải JSON hợp lệ."
    if kind == "missing":
        return f"Thiếu trường bắt buộc: {field}." if field else "Thiếu nội dung yêu cầu."
    if kind == "extra_forbidden":
        return f"Trường không được hỗ trợ: {field}."
    if kind in {"string_type", "int_type", "int_parsing", "model_attributes_type", "dict_type"}:
        return f"Trường {field} sai kiểu dữ liệu." if field else "Nội dung yêu cầu sai kiểu dữ liệu."
    if kind in {"greater_than_equal", "less_than_equal", "too_long", "string_too_long", "too_short", "string_too_short"}:
        return f"Giá trị của {field} nằm ngoài giới hạn cho phép."
    if kind in {"literal_error", "enum", "string_pattern_mismatch"}:
        return f"Giá trị của {field} không hợp lệ."
    return f"Yêu cầu không hợp lệ ({field or kind})."


def _plain(problems: list[dict]) -> list[dict]:
    """Validation details without the raw input (which may be large or binary)."""
    return [{"loc": list(p.get("loc", ())), "type": p.get("type", "")} for p in problems]

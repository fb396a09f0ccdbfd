"""Every error a client sees is JSON with a Vietnamese `detail`; no stack trace ever leaves the server.

The words are in `prompts/errors.toml`; this module only decides which message fits which failure.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.prompts import Prompts
from assistant.service import QuestionError

logger = logging.getLogger(__name__)

ERRORS = "errors"

_WRONG_TYPE = {"string_type", "int_type", "int_parsing", "int_from_float", "model_attributes_type", "dict_type",
               "list_type", "bool_type", "bool_parsing", "float_type", "float_parsing", "model_type"}
_OUT_OF_RANGE = {"greater_than_equal", "greater_than", "less_than_equal", "less_than", "too_long", "string_too_long",
                 "too_short", "string_too_short"}
# Starlette's own errors (an unknown path, a wrong method) carry English phrases; these replace them.
_STATUS_MESSAGES = {
    status.HTTP_400_BAD_REQUEST: "request.unreadable_body",
    status.HTTP_404_NOT_FOUND: "http.not_found",
    status.HTTP_405_METHOD_NOT_ALLOWED: "http.method_not_allowed",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "http.unsupported_media_type",
}


class ApiErrors:
    """Builds the HTTP errors routes raise, their `detail` taken from `prompts/errors.toml`."""

    def __init__(self, prompts: Prompts) -> None:
        self.prompts = prompts

    def __call__(
        self, status_code: int, key: str, headers: dict[str, str] | None = None, **values: object
    ) -> HTTPException:
        return HTTPException(status_code, self.prompts.message(ERRORS, key, **values), headers=headers)


def install(app: FastAPI, prompts: Prompts) -> None:
    @app.exception_handler(QuestionError)
    async def question_error(_: Request, error: QuestionError) -> JSONResponse:
        return JSONResponse({"detail": error.message}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, error: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"detail": describe(error, prompts), "errors": _plain(error.errors())},
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        detail = error.detail
        # Ours are Vietnamese; an all-ASCII detail is the framework's own English ("Not Found",
        # "There was an error parsing the body", "Missing boundary in multipart."): replaced.
        if not isinstance(detail, str) or detail.isascii():
            detail = http_message(prompts, error.status_code, method=request.method)
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": prompts.message(ERRORS, "http.internal")},
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )


def http_message(prompts: Prompts, status_code: int, method: str = "") -> str:
    key = _STATUS_MESSAGES.get(status_code)
    if key:
        return prompts.message(ERRORS, key, method=method)
    return prompts.message(ERRORS, "http.other", status=status_code)


def describe(error: RequestValidationError, prompts: Prompts) -> str:
    """One Vietnamese sentence for the first problem in a request."""
    problems = error.errors()
    if not problems:
        return prompts.message(ERRORS, "request.empty")
    first = problems[0]
    kind = first.get("type", "")
    location = [_safe(part) for part in first.get("loc", ()) if part not in ("body", "query", "path", "header")]
    names: dict[str, Any] = prompts.table(ERRORS).get("fields", {})
    # The innermost named field: "citations.0.quote" is reported as "quote" of a citation.
    named = [part for part in location if not part.isdigit()]
    field = str(names.get(named[-1], named[-1])) if named else ""

    def say(key: str) -> str:
        return prompts.message(ERRORS, f"request.{key}", field=field)

    if kind == "json_invalid":
        return say("invalid_json")
    if kind == "missing":
        return say("missing_field") if field else say("missing_body")
    if kind == "extra_forbidden":
        return say("extra_field")
    if kind in {"user_text", "string_unicode"}:
        return say("invalid_text")
    if kind in _WRONG_TYPE:
        return say("wrong_type_field") if field else say("wrong_type")
    if kind in _OUT_OF_RANGE:
        return say("out_of_range")
    if kind in {"literal_error", "enum", "string_pattern_mismatch"}:
        return say("invalid_value")
    return prompts.message(ERRORS, "request.other", field=field or kind)


def _plain(problems: list[dict]) -> list[dict]:
    """Validation details without the raw input (which may be large or binary)."""
    return [
        {"loc": [part if isinstance(part, int) else _safe(part) for part in p.get("loc", ())], "type": p.get("type", "")}
        for p in problems
    ]


def _safe(part: object) -> str:
    """A location part (it may be a key the client sent) as short, encodable text."""
    return str(part)[:100].encode("utf-8", "replace").decode("utf-8")

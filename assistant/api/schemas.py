"""Request bodies of the HTTP API (responses use `assistant.models`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Citation


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"question": "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?"}]})

    question: str = Field(description="Câu hỏi bằng tiếng Việt (có hoặc không dấu).")
    top_k: int | None = Field(None, ge=1, le=20, description="Số đoạn văn được xem xét.")


class AskResponse(BaseModel):
    answer: str
    answered: bool
    citations: list[Citation]
    latency_ms: float
    mode: str
    confidence: float


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"query": "cap quang ho gia dinh", "k": 5}]})

    query: str = Field(description="Nội dung cần tìm.")
    k: int | None = Field(None, ge=1, le=50, description="Số kết quả.")


class ErrorResponse(BaseModel):
    detail: str

"""Request bodies of the HTTP API (responses use `assistant.models`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.models import Citation


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"question": "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?"}]})

    question: str = Field(description="Câu hỏi bằng tiếng Việt (có hoặc không dấu).")
    top_k: int | None = Field(None, ge=1, le=20, description="Số đoạn văn được xem xét.")
    conversation_id: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9_.:-]{1,100}$",
        description=(
            "Mã cuộc trò chuyện để hỏi nối tiếp (\"Còn năm 2021 thì sao?\"): gửi lại mã mà câu trả lời trước "
            "trả về, hoặc một mã tự chọn. Bỏ trống: bắt đầu cuộc trò chuyện mới."
        ),
    )


class AskResponse(BaseModel):
    answer: str
    answered: bool
    citations: list[Citation]
    latency_ms: float
    mode: Literal["extractive", "generative"] = Field(description="extractive: câu trích nguyên văn; generative: do LLM viết.")
    confidence: float
    fallback_reason: str | None = Field(
        None, description="Khi đã cấu hình LLM mà câu trả lời vẫn là trích dẫn nguyên văn: lý do (mã tiếng Anh)."
    )
    conversation_id: str = Field(description="Mã cuộc trò chuyện; gửi lại để hỏi nối tiếp.")
    standalone_question: str = Field(description="Câu hỏi đã được trả lời (câu hỏi nối tiếp được viết lại đầy đủ).")
    indicator: str = Field(
        "", description="Với câu hỏi về số liệu: chỉ tiêu được hỏi; `GET /v1/indicators?q=` cho số liệu của nó qua mọi báo cáo."
    )


class SearchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"query": "cap quang ho gia dinh", "k": 5}]})

    query: str = Field(description="Nội dung cần tìm.")
    k: int | None = Field(None, ge=1, le=50, description="Số kết quả.")


class ErrorResponse(BaseModel):
    detail: str

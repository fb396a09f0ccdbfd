from __future__ import annotations

from fastapi import APIRouter

from assistant.api.deps import ReaderKey, ServiceDep
from assistant.api.schemas import AskRequest, AskResponse, ErrorResponse

router = APIRouter(tags=["hỏi đáp"])


@router.post("/v1/ask", response_model=AskResponse, responses={422: {"model": ErrorResponse}})
def ask(body: AskRequest, service: ServiceDep, _: ReaderKey) -> AskResponse:
    """Trả lời một câu hỏi, kèm trích dẫn [n]: bằng các câu trích nguyên văn từ báo cáo, hoặc do LLM
    viết từ các đoạn trích (khi được cấu hình) và đã được kiểm tra số liệu, trích dẫn với nguồn.
    Gửi `conversation_id` để hỏi nối tiếp trong cùng cuộc trò chuyện."""
    answer = service.ask(body.question, body.top_k, body.conversation_id)
    return AskResponse(**answer.model_dump(include=set(AskResponse.model_fields)))


@router.get("/v1/examples", response_model=list[str])
def examples(service: ServiceDep, _: ReaderKey) -> list[str]:
    """Câu hỏi mẫu để người dùng mới bấm thử (sửa trong `prompts/example_questions.txt`)."""
    return service.example_questions()

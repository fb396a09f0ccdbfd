"""The types the service returns and every adapter renders (the HTTP API uses them as schemas)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from assistant.user_text import TextProblem, clean_user_text
from vectorstore.records import Chunk, DocumentRecord

__all__ = [
    "Answer",
    "Chunk",
    "Citation",
    "DocumentInfo",
    "DocumentRecord",
    "Feedback",
    "FeedbackRecord",
    "IngestReport",
    "SearchHit",
]


def _typed_text(value: str) -> str:
    """Text a person typed: NFC, no invisible characters; control characters refused."""
    try:
        return clean_user_text(value)
    except TextProblem as problem:
        raise PydanticCustomError("user_text", "text with a control character or a lone surrogate") from problem


def _storable_text(value: str) -> str:
    """Text sent back as it was (a quote): only what UTF-8 cannot hold is refused."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise PydanticCustomError("user_text", "text with a lone surrogate")
    return value


TypedText = Annotated[str, AfterValidator(_typed_text)]
StorableText = Annotated[str, AfterValidator(_storable_text)]


class Citation(BaseModel):
    """One numbered source of an answer: the report, its section and the exact quoted text."""

    n: int = Field(description="The number used as [n] in the answer.")
    source: StorableText = Field(description="The ingested file's name.")
    title: StorableText = Field(description="The report's title.")
    section: StorableText = Field(description="Heading path of the quoted passage.")
    quote: StorableText = Field(description="The exact sentences quoted from the report.")
    period: StorableText = Field("", description="The period the report covers, e.g. '6 tháng đầu năm 2023'.")
    doc_id: StorableText = ""
    chunk_id: StorableText = ""


class Answer(BaseModel):
    answer: str
    answered: bool = Field(description="False when the reports do not contain the answer.")
    citations: list[Citation] = Field(default_factory=list)
    latency_ms: float = 0.0
    mode: Literal["extractive", "generative"] = Field(
        "extractive", description="Which answering mode produced the text: the quoted sentences, or the LLM's."
    )
    confidence: float = Field(0.0, description="Calibrated answer score in [0, 1].")
    fallback_reason: str | None = Field(
        None,
        description=(
            "Set when generative answering was configured but this answer is extractive, and why: "
            "ungrounded_figure, missing_citation, unknown_citation, empty_answer, llm_declined, "
            "llm_unavailable, llm_timeout, llm_circuit_open, or low_confidence (the reports do not "
            "hold the answer, so the LLM was not asked)."
        ),
    )
    conversation_id: str | None = Field(None, description="The conversation this turn belongs to; send it back to follow up.")
    standalone_question: str = Field(
        "", description="The question as answered: a follow-up rewritten from the conversation, else the question."
    )


class SearchHit(BaseModel):
    chunk_id: str
    doc_id: str
    text: str
    source: str
    title: str
    section: str
    period: str
    score: float


class DocumentInfo(BaseModel):
    doc_id: str
    source: str
    title: str
    period: str = ""
    year: int = 0
    date: str = ""
    draft: bool = False
    kind: str = ""
    chunks: int = 0
    ingested_at: str = ""

    @classmethod
    def from_record(cls, record: DocumentRecord) -> DocumentInfo:
        return cls(
            doc_id=record.doc_id,
            source=record.source,
            title=record.title,
            period=record.period,
            year=record.year,
            date=record.date,
            draft=record.draft,
            kind=record.kind,
            chunks=record.chunk_count,
            ingested_at=record.ingested_at,
        )


class IngestReport(BaseModel):
    """What happened to one file: added, updated, unchanged or failed (with a reason)."""

    source: str
    status: str
    doc_id: str = ""
    title: str = ""
    chunks: int = 0
    embedded: int = 0
    error: str = ""
    document: DocumentInfo | None = None


class Feedback(BaseModel):
    """A user's thumbs up or down on one answer, kept with the question, the answer and its citations
    as the user saw them, so whoever reviews it later sees exactly what was judged."""

    model_config = ConfigDict(extra="forbid")

    rating: Literal["up", "down"] = Field(description="'up' (hữu ích) or 'down' (chưa hữu ích).")
    question: TypedText = Field(min_length=1, max_length=5000)
    answer: TypedText = Field(min_length=1, max_length=50_000)
    citations: list[Citation] = Field(default_factory=list, max_length=50)
    mode: TypedText = Field("extractive", max_length=50, description="The answering mode that produced the answer.")
    comment: TypedText = Field("", max_length=5000, description="What the user added in their own words.")


class FeedbackRecord(Feedback):
    id: int
    created_at: str = Field(description="When it was recorded (UTC, ISO 8601).")

"""The types the service returns and every adapter renders (the HTTP API uses them as schemas)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

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


class Citation(BaseModel):
    """One numbered source of an answer: the report, its section and the exact quoted text."""

    n: int = Field(description="The number used as [n] in the answer.")
    source: str = Field(description="The ingested file's name.")
    title: str = Field(description="The report's title.")
    section: str = Field(description="Heading path of the quoted passage.")
    quote: str = Field(description="The exact sentences quoted from the report.")
    period: str = Field("", description="The period the report covers, e.g. '6 tháng đầu năm 2023'.")
    doc_id: str = ""
    chunk_id: str = ""


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
    question: str = Field(min_length=1, max_length=5000)
    answer: str = Field(min_length=1, max_length=50_000)
    citations: list[Citation] = Field(default_factory=list, max_length=50)
    mode: str = Field("extractive", max_length=50, description="The answering mode that produced the answer.")
    comment: str = Field("", max_length=5000, description="What the user added in their own words.")


class FeedbackRecord(Feedback):
    id: int
    created_at: str = Field(description="When it was recorded (UTC, ISO 8601).")

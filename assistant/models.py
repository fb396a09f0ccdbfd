"""The types the service returns and every adapter renders (the HTTP API uses them as schemas)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, AliasChoices, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from assistant.user_text import TextProblem, clean_user_text
from ingest.progress import IngestProgress
from vectorstore.records import Chunk, DocumentRecord

__all__ = [
    "Answer",
    "Chunk",
    "Citation",
    "DocumentInfo",
    "DocumentRecord",
    "Feedback",
    "FeedbackRecord",
    "IndicatorRow",
    "IndicatorTable",
    "IngestProgress",
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


def _note_lines(value: object) -> object:
    """The store keeps a report's notes as one text, a note a line."""
    return [line for line in value.split("\n") if line] if isinstance(value, str) else value


Notes = Annotated[list[str], BeforeValidator(_note_lines)]


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
    page: str = Field("", description="The page(s) of the file the quote is on ('3', '3-4'; '' for a format without pages).")
    ocr: bool = Field(False, description="The quote was read by OCR from a scanned page: check its figures against the original.")

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk, quote: str) -> Citation:
        """Citation [n] of `quote`, taken from `chunk`: the report's period rather than the section's."""
        return cls(
            n=n,
            source=chunk.source,
            title=chunk.title,
            section=chunk.section,
            quote=quote,
            period=chunk.doc_period or chunk.period,
            doc_id=chunk.doc_id,
            chunk_id=chunk.chunk_id,
            page=chunk.pages,
            ocr=chunk.ocr,
        )


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
            "ungrounded_figure, dropped_figure (a figure of the sentences the period rules chose left out), "
            "missing_citation, unknown_citation, empty_answer, llm_declined (the LLM "
            "read the excerpts and said they do not answer: the answer is the decline), llm_unavailable, "
            "llm_timeout, llm_circuit_open, period_rules (a figure only the period rules' wording states "
            "exactly: a comparison base, a period the reports lack), llm_checked (the LLM read that the "
            "excerpts answer; it writes only figures of a period, ASSISTANT_LLM_ANSWERS=figures), or low_confidence (the reports do not "
            "hold the answer, so the LLM was not asked)."
        ),
    )
    conversation_id: str | None = Field(None, description="The conversation this turn belongs to; send it back to follow up.")
    standalone_question: str = Field(
        "", description="The question as answered: a follow-up rewritten from the conversation, else the question."
    )
    indicator: str = Field(
        "",
        description=(
            "For a question about a figure, what it measures (the question without its periods): "
            "`GET /v1/indicators?q=` with it gives the indicator's figures across every report."
        ),
    )


class IndicatorRow(BaseModel):
    """One figure of an indicator, as one report states it."""

    indicator: str = Field(description="The indicator as the sentence names it.")
    period: str = Field(description="The period the figure is for, e.g. '6 tháng đầu năm 2023' ('' if unknown).")
    kind: Literal["result", "target", "change", "share", "base"] = Field(
        description="result (reached or estimated), target (planned), change (%), share (of the plan), base (a comparison's base)."
    )
    value: str = Field(description="The number exactly as written, e.g. '27.477'.")
    unit: str = Field(description="Its unit as written, e.g. 'tỷ đồng', '%'.")
    figure: str = Field(description="Value and unit together, as the report writes them.")
    source: str
    title: str
    section: str
    quote: str = Field(description="The sentence the figure is quoted from.")
    doc_id: str = ""
    chunk_id: str = ""


class IndicatorTable(BaseModel):
    query: str
    indicator: str = Field(description="The indicator found ('' when no report states one matching the query).")
    rows: list[IndicatorRow] = Field(description="Its figures across every report, latest period first.")


class SearchHit(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    chunk_id: str
    doc_id: str
    text: str
    source: str
    title: str
    section: str
    period: str
    score: float

    @classmethod
    def from_chunk(cls, chunk: Chunk, score: float) -> SearchHit:
        return cls.model_validate({**chunk.__dict__, "section": chunk.section, "score": score})


class DocumentInfo(BaseModel):
    """A report as the API lists it: the store's record (`DocumentRecord`), read by attribute."""

    model_config = ConfigDict(from_attributes=True)

    doc_id: str
    source: str
    title: str
    period: str = ""
    year: int = 0
    date: str = ""
    draft: bool = False
    kind: str = ""
    chunks: int = Field(0, validation_alias=AliasChoices("chunks", "chunk_count"))
    ingested_at: str = ""
    ocr_pages: int = Field(0, description="Pages read by OCR (a scanned PDF); 0 when the text was read as it is.")
    notes: Notes = Field(default_factory=list, description="What ingest could not read or kept out of the text, in Vietnamese.")


class IngestReport(BaseModel):
    """What happened to one file: added, updated, unchanged or failed (with a reason); read by
    attribute from ingest's own result, whose `record` is the report as stored."""

    model_config = ConfigDict(from_attributes=True)

    source: str
    status: str
    doc_id: str = ""
    title: str = ""
    chunks: int = 0
    embedded: int = 0
    error: str = ""
    notes: Notes = Field(
        default_factory=list,
        description="What could not be read or was kept out of the text (scanned pages without OCR, the masthead…), in Vietnamese.",
    )
    document: DocumentInfo | None = Field(None, validation_alias=AliasChoices("document", "record"))


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

"""The one service that answers questions; the HTTP API, web chat, Telegram bot, eval and ingest
CLI are adapters over it.

`AssistantService.from_settings` wires the components chosen by settings (embedding backend,
embedded or server Chroma, glossary, LLM); nothing is loaded or connected until first needed.

How a question is answered (`_answer_events`, shared by `ask` and `ask_stream`):
1. a follow-up is rewritten into a standalone question from its conversation (`followup.py`);
2. hybrid retrieval, then the extractive answer and its calibrated confidence — always, because it
   is the answer in extractive mode, the gate and the fallback in generative mode;
3. generative mode, when the confidence says the reports hold an answer: the LLM writes one from the
   numbered passages and its text streams as it comes; the grounding guard then judges the whole
   text. Accepted, it is the answer (`mode="generative"`); rejected, or the LLM slow, down or
   broken off, the extractive answer takes its place (`fallback_reason` says why) — through a
   `replace` event if generated text was already shown. Below the confidence threshold the LLM is
   not asked: the calibrated decline stays the decline in both modes.
4. the turn is recorded in its conversation, then `done`.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from functools import cached_property
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.generative import GenerativeAnswerer, number_passages
from assistant.conversations import ConversationStore, Turn, new_id
from assistant.events import (
    AnswerEvent,
    CitationsEvent,
    DeltaEvent,
    DoneEvent,
    ErrorEvent,
    ReplaceEvent,
    StatusEvent,
)
from assistant.feedback import FeedbackStore
from assistant.followup import FollowUpRewriter
from assistant.llm import ChatModel, LLMError, create_llm
from assistant.models import Answer, DocumentInfo, Feedback, FeedbackRecord, IngestReport, SearchHit
from assistant.prompts import Prompts
from assistant.query import Query, analyze
from assistant.retrieval import HybridRetriever, LexicalIndexKeeper, Retrieved
from assistant.settings import Settings
from assistant.user_text import TextProblem, clean_user_text
from ingest.pipeline import IngestResult, Ingestor
from vectorstore.chroma import ChromaStore, StoreCheck, open_client
from vectorstore.embeddings import create_embeddings, embeddings_id
from vectorstore.glossary import Glossary
from vectorstore.lexical import Analyzer

logger = logging.getLogger(__name__)

FEEDBACK_FILE = "feedback.sqlite3"
CONVERSATIONS_FILE = "conversations.sqlite3"
LEXICAL_DIR = "lexical"  # saved BM25 indexes, one folder per store state (see LexicalIndexKeeper)
_LINE_END = re.compile(r"(?<=\n)")
# Ids a client may choose: a page session's random id, "telegram:<chat id>".
_CONVERSATION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


class QuestionError(ValueError):
    """A question the service will not take; `message` is for the user, in Vietnamese
    (from `prompts/errors.toml`, section `question`)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class StoreIntegrityError(RuntimeError):
    """The store lost part of a report: refuse to answer from it until it is repaired."""

    def __init__(self, check: StoreCheck) -> None:
        reports = "; ".join(f"{r.source} ({r.doc_id}: {r.present} of {r.expected} chunks)" for r in check.incomplete)
        super().__init__(
            f"the store is missing chunks of {len(check.incomplete)} report(s): {reports}. "
            "Run `python -m ingest --repair` to drop them, then ingest those files again. / "
            f"Kho thiếu dữ liệu của {len(check.incomplete)} báo cáo: {reports}. Chạy `python -m ingest --repair` "
            "để gỡ các báo cáo này rồi nạp lại tệp."
        )
        self.check = check


class AssistantService:
    def __init__(
        self,
        settings: Settings,
        embeddings: Embeddings,
        store: ChromaStore,
        glossary: Glossary,
        llm: ChatModel | None = None,
    ) -> None:
        """`llm` defaults to the one settings configure (`create_llm`), which may be none."""
        self.settings = settings
        self.embeddings = embeddings
        self.store = store
        self.glossary = glossary
        self.prompts = Prompts(settings.prompts_dir)
        self.analyzer = Analyzer(glossary)
        self.lexical = LexicalIndexKeeper(store, self.analyzer, settings.data_dir / LEXICAL_DIR)
        self.retriever = HybridRetriever(store, embeddings, self.lexical, settings.candidates, settings.rrf_k)
        self.answerer = ExtractiveAnswerer(settings.max_answer_sentences, settings.dense_floor, settings.dense_ceiling)
        self.llm = llm if llm is not None else create_llm(settings)
        self.generator = (
            GenerativeAnswerer(self.llm, self.prompts)
            if settings.answer_mode == "generative" and self.llm is not None
            else None
        )
        self.rewriter = FollowUpRewriter(
            self.prompts, self.llm, settings.conversation_history_turns, settings.max_question_chars
        )
        self._write_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> AssistantService:
        embeddings = create_embeddings(
            settings.embedding_backend,
            settings.embedding_model,
            settings.embedding_query_prefix,
            settings.embedding_passage_prefix,
            settings.embedding_batch_size,
        )
        client = open_client(settings.data_dir, settings.chroma_url)
        store = ChromaStore(client, settings.collection, embeddings_id(embeddings))
        return cls(settings, embeddings, store, Glossary.load(settings.glossary_path))

    @cached_property
    def ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.embeddings, self.glossary, self.settings.chunk_size)

    def warm_up(self) -> None:
        """Check the store, load the model and build the lexical index now, so the first question
        is fast and never answered from a store that lost part of a report."""
        check = self.check_store()
        if not check.consistent:
            raise StoreIntegrityError(check)
        self.embeddings.embed_query("khởi động")
        index = self.lexical.current()
        logger.info("store checked: %d reports, %d chunks, %d in the lexical index", check.documents, check.chunks, len(index))

    def check_store(self, repair: bool = False) -> StoreCheck:
        """Remove what no reader can see, then compare the registry with the chunks present.

        With `repair`, a report found incomplete is dropped whole (to be ingested again) rather
        than refused. With a Chroma server, unseen chunks younger than the grace period are left
        alone: another node may be writing them right now."""
        grace = self.settings.gc_grace_seconds if self.settings.chroma_url else 0.0
        removed = self.store.collect_garbage(older_than=grace)
        if removed:
            logger.warning("removed %d chunks no reader could see (an interrupted or superseded ingest)", removed)
        check = self.store.check()
        if repair and check.incomplete:
            with self._write_lock:
                for report in check.incomplete:
                    logger.warning("dropping incomplete report %s (%s)", report.doc_id, report.source)
                    self.store.forget(report.doc_id)
            self.store.collect_garbage()
            check = self.store.check()
        return check

    def health(self) -> dict[str, int | bool | str]:
        """Reports and chunks the registry names, chunks in the lexical index, and whether they agree
        (the index is rebuilt from the live chunks whenever the store changes, so they should)."""
        index = self.lexical.current()
        records = self.store.documents()
        chunks = sum(record.chunk_count for record in records)
        return {
            "documents": len(records), "chunks": chunks, "indexed": len(index), "consistent": chunks == len(index),
            "answer_mode": self.answer_mode, "llm": self.llm_state(),
        }

    # -- questions ------------------------------------------------------------------------------

    @property
    def answer_mode(self) -> str:
        """The mode answers are attempted in: 'generative' with an LLM configured for it, else 'extractive'."""
        return "generative" if self.generator is not None else "extractive"

    def llm_state(self) -> str:
        """'off' without an LLM; else its circuit breaker's state ('closed' is healthy)."""
        if self.llm is None:
            return "off"
        return str(getattr(self.llm, "state", "closed"))

    def ask(self, question: str, top_k: int | None = None, conversation_id: str | None = None) -> Answer:
        """The whole answer at once: the events of `ask_stream`, collected, so both share one path."""
        checked = self._check_question(question)
        events = self._answer_events(checked, top_k, self._check_conversation(conversation_id))
        try:
            for event in events:
                if isinstance(event, DoneEvent):
                    return event.answer
        finally:
            events.close()
        raise RuntimeError("the answer stream ended without a done event")

    def ask_stream(
        self, question: str, top_k: int | None = None, conversation_id: str | None = None
    ) -> Generator[AnswerEvent, None, None]:
        """The answer as events (see `assistant.events`): status, citations, deltas, then done.

        The question is checked now, before any event (a bad one raises `QuestionError`), so an
        adapter can refuse it with a plain error rather than open a stream that fails. Anything that
        goes wrong after that ends the stream with an `error` event carrying a Vietnamese message.
        Closing the stream early (a client gone) stops the work, the LLM's included.
        """
        checked = self._check_question(question)
        return self._guarded(self._answer_events(checked, top_k, self._check_conversation(conversation_id)))

    def _answer_events(
        self, question: str, top_k: int | None, conversation_id: str | None
    ) -> Generator[AnswerEvent, None, None]:
        """Rewrite a follow-up, retrieve, answer, stream (see the module docstring)."""
        started = time.perf_counter()
        yield StatusEvent(message=self.prompts.get("status_searching"))
        conversation_id = conversation_id or new_id()
        history = self.conversations.history(conversation_id, self.settings.conversation_history_turns)
        rewrite = self.rewriter.rewrite(question, history)
        if rewrite.by != "none":
            logger.info("follow-up %r rewritten by %s: %r", question, rewrite.by, rewrite.question)
            yield StatusEvent(message=self.prompts.render("status_followup", question=rewrite.question))

        query = analyze(rewrite.question, self.glossary, self.lexical.current().restorer)
        retrieved = self.retriever.retrieve(query, top_k or self.settings.top_k)
        extractive = self._extractive_answer(query, retrieved)
        if self.generator is not None and extractive.answered:
            answer = yield from self._generated(query, retrieved, extractive, started)
        else:
            if self.generator is not None and retrieved.candidates:
                extractive.fallback_reason = "low_confidence"
            answer = yield from self._quoted(extractive, started)

        answer.conversation_id = conversation_id
        answer.standalone_question = rewrite.question
        self.conversations.append(
            conversation_id,
            Turn(question, rewrite.question, answer.answer, answer.answered, answer.mode, answer.fallback_reason),
        )
        yield DoneEvent(answer=answer)

    def _quoted(self, answer: Answer, started: float) -> Generator[AnswerEvent, None, Answer]:
        """An extractive answer's events: its citations, then one quoted sentence (line) at a time."""
        # Measured before streaming: how long the answer took to produce, not how fast it was read.
        answer.latency_ms = _elapsed_ms(started)
        if answer.citations:
            yield CitationsEvent(citations=answer.citations)
        for piece in _LINE_END.split(answer.answer):
            if piece:
                yield DeltaEvent(text=piece)
        return answer

    def _generated(
        self, query: Query, retrieved: Retrieved, extractive: Answer, started: float
    ) -> Generator[AnswerEvent, None, Answer]:
        """The LLM's answer, streamed as written, then judged whole by the grounding guard."""
        assert self.generator is not None
        passages = number_passages(retrieved.candidates)
        yield StatusEvent(message=self.prompts.get("status_writing"))
        text = ""
        reason: str | None = None
        stream = self.generator.stream(query.text, passages)
        try:
            for piece in stream:
                if not text:
                    piece = piece.lstrip()
                    if not piece:
                        continue
                text += piece
                yield DeltaEvent(text=piece)
        except LLMError as error:
            reason = error.reason
            logger.warning("LLM answer failed after %d characters: %s", len(text), error)
        finally:
            # Also when the reader has gone (GeneratorExit here): the model stops writing.
            close = getattr(stream, "close", None)
            if close is not None:
                close()

        if reason is None:
            verdict = self.generator.judge(text, passages)
            if verdict.ok:
                citations = self.generator.citations(verdict, passages)
                yield CitationsEvent(citations=citations)
                return Answer(
                    answer=text,
                    answered=True,
                    citations=citations,
                    mode="generative",
                    confidence=extractive.confidence,
                    latency_ms=_elapsed_ms(started),
                )
            reason = verdict.reason
            logger.warning("generated answer not shown (%s): %s | %r", reason, verdict.detail, text[:500])

        fallback = extractive.model_copy(update={"fallback_reason": reason})
        if not text:
            return (yield from self._quoted(fallback, started))
        fallback.latency_ms = _elapsed_ms(started)
        yield ReplaceEvent(text=fallback.answer, reason=reason or "")
        if fallback.citations:
            yield CitationsEvent(citations=fallback.citations)
        return fallback

    def _extractive_answer(self, query: Query, retrieved: Retrieved) -> Answer:
        if not retrieved.candidates:
            return Answer(answer=self.prompts.get("no_documents" if not self.store.count() else "decline"), answered=False)
        selection = self.answerer.select(query, retrieved.candidates, self.lexical.current(), retrieved.query_vector)
        answered = bool(selection.sentences) and selection.confidence >= self.settings.answer_threshold
        if answered:
            text, citations = self.answerer.compose(selection)
        else:
            text, citations = self.prompts.get("decline"), []
        return Answer(answer=text, answered=answered, citations=citations, confidence=selection.confidence)

    def _guarded(self, events: Iterator[AnswerEvent]) -> Generator[AnswerEvent, None, None]:
        """Once a stream has started (an HTTP 200 is on its way), an event is the only way left to
        tell the user something failed; the details go to the log, never to the user."""
        try:
            yield from events
        except Exception:
            logger.exception("a streamed answer failed")
            yield ErrorEvent(message=self.prompts.get("stream_error"))

    def example_questions(self) -> list[str]:
        """Questions a first-time user can click; the file is edited to suit the reports deployed."""
        return [line.strip() for line in self.prompts.get("example_questions").splitlines() if line.strip()]

    def search(self, query_text: str, k: int | None = None) -> list[SearchHit]:
        query = analyze(self._check_question(query_text), self.glossary, self.lexical.current().restorer)
        return [
            SearchHit(
                chunk_id=c.chunk.chunk_id,
                doc_id=c.chunk.doc_id,
                text=c.chunk.text,
                source=c.chunk.source,
                title=c.chunk.title,
                section=c.chunk.section,
                period=c.chunk.period,
                score=round(c.score, 6),
            )
            for c in self.retriever.retrieve(query, k or self.settings.top_k).candidates
        ]

    def _check_question(self, question: str) -> str:
        """The question as the indexes expect it (NFC, no invisible characters), or QuestionError.

        Every adapter goes through here, so the HTTP API, the web chat and the bot refuse the same
        questions with the same words."""
        try:
            text = clean_user_text(question or "").strip()
        except TextProblem as problem:
            raise QuestionError(self._error(f"question.{problem.kind}", code=problem.code)) from problem
        if not text:
            raise QuestionError(self._error("question.empty"))
        limit = self.settings.max_question_chars
        if len(text) > limit:
            raise QuestionError(self._error("question.too_long", length=len(text), limit=limit))
        return text

    def _check_conversation(self, conversation_id: str | None) -> str | None:
        if conversation_id is None or _CONVERSATION_ID.fullmatch(conversation_id):
            return conversation_id
        raise QuestionError(self._error("question.conversation_id"))

    # -- conversations --------------------------------------------------------------------------

    @cached_property
    def conversations(self) -> ConversationStore:
        """Opened on first use, under ASSISTANT_DATA_DIR, bounded by the conversation settings."""
        return ConversationStore(
            self.settings.data_dir / CONVERSATIONS_FILE,
            max_turns=self.settings.conversation_max_turns,
            max_age_seconds=self.settings.conversation_max_age_hours * 3600,
        )

    def _error(self, key: str, **values: object) -> str:
        return self.prompts.message("errors", key, **values)

    # -- documents ------------------------------------------------------------------------------

    def list_documents(self) -> list[DocumentInfo]:
        return [DocumentInfo.from_record(record) for record in self.store.documents()]

    def get_document(self, doc_id: str) -> DocumentInfo | None:
        record = self.store.document(doc_id)
        return DocumentInfo.from_record(record) if record else None

    def add_document(self, data: bytes, filename: str, overrides: dict[str, str] | None = None) -> IngestReport:
        with self._write_lock:
            return _report(self.ingestor.ingest_bytes(data, filename, overrides))

    def add_paths(
        self, paths: Iterable[Path], on_report: Callable[[IngestReport], None] | None = None
    ) -> list[IngestReport]:
        """Ingest many files in bulk steps (see `Ingestor.ingest_paths`); `on_report` hears of each
        file as soon as it is written (a progress bar)."""
        notify = (lambda result: on_report(_report(result))) if on_report else None
        with self._write_lock:
            return [_report(result) for result in self.ingestor.ingest_paths(list(paths), notify)]

    def add_path(self, path: Path) -> IngestReport:
        with self._write_lock:
            return _report(self.ingestor.ingest_path(path))

    def delete_document(self, doc_id: str) -> bool:
        with self._write_lock:
            return self.store.delete(doc_id)

    # -- feedback -------------------------------------------------------------------------------

    @cached_property
    def feedback(self) -> FeedbackStore:
        """Opened on first use, so a service that never records feedback never creates the file."""
        return FeedbackStore(self.settings.data_dir / FEEDBACK_FILE)

    def add_feedback(self, feedback: Feedback) -> FeedbackRecord:
        return self.feedback.add(feedback)

    def list_feedback(self) -> list[FeedbackRecord]:
        return self.feedback.all()


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _report(result: IngestResult) -> IngestReport:
    return IngestReport(
        source=result.source,
        status=result.status,
        doc_id=result.doc_id,
        title=result.title,
        chunks=result.chunks,
        embedded=result.embedded,
        error=result.error,
        document=DocumentInfo.from_record(result.record) if result.record else None,
    )

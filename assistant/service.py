"""The one service every adapter calls: the HTTP API, the web chat, the Telegram bot, the CLIs.

A small facade over three parts, wired from settings by `assistant.wiring.build_service`:
- the answer flow (`answer_flow.py`): a question to its answer, as events or at once;
- the report library (`library.py`): ingest, list, delete, and the store's integrity;
- the feedback store (`feedback.py`).
Adapters get everything they show from here (answers, reports, counts, health), never from the
store itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.answer_flow import AnswerFlow
from assistant.events import AnswerEvent, DoneEvent
from assistant.feedback import FeedbackStore
from assistant.library import ReportLibrary, StoreIntegrityError, supported_files
from assistant.llm import ChatModel
from assistant.models import Answer, DocumentInfo, Feedback, FeedbackRecord, IndicatorTable, IngestReport, SearchHit
from assistant.prompts import Prompts
from assistant.questions import QuestionChecker, QuestionError
from assistant.settings import Settings
from ingest.progress import ProgressCallback
from vectorstore.chroma import StoreCheck

if TYPE_CHECKING:
    from assistant.wiring import Components

__all__ = ["AssistantService", "QuestionError", "StoreIntegrityError"]

logger = logging.getLogger(__name__)


class AssistantService:
    def __init__(
        self,
        settings: Settings,
        prompts: Prompts,
        flow: AnswerFlow,
        library: ReportLibrary,
        components: Components,
        feedback_path: Path,
        llm: ChatModel | None,
    ) -> None:
        """`components` (the model, the store, the glossary) let another service share them."""
        self.settings = settings
        self.prompts = prompts
        self.flow = flow
        self.library = library
        self.components = components
        self.feedback_path = feedback_path
        self.llm = llm
        self.checks = QuestionChecker(prompts, settings.answering.max_question_chars)

    # -- questions ------------------------------------------------------------------------------

    def ask(self, question: str, top_k: int | None = None, conversation_id: str | None = None) -> Answer:
        """The whole answer at once: the events of `ask_stream`, collected, so both share one path."""
        events = self.flow.events(self.checks.question(question), top_k, self.checks.conversation_id(conversation_id))
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
        checked = self.checks.question(question)
        conversation = self.checks.conversation_id(conversation_id)
        return self.flow.guarded(self.flow.events(checked, top_k, conversation))

    def search(self, query: str, k: int | None = None) -> list[SearchHit]:
        return self.flow.search(self.checks.question(query), k)

    def indicators(self, query: str) -> IndicatorTable:
        """The figures of the indicator `query` names, across every report, latest period first."""
        return self.flow.indicators(self.checks.question(query))

    def example_questions(self) -> list[str]:
        """Questions a first-time user can click; the file is edited to suit the reports deployed."""
        return [line.strip() for line in self.prompts.get("example_questions").splitlines() if line.strip()]

    @property
    def answer_mode(self) -> str:
        """The mode answers are attempted in: 'generative' with an LLM configured for it, else 'extractive'."""
        return self.flow.mode

    def llm_state(self) -> str:
        """'off' without an LLM; else its circuit breaker's state ('closed' is healthy)."""
        if self.llm is None:
            return "off"
        return str(getattr(self.llm, "state", "closed"))

    # -- reports --------------------------------------------------------------------------------

    def list_documents(self) -> list[DocumentInfo]:
        return self.library.list()

    def get_document(self, doc_id: str) -> DocumentInfo | None:
        return self.library.get(doc_id)

    def add_document(
        self,
        data: bytes,
        filename: str,
        overrides: dict[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """One file; `on_progress` hears of the work as it goes (`IngestProgress`)."""
        return self.library.add(data, filename, overrides, on_progress)

    def add_paths(
        self,
        paths: Iterable[Path],
        on_report: Callable[[IngestReport], None] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestReport]:
        """Ingest files and folders in bulk steps; `on_report` hears of each file as it is written,
        `on_progress` of the work as it goes (files read, texts embedded, time left)."""
        return self.library.add_paths(paths, on_report, on_progress)

    def files_in(self, paths: Iterable[Path]) -> list[Path]:
        """The files `add_paths` would ingest: those given, and the supported files in folders."""
        return supported_files(paths)

    def delete_document(self, doc_id: str) -> bool:
        return self.library.delete(doc_id)

    # -- upkeep ---------------------------------------------------------------------------------

    def warm_up(self) -> None:
        """Check the store, load the model and build the lexical index now, so the first question
        is fast and never answered from a store that lost part of a report."""
        check = self.library.verify()
        indexed = self.flow.warm_up()
        logger.info("store checked: %d reports, %d chunks, %d in the lexical index", check.documents, check.chunks, indexed)

    def check_store(self, repair: bool = False) -> StoreCheck:
        return self.library.check(repair=repair)

    def health(self) -> dict[str, int | bool | str]:
        """What `/healthz` shows: the store's counts, the answer mode and the LLM's state."""
        return {**self.library.counts(), "answer_mode": self.answer_mode, "llm": self.llm_state()}

    # -- feedback -------------------------------------------------------------------------------

    @cached_property
    def feedback(self) -> FeedbackStore:
        """Opened on first use, so a service that never records feedback never creates the file."""
        return FeedbackStore(self.feedback_path)

    def add_feedback(self, feedback: Feedback) -> FeedbackRecord:
        return self.feedback.add(feedback)

    def list_feedback(self) -> list[FeedbackRecord]:
        return self.feedback.all()

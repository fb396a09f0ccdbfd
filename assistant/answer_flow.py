"""One question's way to its answer, as a stream of events (`assistant.events`).

1. a follow-up is rewritten into a standalone question from its conversation (`followup.py`);
2. hybrid retrieval, then the extractive answer and its calibrated confidence — always, because it
   is the answer in extractive mode, the gate and the fallback in generative mode;
3. generative mode, when the confidence says the reports hold an answer: the LLM reads the numbered
   excerpts (the sentences that answer, with their neighbours and headings), says first whether they
   answer the question, then writes the answer, whose text streams as it comes; the grounding guard
   then judges the whole text. Accepted, it is the answer (`mode="generative"`); rejected, or the
   LLM slow, down or broken off, the extractive answer takes its place (`fallback_reason` says why)
   — through a `replace` event if generated text was already shown. The model's "no" declines
   (`llm_declined`). A figure of a period chosen by the period rules is not put to the vote: the
   rules are authoritative, the model only words what they chose — and not even that when only the
   rules' wording is exact (a comparison base, a period missing: `period_rules`). Below the
   confidence threshold, or when the period rules decline, the LLM is not asked: the decline stays.
4. the turn is recorded in its conversation, then `done`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Iterator
from functools import cached_property
from pathlib import Path

from assistant.answering.excerpts import choose_excerpts
from assistant.answering.extractive import ExtractiveAnswerer, Selection
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
from assistant.followup import FollowUpRewriter
from assistant.indicators import indicator_table
from assistant.llm import LLMError
from assistant.models import Answer, IndicatorTable, SearchHit
from assistant.prompts import Prompts
from assistant.query import Query, analyze
from assistant.retrieval import HybridRetriever, LexicalIndexKeeper, Retrieved
from assistant.settings import AnsweringSettings, ConversationSettings, LLMSettings
from vectorstore.figures import Period, find_periods
from vectorstore.glossary import Glossary
from vectorstore.records import PLAN_KIND, DocumentRecord

logger = logging.getLogger(__name__)

_LINE_END = re.compile(r"(?<=\n)")


class AnswerFlow:
    def __init__(
        self,
        *,
        prompts: Prompts,
        glossary: Glossary,
        lexical: LexicalIndexKeeper,
        retriever: HybridRetriever,
        answerer: ExtractiveAnswerer,
        rewriter: FollowUpRewriter,
        generator: GenerativeAnswerer | None,
        answering: AnsweringSettings,
        conversation: ConversationSettings,
        conversations_path: Path,
        top_k: int,
        llm: LLMSettings | None = None,
    ) -> None:
        self.prompts = prompts
        self.glossary = glossary
        self.lexical = lexical
        self.retriever = retriever
        self.answerer = answerer
        self.rewriter = rewriter
        self.generator = generator
        self.answering = answering
        self.conversation = conversation
        self.conversations_path = conversations_path
        self.top_k = top_k
        self.llm = llm or LLMSettings(base_url=None)
        self._latest: tuple[object, Period | None] | None = None

    @property
    def mode(self) -> str:
        """The mode answers are attempted in: 'generative' with an LLM configured for it, else 'extractive'."""
        return "generative" if self.generator is not None else "extractive"

    @cached_property
    def conversations(self) -> ConversationStore:
        """Opened on first use, so a flow that never answers never creates the file."""
        return ConversationStore(
            self.conversations_path,
            max_turns=self.conversation.max_turns,
            max_age_seconds=self.conversation.max_age_hours * 3600,
        )

    def warm_up(self) -> int:
        """Load the model and the lexical index now, so the first question is fast; the index size."""
        self.retriever.embeddings.embed_query("khởi động")
        return len(self.lexical.current())

    def query(self, text: str) -> Query:
        index = self.lexical.current()
        return analyze(text, self.glossary, index.restorer, self._latest_period(index))

    def _latest_period(self, index: object) -> Period | None:
        """The latest report's period ("năm ngoái" is read against it), found once per store state."""
        cached = self._latest
        if cached is not None and cached[0] is index:
            return cached[1]
        records = self.retriever.store.documents()
        # a plan's horizon ("định hướng đến năm 2030") is no period reported on: "9T" typed alone is
        # the latest report's nine months, not 2030's
        read = [(record, find_periods(record.period)) for record in records]
        reported = [(record, found) for record, found in read if not _plans_ahead(record, found)] or read
        periods = [found[0] for _, found in reported if found]
        latest = max(periods, key=lambda period: period.sort_key) if periods else None
        self._latest = (index, latest)
        return latest

    def indicators(self, text: str) -> IndicatorTable:
        """One indicator's figures across every report (the figure index)."""
        return indicator_table(self.query(text), self.lexical.figures())

    def search(self, text: str, k: int | None = None) -> list[SearchHit]:
        return [
            SearchHit.from_chunk(candidate.chunk, round(candidate.score, 6))
            for candidate in self.retriever.retrieve(self.query(text), k or self.top_k).candidates
        ]

    def events(
        self, question: str, top_k: int | None, conversation_id: str | None
    ) -> Generator[AnswerEvent, None, None]:
        """Rewrite a follow-up, retrieve, answer, stream (see the module docstring)."""
        started = time.perf_counter()
        yield StatusEvent(message=self.prompts.get("status_searching"))
        conversation_id = conversation_id or new_id()
        history = self.conversations.history(conversation_id, self.conversation.history_turns)
        rewrite = self.rewriter.rewrite(question, history)
        if rewrite.by != "none":
            logger.info("follow-up %r rewritten by %s: %r", question, rewrite.by, rewrite.question)
            yield StatusEvent(message=self.prompts.render("status_followup", question=rewrite.question))

        query = self.query(rewrite.question)
        retrieved = self.retriever.retrieve(query, top_k or self.top_k)
        extractive, selection = self._extractive_answer(query, retrieved)
        if self.generator is not None and extractive.answered and selection is not None and not _rules_wording(selection):
            answer = yield from self._generated(query, extractive, selection, started)
        else:
            if self.generator is not None and retrieved.candidates:
                extractive.fallback_reason = "period_rules" if extractive.answered else "low_confidence"
            answer = yield from self._quoted(extractive, started)

        answer.conversation_id = conversation_id
        answer.standalone_question = rewrite.question
        answer.indicator = query.indicator if query.about_figures and answer.answered else ""
        self.conversations.append(
            conversation_id,
            Turn(question, rewrite.question, answer.answer, answer.answered, answer.mode, answer.fallback_reason),
        )
        yield DoneEvent(answer=answer)

    def guarded(self, events: Iterator[AnswerEvent]) -> Generator[AnswerEvent, None, None]:
        """Once a stream has started (an HTTP 200 is on its way), an event is the only way left to
        tell the user something failed; the details go to the log, never to the user."""
        try:
            yield from events
        except Exception:
            logger.exception("a streamed answer failed")
            yield ErrorEvent(message=self.prompts.get("stream_error"))

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
        self, query: Query, extractive: Answer, selection: Selection, started: float
    ) -> Generator[AnswerEvent, None, Answer]:
        """The LLM's verdict (not for a figure the period rules chose), then its answer streamed as
        written and judged whole by the grounding guard."""
        assert self.generator is not None
        authoritative = selection.figures is not None  # the period rules chose the figure
        excerpts = choose_excerpts(
            selection,
            selection.scored,
            authoritative=authoritative,
            max_anchors=self.llm.excerpt_sentences,
            max_chars=self.llm.excerpt_chars,
        )
        passages = number_passages(excerpts)
        yield StatusEvent(message=self.prompts.get("status_writing"))
        text = ""
        reason: str | None = None
        no_answer: float | None = None
        if not authoritative:
            try:
                no_answer = self.generator.no_answer_probability(query.text, passages)
            except LLMError as error:
                reason = error.reason
                logger.warning("LLM verdict failed: %s", error)
            else:
                if no_answer is not None and no_answer > self.llm.decline_probability:
                    reason = "llm_declined"
        if reason is None and not authoritative and self.llm.answers == "figures":
            # The model read that the excerpts answer; it writes only figures of a period: the quote stands.
            checked = extractive.model_copy(update={"fallback_reason": "llm_checked"})
            return (yield from self._quoted(checked, started))
        if reason is None:
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

        if reason == "llm_declined":
            logger.info("the LLM read the excerpts and declined (P(no) %.2f): %r", no_answer or 0.0, query.text)
            declined = Answer(
                answer=self.prompts.get("decline"),
                answered=False,
                confidence=extractive.confidence,
                fallback_reason=reason,
            )
            return (yield from self._quoted(declined, started))
        if reason is None:
            verdict = self.generator.judge(text, passages, _figures_to_keep(selection))
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

    def _extractive_answer(self, query: Query, retrieved: Retrieved) -> tuple[Answer, Selection | None]:
        """The extractive answer, and the selection it quotes (what the LLM is given to read)."""
        index = self.lexical.current()
        if not retrieved.candidates:
            # The lexical index holds exactly the live chunks: empty means no report at all.
            return Answer(answer=self.prompts.get("decline" if len(index) else "no_documents"), answered=False), None
        selection = self.answerer.select_ranking(query, retrieved.for_answer, index, self.retriever.store.chunks_of)
        if selection is None:
            selection = self.answerer.select(query, retrieved.for_answer, index, retrieved.query_vector)
        confident = bool(selection.sentences) and selection.confidence >= self.answering.answer_threshold
        # A decline of the period rules names what the reports do hold for the indicator, each cited —
        # whatever the confidence: it answers nothing, and its wording then does not flip with the
        # corpus-wide word weights the confidence is computed from (reports added on other topics).
        held = selection.declined and selection.lists_held
        if confident or held:
            text, citations = self.answerer.compose(selection)
        else:
            text, citations = self.prompts.get("decline"), []
        answered = confident and not selection.declined
        return Answer(answer=text, answered=answered, citations=citations, confidence=selection.confidence), selection


def _figures_to_keep(selection: Selection) -> list[str]:
    """The figures of the sentences the period rules chose, as written: a model rewording them must
    state every one (the change and the share of plan as well as the level), or the quote is shown."""
    if selection.figures is None:
        return []
    chosen = [*selection.figures.lines, *selection.figures.plans]
    return list(dict.fromkeys(s.figure for _, reading, _ in chosen for s in reading.statements))


def _rules_wording(selection: Selection) -> bool:
    """Whether only the period rules' own wording states the answer exactly: a period's figure read
    from another sentence's comparison base ("… so với cùng kỳ năm 2022 (704.939 địa chỉ)"), or a
    period asked that the reports do not hold, or one of several periods' figures in one sentence (a
    table row of years), or a result set beside its plan. A model given the sentence would state the
    sentence's own period."""
    if selection.ranking is not None:
        return True  # rows chosen by their rank: no sentence of the excerpts says "the first"
    figures = selection.figures
    if figures is None:
        return False
    return (
        bool(figures.missing)
        or figures.versus_plan
        or any(reading.points_at(statement) for _, reading, statement in figures.lines)
    )


def _elapsed_ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 2)


def _plans_ahead(record: DocumentRecord, found: list[Period]) -> bool:
    """Whether a document is a plan, or the period read from it (`found`) is after the year it is
    dated: its period is a target's, not a result's."""
    return record.kind == PLAN_KIND or (bool(found) and record.date[:4].isdigit() and found[0].year > int(record.date[:4]))

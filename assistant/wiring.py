"""`build_service(settings)`: every part of the assistant, wired from settings in one place.

The heavy parts — the embedding model, the Chroma client, the glossary — are `Components`, built
once and shareable: a test or a tool can build a second service (another answer mode, an LLM) over
the same store and loaded model. Nothing is loaded or connected until first needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.embeddings import Embeddings

from assistant.answer_flow import AnswerFlow
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.generative import GenerativeAnswerer
from assistant.followup import FollowUpRewriter
from assistant.library import ReportLibrary
from assistant.llm import ChatModel, create_llm
from assistant.prompts import Prompts
from assistant.retrieval import HybridRetriever, LexicalIndexKeeper
from assistant.service import AssistantService
from assistant.settings import Settings
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.embeddings import create_embeddings, embeddings_id
from vectorstore.glossary import Glossary
from vectorstore.lexical import Analyzer

FEEDBACK_FILE = "feedback.sqlite3"
CONVERSATIONS_FILE = "conversations.sqlite3"
LEXICAL_DIR = "lexical"  # saved BM25 indexes, one folder per store state (see LexicalIndexKeeper)


@dataclass(frozen=True)
class Components:
    embeddings: Embeddings
    store: ChromaStore
    glossary: Glossary

    @classmethod
    def from_settings(cls, settings: Settings) -> Components:
        embeddings = create_embeddings(settings.embedding)
        store = ChromaStore(open_client(settings.store), settings.store.collection, embeddings_id(embeddings))
        return cls(embeddings, store, Glossary.load(settings.ingest.glossary_path))


def build_service(
    settings: Settings, components: Components | None = None, llm: ChatModel | None = None
) -> AssistantService:
    """The service `settings` describe; `components` and `llm` default to the ones they configure."""
    parts = components or Components.from_settings(settings)
    llm = llm if llm is not None else create_llm(settings.llm)
    prompts = Prompts(settings.prompts_dir)
    data_dir = settings.store.data_dir
    lexical = LexicalIndexKeeper(parts.store, Analyzer(parts.glossary), data_dir / LEXICAL_DIR)
    answering = settings.answering
    generative = answering.answer_mode == "generative" and llm is not None
    flow = AnswerFlow(
        prompts=prompts,
        glossary=parts.glossary,
        lexical=lexical,
        retriever=HybridRetriever(parts.store, parts.embeddings, lexical, settings.retrieval),
        answerer=ExtractiveAnswerer(prompts, answering.max_answer_sentences, answering.dense_floor, answering.dense_ceiling),
        rewriter=FollowUpRewriter(prompts, llm, settings.conversation.history_turns, answering.max_question_chars),
        generator=GenerativeAnswerer(llm, prompts) if generative else None,
        answering=answering,
        conversation=settings.conversation,
        conversations_path=data_dir / CONVERSATIONS_FILE,
        top_k=settings.retrieval.top_k,
        llm=settings.llm,
    )
    library = ReportLibrary(
        parts.store,
        parts.embeddings,
        parts.glossary,
        lexical,
        settings.ingest,
        gc_grace_seconds=settings.store.gc_grace_seconds if settings.store.chroma_url else 0.0,
    )
    return AssistantService(settings, prompts, flow, library, parts, data_dir / FEEDBACK_FILE, llm)

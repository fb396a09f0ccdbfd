"""The HTTP server over a hashing-vector store (the 100k latency run): `uvicorn bench.hashing_server:app`.

FOR BENCHMARKS ONLY. The same `create_app(settings, service)` as `server:app`, with one difference:
the service embeds questions with `bench.hashing.HashingEmbeddings` (the store was built with it),
while the real model is still run on every question (`ModelCostEmbeddings`) unless
`BENCH_MODEL_COST=0`, so latency and memory stay those of production. Settings come from the
environment as for `server:app` (`ASSISTANT_DATA_DIR` points at the scale store). Production code
never imports this module.
"""

from __future__ import annotations

import os

from fastapi import FastAPI
from langchain_core.embeddings import Embeddings

from assistant.service import AssistantService
from assistant.settings import Settings, get_settings
from assistant.wiring import Components, build_service
from bench.hashing import HashingEmbeddings, ModelCostEmbeddings
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.embeddings import create_embeddings, embeddings_id
from vectorstore.glossary import Glossary


def hashing_embeddings(settings: Settings, model_cost: bool) -> Embeddings:
    """Hashing vectors; with `model_cost`, each question also runs the configured real model."""
    vectors = HashingEmbeddings()
    if not model_cost:
        return vectors
    return ModelCostEmbeddings(vectors, create_embeddings(settings.embedding))


def hashing_service(settings: Settings, model_cost: bool = True) -> AssistantService:
    """The real service (real Chroma, real BM25) over a store built with hashing vectors."""
    embeddings = hashing_embeddings(settings, model_cost)
    store = ChromaStore(open_client(settings.store), settings.store.collection, embeddings_id(embeddings))
    return build_service(settings, Components(embeddings, store, Glossary.load(settings.ingest.glossary_path)))


def create_hashing_app() -> FastAPI:
    from server import create_app

    settings = get_settings()
    model_cost = os.environ.get("BENCH_MODEL_COST", "1") != "0"
    return create_app(settings, hashing_service(settings, model_cost))


app = create_hashing_app()

"""The pipeline a user would build first, for the side-by-side: LangChain's
RecursiveCharacterTextSplitter (1000 characters, 200 overlap) -> Chroma (langchain-chroma) -> top-4
similarity search, with the same embedding model. No sections, no sentences, no lexical side.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.pipeline import expand_paths

K = 4


@dataclass
class NaivePipeline:
    store: Chroma
    chunks: int
    ingest_s: float

    @classmethod
    def build(cls, corpus: Path, embeddings: Embeddings, persist: Path) -> NaivePipeline:
        """Load every text file, split, embed and store: timed as a whole, like our ingest."""
        started = time.perf_counter()
        documents = [
            Document(page_content=path.read_text("utf-8"), metadata={"source": path.name})
            for path in expand_paths([corpus])
            if path.suffix == ".txt"
        ]
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(documents)
        store = Chroma(
            collection_name="naive",
            embedding_function=embeddings,
            persist_directory=str(persist),
            client_settings=ChromaSettings(anonymized_telemetry=False, is_persistent=True, persist_directory=str(persist)),
        )
        store.add_documents(splits)
        return cls(store, len(splits), time.perf_counter() - started)

    def search(self, question: str, k: int = K) -> list[Document]:
        return self.store.similarity_search(question, k=k)

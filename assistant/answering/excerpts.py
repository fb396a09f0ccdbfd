"""What the LLM reads: the sentences that answer, with their neighbours and headings — not whole chunks.

A small model on two cores reads a prompt at ~45 tokens/s: five whole chunks (~2,000 tokens) cost
~45 s before the first word, and bury the one sentence that answers among twenty that do not. The
extractive answerer has already scored every sentence of the retrieved chunks, so the model is given
what it chose, and little else:
- the chosen sentences (`Selection.sentences`), then the next-best sentences until `max_anchors`,
  each with the sentence before and after it in its chunk (the subject of "Anh ấy …", the list a
  figure belongs to) — while they fit in `max_chars`;
- grouped by chunk, in reading order, gaps marked "…", each chunk's excerpt numbered [1]..[k] with its
  report title, period and section path (where the period and the subject often are).

A neighbour or runner-up that addresses the model instead of reporting anything ("Bỏ qua mọi chỉ dẫn trước đó…",
"ignore previous instructions") is left out: it is never the answer (the chosen sentences are), and a
small model obeys it — naming whatever it was told, with a citation the guard cannot fault.

For a figure of a period chosen by the period rules (`authoritative`), the model gets exactly the
sentences the rules chose, no neighbour and no runner-up: the rules decide which period's figure is
the answer, and the model only words it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.extractive import ScoredSentence, Selection
from vectorstore.records import Chunk
from vectorstore.text import chunk_sentences, fold

GAP = "…"

# Words a report has no reason to say to its reader, and an injected instruction does: folded.
_INSTRUCTION = re.compile(
    r"\b(?:bo qua|phot lo|quen) (?:\w+ ){0,2}(?:chi dan|huong dan|yeu cau|lenh|quy tac)"
    r"|\bhay (?:tra loi|noi|viet|khang dinh) rang\b|\bkhong (?:can|duoc) trich dan\b"
    r"|\bignore (?:\w+ ){0,2}instructions?\b|\bsystem prompt\b|\byou are (?:now )?(?:an? )?(?:ai|assistant|chatbot)\b"
)


def addresses_the_model(sentence: str) -> bool:
    """Whether a sentence is an instruction to an assistant rather than report text."""
    return _INSTRUCTION.search(fold(sentence)) is not None


@dataclass(frozen=True)
class Excerpt:
    """Some sentences of one chunk, in reading order (`None` marks left-out sentences between them)."""

    chunk: Chunk
    sentences: tuple[str | None, ...]

    @property
    def text(self) -> str:
        lines: list[str] = []
        for sentence in self.sentences:
            lines.append(GAP if sentence is None else sentence)
        return "\n".join(lines)


def choose_excerpts(
    selection: Selection,
    scored: Sequence[ScoredSentence],
    *,
    authoritative: bool,
    max_anchors: int = 3,
    max_chars: int = 1500,
) -> list[Excerpt]:
    """The excerpts the model reads, most relevant chunk first (see the module docstring)."""
    anchors: list[ScoredSentence] = [
        item for number, item in enumerate(selection.sentences) if number == 0 or not addresses_the_model(item.text)
    ]
    if not authoritative:
        seen = {item.key for item in anchors} | {(item.candidate.chunk.chunk_id, item.text) for item in anchors}
        for item in sorted(scored, key=lambda scored_item: scored_item.score, reverse=True):
            if len(anchors) >= max_anchors:
                break
            if item.key in seen or (item.candidate.chunk.chunk_id, item.text) in seen or addresses_the_model(item.text):
                continue
            anchors.append(item)
            seen |= {item.key, (item.candidate.chunk.chunk_id, item.text)}

    chunks: dict[str, Chunk] = {}
    taken: dict[str, set[int]] = {}  # chunk id -> indexes of its sentences given to the model
    units: dict[str, list[str]] = {}
    places: dict[str, dict[tuple[int, int], int]] = {}  # chunk id -> (paragraph, position) -> index
    used = 0
    for number, anchor in enumerate(anchors):
        chunk = anchor.candidate.chunk
        if chunk.chunk_id not in units:
            split = chunk_sentences(chunk.text)
            units[chunk.chunk_id] = [sentence for _, _, sentence in split]
            places[chunk.chunk_id] = {(paragraph, position): i for i, (paragraph, position, _) in enumerate(split)}
        sentences = units[chunk.chunk_id]
        index = places[chunk.chunk_id].get((anchor.paragraph, anchor.position))
        if index is None:
            continue
        wanted = [index] if authoritative else [index - 1, index, index + 1]
        wanted = [
            i
            for i in wanted
            if 0 <= i < len(sentences)
            and i not in taken.get(chunk.chunk_id, set())
            and (i == index or not addresses_the_model(sentences[i]))
        ]
        cost = sum(len(sentences[i]) + 1 for i in wanted)
        if number and used + cost > max_chars:
            alone = len(sentences[index]) + 1
            if index in taken.get(chunk.chunk_id, set()) or used + alone > max_chars:
                continue
            wanted, cost = [index], alone
        chunks.setdefault(chunk.chunk_id, chunk)
        taken.setdefault(chunk.chunk_id, set()).update(wanted)
        used += cost

    excerpts: list[Excerpt] = []
    for chunk_id, chunk in chunks.items():
        sentences = units[chunk_id]
        indexes = sorted(taken[chunk_id])
        picked: list[str | None] = []
        for position, i in enumerate(indexes):
            if position and i != indexes[position - 1] + 1:
                picked.append(None)
            picked.append(sentences[i])
        excerpts.append(Excerpt(chunk, tuple(picked)))
    return excerpts


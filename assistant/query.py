"""What a question asks: its content words, the period it names, whether it wants a figure.

Question words ("bao nhiêu", "là gì", "như thế nào") shape a question but say nothing about its
subject, so they are set aside before measuring how well a sentence covers the question. Single
question words are only removed when the question has diacritics: folded, "đâu" and "đầu" are
both "dau", and "6 thang dau nam" must keep its "dau".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import Period, find_periods, find_years
from vectorstore.glossary import Glossary
from vectorstore.text import fold, has_diacritics, normalize, phrases

_ASKS_FIGURE = re.compile(
    r"\b(bao nhieu|may|ty le|so luong|muc|bao lau|phan tram|xep thu|thu may|tong so|doanh thu|"
    r"so lieu|tang truong|giam|tang|dat)\b"
)
_ASKS_TARGET = re.compile(r"\b(muc tieu|dinh huong|nhiem vu|ke hoach|chi tieu|phan dau|du kien|phuong huong)\b")


@dataclass(frozen=True)
class Query:
    """A question, analysed once and shared by retrieval and answer selection."""

    text: str
    content: str
    dense_text: str
    periods: list[Period] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    asks_figure: bool = False
    asks_target: bool = False


@lru_cache(maxsize=1)
def _question_words() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    """(accented sequences, folded multi-word sequences) of the question-word list."""
    text = resources.files("vectorstore.data").joinpath("question_words.txt").read_text("utf-8")
    accented: set[tuple[str, ...]] = set()
    folded: set[tuple[str, ...]] = set()
    for line in text.splitlines():
        line = line.strip().lower()
        if not line or line.startswith("#"):
            continue
        sequence = tuple(line.split())
        accented.add(sequence)
        if len(sequence) > 1:
            folded.add(tuple(fold(word) for word in sequence))
    return frozenset(accented), frozenset(folded)


def content_words(question: str) -> str:
    """The question with its question words replaced by phrase breaks."""
    accented, folded_phrases = _question_words()
    with_marks = has_diacritics(question)
    pieces: list[str] = []
    for phrase in phrases(question):
        keep: list[str] = []
        index = 0
        while index < len(phrase):
            matched = 0
            for size in (4, 3, 2, 1):
                window = tuple(phrase[index : index + size])
                if len(window) < size:
                    continue
                if (with_marks and window in accented) or tuple(fold(w) for w in window) in folded_phrases:
                    matched = size
                    break
            if matched:
                if keep:
                    pieces.append(" ".join(keep))
                keep = []
                index += matched
            else:
                keep.append(phrase[index])
                index += 1
        if keep:
            pieces.append(" ".join(keep))
    return ". ".join(pieces)


def analyze(question: str, glossary: Glossary, restorer: DiacriticRestorer | None = None) -> Query:
    """Analyse a question; with a restorer, a question typed without diacritics is re-accented for
    the embedding model (the lexical side compares folded tokens and needs no help)."""
    text = normalize(question).strip()
    folded = fold(text)
    return Query(
        text=text,
        content=content_words(text),
        dense_text=glossary.expand(restorer.restore(text) if restorer else text),
        periods=find_periods(text),
        years=find_years(text),
        asks_figure=bool(_ASKS_FIGURE.search(folded)),
        asks_target=bool(_ASKS_TARGET.search(folded)),
    )

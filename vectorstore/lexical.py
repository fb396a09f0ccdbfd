"""A lexical index that understands how Vietnamese is typed.

Each text becomes tokens of four kinds, all lower-case:
- syllables with their diacritics ("cáp"), so an accented question prefers the exact word;
- the same syllables folded ("cap"), so "ty le nguoi dung internet" still matches;
- folded syllable bigrams ("cap_quang"): Vietnamese words are mostly two syllables, so bigrams
  stand in for word segmentation, and unlike a segmenter they work on text typed without accents;
- glossary concepts ("abbr_dvctt") for an abbreviation or its full phrase.

Scoring is BM25 (bm25s: a maintained, sparse-matrix implementation that stays fast at 100k+
chunks). The index is always rebuilt from the vector store's own texts, so the two cannot disagree.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import bm25s
import numpy as np

from vectorstore.diacritics import DiacriticRestorer
from vectorstore.glossary import Glossary
from vectorstore.text import bigrams, canonical_number, fold, phrases


# bm25s sets its own logger to DEBUG on import; its per-build chatter is not ours to print.
logging.getLogger("bm25s").setLevel(logging.WARNING)


@dataclass(frozen=True)
class QueryTerm:
    """A token of a question and how much it says (its inverse document frequency)."""

    token: str
    weight: float


class Analyzer:
    """Turns text into lexical tokens; ingest and query share one instance."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def tokens(self, text: str) -> list[str]:
        """All tokens of a text, for indexing or for a BM25 query."""
        result: list[str] = []
        all_folded: list[str] = []
        for phrase in phrases(text):
            folded = [fold(token) for token in phrase]
            for original, plain in zip(phrase, folded):
                result.append(plain)
                if original != plain:
                    result.append(original)
                if plain[:1].isdigit():
                    number = canonical_number(plain)
                    if number != plain:
                        result.append(number)
            result.extend(bigrams(folded))
            all_folded.extend(folded)
        result.extend(self.glossary.concept_keys(all_folded))
        return result

    def folded_token_set(self, text: str) -> set[str]:
        """The folded tokens of a text as a set: what a sentence "covers" of a question."""
        return {token for token in self.tokens(text) if token == fold(token)}


class LexicalIndex:
    """BM25 over analysed chunks, with document frequencies kept for coverage scoring."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._ids: list[str] = []
        self._retriever: bm25s.BM25 | None = None
        self._document_frequency: Counter[str] = Counter()
        self.restorer = DiacriticRestorer.seeded()

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def build(self, items: Iterable[tuple[str, str]]) -> None:
        """(chunk id, text) pairs -> a fresh index. Replaces whatever was indexed before."""
        ids: list[str] = []
        corpus: list[list[str]] = []
        frequency: Counter[str] = Counter()
        restorer = DiacriticRestorer.seeded()
        for chunk_id, text in items:
            restorer.learn(text)
            tokens = self.analyzer.tokens(text)
            ids.append(chunk_id)
            corpus.append(tokens)
            frequency.update(set(tokens))
        retriever = None
        if corpus:
            retriever = bm25s.BM25(k1=1.2, b=0.75)
            retriever.index(corpus, show_progress=False)
        self._ids, self._retriever, self._document_frequency = ids, retriever, frequency
        self.restorer = restorer

    def document_frequency(self, token: str) -> int:
        return self._document_frequency.get(token, 0)

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; a token never seen gets the highest value."""
        total = max(len(self._ids), 1)
        frequency = self._document_frequency.get(token, 0)
        return math.log(1.0 + (total - frequency + 0.5) / (frequency + 0.5))

    def query_terms(self, text: str) -> list[QueryTerm]:
        """Distinct folded tokens of a question, each weighted by its IDF."""
        seen: dict[str, QueryTerm] = {}
        for token in self.analyzer.tokens(text):
            if token == fold(token) and token not in seen:
                seen[token] = QueryTerm(token, self.idf(token))
        return list(seen.values())

    def search(self, text: str, k: int) -> list[tuple[str, float]]:
        """The k best chunk ids with their BM25 scores, best first; no zero scores."""
        tokens = self.analyzer.tokens(text)
        if self._retriever is None or k <= 0 or not tokens:  # "???", an emoji: no word to look for
            return []
        scores = self._retriever.get_scores(tokens)
        return self._top(scores, k)

    def _top(self, scores: np.ndarray, k: int) -> list[tuple[str, float]]:
        k = min(k, len(scores))
        if k == 0:
            return []
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self._ids[i], float(scores[i])) for i in best if scores[i] > 0]

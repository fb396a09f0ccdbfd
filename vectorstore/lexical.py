"""A lexical index that understands how Vietnamese is typed.

Each text becomes tokens of four kinds, all lower-case:
- syllables with their diacritics ("cáp"), so an accented question prefers the exact word;
- the same syllables folded ("cap"), so "ty le nguoi dung internet" still matches;
- folded syllable bigrams ("cap_quang"): Vietnamese words are mostly two syllables, so bigrams
  stand in for word segmentation, and unlike a segmenter they work on text typed without accents;
- glossary concepts ("abbr_dvctt") for an abbreviation or its full phrase.

Scoring is BM25 (bm25s: a maintained, sparse-matrix implementation that stays fast at 100k+
chunks). The index is always rebuilt from the vector store's own texts, so the two cannot disagree;
a built index can be saved and loaded again memory-mapped (see `save` and `load`): at 100k chunks a
rebuild tokenises every chunk in Python for minutes and holds gigabytes while it does, a load takes
a second and keeps the score matrix on disk, paged in only where questions touch it.
"""

from __future__ import annotations

import difflib
import json
import logging
import math
import os
import shutil
import uuid
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from scipy import sparse

from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import canonical_number
from vectorstore.glossary import Glossary
from vectorstore.text import bigrams, fold, phrases

# bm25s sets its own logger to DEBUG on import; its per-build chatter is not ours to print.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# A word nearly spelled as another (difflib's ratio: "Seasmans" for "Seaman" is 0.86), at most this many
# letters longer or shorter.
NEAR_SPELLING = 0.8
NEAR_LENGTH = 3


@dataclass(frozen=True)
class QueryTerm:
    """A token of a question and how much it says (its inverse document frequency)."""

    token: str
    weight: float


class Analyzer:
    """Turns text into lexical tokens; ingest and query share one instance."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def tokens(self, text: str, learner: DiacriticRestorer | None = None) -> list[str]:
        """All tokens of a text, for indexing or for a BM25 query; `learner` (a diacritic restorer)
        learns the text's spellings from the same pass, so indexing splits each text only once."""
        result: list[str] = []
        all_folded: list[str] = []
        if learner is not None:
            learner.learn_names(text)
        for phrase in phrases(self.glossary.spell_written(text)):  # "Tổng DT toàn ngành": "doanh thu"
            if learner is not None:
                learner.learn_phrase(phrase)
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
        """The folded tokens of a text as a set: what a sentence "covers" of a question. A text
        writing an abbreviation covers its full phrase too: "hồ sơ TTHC" answers "hồ sơ thủ tục
        hành chính" as fully as the spelled-out words would."""
        tokens = {token for token in self.tokens(text) if token == fold(token)}
        for key in [token for token in tokens if token.startswith("abbr_")]:
            tokens |= self.glossary.phrase_tokens(key)
        return tokens


class LexicalIndex:
    """BM25 over analysed chunks, with document frequencies kept for coverage scoring."""

    IDS_FILE = "ids.json"
    RESTORER_FILE = "restorer.json"

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self._ids: list[str] = []
        self._retriever: bm25s.BM25 | None = None
        self._frequency: np.ndarray = np.zeros(0, dtype=np.int32)
        self._spellings: dict[str, list[str]] | None = None  # the vocabulary by first letter, read on first use
        self.restorer = DiacriticRestorer.seeded()

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def build(self, items: Iterable[tuple[str, str]]) -> None:
        """(chunk id, text) pairs -> a fresh index. Replaces whatever was indexed before.

        Each text is tokenised once (the diacritic restorer learns from the same pass) and kept only
        as token ids and counts in flat arrays: holding 100k chunks' token strings would take
        gigabytes. The BM25 matrix is then computed with numpy, exactly as bm25s computes it.
        """
        ids: list[str] = []
        vocab: dict[str, int] = {}
        token_ids, counts, lengths, row_ends = array("i"), array("f"), array("q"), array("q", [0])
        restorer = DiacriticRestorer.seeded()
        for chunk_id, text in items:
            tokens = self.analyzer.tokens(text, learner=restorer)
            ids.append(chunk_id)
            for token, count in Counter(tokens).items():
                token_ids.append(vocab.setdefault(token, len(vocab)))
                counts.append(count)
            lengths.append(len(tokens))
            row_ends.append(len(token_ids))
        self._ids, self.restorer = ids, restorer
        self._retriever = _bm25(vocab, token_ids, counts, lengths, row_ends) if ids else None
        self._frequency = _document_frequencies(self._retriever)
        self._spellings = None

    def save(self, folder: Path) -> None:
        """Write the index to `folder` (created whole or not at all: written aside, then renamed)."""
        if self._retriever is None:
            raise ValueError("an empty index is not saved")
        folder.parent.mkdir(parents=True, exist_ok=True)
        temporary = folder.parent / f".tmp-{uuid.uuid4().hex}"
        try:
            self._retriever.save(str(temporary), show_progress=False)
            (temporary / self.IDS_FILE).write_text(json.dumps(self._ids), "utf-8")
            (temporary / self.RESTORER_FILE).write_text(json.dumps(self.restorer.to_json(), ensure_ascii=False), "utf-8")
            os.rename(temporary, folder)
        except OSError:
            if not folder.exists():
                raise
            # another process saved the same index first: theirs is as good as ours
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    @classmethod
    def load(cls, analyzer: Analyzer, folder: Path) -> LexicalIndex:
        """An index saved by `save`, its score matrix memory-mapped (read-only, paged in on use)."""
        index = cls(analyzer)
        index._retriever = bm25s.BM25.load(str(folder), mmap=True, show_progress=False)
        index._ids = json.loads((folder / cls.IDS_FILE).read_text("utf-8"))
        index.restorer = DiacriticRestorer.from_json(json.loads((folder / cls.RESTORER_FILE).read_text("utf-8")))
        index._frequency = _document_frequencies(index._retriever)
        if index._frequency.size and len(index._ids) != index._retriever.scores["num_docs"]:
            raise ValueError(f"inconsistent lexical index in {folder}")
        return index

    def document_frequency(self, token: str) -> int:
        if self._retriever is None:
            return 0
        token_id = self._retriever.vocab_dict.get(token)
        if token_id is None or token_id >= len(self._frequency):  # bm25s's "" has no column
            return 0
        return int(self._frequency[token_id])

    def writes_nearly(self, token: str) -> bool:
        """Whether some indexed word is spelled nearly as `token` (folded, no indexed text has it):
        how a name is mistyped or declined in a question ("bronco" for "broncos", "sentanta" for
        "setanta", "superbowl" for "super bowl"). The vocabulary is grouped by first letter once, on first use."""
        if self._retriever is None or not token:
            return False
        if self._spellings is None:
            self._spellings = {}
            for word in self._retriever.vocab_dict:
                self._spellings.setdefault(word[:1], []).append(word.replace("_", ""))
        spellings = [word for word in self._spellings.get(token[:1], ()) if abs(len(word) - len(token)) <= NEAR_LENGTH]
        return bool(difflib.get_close_matches(token, spellings, n=1, cutoff=NEAR_SPELLING))

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; a token never seen gets the highest value."""
        total = max(len(self._ids), 1)
        frequency = self.document_frequency(token)
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


def _bm25(vocab: dict[str, int], token_ids: array, counts: array, lengths: array, row_ends: array) -> bm25s.BM25:
    """A bm25s index (Lucene variant, k1=1.2, b=0.75) from each chunk's distinct token ids and counts.

    The same arithmetic as bm25s's own `index` (idf with `math.log`, the term-frequency part in
    float64, scores stored as float32, one column per token), so scores are bit-for-bit equal; but
    vectorised, and the chunk-by-token matrix is turned into bm25s's token-by-chunk layout by
    scipy's transposition instead of Python loops.
    """
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    k1, b = retriever.k1, retriever.b
    n_docs, n_vocab = len(lengths), len(vocab)
    columns = np.frombuffer(token_ids, dtype=np.int32)
    tf = np.frombuffer(counts, dtype=np.float32).astype(np.float64)
    doc_lengths = np.frombuffer(lengths, dtype=np.int64)
    average = doc_lengths.mean() or 1.0
    frequency = np.bincount(columns, minlength=n_vocab)
    idf = np.array([math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) for df in frequency.tolist()], dtype=np.float32)
    row_starts = np.frombuffer(row_ends, dtype=np.int64)
    norm = np.repeat(k1 * ((1 - b) + b * doc_lengths / average), np.diff(row_starts))
    scores = (idf[columns].astype(np.float64) * (tf / (norm + tf))).astype(np.float32)
    del tf, norm
    by_token = sparse.csr_matrix((scores, columns, row_starts), shape=(n_docs, n_vocab)).tocsc()
    vocab[""] = n_vocab  # bm25s's empty token (no column), so a saved index reads back as its own
    retriever.scores = {
        "data": by_token.data,
        "indices": by_token.indices.astype(np.int32, copy=False),
        "indptr": by_token.indptr.astype(np.int32, copy=False),
        "num_docs": n_docs,
    }
    retriever.vocab_dict = vocab
    retriever.nonoccurrence_array = None
    retriever.unique_token_ids_set = set(vocab.values())
    return retriever


def _document_frequencies(retriever: bm25s.BM25 | None) -> np.ndarray:
    """How many chunks hold each token, read off the BM25 matrix (one column per token, one stored
    score per chunk that holds it) instead of being counted again in a dictionary."""
    if retriever is None:
        return np.zeros(0, dtype=np.int32)
    return np.diff(np.asarray(retriever.scores["indptr"])).astype(np.int32)

"""The default answer: the one to three sentences of the reports that answer the question, quoted
exactly, each with its [n] citation. No language model, so no figure can be invented.

A sentence is scored by
- how much of the question it covers: IDF-weighted folded tokens, word bigrams and glossary concepts
  (question words such as "bao nhiêu" set aside; a word found only in its section heading counts half);
- how well it fits what is asked: a figure when one is asked for, the period the question names;
- how close it is in meaning: the cosine of its own embedding (stored at ingest) to the question's.
The answer is then the best sentence; in prose, its neighbour in the same paragraph (the subject of
"Anh ấy …", or the figure after "… như sau:"); the best sentence for each further period the question
names ("năm 2021 và năm 2023"); and a close runner-up from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.models import Citation
from assistant.query import Query
from assistant.retrieval import Candidate
from vectorstore.figures import answer_figures, compared_years, find_years
from vectorstore.lexical import LexicalIndex
from vectorstore.records import Chunk
from vectorstore.text import chunk_sentences, strip_bullet

CONTEXT_WEIGHT = 0.5  # a question word found only in the section heading counts half
MEANING_WEIGHT = 0.3  # weight of the sentence's normalised embedding similarity in its score
MISSING_FIGURE = 0.7  # factor for a sentence without any number when a figure is asked for
MISSING_CODE = 0.5  # factor for a sentence naming none of the codes the question names ("5G", "IPv6", "HTX01")
OTHER_PERIOD = 0.6  # factor for a sentence about another year than the one asked
RUNNER_UP_MIN = 0.5  # a sentence from elsewhere joins when it scores at least this share of the best
BIGRAM_WEIGHT = 0.5
MIN_SENTENCE_CHARS = 12
# A sentence opening with a pronoun or a back-reference needs the sentence before it.
_REFERS_BACK = re.compile(
    r"^(?:[-+•➤]\s*)?(?:anh ấy|chị ấy|ông ấy|bà ấy|cô ấy|ông|bà|anh|chị|họ|nó|đây|điều này|việc này|"
    r"những|các|sau đó|tuy nhiên|ngoài ra|do đó|vì vậy)\b",
    re.IGNORECASE,
)


@dataclass
class ScoredSentence:
    text: str
    candidate: Candidate
    paragraph: int
    position: int
    score: float
    coverage: float
    fit: float  # how well it fits what is asked: a figure when one is asked, the period named
    meaning: float  # embedding similarity to the question, normalised to [0, 1]
    covered: frozenset[str] = field(default_factory=frozenset)
    years: tuple[int, ...] = ()

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.candidate.chunk.chunk_id, self.paragraph, self.position)


@dataclass(frozen=True)
class Selection:
    """The chosen sentences, in reading order, and the confidence that they answer the question."""

    sentences: list[ScoredSentence]
    confidence: float


class ExtractiveAnswerer:
    def __init__(self, max_sentences: int = 3, dense_floor: float = 0.75, dense_ceiling: float = 0.95) -> None:
        self.max_sentences = max_sentences
        self.dense_floor = dense_floor
        self.dense_ceiling = dense_ceiling

    def select(
        self,
        query: Query,
        candidates: list[Candidate],
        index: LexicalIndex,
        query_vector: Sequence[float] | None = None,
    ) -> Selection:
        scored = self.score_sentences(query, candidates, index, query_vector)
        if not scored:
            return Selection([], 0.0)
        chosen = self._choose(query, scored)
        best = max(chosen, key=lambda item: item.score)
        return Selection(chosen, self.confidence(best, scored))

    def score_sentences(
        self,
        query: Query,
        candidates: list[Candidate],
        index: LexicalIndex,
        query_vector: Sequence[float] | None = None,
    ) -> list[ScoredSentence]:
        """Every sentence of the candidate chunks, scored, in the candidates' order."""
        if not candidates:
            return []
        weights = question_weights(query, index)
        total = sum(weights.values()) or 1.0
        question = _unit(query_vector) if query_vector is not None else None

        asked_comparisons = set(compared_years(query.text))
        codes = frozenset(token for token in weights if _is_code(token))
        scored: list[ScoredSentence] = []
        for candidate in candidates:
            chunk = candidate.chunk
            context = index.analyzer.folded_token_set(f"{chunk.section} {chunk.period}")
            similarities = _similarities(chunk, question)
            for number, (paragraph, position, sentence) in enumerate(chunk_sentences(chunk.text)):
                if len(sentence) < MIN_SENTENCE_CHARS:
                    continue
                tokens = index.analyzer.folded_token_set(sentence)
                covered = frozenset(token for token in weights if token in tokens)
                in_context = sum(w for t, w in weights.items() if t not in covered and t in context)
                coverage = (sum(weights[t] for t in covered) + CONTEXT_WEIGHT * in_context) / total
                fit = 1.0
                if query.asks_figure and not answer_figures(sentence):
                    fit *= MISSING_FIGURE
                if codes and not codes & (tokens | context):
                    fit *= MISSING_CODE  # another network, standard or unit than the one asked about
                # "… tăng 6,7% so với cùng kỳ năm 2022" in a 2023 report is about 2023: a year named only
                # as a comparison base counts when the question itself compares with it.
                named = find_years(sentence)
                compared = set(compared_years(sentence)) - asked_comparisons if named else set()
                own = [year for year in named if year not in compared]
                years = tuple(dict.fromkeys([*own, *([chunk.year] if chunk.year else [])]))
                if query.years and not set(years) & set(query.years):
                    fit *= OTHER_PERIOD
                similarity = similarities[number] if similarities is not None else candidate.dense
                meaning = self._normalise(float(similarity))
                score = coverage * fit + MEANING_WEIGHT * meaning
                scored.append(
                    ScoredSentence(sentence, candidate, paragraph, position, score, coverage, fit, meaning, covered, years)
                )
        return scored

    def _normalise(self, similarity: float) -> float:
        span = max(self.dense_ceiling - self.dense_floor, 1e-6)
        return min(max((similarity - self.dense_floor) / span, 0.0), 1.0)

    def confidence(self, best: ScoredSentence, scored: list[ScoredSentence]) -> float:
        """How sure the assistant is that the reports answer the question, in [0, 1]: what the best
        sentence covers of the question and how it fits, times how close in meaning the closest
        sentence is. Both factors are normalised (coverage is a share of the question, similarity is
        scaled between the model's floor and ceiling), so adding or removing documents does not shift
        the scale the decline threshold is set on."""
        closest = max(item.meaning for item in scored)
        return round(best.coverage * best.fit * closest, 4)

    def _choose(self, query: Query, scored: list[ScoredSentence]) -> list[ScoredSentence]:
        """The answer's sentences in the order they are shown: the best first, except that a sentence
        it refers back to ("Anh ấy …", "Điều này …") comes before it, as in the text."""
        ranked = sorted(scored, key=lambda item: item.score, reverse=True)
        best = ranked[0]
        before: list[ScoredSentence] = []
        after: list[ScoredSentence] = []

        neighbours = [
            item
            for item in scored
            if item.candidate is best.candidate
            and item.paragraph == best.paragraph
            and abs(item.position - best.position) == 1
        ]
        previous = [item for item in neighbours if item.position < best.position]
        if previous and _REFERS_BACK.match(best.text):
            before.append(previous[0])
        elif neighbours:
            after.append(max(neighbours, key=lambda item: item.score))

        def chosen() -> list[ScoredSentence]:
            return [*before, best, *after]

        if len(query.years) > 1:
            for year in query.years:
                if any(year in item.years for item in chosen()) or len(chosen()) >= self.max_sentences:
                    continue
                match = next((item for item in ranked if year in item.years), None)
                if match is not None and match.score >= 0.5 * best.score:
                    after.append(match)

        taken = {item.key for item in chosen()}
        texts = {item.text for item in chosen()}
        for item in ranked[1:]:
            if len(chosen()) >= self.max_sentences or item.score < RUNNER_UP_MIN * best.score:
                break
            if item.key in taken or item.text in texts:
                continue
            if query.years and not set(item.years) & set(query.years):
                continue  # never add a sentence about another period than the one asked
            after.append(item)
            break
        return chosen()

    def compose(self, selection: Selection) -> tuple[str, list[Citation]]:
        """Answer text with [n] markers, and the citations those numbers point to."""
        numbering: dict[str, int] = {}
        quotes: dict[str, list[str]] = {}
        lines: list[str] = []
        for item in selection.sentences:
            chunk = item.candidate.chunk
            n = numbering.setdefault(chunk.chunk_id, len(numbering) + 1)
            quotes.setdefault(chunk.chunk_id, []).append(item.text)
            lines.append(f"{strip_bullet(item.text).strip()} [{n}]")
        citations: list[Citation] = []
        for item in selection.sentences:
            chunk = item.candidate.chunk
            n = numbering[chunk.chunk_id]
            if any(citation.n == n for citation in citations):
                continue
            citations.append(Citation.from_chunk(n, chunk, " ".join(quotes[chunk.chunk_id])))
        return "\n".join(lines), sorted(citations, key=lambda citation: citation.n)


def question_weights(query: Query, index: LexicalIndex) -> dict[str, float]:
    """What each question token is worth when measuring coverage.

    Word bigrams count half (they double-count their syllables). A bigram the corpus has never
    seen is left out: it is an artefact of two question phrases meeting ("… số | 6 tháng …"), not
    content. An unseen single word stays in: it is content the reports may simply not have.
    """
    weights: dict[str, float] = {}
    for term in index.query_terms(query.content or query.text):
        if "_" in term.token and not term.token.startswith("abbr_"):
            if index.document_frequency(term.token) == 0:
                continue
            weights[term.token] = BIGRAM_WEIGHT * term.weight
        elif term.weight > 0:
            weights[term.token] = term.weight
    return weights


def _is_code(token: str) -> bool:
    """A token of letters and digits together ("5g", "ipv6", "soak0088d0"): a name, not a figure."""
    return "_" not in token and any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _unit(vector: Sequence[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    norm = float(np.linalg.norm(array))
    return array / norm if norm else array


def _similarities(chunk: Chunk, question: np.ndarray | None) -> np.ndarray | None:
    """Cosine of each of the chunk's sentences with the question; None without stored vectors."""
    matrix = chunk.sentence_matrix()
    if matrix is None or question is None or matrix.shape[1] != question.shape[0]:
        return None
    norms = np.linalg.norm(matrix, axis=1)
    return (matrix @ question) / np.where(norms == 0, 1.0, norms)

"""The default answer: the one to three sentences of the reports that answer the question, quoted
exactly, each with its [n] citation. No language model, so no figure can be invented.

A sentence is scored by how much of the question it covers (IDF-weighted folded tokens, word
bigrams and glossary concepts; a word found only in its section heading counts half), how well
its chunk was retrieved, whether it holds a figure when one is asked for, and whether it is about
the period the question names. The answer is then
- the best sentence;
- in prose, the neighbour in the same paragraph that scores higher (the subject of "Anh ấy …" or
  the figure of "… như sau" is often next door);
- the best sentence for each further period the question names ("năm 2021 và năm 2023");
- a close runner-up from elsewhere, when it covers something the others do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.models import Citation
from assistant.query import Query
from assistant.retrieval import Candidate
from vectorstore.lexical import LexicalIndex
from vectorstore.periods import find_years
from vectorstore.text import numbers, split_sentences, strip_bullet

CONTEXT_WEIGHT = 0.5  # a question word found only in the section heading counts half
RETRIEVAL_WEIGHT = 0.5  # share of a sentence's score that follows its chunk's retrieval rank
MISSING_FIGURE = 0.7  # factor for a sentence without any number when a figure is asked for
OTHER_PERIOD = 0.6  # factor for a sentence about another year than the one asked
NEIGHBOUR_MIN = 0.25  # a neighbour joins the answer when it scores at least this share of the best
RUNNER_UP_MIN = 0.7  # a sentence from elsewhere joins when it scores at least this share
BIGRAM_WEIGHT = 0.5
MIN_SENTENCE_CHARS = 12
_BARE_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass
class ScoredSentence:
    text: str
    candidate: Candidate
    paragraph: int
    position: int
    score: float
    coverage: float
    fit: float  # how well it fits what is asked: a figure when one is asked, the period named
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

    def select(self, query: Query, candidates: list[Candidate], index: LexicalIndex) -> Selection:
        scored = self.score_sentences(query, candidates, index)
        if not scored:
            return Selection([], 0.0)
        chosen = self._choose(query, scored)
        return Selection(chosen, self.confidence(chosen[0], candidates))

    def score_sentences(self, query: Query, candidates: list[Candidate], index: LexicalIndex) -> list[ScoredSentence]:
        """Every sentence of the candidate chunks, scored, in document order."""
        if not candidates:
            return []
        weights = question_weights(query, index)
        total = sum(weights.values()) or 1.0
        best_chunk = max(candidate.score for candidate in candidates) or 1.0

        scored: list[ScoredSentence] = []
        for candidate in candidates:
            chunk = candidate.chunk
            context = index.analyzer.folded_token_set(f"{chunk.section} {chunk.period}")
            retrieval = (1 - RETRIEVAL_WEIGHT) + RETRIEVAL_WEIGHT * candidate.score / best_chunk
            for paragraph, line in enumerate(chunk.text.split("\n")):
                for position, sentence in enumerate(split_sentences(line)):
                    if len(sentence) < MIN_SENTENCE_CHARS:
                        continue
                    tokens = index.analyzer.folded_token_set(sentence)
                    covered = frozenset(token for token in weights if token in tokens)
                    in_context = sum(w for t, w in weights.items() if t not in covered and t in context)
                    coverage = (sum(weights[t] for t in covered) + CONTEXT_WEIGHT * in_context) / total
                    fit = 1.0
                    if query.asks_figure and not figures(sentence):
                        fit *= MISSING_FIGURE
                    # "… tăng 6,7% so với cùng kỳ năm 2022" in a 2023 report is still about 2023
                    years = tuple(dict.fromkeys([*find_years(sentence), *([chunk.year] if chunk.year else [])]))
                    if query.years and not set(years) & set(query.years):
                        fit *= OTHER_PERIOD
                    scored.append(
                        ScoredSentence(
                            sentence, candidate, paragraph, position, coverage * fit * retrieval, coverage, fit, covered, years
                        )
                    )
        return scored

    def confidence(self, best: ScoredSentence, candidates: list[Candidate]) -> float:
        """How sure the assistant is that the best sentence answers: question coverage and fit,
        corroborated by the dense similarity of the best chunks. Both are normalised (the dense part
        between the model's floor and ceiling), so adding documents does not shift the scale the
        decline threshold is set on."""
        dense = max((candidate.dense for candidate in candidates), default=0.0)
        span = max(self.dense_ceiling - self.dense_floor, 1e-6)
        dense_part = min(max((dense - self.dense_floor) / span, 0.0), 1.0)
        return round(best.coverage * best.fit * dense_part**0.3, 4)

    def _choose(self, query: Query, scored: list[ScoredSentence]) -> list[ScoredSentence]:
        ranked = sorted(scored, key=lambda item: item.score, reverse=True)
        best = ranked[0]
        chosen = [best]

        neighbours = [
            item
            for item in scored
            if item.candidate is best.candidate
            and item.paragraph == best.paragraph
            and abs(item.position - best.position) == 1
        ]
        if neighbours:
            neighbour = max(neighbours, key=lambda item: item.score)
            if neighbour.score >= NEIGHBOUR_MIN * best.score:
                chosen.append(neighbour)

        if len(query.years) > 1:
            for year in query.years:
                if any(year in item.years for item in chosen) or len(chosen) >= self.max_sentences:
                    continue
                match = next((item for item in ranked if year in item.years), None)
                if match is not None and match.score >= 0.5 * best.score:
                    chosen.append(match)

        taken = {item.key for item in chosen}
        texts = {item.text for item in chosen}
        covered = frozenset().union(*(item.covered for item in chosen))
        for item in ranked[1:]:
            if len(chosen) >= self.max_sentences or item.score < RUNNER_UP_MIN * best.score:
                break
            if item.key in taken or item.text in texts or not item.covered - covered:
                continue
            chosen.append(item)
            break
        # Reading order: chunks as ranked, sentences as written ("Peyton Manning …" before "Anh ấy …").
        order = {item.key: index for index, item in enumerate(scored)}
        return sorted(chosen, key=lambda item: order[item.key])

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
            citations.append(
                Citation(
                    n=n,
                    source=chunk.source,
                    title=chunk.title,
                    section=chunk.section,
                    quote=" ".join(quotes[chunk.chunk_id]),
                    period=chunk.doc_period or chunk.period,
                    doc_id=chunk.doc_id,
                    chunk_id=chunk.chunk_id,
                )
            )
        return "\n".join(lines), sorted(citations, key=lambda citation: citation.n)


def figures(sentence: str) -> list[str]:
    """Numbers that can answer "bao nhiêu": any number but a bare year ("đến năm 2025")."""
    return [number for number in numbers(sentence) if not _BARE_YEAR.fullmatch(number)]


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



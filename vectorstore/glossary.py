"""The abbreviation glossary: "DVCTT" and "dịch vụ công trực tuyến" are the same concept.

The glossary is a plain TSV file (variants separated by "|", a tab, the full phrase) so the
people who know the reports can extend it without touching code.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from vectorstore.text import bigrams, fold, words

DEFAULT_GLOSSARY = "abbreviations.tsv"


@dataclass(frozen=True)
class Concept:
    """One abbreviation with its spellings and its full phrase."""

    key: str
    variants: tuple[str, ...]
    expansion: str


@dataclass
class Glossary:
    """Finds abbreviations and their full phrases in text, on folded tokens."""

    concepts: list[Concept] = field(default_factory=list)
    # Shorthand a report writes in exact letters only ("DT" for "doanh thu"; "ĐT" and "dt" are not it):
    # read as its words wherever it is written, never as a concept of its own.
    written: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # first folded token -> [(token sequence, concept key)], longest sequence first
        self._patterns: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        self._by_variant: dict[str, Concept] = {}
        self._syllables: dict[str, tuple[str, ...]] = {}  # concept key -> its full phrase's folded syllables
        self._by_key: dict[str, Concept] = {concept.key: concept for concept in self.concepts}
        self._phrase_tokens: dict[str, frozenset[str]] = {}
        # concepts_containing is asked again for every sentence read; bounded: its keys come from questions
        self._containing = lru_cache(maxsize=4096)(self._find_containing)
        for concept in self.concepts:
            syllables = [fold(w) for w in words(concept.expansion)]
            self._syllables[concept.key] = tuple(syllables)
            self._phrase_tokens[concept.key] = frozenset([*syllables, *bigrams(syllables)])
            for spelling in (*concept.variants, concept.expansion):
                sequence = tuple(fold(token) for token in words(spelling))
                if sequence:
                    self._patterns[sequence[0]].append((sequence, concept.key))
            for variant in concept.variants:
                self._by_variant[fold(variant)] = concept
        for patterns in self._patterns.values():
            patterns.sort(key=lambda item: len(item[0]), reverse=True)

        self._written = (
            re.compile(r"(?<![\w&/-])(" + "|".join(map(re.escape, self.written)) + r")(?![\w&/-])") if self.written else None
        )

    def spell_written(self, text: str) -> str:
        """The text with the shorthand reports write in exact letters spelled out ("Tổng DT toàn
        ngành" -> "Tổng doanh thu toàn ngành"); "ĐT" and "dt" stay as they are."""
        if self._written is None or not any(letters in text for letters in self.written):
            return text
        return self._written.sub(lambda match: self.written[match.group(1)], text)

    @property
    def fingerprint(self) -> str:
        """A short digest of the concepts: an index of tokens made with another glossary is stale."""
        text = "\n".join(
            [*(f"{c.key}\t{'|'.join(c.variants)}\t{c.expansion}" for c in self.concepts), *(f"={k}\t{v}" for k, v in self.written.items())]
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    @classmethod
    def load(cls, path: str | Path | None = None) -> Glossary:
        """Read a glossary file; without a path, the one shipped with the package."""
        if path is None:
            text = resources.files("vectorstore.data").joinpath(DEFAULT_GLOSSARY).read_text("utf-8")
        else:
            text = Path(path).read_text("utf-8")
        return cls(parse_glossary(text), parse_written(text))

    def concept_keys(self, folded_tokens: list[str]) -> list[str]:
        """Concept keys found in a folded token sequence, by any spelling or the full phrase."""
        found: list[str] = []
        for index, token in enumerate(folded_tokens):
            for sequence, key in self._patterns.get(token, ()):
                if tuple(folded_tokens[index : index + len(sequence)]) == sequence:
                    found.append(key)
                    break
        return found

    def canonical(self, folded_tokens: list[str]) -> list[str]:
        """The tokens with each concept, by any spelling or its full phrase, as its one key:
        "hồ sơ TTHC" and "hồ sơ thủ tục hành chính" both read ["ho", "so", "abbr_tthc"]."""
        result: list[str] = []
        index = 0
        while index < len(folded_tokens):
            for sequence, key in self._patterns.get(folded_tokens[index], ()):
                if tuple(folded_tokens[index : index + len(sequence)]) == sequence:
                    result.append(key)
                    index += len(sequence)
                    break
            else:
                result.append(folded_tokens[index])
                index += 1
        return result

    def both_spellings(self, text: str) -> str:
        """The text's words twice, each concept spelled out and then abbreviated, inline ("số DNCNS"
        -> "so doanh nghiep cong nghe so. so dncns"): searched with them, a row writing either wording
        shares the question's word pairs ("số DNCNS" / "số doanh nghiệp"), not only its single words."""
        keys = self.canonical([fold(token) for token in words(text)])
        if not any(key in self._by_key for key in keys):
            return ""
        spelled = [syllable for key in keys for syllable in (self._syllables[key] if key in self._by_key else (key,))]
        abbreviated = [fold(self._by_key[key].variants[0]) if key in self._by_key else key for key in keys]
        return f"{' '.join(spelled)}. {' '.join(abbreviated)}"

    def phrase_tokens(self, key: str) -> frozenset[str]:
        """The folded words and word bigrams of a concept's full phrase ("thu", "tuc", "thu_tuc", …)."""
        return self._phrase_tokens.get(key, frozenset())

    def phrase_of(self, key: str) -> tuple[str, ...]:
        """A concept's full phrase as folded syllables ("abbr_brdd" -> "bang", "rong", "di", "dong")."""
        return tuple(self._syllables.get(key, ()))

    def concept_of(self, token: str) -> str | None:
        """The concept key of an abbreviation ("nsnn" -> "abbr_nsnn"), or None."""
        concept = self._by_variant.get(fold(token))
        return concept.key if concept else None

    def spelled_out(self, syllables: tuple[str, ...]) -> tuple[str, ...]:
        """The folded syllables with each abbreviation replaced by its full phrase's ("dvc", "truc" ->
        "dich", "vu", "cong", "truc")."""
        spelled: list[str] = []
        for syllable in syllables:
            concept = self._by_variant.get(syllable)
            spelled.extend(self._syllables[concept.key] if concept else (syllable,))
        return tuple(spelled)

    def concepts_containing(self, syllables: tuple[str, ...]) -> list[str]:
        """Keys of the concepts whose full phrase has these folded syllables as one run of words
        ("cong", "truc" -> abbr_dvctt, "dịch vụ công trực tuyến"): a text naming the concept by its
        abbreviation names them too. Syllables scattered over the phrase are another thing ("công
        nghiệp" is not in "doanh nghiệp công nghệ số")."""
        return self._containing(tuple(syllables))

    def _find_containing(self, wanted: tuple[str, ...]) -> list[str]:
        size = len(wanted)
        return [
            key
            for key, phrase in self._syllables.items()
            if size and any(phrase[at : at + size] == wanted for at in range(len(phrase) - size + 1))
        ]

    def with_abbreviations(self, text: str) -> str:
        """Both ways: each abbreviation spelled out and each full phrase abbreviated ("Số doanh nghiệp
        công nghệ số" -> "… (DNCNS)"), so a text naming a concept either way carries the same words."""
        folded = [fold(token) for token in words(text)]
        additions = [
            self._by_key[key].variants[0]
            for key in dict.fromkeys(self.concept_keys(folded))
            if not set(folded) & {fold(variant) for variant in self._by_key[key].variants}
        ]
        expanded = self.expand(text)
        return f"{expanded} ({'; '.join(additions)})" if additions else expanded

    def expand(self, text: str) -> str:
        """Spell out the abbreviations in a question ("DVCTT" -> "DVCTT (dịch vụ công trực tuyến)").

        Used for the dense query: the embedding model knows the words, not the ministry's shorthand.
        """
        additions: list[str] = []
        for token in words(text):
            concept = self._by_variant.get(fold(token))
            if concept and concept.expansion not in additions:
                additions.append(concept.expansion)
        if not additions:
            return text
        return f"{text} ({'; '.join(additions)})"


def parse_written(text: str) -> dict[str, str]:
    """The "=LETTERS<TAB>words" lines: shorthand read in exact letters ("=DT\tdoanh thu")."""
    written: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("=") and "\t" in line:
            letters, phrase = line[1:].split("\t", 1)
            written[letters.strip()] = phrase.strip()
    return written


def parse_glossary(text: str) -> list[Concept]:
    """Parse the TSV lines; "#" starts a comment line, "=" a shorthand read in exact letters
    (`parse_written`)."""
    concepts = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith(("#", "=")):
            continue
        try:
            variants_field, expansion = line.split("\t", 1)
        except ValueError as error:
            raise ValueError(f"glossary line {line_number}: expected 'VARIANTS<TAB>PHRASE'") from error
        variants = tuple(v.strip() for v in variants_field.split("|") if v.strip())
        key = "abbr_" + "".join(ch for ch in fold(variants[0]) if ch.isalnum())
        concepts.append(Concept(key=key, variants=variants, expansion=expansion.strip()))
    return concepts

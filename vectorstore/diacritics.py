"""Putting the diacritics back on a question typed without them, from the corpus's own words.

"ty le nguoi dung internet" is easy for the lexical index (it compares folded tokens) but hard for
the embedding model, which learned Vietnamese with its diacritics. The corpus says how each folded
syllable is usually written, and which pairs of syllables go together ("bo" + "tttt" is "Bộ TTTT",
"go" + "bo" is "gỡ bỏ"), so the question can be re-accented before it is embedded.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from importlib import resources

from vectorstore.legend import letters_pattern
from vectorstore.text import fold, has_diacritics, phrases

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# A word typed alone or two joined by a hyphen, as compounds are typed: "wifi", "wi-fi".
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)?(?![\w-])", re.UNICODE)
MIN_HALF = 1  # letters in each half of a split compound ("e" of "e-Office")
PAIR_WEIGHT = 2.0
QUESTION_WEIGHT = 50  # how many times a question phrase counts as seen
NAME_LOWER_SHARE = 10  # a name's capitalised writings outnumber its lower-case ones by this many times
# A word of Latin letters as a name is written: "MobiFone", "VNPT", "Viettel", "AAE-1" (the digits
# after a hyphen are not part of what is learned).
_NAME = re.compile(r"(?<![\w-])[A-Za-z][A-Za-z0-9]*(?![\w])")
# One Vietnamese syllable, folded: an onset, one to three vowels, a coda. A word that is none
# ("viettel", "mobifone", "vnpt") is a name or a foreign word, never a Vietnamese common word.
_SYLLABLE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")
# A table row's label: "Viettel — Số thuê bao: 11,3 triệu" (at its line's start, yet a name).
_LABELS_A_ROW = re.compile(r"\s+—\s")
_ROMAN = re.compile(r"m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})")
# A capital past the word's first letter: "MobiFone", "VNPT" (not "Viettel").
_INNER_CAPITAL = re.compile(r"^.+[A-Z]")


class DiacriticRestorer:
    """Learns syllable and syllable-pair spellings from text; restores the most likely spelling."""

    def __init__(self) -> None:
        self._single: dict[str, Counter[str]] = defaultdict(Counter)
        self._pairs: Counter[tuple[str, str]] = Counter()
        # Letters the reports' own legends define ("TCM" -> "tấn công mạng"); "" where two disagree
        self._letters: dict[str, str] = {}
        # How the corpus writes each name-like word (folded lower case -> spellings), and how often it
        # writes that word in lower case: "mobifone" typed is the "MobiFone" the reports write.
        self._names: dict[str, Counter[str]] = defaultdict(Counter)
        self._lower: Counter[str] = Counter()

    @classmethod
    def seeded(cls) -> DiacriticRestorer:
        """A restorer that already knows how questions are phrased ("bao nhiêu", "là gì"): reports
        rarely ask questions, so without this "bao nhieu" would come back as "báo nhiều"."""
        restorer = cls()
        text = resources.files("vectorstore.data").joinpath("question_words.txt").read_text("utf-8")
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                restorer.learn(line, weight=QUESTION_WEIGHT)
        return restorer

    def to_json(self) -> dict[str, object]:
        """What it learned, as JSON-able data (saved beside the lexical index)."""
        return {
            "single": {folded: dict(spellings) for folded, spellings in self._single.items()},
            "pairs": [[left, right, count] for (left, right), count in self._pairs.items()],
            "letters": self._letters,
            "names": {word: dict(spellings) for word, spellings in self._names.items()},
            "lower": {word: self._lower[word] for word in self._names if self._lower[word]},
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DiacriticRestorer:
        restorer = cls()
        for folded, spellings in data["single"].items():  # type: ignore[union-attr]
            restorer._single[folded] = Counter(spellings)
        restorer._pairs = Counter({(left, right): count for left, right, count in data["pairs"]})  # type: ignore[union-attr]
        restorer._letters = dict(data.get("letters", {}))  # type: ignore[call-overload]
        for word, spellings in dict(data.get("names", {})).items():  # type: ignore[call-overload]
            restorer._names[word] = Counter(spellings)
        restorer._lower = Counter(dict(data.get("lower", {})))  # type: ignore[call-overload]
        return restorer

    def learn_names(self, text: str) -> None:
        """The spellings of the words of Latin letters a text writes as names: no Vietnamese syllable
        ("Viettel", not "Ban"; not "QUAN" of a heading in capitals), with a capital inside ("MobiFone",
        "VNPT"), capitalised where no sentence starts ("… của Viettel") or labelling a table's row
        ("Viettel — Số thuê bao: 11,3 triệu"). Lower-case writings are counted too: a word the
        corpus also writes in lower case ("internet") is no name."""
        for match in _NAME.finditer(text):
            word = match.group(0)
            lower = word.lower()
            if word == lower:
                self._lower[lower] += 1
            elif (
                len(word) > 1
                and not is_syllable(lower)
                and not _ROMAN.fullmatch(lower)  # "quý IV", "Khóa XV": a number
                and (_INNER_CAPITAL.match(word) or not _opens_a_sentence(text, match.start()) or _LABELS_A_ROW.match(text, match.end()))
            ):
                self._names[lower][word] += 1

    def writes_as_name(self, word: str) -> bool:
        """Whether the corpus writes a word (any case typed) only as a name ("Viettel", "MobiFone")."""
        spellings = self._names.get(word.lower())
        return bool(spellings) and self._lower[word.lower()] * NAME_LOWER_SHARE < sum(spellings.values())

    def names_in(self, text: str) -> tuple[str, ...]:
        """The words of a text the corpus writes only as names, in lower case, each once ("Viettel và
        vnpt" -> ("viettel", "vnpt"))."""
        return tuple(dict.fromkeys(word.lower() for word in _NAME.findall(text) if self.writes_as_name(word)))

    def names_as_written(self, text: str, keep: Callable[[str], bool] = lambda word: False) -> str:
        """The text with each word typed all in lower case that the corpus writes only as a name
        spelled as it writes it ("cuoi nam 2023 mobifone co …" -> "… MobiFone co …"), so the rules
        that know a company or a cable by its capitals know it typed in lower case as well. `keep`:
        words left as typed (abbreviations the glossary reads in any case)."""

        def written(match: re.Match[str]) -> str:
            word = match.group(0)
            if word != word.lower() or keep(word) or not self.writes_as_name(word):
                return word
            return self._names[word].most_common(1)[0][0]

        return _NAME.sub(written, unicodedata.normalize("NFC", text))

    def learn_letters(self, letters: str, phrase: str) -> None:
        """An entry of a report's legend of abbreviations (`vectorstore.legend`). Letters two reports
        define differently ("VT": "viễn thông", "văn thư") are spelled out by neither."""
        known = self._letters.get(letters)
        self._letters[letters] = phrase if known is None or fold(known) == fold(phrase) else ""

    def letters_spelled(self, text: str) -> str:
        """A question with the letters the reports' legends define spelled out, as typed in those
        letters exactly ("so vu TCM Q3/2024" -> "so vu tấn công mạng Q3/2024"): the question then
        names what the reports that write it in full words name. Letters that spell no syllable
        (three or more, no vowel: "tcm", "brcđ") are read typed in lower case too ("so tcm q1/2025",
        "tb brcd")."""
        defined = {letters: phrase for letters, phrase in self._letters.items() if phrase}
        if not defined:
            return text
        typed = {
            spelling: phrase
            for letters, phrase in defined.items()
            if _no_syllable(letters)
            for spelling in (letters.lower(), fold(letters.lower()))  # "brcđ", "brcd"
        }
        defined = {**typed, **defined}
        return letters_pattern(tuple(defined)).sub(lambda match: defined[match.group(1)], text)

    def learn(self, text: str, weight: int = 1) -> None:
        for phrase in phrases(text):
            self.learn_phrase(phrase, weight)

    def learn_phrase(self, phrase: list[str], weight: int = 1) -> None:
        """One phrase of `vectorstore.text.phrases` (lower-cased words, diacritics kept)."""
        words = [word for word in phrase if not word[0].isdigit()]
        for word in words:
            self._single[fold(word)][word] += weight
        for left, right in zip(words, words[1:]):
            self._pairs[(left, right)] += weight

    def compounds_as_written(self, text: str) -> str:
        """The text with its compounds joined or split as the corpus writes them: "wifi" typed where
        the reports write "Wi-Fi" becomes "wi-fi", "e-mail" typed where they write "email" becomes
        "email". Only a word the corpus never writes is touched, and only into a form it does write
        (its two halves seen side by side, or the joined word seen): without this, a word no report
        contains would make the question one the reports cannot answer. Diacritics do not matter:
        the spelling is compared folded."""
        text = unicodedata.normalize("NFC", text)
        pieces: list[str] = []
        last = 0
        for match in _COMPOUND.finditer(text):
            written = self._as_written(match.group(0))
            if written is not None:
                pieces.append(text[last : match.start()])
                pieces.append(written)
                last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def _as_written(self, typed: str) -> str | None:
        parts = typed.split("-")
        folded = [fold(part) for part in parts]
        if len(parts) == 2:
            joined = "".join(folded)
            if joined in self._single and not self._seen_together(*folded):
                return parts[0] + parts[1].lower()
            return None
        word = folded[0]
        if len(word) < 2 * MIN_HALF or word in self._single:
            return None
        splits = [
            (self._seen_together(word[:cut], word[cut:]), cut)
            for cut in range(MIN_HALF, len(word) - MIN_HALF + 1)
            if word[:cut] in self._single and word[cut:] in self._single
        ]
        count, cut = max(splits, default=(0, 0))
        return f"{typed[:cut]}-{typed[cut:]}" if count else None

    def writes_phrase(self, phrase: str) -> bool:
        """Whether the corpus writes a phrase's syllables side by side ("ninh thuan": "Ninh Thuận")."""
        folded = fold(phrase).split()
        return len(folded) >= 2 and all(self._seen_together(left, right) for left, right in zip(folded, folded[1:]))

    def _seen_together(self, left: str, right: str) -> int:
        """How often the corpus writes the folded syllables `left` and `right` side by side."""
        return sum(
            self._pairs.get((left_spelling, right_spelling), 0)
            for left_spelling in self._single.get(left, ())
            for right_spelling in self._single.get(right, ())
        )

    def restore(self, text: str) -> str:
        """The text with its diacritic-less syllables spelled as the corpus spells them.

        Text that already carries diacritics is returned unchanged: the user knows best.
        """
        if has_diacritics(text):
            return text
        matches = list(_WORD.finditer(unicodedata.normalize("NFC", text)))
        lowered = [match.group(0).lower() for match in matches]
        chosen: list[str] = []
        for index, word in enumerate(lowered):
            options = self._single.get(word)
            if not options:
                chosen.append(word)
                continue
            previous = chosen[-1] if chosen else None
            following = self._single.get(lowered[index + 1]) if index + 1 < len(lowered) else None

            def score(option: str) -> float:
                value = math.log1p(options[option])
                if previous is not None:
                    value += PAIR_WEIGHT * math.log1p(self._pairs.get((previous, option), 0))
                if following:
                    value += PAIR_WEIGHT * max(math.log1p(self._pairs.get((option, nxt), 0)) for nxt in following)
                return value

            chosen.append(max(options, key=score))
        pieces: list[str] = []
        last = 0
        for match, word in zip(matches, chosen):
            pieces.append(text[last : match.start()])
            pieces.append(_same_case(match.group(0), word))
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)


def _same_case(original: str, word: str) -> str:
    """Keep how the user cased a word: "BO" -> "BỘ", "Bo" -> "Bộ", "bo" -> "bộ"."""
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _opens_a_sentence(text: str, at: int) -> bool:
    """Whether position `at` of a text begins it, a line, or a sentence (after ". ", "? ", "! ", ": ")."""
    at -= 1
    while at >= 0 and text[at] in " \t":
        at -= 1
    return at < 0 or text[at] in ".?!:\n\r•-–*#|>"


def is_syllable(word: str) -> bool:
    """Whether a word could be one Vietnamese syllable as typed without marks ("tong", "ban"); a
    word that cannot ("dewar", "viettel") is a name or a foreign word."""
    return bool(_SYLLABLE.fullmatch(fold(word.lower())))


def _no_syllable(letters: str) -> bool:
    """Whether letters typed in lower case could be no Vietnamese word: three or more letters, no vowel."""
    return len(letters) >= 3 and letters.isalpha() and not set(fold(letters.lower())) & set("aeiouy")

"""Vietnamese text handling shared by ingest and query.

Both sides of the search must normalise text the same way, or a query typed on a phone will
never meet the report it is about. Everything that turns Vietnamese text into comparable
pieces lives here: Unicode NFC, diacritic folding ("cáp quang" -> "cap quang"), syllable and
word tokens, and sentence splitting. Figures, periods and dates are `vectorstore.figures`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

_WHITESPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200c-\u200f\u2028\u2029\ufeff]")

# Numbers keep their internal separators ("27.477", "77,1", "90-100") so a figure is one token;
# words keep "&" inside abbreviations ("TT&TT").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:&[^\W_]+)*", re.UNICODE)
# Punctuation that ends a phrase: word bigrams never cross it.
_PHRASE_BREAK = re.compile(r"[;:!?()\[\]{}\"“”'‘’«»…\\|–—]+|[.,](?=\s|$)|\s-\s|\n")


def normalize(text: str) -> str:
    """NFC, no control characters, single spaces; line breaks are kept."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _WHITESPACE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case and strip Vietnamese diacritics: "Đạt Cáp Quang" -> "dat cap quang"."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", stripped)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (users often type without them)."""
    return fold(text) != text.lower()


def words(text: str) -> list[str]:
    """Lower-cased syllables, numbers and abbreviations, in order, diacritics kept."""
    return [match.group(0).lower() for match in _TOKEN.finditer(unicodedata.normalize("NFC", text))]


def phrases(text: str) -> Iterator[list[str]]:
    """Runs of words not separated by punctuation: word bigrams are built inside a phrase."""
    for piece in _PHRASE_BREAK.split(unicodedata.normalize("NFC", text)):
        tokens = words(piece)
        if tokens:
            yield tokens


def remove_spans(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """`text` without the (start, end) spans, sorted and not overlapping; single spaces between."""
    kept, cursor = [], 0
    for start, end in spans:
        kept.append(text[cursor:start])
        cursor = end
    kept.append(text[cursor:])
    return re.sub(r"\s{2,}", " ", " ".join(kept)).strip()


def bigrams(tokens: list[str]) -> Iterable[str]:
    """Adjacent syllable pairs: Vietnamese words are mostly two syllables ("cáp quang")."""
    return (f"{a}_{b}" for a, b in zip(tokens, tokens[1:]))


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------

# Abbreviations that end with a dot but do not end a sentence.
_NO_BREAK_BEFORE = re.compile(
    r"(?:\b(?:TP|Tp|tp|TS|ThS|PGS|GS|BS|KS|St|Mr|Mrs|Dr|Ms|v\.v|vv|Th|No|Vol|tr|Tr)|\b[A-ZĐ])\.$"
    # a list item's own number ("1. Tỷ lệ …", "II. Kết quả", "2.1. …") is not a sentence
    r"|^(?:\d{1,2}(?:\.\d{1,2}){0,3}|[IVXLC]{1,6})\.$"
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZÀ-ỸĐ0-9])")
_BULLET = re.compile(r"^\s*(?:[-+*•●○◦▪►➤➢✓–—]|\d{1,2}(?:\.\d{1,2}){0,3}[.)]|[a-zđ][)])\s+")


def split_sentences(text: str) -> list[str]:
    """Split a chunk into sentences; every line (a bullet, a heading) is at least one sentence.

    A sentence break needs end punctuation, a space and an upper-case letter or a digit, so
    figures such as "6.362" or "77,1%" and abbreviations such as "TP. HCM" stay whole.
    """
    sentences: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        start = 0
        for match in _SENTENCE_END.finditer(line):
            candidate = line[start : match.start()].rstrip()
            if _NO_BREAK_BEFORE.search(candidate):
                continue
            if candidate:
                sentences.append(candidate)
            start = match.end()
        tail = line[start:].strip()
        if tail:
            sentences.append(tail)
    return sentences


def chunk_sentences(text: str) -> list[tuple[int, int, str]]:
    """(paragraph, position in paragraph, sentence) for every sentence of a chunk, in order.

    The unit an answer quotes. Ingest embeds exactly these sentences and the answerer scores exactly
    these, so the k-th sentence of a chunk is the same on both sides.
    """
    units: list[tuple[int, int, str]] = []
    for paragraph, line in enumerate(text.split("\n")):
        for position, sentence in enumerate(split_sentences(line)):
            units.append((paragraph, position, sentence))
    return units


def lead_ins(text: str) -> dict[int, str]:
    """The paragraph introducing each list item of a text, by the item's paragraph number: "… 11.470
    cuộc tấn công mạng gây ra sự cố. Trong đó:" for "+ Tấn công lừa đảo (Phishing): 4.210 cuộc;".
    The items are the paragraphs right after it that carry one same list marker. (The figures'
    reading, `vectorstore.statements.sentence_contexts`, takes only the lead-in's last sentence, for
    its period and kind; what the item is about needs the whole paragraph.)"""
    leads: dict[int, str] = {}
    lead: str | None = None
    marker: str | None = None
    for number, line in enumerate(text.split("\n")):
        stripped = line.strip()
        if lead is not None:
            found = _BULLET.match(stripped)
            mark = _marker_kind(found.group(0)) if found else None
            if mark is not None and marker in (None, mark):
                marker = mark
                leads[number] = lead
                continue
            lead = None
        if stripped.endswith(":"):
            lead, marker = stripped, None
    return leads


def _marker_kind(marker: str) -> str:
    """"a)" and "b)" are one kind of list marker, "1." and "2." another, "+" its own."""
    marker = marker.strip()
    if marker[0].isdigit():
        return "1" + marker[-1]
    return "a)" if marker[0].isalpha() else marker


def strip_bullet(sentence: str) -> str:
    """The sentence without its list marker ("- ", "➤ ", "a) ")."""
    return _BULLET.sub("", sentence, count=1)


def is_code(token: str) -> bool:
    """A folded token of letters and digits together ("5g", "ipv6", "soak0088d0"): a name, not a figure."""
    return "_" not in token and any(c.isdigit() for c in token) and any(c.isalpha() for c in token)

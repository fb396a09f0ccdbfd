"""A report's own legend of abbreviations ("Chữ viết tắt: TCM - tấn công mạng; LK - lũy kế; …").

Some reports write their body in shorthand they define once, at the top or in an annex ("LK 11T:
10.915 vụ TCM", "TB BRCĐ: 24,5 triệu"). The shared glossary (`vectorstore.glossary`) cannot know
these: one report's "VT" is "viễn thông", another's "văn thư". So each report's legend is read at
ingest, kept with its chunks (only the entries a chunk writes), and its sentences are *read* with
the letters spelled out ("lũy kế 11 tháng: 10.915 vụ tấn công mạng") — searched, embedded and
read for figures and periods that way — while answers still quote them as the report writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from vectorstore.text import fold

# "Chữ viết tắt:", "CÁC TỪ VIẾT TẮT", "Danh mục các chữ viết tắt", "Ký hiệu viết tắt", "Viết tắt:", "Ghi chú viết tắt:"
_HEADER = re.compile(
    r"^[\W_]*(?:(?:ghi\s+chú|chú\s+thích)\s+)?(?:danh\s+mục\s+)?(?:(?:các|những)\s+)?(?:(?:chữ|từ|ký\s+hiệu|kí\s+hiệu)\s+)?viết\s+tắt\b\W*(?:(?:sử\s+dụng|dùng)\s+trong\s+báo\s+cáo\W*)?",
    re.IGNORECASE,
)
_SEPARATOR = r"\s*[–—:=]\s*|\s+-\s*|\s*-\s+"  # "TCM - …", "TCM: …", "TCM – …"; not "CNTT-TT"
MAX_LETTERS_WORDS = 3  # "TB BRCĐ": an abbreviation of up to three groups of capitals
MAX_PHRASE_WORDS = 10
MAX_HEADER_WORDS = 4  # "Nghĩa đầy đủ", "Giải thích": a column's name before the phrase
MAX_TABLE_HEADERS = 1  # the row naming the columns ("Chữ viết tắt | Nghĩa") may sit under the heading


def _is_letters(token: str) -> bool:
    """Capitals (and digits) with at least one letter: "TCM", "BRCĐ", "T11", "11T", "TT&TT"."""
    core = token.strip(".")
    return bool(core) and any(ch.isalpha() for ch in core) and core == core.upper() and len(core) <= 12


def _entry(text: str) -> tuple[str, str] | None:
    """One "LETTERS - phrase" (or "LETTERS: phrase", "LETTERS | phrase", a table row) as a pair."""
    cells = [cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip()]
    if len(cells) >= 2:
        if cells[0].rstrip(".").isdigit() and len(cells) >= 3:
            cells = cells[1:]  # a numbered row: "1 | TCM | Tấn công mạng"
        letters, phrase = cells[0], cells[1]
    else:
        parts = re.split(_SEPARATOR, text.strip(" \t-+*•·;,."), maxsplit=1)
        if len(parts) != 2:
            return None
        letters, phrase = parts
    letters = letters.strip(" *_`'\"").strip()
    phrase = phrase.strip(" *_`'\".;,").strip()
    header, colon, value = phrase.partition(": ")
    if colon and len(header.split()) <= MAX_HEADER_WORDS and not any(ch.isdigit() for ch in header):
        phrase = value.strip()  # a Word table's row as ingest writes it: "TCM — Nghĩa đầy đủ: Tấn công mạng"
    groups = letters.split()
    if not groups or len(groups) > MAX_LETTERS_WORDS or not all(_is_letters(group) for group in groups):
        return None
    words = phrase.split()
    if not words or len(words) > MAX_PHRASE_WORDS or _is_letters(words[0]) and len(words) == 1:
        return None
    if not any(ch.isalpha() and ch.islower() for ch in phrase):
        return None  # "TB - BRCĐ": capitals on both sides are no definition
    return letters, phrase


def find_legend(text: str) -> dict[str, str]:
    """The abbreviations a report defines in its legend, letters -> phrase as written there; empty
    when it has none. The legend is a line opening with "Chữ viết tắt" (or the like) holding its
    entries separated by ";", or such a heading followed by one entry a line (a list or a table); a
    note ("Ghi chú: TH - thực hiện; LK - lũy kế; …") when what it holds are such entries. Letters
    joined with "-" defined by as many phrases ("BC-VT - bưu chính, viễn thông") define each part
    too ("BC" is "bưu chính" in "DT BC T10"), where each part is its phrase's initials."""
    legend: dict[str, str] = {}
    lines = text.splitlines()
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if header is None:
            note = _NOTE.match(line)
            parts = re.split(r";", line[note.end() :]) if note else []
            found_in_note = [found for part in parts if (found := _entry(part))]
            if len(found_in_note) >= MIN_NOTE_ENTRIES and len(found_in_note) * 2 >= len(parts):
                for found in found_in_note:
                    legend.setdefault(*found)
            continue
        rest = line[header.end() :].strip()
        if rest:
            # "Ghi chú viết tắt: DT - doanh thu; CN CNTT - …;" goes on over the next line after a ";"
            for following in [rest, *lines[number + 1 :]]:
                for part in following.split(";"):
                    if found := _entry(part):
                        legend.setdefault(*found)
                if not following.rstrip().endswith((";", ",")):
                    break
            continue
        skipped = 0
        for following in lines[number + 1 :]:
            if not following.strip():
                if legend:
                    break
                continue
            found = _entry(following)
            if found is None:
                if skipped < MAX_TABLE_HEADERS and not legend:
                    skipped += 1
                    continue
                break
            legend.setdefault(*found)
    for letters, phrase in list(legend.items()):
        for part in _joined_parts(letters, phrase):
            legend.setdefault(*part)
    return legend


# A note that may hold the legend: "Ghi chú:", "Chú thích:", "Ghi chú (viết tắt):".
_NOTE = re.compile(r"^[\W_]*(?:ghi\s+chú|chú\s+thích|chú\s+giải)\s*(?:\([^()]{0,30}\)\s*)?:\s*", re.IGNORECASE)
MIN_NOTE_ENTRIES = 2


def _joined_parts(letters: str, phrase: str) -> list[tuple[str, str]]:
    """The parts of joined letters with the phrase's parts: "BC-VT" / "bưu chính, viễn thông" ->
    ("BC", "bưu chính"), ("VT", "viễn thông"); none unless the counts agree, the parts differ
    ("TT&TT" is no two entries) and each part is its phrase's initials. Letters joined with "/"
    may share the first part's opening words: "BRDĐ/BRCĐ" / "băng rộng di động/cố định" ->
    ("BRDĐ", "băng rộng di động"), ("BRCĐ", "băng rộng cố định"). Letters listed with "," ("BRCĐ,
    BRDĐ - băng rộng cố định, băng rộng di động") define each its own phrase."""
    joint = "/" if "/" in letters else "," if "," in letters else "-"
    pieces = [piece.strip() for piece in letters.split(joint)]
    splitter = r"/|,|\s+và\s+" if joint == "/" else r",|\s+-\s+|\s+và\s+"
    phrases = [part.strip() for part in re.split(splitter, phrase) if part.strip()]
    if len(pieces) < 2 or len(pieces) != len(phrases) or len(set(pieces)) != len(pieces):
        return []
    opening = phrases[0].split()
    pairs = []
    for part, words in zip(pieces, phrases):
        wanted, initials = fold(part), _initials(words)
        shared = opening[: len(wanted) - len(initials)]
        if joint == "/" and shared and wanted.endswith(initials) and _initials(" ".join(shared)) + initials == wanted:
            words = " ".join([*shared, words])  # "cố định" under "băng rộng di động": "băng rộng cố định"
        elif initials != wanted:
            return []
        pairs.append((part, words))
    return pairs


def _initials(phrase: str) -> str:
    return "".join(word[:1] for word in fold(phrase).split())


def is_legend_line(line: str) -> bool:
    """Whether a line is (part of) a legend: it defines the letters, it is not written in them."""
    return bool(_HEADER.match(line)) or _entry(line) is not None and not re.search(r"\d[.,]\d", line)


@dataclass(frozen=True)
class Legend:
    """The entries of a legend a text writes, and that text read with them spelled out."""

    entries: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, stored: str) -> Legend:
        """From the stored form: one "LETTERS<TAB>phrase" a line."""
        pairs = [line.split("\t", 1) for line in stored.splitlines() if "\t" in line]
        return cls(tuple((letters, phrase) for letters, phrase in pairs))

    @classmethod
    def of(cls, legend: dict[str, str], text: str) -> Legend:
        """The entries of `legend` that `text` writes (in exactly those letters)."""
        return cls(tuple((letters, phrase) for letters, phrase in legend.items() if letters_pattern((letters,)).search(text)))

    def stored(self) -> str:
        return "\n".join(f"{letters}\t{phrase}" for letters, phrase in self.entries)

    @cached_property
    def _regex(self) -> re.Pattern[str] | None:
        return letters_pattern(tuple(letters for letters, _ in self.entries)) if self.entries else None

    def spell(self, text: str) -> str:
        """The text with the legend's letters spelled out ("LK 11T: 10.915 vụ TCM" -> "lũy kế 11
        tháng: 10.915 vụ tấn công mạng"), line by line; the legend's own lines stay as written."""
        if self._regex is None:
            return text
        phrases = dict(self.entries)
        return "\n".join(
            line if is_legend_line(line) else self._regex.sub(lambda match: phrases[match.group(1)], line)
            for line in text.split("\n")
        )


@lru_cache(maxsize=64)
def letters_pattern(letters: tuple[str, ...]) -> re.Pattern[str]:
    """Exactly those letters as a word ("T11" in "T11/2024", not "T110" nor "KT11"), longest first."""
    ordered = sorted(letters, key=len, reverse=True)
    return re.compile(r"(?<![\w&/-])(" + "|".join(map(re.escape, ordered)) + r")(?![\w&-])")

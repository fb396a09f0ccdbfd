"""The report's own structure: its title block and its headings.

Ministry reports number their headings "Phần I", "I.", "A.", "1.", "1.1.", "1.1.1.", "a)"; news
pieces use short unnumbered lines; converted files add markdown "#". Numbering schemes nest in
whatever order a report chooses, so the parser keeps a stack of heading *kinds*: a heading of a kind
already on the stack closes everything below it, a new kind opens a deeper level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vectorstore.text import fold

_LABELS = [
    ("part", re.compile(r"^(?:phần|chương|mục)\s+(?:[IVXLC]+|\d+|thứ\s+\w+)\b[.:]?\s*", re.I)),
    ("article", re.compile(r"^điều\s+\d+[a-z]?[.:]\s*", re.I)),
    ("roman", re.compile(r"^(?:[IVX]{1,5})[.)]\s+")),
    ("upper", re.compile(r"^[A-ZĐ][.)]\s+")),
    ("dotted", re.compile(r"^\d{1,2}(?:\.\d{1,2}){1,3}\.?\s+")),
    ("arabic", re.compile(r"^\d{1,2}[.)]\s+")),
    ("lower", re.compile(r"^[a-zđ][)]\s+")),
]
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(?:[-+•●○◦▪►➤➢✓–—]|\*)\s+")
_TERMINAL = (".", "!", "?", ";", ",", "…")

# Lines of a title block that are not the title: issuer (in capitals), motto, number, place and date.
_NOT_TITLE = [
    re.compile(r"^(?:BỘ|ỦY BAN|UỶ BAN|UBND|SỞ|CỤC|VỤ|TỔNG CỤC|VĂN PHÒNG)\s+[A-ZÀ-ỸĐ&\s]+$"),
    re.compile(r"^cộng h[òo]a xã hội", re.I),
    re.compile(r"^độc lập\s*[-–]\s*tự do", re.I),
    re.compile(r"^số\s*[:：]", re.I),
    re.compile(r"^[^,]{2,30},\s*ngày\s+\d", re.I),
    re.compile(r"^-{3,}$|^_{3,}$"),
]
_DRAFT = re.compile(r"^\(?\s*dự\s+thảo\s*\)?$", re.I)

MAX_LABEL = 90


@dataclass
class Section:
    """A run of body lines under one heading path."""

    path: tuple[str, ...]
    lines: list[str] = field(default_factory=list)


@dataclass
class ParsedStructure:
    title: str
    draft: bool
    preamble: list[str]
    sections: list[Section]


def heading_kind(line: str) -> tuple[str, int] | None:
    """("roman", 0) for "I. …", ("dotted", 2) for "1.1. …", ("md", 2) for "## …"; None for body text."""
    markdown = _MD_HEADING.match(line)
    if markdown:
        inner = heading_kind(markdown.group(2))
        return inner if inner else ("md", len(markdown.group(1)))
    for kind, pattern in _LABELS:
        match = pattern.match(line)
        if match:
            if kind == "dotted":
                return kind, match.group(0).strip().rstrip(".").count(".")
            if kind == "upper" and len(line) < 4:
                return None
            return kind, 0
    return None


def parse(text: str, title_hint: str = "") -> ParsedStructure:
    lines = text.split("\n")
    title_lines, masthead, draft, consumed = _title_block(lines)
    title = " ".join(title_lines) if title_lines else title_hint
    sections: list[Section] = []
    stack: list[tuple[tuple[str, int], str]] = []
    current = Section(path=())
    preamble: list[str] = []
    body = [line for number, line in enumerate(lines) if number not in consumed]
    index = 0
    while index < len(body):
        line = body[index].strip()
        index += 1
        if not line:
            continue
        if _DRAFT.match(line):
            draft = True
            continue
        kind = heading_kind(line)
        if kind is None and _is_plain_heading(line, body, index):
            kind = ("plain", 0)
        if kind is None:
            current.lines.append(line)
            continue
        heading = _MD_HEADING.sub(r"\2", line).strip()
        # An upper-case heading often wraps onto the next line ("I. … CỦA NGÀNH" / "TTTT TRONG …").
        while heading.isupper() and index < len(body) and _is_heading_continuation(body[index]):
            heading = f"{heading} {body[index].strip()}"
            index += 1
        if current.lines or current.path:
            _close(current, sections, preamble)
        while stack and stack[-1][0] != kind and kind in [entry[0] for entry in stack]:
            stack.pop()
        if stack and stack[-1][0] == kind:
            stack.pop()
        stack.append((kind, heading))
        current = Section(path=tuple(_label(entry[1]) for entry in stack))
        if len(heading) > MAX_LABEL:
            # A long numbered line is content that happens to be numbered: keep it as text too.
            current.lines.append(heading)
    _close(current, sections, preamble)
    return ParsedStructure(title=title.strip(), draft=draft, preamble=masthead + preamble, sections=sections)


def _close(section: Section, sections: list[Section], preamble: list[str]) -> None:
    if not section.lines and not section.path:
        return
    if not section.path:
        preamble.extend(section.lines)
    sections.append(section)


def _title_block(lines: list[str]) -> tuple[list[str], list[str], bool, set[int]]:
    """Upper-case lines before the first heading or paragraph: the title, minus issuer and date.

    Returns the title lines, the masthead lines (issuer, place and date), whether a "DỰ THẢO"
    mark was seen, and the indices of the lines consumed; every other line stays in the body.
    """
    title: list[str] = []
    masthead: list[str] = []
    draft = False
    consumed: set[int] = set()
    for index, raw in enumerate(lines):
        line = _MD_HEADING.sub(r"\2", raw.strip()).strip()
        if not line:
            continue
        if _DRAFT.match(line):
            draft = True
            consumed.add(index)
            continue
        if len(line) < 100 and any(pattern.search(line) for pattern in _NOT_TITLE):
            # issuer, national motto, number, place and date: metadata, not text to search
            masthead.append(line)
            consumed.add(index)
            continue
        kind = heading_kind(line)
        if kind is not None and kind[0] != "md":
            break
        letters = [ch for ch in line if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) / len(letters) > 0.8 and len(line) < 200:
            if fold(line) not in {fold(t) for t in title} and not _repeats(title, line):
                title.append(line)
            consumed.add(index)
            continue
        if raw.strip().startswith("# ") and not title:
            title.append(line)
            consumed.add(index)
        break
    return title, masthead, draft, consumed


def _repeats(title: list[str], line: str) -> bool:
    """A title block printed twice (cover page, then first page) should be read once."""
    joined = fold(" ".join(title))
    return bool(joined) and fold(line) in joined


def _is_heading_continuation(line: str) -> bool:
    line = line.strip()
    return bool(line) and line.isupper() and len(line) < 120 and heading_kind(line) is None


def _is_plain_heading(line: str, body: list[str], next_index: int) -> bool:
    """A short unnumbered line introducing a longer paragraph, as in news pieces."""
    if len(line) > 100 or len(line.split()) < 3 or line.endswith(_TERMINAL) or line.endswith(":"):
        return False
    if _BULLET.match(line) or not (line[0].isupper() or line[0].isdigit()):
        return False
    following = next((candidate.strip() for candidate in body[next_index:] if candidate.strip()), "")
    return len(following) > max(2 * len(line), 120) and heading_kind(following) is None


def _label(heading: str) -> str:
    """A heading as it appears in a section path: short, its clause before ":" when it is long."""
    heading = heading.strip().rstrip(":")
    if len(heading) <= MAX_LABEL:
        return heading
    head, sep, _ = heading.partition(":")
    if sep and len(head) <= MAX_LABEL:
        return head.strip()
    cut = heading[:MAX_LABEL].rsplit(" ", 1)[0]
    return cut.rstrip(",;") + "…"

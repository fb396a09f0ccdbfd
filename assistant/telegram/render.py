"""Answers as Telegram HTML, and Telegram HTML cut into messages that each stay valid.

Everything that comes from a report or a user is escaped here, so a title like "Báo cáo <dự thảo>"
can never break the markup (Telegram refuses a message whose HTML does not parse). The layout's
words come from `prompts/`; this module only arranges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from telegram.constants import MessageLimit

from assistant.models import Answer, Citation, DocumentInfo, IndicatorTable
from assistant.prompts import Prompts

MAX_MESSAGE_LENGTH: int = MessageLimit.MAX_TEXT_LENGTH  # 4096

# A tag, an entity, a run of whitespace, or at most 64 other characters: cutting between two of
# these never splits a tag or an entity, and a hard cut inside a very long word stays possible.
_TOKEN = re.compile(r"<[^<>]*>|&#?\w+;|\s+|[^<&\s]{1,64}|[<&]")
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)")
_MARKER = re.compile(r"\[(\d+)\]")
_EMPTY_ELEMENT = re.compile(r"<([A-Za-z][\w-]*)(?:\s[^<>]*)?></\1>")


def answer_html(answer: Answer, prompts: Prompts, question: str | None = None) -> str:
    """The answer as the service gave it, its `[n]` markers in bold, and its sources below; above
    it, how a follow-up `question` was understood; below, a note when an LLM wrote it."""
    understood = ""
    standalone = answer.standalone_question.strip()
    if question is not None and standalone and standalone != question.strip():
        understood = prompts.render("telegram_understood", question=escape(standalone, quote=False)) + "\n\n"
    if not answer.answered or not answer.citations:
        return understood + escape(answer.answer, quote=False)
    numbers = {citation.n for citation in answer.citations}
    text = _MARKER.sub(
        lambda match: f"<b>{match.group(0)}</b>" if int(match.group(1)) in numbers else match.group(0),
        escape(answer.answer, quote=False),
    )
    sources = "\n".join(_source_html(citation, prompts) for citation in answer.citations)
    body = prompts.render("telegram_answer", answer=text, sources=sources)
    if answer.mode == "generative":
        body += "\n\n" + prompts.get("telegram_generated")
    return understood + body


def quotes_html(answer: Answer, prompts: Prompts) -> str:
    """The exact passages behind each `[n]`, shown when the official asks for them."""
    quotes = "\n".join(
        f"<b>[{citation.n}]</b> {escape(_place(citation), quote=False)}\n"
        f"<blockquote>{escape(citation.quote, quote=False)}</blockquote>"
        for citation in answer.citations
    )
    return prompts.render("telegram_quotes", quotes=quotes)


INDICATOR_ROWS = 12  # a phone screen's worth; the web chat and the API give every row


def indicator_html(table: IndicatorTable, prompts: Prompts) -> str:
    """The indicator's figures across the reports as a compact monospace table (period · kind ·
    figure), latest first; nothing when the reports hold it for fewer than two periods."""
    rows = table.rows[:INDICATOR_ROWS]
    if len({row.period for row in rows}) < 2:
        return ""
    kinds = prompts.table("figures")["kinds"]
    cells = [(row.period or "—", kinds.get(row.kind, row.kind), row.figure) for row in rows]
    widths = [max(len(cell[column]) for cell in cells) for column in range(2)]
    lines = [f"{period.ljust(widths[0])}  {kind.ljust(widths[1])}  {figure}" for period, kind, figure in cells]
    return prompts.render(
        "telegram_indicator", indicator=escape(table.indicator, quote=False), table=escape("\n".join(lines), quote=False)
    )


def reports_html(documents: list[DocumentInfo]) -> str:
    """One line per ingested report: what the bot knows, for /start and /help."""
    return "\n".join(
        f"• {escape(document.title, quote=False)}"
        + (f" <i>({escape(document.period, quote=False)})</i>" if document.period else "")
        for document in documents
    )


def _source_html(citation: Citation, prompts: Prompts) -> str:
    line = f"<b>[{citation.n}]</b> {escape(citation.title, quote=False)}"
    if citation.period:
        line += f" <i>({escape(citation.period, quote=False)})</i>"
    if citation.section:
        line += f"\n    {escape(citation.section, quote=False)}"
    if citation.page:
        line += "\n    " + escape(prompts.message("telegram_citation", "page", page=citation.page), quote=False)
    if citation.ocr:
        line += escape(prompts.message("telegram_citation", "ocr"), quote=False)
    return line


def _place(citation: Citation) -> str:
    """Where a quote stands; the sources above the quotes already name the report."""
    return citation.section or citation.title


# -- splitting -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Break:
    index: int  # token index just after the whitespace
    priority: int  # 3: blank line, 2: line break, 1: space
    size: int  # length of the part up to here


def split_html(html: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Cut `html` into messages of at most `limit` characters, each with balanced tags.

    A cut prefers a blank line, then a line break, then a space, in the second half of a message;
    tags open at a cut are closed before it and opened again after it, so a long quote stays a
    quote across two messages. Length is counted in UTF-16 code units of the markup itself, which
    is never less than what Telegram counts (the text after its entities are parsed).
    """
    tokens = _TOKEN.findall(_drop_empty_elements(html))
    parts: list[str] = []
    stack: list[tuple[str, str]] = []  # (tag name, opening tag as written)
    start = 0
    while start < len(tokens):
        # A part never starts with blank space, nor with the end of a tag left open by the last one.
        while start < len(tokens) and (tokens[start].isspace() or tokens[start].startswith("</")):
            stack = _walk(stack, tokens[start : start + 1])
            start += 1
        if start == len(tokens):
            break
        opening = "".join(raw for _, raw in stack)
        end = _part_end(tokens, start, stack, limit)
        end_stack = _walk(stack, tokens[start:end])
        body = "".join(tokens[start:end]).rstrip()
        part = opening + body + "".join(f"</{name}>" for name, _ in reversed(end_stack))
        if _visible(part):
            parts.append(part)
        stack, start = end_stack, end
    return parts


def _part_end(tokens: list[str], start: int, stack: list[tuple[str, str]], limit: int) -> int:
    """Index of the first token of the next part (a word cut in two becomes two tokens)."""
    size = _units("".join(raw for _, raw in stack))
    current = list(stack)
    breaks: list[_Break] = []
    index = start
    while index < len(tokens):
        token = tokens[index]
        following = _walk(current, [token])
        if size + _units(token) + _closing_units(following) > limit:
            break
        size += _units(token)
        current = following
        index += 1
        if token.isspace():
            breaks.append(_Break(index, 3 if token.count("\n") > 1 else 2 if "\n" in token else 1, size))
    if index == len(tokens):
        return index
    late = [b for b in breaks if b.size >= limit // 2]
    if late:
        best = max(late, key=lambda b: (b.priority, b.index))
        return best.index
    if breaks:
        return breaks[-1].index
    # No whitespace at all: a hard cut, inside the word that did not fit if some of it does.
    blocked = tokens[index]
    room = limit - size - _closing_units(current)
    if not blocked.startswith(("<", "&")) and room > 0:
        head = _prefix_within(blocked, room)
        if head:
            tokens[index : index + 1] = [head, blocked[len(head) :]]
            return index + 1
    # …else between tokens, but never just after an opening tag.
    while index > start and _TAG.match(tokens[index - 1]) and not tokens[index - 1].startswith("</"):
        index -= 1
    if index == start:
        raise ValueError(f"cannot fit any text into a message of {limit} characters")
    return index


def _prefix_within(text: str, room: int) -> str:
    """The longest start of `text` that is at most `room` UTF-16 units long."""
    size = 0
    for position, char in enumerate(text):
        size += _units(char)
        if size > room:
            return text[:position]
    return text


def _drop_empty_elements(html: str) -> str:
    """`<b></b>` shows nothing (Telegram drops it too), but it would still take room in a part."""
    while True:
        shorter = _EMPTY_ELEMENT.sub("", html)
        if shorter == html:
            return html
        html = shorter


def _walk(stack: list[tuple[str, str]], tokens: list[str]) -> list[tuple[str, str]]:
    """The open tags after `tokens`, starting from `stack` (which is not changed)."""
    current = list(stack)
    for token in tokens:
        match = _TAG.match(token)
        if not match or not token.endswith(">"):
            continue
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            current.append((name, token))
        elif any(open_name == name for open_name, _ in current):
            while current and current.pop()[0] != name:
                pass
    return current


def _closing_units(stack: list[tuple[str, str]]) -> int:
    return sum(len(name) + 3 for name, _ in stack)


def _units(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _visible(part: str) -> bool:
    return bool(re.sub(r"<[^<>]*>|\s+", "", part))

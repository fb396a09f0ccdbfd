"""What ingest tells a user about a file, read from `prompts/ingest.toml` (never strings in code).

Ingest cannot use `assistant.prompts` (the flow is one-way: ingest knows nothing of the assistant),
so it reads its own table of messages from the same folder, once.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

PROMPTS = Path(__file__).resolve().parent.parent / "prompts" / "ingest.toml"


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return tomllib.loads(PROMPTS.read_text("utf-8"))


def message(key: str, **values: object) -> str:
    """The message at dotted `key` ("ocr.missing"), its {placeholders} filled in."""
    entry: Any = _table()
    for part in key.split("."):
        if not isinstance(entry, dict) or part not in entry:
            raise KeyError(f"{key!r} is missing from {PROMPTS}")
        entry = entry[part]
    return str(entry).format(**values) if values else str(entry)


def page_list(pages: list[int]) -> str:
    """"2, 3, 5-8": pages as a person writes them."""
    ranges: list[str] = []
    for page in sorted(set(pages)):
        if ranges and "-" not in ranges[-1] and int(ranges[-1]) == page - 1:
            ranges[-1] = f"{ranges[-1]}-{page}"
        elif ranges and "-" in ranges[-1] and int(ranges[-1].split("-")[1]) == page - 1:
            ranges[-1] = f"{ranges[-1].split('-')[0]}-{page}"
        else:
            ranges.append(str(page))
    return ", ".join(ranges)

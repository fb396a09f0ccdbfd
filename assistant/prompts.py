"""User-facing texts and prompts, read from files in `prompts/` (never strings buried in code).

A text of its own (an answer, a prompt) is `NAME.txt`; short messages that belong together (the
API's error messages) are a table in `NAME.toml`, looked up by a dotted key: `errors` /
`question.empty`. Both take `{placeholders}` filled in by `render` / `message`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


class Prompts:
    """Reads `NAME.txt` and `NAME.toml` from the prompts folder, once per name (edits need a restart)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._texts: dict[str, str] = {}
        self._tables: dict[str, dict[str, Any]] = {}

    def get(self, name: str) -> str:
        text = self._texts.get(name)
        if text is None:
            path = self.directory / f"{name}.txt"
            try:
                text = path.read_text("utf-8").strip()
            except FileNotFoundError as error:
                raise FileNotFoundError(f"prompt file missing: {path}") from error
            self._texts[name] = text
        return text

    def render(self, name: str, **values: object) -> str:
        return self.get(name).format(**values)

    def table(self, name: str) -> dict[str, Any]:
        """The whole `NAME.toml`, parsed."""
        table = self._tables.get(name)
        if table is None:
            path = self.directory / f"{name}.toml"
            try:
                table = tomllib.loads(path.read_text("utf-8"))
            except FileNotFoundError as error:
                raise FileNotFoundError(f"prompt file missing: {path}") from error
            self._tables[name] = table
        return table

    def message(self, name: str, key: str, **values: object) -> str:
        """The message at dotted `key` of `NAME.toml` ("question.too_long"), placeholders filled in."""
        entry: Any = self.table(name)
        for part in key.split("."):
            if not isinstance(entry, dict) or part not in entry:
                raise KeyError(f"{key!r} is missing from {self.directory / name}.toml")
            entry = entry[part]
        if not isinstance(entry, str):
            raise KeyError(f"{key!r} in {self.directory / name}.toml is a table, not a message")
        return entry.format(**values) if values else entry

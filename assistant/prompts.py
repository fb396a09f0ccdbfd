"""User-facing texts and prompts, read from files in `prompts/` (never strings buried in code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class Prompts:
    """Reads `NAME.txt` from the prompts folder, once."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    @lru_cache(maxsize=64)
    def get(self, name: str) -> str:
        path = self.directory / f"{name}.txt"
        try:
            return path.read_text("utf-8").strip()
        except FileNotFoundError as error:
            raise FileNotFoundError(f"prompt file missing: {path}") from error

    def render(self, name: str, **values: object) -> str:
        return self.get(name).format(**values)

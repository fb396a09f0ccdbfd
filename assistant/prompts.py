"""User-facing texts and prompts, read from files in `prompts/` (never strings buried in code)."""

from __future__ import annotations

from pathlib import Path


class Prompts:
    """Reads `NAME.txt` from the prompts folder, once per name (edits need a restart)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._texts: dict[str, str] = {}

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

"""Text typed by a user (questions, feedback), made safe to compare, store and send back.

- NFC: Vietnamese typed on a Mac or pasted from a PDF often arrives decomposed ("a" + U+0301);
  the indexes hold NFC, so a question must too or it meets nothing.
- Invisible formatting characters (zero-width spaces, BOM, bidirectional overrides) are removed:
  they come from copy-paste, split words in two, and can make text read differently than it is.
- Control characters (NUL, escape…) and lone surrogates are refused, not guessed at: they are never
  typed by a person, SQLite and UTF-8 cannot store a lone surrogate, and a silent repair would
  answer a different question than the one sent. Tab and line breaks are ordinary text.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls except tab, line feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


class TextProblem(ValueError):
    """Why a text was refused: `kind` is `control_character` or `invalid_character`."""

    def __init__(self, kind: str, code: str = "") -> None:
        super().__init__(f"{kind} {code}".strip())
        self.kind = kind
        self.code = code


def clean_user_text(text: str) -> str:
    """The text in NFC without invisible formatting characters; raises TextProblem for what a
    person never types (see the module docstring)."""
    if _SURROGATE.search(text):
        raise TextProblem("invalid_character")
    control = _CONTROL.search(text)
    if control:
        raise TextProblem("control_character", f"U+{ord(control.group()):04X}")
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFC", text)

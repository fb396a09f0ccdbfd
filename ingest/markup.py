"""Marks a loader puts in the text it returns, for what plain text cannot say by itself.

Loaders return one text (headings as markdown "#" lines, list items as "- " lines); a table's rows
and a PDF's pages need more than that: the structure parser must know where a table starts and ends
(its rows are text, never headings) and which page each line is on (for the citation). These marks
are lines of their own, in brackets no report uses, read and removed by `ingest.structure`:

    ⟦bảng⟧ Bảng 2. Kết quả thực hiện      a table opens (with its caption, if any)
    ⟦/bảng⟧                               the table ends
    ⟦trang 3⟧ / ⟦trang 3 ocr⟧            page 3 starts (its text read by OCR)
    ⟦hình⟧ … ⟦/hình⟧                      the text of a picture in the document, read by OCR
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TABLE_OPEN = "⟦bảng⟧"
_TABLE_CLOSE = "⟦/bảng⟧"
_PICTURE_OPEN = "⟦hình⟧"
_PICTURE_CLOSE = "⟦/hình⟧"
_MARK = re.compile(r"^⟦(?:(bảng)⟧\s*(.*)|(/bảng)⟧|trang (\d+)( ocr)?⟧|(/?hình)⟧)\s*$")


def table_open(caption: str = "") -> str:
    return f"{_TABLE_OPEN} {caption}".rstrip()


def table_close() -> str:
    return _TABLE_CLOSE


def picture_open() -> str:
    return _PICTURE_OPEN


def picture_close() -> str:
    return _PICTURE_CLOSE


def page_mark(number: int, ocr: bool = False) -> str:
    return f"⟦trang {number}{' ocr' if ocr else ''}⟧"


@dataclass(frozen=True)
class Mark:
    kind: str  # "table" | "end_table" | "page" | "picture" | "end_picture"
    caption: str = ""
    page: int = 0
    ocr: bool = False


def read_mark(line: str) -> Mark | None:
    """The mark a line is, or None for text."""
    if not line.startswith("⟦"):
        return None
    match = _MARK.match(line.strip())
    if not match:
        return None
    if match.group(1):
        return Mark("table", caption=match.group(2).strip())
    if match.group(3):
        return Mark("end_table")
    if match.group(6):
        return Mark("end_picture" if match.group(6).startswith("/") else "picture", ocr=True)
    return Mark("page", page=int(match.group(4)), ocr=bool(match.group(5)))


def is_mark(line: str) -> bool:
    return read_mark(line) is not None

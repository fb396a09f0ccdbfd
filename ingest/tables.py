"""A table as sentences: each row says what it measures, under which header, with which value.

Ministry reports keep their figures in tables ("Chỉ tiêu | Kế hoạch năm 2025 | Thực hiện 10 tháng").
A row read as "a | b | c" loses the header that says which value is the plan and which the result,
so each row becomes one sentence in the form the figure reader parses (`vectorstore.statements`):

    Tỷ lệ xã có điểm phục vụ bưu chính — Kế hoạch năm 2025: 100%; Thực hiện 10 tháng: 97,2%

(the row's label, an em dash, then "header: value" cells separated by "; "). Every loader that
finds a table (.docx, .pdf, .html, spreadsheets) hands its grid of cells to `table_block`, which
wraps the sentences between the markers of `ingest.markup` with the table's caption, so the
structure parser keeps the rows together under the caption.

Loaders give a cell that a merged cell covers (not its first position) as None: in the header it
takes the merged cell's text ("Năm 2024" over both "Kế hoạch" and "Thực hiện"), in the body it is
empty (the value is said once).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.markup import table_close, table_open
from vectorstore.figures import find_periods
from vectorstore.text import fold

Cell = str | None
MAX_HEADER_ROWS = 3
ROW_DASH = " — "
CELL_SEPARATOR = "; "

# A value cell: a number with its unit or sign ("97,2%", "1.614.206", "+5,3", "≥ 90%").
_NUMERIC = re.compile(r"^[~≈≥≤<>+\-–]?\s*\d[\d.,\s]*(?:%|‰)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# An ordinal in a numbering column: "1", "2.", "1.1", "I", "IV.", "a)".
_ORDINAL = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|[IVXLC]{1,6}\.?|[a-zđ][.)]?)$")
_NUMBERING_HEADERS = {"stt", "tt", "so tt", "so thu tu", "no", "#"}
# Where `vectorstore.text.split_sentences` would cut a row in two ("Bảng 1. Kết quả").
_SENTENCE_BREAK = re.compile(r"[.!?…]+[\"”’»)]*\s+(?=[\"“‘«(\[]?[A-ZÀ-ỸĐ0-9])")


def clean_cell(value: object) -> str:
    """A cell's text on one line: no line breaks, single spaces."""
    if value is None:
        return ""
    return re.sub(r"\s+", " ", str(value)).strip()


def table_block(rows: Sequence[Sequence[object]], caption: str = "", continued: Sequence[Sequence[object]] = ()) -> list[str]:
    """The lines a table becomes: its opening marker (with its caption: the one given, else a title
    row spanning the table), one sentence per row, its closing marker. No lines for an empty table.

    `continued`: the heading rows (`heading_rows`) of a table this one may continue — a PDF's table
    running onto the next page without repeating its header. They head it when it has as many
    columns and no header of its own: its rows would otherwise lose which value is the plan."""
    if continues(rows, continued):
        rows = [*continued, *rows]
    titles, grid = _title_rows(_tidy(rows))
    titles = [clean_cell(title) for title in titles]
    caption = clean_cell(caption) or next((title for title in titles if _TITLE_WORDS.search(fold(title))), titles[0] if titles else "")
    # the caption names the table; every other title row stays a line of its text
    lines = [*(title for title in titles if title != caption), *table_sentences(grid)]
    if not lines and not caption:
        return []
    return [table_open(caption), *lines, table_close()]


# Words of a table's own title among the rows above its header ("SỐ LIỆU THỐNG KÊ …", "Bảng 2.", "Biểu
# 01", "PHỤ LỤC"), rather than its issuer's name or a note.
_TITLE_WORDS = re.compile(r"^\s*(?:bang|bieu|phu luc|so lieu|tong hop|ket qua|danh sach|danh muc|thong ke|chi tieu)\b")


def continues(rows: Sequence[Sequence[object]], heading: Sequence[Sequence[object]]) -> bool:
    """Whether a table with no header of its own and as many columns continues the table whose
    heading rows are `heading` (a PDF's table running onto the next page)."""
    return bool(heading) and bool(rows) and len(rows[0]) == len(heading[-1]) and not _header_rows(_title_rows(_tidy(rows))[1])


def heading_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """A table's title row and header rows as given (none when its first row holds values)."""
    given = [list(row) for row in rows if any(clean_cell(cell) for cell in row)]
    titles, grid = _title_rows(_tidy(rows))
    return given[: len(titles) + _header_rows(grid)]


def table_sentences(rows: Sequence[Sequence[object]]) -> list[str]:
    """One sentence per row of a grid of cells (see the module docstring).

    The header is the first row, or the first few when merged header cells span the columns below
    them; a numbering column ("STT") is not a label; a row with only its label filled is a group
    title and stays a line of its own. A table whose row labels are periods ("2023", "Quý III/2024")
    is read by column instead, so each sentence names an indicator: "Doanh thu — 2023: 5; 2024: 6".
    """
    grid = _tidy(rows)
    if not grid:
        return []
    width = len(grid[0])
    if width == 1:
        return [_plain(row[0] or "") for row in grid if row[0]]
    header_count = _header_rows(grid)
    headers = _headers(grid[:header_count], width) if header_count else [""] * width
    body = [[cell or "" for cell in row] for row in grid[header_count:]]
    if not body:
        return [_plain(" ".join(dict.fromkeys(cell for row in grid for cell in row if cell)))]
    label_column = 1 if width > 2 and _is_numbering(body, headers[0]) else 0
    if header_count and _labels_are_periods([row[label_column] for row in body]):
        return _by_column(headers, body, label_column)
    # A column of ordinals headed by what they rank ("Xếp hạng", "Thứ hạng") is data, not the rows'
    # numbering: "Sóc Trăng — Xếp hạng: 45; …" (the ranks of a DTI table had been dropped).
    ranked = label_column == 1 and RANK_HEADER.search(fold(headers[0])) is not None
    sentences: list[str] = []
    parent = ""  # the last row's own label, for the parts listed under it ("Trong đó: - Viettel")
    for row in body:
        label = row[label_column]
        cells = [(headers[j], row[j]) for j in range(label_column + 1, width) if row[j]]
        if ranked and row[0] and cells:
            cells.insert(0, (headers[0], row[0]))
        part = _PART.match(label)
        if cells and part and parent:
            # "- Viettel" under "Doanh thu viễn thông" and its "Trong đó:": the part names its whole,
            # or its figures are of nothing the question can name ("doanh thu viễn thông của Viettel")
            sentences.append(_row_sentence(f"{_label(parent)}, trong đó {part.group(1)}", cells))
            continue
        if cells:
            parent = label
            sentences.append(_row_sentence(label, cells))
        elif label:
            parent = parent if _AMONG_THEM.match(fold(label)) else ""
            sentences.append(_plain(label))  # a group title ("Bưu chính") inside the table
    return sentences


# A row naming a part of the row above: "- Viettel", "+ VNPT", "• Cấp tỉnh".
_PART = re.compile(r"^\s*[-+•–]\s*(\S.*)$")
# A row opening the list of its parts: "Trong đó:", "Chia ra:", "Bao gồm:" (folded).
_AMONG_THEM = re.compile(r"^\s*(?:trong do|chia ra|bao gom|gom)\s*:?\s*$")


def _row_sentence(label: str, cells: list[tuple[str, str]]) -> str:
    parts = [f"{_header(header)}: {_value(value)}" if header else _value(value) for header, value in cells]
    text = CELL_SEPARATOR.join(parts)
    label = _label(label)
    return f"{label}{ROW_DASH}{text}" if label else text


def _by_column(headers: list[str], body: list[list[str]], label_column: int) -> list[str]:
    """Rows are periods: one sentence per indicator column, "Indicator — period: value; …"."""
    sentences = []
    for j in range(label_column + 1, len(headers)):
        cells = [(row[label_column], row[j]) for row in body if row[j]]
        if cells:
            sentences.append(_row_sentence(headers[j], cells))
    return sentences


def _tidy(rows: Sequence[Sequence[object]]) -> list[list[Cell]]:
    """Rectangular, cells on one line, without empty rows or empty columns; None kept (merged)."""
    grid: list[list[Cell]] = [[None if cell is None else clean_cell(cell) for cell in row] for row in rows]
    grid = [row for row in grid if any(row)]
    if not grid:
        return []
    width = max(len(row) for row in grid)
    grid = [row + [""] * (width - len(row)) for row in grid]
    keep = [j for j in range(width) if any(row[j] for row in grid)]
    return [[row[j] for j in keep] for row in grid]


def _title_rows(grid: list[list[Cell]]) -> tuple[list[str], list[list[Cell]]]:
    """First rows that are one merged cell across the table ("Bảng 2. Kết quả …"): its titles. A
    sheet often opens with several (the issuer, the title, a note on its sources): all of them, one
    line each — the header is the row below them (it had been read as a row of figures)."""
    titles: list[str] = []
    while len(grid) >= 2 and len(grid[0]) >= 2:
        texts = {cell for cell in grid[0] if cell}
        if len(texts) != 1 or grid[0][0] == "" or not all(cell is None or cell == grid[0][0] or not cell for cell in grid[0]):
            break
        title = texts.pop()
        if _is_value(title):
            break
        titles.append(title)
        grid = _tidy(grid[1:])
    return titles, grid


def _is_value(cell: Cell) -> bool:
    return bool(cell) and bool(_NUMERIC.match(cell or "")) and not _YEAR.match((cell or "").strip())


def _header_rows(grid: list[list[Cell]]) -> int:
    """How many leading rows are the header: none when the first row already holds values."""
    if len(grid) < 2:
        return 0
    first = grid[0]
    filled = [cell for cell in first[1:] if cell]
    if not filled or sum(_is_value(cell) for cell in filled) * 2 >= len(filled):
        return 0
    count = 1
    # Merged header cells leave covered or blank cells in the first row; the row below names the columns.
    spans = any(not cell for cell in first[1:])
    while spans and count < MAX_HEADER_ROWS and count + 1 < len(grid):
        row = grid[count]
        if any(_is_value(cell) for cell in row[1:]) or not any(row[1:]):
            break
        count += 1
        spans = any(not cell for cell in row[1:])
    return count


def _headers(rows: list[list[Cell]], width: int) -> list[str]:
    """Each column's header: its header rows' texts top to bottom, each once ("Năm 2024 - Kế hoạch");
    a merged cell's text carried across the cells it covers."""
    parts: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        carried = ""
        for j, cell in enumerate(row):
            if cell:
                carried = cell
            text = cell or (carried if cell is None or len(rows) > 1 else "")
            if text and text not in parts[j]:
                parts[j].append(text)
    return [" - ".join(texts) if texts else f"Cột {j + 1}" for j, texts in enumerate(parts)]


RANK_HEADER = re.compile(r"\b(?:xep hang|thu hang|hang|vi tri|xep thu)\b")


def _is_numbering(body: list[list[str]], first_header: str) -> bool:
    """The first column numbers the rows ("STT", "1", "2", "I", "a")."""
    if fold(first_header).strip(" .") in _NUMBERING_HEADERS:
        return True
    cells = [row[0] for row in body if row[0]]
    return bool(cells) and all(_ORDINAL.match(cell) for cell in cells) and any(row[1] for row in body)


def _labels_are_periods(labels: list[str]) -> bool:
    """Every row label is a period — a total of them ("Tổng cộng 2020 - 2024") aside."""
    filled = [label for label in labels if label and not _TOTAL.match(fold(label))]
    if len(filled) < 2:
        return False
    return all(_YEAR.match(label) or (len(label) <= 40 and find_periods(label)) for label in filled)


# A total row among periods (folded): "Tổng cộng 2020 - 2024", "Cộng", "Bình quân".
_TOTAL = re.compile(r"^\s*(?:tong cong|tong so|tong|cong|binh quan|trung binh)\b")


def _plain(text: str) -> str:
    """Text inside a row sentence: one sentence (no ". X" that would cut it), no em dash of its own."""
    return _SENTENCE_BREAK.sub(", ", clean_cell(text)).replace("—", "-")


def _label(text: str) -> str:
    return _plain(text).rstrip(" :;,.")


def _header(text: str) -> str:
    return _plain(text).replace(":", " -").replace(";", ",").strip(" -")


def _value(text: str) -> str:
    return _plain(text).replace(";", ",")

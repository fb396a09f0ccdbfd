"""Ruled tables in a scanned page: found by their lines, read cell by cell.

Tesseract's page layout analysis reads running text well, but a ruled table often defeats it: the
ruling lines make it take the table for a picture, and every word of it was lost (an annex of
figures, scanned after signing, is what officials upload). So before OCR a page is searched for the
tables drawn with lines: long horizontal runs of ink are the row lines; in each band between two of
them, a column of pixels inked from top to bottom is a column line (where it is missing, the cell
spans the columns: a merged header). The table's region, its lines painted white, is read on its own
as one block of text; each word goes to the cell its centre falls in, and the cells become the row
sentences every other format's tables become (`ingest.tables`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

# A pixel this much darker than the paper (the page's median) is ink: a thin ruling line, scanned,
# is a light grey; a text's strokes and a thick line are darker.
INK_BELOW_PAPER = 50
MIN_LINE_SHARE = 0.2  # a row line spans at least this share of the page's width
MIN_SEGMENT = 40  # runs of ink shorter than this (pixels) are letters, not a line's pieces
COLUMN_LINE_SHARE = 0.9  # a column line inks this share of its band's height
TOLERANCE = 8  # pixels within which two lines are the same line
MIN_BAND = 12  # a band thinner than this (pixels) is a doubled line, not a row


@dataclass(frozen=True)
class Line:
    position: int  # y of a row line, x of a column line (its middle)
    start: int
    end: int  # the pixels it spans, thickness included: [start, end)


@dataclass(frozen=True)
class RuledTable:
    """A table's geometry: its row lines top to bottom, its column lines left to right, and for each
    band between two row lines the column lines that cross it."""

    rows: tuple[Line, ...]
    columns: tuple[int, ...]
    crossing: tuple[frozenset[int], ...]  # per band, the indices in `columns` drawn across it

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels."""
        return (self.columns[0], self.rows[0].start, self.columns[-1], self.rows[-1].end)

    def cell_box(self, band: int, column: int) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) of a cell, inside its lines, spanning the columns it is merged with."""
        end = column + 1
        while end < len(self.columns) - 1 and end not in self.crossing[band]:
            end += 1
        return (self.columns[column], self.rows[band].end, self.columns[end], self.rows[band + 1].start)

    def cell_of(self, x: float, y: float) -> tuple[int, int] | None:
        """(band, column) of the cell that holds the point: the column of the nearest line to its left
        that crosses its band (a merged cell is held by its first column)."""
        band = next((i for i in range(len(self.rows) - 1) if self.rows[i].position <= y < self.rows[i + 1].position), None)
        if band is None or not self.columns[0] <= x < self.columns[-1]:
            return None
        column = max(j for j, at in enumerate(self.columns[:-1]) if at <= x)
        while column > 0 and column not in self.crossing[band]:
            column -= 1
        return band, column


def find_ruled_tables(image: Any) -> list[RuledTable]:
    """The tables drawn with row and column lines in a greyscale page image, top to bottom."""
    pixels = np.asarray(image.convert("L"))
    ink = pixels < min(int(np.median(pixels)) - INK_BELOW_PAPER, 205)
    height, width = ink.shape
    lines = _row_lines(ink, max(int(width * MIN_LINE_SHARE), 2 * MIN_SEGMENT))
    tables: list[RuledTable] = []
    for group in _groups(lines, height):
        table = _table(ink, group)
        if table is not None:
            tables.append(table)
    return tables


def _row_lines(ink: np.ndarray, min_length: int) -> list[tuple[Line, int, int]]:
    """Each horizontal line as (Line over its rows, left, right): pixel rows holding a run of ink at
    least `min_length` long, the adjacent ones one line."""
    lines: list[Line] = []
    for y in np.nonzero(ink.sum(axis=1) >= min_length)[0]:
        starts, ends = _runs(ink[y])
        if (ends - starts).max() < min_length:
            continue
        y = int(y)
        if lines and y - lines[-1].end <= 1:
            lines[-1] = Line((lines[-1].start + y + 1) // 2, lines[-1].start, y + 1)
        else:
            lines.append(Line(y, y, y + 1))
    return [(line, *_extent(ink, line)) for line in lines]


def _extent(ink: np.ndarray, line: Line) -> tuple[int, int]:
    """Where a row line runs, left to right, read over the pixel rows around it: a page turned
    upright to a tenth of a degree leaves a rule climbing a few pixels across the page, each pixel
    row holding only a stretch of it."""
    starts, ends = _runs(ink[max(line.start - 4, 0) : line.end + 4].any(axis=0))
    spans: list[list[int]] = []
    for start, end in zip(starts, ends):
        if spans and start - spans[-1][1] <= TOLERANCE:
            spans[-1][1] = int(end)  # a gap of a few pixels (a speckle missing, a crossing) closes
        else:
            spans.append([int(start), int(end)])
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return left, right


def _groups(lines: list[tuple[Line, int, int]], height: int) -> list[list[tuple[Line, int, int]]]:
    """Row lines that belong to one table: one under the other, spanning the same width."""
    groups: list[list[tuple[Line, int, int]]] = []
    for line in lines:
        if groups:
            last, left, right = groups[-1][-1]
            overlap = min(right, line[2]) - max(left, line[1])
            if line[0].start - last.end < height // 4 and overlap >= 0.8 * min(right - left, line[2] - line[1]):
                groups[-1].append(line)
                continue
        groups.append([line])
    return [group for group in groups if len(group) >= 3]


def _table(ink: np.ndarray, group: list[tuple[Line, int, int]]) -> RuledTable | None:
    left = min(item[1] for item in group)
    right = max(item[2] for item in group)
    rows = [item[0] for item in group]
    bands: list[list[int]] = []
    kept_rows = [rows[0]]
    for upper, lower in zip(rows, rows[1:]):
        top, bottom = upper.end + 1, lower.start - 1
        if bottom - top < MIN_BAND:
            kept_rows[-1] = Line(kept_rows[-1].position, kept_rows[-1].start, lower.end)  # a doubled line
            continue
        share = ink[top:bottom, max(left - TOLERANCE, 0) : right + TOLERANCE].mean(axis=0)
        starts, ends = _runs(share >= COLUMN_LINE_SHARE)
        bands.append([max(left - TOLERANCE, 0) + (s + e) // 2 for s, e in zip(starts, ends)])
        kept_rows.append(lower)
    # A rule above or below the table (a motto's underline over the title, a signature's line) is
    # no row of it: a band no column line crosses, at either end, is text outside the table.
    while bands and not bands[0]:
        bands.pop(0)
        kept_rows.pop(0)
    while bands and not bands[-1]:
        bands.pop()
        kept_rows.pop()
    columns = _cluster([x for band in bands for x in band])
    if len(columns) < 3 or not bands:
        return None
    crossing = tuple(
        frozenset(j for j, at in enumerate(columns) if any(abs(at - x) <= TOLERANCE for x in band)) for band in bands
    )
    return RuledTable(tuple(kept_rows), tuple(columns), crossing)


def _runs(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends of the runs of True in a 1-D boolean array."""
    padded = np.concatenate(([0], values.astype(np.int8), [0]))
    changes = np.diff(padded)
    return np.nonzero(changes == 1)[0], np.nonzero(changes == -1)[0]


def _cluster(positions: list[int]) -> list[int]:
    """Positions within TOLERANCE of each other as one (their mean), sorted."""
    clusters: list[list[int]] = []
    for at in sorted(positions):
        if clusters and at - clusters[-1][-1] <= TOLERANCE:
            clusters[-1].append(at)
        else:
            clusters.append([at])
    return [round(sum(cluster) / len(cluster)) for cluster in clusters]


def without_lines(image: Any, table: RuledTable) -> tuple[Any, tuple[int, int]]:
    """The table's region cut from the page, its ruling lines painted white (read as "|" and "["),
    and where that region starts on the page (x, y)."""
    left, top, right, bottom = table.box
    pixels = np.asarray(image.convert("L")).copy()
    for row in table.rows:
        pixels[max(row.start - 2, 0) : row.end + 2, max(left - TOLERANCE, 0) : right + TOLERANCE] = 255
    for x in table.columns:
        pixels[top:bottom, max(x - TOLERANCE, 0) : x + TOLERANCE] = 255
    from PIL import Image

    return Image.fromarray(pixels[top:bottom, max(left - TOLERANCE, 0) : right + TOLERANCE]), (max(left - TOLERANCE, 0), top)


def cells(table: RuledTable, words: list[tuple[str, float, float, tuple[int, ...]]]) -> list[list[str | None]]:
    """The table's grid of cell texts from OCR words (text, centre x, centre y, reading-order key), a
    cell covered by a merged one None. A number broken over two lines of a narrow cell ("230.00",
    "0") is joined back without a space."""
    band_count, column_count = len(table.rows) - 1, len(table.columns) - 1
    texts: dict[tuple[int, int], list[tuple[tuple[int, ...], str]]] = {}
    for text, x, y, order in words:
        cell = table.cell_of(x, y)
        if cell is not None:
            texts.setdefault(cell, []).append((order, text))
    grid: list[list[str | None]] = []
    for band in range(band_count):
        row: list[str | None] = []
        for column in range(column_count):
            if column > 0 and column not in table.crossing[band]:
                row.append(None)
                continue
            row.append(joined([text for _, text in sorted(texts.get((band, column), []))]))
        grid.append(row)
    return grid


def joined(pieces: list[str]) -> str:
    """A cell's words and lines in reading order as one text: a number broken over two lines of a
    narrow cell ("230.00", "0") joined back without a space."""
    text = ""
    for piece in pieces:
        numeric = all(char.isdigit() or char in ".,%" for char in text.split(" ")[-1])
        glue = "" if text and numeric and (text[-1].isdigit() or text[-1] in ".,") and piece[0].isdigit() else " "
        text = f"{text}{glue}{piece}" if text else piece
    return text

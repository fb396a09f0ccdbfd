"""PDF: the text layer and its tables with pdfplumber, scanned pages read by OCR (`ingest.ocr`).

pdfplumber (on pdfminer.six) gives each character with its position, so a page is read as bands
from top to bottom: the text between tables, and each table found by its ruling lines as a grid of
cells, which becomes its row sentences (`ingest.tables`) at its place in the page, its caption the
line just above it when that line is one ("Bảng 2. …"). A page with no text layer is a scan: it is
rasterised and read by OCR, and marked so (the citation and the report list say so). Every page
starts with its page mark, for the citation's page number.

Without OCR installed, the pages with text are still read and the scanned ones are named in a note;
a PDF made only of scans is then refused with the reason.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from ingest import ocr
from ingest.loaders import IngestError, LoadedText, ReadOptions
from ingest.markup import page_mark
from ingest.messages import message, page_list
from ingest.pictures import PictureReader
from ingest.tables import clean_cell, continues, heading_rows, table_block

MIN_TEXT_CHARS = 20  # a page with fewer characters in its text layer is read as a scan
_CAPTION = re.compile(r"^(?:bảng|biểu|phụ lục|table)\b", re.I)
MAX_CAPTION = 200


def load_pdf(data: bytes, source: str, options: ReadOptions) -> LoadedText:
    """Text and tables of every page; scanned pages by OCR (see the module docstring)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(source, message("pdf.not_pdf"))
    pages: list[list[str]] = []
    scanned: list[int] = []
    title = ""
    pictures = PictureReader(options)
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            title = str((pdf.metadata or {}).get("Title") or "").strip()
            carried: _OpenTable | None = None
            for number, page in enumerate(pdf.pages, start=1):
                if len("".join(char["text"] for char in page.chars).strip()) < MIN_TEXT_CHARS:
                    scanned.append(number)
                    pages.append([])
                    carried = None
                    continue
                previous = carried
                page_lines, carried, mended = _page_lines(page, carried, len(pages), pictures)
                if previous is not None and mended is not None:
                    start, end = previous.span
                    pages[previous.page][start:end] = mended
                pages.append(page_lines)
                page.flush_cache()
    except IngestError:
        raise
    except PDFPasswordIncorrect as error:
        raise IngestError(source, message("pdf.encrypted")) from error
    except (PDFSyntaxError, ValueError, KeyError, TypeError, OSError, RecursionError, AssertionError) as error:
        raise IngestError(source, message("pdf.corrupt")) from error
    except Exception as error:  # pdfminer raises many of its own types for a damaged file
        if "password" in str(error).lower() or "encrypt" in str(error).lower():
            raise IngestError(source, message("pdf.encrypted")) from error
        raise IngestError(source, message("pdf.corrupt")) from error

    notes: list[str] = pictures.notes()
    read_by_ocr: list[int] = []
    if scanned:
        read_by_ocr = _read_scans(data, scanned, pages, options, notes, source)
    lines: list[str] = []
    for number, page_lines in enumerate(pages, start=1):
        lines.append(page_mark(number, ocr=number in read_by_ocr))
        lines.extend(page_lines)
        lines.append("")
    if not any(page_lines for page_lines in pages) and scanned and not read_by_ocr:
        raise IngestError(source, notes[0] if notes else message("ocr.missing"))
    return LoadedText("\n".join(lines), title_hint=title, notes=notes, ocr_pages=read_by_ocr)


def _read_scans(
    data: bytes, scanned: list[int], pages: list[list[str]], options: ReadOptions, notes: list[str], source: str
) -> list[int]:
    """OCR of the scanned pages, in place in `pages`; the pages read. Notes say what was not read."""
    has_text = any(pages)
    if not ocr.available(options):
        if not has_text:
            raise IngestError(source, message("ocr.missing"))
        notes.append(message("ocr.pages_missing", pages=page_list(scanned)))
        return []
    result = ocr.read_each(scanned, lambda number: ocr.read_page(data, number - 1, options), options)
    for number, page in result.texts.items():
        pages[number - 1] = page.text.split("\n")
    read = list(result.texts)
    notes.extend(result.failure_notes())
    if read:
        notes.append(message("ocr.read", pages=page_list(read), confidence=result.confidence))
    if not read and not has_text:
        reason = next(iter(result.failed), "không có chữ")
        raise IngestError(source, message("ocr.nothing_read", reason=reason))
    return read


@dataclass
class _OpenTable:
    """A page's last table when nothing but a page number follows it: the next page's first table
    may continue it, with or without its header, its first row perhaps the wrapped end of this one's
    last row."""

    rows: list[list[object]]
    caption: str
    continued: list[list[object]]  # the heading rows it was itself given
    page: int  # its page's index
    span: tuple[int, int]  # its lines in that page's lines

    @property
    def heading(self) -> list[list[object]]:
        """The heading rows a table continuing it lacks: its own, else those it was given."""
        return heading_rows(self.rows) or list(self.continued)


def _page_lines(
    page: Any, carried: _OpenTable | None, index_of_page: int, pictures: PictureReader | None = None
) -> tuple[list[str], _OpenTable | None, list[str] | None]:
    """A page with a text layer: its text and tables, top to bottom; its last table when nothing
    follows it on the page (the next page's first table may continue it); and, when this page's
    first table continues `carried` with the wrapped end of its last row ("Số thuê bao băng rộng |
    triệu thuê" on one page, "cố định | bao" on the next), that table's lines mended, for its page.
    A picture with no text layer over it, large enough to be a page's part, is read by `pictures`."""
    tables = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    drawn = _text_pictures(page) if pictures is not None else []
    if not tables and not drawn:
        return (page.extract_text() or "").split("\n"), None, None
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables)
    lines: list[str] = []
    top = 0.0
    mended: list[str] | None = None
    last: _OpenTable | None = None
    blocks: list[tuple[tuple[float, float, float, float], Any]] = [(table.bbox, table) for table in tables]
    blocks += [(box, None) for box in drawn]
    for index, (box, table) in enumerate(sorted(blocks, key=lambda block: block[0][1])):
        band = _band(text_page, top, box[3])
        if table is None:  # a picture of text on this page (a scanned annex pasted into the report)
            lines.extend([*band, "", *pictures.frame_lines(_rendered(page, box, pictures.options.ocr_dpi)), ""])  # type: ignore[union-attr]
            top = box[3]
            last = None
            continue
        caption = ""
        if band and _CAPTION.match(band[-1]) and len(band[-1]) <= MAX_CAPTION:
            caption = band.pop()
        opened = carried if index == 0 and not caption and all(_PAGE_NUMBER.match(line) for line in band) else None
        lines.extend(band)
        lines.append("")
        rows = table.extract()
        if opened is not None and _wrapped_end(rows, opened.rows):
            joined = [*opened.rows[:-1], [_joined_cells(a, b) for a, b in zip(opened.rows[-1], rows[0])]]
            mended = table_block(joined, opened.caption, opened.continued)
            rows = rows[1:]
        continued = opened.heading if opened is not None else []
        if opened is not None and continues(rows, continued):
            caption = opened.caption  # the table goes on under its caption ("Bảng 1. …")
        start = len(lines)
        lines.extend(table_block(rows, caption, continued))
        last = _OpenTable(rows, caption, continued, index_of_page, (start, len(lines)))
        lines.append("")
        top = table.bbox[3]
    after = _band(text_page, top, float(page.height) + 1)
    lines.extend(after)
    return lines, last if all(_PAGE_NUMBER.match(line) for line in after) else None, mended


# A picture on a page with text is read by OCR when it covers this share of the page and no text
# layer lies over it (a searchable scan's invisible text is read as text): a scanned table pasted in.
MIN_PICTURE_SHARE = 0.08
MAX_CHARS_OVER_PICTURE = 10


def _text_pictures(page: Any) -> list[tuple[float, float, float, float]]:
    """The boxes of the page's pictures that may hold text the text layer lacks, top to bottom."""
    area = float(page.width) * float(page.height)
    boxes = []
    for image in page.images:
        x0, top = max(float(image["x0"]), 0.0), max(float(image["top"]), 0.0)
        x1, bottom = min(float(image["x1"]), float(page.width)), min(float(image["bottom"]), float(page.height))
        if (x1 - x0) * (bottom - top) < MIN_PICTURE_SHARE * area:
            continue
        over = [char for char in page.chars if x0 <= (char["x0"] + char["x1"]) / 2 <= x1 and top <= (char["top"] + char["bottom"]) / 2 <= bottom]
        if len(over) <= MAX_CHARS_OVER_PICTURE:
            boxes.append((x0, top, x1, bottom))
    return sorted(boxes, key=lambda box: box[1])


def _rendered(page: Any, box: tuple[float, float, float, float], dpi: int) -> Any:
    """The part of the page in `box`, greyscale, at `dpi`."""
    with ocr.PDFIUM:
        return page.crop(box).to_image(resolution=dpi).original.convert("L")


def _wrapped_end(rows: list[list[object]], before: list[list[object]]) -> bool:
    """Whether a table's first row is the end of the row before it, wrapped onto this page: as many
    columns, nothing in its first cell (the row's number), and text only where that row has words,
    not a figure."""
    if not rows or not before or len(rows[0]) != len(before[-1]):
        return False
    first, last = [clean_cell(cell) for cell in rows[0]], [clean_cell(cell) for cell in before[-1]]
    filled = [j for j, cell in enumerate(first) if cell]
    return bool(filled) and not first[0] and all(_WORDS.search(last[j]) for j in filled)


_WORDS = re.compile(r"[^\W\d_]{2,}")  # a cell of words ("triệu thuê"), not of figures ("18,9", "-")


def _joined_cells(above: object, below: object) -> object:
    """A cell with the wrapped end of its text from the next page."""
    tail = clean_cell(below)
    return f"{clean_cell(above)} {tail}".strip() if tail else above


# A line that is only a page number ("2", "- 2 -", "Trang 2", "2/7").
_PAGE_NUMBER = re.compile(r"^\s*(?:trang\s+)?[-–]?\s*\d{1,4}\s*(?:/\s*\d{1,4})?\s*[-–]?\s*$", re.I)


def _band(page: Any, top: float, bottom: float) -> list[str]:
    """The text lines whose middle is between `top` and `bottom`."""

    def inside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return False
        middle = (obj["top"] + obj["bottom"]) / 2
        return top <= middle < bottom

    text = page.filter(inside).extract_text() or ""
    return [line for line in text.split("\n") if line.strip()]

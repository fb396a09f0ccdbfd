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
from typing import Any

from ingest import ocr
from ingest.loaders import IngestError, LoadedText, ReadOptions
from ingest.markup import page_mark
from ingest.messages import message, page_list
from ingest.tables import heading_rows, table_block

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
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            title = str((pdf.metadata or {}).get("Title") or "").strip()
            carried: list[list[object]] = []
            for number, page in enumerate(pdf.pages, start=1):
                if len("".join(char["text"] for char in page.chars).strip()) < MIN_TEXT_CHARS:
                    scanned.append(number)
                    pages.append([])
                    carried = []
                    continue
                page_lines, carried = _page_lines(page, carried)
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

    notes: list[str] = []
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
    read: list[int] = []
    failed: dict[str, list[int]] = {}
    confidences: list[float] = []
    for done, number in enumerate(scanned, start=1):
        try:
            page = ocr.read_page(data, number - 1, options)
        except ocr.OcrFailed as error:
            reason = message("ocr.timeout", seconds=int(options.ocr_page_timeout)) if str(error) == "timeout" else str(error)
            failed.setdefault(reason, []).append(number)
        except ocr.OcrUnavailable:
            failed.setdefault("tesseract", []).append(number)
        else:
            if page.text.strip():
                pages[number - 1] = page.text.split("\n")
                read.append(number)
                confidences.append(page.confidence)
        if options.on_step:
            options.on_step(done, len(scanned))
    for reason, numbers in failed.items():
        notes.append(message("ocr.pages_failed", pages=page_list(numbers), reason=reason))
    if read:
        notes.append(message("ocr.read", pages=page_list(read), confidence=round(sum(confidences) / len(confidences))))
    if not read and not has_text:
        reason = next(iter(failed), "không có chữ")
        raise IngestError(source, message("ocr.nothing_read", reason=reason))
    return read


def _page_lines(page: Any, carried: list[list[object]]) -> tuple[list[str], list[list[object]]]:
    """A page with a text layer: its text and tables, top to bottom; and the heading rows of its last
    table when nothing follows that table on the page (the next page's first table may continue it).
    `carried`: the previous page's, for a first table with nothing above it but a page number."""
    tables = sorted(page.find_tables(), key=lambda table: table.bbox[1])
    if not tables:
        return (page.extract_text() or "").split("\n"), []
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
    for index, table in enumerate(tables):
        band = _band(text_page, top, table.bbox[3])
        caption = ""
        if band and _CAPTION.match(band[-1]) and len(band[-1]) <= MAX_CAPTION:
            caption = band.pop()
        continued = carried if index == 0 and not caption and all(_PAGE_NUMBER.match(line) for line in band) else []
        lines.extend(band)
        lines.append("")
        rows = table.extract()
        lines.extend(table_block(rows, caption, continued))
        lines.append("")
        top = table.bbox[3]
        heading = heading_rows(rows) or list(continued)
    after = _band(text_page, top, float(page.height) + 1)
    lines.extend(after)
    return lines, heading if all(_PAGE_NUMBER.match(line) for line in after) else []


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

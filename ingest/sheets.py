"""Spreadsheets (.xlsx, .xls, .ods): each sheet a table, each row a sentence (`ingest.tables`).

An annex keeps its figures as numbers with a display format ("0.0%", "#,##0"); a value read bare
would be 0.972 where the sheet shows 97,2%. So cells are read as the sheet shows them, in the
Vietnamese way reports write numbers ("1.614.206", "97,2%"):
- .xlsx with openpyxl (values and their number formats, merged ranges);
- .xls with xlrd (the one reader of the binary format, with its formats);
- .ods from its own XML (OpenDocument stores the displayed text of every cell).
An ".xls" that is really an HTML table (what many systems export) is read as HTML.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.loaders import IngestError, LoadedText, ReadOptions, check_zip, load_html, sniff
from ingest.markup import table_open
from ingest.messages import message
from ingest.tables import table_block

Grid = list[list[str | None]]
MAX_ROWS = 20_000  # per sheet: a sheet past this is data, not an annex; the rest is named in a note
MAX_REPEAT = 1_000  # OpenDocument's "repeated" cells and rows (a styled sheet repeats empties a million times)


def load_sheets(data: bytes, source: str, options: ReadOptions) -> LoadedText:
    suffix = Path(source).suffix.lower()
    if suffix == ".xls" and sniff(data) is None and b"<table" in data[:200_000].lower():
        return load_html(data, source)
    if suffix == ".xlsx" or (suffix == ".xls" and sniff(data) == "xlsx"):
        sheets, title = _xlsx(data, source)
    elif suffix == ".xls":
        sheets, title = _xls(data, source), ""
    else:
        sheets, title = _ods(data, source), ""
    lines: list[str] = []
    for name, grid in sheets:
        block = table_block(grid)  # captioned by a title row spanning the sheet, if it has one
        if not block:
            continue
        if block[0] == table_open() and name and not _DEFAULT_NAME.match(name):
            block[0] = table_open(name)  # else by the sheet's name, unless it is "Sheet1"
        lines.extend([*block, ""])
    if not lines:
        raise IngestError(source, message("sheet.empty"))
    return LoadedText("\n".join(lines), title_hint=title)


_DEFAULT_NAME = re.compile(r"^(?:sheet|trang[_ ]?tính|feuil|tabelle)\s*\d*$", re.I)


# -- .xlsx -----------------------------------------------------------------------------------------


def _xlsx(data: bytes, source: str) -> tuple[list[tuple[str, Grid]], str]:
    import openpyxl
    from openpyxl.cell.cell import MergedCell

    check_zip(data, source, required="xl/workbook.xml", broken=message("sheet.corrupt", suffix=".xlsx"))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except Exception as error:  # openpyxl raises many types for a damaged package
        raise IngestError(source, message("sheet.corrupt", suffix=".xlsx")) from error
    sheets: list[tuple[str, Grid]] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        below: dict[tuple[int, int], str] = {}  # cells a merged range covers below its first row
        for merged in sheet.merged_cells.ranges:
            anchor = sheet.cell(merged.min_row, merged.min_col)
            text = _display(anchor.value, anchor.number_format)
            for row in range(merged.min_row + 1, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    below[(row, column)] = text if column == merged.min_col else None
        grid: Grid = []
        for row in sheet.iter_rows(max_row=min(sheet.max_row, MAX_ROWS)):
            cells: list[str | None] = []
            for cell in row:
                if isinstance(cell, MergedCell):
                    cells.append(below.get((cell.row, cell.column)))
                else:
                    cells.append(_display(cell.value, cell.number_format))
            grid.append(cells)
        sheets.append((sheet.title, grid))
    title = (book.properties.title or "").strip() if book.properties else ""
    return sheets, title


# -- .xls ------------------------------------------------------------------------------------------


def _xls(data: bytes, source: str) -> list[tuple[str, Grid]]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise IngestError(source, message("sheet.encrypted")) from error
        raise IngestError(source, message("sheet.corrupt", suffix=".xls")) from error
    except Exception as error:  # xlrd raises assertion and struct errors on a damaged file
        raise IngestError(source, message("sheet.corrupt", suffix=".xls")) from error
    sheets: list[tuple[str, Grid]] = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if getattr(sheet, "visibility", 0):
            continue
        covered: dict[tuple[int, int], bool] = {}  # True: covered in the anchor's row (said once)
        for rlo, rhi, clo, chi in sheet.merged_cells:
            for row in range(rlo, rhi):
                for column in range(clo, chi):
                    if (row, column) != (rlo, clo):
                        covered[(row, column)] = row == rlo or column != clo
        grid: Grid = []
        for row in range(min(sheet.nrows, MAX_ROWS)):
            cells: list[str | None] = []
            for column in range(sheet.ncols):
                if covered.get((row, column)):
                    cells.append(None)
                    continue
                source_row = row
                if (row, column) in covered:  # first column of a merged range, below its first row
                    source_row = next(r for r in range(row, -1, -1) if (r, column) not in covered)
                cell = sheet.cell(source_row, column)
                cells.append(_xls_display(book, cell))
            grid.append(cells)
        sheets.append((sheet.name, grid))
        book.unload_sheet(index)
    return sheets


def _xls_display(book: Any, cell: Any) -> str:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _display(xlrd.xldate_as_datetime(cell.value, book.datemode), "")
        except (ValueError, OverflowError):
            return str(cell.value)
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        xf = book.xf_list[cell.xf_index]
        fmt = book.format_map.get(xf.format_key)
        return _display(cell.value, fmt.format_str if fmt else "General")
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "Có" if cell.value else "Không"
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return str(cell.value)


# -- .ods ------------------------------------------------------------------------------------------

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _ods(data: bytes, source: str) -> list[tuple[str, Grid]]:
    from lxml import etree

    check_zip(data, source, required="content.xml", broken=message("sheet.corrupt", suffix=".ods"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("content.xml"), parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as error:
        raise IngestError(source, message("sheet.corrupt", suffix=".ods")) from error
    sheets: list[tuple[str, Grid]] = []
    for table in root.iter(f"{{{_TABLE}}}table"):
        grid: Grid = []
        for row in _ods_rows(table):
            if len(grid) >= MAX_ROWS:
                break
            grid.append(row)
        sheets.append((table.get(f"{{{_TABLE}}}name", ""), grid))
    return sheets


def _ods_rows(table: Any) -> Iterator[list[str | None]]:
    for row in table.iter(f"{{{_TABLE}}}table-row"):
        cells: list[str | None] = []
        for cell in row:
            tag = cell.tag.rsplit("}", 1)[-1]
            if tag not in {"table-cell", "covered-table-cell"}:
                continue
            text = " ".join(
                "".join(paragraph.itertext()).strip() for paragraph in cell.iter(f"{{{_TEXT}}}p")
            ).strip()
            repeat = min(int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1") or 1), MAX_REPEAT)
            value: str | None = None if tag == "covered-table-cell" else text
            if not text and tag == "table-cell":
                repeat = min(repeat, 50)  # trailing empty columns
            cells.extend([value] * repeat)
        repeat = min(int(row.get(f"{{{_TABLE}}}number-rows-repeated", "1") or 1), MAX_REPEAT)
        if not any(cells):
            repeat = 1
        for _ in range(repeat):
            yield list(cells)


# -- number formats ----------------------------------------------------------------------------------

_DECIMALS = re.compile(r"0\.(0+)")


def _display(value: Any, number_format: str | None) -> str:
    """A cell as the sheet shows it, written the Vietnamese way ("1.614.206", "97,2%", "30/6/2023")."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y") if (value.hour, value.minute) == (0, 0) else value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if not isinstance(value, int | float):
        return str(value)
    fmt = (number_format or "General").split(";")[0]
    percent = "%" in fmt
    number = float(value) * 100 if percent else float(value)
    match = _DECIMALS.search(fmt)
    if match:
        decimals = len(match.group(1))
    elif fmt.lower() == "general" or fmt == "@":
        decimals = _needed_decimals(number)
    else:
        decimals = 0
    grouped = "," in fmt.replace('","', "")
    text = f"{number:,.{decimals}f}" if grouped else f"{number:.{decimals}f}"
    text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")  # 1,234.5 -> 1.234,5
    return f"{text}%" if percent else text


def _needed_decimals(number: float) -> int:
    """Decimals a "General" cell shows: as many as the value has, up to 10 significant digits."""
    text = f"{number:.10g}"
    if "e" in text or "." not in text:
        return 0
    return len(text.split(".")[1])

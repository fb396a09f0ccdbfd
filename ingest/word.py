"""Word documents (.docx) with python-docx: paragraphs, headings, lists, tables, footnotes.

Paragraphs come in document order, with those inside content controls (`w:sdt`, common in forms and
templates). Word's heading styles become "#" lines; list styles "- " lines; each table becomes its
row sentences (`ingest.tables`), its caption the paragraph just before it when that paragraph is a
caption ("Caption" style, or "Bảng 2. …"). Footnotes (word/footnotes.xml, which python-docx does not
read) are kept as footnotes, so their text is searchable under "Chú thích". A picture holding text
(a scanned annex pasted in) is read by OCR where it stands (`ingest.pictures`).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from ingest.loaders import IngestError, LoadedText, ReadOptions, check_zip
from ingest.pictures import PictureReader, picture_blobs
from ingest.tables import table_block

_CAPTION_STYLES = {"caption", "chú thích", "table caption"}
_CAPTION_TEXT = re.compile(r"^(?:bảng|biểu|phụ lục|table)\s*(?:số\s*)?[\dIVX]*\b", re.I)
MAX_CAPTION = 200


def load_docx(data: bytes, source: str, options: ReadOptions | None = None) -> LoadedText:
    """Paragraphs in order; Word heading styles become "#" lines; tables become row sentences;
    pictures with text read where they stand."""
    import docx

    check_zip(data, source, required="word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for a damaged package
        raise IngestError(source, "tệp DOCX bị hỏng hoặc không đúng định dạng Word") from error

    lines: list[str] = []
    pending_caption = ""
    pictures = PictureReader(options or ReadOptions())
    for kind, block in _blocks(document):
        drawn = [line for blob in picture_blobs(document.part, block._element) for line in pictures.lines(blob)]
        if kind == "table":
            lines.extend(table_block(_grid(block), pending_caption))
            pending_caption = ""
            lines.extend(["", *drawn])  # a picture in a cell: after its table
            continue
        if pending_caption:
            lines.extend([pending_caption, ""])  # a caption-like paragraph not followed by a table
            pending_caption = ""
        text = block.text.strip()
        if not text:
            lines.extend([*_text_boxes(block), "", *drawn])
            continue
        boxes = _text_boxes(block)
        style = (block.style.name if block.style is not None else "") or ""
        if boxes:
            lines.extend([*boxes, ""])  # a text box's paragraphs, before the paragraph anchoring it
        if (style.lower() in _CAPTION_STYLES or _CAPTION_TEXT.match(text)) and len(text) <= MAX_CAPTION and not drawn:
            pending_caption = text
            continue
        level = _heading_level(style)
        if style.lower() == "title":
            lines.append(f"# {text}")
        elif level:
            lines.append(f"{'#' * level} {text}")
        elif style.lower().startswith("list"):
            lines.append(f"- {text}")
        else:
            lines.append(text)
        lines.extend(["", *drawn])
    if pending_caption:
        lines.append(pending_caption)
    lines.extend(_footnotes(data))
    title = (document.core_properties.title or "").strip()
    return LoadedText("\n".join(lines), title_hint=title, notes=pictures.notes())


def _blocks(document: Any) -> list[tuple[str, Any]]:
    """("paragraph", Paragraph) and ("table", Table) in document order, content controls opened."""
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks: list[tuple[str, Any]] = []

    def walk(parent: Any) -> None:
        for element in parent.iterchildren():
            if element.tag == qn("w:p"):
                blocks.append(("paragraph", Paragraph(element, document._body)))
            elif element.tag == qn("w:tbl"):
                blocks.append(("table", Table(element, document._body)))
            elif element.tag == qn("w:sdt"):
                content = element.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return blocks


def _grid(table: Any) -> list[list[str | None]]:
    """The table's cells row by row. python-docx gives a merged cell once per grid position it
    covers: across a row it is said once (the others None), down a column it repeats (each row
    below is about it too)."""
    grid: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        previous = None
        for cell in row.cells:
            element = cell._tc
            cells.append(None if element is previous else _cell_text(element))
            previous = element
        grid.append(cells)
    return grid


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraph_text(element: Any) -> str:
    """A paragraph's text, a line break or a tab inside it a space ("UBND TỈNH NGHỆ AN" ⏎ "SỞ …" in
    a masthead cell is not "NGHỆ ANSỞ")."""
    parts = ((node.text or "") if node.tag == f"{_W}t" else " " for node in element.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab"))
    return re.sub(r" {2,}", " ", "".join(parts))


def _cell_text(element: Any) -> str:
    """A cell's paragraphs, those of a table nested in it included (python-docx's `cell.text` leaves
    nested tables out)."""
    return "\n".join(text for text in (_paragraph_text(p) for p in element.iter(f"{_W}p")) if text.strip())


def _text_boxes(paragraph: Any) -> list[str]:
    """The paragraphs of text boxes anchored in a paragraph (python-docx's `text` leaves them out);
    Word stores each box twice (a drawing and its VML fallback): said once."""
    texts: list[str] = []
    for box in paragraph._p.iter(f"{_W}txbxContent"):
        for element in box.iter(f"{_W}p"):
            text = _paragraph_text(element).strip()
            if text and text not in texts:
                texts.append(text)
    return texts


def _footnotes(data: bytes) -> list[str]:
    """Footnote texts as "[^n]: …" lines, which cleaning moves to the document's "Chú thích"."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/footnotes.xml" not in archive.namelist():
                return []
            root = etree.fromstring(archive.read("word/footnotes.xml"))
    except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError):
        return []
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    lines: list[str] = []
    for note in root.findall("w:footnote", ns):
        if note.get(f"{{{ns['w']}}}type") in {"separator", "continuationSeparator", "continuationNotice"}:
            continue
        text = " ".join(
            "".join(node.text or "" for node in paragraph.iter(f"{{{ns['w']}}}t"))
            for paragraph in note.findall(".//w:p", ns)
        ).strip()
        if text:
            lines.append(f"[^{len(lines) + 1}]: {text}")
    return lines


def _heading_level(style: str) -> int:
    match = re.match(r"(?:heading|tiêu đề)\s*(\d)", style.strip(), re.I)
    return int(match.group(1)) if match else 0

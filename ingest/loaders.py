"""File -> text, one function per type, each on a well-kept library.

Every failure becomes an `IngestError` with a Vietnamese message naming the file, so a bad file
in a batch is reported clearly and the rest of the batch goes on. The text formats live here; Word
(`ingest.word`), legacy office files (`ingest.legacy`), PDF with OCR of scanned pages (`ingest.pdf`,
`ingest.ocr`) and spreadsheets (`ingest.sheets`) have modules of their own. Tables of every format
become row sentences (`ingest.tables`); tables and pages are marked in the text (`ingest.markup`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.markup import is_mark
from ingest.tables import table_block

# A photo of a page, a page scanned to a picture: read by OCR (`ingest.pictures`).
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
SUPPORTED_SUFFIXES = (
    ".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm",
    ".doc", ".rtf", ".odt", ".xlsx", ".xls", ".ods", *PICTURE_SUFFIXES,
)
MAX_UNCOMPRESSED_DOCX = 200 * 1024 * 1024  # a .docx that inflates past this is a zip bomb


@dataclass(frozen=True)
class ReadOptions:
    """What reading some formats needs from the deployment: the OCR engine and the converter.

    `on_step(done, total)` hears of slow steps as they finish (pages read by OCR), for progress.
    """

    ocr_language: str = "vie"
    ocr_dpi: int = 300
    ocr_page_timeout: float = 120.0
    tesseract_command: str = "tesseract"
    soffice_command: str = "soffice"
    convert_timeout: float = 180.0
    on_step: Callable[[int, int], None] | None = None


class IngestError(Exception):
    """A file that cannot be ingested; `message` is for the user, in Vietnamese."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass
class LoadedText:
    """A file's text with what its format says for sure (headings marked with "#", tables and pages
    with the marks of `ingest.markup`), and what the loader could not read (`notes`, for the user)."""

    text: str
    title_hint: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)


Loader = Callable[[bytes, str, ReadOptions], LoadedText]


def load_bytes(data: bytes, source: str, options: ReadOptions | None = None) -> LoadedText:
    """Turn the bytes of a file named `source` into text, or raise IngestError."""
    suffix = Path(source).suffix.lower()
    loader = _loaders().get(suffix)
    if loader is None:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise IngestError(source, f"định dạng “{suffix or 'không có đuôi'}” chưa được hỗ trợ (hỗ trợ: {allowed})")
    if not data.strip():
        raise IngestError(source, "tệp rỗng, không có nội dung")
    _check_content_matches(data, source, suffix)
    loaded = loader(data, source, options or ReadOptions())
    if not loaded.text.strip() or all(is_mark(line) for line in loaded.text.split("\n") if line.strip()):
        raise IngestError(source, "không tìm thấy văn bản nào trong tệp")
    return loaded


# -- what the bytes say ---------------------------------------------------------------------------

# Kinds a file's bytes can reveal, as a user would name them, and the suffix each belongs under.
_KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("một tệp PDF", ".pdf"),
    "docx": ("một tài liệu Word (.docx)", ".docx"),
    "xlsx": ("một bảng tính Excel (.xlsx)", ".xlsx"),
    "pptx": ("một bản trình chiếu PowerPoint (.pptx)", ""),
    "odt": ("một văn bản OpenDocument (.odt)", ".odt"),
    "ods": ("một bảng tính OpenDocument (.ods)", ".ods"),
    "zip": ("một tệp nén ZIP", ""),
    "ole": ("một tài liệu Office đời cũ (.doc, .xls, .ppt)", ""),
    "rtf": ("một văn bản RTF", ".rtf"),
    "image": ("một tệp ảnh", ""),
    "media": ("một tệp âm thanh hoặc video", ""),
    "archive": ("một tệp nén", ""),
    "executable": ("một chương trình chạy được", ""),
}
# What each suffix's bytes may be (text formats expect none of the kinds above). Word saves RTF and
# .docx under ".doc" too, and LibreOffice reads them all; an ".xls" exported as HTML is read as HTML.
_EXPECTED_KIND: dict[str, frozenset[str | None]] = {
    ".pdf": frozenset({"pdf"}),
    ".docx": frozenset({"docx"}),
    ".doc": frozenset({"ole", "rtf", "docx"}),
    ".rtf": frozenset({"rtf"}),
    ".odt": frozenset({"odt"}),
    ".xlsx": frozenset({"xlsx"}),
    ".xls": frozenset({"ole", "xlsx", None}),
    ".ods": frozenset({"ods"}),
    **{suffix: frozenset({"image"}) for suffix in PICTURE_SUFFIXES},
}
_ARCHIVE_MIMES = ("gzip", "x-7z", "rar", "x-tar", "bzip", "x-xz", "zstd")
_OFFICE_MIMES = ("msword", "excel", "powerpoint", "ole-storage", "vnd.ms-")
_EXECUTABLE_MIMES = ("executable", "dosexec", "msdownload", "mach-binary", "x-sharedlib")


def sniff(data: bytes) -> str | None:
    """What the bytes are, when they are one of `_KINDS`; None for text and for anything unknown.

    The container formats are recognised by their own structure (a PDF header, a zip's entries);
    everything else by puremagic's signatures, and only for bytes that are not UTF-8 text, so a
    report that happens to begin with "MZ" or "BM" is never taken for a program or a picture.
    """
    head = data[:8192]
    if head.lstrip()[:5].startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if _is_utf8_text(head):
        return None
    import puremagic

    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return None
    for match in matches:
        if match.confidence < 0.3 or match.offset > 16:
            continue
        mime, name = match.mime_type.lower(), match.name.lower()
        if mime.startswith("image/"):
            return "image"
        if mime.startswith(("audio/", "video/")):
            return "media"
        if any(part in mime for part in _OFFICE_MIMES):
            return "ole"
        if any(part in mime for part in _ARCHIVE_MIMES):
            return "archive"
        if any(part in mime for part in _EXECUTABLE_MIMES) or "executable" in name:
            return "executable"
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "mimetype" in names:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                mimetype = archive.read("mimetype")[:100]
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            mimetype = b""
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return "ods"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    if any(name.startswith("ppt/") for name in names):
        return "pptx"
    return "zip"


def _is_utf8_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(head) - 3  # only a character cut off by the sample's end
    return True


def _check_content_matches(data: bytes, source: str, suffix: str) -> None:
    """A PDF named .txt, a picture named .docx: refused with what the file really is."""
    kind = sniff(data)
    expected = _EXPECTED_KIND.get(suffix, frozenset({None}))
    if kind in expected or kind is None:
        return  # (text where a binary format is expected: its loader refuses it in its own words)
    if kind == "zip" and expected & {"docx", "odt", "xlsx", "ods"}:
        return  # a damaged package: its loader says so in its own words
    label, right_suffix = _KINDS[kind]
    hint = f" (đuôi đúng là “{right_suffix}”)" if right_suffix else ""
    raise IngestError(
        source,
        f"nội dung tệp là {label}, không khớp với đuôi “{suffix}”; hãy tải lên đúng tệp báo cáo{hint}",
    )


# -- text-like formats ------------------------------------------------------------------------


def decode_text(data: bytes, source: str) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16/32, or a legacy Vietnamese code page.

    Legacy files are accepted only when the decoded text reads as Vietnamese; anything else is
    refused with a message asking for UTF-8 rather than ingested as mojibake.
    """
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise IngestError(source, f"tệp ghi dấu {encoding.upper()} nhưng nội dung hỏng") from error
            if not _is_printable(text):
                raise IngestError(source, f"tệp ghi dấu {encoding.upper()} nhưng nội dung không phải văn bản")
            return text
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise IngestError(source, "tệp nhị phân, không phải văn bản")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data, source)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    encoding = "utf-16-le" if odd_nuls > 0.3 > even_nuls else "utf-16-be" if even_nuls > 0.3 > odd_nuls else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    # Binary data can have the same pattern of zero bytes: take it for UTF-16 only if it reads as text.
    if not _is_printable(text) or _latin_share(text) < 0.7:
        return None
    return text


def _is_printable(text: str) -> bool:
    """At most 1% of characters are neither printable nor ordinary whitespace."""
    odd = sum(1 for ch in text if not ch.isprintable() and ch not in "\t\n\r\f")
    return odd <= len(text) / 100


def _latin_share(text: str) -> float:
    """Share of ASCII and Vietnamese letters, digits, spaces and punctuation: high for a report."""
    usual = sum(1 for ch in text if ch < "\x80" or _VIETNAMESE_LETTER.match(ch) or "\u2000" <= ch <= "\u206f")
    return usual / max(len(text), 1)


_VIETNAMESE_LETTER = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def _decode_legacy(data: bytes, source: str) -> str:
    import unicodedata

    from charset_normalizer import from_bytes

    candidates = ["cp1258", "windows-1258"]
    best = from_bytes(data).best()
    if best is not None and best.encoding not in candidates:
        candidates.append(best.encoding)
    for encoding in candidates:
        try:
            text = unicodedata.normalize("NFC", data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
        letters = sum(ch.isalpha() for ch in text) or 1
        if len(_VIETNAMESE_LETTER.findall(text)) / letters > 0.05:
            return text
    raise IngestError(
        source,
        "không nhận dạng được bảng mã của văn bản; hãy lưu lại tệp dưới dạng UTF-8 rồi tải lên lại",
    )


def load_text(data: bytes, source: str) -> LoadedText:
    """Plain text; a pipe table in it (a report exported as text often holds one) is read as in
    Markdown, and so is a table whose columns are aligned with spaces under a ruled header."""
    return LoadedText(_pipe_tables(_aligned_tables(decode_text(data, source))))


_RULE_LINE = re.compile(r"^\s*[-=]{10,}\s*$")
_COLUMN_GAP = re.compile(r"\s{2,}")


def _aligned_tables(text: str) -> str:
    """Tables typed with spaces: a header of two or more columns apart by two or more spaces, a rule of
    dashes under it, and rows of as many columns ("Viettel      2.056     58,4"), up to a blank or
    ruled line — read as the pipe tables are (each cell under its header, its caption above it)."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        header = _COLUMN_GAP.split(lines[index].strip())
        if len(header) >= 2 and index + 2 < len(lines) and _RULE_LINE.match(lines[index + 1]):
            rows: list[list[str]] = []
            end = index + 2
            while end < len(lines) and lines[end].strip() and not _RULE_LINE.match(lines[end]):
                cells = _COLUMN_GAP.split(lines[end].strip())
                if len(cells) != len(header) or not any(re.search(r"\d", cell) for cell in cells[1:]):
                    break
                rows.append(cells)
                end += 1
            if len(rows) >= 2:
                _add_table(out, [header, *rows])
                index = end + (1 if end < len(lines) and _RULE_LINE.match(lines[end]) else 0)
                continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def load_markdown(data: bytes, source: str) -> LoadedText:
    """Markdown keeps its "#" headings and list markers; emphasis is removed during cleaning."""
    text = decode_text(data, source)
    front_matter: dict[str, str] = {}
    match = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if value.strip():
                front_matter[key.strip().lower()] = value.strip().strip("\"'")
        text = text[match.end() :]
    return LoadedText(_pipe_tables(text), title_hint=front_matter.get("title", ""), meta=front_matter)


_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?\|?\s*$")


def _pipe_tables(text: str) -> str:
    """Markdown pipe tables ("| Chỉ tiêu | Kết quả |" over "|---|---|") as row sentences."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if index + 1 < len(lines) and _PIPE_ROW.match(lines[index]) and _PIPE_RULE.match(lines[index + 1]):
            rows = [_pipe_cells(lines[index])]
            index += 2
            while index < len(lines) and _PIPE_ROW.match(lines[index]):
                rows.append(_pipe_cells(lines[index]))
                index += 1
            _add_table(out, rows)
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def _add_table(out: list[str], rows: list[list[str]]) -> None:
    """A table's rows (its header first) as row sentences after the lines read so far, captioned by
    the last of them when it is a caption ("**Bảng 2. Số trạm BTS 5G theo doanh nghiệp**", under its
    emphasis), which the table then takes in."""
    caption = ""
    previous = next((line for line in reversed(out) if line.strip()), "").strip()
    if _CAPTION_TEXT.match(previous.strip("*_ ")) and len(previous) < 200:
        caption = previous.strip("*_ ")
        while out and out[-1].strip() != previous:
            out.pop()
        out.pop()
    out.extend(["", *table_block(rows, caption), ""])


def _pipe_cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def load_html(data: bytes, source: str) -> LoadedText:
    """Visible text of an HTML page; headings become "#" lines, list items "- " lines."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_text(data, source), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "iframe", "svg"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    if soup.title:
        soup.title.decompose()
    for sup in soup.find_all("sup"):
        sup.decompose()
    for level in range(1, 7):
        for heading in soup.find_all(f"h{level}"):
            heading.insert_before(f"\n{'#' * level} ")
            heading.insert_after("\n")
    for item in soup.find_all("li"):
        item.insert_before("\n- ")
    _unnest_tables(soup)
    _html_tables(soup)
    for block in soup.find_all(["p", "div", "br", "tr", "table", "section", "article", "blockquote"]):
        block.insert_after("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" | ")  # a layout table's cells (a data table is rows already)
    text = soup.get_text("")
    text = re.sub(r"[ \t]+\|\s*$", "", text, flags=re.M)
    return LoadedText(text, title_hint=title)


_CAPTION_TEXT = re.compile(r"^(?:bảng|biểu|phụ lục|table)\b", re.I)


def _unnest_tables(soup: Any) -> None:
    """A data table whose cells hold tables ("Số liệu đến ngày 31/3/2025" over a table of operators per
    indicator): each inner table stands on its own after it, captioned by its row's label and its
    column's header ("Hạ tầng và thuê bao 5G — Số liệu đến ngày 31/3/2025"), so its rows are row
    sentences of their own ("Viettel — Trạm BTS 5G: 6.870; …") rather than one cell's run of text. The
    outer rows they leave empty go; a layout table (long cells) is left as it is."""
    for outer in soup.find_all("table"):
        inner_tables = _own(outer, "table")
        if not inner_tables or _long_cells(outer):
            continue
        rows = _own(outer, "tr")
        first = rows[0].find_all(["td", "th"], recursive=False) if rows else []
        header = [cell.get_text(" ", strip=True) for cell in first] if first and all(cell.name == "th" for cell in first) else []
        emptied = []
        for inner in inner_tables:
            cell = inner.find_parent(["td", "th"])
            row = cell.find_parent("tr") if cell is not None else None
            if row is None:
                continue
            cells = row.find_all(["td", "th"], recursive=False)
            label = [other.get_text(" ", strip=True) for other in cells if other is not cell and other.find("table") is None]
            at = cells.index(cell) if cell in cells else len(header)
            column = header[at] if at < len(header) else ""
            caption = " — ".join(part for part in [*label, column] if part)
            inner.extract()
            if caption and inner.caption is None:
                tag = soup.new_tag("caption")
                tag.string = caption
                inner.insert(0, tag)
            outer.insert_before(inner)
            emptied.append(row)
        for row in emptied:
            if not row.find("table"):
                row.decompose()
        if not _own(outer, "tr")[1 if header else 0 :]:
            outer.decompose()


def _own(table: Any, name: str) -> list[Any]:
    """The `name` tags of a table itself, not of the tables nested in its cells."""
    return [tag for tag in table.find_all(name) if tag.find_parent("table") is table]


def _html_tables(soup: Any) -> None:
    """Each data table becomes its block of row sentences, in place; a layout table (one holding
    another table or whole paragraphs) is left to be read as text."""
    for table in reversed(soup.find_all("table")):
        if table.find("table") or table.find(["p", "div", "ul", "ol"], recursive=True) and _long_cells(table):
            continue
        caption = ""
        if table.caption:
            caption = table.caption.get_text(" ", strip=True)
            table.caption.decompose()
        else:
            previous = table.find_previous_sibling()
            if previous is not None and previous.name in {"p", "div", "span", "strong", "b"}:
                text = previous.get_text(" ", strip=True)
                if _CAPTION_TEXT.match(text) and len(text) < 200:
                    caption = text
                    previous.decompose()
        block = table_block(_html_grid(table), caption)
        table.replace_with("\n" + "\n".join(block) + "\n" if block else "\n")


def _long_cells(table: Any) -> bool:
    return any(len(cell.get_text(" ", strip=True)) > 400 for cell in table.find_all(["td", "th"]))


def _html_grid(table: Any) -> list[list[str | None]]:
    """The table's cells row by row: a colspan's covered cells None, a rowspan's text repeated below."""
    grid: list[list[str | None]] = []
    pending: dict[int, tuple[int, str]] = {}  # column -> (rows still covered, text)
    for row in table.find_all("tr"):
        cells: list[str | None] = []
        column = 0

        def fill_spanned() -> None:
            nonlocal column
            while column in pending:
                left, text = pending[column]
                cells.append(text)
                if left <= 1:
                    del pending[column]
                else:
                    pending[column] = (left - 1, text)
                column += 1

        for cell in row.find_all(["td", "th"], recursive=False):
            fill_spanned()
            text = cell.get_text(" ", strip=True)
            span = _span(cell.get("colspan"))
            rows = _span(cell.get("rowspan"))
            for offset in range(span):
                cells.append(text if offset == 0 else None)
                if rows > 1:
                    pending[column] = (rows - 1, text)
                column += 1
        fill_spanned()
        grid.append(cells)
    return grid


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value)), 100))
    except (TypeError, ValueError):
        return 1


def check_zip(data: bytes, source: str, required: str, broken: str = "tệp DOCX bị hỏng hoặc không đúng định dạng Word") -> None:
    """Office files are zips: refuse damaged archives and zip bombs before handing them to a parser."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise IngestError(source, broken) from error
    if required not in names:
        raise IngestError(source, broken)
    if total > MAX_UNCOMPRESSED_DOCX:
        raise IngestError(source, "tệp giải nén ra quá lớn (nghi là tệp nén độc hại)")


def _loaders() -> dict[str, Loader]:
    """Each suffix's loader; the binary formats' modules are imported only when used."""
    from ingest import legacy, pdf, pictures, sheets, word

    return {
        ".txt": lambda data, source, _: load_text(data, source),
        ".md": lambda data, source, _: load_markdown(data, source),
        ".markdown": lambda data, source, _: load_markdown(data, source),
        ".html": lambda data, source, _: load_html(data, source),
        ".htm": lambda data, source, _: load_html(data, source),
        ".docx": word.load_docx,
        ".doc": legacy.load_legacy,
        ".rtf": legacy.load_legacy,
        ".odt": legacy.load_legacy,
        ".pdf": pdf.load_pdf,
        ".xlsx": sheets.load_sheets,
        ".xls": sheets.load_sheets,
        ".ods": sheets.load_sheets,
        **{suffix: pictures.load_picture for suffix in PICTURE_SUFFIXES},
    }

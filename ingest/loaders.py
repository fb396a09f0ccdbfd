"""File -> text, one function per type, each on a well-kept library.

Every failure becomes an `IngestError` with a Vietnamese message naming the file, so a bad file
in a batch is reported clearly and the rest of the batch goes on.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")
MAX_UNCOMPRESSED_DOCX = 200 * 1024 * 1024  # a .docx that inflates past this is a zip bomb


class IngestError(Exception):
    """A file that cannot be ingested; `message` is for the user, in Vietnamese."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass
class LoadedText:
    """A file's text with what its format says for sure (headings marked with "#")."""

    text: str
    title_hint: str = ""
    meta: dict[str, str] = field(default_factory=dict)


def load_bytes(data: bytes, source: str) -> LoadedText:
    """Turn the bytes of a file named `source` into text, or raise IngestError."""
    suffix = Path(source).suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise IngestError(source, f"định dạng “{suffix or 'không có đuôi'}” chưa được hỗ trợ (hỗ trợ: {allowed})")
    if not data.strip():
        raise IngestError(source, "tệp rỗng, không có nội dung")
    _check_content_matches(data, source, suffix)
    loaded = loader(data, source)
    if not loaded.text.strip():
        raise IngestError(source, "không tìm thấy văn bản nào trong tệp")
    return loaded


# -- what the bytes say ---------------------------------------------------------------------------

# Kinds a file's bytes can reveal, as a user would name them, and the suffix each belongs under.
_KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("một tệp PDF", ".pdf"),
    "docx": ("một tài liệu Word (.docx)", ".docx"),
    "xlsx": ("một bảng tính Excel (.xlsx)", ""),
    "pptx": ("một bản trình chiếu PowerPoint (.pptx)", ""),
    "zip": ("một tệp nén ZIP", ""),
    "ole": ("một tài liệu Office đời cũ (.doc, .xls, .ppt)", ""),
    "rtf": ("một văn bản RTF", ""),
    "image": ("một tệp ảnh", ""),
    "media": ("một tệp âm thanh hoặc video", ""),
    "archive": ("một tệp nén", ""),
    "executable": ("một chương trình chạy được", ""),
}
_EXPECTED_KIND = {".pdf": "pdf", ".docx": "docx"}  # text formats expect none of the kinds above
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
    expected = _EXPECTED_KIND.get(suffix)
    if kind is None or kind == expected:
        return
    if expected == "docx" and kind == "zip":
        return  # a damaged Word package: the DOCX loader says so in its own words
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
    return LoadedText(decode_text(data, source))


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
    return LoadedText(text, title_hint=front_matter.get("title", ""), meta=front_matter)


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
    for block in soup.find_all(["p", "div", "br", "tr", "table", "section", "article", "blockquote"]):
        block.insert_after("\n")
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" | ")
    text = soup.get_text("")
    text = re.sub(r"[ \t]+\|\s*$", "", text, flags=re.M)
    return LoadedText(text, title_hint=title)


# -- binary formats ------------------------------------------------------------------------------


def load_docx(data: bytes, source: str) -> LoadedText:
    """Paragraphs in order; Word heading styles become "#" lines; tables become rows "a | b"."""
    import docx
    from docx.oxml.ns import qn

    _check_zip(data, source, required="word/document.xml")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many types for a damaged package
        raise IngestError(source, "tệp DOCX bị hỏng hoặc không đúng định dạng Word") from error

    lines: list[str] = []
    body = document.element.body
    paragraphs = {paragraph._p: paragraph for paragraph in document.paragraphs}
    tables = {table._tbl: table for table in document.tables}
    for element in body.iterchildren():
        if element.tag == qn("w:p") and element in paragraphs:
            paragraph = paragraphs[element]
            text = paragraph.text.strip()
            if not text:
                lines.append("")
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = _heading_level(style)
            if style.lower() == "title":
                lines.append(f"# {text}")
            elif level:
                lines.append(f"{'#' * level} {text}")
            elif style.lower().startswith("list"):
                lines.append(f"- {text}")
            else:
                lines.append(text)
            lines.append("")
        elif element.tag == qn("w:tbl") and element in tables:
            for row in tables[element].rows:
                cells = list(dict.fromkeys(cell.text.strip() for cell in row.cells))
                if any(cells):
                    lines.append(" | ".join(cells))
            lines.append("")
    title = (document.core_properties.title or "").strip()
    return LoadedText("\n".join(lines), title_hint=title)


def _heading_level(style: str) -> int:
    match = re.match(r"(?:heading|tiêu đề)\s*(\d)", style.strip(), re.I)
    return int(match.group(1)) if match else 0


def load_pdf(data: bytes, source: str) -> LoadedText:
    """Text of every page (pypdf); a scanned PDF without a text layer is refused, not guessed."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(source, "tệp không phải PDF hợp lệ (thiếu phần đầu %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as error:
                raise IngestError(source, "tệp PDF được đặt mật khẩu, không đọc được") from error
        pages = [page.extract_text() or "" for page in reader.pages]
        title = ""
        if reader.metadata and reader.metadata.title:
            title = str(reader.metadata.title).strip()
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise IngestError(source, "tệp PDF bị hỏng, không đọc được") from error
    text = "\n\n".join(pages)
    if not text.strip():
        raise IngestError(source, "tệp PDF không có lớp văn bản (có thể là ảnh quét); cần bản PDF có chữ")
    return LoadedText(text, title_hint=title)


def _check_zip(data: bytes, source: str, required: str) -> None:
    """A .docx is a zip: refuse damaged archives and zip bombs before handing them to the parser."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        raise IngestError(source, "tệp DOCX bị hỏng hoặc không đúng định dạng Word") from error
    if required not in names:
        raise IngestError(source, "tệp DOCX bị hỏng hoặc không đúng định dạng Word")
    if total > MAX_UNCOMPRESSED_DOCX:
        raise IngestError(source, "tệp DOCX giải nén ra quá lớn (nghi là tệp nén độc hại)")


_LOADERS: dict[str, Callable[[bytes, str], LoadedText]] = {
    ".txt": load_text,
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".html": load_html,
    ".htm": load_html,
    ".docx": load_docx,
    ".pdf": load_pdf,
}

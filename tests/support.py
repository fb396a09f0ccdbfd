"""Test helpers: a real uvicorn server in a thread, fake-embedding services, document builders."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn
from langchain_core.embeddings import DeterministicFakeEmbedding

from assistant.llm.local.process import LocalModelProcess, default_test_threads
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.wiring import Components, build_service
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.glossary import Glossary

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server

    @classmethod
    @contextmanager
    def start(cls, settings: Settings, service: AssistantService | None = None) -> Iterator[LiveServer]:
        """Serve `create_app(settings, service)` on 127.0.0.1 until the block ends."""
        from server import create_app

        port = free_port()
        config = uvicorn.Config(create_app(settings, service), host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("test server did not start")
        try:
            yield cls(url, server)
        finally:
            server.should_exit = True
            thread.join(timeout=30)


def fake_service_settings(data_dir: Path, **overrides: object) -> AssistantService:
    """A real service (real Chroma, embedded or a server per `chroma_url`, real BM25) with
    deterministic fake embeddings."""
    settings = Settings.from_variables(data_dir=data_dir, **overrides)
    embeddings = DeterministicFakeEmbedding(size=32)
    store = ChromaStore(open_client(settings.store), settings.store.collection, "fake-32")
    return build_service(settings, Components(embeddings, store, Glossary.load()))


def sharing_model(base: AssistantService, settings: Settings) -> AssistantService:
    """A real service over a store of its own (per `settings`), sharing `base`'s loaded embedding model."""
    components = base.components
    store = ChromaStore(open_client(settings.store), settings.store.collection, components.store.embedding_id)
    return build_service(settings, Components(components.embeddings, store, components.glossary))


def with_llm(base: AssistantService, llm_url: str, **overrides: object) -> AssistantService:
    """A service over `base`'s store and loaded model, answering through the LLM at `llm_url`.

    Built fresh per test, so each test has its own circuit breaker. Timeouts are short because the
    stand-in answers at once unless a test makes it slow."""
    values: dict[str, object] = {
        "answer_mode": "generative",
        "llm_base_url": llm_url,
        "llm_model": "stand-in",
        "llm_timeout": 2.0,
        "llm_max_retries": 1,
        "llm_deadline": 20.0,
    }
    values.update(overrides)
    return build_service(base.settings.updated(**values), base.components)


@contextmanager
def local_llm_process(threads: int | None = None) -> Iterator[LocalModelProcess]:
    """A real `python -m assistant.llm.local` (the bundled model on 127.0.0.1), 1 thread unless
    ASSISTANT_LOCAL_LLM_THREADS says: the tests share the cores with other work."""
    with LocalModelProcess.start(threads=threads or default_test_threads()) as process:
        yield process


CHROMA = Path(__file__).resolve().parent.parent / ".venv" / "bin" / "chroma"


@dataclass
class ChromaServer:
    """A real `chroma run` server on 127.0.0.1 (the CLI ships with the chromadb package)."""

    url: str
    process: subprocess.Popen

    @classmethod
    @contextmanager
    def start(cls, path: Path) -> Iterator[ChromaServer]:
        port = free_port()
        executable = str(CHROMA) if CHROMA.exists() else "chroma"
        log = open(path.parent / f"chroma-{port}.log", "wb")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            [executable, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        try:
            while True:
                try:
                    if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma run did not start (see {log.name})")
                time.sleep(0.2)
            yield cls(url, process)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()


def unique_collection() -> str:
    """A collection prefix of its own, so tests sharing one Chroma server never see each other."""
    return f"t{uuid.uuid4().hex[:12]}"


def build_docx(paragraphs: list[tuple[str, str]], table: list[list[str | None]] | None = None, title: str = "") -> bytes:
    """A .docx made with python-docx: (style, text) paragraphs, e.g. ("Heading 1", "I. …"), then a
    table whose None cells are merged into the cell on their left (a header spanning columns)."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            cells = list(row.cells)
            for j, value in enumerate(values):
                if value is None:
                    cells[j - 1].merge(cells[j])
                else:
                    cells[j].text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf(lines: list[str], title: str = "") -> bytes:
    """A text PDF made with reportlab, in DejaVu Sans so Vietnamese glyphs are real text."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    if title:
        pdf.setTitle(title)
    pdf.setFont("DejaVuSans", 11)
    y = 800
    for line in lines:
        if y < 60:
            pdf.showPage()
            pdf.setFont("DejaVuSans", 11)
            y = 800
        pdf.drawString(50, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


# -- reports of several periods ------------------------------------------------------------------

MOBILE_POST = "Tỷ lệ xã có điểm phục vụ bưu chính lưu động"
# period → (result, target for the year's end): the same indicator in three half-year reports.
MOBILE_POST_FIGURES = {2021: ("50,1%", "55%"), 2022: ("57,4%", "60%"), 2023: ("63,7%", "68%")}


def period_reports() -> dict[str, bytes]:
    """Three half-year reports of a (made-up) provincial department that state one indicator each
    year, its target for the year, and figures no question asks for — the archive officials have."""
    reports: dict[str, bytes] = {}
    for year, (result, target) in MOBILE_POST_FIGURES.items():
        text = f"""BÁO CÁO
Kết quả công tác thông tin và truyền thông 6 tháng đầu năm {year} của Sở Thông tin và Truyền thông tỉnh Thử Nghiệm

I. KẾT QUẢ THỰC HIỆN
1. Bưu chính
{MOBILE_POST} ước đạt {result}, tăng {year - 2017},2% so với cùng kỳ năm {year - 1}.
Sở đã tổ chức {year - 2010} đợt kiểm tra chất lượng dịch vụ bưu chính công ích trên địa bàn tỉnh.
2. Chuyển đổi số
Tỉnh đã cung cấp {400 + year % 100} dịch vụ công trực tuyến toàn trình cho người dân và doanh nghiệp.

II. NHIỆM VỤ 6 THÁNG CUỐI NĂM {year}
Phấn đấu {MOBILE_POST.lower()} đạt {target} vào cuối năm {year}.
"""
        reports[f"so-tttt-6-thang-{year}.txt"] = text.encode()
    return reports


# -- documents of every format, with tables -------------------------------------------------------


def build_docx_report(
    paragraphs: list[tuple[str, str]], tables: list[tuple[str, list[list[str]]]] = (), title: str = ""
) -> bytes:
    """A Word report: paragraphs, then each (caption, grid) table after its caption paragraph and
    followed by a paragraph (Word always ends a table with one)."""
    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    for caption, grid in tables:
        if caption:
            document.add_paragraph(caption, style="Caption")
        table = document.add_table(rows=len(grid), cols=len(grid[0]))
        table.style = "Table Grid"
        for row, values in zip(table.rows, grid):
            for cell, value in zip(row.cells, values):
                cell.text = value
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf_report(lines: list[str], tables: list[tuple[str, list[list[str]]]] = (), title: str = "") -> bytes:
    """A text PDF (reportlab, DejaVu Sans) with ruled tables, each under its caption line."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    style = ParagraphStyle("vi", fontName="DejaVuSans", fontSize=11, leading=15)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, title=title)
    story: list = [Paragraph(line, style) for line in lines]
    for caption, grid in tables:
        story += [Spacer(1, 8), Paragraph(caption, style)] if caption else [Spacer(1, 8)]
        table = Table([[Paragraph(cell, style) for cell in row] for row in grid])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    document.build(story)
    return buffer.getvalue()


def png(image: object) -> bytes:
    """A PIL image as PNG bytes."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # type: ignore[attr-defined]
    return buffer.getvalue()


def build_docx_with_pictures(before: list[str], pictures: list[tuple[bytes, float]], after: list[str]) -> bytes:
    """A Word report with pictures pasted between its paragraphs: (PNG or JPEG bytes, width in inches)."""
    import docx
    from docx.shared import Inches

    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    for picture, inches in pictures:
        document.add_picture(io.BytesIO(picture), width=Inches(inches))
    for text in after:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_pdf_with_picture(above: list[str], picture: bytes, below: list[str], text_over_picture: str = "") -> bytes:
    """A one-page text PDF (reportlab, DejaVu Sans) with a picture between its lines, 6 inches wide;
    `text_over_picture` is laid over it invisibly, as OCR software makes a scan searchable."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    image = ImageReader(io.BytesIO(picture))
    width, height = image.getSize()
    shown_width = 6 * 72
    shown_height = shown_width * height / width
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont("DejaVuSans", 11)
    y = 800
    for line in above:
        pdf.drawString(50, y, line)
        y -= 18
    y -= shown_height
    pdf.drawImage(image, 50, y, shown_width, shown_height)
    if text_over_picture:
        words = pdf.beginText(60, y + shown_height - 30)
        words.setFont("DejaVuSans", 11)
        words.setTextRenderMode(3)  # invisible
        for line in text_over_picture.split("\n"):
            words.textLine(line)
        pdf.drawText(words)
    y -= 24
    for line in below:
        pdf.drawString(50, y, line)
        y -= 18
    pdf.save()
    return buffer.getvalue()


def build_xlsx(sheets: dict[str, list[list[object]]], formats: dict[str, str] | None = None) -> bytes:
    """An .xlsx made with openpyxl; `formats` maps cells ("Sheet!B2") to number formats ("0.0%")."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    for where, number_format in (formats or {}).items():
        name, cell = where.split("!")
        book[name][cell].number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_xls(rows: list[list[object]], name: str = "Phụ lục", formats: dict[tuple[int, int], str] | None = None) -> bytes:
    """A Excel 97-2003 .xls made with xlwt; `formats` maps (row, column) to number formats."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            number_format = (formats or {}).get((r, c))
            if number_format:
                sheet.write(r, c, value, xlwt.easyxf(num_format_str=number_format))
            else:
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def build_ods(rows: list[list[str]], name: str = "Phụ lục") -> bytes:
    """An OpenDocument spreadsheet with the cells' displayed text (what .ods files store)."""
    from xml.sax.saxutils import escape

    cells = "".join(
        "<table:table-row>"
        + "".join(f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>' for value in row)
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{escape(name)}">{cells}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
        )
    return buffer.getvalue()


def convert_with_libreoffice(data: bytes, source_suffix: str, target: str) -> bytes:
    """A document saved by LibreOffice in another format ("doc", "rtf", "odt"), as a user's old file."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        original = work / f"input{source_suffix}"
        original.write_bytes(data)
        subprocess.run(
            ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--convert-to", target,
             "--outdir", str(work / "out"), str(original)],
            check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": folder},
        )
        return (work / "out" / f"input.{target.split(':')[0]}").read_bytes()


def build_scanned_table_pdf(lines: list[str], grid: list[list[str | None]], column_widths: list[float]) -> bytes:
    """An image-only PDF of text lines and a ruled table under them (`bench.scanned.scanned_table_pdf`)."""
    from bench.scanned import scanned_table_pdf

    return scanned_table_pdf(lines, grid, column_widths)


def build_scanned_pdf(lines: list[str]) -> bytes:
    """An image-only PDF rendered from `lines`: what a scanner makes of a signed report."""
    from bench.scanned import scanned_pdf

    return scanned_pdf(lines)

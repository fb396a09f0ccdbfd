"""Every format on a real file built here: tables become row sentences with their headers, scanned
pages are read by OCR, old Word files are converted by LibreOffice; what cannot run is said clearly."""

from __future__ import annotations

import pytest

from ingest.loaders import IngestError, ReadOptions, load_bytes
from ingest.pipeline import note_list, parse_report
from tests.support import (
    build_docx_report,
    build_ods,
    build_pdf_report,
    build_scanned_pdf,
    build_scanned_table_pdf,
    build_xls,
    build_xlsx,
    convert_with_libreoffice,
)
from vectorstore.glossary import Glossary

GLOSSARY = Glossary.load()
HEADER = ["Chỉ tiêu", "Kế hoạch năm 2025", "Thực hiện 10 tháng"]
ROW = ["Tỷ lệ xã có điểm phục vụ bưu chính", "100%", "97,2%"]
SENTENCE = "Tỷ lệ xã có điểm phục vụ bưu chính — Kế hoạch năm 2025: 100%; Thực hiện 10 tháng: 97,2%"
NO_TOOLS = ReadOptions(tesseract_command="/nonexistent/tesseract", soffice_command="/nonexistent/soffice")


def rows(text: str) -> list[str]:
    return [line for line in text.split("\n") if " — " in line]


def word_report() -> bytes:
    return build_docx_report(
        [("Heading 1", "I. KẾT QUẢ"), ("Normal", "Công tác bưu chính đạt kết quả tích cực.")],
        tables=[("Bảng 1. Kết quả bưu chính 10 tháng năm 2025", [HEADER, ROW])],
        title="Báo cáo thử",
    )


def test_a_word_table_row_carries_its_headers_under_its_caption():
    parsed = parse_report(word_report(), "bao-cao.docx", GLOSSARY, 1000)
    table = next(chunk for chunk in parsed.chunks if SENTENCE in chunk.text)
    assert table.section_path == ("I. KẾT QUẢ", "Bảng 1. Kết quả bưu chính 10 tháng năm 2025")
    assert '"100","%","năm 2025","target"' in table.figures and '"97,2","%"' in table.figures


def test_a_pdf_table_keeps_label_plan_and_result_together():
    data = build_pdf_report(
        ["BÁO CÁO THỬ", "I. KẾT QUẢ", "Đoạn văn trước bảng."],
        tables=[("Bảng 2. Kết quả 10 tháng", [HEADER, ROW])],
    )
    loaded = load_bytes(data, "bao-cao.pdf")
    assert rows(loaded.text) == [SENTENCE]
    assert "⟦bảng⟧ Bảng 2. Kết quả 10 tháng" in loaded.text
    parsed = parse_report(data, "bao-cao.pdf", GLOSSARY, 1000)
    assert {chunk.pages for chunk in parsed.chunks} == {"1"}


def test_a_pdf_table_running_onto_the_next_pages_keeps_its_header_there():
    # Printed without repeating its header row, the rows of pages 2 and 3 had lost which value is
    # the plan and which the result ("Doanh thu … — tỷ đồng; 1.500; 1.612,7").
    header = ["Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024"]
    body = [[f"Số điểm truy nhập Internet công cộng tại huyện {n}", "điểm", str(100 + n), str(90 + n)] for n in range(1, 61)]
    data = build_pdf_report(["BÁO CÁO THỬ", "PHỤ LỤC"], tables=[("Bảng 1. Các chỉ tiêu", [header, *body])])
    loaded = load_bytes(data, "phu-luc.pdf")
    assert loaded.text.count("⟦trang") > 2
    assert len(rows(loaded.text)) == 60
    assert all(" — ĐVT: điểm; Kế hoạch năm 2024: " in row for row in rows(loaded.text))
    assert "Số điểm truy nhập Internet công cộng tại huyện 60 — ĐVT: điểm; Kế hoạch năm 2024: 160; Thực hiện năm 2024: 150" in rows(loaded.text)


def test_a_row_cut_at_a_pages_foot_is_mended_and_the_pages_after_keep_the_header():
    """Word and LibreOffice print a long row cut at the page's foot, its end at the next page's top
    ("Số thuê bao băng rộng | triệu thuê" / "cố định | bao"): that end had been read as the next
    page's header — the row's words lost, and every row after it headed "Cột 3", "Cột 4"."""
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024"]
    body = [
        [str(n), f"Số điểm truy nhập Internet công cộng có người phục vụ thường xuyên tại huyện số {n} của tỉnh", "điểm truy nhập", str(100 + n), str(90 + n)]
        for n in range(1, 41)
    ]
    report = build_docx_report([("Title", "BÁO CÁO THỬ"), ("Normal", "PHỤ LỤC")], tables=[("Bảng 1. Các chỉ tiêu", [header, *body])])
    loaded = load_bytes(convert_with_libreoffice(report, ".docx", "pdf"), "phu-luc.pdf")
    assert loaded.text.count("⟦trang") > 3
    assert rows(loaded.text) == [
        f"Số điểm truy nhập Internet công cộng có người phục vụ thường xuyên tại huyện số {n} của tỉnh — ĐVT: điểm truy nhập; "
        f"Kế hoạch năm 2024: {100 + n}; Thực hiện năm 2024: {90 + n}"
        for n in range(1, 41)
    ]


def test_an_html_table_with_spans_becomes_rows():
    page = (
        "<html><body><h2>I. Kết quả</h2><table><caption>Bảng 3. Viễn thông</caption>"
        "<tr><th rowspan=2>Chỉ tiêu</th><th colspan=2>Năm 2025</th></tr>"
        "<tr><th>Kế hoạch</th><th>Thực hiện</th></tr>"
        "<tr><td>Thuê bao băng rộng cố định</td><td>25 triệu</td><td>24,3 triệu</td></tr></table></body></html>"
    )
    loaded = load_bytes(page.encode(), "bao-cao.html")
    assert rows(loaded.text) == ["Thuê bao băng rộng cố định — Năm 2025 - Kế hoạch: 25 triệu; Năm 2025 - Thực hiện: 24,3 triệu"]


def test_spreadsheets_show_their_cells_as_the_sheet_does():
    xlsx = build_xlsx(
        {"Phụ lục 1": [HEADER, ["Tỷ lệ xã có điểm phục vụ bưu chính", 1, 0.972], ["Doanh thu (tỷ đồng)", 1614206, 27477.5]]},
        {"Phụ lục 1!B2": "0%", "Phụ lục 1!C2": "0.0%", "Phụ lục 1!B3": "#,##0", "Phụ lục 1!C3": "#,##0.0"},
    )
    loaded = load_bytes(xlsx, "phu-luc.xlsx")
    assert loaded.text.startswith("⟦bảng⟧ Phụ lục 1\n")
    assert rows(loaded.text) == [SENTENCE, "Doanh thu (tỷ đồng) — Kế hoạch năm 2025: 1.614.206; Thực hiện 10 tháng: 27.477,5"]

    xls = build_xls([HEADER, ["Tỷ lệ xã có điểm phục vụ bưu chính", 1, 0.972]], formats={(1, 1): "0%", (1, 2): "0.0%"})
    assert rows(load_bytes(xls, "phu-luc.xls").text) == [SENTENCE]
    assert rows(load_bytes(build_ods([HEADER, ROW]), "phu-luc.ods").text) == [SENTENCE]


def test_a_table_inside_a_tables_cell_becomes_a_table_of_its_own_captioned_by_its_row_and_column():
    """A ministry page's "Số liệu chi tiết theo doanh nghiệp": each indicator's row holds a table of
    operators; it had been one run of text, its operators' figures unreadable one by one."""
    page = (
        "<html><body><table><tr><th>Chỉ tiêu</th><th>Số liệu đến ngày 31/3/2025</th></tr>"
        "<tr><td>Hạ tầng và thuê bao 5G</td><td><table><tr><th>Doanh nghiệp</th><th>Trạm BTS 5G</th><th>Thuê bao 5G</th></tr>"
        "<tr><td>Viettel</td><td>6.870</td><td>7,4 triệu</td></tr><tr><td>MobiFone</td><td>1.570</td><td>1,1 triệu</td></tr></table></td></tr>"
        "</table></body></html>"
    )
    text = load_bytes(page.encode(), "tin.html").text
    assert "Hạ tầng và thuê bao 5G — Số liệu đến ngày 31/3/2025" in text
    assert "Viettel — Trạm BTS 5G: 6.870; Thuê bao 5G: 7,4 triệu" in text
    assert "MobiFone — Trạm BTS 5G: 1.570; Thuê bao 5G: 1,1 triệu" in text


def test_an_xls_that_is_an_html_export_is_read():
    page = "<table><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr><tr><td>Cáp quang</td><td>77,1%</td></tr></table>"
    assert rows(load_bytes(page.encode(), "xuat.xls").text) == ["Cáp quang — Kết quả: 77,1%"]


@pytest.mark.parametrize("target", ["doc", "rtf", "odt"])
def test_legacy_word_files_are_converted_by_libreoffice_and_their_tables_read(target: str):
    legacy = convert_with_libreoffice(word_report(), ".docx", target)
    parsed = parse_report(legacy, f"bao-cao-cu.{target}", GLOSSARY, 1000)
    assert any(SENTENCE in chunk.text for chunk in parsed.chunks)
    assert "LibreOffice" in note_list(parsed.record)[0]


def test_without_libreoffice_an_old_word_file_is_refused_with_the_package_to_install():
    legacy = convert_with_libreoffice(word_report(), ".docx", "doc")
    with pytest.raises(IngestError, match="libreoffice-writer-nogui") as error:
        load_bytes(legacy, "cu.doc", NO_TOOLS)
    assert ".docx" in error.value.message


def test_a_corrupt_old_word_file_is_refused_with_the_converters_reason():
    with pytest.raises(IngestError, match="LibreOffice|hỏng"):
        load_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 2000, "hong.doc")


SCAN = [
    "BÁO CÁO QUÉT THỬ NGHIỆM",
    "Kết quả công tác quý III năm 2026",
    "I. BƯU CHÍNH",
    "1. Tỷ lệ xã có điểm phục vụ bưu chính lưu động đạt 63,7%.",
    "2. Sản lượng bưu gửi ước đạt 424 triệu bưu gửi.",
]


def test_a_scanned_pdf_is_read_by_ocr_page_by_page_and_marked():
    parsed = parse_report(build_scanned_pdf(SCAN), "ban-quet.pdf", GLOSSARY, 1000)
    assert parsed.record.ocr_pages == 1
    text = "\n".join(chunk.text for chunk in parsed.chunks)
    assert "63,7%" in text and "424 triệu" in text
    figures = next(chunk for chunk in parsed.chunks if "63,7%" in chunk.text)
    assert figures.ocr and figures.pages == "1"
    assert any("OCR" in note for note in note_list(parsed.record))


def test_a_scanned_ruled_table_is_read_cell_by_cell_into_rows_with_their_headers():
    # Tesseract's layout analysis had taken a ruled table for a picture: every word of a scanned
    # annex was lost. Its lines now say where each cell is, a merged header ("Năm 2025") included.
    grid = [
        ["Chỉ tiêu", "ĐVT", "Năm 2024", None, "Năm 2025", None],
        ["", "", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện\n6 tháng"],
        ["Doanh thu bưu chính", "tỷ đồng", "175", "181,3", "200", "97,5"],
        ["Tỷ lệ hồ sơ trực tuyến\ntoàn trình", "%", "55", "58,2", "65", "61,4"],
    ]
    data = build_scanned_table_pdf(["BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2025", "PHỤ LỤC: CÁC CHỈ TIÊU"], grid, [2.3, 0.9, 0.85, 0.85, 0.85, 0.92])
    parsed = parse_report(data, "ban-quet.pdf", GLOSSARY, 1000)
    text = "\n".join(chunk.text for chunk in parsed.chunks)
    assert "PHỤ LỤC: CÁC CHỈ TIÊU" in text
    assert "Doanh thu bưu chính — ĐVT: tỷ đồng; Năm 2024 - Kế hoạch: 175; Năm 2024 - Thực hiện: 181,3; " \
        "Năm 2025 - Kế hoạch: 200; Năm 2025 - Thực hiện 6 tháng: 97,5" in text
    row = next(line for line in text.split("\n") if line.startswith("Tỷ lệ hồ sơ trực tuyến toàn trình — "))
    assert row.endswith("Năm 2025 - Kế hoạch: 65; Năm 2025 - Thực hiện 6 tháng: 61,4"), row
    chunk = next(chunk for chunk in parsed.chunks if "97,5" in chunk.text)
    assert chunk.ocr and '"97,5","tỷ đồng","6 tháng đầu năm 2025","result"' in chunk.figures


def test_without_ocr_a_scan_is_refused_and_a_mixed_pdf_keeps_its_text_pages():
    with pytest.raises(IngestError, match="tesseract-ocr-vie"):
        load_bytes(build_scanned_pdf(SCAN), "ban-quet.pdf", NO_TOOLS)
    # a mixed PDF: a page with text, then a scanned one
    mixed = _concatenate(build_pdf_report(["I. TỔNG QUAN", "Doanh thu dịch vụ viễn thông đạt 5 tỷ đồng."]), build_scanned_pdf(SCAN))
    loaded = load_bytes(mixed, "tron.pdf", NO_TOOLS)
    assert "Doanh thu dịch vụ viễn thông" in loaded.text
    assert loaded.notes == [
        "Trang 2 là ảnh quét, chưa đọc được vì máy chủ chưa cài bộ nhận dạng chữ tiếng Việt (gói tesseract-ocr và "
        "tesseract-ocr-vie): nội dung các trang này chưa được đưa vào tra cứu."
    ]


def _concatenate(*documents: bytes) -> bytes:
    import io

    import pypdfium2 as pdfium

    merged = pdfium.PdfDocument.new()
    for data in documents:
        source = pdfium.PdfDocument(data)
        merged.import_pages(source)
    buffer = io.BytesIO()
    merged.save(buffer)
    return buffer.getvalue()


def test_word_text_boxes_and_tables_nested_in_a_cell_are_read():
    import io

    import docx
    from lxml import etree

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "Chỉ tiêu", "Kết quả", "Cáp quang"
    table.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "77,1%"  # python-docx's cell.text omits it
    anchor = document.add_paragraph("Đoạn neo hộp chữ.")
    anchor._p.append(etree.fromstring(
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Hộp chữ: doanh thu đạt 5 tỷ đồng.</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ))
    buffer = io.BytesIO()
    document.save(buffer)
    text = load_bytes(buffer.getvalue(), "hop-chu.docx").text
    assert "Cáp quang — Kết quả: 77,1%" in text
    assert "Hộp chữ: doanh thu đạt 5 tỷ đồng." in text and "Đoạn neo hộp chữ." in text


@pytest.mark.parametrize(
    ("read", "meant"),
    [("Quý IIL/2024: 15.630", "Quý III/2024: 15.630"), ("Quý IIIL/2024: 37,6", "Quý III/2024: 37,6"), ("QUÝ lI NĂM 2024", "QUÝ II NĂM 2024"), ("Quý 11/2024", "Quý II/2024"), ("Quý 1/2024", "Quý 1/2024")],
)
def test_a_quarters_numeral_misread_by_ocr_is_mended(read: str, meant: str):
    """Tesseract reads the strokes of "III" as "IIL" or "11": no period was found in the scan's column
    "Quý IIL/2024", and its figure was listed as the nine months'."""
    from ingest.ocr import roman_numerals_mended

    assert roman_numerals_mended(read) == meant

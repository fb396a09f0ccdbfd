"""Pictures of reports, read by OCR (real Tesseract): a phone photo of a page, a multi-page TIFF
scan, a scanned annex pasted into a Word file or onto a PDF's page. No word of them may be lost, and
what was read by OCR says so."""

from __future__ import annotations

import io

import pytest

from bench.scanned import photographed_page, rendered_pages, table_page
from ingest.loaders import IngestError, ReadOptions, load_bytes
from ingest.pipeline import note_list, parse_report
from tests.support import build_docx_with_pictures, build_pdf_with_picture, png
from vectorstore.glossary import Glossary

GLOSSARY = Glossary.load()
NO_OCR = ReadOptions(tesseract_command="/nonexistent/tesseract")
PAGE = [
    "BÁO CÁO NHANH",
    "Kết quả công tác tháng 10 năm 2024 của Sở Thông tin và Truyền thông",
    "I. BƯU CHÍNH, VIỄN THÔNG",
    "1. Tỷ lệ xã có điểm phục vụ bưu chính lưu động đạt 63,7%.",
    "2. Sản lượng bưu gửi ước đạt 424 triệu bưu gửi.",
    "3. Số thuê bao băng rộng cố định đạt 24,3 triệu thuê bao.",
]
ANNEX = [
    ["Chỉ tiêu", "ĐVT", "Năm 2023", "Năm 2024"],
    ["Doanh thu bưu chính", "tỷ đồng", "55.500", "61.200"],
    ["Số trạm BTS 5G", "trạm", "850", "7.300"],
]


def annex_picture() -> bytes:
    """A signed annex, scanned: a title line and a ruled table, cropped to the printed part."""
    page = table_page(["PHỤ LỤC: SỐ LIỆU CHỦ YẾU"], ANNEX, [2.3, 0.9, 1.0, 1.0], dpi=200)
    return png(page.crop((0, 0, page.width, page.height // 3)))


def words_of(chunks: list) -> str:  # noqa: ANN001 - chunks of the store
    return "\n".join(chunk.text for chunk in chunks)


def test_a_phone_photo_of_a_page_is_read_as_a_scanned_page():
    # tilted 2°, lit from one corner (its far side in shadow), JPEG: what officials send from a phone
    parsed = parse_report(photographed_page(PAGE), "anh-chup-bao-cao.jpg", GLOSSARY, 1000)
    text = words_of(parsed.chunks)
    assert "63,7%" in text and "424 triệu" in text and "24,3 triệu" in text
    assert parsed.record.ocr_pages == 1
    chunk = next(chunk for chunk in parsed.chunks if "63,7%" in chunk.text)
    assert chunk.ocr and chunk.pages == "1"
    assert any("OCR" in note for note in note_list(parsed.record))


def test_each_page_of_a_multi_page_tiff_scan_is_a_page_of_the_report():
    lines = PAGE + [f"Nội dung dòng thứ {number} của trang một." for number in range(34)] + ["II. CHUYỂN ĐỔI SỐ", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 56,8%."]
    pages = rendered_pages(lines, dpi=200)
    assert len(pages) == 2
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    loaded = load_bytes(buffer.getvalue(), "ban-quet.tiff")
    assert loaded.ocr_pages == [1, 2]
    second = loaded.text.split("⟦trang 2 ocr⟧", 1)[1]
    assert "56,8%" in second and "63,7%" not in second


def test_a_scanned_annex_pasted_into_a_word_file_is_read_where_it_stands():
    logo = png(rendered_pages(["LOGO SỞ"], dpi=40)[0].crop((0, 0, 200, 90)))  # too small to be a page: not read
    data = build_docx_with_pictures(
        ["BÁO CÁO TỔNG KẾT NĂM 2024", "I. KẾT QUẢ", "Doanh thu viễn thông đạt 340.000 tỷ đồng."],
        [(logo, 0.8), (annex_picture(), 6.0)],
        ["Nơi nhận:", "- Lưu: VT."],
    )
    loaded = load_bytes(data, "bao-cao.docx")
    body = loaded.text
    assert body.index("340.000") < body.index("⟦hình⟧") < body.index("61.200") < body.index("Nơi nhận")
    assert "LOGO" not in body
    parsed = parse_report(data, "bao-cao.docx", GLOSSARY, 1000)
    text = words_of(parsed.chunks)
    assert "Doanh thu bưu chính — ĐVT: tỷ đồng; Năm 2023: 55.500; Năm 2024: 61.200" in text
    annex = next(chunk for chunk in parsed.chunks if "61.200" in chunk.text)
    typed = next(chunk for chunk in parsed.chunks if "340.000" in chunk.text)
    assert annex.ocr and not typed.ocr
    assert any("1 hình ảnh" in note and "OCR" in note for note in note_list(parsed.record))


def test_a_picture_on_a_pdf_page_with_text_is_read_unless_its_text_is_there_already():
    above, below = ["BÁO CÁO TỔNG KẾT NĂM 2024", "PHỤ LỤC"], ["Nơi nhận:"]
    loaded = load_bytes(build_pdf_with_picture(above, annex_picture(), below), "bao-cao.pdf")
    body = loaded.text
    assert body.index("PHỤ LỤC") < body.index("⟦hình⟧") < body.index("7.300") < body.index("Nơi nhận")
    assert any("OCR" in note for note in loaded.notes)
    # a searchable scan: its text layer is the picture's words, read as text and not read again
    searchable = build_pdf_with_picture(above, annex_picture(), below, text_over_picture="Doanh thu bưu chính 55.500 61.200\nSố trạm BTS 5G 850 7.300")
    loaded = load_bytes(searchable, "bao-cao.pdf")
    assert "⟦hình⟧" not in loaded.text and loaded.text.count("7.300") == 1


def test_without_ocr_a_picture_is_refused_and_a_word_file_keeps_its_text_and_says_what_was_not_read():
    with pytest.raises(IngestError, match="tesseract-ocr-vie"):
        load_bytes(photographed_page(PAGE), "anh.jpg", NO_OCR)
    data = build_docx_with_pictures(["BÁO CÁO", "Doanh thu viễn thông đạt 340.000 tỷ đồng."], [(annex_picture(), 6.0)], [])
    loaded = load_bytes(data, "bao-cao.docx", NO_OCR)
    assert "340.000" in loaded.text
    assert loaded.notes == [
        "1 hình ảnh trong văn bản chưa đọc được (máy chủ chưa cài bộ nhận dạng chữ tiếng Việt, gói tesseract-ocr và "
        "tesseract-ocr-vie): chữ trong các hình này chưa được đưa vào tra cứu."
    ]


def test_a_damaged_picture_is_refused_with_the_reason():
    with pytest.raises(IngestError, match="không mở được tệp ảnh"):
        load_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "anh.png")


def test_a_huge_photo_of_small_print_is_not_scaled_past_a_pages_size():
    from PIL import Image, ImageDraw

    from ingest.ocr import MAX_SCALED_PIXELS, _as_scanned

    photo = Image.new("L", (6000, 4000), 255)
    draw = ImageDraw.Draw(photo)
    for row in range(60):
        draw.text((40, 40 + row * 60), "Doanh thu bưu chính đạt 61.200 tỷ đồng " * 8, fill=0)  # Pillow's 10-pixel default font
    scaled = _as_scanned(photo, 300)
    assert scaled.width > photo.width and scaled.width * scaled.height <= MAX_SCALED_PIXELS * 1.001

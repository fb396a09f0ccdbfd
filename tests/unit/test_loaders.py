"""Each loader on a real file of its type, built here; each bad file refused with a clear reason."""

import io
import unicodedata
import zipfile

import pytest

from ingest.loaders import IngestError, load_bytes
from ingest.markup import table_open
from tests.support import build_docx, build_pdf

VIETNAMESE = "Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%."


def test_txt_utf8_with_and_without_bom():
    assert load_bytes(VIETNAMESE.encode("utf-8"), "a.txt").text == VIETNAMESE
    assert load_bytes(b"\xef\xbb\xbf" + VIETNAMESE.encode("utf-8"), "a.txt").text == VIETNAMESE


def test_txt_utf16_with_and_without_bom():
    assert load_bytes(VIETNAMESE.encode("utf-16"), "a.txt").text == VIETNAMESE
    assert load_bytes(VIETNAMESE.encode("utf-16-le"), "a.txt").text == VIETNAMESE


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 stores vowels with their shape marks but tones as separate combining marks."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        shape = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out += (shape + "".join(c for c in decomposed if c in tones)).encode("cp1258")
    return bytes(out)


def test_txt_in_the_legacy_vietnamese_code_page():
    assert load_bytes(encode_cp1258(VIETNAMESE), "cu.txt").text == VIETNAMESE


def test_a_pipe_table_in_plain_text_is_read_as_in_markdown():
    text = "PHỤ LỤC\n| TT | Chỉ tiêu | KH năm 2023 | TH năm 2023 |\n|---|---|---|---|\n| 1 | Doanh thu toàn ngành | 4.080.000 | 3.558.000 |\n"
    assert load_bytes(text.encode(), "bao-cao.txt").text == load_bytes(text.encode(), "bao-cao.md").text


def test_a_pipe_tables_caption_in_bold_captions_it():
    """"**Bảng 2. Số trạm BTS 5G theo doanh nghiệp**" over the table names it, as a Word table's caption does."""
    text = "**Bảng 2. Số trạm BTS 5G theo doanh nghiệp**\n\n| Doanh nghiệp | Số trạm BTS 5G |\n|---|---:|\n| Viettel | 4.200 |\n"
    loaded = load_bytes(text.encode(), "thi-truong.md").text
    assert "**" not in loaded
    assert table_open("Bảng 2. Số trạm BTS 5G theo doanh nghiệp") in loaded


def test_markdown_keeps_headings_and_reads_front_matter():
    loaded = load_bytes("---\ntitle: Báo cáo thử\nperiod: năm 2023\n---\n# I. Tổng quan\n- Ý một".encode(), "a.md")
    assert loaded.title_hint == "Báo cáo thử"
    assert loaded.meta["period"] == "năm 2023"
    assert loaded.text.startswith("# I. Tổng quan")


def test_html_visible_text_with_headings_and_lists():
    page = (
        "<html><head><title>Báo cáo HTML</title><style>p{}</style><script>var x=1</script></head>"
        "<body><h2>I. Kết quả</h2><p>Doanh thu đạt 27.477 tỷ đồng<sup>1</sup>.</p><ul><li>Ý một</li></ul></body></html>"
    )
    loaded = load_bytes(page.encode(), "a.html")
    assert loaded.title_hint == "Báo cáo HTML"
    assert "## I. Kết quả" in loaded.text
    assert "Doanh thu đạt 27.477 tỷ đồng." in loaded.text
    assert "- Ý một" in loaded.text
    assert "var x" not in loaded.text


def test_docx_paragraphs_headings_and_tables():
    data = build_docx(
        [("Heading 1", "I. Viễn thông"), ("Normal", VIETNAMESE), ("List Bullet", "Ý một")],
        table=[["Chỉ tiêu", "Kết quả"], ["Cáp quang", "77,1%"]],
        title="Báo cáo DOCX",
    )
    loaded = load_bytes(data, "bao-cao.docx")
    lines = [line for line in loaded.text.split("\n") if line]
    assert lines[:3] == ["# I. Viễn thông", VIETNAMESE, "- Ý một"]
    assert lines[3:] == ["⟦bảng⟧", "Cáp quang — Kết quả: 77,1%", "⟦/bảng⟧"]  # the row with its header
    assert loaded.title_hint == "Báo cáo DOCX"


def test_pdf_text_layer():
    loaded = load_bytes(build_pdf(["I. Viễn thông", VIETNAMESE], title="Báo cáo PDF"), "bao-cao.pdf")
    assert "I. Viễn thông" in loaded.text
    assert "77,1%" in loaded.text
    assert "cáp quang" in loaded.text
    assert loaded.title_hint == "Báo cáo PDF"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"", "empty.txt", "rỗng"),
        (b"   \n ", "blank.md", "rỗng"),
        (b"\x00\x01\x02binary\x00\xff" * 50, "blob.txt", "nhị phân"),
        (b"%PDF-1.7\n garbage that is not a pdf", "hong.pdf", "PDF"),
        (b"not a pdf at all", "fake.pdf", "PDF"),
        (b"PK\x03\x04 broken zip", "hong.docx", "DOCX"),
        (b"plain text", "anh.png", "không mở được tệp ảnh \\(nội dung không phải một ảnh\\)"),
        (b"plain text", "anh.heic", "chưa được hỗ trợ"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data, name, reason):
    with pytest.raises(IngestError, match=reason) as error:
        load_bytes(data, name)
    assert error.value.source == name


def test_docx_zip_bomb_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/bomb.bin", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(IngestError, match="quá lớn"):
        load_bytes(buffer.getvalue(), "bom.docx")


def test_undecodable_text_is_refused_not_garbled():
    with pytest.raises(IngestError, match="UTF-8"):
        load_bytes(bytes(range(128, 256)) * 20, "rac.txt")


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + b"\x00" * 64
OLE = bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 504
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
GZIP = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x01" * 40


@pytest.mark.parametrize(
    ("make", "name", "what"),
    [
        (lambda: build_pdf([VIETNAMESE]), "bao-cao.txt", "PDF"),
        (lambda: build_pdf([VIETNAMESE]), "bao-cao.html", "PDF"),
        (lambda: build_pdf([VIETNAMESE]), "bao-cao.docx", "PDF"),
        (lambda: PNG, "bao-cao.docx", "ảnh"),
        (lambda: JPEG, "bao-cao.pdf", "ảnh"),
        (lambda: PNG, "bao-cao.md", "ảnh"),
        (lambda: build_docx([("Normal", VIETNAMESE)]), "bao-cao.pdf", "Word"),
        (lambda: build_docx([("Normal", VIETNAMESE)]), "bao-cao.txt", "Word"),
        (lambda: _zip({"xl/workbook.xml": b"<workbook/>"}), "bang.docx", "Excel"),
        (lambda: _zip({"a.txt": VIETNAMESE.encode()}), "nen.md", "ZIP"),
        (lambda: OLE, "cu.docx", "Office đời cũ"),
        (lambda: ELF, "chuong-trinh.html", "chương trình"),
        (lambda: GZIP, "nen.txt", "tệp nén"),
        (lambda: r"{\rtf1\ansi Báo cáo}".encode(), "van-ban.txt", "RTF"),
    ],
)
def test_content_that_does_not_match_its_name_is_refused_with_what_it_is(make, name, what):
    with pytest.raises(IngestError, match=what) as error:
        load_bytes(make(), name)
    assert "không khớp với đuôi" in error.value.message
    assert error.value.source == name


def test_the_refusal_names_the_right_suffix_when_it_is_one_we_read():
    with pytest.raises(IngestError, match="đuôi đúng là “.pdf”"):
        load_bytes(build_pdf([VIETNAMESE]), "bao-cao.txt")


@pytest.mark.parametrize(
    "text",
    ["MZ là viết tắt của một đơn vị.", "BM: Bộ môn.", "ID3 là mã chỉ tiêu.", "PK là phụ kiện.", "GIF89a hình động"],
)
def test_text_that_starts_like_a_signature_is_still_text(text):
    assert load_bytes(text.encode(), "ghi-chu.txt").text == text


def test_an_annex_heading_over_a_word_table_opens_the_annex_not_a_caption_under_the_plan():
    from ingest.structure import parse

    data = build_docx(
        [
            ("Heading 1", "I. KẾT QUẢ NĂM 2023"),
            ("Normal", "Doanh thu đạt 3.893 nghìn tỷ đồng."),
            ("Heading 1", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"),
            ("Normal", "Phấn đấu doanh thu đạt 4.100 nghìn tỷ đồng."),
            ("Heading 1", "PHỤ LỤC I. MỘT SỐ CHỈ TIÊU NĂM 2023"),
        ],
        table=[["Chỉ tiêu", "KH 2023", "TH 2023"], ["Doanh thu", "3.950", "3.893"]],
    )
    sections = parse(load_bytes(data, "bao-cao.docx").text).sections
    annex = sections[-1]
    assert annex.path == ("PHỤ LỤC I. MỘT SỐ CHỈ TIÊU NĂM 2023",)  # not under "II. PHƯƠNG HƯỚNG … 2024"
    assert "Doanh thu — KH 2023: 3.950; TH 2023: 3.893" in [line.text for line in annex.items]


def test_a_line_break_inside_a_word_table_cell_keeps_its_words_apart():
    data = build_docx([("Normal", "Báo cáo.")], table=[["Chỉ tiêu", "Kết quả\n(tỷ đồng)"], ["Doanh thu\nbưu chính", "612"]])
    text = load_bytes(data, "bao-cao.docx").text
    assert "Doanh thu bưu chính — Kết quả (tỷ đồng): 612" in text, text


def test_a_table_aligned_with_spaces_under_a_ruled_header_is_read_cell_by_cell():
    text = (
        "Bảng 1. Thuê bao di động trên địa bàn tỉnh theo doanh nghiệp\n"
        "Doanh nghiệp            Số thuê bao di động (nghìn)   Thị phần (%)\n"
        "------------------------------------------------------------------\n"
        "Viettel                                       2.056           58,4\n"
        "VNPT (VinaPhone)                                919           26,1\n"
        "------------------------------------------------------------------\n"
        "Nhóm các doanh nghiệp khác gồm Vietnamobile và Gtel.\n"
    )
    loaded = load_bytes(text.encode(), "bao-cao.txt").text
    assert "Viettel — Số thuê bao di động (nghìn): 2.056; Thị phần (%): 58,4" in loaded
    assert "Nhóm các doanh nghiệp khác gồm Vietnamobile và Gtel." in loaded
    # prose with two spaces after a full stop is no table
    assert load_bytes("Doanh thu đạt 5 tỷ.  Tăng 3%.\n-----------------\nHết.\n".encode(), "a.txt").text.startswith("Doanh thu đạt 5 tỷ.  Tăng 3%.")

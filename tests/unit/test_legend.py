"""A report's own legend of abbreviations: read from its text, spelled out for reading, never for quoting."""

import json

from ingest.chunking import figure_records
from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import Period
from vectorstore.legend import Legend, find_legend, is_legend_line
from vectorstore.records import Chunk
from vectorstore.statements import Context

ONE_LINE = (
    "BÁO CÁO TÌNH HÌNH THÁNG 11/2024\n"
    "Chữ viết tắt: DT - doanh thu; TB BRCĐ - thuê bao băng rộng cố định; TCM – tấn công mạng; LK - lũy kế; "
    "T11 - tháng 11; 11T - 11 tháng.\n"
    "- T11 ghi nhận 870 vụ TCM gây sự cố; LK 11T: 10.915 vụ.\n"
)


def test_a_legend_on_one_line_is_read_entry_by_entry():
    assert find_legend(ONE_LINE) == {
        "DT": "doanh thu",
        "TB BRCĐ": "thuê bao băng rộng cố định",
        "TCM": "tấn công mạng",
        "LK": "lũy kế",
        "T11": "tháng 11",
        "11T": "11 tháng",
    }


def test_a_legend_under_a_heading_as_a_list_or_a_table():
    listed = "DANH MỤC CÁC TỪ VIẾT TẮT\n- DNCNS: doanh nghiệp công nghệ số\n- HTTT: hệ thống thông tin\n\nI. KẾT QUẢ\n- DNCNS: 76.330."
    assert find_legend(listed) == {"DNCNS": "doanh nghiệp công nghệ số", "HTTT": "hệ thống thông tin"}
    table = "Chữ viết tắt\nChữ viết tắt | Nghĩa đầy đủ\n1 | TCM | Tấn công mạng\n2 | CNS | chữ ký số\nNội dung báo cáo"
    assert find_legend(table) == {"TCM": "Tấn công mạng", "CNS": "chữ ký số"}
    # a Word table as ingest writes its rows: "LETTERS — column: phrase"
    word = "DANH MỤC CHỮ VIẾT TẮT\n⟦bảng⟧\nSCAT — Nghĩa đầy đủ: Sự cố an toàn thông tin\nLK — Nghĩa đầy đủ: Lũy kế\n⟦/bảng⟧\nI. KẾT QUẢ"
    assert find_legend(word) == {"SCAT": "Sự cố an toàn thông tin", "LK": "Lũy kế"}


def test_no_legend_no_entries_and_hyphenated_letters_are_no_definition():
    assert find_legend("Doanh thu toàn ngành TT&TT đạt 3.745.000 tỷ đồng.\nTB - BRCĐ") == {}
    # joined letters stay one entry, and each part is its phrase's part where the initials say so
    assert find_legend("Chữ viết tắt: CNTT-TT: công nghệ thông tin và truyền thông") == {
        "CNTT-TT": "công nghệ thông tin và truyền thông",
        "CNTT": "công nghệ thông tin",
        "TT": "truyền thông",
    }


def test_a_note_of_abbreviations_is_a_legend_and_joined_letters_define_their_parts():
    """"Ghi chú: …; BC-VT - bưu chính, viễn thông; …" at the end of a report written "DT BC T10: 5.320
    tỷ đ": "BC" is "bưu chính" there (the report's postal revenue had not been found). A note that
    defines nothing is no legend; parts whose initials are not the phrase's are not defined."""
    note = "Ghi chú: TH - thực hiện; LK - lũy kế; BC-VT - bưu chính, viễn thông; BĐ-VHX - Bưu điện - Văn hóa xã."
    legend = find_legend("- DT BC T10: 5.320 tỷ đ.\n\n" + note)
    assert (legend["BC"], legend["VT"], legend["BĐ"], legend["VHX"], legend["LK"]) == ("bưu chính", "viễn thông", "Bưu điện", "Văn hóa xã", "lũy kế")
    assert find_legend("Ghi chú: Số liệu năm 2024 là số ước thực hiện.") == {}
    assert find_legend("Chữ viết tắt: TT&TT - Thông tin và Truyền thông; HC-TH - hành chính, tổng hợp") == {
        "TT&TT": "Thông tin và Truyền thông", "HC-TH": "hành chính, tổng hợp", "HC": "hành chính", "TH": "tổng hợp"
    }
    assert "KT" not in find_legend("Chữ viết tắt: KT-XH - kinh tế xã hội; KH - kế hoạch")  # one phrase
    assert "CQ" not in find_legend("Chữ viết tắt: CQ-BC - cơ quan, phóng viên")  # "phóng viên" is no "BC"


def test_letters_joined_by_a_slash_share_the_first_phrases_opening_words():
    """"BRDĐ/BRCĐ: băng rộng di động/cố định": "TB BRCĐ: 25,1 tr TB" had been read as no indicator,
    and the mobile subscribers' 93,5 given as another period of fixed broadband."""
    legend = find_legend("- TB BRDĐ: 93,5 tr TB; TB BRCĐ: 25,1 tr TB.\n\nGhi chú: TB: thuê bao; BRDĐ/BRCĐ: băng rộng di động/cố định; CK: cùng kỳ.")
    assert (legend["BRDĐ"], legend["BRCĐ"]) == ("băng rộng di động", "băng rộng cố định")
    assert "DV" not in find_legend("Chữ viết tắt: DV/CQ - dịch vụ/cơ sở; KH - kế hoạch")  # "cơ sở" is no "CQ"


def test_a_note_saying_what_it_holds_and_letters_listed_with_a_comma():
    """"Ghi chú (viết tắt): …; TCM - tấn công mạng" had been no legend ("tcm nam 2019" found nothing);
    "BRCĐ, BRDĐ - băng rộng cố định, băng rộng di động" defines each its own phrase."""
    legend = find_legend("Ghi chú (viết tắt): TB - thuê bao; BRCĐ, BRDĐ - băng rộng cố định, băng rộng di động; TCM - tấn công mạng.")
    assert (legend["TCM"], legend["BRCĐ"], legend["BRDĐ"]) == ("tấn công mạng", "băng rộng cố định", "băng rộng di động")
    assert "QIII" not in find_legend("Ghi chú: QI, QIII - quý I, quý III; KH - kế hoạch")  # "quý III" has no initials "QIII"


def test_the_letters_are_spelled_exactly_and_the_legend_itself_stays_as_written():
    legend = Legend.of(find_legend(ONE_LINE), ONE_LINE)
    spelled = legend.spell(ONE_LINE)
    assert "- tháng 11 ghi nhận 870 vụ tấn công mạng gây sự cố; lũy kế 11 tháng: 10.915 vụ." in spelled
    assert ONE_LINE.splitlines()[1] in spelled.splitlines()  # the legend line is not rewritten
    assert is_legend_line(ONE_LINE.splitlines()[1]) and not is_legend_line(ONE_LINE.splitlines()[2])
    # letters inside other letters or a number are not it; a month's year after "/" still is
    assert legend.spell("KTCM, TCMs, DT VT T11/2024, T110") == "KTCM, TCMs, doanh thu VT tháng 11/2024, T110"


def test_a_chunk_reads_its_text_with_its_legend_and_keeps_it_through_the_store():
    legend = Legend.of(find_legend(ONE_LINE), "- TB BRCĐ: 24,5 triệu.").stored()
    assert legend == "TB BRCĐ\tthuê bao băng rộng cố định"
    chunk = Chunk(chunk_id="c", doc_id="d", version="v", text="- TB BRCĐ: 24,5 triệu.", source="t11.txt", title="T11", legend=legend)
    assert chunk.reading_text == "- thuê bao băng rộng cố định: 24,5 triệu."
    assert "TB BRCĐ" in chunk.context_text() and "băng rộng cố định" in chunk.context_text()
    assert "băng rộng cố định" in chunk.embedding_text()
    stored = Chunk.from_stored("c", chunk.text, chunk.to_metadata())
    assert stored.legend == legend and stored.reading_text == chunk.reading_text


def test_a_question_typed_in_the_letters_of_a_legend_names_the_full_words_unless_two_legends_disagree():
    restorer = DiacriticRestorer()
    for letters, phrase in [("TCM", "tấn công mạng"), ("TB BRCĐ", "thuê bao băng rộng cố định"), ("BRCĐ", "băng rộng cố định"), ("VT", "viễn thông"), ("VT", "văn thư")]:
        restorer.learn_letters(letters, phrase)
    restorer = DiacriticRestorer.from_json(restorer.to_json())  # saved beside the lexical index
    assert restorer.letters_spelled("so vu TCM Q3/2024, so TB BRCĐ") == "so vu tấn công mạng Q3/2024, so thuê bao băng rộng cố định"
    assert restorer.letters_spelled("VT la gi, TCMs") == "VT la gi, TCMs"
    # typed in lower case where the letters spell no word ("tcm", "brcd"); "vt" may be a word's letters
    assert restorer.letters_spelled("so tcm q1/2025, tb brcd, vt") == "so tấn công mạng q1/2025, tb băng rộng cố định, vt"


def test_the_figure_rows_of_a_shorthand_line_keep_its_units_as_written():
    """The indicator table shows "3.306 SCAT" as the report writes it, found by the spelled-out words."""
    written = "- T8 xử lý 412 SCAT; LK 8T: 3.306 SCAT."
    legend = Legend.of({"SCAT": "sự cố an toàn thông tin", "LK": "lũy kế", "T8": "tháng 8", "8T": "8 tháng"}, written)
    rows = json.loads(figure_records(legend.spell(written), Context(Period(2025, "m8"), "I", "Báo cáo tháng 8/2025"), frozenset(), written))
    assert [(value, unit, period) for _, _, value, unit, period, _ in rows] == [
        ("412", "SCAT", "tháng 8/2025"),
        ("3.306", "SCAT", "8 tháng đầu năm 2025"),
    ]
    assert rows[1][1] == "sự cố an toàn thông tin"


def test_a_note_of_abbreviations_goes_on_over_the_lines_after_a_semicolon():
    text = (
        "- DT DVVT: T10 ước 29.300 tỷ đ; LK 10T: 284.700 tỷ đ, +3,5% CK.\n"
        "Ghi chú viết tắt: DT - doanh thu; CN CNTT - công nghiệp công nghệ thông tin;\n"
        "DVVT - dịch vụ viễn thông; BC - bưu chính; LK 10T - lũy kế 10 tháng; CK - cùng kỳ năm trước.\n"
        "Người tổng hợp: Phòng Thống kê - Vụ KHTC.\n"
    )
    legend = find_legend(text)
    assert legend["DT"] == "doanh thu" and legend["DVVT"] == "dịch vụ viễn thông" and legend["LK 10T"] == "lũy kế 10 tháng"
    assert "Người tổng hợp" not in " ".join(legend) and len(legend) == 6

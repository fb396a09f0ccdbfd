"""A table's rows as sentences the figure reader parses: label — header: value; header: value."""

from ingest.tables import heading_rows, table_block, table_sentences
from vectorstore.statements import Context, read_statements

PLAN_AND_RESULT = [
    ["Chỉ tiêu", "Kế hoạch năm 2025", "Thực hiện 10 tháng"],
    ["Tỷ lệ xã có điểm phục vụ bưu chính", "100%", "97,2%"],
]


def test_a_row_carries_its_headers_and_the_figure_reader_knows_plan_from_result():
    [row] = table_sentences(PLAN_AND_RESULT)
    assert row == "Tỷ lệ xã có điểm phục vụ bưu chính — Kế hoạch năm 2025: 100%; Thực hiện 10 tháng: 97,2%"
    plan, result = read_statements(row, Context())
    assert (plan.indicator, plan.value, plan.kind, plan.period.label) == (
        "Tỷ lệ xã có điểm phục vụ bưu chính", "100", "target", "năm 2025"
    )
    assert (result.value, result.unit, result.kind) == ("97,2", "%", "result")


def test_a_unit_column_is_the_unit_of_every_figure_of_its_row():
    [percent, money] = table_sentences(
        [
            ["Chỉ tiêu", "Đơn vị", "Thực hiện năm 2023", "Kế hoạch năm 2024", "Thực hiện năm 2024"],
            ["Tỷ lệ DVCTT toàn trình", "%", "45,2", "60", "58,7"],
            ["Doanh thu viễn thông", "tỷ đồng", "1.250", "1.400", "1.372"],
        ]
    )
    assert [s.figure for s in read_statements(percent, Context())] == ["45,2%", "60%", "58,7%"]
    assert [(s.figure, s.kind, s.period.label) for s in read_statements(money, Context())] == [
        ("1.250 tỷ đồng", "result", "năm 2023"),
        ("1.400 tỷ đồng", "target", "năm 2024"),
        ("1.372 tỷ đồng", "result", "năm 2024"),
    ]


def test_merged_header_cells_name_the_columns_below_them_and_a_numbering_column_is_no_label():
    grid = [
        ["STT", "Chỉ tiêu", "Năm 2024", None, "Ghi chú"],
        ["", "", "Kế hoạch", "Thực hiện", "Ghi chú"],
        ["1", "Doanh thu bưu chính", "5.000", "5.210", ""],
        ["2", "Số điểm phục vụ", "1.200", "1.180", "chưa đạt"],
    ]
    assert table_sentences(grid) == [
        "Doanh thu bưu chính — Năm 2024 - Kế hoạch: 5.000; Năm 2024 - Thực hiện: 5.210",
        "Số điểm phục vụ — Năm 2024 - Kế hoạch: 1.200; Năm 2024 - Thực hiện: 1.180; Ghi chú: chưa đạt",
    ]


def test_rows_that_are_periods_are_read_by_column():
    grid = [["Năm", "Doanh thu (tỷ đồng)", "Thuê bao (triệu)"], ["2023", "5.120", "90,1"], ["2024", "5.630", "92,4"]]
    assert table_sentences(grid) == [
        "Doanh thu (tỷ đồng) — 2023: 5.120; 2024: 5.630",
        "Thuê bao (triệu) — 2023: 90,1; 2024: 92,4",
    ]


def test_a_total_row_among_periods_is_read_by_column_too():
    """"Tổng cộng 2020 - 2024" under the years had kept the table by row: each year's row then named no
    indicator ("Năm 2023 — Tổng số vụ tấn công mạng: 13900"), read as a figure of no period."""
    grid = [["Năm", "Tổng số vụ tấn công mạng", "Trong đó: Phishing"], ["Năm 2023", "13900", "3110"], ["Năm 2024", "11417", "3362"], ["Tổng cộng 2020 - 2024", "52401", "13690"]]
    assert table_sentences(grid) == [
        "Tổng số vụ tấn công mạng — Năm 2023: 13900; Năm 2024: 11417; Tổng cộng 2020 - 2024: 52401",
        "Trong đó: Phishing — Năm 2023: 3110; Năm 2024: 3362; Tổng cộng 2020 - 2024: 13690",
    ]


def test_the_parts_listed_under_a_row_name_their_whole():
    """"- Viettel" under "Doanh thu viễn thông" and its "Trong đó:": the part's row had named only the company."""
    grid = [
        ["Chỉ tiêu", "ĐVT", "TH 2023"],
        ["Doanh thu viễn thông", "tỷ đồng", "338.640,5"],
        ["Trong đó:", "", ""],
        ["- Viettel", "tỷ đồng", "187.925,3"],
        ["- VNPT", "tỷ đồng", "56.870,2"],
        ["Số thuê bao di động", "triệu", "129,36"],
    ]
    assert table_sentences(grid) == [
        "Doanh thu viễn thông — ĐVT: tỷ đồng; TH 2023: 338.640,5",
        "Trong đó:",
        "Doanh thu viễn thông, trong đó Viettel — ĐVT: tỷ đồng; TH 2023: 187.925,3",
        "Doanh thu viễn thông, trong đó VNPT — ĐVT: tỷ đồng; TH 2023: 56.870,2",
        "Số thuê bao di động — ĐVT: triệu; TH 2023: 129,36",
    ]


def test_a_group_title_row_stays_a_line_and_a_title_row_captions_the_table():
    grid = [
        ["Bảng 3. Kết quả theo lĩnh vực", None, None],
        ["Chỉ tiêu", "Kế hoạch", "Thực hiện"],
        ["Bưu chính", "", ""],
        ["Doanh thu", "10", "11"],
    ]
    assert table_block(grid) == [
        "⟦bảng⟧ Bảng 3. Kết quả theo lĩnh vực",
        "Bưu chính",
        "Doanh thu — Kế hoạch: 10; Thực hiện: 11",
        "⟦/bảng⟧",
    ]


def test_cell_text_cannot_break_the_row_into_sentences_or_cells():
    [row] = table_sentences([["Chỉ tiêu", "Kết quả"], ["Cáp quang — hộ gia đình", "Đạt 77,1%. Vượt kế hoạch; tốt"]])
    assert row == "Cáp quang - hộ gia đình — Kết quả: Đạt 77,1%, Vượt kế hoạch, tốt"


def test_a_table_without_a_header_keeps_its_cells():
    assert table_sentences([["Cáp quang", "77,1%"], ["Di động", "85,7 triệu"]]) == ["Cáp quang — 77,1%", "Di động — 85,7 triệu"]


def test_a_continued_tables_rows_take_the_heading_they_lack_and_only_then():
    heading = heading_rows([["Chỉ tiêu", "Kế hoạch", "Thực hiện"], ["Doanh thu", "10", "11"]])
    assert heading == [["Chỉ tiêu", "Kế hoạch", "Thực hiện"]]
    assert table_block([["Thuê bao", "5", "6"]], continued=heading)[1] == "Thuê bao — Kế hoạch: 5; Thực hiện: 6"
    # a table with a header of its own, or of another width, is another table
    assert table_block([["Chỉ tiêu", "2023"], ["Thuê bao", "6"]], continued=heading)[1] == "Thuê bao — 2023: 6"
    assert table_block([["Chỉ tiêu", "Năm"], ["Thuê bao", "6"]], continued=heading)[1] == "Thuê bao — Năm: 6"
    assert table_block([["Thuê bao", "6"]], continued=heading)[1] == "Thuê bao — 6"


def test_a_sheet_opening_with_several_title_rows_keeps_them_and_its_header():
    """A statistics sheet opens with its issuer, its title and a note, each one merged cell across it:
    the title captions it, the others stay lines, and the row below them is the header — its rows had
    been read without headers ("3 — Số kênh truyền hình; kênh; 198; 193"), their years lost."""
    merged = [None] * 4
    rows = [
        ["BỘ THÔNG TIN VÀ TRUYỀN THÔNG - TRUNG TÂM THÔNG TIN", *merged],
        ["SỐ LIỆU THỐNG KÊ BÁO CHÍ GIAI ĐOẠN 2022 - 2023", *merged],
        ["(Số liệu năm 2023 là số ước thực hiện)", *merged],
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2022", "Năm 2023"],
        ["1", "Số kênh truyền hình", "kênh", "198", "193"],
    ]
    assert table_block(rows)[1:] == [
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG - TRUNG TÂM THÔNG TIN",
        "(Số liệu năm 2023 là số ước thực hiện)",
        "Số kênh truyền hình — Đơn vị tính: kênh; Năm 2022: 198; Năm 2023: 193",
        "⟦/bảng⟧",
    ]
    assert "SỐ LIỆU THỐNG KÊ" in table_block(rows)[0]
    assert len(heading_rows(rows)) == 4


def test_a_rank_column_is_data_and_a_header_naming_what_it_measures_is_the_figures_indicator():
    """A DTI table's "Xếp hạng" had been dropped as the rows' numbering; a row of an operator, "Trạm BTS
    5G: 1.570; Thuê bao 5G: 1,1 triệu", had given both figures the operator's name only, so "thuê bao
    5G" asked had been answered with the stations' count."""
    ranks = table_sentences([["Xếp hạng", "Tỉnh, thành phố", "Điểm DTI"], ["1", "Đồng Tháp", "0,7312"], ["45", "Sóc Trăng", "0,4975"]])
    assert ranks == ["Đồng Tháp — Xếp hạng: 1; Điểm DTI: 0,7312", "Sóc Trăng — Xếp hạng: 45; Điểm DTI: 0,4975"]
    assert table_sentences([["STT", "Chỉ tiêu", "Kết quả"], ["1", "Doanh thu", "5"], ["2", "Lợi nhuận", "6"]]) == [
        "Doanh thu — Kết quả: 5",
        "Lợi nhuận — Kết quả: 6",
    ]
    (row,) = table_sentences([["Doanh nghiệp", "Trạm BTS 5G", "Thuê bao 5G"], ["MobiFone", "1.570", "1,1 triệu"]])
    statements = read_statements(row, Context())
    assert [(statement.indicator, statement.value) for statement in statements] == [
        ("Trạm BTS 5G — MobiFone", "1.570"),
        ("Thuê bao 5G — MobiFone", "1,1"),
    ]
    (annex,) = table_sentences([["Chỉ tiêu", "Kế hoạch 2024", "Thực hiện năm 2024", "So KH (%)"], ["Doanh thu", "40.000", "40.640", "101,6"]])
    assert [statement.kind for statement in read_statements(annex, Context())] == ["target", "result", "share"]

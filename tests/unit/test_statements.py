"""What a report's sentence states: indicator, value, period and kind (vectorstore/statements.py)."""

from __future__ import annotations

import pytest

from vectorstore.figures import Period
from vectorstore.statements import Context, as_written, own_periods, read_statements, sentence_contexts, sentence_kind
from vectorstore.text import chunk_sentences

H1_2024 = Context(Period(2024, "h1"), "I. KẾT QUẢ › 2. Hạ tầng viễn thông", "Báo cáo 6 tháng đầu năm 2024")
H1_2023 = Context(Period(2023, "h1"), "III. ĐÁNH GIÁ CÔNG TÁC QUẢN LÝ NHÀ NƯỚC › 1. Lĩnh vực Bưu chính", "Báo cáo sơ kết 6 tháng đầu năm 2023")


def kinds(sentence: str, context: Context = H1_2023) -> list[tuple[str, str, str]]:
    return [(s.value, s.kind, s.period.label if s.period else "") for s in read_statements(sentence, context)]


def test_a_result_its_change_and_its_share_of_the_plan():
    assert kinds("Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, tăng 5,48% so với cùng kỳ năm 2022 và đạt 43,78% kế hoạch năm 2023.") == [
        ("27.477", "result", "6 tháng đầu năm 2023"),
        ("5,48", "change", "6 tháng đầu năm 2023"),
        ("43,78", "share", "6 tháng đầu năm 2023"),
    ]



def test_a_share_of_the_plan_written_with_its_shorthand():
    """"bằng 102,0% KH": the share of the plan reached, as "đạt 102,0% kế hoạch" is; not "80% khách hàng"."""
    assert kinds("Số bản in đạt 561,2 triệu bản, bằng 102,0% KH (550,0 triệu bản).") == [
        ("561,2", "result", "6 tháng đầu năm 2023"),
        ("102,0", "share", "6 tháng đầu năm 2023"),
        ("550,0", "target", "6 tháng đầu năm 2023"),
    ]
    assert kinds("Có 80% khách hàng hài lòng với dịch vụ.") == [("80", "result", "6 tháng đầu năm 2023")]


def test_the_indicators_of_a_year_after_the_one_reviewed_are_its_targets():
    """"II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023" in the review of 2022: next year's targets; the same words
    of the year reviewed are its indicators' results."""
    next_year = Context(Period(2023, "year"), "II. CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023", "Báo cáo tổng kết công tác năm 2022 và triển khai nhiệm vụ năm 2023")
    assert kinds("- Doanh thu toàn ngành đạt 3.950.000 tỷ đồng.", next_year) == [("3.950.000", "target", "năm 2023")]
    same_year = Context(Period(2023, "year"), "I. KẾT QUẢ NĂM 2023 › 1. Các chỉ tiêu chủ yếu năm 2023", "Báo cáo tổng kết công tác năm 2023")
    assert kinds("- Doanh thu toàn ngành đạt 3.741.000 tỷ đồng.", same_year) == [("3.741.000", "result", "năm 2023")]


def test_targets_and_results_written_side_by_side():
    """"chia sẻ đạt" is no "sẽ đạt" (a goal); "vượt chỉ tiêu (109,0% kế hoạch)" is the share of the plan
    reached; "so với mục tiêu đến năm 2025 (80%)" the target of 2025, no level reached; a column "MT 2025"
    the target."""
    year = Context(Period(2023, "year"))
    assert kinds("Tỷ lệ CSDL quốc gia được kết nối, chia sẻ đạt 66,7%.", year) == [("66,7", "result", "năm 2023")]
    assert kinds("Tỷ lệ có danh tính số đạt 43,6%, vượt chỉ tiêu (109,0% kế hoạch).", year) == [
        ("43,6", "result", "năm 2023"),
        ("109,0", "share", "năm 2023"),
    ]
    assert ("80", "target", "năm 2025") in kinds("Tỷ lệ DVCTT toàn trình đạt 68,1%; so với mục tiêu đến năm 2025 (80%) còn thiếu 11,9 điểm.", year)
    assert kinds("Tỷ lệ hồ sơ TTHC xử lý trực tuyến — ĐVT: %; TH 2022: 26,1; KH 2023: 42; MT 2025: 55", year) == [
        ("26,1", "result", "năm 2022"),
        ("42", "target", "năm 2023"),
        ("55", "target", "năm 2025"),
    ]


def test_a_multiple_of_another_year_is_a_change_not_the_years_level():
    year_2023 = Context(Period(2023, "year"), "Một số nhận xét", "Số liệu thống kê giai đoạn 2019 - 2023")
    assert kinds("Số vụ tấn công mạng gây sự cố năm 2023 gấp khoảng 2,8 lần năm 2019.", year_2023) == [("2,8", "change", "năm 2023")]


@pytest.mark.parametrize(
    "sentence, base, period",
    [
        ("Số địa chỉ IP trong mạng botnet giảm 27,3% so với cùng kỳ tháng 6/2022 (704.939 địa chỉ).", "704.939", "tháng 6/2022"),
        ("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 44,9% (cùng kỳ năm 2022: 39,21%).", "39,21", "6 tháng đầu năm 2022"),
        ("Tỷ lệ hệ thống thông tin được phê duyệt cấp độ đạt 86,4% (năm 2022: 67,2%).", "67,2", "năm 2022"),
    ],
)
def test_a_comparison_base_states_the_value_of_its_own_period(sentence: str, base: str, period: str):
    stated = kinds(sentence)
    assert (base, "base", period) in stated
    # The sentence's own figure stays the report's period: the base's year is not the sentence's.
    assert all(p == "6 tháng đầu năm 2023" for _, kind, p in stated if kind != "base")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Phấn đấu tỷ lệ hộ gia đình sử dụng cáp quang đạt 80% vào cuối năm 2023.", "target"),
        ("Năm 2024, ngành bưu chính đặt kế hoạch doanh thu dịch vụ bưu chính đạt 65.000 tỷ đồng.", "target"),
        ("Đến năm 2025, tỷ lệ người dân có danh tính số đạt 60%.", "target"),
        # what was reached, though it names a goal after its figures or a cut-off date in the past
        ("Chi phí đầu tư giảm từ 5.596 tỷ xuống 2.424 tỷ đồng nhưng vẫn đảm bảo mục tiêu đầu tư.", "result"),
        ("Tính đến năm 2022, cả nước có 1.812 Tổ công nghệ số cộng đồng.", "result"),
        ("Bộ đã hoàn thành mục tiêu đưa 100% dịch vụ công đủ điều kiện lên trực tuyến.", "result"),
    ],
)
def test_a_goal_before_the_figure_makes_it_a_target(sentence: str, expected: str):
    assert sentence_kind(read_statements(sentence, H1_2023)) == expected


def test_a_result_and_its_goal_in_one_sentence():
    assert [(v, k) for v, k, _ in kinds("Doanh thu đạt 100 tỷ đồng, mục tiêu là 120 tỷ đồng.")] == [("100", "result"), ("120", "target")]


def test_a_plan_named_for_the_whole_year_in_a_half_year_report_is_the_years():
    assert kinds("Tỷ lệ người sử dụng Internet đạt 78,59%, đã vượt mục tiêu kế hoạch năm 2023 (kế hoạch năm 2023 là 76%).") == [
        ("78,59", "result", "6 tháng đầu năm 2023"),
        ("76", "target", "năm 2023"),
    ]
    # the goal a result is measured against, in brackets or "vượt mục tiêu …", is no period of the result
    assert kinds("Tỷ lệ DVCTT toàn trình đủ điều kiện đạt 90,66% kế hoạch năm 2023 (mục tiêu năm 2023 là 100%).") == [
        ("90,66", "share", "6 tháng đầu năm 2023"),
        ("100", "target", "năm 2023"),
    ]
    assert kinds("Tỷ lệ hộ gia đình có cáp quang đạt 80,5%, vượt mục tiêu năm 2023.") == [("80,5", "result", "6 tháng đầu năm 2023")]
    # setting a goal ("đặt mục tiêu", folded like "đạt") names the goal's own period
    assert kinds("Bộ đặt mục tiêu đến cuối năm 2025 mạng 5G phủ sóng 45% dân số.") == [("45", "target", "năm 2025")]
    # a goal for the rest of the report's year keeps the part it names
    assert kinds("Phấn đấu 6 tháng cuối năm 2023 đạt 80% hồ sơ trực tuyến.") == [("80", "target", "6 tháng cuối năm 2023")]


def test_a_section_of_tasks_holds_targets_a_section_of_results_results():
    tasks = Context(Period(2023, "h2"), "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023", "Báo cáo")
    results = Context(Period(2024, "9m"), "Kết quả thực hiện nhiệm vụ 9 tháng năm 2024 › 2. Bưu chính", "Báo cáo")
    sentence = "- Doanh thu dịch vụ bưu chính đạt 55.000 tỷ đồng."
    assert sentence_kind(read_statements(sentence, tasks)) == "target"
    assert sentence_kind(read_statements(sentence, results)) == "result"
    # "chỉ tiêu" is also what an indicator is called: counted to a day, they are as they stood
    stood = Context(Period(2025, "m3"), "III. MỘT SỐ CHỈ TIÊU TÍNH ĐẾN 31/3/2025", "Báo cáo nhanh tháng 3/2025")
    assert sentence_kind(read_statements("- Tổng số trạm BTS 5G đang phát sóng trên cả nước: 8.400 trạm.", stood)) == "result"


def test_a_horizon_past_with_what_stood_then_is_a_result():
    """An article's "Đến cuối năm 2023, … đang duy trì là 581.400" (its paragraph named 1994 before)."""
    article = Context(Period(1994, "year"), "Tên miền", "Internet tại Việt Nam")
    assert kinds('Đến cuối năm 2023, số tên miền ".vn" đang duy trì là 581.400.', article) == [("581.400", "result", "năm 2023")]
    assert kinds("Đến năm 2030, số doanh nghiệp công nghệ số đạt 150.000.", article) == [("150.000", "target", "năm 2030")]


def test_list_items_take_their_lead_ins_period_and_kind():
    text = "Năm 2018, Bộ đặt mục tiêu:\n- Tỷ lệ người sử dụng Internet đạt 62% dân số;\n- Doanh thu đạt 100 tỷ đồng."
    contexts = sentence_contexts(text, Context(Period(2017, "year"), "Tin tức", "Tổng kết năm 2017"))
    items = [read_statements(sentence, context) for (_, _, sentence), context in zip(chunk_sentences(text), contexts)][1:]
    assert [(s.value, s.kind, s.period) for statements in items for s in statements] == [
        ("62", "target", Period(2018, "year")),
        ("100", "target", Period(2018, "year")),
    ]


def test_a_sentence_takes_the_period_its_paragraph_named_before_it():
    text = "Năm 2023, doanh thu bưu chính đạt 58.900 tỷ đồng. Bưu gửi phát sinh từ TMĐT chiếm khoảng 80% tổng sản lượng."
    contexts = sentence_contexts(text, Context(Period(2024, "year"), "", "Tin tức đầu năm 2024"))
    (_, _, second) = chunk_sentences(text)[1]
    assert [(s.value, s.period) for s in read_statements(second, contexts[1])] == [("80", Period(2023, "year"))]


def test_a_plans_horizon_is_not_the_period_the_next_sentence_goes_on_about():
    text = (
        "Thực hiện Quy hoạch báo chí đến năm 2025, đến hết năm 2019 cả nước có 851 cơ quan báo chí. "
        "Doanh thu ngành xuất bản ước đạt 2.720 tỷ đồng."
    )
    contexts = sentence_contexts(text, Context(Period(2019, "year")))
    (_, _, second) = chunk_sentences(text)[1]
    assert [(s.value, s.period) for s in read_statements(second, contexts[1])] == [("2.720", Period(2019, "year"))]


def test_a_horizon_followed_by_what_stands_now_sets_the_scene_of_a_result():
    context = Context(Period(2019, "year"))
    sentence = "Thực hiện Quy hoạch báo chí toàn quốc đến năm 2025, đến hết năm 2019 cả nước có 851 cơ quan báo chí."
    assert [(s.value, s.kind) for s in read_statements(sentence, context)] == [("851", "result")]
    assert [(s.value, s.kind) for s in read_statements("Phấn đấu đến năm 2025 có 80% DVCTT toàn trình.", context)] == [("80", "target")]


def test_a_bracketed_periods_value_is_the_comparison_base_however_it_is_joined():
    for sentence in (
        "Kinh tế số ước chiếm 16,5% GDP, tiếp tục tăng so với năm trước (năm 2022 là 14,26%).",
        "Kinh tế số ước chiếm 16,5% GDP, tiếp tục tăng so với năm trước (năm 2022: 14,26%).",
    ):
        stated = [(s.value, s.period, s.kind) for s in read_statements(sentence, Context(Period(2023, "year")))]
        assert stated == [("16,5", Period(2023, "year"), "result"), ("14,26", Period(2022, "year"), "base")]


def test_a_table_row_gives_each_cell_its_columns_period_and_kind():
    row = "Tỷ lệ xã có điểm phục vụ bưu chính — Kế hoạch năm 2025: 100%; Thực hiện 10 tháng: 97,2%"
    stated = [(s.indicator, s.value, s.kind, s.period.label) for s in read_statements(row, Context(Period(2025, "year")))]
    assert stated == [
        ("Tỷ lệ xã có điểm phục vụ bưu chính", "100", "target", "năm 2025"),
        ("Tỷ lệ xã có điểm phục vụ bưu chính", "97,2", "result", "10 tháng đầu năm 2025"),
    ]


def test_an_inner_header_naming_part_of_its_column_years_narrows_that_year():
    # "Năm 2024" over "Kế hoạch" and "Thực hiện 6 tháng": the second column is six months of 2024,
    # not the year (read as the year, it had answered "doanh thu năm 2024" with a half-year's figure).
    row = (
        "Doanh thu bưu chính — Năm 2023 - Thực hiện: 161,2; Năm 2024 - Kế hoạch: 175; "
        "Năm 2024 - Thực hiện 6 tháng: 86,4; 6 tháng đầu năm 2024 - So với cùng kỳ năm 2023: 108,5%"
    )
    stated = [(s.value, s.kind, s.period.label) for s in read_statements(row, Context(Period(2025, "year")))]
    assert stated == [
        ("161,2", "result", "năm 2023"),
        ("175", "target", "năm 2024"),
        ("86,4", "result", "6 tháng đầu năm 2024"),
        ("108,5", "change", "6 tháng đầu năm 2024"),
    ]


def test_an_annex_rows_plan_share_of_plan_comparison_and_last_years_figure_are_told_from_its_result():
    # The annexes' usual columns, abbreviated: read as results, "KH năm 2024" had been the year's
    # result and "So sánh (%) TH/KH" a second half-year figure in the row's unit.
    row = (
        "Doanh thu bưu chính — ĐVT: tỷ đồng; KH năm 2024: 175; TH 6 tháng 2024: 86,4; So sánh (%) TH/KH: 49,4; "
        "Cùng kỳ 2023: 78,1; So với cùng kỳ (%): 110,6"
    )
    stated = [(s.value, s.unit, s.kind, s.period.label) for s in read_statements(row, Context(Period(2024, "h1")))]
    assert stated == [
        ("175", "tỷ đồng", "target", "năm 2024"),
        ("86,4", "tỷ đồng", "result", "6 tháng đầu năm 2024"),
        ("49,4", "%", "share", "6 tháng đầu năm 2024"),
        ("78,1", "tỷ đồng", "base", "6 tháng đầu năm 2023"),
        ("110,6", "%", "change", "6 tháng đầu năm 2024"),
    ]


@pytest.mark.parametrize(
    "row, expected",
    [
        ("Doanh thu — TH 2023: 150; KH 2024: 175; Ước TH 2024: 170",
         [("150", "result", "năm 2023"), ("175", "target", "năm 2024"), ("170", "result", "năm 2024")]),
        ("Doanh thu — Thực hiện quý III/2024: 40; Lũy kế 9 tháng: 120; KH năm: 175; % KH năm: 68,6",
         [("40", "result", "quý III/2024"), ("120", "result", "9 tháng năm 2024"), ("175", "target", "năm 2024"),
          ("68,6", "share", "9 tháng năm 2024")]),
        ("Doanh thu — Thực hiện 9 tháng năm 2024: 120; Cùng kỳ năm trước: 100; Tăng trưởng (%): 20",
         [("120", "result", "9 tháng năm 2024"), ("100", "base", "9 tháng năm 2023"), ("20", "change", "9 tháng năm 2024")]),
        ("Doanh thu — ĐVT: tỷ đồng; KH năm 2024: 175; TH năm 2024: 170; Tỷ lệ đạt (%): 97,1",
         [("175", "target", "năm 2024"), ("170", "result", "năm 2024"), ("97,1", "share", "năm 2024")]),
        # a merged "Năm" over each year's column (a spreadsheet annex): each column its own year, not the report's
        ("Doanh thu — Đơn vị tính: tỷ đồng; Năm - 2021: 316.000; Năm - 2022: 323.000; Năm - Ước 2024: 345.000",
         [("316.000", "result", "năm 2021"), ("323.000", "result", "năm 2022"), ("345.000", "result", "năm 2024")]),
    ],
)
def test_a_column_headers_shorthand_names_its_period(row: str, expected: list[tuple[str, str, str]]):
    # A bare year, "KH năm", "Lũy kế 9 tháng" in a header are periods: they had all been the report's quarter.
    assert [(s.value, s.kind, s.period.label) for s in read_statements(row, Context(Period(2024, "q3")))] == expected


def test_a_column_in_per_cent_is_in_per_cent_whatever_the_rows_unit():
    row = "Doanh thu — ĐVT: tỷ đồng; Kế hoạch: 175; Thực hiện: 170; Tỷ lệ (%): 97,1"
    assert [s.unit for s in read_statements(row, Context(Period(2024, "year")))] == ["tỷ đồng", "tỷ đồng", "%"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Tỷ lệ DVCTT toàn trình của tỉnh đạt 51,4%, vượt chỉ tiêu kế hoạch (50%).", [("51,4", "result"), ("50", "target")]),
        ("Tỷ lệ hộ có cáp quang đạt 70,6%, chưa đạt kế hoạch năm 2024 (75%).", [("70,6", "result"), ("75", "target")]),
    ],
)
def test_the_plans_value_in_brackets_after_its_name_is_the_plan_whatever_was_done_against_it(sentence: str, expected: list[tuple[str, str]]):
    assert [(s.value, s.kind) for s in read_statements(sentence, Context(Period(2024, "year")))] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a list after a label's colon, each item named before its value, no verb
        (
            "Đến hết T1/2025: thuê bao di động 129,0 triệu; thuê bao băng rộng cố định 23,9 triệu; thuê bao 5G 3,48 triệu.",
            [("129,0", "thuê bao di động"), ("23,9", "thuê bao băng rộng cố định"), ("3,48", "thuê bao 5G")],
        ),
        # a list named after each value: the last one's name holds a network's code
        (
            "Đến hết tháng 6/2025, cả nước có 129,7 triệu thuê bao di động, 24,5 triệu thuê bao băng rộng cố định và 7,73 triệu thuê bao 5G.",
            [("129,7", "triệu thuê bao di động"), ("24,5", "triệu thuê bao băng rộng cố định"), ("7,73", "triệu thuê bao 5G")],
        ),
    ],
)
def test_each_item_of_a_list_of_figures_is_named_by_its_own_words(sentence: str, expected: list[tuple[str, str]]):
    assert [(s.value, s.indicator) for s in read_statements(sentence, Context(Period(2025, "m6")))] == expected


def test_when_something_began_is_not_the_period_of_its_figure():
    sentence = "Toàn tỉnh có 6.395 trạm BTS, trong đó có 312 trạm 5G được các doanh nghiệp lắp đặt từ tháng 10/2024."
    assert {s.period for s in read_statements(sentence, Context(Period(2024, "year")))} == {Period(2024, "year")}
    # "điện tử năm 2024" folds to "tu nam 2024": only "từ" as written says when something began
    sentence = "Theo Báo cáo khảo sát Chính phủ điện tử năm 2024, Việt Nam xếp hạng 71/193 quốc gia."
    assert [s.period for s in read_statements(sentence, Context(None))] == [Period(2024, "year")]


def test_a_scans_stray_mark_before_a_unit_column_is_no_part_of_the_unit():
    row = "Số trạm thu phát sóng (BTS) 5G — Đơn vị tính: Ì trạm; Năm 2023: -; Năm 2024: 7.150"
    assert [(s.value, s.unit) for s in read_statements(row, Context(Period(2024, "year")))] == [("7.150", "trạm")]


def test_dates_and_document_numbers_are_no_figures():
    assert kinds("Theo Quyết định số 749/QĐ-TTg ngày 03/6/2020, tỷ lệ đạt 80%.") == [("80", "result", "6 tháng đầu năm 2023")]


@pytest.mark.parametrize(
    "sentence, indicator",
    [
        ("Tỷ lệ hộ gia đình sử dụng Internet cáp quang (FTTH) đạt 82%.", "Tỷ lệ hộ gia đình sử dụng Internet cáp quang"),
        ("Doanh thu dịch vụ bưu chính (không tính phát hành báo chí) ước đạt 27.477 tỷ đồng.", "Doanh thu dịch vụ bưu chính"),
        ("Tỷ lệ xử lý thông tin xấu độc trên các nền tảng xuyên biên giới (Facebook, Youtube, TikTok...) đạt khoảng 76%.",
         "Tỷ lệ xử lý thông tin xấu độc trên các nền tảng xuyên biên giới"),
    ],
)
def test_an_aside_in_brackets_is_part_of_the_indicator_not_its_boundary(sentence: str, indicator: str):
    (statement,) = read_statements(sentence, H1_2023)
    assert statement.indicator == indicator


@pytest.mark.parametrize(
    "sentence, indicators",
    [
        # Commas listing the words of one subject: its indicator is the whole subject.
        ("- Tỷ lệ ngăn chặn, gỡ bỏ thông tin xấu độc, sai sự thật trên các nền tảng xuyên biên giới đạt khoảng 76%.",
         ["Tỷ lệ ngăn chặn, gỡ bỏ thông tin xấu độc, sai sự thật trên các nền tảng xuyên biên giới"]),
        ("Số doanh nghiệp, tổ chức tham gia nền tảng đạt 500 đơn vị.", ["Số doanh nghiệp, tổ chức tham gia nền tảng"]),
        # Commas between two indicators, or after a figure: each clause names its own.
        ("Doanh thu đạt 27.477 tỷ đồng, sản lượng bưu gửi đạt 1.400 triệu.", ["Doanh thu", "sản lượng bưu gửi"]),
    ],
)
def test_commas_inside_one_subject_do_not_cut_its_indicator(sentence: str, indicators: list[str]):
    assert [statement.indicator for statement in read_statements(sentence, H1_2023)] == indicators


def test_a_number_inside_a_label_is_part_of_the_indicator():
    """"… qua 02 Sàn Postmart và Vò sò: 7.375 tấn": one figure, 7.375 tấn, of the whole label."""
    (statement,) = read_statements("- Tổng lượng vải thiều tiêu thụ qua 02 Sàn Postmart và Vò sò: 7.375 tấn.", H1_2023)
    assert (statement.indicator, statement.figure) == ("Tổng lượng vải thiều tiêu thụ qua 02 Sàn Postmart và Vò sò", "7.375 tấn")


def test_a_rank_takes_the_ranking_named_in_the_clause_before_it():
    sentence = (
        "Trong Báo cáo xếp hạng chỉ số An toàn, An ninh mạng toàn cầu của Liên Hợp Quốc năm 2021, "
        "Việt Nam vươn lên vị trí thứ 25 trong 194 quốc gia."
    )
    first = read_statements(sentence, H1_2023)[0]
    assert first.value == "25" and first.period == Period(2021, "year")
    assert "An ninh mạng toàn cầu" in first.indicator and first.indicator.endswith("vị trí thứ")


def test_a_count_without_a_subject_of_its_own_reads_the_words_after_it_up_to_the_next_figure():
    sentence = "Tính đến ngày 18/6/2023, đã có 63/63 địa phương trên cả nước thành lập 58.212 Tổ CNSCĐ với 307.621 thành viên."
    statements = read_statements(sentence, H1_2023)
    assert [s.value for s in statements] == ["63/63", "58.212", "307.621"]
    assert statements[0].indicator == "địa phương trên cả nước thành lập"
    assert statements[1].unit == "Tổ CNSCĐ"


@pytest.mark.parametrize(
    "sentence, periods",
    [
        # the date of the source cited is not the period when the sentence names another
        (
            "Theo báo cáo của Cục Tin học hóa (Bộ TT&TT) tháng 1/2022, đến hết năm 2021 tỷ lệ DVCTT mức độ 4 đạt 53,73%.",
            [Period(2021, "year")],
        ),
        ("Theo số liệu của Vụ Bưu chính công bố đầu năm 2024, năm 2023 doanh thu đạt 58.900 tỷ đồng.", [Period(2023, "year")]),
        # alone, it is the period
        ("Theo báo cáo tháng 6/2023 của Sở, tỷ lệ hồ sơ trực tuyến đạt 80%.", [Period(2023, "m6")]),
    ],
)
def test_when_a_source_was_dated_or_published_is_not_the_period_of_its_figures(sentence: str, periods: list[Period]):
    assert own_periods(sentence, Context()) == periods


def test_a_plans_value_right_after_its_name_is_the_plan():
    h1_2022 = Context(Period(2022, "h1"), "II. KẾT QUẢ › 2. Viễn thông", "Báo cáo sơ kết 6 tháng đầu năm 2022")
    sentence = "Số thuê bao băng rộng cố định đạt 20,5 triệu thuê bao, đạt 93,2% kế hoạch năm 2022 (kế hoạch 22 triệu thuê bao)."
    assert kinds(sentence, h1_2022) == [
        ("20,5", "result", "6 tháng đầu năm 2022"),
        ("93,2", "share", "6 tháng đầu năm 2022"),
        ("22", "target", "năm 2022"),
    ]
    assert kinds("Doanh thu vượt kế hoạch 5%.")[0][1] != "target"


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        # 47,1 = 79,1 / 168: the result over the plan
        ("Doanh thu công nghiệp ICT — ĐVT: tỷ USD; KH năm 2024: 168; TH 6 tháng 2024: 79,1; So sánh (%): 47,1; Cùng kỳ 2023: 66,9", "share"),
        # 118,2 = 79,1 / 66,9: the result over last year's
        ("Doanh thu công nghiệp ICT — ĐVT: tỷ USD; KH năm 2024: 168; TH 6 tháng 2024: 79,1; Cùng kỳ 2023: 66,9; So sánh (%): 118,2", "change"),
    ],
)
def test_a_column_headed_only_so_sanh_is_read_by_what_its_figures_are(row: str, kind: str):
    context = Context(Period(2024, "h1"), "PHỤ LỤC", "Báo cáo sơ kết 6 tháng đầu năm 2024")
    compared = [statement for statement in read_statements(row, context) if statement.value in ("47,1", "118,2")]
    assert [statement.kind for statement in compared] == [kind]


@pytest.mark.parametrize(
    "sentence, value, unit",
    [
        ("Tỷ lệ hộ gia đình sử dụng cáp quang đạt 82,1%; tỷ lệ người sử dụng Internet đạt 80,4% dân số.", "80,4", "% dân số"),
        ("Kinh tế số ước chiếm 18,3% GDP, tăng 1,8 điểm phần trăm so với năm 2023.", "18,3", "% GDP"),
        # what follows a change is what it is measured from, not what the percentage is of
        ("Doanh thu công nghiệp ICT ước đạt 142,5 tỷ USD, giảm 4% so với năm 2022.", "4", "%"),
    ],
)
def test_what_a_percentage_is_of_is_part_of_its_unit(sentence: str, value: str, unit: str):
    """"80,4% dân số" names the measure an annex row writes "ĐVT: % dân số": found by the same words."""
    stated = {s.value: s.unit for s in read_statements(sentence, H1_2023)}
    assert stated[value] == unit


@pytest.mark.parametrize(
    "section, kind",
    [
        ("I. KẾT QUẢ NĂM 2023 › 1. Các chỉ tiêu chủ yếu", "result"),  # the indicators' results
        ("PHẦN THỨ HAI: KẾ HOẠCH NĂM 2024 › I. CHỈ TIÊU CHỦ YẾU", "target"),
        ("II. CHỈ TIÊU CHỦ YẾU NĂM 2024", "target"),  # nothing above says otherwise
    ],
)
def test_chi_tieu_in_a_heading_is_a_target_unless_a_heading_above_says_results(section: str, kind: str):
    context = Context(Period(2023, "year"), section, "Báo cáo tổng kết công tác năm 2023")
    assert [s.kind for s in read_statements("Doanh thu bưu chính đạt 618,4 tỷ đồng.", context)] == [kind]


@pytest.mark.parametrize(
    "sentence, period",
    [
        ("Đưa tỷ lệ hồ sơ trực tuyến toàn trình đạt trên 50% vào cuối năm.", Period(2024, "year")),
        ("Phấn đấu 6 tháng cuối năm đạt 300 tỷ đồng.", Period(2024, "h2")),  # a half, not the year
        ("Phấn đấu doanh thu đạt 100 tỷ đồng.", Period(2024, "q4")),  # the section's own period
    ],
)
def test_a_goal_for_the_end_of_the_year_is_the_years_goal(sentence: str, period: Period):
    context = Context(Period(2024, "q4"), "II. PHƯƠNG HƯỚNG NHIỆM VỤ QUÝ IV NĂM 2024", "Báo cáo 9 tháng năm 2024")
    assert [(s.kind, s.period) for s in read_statements(sentence, context)] == [("target", period)]


def test_a_month_named_alone_is_the_reports_month_not_a_figure():
    """"trong tháng 10 đạt 51,2%" in a report of 2024: one figure, of October 2024 — not "10" (it
    had been listed as "tháng 10/2024: 10" among the other periods held)."""
    november = Context(Period(2024, "m11"), "5. An toàn thông tin", "Báo cáo tháng 11/2024")
    rate = read_statements("Tỷ lệ hồ sơ được xử lý trực tuyến trong tháng 10 đạt 51,2%.", november)
    assert [(s.value, s.period) for s in rate] == [("51,2", Period(2024, "m10"))]
    attacks = read_statements("tháng 11 ghi nhận 870 vụ tấn công mạng gây sự cố; lũy kế 11 tháng: 10.915 vụ.", november)
    assert [(s.value, s.period) for s in attacks] == [("870", Period(2024, "m11")), ("10.915", Period(2024, "t11"))]


def test_a_bracketed_figure_of_the_end_of_another_year_is_its_base_not_the_sentences_period():
    """"đạt 71,5% (cuối năm 2023: 68,9%)" in a half-year report: 71,5% is the half-year's, 68,9% the
    end of 2023's (both had been read as 2023's, and 71,5% listed as "năm 2023")."""
    rate = read_statements("Tỷ lệ hộ gia đình có kết nối cáp quang trên địa bàn tỉnh đạt 71,5% (cuối năm 2023: 68,9%).", H1_2024)
    assert [(s.value, s.period, s.kind) for s in rate] == [("71,5", Period(2024, "h1"), "result"), ("68,9", Period(2023, "year"), "base")]


def test_a_figure_read_with_a_legend_keeps_its_unit_as_written():
    """"LK 8T: 3.306 SCAT" read as "lũy kế 8 tháng: 3.306 sự cố an toàn thông tin": shown as "3.306 SCAT"."""
    august = Context(Period(2025, "m8"), "I. KẾT QUẢ", "Báo cáo tháng 8/2025")
    [spelled] = read_statements("lũy kế 8 tháng: 3.306 sự cố an toàn thông tin.", august)
    assert spelled.figure == "3.306 sự cố an"
    assert as_written(spelled, "LK 8T: 3.306 SCAT.").figure == "3.306 SCAT"


def test_a_figure_summed_since_the_year_began_is_of_the_months_up_to_the_reports():
    """"lũy kế từ đầu năm" in November's report is the first eleven months, in quarter III's the nine
    months — never November's own figure (a month asked had been answered with the year's sum)."""
    november = Context(Period(2024, "m11"), "I. KẾT QUẢ", "Báo cáo tháng 11/2024")
    revenue = read_statements("Doanh thu tháng 11 ước đạt 30.560 tỷ đồng; lũy kế từ đầu năm đạt 320.370 tỷ đồng.", november)
    assert [(s.value, s.period) for s in revenue] == [("30.560", Period(2024, "m11")), ("320.370", Period(2024, "t11"))]
    quarter = Context(Period(2024, "q3"), "I. KẾT QUẢ", "Báo cáo quý III/2024")
    assert read_statements("Tính từ đầu năm, doanh thu đạt 259.670 tỷ đồng.", quarter)[0].period == Period(2024, "9m")
    # a count standing now is no sum: "lũy kế đến nay" subscribers are November's
    assert read_statements("Số thuê bao lũy kế đến nay đạt 24,7 triệu.", november)[0].period == Period(2024, "m11")


def test_the_base_of_a_change_in_a_clause_of_its_own_or_the_period_before():
    """"…, cùng kỳ năm 2023 là 22,3 triệu" is the nine months of 2023 (it had been read as 2024's
    figure); "so với quý trước (86.450 tỷ đồng)" is quarter II, "tháng trước" October."""
    nine = Context(Period(2024, "9m"), "I. KẾT QUẢ", "Báo cáo 9 tháng năm 2024")
    stock = read_statements("Số thuê bao băng rộng cố định đạt 24,1 triệu, cùng kỳ năm 2023 là 22,3 triệu.", nine)
    assert [(s.value, s.period, s.kind) for s in stock] == [("24,1", Period(2024, "9m"), "result"), ("22,3", Period(2023, "9m"), "base")]
    third = Context(Period(2024, "q3"), "I. KẾT QUẢ", "Báo cáo quý III/2024")
    quarter = read_statements("Doanh thu đạt 88.920 tỷ đồng, tăng 2,9% so với quý trước (86.450 tỷ đồng).", third)
    assert (quarter[-1].value, quarter[-1].period, quarter[-1].kind) == ("86.450", Period(2024, "q2"), "base")
    november = Context(Period(2024, "m11"), "I", "Báo cáo tháng 11/2024")
    month = read_statements("Doanh thu tháng 11 đạt 30.560 tỷ đồng, tăng 1,4% so với tháng trước (30.140 tỷ đồng).", november)
    assert month[-1].period == Period(2024, "m10")


@pytest.mark.parametrize(
    "sentence, level, other",
    [
        # a multiple of another year: the sentence's own level, its year the report's
        ("Số thuê bao 5G đạt 2,6 triệu, gấp 3 lần năm 2023.", "2,6", ("3", "change")),
        # by how much, against another period: a change, not a second level
        ("Doanh thu đạt 3.745.000 tỷ đồng, tăng 125.000 tỷ đồng so với năm 2023.", "3.745.000", ("125.000", "change")),
        # a ratio to another period is no rate
        ("Doanh thu đạt 3.745.000 tỷ đồng, bằng 107% so với năm 2023.", "3.745.000", ("107", "change")),
    ],
)
def test_what_a_figure_is_measured_against_is_no_period_of_its_own(sentence, level, other):
    year = Context(Period(2024, "year"), "I. KẾT QUẢ", "Báo cáo năm 2024")
    statements = read_statements(sentence, year)
    assert [(s.value, s.period, s.kind) for s in statements] == [
        (level, Period(2024, "year"), "result"),
        (other[0], Period(2024, "year"), other[1]),
    ]


def test_a_figure_of_a_span_of_years_is_of_no_one_year():
    """"Giai đoạn 2019 - 2023, … tăng bình quân 3,2%/năm" in a 2023 report is the span's average, not
    2023's figure (it had been quoted as "năm 2023: 3,2%"); the clause after it keeps its own year."""
    year = Context(Period(2023, "year"), "Một số nhận xét", "Số liệu thống kê giai đoạn 2019 - 2023")
    statements = read_statements(
        "Giai đoạn 2019 - 2023, doanh thu dịch vụ viễn thông tăng bình quân khoảng 3,2%/năm; "
        "số doanh nghiệp công nghệ số năm 2023 tăng 27,2% so với năm 2019.",
        year,
    )
    assert [(s.value, s.period) for s in statements] == [("3,2", None), ("27,2", Period(2023, "year"))]


def test_a_merged_header_of_a_halfs_columns_and_its_years_plan_and_the_comparison_columns():
    """"6T/2025 - KH năm 2025" is the year's plan beside the half's result (it had been a plan of the
    half); "So cùng kỳ (%)" and "Tăng, giảm (%)" compare the period with the same one a year before
    (read as last year's figures, "… tăng bao nhiêu so với cùng kỳ" had been said not stated)."""
    row = (
        "Doanh thu công nghiệp ICT — ĐVT: tỷ USD; Năm 2024 - KH: 150; Năm 2024 - TH: 156,4; "
        "6T/2025 - KH năm 2025: 168; 6T/2025 - TH 6T: 86,9; 6T/2025 - So CK (%): 116,2"
    )
    stated = [(s.value, s.kind, s.period.label) for s in read_statements(row, Context(Period(2025, "h1")))]
    assert stated[2:] == [("168", "target", "năm 2025"), ("86,9", "result", "6 tháng đầu năm 2025"), ("116,2", "change", "6 tháng đầu năm 2025")]
    for header in ("So cùng kỳ (%)", "Tăng, giảm (%)"):
        row = f"Xuất khẩu phần cứng, điện tử — ĐVT: tỷ USD; Quý I/2025: 36,9; Quý I/2024: 31,4; {header}: 117,5"
        last = read_statements(row, Context(Period(2025, "q1")))[-1]
        assert (last.value, last.kind, last.unit, last.period) == ("117,5", "change", "%", Period(2025, "q1"))


@pytest.mark.parametrize(
    ("header", "kind"),
    [("TH2023/KH2023", "share"), ("TH/KH", "share"), ("So sánh (%) TH2023/TH2022", "change"), ("2023/2022", "change")],
)
def test_a_column_of_one_figure_over_another_is_a_share_or_a_change_in_per_cent(header: str, kind: str):
    """"TH2023/KH2023: 88,9" in a row in tỷ USD is the share of the plan reached, in per cent — it had
    been read as a second result of 88,9 tỷ USD for 2023."""
    row = f"Doanh thu công nghiệp ICT — Đơn vị: tỷ USD; Kế hoạch 2023: 160; Ước thực hiện 2023: 142,2; {header}: 88,9"
    last = read_statements(row, Context(Period(2023, "year"), "Bảng 1", "Báo cáo năm 2023"))[-1]
    assert (last.value, last.kind, last.unit, last.period) == ("88,9", kind, "%", Period(2023, "year"))


def test_the_reports_shorthand_for_a_month_and_the_months_summed_up_to_it():
    """"T10: 5.320 tỷ đ; LK 10T: 50.400 tỷ đ" in the ten months' report: October's and the ten
    months' (both had been the ten months')."""
    ten = Context(Period(2024, "t10"), "2. BC-VT", "Báo cáo nhanh số liệu tháng 10 năm 2024")
    revenue = read_statements("DT bưu chính T10: 5.320 tỷ đ; LK 10T: 50.400 tỷ đ, đạt 84% KH năm.", ten)
    assert [(s.value, s.period) for s in revenue][:2] == [("5.320", Period(2024, "m10")), ("50.400", Period(2024, "t10"))]
    # "lũy kế" names how the second is summed, not another indicator: both are "DT bưu chính"
    assert {s.indicator for s in revenue} == {"DT bưu chính"}
    # a month's shorthand with its year, not letters of another word ("4G", "T4G")
    assert own_periods("Số vụ TCM T11/2024: 720 vụ; mạng 4G, T4G", ten) == [Period(2024, "m11")]


def test_a_column_naming_its_own_indicator_names_the_figure_in_a_row_of_a_place():
    """An annex by district: "Toàn tỉnh — Tỷ lệ hồ sơ xử lý trực tuyến (%): 52,7; Số điểm BĐVHX: 364".
    Each figure is of its column ("so diem bdvhx nghe an" had been answered 52,7, the first cell)."""
    year = Context(Period(2024, "year"), "PHỤ LỤC", "Báo cáo năm 2024")
    row = read_statements("Toàn tỉnh — Tỷ lệ hồ sơ xử lý trực tuyến (%): 52,7; Số điểm BĐVHX: 364", year)
    assert [(s.value, s.indicator) for s in row] == [("52,7", "Tỷ lệ hồ sơ xử lý trực tuyến (%) — Toàn tỉnh"), ("364", "Số điểm BĐVHX — Toàn tỉnh")]
    # a column of a period or a kind stays the row's indicator
    assert {s.indicator for s in read_statements("Doanh thu — ĐVT: tỷ đồng; Thực hiện 2023: 100; Số liệu 2024: 120", year)} == {"Doanh thu"}


def test_each_value_of_a_list_named_after_its_value_names_its_own_indicator():
    """"… có 91,4 triệu thuê bao băng rộng di động và 23,9 triệu thuê bao băng rộng cố định": the
    second figure had taken the first's indicator (mobile), and been listed as fixed broadband's."""
    year = Context(Period(2024, "year"), "3. Viễn thông", "Báo cáo tổng kết năm 2024")
    found = read_statements(
        "Đến ngày 31/12/2024, cả nước có 77.120 doanh nghiệp công nghệ số; 91,4 triệu thuê bao băng rộng di động và 23,9 triệu thuê bao băng rộng cố định.",
        year,
    )
    assert [(s.value, s.indicator) for s in found] == [
        ("77.120", "doanh nghiệp công nghệ số"),
        ("91,4", "triệu thuê bao băng rộng di động"),
        ("23,9", "triệu thuê bao băng rộng cố định"),
    ]
    # a value named before it keeps the sentence's indicator for a bare continuation
    assert [s.indicator for s in read_statements("Tỷ lệ hộ gia đình sử dụng cáp quang đạt 82,3%, 100% xã có cáp quang.", year)] == [
        "Tỷ lệ hộ gia đình sử dụng cáp quang",
        "Tỷ lệ hộ gia đình sử dụng cáp quang",
    ]


def test_a_unit_cut_inside_a_longer_name_is_shown_up_to_the_unit_it_opens_with():
    """"75.410 doanh nghiệp công [nghệ số]" had been shown as "75.410 doanh nghiệp công" (public
    enterprises) beside the quote; a unit that ends where the name does is shown whole."""
    year = Context(Period(2024, "m9"), "2. Công nghệ số", "Báo cáo 9 tháng năm 2024")
    figures = [s.figure for s in read_statements("Tính đến ngày 30/9/2024, cả nước có 75.410 doanh nghiệp công nghệ số.", year)]
    assert figures == ["75.410 doanh nghiệp"]
    assert [s.figure for s in read_statements("Cả nước có 91,4 triệu thuê bao băng rộng di động.", year)] == ["91,4 triệu thuê bao"]
    assert [s.figure for s in read_statements("Doanh thu đạt 27.477 tỷ đồng, tăng 5%.", year)] == ["27.477 tỷ đồng", "5%"]


def test_a_shorthand_line_keeps_its_indicator_through_its_periods_and_a_signed_percentage_is_its_change():
    """"DT CN ICT: T9 ~16,4 tỷ USD; QIII: 47,6 tỷ USD; LK 9T: 134,5 tỷ USD, +19,7% CK" (legend spelled
    out): "quý III:" names a period, not an indicator (the quarter's and the nine months' figures had
    taken "tỷ USD" as theirs), and "+19,7% CK" is the change, not a level."""
    month = Context(Period(2025, "m9"), "1. Công nghiệp ICT", "BC nhanh số liệu tháng 9/2025")
    found = read_statements(
        "- doanh thu công nghiệp ICT: tháng 9 ~16,4 tỷ USD; quý III: 47,6 tỷ USD; lũy kế 9 tháng: 134,5 tỷ USD, +19,7% cùng kỳ.", month
    )
    assert [(s.value, s.indicator, s.kind) for s in found] == [
        ("16,4", "doanh thu công nghiệp ICT", "result"),
        ("47,6", "doanh thu công nghiệp ICT", "result"),
        ("134,5", "doanh thu công nghiệp ICT", "result"),
        ("19,7", "doanh thu công nghiệp ICT", "change"),
    ]
    assert [s.kind for s in read_statements("- tấn công mạng gây sự cố: lũy kế 9 tháng 6.980 vụ, -11,8% cùng kỳ.", month)] == ["result", "change"]


def test_a_figure_the_sentence_says_it_replaces_is_no_figure():
    # "… là 74.215 doanh nghiệp; số liệu này thay thế số ước 74.500 …": the superseded estimate had
    # been quoted as the year's count, its unit "doanh nghiệp nêu"
    sentence = (
        "Theo số liệu chính thức, số doanh nghiệp công nghệ số đang hoạt động đến ngày 31/12/2024 là 74.215 doanh nghiệp; "
        "số liệu này thay thế số ước 74.500 doanh nghiệp nêu tại Báo cáo tổng kết năm 2024."
    )
    assert [s.value for s in read_statements(sentence, Context(Period(2025, "h1")))] == ["74.215"]
    assert [s.value for s in read_statements("Số thuê bao được điều chỉnh từ 21,5 triệu lên 22,1 triệu.", Context(Period(2024, "year")))] == ["22,1"]


def test_a_lead_in_stating_what_was_reached_makes_its_items_results():
    """"a) Tỷ lệ DVCTT toàn trình … đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:" over "- Cấp bộ, ngành:
    61,8%;": the items are parts of the result (its "chỉ tiêu" had made them targets)."""
    text = "a) Tỷ lệ DVCTT toàn trình đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:\n- Cấp bộ, ngành: 61,8%;\n- Cấp tỉnh: 51,2%."
    contexts = sentence_contexts(text, Context(Period(2024, "year"), "1. Dịch vụ công trực tuyến", "Báo cáo năm 2024"))
    items = [(sentence, context) for (_, _, sentence), context in zip(chunk_sentences(text), contexts) if sentence.startswith("-")]
    assert [sentence_kind(read_statements(sentence, context)) for sentence, context in items] == ["result", "result"]


def test_the_months_so_far_before_a_quarter_named_after_them_are_their_own():
    """"Doanh thu … 9 tháng ước đạt 259.480 tỷ đồng; riêng quý III/2024 ước đạt 88.130 tỷ đồng": the
    nine months' figure had been read as the quarter's."""
    sentence = "Doanh thu dịch vụ viễn thông 9 tháng ước đạt 259.480 tỷ đồng; riêng quý III/2024 ước đạt 88.130 tỷ đồng."
    read = [(s.value, s.period) for s in read_statements(sentence, Context(Period(2024, "9m")))]
    assert read == [("259.480", Period(2024, "9m")), ("88.130", Period(2024, "q3"))]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Tính đến ngày 20/12/2024, 6/7 cơ sở dữ liệu quốc gia đã được đưa vào vận hành.", "6/7"),
        ("Năm 2024, Bộ hoàn thành 9/11 chỉ tiêu chủ yếu được giao.", "9/11"),
        ("Đến nay 63/63 tỉnh, thành phố đã kết nối với Nền tảng NDXP.", "63/63"),
    ],
)
def test_a_count_written_as_a_fraction_of_a_whole_is_a_figure(sentence: str, value: str):
    """"6/7 cơ sở dữ liệu" counts databases (it had been no figure at all, and the question declined)."""
    year_2024 = Context(Period(2024, "year"), "I. KẾT QUẢ", "Báo cáo năm 2024")
    assert [s.value for s in read_statements(sentence, year_2024)] == [value]


@pytest.mark.parametrize(
    "sentence",
    ["Từ ngày 6/7 các doanh nghiệp phải xác thực thuê bao.", "Từ 1/7 các doanh nghiệp phải xác thực thuê bao.", "Hội nghị tổ chức vào 6/7 tại Hà Nội."],
)
def test_a_days_date_is_no_fraction(sentence: str):
    assert [s.value for s in read_statements(sentence, H1_2024) if "/" in s.value] == []


def test_a_table_or_annex_referred_to_by_its_number_states_no_figure():
    assert read_statements("Phân bố trạm BTS 5G theo vùng như Bảng 1.", H1_2024) == []
    assert [s.value for s in read_statements("Doanh thu bằng 107% so với năm 2023.", H1_2024)] == ["107"]  # "bằng", a ratio


def test_a_columns_bracketed_unit_is_its_figures_unit_but_not_a_name_or_a_year():
    row = "MobiFone — Số thuê bao (triệu): 24,2; Thị phần (%): 18,6; Doanh thu (tỷ đồng): 1.250; Dịch vụ công (DVCTT): 12; Năm (2024): 7"
    units = [(s.value, s.unit) for s in read_statements(row, H1_2023)]
    assert units == [("24,2", "triệu"), ("18,6", "%"), ("1.250", "tỷ đồng"), ("12", ""), ("7", "")]


def test_a_figure_per_a_thousand_people_keeps_its_whole_unit():
    units = [(s.value, s.unit) for s in read_statements("Mật độ đạt 0,76 doanh nghiệp/1.000 dân; 79,6 thuê bao/100 dân.", H1_2023)]
    assert units == [("0,76", "doanh nghiệp/1.000 dân"), ("79,6", "thuê bao/100 dân")]

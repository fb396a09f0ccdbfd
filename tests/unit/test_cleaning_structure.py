from ingest.cleaning import clean
from ingest.markup import page_mark
from ingest.metadata import read_metadata
from ingest.structure import heading_kind, issuer_of, parse
from vectorstore.glossary import Glossary


def metadata_of(text: str):
    """A text's report metadata, read as ingestion reads it: cleaned, parsed, then read."""
    cleaned, _ = clean(text)
    return read_metadata(parse(cleaned), cleaned, Glossary.load())


def test_markdown_and_html_leftovers_are_removed():
    text, footnotes = clean("**Doanh thu** đạt *27.477 tỷ*<sup>1</sup> đồng &amp; tăng\n\n<sup>1</sup> Số liệu ước tính")
    assert text == "Doanh thu đạt 27.477 tỷ đồng & tăng"
    assert footnotes == ["Số liệu ước tính"]


def test_markdown_quote_marks_go_and_a_comparison_stays():
    text, _ = clean("> Năm 2022 là năm đầu tiên triển khai.\n> 50% dân số")
    assert text.split("\n") == ["Năm 2022 là năm đầu tiên triển khai.", "> 50% dân số"]


def test_glued_bold_runs_and_headings_are_split_into_lines():
    text, _ = clean("**DỰ THẢO****BÁO CÁO TÓM TẮT**\n4. Lĩnh vực Chính phủ số**4.1. Sự phát triển của lĩnh vực**")
    assert text.split("\n") == ["DỰ THẢO", "BÁO CÁO TÓM TẮT", "4. Lĩnh vực Chính phủ số", "4.1. Sự phát triển của lĩnh vực"]


def test_a_paragraph_broken_by_a_page_break_is_joined():
    broken = (
        "Chiến lược đưa ra tư tưởng triển khai nhanh, sớm hoàn thành các mục tiêu phát triển CPĐT trong năm\n\n"
        "<sup>1</sup> Quyết định số 942/QĐ-TTg\n\n"
        "2021 với phương châm cách làm dựa trên nền tảng."
    )
    text, footnotes = clean(broken)
    assert "trong năm 2021 với phương châm" in text
    assert footnotes == ["Quyết định số 942/QĐ-TTg"]


def test_a_pdf_line_cut_inside_a_bracket_or_before_a_dates_year_is_joined():
    """A text PDF's lines: "… (Digital Video" + "Broadcasting – …)" had become a heading, and "… ngày 27
    tháng 12 năm" + "2011." a sentence without its year (quoted so) and a numbered line."""
    text, _ = clean(
        "Truyền hình số mặt đất tại Việt Nam sử dụng chuẩn DVB-T2 (Digital Video\n"
        "Broadcasting – Second Generation Terrestrial). Đề án được Thủ tướng\n"
        "Chính phủ phê duyệt theo Quyết định số 2451/QĐ-TTg ngày 27 tháng 12 năm\n"
        "2011.\n2. Lựa chọn tiêu chuẩn"
    )
    assert "(Digital Video Broadcasting – Second Generation Terrestrial)" in text
    assert "ngày 27 tháng 12 năm 2011." in text
    assert text.endswith("\n2. Lựa chọn tiêu chuẩn")


def test_heading_kinds():
    assert heading_kind("I. SỐ LIỆU TỔNG QUAN") == ("roman", 0)
    assert heading_kind("A. CÁC MẶT CÔNG TÁC CHUNG") == ("upper", 0)
    assert heading_kind("1. Lĩnh vực Bưu chính") == ("arabic", 0)
    assert heading_kind("1.1. Sự phát triển") == ("dotted", 1)
    assert heading_kind("8.2.1. Về báo chí") == ("dotted", 2)
    assert heading_kind("a) Bộ TTTT đã") == ("lower", 0)
    assert heading_kind("## Tổng quan") == ("md", 2)
    assert heading_kind("- Doanh thu đạt 6.362 tỷ") is None
    assert heading_kind("6.362 cuộc tấn công") is None


REPORT = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG
BÁO CÁO TÓM TẮT
SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2023
DỰ THẢO
Hà Nội, ngày 30 tháng 6 năm 2023
I. SỐ LIỆU TỔNG QUAN
Doanh thu toàn ngành ước đạt 1.614.206 tỷ đồng.
II. ĐÁNH GIÁ CÔNG TÁC
1. Lĩnh vực Bưu chính
1.1. Sự phát triển của lĩnh vực
- Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng.
1.2. Nhiệm vụ 6 tháng cuối năm 2023
- Tổng kết Luật Bưu chính.
2. Lĩnh vực Viễn thông
a) Hạ tầng
- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%.
"""


def test_title_block_draft_mark_and_masthead():
    parsed = parse(REPORT)
    assert parsed.title == "BÁO CÁO TÓM TẮT SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2023"
    assert parsed.draft
    assert "Hà Nội, ngày 30 tháng 6 năm 2023" in parsed.preamble


def test_an_issuer_and_date_line_under_a_markdown_title_is_masthead_not_a_heading():
    text, _ = clean(
        "# BÁO CÁO TỔNG KẾT NĂM 2022, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2023\n\n"
        "**Bộ Thông tin và Truyền thông** — *Hà Nội, ngày 09 tháng 01 năm 2023*\n\n"
        "## I. KẾT QUẢ\n\nDoanh thu dịch vụ bưu chính đạt 55.120 tỷ đồng, tăng 21,5% so với năm 2021.\n"
    )
    parsed = parse(text)
    assert "Bộ Thông tin và Truyền thông — Hà Nội, ngày 09 tháng 01 năm 2023" in parsed.preamble
    # its date ("năm 2023") is no section, so the results of 2022 are not read as 2023's
    assert [section.path for section in parsed.sections if section.path] == [("I. KẾT QUẢ",)]
    metadata = read_metadata(parsed, text, Glossary.load())
    assert (metadata.period_label, metadata.date) == ("năm 2022", "2023-01-09")


def test_a_report_of_a_span_of_years_is_of_no_single_year():
    """"Tổng kết 5 năm … giai đoạn 2016 - 2020", dated January 2021: its date's year had labelled the
    span's cumulative figures "năm 2021"."""
    text = (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nHà Nội, ngày 18 tháng 01 năm 2021\n\nBÁO CÁO\n"
        "Tổng kết 5 năm thực hiện nhiệm vụ giai đoạn 2016 - 2020 và mục tiêu giai đoạn 2021 - 2025\n\n"
        "I. KẾT QUẢ GIAI ĐOẠN 2016 - 2020\nTổng doanh thu công nghiệp công nghệ thông tin cả giai đoạn đạt 496,4 tỷ USD.\n"
    )
    metadata = metadata_of(text)
    assert (metadata.period_label, metadata.date) == ("giai đoạn 2016 - 2020", "2021-01-18")


def test_a_title_wrapped_onto_a_line_in_lower_case_goes_on_there():
    """A PDF's title line "BÁO CÁO Đánh giá … ngành Thông tin" wraps onto "và Truyền thông giai đoạn 2019–2023":
    the span is the title's (the report had had no period)."""
    text = (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO Đánh giá kết quả phát triển ngành Thông tin\n"
        "và Truyền thông giai đoạn 2019–2023\n(Tài liệu tham khảo.)\n\nI. TỔNG QUAN\nDoanh thu toàn ngành tăng.\n"
    )
    metadata = metadata_of(text)
    assert metadata.title.endswith("giai đoạn 2019–2023") and metadata.period_label == "giai đoạn 2019–2023"


PROVINCIAL_REPORT = (
    "UBND TỈNH THANH HÓA                         CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG                      Độc lập - Tự do - Hạnh phúc\n\n"
    "Số: 2105/BC-STTTT                           Thanh Hóa, ngày 06 tháng 10 năm 2022\n\n"
    "BÁO CÁO\nKết quả công tác 9 tháng đầu năm,\nnhiệm vụ trọng tâm 3 tháng cuối năm 2022\n\n"
    "Kính gửi: Bộ Thông tin và Truyền thông.\n\n"
    "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2022\n"
    "Doanh thu bưu chính đạt 452,6 tỷ đồng, tăng 11,2% so với cùng kỳ năm 2021.\n"
)


def test_an_official_documents_summary_under_its_type_is_its_title_and_its_masthead_names_the_issuer():
    """"BÁO CÁO" alone, then its summary in sentence case: the summary is what the report is called
    (and what names its period: nine months, not the year of its date); the two-column masthead is
    the issuer and the motto, not the title."""
    text, _ = clean(PROVINCIAL_REPORT)
    metadata = read_metadata(parse(text), text, Glossary.load())
    assert metadata.title == "Báo cáo kết quả công tác 9 tháng đầu năm, nhiệm vụ trọng tâm 3 tháng cuối năm 2022"
    assert metadata.period_label == "9 tháng năm 2022"
    assert metadata.issuer == "UBND TỈNH THANH HÓA — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def test_sections_nest_along_the_reports_own_numbering():
    paths = {section.path: section.lines for section in parse(REPORT).sections}
    assert paths[("I. SỐ LIỆU TỔNG QUAN",)] == ["Doanh thu toàn ngành ước đạt 1.614.206 tỷ đồng."]
    assert ("II. ĐÁNH GIÁ CÔNG TÁC", "1. Lĩnh vực Bưu chính", "1.1. Sự phát triển của lĩnh vực") in paths
    assert ("II. ĐÁNH GIÁ CÔNG TÁC", "1. Lĩnh vực Bưu chính", "1.2. Nhiệm vụ 6 tháng cuối năm 2023") in paths
    assert paths[("II. ĐÁNH GIÁ CÔNG TÁC", "2. Lĩnh vực Viễn thông", "a) Hạ tầng")] == [
        "- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%."
    ]


def test_short_unnumbered_lines_head_news_paragraphs():
    news = (
        "Những điểm nổi bật trong 6 tháng đầu năm\n"
        "Trong bối cảnh dịch bệnh Covid-19 diễn biến phức tạp, các chỉ số phát triển trong cả 6 lĩnh vực "
        "quản lý nhà nước của Bộ đều có bước tiến đáng ghi nhận so với cùng kỳ năm trước.\n"
    )
    sections = parse(news).sections
    assert sections[-1].path == ("Những điểm nổi bật trong 6 tháng đầu năm",)


def test_a_long_numbered_heading_is_kept_as_text():
    line = "3. Thực hiện cấp mới và cấp đổi thẻ nhà báo: tính đến hết tháng 6/2021, tổng số 15.418 thẻ nhà báo, gồm các cơ quan báo chí"
    section = parse(f"I. KẾT QUẢ\n{line}").sections[-1]
    assert section.path[-1] == "3. Thực hiện cấp mới và cấp đổi thẻ nhà báo"
    assert [item.text for item in section.items] == ["I. KẾT QUẢ", line]


def test_an_all_capitals_title_is_shown_in_sentence_case_keeping_its_names():
    text = (
        "BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH NINH BÌNH\n"
        "I. KẾT QUẢ THỰC HIỆN\n- Tỷ lệ DVCTT toàn trình đạt 58,7%.\n"
    )
    metadata = metadata_of(text)
    assert metadata.title == "Báo cáo kết quả thực hiện nhiệm vụ năm 2024 của Sở Thông tin và Truyền thông tỉnh Ninh Bình"


def test_the_recipients_and_signature_are_a_section_of_their_own():
    """"Nơi nhận:" ends the body: its lines are kept, under their own heading, not read as the last
    goals of "IV. MỘT SỐ MỤC TIÊU NĂM 2025"."""
    text = (
        "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2024\n\nIV. MỘT SỐ MỤC TIÊU NĂM 2025\n\n- 80% DVCTT có phát sinh hồ sơ trực tuyến.\n\n"
        "Nơi nhận:\n- Bộ trưởng (để b/c);\n- Lưu: VT, CĐSQG.\n\nCỤC TRƯỞNG\n"
    )
    sections = parse(text).sections
    goals = next(section for section in sections if section.path == ("IV. MỘT SỐ MỤC TIÊU NĂM 2025",))
    assert [line.text for line in goals.items][-1] == "- 80% DVCTT có phát sinh hồ sơ trực tuyến."
    assert [line.text for line in sections[-1].items] == ["Nơi nhận:", "- Bộ trưởng (để b/c);", "- Lưu: VT, CĐSQG.", "CỤC TRƯỞNG"]
    assert sections[-1].path == ("Nơi nhận",)


def test_an_annex_is_a_part_of_its_own_not_under_the_last_heading():
    parsed = parse(
        "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2024\n\nI. KẾT QUẢ\nDoanh thu đạt 1.000 tỷ đồng.\n"
        "II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024\na) Hoàn thành kế hoạch năm\nTập trung các nhiệm vụ trọng tâm.\n"
        "PHỤ LỤC I\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024\nDoanh thu — KH năm 2024: 2.000; TH 6 tháng: 1.000\n"
    )
    assert parsed.sections[-1].path == ("PHỤ LỤC I KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024",)
    # a Word document puts a blank line between the annex's mark and its title: still its heading
    spaced = parse("BÁO CÁO NĂM 2024\n\nI. KẾT QUẢ\nĐạt.\n\nPHỤ LỤC 2\n\nTỶ LỆ HỘ GIA ĐÌNH CÓ CÁP QUANG NĂM 2024\n\nHuyện A — Tỷ lệ (%): 58,3\n")
    assert spaced.sections[-1].path == ("PHỤ LỤC 2 TỶ LỆ HỘ GIA ĐÌNH CÓ CÁP QUANG NĂM 2024",)
    assert heading_kind("Phụ lục 2: Kết quả") == ("annex", 0)
    assert heading_kind("Phụ lục kèm theo báo cáo này.") is None


def test_a_word_masthead_table_is_the_masthead_and_the_title_follows_it():
    text = (
        "⟦bảng⟧\nUBND TỈNH THANH HÓA SỞ THÔNG TIN VÀ TRUYỀN THÔNG _______ Số: 12/BC-STTTT — CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
        "VIỆT NAM Độc lập - Tự do - Hạnh phúc Thanh Hóa, ngày 05 tháng 7 năm 2024\n⟦/bảng⟧\n\nBÁO CÁO\n\n"
        "Sơ kết công tác 6 tháng đầu năm 2024\n\nI. KẾT QUẢ\nDoanh thu đạt 1.000 tỷ đồng.\n"
    )
    parsed = parse(text)
    assert parsed.title == "BÁO CÁO Sơ kết công tác 6 tháng đầu năm 2024"
    assert parsed.preamble[:5] == [
        "UBND TỈNH THANH HÓA SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Số: 12/BC-STTTT", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Thanh Hóa, ngày 05 tháng 7 năm 2024",
    ]
    assert [section.path for section in parsed.sections] == [("I. KẾT QUẢ",)]
    # the rule under the issuer, as cleaning leaves it ("_"), is no part of the issuer's name
    assert issuer_of(parse(clean(text)[0]).preamble) == "UBND TỈNH THANH HÓA SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    # a report's own table at the start is no masthead
    assert parse("⟦bảng⟧\nDoanh thu — KH: 2.000; TH: 1.000\n⟦/bảng⟧\n\nI. KẾT QUẢ\nDoanh thu đạt 1.000 tỷ đồng.\n").omitted == []


def test_a_pdf_masthead_with_the_issuers_name_wrapped_and_a_rule_under_the_motto():
    text = (
        "BỘ THÔNG TIN VÀ TRUYỀN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTHÔNG\nĐộc lập - Tự do - Hạnh phúc\n_______\n"
        "Hà Nội, ngày 08 tháng 7 năm 2024\nSố: 2874/BC-BTTTT\nBÁO CÁO\n"
        "Sơ kết công tác 6 tháng đầu năm 2024, nhiệm vụ trọng tâm 6 tháng cuối năm\n2024\n"
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2024\nDoanh thu đạt 1.000 tỷ đồng.\n"
    )
    assert parse(text).title == "BÁO CÁO Sơ kết công tác 6 tháng đầu năm 2024, nhiệm vụ trọng tâm 6 tháng cuối năm 2024"


def test_a_line_cut_after_a_word_no_sentence_ends_with_goes_on_with_its_figure():
    text = "5. Chính phủ điện tử\nTính đến ngày 30/6/2020, tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt\n26,3%. Cổng Dịch vụ công quốc gia tiếp tục tích hợp thêm dịch vụ.\n"
    cleaned, _ = clean(text)
    assert "mức độ 4 đạt 26,3%. Cổng" in cleaned
    assert "6. An toàn thông tin" in clean("Tổng doanh thu toàn ngành 6 tháng đầu năm 2020 ước đạt\n6. An toàn thông tin\n")[0].split("\n")


def test_a_line_cut_between_a_figure_and_its_unit_or_after_tang_goes_on():
    """"… ước chiếm 9,7%" + "GDP." had made the sentence "Kinh tế số ước chiếm 9,7%" (GDP lost: the
    question "chiếm bao nhiêu phần trăm GDP" found no sentence naming it); "… tăng" + "10,3% …" too."""
    text = (
        "Doanh thu công nghiệp công nghệ thông tin năm 2021 đạt 136,7 tỷ USD, tăng\n"
        "10,3% so với năm 2020. Số doanh nghiệp công nghệ số tăng mạnh. Kinh tế số ước chiếm 9,7%\nGDP.\n"
    )
    cleaned, _ = clean(text)
    assert cleaned.split("\n") == [text.replace("\n", " ").strip()]
    assert clean("Tổng số doanh nghiệp công nghệ số đang hoạt động trên cả nước là 64.520\nII. KẾT QUẢ\n")[0].count("\n") == 1


def test_a_table_with_a_column_named_so_opening_a_report_is_the_reports_table_not_its_masthead():
    parsed = parse("⟦bảng⟧\nBưu bưu — Bưu: 1,0%; Số: 1,0%\n⟦/bảng⟧\n\nI. BƯU BƯU\n")
    assert parsed.omitted == [] and "Bưu bưu — Bưu: 1,0%; Số: 1,0%" in [line.text for section in parsed.sections for line in section.items] + parsed.preamble


def test_an_article_that_recounts_its_history_reports_on_no_period_and_keeps_its_names_in_capitals():
    text = (
        "# VNPT\n\nTập đoàn Bưu chính Viễn thông Việt Nam (VNPT) là một doanh nghiệp nhà nước. "
        "Sau giai đoạn thử nghiệm kéo dài từ năm 2019, VNPT khai trương dịch vụ mới.\n\n## Lịch sử\n\n"
        "Năm 1995, Tổng công ty được thành lập. Năm 2006, Tập đoàn ra đời.\n"
        "Luật Giao dịch điện tử năm 2005 công nhận chữ ký số; luật năm 2005 được thay thế năm 2023.\n"
    )
    metadata = metadata_of(text)
    assert (metadata.title, metadata.period_label) == ("VNPT", "")


def test_an_article_on_a_law_naming_one_year_twice_in_one_sentence_reports_on_no_period():
    """"… ký ngày 15 tháng 8 năm 2022 và có hiệu lực từ ngày 1 tháng 10 năm 2022" had made an article on the
    law of 2018 a report of 2022, its counts ("Luật gồm 7 chương và 43 điều") then asked of 2022's figures."""
    text = (
        "# Luật An ninh mạng 2018\n\nLuật An ninh mạng là đạo luật về bảo vệ an ninh quốc gia trên không gian mạng.\n\n"
        "## Bố cục\n\nLuật gồm 7 chương và 43 điều.\n\n## Bối cảnh\n\nLuật An toàn thông tin mạng có hiệu lực từ năm 2016.\n\n"
        "## Hướng dẫn\n\nNghị định 53/2022/NĐ-CP ký ngày 15 tháng 8 năm 2022 và có hiệu lực từ ngày 1 tháng 10 năm 2022.\n"
    )
    assert metadata_of(text).period_label == ""
    twice = text + "Năm 2022, Bộ Công an đã xử lý 1.200 vụ vi phạm.\n"  # a second sentence of 2022: its period
    assert metadata_of(twice).period_label == "năm 2022"


def test_a_news_piece_opening_with_its_period_reports_on_it():
    text = "Trong 6 tháng đầu năm 2023, doanh thu bưu chính ước đạt 27.477 tỷ đồng. Số thuê bao tăng.\n"
    assert metadata_of(text).period_label == "6 tháng đầu năm 2023"


def test_a_quick_reports_type_and_summary_is_its_title_and_an_issuers_unit_is_masthead():
    """"BÁO CÁO NHANH" over its summary, and a Markdown masthead "BỘ … – Vụ Kế hoạch - Tài chính"
    above "## BÁO CÁO NHANH tình hình tháng 6 …": the title had been "Báo cáo nhanh" alone (its
    period the year of its date), or the issuer's name."""
    html_like = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nHà Nội, ngày 04 tháng 4 năm 2025\n\nBÁO CÁO NHANH\nTình hình thực hiện nhiệm vụ tháng 3 và quý I năm 2025\n\nI. SỐ LIỆU CHỦ YẾU\nDoanh thu đạt 1 tỷ đồng."
    metadata = read_metadata(parse(html_like), html_like, Glossary.load())
    assert metadata.title == "Báo cáo nhanh tình hình thực hiện nhiệm vụ tháng 3 và quý I năm 2025"
    markdown = (
        "# BỘ THÔNG TIN VÀ TRUYỀN THÔNG – Vụ Kế hoạch - Tài chính\n\n**Số: 152/BC-BTTTT** — Hà Nội, ngày 03 tháng 7 năm 2025\n\n"
        "## BÁO CÁO NHANH tình hình tháng 6 và 6 tháng đầu năm 2025\n\n### 1. Công nghiệp ICT\n\n- Doanh thu đạt 15,3 tỷ USD."
    )
    structure = parse(markdown)
    assert structure.title == "BÁO CÁO NHANH tình hình tháng 6 và 6 tháng đầu năm 2025"
    assert structure.preamble[0] == "BỘ THÔNG TIN VÀ TRUYỀN THÔNG – Vụ Kế hoạch - Tài chính"


def test_an_events_date_in_an_articles_first_paragraph_does_not_date_the_article():
    """"… chính thức kết nối với mạng Internet toàn cầu vào ngày 19 tháng 11 năm 1997, …" had made an
    encyclopedia article a report of 1997, its questions then answered by the period rules."""
    article = (
        "# Internet tại Việt Nam\n\n**Internet tại Việt Nam** là hệ thống hạ tầng, dịch vụ và cộng đồng người sử dụng mạng "
        "Internet trên lãnh thổ Việt Nam. Việt Nam chính thức kết nối với mạng Internet toàn cầu vào ngày 19 tháng 11 năm 1997.\n\n"
        "## Lịch sử\n\nNăm 1992, nhóm nghiên cứu thiết lập kết nối thư điện tử."
    )
    metadata = read_metadata(parse(article), article, Glossary.load())
    assert (metadata.date, metadata.period) == ("", None)
    dated = "Hà Nội, ngày 08 tháng 4 năm 2024\n\nBộ TTTT tổ chức hội nghị giao ban quý I/2024."
    assert read_metadata(parse(dated), dated, Glossary.load()).date == "2024-04-08"  # a dateline of its own


def test_a_lettered_line_stating_a_figure_and_leading_a_list_is_content_not_a_heading():
    """"a) Tỷ lệ DVCTT toàn trình … đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:" had become a heading:
    its figure was read by no one; "2. Kết quả thực hiện Nghị quyết số 01/NQ-CP:" stays a heading."""
    from ingest.structure import is_list_item

    assert is_list_item("a) Tỷ lệ DVCTT toàn trình trên tổng số TTHC có đủ điều kiện đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:")
    assert not is_list_item("2. Kết quả thực hiện các chỉ tiêu năm 2024 theo Nghị quyết số 01/NQ-CP của Chính phủ:")


def test_a_line_cut_just_after_a_sentence_began_goes_on_with_it():
    """"… 87,1%. Tốc độ" + "Internet di động …" had left "Internet di động trung bình đạt 67,9 Mbps" a
    sentence without what it measures; a list item or a heading on the next line stays its own."""
    text = (
        "Hạ tầng số: thuê bao di động 130,3 triệu; tỷ lệ người dùng điện thoại thông minh 87,1%. Tốc độ\n"
        "Internet di động trung bình đạt 67,9 Mbps, cố định đạt 143,6 Mbps.\n"
    )
    assert clean(text)[0] == text.replace("\n", " ").strip()
    listed = "Công tác chuyển đổi số được triển khai đồng bộ trên toàn quốc, đạt kết quả tích cực. Cụ thể\n2. Hạ tầng số\n"
    assert clean(listed)[0].split("\n")[-1] == "2. Hạ tầng số"


def test_a_press_release_under_a_masthead_and_its_unit_is_titled_by_its_period():
    """"THÔNG CÁO BÁO CHÍ: Kết quả hoạt động 6 tháng đầu năm 2024 …" under "BỘ THÔNG TIN VÀ TRUYỀN
    THÔNG" / "Văn phòng Bộ - Trung tâm Thông tin": its title, and its period the first half (it had been
    the whole year of its dateline, every figure of the half-year read as the year's)."""
    metadata = metadata_of(
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\nVăn phòng Bộ - Trung tâm Thông tin\nHà Nội, ngày 11 tháng 7 năm 2024\n\n"
        "THÔNG CÁO BÁO CHÍ: Kết quả hoạt động 6 tháng đầu năm 2024 của ngành Thông tin và Truyền thông\n\n"
        "Doanh thu toàn ngành 6 tháng ước đạt 1.969.000 tỷ đồng.\n"
    )
    assert metadata.title == "Thông cáo báo chí: Kết quả hoạt động 6 tháng đầu năm 2024 của ngành Thông tin và Truyền thông"
    assert metadata.period is not None and metadata.period.label == "6 tháng đầu năm 2024"


def test_a_pdf_line_cut_before_a_capitalised_word_goes_on_with_it():
    """A PDF's line ending "… được thành lập theo" had become a heading over "Quyết định số …", and
    "… tại Hòa" + "Lạc, với …" two sentences; a plain text's lines, whose ends its writer chose, and a
    heading after a full stop stay apart."""
    pdf = (
        f"{page_mark(1)}\n"
        "Khu công nghệ cao Hòa Lạc là khu công nghệ cao đầu tiên của Việt Nam, được thành lập theo\n"
        "Quyết định số 198/1998/QĐ-TTg của Thủ tướng Chính phủ. Năm 2023, trung tâm khánh thành cơ sở tại Hòa\n"
        "Lạc, với diện tích sàn khoảng 40.000 mét vuông.\n"
        "Quy hoạch\n"
    )
    lines = [line for line in clean(pdf)[0].split("\n") if line and not line.startswith("⟦")]
    assert lines == [
        "Khu công nghệ cao Hòa Lạc là khu công nghệ cao đầu tiên của Việt Nam, được thành lập theo Quyết định số "
        "198/1998/QĐ-TTg của Thủ tướng Chính phủ. Năm 2023, trung tâm khánh thành cơ sở tại Hòa Lạc, với diện "
        "tích sàn khoảng 40.000 mét vuông.",
        "Quy hoạch",
    ]
    plain = "Doanh thu viễn thông năm 2023 ước đạt 340.000 tỷ đồng, tăng 2% so với năm 2022\nNộp ngân sách đạt 87.000 tỷ đồng.\n"
    assert len(clean(plain)[0].strip().split("\n")) == 2


def test_an_issuer_and_its_department_on_one_line_joined_by_a_dash_are_the_issuer():
    """A Markdown report's masthead in bold under its title: "UBND TỈNH PHÚ THỌ — SỞ …" names the province."""
    assert issuer_of(["UBND TỈNH PHÚ THỌ — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]) == "UBND TỈNH PHÚ THỌ — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    assert issuer_of(["UBND TỈNH PHÚ THỌ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"]) == "UBND TỈNH PHÚ THỌ — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def test_a_departments_name_in_sentence_case_under_the_title_is_the_issuer_in_capitals():
    """"Sở Thông tin và Truyền thông tỉnh Quảng Bình" (a Markdown report's bold line) places the report
    in its province as the printed masthead does; a sentence opening on "Sở" is no masthead."""
    assert issuer_of(["Sở Thông tin và Truyền thông tỉnh Quảng Bình"]) == "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH QUẢNG BÌNH"
    assert issuer_of(["Sở TTTT cho biết, năm 2023 doanh thu đạt 1.000 tỷ đồng."]) == ""

import pytest

from ingest.metadata import section_period
from vectorstore.figures import (
    Period,
    answer_figures,
    compared_years,
    find_date,
    find_periods,
    find_years,
    lone_year,
    numbers,
    with_unit,
    without_dates,
)


def labels(text):
    return [period.label for period in find_periods(text)]


def test_half_year_periods_with_and_without_diacritics():
    assert labels("Sơ kết công tác 6 tháng đầu năm 2023") == ["6 tháng đầu năm 2023"]
    assert labels("so lieu 6 thang cuoi nam 2021") == ["6 tháng cuối năm 2021"]


def test_a_part_without_year_takes_the_next_year_named():
    assert labels("6 THÁNG ĐẦU NĂM, ĐỊNH HƯỚNG 6 THÁNG CUỐI NĂM 2021") == [
        "6 tháng đầu năm 2021",
        "6 tháng cuối năm 2021",
    ]


def test_a_month_or_the_months_summed_up_named_alone_are_of_the_reports_own_year_only():
    assert find_periods("T11 ghi nhận 870 vụ; tháng 11 tăng 3%", 2024) == [Period(2024, "m11")]
    assert find_periods("lũy kế 11 tháng: 10.915 vụ", 2024) == [Period(2024, "t11")]
    assert find_periods("tính chung 6 tháng đạt 756 triệu bưu gửi", 2025) == [Period(2025, "h1")]
    # "9 tháng ước đạt …" before "riêng quý III/2024": the nine months, not the quarter named after
    assert find_periods("Doanh thu 9 tháng ước đạt 259.480 tỷ đồng; riêng quý III/2024 ước đạt 88.130 tỷ đồng", 2024) == [
        Period(2024, "9m"),
        Period(2024, "q3"),
    ]
    assert find_periods("triển khai trong 3 tháng", 2024) == []  # a duration
    assert find_periods("tháng 11") == []  # no report year: no period
    # never the year named after it ("Vào tháng 3, … năm 2019" is no March of 2019) …
    assert find_periods("Vào tháng 3, công ty được thành lập năm 2019") == [Period(2019, "year")]
    # … and months coordinated are one period, the last ("tháng 01 và tháng 02 năm 2025")
    assert find_periods("THÁNG 01 VÀ THÁNG 02 NĂM 2025") == [Period(2025, "m2")]
    assert find_periods("ngày 15 tháng 11", 2024) == []  # a date


def test_quarters_and_years():
    assert labels("quý III/2021 và quy 2 nam 2022") == ["quý III/2021", "quý II/2022"]
    assert labels("doanh thu buu chinh thang 1 2025") == ["tháng 1/2025"]  # a month typed with a space before its year
    assert labels("Số doanh nghiệp năm 2021 và năm 2023") == ["năm 2021", "năm 2023"]


def test_years_include_bare_years_and_dates_but_not_figures():
    assert find_years("tháng 6/2023, 942/QĐ-TTg, 1.614.206 tỷ, năm 2021") == [2023, 2021]


def test_overlap():
    assert Period(2023, "h1").overlaps(Period(2023, "year"))
    assert not Period(2023, "h1").overlaps(Period(2023, "h2"))
    assert not Period(2023, "h1").overlaps(Period(2021, "h1"))


def test_dates():
    assert find_date("Hà Nội, ngày 30 tháng 6 năm 2023") == "2023-06-30"
    assert find_date("ngày 15/6/2021") == "2021-06-15"
    assert find_date("date 2021-01") == "2021-01"
    assert find_date("ngày 31/2/2021") is None


def test_compared_years_are_the_bases_of_a_comparison_only():
    assert compared_years("tăng 5,5% so với cùng kỳ năm 2025 và đạt 60% kế hoạch năm 2026") == [2025]
    assert compared_years("giảm 2% so voi 6 thang dau nam 2021") == [2021]
    assert compared_years("Năm 2022 đạt 5 triệu, tăng so với năm 2022 là 3%") == []  # also named on its own
    assert compared_years("Số liệu năm 2023, cùng với kế hoạch") == []


def test_numbers_as_written():
    assert numbers("giảm 8,66% còn 1.614.206 tỷ năm 2023") == ["8,66", "1.614.206", "2023"]
    assert [with_unit("73,2", "% dân số"), with_unit("57,6", "%"), with_unit("27.477", "tỷ đồng")] == ["73,2% dân số", "57,6%", "27.477 tỷ đồng"]


def test_what_answers_how_many_is_a_figure_or_a_number_word_never_a_bare_year():
    assert answer_figures("đạt 77,1% vào năm 2023") == ["77,1"]
    assert answer_figures("Đến năm 2025 có hai đội") == ["hai"]
    assert answer_figures("Định hướng đến năm 2025") == []
    assert answer_figures("là mạng di động thứ hai của Việt Nam") == []  # an ordinal counts nothing


def test_a_lone_year_with_or_without_its_word():
    assert lone_year("năm 2021") == lone_year("2021") == lone_year("nam 2021") == 2021
    assert lone_year("6 tháng đầu năm 2021") is None


def test_a_cut_off_date_in_words_names_its_month_and_a_years_figure_is_no_figure_of_june():
    assert labels("tổng vốn hóa 162 584 triệu EUR tính đến ngày 31 tháng 8 năm 2009") == ["tháng 8/2009"]
    assert labels("Hà Nội, ngày 28 tháng 12 năm 2022") == ["năm 2022"]  # a date, not a month's figure
    assert not Period(2020, "year").answers(Period(2020, "m6"))  # "TH năm 2020" is not "đến 30/6/2020"
    assert Period(2019, "year").answers(Period(2019, "m12"))  # a count at the year's end
    # counted to the year's last day: the year's figure (a later report's count of the year)
    assert labels("số doanh nghiệp đang hoạt động đến ngày 31/12/2024 là 74.215") == ["năm 2024"]
    assert labels("Số thuê bao tính đến ngày 31 tháng 12 năm 2023 đạt 20 triệu") == ["năm 2023"]
    assert labels("số thuê bao đến ngày 15/12/2024 là 5") == ["tháng 12/2024"]
    assert Period(2020, "h1").answers(Period(2020, "m6"))


def test_a_date_names_no_period_but_a_cut_off_does():
    dateline = "Đăng lúc 15:20, Thứ Hai, ngày 08 tháng 4 năm 2024 — Nguồn: Vụ Kế hoạch - Tài chính"
    assert find_periods(without_dates(dateline)) == []
    assert labels(without_dates("KẾT QUẢ ĐẾN NGÀY 30/6/2023")) == ["tháng 6/2023"]
    # a news page's dateline read as a heading does not make its quarter's figures the year's
    assert section_period((dateline, "1. Bưu chính, viễn thông"), Period(2024, "q1")) == Period(2024, "q1")


def test_what_answers_how_many_is_a_number_not_a_code_nor_the_rate_word():
    assert answer_figures("Tỷ lệ sử dụng IPv6 của Việt Nam thuộc nhóm cao trong khu vực.") == []
    assert answer_figures("Vệ tinh Vinasat-1 phủ sóng 5G và 4G.") == []
    assert answer_figures("Có 6.500 trạm phát sóng 5G, tổng vốn 3 tỷ đồng.") == ["6.500", "3", "tỷ"]
    assert answer_figures("Không có hiệp ước nào đề cập đến việc này.") == ["Không có hiệp ước nào"]  # none is a count
    # a day's date, a month, an ordinal count nothing ("… bao nhiêu đại biểu … tán thành?")
    assert answer_figures("Luật được thông qua ngày 5 tháng 4 năm 2016 tại kỳ họp thứ 11, có hiệu lực từ 01/01/2017.") == []
    assert answer_figures("Tháng 10/2024 đạt 30.140; lũy kế 10 tháng: 289.810, bằng 45,2% vào tháng 6.") == ["30.140", "10", "289.810", "45,2"]


def test_a_level_or_a_stage_by_its_number_counts_nothing():
    assert answer_figures("Tài khoản mức độ 2 được cấp khi người dân đăng ký trực tiếp.") == []
    assert answer_figures("Giai đoạn 4 gồm 15 tỉnh.") == ["15"]


def test_a_bylines_date_after_its_weekday_names_no_period_and_a_day_before_a_month_is_a_date():
    """"Bài: Thu Hà | Thứ Sáu, 7 tháng 2 năm 2025 | 08:30" made a heading had dated an article on 2024
    as February 2025; "7 tháng 2 năm 2025" is a day, not the month's figure."""
    byline = "Bài: Thu Hà | Thứ Sáu, 7 tháng 2 năm 2025 | 08:30 (GMT+7)"
    assert find_periods(without_dates(byline)) == []
    title = "Thương mại điện tử Việt Nam năm 2024: Shopee dẫn đầu"
    assert section_period((title, byline, "Thị phần"), None) == find_periods(title)[0]
    assert labels("Hà Nội, 7 tháng 2 năm 2025") == ["năm 2025"]


def test_a_quarter_typed_with_a_space_before_its_year():
    assert labels("so TB 5G cua Viettel Q2 2025") == ["quý II/2025"]
    assert labels("thi phan q3 nam 2024") == ["quý III/2024"]


@pytest.mark.parametrize(
    "text",
    ["Từ tháng 1 đến tháng 10/2024", "từ đầu năm đến hết tháng 10/2024", "tính từ tháng 01/2024 đến tháng 10/2024", "tu thang 1 den thang 10 nam 2024"],
)
def test_the_months_from_january_to_a_month_are_summed_not_that_month(text: str):
    assert find_periods(text) == [Period(2024, "t10")]
    assert find_periods("từ tháng 3 đến tháng 10/2024") != [Period(2024, "t10")]  # not from January: no first months

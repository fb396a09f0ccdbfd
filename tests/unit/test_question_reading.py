"""What a question asks: periods (named, shorthand, relative), the kind of figure, comparisons, what
is measured — typed with diacritics or without (assistant/query.py)."""

from __future__ import annotations

import pytest

from assistant.query import analyze, asked_bodies, asks_for_figure, measured_head, named_places, names_a_measure
from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import Period
from vectorstore.glossary import Glossary

GLOSSARY = Glossary.load()
LATEST = Period(2023, "h1")  # the latest report's period: what "năm ngoái", "kỳ trước" are read against


def read(question: str):
    return analyze(question, GLOSSARY, latest=LATEST)


@pytest.mark.parametrize(
    "question, periods",
    [
        ("Doanh thu bưu chính 6 tháng đầu năm 2023 là bao nhiêu?", [Period(2023, "h1")]),
        ("doanh thu buu chinh 6 thang dau nam 2023", [Period(2023, "h1")]),
        ("Doanh thu bưu chính 6T/2023?", [Period(2023, "h1")]),
        ("doanh thu 9T2024", [Period(2024, "9m")]),
        ("Số thuê bao quý III/2024", [Period(2024, "q3")]),
        ("so thue bao Q3/2024", [Period(2024, "q3")]),
        ("tb di dong cua mobifone q1 2025", [Period(2025, "q1")]),
        ("tb brdd nghe an 2023 vs 2024", [Period(2023, "year"), Period(2024, "year")]),
        # typed without "năm"
        ("doanh thu TMĐT 9 tháng 2024", [Period(2024, "9m")]),
        ("doanh thu 6 thang dau 2023", [Period(2023, "h1")]),
        ("so thue bao quy 3 2024", [Period(2024, "q3")]),
        ("Tỷ lệ DVCTT nửa đầu năm 2022", [Period(2022, "h1")]),
        ("Doanh thu năm 2021 và năm 2023 lần lượt là bao nhiêu?", [Period(2021, "year"), Period(2023, "year")]),
        # a year after "và" or a comma is of the same part as the period before it
        ("So sánh số doanh nghiệp công nghệ số năm 2021 và 2023", [Period(2021, "year"), Period(2023, "year")]),
        ("doanh thu năm 2021, 2022 và 2023", [Period(2021, "year"), Period(2022, "year"), Period(2023, "year")]),
        ("doanh thu vien thong 2019 2021 2023", [Period(2019, "year"), Period(2021, "year"), Period(2023, "year")]),
        ("Doanh thu 6 tháng đầu năm 2022 và 2023?", [Period(2022, "h1"), Period(2023, "h1")]),
        ("doanh thu viễn thông quý III/2023 và 2024", [Period(2023, "q3"), Period(2024, "q3")]),
        # a year typed alone is a year; a count, a document number or a span is not
        ("ty le nguoi dung internet 2021", [Period(2021, "year")]),
        ("so sanh doanh thu 2022 va 2023", [Period(2022, "year"), Period(2023, "year")]),
        ("so sánh tỷ lệ DVCTT toàn trình 2023 với 2024", [Period(2023, "year"), Period(2024, "year")]),
        ("Số DN công nghệ số 2023 là bao nhiêu?", [Period(2023, "year")]),
        ("Có bao nhiêu trong 2000 doanh nghiệp được hỗ trợ?", []),
        ("Quyết định số 2023/QĐ-BTTTT giao chỉ tiêu gì?", []),
        # a rate over a span ("bình quân … mỗi năm") is of the span, not each of its years
        ("Số thuê bao băng rộng di động tăng bình quân bao nhiêu mỗi năm giai đoạn 2016-2020?", []),
        # a year after an index's abbreviation is its edition
        ("EGDI 2024 VN xep thu bao nhieu", [Period(2024, "year")]),
        ("EGDI 2022 và 2024 VN xếp thứ mấy", [Period(2022, "year"), Period(2024, "year")]),
        # … and after the kind of figure, typed without "năm"
        ("kh 2026 ty le nguoi dung internet bao nhieu", [Period(2026, "year")]),
        ("chi tieu 2025 so DNCNS", [Period(2025, "year")]),
        # the base it compares with is not a period asked
        ("Doanh thu năm 2023 tăng bao nhiêu so với năm 2022?", [Period(2023, "year")]),
        # … unless each year's figure is asked for too
        ("Số cuộc tấn công năm 2023 tăng so với năm 2022 ra sao? Cho số liệu từng năm.", [Period(2023, "year"), Period(2022, "year")]),
        # relative periods, against the latest report
        ("Doanh thu bưu chính năm ngoái là bao nhiêu?", [Period(2022, "year")]),
        ("doanh thu buu chinh ky truoc", [Period(2022, "h2")]),
        ("Doanh thu bưu chính là bao nhiêu?", []),
        # a month as reports write it in shorthand
        ("so vu TCM T11/2024", [Period(2024, "m11")]),
        # a day typed in slashes is the date a stock is counted to: its month
        ("thue bao brcd thang 10/2024 so voi 30/6/2024", [Period(2024, "m10"), Period(2024, "m6")]),
        ("Số thuê bao di động 31/3/2025?", [Period(2025, "m3")]),
        # the meeting's name says when a figure was announced; another period named is the one asked
        ("Tại hội nghị sơ kết 6 tháng đầu năm 2022, Bộ đặt mục tiêu doanh thu cả năm 2022 là bao nhiêu?", [Period(2022, "year")]),
        ("Tại hội nghị sơ kết 6 tháng đầu năm 2022, doanh thu 6 tháng đạt bao nhiêu?", [Period(2022, "h1")]),
    ],
)
def test_the_periods_a_question_asks_about(question: str, periods: list[Period]):
    assert read(question).periods == periods


@pytest.mark.parametrize(
    "question, kind",
    [
        ("Mục tiêu tỷ lệ hộ gia đình dùng cáp quang năm 2023 là bao nhiêu?", "target"),
        ("chi tieu ke hoach doanh thu nam 2024", "target"),
        ("Kết quả thực hiện mục tiêu 90% người dùng có smartphone năm 2021?", "result"),
        ("Doanh thu năm 2023 tăng bao nhiêu so với năm 2022?", "change"),
        ("Số thuê bao băng rộng di động tăng bình quân bao nhiêu mỗi năm giai đoạn 2016-2020?", "change"),
        ("Doanh thu bưu chính đạt bao nhiêu % kế hoạch năm?", "share"),
        ("doanh thu buu chinh dat bao nhieu phan tram ke hoach", "share"),
        ("Số hộ nông dân lên sàn TMĐT 9 tháng 2024 so với kế hoạch?", "share"),  # reached against planned
        ("so doanh nghiep cong nghe so so voi muc tieu", "share"),
        ("Mục tiêu tỷ lệ DVCTT toàn trình năm 2023 và kết quả đạt được", "share"),  # both asked
        ("So sánh kết quả thực hiện doanh thu viễn thông 6 tháng đầu năm 2023 với kế hoạch năm", "share"),
        ("So ho nong dan len san TMDT nam 2024 co dat ke hoach khong?", "share"),
        ("Tỷ lệ người dùng Internet đã vượt mục tiêu chưa?", "share"),
        ("Năm 2019 ngành TT&TT đặt mục tiêu doanh thu công nghiệp ICT đạt bao nhiêu?", "target"),  # "đặt", not "đạt"
        ("Tổng DT toàn ngành 6T/2024 đạt bn % KH năm?", "share"),  # chat shorthand, the plan abbreviated
        ("So với năm 2023, tỷ lệ hồ sơ xử lý trực tuyến 6 tháng đầu năm 2024 tăng thêm bao nhiêu?", "change"),
        ("kh 2025 tỷ lệ hộ gia đình có cáp quang", "target"),  # the plan's abbreviation before its year
        ("TH 2023 so DNCNS", "result"),
        ("Kế hoạch thực hiện năm 2024 về số DNCNS", "target"),
        ("số KH được hỗ trợ năm 2024", None),  # "KH" not before a year: not the plan
        # a plan issued is a document counted: how many provinces did, not the plan's target
        ("Bao nhiêu tỉnh, thành phố đã ban hành Kế hoạch phát triển hạ tầng số giai đoạn 2025–2030?", None),
        ("so bo nganh da phe duyet ke hoach chuyen doi so nam 2024", None),
        ("Năm 2024 Bộ TTTT hoàn thành bao nhiêu chỉ tiêu chủ yếu được giao?", None),  # targets counted
        ("Doanh thu viễn thông 6 tháng đạt bao nhiêu chỉ tiêu năm?", "share"),
        ("Doanh thu bưu chính năm 2023 là bao nhiêu?", None),
    ],
)
def test_the_kind_of_figure_asked(question: str, kind: str | None):
    assert read(question).asked_kind == kind


def test_comparisons_are_read_from_the_words_or_from_two_periods():
    assert read("So sánh doanh thu bưu chính qua các năm").compares
    assert read("doanh thu buu chinh nam 2021 va nam 2023").compares
    assert read("Doanh thu bưu chính chênh lệch giữa các kỳ ra sao?").compares
    assert not read("Doanh thu bưu chính năm 2023?").compares


@pytest.mark.parametrize(
    "question",
    ["Tỷ lệ người sử dụng Internet năm 2021 và 2024 khác nhau thế nào?", "doanh thu vien thong 2019 va 2023 chenh lech bao nhieu"],
)
def test_how_two_periods_are_compared_is_no_part_of_what_is_measured(question: str):
    query = read(question)
    assert len(query.periods) == 2 and query.compares
    assert not {"khác", "nhau", "chênh", "lệch", "khac", "chenh", "lech"} & set(query.indicator.split())


def test_which_of_two_periods_is_more_is_a_comparison_of_both_and_higher_by_how_much_a_change():
    query = read("Số cuộc tấn công mạng bị ngăn chặn năm 2021 và năm 2022 là bao nhiêu, năm nào nhiều hơn?")
    assert query.periods == [Period(2021, "year"), Period(2022, "year")] and query.asked_kind is None
    assert query.head == ("cuoc", "tan") and query.indicator == "số cuộc tấn công mạng. ngăn chặn"
    query = read("Tỷ lệ hồ sơ xử lý trực tuyến 6 tháng đầu năm 2024 cao hơn năm 2023 bao nhiêu điểm phần trăm?")
    assert (query.asked_kind, query.periods, query.bases) == ("change", [Period(2024, "h1")], [Period(2023, "year")])
    assert query.indicator == "tỷ lệ hồ sơ xử lý trực tuyến"


def test_a_span_asked_as_a_whole_is_no_year_of_it_and_the_plan_typed_kh_is_a_target():
    query = read("Tổng số vụ tấn công mạng cả giai đoạn 2020 - 2024 là bao nhiêu?")
    assert (query.span, query.periods) == ((2020, 2024), [])  # "2024" had been asked alone
    assert read("KH doanh thu viễn thông năm 2024 được giao là bao nhiêu?").asked_kind == "target"
    assert read("nam 2024 co bao nhieu vu tan cong phishing").indicator == "vu tan cong phishing"  # "co" had been its first phrase


def test_the_same_span_of_a_year_named_is_the_base_of_that_span():
    """"9 tháng đầu năm 2024 … so với cùng kỳ năm 2023": the base is 2023's nine months (it had been the
    whole year 2023, and the decline listed the year's revenue beside the nine months' as the base)."""
    query = read("Doanh thu bưu chính 9 tháng đầu năm 2024 tăng bao nhiêu % so với cùng kỳ năm 2023?")
    assert (query.asked_kind, query.periods, query.bases) == ("change", [Period(2024, "9m")], [Period(2023, "9m")])
    query = read("Doanh thu năm 2024 tăng bao nhiêu so với cùng kỳ năm 2023?")
    assert query.bases == [Period(2023, "year")]


@pytest.mark.parametrize(
    "question, indicator",
    [
        ("Chỉ số DTI năm 2022 của Thanh Hóa đứng thứ mấy trong cả nước?", "chỉ số dti"),
        ("DTI 2023 Nghe An xep thu may", "dti xep"),
        # the place named by its people or its kind ("người dân Quảng Ninh", "tỉnh Quảng Ninh")
        ("Tỷ lệ người dân Quảng Ninh sử dụng Internet năm 2021 là bao nhiêu?", "tỷ lệ người dân sử dụng internet"),
        ("Cổng Dịch vụ công quốc gia tiếp nhận bao nhiêu hồ sơ?", "cổng dịch vụ công quốc gia tiếp nhận. hồ sơ"),
        # the country's average compared with is a scope too ("bình quân" had been read as measured)
        ("Tỷ lệ hộ có cáp quang ở Nghệ An năm 2024 so với bình quân cả nước?", "tỷ lệ hộ. cáp quang"),
    ],
)
def test_the_place_asked_of_is_its_scope_not_what_it_measures(question: str, indicator: str):
    assert read(question).indicator == indicator


def test_the_whole_year_asked_in_so_many_words():
    assert read("Doanh thu bưu chính cả năm 2024 thực hiện được bao nhiêu?").whole_year
    assert not read("Doanh thu bưu chính năm 2024 là bao nhiêu?").whole_year


@pytest.mark.parametrize(
    "question, kinds",
    [
        ("Tỷ lệ hồ sơ TTHC xử lý trực tuyến năm 2023 và chỉ tiêu năm 2024", [(2023, "result"), (2024, "target")]),
        ("Kế hoạch năm 2024 và kết quả năm 2023 về doanh thu viễn thông", [(2024, "target"), (2023, "result")]),
        ("ty le ho so truc tuyen 2023 va chi tieu 2025", [(2023, "result"), (2025, "target")]),
        ("ket qua 6t/2023 va chi tieu 2025 ve DVCTT toan trinh", [(2023, "result"), (2025, "target")]),
        # the last period followed by what it reached, its year carried from the period before
        ("Mục tiêu năm 2023 về tỷ lệ HSTT toàn trình là bao nhiêu và 6 tháng đầu năm đạt được bao nhiêu?", [(2023, "target"), (2023, "result")]),
        ("muc tieu 2025 ve dvctt toan trinh va 9 thang dau nam dat bn", [(2025, "target"), (2025, "result")]),
        # the kind said after a period, in its own clause
        ("Doanh thu bưu chính năm 2024 được giao kế hoạch bao nhiêu và 6 tháng đầu năm đã thực hiện được bao nhiêu?", [(2024, "target"), (2024, "result")]),
        ("Mục tiêu thuê bao 5G năm 2025 là bao nhiêu, và đến hết tháng 6/2025 đã có bao nhiêu thuê bao 5G?", [(2025, "target"), (2025, "result")]),
        # one kind for all periods: the question's kind holds
        ("Chỉ tiêu doanh thu năm 2024 và năm 2025", []),
        ("Doanh thu năm 2022 và năm 2023", []),
        ("Kết quả thực hiện nhiệm vụ năm 2023 và phương hướng năm 2024", []),
        ("Doanh thu 6 tháng đầu năm 2024 đạt bao nhiêu % kế hoạch năm 2024?", []),  # a share of the plan
    ],
)
def test_each_period_asked_a_kind_of_its_own(question: str, kinds: list[tuple[int, str]]):
    assert [(period.year, kind) for period, kind in read(question).period_kinds] == kinds


def test_the_base_a_change_is_measured_from_is_kept_apart_from_the_period_asked():
    query = read("Số cuộc tấn công mạng năm 2023 tăng bao nhiêu so với năm 2021?")
    assert (query.asked_kind, query.periods, query.bases) == ("change", [Period(2023, "year")], [Period(2021, "year")])
    assert read("Doanh thu năm 2023 tăng bao nhiêu?").bases == []


@pytest.mark.parametrize(
    "question, periods, bases",
    [
        # a range of years asked: each year of it (only the last had been asked)
        ("Doanh thu viễn thông từ năm 2021 đến năm 2023?", [Period(2021), Period(2022), Period(2023)], []),
        ("doanh thu buu chinh 2021 den 2023", [Period(2021), Period(2022), Period(2023)], []),
        ("Số doanh nghiệp công nghệ số giai đoạn 2020-2023 qua các năm", [Period(y) for y in range(2020, 2024)], []),
        # a change over it: the last year against the first
        ("Doanh thu tăng bao nhiêu từ năm 2021 đến năm 2023?", [Period(2023)], [Period(2021)]),
        # a span named alone is a span of its own ("tăng bình quân … giai đoạn 2019-2023")
        ("Doanh thu giai đoạn 2019-2023 tăng bình quân bao nhiêu?", [], []),
        # a plan named by its span beside the year asked: the year ("5" and 2021 had been asked too)
        ("Kế hoạch 5 năm 2021-2025 đặt mục tiêu doanh thu ICT năm 2025 bao nhiêu?", [Period(2025)], []),
        # a goal "đến năm 2025" is no range
        ("Mục tiêu tỷ lệ DVCTT đến năm 2025 là bao nhiêu?", [Period(2025)], []),
    ],
)
def test_a_range_of_years_asked_is_each_of_its_years(question: str, periods: list[Period], bases: list[Period]):
    query = read(question)
    assert (query.periods, query.bases) == (periods, bases)


@pytest.mark.parametrize(
    "question, asks",
    [
        ("Tỷ lệ người dùng Internet đạt bao nhiêu?", True),
        ("ty le nguoi dung internet", True),
        ("Doanh thu tăng bao nhiêu?", True),
        # folded words that only look like figure words: "giám" (giảm), "máy" (mấy), "đất" (đạt)
        ("Ai là giám đốc Sở?", False),
        ("Máy phát điện do ai phát minh?", False),
        ("Đất nước nào đăng cai?", False),
        # a figure verb in a question that asks for something else
        ("Khi nào Tesla đạt được bằng sáng chế máy phát điện?", False),
        ("Nguồn cung dầu tăng ở khu vực nào?", False),
        # a counted noun asks how many, unless something else is asked
        ("thue bao bang rong co dinh hien nay", True),
        ("Thuê bao rác được xử lý như thế nào?", False),
    ],
)
def test_whether_a_figure_is_asked(question: str, asks: bool):
    assert asks_for_figure(question) == asks


@pytest.mark.parametrize("question", ["ty le nguoi dung internet 6T/2023 bao nhieu", "ty le nguoi dung internet 6 thang 2023 bao nhieu"])
def test_a_shorthand_period_spelled_out_keeps_a_question_without_diacritics_without_them(question: str):
    query = read(question)
    assert query.text == "ty le nguoi dung internet 6 thang dau nam 2023 bao nhieu"
    assert query.asks_figure and query.periods == [Period(2023, "h1")]


@pytest.mark.parametrize("question", ["tb di dong cua mobifone q1 2025", "tb di dong cua mobifone Q1/2025", "tb di dong cua mobifone q1 nam 2025"])
def test_a_quarter_typed_short_is_spelled_as_the_reports_write_it(question: str):
    """"q1 2025" and "quý I/2025" are the same words to the reports' lexical index."""
    assert read(question).text == "thue bao di dong cua mobifone quy I/2025"


@pytest.mark.parametrize(
    "question, head",
    [
        ("Cả nước có bao nhiêu thuê bao 5G?", ("thue", "bao", "5g")),
        ("ca nuoc co bao nhieu thue bao 5g", ("thue", "bao", "5g")),
        ("Số DNCNS năm 2022 theo Bộ TT&TT là bao nhiêu?", ("dncns",)),
        ("Năm 2024 có bao nhiêu trung tâm dữ liệu đang hoạt động?", ("trung", "tam", "du")),
        ("Doanh thu dịch vụ viễn thông năm 2020 là bao nhiêu?", ("vien", "thong")),
        ("Lợi nhuận của các doanh nghiệp viễn thông năm 2023?", ("doanh", "nghiep")),
        ("Tổng thiệt hại do lừa đảo trực tuyến năm 2024 là bao nhiêu tiền?", ("thiet", "hai")),
        ("Số lượng DNCNS 6T/2021 tăng bao nhiêu so với cùng kỳ?", ("dncns",)),
        # "đóng góp" and "nộp" say how, not what: the budget is what is measured, however it is named
        ("Đóng góp NSNN của ngành TTTT năm 2024 là bao nhiêu?", ("nsnn",)),
        ("Nộp ngân sách nhà nước năm 2024 là bao nhiêu?", ("ngan", "sach")),
        # ministries, provinces, localities counted are what is counted, though they lead other names
        ("CSDL quốc gia về dân cư đã kết nối với bao nhiêu bộ, ngành?", ("bo", "nganh")),
        ("Có bao nhiêu địa phương đã kết nối CSDL dân cư?", ("dia", "phuong")),
        # the country, "của", a field before a colon, "xếp thứ": none is what is measured
        ("EGDI 2024 VN xep thu bao nhieu", ("egdi",)),
        ("Giá trị Việt Nam trên doanh thu công nghiệp ICT đạt bao nhiêu?", ("doanh", "thu")),  # the country gone, "trên" too
        ("Năm 2023 Việt Nam đứng thứ mấy trong bảng xếp hạng Chỉ số Đổi mới sáng tạo toàn cầu?", ("doi", "moi")),
        ("ket qua va ke hoach doanh thu cong nghiep ict nam 2023", ("cong", "nghiep")),  # "va" joins the kinds
        ("doanh thu cua nganh buu chinh 6 thang dau nam 2023", ("buu", "chinh")),
        ("so sanh ket qua 6 thang dau nam 2022 va 6 thang dau nam 2023 ve thue bao bang rong co dinh cua tinh", ("thue", "bao")),
        ("CĐS: tỷ lệ hồ sơ xử lý trực tuyến 6 tháng đầu 2023", ("ho", "so")),
        ("Kết quả xử lý tin giả 6T/2023", ("tin", "gia")),
        # the whole sector's revenue: the sector is what is measured
        ("Tổng doanh thu ngành TTTT 6 tháng đầu năm 2021 đạt bao nhiêu và tăng bao nhiêu phần trăm?", ("nganh",)),
        # where it was announced is not what it measures
        ("Tại hội nghị sơ kết 6 tháng đầu năm 2022, Bộ đặt mục tiêu doanh thu dịch vụ viễn thông là bao nhiêu?", ("vien", "thong")),
    ],
)
def test_what_a_question_counts_or_measures(question: str, head: tuple[str, ...]):
    assert measured_head(question) == head


@pytest.mark.parametrize(
    "question, counted",
    [
        ("Có bao nhiêu doanh nghiệp công nghệ số trên toàn quốc?", ("doanh", "nghiep", "cong")),
        ("CSDL quốc gia về dân cư đã kết nối với bao nhiêu bộ, ngành?", ("bo", "nganh")),
        # a sum of money, a share, a measure named before "bao nhiêu": nothing counted
        ("Tổng thiệt hại do lừa đảo trực tuyến năm 2024 là bao nhiêu tiền?", ()),
        ("Tỷ lệ người dùng Internet năm 2023 là bao nhiêu %?", ()),
        ("Có bao nhiêu hồ sơ được xử lý trực tuyến năm 2024?", ("ho", "so")),
        ("Doanh thu dịch vụ viễn thông năm 2020 là bao nhiêu?", ()),
    ],
)
def test_what_a_question_counts(question: str, counted: tuple[str, ...]):
    assert read(question).counts == counted


@pytest.mark.parametrize(
    "question, answer_type",
    [("Tesla qua đời năm nào?", "time"), ("Khi nào Luther rời Wittenberg?", "time"), ("Ai đã hát quốc ca?", "name"),
     ("Broncos đánh bại đội nào?", "name"), ("Lệnh cấm vận có tác động gì?", None)],
)
def test_what_kind_of_answer_a_question_wants(question: str, answer_type: str | None):
    assert read(question).answer_type == answer_type


@pytest.mark.parametrize(
    "question, measure",
    [
        ("Khó khăn vướng mắc trong lĩnh vực kinh tế số năm 2023", False),  # "số" of "kinh tế số"
        ("nhiem vu chuyen doi so 6 thang cuoi nam", False),
        ("Doanh thu bưu chính năm 2023", True),
        ("ty le ho gia dinh co cap quang", True),
        ("Có bao nhiêu Tổ công nghệ số cộng đồng?", True),
    ],
)
def test_a_measure_is_named_by_its_word_not_by_a_verb_or_the_syllable_so(question: str, measure: bool):
    assert names_a_measure(question) is measure


@pytest.mark.parametrize(
    ("question", "indicator"),
    [
        ("Cho tôi số doanh thu dịch vụ viễn thông lũy kế 9 tháng năm 2023.", "số doanh thu dịch vụ viễn thông"),
        ("cho toi doanh thu buu chinh nam 2023", "doanh thu buu chinh"),
        ("Tôi muốn biết tỷ lệ hộ gia đình dùng cáp quang năm 2023 nhé", "tỷ lệ hộ gia đình dùng cáp quang"),
        # the whole country, "the latest", a plan "được giao", an estimate: none is what is measured
        ("Hiện nay cả nước có bao nhiêu doanh nghiệp công nghệ số?", "doanh nghiệp công nghệ số"),
        ("Kế hoạch doanh thu toàn ngành được giao cho năm 2023 là bao nhiêu?", "doanh thu toàn ngành"),
        ("Doanh thu dịch vụ viễn thông 6 tháng đầu năm 2024 ước đạt bao nhiêu?", "doanh thu dịch vụ viễn thông"),
        ("giá trị giao dịch thương mại điện tử năm 2023", "giá trị giao dịch thương mại điện tử"),
        ("công ước về an ninh mạng", "công ước. an ninh mạng"),
        # shorthand typed in a question is spelled out ("DT", "VT"); "ĐT" and "KH&ĐT" are not it
        ("DT dịch vụ VT 6T/2024 ước đạt bao nhiêu?", "doanh thu dịch vụ viễn thông"),
        ("Doanh thu ĐT năm 2023", "doanh thu đt"),
        ("doanh thu CN ICT nam 2019 va 2023", "doanh thu cong nghiep ict"),
        ("Chỉ tiêu tổng doanh thu toàn ngành giao cho năm 2023 là bao nhiêu?", "tổng doanh thu toàn ngành"),
        # a joining word left at the edge once the periods and kind words are gone
        ("ty le ho so truc tuyen 2023 va chi tieu 2025", "ty le ho so truc tuyen"),
        ("ket qua 6t/2023 va chi tieu 2025 ve DVCTT toan trinh", "dvctt toan trinh"),
        # where the period is cut ("tính đến hết", "hết … ,") and how far it got ("mới đạt"), and "cả năm"
        ("Số thuê bao di động tính tới hết quý II/2024 là bao nhiêu?", "số thuê bao di động"),
        ("Hết 9 tháng năm 2023, doanh thu viễn thông mới đạt bao nhiêu % kế hoạch cả năm?", "doanh thu viễn thông"),
        # chat shorthand typed in lower case, "TH" for the result
        ("tb di dong 9t/2023 dc bn", "thue bao di dong"),
        ("dt vien thong quy 3 2024 ko", "doanh thu vien thong"),
        ("ty le ho gd co cap quang cuoi 2024", "ty le ho gia dinh co cap quang"),
        ("so ten mien .vn dang ky nam 2023", "so ten mien vn dang ky"),  # a domain, not "Việt Nam"
        ("TH tỷ lệ hồ sơ trực tuyến năm 2023 đạt bn?", "tỷ lệ hồ sơ trực tuyến"),
    ],
)
def test_how_a_request_is_put_is_no_part_of_what_it_measures(question: str, indicator: str):
    assert analyze(question, GLOSSARY).indicator == indicator


@pytest.mark.parametrize(
    "question, number, unit",
    [
        ("Tỷ lệ sử dụng IPv6 của Việt Nam đạt bao nhiêu phần trăm?", True, "percent"),
        ("doanh thu 2023 dat bn %", True, "percent"),
        ("Viettel đã trả bao nhiêu tiền để trúng đấu giá?", True, "money"),
        ("Có mấy tuyến cáp quang biển?", True, None),
        ("ty le may tinh co ket noi internet", False, None),  # "may" unaccented is also "máy"
        ("Doanh thu viễn thông năm 2023 tăng nhờ đâu?", False, None),
        ("Nghị định nào ban hành năm 2018 quy định về chữ ký số?", False, None),  # "số" is "digital" there
    ],
)
def test_a_question_asking_for_a_number_and_its_unit(question: str, number: bool, unit: str | None):
    query = read(question)
    assert (query.asks_number, query.asks_unit) == (number, unit)


@pytest.mark.parametrize(
    "question, indicator",
    [
        ("Chỉ tính trong tháng 11/2024, doanh thu bưu chính đạt bao nhiêu?", "doanh thu bưu chính"),
        ("Riêng tháng 10/2024, doanh thu dịch vụ viễn thông được bao nhiêu?", "doanh thu dịch vụ viễn thông"),
        ("Số vụ tấn công mạng riêng quý 3/2024", "số vụ tấn công mạng"),
        ("Doanh thu công nghiệp ICT riêng quý III năm 2025 đạt bao nhiêu?", "doanh thu công nghiệp ict"),
        ("Cả nước hiện có bao nhiêu thuê bao băng rộng cố định?", "thuê bao băng rộng cố định"),  # "hiện có": now
        # "riêng" as a word of what is measured stays
        ("Mạng dùng riêng của cơ quan Đảng có bao nhiêu điểm kết nối?", "mạng dùng riêng. cơ quan đảng. điểm kết nối"),
    ],
)
def test_only_that_period_is_a_way_of_asking_not_a_word_of_the_indicator(question: str, indicator: str):
    assert read(question).indicator == indicator


def test_chat_shorthand_for_the_ict_industry():
    """"dt cn ict 2024 dc bn": the ICT industry's revenue (the month's quick report writing "CN ICT" had
    been the only match, and the year said not held)."""
    assert read("dt cn ict 2024 dc bn").indicator == "doanh thu cong nghiep ict"  # unaccented as typed


@pytest.mark.parametrize(
    "question, indicator",
    [
        # "đầu" of a noun stays ("đầu sách": titles published); "đầu năm" is when
        ("Số đầu sách xuất bản năm 2023?", "số đầu sách xuất bản"),
        ("so dau sach xb 2023 bn", "so dau sach xuat ban"),  # "xb": xuất bản, typed unaccented
        ("Số thuê bao 5G đầu năm 2024?", "số thuê bao 5g"),
        ("Vốn đầu tư năm 2024 là bao nhiêu?", "vốn đầu tư"),  # had been "vốn tư"
        ("so kenh PT, TH nam 2023 bn", "so kenh phat thanh. truyen hinh"),  # "PT, TH": not "thực hiện"
    ],
)
def test_a_noun_of_what_is_counted_is_no_word_of_when(question: str, indicator: str):
    assert read(question).indicator.strip(" .") == indicator


@pytest.mark.parametrize(
    "question, indicator, excluded",
    [
        ("so kenh truyen hinh (ko tinh phat thanh) nam 2024", "so kenh truyen hinh", ("phat", "thanh")),
        ("Số kênh truyền hình, không tính kênh phát thanh, năm 2024?", "số kênh truyền hình", ("phat", "thanh")),
        ("Số cơ quan báo chí không tính tạp chí năm 2023?", "số cơ quan báo chí", ("tap",)),
        ("Số thuê bao di động năm 2024?", "số thuê bao di động", ()),
    ],
)
def test_what_a_question_leaves_out_is_no_word_of_what_it_measures(question: str, indicator: str, excluded: tuple[str, ...]):
    query = read(question)
    assert (query.indicator.strip(" ."), query.excluded) == (indicator, excluded)


def test_a_part_asked_without_its_year_takes_the_year_named_before_it():
    """"… tháng 11 2024 và lũy kế 11 tháng": the eleven months of 2024 (those of the latest report's
    year, 2025, had been said not held); a month named alone is still the latest report's."""
    latest = Period(2025, "year")
    assert analyze("doanh thu buu chinh thang 11 2024 va luy ke 11 thang", Glossary.load(), latest=latest).periods == [
        Period(2024, "m11"),
        Period(2024, "t11"),
    ]
    assert analyze("doanh thu bưu chính tháng 10", Glossary.load(), latest=latest).periods == [Period(2025, "m10")]


@pytest.mark.parametrize(
    "question, bodies",
    [
        ("Thị phần di động của VNPT năm 2022?", ("vnpt",)),
        ("doanh thu của Tập đoàn VNPT", ("vnpt",)),
        ("thi phan cua MobiFone", ("mobifone",)),
        ("Cuối năm 2023 MobiFone có bao nhiêu thuê bao di động?", ("mobifone",)),  # a brand's inner capital
        ("Tỷ lệ sử dụng IPv6 là bao nhiêu", ()),
        # a place, the ministry, a word with diacritics: no company asked of
        ("DTI 2023 của Thanh Hóa", ()),
        ("Tỷ lệ DVCTT của Bộ TTTT", ()),
        ("Số thuê bao của VN", ()),
    ],
)
def test_the_company_a_question_asks_of(question: str, bodies: tuple[str, ...]):
    assert asked_bodies(question) == bodies


@pytest.mark.parametrize(
    "question, indicator, head",
    [
        ("cho em hỏi số DNCNS năm 2021 với ạ", "số dncns", ("dncns",)),
        ("cho em hoi doanh thu toan nganh 2021 voi a", "doanh thu toan nganh", ("nganh",)),
        ("Con số chính xác về nộp ngân sách nhà nước năm 2021 là bao nhiêu vậy?", "nộp ngân sách nhà nước", ("ngan", "sach")),
        ("Doanh thu công nghiệp ICT năm 2021 cụ thể là bao nhiêu?", "doanh thu công nghiệp ict", ("cong", "nghiep")),
        ("Doanh thu công nghiệp ICT năm 2021 tính theo USD là bao nhiêu?", "doanh thu công nghiệp ict. usd", ("cong", "nghiep")),
        ("nho check giup doanh thu buu chinh 6t2023", "doanh thu buu chinh", ("buu", "chinh")),  # "nho" had found "nhỏ và vừa"
        ("ad oi cho e hoi so dncns 6t2023 a", "so dncns", ("dncns",)),  # "a" is "ạ" typed without its mark
        ("Sếp hỏi tỷ lệ HSTT toàn trình 6 tháng 2023 đạt mấy phần trăm đấy", "tỷ lệ hstt toàn trình", ("hstt", "toan")),
        ("cho mình hỏi doanh thu viễn thông 6 tháng đầu năm 2023 là bao nhiêu nhỉ", "doanh thu viễn thông", ("vien", "thong")),
        # a chat phrase matched without its marks only where it is typed without them
        ("Doanh thu của Tổng công ty Bưu điện Việt Nam năm 2023 là bao nhiêu?", "doanh thu. tổng công ty bưu điện việt nam", ("cong", "ty")),
        ("Thứ hạng DTI của tỉnh năm 2021 và năm 2023 thay đổi ra sao?", "thứ hạng dti. tỉnh", ("dti",)),
        ("e check giúp số DNCNS cả nước hiện nay là bao nhiêu nhé", "số dncns", ("dncns",)),  # "e" is "em"
    ],
)
def test_a_question_asked_as_in_a_chat_keeps_only_what_it_measures(question: str, indicator: str, head: tuple[str, ...]):
    """"cụ thể", "vậy", "với ạ", "tính theo USD" had been read as words of the indicator, which no
    report writes: the question was declined outright."""
    query = read(question)
    assert (query.indicator, query.head) == (indicator, head)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("theo chuong trinh CDS quoc gia thi den nam 2030 kinh te so chiem bao nhieu % GDP", "target"),  # a year to come
        ("Đến năm 2023 kinh tế số chiếm bao nhiêu % GDP?", None),  # a year past: what was reached, unsaid
        ("Chỉ tiêu tỷ lệ hồ sơ xử lý trực tuyến năm 2024 là bao nhiêu và thực tế cả năm đạt bao nhiêu?", "share"),
        ("KH 2024 số trạm BTS 5G là bao nhiêu, TH 2024 được bao nhiêu?", "share"),  # the reports' letters, a comma
        ("Kế hoạch năm 2024 số trạm BTS 5G của Đà Nẵng là bao nhiêu, thực hiện được bao nhiêu?", "share"),
        ("Chỉ tiêu số DNCNS năm 2025 là bao nhiêu, và theo báo cáo mới nhất đã đạt bao nhiêu?", "share"),
    ],
)
def test_the_kind_a_year_to_come_or_two_clauses_ask(question: str, kind: str | None):
    assert read(question).asked_kind == kind


@pytest.mark.parametrize(
    ("question", "indicator"),
    [
        ("Kế hoạch năm 2025 đặt ra cho doanh thu dịch vụ bưu chính là bao nhiêu?", "doanh thu dịch vụ bưu chính"),
        ("Sếp cần gấp số thuê bao băng rộng di động 6 tháng 2023, nhờ tra giúp.", "số thuê bao băng rộng di động"),
        ("so tram 5G tren dia ban tinh Thanh Hoa la bao nhieu", "so tram 5g"),
    ],
)
def test_what_a_plan_is_set_for_a_bosss_hurry_and_an_unaccented_place_are_not_the_indicator(question: str, indicator: str):
    assert read(question).indicator.strip(" .") == indicator


def test_a_place_named_by_its_kind_is_a_province_asked_a_club_or_company_before_a_verb_is_not():
    from assistant.query import provinces_asked

    assert provinces_asked("so tram 5G tren dia ban tinh Thanh Hoa la bao nhieu") == ("Thanh Hoa",)
    assert provinces_asked("Doanh thu của TP. Hồ Chí Minh") == ("Hồ Chí Minh",)
    assert provinces_asked("Los Angeles Clipper là một đội thuộc môn thể thao nào?") == ()
    assert provinces_asked("Vietnam Post có khoảng bao nhiêu điểm phục vụ trên cả nước?") == ()
    # its department: "Sở TTTT Đà Nẵng: KH 2024 …" asks of Đà Nẵng, and the department is no indicator
    department = "Sở TTTT Đà Nẵng: KH 2024 số trạm BTS 5G trên địa bàn là bao nhiêu?"
    assert provinces_asked(department) == ("Đà Nẵng",)
    assert "nẵng" not in read(department).indicator


def test_a_word_the_reports_write_only_as_a_name_is_that_name_typed_in_lower_case():
    """"mobifone", "viettel", "vnpt" typed: the names the reports write ("MobiFone", "Viettel", "VNPT"),
    so the rules that know a company by its capitals know it typed in lower case — not a word the
    reports also write in lower case, not a Vietnamese syllable in a heading's capitals, not an
    abbreviation the glossary reads."""
    restorer = DiacriticRestorer.seeded()
    for text in [
        "Năm 2023, MobiFone có 20,3 triệu thuê bao; Viettel và VNPT dẫn đầu thị trường.",
        "QUAN HỆ QUỐC TẾ. Kết nối Internet qua cáp quang; tỷ lệ người dùng internet tăng. Số DVCTT tăng.",
        "Bitel — Số thuê bao: 2,1 triệu",  # a table row's label
    ]:
        restorer.learn_names(text)
    query = analyze("cuoi nam 2023 mobifone va viettel co bao nhieu thue bao, internet, quan, dvctt", GLOSSARY, restorer)
    assert "MobiFone va Viettel" in query.text and "internet, quan, dvctt" in query.text
    assert query.names == ("mobifone", "viettel")
    assert asked_bodies(query.text, query.names) == ("mobifone", "viettel")
    assert DiacriticRestorer.from_json(restorer.to_json()).writes_as_name("VNPT")
    assert restorer.writes_as_name("bitel")


@pytest.mark.parametrize(
    "question, unit",
    [
        ("MobiFone trúng đấu giá khối băng tần C3 với giá bao nhiêu?", "money"),
        ("mobifone trung dau gia C3 voi gia bao nhieu", "money"),
        ("Việt Nam tham gia bao nhiêu tuyến cáp quang biển?", None),  # "tham gia" is no price
    ],
)
def test_a_price_asked_is_money(question: str, unit: str | None):
    assert read(question).asks_unit == unit


def test_an_admin_addressed_is_no_part_of_what_is_counted():
    query = read("BTS 5G đến hết Q1/2025 đc bao nhiêu trạm ad")
    assert query.counts == ("tram",) and "ad" not in query.indicator.split()


def test_a_place_before_what_it_set_is_the_place_asked_and_an_agency_is_no_place():
    query = read("Nghệ An đặt mục tiêu tỷ lệ DVCTT toàn trình năm 2025 là bao nhiêu?")
    assert "nghệ" not in query.indicator and query.head == ("dvctt", "toan")
    # "… - Cục Viễn thông - Bộ Thông tin và Truyền thông" had made a news page a province's
    assert named_places("Hạ tầng viễn thông quý I/2025 - Cục Viễn thông - Bộ Thông tin và Truyền thông") == ()
    assert named_places("Tây Ban Nha và Bồ Đào Nha") == ("Tây Ban Nha", "Bồ Đào Nha")


def test_a_day_a_stock_stood_at_is_its_months_end():
    assert read("Thuê bao băng rộng di động tại ngày 30/6/2024 và 30/9/2024 là bao nhiêu?").periods == [
        Period(2024, "m6"),
        Period(2024, "m9"),
    ]


def test_how_a_figure_changed_between_two_years_is_a_comparison_not_a_word_of_the_indicator():
    """"… thay đổi thế nào?": "thay đổi" is written in no report, and had declined the question."""
    query = read("Doanh thu công nghiệp ICT năm 2024 so với năm 2023 thay đổi thế nào?")
    assert query.compares and "thay" not in query.indicator


def test_which_thing_asked_late_in_the_question_is_no_figure_asked():
    """"Số hóa …" opens with "số" (digital), and "băng tần nào" asks which band: no figure."""
    assert not read("Số hóa truyền hình mặt đất giải phóng băng tần nào cho 4G, 5G?").asks_figure


@pytest.mark.parametrize(
    "question, places",
    [
        ("ty le DVCTT toan trinh cua nghe an nam 2024", ("nghe an",)),
        ("so thue bao tai tp ho chi minh", ("ho chi minh",)),
        ("doanh thu bưu chính của hà nội năm 2024", ("hà nội",)),
        # read alone, the words are no place: "diễn biến", "hòa bình"
        ("dien bien doanh thu nam 2024", ()),
        ("giu vung hoa binh", ()),
        # a name of two words or more stands as a place without a word before it, unless it is an
        # everyday phrase too ("đa năng", "cao bằng"), but spelt as the name it is the name
        ("thi phan viettel ha tinh q1 2025", ("ha tinh",)),
        ("dvctt nghe an so voi ca nuoc nam 2024", ("nghe an",)),
        ("ty le cap quang nam 2023", ()),  # "cáp quang năm 2023", not Quảng Nam
        ("tỷ lệ dvctt hà tĩnh", ("hà tĩnh",)),
        ("thiet bi da nang", ()),
        ("thiết bị đà nẵng", ("đà nẵng",)),
        ("cao bang muc trung binh ca nuoc", ()),
        ("doanh thu buu chinh lang son gan day nhat", ("lang son",)),  # before "the latest"
        ("dien bien hien nay cua thi truong", ()),
    ],
)
def test_a_province_typed_in_lower_case_is_named(question: str, places: tuple[str, ...]):
    assert named_places(question) == places


def test_a_province_typed_in_lower_case_with_no_word_before_it_is_no_word_of_the_indicator():
    query = analyze("thi phan viettel ha tinh q1 2025", Glossary.load())
    assert query.periods == [Period(2025, "q1")]
    assert "tinh" not in query.indicator.split() and "viettel" in query.indicator.split()


@pytest.mark.parametrize(
    "question",
    [
        "Tốc độ tăng trưởng doanh thu toàn ngành 6 tháng đầu năm 2025 so với cùng kỳ là bao nhiêu?",
        "toc do tang truong doanh thu buu chinh 6T/2025",
        "Doanh thu bưu chính năm 2024 tăng trưởng bao nhiêu?",
    ],
)
def test_a_growth_rate_asks_a_change_of_what_grew(question: str):
    query = analyze(question, Glossary.load())
    assert query.asked_kind == "change"
    assert "toc" not in query.indicator.split() and query.indicator.split()[:2] == ["doanh", "thu"]


def test_the_middle_of_a_year_is_its_first_half():
    assert analyze("Giữa năm 2022, mật độ thuê bao băng rộng di động trên 100 dân là bao nhiêu?", Glossary.load()).periods == [Period(2022, "h1")]


def test_the_city_typed_by_its_letters_is_the_city_the_reports_name():
    glossary = Glossary.load()
    for typed in ("TP.HCM", "TPHCM", "HCM"):
        assert glossary.concept_of(typed.lower()) is not None


def test_percentage_points_are_the_changes_unit_not_what_is_counted():
    """"tăng bao nhiêu điểm %": a change in points, of the share named before it."""
    query = read("Tỷ lệ hồ sơ trực tuyến toàn trình tăng bao nhiêu điểm % từ 2023 đến 2024?")
    assert (query.indicator, query.counts, query.asked_kind) == ("tỷ lệ hồ sơ trực tuyến toàn trình", (), "change")


def test_the_reports_shorthand_for_summed_months_and_the_same_period_last_year():
    """"LK 9T 2024": nine months summed, "LK" no word of what is measured (and no company's name, though
    the reports write it only in capitals); "so với CK": against the same period last year."""
    summed = read("DT toan nganh LK 9T 2024 va LK 5T 2025")
    assert (summed.indicator, summed.periods) == ("doanh thu toan nganh", [Period(2024, "9m"), Period(2025, "t5")])
    assert GLOSSARY.concept_of("LK") and GLOSSARY.concept_of("CK")
    against = read("doanh thu toàn ngành tháng 4/2025 tăng bao nhiêu so với CK")
    assert (against.indicator, against.asked_kind) == ("doanh thu toàn ngành", "change")


def test_now_before_a_verb_is_when_not_what():
    """"Việt Nam hiện xếp hạng …": "hiện" (now) is no word of what is measured; "phát hiện" is."""
    assert read("Việt Nam hiện xếp hạng bao nhiêu về Chính phủ điện tử (EGDI)?").indicator.startswith("việt nam xếp hạng")
    assert "phát hiện" in read("Số sự cố được phát hiện năm 2024 là bao nhiêu?").indicator


def test_since_january_until_now_is_when_not_what():
    """"Tính từ đầu năm đến nay": the latest sum since January, no word of what is measured ("tính",
    "năm", "nay" had made a ten-month sentence opening "Tính chung 10 tháng" outscore the latest report)."""
    assert read("Tính từ đầu năm đến nay, doanh thu toàn ngành đạt bao nhiêu?").indicator == "doanh thu toàn ngành"


def test_a_year_after_so_voi_ke_hoach_is_the_year_asked_not_a_base():
    """"So với kế hoạch, doanh thu … năm 2023 đạt bao nhiêu %": compared with the plan; 2023 is the year
    asked (it had been read as a base, and the latest year's share of its plan given)."""
    query = read("So với kế hoạch, doanh thu toàn ngành năm 2023 đạt bao nhiêu %?")
    assert (query.periods, query.bases, query.asked_kind) == ([Period(2023, "year")], [], "share")


def test_what_is_counted_ends_with_its_clause():
    """"… chiếm bao nhiêu % GDP năm 2024, mục tiêu 2025 là bao nhiêu?": GDP is what the share is of, "mục
    tiêu" the next clause's (it had been counted too, and no sentence counts "mục tiêu")."""
    query = read("Kinh tế số chiếm bao nhiêu % GDP năm 2024, mục tiêu 2025 là bao nhiêu?")
    assert "muc" not in query.counts and dict(query.period_kinds) == {Period(2024, "year"): "result", Period(2025, "year"): "target"}
    assert read("Tỷ trọng kinh tế số là bao nhiêu % GDP năm 2024, mục tiêu 2025 là bao nhiêu?").counts == ("gdp",)


def test_the_whole_a_share_is_of_and_the_plan_a_year_is_compared_with():
    """"… chiếm bao nhiêu % tổng mức bán lẻ": the retail total is what the share is of, nothing counted;
    "… so với mục tiêu năm 2025": the plan's year, compared with (the latest result asked)."""
    share = read("Năm 2023 doanh thu TMĐT B2C chiếm bao nhiêu phần trăm tổng mức bán lẻ?")
    assert share.counts == () and share.head[:1] == ("tmdt",)
    versus = read("Hiện nay tỷ lệ DVCTT toàn trình đạt bao nhiêu so với mục tiêu năm 2025?")
    assert (versus.periods, versus.bases) == ([], [Period(2025, "year")])


def test_a_province_typed_plain_before_the_end_of_a_year_and_chat_shorthand_of_two_sectors():
    from assistant.provinces import typed_in_lower_case
    from assistant.query import spelled_shorthand

    assert typed_in_lower_case("tb di dong phu tho cuoi nam 2023") == ("phu tho",)
    assert typed_in_lower_case("dt bc-vt phu tho ca nam 2024 bao nhieu ty") == ("phu tho",)
    assert typed_in_lower_case("cap quang cuoi nam 2023") == ()
    assert "buu chinh, vien thong" in spelled_shorthand("dt bc-vt phu tho ca nam 2024")
    assert spelled_shorthand("nop ns toan nganh 2023?") == "nop ngan sach toan nganh 2023?"


def test_a_province_typed_by_its_initials_is_the_one_the_corpus_writes():
    """"cua nt" is Ninh Thuận where the reports write Ninh Thuận, and nothing where they write two
    provinces of those initials (Bình Thuận, Bến Tre for "bt") or none."""
    restorer = DiacriticRestorer.seeded()
    restorer.learn("Sở Thông tin và Truyền thông tỉnh Ninh Thuận báo cáo. Tỉnh Bình Thuận và tỉnh Bến Tre.")
    typed = analyze("ty le dvctt toan trinh cua nt 9t/2024 dat bn", GLOSSARY, restorer)
    assert "ninh thuan" in typed.text
    assert "cua bt" in analyze("doanh thu cua bt nam 2024", GLOSSARY, restorer).text
    assert "tỉnh Ninh Thuận" in analyze("Doanh thu của tỉnh NT năm 2024?", GLOSSARY, restorer).text


def test_a_documents_number_asked_is_no_figure_and_who_or_when_of_a_task_no_figure_of_its_year():
    assert not read("so hieu kh cds 2024 cua ubnd tinh").asks_figure
    task = read("Nhiệm vụ đưa sản phẩm OCOP lên sàn thương mại điện tử năm 2025 do cơ quan nào chủ trì, thời hạn khi nào?")
    assert task.answer_type and not task.asks_figure


def test_nine_months_typed_before_the_year_word_are_nine_months():
    from vectorstore.figures import find_periods

    assert find_periods("Báo cáo tình hình thực hiện nhiệm vụ 9T năm 2024") == [Period(2024, "9m")]
    assert read("tb di dong 6T năm 2023").periods == [Period(2023, "h1")]


def test_a_plans_horizon_is_no_period_reported():
    """The latest period "9T" or "năm ngoái" is read against is a report's, not a plan's year ahead:
    a programme "định hướng đến năm 2030" dated 2024, a plan of 2025."""
    from assistant.answer_flow import _plans_ahead
    from vectorstore.figures import find_periods
    from vectorstore.records import PLAN_KIND, DocumentRecord

    def record(period: str, date: str, kind: str = "Báo cáo") -> DocumentRecord:
        return DocumentRecord(doc_id=period, source=f"{period}.docx", title=period, version="v", period=period, date=date, kind=kind)

    def ahead(period: str, date: str, kind: str = "Báo cáo") -> bool:
        document = record(period, date, kind)
        return _plans_ahead(document, find_periods(document.period))

    assert ahead("năm 2030", "2024-03-28")
    assert ahead("năm 2025", "2025-01-15", PLAN_KIND)
    assert not ahead("9 tháng năm 2024", "2024-09-25")
    assert not ahead("năm 2024", "")


def test_what_is_counted_ends_before_a_second_question():
    from assistant.query import counted_thing

    assert counted_thing("5g o tp pr-tc may tram, dnvt nao") == ("tram",)
    assert counted_thing("Có bao nhiêu bộ, ngành đã kết nối?") == ("bo", "nganh")

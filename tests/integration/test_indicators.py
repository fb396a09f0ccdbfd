"""Figures of a period through a real server on 127.0.0.1: three half-year reports of one indicator,
uploaded over HTTP, and what an official asks of them — the indicator table, the latest figure by
default, a named period, two periods compared, a target, and a period no report holds."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from assistant.eval.metrics import contains_all
from assistant.service import AssistantService
from assistant.settings import Settings
from tests.support import MOBILE_POST, MOBILE_POST_FIGURES, LiveServer, build_docx, period_reports, sharing_model

pytestmark = pytest.mark.slow

LATEST, MIDDLE, OLDEST = (MOBILE_POST_FIGURES[year][0] for year in (2023, 2022, 2021))


def service_holding(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory, name: str, reports: dict[str, str | bytes], **settings: object
) -> AssistantService:
    """A real service over a store of its own (a temp dir named `name`), sharing the sample service's
    model, holding `reports` (file name -> text or bytes), each one added."""
    service = sharing_model(sample_service, Settings.from_variables(data_dir=tmp_path_factory.mktemp(name), **settings))
    for file_name, data in reports.items():
        assert service.add_document(data.encode() if isinstance(data, str) else data, file_name).status == "added"
    return service


def one_report_service(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory, name: str, title: str, *sentences: str
) -> AssistantService:
    """A service holding one text report, `name`.txt: its title, one section "I. KẾT QUẢ", the sentences."""
    report = f"{title}\n\nI. KẾT QUẢ\n" + "".join(f"{sentence}\n" for sentence in sentences)
    return service_holding(sample_service, tmp_path_factory, name, {f"{name}.txt": report})


def annex_service(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory, name: str, heading: str, table: list[list[str | None]], title: str
) -> AssistantService:
    """A service holding one Word report, `name`.docx: a heading, then an annex table (None: merged left)."""
    report = build_docx([("Heading 1", heading)], table=table, title=title)
    return service_holding(sample_service, tmp_path_factory, name, {f"{name}.docx": report})


@pytest.fixture(scope="module")
def client(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings.from_variables(data_dir=tmp_path_factory.mktemp("periods"), rate_limit="100000/minute")
    service = sharing_model(sample_service, settings)
    with LiveServer.start(settings, service) as server, httpx.Client(base_url=server.url, timeout=120) as client:
        for name, data in period_reports().items():
            response = client.post("/v1/documents", files={"file": (name, data, "text/plain")})
            assert response.status_code == 201, response.text
        yield client


def ask(client: httpx.Client, question: str) -> dict:
    response = client.post("/v1/ask", json={"question": question})
    assert response.status_code == 200, response.text
    return response.json()


def cited_sources(answer: dict) -> dict[int, str]:
    return {citation["n"]: citation["source"] for citation in answer["citations"]}


def test_the_indicator_table_lists_every_reports_figures_latest_first(client: httpx.Client):
    response = client.get("/v1/indicators", params={"q": "ty le xa co diem phuc vu buu chinh luu dong"})
    assert response.status_code == 200
    table = response.json()
    assert table["indicator"] == MOBILE_POST
    results = [row for row in table["rows"] if row["kind"] == "result"]
    assert [row["period"] for row in results] == [f"6 tháng đầu năm {year}" for year in (2023, 2022, 2021)]
    assert [row["figure"] for row in results] == [LATEST, MIDDLE, OLDEST]
    targets = {row["period"]: row["figure"] for row in table["rows"] if row["kind"] == "target"}
    assert targets == {f"năm {year}": target for year, (_, target) in MOBILE_POST_FIGURES.items()}
    for row in table["rows"]:
        assert row["figure"] in row["quote"]  # quoted as the report states it
        assert row["source"] == f"so-tttt-6-thang-{row['period'][-4:]}.txt"  # each from its own report
        assert set(row) >= {"indicator", "period", "kind", "value", "unit", "title", "section", "quote"}


def test_an_indicator_no_report_states_gives_an_empty_table(client: httpx.Client):
    table = client.get("/v1/indicators", params={"q": "kim ngạch xuất khẩu gạo"}).json()
    assert table["rows"] == [] or all("gạo" in row["indicator"].lower() for row in table["rows"])


def test_the_indicator_table_refuses_an_empty_query_in_vietnamese(client: httpx.Client):
    response = client.get("/v1/indicators", params={"q": "  "})
    assert response.status_code == 422 and "trống" in response.json()["detail"]
    assert client.get("/v1/indicators").status_code == 422


def test_no_period_named_gives_the_latest_figure_then_the_others(client: httpx.Client):
    answer = ask(client, "ty le xa co diem phuc vu buu chinh luu dong dat bao nhieu")
    assert answer["answered"] and answer["indicator"]
    first, *rest = answer["answer"].splitlines()
    assert first.startswith("6 tháng đầu năm 2023") and LATEST in first
    others = " ".join(rest)
    assert MIDDLE in others and OLDEST in others
    sources = cited_sources(answer)
    assert sorted(sources.values()) == [f"so-tttt-6-thang-{year}.txt" for year in (2021, 2022, 2023)]


def test_a_named_period_gives_that_periods_figure_only(client: httpx.Client):
    answer = ask(client, "Tỷ lệ xã có điểm phục vụ bưu chính lưu động 6T/2022?")
    assert answer["answered"] and MIDDLE in answer["answer"]
    assert LATEST not in answer["answer"] and OLDEST not in answer["answer"]
    assert set(cited_sources(answer).values()) == {"so-tttt-6-thang-2022.txt"}


def test_two_periods_compared_get_one_cited_line_each(client: httpx.Client):
    answer = ask(client, "So sánh tỷ lệ xã có điểm phục vụ bưu chính lưu động 6 tháng đầu năm 2023 với năm 2021")
    assert answer["answered"]
    lines = answer["answer"].splitlines()
    assert any(LATEST in line and line.startswith("6 tháng đầu năm 2023") for line in lines)
    assert any(OLDEST in line and line.startswith("6 tháng đầu năm 2021") for line in lines)
    assert MIDDLE not in answer["answer"]


def test_a_target_is_answered_with_the_target_not_the_result(client: httpx.Client):
    answer = ask(client, "Mục tiêu tỷ lệ xã có điểm phục vụ bưu chính lưu động năm 2022 là bao nhiêu?")
    assert answer["answered"] and MOBILE_POST_FIGURES[2022][1] in answer["answer"]
    assert MIDDLE not in answer["answer"]


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ xã có điểm phục vụ bưu chính lưu động năm 2020 là bao nhiêu?",  # only a change "so với … 2020"
        "ty le xa co diem phuc vu buu chinh luu dong quy III/2024",
    ],
)
def test_a_period_no_report_holds_is_declined_with_the_periods_held(client: httpx.Client, question: str):
    answer = ask(client, question)
    assert not answer["answered"]
    # No other year's figure passed off as the asked one: each is listed under its own period.
    held = [line for line in answer["answer"].splitlines() if line.startswith("- ")]
    assert [line.split(":")[0] for line in held] == [f"- 6 tháng đầu năm {year}" for year in (2023, 2022, 2021)]
    assert all(line.rstrip().endswith("]") for line in held)


def test_the_periods_held_are_named_whatever_the_confidence(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """The decline's wording does not hang on the confidence (which moves a little as reports on other
    topics change the corpus-wide word weights): under a threshold nothing reaches, the same periods."""
    service = service_holding(sample_service, tmp_path_factory, "strict", period_reports(), answer_threshold=0.99)
    answer = service.ask("Tỷ lệ xã có điểm phục vụ bưu chính lưu động năm 2020 là bao nhiêu?")
    assert not answer.answered and answer.confidence < 0.99
    held = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert [line.split(":")[0] for line in held] == [f"- 6 tháng đầu năm {year}" for year in (2023, 2022, 2021)]
    assert len(answer.citations) == 3


def test_a_figure_of_another_network_is_no_answer(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory):
    """"5G" asked, "4G" and broadband stated under a headline about 5G: declined, not answered with them."""
    news = (
        "Thị trường viễn thông năm 2024: 5G thương mại, nhiều nhà mạng mở rộng vùng phủ sóng trên cả nước\n\n"
        "Năm 2024, mạng 4G đã phủ sóng 99,8% dân số cả nước.\n"
        "Số thuê bao băng rộng di động năm 2024 đạt 91,4 triệu thuê bao.\n"
        "Tỷ lệ hộ gia đình có kết nối Internet cáp quang năm 2024 đạt 82%.\n"
        "Các nhà mạng tiếp tục đầu tư hạ tầng và nâng cấp chất lượng dịch vụ.\n"
    )
    service = service_holding(sample_service, tmp_path_factory, "codes", {"vien-thong-2024.txt": news})
    for question in ("Cả nước có bao nhiêu thuê bao 5G năm 2024?", "Tỷ lệ dân số được phủ sóng 5G năm 2024 là bao nhiêu?"):
        answer = service.ask(question)
        assert not answer.answered, answer.answer
        assert "91,4" not in answer.answer and "99,8" not in answer.answer
    answer = service.ask("Tỷ lệ dân số được phủ sóng 4G năm 2024 là bao nhiêu?")
    assert answer.answered and "99,8%" in answer.answer, (answer.confidence, answer.answer)


def _half_and_nine_months(count_h1: str, count_9m: str) -> dict[str, bytes]:
    """A 6-month and a 9-month report of one year: the 9-month one restates the count "as of 18 June"
    with a revised figure, and repeats a sentence about a decision word for word."""
    reports: dict[str, bytes] = {}
    for name, span, count in (("6-thang", "6 tháng đầu năm", count_h1), ("9-thang", "9 tháng năm", count_9m)):
        reports[f"so-tttt-{name}-2024.txt"] = f"""BÁO CÁO
Kết quả công tác thông tin và truyền thông {span} 2024 của Sở Thông tin và Truyền thông tỉnh Thử Nghiệm

I. KẾT QUẢ THỰC HIỆN
1. Chuyển đổi số
- Triển khai Tổ công nghệ số cộng đồng (CNSCĐ): Tính đến ngày 18/6/2024, đã có 120/120 xã trên địa bàn tỉnh thành lập {count} Tổ CNSCĐ với 9.876 thành viên tham gia.
- Sở đã tham mưu UBND tỉnh ban hành Quyết định số 321/QĐ-UBND thành lập Trung tâm giám sát điều hành đô thị thông minh tỉnh.
""".encode()
    return reports


def test_a_period_two_reports_state_differently_gets_the_later_report_and_the_other_beside_it(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Tính đến 18/6" in the 6-month and the 9-month report, with a revised count: the later report's
    figure first, the earlier one's shown beside it, each cited — never one of them silently."""
    service = service_holding(sample_service, tmp_path_factory, "revised", _half_and_nine_months("1.150", "1.212"))
    answer = service.ask("Đã có bao nhiêu Tổ công nghệ số cộng đồng được thành lập?")
    assert answer.answered, answer.answer
    first, second, *_ = answer.answer.splitlines()
    assert "1.212" in first and "1.150" in second and "Báo cáo khác" in second
    sources = {citation.source for citation in answer.citations}
    assert sources == {"so-tttt-9-thang-2024.txt", "so-tttt-6-thang-2024.txt"}


def test_a_sentence_every_report_repeats_is_cited_once_from_the_latest_report(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    service = service_holding(sample_service, tmp_path_factory, "restated", _half_and_nine_months("1.150", "1.212"))
    answer = service.ask("Trung tâm giám sát điều hành đô thị thông minh tỉnh được thành lập theo quyết định nào?")
    assert answer.answered and "321/QĐ-UBND" in answer.answer
    assert answer.answer.count("321/QĐ-UBND") == 1  # the same sentence of the other report is not added
    assert answer.citations[0].source == "so-tttt-9-thang-2024.txt"


PUBLISHING = """BÁO CÁO
Kết quả công tác thông tin và truyền thông 6 tháng đầu năm 2023 của Sở Thông tin và Truyền thông tỉnh Thử Nghiệm

I. KẾT QUẢ THỰC HIỆN
1. Xuất bản, In và Phát hành
- Doanh thu lĩnh vực Xuất bản 6 tháng đầu năm ước đạt 2.390 tỷ đồng, tăng 1,9% so với cùng kỳ năm 2022.
- Doanh thu lĩnh vực In 6 tháng đầu năm ước đạt 39.935 tỷ đồng, tăng 11,2% so với cùng kỳ năm 2022 (35.892 tỷ đồng).
"""


def test_a_sibling_indicators_figure_under_the_same_heading_is_no_answer(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """Printing's 2022 figure, stated as its comparison base, is no figure of publishing's 2022 revenue,
    though the heading names both: declined, with what the reports hold for publishing."""
    service = service_holding(sample_service, tmp_path_factory, "siblings", {"so-tttt-6-thang-2023.txt": PUBLISHING})
    answer = service.ask("Doanh thu lĩnh vực xuất bản 6 tháng đầu năm 2022 là bao nhiêu?")
    assert not answer.answered and "35.892" not in answer.answer
    assert "2.390 tỷ đồng" in answer.answer  # the period the reports do hold, cited
    answer = service.ask("Doanh thu lĩnh vực in 6 tháng đầu năm 2022 là bao nhiêu?")
    assert answer.answered and "35.892 tỷ đồng" in answer.answer


SCAMS = """BÁO CÁO
Kết quả công tác thông tin và truyền thông 6 tháng đầu năm 2023 của Sở Thông tin và Truyền thông tỉnh Thử Nghiệm

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ
1. An toàn thông tin
- Chỉ đạo ngăn chặn 1.530 trang web vi phạm pháp luật (559 trang lừa đảo trực tuyến) trên địa bàn tỉnh.
"""


def test_what_is_counted_must_be_named_by_the_sentence_not_by_a_syllable_of_its_heading(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Số vụ lừa đảo" asks for cases; a count of scam websites under "… NHIỆM VỤ" (whose "vụ" is
    another word) is no answer — while the websites themselves are."""
    service = service_holding(sample_service, tmp_path_factory, "counted", {"so-tttt-6-thang-2023.txt": SCAMS})
    answer = service.ask("Số vụ lừa đảo trực tuyến được xử lý 6 tháng đầu năm 2023 là bao nhiêu?")
    assert not answer.answered and "1.530" not in answer.answer
    answer = service.ask("Số trang web lừa đảo trực tuyến bị ngăn chặn 6 tháng đầu năm 2023 là bao nhiêu?")
    assert answer.answered and "559 trang" in answer.answer


def test_a_count_in_stations_answers_how_many_stations(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory):
    """Folded, "trạm" (a station) is "trăm" (a hundred): a figure counted in stations is no bare
    number in hundreds, and answers "bao nhiêu trạm" — not "bao nhiêu thuê bao"."""
    service = one_report_service(
        sample_service, tmp_path_factory, "stations", "BÁO CÁO TỔNG KẾT NĂM 2024",
        "Năm 2024, cả nước có 7.150 trạm phát sóng 5G, chủ yếu tại các đô thị và khu công nghiệp.",
        "Số thuê bao di động đạt 127,6 triệu thuê bao.",
    )
    assert "7.150 trạm" in service.ask("co bao nhieu tram 5g nam 2024").answer
    answer = service.ask("Cả nước có bao nhiêu thuê bao 5G năm 2024?")
    assert not answer.answered and "7.150" not in answer.answer


PLAN_AND_RESULT = """BÁO CÁO
Kết quả thực hiện nhiệm vụ 9 tháng năm 2024 của Sở Công Thương tỉnh Thử Nghiệm

I. KẾT QUẢ THỰC HIỆN
| Chỉ tiêu | Kế hoạch năm 2024 | Thực hiện 9 tháng năm 2024 |
|---|---|---|
| Số hộ nông dân lên sàn TMĐT | 5.000 hộ | 4.321 hộ |

- Doanh thu thương mại điện tử 9 tháng năm 2024 ước đạt 812 tỷ đồng, đạt 67,7% kế hoạch năm 2024.
- Số điểm bán hàng lưu động 9 tháng năm 2024 đạt 46 điểm.
- Tỷ lệ chợ truyền thống có thanh toán không dùng tiền mặt đạt 91,2% kế hoạch năm 2024 (mục tiêu năm 2024 là 60%).

II. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2024
- Phấn đấu năm 2024 đào tạo 1.500 học viên về kỹ năng bán hàng trên sàn TMĐT.
"""


def test_a_result_asked_against_the_plan_gets_both_figures_or_the_share_the_report_states(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"… so với kế hoạch": what was reached and what was planned, each cited, when the report gives
    both; the share of the plan when it states one; and, when it states no plan, a decline showing what
    was reached."""
    service = service_holding(sample_service, tmp_path_factory, "plans", {"so-ct-9-thang-2024.md": PLAN_AND_RESULT})
    answer = service.ask("Số hộ nông dân lên sàn TMĐT 9 tháng 2024 so với kế hoạch?")
    assert answer.answered, answer.answer
    reached, planned = answer.answer.splitlines()
    assert "4.321 hộ" in reached and "9 tháng năm 2024" in reached
    assert "5.000 hộ" in planned and planned.startswith("Mục tiêu, kế hoạch năm 2024")
    answer = service.ask("Số hộ nông dân lên sàn TMĐT 9 tháng năm 2023 so với kế hoạch?")  # a period not held
    assert not answer.answered and "4.321" not in answer.answer.splitlines()[0], answer.answer
    assert "9 tháng năm 2023" in answer.answer.splitlines()[0] and "9 tháng năm 2024" in answer.answer
    # only the plan stated: declined as no result, the plan shown and cited — not "no figure of 2024"
    answer = service.ask("Số học viên được đào tạo kỹ năng bán hàng trên sàn TMĐT năm 2024 so với kế hoạch?")
    assert not answer.answered and "chưa có số liệu kết quả" in answer.answer and "1.500 học viên" in answer.answer
    answer = service.ask("doanh thu thuong mai dien tu so voi ke hoach nam 2024")
    assert answer.answered and "67,7% kế hoạch" in answer.answer and "Mục tiêu" not in answer.answer
    # no plan stated: the share of the plan is not held — declined, with what was reached, cited
    answer = service.ask("Số điểm bán hàng lưu động so với kế hoạch?")
    assert not answer.answered and "46 điểm" in answer.answer, answer.answer
    assert "không nêu tỷ lệ so với kế hoạch" in answer.answer.splitlines()[0] and answer.citations
    # reached stated only as a share of the plan: the answer to what was reached, and to both asked
    for question in (
        "Tỷ lệ chợ truyền thống có thanh toán không dùng tiền mặt năm 2024 đạt được bao nhiêu?",
        "Mục tiêu tỷ lệ chợ truyền thống có thanh toán không dùng tiền mặt năm 2024 và kết quả đạt được",
    ):
        answer = service.ask(question)
        assert answer.answered and "91,2% kế hoạch" in answer.answer, (question, answer.answer)


NEWS_OF_MANY_YEARS = {
    "egdi-2018.txt": (
        "Công nghiệp ICT tiếp tục là điểm sáng\n"
        "Hà Nội, ngày 03/01/2019 - Bộ Thông tin và Truyền thông tổng kết công tác năm 2018.\n\n"
        "Về Chính phủ điện tử, Báo cáo khảo sát Chính phủ điện tử năm 2018 của Liên hợp quốc xếp Việt Nam ở vị trí 88/193 quốc gia.\n"
    ),
    "egdi-2024.txt": (
        "Việt Nam tăng 15 bậc về Chính phủ điện tử\n"
        "Theo Báo cáo khảo sát Chính phủ điện tử năm 2024 của Liên hợp quốc, Việt Nam xếp hạng 71/193 quốc gia, "
        "tăng 15 bậc so với năm 2022, lần đầu tiên đạt mức \"Rất cao\" về chỉ số EGDI.\n"
    ),
    "gci-2017.txt": (
        "ITU công bố Chỉ số an toàn, an ninh mạng toàn cầu: Việt Nam đứng thứ 101\n"
        "Ngày 05/7/2017, Liên minh Viễn thông Quốc tế (ITU) công bố Báo cáo Chỉ số an toàn, an ninh mạng toàn cầu "
        "(Global Cybersecurity Index - GCI) năm 2017. Theo báo cáo, Việt Nam xếp thứ 101/193 quốc gia, vùng lãnh thổ được đánh giá, thuộc nhóm các quốc gia ở giai "
        "đoạn \"bắt đầu\" về cam kết an toàn, an ninh mạng.\n"
    ),
    "gci-2018.txt": (
        "Việt Nam tăng 51 bậc trên bảng xếp hạng an toàn, an ninh mạng toàn cầu\n"
        "(TTXVN) - Báo cáo Chỉ số an toàn, an ninh mạng toàn cầu (GCI) năm 2018 vừa được Liên minh Viễn thông Quốc tế "
        "(ITU) công bố cho thấy Việt Nam đã vươn lên xếp thứ 50/175 quốc gia, vùng lãnh thổ, tăng 51 bậc so với kỳ "
        "đánh giá năm 2017.\n"
    ),
    "so-ket-6-thang-2022.txt": (
        "Sơ kết 6 tháng: Doanh thu toàn ngành TT&TT tăng 9,6%\n"
        "Hà Nội, ngày 29/7/2022 - Bộ Thông tin và Truyền thông tổ chức hội nghị sơ kết công tác 6 tháng đầu năm 2022, "
        "triển khai nhiệm vụ 6 tháng cuối năm.\n\n"
        "Doanh thu toàn ngành 6 tháng đầu năm 2022 ước đạt 1.850.000 tỷ đồng, tăng 9,6% so với cùng kỳ năm 2021.\n"
        "Cho cả năm 2022, Bộ đặt mục tiêu doanh thu toàn ngành đạt 3.800.000 tỷ đồng và yêu cầu các đơn vị tập trung "
        "thúc đẩy các nền tảng số quốc gia.\n"
    ),
    "kinh-te-so.txt": (
        "Kinh tế số chiếm 14,26% GDP, hướng tới mục tiêu 20% vào năm 2025\n"
        "Theo Bộ Thông tin và Truyền thông, năm 2022 tỷ trọng kinh tế số trong GDP của Việt Nam ước đạt 14,26%, "
        "tăng so với năm 2021.\n"
    ),
    "buu-chinh.txt": (
        "Mỗi ngày có hơn 6 triệu bưu gửi được chuyển phát\n"
        "Theo số liệu của Vụ Bưu chính công bố đầu năm 2024, năm 2023 doanh thu dịch vụ bưu chính đạt 58.900 tỷ đồng, "
        "tăng 10,7% so với năm 2022.\n\n"
        "Bưu gửi phát sinh từ thương mại điện tử (TMĐT) chiếm khoảng 80% tổng sản lượng.\n"
    ),
    "tong-ket-2024.txt": (
        "Doanh thu toàn ngành năm 2024 vượt 4 triệu tỷ đồng\n"
        "Theo báo cáo, năm 2024 doanh thu toàn ngành TT&TT ước đạt 4.116.000 tỷ đồng, tăng 11,8% so với năm 2023; "
        "nộp ngân sách nhà nước (NSNN) ước đạt 108.200 tỷ đồng, tăng 14,7%.\n"
    ),
}


def test_news_items_answer_for_the_year_their_figures_are_of_however_the_indicator_is_named(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """News items as the ministry publishes them: a year the figures were published in is not theirs,
    "đóng góp NSNN" is the budget paid, and "(EGDI)" another name the older item does not repeat."""
    service = service_holding(sample_service, tmp_path_factory, "news", NEWS_OF_MANY_YEARS)
    answer = service.ask("Bưu gửi phát sinh từ TMĐT năm 2023 chiếm khoảng bao nhiêu phần trăm tổng sản lượng?")
    assert answer.answered and "80%" in answer.answer, answer.answer
    answer = service.ask("Bưu gửi phát sinh từ TMĐT năm 2024 chiếm bao nhiêu phần trăm tổng sản lượng?")
    assert not answer.answered and "năm 2023" in answer.answer, answer.answer  # published in 2024, of 2023
    answer = service.ask("Đóng góp NSNN của ngành TTTT năm 2024 là bao nhiêu?")
    assert answer.answered and "108.200 tỷ đồng" in answer.answer, answer.answer
    answer = service.ask("Thứ hạng Chính phủ điện tử (EGDI) của Việt Nam năm 2018 và năm 2024 lần lượt là bao nhiêu?")
    assert answer.answered and "88/193" in answer.answer and "71/193" in answer.answer, answer.answer
    assert {citation.source for citation in answer.citations} == {"egdi-2018.txt", "egdi-2024.txt"}
    answer = service.ask("Tại hội nghị sơ kết 6 tháng đầu năm 2022, Bộ đặt mục tiêu doanh thu toàn ngành cả năm 2022 là bao nhiêu?")
    assert answer.answered and "3.800.000 tỷ đồng" in answer.answer and "1.850.000" not in answer.answer, answer.answer
    answer = service.ask("Ty trong KTS trong GDP nam 2022")  # no diacritics, the digital economy abbreviated
    assert answer.answered and "14,26%" in answer.answer, answer.answer
    # the first period's sentence names less of the question than the second's: both answer it
    answer = service.ask("Thứ hạng GCI của Việt Nam năm 2017 và năm 2018 lần lượt là bao nhiêu?")
    assert answer.answered and "101/193" in answer.answer and "50/175" in answer.answer, answer.answer


BREAKDOWN = """BÁO CÁO
Tổng kết công tác bảo đảm an toàn thông tin mạng năm 2024

I. TÌNH HÌNH AN TOÀN THÔNG TIN MẠNG NĂM 2024
1. Tình hình tấn công mạng
- Trong năm 2024, Cục An toàn thông tin đã ghi nhận, cảnh báo và hướng dẫn xử lý 11.470 cuộc tấn công mạng gây ra sự cố vào các hệ thống thông tin tại Việt Nam, giảm 17,5% so với năm 2023 (13.900 cuộc). Trong đó:
+ Tấn công lừa đảo (Phishing): 4.210 cuộc;
+ Tấn công thay đổi giao diện (Deface): 2.605 cuộc;
+ Tấn công cài mã độc (Malware): 4.655 cuộc.
- Đã ghi nhận 23 sự cố tấn công mã hóa dữ liệu tống tiền (ransomware) nhằm vào các doanh nghiệp lớn.
"""


def test_an_item_of_a_breakdown_is_read_with_the_sentence_that_introduces_it(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Trong đó:" then one line per kind: the kind asked is answered by its line, which the
    introducing sentence's words (gây sự cố, ghi nhận) describe too — not by the total."""
    service = service_holding(sample_service, tmp_path_factory, "breakdown", {"attt-2024.txt": BREAKDOWN})
    answer = service.ask("Năm 2024 có bao nhiêu cuộc tấn công lừa đảo (Phishing) gây sự cố được ghi nhận?")
    assert answer.answered and "4.210 cuộc" in answer.answer and "11.470" not in answer.answer, answer.answer
    answer = service.ask("Năm 2024 có bao nhiêu cuộc tấn công mạng gây sự cố được ghi nhận?")
    assert answer.answered and "11.470 cuộc" in answer.answer, answer.answer


PROVINCE_HALF = """BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2022 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THỬ NGHIỆM
I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2022
1. Lĩnh vực Viễn thông
- Doanh thu dịch vụ viễn thông trên địa bàn tỉnh ước đạt 485,6 tỷ đồng, tăng 3,8% so với cùng kỳ năm 2021, đạt 48,6% kế hoạch năm 2022.
- Số thuê bao băng rộng cố định trên địa bàn tỉnh đạt 312.400 thuê bao.
"""
PROVINCE_YEAR = """BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2022 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THỬ NGHIỆM
I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022
1. Lĩnh vực Viễn thông
- Doanh thu dịch vụ viễn thông năm 2022 ước đạt 998,2 tỷ đồng, tăng 4,1% so với năm 2021 (958,9 tỷ đồng), đạt 99,8% kế hoạch năm.
- Doanh thu dịch vụ bưu chính năm 2022 ước đạt 131,7 tỷ đồng, tăng 12,3% so với năm 2021 (117,3 tỷ đồng).
- Hạ tầng viễn thông trên địa bàn tỉnh tiếp tục được đầu tư, 100% xã có cáp quang.
"""

PROVINCE_NINE_MONTHS = """BÁO CÁO KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG NĂM 2023 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THỬ NGHIỆM
I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG NĂM 2023
1. Lĩnh vực Bưu chính
- Doanh thu dịch vụ bưu chính trên địa bàn tỉnh ước đạt 101,2 tỷ đồng.
- Mạng bưu chính công cộng trên địa bàn tỉnh có 152 điểm phục vụ.
2. Lĩnh vực Viễn thông
- Số trạm BTS trên địa bàn tỉnh đạt 2.140 trạm, trong đó 1.320 trạm 4G.
"""


def test_the_years_own_figure_comes_before_a_half_year_figure_stated_in_fuller_words(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """The half-year report says "trên địa bàn tỉnh", the year's report does not: asked for the year,
    the year's figure answers (and the year before's, which it compares with), never the half's as
    another report's figure of the year."""
    reports = {"so-6-thang-2022.txt": PROVINCE_HALF, "so-nam-2022.txt": PROVINCE_YEAR, "so-9-thang-2023.txt": PROVINCE_NINE_MONTHS}
    service = service_holding(sample_service, tmp_path_factory, "province", reports)
    answer = service.ask("Doanh thu dịch vụ viễn thông trên địa bàn tỉnh năm 2022 ước đạt bao nhiêu?")
    assert answer.answered and "998,2 tỷ đồng" in answer.answer and "485,6" not in answer.answer, answer.answer
    answer = service.ask("Doanh thu dịch vụ viễn thông trên địa bàn tỉnh năm 2021 là bao nhiêu?")
    assert answer.answered and "958,9 tỷ đồng" in answer.answer, answer.answer
    answer = service.ask("Doanh thu dịch vụ viễn thông trên địa bàn tỉnh 6 tháng đầu năm 2022 là bao nhiêu?")
    assert answer.answered and "485,6 tỷ đồng" in answer.answer and "998,2" not in answer.answer, answer.answer


PROVINCE_FIRST_HALF_2021 = """BÁO CÁO SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2021 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH THỬ NGHIỆM
I. KẾT QUẢ NỔI BẬT
1. Bưu chính
6 tháng đầu năm 2021, doanh thu bưu chính đạt gần 57 tỷ đồng, tăng 9% so với cùng kỳ; sản lượng bưu gửi đạt trên 1,2 triệu bưu gửi.
2. Viễn thông
Các doanh nghiệp duy trì chất lượng dịch vụ, bảo đảm thông tin liên lạc thông suốt; doanh thu viễn thông đạt 410 tỷ đồng.
3. Chuyển đổi số
Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 38%, tỷ lệ hồ sơ trực tuyến trên dịch vụ công đạt 27%.
"""


def test_a_periods_figure_worded_without_a_word_of_the_question_still_answers_that_period(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """One report writes "doanh thu bưu chính", the other "Doanh thu dịch vụ bưu chính": asked to
    compare both periods in the second wording, each period gets its own figure — the first is not
    "not held" for lacking one word."""
    service = service_holding(sample_service, tmp_path_factory, "wording", {"so-6-thang-2021.txt": PROVINCE_FIRST_HALF_2021, "so-nam-2022.txt": PROVINCE_YEAR})
    answer = service.ask("So sánh doanh thu dịch vụ bưu chính 6 tháng đầu năm 2021 và năm 2022")
    assert answer.answered and "57 tỷ đồng" in answer.answer and "131,7 tỷ đồng" in answer.answer, answer.answer
    assert "không có số liệu" not in answer.answer, answer.answer
    answer = service.ask("Doanh thu dịch vụ bưu chính năm 2020 là bao nhiêu?")
    assert not answer.answered and "năm 2020" in answer.answer, answer.answer


MINISTRY_YEAR_2022 = """BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2022 CỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG
I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022
1. Kết quả chung
Năm 2022, doanh thu toàn ngành TT&TT ước đạt 3,72 triệu tỷ đồng, tăng 10,5% so với năm 2021; năm 2021 đạt 3,37 triệu tỷ đồng; năm 2020 đạt 3,1 triệu tỷ đồng.
Nộp ngân sách nhà nước năm 2022 ước đạt 85.000 tỷ đồng, đạt 102% kế hoạch năm.
2. Lĩnh vực viễn thông
- Số thuê bao băng rộng cố định đạt 21,2 triệu thuê bao (năm 2021: 19,3 triệu thuê bao).
II. KẾ HOẠCH NĂM 2023
- Doanh thu toàn ngành phấn đấu đạt 4 triệu tỷ đồng.
"""


@pytest.mark.parametrize(
    "question",
    ["Doanh thu toàn ngành năm 2020 và 2022 là bao nhiêu?", "doanh thu toan nganh nam 2020 va nam 2022", "so sanh doanh thu toan nganh 2020 va 2022"],
)
def test_two_periods_stated_in_one_sentence_get_a_figure_each(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory, question: str
):
    """One sentence gives three years' figures: asked for two (typed any way), each gets its own
    figure, the sentence quoted once; "và" typed without its accent is no word of what is measured."""
    service = service_holding(sample_service, tmp_path_factory, "one-sentence", {"tong-ket-2022.txt": MINISTRY_YEAR_2022})
    answer = service.ask(question)
    assert answer.answered, answer.answer
    lines = answer.answer.splitlines()
    assert lines[0].startswith("năm 2020: 3,1 triệu tỷ đồng (trong câu:"), answer.answer
    assert lines[1].startswith("năm 2022: 3,72 triệu tỷ đồng (cũng trong câu trên)"), answer.answer
    assert "3,37" not in lines[1] and len(lines) == 2, answer.answer


def test_a_table_row_of_several_years_answers_with_its_latest_result_and_names_each_years_figure(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """A Word table "Chỉ tiêu | Đơn vị | Thực hiện năm 2023 | Kế hoạch năm 2024 | Thực hiện năm 2024":
    no period named gets 2024's result with the row's unit, 2023's after it; a year the row does not
    hold is declined with each year's figure named, the row quoted once."""
    report = build_docx(
        [("Heading 1", "I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024"), ("Normal", "Kết quả thực hiện các chỉ tiêu chủ yếu như sau:")],
        table=[
            ["Chỉ tiêu", "Đơn vị", "Thực hiện năm 2023", "Kế hoạch năm 2024", "Thực hiện năm 2024"],
            ["Tỷ lệ DVCTT toàn trình", "%", "45,2", "60", "58,7"],
            ["Doanh thu viễn thông", "tỷ đồng", "1.250", "1.400", "1.372"],
        ],
        title="Báo cáo kết quả thực hiện các chỉ tiêu năm 2024 của Sở Thông tin và Truyền thông",
    )
    service = service_holding(sample_service, tmp_path_factory, "table-years", {"chi-tieu-2024.docx": report})
    answer = service.ask("ty le dvctt toan trinh")
    assert answer.answered and answer.answer.startswith("năm 2024: 58,7%"), answer.answer
    assert "năm 2023: 45,2%" in answer.answer, answer.answer
    answer = service.ask("Doanh thu viễn thông năm 2022?")
    assert not answer.answered and "năm 2022" in answer.answer, answer.answer
    assert "- năm 2024: 1.372 tỷ đồng (trong câu:" in answer.answer, answer.answer
    assert "- năm 2023: 1.250 tỷ đồng (cũng trong câu trên)" in answer.answer, answer.answer


def test_a_column_of_six_months_under_its_years_header_is_that_half_years_figure_not_the_years(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """An annex table whose merged header "Năm 2024" spans "Kế hoạch" and "Thực hiện 6 tháng": the
    second column is the first half of 2024. Asked for the year, the assistant says the year's result
    is not there yet and gives the half-year's; asked for the half-year, that figure."""
    service = annex_service(
        sample_service,
        tmp_path_factory,
        "table-half-year",
        "II. PHỤ LỤC: CÁC CHỈ TIÊU CHỦ YẾU",
        table=[
            ["Chỉ tiêu", "Năm 2023", None, "Năm 2024", None],
            ["", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện 6 tháng"],
            ["Doanh thu bưu chính (tỷ đồng)", "150", "161,2", "175", "86,4"],
        ],
        title="Báo cáo sơ kết 6 tháng đầu năm 2024 của Sở Thông tin và Truyền thông",
    )
    answer = service.ask("doanh thu buu chinh 6 thang dau nam 2024")
    assert answer.answered and answer.answer.startswith("6 tháng đầu năm 2024: 86,4"), answer.answer
    answer = service.ask("Doanh thu bưu chính năm 2024 đạt bao nhiêu?")
    lines = answer.answer.splitlines()
    assert not any(line.startswith("năm 2024:") for line in lines), answer.answer
    assert any(line.startswith("6 tháng đầu năm 2024: 86,4") for line in lines), answer.answer
    answer = service.ask("So sánh doanh thu bưu chính năm 2023 và 6 tháng đầu năm 2024")
    assert answer.answered and "năm 2023: 161,2" in answer.answer and "6 tháng đầu năm 2024: 86,4" in answer.answer, answer.answer


def test_an_annexs_plan_and_comparison_columns_are_never_quoted_as_its_result(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """The usual annex, abbreviated: "KH năm 2024 | TH 6 tháng 2024 | So sánh (%) TH/KH | Cùng kỳ 2023 |
    So với cùng kỳ (%)". The latest result is the half-year's, never the plan; the year has no result
    yet; the plan, the share of it reached and last year's same half are each what is asked for them."""
    service = annex_service(
        sample_service,
        tmp_path_factory,
        "annex-columns",
        "PHỤ LỤC: MỘT SỐ CHỈ TIÊU CHỦ YẾU",
        table=[
            ["TT", "Chỉ tiêu", "ĐVT", "KH năm 2024", "TH 6 tháng 2024", "So sánh (%) TH/KH", "Cùng kỳ 2023", "So với cùng kỳ (%)"],
            ["1", "Số thuê bao băng rộng cố định", "thuê bao", "230.000", "224.120", "97,4", "205.300", "109,2"],
        ],
        title="Báo cáo kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024 của Sở Thông tin và Truyền thông",
    )
    answer = service.ask("so thue bao bang rong co dinh")
    assert answer.answered and answer.answer.startswith("6 tháng đầu năm 2024: 224.120 thuê bao"), answer.answer
    answer = service.ask("Số thuê bao băng rộng cố định năm 2024 là bao nhiêu?")
    lines = answer.answer.splitlines()
    assert not any(line.startswith("năm 2024:") for line in lines), answer.answer
    assert any(line.startswith("6 tháng đầu năm 2024: 224.120") for line in lines), answer.answer
    answer = service.ask("Kế hoạch số thuê bao băng rộng cố định năm 2024")
    assert answer.answered and answer.answer.startswith("năm 2024: 230.000 thuê bao"), answer.answer
    answer = service.ask("Số thuê bao băng rộng cố định 6 tháng đạt bao nhiêu % kế hoạch?")
    assert answer.answered and answer.answer.startswith("6 tháng đầu năm 2024: đạt 97,4% kế hoạch"), answer.answer
    answer = service.ask("Số thuê bao băng rộng cố định 6 tháng đầu năm 2023")
    assert answer.answered and answer.answer.startswith("6 tháng đầu năm 2023: 205.300 thuê bao"), answer.answer


def test_a_year_asked_of_a_quarters_annex_gets_its_cumulative_figure_and_a_bare_years_column_is_that_year(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"TH 2023 | KH 2024 | Thực hiện quý III/2024 | Lũy kế 9 tháng | % KH năm": "TH 2023" is 2023's
    result (it had been the report's quarter), and 2024 asked gets the nine months, not the quarter."""
    service = annex_service(
        sample_service,
        tmp_path_factory,
        "annex-quarters",
        "PHỤ LỤC: KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
        table=[
            ["Chỉ tiêu", "ĐVT", "TH 2023", "KH 2024", "Thực hiện quý III/2024", "Lũy kế 9 tháng", "% KH năm"],
            ["Số trạm BTS 5G", "trạm", "120", "600", "150", "410", "68,3"],
        ],
        title="Báo cáo kết quả 9 tháng năm 2024 của Sở Thông tin và Truyền thông",
    )
    answer = service.ask("so tram BTS 5G nam 2023")
    assert answer.answered and answer.answer.startswith("năm 2023: 120 trạm"), answer.answer
    answer = service.ask("Số trạm BTS 5G năm 2024?")
    lines = answer.answer.splitlines()
    assert lines[1].startswith("9 tháng năm 2024: 410 trạm") and not any(line.startswith("quý III") for line in lines), answer.answer
    answer = service.ask("Số trạm BTS 5G đạt bao nhiêu % kế hoạch?")
    assert answer.answered and answer.answer.startswith("9 tháng năm 2024: đạt 68,3% kế hoạch"), answer.answer


def test_a_table_rows_plan_and_result_of_one_year_are_each_named_before_the_row_is_quoted(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Kế hoạch năm 2024: 1.500; Thực hiện năm 2024: 1.612,7": the row had been quoted bare, leaving the
    reader to pick which of its two figures of 2024 answers; the figure asked is said first."""
    service = annex_service(
        sample_service,
        tmp_path_factory,
        "one-year-row",
        "PHỤ LỤC: CHỈ TIÊU",
        table=[["Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024"], ["Doanh thu dịch vụ viễn thông", "tỷ đồng", "1.500", "1.612,7"]],
        title="Báo cáo kết quả năm 2024 của Sở Thông tin và Truyền thông",
    )
    answer = service.ask("doanh thu dich vu vien thong nam 2024")
    assert answer.answered and answer.answer.startswith("năm 2024: 1.612,7 tỷ đồng (trong câu:"), answer.answer
    answer = service.ask("Kế hoạch doanh thu dịch vụ viễn thông năm 2024")
    assert answer.answered and answer.answer.startswith("năm 2024: 1.500 tỷ đồng (trong câu:"), answer.answer


GCI_2017 = """Việt Nam trong bảng xếp hạng chỉ số an toàn, an ninh mạng toàn cầu năm 2017
Ngày 05/7/2017, Liên minh Viễn thông Quốc tế (ITU) công bố Chỉ số an toàn, an ninh mạng toàn cầu năm 2017.
Theo báo cáo, Việt Nam xếp thứ 101/193 quốc gia, vùng lãnh thổ được đánh giá, thuộc nhóm các quốc gia ở giai đoạn "bắt đầu".
"""
GCI_2018 = """Việt Nam tăng 51 bậc về chỉ số an toàn, an ninh mạng toàn cầu
(TTXVN) - Báo cáo Chỉ số an toàn, an ninh mạng toàn cầu (GCI) năm 2018 vừa được ITU công bố cho thấy Việt Nam đã vươn lên xếp thứ 50/175 quốc gia, vùng lãnh thổ, tăng 51 bậc so với năm 2017.
"""


def test_a_rank_stated_without_the_abbreviation_asked_still_answers_its_year(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Thứ hạng GCI … 2017 và 2018": the 2018 item names GCI and "xếp thứ", the 2017 one only "xếp
    thứ" under a headline spelling the index out — each year still gets its rank."""
    service = service_holding(sample_service, tmp_path_factory, "gci", {"gci-2017.txt": GCI_2017, "gci-2018.txt": GCI_2018})
    answer = service.ask("Thứ hạng GCI của Việt Nam năm 2017 và năm 2018 lần lượt là bao nhiêu?")
    assert answer.answered and "101/193" in answer.answer and "50/175" in answer.answer, answer.answer


def test_a_departments_question_is_not_answered_by_the_ministrys_figure_nor_the_countrys_by_a_province(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """The ministry's year report and a province's half-year report state the same indicator: asked
    "của sở" or "trên địa bàn tỉnh", the province's figure answers and the country's is not offered
    as another period of it; asked "cả nước" (words no report writes), the ministry's answers alone."""
    reports = {"tong-ket-2022.txt": MINISTRY_YEAR_2022, "so-6-thang-2022.txt": PROVINCE_HALF}
    service = service_holding(sample_service, tmp_path_factory, "scope", reports)
    for question in ["so thue bao bang rong co dinh cua so nam 2022", "Số thuê bao băng rộng cố định trên địa bàn tỉnh năm 2022?"]:
        answer = service.ask(question)
        assert "312.400 thuê bao" in answer.answer and "21,2" not in answer.answer, answer.answer
    for question in ["Số thuê bao băng rộng cố định cả nước năm 2022", "Số thuê bao băng rộng cố định toàn quốc là bao nhiêu?"]:
        answer = service.ask(question)
        assert answer.answered and "21,2 triệu thuê bao" in answer.answer and "312.400" not in answer.answer, answer.answer


DIGITAL_BUSINESSES_2021 = """BÁO CÁO SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2021 CỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG
I. KẾT QUẢ NỔI BẬT
1. Kinh tế số
Tổng số doanh nghiệp công nghệ số là 61.359.
"""
DIGITAL_PLATFORMS_2022 = """BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2022 CỦA BỘ THÔNG TIN VÀ TRUYỀN THÔNG
I. KẾT QUẢ NỔI BẬT
1. Kinh tế số
Năm 2022, Bộ TTTT thúc đẩy doanh nghiệp công nghệ số triển khai xây dựng và công bố được 43 nền tảng số.
"""


def test_a_count_of_other_things_in_a_sentence_naming_what_is_counted_is_not_its_count(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Bao nhiêu doanh nghiệp": a later report's sentence about the businesses that counts the
    platforms they launched ("43 nền tảng số") does not answer it; the sentence counting them does."""
    reports = {"6-thang-2021.txt": DIGITAL_BUSINESSES_2021, "nam-2022.txt": DIGITAL_PLATFORMS_2022}
    service = service_holding(sample_service, tmp_path_factory, "counted", reports)
    answer = service.ask("Có bao nhiêu doanh nghiệp công nghệ số?")
    assert answer.answered and "61.359" in answer.answer and "43" not in answer.answer, answer.answer


def test_a_decline_names_a_periods_figure_worded_in_fewer_of_the_questions_words(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """Asked for a year no report holds, the periods held are each named — the half-year's
    "doanh thu bưu chính" too, beside the year's "Doanh thu dịch vụ bưu chính"."""
    service = service_holding(sample_service, tmp_path_factory, "held-wording", {"so-6-thang-2021.txt": PROVINCE_FIRST_HALF_2021, "so-nam-2022.txt": PROVINCE_YEAR})
    answer = service.ask("Doanh thu dịch vụ bưu chính năm 2019 là bao nhiêu?")
    assert not answer.answered and "năm 2019" in answer.answer, answer.answer
    assert "131,7 tỷ đồng" in answer.answer and "57 tỷ đồng" in answer.answer, answer.answer


NEWS_ITEMS = {
    "quy-1-2024.txt": """Quý I/2024: doanh thu dịch vụ viễn thông ước đạt hơn 37 nghìn tỷ đồng
Hà Nội, ngày 05/4/2024 - Tại họp báo thường kỳ quý I/2024, Bộ Thông tin và Truyền thông cho biết doanh thu dịch vụ viễn thông quý I/2024 ước đạt 37.050 tỷ đồng.
""",
    "quy-1-2025.txt": """Doanh thu viễn thông quý I tăng 4,2%
Hà Nội, ngày 08/4/2025 - Doanh thu dịch vụ viễn thông quý I/2025 ước đạt 38.600 tỷ đồng, tăng 4,2% so với cùng kỳ năm 2024 (37.050 tỷ đồng).
""",
    "vien-thong-2021.txt": """Thị trường viễn thông năm 2021
Hà Nội, ngày 12/01/2022 - Tổng doanh thu viễn thông năm 2021 đạt 137.340 tỷ đồng, tăng 1,3% so với năm 2020.
""",
    "nam-2022.txt": """Doanh thu ngành TT&TT năm 2022 ước đạt 3,78 triệu tỷ đồng
Hà Nội, ngày 06/01/2023 - Theo báo cáo, năm 2022 doanh thu ngành TT&TT ước đạt 3.778.000 tỷ đồng, tăng 5,9% so với năm 2021.
""",
    "9-thang-2024.txt": """Doanh thu toàn ngành 9 tháng ước đạt gần 3 triệu tỷ đồng
Hà Nội, ngày 04/10/2024 - Theo đó, 9 tháng năm 2024 doanh thu toàn ngành TT&TT ước đạt 2.987.000 tỷ đồng, tăng 11,7% so với cùng kỳ năm trước.
""",
    "buu-chinh-6-thang-2024.txt": """6 tháng đầu năm 2024: bưu chính tăng trưởng hai con số
Hà Nội, ngày 12/7/2024 - Vụ Bưu chính báo cáo doanh thu dịch vụ bưu chính 6 tháng đầu năm 2024 ước đạt 31.750 tỷ đồng; sản lượng bưu gửi ước đạt 1.310 triệu bưu gửi.
""",
    "buu-chinh-2023.txt": """Mỗi ngày có hơn 6 triệu bưu gửi được chuyển phát
Hà Nội, ngày 10/01/2024 - Năm 2023 doanh thu dịch vụ bưu chính đạt 58.900 tỷ đồng, tăng 10,7% so với năm 2022.
""",
    "egdi-2024.txt": """Việt Nam tăng 15 bậc về Chính phủ điện tử
Hà Nội, ngày 20/9/2024 - Theo Báo cáo khảo sát Chính phủ điện tử năm 2024 của Liên hợp quốc, Việt Nam xếp hạng 71/193 quốc gia, tăng 15 bậc so với năm 2022, lần đầu đạt mức "Rất cao" về chỉ số EGDI.
""",
    "egdi-2020.txt": """Chính phủ điện tử: Việt Nam tăng 2 bậc
Hà Nội, ngày 12/7/2020 - Báo cáo khảo sát Chính phủ điện tử năm 2020 của Liên hợp quốc vừa được công bố, theo đó Việt Nam xếp hạng 86/193 quốc gia, tăng 2 bậc so với năm 2018, thuộc nhóm có chỉ số EGDI ở mức cao.
""",
    "kinh-te-so.txt": """Kinh tế số chiếm 14,26% GDP, hướng tới mục tiêu 20% vào năm 2025
Hà Nội, ngày 10/01/2023 - Theo Bộ Thông tin và Truyền thông, năm 2022 tỷ trọng kinh tế số trong GDP của Việt Nam ước đạt 14,26%.
Về chuyển đổi số trong cơ quan nhà nước, tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến năm 2022 đạt 30,67%.
Theo Chiến lược quốc gia phát triển kinh tế số và xã hội số, Việt Nam đặt mục tiêu tỷ trọng kinh tế số đạt 20% GDP vào năm 2025.
""",
}


@pytest.fixture(scope="module")
def news_service(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return service_holding(sample_service, tmp_path_factory, "news", NEWS_ITEMS)


@pytest.mark.parametrize(
    "question, expected, not_expected",
    [
        # the quarter's own news item before the same figure as the next year's comparison base
        ("doanh thu vien thong quy 1/2024", "Tại họp báo thường kỳ quý I/2024", "số liệu so sánh"),
        # "toàn ngành TT&TT" names the sector the question types "ngành tttt"
        ("doanh thu nganh tttt 9 thang 2024 va nam 2022", "2.987.000 tỷ đồng", "không có số liệu"),
        # a year after the index's abbreviation is its edition; "VN" is no thing measured
        ("EGDI 2024 VN xep thu bao nhieu", "71/193", "86/193"),
        # the target asked, not the headline's section of other figures
        ("Mục tiêu kinh tế số năm 2025", "20%", "30,67%"),
    ],
)
def test_news_items_of_many_periods_answer_the_period_asked(news_service: AssistantService, question: str, expected: str, not_expected: str):
    answer = news_service.ask(question)
    assert answer.answered and expected in answer.answer and not_expected not in answer.answer, answer.answer


def test_another_index_is_no_answer_and_a_change_not_stated_for_the_period_is_said_missing(news_service: AssistantService):
    """"GCI" is not "EGDI" (no ranking of 2020 of another index quoted); "tăng bao nhiêu" of a
    half-year whose revenue alone is stated: the growth is what is missing, that revenue what is held."""
    answer = news_service.ask("xep hang GCI cua VN nam 2020")
    assert not answer.answered and "86/193" not in answer.answer, answer.answer
    answer = news_service.ask("Doanh thu dịch vụ bưu chính 6T/2024 tăng bao nhiêu?")
    assert not answer.answered, answer.answer
    assert answer.answer.startswith("Các báo cáo không nêu mức tăng, giảm 6 tháng đầu năm 2024"), answer.answer
    assert "31.750 tỷ đồng" in answer.answer and "10,7%" not in answer.answer, answer.answer


ONLINE_SERVICES_2024 = """BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2024 VỀ CHUYỂN ĐỔI SỐ QUỐC GIA CỦA CỤC CHUYỂN ĐỔI SỐ QUỐC GIA
I. KẾT QUẢ 6 THÁNG ĐẦU NĂM 2024
1. Dịch vụ công trực tuyến
- Tỷ lệ hồ sơ trực tuyến toàn trình trên tổng số hồ sơ của các DVCTT toàn trình đạt 44,9% (cùng kỳ năm 2023: 39,21%).
- Cổng Dịch vụ công quốc gia tiếp nhận 5,2 triệu hồ sơ trực tuyến.
"""


def test_a_share_of_something_else_taken_over_what_is_asked_is_no_answer(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"Tỷ lệ DVCTT toàn trình" is not answered by the share of dossiers taken over the DVCTT's
    dossiers ("… trên tổng số hồ sơ của các DVCTT toàn trình"); the share of dossiers is."""
    service = service_holding(sample_service, tmp_path_factory, "share-base", {"cds-6-thang-2024.txt": ONLINE_SERVICES_2024})
    answer = service.ask("Tỷ lệ DVCTT toàn trình 6 tháng đầu năm 2024 là bao nhiêu?")
    assert not answer.answered and "44,9%" not in answer.answer, answer.answer
    answer = service.ask("Tỷ lệ hồ sơ trực tuyến toàn trình 6T/2024")
    assert answer.answered and "44,9%" in answer.answer, answer.answer


def test_a_compound_typed_joined_or_hyphenated_finds_the_reports_spelling(sample_service, tmp_path_factory):
    service = one_report_service(
        sample_service, tmp_path_factory, "compounds", "BÁO CÁO KẾT QUẢ CÔNG TÁC NĂM 2023",
        "Cả nước có 310 điểm phát sóng Wi-Fi công cộng miễn phí tại các khu du lịch.",
        "Tỷ lệ cơ quan nhà nước sử dụng email công vụ đạt 98%.",
    )
    for question, figure in (
        ("so diem phat song wifi cong cong nam 2023", "310"),
        ("Số điểm phát sóng WiFi công cộng?", "310"),
        ("ty le co quan nha nuoc dung e-mail cong vu", "98%"),
    ):
        answer = service.ask(question)
        assert answer.answered, question
        assert figure in answer.answer


def test_a_periods_figure_written_with_an_abbreviation_answers_the_spelled_out_question(sample_service, tmp_path_factory):
    reports = {
        "tong-ket-2021.txt": (
            "BÁO CÁO TỔNG KẾT NĂM 2021\n\nI. CHUYỂN ĐỔI SỐ\n"
            "Tỷ lệ DVCTT mức độ 4 đạt 47,2%; tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 21,6%.\n"
        ),
        "so-ket-6-thang-2022.txt": (
            "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2022\n\nI. CHUYỂN ĐỔI SỐ\n"
            "Tỷ lệ DVCTT mức độ 4 đạt 53,8%; tỷ lệ hồ sơ TTHC được xử lý trực tuyến đạt 24,3%.\n"
        ),
    }
    service = service_holding(sample_service, tmp_path_factory, "abbreviated", reports)
    answer = service.ask("Nửa đầu năm 2022, tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến là bao nhiêu?")
    assert answer.answered
    assert "24,3%" in answer.answer and "21,6%" not in answer.answer
    assert answer.citations[0].source == "so-ket-6-thang-2022.txt"


ANNEX_REPORTS = {
    "tin-quy-1-2022.html": (
        "<html><body><h1>Quý I/2022: ngành TT&TT tăng trưởng khá</h1>"
        "<p>Trong quý I/2022, cả nước hiện có khoảng 65.800 doanh nghiệp công nghệ số, tiếp tục tăng so với cuối năm 2021.</p>"
        "</body></html>"
    ),
    "so-ket-6-thang-2022.txt": (
        "BÁO CÁO SƠ KẾT 6 THÁNG ĐẦU NĂM 2022\n\nI. CÔNG NGHIỆP ICT\n"
        "- Số DNCNS ước đạt 67.300 doanh nghiệp, tăng 9,6% so với cùng kỳ.\n"
    ),
    "tong-ket-2023.txt": (
        "BÁO CÁO TỔNG KẾT NĂM 2023\n\nI. KẾT QUẢ\nNăm 2023, doanh thu toàn ngành giảm so với năm 2022.\n"
        "II. NHIỆM VỤ NĂM 2024\na) Tập trung phát triển doanh nghiệp công nghệ số\nHoàn thành các chỉ tiêu được giao.\n\n"
        "PHỤ LỤC I\nKẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023\n\n"
        "| TT | Chỉ tiêu | ĐVT | KH năm 2023 | TH năm 2023 | So sánh (%) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Doanh thu toàn ngành | tỷ đồng | 4.080.000 | 3.558.000 | 87,2 |\n"
        "| 2 | Tỷ lệ hồ sơ trực tuyến | % | 40 | 40,6 | 101,5 |\n"
        "| 3 | Số doanh nghiệp công nghệ số | doanh nghiệp | 75.000 | 74.300 | 99,1 |\n"
    ),
}


@pytest.fixture(scope="module")
def annex_reports(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return service_holding(sample_service, tmp_path_factory, "annexes", ANNEX_REPORTS)


def test_the_latest_figure_is_not_an_older_sentence_that_also_says_ca_nuoc_hien_co(annex_reports: AssistantService):
    answer = annex_reports.ask("Hiện nay cả nước có bao nhiêu doanh nghiệp công nghệ số?")
    assert answer.answered
    assert answer.answer.startswith("năm 2023: 74.300")
    assert answer.citations[0].source == "tong-ket-2023.txt"


def test_an_abbreviated_periods_figure_is_found_beside_the_spelled_out_ones(annex_reports: AssistantService):
    answer = annex_reports.ask("Số doanh nghiệp công nghệ số 6 tháng đầu năm 2022 và năm 2023 lần lượt là bao nhiêu?")
    assert contains_all(answer.answer, ("67.300", "74.300"))
    assert "không có số liệu" not in answer.answer


def test_a_plain_text_reports_annex_table_answers_the_plan_and_the_share_reached(annex_reports: AssistantService):
    plan = annex_reports.ask("Kế hoạch doanh thu toàn ngành được giao cho năm 2023 là bao nhiêu?")
    assert plan.answer.startswith("năm 2023: 4.080.000 tỷ đồng")
    assert "PHỤ LỤC I" in plan.citations[0].section and "NHIỆM VỤ" not in plan.citations[0].section
    share = annex_reports.ask("Tỷ lệ hồ sơ trực tuyến năm 2023 đạt bao nhiêu phần trăm kế hoạch?")
    assert share.answer.startswith("năm 2023: đạt 101,5% kế hoạch (kế hoạch 40%, thực hiện 40,6%)")
    target = annex_reports.ask("Chỉ tiêu tỷ lệ hồ sơ trực tuyến năm 2023 là bao nhiêu?")
    assert target.answer.startswith("năm 2023: 40%")  # the row's unit column, said with the figure


def test_a_count_asked_where_only_a_share_is_stated_is_declined(sample_service, tmp_path_factory):
    service = one_report_service(
        sample_service, tmp_path_factory, "share-not-count", "BÁO CÁO TỔNG KẾT NĂM 2024",
        "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 52,3%, tăng 8,1% so với năm 2023.",
        "Cả nước có 4.512 dịch vụ công trực tuyến toàn trình.",
    )
    assert not service.ask("Có bao nhiêu hồ sơ trực tuyến toàn trình năm 2024?").answered  # 52,3% counts no dossiers
    assert "52,3%" in service.ask("Bao nhiêu % hồ sơ trực tuyến toàn trình năm 2024?").answer
    assert "4.512" in service.ask("Có bao nhiêu dịch vụ công trực tuyến toàn trình năm 2024?").answer


def test_a_figure_alone_in_one_clause_of_a_sentence_is_named_before_the_sentence(sample_service, tmp_path_factory):
    service = one_report_service(
        sample_service, tmp_path_factory, "clauses", "BÁO CÁO TỔNG KẾT NĂM 2023",
        "Tỷ lệ hộ gia đình sử dụng cáp quang đạt 79,3%; tỷ lệ người sử dụng Internet đạt 79,1% dân số.",
        "Bộ đã kết nối gần 9000 camera giám sát tại hơn 700 cơ sở cách ly.",
    )
    answer = service.ask("Tỷ lệ người sử dụng Internet năm 2023 là bao nhiêu?")
    assert answer.answer.startswith("năm 2023: 79,1% dân số (trong câu: Tỷ lệ hộ gia đình")
    # two figures of one clause: the sentence is quoted as it stands, no figure picked out of it
    assert "(trong câu" not in service.ask("Bộ đã kết nối bao nhiêu camera giám sát năm 2023?").answer


YEARLY_ATTACKS = {
    f"tong-ket-{year}.txt": f"BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM {year}\n\nI. KẾT QUẢ NĂM {year}\n{sentence}\n"
    for year, sentence in (
        (2021, "Năm 2021 ghi nhận 8.905 cuộc tấn công mạng gây sự cố vào các hệ thống thông tin tại Việt Nam, giảm 11,3% so với năm 2020."),
        (2022, "Năm 2022 ghi nhận 12.213 cuộc tấn công mạng gây sự cố vào các hệ thống thông tin tại Việt Nam, tăng 37,1% so với năm 2021."),
        (2023, "Năm 2023 ghi nhận 13.900 cuộc tấn công mạng gây sự cố vào các hệ thống thông tin tại Việt Nam, tăng 13,8% so với năm 2022."),
    )
}


def test_a_change_from_a_period_no_report_measures_it_from_is_answered_with_both_figures(
    sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory
):
    """"… năm 2023 tăng bao nhiêu so với năm 2021?": the 13,8% the 2023 report states is measured from
    2022 — another change, never quoted as the answer; the figures of 2023 and of 2021 are what the
    reader computes it from, both cited."""
    service = service_holding(sample_service, tmp_path_factory, "change-base", YEARLY_ATTACKS)
    answer = service.ask("Số cuộc tấn công mạng năm 2023 tăng bao nhiêu so với năm 2021?")
    assert answer.answered, answer.answer
    assert answer.answer.startswith("Các báo cáo không nêu mức tăng, giảm năm 2023 so với năm 2021"), answer.answer
    assert "13.900" in answer.answer and "8.905" in answer.answer and "12.213" not in answer.answer, answer.answer
    assert {citation.source for citation in answer.citations} == {"tong-ket-2023.txt", "tong-ket-2021.txt"}
    assert "13,8%" not in answer.answer.splitlines()[0] and "37,1%" not in answer.answer, answer.answer
    # the change the reports do state, from the base they measure it from
    answer = service.ask("so cuoc tan cong mang nam 2022 tang bao nhieu so voi nam 2021")
    assert answer.answered and "37,1%" in answer.answer and not answer.answer.startswith("Các báo cáo không"), answer.answer
    # two periods compared in words no report writes ("khác nhau", "chênh lệch"): each period's figure
    answer = service.ask("so cuoc tan cong mang 2021 va 2022 chenh lech bao nhieu")
    assert answer.answered and "8.905" in answer.answer and "12.213" in answer.answer, answer.answer
    # the change and each year's figure asked: the figures answer, the change not stated is said so
    answer = service.ask("Số cuộc tấn công mạng năm 2023 tăng bao nhiêu so với năm 2021? Cho biết số liệu hai năm.")
    assert answer.answered and answer.answer.startswith("Các báo cáo không nêu mức tăng, giảm"), answer.answer
    assert "13.900" in answer.answer and "8.905" in answer.answer, answer.answer
    # the change stated from the other year asked: it answers, and that year's own figure is given too
    answer = service.ask("Số cuộc tấn công mạng năm 2023 tăng bao nhiêu so với năm 2022 (nêu số liệu hai năm)?")
    assert answer.answered and "13,8%" in answer.answer and "12.213" in answer.answer, answer.answer
    assert "không có số liệu năm 2022" not in answer.answer, answer.answer


def test_a_rank_asked_is_the_ranks_figure_however_either_side_words_it(sample_service, tmp_path_factory):
    """"xếp hạng bao nhiêu" is answered by "giữ nguyên thứ hạng 86/193" of the year asked, not by another
    year's "xếp thứ 71/193" (which words the rank as the question does), nor by the index's score."""
    service = service_holding(
        sample_service, tmp_path_factory, "ranks",
        {
            "tong-ket-2022.txt": "BÁO CÁO TỔNG KẾT NĂM 2022\n\nI. KẾT QUẢ NĂM 2022\n"
            "Khảo sát Chính phủ điện tử của Liên hợp quốc năm 2022: chỉ số EGDI của Việt Nam đạt 0,6787 điểm, giữ nguyên thứ hạng 86/193.\n",
            "tong-ket-2024.txt": "BÁO CÁO TỔNG KẾT NĂM 2024\n\nI. KẾT QUẢ NĂM 2024\n"
            "Khảo sát Chính phủ điện tử của Liên hợp quốc năm 2024: chỉ số EGDI của Việt Nam xếp thứ 71/193, tăng 15 bậc so với năm 2022.\n",
        },
    )
    for question in ("EGDI 2022 VN xep hang bao nhieu", "Chỉ số EGDI năm 2022 của Việt Nam xếp thứ mấy?"):
        answer = service.ask(question)
        assert answer.answered and "86/193" in answer.answer and "71/193" not in answer.answer, answer.answer
        assert "năm 2022: 0,6787" not in answer.answer, answer.answer


def test_a_result_asked_of_a_year_only_planned_is_said_not_reached_yet_with_its_target(sample_service, tmp_path_factory):
    service = service_holding(
        sample_service, tmp_path_factory, "planned-year",
        {
            "tong-ket-2024.txt": "BÁO CÁO TỔNG KẾT NĂM 2024\n\nI. KẾT QUẢ NĂM 2024\nTỷ lệ dân số sử dụng Internet đạt 80,4%.\n",
            "ke-hoach-2025.txt": "KẾ HOẠCH NĂM 2025\n\nI. CHỈ TIÊU CHỦ YẾU NĂM 2025\nTỷ lệ dân số sử dụng Internet đạt 82%.\n",
        },
    )
    answer = service.ask("Tỷ lệ dân số sử dụng Internet năm 2025 đạt bao nhiêu?")
    assert not answer.answered, answer.answer
    assert answer.answer.startswith("Các báo cáo chưa có số liệu kết quả thực hiện năm 2025"), answer.answer
    assert "82%" in answer.answer and "80,4%" not in answer.answer, answer.answer


PROVINCE_REPORTS = {
    "so-ket-6-thang-2024.md": (
        "UBND TỈNH THANH HÓA\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nSố: 1562/BC-STTTT | Thanh Hóa, ngày 05 tháng 7 năm 2024\n\n"
        "# BÁO CÁO SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2024\n\n## I. Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024\n\n"
        "Sáu tháng đầu năm, doanh thu bưu chính đạt 334,7 tỷ đồng, tăng 13,1% so với cùng kỳ, bằng 49,2% kế hoạch năm 2024.\n\n"
        "- Bộ TT&TT đã công bố Chỉ số DTI năm 2023: Thanh Hóa xếp thứ 11/63 tỉnh, thành phố, tăng 3 bậc so với năm 2022.\n"
    ),
    "tong-ket-2023.txt": (
        "UBND TỈNH THANH HÓA\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO\nTổng kết công tác năm 2023 và kế hoạch năm 2024\n\n"
        "I. KẾT QUẢ NĂM 2023\n1. Bưu chính, chuyển đổi số\nDoanh thu bưu chính năm 2023 ước đạt 618,4 tỷ đồng, tăng 11,8% so với năm 2022.\n"
        "Chỉ số DTI năm 2022 (Bộ TT&TT công bố tháng 7/2023) của tỉnh xếp thứ 14/63, tăng 5 bậc so với năm 2021.\n"
        "II. KẾ HOẠCH NĂM 2024\nKế hoạch năm 2024: doanh thu bưu chính đạt 680 tỷ đồng.\n\n"
        "PHỤ LỤC\n| Chỉ tiêu | ĐVT | KH 2023 | TH 2023 | TH/KH (%) |\n|---|---|---|---|---|\n"
        "| Tỷ lệ hộ gia đình sử dụng cáp quang | % | 78 | 76,9 | 98,6 |\n"
    ),
}


def test_a_provinces_reports_answer_its_questions_by_their_masthead_and_their_edition_years(sample_service, tmp_path_factory):
    """Reports a province's department issued (its masthead says so, not its title) answer "của tỉnh";
    an index's year named in a sentence ("công bố Chỉ số DTI năm 2023") is the edition, not when it
    was announced; "cả năm 2024" is not answered by the first half; a share of the plan from a row
    holding the plan and the result says all three."""
    service = service_holding(sample_service, tmp_path_factory, "province", PROVINCE_REPORTS)
    answer = service.ask("Doanh thu bưu chính 6 tháng đầu năm 2024 của tỉnh là bao nhiêu?")
    assert answer.answered and "334,7 tỷ đồng" in answer.answer, answer.answer
    answer = service.ask("DTI 2023 Thanh Hoa xep thu may")
    assert answer.answered and "11/63" in answer.answer and "14/63" not in answer.answer, answer.answer
    answer = service.ask("Chỉ số DTI năm 2022 của Thanh Hóa đứng thứ mấy trong cả nước?")
    assert answer.answered and "14/63" in answer.answer and "11/63" not in answer.answer, answer.answer
    answer = service.ask("Doanh thu bưu chính cả năm 2024 của tỉnh thực hiện được bao nhiêu?")
    assert not answer.answered and "334,7" not in answer.answer.splitlines()[0], answer.answer
    answer = service.ask("Năm 2023 chỉ tiêu hộ gia đình có cáp quang có hoàn thành không? Kế hoạch và kết quả là bao nhiêu?")
    assert answer.answered and "đạt 98,6% kế hoạch (kế hoạch 78%, thực hiện 76,9%)" in answer.answer, answer.answer
    titles = {document.source: document.title for document in service.list_documents()}
    assert titles["tong-ket-2023.txt"] == "Báo cáo tổng kết công tác năm 2023 và kế hoạch năm 2024"


def test_a_change_between_two_years_held_only_by_their_halves_lists_the_halves(sample_service: AssistantService):
    """The sample reports hold the first halves of 2021 and 2023, not the years: the change of the
    years is not stated, and what the reports hold for each year asked follows — no other period's
    sentence ("6 tháng cuối năm 2021: Tập trung hỗ trợ …")."""
    answer = sample_service.ask("Số doanh nghiệp công nghệ số năm 2023 tăng bao nhiêu so với năm 2021?")
    assert answer.answer.startswith("Các báo cáo không nêu mức tăng, giảm năm 2023 so với năm 2021"), answer.answer
    assert contains_all(answer.answer, ("72.000", "61.359")) and "6 tháng cuối năm 2021" not in answer.answer, answer.answer


def test_a_result_of_one_year_and_a_target_of_another_get_each_their_own_kind(sample_service, tmp_path_factory):
    """"… năm 2023 và chỉ tiêu năm 2024": 2023's result and 2024's target, each labelled and cited (it
    had been read as the targets of both, and 2023 said not held); a target not set is said missing."""
    service = service_holding(
        sample_service, tmp_path_factory, "kinds-by-period",
        {
            "tong-ket-2023.txt": "BÁO CÁO TỔNG KẾT NĂM 2023\n\nI. KẾT QUẢ NĂM 2023\n"
            "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 41,2%.\n"
            "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\nPhấn đấu tỷ lệ hồ sơ TTHC xử lý trực tuyến đạt 50%.\n",
            "quy-1-2023.txt": "BÁO CÁO QUÝ I NĂM 2023\n\nI. KẾT QUẢ QUÝ I NĂM 2023\n"
            "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính đạt 43,0%.\n",
        },
    )
    answer = service.ask("Tỷ lệ hồ sơ TTHC xử lý trực tuyến năm 2023 và chỉ tiêu năm 2024")
    assert answer.answered and [c.section for c in answer.citations] == ["I. KẾT QUẢ NĂM 2023", "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"]
    result, target = answer.answer.splitlines()
    assert result.startswith("Kết quả năm 2023") and "41,2%" in result, answer.answer
    assert target.startswith("Mục tiêu, kế hoạch năm 2024") and "50%" in target, answer.answer
    answer = service.ask("Tỷ lệ hồ sơ TTHC xử lý trực tuyến năm 2023 và chỉ tiêu năm 2025")
    assert answer.answered and "41,2%" in answer.answer and "50%" not in answer.answer, answer.answer
    assert "không có số liệu mục tiêu, kế hoạch năm 2025" in answer.answer, answer.answer
    # "hồ sơ trực tuyến" (HSTT) is named by the sentence whose words spell it out around others
    answer = service.ask("Tỷ lệ hồ sơ trực tuyến năm 2023 là bao nhiêu?")
    assert answer.answered and "41,2%" in answer.answer, answer.answer
    # "DVCTT toàn trình" is named by "dịch vụ công trực tuyến toàn trình" (it had been said not held)
    answer = service.ask("Tỷ lệ DVCTT toàn trình Q1/2023 đạt bao nhiêu %?")
    assert answer.answered and "43,0%" in answer.answer, answer.answer


QUARTER_TABLE_REPORT = (
    "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO NHANH\nTình hình tháng 3 và quý I năm 2025\n\n## I. Số liệu chủ yếu\n\n"
    "| Chỉ tiêu | ĐVT | Tháng 3/2025 | Quý I/2025 | Quý I/2024 | So cùng kỳ (%) |\n|---|---|---|---|---|---|\n"
    "| Số vụ tấn công mạng gây sự cố | vụ | 790 | 2.430 | 2.710 | 89,7 |\n"
    "| Xuất khẩu phần cứng, điện tử | tỷ USD | 13,2 | 36,9 | 31,4 | 117,5 |\n"
)


def test_a_change_from_a_rows_comparison_column_is_said_with_both_quarters_figures(sample_service, tmp_path_factory):
    """"So cùng kỳ (%)" compares the quarter with the same quarter a year before: asked how much it
    rose, the answer is that column with the two quarters' figures it compares (it had been read as
    last year's figure, and the change said not stated)."""
    service = service_holding(sample_service, tmp_path_factory, "quarter-table", {"bao-cao-nhanh-quy-1.md": QUARTER_TABLE_REPORT})
    answer = service.ask("Xuất khẩu phần cứng điện tử quý I/2025 tăng bao nhiêu so với cùng kỳ?")
    assert answer.answered, answer.answer
    assert answer.answer.startswith("quý I/2025: so với cùng kỳ 117,5% (quý I/2025: 36,9 tỷ USD; quý I/2024: 31,4 tỷ USD)"), answer.answer
    answer = service.ask("so vu tan cong mang q1/2025 bn vu, so voi q1/2024 tang hay giam")
    assert answer.answered and "89,7%" in answer.answer and "2.430 vụ" in answer.answer and "2.710 vụ" in answer.answer, answer.answer


DISTRICT_ANNEX_REPORT = (
    "UBND TỈNH QUẢNG NINH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n\n# BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2021\n\n"
    "## I. Kết quả năm 2021\n\nTỷ lệ người dân sử dụng Internet trên địa bàn tỉnh đạt 78,5%.\n\n"
    "## PHỤ LỤC SỐ LIỆU THEO ĐƠN VỊ HÀNH CHÍNH CẤP HUYỆN NĂM 2021\n\n"
    "| STT | Đơn vị | Số trạm BTS | Số thuê bao băng rộng cố định |\n|---|---|---|---|\n"
    "| 1 | Thành phố Hạ Long | 1.012 | 146.500 |\n| 2 | Thị xã Quảng Yên | 302 | 36.200 |\n"
    "| 3 | Huyện Cô Tô | 38 | 1.900 |\n| | Toàn tỉnh | 3.537 | 412.600 |\n"
)


def test_a_districts_row_answers_of_that_district_and_the_province_of_its_people(sample_service, tmp_path_factory):
    """Asked of the province, its total answers, not a district's row whose name shares a word with it
    ("Thị xã Quảng Yên" had answered "… của tỉnh Quảng Ninh" with 36.200); "người dân Quảng Ninh"
    asks of the province, whose figure comes before the country's."""
    service = service_holding(sample_service, tmp_path_factory, "district-annex", {"tong-ket-2021.md": DISTRICT_ANNEX_REPORT})
    answer = service.ask("Số thuê bao băng rộng cố định của tỉnh Quảng Ninh năm 2021")
    assert answer.answered and "412.600" in answer.answer and "36.200" not in answer.answer, answer.answer
    answer = service.ask("so tram bts tx quang yen")
    assert answer.answered and "302" in answer.answer.splitlines()[0], answer.answer
    answer = service.ask("Tỷ lệ người dân Quảng Ninh sử dụng Internet năm 2021 là bao nhiêu?")
    assert answer.answered and answer.answer.splitlines()[0].endswith("78,5%. [1]"), answer.answer


HORIZON_REPORTS = {
    "tong-ket-2021.md": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\n# BÁO CÁO TỔNG KẾT CÔNG TÁC NĂM 2021\n\n## III. Số liệu tổng hợp\n\n"
        "| Chỉ tiêu | ĐVT | KH 2021 | TH 2021 | TH 2021 so với KH (%) | KH 2022 |\n|---|---|---|---|---|---|\n"
        "| Tỷ lệ dịch vụ công trực tuyến mức độ 4 | % | 45 | 47,3 | 105,1 | 55 |\n"
    ),
    "bao-cao-nhanh-9-thang-2022.txt": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO NHANH\nTình hình 9 tháng năm 2022\n\n1. Chính phủ số\n"
        "Tỷ lệ dịch vụ công trực tuyến mức độ 4 đến 30/9/2022 đạt 53,6%.\n"
    ),
    "muc-tieu-2021-2025.txt": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO\nMục tiêu, định hướng giai đoạn 2021 - 2025\n\nI. MỤC TIÊU\n"
        "Đến năm 2025, kinh tế số chiếm 20% GDP; tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt 80%.\n"
    ),
    "so-ket-6-thang-2022.txt": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO\nSơ kết 6 tháng đầu năm 2022\n\nI. KẾT QUẢ\n"
        "Doanh thu công nghiệp công nghệ thông tin 6 tháng đầu năm 2022 ước đạt 72,4 tỷ USD.\n"
        "Tỷ lệ dịch vụ công trực tuyến mức độ 4 đạt 51,2%.\n"
    ),
    "bao-cao-nhanh-9t.txt": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO NHANH\nSố liệu 9 tháng năm 2022\n\n1. CN CNTT\n"
        "- Doanh thu công nghiệp công nghệ thông tin lũy kế 9 tháng năm 2022 đạt 110,8 tỷ USD.\n"
    ),
}


def test_the_latest_result_against_a_named_years_target_and_the_longest_part_of_a_year(sample_service, tmp_path_factory):
    """"… hiện nay so với mục tiêu 2025" had been answered with a share of the 2021 plan ("năm 2021:
    đạt 105,1% kế hoạch"): the latest result and the 2025 target answer it. Asked a year only parts of
    which are held, the nine months come before the first half."""
    service = service_holding(sample_service, tmp_path_factory, "horizon", HORIZON_REPORTS)
    answer = service.ask("ty le dvctt muc 4 hien nay so voi muc tieu 2025")
    assert answer.answered and "53,6%" in answer.answer and "80%" in answer.answer and "105,1" not in answer.answer, answer.answer
    answer = service.ask("Doanh thu công nghiệp CNTT năm 2022 là bao nhiêu?")
    assert answer.answered and "110,8" in answer.answer and "72,4" not in answer.answer, answer.answer


COMPANY_REPORTS = {
    "phu-luc-2021.md": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\n# PHỤ LỤC SỐ LIỆU NĂM 2021\n\n## Bảng 2. Thị phần thuê bao di động năm 2021\n\n"
        "| STT | Doanh nghiệp | Thị phần (%) |\n|---|---|---|\n| 1 | Viettel | 54,2 |\n| 2 | VNPT (VinaPhone) | 22,6 |\n"
    ),
    "bao-cao-nhanh-9t-2022.txt": (
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG\n\nBÁO CÁO NHANH\nSố liệu 9 tháng năm 2022\n\n2. Viễn thông\n"
        "- 3 DNVT lớn tiếp tục chiếm phần lớn thị phần di động.\n"
    ),
}


def test_a_companys_figure_of_a_period_the_reports_do_not_hold_is_declined_with_the_periods_they_do(sample_service, tmp_path_factory):
    """"Thị phần di động của VNPT năm 2022?" had been answered with "3 DNVT lớn … thị phần di động"
    (no figure, no VNPT): the reports hold VNPT's share of 2021 only."""
    service = service_holding(sample_service, tmp_path_factory, "company", COMPANY_REPORTS)
    answer = service.ask("Thị phần di động của VNPT năm 2022?")
    assert not answer.answered and "năm 2022" in answer.answer.splitlines()[0] and "22,6" in answer.answer, answer.answer
    answer = service.ask("Thị phần di động của VNPT năm 2021?")
    assert answer.answered and "22,6" in answer.answer and "54,2" not in answer.answer.splitlines()[0], answer.answer


def test_a_count_asked_is_no_sum_of_money_and_a_level_risen_to_is_of_the_year_after_it(sample_service, tmp_path_factory):
    """"bao nhiêu hộ nông dân …" had been answered with "Tổng giá trị nông sản giao dịch trên Sàn TMĐT:
    248,3 tỷ đồng"; "… từ 0% năm 2019 lên đến 100% vào cuối năm 2020" had read 100% as 2019's; a
    report's own "DT CN ICT" names what a question types the same way."""
    service = one_report_service(
        sample_service, tmp_path_factory, "counts", "BÁO CÁO\nSơ kết công tác 6 tháng đầu năm 2021",
        "- Tổng giá trị nông sản giao dịch trên Sàn TMĐT: 248,3 tỷ đồng.",
        "Kết thúc chiến dịch đã tiêu thụ được 100 tấn nông sản, 187 hộ nông dân đã tham gia sàn TMĐT.",
        "Các bộ, ngành, địa phương triển khai bảo đảm an toàn thông tin theo mô hình 4 lớp từ 0% năm 2019 lên đến 100% vào cuối năm 2020.",
        "- DT CN ICT T6: ước 12,1 tỷ USD; lũy kế 6T: 61,4 tỷ USD.",
    )
    answer = service.ask("bao nhieu ho nong dan tham gia san TMDT")
    assert answer.answered and "187 hộ" in answer.answer and "248,3" not in answer.answer, answer.answer
    answer = service.ask("Tỷ lệ bộ ngành địa phương triển khai ATTT 4 lớp năm 2020?")
    assert answer.answered and answer.answer.startswith("năm 2020: 100%"), answer.answer
    answer = service.ask("DT CN ICT 6 thang 2021 bn ty USD")
    assert answer.answered and "61,4" in answer.answer.splitlines()[0], answer.answer

"""A name asked of a ranking table: ingested for real (real Chroma, the real embedding model), the
table's rows spread over several chunks, the answer read from the whole table."""

import pytest

from assistant.service import AssistantService
from assistant.settings import Settings
from tests.support import sharing_model

pytestmark = pytest.mark.slow

PROVINCES = [
    "Đồng Tháp", "Thái Bình", "Bắc Ninh", "Yên Bái", "Khánh Hòa", "Lai Châu", "Đồng Nai", "Bình Định",
    "Hà Giang", "Nam Định", "Lâm Đồng", "Quảng Trị", "Quảng Nam", "Phú Yên", "Ninh Bình", "Bình Thuận",
    "Tiền Giang", "Long An", "Nghệ An", "Sơn La", "Cà Mau", "Tuyên Quang", "Hậu Giang", "Hà Tĩnh",
    "Quảng Bình", "Trà Vinh", "Đà Nẵng", "Hải Phòng", "Bạc Liêu", "Hà Nội", "Quảng Ngãi", "Cao Bằng",
]


def _dti_2023() -> str:
    rows = "\n".join(
        f"<tr><td>{rank}</td><td>{name}</td><td>0,{7400 - rank * 97}</td><td>0,{7300 - rank * 101}</td></tr>"
        for rank, name in enumerate(PROVINCES, start=1)
    )
    return (
        "<html><body><h1>Báo cáo kết quả đánh giá Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023</h1>"
        "<p>Điểm DTI trung bình của các tỉnh, thành phố năm 2023 là 0,5714.</p>"
        "<table><caption>Bảng 1. Xếp hạng Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023</caption>"
        "<tr><th>Xếp hạng</th><th>Tỉnh, thành phố</th><th>Kinh tế số</th><th>Điểm DTI</th></tr>"
        f"{rows}</table></body></html>"
    )


DTI_2022 = """# Báo cáo kết quả đánh giá Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022

Bảng 1. Xếp hạng Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2022

| Xếp hạng | Tỉnh, thành phố | Điểm DTI |
|---|---|---|
| 1 | Đà Nẵng | 0,6951 |
| 2 | Thừa Thiên Huế | 0,6720 |
| 3 | Quảng Ninh | 0,6588 |
| 4 | Hà Nội | 0,6415 |
| 5 | Bình Dương | 0,6302 |
"""

# A province's own report states its own rank: no answer to "which province is last".
PROVINCE = """SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH NGHỆ AN

BÁO CÁO KẾT QUẢ CHUYỂN ĐỔI SỐ NĂM 2023

1. Kết quả chung
Chỉ số chuyển đổi số (DTI) năm 2023 của tỉnh xếp thứ 19/63, tăng 4 bậc so với năm 2022.
"""

SHARES = """# Thị trường dịch vụ viễn thông quý I/2025

Bảng 2. Thị phần thuê bao di động theo doanh nghiệp đến ngày 31/3/2025

| Doanh nghiệp | Thuê bao di động (triệu) | Thị phần (%) |
|---|---|---|
| Viettel | 68,4 | 54,2 |
| VNPT-VinaPhone | 32,1 | 25,4 |
| MobiFone | 20,6 | 16,3 |
| Vietnamobile | 5,1 | 4,1 |
| Tổng | 126,2 | 100 |
"""

# Stations counted by region: no province's row.
REGIONS = """# Hạ tầng 5G quý I/2025

Bảng 1. Số trạm BTS 5G theo vùng kinh tế - xã hội (đến 31/3/2025)

| Vùng | Số trạm BTS 5G |
|---|---|
| Đồng bằng sông Hồng | 3.410 |
| Đông Nam Bộ | 2.980 |
| Bắc Trung Bộ và Duyên hải miền Trung | 1.960 |
| Đồng bằng sông Cửu Long | 790 |
"""


@pytest.fixture(scope="module")
def ranking_service(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    folder = tmp_path_factory.mktemp("rankings")
    (folder / "dti-2023.html").write_text(_dti_2023(), "utf-8")
    (folder / "dti-2022.md").write_text(DTI_2022, "utf-8")
    (folder / "nghe-an-2023.txt").write_text(PROVINCE, "utf-8")
    (folder / "thi-phan-q1-2025.md").write_text(SHARES, "utf-8")
    (folder / "tram-5g-theo-vung.md").write_text(REGIONS, "utf-8")
    service = sharing_model(sample_service, Settings.from_variables(data_dir=folder / "store"))
    added = service.add_paths(sorted(folder.glob("*.*")))
    assert all(report.status == "added" for report in added), added
    return service


@pytest.mark.parametrize(
    "question, name, source",
    [
        ("Tỉnh nào dẫn đầu bảng xếp hạng DTI năm 2023?", "Đồng Tháp", "dti-2023.html"),
        ("tinh nao dung cuoi bang xep hang chi so chuyen doi so cap tinh nam 2023", "Cao Bằng", "dti-2023.html"),
        ("Tỉnh nào xếp thứ 27 về Chỉ số chuyển đổi số cấp tỉnh năm 2023?", "Đà Nẵng", "dti-2023.html"),
        ("Năm 2022 địa phương nào đứng đầu DTI?", "Đà Nẵng", "dti-2022.md"),
        ("Tỉnh nào có điểm Kinh tế số cao nhất năm 2023?", "Đồng Tháp", "dti-2023.html"),
        ("Doanh nghiệp nào có thị phần thuê bao di động lớn nhất?", "Viettel", "thi-phan-q1-2025.md"),
        ("nha mang nao co thi phan thue bao di dong nho nhat", "Vietnamobile", "thi-phan-q1-2025.md"),
    ],
)
def test_a_name_asked_by_its_rank_is_read_from_the_whole_table(ranking_service, question: str, name: str, source: str):
    """The first, the last (a row in the table's last chunk, which retrieval need not find) and the
    N-th row; by the rank the table states, or by the column the question names; never the "Tổng" row."""
    answer = ranking_service.ask(question)
    assert answer.answered, answer.answer
    assert answer.answer.startswith(name), answer.answer
    assert answer.citations[0].source == source
    assert name in answer.citations[0].quote


def test_the_latest_ranking_answers_when_no_year_is_named(ranking_service):
    answer = ranking_service.ask("Tỉnh nào đứng đầu Chỉ số chuyển đổi số cấp tỉnh?")
    assert answer.answer.startswith("Đồng Tháp") and "(DTI) năm 2023" in answer.answer, answer.answer


def test_a_names_rank_is_the_rank_its_table_states(ranking_service):
    answer = ranking_service.ask("Đà Nẵng xếp thứ mấy về DTI năm 2022?")
    assert answer.answer.startswith("Đà Nẵng xếp thứ 1 "), answer.answer
    assert answer.citations[0].source == "dti-2022.md"


def test_a_ranking_of_a_year_not_held_is_declined_with_the_years_held(ranking_service):
    """Not another year's leader: "… năm 2021" where the reports rank 2022 and 2023."""
    answer = ranking_service.ask("Tỉnh nào dẫn đầu DTI năm 2021?")
    assert not answer.answered
    assert "năm 2021" in answer.answer.splitlines()[0]
    assert "Đồng Tháp" not in answer.answer and "Đà Nẵng" not in answer.answer
    assert {citation.source for citation in answer.citations} == {"dti-2023.html", "dti-2022.md"}


def test_where_the_table_states_no_rank_a_named_column_counts_it_from_the_highest(ranking_service):
    answer = ranking_service.ask("MobiFone đứng thứ mấy về thị phần thuê bao di động?")
    assert answer.answer.startswith("MobiFone xếp thứ 3 theo Thị phần (%)"), answer.answer
    answer = ranking_service.ask("dn nao dung thu 2 ve thi phan thue bao di dong")
    assert answer.answer.startswith("VNPT-VinaPhone xếp thứ 2"), answer.answer


def test_a_province_asked_where_the_rows_are_regions_or_companies_is_declined(ranking_service):
    """"Tỉnh nào …" of stations the reports count by region (and by operator): no region's row, nor
    a sentence naming no province, answers it."""
    answer = ranking_service.ask("Tỉnh nào có nhiều trạm BTS 5G nhất?")
    assert not answer.answered, answer.answer
    answer = ranking_service.ask("Vùng nào có nhiều trạm BTS 5G nhất?")
    assert answer.answer.startswith("Đồng bằng sông Hồng"), answer.answer

"""A report written in its own shorthand, defined in its legend: ingested for real (real Chroma, the
real embedding model), asked in full words, answered from its abbreviated lines, quoted as written."""


import pytest

from assistant.service import AssistantService
from assistant.settings import Settings
from tests.support import sharing_model

pytestmark = pytest.mark.slow

MONTHLY = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG

BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG THÁNG 8/2025

Chữ viết tắt: DT - doanh thu; BC - bưu chính; TB BRDĐ - thuê bao băng rộng di động; SCAT - sự cố an toàn thông tin; LK - lũy kế; T8 - tháng 8; 8T - 8 tháng.

1. BC
- DT BC T8 ước 5.120 tỷ đ; LK 8T: 39.870 tỷ đ.

2. Viễn thông
- TB BRDĐ đến hết T8: 93,4 triệu.

3. An toàn thông tin
- T8 xử lý 412 SCAT; LK 8T: 3.306 SCAT.
"""


# The month before, in full words: no legend of its own.
JULY = """BỘ THÔNG TIN VÀ TRUYỀN THÔNG

BÁO CÁO TÌNH HÌNH HOẠT ĐỘNG THÁNG 7/2025

1. An toàn thông tin
- Trong tháng 7/2025, các cơ quan chức năng đã xử lý 398 sự cố an toàn thông tin.
"""


@pytest.fixture(scope="module")
def legend_service(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    folder = tmp_path_factory.mktemp("legend")
    (folder / "bc-thang-8-2025.txt").write_text(MONTHLY, "utf-8")
    (folder / "bc-thang-7-2025.txt").write_text(JULY, "utf-8")
    service = sharing_model(sample_service, Settings.from_variables(data_dir=folder / "store"))
    added = service.add_paths([folder / "bc-thang-8-2025.txt", folder / "bc-thang-7-2025.txt"])
    assert [report.status for report in added] == ["added", "added"]
    return service


@pytest.mark.parametrize(
    "question, figure, written",
    [
        ("Doanh thu bưu chính lũy kế 8 tháng năm 2025 là bao nhiêu?", "39.870", "LK 8T: 39.870 tỷ đ"),
        ("Doanh thu bưu chính tháng 8/2025 đạt bao nhiêu?", "5.120", "DT BC T8 ước 5.120 tỷ đ"),
        ("so thue bao bang rong di dong thang 8/2025", "93,4", "TB BRDĐ đến hết T8: 93,4 triệu"),
        ("Số sự cố an toàn thông tin được xử lý trong tháng 8/2025?", "412", "T8 xử lý 412 SCAT"),
    ],
)
def test_asked_in_full_words_answered_from_the_shorthand_as_written(legend_service, question, figure, written):
    answer = legend_service.ask(question)
    assert answer.answered and figure in answer.answer, answer.answer
    assert written in answer.answer and written in answer.citations[0].quote
    assert "Chữ viết tắt" not in answer.answer  # the legend defines words; it answers no figure


def test_a_period_the_shorthand_report_does_not_cover_is_declined_with_what_it_has(legend_service):
    answer = legend_service.ask("Doanh thu bưu chính tháng 6/2025 là bao nhiêu?")
    assert not answer.answered and "tháng 6/2025" in answer.answer
    assert "5.120" in answer.answer  # the month it does hold, cited


def test_the_letters_a_legend_defines_find_a_report_writing_the_full_words(legend_service):
    """"SCAT" typed, as the August report's legend defines it: July's report says "sự cố an toàn
    thông tin" and answers."""
    answer = legend_service.ask("so SCAT da xu ly thang 7/2025")
    assert answer.answered and "398" in answer.answer, answer.answer
    assert answer.citations[0].source == "bc-thang-7-2025.txt"

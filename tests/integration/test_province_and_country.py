"""A province's reports quote the country's figure beside their own: asked of one, the other's
number is no answer — through a real store of a province's text reports and its data sheet."""

from __future__ import annotations

import pytest

from assistant.service import AssistantService
from tests.integration.test_indicators import service_holding
from tests.support import build_xlsx

THANH_HOA_2023 = """UBND TỈNH THANH HÓA
SỞ THÔNG TIN VÀ TRUYỀN THÔNG

BÁO CÁO
Tổng kết công tác năm 2023, phương hướng nhiệm vụ năm 2024

I. KẾT QUẢ THỰC HIỆN NĂM 2023
1. Chuyển đổi số
Tỷ lệ DVCTT toàn trình của tỉnh đạt 51,4%, vượt chỉ tiêu kế hoạch (50%) và cao hơn mức trung bình cả nước (48,9%).
Theo Ngân hàng Nhà nước, tỷ lệ người trưởng thành có tài khoản thanh toán của cả nước năm 2023 đạt 87,1%; tỉnh chưa có số liệu thống kê riêng.
Chỉ số DTI năm 2022 của tỉnh Thanh Hóa đạt 0,4521 điểm, xếp thứ 16/63.
"""

# Its title names no place: the masthead does.
THANH_HOA_2024 = """UBND TỈNH THANH HÓA
SỞ THÔNG TIN VÀ TRUYỀN THÔNG

BÁO CÁO
Tổng kết năm 2024, phương hướng nhiệm vụ năm 2025

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024
1. Hạ tầng số
Toàn tỉnh có 7.810 trạm BTS, trong đó 412 trạm 5G.
2. Chuyển đổi số
Tỷ lệ DVCTT toàn trình đạt 60,7%, vượt kế hoạch (60%) và cao hơn mức trung bình cả nước (55,1%).
Các cơ quan nhà nước đang sử dụng 21 nền tảng số dùng chung. Chỉ số DTI năm 2023 của tỉnh đạt 0,5102 điểm, xếp thứ 11/63.
"""

# A data sheet: its caption first, the masthead under it, a column of the country's figures.
LANG_SON_SHEET = build_xlsx(
    {
        "Biểu 1": [
            ["BIỂU SỐ LIỆU KÈM THEO BÁO CÁO TỔNG KẾT NĂM 2024, PHƯƠNG HƯỚNG NHIỆM VỤ NĂM 2025"],
            ["UBND TỈNH LẠNG SƠN"],
            ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG"],
            ["Chỉ tiêu", "Đơn vị", "Kế hoạch 2024", "Thực hiện 2024", "Cả nước 2024", "Kế hoạch 2025"],
            ["Tỷ lệ hộ gia đình có kết nối cáp quang", "%", "75%", "70,6%", "82,4%", "78%"],
            ["Doanh thu bưu chính", "tỷ đồng", "–", "236", "–", "–"],
            ["Số trạm 5G", "trạm", "–", "86", "–", "–"],
        ]
    }
)


@pytest.fixture(scope="module")
def provinces_service(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    return service_holding(
        sample_service,
        tmp_path_factory,
        "province-and-country",
        {
            "so-tttt-thanh-hoa-2023.txt": THANH_HOA_2023,
            "so-tttt-thanh-hoa-2024.txt": THANH_HOA_2024,
            "lang-son-bieu-so-lieu-2024.xlsx": LANG_SON_SHEET,
        },
    )


def test_the_countrys_figure_quoted_beside_the_provinces_answers_of_the_country(provinces_service: AssistantService):
    answer = provinces_service.ask("Tỷ lệ DVCTT toàn trình trung bình cả nước năm 2023 là bao nhiêu?")
    assert answer.answered and answer.answer.startswith("năm 2023: 48,9%")
    # a data sheet's column of the country's figures
    answer = provinces_service.ask("Tỷ lệ hộ gia đình có kết nối cáp quang của cả nước năm 2024?")
    assert answer.answered and answer.answer.startswith("năm 2024: 82,4%")


def test_the_countrys_figure_is_no_answer_of_the_province_nor_the_provinces_of_the_country(provinces_service: AssistantService):
    answer = provinces_service.ask("Tỷ lệ người trưởng thành có tài khoản thanh toán của Thanh Hóa năm 2023 là bao nhiêu?")
    assert not answer.answered and "87,1" not in answer.answer
    # the sheet's own figure (236) is the province's; its column of the country's is empty
    answer = provinces_service.ask("Doanh thu bưu chính của cả nước năm 2024 là bao nhiêu?")
    assert not answer.answered and "236" not in answer.answer


def test_a_province_opening_the_question_or_giving_the_target_is_where_the_figure_is_of(provinces_service: AssistantService):
    answer = provinces_service.ask("Lạng Sơn năm 2024: kế hoạch và thực hiện tỷ lệ hộ gia đình có kết nối cáp quang?")
    assert answer.answered and "70,6%" in answer.answer and "75%" in answer.answer
    # "(50%)" after "chỉ tiêu kế hoạch" is the plan, not a second result
    answer = provinces_service.ask("Năm 2023 Thanh Hóa giao chỉ tiêu tỷ lệ DVCTT toàn trình bao nhiêu, kết quả đạt bao nhiêu?")
    assert answer.answered and "51,4%" in answer.answer and "kế hoạch năm 2023: 50%" in answer.answer


def test_a_report_whose_masthead_alone_names_the_province_answers_of_it(provinces_service: AssistantService):
    answer = provinces_service.ask("Thứ hạng chỉ số DTI của Thanh Hóa năm 2022 và năm 2023 là bao nhiêu?")
    assert answer.answered and "16/63" in answer.answer and "11/63" in answer.answer
    assert "so-tttt-thanh-hoa-2024.txt" in {citation.source for citation in answer.citations}

"""The grounding guard on its own: which figures it sees, and which answers it lets through."""

from __future__ import annotations

import pytest

from assistant.answering.grounding import check, citations, claims
from vectorstore.figures import figure_keys, stated_figures

PASSAGES = {
    1: "Báo cáo 6 tháng đầu năm 2023\nDoanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, tăng 5,48% so với cùng kỳ.",
    2: "Thực hiện Quyết định số 895/QĐ-TTg, từ ngày 01/7/2021 có 63/63 địa phương kết nối; tỷ lệ đạt 77,1 %.",
    3: "Số doanh nghiệp công nghệ số ước khoảng 72.000 doanh nghiệp.",
}


def test_figures_are_numbers_percentages_dates_and_document_numbers_as_written():
    text = "Theo 895/QĐ-TTg và 52/2021/NĐ-CP, ngày 1 tháng 7 năm 2021 (01/7/2021) đạt 77,1 %, 63/63 tỉnh, 27.477 tỷ đồng, năm 2023."
    assert [f.text for f in stated_figures(text)] == [
        "895/QĐ-TTg", "52/2021/NĐ-CP", "ngày 1 tháng 7 năm 2021", "01/7/2021", "77,1 %", "63/63", "27.477", "2023",
    ]
    keys = [f.key for f in stated_figures(text)]
    assert keys[2] == keys[3] == "1/7/2021"  # one date, however it is written
    assert keys[4] == "77,1%"


def test_a_figure_inside_another_is_not_found_there():
    assert "7,1%" not in figure_keys("đạt 77,1%") and "477" not in figure_keys("27.477 tỷ")
    assert figure_keys("đạt 77,1%") >= {"77,1%", "77,1"}  # "77,1 phần trăm" quotes it too
    assert "2021" in figure_keys("từ ngày 01/7/2021")  # "năm 2021" is grounded by the date


def test_citation_markers_in_their_usual_forms():
    assert citations("a [2] b [1, 3] c [4–5] d [2][6]") == [2, 1, 3, 4, 5, 6]
    assert claims("Đạt 27.477 tỷ đồng. [1] Tăng 5,48% [1].\nCó 72.000 doanh nghiệp [3].") == [
        "Đạt 27.477 tỷ đồng. [1]",
        "Tăng 5,48% [1].",
        "Có 72.000 doanh nghiệp [3].",
    ]


def test_a_grounded_answer_passes_and_says_what_each_passage_backs():
    answer = (
        "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt 27.477 tỷ đồng, tăng 5,48% [1]. "
        "Theo Quyết định 895/QĐ-TTg, từ ngày 1 tháng 7 năm 2021 đã có 63/63 địa phương kết nối [2]. "
        "Các doanh nghiệp tiếp tục phát triển [3]."
    )
    verdict = check(answer, PASSAGES)
    assert verdict.ok, verdict
    assert sorted(verdict.cited) == [1, 2, 3]
    assert verdict.cited[1] == ["Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt 27.477 tỷ đồng, tăng 5,48%."]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("", "empty_answer"),
        ("Doanh thu ước đạt 27.477 tỷ đồng.", "missing_citation"),
        ("Doanh thu tăng mạnh [1]. Đạt 27.477 tỷ đồng.", "missing_citation"),
        ("Doanh thu ước đạt 27.477 tỷ đồng [4].", "unknown_citation"),
        ("Doanh thu ước đạt 27.478 tỷ đồng [1].", "ungrounded_figure"),
        ("Doanh thu ước đạt 27,5 nghìn tỷ đồng [1].", "ungrounded_figure"),
        ("Doanh thu tăng 5,5% [1].", "ungrounded_figure"),
        ("Có 72.000 doanh nghiệp công nghệ số [1].", "ungrounded_figure"),  # true, but not in [1]
        ("Theo Quyết định 896/QĐ-TTg [2].", "ungrounded_figure"),
        ("Kết nối từ ngày 2/7/2021 [2].", "ungrounded_figure"),
        ("Số liệu năm 2022 [1].", "ungrounded_figure"),
    ],
)
def test_what_the_guard_rejects(answer: str, reason: str):
    assert check(answer, PASSAGES).reason == reason


def test_a_rewording_must_keep_every_figure_it_is_told_to_keep():
    keep = ["27.477 tỷ đồng", "5,48%"]
    whole = "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, tăng 5,48 phần trăm so với cùng kỳ [1]."
    assert check(whole, PASSAGES, keep).ok
    verdict = check("Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng [1].", PASSAGES, keep)
    assert (verdict.reason, verdict.detail) == ("dropped_figure", "'5,48%' is not in the answer")

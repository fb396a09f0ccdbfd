"""Whose figure each number of a report is: the province's own, or the country's quoted beside it."""

from __future__ import annotations

import pytest

from assistant.answering.figure_scope import asked_scope, figure_scopes
from vectorstore.figures import Period
from vectorstore.statements import Context, read_statements


def scopes(sentence: str, default: str = "local") -> list[tuple[str, str]]:
    statements = read_statements(sentence, Context(Period(2024, "year")))
    return [(statement.value, scope) for statement, scope in zip(statements, figure_scopes(sentence, statements, default))]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the country's level in brackets after the province's
        (
            "Tỷ lệ DVCTT toàn trình đạt 57,3%, vượt kế hoạch và lần đầu tiên cao hơn mức trung bình cả nước (55,1%).",
            [("57,3", "local"), ("55,1", "national")],
        ),
        # only the country's, the province's not yet counted
        (
            "Tỷ lệ người trưởng thành có tài khoản thanh toán của cả nước năm 2024 đạt 87,4%; tỉnh chưa có số liệu riêng.",
            [("87,4", "national")],
        ),
        # the country first, then the province's share of it
        ("Cả nước có 7.150 trạm BTS 5G, trong đó tỉnh có 38 trạm.", [("7.150", "national"), ("38", "local")]),
        # a lead over the country is the province's, not the country's level
        ("Tỷ lệ hộ có cáp quang đạt 62,4%, cao hơn cả nước 7,3 điểm phần trăm.", [("62,4", "local"), ("7,3", "local")]),
        # a table row: the column naming the country ("50" is not "50,6")
        (
            "Tỷ lệ hồ sơ trực tuyến — Đơn vị: %; Kế hoạch 2024: 45%; Thực hiện 2024: 41,2%; Cả nước 2024: 50,6%; Kế hoạch 2025: 50%",
            [("45", "local"), ("41,2", "local"), ("50,6", "national"), ("50", "local")],
        ),
    ],
)
def test_a_provinces_report_quotes_the_countrys_figure_beside_its_own(sentence: str, expected: list[tuple[str, str]]):
    assert scopes(sentence) == expected


def test_in_a_ministrys_report_a_province_named_before_its_figure_is_the_provinces():
    assert scopes("Quảng Ninh dẫn đầu với 80,2%, cả nước đạt 55%.", "national") == [("80,2", "local"), ("55", "national")]
    # many provinces are no one province: the figure stays the country's
    sentence = "Theo số liệu tổng hợp từ báo cáo của các địa phương, các tỉnh, thành phố và cấp tỉnh, số doanh nghiệp là 74.215."
    assert scopes(sentence, "national") == [("74.215", "national")]


@pytest.mark.parametrize(
    "question, scope",
    [
        ("Doanh thu bưu chính của cả nước năm 2024 là bao nhiêu?", "national"),
        ("ty le dvctt nghe an 2024", "local"),
        ("Tỷ lệ DVCTT toàn tỉnh năm 2024?", "local"),
        # both, or neither: any figure may answer
        ("Tỷ lệ DVCTT của Nghệ An so với cả nước năm 2024?", None),
        ("Tỷ lệ DVCTT năm 2024 là bao nhiêu?", None),
    ],
)
def test_whose_figure_a_question_asks(question: str, scope: str | None):
    assert asked_scope(question) == scope

"""Follow-up questions rewritten without an LLM: the subject and the period carried over."""

from __future__ import annotations

import pytest

from assistant.followup import rewrite_by_rules

DN_2023 = "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?"
BUU_CHINH_H1 = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"


@pytest.mark.parametrize(
    ("previous", "question", "standalone"),
    [
        # Only a period is asked: the previous question, about that period.
        (DN_2023, "Còn năm 2021 thì sao?", "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"),
        (DN_2023, "con nam 2021 thi sao", "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"),
        (DN_2023, "Năm 2022?", "Số doanh nghiệp công nghệ số năm 2022 là bao nhiêu?"),
        (DN_2023, "Thế còn 2021?", "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"),
        # A year alone keeps the part of the year that was asked about.
        (BUU_CHINH_H1, "Còn năm 2022?", "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2022 ước đạt bao nhiêu?"),
        (BUU_CHINH_H1, "Vậy còn 6 tháng cuối năm 2021?", "Doanh thu dịch vụ bưu chính 6 tháng cuối năm 2021 ước đạt bao nhiêu?"),
        # A comparison: the previous question, then what is compared.
        (BUU_CHINH_H1, "so với cùng kỳ?", "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu, so với cùng kỳ?"),
        (DN_2023, "Tăng bao nhiêu so với năm trước?", "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu, Tăng bao nhiêu so với năm trước?"),
        # A new subject after a follow-up cue keeps the period.
        (DN_2023, "Còn doanh thu bưu chính thì sao?", "Doanh thu bưu chính năm 2023?"),
        (DN_2023, "Còn về số thuê bao di động?", "Số thuê bao di động năm 2023?"),
        # The previous question named no period: the new one is added.
        ("Doanh thu bưu chính là bao nhiêu?", "Còn năm 2021 thì sao?", "Doanh thu bưu chính là bao nhiêu năm 2021?"),
    ],
)
def test_a_follow_up_becomes_a_standalone_question(previous: str, question: str, standalone: str):
    assert rewrite_by_rules(question, previous) == standalone


@pytest.mark.parametrize(
    "question",
    [
        "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?",
        "Định hướng phát triển bưu chính như thế nào?",
        "Bao nhiêu?",
    ],
)
def test_a_question_of_its_own_is_left_alone(question: str):
    assert rewrite_by_rules(question, DN_2023) is None


def test_a_model_rewrite_that_drops_what_the_question_says_is_refused():
    """The model's rewrite adds the conversation's subject and period; it keeps the question's own."""
    from assistant.followup import _lost_words

    assert _lost_words("Còn năm 2021 thì sao?", "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?") == []
    assert "2021" in _lost_words("Còn năm 2021 thì sao?", "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?")
    assert _lost_words("Còn doanh thu bưu chính?", "Doanh thu bưu chính năm 2023 là bao nhiêu?") == []
    # A question of its own, replaced by the previous one.
    assert _lost_words("Tỷ lệ hộ gia đình dùng cáp quang năm 2023?", "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?")

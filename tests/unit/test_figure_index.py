"""What a figure row is found by (vectorstore/figure_index.py)."""

from __future__ import annotations

from vectorstore.figure_index import FigureIndex, FigureRow, searchable_text
from vectorstore.glossary import Glossary
from vectorstore.lexical import Analyzer


def row(indicator: str, value: str, unit: str, quote: str, section: str = "I. KẾT QUẢ › 1. Chuyển đổi số") -> FigureRow:
    return FigureRow("c", 0, indicator, value, unit, "tháng 6/2024", "result", quote, "d", "r.txt", "Báo cáo", section)


COUNT = row(
    "địa phương trên cả nước thành lập",
    "58.212",
    "Tổ CNSCĐ",
    "- Triển khai Tổ công nghệ số cộng đồng (CNSCĐ): Tính đến ngày 18/6/2024, đã có 63/63 địa phương trên cả nước "
    "thành lập 58.212 Tổ CNSCĐ.",
)
ENTERPRISES = row("Số doanh nghiệp công nghệ số", "70.373", "doanh nghiệp", "- Số doanh nghiệp công nghệ số ước khoảng 70.373 doanh nghiệp.")


def test_a_row_is_found_by_what_it_counts_and_the_label_its_sentence_opens_with():
    text = searchable_text(COUNT)
    assert "Tổ CNSCĐ" in text and "Triển khai Tổ công nghệ số cộng đồng (CNSCĐ)" in text and "Chuyển đổi số" in text
    assert "%" not in searchable_text(row("Tỷ lệ", "71", "%", "Tỷ lệ đạt 71%."))


def test_a_clause_before_a_colon_is_no_label():
    quote = "Tính đến ngày 18/6/2024, đã có 63/63 địa phương: 58.212 Tổ."
    assert searchable_text(row("x", "58.212", "Tổ", quote)).split(". ")[1] == ""


def test_the_count_of_community_digital_teams_is_found_before_the_enterprises():
    index = FigureIndex(Analyzer(Glossary.load()), [ENTERPRISES, COUNT])
    (best, _), *_ = index.search("tổ công nghệ số cộng đồng thành lập")
    assert best is COUNT


def test_a_figure_is_found_alike_whether_its_report_abbreviates_the_indicator_or_spells_it_out():
    """"số DNCNS" finds the row writing "Số doanh nghiệp công nghệ số" as well as the one writing
    "Số lượng DNCNS": with only the abbreviation's own token, the first would fall far below."""
    abbreviated = row("Số lượng DNCNS", "61.359", "", "Số lượng DNCNS đạt 61.359.")
    index = FigureIndex(Analyzer(Glossary.load()), [abbreviated, ENTERPRISES])
    scores = {found.value: score for found, score in index.search("so sanh so DNCNS")}
    assert scores["70.373"] >= 0.9 * scores["61.359"]
    assert Glossary.load().with_abbreviations("Tỷ lệ dịch vụ công trực tuyến toàn trình").endswith("(DVCTT)")


def test_word_pairs_of_either_wording_find_either_row_alike():
    """"so DNCNS cua tinh" pairs "so dncns": a row writing "Số DNCNS …" shares that pair, one writing
    "Trên địa bàn hiện có 987 doanh nghiệp công nghệ số" shares "doanh nghiệp …" pairs once the
    question is also spelled out — and is found by the whole thing it counts, not its unit's first words."""
    abbreviated = row("Số DNCNS", "745", "Doanh nghiệp", "Số DNCNS — ĐVT: Doanh nghiệp; TH 2022: 745")
    spelled = row("Trên địa bàn hiện có", "987", "doanh nghiệp công", "Trên địa bàn hiện có 987 doanh nghiệp công nghệ số, bằng 89,7% kế hoạch năm.")
    assert "doanh nghiệp công nghệ số" in searchable_text(spelled)
    index = FigureIndex(Analyzer(Glossary.load()), [abbreviated, spelled])
    scores = {found.value: score for found, score in index.search("so dncns cua tinh")}
    assert scores["987"] >= 0.6 * scores["745"]
    assert Glossary.load().both_spellings("Số DNCNS") == "so doanh nghiep cong nghe so. so dncns"
    assert Glossary.load().both_spellings("doanh thu bưu chính") == ""

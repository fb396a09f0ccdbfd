"""How a ranking is asked, and a ranking table read whole from its report (assistant/answering/rankings.py)."""

import pytest

from assistant.answering.rankings import Ask, answer, asked
from assistant.query import analyze
from assistant.retrieval import Candidate
from vectorstore.glossary import Glossary
from vectorstore.records import Chunk

GLOSSARY = Glossary.load()
CAPTION = "Bảng 1. Xếp hạng Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023"


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("Tỉnh nào dẫn đầu DTI năm 2023?", Ask("top", of="province")),
        ("tinh nao dung cuoi bang xep hang DTI 2023", Ask("bottom", of="province")),
        ("Nhà mạng nào có nhiều thuê bao 5G nhất?", Ask("top", of="company")),
        ("Bộ, ngành nào có tỷ lệ DVCTT toàn trình thấp nhất?", Ask("bottom", of="ministry")),
        ("Tỉnh nào xếp thứ 45 về DTI?", Ask("at", 45, "province")),
        ("Tỉnh nào xếp thứ hai về DTI?", Ask("at", 2, "province")),
        ("Đà Nẵng xếp thứ mấy về DTI?", Ask("of")),
        ("Điểm DTI cao nhất là bao nhiêu?", None),  # a figure asked, not a name
        ("Doanh thu viễn thông năm 2023 là bao nhiêu?", None),
    ],
)
def test_how_a_ranking_is_asked(question: str, ask: Ask | None):
    assert asked(question) == ask


def _chunk(position: int, text: str, section: tuple[str, ...]) -> Chunk:
    return Chunk(
        chunk_id=f"dti-{position}", doc_id="dti", version="v", source="dti-2023.pdf", title="Báo cáo kết quả DTI năm 2023",
        period="năm 2023", doc_period="năm 2023", year=2023, section_path=section, position=position, text=text,
    )


INTRO = _chunk(0, "II. KẾT QUẢ\nThứ hạng và điểm của từng địa phương được nêu tại Bảng 1.", ("II. KẾT QUẢ",))
FIRST_PAGE = _chunk(
    1,
    f"{CAPTION}\nĐồng Tháp — Xếp hạng: 1; Điểm DTI: 0,7312\nThái Bình — Xếp hạng: 2; Điểm DTI: 0,7290\nBắc Ninh — Xếp hạng: 3; Điểm DTI: 0,7264",
    ("II. KẾT QUẢ", CAPTION),
)
# The next page's rows, under another heading and with no caption of their own: the same table.
SECOND_PAGE = _chunk(2, "Yên Bái — Xếp hạng: 4; Điểm DTI: 0,7215\nCao Bằng — Xếp hạng: 5; Điểm DTI: 0,4007", ("II. KẾT QUẢ",))


def test_the_whole_table_is_read_though_retrieval_found_only_the_reports_introduction():
    def chunks_of(doc_id: str) -> list[Chunk]:
        return [INTRO, FIRST_PAGE, SECOND_PAGE] if doc_id == "dti" else []

    query = analyze("Tỉnh nào đứng cuối bảng xếp hạng DTI năm 2023?", GLOSSARY)
    ranked = answer(query, [Candidate(INTRO, 1.0)], chunks_of)
    assert ranked is not None and [row.label for row in ranked.rows] == ["Cao Bằng"]
    assert ranked.table.caption == CAPTION and len(ranked.table.rows) == 5
    missing = answer(analyze("Tỉnh nào dẫn đầu DTI năm 2021?", GLOSSARY), [Candidate(INTRO, 1.0)], chunks_of)
    assert missing is not None and missing.declined and missing.missing == (2021,) and not missing.rows

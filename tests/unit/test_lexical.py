"""The lexical index finds what officials type: no diacritics, abbreviations, short syllables."""

import pytest

from vectorstore.glossary import Glossary, parse_glossary
from vectorstore.lexical import Analyzer, LexicalIndex

DOCS = {
    "fiber": "Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%.",
    "online": "Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 90,66% kế hoạch.",
    "ministry": "Bộ Thông tin và Truyền thông đã chỉ đạo các doanh nghiệp viễn thông.",
    "health": "Bộ Y tế phối hợp triển khai nền tảng tiêm chủng.",
    "grant": "Cấp phép tần số cho các doanh nghiệp.",
}


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    lexical = LexicalIndex(Analyzer(Glossary.load()))
    lexical.build(DOCS.items())
    return lexical


def top(index: LexicalIndex, question: str) -> str:
    return index.search(question, 1)[0][0]


def test_question_without_diacritics_finds_the_accented_text(index):
    assert top(index, "ty le ho gia dinh su dung cap quang") == "fiber"


def test_accented_question_prefers_the_exact_word(index):
    hits = dict(index.search("cấp phép", 5))
    assert hits["grant"] > hits.get("fiber", 0)


def test_abbreviation_in_question_finds_the_full_phrase(index):
    assert top(index, "Tỷ lệ DVCTT toàn trình") == "online"
    assert top(index, "Bộ TT&TT chỉ đạo") == "ministry"
    assert top(index, "bo tttt chi dao") == "ministry"


def test_one_letter_syllables_count(index):
    assert top(index, "Bộ Y tế") == "health"


def test_nothing_matching_gives_nothing(index):
    assert index.search("xyzzy", 3) == []


def test_glossary_expands_questions_for_the_embedding_model():
    glossary = Glossary.load()
    assert glossary.expand("Tỷ lệ DVCTT") == "Tỷ lệ DVCTT (dịch vụ công trực tuyến)"
    assert glossary.expand("không có viết tắt") == "không có viết tắt"


def test_glossary_file_errors_name_the_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_glossary("A\tB\nno tab here")


def test_idf_is_higher_for_rarer_tokens(index):
    assert index.idf("quang") > index.idf("doanh")
    assert index.document_frequency("quang") == 1


def test_document_frequency_is_read_off_the_matrix(index):
    assert index.document_frequency("ty") == 2  # "Tỷ lệ" in two chunks
    assert index.document_frequency("cap_quang") == 1
    assert index.document_frequency("khong_co") == 0
    assert index.document_frequency("") == 0


def test_a_saved_index_loads_with_the_same_answers(index, tmp_path):
    index.save(tmp_path / "saved")
    loaded = LexicalIndex.load(index.analyzer, tmp_path / "saved")
    for question in ("ty le ho gia dinh su dung cap quang", "Bộ TT&TT chỉ đạo", "cấp phép tần số"):
        assert loaded.search(question, 5) == index.search(question, 5)
        assert loaded.query_terms(question) == index.query_terms(question)
    assert loaded.ids == index.ids
    assert loaded.restorer.restore("ty le ho gia dinh") == index.restorer.restore("ty le ho gia dinh")


def test_a_question_without_any_token_finds_nothing(index):
    assert index.search("???", 5) == []


def test_the_index_scores_exactly_as_bm25s_itself():
    """The vectorised build gives bm25s's own scores, bit for bit, on the sample reports."""
    import bm25s
    import numpy as np

    from assistant.settings import PROJECT_ROOT
    from vectorstore.text import split_sentences

    texts = []
    for path in sorted((PROJECT_ROOT / "data" / "reports").glob("*.txt")):
        lines = [line for line in path.read_text("utf-8").splitlines() if line.strip()]
        texts += ["\n".join(lines[i : i + 6]) for i in range(0, len(lines), 6)]
    analyzer = Analyzer(Glossary.load())
    ours = LexicalIndex(analyzer)
    ours.build((str(number), text) for number, text in enumerate(texts))
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index([analyzer.tokens(text) for text in texts], show_progress=False)
    questions = [*split_sentences(" ".join(texts[::7])), "ty le ho gia dinh su dung cap quang", "Bộ TT&TT"]
    for question in questions[:200]:
        tokens = analyzer.tokens(question)
        if tokens:
            assert np.array_equal(ours._retriever.get_scores(tokens), reference.get_scores(tokens)), question
    token_sets = [set(analyzer.tokens(text)) for text in texts]
    for token in set(analyzer.tokens(" ".join(texts[:5]))):
        assert ours.document_frequency(token) == sum(token in tokens for tokens in token_sets)


def test_an_abbreviation_covers_its_full_phrase():
    analyzer = Analyzer(Glossary.load())
    covered = analyzer.folded_token_set("Tỷ lệ hồ sơ TTHC được xử lý trực tuyến đạt 24,3%.")
    assert {"thu", "tuc", "hanh", "chinh", "thu_tuc", "hanh_chinh", "abbr_tthc"} <= covered
    assert "abbr_tthc" in analyzer.folded_token_set("hồ sơ thủ tục hành chính")


def test_a_concept_is_one_word_however_it_is_spelled():
    glossary = Glossary.load()
    assert glossary.canonical(["ho", "so", "tthc"]) == glossary.canonical(["ho", "so", "thu", "tuc", "hanh", "chinh"]) == ["ho", "so", "abbr_tthc"]
    # an index by its initials or its name ("Chỉ số GII 2024" answers "chỉ số đổi mới sáng tạo toàn cầu")
    assert glossary.canonical(["chi", "so", "gii"]) == glossary.canonical("chi so doi moi sang tao toan cau".split())


def test_a_concept_contains_a_phrase_only_as_a_run_of_its_words():
    """"công trực" is in "dịch vụ công trực tuyến"; "công nghiệp" is not in "doanh nghiệp công nghệ
    số" (its syllables are there, scattered: "doanh thu công nghiệp ICT" had been answered with a
    sentence about digital technology firms)."""
    glossary = Glossary.load()
    assert "abbr_dvctt" in glossary.concepts_containing(("cong", "truc"))
    assert "abbr_dncns" in glossary.concepts_containing(("cong", "nghe", "so"))
    assert "abbr_dncns" not in glossary.concepts_containing(("cong", "nghiep"))


@pytest.mark.parametrize(
    "typed, spelled",
    [
        ("so thue bao THTT", "Số thuê bao truyền hình trả tiền"),
        ("tien phat VPHC bao chi", "Đã xử phạt vi phạm hành chính trong lĩnh vực báo chí"),
        ("doanh thu CNND", "Doanh thu công nghiệp nội dung số"),
        ("so NXB", "Cả nước có 54 nhà xuất bản"),
    ],
)
def test_the_press_and_broadcasting_abbreviations_are_their_words(typed: str, spelled: str):
    """What the press, publishing and broadcasting reports abbreviate (THTT, VPHC, CNND, NXB) is
    one concept with its words, either way it is written."""
    analyzer = Analyzer(Glossary.load())
    concepts = {token for token in analyzer.folded_token_set(typed) if token.startswith("abbr_")}
    assert concepts and concepts <= analyzer.folded_token_set(spelled)


def test_a_word_typed_nearly_as_an_indexed_one_is_written_nearly(index):
    """"quangg" mistyped is near the indexed "quang"; "dewar" is near no indexed word."""
    assert index.writes_nearly("quangg")
    assert not index.writes_nearly("dewar")

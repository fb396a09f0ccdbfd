"""Answer sentences on prose and on report bullets, with the real lexical analysis and fixed
sentence similarities (the embedding model is exercised in the integration tests)."""

import math
from dataclasses import replace

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.prompts import Prompts
from assistant.query import analyze
from assistant.retrieval import Candidate
from assistant.settings import PROJECT_ROOT
from vectorstore.diacritics import DiacriticRestorer
from vectorstore.figures import Period
from vectorstore.glossary import Glossary
from vectorstore.lexical import Analyzer, LexicalIndex
from vectorstore.records import Chunk, pack_vectors
from vectorstore.text import chunk_sentences

GLOSSARY = Glossary.load()
PROMPTS = Prompts(PROJECT_ROOT / "prompts")

BULLETS = Chunk(
    chunk_id="r-1",
    doc_id="r",
    version="v",
    source="bao-cao-2023.txt",
    title="Báo cáo 6 tháng đầu năm 2023",
    section_path=("III. VIỄN THÔNG", "2.1. Sự phát triển của lĩnh vực"),
    period="6 tháng đầu năm 2023",
    year=2023,
    text="\n".join(
        [
            "- Doanh thu dịch vụ viễn thông ước đạt 74.473 tỷ đồng, tăng 7,9% so với cùng kỳ năm 2022.",
            "- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%, tăng 5,7% so với cùng kỳ năm 2022.",
            "- Tỷ lệ sử dụng IPv6 trên mạng Internet Việt Nam đạt 57,6%.",
            "- Tiếp tục chỉ đạo các doanh nghiệp viễn thông phát triển hạ tầng.",
        ]
    ),
    sentence_count=4,
)
PROSE = Chunk(
    chunk_id="w-1",
    doc_id="w",
    version="v",
    source="super_bowl.txt",
    title="Super Bowl 50",
    text=(
        "Peyton Manning trở thành thủ quân đầu tiên dẫn dắt hai đội khác nhau đến nhiều trận Super Bowl. "
        "Anh ấy cũng là thủ quân lớn tuổi nhất từng chơi trong trận Super Bowl ở tuổi 39. "
        "Kỷ lục trước đó do John Elway nắm giữ."
    ),
    sentence_count=3,
)
OTHER_YEAR = Chunk(
    chunk_id="o-1",
    doc_id="o",
    version="v",
    source="bao-cao-2021.txt",
    title="Báo cáo 6 tháng đầu năm 2021",
    period="6 tháng đầu năm 2021",
    year=2021,
    text="Tỷ lệ hộ gia đình sử dụng cáp quang đạt 60%.",
    sentence_count=1,
)


def index_over(*chunks: Chunk) -> LexicalIndex:
    index = LexicalIndex(Analyzer(GLOSSARY))
    index.build((chunk.chunk_id, chunk.context_text()) for chunk in chunks)
    return index


def with_similarities(chunk: Chunk, cosines: list[float]) -> Chunk:
    """The chunk with 2-d unit sentence "embeddings": the question is [1, 0], and a sentence at
    cosine c from it is [c, sqrt(1 - c²)]."""
    return replace(chunk, sentence_vectors=pack_vectors([[c, math.sqrt(1 - c * c)] for c in cosines]))


def select(question: str, chunks: list[Chunk], with_vectors: bool = False):
    index = index_over(BULLETS, PROSE, OTHER_YEAR, *chunks)  # the store holds what it answers from
    query = analyze(question, GLOSSARY, index.restorer)
    candidates = [Candidate(chunk, score=1.0 / (rank + 1), dense=0.85) for rank, chunk in enumerate(chunks)]
    return ExtractiveAnswerer(PROMPTS).select(query, candidates, index, [1.0, 0.0] if with_vectors else None)


def test_a_bullet_answers_alone_without_its_neighbours():
    bullets = with_similarities(BULLETS, [0.80, 0.92, 0.81, 0.78])
    selection = select("Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?", [bullets], with_vectors=True)
    texts = [item.text for item in selection.sentences]
    assert texts[0].startswith("- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%")
    assert all("IPv6" not in text and "Tiếp tục" not in text for text in texts)


def test_without_diacritics_the_same_bullet_is_found():
    selection = select("ty le ho gia dinh su dung cap quang nam 2023", [BULLETS])
    assert "77,1%" in selection.sentences[0].text


def test_prose_answers_with_the_neighbour_that_names_the_subject():
    selection = select("Ai là thủ quân lớn tuổi nhất chơi trong một trận Super Bowl?", [PROSE])
    text = " ".join(item.text for item in selection.sentences)
    assert "lớn tuổi nhất" in text and "Peyton Manning" in text
    assert [item.position for item in selection.sentences] == sorted(item.position for item in selection.sentences)


def test_the_year_asked_beats_the_same_figure_from_another_year():
    selection = select("Tỷ lệ hộ gia đình sử dụng cáp quang năm 2021?", [BULLETS, OTHER_YEAR])
    assert [item.text for item in selection.sentences] == ["Tỷ lệ hộ gia đình sử dụng cáp quang đạt 60%."]


def test_a_figure_question_prefers_a_sentence_with_a_figure():
    selection = select("Doanh thu dịch vụ viễn thông đạt bao nhiêu?", [BULLETS])
    assert "74.473 tỷ đồng" in selection.sentences[0].text


TWINS = Chunk(
    chunk_id="t-1",
    doc_id="t",
    version="v",
    source="giai-dau.txt",
    title="Giải đấu",
    text="Đội Sao Mai đã thắng trận chung kết năm đó.\n\nĐội Bình Minh đã thắng trận bán kết năm đó.",
    sentence_count=2,
)


def test_meaning_decides_between_sentences_that_share_words_equally():
    question = "Đội nào đã thắng trận năm đó?"
    index = index_over(TWINS)
    query = analyze(question, GLOSSARY, index.restorer)
    answerer = ExtractiveAnswerer(PROMPTS)

    def best_with(first: float, second: float) -> str:
        candidates = [Candidate(with_similarities(TWINS, [first, second]), score=1.0, dense=0.85)]
        return answerer.select(query, candidates, index, [1.0, 0.0]).sentences[0].text

    assert best_with(0.95, 0.78).startswith("Đội Sao Mai")
    assert best_with(0.78, 0.95).startswith("Đội Bình Minh")


def test_compose_numbers_citations_per_chunk():
    selection = select("Ai là thủ quân lớn tuổi nhất chơi trong một trận Super Bowl?", [PROSE])
    text, citations = ExtractiveAnswerer(PROMPTS).compose(selection)
    assert text.count("[1]") == len(selection.sentences)
    assert [c.n for c in citations] == [1]
    assert citations[0].source == "super_bowl.txt"
    assert all(item.text in citations[0].quote for item in selection.sentences)


def test_restorer_puts_diacritics_back_from_the_corpus():
    restorer = DiacriticRestorer.seeded()
    restorer.learn(BULLETS.text)
    assert restorer.restore("ty le ho gia dinh su dung cap quang la bao nhieu") == (
        "tỷ lệ hộ gia đình sử dụng cáp quang là bao nhiêu"
    )
    assert restorer.restore("Tỷ lệ cap quang") == "Tỷ lệ cap quang"  # typed with diacritics: left alone


def test_a_compound_is_written_as_the_corpus_writes_it():
    restorer = DiacriticRestorer.seeded()
    restorer.learn("Cả nước có 310 điểm phát sóng Wi-Fi công cộng. Tỷ lệ dùng email công vụ đạt 98%. Hệ thống e-Office.")
    assert restorer.compounds_as_written("so diem phat song wifi cong cong") == "so diem phat song wi-fi cong cong"
    assert restorer.compounds_as_written("Số điểm WiFi?") == "Số điểm Wi-Fi?"
    assert restorer.compounds_as_written("hệ thống eoffice") == "hệ thống e-office"
    assert restorer.compounds_as_written("ty le dung e-mail cong vu") == "ty le dung email cong vu"
    # a word the corpus writes, or one it writes no halves of side by side, is left as typed
    assert restorer.compounds_as_written("phát sóng wi-fi, điểm") == "phát sóng wi-fi, điểm"
    assert restorer.compounds_as_written("mạng 5G và blockchain") == "mạng 5G và blockchain"
    assert restorer.compounds_as_written("congcong") == "cong-cong"


def test_sentence_vectors_survive_packing():
    chunk = with_similarities(PROSE, [0.1, 0.5, 0.9])
    matrix = chunk.sentence_matrix()
    assert matrix.shape == (3, 2)
    assert abs(float(matrix[2][0]) - 0.9) < 1e-3
    assert replace(PROSE, sentence_vectors="").sentence_matrix() is None


def test_a_year_named_only_as_the_comparison_base_is_not_the_sentences_year():
    # The 2023 report's "tăng 7,9% so với cùng kỳ năm 2022" does not say what revenue was in 2022…
    revenue_2022 = select("Doanh thu dịch vụ viễn thông năm 2022 là bao nhiêu?", [BULLETS]).sentences[0]
    assert "74.473" in revenue_2022.text and revenue_2022.years == (2023,) and revenue_2022.fit < 1.0
    # …but it is what a question comparing with 2022 asks for.
    growth = select("Doanh thu dịch vụ viễn thông tăng bao nhiêu so với cùng kỳ năm 2022?", [BULLETS]).sentences[0]
    assert "74.473" in growth.text and 2022 in growth.years and growth.fit == 1.0


def test_a_sentence_without_the_code_asked_about_is_worth_less():
    stations = replace(OTHER_YEAR, chunk_id="s-1", text="Số trạm 4G đạt 100.000 trạm. Số trạm 5G đạt 5.000 trạm.", sentence_count=2)
    chosen = select("Số trạm 5G đạt bao nhiêu?", [stations]).sentences[0]
    assert chosen.text == "Số trạm 5G đạt 5.000 trạm." and chosen.fit == 1.0
    only_4g = replace(stations, text="Số trạm 4G đạt 100.000 trạm.", sentence_count=1)
    selection = select("Số trạm 5G đạt bao nhiêu?", [only_4g])
    assert selection.scored[0].fit == 0.5
    assert selection.sentences == []  # and another generation's count is no answer


def test_confidence_is_the_quoted_sentences_own_not_the_closest_ones():
    """An article on the topic always holds some sentence close to the question; only the quoted
    sentence's own closeness says whether it answers: a closer sentence elsewhere changes nothing."""
    question = "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?"
    quoted_alone = select(question, [with_similarities(BULLETS, [0.78, 0.86, 0.78, 0.78])], with_vectors=True)
    closer_elsewhere = select(question, [with_similarities(BULLETS, [0.78, 0.86, 0.78, 0.95])], with_vectors=True)
    assert quoted_alone.sentences[0].text == closer_elsewhere.sentences[0].text
    assert "77,1%" in quoted_alone.sentences[0].text
    assert quoted_alone.confidence == closer_elsewhere.confidence > 0
    further = select(question, [with_similarities(BULLETS, [0.78, 0.80, 0.78, 0.78])], with_vectors=True)
    assert further.confidence < quoted_alone.confidence  # the quoted sentence itself further in meaning


def test_two_periods_compared_are_as_sure_as_the_surest_line():
    """The first period named may be stated in fewer of the question's words than the second: the
    answer holds both lines, and its confidence is not the weaker line's."""
    older = replace(OTHER_YEAR, chunk_id="o-2", text="Hộ gia đình dùng cáp quang: tỷ lệ đạt 60%.", doc_period=OTHER_YEAR.period)
    latest = replace(BULLETS, doc_period=BULLETS.period)  # reports of a period: the period rules answer
    selection = select("Tỷ lệ hộ gia đình sử dụng cáp quang 6 tháng đầu năm 2021 và 6 tháng đầu năm 2023?", [latest, older])
    assert selection.figures is not None and len(selection.figures.lines) == 2
    surest = max(selection.sentences, key=lambda item: item.score)
    assert selection.sentences[0].text.startswith("Hộ gia đình") and surest is not selection.sentences[0]
    assert selection.confidence == ExtractiveAnswerer(PROMPTS).confidence(surest)


def test_an_abbreviation_asked_weighs_as_its_concept_and_a_measure_by_any_of_its_names():
    """"… DVCTT" asked: a sentence naming DVCTT covers the indicator (the abbreviation is not dropped
    for being spelled as asked); "xếp thứ" covers "thứ hạng" as "thứ hạng" itself would."""
    chunk = Chunk(
        chunk_id="g-1", doc_id="g", version="v", source="bao-cao.txt", title="Báo cáo năm 2018",
        period="năm 2018", year=2018, sentence_count=2,
        text="Tỷ lệ DVCTT toàn trình đạt 45%.\nViệt Nam xếp thứ 50/175 quốc gia về an toàn, an ninh mạng.",
    )
    by_text = {item.text: item for item in select("Tỷ lệ DVCTT toàn trình năm 2018?", [chunk]).scored}
    assert by_text["Tỷ lệ DVCTT toàn trình đạt 45%."].indicator == 1.0
    by_text = {item.text: item for item in select("Thứ hạng an toàn, an ninh mạng của Việt Nam năm 2018?", [chunk]).scored}
    assert by_text["Việt Nam xếp thứ 50/175 quốc gia về an toàn, an ninh mạng."].indicator == 1.0


def test_a_period_stated_with_another_verb_of_the_same_indicator_is_still_its_figure():
    """One report writes "hồ sơ TTHC giải quyết trực tuyến", the next "… xử lý trực tuyến": both
    half-years asked are answered, not "the reports do not hold 2024"."""
    older = Chunk(
        chunk_id="x-1", doc_id="x1", version="v", source="6t-2021.txt", title="Báo cáo 6 tháng đầu năm 2021",
        period="6 tháng đầu năm 2021", doc_period="6 tháng đầu năm 2021", year=2021, sentence_count=1,
        text="Tỷ lệ hồ sơ TTHC giải quyết trực tuyến 6 tháng đạt 22,3%.",
    )
    later = replace(
        older, chunk_id="x-2", doc_id="x2", source="6t-2024.txt", title="Báo cáo 6 tháng đầu năm 2024",
        period="6 tháng đầu năm 2024", doc_period="6 tháng đầu năm 2024", year=2024,
        text="Tỷ lệ hồ sơ TTHC xử lý trực tuyến 6 tháng đạt 53,8%, tăng 6,5 điểm phần trăm so với năm 2023.",
    )
    question = "Tỷ lệ hồ sơ TTHC giải quyết trực tuyến 6 tháng đầu năm 2021 và 6 tháng đầu năm 2024?"
    selection = select(question, [older, later])
    assert selection.figures is not None and not selection.figures.missing
    assert [line[0] for line in selection.figures.lines] == [Period(2021, "h1"), Period(2024, "h1")]


def test_revenue_a_report_writes_as_dt_is_found_by_its_words():
    """"Tổng DT toàn ngành …" answers "tổng doanh thu toàn ngành" as the words would; "ĐT" is not "DT"."""
    chunk = _report("q1-2025", "quý I/2025", 2025, "Tổng DT toàn ngành quý I/2025 ước đạt 1.072.400 tỷ đồng.\nSố thuê bao ĐT di động đạt 127 triệu.")
    selection = select("tong doanh thu toan nganh quy 1 2025 bao nhieu", [chunk])
    assert "1.072.400" in selection.sentences[0].text and selection.sentences[0].indicator == 1.0
    assert not {"doanh", "thu"} & Analyzer(GLOSSARY).folded_token_set("Số thuê bao ĐT di động đạt 127 triệu.")


def test_the_share_of_the_population_online_is_the_share_of_people_online():
    """"tỷ lệ dân số sử dụng Internet" asked, "Tỷ lệ người dân sử dụng Internet" written: one rate."""
    chunk = _report("n2023", "năm 2023", 2023, "Tỷ lệ người dân sử dụng Internet đạt 79,1%.")
    selection = select("ty le dan so dung internet nam 2023 la bao nhieu", [chunk])
    assert selection.figures is not None and [line[0] for line in selection.figures.lines] == [Period(2023, "year")]


def _report(chunk_id: str, period: str, year: int, text: str) -> Chunk:
    return Chunk(
        chunk_id=chunk_id, doc_id=chunk_id, version="v", source=f"{chunk_id}.txt", title=f"Báo cáo {period}",
        period=period, doc_period=period, year=year, sentence_count=len(text.splitlines()), text=text,
    )


def _article(chunk_id: str, source: str, title: str, text: str, section: tuple[str, ...] = ()) -> Chunk:
    """An encyclopedic article's chunk: no period, no issuer."""
    return Chunk(
        chunk_id=chunk_id, doc_id=chunk_id.replace("-", ""), version="v", source=source, title=title,
        section_path=section, text=text, sentence_count=len(chunk_sentences(text)),
    )


def test_a_flow_of_nine_months_is_no_figure_of_september_but_a_count_at_their_end_is():
    nine_months = _report(
        "t9", "9 tháng năm 2024", 2024,
        "Doanh thu dịch vụ viễn thông 9 tháng năm 2024 ước đạt 259.670 tỷ đồng.\n"
        "Tính đến hết 9 tháng năm 2024, cả nước có 128,3 triệu thuê bao di động.",
    )
    revenue = select("Doanh thu dịch vụ viễn thông tháng 9/2024 là bao nhiêu?", [nine_months])
    assert revenue.figures is not None and revenue.figures.declined and not revenue.figures.lines
    assert [period for period, _, _ in revenue.figures.held] == [Period(2024, "9m")]  # what the reports do hold
    subscribers = select("Số thuê bao di động tháng 9/2024 là bao nhiêu?", [nine_months])
    assert subscribers.figures is not None and "128,3" in subscribers.figures.lines[0][1].item.text


def test_a_table_row_names_its_indicator_in_fewer_words_than_the_question_and_answers_its_year():
    """"… ghi nhận bao nhiêu vụ tấn công mạng gây sự cố vào hệ thống thông tin tại Việt Nam" in 2019:
    the statistics table's row says "Số vụ tấn công mạng gây sự cố" and holds 2019; the prose of
    2023 and 2024 holds every word of the question, not that year."""
    table = _report("tk", "giai đoạn 2019 - 2023", 2023, "Số vụ tấn công mạng gây sự cố — Đơn vị tính: vụ; 2019: 4.750; 2020: 5.120")
    prose = _report(
        "n24", "năm 2024", 2024,
        "Cả năm ghi nhận 11.830 vụ tấn công mạng gây sự cố vào các hệ thống thông tin tại Việt Nam, giảm 12,2% so với năm 2023.",
    )
    selection = select("Năm 2019 ghi nhận bao nhiêu vụ tấn công mạng gây sự cố vào hệ thống thông tin tại Việt Nam?", [prose, table])
    assert selection.figures is not None and [line[0] for line in selection.figures.lines] == [Period(2019, "year")]
    assert "4.750" in selection.sentences[0].text


def test_a_figure_of_something_no_sentence_names_is_declined_though_prose_spells_numbers():
    """"Doanh thu quảng cáo trực tuyến": no report names it; an article beside them spelling "hai
    trạm" in words is no figure of it."""
    report = _report("n23", "năm 2023", 2023, "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 43,9%.")
    article = Chunk(
        chunk_id="a-1", doc_id="a", version="v", source="cap-quang.txt", title="Cáp quang biển tại Việt Nam",
        sentence_count=1, text="Việt Nam có hai trạm cập bờ cáp quang biển trực tuyến với quốc tế.",
    )
    selection = select("Doanh thu quảng cáo trực tuyến năm 2023 là bao nhiêu?", [report, article])
    assert selection.figures is not None and selection.figures.declined == "metric"


def test_how_much_money_asked_of_prose_that_writes_none_is_declined():
    """An article on the topic, no amount of money in it: "bao nhiêu tiền" has no answer there, though
    its sentence names every word of the question and a frequency band in figures."""
    article = Chunk(
        chunk_id="g-5", doc_id="g5", version="v", source="5g.txt", title="Mạng 5G tại Việt Nam", sentence_count=1,
        text="Tháng 3 năm 2024, Viettel trúng đấu giá khối băng tần C3 (3.700 - 3.800 MHz).",
    )
    money = select("Viettel đã trả bao nhiêu tiền để trúng đấu giá khối băng tần C3?", [article])
    assert money.confidence == 0.0 and not money.sentences
    band = select("Viettel trúng đấu giá khối băng tần nào?", [article])
    assert band.sentences and "C3" in band.sentences[0].text


def test_a_row_of_a_month_and_the_months_summed_up_to_it_gives_each_its_own_figure():
    row = _report("t10", "tháng 10/2024", 2024, "Doanh thu dịch vụ viễn thông (tỷ đồng) — Tháng 10/2024: 30.140; Lũy kế 10 tháng 2024: 289.810")
    summed = select("Doanh thu dịch vụ viễn thông lũy kế 10 tháng năm 2024", [row])
    assert summed.figures is not None and summed.figures.lines[0][2].value == "289.810"


def test_an_article_stating_a_figure_of_another_year_does_not_answer_the_year_asked():
    """An encyclopedic article reports on no period, but its sentence names the year of its figure:
    quoting "Năm 2024 … 1.250 trạm" for 2023 would be another year's number, cited. The year it
    holds is listed; asked of that year, or of none, the sentence answers."""
    article = Chunk(
        chunk_id="v-1", doc_id="v", version="v", source="vnpt.md", title="VNPT", sentence_count=2,
        text="VNPT bắt đầu thử nghiệm 5G từ năm 2019 tại Hà Nội. Năm 2024, VNPT có 1.250 trạm phát sóng 5G.",
    )
    other_year = select("VNPT có bao nhiêu trạm phát sóng 5G năm 2023?", [article])
    assert other_year.figures is not None and other_year.figures.declined == "period"
    assert [period for period, _, _ in other_year.figures.held] == [Period(2024, "year")]
    for asked in ("Năm 2024 VNPT có bao nhiêu trạm phát sóng 5G?", "VNPT có bao nhiêu trạm phát sóng 5G?"):
        selection = select(asked, [article])
        assert selection.figures is None and "1.250" in selection.sentences[0].text


def test_a_line_in_the_reports_own_shorthand_answers_in_full_words_and_is_quoted_as_written():
    """"TB BRCĐ", "TCM", "LK 11T" as the report's legend defines them: the line answers the
    question in full words, quoted as the report writes it; the legend itself states no figure."""
    legend = "\n".join(["TB DĐ\tthuê bao di động", "TB BRCĐ\tthuê bao băng rộng cố định", "T11\ttháng 11"])
    chunk = replace(
        _report("t11", "tháng 11/2024", 2024, "- TB DĐ đến hết T11: 128,7 triệu; TB BRCĐ: 24,5 triệu."), legend=legend
    )
    selection = select("Số thuê bao băng rộng cố định tháng 11/2024 là bao nhiêu?", [chunk])
    assert selection.figures is not None and selection.figures.lines[0][2].value == "24,5"
    text, citations = ExtractiveAnswerer(PROMPTS).compose(selection)
    assert "TB BRCĐ: 24,5 triệu" in text and "TB BRCĐ: 24,5 triệu" in citations[0].quote
    assert "băng rộng cố định: 24,5" not in text  # the spelled-out reading is never quoted


def test_the_sectors_revenue_is_named_by_toan_nganh_as_by_the_sectors_name():
    """"Tổng doanh thu toàn ngành năm 2022" in the ministry's report is the revenue of "toàn ngành
    thông tin và truyền thông": compared with 2021's sentence naming the sector in full, both answer."""
    y2021 = _report("y21", "năm 2021", 2021, "Tổng doanh thu toàn ngành thông tin và truyền thông năm 2021 ước đạt 3.155.000 tỷ đồng.")
    y2022 = _report("y22", "năm 2022", 2022, "Tổng doanh thu toàn ngành năm 2022 ước đạt 3.680.000 tỷ đồng, tăng 16,6% so với năm 2021.")
    selection = select("So sánh tổng doanh thu toàn ngành thông tin và truyền thông năm 2021 với năm 2022.", [y2021, y2022])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["3.155.000", "3.680.000"]


def test_when_asked_of_sentences_naming_no_time_is_declined():
    """"… được đưa vào hoạt động năm nào?" where the article names the system but never when: the
    sentence about it is no answer; asked what it does, it is."""
    article = Chunk(
        chunk_id="k-1", doc_id="k", version="v", source="ncsc.md", title="NCSC", sentence_count=1,
        text="Hệ thống cảnh báo lừa đảo canhbao.khonggianmang.vn cho phép người dân tra cứu các trang web lừa đảo.",
    )
    assert not select("Hệ thống canhbao.khonggianmang.vn được đưa vào hoạt động năm nào?", [article]).sentences
    assert select("Hệ thống canhbao.khonggianmang.vn cho phép người dân làm gì?", [article]).sentences


def test_a_change_asked_is_answered_with_the_level_it_is_measured_from():
    """"… giảm bao nhiêu so với cùng kỳ năm trước?": the change quoted, and the nine months of 2023 —
    stated in the report's table — beside it; a base the quote already holds is not repeated."""
    prose = _report("c9", "9 tháng năm 2024", 2024, "Lũy kế 9 tháng ghi nhận 7.290 vụ tấn công mạng, giảm 26,1% so với cùng kỳ năm 2023.")
    row = _report("r9", "9 tháng năm 2024", 2024, "Số vụ tấn công mạng — 9 tháng 2024: 7.290; 9 tháng 2023: 9.860")
    selection = select("Số vụ tấn công mạng 9 tháng năm 2024 giảm bao nhiêu so với cùng kỳ năm trước?", [prose, row])
    assert selection.figures is not None and selection.figures.lines[0][2].value == "26,1"
    assert [(period, statement.value) for period, statement, _ in selection.figures.compared] == [(Period(2024, "9m").shifted(-1), "9.860")]
    text, _ = ExtractiveAnswerer(PROMPTS).compose(selection)
    assert "Kỳ so sánh: 9 tháng năm 2023: 9.860" in text
    held = _report("h9", "9 tháng năm 2024", 2024, "Lũy kế 9 tháng ghi nhận 7.290 vụ tấn công mạng, giảm 26,1% so với cùng kỳ năm 2023 (9.860 vụ).")
    assert not select("Số vụ tấn công mạng 9 tháng năm 2024 giảm bao nhiêu so với cùng kỳ năm trước?", [held, row]).figures.compared


def test_a_question_naming_no_place_is_the_countrys_where_the_ministrys_reports_state_it():
    """A province's report beside the ministry's: its figure is neither the answer to a question that
    names no place, nor "another report's figure of the same period"; named, the province answers."""
    national = _report("n24", "năm 2024", 2024, "Số doanh nghiệp công nghệ số đạt 77.610 doanh nghiệp.")
    province = replace(
        _report("p24", "năm 2024", 2024, "Số doanh nghiệp công nghệ số trên địa bàn tỉnh đạt 456 doanh nghiệp."),
        issuer="UBND TỈNH QUẢNG TRỊ // SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    )
    country = select("Số doanh nghiệp công nghệ số năm 2024 là bao nhiêu?", [province, national])
    assert [line[2].value for line in country.figures.lines] == ["77.610"]  # no "Báo cáo khác cùng kỳ" line
    quang_tri = select("Số doanh nghiệp công nghệ số của tỉnh Quảng Trị năm 2024 là bao nhiêu?", [province, national])
    assert [line[2].value for line in quang_tri.figures.lines] == ["456"]


def test_the_years_result_against_its_plan_comes_before_a_share_of_only_half_of_it():
    """"So sánh kế hoạch và thực hiện … năm 2024": the year's result and the year's plan, not the
    first half's share of the plan (which had been given, "the reports have no 2024 figure")."""
    half = _report(
        "h24", "6 tháng đầu năm 2024", 2024,
        "Số doanh nghiệp công nghệ số — KH năm 2024: 77.000; TH 6 tháng 2024: 75.940; % so với KH: 98,6",
    )
    year = _report("y24", "năm 2024", 2024, "Số doanh nghiệp công nghệ số đạt 77.610 doanh nghiệp.")
    selection = select("So sánh kế hoạch và thực hiện số doanh nghiệp công nghệ số năm 2024", [half, year])
    assert selection.figures.versus_plan
    assert [line[2].value for line in selection.figures.lines] == ["77.610"]
    assert [plan.value for _, _, plan in selection.figures.plans] == ["77.000"]
    asked_half = select("Số doanh nghiệp công nghệ số 6 tháng đầu năm 2024 đạt bao nhiêu % kế hoạch?", [half, year])
    assert [line[2].value for line in asked_half.figures.lines] == ["98,6"]


def test_a_change_over_a_range_of_years_lists_both_years_levels_not_a_part_of_one():
    """"… tăng bao nhiêu từ năm 2021 đến năm 2023?" with no sentence stating that change: the levels of
    2023 and 2021 (both in the statistics row); a quarter of 2023 is no year's level when the year's
    is held (quý II/2023 had been listed beside them)."""
    row = _report("s", "năm 2023", 2023, "Doanh thu bưu chính — Đơn vị tính: tỷ đồng; 2021: 33.720; 2022: 40.180; 2023: 46.350")
    quarter = _report("q2", "quý II/2024", 2024, "Doanh thu bưu chính (tỷ đồng) — Quý II/2024: 12.680; Quý II/2023: 11.190")
    selection = select("Doanh thu bưu chính tăng bao nhiêu từ năm 2021 đến năm 2023?", [row, quarter])
    assert selection.figures is not None and selection.figures.declined == "kind"
    assert [(period, statement.value) for period, statement, _ in selection.figures.held] == [(Period(2023), "46.350"), (Period(2021), "33.720")]


def test_a_figure_of_another_indicator_in_the_sentence_is_no_answer_for_a_month():
    """"Doanh thu … quý I …; số thuê bao … tính đến ngày 31/3/2024 đạt 23,1 triệu" asked the revenue of
    March: the quarter's revenue is no month's, and the subscribers' count of March is no revenue (it
    had been given, cited, as March's revenue)."""
    quarter = _report(
        "q1", "quý I/2024", 2024,
        "Doanh thu dịch vụ bưu chính quý I ước đạt 14.310 tỷ đồng, tăng 11,2% so với cùng kỳ; "
        "số thuê bao băng rộng cố định tính đến ngày 31/3/2024 đạt 23,1 triệu thuê bao.",
    )
    selection = select("Doanh thu dịch vụ bưu chính tháng 3/2024 đạt bao nhiêu?", [quarter])
    assert selection.figures is not None and selection.figures.declined == "period"
    assert all(statement is None or statement.value != "23,1" for _, _, statement in selection.figures.lines)


def test_a_documents_number_asked_is_answered_by_the_sentence_writing_it():
    """"Luật Báo chí năm 2016 mang số hiệu gì?": the sentence with "(Luật số 103/2016/QH13)", not the
    one on when it was passed (which had been quoted); no sentence with a number, no answer."""
    article = Chunk(
        chunk_id="l-1", doc_id="l", version="v", source="luat.txt", title="Luật Báo chí 2016", sentence_count=2,
        text=(
            "Luật Báo chí năm 2016 (Luật số 103/2016/QH13) quy định về quyền tự do báo chí của công dân.\n\n"
            "Luật Báo chí năm 2016 được Quốc hội thông qua ngày 5 tháng 4 năm 2016 và có hiệu lực từ ngày 1 tháng 1 năm 2017."
        ),
    )
    chosen = select("Luật Báo chí năm 2016 mang số hiệu gì?", [article]).sentences
    assert chosen and "103/2016/QH13" in max(chosen, key=lambda item: item.score).text
    passed = replace(article, text=article.text.split("\n\n")[1], sentence_count=1)
    assert not select("Luật Báo chí năm 2016 mang số hiệu gì?", [passed]).sentences


def test_a_count_named_by_its_row_is_the_count_asked_whatever_its_units_word():
    """"Số nhà báo được cấp thẻ — ĐVT: người; Năm 2023: 20.730" counts journalists, in persons: "bao
    nhiêu nhà báo được cấp thẻ" had been declined (the unit "người" named another thing)."""
    annex = _report("pl", "năm 2023", 2023, "Số nhà báo được cấp thẻ — ĐVT: người; Năm 2023: 20.730")
    selection = select("Năm 2023 cả nước có bao nhiêu nhà báo được cấp thẻ?", [annex])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["20.730"]


def test_the_adults_are_named_either_way():
    """"tỷ lệ người trưởng thành dùng điện thoại thông minh" is the reports' "tỷ lệ dân số trưởng thành sử
    dụng điện thoại thông minh" (it had been declined)."""
    report = _report(
        "y24", "năm 2024", 2024,
        "Tỷ lệ dân số trưởng thành sử dụng điện thoại thông minh đạt 87,2%. Số người dùng Internet đạt 78 triệu người.",
    )
    selection = select("Tỷ lệ người trưởng thành dùng điện thoại thông minh năm 2024?", [report])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["87,2"]


def test_a_periods_figure_in_the_reports_shorthand_answers_the_full_words():
    """"Lũy kế 10 tháng năm 2024, doanh thu dịch vụ bưu chính" where only the month's quick report
    writes it, as "DT BC T10: 5.320 tỷ đ; LK 10T: 50.400 tỷ đ": the ten months' 50.400, not "not held"
    because fuller wordings of other periods name more of the question."""
    quick = replace(
        _report("t10", "10 tháng đầu năm 2024", 2024, "- DT BC T10: 5.320 tỷ đ; LK 10T: 50.400 tỷ đ, đạt 84% KH năm."),
        legend="BC\tbưu chính\nLK\tlũy kế\nKH\tkế hoạch",
    )
    year = _report(
        "y24", "năm 2024", 2024,
        "Doanh thu dịch vụ bưu chính năm 2024 ước đạt 61.890 tỷ đồng.\nDoanh thu dịch vụ viễn thông năm 2024 ước đạt 342.500 tỷ đồng.",
    )
    others = [  # the reports name many services: "dịch vụ" says little
        _report(f"o{n}", "năm 2024", 2024, text)
        for n, text in enumerate(["Dịch vụ công trực tuyến toàn trình được mở rộng.", "Dịch vụ chứng thực chữ ký số phát triển nhanh."])
    ]
    selection = select("Lũy kế 10 tháng năm 2024, doanh thu dịch vụ bưu chính đạt bao nhiêu?", [quick, year, *others])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["50.400"]


def test_a_time_asked_of_a_thing_is_in_the_paragraph_naming_it_from_where_it_is_named():
    """"Ứng dụng VTVgo … ra mắt vào năm nào?" where the paragraph naming VTVgo gives no time and the
    times given date other things: declined (1987 had been quoted). "Họ cũng … năm 1946" in the
    paragraph naming the club answers for it."""

    def article(*paragraphs: str) -> Chunk:
        return Chunk(
            chunk_id="v-1", doc_id="v", version="v", source="vtv.md", title="Đài Truyền hình Việt Nam",
            sentence_count=len(paragraphs), text="\n\n".join(paragraphs),
        )

    history = "Ngày 30 tháng 4 năm 1987, tên gọi Đài Truyền hình Việt Nam chính thức được sử dụng."
    app = "Đài cũng phát triển ứng dụng VTVgo để khán giả xem truyền hình trực tiếp trên điện thoại."
    question = "Ứng dụng VTVgo của Đài Truyền hình Việt Nam được ra mắt vào năm nào?"
    assert not select(question, [article(history, app)]).sentences
    launched = "Ứng dụng VTVgo ra mắt năm 2013, cho phép khán giả xem truyền hình trực tiếp trên điện thoại."
    assert any("2013" in item.text for item in select(question, [article(history, launched)]).sentences)
    # a time told before the thing is named dates something else: "… từ giữa thập niên 2000, trước hết
    # tại Campuchia và Lào. Sau đó, Viettel mở rộng sang … Peru (Bitel) …"
    abroad = article(
        "Viettel bắt đầu đầu tư ra nước ngoài từ giữa thập niên 2000, trước hết tại Campuchia và Lào. "
        "Sau đó, Viettel mở rộng sang Haiti (Natcom), Mozambique (Movitel) và Peru (Bitel)."
    )
    assert not select("Viettel bắt đầu kinh doanh tại Peru với thương hiệu Bitel vào năm nào?", [abroad]).sentences
    assert select("Viettel bắt đầu đầu tư ra nước ngoài từ khi nào?", [abroad]).sentences
    # a day asked ("ngày nào") is not answered by years alone
    law = article("Trước năm 2016, hoạt động báo chí được điều chỉnh bởi Luật Báo chí năm 1989, được sửa đổi, bổ sung năm 1999.")
    assert not select("Luật Báo chí năm 1989 được Quốc hội thông qua vào ngày nào?", [law]).sentences
    assert select("Luật Báo chí năm 1989 được sửa đổi, bổ sung vào năm nào?", [law]).sentences
    club = article("Polonia Warsaw giành giải vô địch Ekstraklasa vào năm 2000. Họ cũng giành chức vô địch quốc gia vào năm 1946.")
    assert any("1946" in item.text for item in select("Polonia Warsaw giành chức vô địch quốc gia vào năm nào trước năm 2000?", [club]).sentences)


def test_an_undated_statistics_sheets_rows_are_read_by_their_period_columns():
    """A sheet "Số liệu thống kê … giai đoạn 2022 - 2024" names no period of its own: its rows, whose
    columns are years, answer a year asked with that year's cell (the whole row had been quoted, and
    another row beside it), and a year it lacks with what it holds."""
    sheet = Chunk(
        chunk_id="s-1", doc_id="s", version="v", source="so_lieu.xlsx", title="Số liệu thống kê giai đoạn 2022 - 2024",
        sentence_count=2,
        text=(
            "Số kênh truyền hình — Đơn vị tính: kênh; Năm 2022: 198; Năm 2023: 193; Năm 2024: 189\n"
            "Số kênh phát thanh — Đơn vị tính: kênh; Năm 2022: 84; Năm 2023: 81; Năm 2024: 78"
        ),
    )
    compared = select("So sanh so kenh truyen hinh 2022 va 2024", [sheet])
    assert compared.figures is not None and [line[2].value for line in compared.figures.lines] == ["198", "189"]
    missing = select("Số kênh truyền hình năm 2021 là bao nhiêu?", [sheet])
    assert missing.figures is not None and missing.figures.declined == "period"


def test_a_group_asked_by_its_number_is_not_answered_by_the_wholes_figure():
    """"Các tỉnh nhóm IV được hỗ trợ bao nhiêu đầu thu?" where the article gives only the total for all
    groups: the total is scored as naming none of what is asked (it had been quoted as the answer)."""
    article = Chunk(
        chunk_id="d-1", doc_id="d", version="v", source="dvbt2.html", title="DVB-T2 tại Việt Nam", sentence_count=2,
        text=(
            "Các tỉnh nhóm IV là các tỉnh miền núi, nơi truyền hình tương tự dừng phát sóng sau cùng.\n\n"
            "Tổng cộng khoảng 1,2 triệu đầu thu truyền hình số đã được trao tặng cho các hộ gia đình trong toàn bộ Đề án."
        ),
    )
    def total(question: str) -> float:
        return next(item.score for item in select(question, [article]).scored if "1,2 triệu" in item.text)

    # scored as one naming none of the codes asked ("5G", "IPv6"): half its coverage
    assert total("Các tỉnh nhóm IV được hỗ trợ bao nhiêu đầu thu truyền hình số?") < 0.75 * total("Các tỉnh được hỗ trợ bao nhiêu đầu thu truyền hình số?")


def test_another_reports_figure_shown_beside_is_of_the_same_indicator_not_a_shorter_one():
    """"Số cơ quan báo — Năm 2023: 137" (newspapers) is no other report's figure of "số cơ quan báo chí"
    (it had been shown as "Báo cáo khác cùng kỳ" beside 805); the same indicator's other figure is."""
    sheet = _report("st", "năm 2023", 2023, "Số cơ quan báo chí — Đơn vị tính: cơ quan; Năm 2022: 808; Năm 2023: 805")
    annex = _report("pl", "năm 2023", 2023, "Số cơ quan báo — ĐVT: cơ quan; Năm 2023: 137")
    selection = select("so co quan bao chi nam 2023 la bn", [sheet, annex])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["805"]
    revised = _report("rv", "năm 2023", 2023, "Số cơ quan báo chí — ĐVT: cơ quan; Năm 2023: 809")
    shown = select("so co quan bao chi nam 2023 la bn", [sheet, revised])
    assert shown.figures is not None and sorted(line[2].value for line in shown.figures.lines) == ["805", "809"]


def test_the_countrys_figure_beside_a_provinces_is_labelled_as_the_countrys():
    """"… ở Nghệ An năm 2024 so với bình quân cả nước?": the province's figure, then the country's,
    labelled "Cả nước cùng kỳ" (it had read "Báo cáo khác cùng kỳ", as if a report disagreed)."""
    province = replace(
        _report("na", "năm 2024", 2024, "Tỷ lệ dân số trưởng thành sử dụng điện thoại thông minh trên địa bàn tỉnh đạt 83,1%."),
        title="Báo cáo kết quả năm 2024 của Sở Thông tin và Truyền thông tỉnh Nghệ An",
    )
    country = _report("vn", "năm 2024", 2024, "Tỷ lệ dân số trưởng thành sử dụng điện thoại thông minh đạt 87,2%.")
    selection = select("Tỷ lệ dân số trưởng thành sử dụng điện thoại thông minh ở Nghệ An năm 2024 so với bình quân cả nước?", [province, country])
    text, _ = ExtractiveAnswerer(PROMPTS).compose(selection)
    assert "83,1%" in text.splitlines()[0] and any(line.startswith("Cả nước cùng kỳ (năm 2024)") and "87,2%" in line for line in text.splitlines())


def test_a_place_asked_of_is_not_answered_by_the_countrys_row_and_comes_before_it():
    """"… của Đà Nẵng 6 tháng đầu năm 2025": the ministry's table row, naming no city, had been given
    as the city's figure with a citation; asked beside the country ("… so với cả nước"), the city's
    figure comes first and the country's after it."""
    city = replace(
        _report("dn", "năm 2024", 2024, "Toàn thành phố có 2.380 doanh nghiệp công nghệ số đang hoạt động."),
        title="Báo cáo kết quả công tác năm 2024 của Sở Thông tin và Truyền thông thành phố Đà Nẵng",
    )
    country = _report("vn", "năm 2024", 2024, "Số doanh nghiệp công nghệ số — ĐVT: doanh nghiệp; Năm 2024: 77.120; 6T/2025: 78.030")
    alone = select("Số doanh nghiệp công nghệ số của Đà Nẵng 6 tháng đầu năm 2025 là bao nhiêu?", [city, country])
    assert alone.figures is None or not any(line[2] is not None and line[2].value == "78.030" for line in alone.figures.lines)
    stated = _report("vn2", "năm 2024", 2024, "Số doanh nghiệp công nghệ số đạt 77.120 doanh nghiệp, vượt kế hoạch năm.")
    both = select("Số doanh nghiệp công nghệ số của Đà Nẵng năm 2024 so với cả nước?", [city, stated])
    text, _ = ExtractiveAnswerer(PROMPTS).compose(both)
    assert "2.380" in text.splitlines()[0] and any(line.startswith("Cả nước cùng kỳ (năm 2024)") and "77.120" in line for line in text.splitlines())


def test_a_list_of_figures_named_after_each_answers_neither_for_a_third_thing():
    """"… có 127,6 triệu thuê bao di động và 23,6 triệu thuê bao băng rộng cố định" answers no "thuê
    bao truyền hình trả tiền" (the words after the scale, "thuê bao di động", are a sibling); it
    answers fixed broadband with its own figure."""
    report = _report("q2", "tháng 6/2024", 2024, "Đến ngày 30/6/2024, cả nước có 127,6 triệu thuê bao di động và 23,6 triệu thuê bao băng rộng cố định.")
    assert not select("Hiện cả nước có bao nhiêu thuê bao truyền hình trả tiền?", [report]).sentences
    fixed = select("Hiện cả nước có bao nhiêu thuê bao băng rộng cố định?", [report])
    assert fixed.figures is not None and [line[2].value for line in fixed.figures.lines] == ["23,6"]


def test_a_figure_of_the_period_naming_none_of_the_question_is_not_its_figure():
    """"Doanh thu dịch vụ bưu chính quý I … 14.310 tỷ đồng; …; số thuê bao băng rộng cố định tính đến
    ngày 31/3/2024 đạt 23,1 triệu": the quarter's revenue had been given, cited, as its subscribers;
    the count at the end of March is what the sentence holds for it."""
    report = _report(
        "q1", "quý I/2024", 2024,
        "Doanh thu dịch vụ bưu chính quý I ước đạt 14.310 tỷ đồng, tăng 11,2% so với cùng kỳ; số thuê bao băng rộng cố định tính đến ngày 31/3/2024 đạt 23,1 triệu thuê bao.",
    )
    selection = select("Số thuê bao băng rộng cố định quý I/2024 là bao nhiêu?", [report])
    values = [line[2].value for line in selection.figures.lines if line[2] is not None] if selection.figures else []
    assert "14.310" not in values


def test_a_question_opening_with_a_count_is_no_section_asked():
    """"Số DNCNS hiện nay": a count, answered by the latest figure — not the first lines of the section
    "… và doanh nghiệp công nghệ số" (its 2023 sentence had been quoted, sure of itself)."""
    section = replace(
        _report("y", "năm 2024", 2024, "Số doanh nghiệp công nghệ số đạt 76.120 doanh nghiệp."),
        section_path=("I. KẾT QUẢ", "2.1. Công nghiệp ICT và doanh nghiệp công nghệ số"),
    )
    selection = select("Số DNCNS hiện nay", [section])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["76.120"]


def test_a_qualifier_of_the_indicator_missing_from_the_sentence_makes_it_another_indicator():
    """"tỷ lệ hồ sơ trực tuyến toàn trình" asked, only "tỷ lệ hồ sơ thủ tục hành chính được xử lý trực
    tuyến" written: the dossiers processed online are not the full-process ones (48,3% had been given
    for them); asked as written, it answers."""
    report = _report("9t", "9 tháng năm 2024", 2024, "Tính chung 9 tháng, tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 48,3%.")
    assert not select("ty le ho so truc tuyen toan trinh 9 thang nam 2024", [report]).sentences
    answered = select("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến 9 tháng năm 2024", [report])
    assert answered.figures is not None and [line[2].value for line in answered.figures.lines] == ["48,3"]


def test_a_month_and_the_months_summed_to_it_asked_together_are_both_answered():
    """"doanh thu bưu chính tháng 11 2024 và lũy kế 11 tháng": each is the other's no figure, but both
    are asked (the answer had said neither was held, and listed both)."""
    report = _report("t11", "tháng 11/2024", 2024, "- Doanh thu bưu chính tháng 11: 4.870 tỷ đồng; lũy kế 11 tháng: 49.190 tỷ đồng, bằng 94,6% kế hoạch năm.")
    selection = select("doanh thu buu chinh thang 11 2024 va luy ke 11 thang", [report])
    assert selection.figures is not None and not selection.figures.missing
    assert [line[2].value for line in selection.figures.lines] == ["4.870", "49.190"]


def test_smartphone_names_the_phones_the_reports_call_dien_thoai_thong_minh():
    report = _report("6t", "6 tháng đầu năm 2024", 2024, "Tỷ lệ dân số trưởng thành có điện thoại thông minh đạt 85,7%.")
    selection = select("ty le dan so truong thanh dung smartphone 6t 2024", [report])
    assert selection.figures is not None and [line[2].value for line in selection.figures.lines] == ["85,7"]


def test_a_decline_lists_as_held_only_sentences_naming_half_the_indicator():
    """"mục tiêu 2023 tỷ lệ dân số trưởng thành có smartphone" of a report stating only fixed
    broadband (per 100 inhabitants): the decline had listed that figure as what the reports hold."""
    report = _report(
        "6t", "6 tháng đầu năm 2023", 2023,
        "- Số thuê bao băng rộng cố định đạt 22,14 triệu thuê bao (tương ứng với tỷ lệ 22,26 thuê bao/100 dân), đạt 88,6% kế hoạch năm 2023.",
    )
    selection = select("muc tieu 2023 ty le dan so truong thanh co smartphone", [report])
    assert not selection.sentences
    held = select("Số thuê bao băng rộng cố định năm 2022", [report])  # the indicator held, another year
    assert held.figures is not None and held.figures.held and held.figures.missing == [Period(2022, "year")]


def test_a_subscription_named_by_another_qualifier_is_no_figure_of_the_one_asked():
    """"Số thuê bao điện thoại cố định" of a sentence stating fixed broadband and mobile subscriptions:
    the fixed broadband figure had been answered (a wrong figure, cited). The question's "Số" is no
    part of the name the sentence's own "thuê bao băng rộng cố định" is compared with."""
    report = _report(
        "2022", "năm 2022", 2022,
        "Số thuê bao di động đạt 126,45 triệu thuê bao; thuê bao băng rộng cố định đạt 21,27 triệu thuê bao; "
        "thuê bao băng rộng di động đạt 82,36 triệu thuê bao.",
    )
    sheet = _report(
        "sheet", "năm 2023", 2023,
        "Số thuê bao băng rộng cố định — Đơn vị: triệu thuê bao; Năm 2021: 19,08; Năm 2022: 21,27; Năm 2023: 22,61",
    )
    phones = _report("phones", "năm 2022", 2022, "Tỷ lệ người dân có điện thoại thông minh đạt 84%.")  # "điện thoại" is in the reports
    for question in ("Số thuê bao điện thoại cố định năm 2022 là bao nhiêu?", "so thue bao dien thoai co dinh nam 2022"):
        selection = select(question, [report, sheet, phones])
        assert not selection.sentences and not (selection.figures and selection.figures.lines), question
    fixed_broadband = select("Số thuê bao băng rộng cố định năm 2022 là bao nhiêu?", [report, sheet])
    assert fixed_broadband.figures is not None and [line[2].value for line in fixed_broadband.figures.lines] == ["21,27"]


def test_a_count_asked_is_not_answered_by_a_rate_of_the_same_things():
    """"Số thuê bao điện thoại cố định năm 2023" of a row "Tỷ lệ thuê bao sử dụng smartphone — Đơn
    vị: %": 82,4% had been answered as the number of fixed telephone subscriptions."""
    row = _report(
        "t2023", "năm 2023", 2023,
        "Tỷ lệ thuê bao sử dụng smartphone — Đơn vị: %; TH 2022: 73,5; KH 2023: 85; TH 2023: 82,4; So với 2022: tăng 8,9 điểm %",
    )
    phones = _report("phones", "năm 2023", 2023, "Số điện thoại cố định được chuyển mạng giữ số đạt 1.200 lượt.")
    selection = select("Số thuê bao điện thoại cố định năm 2023 là bao nhiêu?", [row, phones])
    assert not any("82,4" in item.text for item in selection.sentences)
    rate = select("Tỷ lệ thuê bao sử dụng smartphone năm 2023 là bao nhiêu?", [row, phones])
    assert rate.figures is not None and [line[2].value for line in rate.figures.lines] == ["82,4"]


def test_a_table_counting_subscribers_in_shorthand_answers_the_latest_count():
    """"triệu TB" is millions of subscribers ("thuê bao"): the 2024 row had been passed over for
    the 2023 sentence writing "triệu thuê bao" in full."""
    older = _report("t2023", "năm 2023", 2023, "Tổng số thuê bao di động 126,4 triệu, trong đó 76,2 triệu thuê bao 4G.")
    latest = _report("t2024", "năm 2024", 2024, "Thuê bao 4G — Đơn vị: triệu TB; KH 2024: 82,0; TH 2024: 80,5; % KH: 98,2%")
    selection = select("Có bao nhiêu thuê bao 4G?", [older, latest])
    assert selection.figures is not None and selection.figures.lines[0][2].value == "80,5"


def test_mobile_subscriptions_are_not_the_mobile_broadband_ones():
    """"Tổng số thuê bao di động" of a sentence stating only fixed and mobile broadband subscriptions:
    "di động" there ends another indicator's name ("băng rộng di động")."""
    quarter = _report(
        "q3", "quý III/2024", 2024,
        "Tại thời điểm 30/9/2024, số thuê bao băng rộng cố định đạt 23,4 triệu, số thuê bao băng rộng di động đạt 88,3 triệu.",
    )
    selection = select("Tổng số thuê bao di động tại thời điểm 30/9/2024 là bao nhiêu?", [quarter])
    assert not (selection.figures and selection.figures.lines) and not any("88,3" in item.text for item in selection.sentences if not selection.declined)
    broadband = select("Số thuê bao băng rộng di động quý III/2024?", [quarter])
    assert any("88,3" in item.text for item in broadband.sentences)


def test_a_share_of_the_plan_listed_as_held_says_it_is_one():
    """A decline for a period not held listed "6 tháng đầu năm 2023: 90,66%" of "Tỷ lệ DVCTT toàn trình
    … đạt 90,66% kế hoạch năm 2023": a share of the plan, shown as if it were the rate."""
    from assistant.answering.extractive import _Citations, figure_lines

    report = _report(
        "6t", "6 tháng đầu năm 2023", 2023,
        "- Tỷ lệ DVCTT toàn trình đủ điều kiện đạt 90,66% kế hoạch năm 2023 (mục tiêu năm 2023 là 100%).",
    )
    selection = select("Tỷ lệ DVCTT toàn trình năm 2020 là bao nhiêu?", [report])
    assert selection.figures is not None and selection.figures.declined == "period"
    listed = figure_lines(selection.figures, _Citations(), PROMPTS)
    assert any("6 tháng đầu năm 2023: đạt 90,66% kế hoạch" in line for line in listed), listed


def test_a_period_declined_with_nothing_else_held_lists_nothing():
    """"Các báo cáo chỉ có:" followed by nothing had been the whole answer."""
    from assistant.answering.extractive import _Citations, figure_lines
    from assistant.answering.periods import PeriodAnswer

    lines = figure_lines(PeriodAnswer(declined="period", missing=[Period(2020, "year")]), _Citations(), PROMPTS)
    assert lines == ["Các báo cáo không có số liệu năm 2020 cho nội dung này."]


ARTICLE_5G = _article(
    "a-5g",
    "mang-5g.md",
    "Mạng 5G tại Việt Nam",
    (
        "Ngày 15 tháng 3 năm 2024, Viettel trúng đấu giá khối băng tần C3 với giá 7.565 tỷ đồng. "
        "Tháng 7 năm 2024, MobiFone trúng đấu giá khối băng tần B1 (2.500–2.600 MHz). "
        "Chủ đề Ngày Chuyển đổi số quốc gia năm 2023 là khai thác dữ liệu số."
    ),
    section=("Đấu giá băng tần",),
)
PROVINCE_PHOTO = Chunk(
    chunk_id="p-na",
    doc_id="pna",
    version="v",
    source="anh-chup.jpg",
    title="Báo cáo kết quả 9 tháng năm 2024",
    issuer="UBND TỈNH NGHỆ AN — SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    text="Toàn tỉnh hiện có 7.460 trạm BTS, trong đó 38 trạm 5G; số thôn chưa có sóng còn 42 thôn.",
    sentence_count=1,
)


def test_a_figure_asked_of_a_company_is_not_another_companys_told_before_it():
    """"MobiFone … với giá bao nhiêu" where only Viettel's price is written: the number of the
    sentence before, of another company, had been quoted beside the MobiFone sentence."""
    assert not select("MobiFone trúng đấu giá khối băng tần B1 với giá bao nhiêu tỷ đồng?", [ARTICLE_5G]).sentences
    assert "7.565" in select("Viettel trúng đấu giá khối băng tần C3 với giá bao nhiêu?", [ARTICLE_5G]).sentences[0].text


def test_the_same_thing_of_another_year_is_no_answer():
    assert not select("Chủ đề Ngày Chuyển đổi số quốc gia năm 2022 là gì?", [ARTICLE_5G]).sentences
    assert select("Chủ đề Ngày Chuyển đổi số quốc gia năm 2023 là gì?", [ARTICLE_5G]).sentences


def test_a_province_asked_is_answered_only_by_what_names_it():
    """A province's photo ("Toàn tỉnh hiện có … 38 trạm 5G", issued by Nghệ An) is no answer for Thanh Hóa."""
    assert not select("so tram 5G tren dia ban tinh Thanh Hoa la bao nhieu", [PROVINCE_PHOTO]).sentences
    assert "38 trạm 5G" in select("Số trạm 5G trên địa bàn tỉnh Nghệ An là bao nhiêu?", [PROVINCE_PHOTO]).sentences[0].text


ARTICLE_CABLES = _article(
    "a-net",
    "internet.txt",
    "Internet tại Việt Nam",
    (
        "Kết nối quốc tế đi qua các tuyến cáp quang biển TVH (năm 1995), AAG (năm 2009), APG (năm 2016) và AAE-1 (năm 2017). "
        "Tuyến APG có dung lượng thiết kế 54 Tbps, nối Việt Nam với Nhật Bản và Singapore.\n"
        "Năm 2023, Viettel đạt doanh thu hợp nhất 172.900 tỷ đồng. "
        "Các đối thủ chính là VNPT và MobiFone.\n"
        "Tên miền quốc gia \".vn\" được đưa vào sử dụng từ năm 1994. "
        "Đến cuối năm 2023, số tên miền \".vn\" đang duy trì là 581.400."
    ),
    section=("Kết nối quốc tế",),
)


def test_a_number_asked_of_one_of_a_list_is_not_told_by_a_sentence_about_another():
    """"Tuyến APG có dung lượng thiết kế 54 Tbps" after the list of cables is APG's, not AAG's; and
    "Viettel đạt doanh thu …" is not VNPT's, though the article names VNPT elsewhere."""
    assert not select("Tuyến cáp quang biển AAG có dung lượng thiết kế bao nhiêu Tbps?", [ARTICLE_CABLES]).sentences
    assert "54 Tbps" in select("Tuyến cáp quang biển APG có dung lượng thiết kế bao nhiêu Tbps?", [ARTICLE_CABLES]).sentences[0].text
    assert not select("Doanh thu hợp nhất của VNPT năm 2023 là bao nhiêu?", [ARTICLE_CABLES]).sentences
    assert "172.900" in select("Doanh thu hợp nhất của Viettel năm 2023 là bao nhiêu?", [ARTICLE_CABLES]).sentences[0].text


def test_a_count_that_stood_at_a_past_year_end_is_that_years_not_a_goal():
    """"Đến cuối năm 2023, số tên miền … đang duy trì là 581.400" (its paragraph named 1994 before)
    had been read as a goal for 2023: 2020 was then answered with it."""
    asked_2020 = select("Năm 2020 có bao nhiêu tên miền .vn đang duy trì?", [ARTICLE_CABLES])
    assert asked_2020.declined and [period for period, _, _ in asked_2020.figures.held] == [Period(2023, "year")]
    assert "581.400" in select("Năm 2023 có bao nhiêu tên miền .vn đang duy trì?", [ARTICLE_CABLES]).sentences[0].text


def test_a_later_reports_count_replaces_the_year_end_estimate_which_is_shown_beside():
    estimate = _report("n24", "năm 2024", 2024, "Số doanh nghiệp công nghệ số ước đạt 74.500 doanh nghiệp, bằng 98,0% kế hoạch.")
    official = _report(
        "h25", "6 tháng đầu năm 2025", 2025,
        "Số doanh nghiệp công nghệ số đang hoạt động đến ngày 31/12/2024 là 74.215 doanh nghiệp; số liệu này thay thế số ước.",
    )
    selection = select("Năm 2024 có bao nhiêu doanh nghiệp công nghệ số?", [estimate, official])
    assert selection.figures is not None
    (period, first, _), *others = selection.figures.lines
    assert period == Period(2024, "year") and "74.215" in first.item.text
    assert any("74.500" in reading.item.text for _, reading, _ in others)  # the estimate, as another report's figure
    # an estimate no later report revises stays the year's figure
    alone = select("Năm 2024 có bao nhiêu doanh nghiệp công nghệ số?", [estimate])
    assert alone.figures is not None and "74.500" in alone.figures.lines[0][1].item.text


def test_a_running_total_is_of_what_the_sentence_before_it_counted():
    report = _report(
        "t9", "tháng 9/2024", 2024,
        "Trong tháng 9/2024 ghi nhận 1.140 cuộc tấn công mạng gây sự cố. Tính chung 9 tháng đầu năm 2024 có 9.560 cuộc, giảm 8,78% so với cùng kỳ.",
    )
    selection = select("Lũy kế 9 tháng năm 2024 ghi nhận bao nhiêu cuộc tấn công mạng gây sự cố?", [report])
    assert selection.figures is not None and "9.560" in selection.figures.lines[0][1].item.text


def test_where_the_figure_is_of_weighs_less_than_what_it_measures():
    """"… số trạm BTS 5G trên địa bàn …" of a city's report: its table row of the indicator, not a
    prose line that writes "trên địa bàn thành phố"; plan and result both, "KH … , TH … được bao nhiêu"."""
    city = Chunk(
        chunk_id="dn", doc_id="dn", version="v", source="da-nang.docx", doc_period="năm 2024", period="năm 2024", year=2024,
        title="Báo cáo kết quả năm 2024 của Sở Thông tin và Truyền thông thành phố Đà Nẵng",
        text=(
            "Các doanh nghiệp viễn thông đã lắp đặt 410 trạm BTS 5G trên địa bàn thành phố, phủ sóng các quận trung tâm.\n"
            "Số trạm BTS 5G — Đơn vị: trạm; TH 2023: -; KH 2024: 300; TH 2024: 410; KH 2025: 900"
        ),
        sentence_count=2,
    )
    selection = select("Sở TTTT Đà Nẵng: KH 2024 số trạm BTS 5G trên địa bàn là bao nhiêu, TH 2024 được bao nhiêu?", [city])
    assert selection.figures is not None and selection.figures.versus_plan
    assert any("KH 2024: 300" in reading.item.text for _, reading, _ in selection.figures.plans)


ARTICLE_PROSE = _article(
    "a-vnpt",
    "vnpt.txt",
    "VNPT",
    (
        "Mạng điện thoại di động VinaPhone được khai trương năm 1996, là mạng di động thứ hai của Việt Nam sau MobiFone. "
        "Tính đến cuối năm 2023, VinaPhone có khoảng 34,7 triệu thuê bao di động.\n"
        "Vệ tinh VINASAT-1 được phóng năm 2008; vệ tinh này do hãng Lockheed Martin chế tạo. "
        "Vệ tinh VINASAT-2 được phóng ngày 16 tháng 5 năm 2012.\n"
        "Đà Nẵng là địa phương đầu tiên tắt sóng truyền hình analog, vào ngày 1 tháng 11 năm 2016.\n"
        "Cơ sở dữ liệu quốc gia về dân cư chính thức vận hành từ ngày 1 tháng 7 năm 2021.\n"
        "Luật Báo chí năm 2016 gồm 6 chương, 61 điều."
    ),
    section=("Di động",),
)


def test_a_sentence_about_a_sibling_another_rank_or_another_subject_is_no_answer():
    """SQuAD 2.0's traps, the paragraph present: another number of a name, another rank, "về" another
    thing, another company named in the paragraph."""
    for unanswerable, answerable in [
        ("Vệ tinh VINASAT-2 do hãng nào chế tạo?", "Vệ tinh VINASAT-1 do hãng nào chế tạo?"),
        ("Địa phương thứ hai tắt sóng truyền hình analog là tỉnh nào?", "Địa phương đầu tiên tắt sóng truyền hình analog là tỉnh nào?"),
        ("Cơ sở dữ liệu quốc gia về đất đai chính thức vận hành từ ngày nào?", "Cơ sở dữ liệu quốc gia về dân cư chính thức vận hành từ ngày nào?"),
        ("cuoi nam 2023 mobifone co bao nhieu thue bao di dong", "cuoi nam 2023 vinaphone co bao nhieu thue bao di dong"),
    ]:
        assert not select(unanswerable, [ARTICLE_PROSE]).sentences, unanswerable
        assert select(answerable, [ARTICLE_PROSE]).sentences, answerable


def test_a_reports_figure_of_the_part_asked_beats_an_articles_figure_of_the_whole_year():
    """"6 tháng đầu năm 2023" asked: the half-year report's comparison base (6.540), not an article's
    count of the whole year (13.900); the whole year asked, the article's."""
    report = _report(
        "h24", "6 tháng đầu năm 2024", 2024,
        "Trong 6 tháng đầu năm 2024 ghi nhận 5.198 cuộc tấn công mạng gây sự cố, giảm 20,5% so với cùng kỳ năm 2023 (6.540 cuộc).",
    )
    article = _article(
        "a-attt", "attt.html", "An toàn thông tin tại Việt Nam",
        "Theo Cục An toàn thông tin, năm 2023 có 13.900 cuộc tấn công mạng gây sự cố vào các hệ thống thông tin tại Việt Nam.",
    )
    half = select("6 tháng đầu năm 2023 có bao nhiêu cuộc tấn công mạng gây sự cố?", [article, report])
    assert half.figures is not None and half.figures.lines[0][2].value == "6.540"
    year = select("Năm 2023 có bao nhiêu cuộc tấn công mạng gây sự cố?", [article, report])
    assert "13.900" in year.sentences[0].text


ARTICLE_OPERATORS = _article(
    "a-ops",
    "nha_mang.md",
    "Nhà mạng di động tại Việt Nam",
    (
        "Ngày 20 tháng 12 năm 2024, VinaPhone chính thức khai trương dịch vụ 5G. "
        "MobiFone khai trương dịch vụ 3G ngày 15 tháng 12 năm 2009.\n"
        "Năm 2023, VNPT đạt tổng doanh thu hợp nhất khoảng 56.400 tỷ đồng. "
        "Số lao động của tập đoàn vào cuối năm 2023 là khoảng 37.000 người.\n"
        "Tổng công ty Cổ phần Bưu chính Viettel (Viettel Post) được thành lập năm 1997."
    ),
)


def test_a_company_asked_is_answered_by_what_tells_of_it_not_by_another_companys_sentence():
    """"MobiFone khai trương 5G ngày nào?" had been answered with VinaPhone's launch (the sentence
    dating a 5G launch), MobiFone's own sentence being of 3G; "Viettel có bao nhiêu lao động?" with
    VNPT's staff ("… của tập đoàn" goes on from the sentence naming VNPT) — typed in lower case too."""
    for unanswerable in [
        "MobiFone khai trương 5G ngày nào?",
        "mobifone khai truong 5g ngay nao",
        "Viettel có bao nhiêu lao động?",
        "viettel co bao nhieu lao dong",
    ]:
        assert not select(unanswerable, [ARTICLE_OPERATORS]).sentences, unanswerable
    assert "3G ngày 15 tháng 12 năm 2009" in select("MobiFone khai trương 3G ngày nào?", [ARTICLE_OPERATORS]).sentences[0].text
    assert "5G" in select("VinaPhone khai trương 5G ngày nào?", [ARTICLE_OPERATORS]).sentences[0].text
    assert "37.000" in select("vnpt co bao nhieu lao dong", [ARTICLE_OPERATORS]).sentences[0].text


def test_a_plan_and_a_result_both_asked_are_both_given():
    """The result's sentence states only the share of the plan ("đạt 101,6% kế hoạch năm"): the
    plan's own figure is quoted beside it; and a year not yet over is answered with its latest part."""
    year_end = _report(
        "y24", "năm 2024", 2024,
        "Cả năm 2024, doanh thu dịch vụ bưu chính đạt 40.640 tỷ đồng, tăng 12,1% so với năm 2023, đạt 101,6% kế hoạch năm.",
    )
    plan = _report("k24", "năm 2024", 2024, "Chỉ tiêu năm 2024: doanh thu dịch vụ bưu chính đạt 40.000 tỷ đồng.")
    both = select("Kế hoạch năm 2024 về doanh thu dịch vụ bưu chính là bao nhiêu và thực hiện cả năm 2024 đạt bao nhiêu?", [year_end, plan])
    assert {"40.640", "40.000"} <= {statement.value for _, _, statement in [*both.figures.lines, *both.figures.plans]}
    share = select("Doanh thu dịch vụ bưu chính năm 2024 đạt bao nhiêu % kế hoạch?", [year_end, plan])
    assert not share.figures.plans  # the share asked: the sentence stating it answers
    july = _report("t7", "tháng 7 năm 2025", 2025, "Đến 31/7/2025 cả nước có 78.710 doanh nghiệp công nghệ số.")
    target = _report("k25", "năm 2025", 2025, "Chỉ tiêu năm 2025: số doanh nghiệp công nghệ số đạt 80.000 doanh nghiệp.")
    so_far = select("Chỉ tiêu số doanh nghiệp công nghệ số năm 2025 là bao nhiêu, và theo báo cáo mới nhất đã đạt bao nhiêu?", [july, target])
    assert {"78.710", "80.000"} <= {statement.value for _, _, statement in [*so_far.figures.lines, *so_far.figures.plans]}


def test_a_figure_in_brackets_beside_the_sentences_own_is_named_first():
    """"… lắp mới bao nhiêu trạm" of "Tổng số trạm …: 412 trạm (trong đó lắp mới trong tháng 3/2025: 38
    trạm)": the answer opens with 38, where the quoted sentence opens with 412; the total asked, the
    sentence alone answers."""
    report = _report(
        "qt3", "tháng 3 năm 2025", 2025,
        "Tổng số trạm BTS 5G đang phát sóng trên địa bàn tỉnh: 412 trạm (trong đó lắp mới trong tháng 3/2025: 38 trạm).",
    )
    new = ExtractiveAnswerer(PROMPTS).compose(select("Tháng 3/2025 lắp mới bao nhiêu trạm BTS 5G?", [report]))[0]
    assert new.startswith("tháng 3/2025: 38 trạm")
    total = ExtractiveAnswerer(PROMPTS).compose(select("Tổng số trạm BTS 5G đang phát sóng tháng 3/2025?", [report]))[0]
    assert total.startswith("Tổng số trạm BTS 5G đang phát sóng")


def _composed(question: str, reports: list[Chunk]) -> str:
    """The extractive answer's text to a question over these reports."""
    return ExtractiveAnswerer(PROMPTS).compose(select(question, reports))[0]


def test_a_figure_after_another_clauses_figure_is_named_first():
    """What was paid to the budget, stated in the clause after the revenue's: the answer opens with
    87.000, where the quoted sentence opens with the revenue; the revenue asked, the sentence alone
    answers."""
    report = _report(
        "y23", "năm 2023", 2023,
        "Năm 2023, doanh thu toàn ngành ước đạt 3.745.000 tỷ đồng, tăng 0,7% so với năm 2022; "
        "nộp ngân sách nhà nước ước đạt 87.000 tỷ đồng, tăng 2,9%.",
    )
    paid = _composed("Nộp ngân sách nhà nước năm 2023 là bao nhiêu?", [report])
    assert paid.startswith("năm 2023: 87.000 tỷ đồng (trong câu: Năm 2023, doanh thu"), paid
    revenue = _composed("Doanh thu toàn ngành năm 2023 là bao nhiêu?", [report])
    assert revenue.startswith("Năm 2023, doanh thu toàn ngành"), revenue
    # an earlier clause naming the question's words as well is the total the later figure is a part of
    parts = _report(
        "t9", "9 tháng năm 2024", 2024,
        "Tổng doanh thu bưu chính, viễn thông trên địa bàn tỉnh 9 tháng năm 2024 ước đạt 2.736 tỷ đồng; "
        "trong đó doanh thu dịch vụ viễn thông ước đạt 2.415 tỷ đồng, doanh thu bưu chính ước đạt 321 tỷ đồng.",
    )
    total = _composed("Tổng doanh thu bưu chính, viễn thông 9 tháng năm 2024?", [parts])
    assert total.startswith("Tổng doanh thu bưu chính, viễn thông"), total


def test_a_plan_of_another_period_listed_by_a_decline_is_said_to_be_a_plan():
    """The 2025 plan asked, only 2024's held: the line listing it says it is a plan, so the 680 is never
    read as what was reached; a decline of the kind asked says so once, in its first line."""
    plan = _report("k24", "năm 2024", 2024, "Kế hoạch năm 2024: doanh thu bưu chính đạt 680 tỷ đồng; doanh thu dịch vụ viễn thông đạt 4.550 tỷ đồng.")
    other_year = _composed("Kế hoạch doanh thu bưu chính năm 2025 là bao nhiêu?", [plan])
    assert "- mục tiêu, kế hoạch năm 2024: 680 tỷ đồng" in other_year, other_year
    result = _composed("Doanh thu bưu chính cả năm 2024 thực hiện được bao nhiêu?", [plan])
    assert "chỉ có mục tiêu, kế hoạch" in result and "- năm 2024: 680 tỷ đồng" in result, result


def test_the_latest_figure_is_not_listed_again_as_the_month_its_span_ends():
    """"6 tháng 2025: 772" and "Đến 30/6/2025 … 772": one count, not "Các kỳ khác: tháng 6/2025: 772"
    after the answer; the year before is another period."""
    half = _report(
        "h25", "6 tháng đầu năm 2025", 2025,
        "Tổng số cơ quan báo chí — ĐVT: Cơ quan; 6 tháng 2025: 772; 6 tháng 2024: 797; So với CK (%): 96,9\n"
        "Đến 30/6/2025, cả nước có 772 cơ quan báo chí.",
    )
    year = _report("y24", "năm 2024", 2024, "Đến 31/12/2024, cả nước có 784 cơ quan báo chí.")
    answer = _composed("Số cơ quan báo chí hiện nay là bao nhiêu?", [half, year])
    assert answer.startswith("6 tháng đầu năm 2025: 772") and answer.count("772") == 2, answer  # the answer and its row
    assert "năm 2024: 784" in answer, answer


def test_a_whole_holding_what_the_question_leaves_out_is_no_answer():
    """"số kênh truyền hình (không tính phát thanh)": the count of radio and television channels
    together is another figure; asked of both, it answers."""
    report = _report("y24", "năm 2024", 2024, "Cả nước có 271 kênh phát thanh, truyền hình đang hoạt động.")
    left_out = select("so kenh truyen hinh (ko tinh phat thanh) nam 2024", [report])
    assert left_out.figures is not None and left_out.figures.is_decline and not left_out.figures.lines
    both = select("Số kênh phát thanh, truyền hình năm 2024?", [report])
    assert both.figures is not None and both.figures.lines[0][2].value == "271"


def test_the_latest_figure_of_a_province_and_its_other_periods_are_its_own_reports():
    """Another province's later report is not the latest figure of the one asked, nor are its
    figures the asked province's other periods."""
    def province(chunk_id: str, period: str, year: int, place: str, text: str) -> Chunk:
        return replace(_report(chunk_id, period, year, text), title=f"Báo cáo {period} của Sở TTTT {place}")

    reports = [
        province("ls25", "6 tháng đầu năm 2025", 2025, "Lạng Sơn", "Doanh thu bưu chính 6 tháng đầu năm 2025 ước đạt 128 tỷ đồng."),
        province("ls24", "năm 2024", 2024, "Lạng Sơn", "Doanh thu bưu chính năm 2024 đạt 236 tỷ đồng."),
        province("na25", "9 tháng năm 2025", 2025, "Nghệ An", "Doanh thu bưu chính 9 tháng năm 2025 đạt 990 tỷ đồng."),
        province("na24", "năm 2024", 2024, "Nghệ An", "Doanh thu bưu chính năm 2024 đạt 1.213 tỷ đồng."),
    ]
    for question in ("Doanh thu bưu chính của Lạng Sơn gần đây nhất là bao nhiêu?", "doanh thu buu chinh lang son gan day nhat"):
        answer = _composed(question, reports)
        assert "128 tỷ đồng" in answer.splitlines()[0] and "236" in answer, answer
        assert "990" not in answer and "1.213" not in answer, answer


def test_an_amount_asked_in_dollars_is_the_indicators_own_in_dollars():
    """"… năm 2024 quy đổi ra bao nhiêu tỷ USD": the half-year's sentence states the sector's revenue in
    đồng and the ICT industry's in dollars — no answer; a year stating the sector's in both answers."""
    half = _report(
        "h24", "6 tháng đầu năm 2024", 2024,
        "Doanh thu toàn ngành 6 tháng ước đạt 1.969.000 tỷ đồng, tăng 5,5% so với cùng kỳ năm 2023; "
        "doanh thu công nghiệp ICT ước đạt 74,7 tỷ USD, tăng 12,5%.",
    )
    year = _report("y22", "năm 2022", 2022, "Năm 2022, doanh thu toàn ngành ước đạt 3.726.000 tỷ đồng (~ 160 tỷ USD).")
    dollars = select("Doanh thu toàn ngành năm 2024 quy đổi ra bao nhiêu tỷ USD?", [half, year])
    assert dollars.figures is not None and dollars.figures.is_decline and not dollars.figures.lines
    answered = select("Doanh thu toàn ngành năm 2022 bao nhiêu tỷ USD?", [half, year])
    assert answered.figures is not None and answered.figures.lines[0][2].value == "160"


def test_a_change_stated_in_words_answers_before_a_tables_index_of_it():
    """"tăng 6,1%" in the report's prose, "So với 2023 (%): 106,1" in its annex: the words answer."""
    prose = _report("p24", "năm 2024", 2024, "Nộp ngân sách nhà nước ước đạt 91.900 tỷ đồng, tăng 6,1%, vượt chỉ tiêu được giao.")
    annex = _report("a24", "năm 2024", 2024, "Nộp ngân sách nhà nước — ĐVT: Tỷ đồng; KH 2024: 88.000; TH 2024: 91.900; % KH: 104,4; So với 2023 (%): 106,1")
    change = select("Nộp NSNN năm 2024 tăng bao nhiêu phần trăm so với năm 2023?", [annex, prose])
    assert change.figures is not None and change.figures.lines[0][2].value == "6,1"


def test_a_list_item_is_of_what_its_lead_in_measures_and_a_name_in_brackets_names_it_too():
    """"- Cấp bộ, ngành: 61,8%;" under "a) Tỷ lệ DVCTT toàn trình … đạt 55,4%, …, trong đó:" is the
    ministries' share; a row's "Điểm DTI" names "Điểm Chỉ số chuyển đổi số (DTI)" asked."""
    report = _report(
        "d24", "năm 2024", 2024,
        "a) Tỷ lệ DVCTT toàn trình trên tổng số TTHC có đủ điều kiện đạt 55,4%, vượt chỉ tiêu 52% đề ra, trong đó:\n"
        "- Cấp bộ, ngành: 61,8%;\n- Cấp tỉnh: 51,2%.",
    )
    ministries = select("Năm 2024, tỷ lệ DVCTT toàn trình ở cấp bộ, ngành đạt bao nhiêu?", [report])
    assert ministries.figures is not None and ministries.figures.lines[0][2].value == "61,8"
    method = _report("dtm", "năm 2023", 2023, "Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023 được đánh giá theo ba trụ cột.")
    dti = replace(
        _report("dti", "năm 2023", 2023, "Đà Nẵng — Xếp hạng: 29; Chính quyền số: 0,6346; Kinh tế số: 0,5464; Điểm DTI: 0,5851"),
        title="Báo cáo kết quả đánh giá Chỉ số chuyển đổi số cấp tỉnh (DTI) năm 2023",
    )
    score = select("Điểm Chỉ số chuyển đổi số (DTI) năm 2023 của thành phố Đà Nẵng là bao nhiêu?", [dti, method])
    assert score.figures is not None and score.figures.lines[0][2].value == "0,5851"


def test_a_regions_row_is_no_figure_of_the_country_and_a_tables_number_no_figure_at_all():
    """"Số trạm BTS 5G cuối quý I/2025": the country's 10.240, not "Đông Nam Bộ — …: 2.690", nor the
    "1" of "… như Bảng 1" (it had been quoted as the quarter's figure)."""
    quarter = _report(
        "q1", "quý I/2025", 2025,
        "Tính đến ngày 31/3/2025, cả nước có 10.240 trạm BTS 5G và 9,6 triệu thuê bao 5G.\n"
        "Phân bố trạm BTS 5G theo vùng như Bảng 1.\n"
        "Đồng bằng sông Hồng — Số trạm BTS 5G: 3.410\nĐông Nam Bộ — Số trạm BTS 5G: 2.690",
    )
    country = select("so tram BTS 5G cuoi Q1/2025", [quarter])
    assert country.figures is not None and [s.value for _, _, s in country.figures.lines] == ["10.240"]
    region = select("Số trạm BTS 5G ở Đông Nam Bộ đến 31/3/2025?", [quarter])
    assert region.figures is not None and [s.value for _, _, s in region.figures.lines] == ["2.690"]


def test_a_platform_asked_by_its_letters_is_not_answered_by_a_sentence_of_another():
    """"… kết nối với Nền tảng NDXP": "18/22 bộ, ngành đã … kết nối … với Cổng Dịch vụ công quốc gia"
    counts connections to another platform."""
    report = _report(
        "n24", "năm 2024", 2024,
        "Đến ngày 18/12/2024, 18/22 bộ, ngành đã hoàn thành kết nối, tích hợp dịch vụ công trực tuyến với Cổng Dịch vụ công quốc gia.\n"
        "63/63 tỉnh, thành phố đã kết nối, liên thông với Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP).",
    )
    ministries = select("Có bao nhiêu bộ, ngành đã kết nối với Nền tảng NDXP?", [report])
    assert not any("18/22" in item.text for item in ministries.sentences)
    provinces = select("Có bao nhiêu tỉnh, thành phố đã kết nối với Nền tảng NDXP?", [report])
    assert provinces.figures is not None and [s.value for _, _, s in provinces.figures.lines] == ["63/63"]


def test_a_share_of_the_fixed_market_is_no_share_of_the_mobile_one():
    """"thị phần TB di động của FPT Telecom" where FPT Telecom's row is in the table captioned "… băng
    rộng cố định": no answer (its 16,4% had been quoted as its mobile share)."""
    fixed = replace(
        _report("tp", "năm 2024", 2024, "FPT Telecom — Thị phần (%): 16,4\nViettel — Thị phần (%): 36,2"),
        section_path=("II. THỊ TRƯỜNG BĂNG RỘNG CỐ ĐỊNH", "Bảng 3. Thị phần thuê bao băng rộng cố định năm 2024"),
    )
    operators = replace(
        _report("tm", "năm 2024", 2024, "Viettel — Thị phần (%): 54,3\nMobiFone — Thị phần (%): 18,6"),
        section_path=("I. THỊ TRƯỜNG DI ĐỘNG", "Bảng 1. Thị phần thuê bao di động năm 2024"),
    )
    mobile = select("thi phan TB di dong cua FPT Telecom", [operators, fixed])
    assert not any("16,4" in item.text for item in mobile.sentences)
    assert select("thị phần thuê bao băng rộng cố định của FPT Telecom năm 2024", [operators, fixed]).figures.lines[0][2].value == "16,4"


ARTICLE_SATELLITES = _article(
    "a-sat", "vinasat.docx", "Vệ tinh VINASAT",
    "VINASAT-1 được phóng lên quỹ đạo năm 2008 từ bãi phóng Kourou.\n"
    "VINASAT-2 được phóng năm 2012. Vệ tinh nằm ở vị trí quỹ đạo 131,8 độ Đông, với tổng vốn đầu tư khoảng 250 triệu USD. "
    "Tuổi thọ thiết kế của VINASAT-2 là 15 năm.\n"
    "Đề án chia lộ trình tắt sóng thành bốn giai đoạn. Ngày 28 tháng 12 năm 2020, 15 tỉnh cuối cùng thuộc giai đoạn 4 ngừng phát sóng.",
)
ARTICLE_CABLE = _article("a-adc", "cap.html", "Cáp quang biển", "Tuyến cáp ADC dài 9.800 km, dung lượng 140 Tbps, đưa vào khai thác năm 2023.")


def test_what_a_paragraph_tells_of_one_numbered_name_or_stage_is_no_answer_of_another():
    """"Vệ tinh nằm ở … tổng vốn đầu tư khoảng 250 triệu USD" in the paragraph of VINASAT-2 is no
    investment of VINASAT-1; "15 tỉnh … thuộc giai đoạn 4" no count of stage 2; and no passage naming
    the ADC cable tells its investment."""
    assert not select("Tổng vốn đầu tư cho vệ tinh VINASAT-1 là bao nhiêu?", [ARTICLE_SATELLITES]).sentences
    assert "250 triệu USD" in select("Tổng vốn đầu tư cho vệ tinh VINASAT-2 là bao nhiêu?", [ARTICLE_SATELLITES]).sentences[0].text
    assert not select("Giai đoạn 2 của đề án tắt sóng gồm bao nhiêu tỉnh?", [ARTICLE_SATELLITES]).sentences
    assert any("15 tỉnh" in item.text for item in select("Giai đoạn 4 của đề án tắt sóng gồm bao nhiêu tỉnh?", [ARTICLE_SATELLITES]).sentences)
    assert not select("Tổng vốn đầu tư của tuyến cáp ADC là bao nhiêu?", [ARTICLE_SATELLITES, ARTICLE_CABLE]).sentences


ARTICLE_MISSIONS = _article(
    "a-msn", "tau.md", "Chương trình tàu thăm dò",
    "Tàu thăm dò Kestrel 2 được phóng năm 1998 và hoạt động trong 14 năm. "
    "Chuyến bay Kestrel IX đưa hai phi hành gia lên quỹ đạo, do đội Falco chỉ huy.\n"
    "Vòng gọi vốn Series B của dự án huy động được 40 triệu USD năm 2016.\n"
    "Cơn bão năm 2010 làm nước biển dâng cao hơn 2 m ở cảng Vân Phong. "
    "Cơn bão năm 2012 làm 12 người thiệt mạng ở cảng Vân Phong.\n"
    "Đội bóng của cảng thi đấu trên sân Vân Phong, sức chứa 8.000 chỗ ngồi.\n"
    "Biệt danh Hồ Lâm của thuyền trưởng được ghép từ tên hai con sông quê ông.",
)


def test_a_name_numbered_after_a_space_a_count_asked_of_a_measure_and_a_colour():
    """"Kestrel 3" is no "Kestrel 2", "Kestrel VII" no "Kestrel IX", "Series D" no "Series B"; people
    counted are no height of water, nor another year's dead; another name where the question's stands
    tells of another; a colour asked of a sentence naming none is no answer."""
    for unanswerable, answerable in [
        ("Tàu thăm dò Kestrel 3 được phóng năm nào?", "Tàu thăm dò Kestrel 2 được phóng năm nào?"),
        ("Chuyến bay Kestrel VII do đội nào chỉ huy?", "Chuyến bay Kestrel IX do đội nào chỉ huy?"),
        ("Vòng gọi vốn Series D của dự án huy động được bao nhiêu tiền?", "Vòng gọi vốn Series B của dự án huy động được bao nhiêu tiền?"),
        ("Cơn bão năm 2010 làm bao nhiêu người thiệt mạng ở cảng Vân Phong?", "Cơn bão năm 2012 làm bao nhiêu người thiệt mạng ở cảng Vân Phong?"),
        # another name in the place of the one asked: the same thing told of another
        ("Biệt danh Trần Vũ của thuyền trưởng được ghép từ đâu?", "Biệt danh Hồ Lâm của thuyền trưởng được ghép từ đâu?"),
    ]:
        assert not select(unanswerable, [ARTICLE_MISSIONS]).sentences, unanswerable
        assert select(answerable, [ARTICLE_MISSIONS]).sentences, answerable
    assert not select("Áo đấu của đội bóng thi đấu trên sân Vân Phong có màu gì?", [ARTICLE_MISSIONS]).sentences
    flag = _article("a-flag", "co.md", "Cảng Vân Phong", "Lá cờ của cảng Vân Phong có màu xanh lam, ở giữa là hình mỏ neo.")
    assert select("Lá cờ của cảng Vân Phong có màu gì?", [flag]).sentences


ARTICLE_VILLAGE = _article(
    "a-vil", "lang.md", "Làng nghề Phù Lãng",
    "Hội làng Phù Lãng được tổ chức từ ngày 4 đến 6 tháng Ba âm lịch hằng năm.\n"
    "Ông Trịnh Văn Khang có ba người con; con trưởng của ông là Trịnh Văn Bảo.\n"
    "Năm 2018, làng khởi động dự án tu bổ đình làng.\n"
    "Xưởng gốm Bồ Bát khởi nghiệp năm 1990 tại Quế Võ, Bắc Ninh. Xưởng gốm Hương Quê do ông Đặng Lê Nguyên Vũ sáng lập năm 1995.\n"
    "Năm 1902, nhà buôn Paul Martel đặt chân tới làng Phù Lãng. Sau chuyến đi, ông đề nghị mở lò gốm xuất khẩu cho người châu Âu.",
)


def test_lunar_days_the_eldest_child_a_work_only_started_and_a_place_no_founder():
    """Days of a lunar month spelled answer "ngày nào"; the eldest child is no second son; a work
    started answers no "xong năm nào"; a place's name is no person's (a person's family name opens his)."""
    assert select("Hội làng Phù Lãng được tổ chức vào những ngày nào?", [ARTICLE_VILLAGE]).sentences
    assert not select("Con trai thứ hai của ông Trịnh Văn Khang tên là gì?", [ARTICLE_VILLAGE]).sentences
    assert not select("Dự án tu bổ đình làng Phù Lãng làm xong năm nào?", [ARTICLE_VILLAGE]).sentences
    assert select("Dự án tu bổ đình làng Phù Lãng khởi động năm nào?", [ARTICLE_VILLAGE]).sentences
    assert not select("Ai là người sáng lập xưởng gốm Bồ Bát?", [ARTICLE_VILLAGE]).sentences
    founder = select("Ai là người sáng lập xưởng gốm Hương Quê?", [ARTICLE_VILLAGE]).sentences
    assert founder and "Đặng Lê Nguyên Vũ" in founder[0].text
    # "châu Âu" is a continent, not the name the question asks of
    came = select("Nhà buôn nào đề nghị mở lò gốm xuất khẩu cho người châu Âu, và ông tới làng Phù Lãng năm nào?", [ARTICLE_VILLAGE]).sentences
    assert any("1902" in item.text for item in came)


def test_who_holds_a_post_is_told_under_the_companys_own_title_and_heading():
    """"Ai đang là Chủ tịch kiêm TGĐ Viettel?": the article "Tập đoàn Viettel" › "Lãnh đạo" names him
    before the sentence naming Viettel ("TGĐ" is "tổng giám đốc", no name; "…, Chủ tịch" ends the name)."""
    viettel = _article(
        "a-vt", "viettel.html", "Tập đoàn Viettel",
        "Người đứng đầu tập đoàn hiện nay là Trung tướng Phạm Đức Hạnh, Chủ tịch kiêm Tổng giám đốc. "
        "Viettel được biết đến với văn hóa doanh nghiệp mang tính kỷ luật quân đội.",
        section=("Lãnh đạo",),
    )
    chosen = select("Ai đang là Chủ tịch kiêm TGĐ Viettel?", [viettel]).sentences
    assert chosen and "Phạm Đức Hạnh" in chosen[0].text
    assert not select("Ai là người sáng lập Hà Thành Ngọ báo?", [viettel]).sentences  # named nowhere


MARKET = replace(
    _report(
        "q3", "quý III/2025", 2025,
        "Viettel — Số thuê bao (triệu): 70,5; Thị phần (%): 54,1\nGtel — Số thuê bao (triệu): 1,9; Thị phần (%): 1,5",
    ),
    section_path=("I. THỊ TRƯỜNG DI ĐỘNG", "Bảng 1. Thị phần thuê bao di động quý III/2025"),
)


def test_of_a_row_of_several_measures_the_column_naming_the_measure_asked_answers():
    """"Thị phần thuê bao di động của Gtel" names as many words of "Số thuê bao (triệu)" as of "Thị
    phần (%)": the share is what it asks (Gtel's 1,9 million subscribers had been given as its share);
    a count asked is given with the unit its column's header brackets."""
    share = select("Thị phần thuê bao di động của Gtel quý III/2025 là bao nhiêu?", [MARKET])
    assert [(s.value, s.unit) for _, _, s in share.figures.lines] == [("1,5", "%")]
    count = select("So thue bao di dong cua Viettel quy III/2025", [MARKET])
    assert [(s.value, s.unit) for _, _, s in count.figures.lines] == [("70,5", "triệu")]


def test_over_one_uploaded_table_a_word_that_names_nothing_is_no_word_the_reports_never_write():
    """Over a store holding only the market table, "của" and "chiếm" are written nowhere: they name
    nothing measured, so the question is still answered."""
    index = index_over(MARKET)
    for question, value in (("thi phan cua Viettel", "54,1"), ("Gtel chiếm bao nhiêu % thị phần di động?", "1,5")):
        query = analyze(question, GLOSSARY, index.restorer)
        selection = ExtractiveAnswerer(PROMPTS).select(query, [Candidate(MARKET, score=1.0, dense=0.85)], index)
        assert selection.figures is not None and [s.value for _, _, s in selection.figures.lines] == [value]


HALF_2025 = _report(
    "h25", "quý II/2025", 2025,
    "Số thuê bao băng rộng di động đạt 91,1 triệu, chiếm 86,9% tổng số thuê bao di động, đạt 89,9 thuê bao/100 dân.\n"
    "Tỷ lệ hộ gia đình sử dụng Internet cáp quang đạt 85,1%.\n"
    "Doanh thu bưu chính đạt 35,8 nghìn tỷ đồng, tăng 11,3% so với cùng kỳ.",
)


def test_a_figure_per_a_number_of_people_is_no_figure_per_households():
    """"… trên 100 hộ gia đình" is answered by no figure per 100 inhabitants nor by a share of
    households; "mật độ … trên 100 dân" by the figure per 100 inhabitants its sentence states."""
    assert not select("số thuê bao băng rộng di động trên 100 hộ gia đình quý II/2025", [HALF_2025]).sentences
    density = select("Mật độ thuê bao băng rộng di động trên 100 dân quý II/2025 là bao nhiêu?", [HALF_2025])
    assert [s.value for _, _, s in density.figures.lines] == ["89,9"]


def test_a_count_at_a_days_end_is_the_count_a_report_of_the_span_ending_that_day_states():
    """"… đến 30/6/2025" asks the count at the end of June: a quarter II report's count is it, though
    an earlier quarter's table row names more of the question's words."""
    earlier = _report(
        "q324", "quý III/2024", 2024,
        "Tổng cộng — Số thuê bao băng rộng di động (triệu): 87,4; Tỷ lệ trên tổng số thuê bao di động của doanh nghiệp (%): 84,5",
    )
    year = _report(
        "y24", "năm 2024", 2024,
        "Tổng số thuê bao di động đạt 104,2 triệu, trong đó thuê bao băng rộng di động đạt 88,3 triệu, chiếm 84,7% tổng số thuê bao di động.",
    )
    selection = select("ty le TB BRDD tren tong so TB di dong den 30/6/2025 la bao nhieu", [year, earlier, HALF_2025])
    assert not selection.figures.is_decline and "86,9%" in selection.figures.lines[0][1].item.text


def test_a_share_of_the_plan_asked_where_no_plan_is_stated_is_declined_with_what_was_reached():
    selection = select("Doanh thu bưu chính quý II/2025 đạt bao nhiêu phần trăm kế hoạch?", [HALF_2025])
    assert selection.figures.is_decline and selection.figures.kind == "share"
    assert [s.value for _, s, _ in selection.figures.held] == ["35,8"]


def test_a_sentence_of_the_fixed_network_tells_nothing_of_the_mobile_one_asked_without_a_figure():
    """"Tốc độ Internet di động" (no period, no "bao nhiêu") asked where only the fixed network's speed
    is written: no answer (the fixed speed had been quoted)."""
    speed = _report("sp23", "năm 2023", 2023, "Tốc độ truy cập Internet băng rộng cố định trung bình đạt 98,5 Mbps, tăng 21,3% so với năm 2022.")
    assert not select("Tốc độ Internet di động", [speed]).sentences
    assert "98,5 Mbps" in select("Tốc độ Internet cố định", [speed]).sentences[0].text


ARTICLE_OPERATOR = _article(
    "a-mb", "mobifone.txt", "MobiFone",
    "Ngày 1 tháng 12 năm 2014, Tổng công ty Viễn thông MobiFone được thành lập trên cơ sở tổ chức lại VMS, tách khỏi Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT).\n"
    "Để bảo đảm người dân không bị mất sóng, Nhà nước hỗ trợ đầu thu truyền hình số cho hộ nghèo và hộ cận nghèo.\n"
    "Tháng 7 năm 2024, VNPT trúng đấu giá khối băng tần C2 với giá khoảng 2.510 tỷ đồng.\n"
    "Năm 1995, VMS ký hợp đồng hợp tác kinh doanh (BCC) với tập đoàn Comvik của Thụy Điển, với thời hạn 10 năm.\n"
    "Theo Văn phòng Chính phủ, việc nộp hồ sơ trực tuyến giúp tiết kiệm chi phí xã hội khoảng 8.500 tỷ đồng mỗi năm.",
)


def test_a_sentence_telling_the_opposite_of_what_is_asked_is_no_answer():
    """A merger asked where a split is told, what was not done asked where it was done."""
    assert not select("MobiFone được sáp nhập vào tập đoàn nào?", [ARTICLE_OPERATOR]).sentences
    assert "VNPT" in select("MobiFone tách khỏi tập đoàn nào?", [ARTICLE_OPERATOR]).sentences[0].text
    assert not select("Những hộ gia đình nào không được Nhà nước hỗ trợ đầu thu truyền hình số?", [ARTICLE_OPERATOR]).sentences
    assert "hộ nghèo" in select("Nhà nước hỗ trợ đầu thu truyền hình số cho những hộ nào?", [ARTICLE_OPERATOR]).sentences[0].text


def test_a_length_of_time_asked_is_answered_by_a_length_not_a_date_or_a_price():
    assert not select("VNPT được quyền sử dụng khối băng tần C2 trong thời hạn bao nhiêu năm?", [ARTICLE_OPERATOR]).sentences
    assert "10 năm" in select("Hợp đồng BCC giữa VMS và Comvik kéo dài bao nhiêu năm?", [ARTICLE_OPERATOR]).sentences[0].text


def test_the_measure_asked_going_on_with_other_words_inside_a_sentence_is_another_measure():
    """"Chi phí xây dựng Cổng …" asked of "… tiết kiệm chi phí xã hội khoảng 8.500 tỷ đồng": a saving, another cost."""
    assert not select("Chi phí xây dựng Cổng Dịch vụ công quốc gia là bao nhiêu?", [ARTICLE_OPERATOR]).sentences


ARTICLE_RADIO = _article(
    "a-vov", "vov.html", "Đài Tiếng nói Việt Nam",
    "Hệ VOV Giao thông được thành lập theo đề xuất của Tổng Giám đốc Vũ Hải Long.\n"
    "Năm 2021, đài mở thêm kênh truyền hình. Cũng trong năm này, doanh thu từ quảng cáo của đài đạt khoảng 1.150 tỷ đồng.\n"
    "Tỷ lệ người dùng truy cập Internet bằng IPv6 tăng mạnh, từ 41% năm 2020 lên 60% năm 2024.\n"
    "Khách hàng của đài gồm nhiều tập đoàn lớn như Vingroup, Viettel, FPT và Masan.\n"
    "Luật gồm 43 điều.",
)


def test_prose_telling_another_role_a_fall_for_a_rise_another_currency_or_no_most_is_no_answer():
    assert not select("Ai đã phê duyệt việc thành lập hệ VOV Giao thông?", [ARTICLE_RADIO]).sentences
    assert "Vũ Hải Long" in select("Hệ VOV Giao thông được thành lập theo đề xuất của ai?", [ARTICLE_RADIO]).sentences[0].text
    assert not select("Tỷ lệ truy cập Internet bằng IPv6 giảm từ bao nhiêu xuống bao nhiêu?", [ARTICLE_RADIO]).sentences
    assert not select("Năm 2021, doanh thu từ quảng cáo của đài đạt bao nhiêu triệu USD?", [ARTICLE_RADIO]).sentences
    assert not select("Khách hàng lớn nhất của đài là tập đoàn nào?", [ARTICLE_RADIO]).sentences
    assert not select("Luật gồm mấy chương?", [ARTICLE_RADIO]).sentences


def test_a_sentence_referring_back_to_the_year_before_it_is_of_that_year():
    """"Cũng trong năm này, …" after "Năm 2021, …" is of 2021: no answer for 2020, the answer for 2021."""
    for question in ("Năm 2020, doanh thu từ quảng cáo của đài đạt bao nhiêu?", "Năm 2020 đài có doanh thu quảng cáo không?"):
        selection = select(question, [ARTICLE_RADIO])
        assert not selection.sentences or (selection.figures is not None and selection.figures.is_decline)
    assert "1.150 tỷ đồng" in select("Năm 2021, doanh thu từ quảng cáo của đài đạt bao nhiêu tỷ đồng?", [ARTICLE_RADIO]).sentences[0].text


def test_a_count_of_one_network_is_no_total_and_the_count_at_the_quarters_last_day_is_the_quarters():
    """"Tổng số thuê bao di động quý II/2025" had been answered with "số thuê bao 5G đạt 9,6 triệu, chiếm
    9,2% tổng số thuê bao di động"; the count "Tính đến ngày 30/6/2025" is the quarter's."""
    quarter = _report(
        "q225", "quý II/2025", 2025,
        "Tính đến ngày 30/6/2025, tổng số thuê bao di động mặt đất phát sinh lưu lượng đạt 104,89 triệu thuê bao, tăng 2,1% so với cùng kỳ năm 2024.\n"
        "Sau hơn 8 tháng thương mại hóa, số thuê bao 5G đạt 9,6 triệu, chiếm 9,2% tổng số thuê bao di động.",
    )
    selection = select("Tổng số thuê bao di động quý II/2025?", [quarter])
    assert [s.value for _, _, s in selection.figures.lines] == ["104,89"]
    assert [s.value for _, _, s in select("Số thuê bao 5G quý II/2025", [quarter]).figures.lines] == ["9,6"]


ARTICLE_PARK = _article(
    "a-park", "khu-cong-nghe.txt", "Khu công nghệ phần mềm Đông Hải",
    "Năm 2011, Công ty Sao Mai được Sở Kế hoạch và Đầu tư cấp giấy chứng nhận đầu tư vào khu.\n"
    "Năm 2016, tập đoàn Orion của Singapore mua 30% cổ phần của Sao Mai.\n"
    "Ngày 12 tháng 3 năm 2019, khu khai trương tòa nhà điều hành mới tại phường Ngọc Lâm.\n"
    "Ba năm sau, khu khai trương thêm tòa nhà Sao Mai 2.\n"
    "Khu có các trung tâm đào tạo ở Hải Phòng, Nam Định, Thái Bình và Ninh Bình. "
    "Trong số này, trung tâm tại Ninh Bình là cơ sở được thành lập sớm nhất, vào năm 2013.\n"
    "Nhà đầu tư đầu tiên của khu là Công ty Linh An, được cấp phép năm 2009. "
    "Năm 2014, Hòa Phong Software của Nhật Bản xây văn phòng tại khu với vốn đầu tư 12 triệu đô la Mỹ.",
)


def test_an_end_asked_where_only_a_beginning_is_told_is_no_answer():
    """A certificate revoked, a stake sold: the article tells only of its grant and its purchase."""
    assert not select("Công ty Sao Mai bị thu hồi giấy chứng nhận đầu tư vào năm nào?", [ARTICLE_PARK]).sentences
    assert "2011" in select("Công ty Sao Mai được cấp giấy chứng nhận đầu tư năm nào?", [ARTICLE_PARK]).sentences[0].text
    assert not select("Orion thoái vốn khỏi Sao Mai vào năm nào?", [ARTICLE_PARK]).sentences
    assert "30%" in select("Orion mua cổ phần của Sao Mai năm nào?", [ARTICLE_PARK]).sentences[0].text


def test_a_place_asked_is_answered_by_a_sentence_naming_one():
    """"Ở đâu" asked of the second building, whose sentence names no place: no answer; of the first, its ward."""
    assert not select("Tòa nhà Sao Mai 2 được khai trương ở đâu?", [ARTICLE_PARK]).sentences
    assert "Ngọc Lâm" in select("Tòa nhà điều hành mới được khai trương ở đâu?", [ARTICLE_PARK]).sentences[0].text


def test_a_year_told_of_another_item_of_a_list_is_no_answer_for_the_one_asked():
    """The training centres listed, then only Ninh Bình's year: Thái Bình's is not told."""
    assert not select("Trung tâm đào tạo tại Thái Bình được thành lập năm nào?", [ARTICLE_PARK]).sentences
    assert "2013" in select("Trung tâm đào tạo tại Ninh Bình được thành lập năm nào?", [ARTICLE_PARK]).sentences[0].text


def test_money_after_a_sentence_opening_on_another_name_is_that_ones():
    """Linh An named first, then Hòa Phong Software's investment: Linh An's money is not told."""
    assert not select("Công ty Linh An đầu tư bao nhiêu vốn vào khu?", [ARTICLE_PARK]).sentences
    assert "12 triệu" in select("Hòa Phong Software đầu tư bao nhiêu vốn vào khu?", [ARTICLE_PARK]).sentences[0].text


ARTICLE_UNION = _article(
    "a-union", "hoi.md", "Hội Tin học Hòa Bình",
    "Đại hội lần thứ II của Hội diễn ra năm 1994, Đại hội lần thứ III năm 1999 và Đại hội lần thứ IV năm 2004.\n"
    "Hội đã hai lần giữ chức Chủ tịch luân phiên của Liên đoàn Tin học châu Á, gần đây nhất trong nhiệm kỳ 2021–2023.\n"
    "Trung tâm đào tạo của Hội được công nhận đạt chuẩn kiểm định lần đầu vào năm 2018.\n"
    "Năm 2020, Trung tâm Dữ liệu Hòa Bình được sáp nhập vào Hội và đổi tên thành Trung tâm Số.",
)


def test_a_congress_or_a_time_of_another_number_is_no_answer():
    """The sixth congress asked where the second to fourth are told; the second accreditation where the first is."""
    assert not select("Đại hội lần thứ VI của Hội được tổ chức vào năm nào?", [ARTICLE_UNION]).sentences
    assert "1999" in select("Đại hội lần thứ III của Hội được tổ chức năm nào?", [ARTICLE_UNION]).sentences[0].text
    assert not select("Trung tâm đào tạo của Hội đạt chuẩn kiểm định lần thứ hai vào năm nào?", [ARTICLE_UNION]).sentences
    assert not select("Hội giữ chức Chủ tịch luân phiên Liên đoàn lần đầu tiên vào nhiệm kỳ nào?", [ARTICLE_UNION]).sentences


def test_a_founding_asked_of_a_sentence_telling_a_merger_is_no_answer():
    assert not select("Trung tâm Dữ liệu Hòa Bình được thành lập năm nào?", [ARTICLE_UNION]).sentences
    assert "2020" in select("Trung tâm Dữ liệu Hòa Bình được sáp nhập vào Hội năm nào?", [ARTICLE_UNION]).sentences[0].text



def test_the_sectors_revenue_asked_as_toan_nganh_is_the_one_written_linh_vuc_tttt():
    """A review writing "Tổng doanh thu lĩnh vực TTTT" beside next year's plan written "tổng doanh thu toàn
    ngành": asked "toàn ngành", the year's result is the answer (it had been "only the plan is held")."""
    review = _report(
        "y24", "năm 2024", 2024,
        "Tổng doanh thu lĩnh vực TTTT năm 2024 ước đạt 4.055.000 tỷ đồng, tăng 7,6% so với năm 2023.\n"
        "Doanh thu viễn thông ước đạt 343.280 tỷ đồng, tăng 3,6%.",
    )
    plan = _report("y23", "năm 2023", 2023, "Năm 2024 phấn đấu: tổng doanh thu toàn ngành đạt 3.950.000 tỷ đồng; doanh thu viễn thông đạt 340.000 tỷ đồng.")
    for question in ("Tổng doanh thu toàn ngành TTTT năm 2024 đạt bao nhiêu?", "Doanh thu toàn ngành năm 2024?"):
        answer = _composed(question, [plan, review])
        assert "4.055.000" in answer and "343.280" not in answer, answer


ARTICLE_DECREES = _article(
    "a-decrees",
    "cong-dvc.txt",
    "Cổng Dịch vụ công quốc gia",
    (
        "Chương trình Chuyển đổi số quốc gia được phê duyệt tại Quyết định số 749/QĐ-TTg do Thủ tướng Chính phủ ký ngày 3 tháng 6 năm 2020.\n"
        "Bộ chỉ số phục vụ người dân được ban hành kèm theo Quyết định 766/QĐ-TTg ngày 23 tháng 6 năm 2022.\n"
        "Cổng vận hành theo Nghị định 61/2018/NĐ-CP và Nghị định 45/2020/NĐ-CP; nghị định sau có hiệu lực từ ngày 22 tháng 5 năm 2020.\n"
        "Trên thị trường di động, Viettel hiện là doanh nghiệp có thị phần thuê bao lớn nhất."
    ),
)


def test_a_document_asked_by_its_number_is_not_told_by_a_sentence_naming_only_others():
    """"Quyết định 749/QĐ-TTg do ai ký": the sentence of "Quyết định 766/QĐ-TTg" had answered; "Nghị định
    130/2018" asked of a sentence naming 61/2018 and 45/2020 (typed without diacritics, too)."""
    asked_749 = select("Bộ chỉ số phục vụ người dân được ban hành kèm theo Quyết định 749/QĐ-TTg ngày nào?", [ARTICLE_DECREES])
    assert not any("766" in item.text for item in asked_749.sentences)
    assert "749" in select("Quyết định 749/QĐ-TTg do ai ký?", [ARTICLE_DECREES]).sentences[0].text
    assert not select("Nghi dinh 130/2018 co hieu luc tu ngay nao?", [ARTICLE_DECREES]).sentences


def test_an_expiry_asked_where_only_the_entry_into_force_is_told_is_no_answer():
    assert not select("Nghi dinh 45/2020 het hieu luc khi nao?", [ARTICLE_DECREES]).sentences
    assert not select("Chương trình Chuyển đổi số quốc gia kết thúc vào năm nào?", [ARTICLE_DECREES]).sentences
    assert "2020" in select("Chương trình Chuyển đổi số quốc gia được phê duyệt vào năm nào?", [ARTICLE_DECREES]).sentences[0].text


def test_the_second_largest_is_not_the_largest():
    assert not select("Doanh nghiệp nào có thị phần thuê bao di động lớn thứ hai?", [ARTICLE_DECREES]).sentences
    assert "Viettel" in select("Doanh nghiệp nào có thị phần thuê bao di động lớn nhất?", [ARTICLE_DECREES]).sentences[0].text


def test_an_age_asked_is_answered_only_by_an_age():
    """"Từ bao nhiêu tuổi …" had been answered with "… trong thời gian 60 ngày kể từ ngày tiến hành xử lý dữ liệu cá nhân"."""
    days = _article(
        "a-data", "du-lieu.md", "Bảo vệ dữ liệu cá nhân",
        "Hồ sơ đánh giá tác động phải được gửi trong thời gian 60 ngày kể từ ngày tiến hành xử lý dữ liệu cá nhân của trẻ em.",
    )
    assert not select("Từ bao nhiêu tuổi thì việc xử lý dữ liệu cá nhân của trẻ em phải có sự đồng ý của trẻ em?", [days]).sentences
    ages = _article(
        "a-age", "tre-em.md", "Bảo vệ dữ liệu cá nhân",
        "Việc xử lý dữ liệu cá nhân của trẻ em từ đủ 7 tuổi trở lên phải có sự đồng ý của trẻ em.",
    )
    assert "7 tuổi" in select("Từ bao nhiêu tuổi thì việc xử lý dữ liệu cá nhân của trẻ em phải có sự đồng ý của trẻ em?", [ages]).sentences[0].text


def test_a_law_named_by_its_title_is_not_told_by_the_article_on_another_law():
    """The Press Law's fine had answered "Doanh nghiệp vi phạm Luật An ninh mạng … phạt tiền tối đa bao nhiêu?"."""
    press = _article(
        "a-press", "bao-chi.md", "Luật Báo chí 2016",
        "Mức phạt tiền tối đa trong hoạt động báo chí là 100 triệu đồng đối với cá nhân và 200 triệu đồng đối với tổ chức.",
    )
    cyber = _article(
        "a-cyber", "an-ninh-mang.md", "Luật An ninh mạng 2018",
        "Doanh nghiệp cung cấp dịch vụ phải xóa bỏ thông tin vi phạm Luật An ninh mạng trong thời hạn 24 giờ.",
    )
    assert not select("Doanh nghiệp vi phạm Luật An ninh mạng có thể bị phạt tiền tối đa bao nhiêu?", [press, cyber]).sentences
    assert "100 triệu" in select("Luật Báo chí quy định mức phạt tiền tối đa bao nhiêu?", [press, cyber]).sentences[0].text


def test_a_span_asked_as_a_whole_is_answered_only_by_the_span_not_its_last_year():
    """"… cả giai đoạn 2020 - 2024" had been answered with 2024's 11417 of the row holding the total 52401."""
    sheet = _report(
        "attt", "giai đoạn 2020 - 2024", 2024,
        "Tổng số vụ tấn công mạng — Năm 2020: 5125; Năm 2023: 13900; Năm 2024: 11417; Tổng cộng 2020 - 2024: 52401",
    )
    whole = select("Tổng số vụ tấn công mạng cả giai đoạn 2020 - 2024 là bao nhiêu?", [sheet])
    assert "52401" in whole.sentences[0].text and whole.figures is None
    assert not select("Tổng số vụ tấn công mạng giai đoạn 2016 - 2020 là bao nhiêu?", [sheet]).sentences


def test_one_half_of_an_indicator_is_not_answered_by_the_other():
    """"DVCTT một phần" asked of a row of "DVCTT toàn trình" only."""
    row = _report(
        "dvc", "9 tháng năm 2025", 2025,
        "Tỷ lệ DVCTT toàn trình trên tổng số TTHC — ĐVT: %; Quý I/2025: 52,4; Quý II/2025: 55,1; Quý III/2025: 57,8",
    )
    assert not select("Tỷ lệ DVCTT một phần trong Quý II/2025 là bao nhiêu?", [row]).sentences
    full = select("Tỷ lệ DVCTT toàn trình trong Quý II/2025 là bao nhiêu?", [row])
    assert full.figures is not None and [line[2].value for line in full.figures.lines] == ["55,1"]


def test_a_parts_row_answers_only_when_its_part_is_named():
    """Once the parts' rows named their whole, "Doanh thu viễn thông năm 2022" had been answered with VNPT's row."""
    whole = _report("t-whole", "năm 2023", 2023, "Doanh thu viễn thông — ĐVT: tỷ đồng; Năm 2022 - TH: 331.520; Năm 2023 - TH: 338.640,5")
    part = _report("t-part", "năm 2023", 2023, "Doanh thu viễn thông, trong đó Bưu điện Việt Nam (VNPost) — ĐVT: tỷ đồng; Năm 2022 - TH: 55.410; Năm 2023 - TH: 56.870,2")
    plain = select("Doanh thu viễn thông năm 2022 đạt bao nhiêu?", [part, whole])
    assert plain.figures is not None and [line[2].value for line in plain.figures.lines] == ["331.520"]
    named = select("Doanh thu viễn thông của VNPost năm 2022 đạt bao nhiêu?", [part, whole])
    assert named.figures is not None and [line[2].value for line in named.figures.lines] == ["55.410"]


def test_a_foreign_name_no_text_writes_is_declined_a_name_mistyped_is_not():
    """"Dewar" is written nowhere: Lavoisier's year is not Dewar's. "Lavosier" typed for "Lavoisier" is
    the chemist the article names, and answers."""
    article = Chunk(
        chunk_id="o2-1", doc_id="o2", version="v", source="oxi.txt", title="Oxi", sentence_count=1,
        text="Tên oxi được đặt vào năm 1777 bởi Antoine Lavoisier, người có các thí nghiệm với oxi.",
    )
    unwritten = select("Dewar thí nghiệm oxi lỏng vào năm nào?", [article])
    assert unwritten.confidence == 0.0 and not unwritten.sentences
    mistyped = select("Lavosier đặt tên oxi vào năm nào?", [article])
    assert mistyped.sentences and "1777" in mistyped.sentences[0].text


def test_how_many_seconds_is_answered_only_by_a_time_in_seconds():
    """"còn lại bao nhiêu giây": an age in the sentence is no number of seconds; "17 giây" is."""
    age = Chunk(
        chunk_id="s-1", doc_id="s", version="v", source="sb.txt", title="Super Bowl 50", sentence_count=1,
        text="Broncos giành chiến thắng trong trận đấu khi Elway ở tuổi 38.",
    )
    declined = select("Trận đấu còn lại bao nhiêu giây khi Broncos giành chiến thắng?", [age])
    assert declined.confidence == 0.0 and not declined.sentences
    seconds = replace(age, chunk_id="s-2", doc_id="s2", text="Broncos giành chiến thắng trong trận đấu với 17 giây còn lại trên đồng hồ.")
    answered = select("Trận đấu còn lại bao nhiêu giây khi Broncos giành chiến thắng?", [seconds])
    assert answered.sentences and "17 giây" in answered.sentences[0].text


def _answer(selection) -> str:
    return ExtractiveAnswerer(PROMPTS).compose(selection)[0] if selection.sentences else ""


PROVINCE = "UBND TỈNH PHÚ THỌ — SỞ THÔNG TIN VÀ TRUYỀN THÔNG"


def test_of_several_subscriptions_in_one_sentence_each_is_named_by_the_words_after_its_figure():
    """"toàn tỉnh có 1.371.200 thuê bao điện thoại di động; …; 327.900 thuê bao băng rộng cố định": the
    mobile count is no fixed telephone count though "cố định" is in the sentence; the fixed broadband's is
    its own."""
    report = replace(
        _report(
            "p24", "năm 2024", 2024,
            "Thuê bao: Đến ngày 31/12/2024, toàn tỉnh có 1.371.200 thuê bao điện thoại di động; 1.112.500 thuê bao "
            "băng rộng di động; 327.900 thuê bao băng rộng cố định, tăng 6,1% so với năm 2023.",
        ),
        issuer=PROVINCE,
    )
    assert "1.371.200" not in _answer(select("Số thuê bao điện thoại cố định trên địa bàn tỉnh Phú Thọ năm 2024 là bao nhiêu?", [report]))
    assert "năm 2024: 327.900" in _answer(select("Số thuê bao băng rộng cố định của Phú Thọ năm 2024?", [report]))
    assert "năm 2024: 1.371.200" in _answer(select("Số thuê bao điện thoại di động của Phú Thọ năm 2024?", [report]))


def test_the_sum_of_two_sectors_is_no_figure_of_one_of_them():
    """"Tổng doanh thu bưu chính, viễn thông … 1.126,4" is postal and telecoms revenue together."""
    both = replace(
        _report("h24", "6 tháng đầu năm 2024", 2024, "Tổng doanh thu bưu chính, viễn thông trên địa bàn 6 tháng đầu năm 2024 đạt 1.126,4 tỷ đồng, tăng 6,8% so với cùng kỳ."),
        issuer=PROVINCE,
    )
    telecoms = replace(_report("t24", "6 tháng đầu năm 2024", 2024, "Doanh thu viễn thông 6 tháng đầu năm 2024 đạt 1.013,7 tỷ đồng."), issuer=PROVINCE)
    question = "Doanh thu viễn thông trên địa bàn tỉnh Phú Thọ 6 tháng đầu năm 2024 đạt bao nhiêu?"
    answered = _answer(select(question, [both, telecoms]))
    assert "1.013,7" in answered and "1.126,4" not in answered
    assert "1.126,4" not in _answer(select(question, [both]))
    assert "1.126,4" in _answer(select("Tổng doanh thu bưu chính, viễn thông của Phú Thọ 6 tháng đầu năm 2024?", [both]))


def test_a_rows_empty_cell_is_no_answer_though_the_row_has_other_figures():
    row = _report(
        "bt", "năm 2023", 2023,
        "Quảng Bình — Tổng số trạm BTS (trạm): 2.187; Doanh thu viễn thông (tỷ đồng): 894,7; Số doanh nghiệp công nghệ số: -",
    )
    assert "2.187" not in _answer(select("Số doanh nghiệp công nghệ số của Quảng Bình năm 2023 là bao nhiêu?", [row]))
    assert "894,7" in _answer(select("Doanh thu viễn thông của Quảng Bình năm 2023 là bao nhiêu?", [row]))


def test_a_figure_of_a_year_told_of_another_named_thing_is_not_the_one_asked():
    parks = _article(
        "vqg-1", "vqg.md", "Vườn quốc gia Việt Nam",
        "Năm 2019, Cúc Phương đón khoảng 90.000 lượt khách, còn Bạch Mã đón khoảng 40.000 lượt khách.",
    )
    assert "90.000" not in _answer(select("Năm 2019, Vườn quốc gia Cát Tiên đón bao nhiêu lượt khách?", [parks]))
    assert "90.000" in _answer(select("Năm 2019, Cúc Phương đón bao nhiêu lượt khách?", [parks]))


def test_a_sentence_on_another_of_the_same_kind_after_the_one_naming_the_thing_is_not_of_it():
    rivers = _article(
        "song-1", "song.md", "Sông ở Quảng Bình",
        "Sông Nhật Lệ được hợp thành từ hai nhánh là sông Kiến Giang và sông Long Đại. Sông Gianh dài khoảng 160 km, "
        "bắt nguồn từ dãy Trường Sơn.",
    )
    assert "160 km" not in _answer(select("Sông Nhật Lệ dài bao nhiêu km?", [rivers]))
    assert "160 km" in _answer(select("Sông Gianh dài bao nhiêu km?", [rivers]))


def test_an_abandonment_or_a_rebuilding_asked_is_not_told_by_a_building_or_a_destruction():
    article = _article(
        "bm-1", "bach-ma.md", "Vườn quốc gia Bạch Mã",
        "Năm 1932, người Pháp bắt đầu xây dựng khu nghỉ mát trên đỉnh Bạch Mã. Năm 1947, chùa Thiên Trù bị phá hủy gần như hoàn toàn.",
    )
    assert not select("Khu nghỉ mát trên đỉnh Bạch Mã bị bỏ hoang từ năm nào?", [article]).sentences
    assert not select("Chùa Thiên Trù được xây dựng lại vào năm nào sau khi bị phá hủy?", [article]).sentences
    assert "1932" in _answer(select("Người Pháp bắt đầu xây dựng khu nghỉ mát trên đỉnh Bạch Mã năm nào?", [article]))


def test_a_change_of_a_year_asked_where_only_its_half_states_one_is_answered_by_both_years_figures():
    """"Doanh thu … năm 2022 tăng bao nhiêu so với năm 2021?": the half-year's growth (16,8%) is no
    change of the year; a table holding both years' revenue answers with them."""
    half = _report(
        "h22", "6 tháng đầu năm 2022", 2022,
        "6 tháng đầu năm 2022, doanh thu toàn ngành đạt 1.766.620 tỷ đồng, tăng 16,8% so với cùng kỳ năm 2021.",
    )
    table = _report(
        "t23", "giai đoạn 2019 - 2023", 2023,
        "Doanh thu toàn ngành — ĐVT: tỷ đồng; 2020: 2.763.500; 2021: 3.126.880; 2022: 3.726.450; 2023: 3.792.110",
    )
    change = select("Doanh thu toàn ngành năm 2022 tăng bao nhiêu so với năm 2021?", [half, table])
    assert change.figures is not None and change.figures.declined == "kind"
    assert [statement.value for _, statement, _ in change.figures.held] == ["3.726.450", "3.126.880"]
    assert "16,8" in select("Doanh thu toàn ngành 6 tháng đầu năm 2022 tăng bao nhiêu so với cùng kỳ?", [half, table]).sentences[0].text


def test_how_many_typed_plain_as_may_is_no_word_the_reports_must_write():
    """"may tram" is "mấy trạm" typed without marks: no report writing "máy" is no reason to decline."""
    report = _report("t9", "9 tháng năm 2024", 2024, "02 DNVT (Viettel, VNPT) đã phát sóng 5G tại TP. PR-TC với 46 trạm.")
    chosen = select("5g o tp pr-tc may tram, dnvt nao", [report]).sentences
    assert chosen and "46 trạm" in chosen[0].text


def test_who_and_when_of_a_task_are_told_by_its_sentence_not_by_a_figure_of_the_plans_year():
    plan = _report(
        "k25", "năm 2025", 2025,
        "3.1. Đưa 100% sản phẩm OCOP của tỉnh lên sàn thương mại điện tử. "
        "Cơ quan chủ trì: Sở Công Thương; phối hợp: Sở Nông nghiệp và Phát triển nông thôn. Thời hạn: 31/10/2025.",
    )
    chosen = select("Nhiệm vụ đưa sản phẩm OCOP lên sàn thương mại điện tử năm 2025 do cơ quan nào chủ trì, thời hạn khi nào?", [plan])
    assert chosen.figures is None and any("Sở Công Thương" in item.text for item in chosen.sentences)


def test_a_name_asked_of_a_clause_naming_none_is_not_the_other_clauses_name():
    """"… cửa kính màu do xưởng nào chế tác?" of "Ngói lợp do hãng Lê Gia ở Bát Tràng sản xuất; các ô cửa
    kính màu được đặt làm tại Pháp": the tiles' maker, not the windows'."""
    church = _article(
        "a-ch", "nha_tho.md", "Nhà thờ Hòa Sơn",
        "Ngói lợp do hãng Lê Gia ở Bát Tràng sản xuất; các ô cửa kính màu được đặt làm tại Pháp.",
    )
    assert not select("Các ô cửa kính màu của Nhà thờ Hòa Sơn do xưởng nào bên Pháp chế tác?", [church]).sentences
    assert select("Ngói lợp của Nhà thờ Hòa Sơn do hãng nào sản xuất?", [church]).sentences

"""Answers as Telegram HTML, and the 4096-character split, checked with Telegram's own HTML rules.

`parse_html` is the Bot API stand-in's parser, as strict as Telegram's: every message the
renderer makes must parse, fit, and together say exactly what the whole said.
"""

from __future__ import annotations

from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.models import Answer, Citation, DocumentInfo, IndicatorRow, IndicatorTable
from assistant.prompts import Prompts
from assistant.settings import PROJECT_ROOT
from assistant.telegram.render import (
    MAX_MESSAGE_LENGTH,
    answer_html,
    indicator_html,
    quotes_html,
    reports_html,
    split_html,
)
from tests.e2e.telegram_standin import parse_html, units

PROMPTS = Prompts(PROJECT_ROOT / "prompts")


def styled(html: str) -> list[tuple[str, frozenset[str]]]:
    """Each visible non-space character with the formatting it carries: what a reader sees."""
    text, entities = parse_html(html)
    offsets = []  # UTF-16 offset of each character
    position = 0
    for char in text:
        offsets.append(position)
        position += units(char)
    return [
        (char, frozenset(e["type"] for e in entities if e["offset"] <= offset < e["offset"] + e["length"]))
        for char, offset in zip(text, offsets)
        if not char.isspace()
    ]


def check_split(html: str, limit: int) -> list[str]:
    parts = split_html(html, limit)
    for part in parts:
        assert units(part) <= limit
        parse_html(part)  # balanced, supported tags, no broken entity: Telegram would accept it
    assert [c for part in parts for c in styled(part)] == styled(html)
    return parts


# -- rendering -----------------------------------------------------------------------------------

HOSTILE = 'Báo cáo <script>alert("x")</script> & "TT&TT" <b>'


def citation(n: int, **fields: str) -> Citation:
    values = {
        "source": "bao-cao.txt",
        "title": f"Báo cáo sơ kết {n}",
        "section": "II. Kết quả › 1. Bưu chính",
        "quote": f"Doanh thu ước đạt {n}.000 tỷ đồng.",
        "period": "6 tháng đầu năm 2023",
    }
    return Citation(n=n, **{**values, **fields})


def test_an_answer_shows_its_text_bold_markers_and_sources() -> None:
    answer = Answer(
        answer="Doanh thu ước đạt 1.000 tỷ đồng. [1] Sản lượng tăng 12%. [2]",
        answered=True,
        citations=[citation(1), citation(2, period="", section="")],
    )
    html = answer_html(answer, PROMPTS)
    text, entities = parse_html(html)
    assert text.startswith(answer.answer)
    bold = {text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"}
    assert {"[1]", "[2]"} <= bold
    assert "Báo cáo sơ kết 1 (6 tháng đầu năm 2023)\n    II. Kết quả › 1. Bưu chính" in text
    assert text.rstrip().endswith("[2] Báo cáo sơ kết 2")  # no empty period or section shown


def test_text_from_reports_and_users_is_escaped_everywhere() -> None:
    answer = Answer(
        answer=f"{HOSTILE} [1] [7]",
        answered=True,
        citations=[citation(1, title=HOSTILE, section=HOSTILE, quote=HOSTILE, period=HOSTILE)],
    )
    for html in (answer_html(answer, PROMPTS), quotes_html(answer, PROMPTS)):
        text, _ = parse_html(html)  # would raise on an unescaped "<" or "&"
        assert text.count(HOSTILE) >= 2
    text, entities = parse_html(answer_html(answer, PROMPTS))
    marked = {text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "bold"}
    assert "[1]" in marked and "[7]" in text and "[7]" not in marked  # only real citations are marked
    documents = [DocumentInfo(doc_id="d", source="s", title=HOSTILE, period=HOSTILE)]
    assert parse_html(reports_html(documents))[0] == f"• {HOSTILE} ({HOSTILE})"


def test_a_declined_answer_is_its_plain_text() -> None:
    answer = Answer(answer="Không tìm thấy <thông tin> & nguồn.", answered=False)
    assert parse_html(answer_html(answer, PROMPTS))[0] == answer.answer
    assert answer_html(answer, PROMPTS) == escape(answer.answer, quote=False)


def test_quotes_are_blockquotes_under_their_numbers() -> None:
    answer = Answer(answer="x [1] y [2]", answered=True, citations=[citation(1), citation(2)])
    text, entities = parse_html(quotes_html(answer, PROMPTS))
    quotes = [text[e["offset"] : e["offset"] + e["length"]] for e in entities if e["type"] == "blockquote"]
    assert quotes == [c.quote for c in answer.citations]
    assert text.index("[1]") < text.index(quotes[0]) < text.index("[2]") < text.index(quotes[1])


@pytest.mark.parametrize("name", sorted(path.stem for path in (PROJECT_ROOT / "prompts").glob("telegram_*.txt")))
def test_every_telegram_text_is_valid_telegram_html(name: str) -> None:
    values = {"reports": "• Báo cáo", "bot": "@tro_ly_bot", "answer": "Trả lời.", "sources": "[1] Nguồn",
              "quotes": "<blockquote>Trích.</blockquote>", "user_id": 123, "chat_id": -100123, "seconds": 42,
              "question": "Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?",
              "indicator": "Doanh thu bưu chính", "table": "2023  Kết quả  27.477 tỷ đồng"}  # fmt: skip
    text, _ = parse_html(PROMPTS.render(name, **values))
    assert text.strip() and units(text) <= MAX_MESSAGE_LENGTH


def indicator_row(period: str, kind: str, figure: str) -> IndicatorRow:
    value, _, unit = figure.partition(" ")
    return IndicatorRow(indicator="Doanh thu <bưu chính>", period=period, kind=kind, value=value, unit=unit,
                        figure=figure, source="r.txt", title="Báo cáo", section="I.", quote=f"Doanh thu đạt {figure}.")  # fmt: skip


def test_an_indicators_periods_are_a_compact_table_latest_first() -> None:
    table = IndicatorTable(query="doanh thu", indicator="Doanh thu <bưu chính>", rows=[
        indicator_row("6 tháng đầu năm 2023", "result", "27.477 tỷ đồng"),
        indicator_row("năm 2023", "target", "60.000 tỷ đồng"),
        indicator_row("6 tháng đầu năm 2022", "result", "26.052 tỷ đồng"),
    ])  # fmt: skip
    text, entities = parse_html(indicator_html(table, PROMPTS))
    assert "Doanh thu <bưu chính>" in text  # escaped in the markup, shown as written
    pre = next(e for e in entities if e["type"] == "pre")
    lines = text[pre["offset"] : pre["offset"] + pre["length"]].splitlines()
    assert [line.split("  ")[0].strip() for line in lines] == ["6 tháng đầu năm 2023", "năm 2023", "6 tháng đầu năm 2022"]
    assert lines[1].endswith("60.000 tỷ đồng") and "Mục tiêu" in lines[1]
    figures = [row.figure for row in table.rows]
    assert len({line.index(figure) for line, figure in zip(lines, figures)}) == 1  # one column of figures


def test_an_indicator_of_one_period_adds_no_table() -> None:
    table = IndicatorTable(query="q", indicator="Doanh thu", rows=[indicator_row("năm 2023", "result", "5 tỷ đồng")])
    assert indicator_html(table, PROMPTS) == ""


# -- splitting -----------------------------------------------------------------------------------


def test_a_short_message_is_left_whole() -> None:
    html = answer_html(Answer(answer="Ngắn. [1]", answered=True, citations=[citation(1)]), PROMPTS)
    assert split_html(html) == [html]


def test_a_long_answer_is_cut_between_paragraphs_into_valid_messages() -> None:
    many = [citation(n, quote="Doanh thu ước đạt một con số rất lớn. " * 40) for n in range(1, 9)]
    answer = Answer(answer="Tóm tắt. " * 10 + "[1]", answered=True, citations=many)
    html = answer_html(answer, PROMPTS) + "\n\n" + quotes_html(answer, PROMPTS)
    assert units(html) > 2 * MAX_MESSAGE_LENGTH
    parts = check_split(html, MAX_MESSAGE_LENGTH)
    assert len(parts) >= 3
    for part in parts[:-1]:  # cut at line ends, never inside a quoted sentence
        assert parse_html(part)[0].endswith(("tỷ đồng.", "con số rất lớn.", "Bưu chính"))


def test_a_quote_longer_than_a_message_stays_a_quote_in_every_part() -> None:
    quote = " ".join(f"Câu số {i} của đoạn trích dẫn rất dài & đầy đủ." for i in range(400))
    answer = Answer(answer="Trả lời. [1]", answered=True, citations=[citation(1, quote=quote)])
    parts = check_split(quotes_html(answer, PROMPTS), MAX_MESSAGE_LENGTH)
    assert len(parts) >= 5
    for part in parts[1:]:
        assert part.startswith("<blockquote>")


def test_a_word_longer_than_a_message_is_cut_without_breaking_entities() -> None:
    html = "<b>" + "&amp;" * 3000 + "x" * 9000 + "</b>"
    parts = check_split(html, 500)
    assert all(part.startswith("<b>") and part.endswith("</b>") for part in parts)


def test_markup_that_shows_nothing_makes_no_message() -> None:
    empty = '<a href="https://mic.gov.vn/">' * 3 + "</a>" * 3 + "\n\n<b> </b>"
    assert split_html(empty, 100) == []
    assert split_html(f"<i>{empty}</i>Có chữ", 100) == ["<i>\n\n<b> </b></i>Có chữ"]


def test_an_impossible_limit_is_an_error_not_a_loop() -> None:
    with pytest.raises(ValueError):
        split_html("<blockquote><b>" + "a" * 100 + "</b></blockquote>", 30)


_TAGS = ["b", "i", "u", "s", "code", "blockquote", 'a href="https://mic.gov.vn/?a=1&amp;b=2"', "tg-spoiler"]
_WORDS = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyÁÀẢÃẠỐỒỔỖỘ0123456789.,%;:-()", min_size=1, max_size=80)
_SPACES = st.sampled_from([" ", " ", " ", "\n", "\n\n", "  "])
_TEXT = st.lists(st.one_of(_WORDS, _SPACES, st.sampled_from(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "😀"])), max_size=30).map("".join)


def _nest(children: list[str], tag: str) -> str:
    name = tag.split()[0]
    return f"<{tag}>{''.join(children)}</{name}>"


def _html_tree(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _TEXT
    inner = _html_tree(depth - 1)
    plain_tags = [t for t in _TAGS if t not in ("code", "blockquote")]
    return st.one_of(
        _TEXT,
        st.builds(_nest, st.lists(inner, min_size=1, max_size=4), st.sampled_from(plain_tags)),
    )


_DOCUMENT = st.lists(
    st.one_of(
        _html_tree(3),
        st.builds(lambda t: f"<blockquote>{t}</blockquote>", _html_tree(2)),
        st.builds(lambda t: f"<code>{t}</code>", _TEXT),
    ),
    min_size=1,
    max_size=12,
).map("\n\n".join)


@settings(max_examples=300, deadline=None)
# The deepest markup generated (three nested links) takes under 200 characters of tags.
@given(html=_DOCUMENT, limit=st.integers(min_value=400, max_value=2000))
def test_any_valid_html_splits_into_valid_messages_that_say_the_same(html: str, limit: int) -> None:
    parse_html(html)  # the generator only makes what Telegram accepts
    check_split(html, limit)


def test_a_rewritten_follow_up_says_how_it_was_understood_and_a_generated_answer_says_who_wrote_it() -> None:
    answer = Answer(
        answer="Tổng số doanh nghiệp công nghệ số là 61.359. [1]",
        answered=True,
        citations=[citation(1)],
        mode="generative",
        standalone_question="Số doanh nghiệp <công nghệ số> năm 2021 là bao nhiêu?",
    )
    text, entities = parse_html(answer_html(answer, PROMPTS, "Còn năm 2021 thì sao?"))
    understood = "Hiểu câu hỏi là: Số doanh nghiệp <công nghệ số> năm 2021 là bao nhiêu?"
    assert text.startswith(understood + "\n\n" + answer.answer)
    assert {"type": "italic", "offset": 0, "length": units(understood)} in entities
    assert text.endswith("số liệu và trích dẫn đã được đối chiếu với báo cáo.")

    # A question that stood alone, answered by quoting: neither line.
    plain = answer.model_copy(update={"mode": "extractive", "standalone_question": "Câu hỏi?"})
    text, _ = parse_html(answer_html(plain, PROMPTS, " Câu hỏi? "))
    assert text.startswith(answer.answer) and "AI" not in text

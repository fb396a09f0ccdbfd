"""Nothing a report says is lost: every non-empty line of a generated report — headings of every kind,
short and long numbered lines, bullets, table rows with their headers, footnotes — is in the text of
some chunk and found by searching its words, or is named in the ingest notes with the reason."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.pipeline import note_list, parse_report
from vectorstore.glossary import Glossary
from vectorstore.lexical import Analyzer, LexicalIndex
from vectorstore.text import words

GLOSSARY = Glossary.load()
ANALYZER = Analyzer(GLOSSARY)
# Syllables of reports; every generated line draws its own, so a line is found by its own words.
SYLLABLES = (
    "bưu chính viễn thông cáp quang thuê bao doanh thu sản lượng dịch vụ công trực tuyến chuyển đổi số "
    "hạ tầng mạng lưới điểm phục vụ xã huyện tỉnh người dân doanh nghiệp an toàn thông tin báo chí xuất bản "
    "phát thanh truyền hình chữ ký số chứng thư địa chỉ nền tảng dữ liệu kết nối băng rộng di động cố định "
    "lưu động thư tín kiểm tra thanh tra giấy phép đào tạo nhân lực công nghệ sản phẩm phần mềm phần cứng "
    "điện tử xuất khẩu thị trường giá cước chất lượng mạng trạm phát sóng vệ tinh tần số vô tuyến thiết bị"
).split()

word = st.sampled_from(SYLLABLES)
figure = st.builds(lambda a, b: f"{a},{b}%", st.integers(1, 99), st.integers(0, 9))


def phrase(low: int, high: int) -> st.SearchStrategy[str]:
    return st.lists(word, min_size=low, max_size=high).map(lambda ws: " ".join(ws))


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


sentence = st.builds(lambda p, f: f"{capitalised(p)} đạt {f}.", phrase(3, 10), figure)
paragraph = st.builds(lambda p, q: f"{capitalised(p)} {q}.", phrase(20, 40), phrase(5, 15))

# (kind, lines): the report's blocks; a block's lines are what must be found.
heading = st.one_of(
    st.builds(lambda n, p: f"{n}. {p.upper()}", st.sampled_from(["I", "II", "III", "IV"]), phrase(2, 5)),
    st.builds(lambda n, p: f"{n}. {capitalised(p)}", st.sampled_from("ABC"), phrase(2, 5)),
    st.builds(lambda n, p: f"{n}. {capitalised(p)}", st.integers(1, 9), phrase(2, 6)),
    st.builds(lambda a, b, p: f"{a}.{b}. {capitalised(p)}", st.integers(1, 9), st.integers(1, 9), phrase(2, 6)),
    st.builds(lambda n, p: f"{n}) {capitalised(p)}", st.sampled_from("abcd"), phrase(2, 6)),
    st.builds(lambda n, p: f"Phần {n}. {p.upper()}", st.sampled_from(["I", "II"]), phrase(2, 4)),
    st.builds(lambda p: f"## {capitalised(p)}", phrase(2, 6)),
)
numbered = st.one_of(
    st.builds(lambda n, s: f"{n}. {s}", st.integers(1, 20), sentence),  # short: "1. Tỷ lệ … đạt 63,7%."
    st.builds(lambda n, p: f"{n}. {p}", st.integers(1, 20), paragraph),  # long
    st.builds(lambda n, s: f"{n}) {s}", st.sampled_from("abcd"), sentence),
)
bullet = st.builds(lambda mark, s: f"{mark} {s}", st.sampled_from(["-", "+", "•"]), sentence)
plain_heading = st.builds(lambda h, p: [capitalised(h), p], phrase(3, 6), paragraph)
table = st.builds(
    lambda headers, rows: (headers, rows),
    st.lists(phrase(1, 3).map(capitalised), min_size=2, max_size=4, unique=True),
    st.lists(st.tuples(phrase(2, 5).map(capitalised), st.lists(figure, min_size=3, max_size=3)), min_size=1, max_size=4),
)
footnote = phrase(4, 12).map(capitalised)

block = st.one_of(
    heading.map(lambda line: ("line", [line])),
    numbered.map(lambda line: ("line", [line])),
    bullet.map(lambda line: ("line", [line])),
    sentence.map(lambda line: ("line", [line])),
    paragraph.map(lambda line: ("line", [line])),
    plain_heading.map(lambda lines: ("line", lines)),
    table.map(lambda t: ("table", t)),
    footnote.map(lambda text: ("footnote", text)),
)
report = st.tuples(
    st.lists(phrase(2, 6).map(str.upper), min_size=0, max_size=2),  # the title block
    st.booleans(),  # a masthead line (the issuer)
    st.lists(block, min_size=1, max_size=12),
)


def render(title: list[str], masthead: bool, blocks: list) -> tuple[str, list[str], list[str]]:
    """The markdown report, the lines that must be found, and the lines that may only be noted."""
    lines: list[str] = []
    expected: list[str] = []
    footnotes: list[str] = []
    noted: list[str] = []
    if masthead:
        lines.append("BỘ THÔNG TIN VÀ TRUYỀN THÔNG")
        noted.append("BỘ THÔNG TIN VÀ TRUYỀN THÔNG")
    for line in title:
        lines.append(line)
        expected.append(line)
    for kind, value in blocks:
        lines.append("")
        if kind == "line":
            lines.extend(value)
            expected.extend(line.removeprefix("## ") for line in value)
        elif kind == "table":
            headers, rows = value
            width = len(headers)
            lines.append("| Chỉ tiêu | " + " | ".join(headers) + " |")
            lines.append("|" + "---|" * (width + 1))
            for label, figures in rows:
                cells = (figures * 2)[:width]
                lines.append(f"| {label} | " + " | ".join(cells) + " |")
                # the row's sentence carries every header beside its value
                expected.append(" ".join([label, *(f"{h} {c}" for h, c in zip(headers, cells))]))
        else:
            number = len(footnotes) + 1
            lines[-1:] = [f"Ghi chú thêm[^{number}] ở đây có số liệu."]
            expected.append("Ghi chú thêm ở đây có số liệu.")
            footnotes.append(f"[^{number}]: {value}")
            expected.append(value)
    return "\n".join(lines + [""] + footnotes) + "\n", expected, noted


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report)
def test_every_line_of_a_report_is_in_a_chunk_and_found_by_search(generated):
    text, expected, noted = render(*generated)
    parsed = parse_report(text.encode(), "bao-cao.md", GLOSSARY, 1000)
    chunks = {chunk.chunk_id: chunk for chunk in parsed.chunks}
    index = LexicalIndex(ANALYZER)
    index.build((chunk.chunk_id, chunk.context_text()) for chunk in parsed.chunks)
    notes = " ".join(note_list(parsed.record))
    for line in expected:
        if f"“{line}”" in notes:
            continue  # kept as the report's details (an upper-case line read as the issuer), and said so
        wanted = set(words(line))
        holding = [cid for cid, chunk in chunks.items() if wanted <= set(words(chunk.text))]
        assert holding, f"no chunk's text holds {line!r}:\n{text}"
        # a heading is also in the section path its sections' chunks are searched by: finding one of them
        # finds the line too, and a heading over many sections may rank them before its own chunk
        reading = [cid for cid, chunk in chunks.items() if wanted <= set(words(chunk.context_text()))]
        found = [cid for cid, _ in index.search(line, 5)]
        assert set(found) & set(reading), f"searching {line!r} does not find its chunk:\n{text}"
    for line in noted:
        assert line in notes


def test_a_report_of_numbered_result_lines_is_ingested_with_every_figure():
    text = (
        "Báo cáo thử nghiệm quý III năm 2026\nI. KẾT QUẢ\n"
        "1. Tỷ lệ xã có điểm phục vụ bưu chính lưu động đạt 63,7%.\n"
        "2. Sản lượng bưu gửi ước đạt 424 triệu bưu gửi.\n"
    )
    parsed = parse_report(text.encode(), "thu.txt", GLOSSARY, 1000)
    joined = "\n".join(chunk.text for chunk in parsed.chunks)
    for line in text.strip().split("\n"):
        assert line in joined
    result_chunk = next(chunk for chunk in parsed.chunks if "63,7%" in chunk.text)
    assert result_chunk.section_path == ("I. KẾT QUẢ",)
    assert result_chunk.text.startswith("I. KẾT QUẢ\n")  # the heading opens the chunk it heads
    assert '"63,7","%"' in result_chunk.figures and '"424","triệu bưu gửi"' in result_chunk.figures

"""Finding a scanned table's cells by its ruling lines, and giving each OCR word its cell."""

from __future__ import annotations

from PIL import Image, ImageDraw

from ingest.scan_tables import cells, find_ruled_tables
from vectorstore.figures import Period
from vectorstore.statements import UNCERTAIN, Context, read_statements

# Row lines at these y, column lines at these x (a page 1000 px wide); the first band's line at
# x=500 is missing: "Năm 2024" is one cell over two columns.
ROWS = (100, 160, 220, 280)
COLUMNS = (50, 300, 500, 700)


def ruled_page(grey: int = 150) -> Image.Image:
    page = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(page)
    for y in ROWS:
        draw.line([(COLUMNS[0], y), (COLUMNS[-1], y)], fill=grey, width=1)
    for x in COLUMNS:
        for top, bottom in zip(ROWS, ROWS[1:]):
            if not (x == 500 and top == 100):
                draw.line([(x, top), (x, bottom)], fill=grey, width=1)
    draw.text((60, 300), "Ký tên", fill=0)  # text under the table is no line of it
    return page


def test_a_ruled_tables_lines_and_merged_cell_are_found_even_drawn_light_grey():
    (table,) = find_ruled_tables(ruled_page())
    assert [row.position for row in table.rows] == list(ROWS)
    assert list(table.columns) == list(COLUMNS)
    assert table.crossing[0] == {0, 1, 3} and table.crossing[1] == {0, 1, 2, 3}
    assert table.cell_of(600, 130) == (0, 1)  # the merged header cell is held by its first column
    assert table.cell_of(600, 190) == (1, 2)


def test_a_rule_above_the_table_is_no_row_of_it():
    """A motto's underline over the title and the table's caption: its band (the title, the first
    paragraph) is crossed by no column line — it had been read as the table's first cell, garbling
    the report's title and opening in the OCR of a cell."""
    page = ruled_page()
    ImageDraw.Draw(page).line([(400, 30), (650, 30)], fill=0, width=2)
    (table,) = find_ruled_tables(page)
    assert [row.position for row in table.rows] == list(ROWS)


def test_a_page_of_text_has_no_table():
    page = Image.new("L", (1000, 600), 255)
    draw = ImageDraw.Draw(page)
    for n in range(10):
        draw.text((60, 40 + 30 * n), "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng", fill=0)
    draw.line([(60, 500), (400, 500)], fill=0, width=1)  # a signature's line is no table
    assert find_ruled_tables(page) == []


def test_words_go_to_the_cell_their_centre_is_in_and_a_wrapped_number_is_joined():
    (table,) = find_ruled_tables(ruled_page())
    words = [
        ("Chỉ", 80, 130, (1, 1, 1, 80)), ("tiêu", 130, 130, (1, 1, 1, 130)), ("Năm", 560, 130, (1, 1, 1, 560)),
        ("2024", 620, 130, (1, 1, 1, 620)), ("Kế", 320, 190, (1, 1, 2, 320)), ("hoạch", 360, 190, (1, 1, 2, 360)),
        ("Thực", 520, 190, (1, 1, 2, 520)), ("hiện", 570, 190, (1, 1, 2, 570)),
        ("Doanh", 80, 240, (1, 1, 3, 80)), ("thu", 150, 240, (1, 1, 3, 150)),
        ("230.00", 400, 240, (1, 1, 3, 400)), ("0", 400, 262, (1, 1, 4, 400)), ("97,2", 600, 240, (1, 1, 3, 600)),
    ]
    assert cells(table, words) == [
        ["Chỉ tiêu", "Năm 2024", None],
        ["", "Kế hoạch", "Thực hiện"],
        ["Doanh thu", "230.000", "97,2"],
    ]


def test_a_cell_ocr_read_two_ways_keeps_its_text_but_states_no_figure():
    row = f"Doanh thu — Kế hoạch năm 2024: 51.7 {UNCERTAIN}; Thực hiện năm 2024: 64"
    assert [(s.value, s.kind) for s in read_statements(row, Context(Period(2024, "year")))] == [("64", "result")]


def test_a_page_tilted_on_the_scanner_is_turned_upright_and_its_table_found():
    from PIL import ImageFont

    from bench.scanned import DEJAVU
    from ingest.ocr import _straightened

    page = Image.new("L", (1400, 1000), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(DEJAVU), 28)
    for n in range(6):  # the text above the table, which tells the angle as much as the rules do
        draw.text((50, 30 + 45 * n), "Doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, tăng 8,2%", fill=0, font=font)
    page.paste(ruled_page(grey=90).crop((0, 80, 1000, 300)), (0, 330))
    tilted = page.rotate(0.7, resample=Image.BICUBIC, fillcolor=255)
    assert find_ruled_tables(tilted) == []  # no pixel row holds a whole rule
    (table,) = find_ruled_tables(_straightened(tilted))
    assert len(table.rows) == len(ROWS) and len(table.columns) == len(COLUMNS)
    assert _straightened(page) is page  # an upright page is left as it is

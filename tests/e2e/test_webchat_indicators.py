"""The indicator table under an answer about a figure, in a real headless Chromium: three reports of
one indicator uploaded over HTTP, the table, the line chart the page draws itself and the CSV file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from assistant.service import AssistantService
from assistant.settings import Settings
from tests.e2e.conftest import _open
from tests.e2e.test_webchat import ask
from tests.support import MOBILE_POST, MOBILE_POST_FIGURES, LiveServer, period_reports, sharing_model

pytestmark = pytest.mark.slow

QUESTION = "ty le xa co diem phuc vu buu chinh luu dong dat bao nhieu"


@pytest.fixture(scope="module")
def periods_server(sample_service: AssistantService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings.from_variables(data_dir=tmp_path_factory.mktemp("periods-web"), rate_limit="100000/minute")
    with LiveServer.start(settings, sharing_model(sample_service, settings)) as server:
        with httpx.Client(base_url=server.url, timeout=120) as client:
            for name, data in period_reports().items():
                assert client.post("/v1/documents", files={"file": (name, data, "text/plain")}).status_code == 201
        yield server


@pytest.fixture()
def periods_page(browser: Browser, periods_server: LiveServer) -> Iterator[Page]:
    yield from _open(browser, periods_server, viewport={"width": 1280, "height": 860}, accept_downloads=True)


def test_an_answer_about_a_figure_shows_its_table_chart_and_csv(periods_page: Page, periods_server: LiveServer):
    expected = httpx.get(f"{periods_server.url}/v1/indicators", params={"q": QUESTION}, timeout=60).json()
    answer = ask(periods_page, QUESTION)
    panel = answer.locator(".indicator")
    expect(panel).to_be_visible()
    expect(panel.locator(".indicator-title")).to_contain_text(MOBILE_POST)

    rows = panel.locator("tbody tr")
    expect(rows).to_have_count(len(expected["rows"]))
    shown = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert [cells[2] for cells in shown] == [row["figure"] for row in expected["rows"]]
    assert shown[0][0] == expected["rows"][0]["period"]
    assert {cells[1] for cells in shown} >= {"Kết quả", "Mục tiêu, kế hoạch"}

    # Three half-years of results: a line through three points, oldest on the left, each labelled.
    chart = panel.locator("svg.indicator-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(3)
    labels = chart.locator("text.label").all_text_contents()
    assert labels == [f"6 tháng đầu năm {year}" for year in (2021, 2022, 2023)]
    assert chart.locator("text.value").all_text_contents() == [MOBILE_POST_FIGURES[year][0] for year in (2021, 2022, 2023)]
    heights = [float(chart.locator("circle").nth(i).get_attribute("cy")) for i in range(3)]
    assert heights[0] > heights[1] > heights[2]  # rising figures climb (SVG y grows downwards)

    with periods_page.expect_download() as download_info:
        panel.locator(".indicator-csv").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    text = open(download.path(), encoding="utf-8-sig").read()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:4] == ["Chỉ tiêu", "Kỳ", "Loại", "Giá trị"]
    assert [line[5] for line in table[1:]] == [row["figure"] for row in expected["rows"]]
    assert all(line[9] == row["quote"] for line, row in zip(table[1:], expected["rows"]))


def test_a_declined_answer_shows_no_table(periods_page: Page):
    answer = ask(periods_page, "Tỷ lệ xã có điểm phục vụ bưu chính lưu động năm 2019 là bao nhiêu?")
    expect(answer).to_have_attribute("data-state", "declined")
    expect(answer.locator(".indicator")).to_have_count(0)
    expect(answer.locator(".answer")).to_contain_text("6 tháng đầu năm 2023")

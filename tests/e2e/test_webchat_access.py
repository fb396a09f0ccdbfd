"""The web chat when the server requires API keys, in a real headless Chromium against a real server
on 127.0.0.1 (the session's real assistant, served with keys): the page asks for a key when the API
answers 401, keeps it for the tab only, sends it with every request, and shows upload and delete
only to an admin key."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from assistant.prompts import Prompts
from assistant.service import AssistantService
from assistant.settings import PROJECT_ROOT, Settings
from tests.e2e.conftest import RECORD_ANSWER_PROGRESS
from tests.e2e.test_webchat import ask, drop_file
from tests.support import LiveServer, build_docx

pytestmark = pytest.mark.slow

READER = "reader-key-0123456789abcdef"
ADMIN = "admin-key-0123456789abcdef"
MESSAGES = Prompts(PROJECT_ROOT / "prompts")


@pytest.fixture(scope="module")
def keyed_server(sample_service: AssistantService, sample_settings: Settings) -> Iterator[LiveServer]:
    settings = sample_settings.updated(api_keys=f"{READER}:reader,{ADMIN}:admin")
    with LiveServer.start(settings, sample_service) as server:
        yield server


@pytest.fixture()
def page(browser: Browser, keyed_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    context.set_default_timeout(60_000)
    context.add_init_script(RECORD_ANSWER_PROGRESS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(keyed_server.url)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def enter_key(page: Page, key: str) -> None:
    dialog = page.locator("#key-dialog")
    expect(dialog).to_be_visible()
    page.fill("#api-key", key)
    page.click("#key-submit")


def test_the_page_asks_for_a_key_refuses_a_wrong_one_and_works_with_a_reader_key(page: Page, keyed_server: LiveServer):
    dialog = page.locator("#key-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#key-message")).to_have_text(MESSAGES.message("errors", "access.missing_key"))
    enter_key(page, "wrong-key-0123456789abcdef")
    expect(page.locator("#key-message")).to_have_text(MESSAGES.message("errors", "access.wrong_key"))
    expect(dialog).to_be_visible()

    enter_key(page, READER)
    expect(dialog).to_be_hidden()
    expect(page.locator("#documents .document").first).to_be_visible()
    expect(page.locator(".example").first).to_be_visible()
    expect(page.locator("#key-button")).to_be_visible()
    expect(page.locator("#key-role")).to_have_text("Quyền đọc")
    # A reader sees no upload zone and no delete buttons: the server would refuse them (403).
    expect(page.locator("#dropzone")).to_be_hidden()
    expect(page.locator("#documents .delete").first).to_be_hidden()

    with page.expect_request("**/v1/ask/stream") as sent:
        answer = ask(page, "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?")
    assert sent.value.headers["authorization"] == f"Bearer {READER}"
    expect(answer).to_have_attribute("data-state", "done")
    expect(answer.locator(".answer")).to_contain_text("27.477 tỷ đồng")

    # The key is kept for this tab only: a reload needs no key; it is in neither localStorage nor the URL.
    assert page.evaluate("sessionStorage.getItem('assistant.apiKey')") == READER
    assert page.evaluate("Object.values(localStorage).join(' ')") == ""
    page.reload()
    expect(page.locator("#documents .document").first).to_be_visible()
    expect(page.locator("#key-dialog")).to_be_hidden()
    assert READER not in page.url


def test_an_admin_key_shows_upload_and_delete_and_they_work(page: Page, keyed_server: LiveServer):
    enter_key(page, ADMIN)
    expect(page.locator("#key-role")).to_have_text("Quyền quản trị")
    expect(page.locator("#dropzone")).to_be_visible()
    expect(page.locator("#documents .delete").first).to_be_visible()

    data = build_docx([("Title", "BÁO CÁO KHÓA QUẢN TRỊ QUÝ IV/2024"), ("Heading 1", "I. Kết quả"),
                       ("Normal", "Số điểm phát Wi-Fi công cộng quý IV/2024 đạt 3.456 điểm.")])
    drop_file(page, "khoa-quan-tri.docx", data)
    expect(page.locator("#upload")).to_have_attribute("data-state", "done")
    item = page.locator("#documents .document", has_text="Báo cáo khóa quản trị")
    expect(item).to_be_visible()
    page.once("dialog", lambda confirm: confirm.accept())
    item.locator(".delete").click()
    expect(item).to_have_count(0)
    listed = httpx.get(f"{keyed_server.url}/v1/documents", headers={"X-API-Key": READER}).json()
    assert all(document["source"] != "khoa-quan-tri.docx" for document in listed)


def test_changing_from_a_reader_to_an_admin_key_shows_the_admin_controls(page: Page):
    enter_key(page, READER)
    expect(page.locator("#dropzone")).to_be_hidden()
    page.click("#key-button")
    expect(page.locator("#key-cancel")).to_be_visible()
    page.fill("#api-key", "typo-key-0123456789abcdef")
    page.click("#key-submit")
    expect(page.locator("#key-message")).to_have_text(MESSAGES.message("errors", "access.wrong_key"))
    assert page.evaluate("sessionStorage.getItem('assistant.apiKey')") == READER  # the working key stays
    page.fill("#api-key", ADMIN)
    page.click("#key-submit")
    expect(page.locator("#key-dialog")).to_be_hidden()
    expect(page.locator("#dropzone")).to_be_visible()


def test_a_key_revoked_during_the_session_brings_the_key_dialog_back(browser: Browser, keyed_server: LiveServer):
    context = browser.new_context()
    context.add_init_script(f"sessionStorage.setItem('assistant.apiKey', 'revoked-{'0' * 20}')")
    page = context.new_page()
    page.goto(keyed_server.url)
    expect(page.locator("#key-dialog")).to_be_visible()
    expect(page.locator("#key-message")).to_have_text(MESSAGES.message("errors", "access.wrong_key"))
    page.keyboard.press("Escape")  # the page cannot work without a key: the dialog stays
    expect(page.locator("#key-dialog")).to_be_visible()
    enter_key(page, READER)
    expect(page.locator("#documents .document").first).to_be_visible()
    context.close()


def test_an_open_server_never_asks_for_a_key(browser: Browser, live_server: LiveServer):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url)
    expect(page.locator("#documents .document").first).to_be_visible()
    expect(page.locator("#key-dialog")).to_be_hidden()
    expect(page.locator("#key-button")).to_be_hidden()
    expect(page.locator("#dropzone")).to_be_visible()
    assert re.fullmatch(r"admin", page.evaluate("document.body.dataset.role"))
    context.close()

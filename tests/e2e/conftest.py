"""Browser fixtures: Debian's headless Chromium driven by Playwright, against the real server.

The browser is the system one (`apt-get install chromium`, done by test.sh); Playwright never
downloads its own. The server is the session's `live_server`: real uvicorn on 127.0.0.1, real
Chroma, the real embedding model, the four sample reports.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from tests.support import LiveServer

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Records, from inside the page, every change of an answer's state (its value before the change) and
# of its progress line: the stream may deliver several events in one network read, so reading the
# DOM afterwards, or even in the observer's callback, would miss the states in between.
RECORD_ANSWER_PROGRESS = """
window.__progress = [];
new MutationObserver((records) => {
  for (const record of records) {
    const target = record.target;
    if (record.type === "attributes" && target.matches?.(".message.assistant")) {
      window.__progress.push(["state", record.oldValue]);
    } else if (record.type === "childList" && target.matches?.(".status-text")) {
      for (const node of record.addedNodes) window.__progress.push(["status", node.textContent]);
    }
  }
}).observe(document, {
  subtree: true, childList: true, attributes: true, attributeOldValue: true, attributeFilter: ["data-state"],
});
"""


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run ./test.sh (it installs Debian's chromium)")
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture()
def server(live_server: LiveServer) -> LiveServer:
    return live_server


@pytest.fixture()
def api(server: LiveServer) -> Iterator[httpx.Client]:
    """The same server's HTTP API, to check what the page did (and to set up what it cannot)."""
    with httpx.Client(base_url=server.url, timeout=120) as client:
        yield client


def _open(browser: Browser, server: LiveServer, **context_options: object) -> Iterator[Page]:
    context = browser.new_context(**context_options)
    context.set_default_timeout(60_000)
    context.add_init_script(RECORD_ANSWER_PROGRESS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server.url)
    page.locator("#documents .document").first.wait_for(state="attached")  # listed (on a phone, in the closed panel)
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


@pytest.fixture()
def page(browser: Browser, server: LiveServer) -> Iterator[Page]:
    """The chat on a desktop-sized window, loaded, its reports listed."""
    yield from _open(browser, server, viewport={"width": 1280, "height": 860})


@pytest.fixture()
def phone(browser: Browser, server: LiveServer) -> Iterator[Page]:
    """The chat on a phone-sized touch screen."""
    yield from _open(
        browser, server, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )

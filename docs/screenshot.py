"""Screenshots of the web chat after a real answer, for the README.

Start the server first (`./run.sh`, which ingests the sample reports), then, inside `.venv` (the
`test` extra brings Playwright; Debian's `chromium` is the browser):

    python docs/screenshot.py [URL]        # default http://127.0.0.1:8000

It asks the first example question, waits for the streamed answer and saves docs/webchat.png
(desktop), docs/webchat-citation.png (citation [1] opened) and docs/webchat-phone.png (phone).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
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
DOCS = Path(__file__).resolve().parent


def ask_first_example(page: Page, url: str) -> None:
    page.goto(url)
    page.locator(".example").first.click()
    page.locator(".message.assistant[data-state='done']").wait_for(timeout=60_000)


def main(url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)

        desktop = browser.new_page(viewport={"width": 1360, "height": 860}, device_scale_factor=1)
        ask_first_example(desktop, url)
        desktop.screenshot(path=DOCS / "webchat.png")
        desktop.locator(".message.assistant .cite-ref").first.click()
        desktop.locator("#citation-dialog[open]").wait_for()
        desktop.screenshot(path=DOCS / "webchat-citation.png")

        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
        ask_first_example(phone, url)
        phone.screenshot(path=DOCS / "webchat-phone.png")
        browser.close()
    print(f"saved webchat.png, webchat-citation.png and webchat-phone.png in {DOCS}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")

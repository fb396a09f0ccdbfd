"""End-to-end fixtures: the browser for the web chat, and the Bot API stand-in for the Telegram bot.

Browser: Debian's headless Chromium driven by Playwright, against the real server.

The browser is the system one (`apt-get install chromium`, done by test.sh); Playwright never
downloads its own. The server is the session's `live_server`: real uvicorn on 127.0.0.1, real
Chroma, the real embedding model, the four sample reports.

Telegram: the Bot API stand-in on 127.0.0.1 (`telegram_standin.py`) and real bots long-polling it.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from assistant.prompts import Prompts
from assistant.service import AssistantService
from assistant.settings import Settings
from tests.e2e.telegram_standin import BotAccount, BotApiStandIn
from tests.llm_standin import StandInLLM
from tests.support import LiveServer, with_llm

# -- the web chat's browser ----------------------------------------------------------------------

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


# -- the Telegram bot's Bot API stand-in ---------------------------------------------------------

RunBot = Callable[..., AbstractAsyncContextManager[BotAccount]]


@pytest.fixture(scope="session")
def standin() -> Iterator[BotApiStandIn]:
    with BotApiStandIn.start() as server:
        yield server


@pytest.fixture(scope="session")
def prompts(sample_settings: Settings) -> Prompts:
    return Prompts(sample_settings.prompts_dir)


def bot_settings(standin: BotApiStandIn, account: BotAccount, service: AssistantService, **overrides: Any) -> Settings:
    """Settings for a bot talking to the stand-in, over `service`'s store."""
    return Settings.from_variables(
        data_dir=service.settings.store.data_dir,
        telegram_token=account.token,
        telegram_base_url=standin.base_url,
        **overrides,
    )


@asynccontextmanager
async def polling(settings: Settings, service: AssistantService) -> AsyncIterator[None]:
    """The real bot, long-polling the stand-in, until the block ends (what `run_polling` does, awaitable)."""
    from assistant.telegram.bot import ALLOWED_UPDATES, build_application

    application = build_application(settings, service)
    async with application:
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1, allowed_updates=ALLOWED_UPDATES)
        await application.start()
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


@pytest.fixture()
def run_bot(standin: BotApiStandIn, sample_service: AssistantService) -> RunBot:
    """`async with run_bot(allowed=[ids], **settings) as bot:` — a new bot account, polling."""

    @asynccontextmanager
    async def run(
        allowed: list[int], service: AssistantService | None = None, account: BotAccount | None = None, **overrides: Any
    ) -> AsyncIterator[BotAccount]:
        service = service or sample_service
        account = account or standin.new_bot()
        settings = bot_settings(standin, account, service, telegram_allowed_ids=allowed, **overrides)
        async with polling(settings, service):
            yield account

    return run


@pytest.fixture()
def generative_server(sample_service: AssistantService, llm_standin: StandInLLM) -> Iterator[LiveServer]:
    """A second real server over the same store, answering through the stand-in LLM."""
    service = with_llm(sample_service, llm_standin.url)
    with LiveServer.start(service.settings, service) as live:
        yield live


@pytest.fixture()
def generative_page(browser: Browser, generative_server: LiveServer) -> Iterator[Page]:
    """The chat of the generative server, on a desktop-sized window."""
    yield from _open(browser, generative_server, viewport={"width": 1280, "height": 860})

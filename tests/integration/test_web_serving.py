"""How the server delivers the web chat (the page's behaviour is tested in a browser, in tests/e2e)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.api.routes.web import WEB_DIR
from tests.support import LiveServer, fake_service_settings


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[httpx.Client]:
    service = fake_service_settings(tmp_path)
    with LiveServer.start(service.settings, service) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def test_the_page_and_its_files_are_served_with_a_strict_policy(client: httpx.Client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert '<html lang="vi">' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    for path in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        asset = client.get(path)
        assert asset.status_code == 200, path
    assert client.get("/static/app.js").headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert client.get("/static/nothing.js").status_code == 404
    assert client.get("/static/../server.py").status_code == 404


def test_examples_come_from_the_prompts_file(client: httpx.Client):
    questions = client.get("/v1/examples").json()
    assert questions and all(isinstance(q, str) and q.strip() == q and q for q in questions)


def test_the_page_is_not_in_the_api_docs(client: httpx.Client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths
    assert {"/v1/ask/stream", "/v1/feedback", "/v1/examples"} <= set(paths)
    assert "text/event-stream" in paths["/v1/ask/stream"]["post"]["responses"]["200"]["content"]


def test_the_scripts_never_write_html_from_strings():
    """Everything from documents and users must reach the page as text (textContent), never markup."""
    script = (WEB_DIR / "app.js").read_text("utf-8")
    code = re.sub(r"^\s*//.*$", "", script, flags=re.MULTILINE)  # the file's comments may name the sinks
    sinks = r"\.(?:innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML\s*\(|document\.write|\beval\s*\(|new\s+Function\s*\("
    assert re.findall(sinks, code) == []
    assert "textContent" in code  # and it does write text: the check above is not vacuous


def test_the_page_loads_nothing_from_another_host():
    for path in WEB_DIR.iterdir():
        if path.suffix in {".html", ".js", ".css"}:
            text = path.read_text("utf-8")
            assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", text), path
            assert not re.search(r"@import|url\(\s*[\"']?(?:https?:)?//", text), path
            assert not re.search(r"fetch\(\s*[\"'`]https?:", text), path

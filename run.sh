#!/usr/bin/env bash
# The main job, from a fresh clone: set up, ingest the sample reports, serve on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

.venv/bin/python -m ingest "${ASSISTANT_REPORTS_DIR:-data/reports}"
exec .venv/bin/python -m uvicorn server:app \
    --host "${ASSISTANT_HOST:-127.0.0.1}" --port "${ASSISTANT_PORT:-8000}"

#!/usr/bin/env bash
# The main job, from a fresh clone: set up, ingest the sample reports, serve on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

.venv/bin/python -m ingest "${ASSISTANT_REPORTS_DIR:-data/reports}"
# server.py listens on ASSISTANT_HOST:ASSISTANT_PORT (default 127.0.0.1:8000), with ASSISTANT_WORKERS processes,
# and refuses a non-loopback host while no API key (ASSISTANT_API_KEYS) is configured.
exec .venv/bin/python server.py

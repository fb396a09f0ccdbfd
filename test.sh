#!/usr/bin/env bash
# The tests, from a fresh clone: set up everything they need, then run them all.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# The "test" extra pins torch==2.13.0 (CPU wheel) for the sentence-transformers backend.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

# PDF fixtures are written in DejaVu Sans so their Vietnamese text is real text.
if [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    apt-get update -qq && apt-get install -y -qq fonts-dejavu-core >/dev/null
fi

exec .venv/bin/python -m pytest "$@"

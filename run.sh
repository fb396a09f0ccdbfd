#!/usr/bin/env bash
# The main job, from a fresh clone: set up, ingest the sample reports, serve on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"

[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .

# Debian packages for the formats that need them: Tesseract with its Vietnamese data (scanned PDFs),
# LibreOffice (.doc, .rtf, .odt). Without them everything else is still ingested, and the files they
# would read are refused with the package to install, in Vietnamese.
missing=()
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
[ -n "$(ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata 2>/dev/null)" ] || missing+=(tesseract-ocr-vie)
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; } ||
            echo "warning: could not install ${missing[*]}: scanned PDFs and old Word files will be refused" >&2
    else
        echo "warning: missing ${missing[*]} (install as root): scanned PDFs and old Word files will be refused" >&2
    fi
fi

.venv/bin/python -m ingest "${ASSISTANT_REPORTS_DIR:-data/reports}"
# server.py listens on ASSISTANT_HOST:ASSISTANT_PORT (default 127.0.0.1:8000), with ASSISTANT_WORKERS processes,
# and refuses a non-loopback host while no API key (ASSISTANT_API_KEYS) is configured.
exec .venv/bin/python server.py

#!/usr/bin/env bash
# The main job, from a fresh clone: set up, ingest the sample reports, serve on 127.0.0.1:8000.
# With ASSISTANT_LOCAL_LLM=1 it also starts the bundled local model (python -m assistant.llm.local) on
# 127.0.0.1:ASSISTANT_LOCAL_LLM_PORT and answers in generative mode through it (docs/generative.md).
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

# Read through the settings (so a .env file counts too): is the local model wanted, and on which port?
read -r local_llm llm_port < <(.venv/bin/python -c \
    'from assistant.settings import get_settings as g; s = g(); print(int(s.local_llm), s.local_llm_server.port)')
if [ "$local_llm" = 1 ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[local-llm]'
    .venv/bin/python -m assistant.llm.local --prepare
fi

.venv/bin/python -m ingest "${ASSISTANT_REPORTS_DIR:-data/reports}"

if [ "$local_llm" != 1 ]; then
    # server.py listens on ASSISTANT_HOST:ASSISTANT_PORT (default 127.0.0.1:8000), with ASSISTANT_WORKERS
    # processes, and refuses a non-loopback host while no API key (ASSISTANT_API_KEYS) is configured.
    exec .venv/bin/python server.py
fi

# Both in the background, so a SIGTERM or Ctrl-C reaches this script while it waits, and it stops both.
llm_pid=""
server_pid=""
stop() { for pid in $server_pid $llm_pid; do kill -TERM "$pid" 2>/dev/null || true; done; }
trap stop TERM INT EXIT
.venv/bin/python -m assistant.llm.local --port "$llm_port" &
llm_pid=$!
until .venv/bin/python -c "import httpx, sys; sys.exit(httpx.get('http://127.0.0.1:$llm_port/health').status_code != 200)" 2>/dev/null; do
    kill -0 "$llm_pid" 2>/dev/null || { echo "the local model did not start" >&2; exit 1; }
    sleep 1
done
.venv/bin/python server.py &
server_pid=$!
status=0
wait "$server_pid" || status=$?
wait "$server_pid" 2>/dev/null || true  # a trapped signal ends the first wait early: let the server finish
kill -TERM "$llm_pid" 2>/dev/null || true
wait "$llm_pid" 2>/dev/null || true
exit "$status"

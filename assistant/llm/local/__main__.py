"""`python -m assistant.llm.local [--port PORT]`: the local model, served on 127.0.0.1:PORT/v1.

Assembles and hash-checks the model on first use (cached in `ASSISTANT_LOCAL_LLM_MODEL_DIR`),
loads it, prints one line starting with `ready: ` and the API root when it answers, and stops
cleanly on SIGTERM or Ctrl-C. `--prepare` only assembles and checks the model (what `./test.sh`
does before the tests). Threads and context come from `ASSISTANT_LOCAL_LLM_THREADS` and
`ASSISTANT_LOCAL_LLM_CONTEXT` unless given here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from assistant.llm.local.model_file import MODEL_ALIAS, ModelFileError, ensure_model
from assistant.settings import LocalLLMSettings


def main(argv: list[str] | None = None) -> int:
    settings = LocalLLMSettings()
    parser = argparse.ArgumentParser(prog="python -m assistant.llm.local", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=settings.port, help="port on 127.0.0.1 (default %(default)s)")
    parser.add_argument("--threads", type=int, default=settings.threads, help="CPU threads (default %(default)s)")
    parser.add_argument("--context", type=int, default=settings.context, help="context tokens (default %(default)s)")
    parser.add_argument("--model-dir", type=Path, default=settings.model_dir, help="model cache (default %(default)s)")
    parser.add_argument("--prepare", action="store_true", help="only assemble and check the model, then exit")
    parser.add_argument("--verbose", action="store_true", help="llama.cpp's own log (prompt and generation timings)")
    args = parser.parse_args(argv)

    try:
        model = ensure_model(args.model_dir)
    except ModelFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.prepare:
        print(f"model ready: {model}")
        return 0
    try:
        import xllamacpp  # noqa: F401
    except ImportError:
        print("error: xllamacpp is not installed: pip install -e '.[local-llm]'", file=sys.stderr)
        return 2

    from assistant.llm.local.server import serve

    started = time.monotonic()

    def ready(url: str) -> None:
        print(
            f"ready: {url} (model {MODEL_ALIAS}, {args.threads} threads, context {args.context}, "
            f"loaded in {time.monotonic() - started:.1f} s)",
            flush=True,
        )

    serve(model, args.port, args.threads, args.context, ready, verbose=args.verbose)
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

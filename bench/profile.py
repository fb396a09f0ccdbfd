"""Where the time goes, with pyinstrument: `python -m bench.profile DATA_DIR startup|ask [--hashing]`.

- `startup`: building the service over a store and warming it up (what the server does before it
  answers: garbage collection, model load, the lexical index built from the store's live chunks);
- `ask`: the dev questions through `AssistantService.ask`, as `/v1/ask` runs them, after start-up.

Prints pyinstrument's call tree (and the peak RSS of this process), so a missed target in the
README comes with the profile that shows why.
"""

from __future__ import annotations

import argparse
import resource
import sys
from pathlib import Path

from pyinstrument import Profiler

from assistant.eval.metrics import load_gold
from assistant.service import AssistantService
from assistant.settings import Settings, StoreSettings
from assistant.wiring import build_service
from bench.__main__ import default_eval_dir
from bench.hashing_server import hashing_service


def build(data_dir: Path, hashing: bool) -> AssistantService:
    settings = Settings(store=StoreSettings(data_dir=data_dir))
    return hashing_service(settings, model_cost=True) if hashing else build_service(settings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n")[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("what", choices=["startup", "ask"])
    parser.add_argument("--hashing", action="store_true", help="the store was built with bench.hashing vectors")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the dev questions (ask)")
    parser.add_argument("--depth", type=float, default=0.01, help="hide frames under this share of the time")
    args = parser.parse_args(argv)

    profiler = Profiler(interval=0.002)
    if args.what == "startup":
        with profiler:
            service = build(args.data_dir, args.hashing)
            service.warm_up()
    else:
        service = build(args.data_dir, args.hashing)
        service.warm_up()
        questions = [item.question for item in load_gold(default_eval_dir() / "dev.jsonl")]
        with profiler:
            for _ in range(args.repeat):
                for question in questions:
                    service.ask(question)
    print(profiler.output_text(unicode=True, color=False, show_all=False, timeline=False))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(f"peak RSS of this process: {peak / 2**20:,.0f} MiB; chunks: {service.health()['chunks']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

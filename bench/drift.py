"""Answer drift: do unrelated reports change the answers to the gold questions?

    python -m bench.drift [--reports 60] [GOLD.jsonl ...]      # default: dev.jsonl and dev_figures.jsonl

The sample reports are ingested into a temporary store and every gold question is answered; then
`--reports` unrelated reports (the soak's own: fish farming of made-up cooperatives, no year, every
format the soak uploads) are added and every question is answered again. Printed: how many answers
changed (text, answered or not, cited files), how many were right before and after, and each change.
An assistant whose answer to a question about telecom revenue depends on how many fish-farming
reports sit beside it would answer differently on every deployment.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from assistant.eval.metrics import GoldItem, contains_all, load_gold
from assistant.models import Answer
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.wiring import build_service
from bench.soak import PROVINCES, Upload

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def unrelated_uploads(count: int, seed: int = 7) -> list[Upload]:
    rng = random.Random(seed)
    return [
        Upload(
            name=f"drift{number:04d}{['.txt', '.md', '.docx', '.html'][number % 4]}",
            province=rng.choice(PROVINCES),
            quarter=rng.choice(["chiêm", "mùa", "đông xuân", "hè thu"]),
            figure=f"{rng.randrange(100, 999)}.{rng.randrange(100, 999)}",
        )
        for number in range(count)
    ]


def right(item: GoldItem, answer: Answer) -> bool:
    if not item.answerable:
        return not answer.answered
    cited = {citation.source for citation in answer.citations}
    return answer.answered and contains_all(answer.answer, item.facts) and bool(cited & set(item.sources))


def answers(service: AssistantService, items: list[GoldItem]) -> list[Answer]:
    return [service.ask(item.question) for item in items]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.drift", description=__doc__.split("\n")[0])
    parser.add_argument("gold", nargs="*", type=Path, default=[EVAL / "dev.jsonl", EVAL / "dev_figures.jsonl"])
    parser.add_argument("--reports", type=int, default=60, help="unrelated reports added (default 60)")
    args = parser.parse_args(argv)
    items = [item for gold in args.gold for item in load_gold(gold)]
    with tempfile.TemporaryDirectory(prefix="assistant-drift-") as folder:
        settings = Settings.from_variables(data_dir=Path(folder))
        service = build_service(settings)
        service.add_paths([settings.ingest.reports_dir])
        before = answers(service, items)
        for upload in unrelated_uploads(args.reports):
            data, _ = upload.content()
            service.add_document(data, upload.name)
        after = answers(service, items)
    changed = [
        (item, a, b)
        for item, a, b in zip(items, before, after)
        if (a.answer, a.answered, [c.source for c in a.citations]) != (b.answer, b.answered, [c.source for c in b.citations])
    ]
    print(f"questions: {len(items)}, unrelated reports added: {args.reports}")
    print(f"right before: {sum(map(right, items, before))}, after: {sum(map(right, items, after))}")
    print(f"answers changed: {len(changed)}")
    for item, a, b in changed:
        print(f"- {item.id} {item.question}\n  before ({a.confidence:.4f}): {a.answer[:160]!r}\n  after  ({b.confidence:.4f}): {b.answer[:160]!r}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())

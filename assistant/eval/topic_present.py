"""`python -m assistant.eval.topic_present GOLD.jsonl OUT`: unanswerable questions whose topic is present.

SQuAD 2.0's lesson: a question about an article that is in the store, whose answer is not, is what
an assistant most often answers wrongly — every word of the question is found, only the answer is
missing. This builds such questions from a gold set with a corpus of articles (`xquad_vi_dev`):
each article's paragraphs are dealt into two folds, and each fold is written as its own corpus
(title plus that fold's paragraphs). In fold `a`, a question whose answer occurs only in a fold-`b`
paragraph becomes unanswerable (its article is there, its paragraph is not); one whose answer is in
a fold-`a` paragraph stays answerable; the gold set's own unanswerables stay as they are.

`OUT/a` and `OUT/b` each get `corpus/` and `gold.jsonl` (kinds "answerable", "topic-present",
"off-corpus"), ready for `python -m assistant.eval OUT/a/gold.jsonl OUT/b/gold.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.eval.metrics import GoldItem, load_gold, normalize_for_match

FOLDS = ("a", "b")


def split_article(text: str) -> tuple[str, list[str]]:
    """An article's title line and its paragraphs (blocks between blank lines)."""
    title, _, body = text.strip().partition("\n")
    paragraphs = [block.strip() for block in body.split("\n\n") if block.strip()]
    return title.strip(), paragraphs


def fold_of(index: int) -> str:
    return FOLDS[index % len(FOLDS)]


def build(gold: Path, corpus: Path, out: Path) -> dict[str, dict[str, int]]:
    """Write both folds under `out`; the number of questions of each kind per fold."""
    articles = {path.name: split_article(path.read_text("utf-8")) for path in sorted(corpus.glob("*.txt"))}
    counts: dict[str, dict[str, int]] = {}
    items = load_gold(gold)
    for fold in FOLDS:
        folder = out / fold
        (folder / "corpus").mkdir(parents=True, exist_ok=True)
        for name, (title, paragraphs) in articles.items():
            kept = [p for i, p in enumerate(paragraphs) if fold_of(i) == fold]
            (folder / "corpus" / name).write_text(title + "\n\n" + "\n\n".join(kept) + "\n", "utf-8")
        lines: list[str] = []
        tally: dict[str, int] = {}
        for item in items:
            kind, answerable = _kind_in_fold(item, articles, fold)
            if kind is None:
                continue
            tally[kind] = tally.get(kind, 0) + 1
            record = {
                "id": f"{item.id}-{fold}",
                "kind": kind,
                "question": item.question,
                "answerable": answerable,
                "facts": list(item.facts) if answerable else [],
                "sources": list(item.sources) if answerable else [],
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        (folder / "gold.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
        counts[fold] = tally
    return counts


def _kind_in_fold(item: GoldItem, articles: dict[str, tuple[str, list[str]]], fold: str) -> tuple[str | None, bool]:
    """What a question is in a fold: answerable, topic-present (its answer's paragraph left out),
    off-corpus (unanswerable in the gold set), or None when its answer cannot be placed."""
    if not item.answerable:
        return "off-corpus", False
    facts = [normalize_for_match(fact) for fact in item.facts]
    holding = [
        i
        for source in item.sources
        for i, paragraph in enumerate(articles.get(source, ("", []))[1])
        if all(fact in normalize_for_match(paragraph) for fact in facts)
    ]
    if not holding:
        return None, False
    if any(fold_of(i) == fold for i in holding):
        return "answerable", True
    # Its answer is only in paragraphs of the other fold, and no kept paragraph holds the facts.
    kept = " ".join(p for source in item.sources for i, p in enumerate(articles[source][1]) if fold_of(i) == fold)
    if any(fact in normalize_for_match(kept) for fact in facts):
        return None, False
    return "topic-present", False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.eval.topic_present", description=__doc__.split("\n")[0])
    parser.add_argument("gold", type=Path, help="gold .jsonl with a corpus/ folder beside it (or --corpus)")
    parser.add_argument("out", type=Path, help="folder to write the two folds to")
    parser.add_argument("--corpus", type=Path, help="the articles (default: corpus/ beside the gold file)")
    args = parser.parse_args(argv)
    corpus = args.corpus or args.gold.parent / "corpus"
    if not corpus.is_dir():
        parser.error(f"không có thư mục văn bản {corpus}")
    for fold, tally in build(args.gold, corpus, args.out).items():
        print(f"{args.out / fold / 'gold.jsonl'}: " + ", ".join(f"{kind} {count}" for kind, count in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())

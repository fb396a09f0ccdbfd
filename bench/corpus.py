"""A scale corpus made deterministically from the sample reports: `python -m bench.corpus OUT --chunks N`.

Years of reports from real Vietnamese text: each variant is a sample report moved to another year
(every year in it shifted, so the title, "Hà Nội, ngày …", headings and comparisons stay consistent),
optionally to another part of the year ("9 tháng đầu năm" instead of "6 tháng đầu năm"), with other
figures (every figure scaled, written as the report writes it) and its sections shuffled. The same
sentences with other figures for other periods is the hard case for an assistant that must cite the
right year.

Two flavours:
- `quality`: variants never claim a period any sample report (or a gold question) is about, so the
  gold answers stay unambiguous: the years 2021 and 2023 (the sample reports' own) and 2025 (an
  unanswerable gold question asks about it) are never a variant's year.
- `latency`: as many variants as it takes (100k chunks); after the ministry's years run out, the
  same report is issued by provincial departments (Sở TTTT …), so no two variants share an issuer
  and a period. Its answers are not judged, only its size matters.

Nothing is committed: the corpus is written to a folder given on the command line.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# Years a quality variant may never be about (see the module docstring).
RESERVED_YEARS = frozenset({2021, 2023, 2025})
# Nearest years first: adjacent years are the hardest competitors, so they are always included.
QUALITY_YEARS = sorted((y for y in range(2008, 2036) if y not in RESERVED_YEARS), key=lambda y: (abs(y - 2022), y))
LATENCY_YEARS = list(range(1995, 2061))
ISSUERS = [
    "",  # the ministry itself
    "Hà Giang", "Lào Cai", "Điện Biên", "Sơn La", "Thái Nguyên", "Bắc Giang", "Hải Dương", "Nam Định",
    "Thanh Hóa", "Nghệ An", "Quảng Bình", "Thừa Thiên Huế", "Quảng Nam", "Bình Định", "Khánh Hòa",
    "Đắk Lắk", "Lâm Đồng", "Bình Dương", "Đồng Nai", "Long An", "Tiền Giang", "Cần Thơ", "An Giang", "Cà Mau",
]
MINISTRY_HEADER = "BỘ THÔNG TIN VÀ TRUYỀN THÔNG"

# A year inside a larger number ("1.614.206") or a document number is left alone by the lookarounds.
_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d]|[.,]\d)")
# Every number as written: "1.614.206", "77,1", "6.362", "90", "42/2022" (the parts separately).
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w]|[.,]\d)")
_DOTTED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL = re.compile(r"\d+,\d+")
# Context in which a number is an identifier, a rank or a date, not a figure.
_NOT_A_FIGURE_BEFORE = re.compile(r"(?:thứ|Thứ|khóa|Khóa|Kỳ|kỳ|tháng|ngày|quý|lần|Chỉ thị|Điều|điều|[/\-–])\s*$")
_HEADING_NUMBER = re.compile(r"^\s*(?:[#*\s]*)(?:\d+\.)+\s")
_ROMAN_HEADING = re.compile(r"^(?:#+\s*)?\**\s*[IVX]+\.\s", re.MULTILINE)
_PART_FORMS: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "h1": [],
    "9m": [
        (re.compile(r"\b0?6 tháng đầu năm"), "9 tháng đầu năm"),
        (re.compile(r"\b0?6 THÁNG ĐẦU NĂM"), "9 THÁNG ĐẦU NĂM"),
        (re.compile(r"\b6 tháng cuối năm"), "3 tháng cuối năm"),
        (re.compile(r"\b6 THÁNG CUỐI NĂM"), "3 THÁNG CUỐI NĂM"),
        (re.compile(r"\b6 Tháng"), "9 Tháng"),
        (re.compile(r"ngày 30 tháng 6 năm"), "ngày 30 tháng 9 năm"),
        (re.compile(r"tháng 6/(?=(?:19|20)\d\d)"), "tháng 9/"),
        (re.compile(r"\bquý II\b"), "quý III"),
    ],
}


@dataclass(frozen=True)
class Base:
    """A sample report a variant is made from, and how many chunks it gives (for sizing)."""

    path: Path
    year: int
    has_half_year: bool
    chunks: int


@dataclass(frozen=True)
class Variant:
    base: Base
    year: int
    form: str  # "h1" (as the sample) or "9m"
    issuer: str  # "" = the ministry
    seed: int

    @property
    def name(self) -> str:
        issuer = f"_{_slug(self.issuer)}" if self.issuer else ""
        return f"v{self.seed:06d}_{self.base.path.stem[:12]}_{self.year}{'_9t' if self.form == '9m' else ''}{issuer}.txt"


@dataclass(frozen=True)
class CorpusInfo:
    folder: Path
    files: int
    variants: int
    estimated_chunks: int


def base_reports(sample_dir: Path, chunk_size: int = 1000) -> list[Base]:
    """The sample reports with their year and chunk count (read with the product's own parser)."""
    from ingest.pipeline import parse_report
    from vectorstore.glossary import Glossary

    glossary = Glossary.load()
    bases = []
    for path in sorted(sample_dir.glob("*.txt")):
        overrides = sidecar(path)
        parsed = parse_report(path.read_bytes(), path.name, glossary, chunk_size, overrides)
        text = path.read_text("utf-8")
        half = bool(re.search(r"6 tháng đầu năm|6 THÁNG ĐẦU NĂM", text))
        bases.append(Base(path, parsed.record.year, half, len(parsed.chunks)))
    return bases


def plan(bases: list[Base], target_chunks: int, flavour: str) -> list[Variant]:
    """Variants, in a fixed order, until the sample reports plus the variants reach `target_chunks`."""
    total = sum(base.chunks for base in bases)
    variants: list[Variant] = []
    for variant in _candidates(bases, flavour):
        if total >= target_chunks:
            break
        variants.append(variant)
        total += variant.base.chunks
    return variants


def _candidates(bases: list[Base], flavour: str) -> Iterator[Variant]:
    years = QUALITY_YEARS if flavour == "quality" else LATENCY_YEARS
    issuers = [""] if flavour == "quality" else ISSUERS
    seed = 0
    for issuer in issuers:
        for year in years:
            for base in bases:
                for form in ("h1", "9m") if base.has_half_year else ("h1",):
                    seed += 1
                    yield Variant(base, year, form, issuer, seed)


def render(variant: Variant, text: str) -> str:
    """The variant's text: years shifted, part of the year changed, figures varied, sections shuffled."""
    rng = random.Random(variant.seed)
    text = shift_years(text, variant.year - variant.base.year)
    for pattern, replacement in _PART_FORMS[variant.form]:
        text = pattern.sub(replacement, text)
    text = vary_figures(text, rng)
    text = shuffle_sections(text, rng)
    if variant.issuer:
        text = reissue(text, variant.issuer)
    return text


def shift_years(text: str, delta: int) -> str:
    """Every year moved by `delta`, in the title, dates, headings and comparisons alike."""
    if not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def vary_figures(text: str, rng: random.Random) -> str:
    """Every figure scaled by its own factor in [0.6, 1.4] and written in the report's own notation.

    Identifiers, ranks, dates, years and heading numbers stay as they are; a percentage up to 100
    stays up to 100.
    """
    out: list[str] = []
    last = 0
    for match in _NUMBER.finditer(text):
        token = match.group(0)
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()]
        after = text[match.end() : match.end() + 2]
        if (
            _YEAR.fullmatch(token)
            or _NOT_A_FIGURE_BEFORE.search(before[-12:])
            or after[:1] in {"/", "-", "–"}
            or _HEADING_NUMBER.match(before + token + " ")
        ):
            continue
        new = vary_number(token, rng, percent=after.lstrip()[:1] == "%")
        if new is None:
            continue
        out.append(text[last : match.start()])
        out.append(new)
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def vary_number(token: str, rng: random.Random, percent: bool = False) -> str | None:
    """`token` scaled by a random factor, same notation; None for what is not a figure ("4.0", "5")."""
    if _DOTTED.fullmatch(token):
        whole, _, fraction = token.partition(",")
        value = float(whole.replace(".", "") + ("." + fraction if fraction else ""))
        decimals, dotted = len(fraction), True
    elif _DECIMAL.fullmatch(token):
        value, decimals, dotted = float(token.replace(",", ".")), len(token.split(",")[1]), False
    elif token.isdigit():
        value, decimals, dotted = float(token), 0, False
        if value < 10 or token.startswith("0"):
            return None  # small counts ("5 nhóm", "02 sàn") read oddly when changed
    else:
        return None
    scaled = value * rng.uniform(0.6, 1.4)
    if percent and value <= 100:
        scaled = min(scaled, 99.9 if decimals else 99)
    new = _format(scaled, decimals, dotted)
    if new == token:
        new = _format(scaled + 10 ** -decimals, decimals, dotted)
    return new


def _format(value: float, decimals: int, dotted: bool) -> str:
    whole, _, fraction = f"{value:.{decimals}f}".partition(".")
    if dotted:
        whole = f"{int(whole):,}".replace(",", ".")
    return whole + ("," + fraction if fraction else "")


def shuffle_sections(text: str, rng: random.Random) -> str:
    """The top-level sections (I., II., …) in another order; a report without them has its
    paragraphs after the first shuffled instead. The title block always stays first."""
    starts = [match.start() for match in _ROMAN_HEADING.finditer(text)]
    if len(starts) >= 2:
        head, blocks = text[: starts[0]], [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
        blocks = [block if block.endswith("\n") else block + "\n" for block in blocks]
        rng.shuffle(blocks)
        return head + "".join(blocks)
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    if len(paragraphs) < 3:
        return text
    rest = paragraphs[1:]
    rng.shuffle(rest)
    return "\n\n".join([paragraphs[0], *rest]) + "\n"


def reissue(text: str, province: str) -> str:
    """The same report issued by a provincial department: its own header and place of signing."""
    text = text.replace(MINISTRY_HEADER, f"SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH {province.upper()}", 1)
    text = text.replace("Hà Nội, ngày", f"{province}, ngày")
    return f"Sở Thông tin và Truyền thông tỉnh {province}\n\n{text}"


def write_corpus(
    sample_dir: Path, out: Path, target_chunks: int, flavour: str, extra: list[Path] | None = None
) -> CorpusInfo:
    """Write the sample reports (unchanged, same names), any `extra` files, and the variants."""
    if flavour not in {"quality", "latency"}:
        raise ValueError(f"unknown flavour {flavour!r}")
    bases = base_reports(sample_dir)
    variants = plan(bases, target_chunks, flavour)
    out.mkdir(parents=True, exist_ok=True)
    files = 0
    for path in [*sorted(sample_dir.iterdir()), *(extra or [])]:
        if path.is_file():
            shutil.copyfile(path, out / path.name)
            files += path.suffix == ".txt"
    texts = {base.path: base.path.read_text("utf-8") for base in bases}
    for variant in variants:
        target = out / variant.name
        target.write_text(render(variant, texts[variant.base.path]), "utf-8")
        overrides = sidecar(variant.base.path)
        if overrides:
            meta = {key: _render_meta(variant, value) for key, value in overrides.items()}
            target.with_name(target.name + ".meta.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
        files += 1
    estimated = sum(base.chunks for base in bases) + sum(variant.base.chunks for variant in variants)
    return CorpusInfo(out, files, len(variants), estimated)


def _render_meta(variant: Variant, value: str) -> str:
    value = shift_years(value, variant.year - variant.base.year)
    for pattern, replacement in _PART_FORMS[variant.form]:
        value = pattern.sub(replacement, value)
    if variant.issuer:
        value = f"{value} (Sở TTTT tỉnh {variant.issuer})"
    return value


def sidecar(path: Path) -> dict[str, str]:
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        return {}
    return {key: str(value) for key, value in json.loads(sidecar.read_text("utf-8")).items()}


def _slug(text: str) -> str:
    from vectorstore.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def main(argv: list[str] | None = None) -> int:
    from assistant.settings import IngestSettings

    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (not committed)")
    parser.add_argument("--chunks", type=int, default=5000, help="about how many chunks (default 5000)")
    parser.add_argument("--flavour", choices=["quality", "latency"], default="quality")
    args = parser.parse_args(argv)
    info = write_corpus(IngestSettings().reports_dir, args.out, args.chunks, args.flavour)
    print(f"{info.files} files ({info.variants} variants), about {info.estimated_chunks} chunks in {info.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How well scanned reports are read: the character error rate of OCR on pages rendered from known text.

The text is the opening of a sample report (its figures, abbreviations and diacritics), wrapped to
the width of an A4 page and rendered as an image-only PDF (`bench.scanned`) at 300 and 200 dpi, and at
200 dpi as a photocopy scans (tilted 0.7°, blurred, speckled); the
PDF goes through ingest's own PDF loader (rasterised by PDFium, read by Tesseract `vie`), and what it
reads is compared with the text: CER = edit distance / characters of the text (rapidfuzz's
Levenshtein), after both are put in NFC with single spaces. The figures alone (numbers as written)
are compared too: a wrong digit matters more than a wrong accent.

    python -m bench --only ocr        (or: python -m bench.ocr_accuracy)
"""

from __future__ import annotations

import re
import textwrap
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from assistant.settings import IngestSettings
from bench.scanned import scanned_pdf

REPORT = "003_d64712951b28f459.txt"
CHARACTERS = 3000  # about a page and a half of text
WIDTH = 68  # characters per line at 12 pt on A4 with the margins of `bench.scanned`


@dataclass(frozen=True)
class OcrFigures:
    dpi: int
    degraded: bool
    pages: int
    characters: int
    cer: float
    figures: int
    figures_wrong: int
    seconds: float


def known_text(reports: Path | None = None) -> list[str]:
    """The lines rendered: a sample report's opening, markdown marks removed, wrapped."""
    source = (reports or IngestSettings().reports_dir) / REPORT
    text = source.read_text("utf-8").replace("**", "")
    paragraphs = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, WIDTH))
        if sum(len(line) for line in lines) > CHARACTERS:
            break
    return lines


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def measure(lines: list[str], dpi: int, degraded: bool = False) -> OcrFigures:
    from rapidfuzz.distance import Levenshtein

    from ingest.loaders import ReadOptions
    from ingest.markup import is_mark
    from ingest.pdf import load_pdf

    data = scanned_pdf(lines, dpi=dpi, degraded=degraded)
    started = time.perf_counter()
    loaded = load_pdf(data, "bench-scan.pdf", ReadOptions(ocr_dpi=300))
    seconds = time.perf_counter() - started
    read = normalised(" ".join(line for line in loaded.text.split("\n") if not is_mark(line)))
    truth = normalised(" ".join(lines))
    numbers = re.findall(r"\d+(?:[.,/]\d+)*", truth)
    read_numbers = re.findall(r"\d+(?:[.,/]\d+)*", read)
    missing = sum((_counts(numbers) - _counts(read_numbers)).values())
    return OcrFigures(
        dpi=dpi,
        degraded=degraded,
        pages=len(loaded.ocr_pages),
        characters=len(truth),
        cer=Levenshtein.distance(read, truth) / len(truth),
        figures=len(numbers),
        figures_wrong=missing,
        seconds=seconds,
    )


def _counts(items: list[str]):  # noqa: ANN202 - a Counter
    from collections import Counter

    return Counter(items)


def run(cases: tuple[tuple[int, bool], ...] = ((300, False), (200, False), (200, True))) -> list[OcrFigures]:
    lines = known_text()
    results = [measure(lines, dpi, degraded) for dpi, degraded in cases]
    print(f"{'scan':>22}{'pages':>7}{'chars':>8}{'CER':>8}{'figures':>9}{'wrong':>7}{'s/page':>8}")
    for r in results:
        label = f"{r.dpi} dpi, {'photocopy-like' if r.degraded else 'clean'}"
        print(f"{label:>22}{r.pages:>7}{r.characters:>8}{r.cer:>8.2%}{r.figures:>9}{r.figures_wrong:>7}"
              f"{r.seconds / max(r.pages, 1):>8.1f}")
    print("  (image-only PDF rendered from a sample report's opening, DejaVu Sans 12 pt; read by ingest's own loader:"
          " PDFium at 300 dpi, Tesseract 'vie'; CER = edit distance / characters; 'wrong' = numbers of the text not"
          " read exactly)")
    return results


if __name__ == "__main__":
    run()

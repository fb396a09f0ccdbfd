"""How well scanned reports are read: the character error rate of OCR on pages rendered from known text.

The text is the opening of a sample report (its figures, abbreviations and diacritics), wrapped to
the width of an A4 page and rendered as an image-only PDF (`bench.scanned`) at 300 and 200 dpi, and at
200 dpi as a photocopy scans (tilted 0.7°, blurred, speckled), and its first page as a phone
photographs it (a JPEG, tilted 2°, lit from one corner: `bench.scanned.photographed_page`); the
PDF goes through ingest's own PDF loader, the photo through its picture loader (rasterised by PDFium, read by Tesseract `vie`), and what it
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
    photo: bool = False


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
    from ingest.loaders import ReadOptions
    from ingest.pdf import load_pdf

    data = scanned_pdf(lines, dpi=dpi, degraded=degraded)
    started = time.perf_counter()
    loaded = load_pdf(data, "bench-scan.pdf", ReadOptions(ocr_dpi=300))
    return _compared(loaded, lines, dpi, degraded, time.perf_counter() - started)


def measure_photo(lines: list[str], dpi: int = 150) -> OcrFigures:
    """The first page of `lines` photographed by a phone (`dpi`: the photo's pixels per printed inch)."""
    from bench.scanned import LINES_PER_PAGE, photographed_page
    from ingest.loaders import ReadOptions
    from ingest.pictures import load_picture

    data = photographed_page(lines, dpi)
    started = time.perf_counter()
    loaded = load_picture(data, "bench-photo.jpg", ReadOptions(ocr_dpi=300))
    return _compared(loaded, lines[:LINES_PER_PAGE], dpi, True, time.perf_counter() - started, photo=True)


def _compared(loaded, lines: list[str], dpi: int, degraded: bool, seconds: float, photo: bool = False) -> OcrFigures:  # noqa: ANN001 - a LoadedText
    from rapidfuzz.distance import Levenshtein

    from ingest.markup import is_mark

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
        photo=photo,
    )


def _counts(items: list[str]):  # noqa: ANN202 - a Counter
    from collections import Counter

    return Counter(items)


TABLE_HEADER = [["Chỉ tiêu", "ĐVT", "Năm 2023", None, "Năm 2024", None], ["", "", "Kế hoạch", "Thực hiện", "Kế hoạch", "Thực hiện\n6 tháng"]]
TABLE_INDICATORS = [
    ("Doanh thu bưu chính", "tỷ đồng"), ("Sản lượng bưu gửi", "triệu"), ("Số thuê bao băng rộng\ncố định", "thuê bao"),
    ("Số trạm BTS 5G", "trạm"), ("Tỷ lệ hồ sơ trực tuyến\ntoàn trình", "%"), ("Doanh thu công nghiệp\nICT", "tỷ đồng"),
    ("Số doanh nghiệp công\nnghệ số", "DN"), ("Tỷ lệ người dân có chữ\nký số", "%"),
]


def table_cells(seed: int = 7) -> list[list[str | None]]:
    """An annex table (a merged two-level header, eight indicators) with figures written the
    Vietnamese way ("1.250", "86,4"), seeded."""
    import random

    pick = random.Random(seed)
    rows = [list(row) for row in TABLE_HEADER]
    for label, unit in TABLE_INDICATORS:
        values = [pick.choice((f"{pick.randint(10, 99)},{pick.randint(0, 9)}", f"{pick.randint(1, 9)}.{pick.randint(0, 999):03d}", str(pick.randint(5, 600)))) for _ in range(4)]
        rows.append([label, unit, *values])
    return rows


def measure_table(dpi: int, degraded: bool = False) -> tuple[dict[str, int], float]:
    """How the value cells of a scanned annex table were read by ingest's loader (right, marked
    uncertain, read as no figure, a wrong figure), and the seconds it took; each row compared in order
    (a label's misread accent does not hide its figures)."""
    from bench.scanned import scanned_table_pdf
    from ingest.loaders import ReadOptions
    from ingest.pdf import load_pdf
    from vectorstore.statements import UNCERTAIN

    grid = table_cells()
    data = scanned_table_pdf(["PHỤ LỤC: CÁC CHỈ TIÊU CHỦ YẾU"], grid, [2.3, 0.9, 0.85, 0.85, 0.85, 0.92], dpi=dpi, degraded=degraded)
    started = time.perf_counter()
    loaded = load_pdf(data, "bench-table.pdf", ReadOptions(ocr_dpi=300))
    seconds = time.perf_counter() - started
    rows = [line for line in loaded.text.split("\n") if " — " in line]
    headers = ["Năm 2023 - Kế hoạch", "Năm 2023 - Thực hiện", "Năm 2024 - Kế hoạch", "Năm 2024 - Thực hiện 6 tháng"]
    outcome = {"right": 0, "uncertain": 0, "unread": 0, "wrong": 0}
    for number, row in enumerate(grid[2:]):
        read = rows[number] if number < len(rows) else ""
        for header, value in zip(headers, row[2:]):
            cell = read.split(f"{header}: ", 1)[1].split(";", 1)[0] if f"{header}: " in read else ""
            if cell.endswith(UNCERTAIN):
                outcome["uncertain"] += 1
            elif not re.fullmatch(r"\d[\d.,]*", cell):
                outcome["unread"] += 1
            else:  # "9120" for "9.120" is the same figure; "5,723" for "5.723" is not
                outcome["right" if cell.replace(".", "") == str(value).replace(".", "") else "wrong"] += 1
    return outcome, seconds


def measure_table_picture(dpi: int) -> tuple[int, int, float]:
    """A picture (PNG) of the annex table photocopied at `dpi`, as pasted into a report or sent on:
    its value cells read exactly by ingest's picture reader, of how many, and the seconds it took."""
    import io

    from bench.scanned import photocopied, table_page
    from ingest.loaders import ReadOptions
    from ingest.pictures import load_picture

    grid = table_cells()
    page = table_page(["PHỤ LỤC: CÁC CHỈ TIÊU CHỦ YẾU"], grid, [2.3, 0.9, 0.85, 0.85, 0.85, 0.92], dpi=dpi)
    buffer = io.BytesIO()
    photocopied(page.crop((0, 0, page.width, page.height // 2)), dpi).save(buffer, format="PNG")
    started = time.perf_counter()
    text = load_picture(buffer.getvalue(), "bench-table.png", ReadOptions(ocr_dpi=300)).text
    values = [str(value) for row in grid[2:] for value in row[2:]]
    return sum(value in text for value in values), len(values), time.perf_counter() - started


def run(cases: tuple[tuple[int, bool], ...] = ((300, False), (200, False), (200, True))) -> list[OcrFigures]:
    lines = known_text()
    results = [*(measure(lines, dpi, degraded) for dpi, degraded in cases), measure_photo(lines)]
    print(f"{'scan':>22}{'pages':>7}{'chars':>8}{'CER':>8}{'figures':>9}{'wrong':>7}{'s/page':>8}")
    for r in results:
        label = f"phone photo, {r.dpi} ppi" if r.photo else f"{r.dpi} dpi, {'photocopy-like' if r.degraded else 'clean'}"
        print(f"{label:>22}{r.pages:>7}{r.characters:>8}{r.cer:>8.2%}{r.figures:>9}{r.figures_wrong:>7}"
              f"{r.seconds / max(r.pages, 1):>8.1f}")
    print("  (image-only PDF rendered from a sample report's opening, DejaVu Sans 12 pt; read by ingest's own loader:"
          " PDFium at 300 dpi, Tesseract 'vie'; CER = edit distance / characters; 'wrong' = numbers of the text not"
          " read exactly)")
    for dpi, degraded in cases:
        outcome, seconds = measure_table(dpi, degraded)
        label = f"{dpi} dpi{', photocopy-like' if degraded else ''}"
        print(f"  scanned ruled table, {label}, {sum(outcome.values())} value cells under a two-level header: {outcome['right']} right,"
              f" {outcome['uncertain']} marked uncertain (never quoted as a figure), {outcome['unread']} read as no figure,"
              f" {outcome['wrong']} a wrong figure ({seconds:.1f} s)")
    for dpi in (120, 150):
        right, total, seconds = measure_table_picture(dpi)
        print(f"  picture (PNG) of the annex table photocopied at {dpi} dpi: {right}/{total} value cells read exactly ({seconds:.1f} s)")
    return results


if __name__ == "__main__":
    run()

"""A scanned report made from known text: each page an image of the lines, in a PDF with no text layer.

What an official's scanner produces, minus the noise: the fixture the OCR tests upload and the text
the OCR benchmark measures its character error rate against. Rendered with Pillow in DejaVu Sans
(Debian's `fonts-dejavu-core`, which has every Vietnamese glyph) at `DPI`, A4.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
DPI = 200
A4_INCHES = (8.27, 11.69)
FONT_POINTS = 12
LINES_PER_PAGE = 40


def scanned_pdf(lines: list[str], dpi: int = DPI, lines_per_page: int = LINES_PER_PAGE, degraded: bool = False) -> bytes:
    """An image-only PDF of `lines` (one text line each, wrapped by the caller), page by page.

    `degraded`: as a photocopy scans — tilted by 0.7°, slightly blurred, with speckles (seeded)."""
    pages = rendered_pages(lines, dpi, lines_per_page)
    if degraded:
        pages = [photocopied(page, number * lines_per_page) for number, page in enumerate(pages)]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def rendered_pages(lines: list[str], dpi: int = DPI, lines_per_page: int = LINES_PER_PAGE) -> list[Any]:
    """Greyscale A4 pages at `dpi` with `lines` printed on them, `lines_per_page` to a page."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(DEJAVU), round(FONT_POINTS * dpi / 72))
    width, height = round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi)
    margin, step = round(0.8 * dpi), round(FONT_POINTS * 1.6 * dpi / 72)
    pages = []
    for start in range(0, max(len(lines), 1), lines_per_page):
        page = Image.new("L", (width, height), 255)
        draw = ImageDraw.Draw(page)
        for number, line in enumerate(lines[start : start + lines_per_page]):
            draw.text((margin, margin + number * step), line, fill=0, font=font)
        pages.append(page)
    return pages


def scanned_table_pdf(
    lines: list[str], grid: list[list[str | None]], column_widths: list[float], dpi: int = DPI, degraded: bool = False
) -> bytes:
    """An image-only PDF (A4, `dpi`) of `table_page`."""
    page = table_page(lines, grid, column_widths, dpi)
    if degraded:
        page = photocopied(page, 0)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF", resolution=dpi)
    return buffer.getvalue()


def table_page(lines: list[str], grid: list[list[str | None]], column_widths: list[float], dpi: int = DPI) -> Any:
    """A greyscale A4 page at `dpi` of text lines and under them a table ruled with 1-pixel grey
    lines, as a scanner shows a thin printed rule; a None cell is merged into the cell on its left
    (no line between them). `column_widths` in inches."""
    from PIL import Image, ImageDraw, ImageFont

    points = 11
    font = ImageFont.truetype(str(DEJAVU), round(points * dpi / 72))
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    margin, step = round(0.8 * dpi), round(points * 1.6 * dpi / 72)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * step), line, fill=0, font=font)
    edges = [margin]
    for width in column_widths:
        edges.append(edges[-1] + round(width * dpi))
    top = margin + (len(lines) + 1) * step
    row_height = round(step * 1.8)
    for r, row in enumerate(grid):
        y = top + r * row_height
        draw.line([(edges[0], y), (edges[-1], y)], fill=90, width=1)
        for j, text in enumerate(row):
            if text is None:
                continue
            if j == 0 or row[j] is not None:
                draw.line([(edges[j], y), (edges[j], y + row_height)], fill=90, width=1)
            draw.text((edges[j] + 10, y + 10), text, fill=0, font=font)
        draw.line([(edges[-1], y), (edges[-1], y + row_height)], fill=90, width=1)
    draw.line([(edges[0], top + len(grid) * row_height), (edges[-1], top + len(grid) * row_height)], fill=90, width=1)
    return page


def photographed_page(lines: list[str], dpi: int = 150, angle: float = 2.0, quality: int = 70) -> bytes:
    """A JPEG of the first page of `lines` as a phone photographs a printed page on a desk: tilted by
    `angle`, the desk around it, lit from one corner (a shadow across the other), colour, compressed."""
    import numpy as np
    from PIL import Image

    page = rendered_pages(lines[:LINES_PER_PAGE], dpi)[0].convert("RGB").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(92, 80, 68))
    pixels = np.asarray(page).astype(np.float32)
    height, width = pixels.shape[:2]
    rows, columns = np.mgrid[0:height, 0:width]
    light = 0.45 + 0.55 * (columns / width + rows / height) / 2
    pixels = pixels * light[..., None] * np.array([1.0, 0.95, 0.85])  # warm lamp light
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, format="JPEG", quality=quality)
    return buffer.getvalue()


def photocopied(page: Any, seed: int) -> Any:
    """A page as a photocopy scans: tilted by 0.7°, slightly blurred, with speckles (seeded)."""
    import random

    from PIL import Image, ImageFilter

    page = page.rotate(0.7, resample=Image.BICUBIC, fillcolor=255).filter(ImageFilter.GaussianBlur(0.8))
    speckles = random.Random(seed)
    pixels = page.load()
    width, height = page.size
    for _ in range(width * height // 400):
        pixels[speckles.randrange(width), speckles.randrange(height)] = speckles.choice((0, 96, 160))
    return page

"""Reading a scanned page: Tesseract (Debian's `tesseract-ocr` with `tesseract-ocr-vie`) through
pytesseract, on the page rasterised by pypdfium2 (PDFium, the renderer Chrome uses).

Each page is read on its own, with a timeout, so one bad page costs that page only. What Tesseract
reports about each word's confidence is averaged per page, for the note telling the user which pages
were read by OCR. Whether OCR can run here (the program and its Vietnamese data) is checked once per
configuration, so a deployment without it says so instead of failing page after page.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ingest.loaders import ReadOptions

_PDFIUM = threading.Lock()  # PDFium is not thread-safe


@dataclass(frozen=True)
class PageText:
    text: str
    confidence: float  # mean word confidence, 0-100


class OcrUnavailable(Exception):
    """OCR cannot run here: the program or its language data is missing."""


class OcrFailed(Exception):
    """This page could not be read (timeout, Tesseract error); the reason is in the message."""


@lru_cache(maxsize=8)
def _check(command: str, language: str) -> str:
    """The path of a Tesseract that has `language`, else OcrUnavailable."""
    executable = shutil.which(command)
    if executable is None:
        raise OcrUnavailable(f"{command} not found")
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = executable
    try:
        languages = set(pytesseract.get_languages(config=""))
    except Exception as error:  # pytesseract raises its own and OS errors
        raise OcrUnavailable(str(error)) from error
    missing = [part for part in language.split("+") if part not in languages]
    if missing:
        raise OcrUnavailable(f"tesseract has no data for {', '.join(missing)}")
    return executable


def available(options: ReadOptions) -> bool:
    try:
        _check(options.tesseract_command, options.ocr_language)
    except OcrUnavailable:
        return False
    return True


def render_page(data: bytes, index: int, dpi: int) -> Any:
    """Page `index` (0-based) of a PDF as a greyscale PIL image at `dpi`."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil()
            page.close()
        finally:
            document.close()
    return image


def read_image(image: Any, options: ReadOptions) -> PageText:
    """The text Tesseract reads in `image`, line by line, with its mean word confidence."""
    import pytesseract

    executable = _check(options.tesseract_command, options.ocr_language)
    pytesseract.pytesseract.tesseract_cmd = executable
    try:
        data = pytesseract.image_to_data(
            image,
            lang=options.ocr_language,
            config="--psm 3",
            timeout=options.ocr_page_timeout,
            output_type=pytesseract.Output.DICT,
        )
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrFailed("timeout") from error
    except pytesseract.TesseractError as error:
        raise OcrFailed(str(error.message or error)[:200]) from error
    lines: dict[tuple[int, int, int], list[str]] = {}
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        lines.setdefault(key, []).append(word)
        confidence = float(data["conf"][i])
        if confidence >= 0:
            confidences.append(confidence)
    paragraphs: list[str] = []
    previous: tuple[int, int] | None = None
    for (block, paragraph, _), words in lines.items():
        if previous is not None and previous != (block, paragraph):
            paragraphs.append("")
        paragraphs.append(" ".join(words))
        previous = (block, paragraph)
    mean = sum(confidences) / len(confidences) if confidences else 0.0
    return PageText("\n".join(paragraphs), mean)


def read_page(data: bytes, index: int, options: ReadOptions) -> PageText:
    """Page `index` of a PDF, rasterised, cleaned of speckles (a 3×3 median filter: a photocopy's
    dots read as accents and digits otherwise) and read."""
    from PIL import ImageFilter

    image = render_page(data, index, options.ocr_dpi).filter(ImageFilter.MedianFilter(3))
    return read_image(image, options)

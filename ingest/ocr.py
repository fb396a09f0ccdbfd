"""Reading a scanned page: Tesseract (Debian's `tesseract-ocr` with `tesseract-ocr-vie`) through
pytesseract, on the page rasterised by pypdfium2 (PDFium, the renderer Chrome uses).

Each page is read on its own, with a timeout, so one bad page costs that page only. What Tesseract
reports about each word's confidence is averaged per page, for the note telling the user which pages
were read by OCR. Whether OCR can run here (the program and its Vietnamese data) is checked once per
configuration, so a deployment without it says so instead of failing page after page.
"""

from __future__ import annotations

import io
import re
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ingest.loaders import ReadOptions
from ingest.messages import message, page_list
from ingest.scan_tables import RuledTable, cells, find_ruled_tables, joined, without_lines
from ingest.tables import table_block
from vectorstore.statements import UNCERTAIN, is_unit_header

PDFIUM = threading.Lock()  # PDFium is not thread-safe


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


@dataclass
class PagesRead:
    """What OCR read of several pages (or a picture's frames): each page's text, by its number, for
    the pages with text; the pages not read, by the reason."""

    texts: dict[int, PageText] = field(default_factory=dict)
    failed: dict[str, list[int]] = field(default_factory=dict)

    @property
    def confidence(self) -> int:
        """The mean word confidence of the pages read, rounded (0 without one)."""
        return round(sum(page.confidence for page in self.texts.values()) / len(self.texts)) if self.texts else 0

    def failure_notes(self) -> list[str]:
        return [message("ocr.pages_failed", pages=page_list(numbers), reason=reason) for reason, numbers in self.failed.items()]


def read_each(numbers: Sequence[int], read: Callable[[int], PageText], options: ReadOptions) -> PagesRead:
    """Each page numbered read on its own (`read(number)`), one failing alone; progress told to
    `options.on_step` after each."""
    result = PagesRead()
    for done, number in enumerate(numbers, start=1):
        try:
            page = read(number)
        except (OcrFailed, OcrUnavailable) as error:
            result.failed.setdefault(failure_reason(error, options), []).append(number)
        else:
            if page.text.strip():
                result.texts[number] = page
        if options.on_step:
            options.on_step(done, len(numbers))
    return result


def failure_reason(error: Exception, options: ReadOptions) -> str:
    """Why a page or picture could not be read, for the notes."""
    if isinstance(error, OcrUnavailable):
        return "tesseract"
    return message("ocr.timeout", seconds=int(options.ocr_page_timeout)) if str(error) == "timeout" else str(error)


def available(options: ReadOptions) -> bool:
    try:
        _check(options.tesseract_command, options.ocr_language)
    except OcrUnavailable:
        return False
    return True


def render_page(data: bytes, index: int, dpi: int) -> Any:
    """Page `index` (0-based) of a PDF as a greyscale PIL image at `dpi`."""
    import pypdfium2 as pdfium

    with PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            page = document[index]
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil()
            page.close()
        finally:
            document.close()
    return image


def read_image(image: Any, options: ReadOptions, min_confidence: float = -1.0) -> PageText:
    """The text Tesseract reads in `image`, line by line, with its mean word confidence."""
    data = _read(image, options, "--psm 3")
    lines = _lines(data, min_confidence)
    return PageText(roman_numerals_mended(_paragraphs(lines)), _mean_confidence([data]))


# A quarter's Roman numeral as Tesseract misreads its strokes: "Quý IIL/2024", "Quý Il", "quý lII".
_MISREAD_QUARTER = re.compile(r"(?<=\b[Qq][Uu][Ýý]\s)([IlL|1]{1,4}V?|[IlL|1]V)(?=\s*/|\s|[.,;:)]|$)")


def roman_numerals_mended(text: str) -> str:
    """A quarter's numeral read as strokes of other letters written as the Roman numeral it is ("Quý
    IIL/2024", "Quý IIIL/2024" -> "Quý III/2024"): misread, no period is found in it and its figures take another's.
    A digit of a quarter ("Quý 1/2024") is the quarter as written."""

    def mended(match: re.Match[str]) -> str:
        numeral = match.group(1)
        if numeral.isdigit() and int(numeral) <= 4:
            return numeral  # "Quý 1/2024"; "Quý 11/2024" is no quarter: "II" misread
        strokes = re.sub(r"[lL|1]", "I", numeral)
        return "III" if strokes == "IIII" else strokes  # "IIIL": a stray stroke after the third (a column's rule)

    return _MISREAD_QUARTER.sub(mended, text)


def _read(image: Any, options: ReadOptions, config: str) -> dict[str, list[Any]]:
    """Tesseract's words in `image` with their boxes and confidences."""
    import pytesseract

    executable = _check(options.tesseract_command, options.ocr_language)
    pytesseract.pytesseract.tesseract_cmd = executable
    try:
        return pytesseract.image_to_data(
            image,
            lang=options.ocr_language,
            config=config,
            timeout=options.ocr_page_timeout,
            output_type=pytesseract.Output.DICT,
        )
    except RuntimeError as error:  # pytesseract's timeout
        raise OcrFailed("timeout") from error
    except pytesseract.TesseractError as error:
        raise OcrFailed(str(error.message or error)[:200]) from error


def _words(data: dict[str, list[Any]]) -> list[int]:
    """The indices of the words Tesseract read (not its empty layout entries), in reading order:
    block, paragraph, line, then left to right."""
    filled = [i for i, word in enumerate(data["text"]) if (word or "").strip()]
    return sorted(filled, key=lambda i: (data["block_num"][i], data["par_num"][i], data["line_num"][i], data["left"][i]))


def _lines(data: dict[str, list[Any]], min_confidence: float = -1.0) -> list[tuple[int, tuple[int, int], str]]:
    """(top, (block, paragraph), text) of each line Tesseract read, in its reading order; without the
    lines none of whose words it is `min_confidence` sure of (a photo's desk edge read as "— ———ẪẶ")."""
    lines: dict[tuple[int, int, int], tuple[int, list[str], float]] = {}
    for i in _words(data):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, words, surest = lines.get(key, (data["top"][i], [], -1.0))
        lines[key] = (min(top, data["top"][i]), [*words, data["text"][i].strip()], max(surest, float(data["conf"][i])))
    return [(top, key[:2], " ".join(words)) for key, (top, words, surest) in lines.items() if surest >= min_confidence]


def _paragraphs(lines: list[tuple[int, tuple[int, int], str]]) -> str:
    """Lines joined, a blank line where Tesseract's paragraph changes."""
    paragraphs: list[str] = []
    previous: tuple[int, int] | None = None
    for _, paragraph, text in lines:
        if previous is not None and previous != paragraph:
            paragraphs.append("")
        paragraphs.append(text)
        previous = paragraph
    return "\n".join(paragraphs)


def _mean_confidence(readings: list[dict[str, list[Any]]]) -> float:
    confidences = [float(data["conf"][i]) for data in readings for i in _words(data) if float(data["conf"][i]) >= 0]
    return sum(confidences) / len(confidences) if confidences else 0.0


def read_page(data: bytes, index: int, options: ReadOptions) -> PageText:
    """Page `index` of a PDF, rasterised, cleaned of speckles (a 3×3 median filter: a photocopy's
    dots read as accents and digits otherwise) and read; its ruled tables cell by cell."""
    return _read_raster(render_page(data, index, options.ocr_dpi), options)


def picture_frames(data: bytes) -> list[Any]:
    """The frames of a picture file (a PNG or JPEG, each page of a multi-page TIFF), greyscale and
    turned as the camera held it (EXIF). OcrFailed when the bytes are no picture Pillow can open."""
    from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        return [ImageOps.exif_transpose(frame.convert("RGB")).convert("L") for frame in ImageSequence.Iterator(picture)]
    except UnidentifiedImageError as error:
        raise OcrFailed("nội dung không phải một ảnh") from error
    except Image.DecompressionBombError as error:
        raise OcrFailed("ảnh quá lớn") from error
    except (OSError, ValueError, SyntaxError) as error:
        raise OcrFailed("ảnh bị hỏng hoặc bị cắt cụt") from error


def read_frame(frame: Any, options: ReadOptions) -> PageText:
    """A picture read as a scanned page is, once it looks like one: its lighting evened out (a phone
    photo's shadow darkens a corner past Tesseract's single threshold) and scaled so its text is as
    large as on a page scanned at `ocr_dpi` (a picture has no size on paper; its letters say how
    large it was printed)."""
    return _read_raster(_as_scanned(frame, options.ocr_dpi), options, upright_text=True)


# The height, in pixels, a picture's letters are scaled to for a 300 dpi read (`_letter_height`;
# 12 pt text scanned at 300 dpi measures 36): chosen by `python -m bench --only ocr`'s photographed
# page and pictures of a photocopied table (docs/formats.md).
LETTER_PIXELS_AT_300_DPI = 28
MIN_SCALE, MAX_SCALE = 0.4, 4.0
MAX_SCALED_PIXELS = 40_000_000  # an A4 page at 600 dpi: no picture is read larger (memory, Tesseract's time)
MIN_PICTURE_LINE_CONFIDENCE = 50.0  # a picture's line none of whose words Tesseract is this sure of is the desk's edge
LIGHTING_CELLS = 48  # the background is estimated on a copy this many cells across


def _as_scanned(picture: Any, dpi: int) -> Any:
    """A greyscale picture as a scanner at `dpi` would have made it: even light, letters of a page's size."""
    from PIL import Image

    even = _even_lighting(picture)
    letter = _letter_height(even)
    if letter is None:
        return even
    scale = min(max(LETTER_PIXELS_AT_300_DPI * dpi / 300 / letter, MIN_SCALE), MAX_SCALE)
    scale = min(scale, (MAX_SCALED_PIXELS / (even.width * even.height)) ** 0.5)  # a 50 MP photo of small print
    if 0.85 <= scale <= 1.2:
        return even
    size = (max(round(even.width * scale), 1), max(round(even.height * scale), 1))
    return even.resize(size, Image.LANCZOS)


def _even_lighting(picture: Any) -> Any:
    """The picture divided by its own background (the paper's brightness, estimated where the ink is
    not: the brightest of each neighbourhood, blurred): a shadow or a lamp's falloff becomes white
    paper again, the ink stays dark. An evenly lit scan is left as it was."""
    import numpy as np
    from PIL import Image, ImageFilter

    factor = max(min(picture.width, picture.height) // LIGHTING_CELLS, 1)
    small = picture.reduce(factor) if factor > 1 else picture
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(3))
    background = np.asarray(paper.resize(picture.size, Image.BILINEAR), dtype=np.float32)
    if float(np.percentile(background, 5)) >= 0.92 * float(np.percentile(background, 95)):
        return picture
    pixels = np.asarray(picture, dtype=np.float32)
    evened = np.clip(pixels / np.maximum(background, 1.0) * 255.0, 0, 255)
    return Image.fromarray(evened.astype(np.uint8))


def _letter_height(picture: Any) -> float | None:
    """The median height of the ink's letter-sized shapes (not a rule, a diacritic or a speck), or
    None where too few are found to say."""
    import numpy as np
    from scipy import ndimage

    labels, count = ndimage.label(np.asarray(picture) < 128)
    if count < 20:
        return None
    heights = []
    for box in ndimage.find_objects(labels):
        height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
        if 4 <= height <= picture.height // 8 and width <= 3 * height:
            heights.append(height)
    if len(heights) < 20:
        return None
    heights.sort()
    return float(np.median(heights[len(heights) // 2 :]))  # the taller half: letters, past diacritics and dots


def _read_raster(rendered: Any, options: ReadOptions, upright_text: bool = False) -> PageText:
    """A page's pixels read; `upright_text`: read turned upright even without a table (a photo's
    tilt splits its long lines into columns for Tesseract; a scanner's slight one does not)."""
    from PIL import ImageFilter

    upright = _straightened(rendered, MAX_PHOTO_SKEW if upright_text else MAX_SKEW)
    tables = find_ruled_tables(upright)  # before the filter, which erases a one-pixel rule
    if not tables:
        if upright_text:
            return read_image(upright.filter(ImageFilter.MedianFilter(3)), options, MIN_PICTURE_LINE_CONFIDENCE)
        return read_image(rendered.filter(ImageFilter.MedianFilter(3)), options)  # Tesseract straightens a scan's text itself
    return _read_with_tables(upright.filter(ImageFilter.MedianFilter(3)), tables, options)


MAX_SKEW = 2.0  # degrees a page may be tilted on the scanner, looked for both ways
MAX_PHOTO_SKEW = 5.0  # … and in a photo, held by hand
SKEW_STEP = 0.1
MIN_SKEW = 0.2  # below this a page is left as it is
UPRIGHT_MARGIN = 1.1  # how much sharper a turned page must be than the page as scanned


def _straightened(image: Any, max_skew: float = MAX_SKEW) -> Any:
    """The page turned upright when the scanner tilted it (a photocopy's 0.7°): a ruled table's lines
    are only found straight. The angle is the one whose rows
    of ink change most sharply from one pixel row to the next (text lines and rules lie flat), looked
    for on a quarter-size copy."""
    import numpy as np
    from PIL import Image

    small = image.convert("L").reduce(4)
    paper = int(np.median(np.asarray(small)))
    def sharpness(angle: float) -> float:
        ink = np.asarray(small.rotate(angle, resample=Image.BILINEAR, fillcolor=paper)) < paper - 50
        return float(np.square(np.diff(ink.sum(axis=1).astype(np.float64))).sum())

    upright = sharpness(0.0)
    best, best_score = 0.0, upright
    for angle in np.arange(-max_skew, max_skew + SKEW_STEP / 2, SKEW_STEP):
        score = sharpness(float(angle))
        if score > best_score:
            best, best_score = float(angle), score
    # On a quarter-size copy a tenth of a degree is under a pixel: an upright page scores about the
    # same a little either way, so it is turned only when clearly sharper.
    if abs(best) < MIN_SKEW or best_score < UPRIGHT_MARGIN * upright:
        return image
    return image.rotate(best, resample=Image.BICUBIC, fillcolor=paper)


def _read_with_tables(image: Any, tables: list[RuledTable], options: ReadOptions) -> PageText:
    """The page's text around its tables (read with the tables painted out: Tesseract's layout
    analysis loses a ruled table's words) and each table as row sentences, top to bottom."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(image.convert("L")).copy()
    for table in tables:
        left, top, right, bottom = table.box
        pixels[max(top - 4, 0) : bottom + 4, max(left - 4, 0) : right + 4] = 255
    text = _read(Image.fromarray(pixels), options, "--psm 3")
    readings = [text]
    items: list[tuple[int, list[str]]] = [(top, [f"\0{block}.{par}", line]) for top, (block, par), line in _lines(text)]
    for table in tables:
        region, (x0, y0) = without_lines(image, table)
        words = _read(region, options, "--psm 6")
        readings.append(words)
        found = [
            (
                words["text"][i].strip(),
                x0 + words["left"][i] + words["width"][i] / 2,
                y0 + words["top"][i] + words["height"][i] / 2,
                (order,),
            )
            for order, i in enumerate(_words(words))
        ]
        grid = cells(table, found)
        _reread_numbers(grid, table, region, (x0, y0), options)
        items.append((table.box[1], ["\0table", *table_block(grid), ""]))
    lines: list[str] = []
    previous = ""
    for _, (mark, *content) in sorted(items, key=lambda item: item[0]):
        if lines and mark != previous:
            lines.append("")
        lines.extend(content)
        previous = mark
    return PageText(roman_numerals_mended("\n".join(lines).strip("\n")), _mean_confidence(readings))


# A cell's text that is a figure: "175", "86,4", "230.000", "97,4%", "-".
_FIGURE = re.compile(r"^[~≈≥≤<>+\-–]?\s*\d[\d.,]*\s?%?$")


def _reread_numbers(grid: list[list[str | None]], table: RuledTable, region: Any, origin: tuple[int, int], options: ReadOptions) -> None:
    """Each value cell is read again alone, cut to its ink: read with the whole table, Tesseract's
    Vietnamese model guesses words on a lone number ("55" read "shì") and misreads some ("51,2" read
    "51.7"). The figure most reads agree on replaces the cell (`_vote`); a figure of the table's read
    that no majority confirms is kept but marked `UNCERTAIN`, which the figure reader never quotes as
    a figure. In place. The value cells are every column's but the row labels' (the one with most
    letters) and a unit column's."""
    if len(grid) < 2:
        return
    widths = [table.columns[j + 1] - table.columns[j] for j in range(len(table.columns) - 1)]
    letters = [sum(char.isalpha() for row in grid[1:] for char in (row[j] or "")) for j in range(len(widths))]
    labels = letters.index(max(letters))
    for column in range(len(grid[0])):
        if column == labels or is_unit_header(grid[0][column] or ""):
            continue
        # a narrow first column numbers the rows ("2" read "X;"): its cells are read as digits alone too
        numbering = column == 0 and widths[0] < 0.15 * sum(widths)
        configs = ["--psm 6", *(["--psm 6 -c tessedit_char_whitelist=0123456789"] if numbering else [])]
        for band, row in enumerate(grid):
            text = row[column]
            if band == 0 or not text:
                continue
            left, top, right, bottom = table.cell_box(band, column)
            ink = _ink_only(region.crop((left - origin[0] + 3, top - origin[1] + 2, right - origin[0] - 3, bottom - origin[1] - 2)))
            decided = None
            for config in configs:
                decided = _vote(text, ink, options, config)
                if decided is not None:
                    break
            if decided is not None:
                row[column] = decided
            elif _FIGURE.match(text):
                # read one way with the table and other ways alone: kept, but as no figure to quote
                row[column] = f"{text} {UNCERTAIN}"


def _vote(text: str, ink: Any, options: ReadOptions, config: str) -> str | None:
    """The figure most reads of a cell agree on — the table's read and the cell's own with margins of
    5, 10 and 15 pixels (one read alone can drop or change a digit: "97,5" read "8738"): at least two
    votes and more than any other figure; None when no figure wins."""
    votes: Counter[str] = Counter([text] if _FIGURE.match(text) else [])
    for border in (5, 10, 15):
        words = _read(_padded(ink, border), options, config)
        read = joined([words["text"][i].strip() for i in _words(words)])
        if _FIGURE.match(read):
            votes[read] += 1
        ranked = votes.most_common(2)
        if border == 10 and len(ranked) == 1 and ranked[0][1] >= 2:
            return ranked[0][0]  # every read so far agrees: the third is not needed
    ranked = votes.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _ink_only(image: Any) -> Any:
    """The image cut to its ink: a number alone at the top of a tall empty cell is misread otherwise.
    Rows and columns with a lone dark pixel (a photocopy's speckle) do not count: a speckle beside
    "25,3" had it read "253,3"."""
    import numpy as np

    pixels = np.asarray(image.convert("L"))
    ink = pixels < min(int(np.median(pixels)) - 80, 175)
    rows = np.nonzero(ink.sum(axis=1) >= 2)[0]
    columns = np.nonzero(ink.sum(axis=0) >= 2)[0]
    if not len(rows) or not len(columns):
        return image
    return image.crop((int(columns.min()), int(rows.min()), int(columns.max()) + 1, int(rows.max()) + 1))


def _padded(image: Any, border: int) -> Any:
    from PIL import ImageOps

    return ImageOps.expand(image, border=border, fill=255)

"""Pictures of a report: a phone photo of a printed page, a page scanned to PNG, JPEG or a
multi-page TIFF, and the pictures inside a Word file (a signed annex scanned and pasted in).

What officials send is often no document at all but a picture of one; its words are read by OCR
(`ingest.ocr`) as a scanned PDF page is, each frame a page, and marked so (the citation says the
text was read by OCR). In a Word file each picture large enough to hold text is read where it
stands, between the paragraphs around it; a logo, a stamp or a signature is too small to be a page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest import ocr
from ingest.loaders import IngestError, LoadedText, ReadOptions
from ingest.markup import page_mark, picture_close, picture_open
from ingest.messages import message

# A picture in a Word file smaller than this on either side (pixels) is a logo, a stamp or a
# signature, not a page or a table of text.
MIN_TEXT_PICTURE_SIDE = 300
MIN_WORDS = 3  # a picture read to fewer words than this held no text (a photo, a chart's axis)


def load_picture(data: bytes, source: str, options: ReadOptions) -> LoadedText:
    """Each frame of the picture read by OCR as a page of its own."""
    if not ocr.available(options):
        raise IngestError(source, message("ocr.picture_missing"))
    try:
        frames = ocr.picture_frames(data)
    except ocr.OcrFailed as error:
        raise IngestError(source, message("ocr.picture_unreadable", reason=str(error))) from error
    result = ocr.read_each(range(1, len(frames) + 1), lambda number: ocr.read_frame(frames[number - 1], options), options)
    if not result.texts:
        reason = next(iter(result.failed), "không có chữ")
        raise IngestError(source, message("ocr.picture_nothing_read", reason=reason))
    lines = [line for number, page in result.texts.items() for line in (page_mark(number, ocr=True), *page.text.split("\n"), "")]
    notes = [*result.failure_notes(), message("ocr.picture_read", confidence=result.confidence)]
    return LoadedText("\n".join(lines), notes=notes, ocr_pages=list(result.texts))


@dataclass
class PictureReader:
    """Reads the pictures of one document in place, and says afterwards what it read and what not."""

    options: ReadOptions = field(default_factory=ReadOptions)
    confidences: list[float] = field(default_factory=list)
    unread: dict[str, int] = field(default_factory=dict)

    def lines(self, blob: bytes) -> list[str]:
        """The text of a picture file's frames, each between its marks; nothing for a small or
        wordless picture, or one Pillow cannot open (a vector drawing: EMF, WMF)."""
        try:
            frames = ocr.picture_frames(blob)
        except ocr.OcrFailed:
            return []
        return [line for frame in frames for line in self.frame_lines(frame)]

    def frame_lines(self, frame: Any) -> list[str]:
        """The text of one picture between its marks, or nothing (see `lines`)."""
        if min(frame.size) < MIN_TEXT_PICTURE_SIDE:
            return []
        if not ocr.available(self.options):
            self._unread(message("ocr.picture_missing_reason"))
            return []
        try:
            page = ocr.read_frame(frame, self.options)
        except (ocr.OcrFailed, ocr.OcrUnavailable) as error:
            self._unread(ocr.failure_reason(error, self.options))
            return []
        if sum(any(char.isalnum() for char in word) for word in page.text.split()) < MIN_WORDS:
            return []
        self.confidences.append(page.confidence)
        return [picture_open(), *page.text.split("\n"), picture_close(), ""]

    def _unread(self, reason: str) -> None:
        self.unread[reason] = self.unread.get(reason, 0) + 1

    def notes(self) -> list[str]:
        notes = [message("ocr.pictures_failed", count=count, reason=reason) for reason, count in self.unread.items()]
        if self.confidences:
            confidence = round(sum(self.confidences) / len(self.confidences))
            notes.append(message("ocr.pictures_read", count=len(self.confidences), confidence=confidence))
        return notes


def picture_blobs(part: Any, element: Any) -> list[bytes]:
    """The bytes of each picture drawn in `element` (a Word paragraph's XML), in order: DrawingML's
    `a:blip` and the older VML `v:imagedata` (a .doc converted by LibreOffice keeps either)."""
    blobs: list[bytes] = []
    seen: set[str] = set()  # Word writes a picture twice, as DrawingML and as its VML fallback
    for node in element.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        if tag not in {"blip", "imagedata"}:
            continue
        for name, value in node.attrib.items():
            if name.rsplit("}", 1)[-1] in {"embed", "id"} and name.startswith("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"):
                related = part.related_parts.get(value)
                if related is not None and getattr(related, "blob", None) and value not in seen:
                    seen.add(value)
                    blobs.append(related.blob)
    return blobs

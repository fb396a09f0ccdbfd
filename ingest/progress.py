"""Progress that follows the real work: files read, texts embedded, with an estimate of the time left.

An ingest reads files (fast, unless a scan is read by OCR or a legacy file converted) and embeds
texts (the bulk of the time), in bulk steps of several files. How many texts the files not read yet
hold is unknown until they are read, so the total is an estimate: the texts known so far plus, for
each file still to read, the average of the files read. The time left is measured the same way:
seconds per file read and per text embedded so far, times what remains.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class IngestProgress:
    """Where an ingest stands; sent to the progress callback after each step of work."""

    stage: str  # "read" (a file, maybe page by page), "embed" (texts into vectors), "write", "done"
    source: str  # the file being read ("" while a step of several files is embedded or written)
    files_done: int  # files read (parsed, or failed)
    files_total: int
    texts_done: int  # texts embedded (chunks and sentences)
    texts_total: int  # texts known so far plus the estimate for the files not read yet
    pages_done: int = 0  # pages of the file being read by OCR
    pages_total: int = 0
    elapsed_s: float = 0.0
    eta_s: float | None = None  # None until something has been measured

    def as_dict(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}


ProgressCallback = Callable[[IngestProgress], None]


class ProgressTracker:
    """Counts the work done and estimates the rest; tells `callback` (if any) after each change."""

    def __init__(self, files_total: int, callback: ProgressCallback | None) -> None:
        self.callback = callback
        self.files_total = files_total
        self.files_read = 0
        self.texts_known = 0  # texts of the files read so far
        self.texts_done = 0
        self.read_s = 0.0
        self.embed_s = 0.0
        self.started = time.monotonic()
        self._mark = self.started
        self.source = ""
        self.stage = "read"
        self.pages_done = 0
        self.pages_total = 0

    # -- what happened ---------------------------------------------------------------------------

    def reading(self, source: str) -> None:
        self._clock()
        self.stage, self.source, self.pages_done, self.pages_total = "read", source, 0, 0
        self._tell()

    def page(self, done: int, total: int) -> None:
        self.pages_done, self.pages_total = done, total
        self._tell()

    def read(self, texts: int) -> None:
        """A file was read; it holds `texts` texts to embed (0 if failed or unchanged)."""
        self.read_s += self._clock()
        self.files_read += 1
        self.texts_known += texts
        self.pages_done = self.pages_total = 0
        self._tell()

    def embedding(self) -> None:
        self.read_s += self._clock()
        self.stage, self.source = "embed", ""
        self._tell()

    def embedded(self, texts: int) -> None:
        self.embed_s += self._clock()
        self.texts_done += texts
        self._tell()

    def skipped(self, texts: int) -> None:
        """Texts that needed no embedding after all (their vectors were stored already)."""
        self.texts_known -= texts

    def writing(self) -> None:
        self.embed_s += self._clock()
        self.stage = "write"
        self._tell()

    def done(self) -> None:
        self._clock()
        self.stage, self.source = "done", ""
        self._tell()

    # -- what it means -----------------------------------------------------------------------------

    def snapshot(self) -> IngestProgress:
        unread = self.files_total - self.files_read
        per_file = self.texts_known / self.files_read if self.files_read else 0.0
        texts_total = max(self.texts_known + round(unread * per_file), self.texts_done)
        return IngestProgress(
            stage=self.stage,
            source=self.source,
            files_done=self.files_read,
            files_total=self.files_total,
            texts_done=self.texts_done,
            texts_total=texts_total,
            pages_done=self.pages_done,
            pages_total=self.pages_total,
            elapsed_s=round(time.monotonic() - self.started, 1),
            eta_s=self._eta(unread, texts_total),
        )

    def _eta(self, unread: int, texts_total: int) -> float | None:
        if self.stage == "done":
            return 0.0
        if not self.texts_done and not self.files_read:
            return None
        per_read = self.read_s / self.files_read if self.files_read else 0.0
        left = unread * per_read
        if texts_total > self.texts_done:
            if not self.texts_done:
                return None  # nothing embedded yet: no rate to go by
            left += (texts_total - self.texts_done) * self.embed_s / self.texts_done
        return round(left, 1)

    def _clock(self) -> float:
        now = time.monotonic()
        spent, self._mark = now - self._mark, now
        return spent

    def _tell(self) -> None:
        if self.callback is not None:
            self.callback(self.snapshot())

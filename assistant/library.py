"""The reports: ingest, list and delete them, and keep the store whole.

Writes in this process go one at a time (a lock), so two uploads never interleave their commits;
writers in other processes or on other nodes are safe without it (see `vectorstore.chroma`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.models import DocumentInfo, IngestReport
from assistant.retrieval import LexicalIndexKeeper
from assistant.settings import IngestSettings
from ingest.loaders import ReadOptions
from ingest.pipeline import Ingestor, expand_paths
from ingest.progress import ProgressCallback
from vectorstore.chroma import ChromaStore, StoreCheck
from vectorstore.glossary import Glossary

logger = logging.getLogger(__name__)


class StoreIntegrityError(RuntimeError):
    """The store lost part of a report: refuse to answer from it until it is repaired."""

    def __init__(self, check: StoreCheck) -> None:
        reports = "; ".join(f"{r.source} ({r.doc_id}: {r.present} of {r.expected} chunks)" for r in check.incomplete)
        super().__init__(
            f"the store is missing chunks of {len(check.incomplete)} report(s): {reports}. "
            "Run `python -m ingest --repair` to drop them, then ingest those files again. / "
            f"Kho thiếu dữ liệu của {len(check.incomplete)} báo cáo: {reports}. Chạy `python -m ingest --repair` "
            "để gỡ các báo cáo này rồi nạp lại tệp."
        )
        self.check = check


class ReportLibrary:
    def __init__(
        self,
        store: ChromaStore,
        embeddings: Embeddings,
        glossary: Glossary,
        lexical: LexicalIndexKeeper,
        ingest: IngestSettings,
        gc_grace_seconds: float,
    ) -> None:
        """`gc_grace_seconds`: how old unseen chunks must be before start-up removes them (0 for the
        embedded store, which has one writer; with a Chroma server another node may be writing)."""
        self.store = store
        self.embeddings = embeddings
        self.glossary = glossary
        self.lexical = lexical
        self.ingest = ingest
        self.gc_grace_seconds = gc_grace_seconds
        self._write_lock = threading.Lock()

    @cached_property
    def ingestor(self) -> Ingestor:
        options = ReadOptions(
            ocr_language=self.ingest.ocr_language,
            ocr_dpi=self.ingest.ocr_dpi,
            ocr_page_timeout=self.ingest.ocr_page_timeout,
            tesseract_command=self.ingest.tesseract_command,
            soffice_command=self.ingest.soffice_command,
            convert_timeout=self.ingest.convert_timeout,
        )
        return Ingestor(
            self.store, self.embeddings, self.glossary, self.ingest.chunk_size, options,
            pooled_chunk_vectors=self.ingest.chunk_vectors == "pooled",
        )

    # -- reading ---------------------------------------------------------------------------------

    def list(self) -> list[DocumentInfo]:
        return [DocumentInfo.model_validate(record) for record in self.store.documents()]

    def get(self, doc_id: str) -> DocumentInfo | None:
        record = self.store.document(doc_id)
        return DocumentInfo.model_validate(record) if record else None

    def counts(self) -> dict[str, int | bool]:
        """Reports and chunks the registry names, chunks in the lexical index, and whether they agree
        (the index is rebuilt from the live chunks whenever the store changes, so they should)."""
        indexed = len(self.lexical.current())
        records = self.store.documents()
        chunks = sum(record.chunk_count for record in records)
        return {"documents": len(records), "chunks": chunks, "indexed": indexed, "consistent": chunks == indexed}

    # -- writing ---------------------------------------------------------------------------------

    def add(
        self,
        data: bytes,
        filename: str,
        overrides: dict[str, str] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> IngestReport:
        """One file; `on_progress` hears of the work as it goes (pages read by OCR, texts embedded)."""
        with self._write_lock:
            return IngestReport.model_validate(self.ingestor.ingest_bytes(data, filename, overrides, on_progress))

    def add_paths(
        self,
        paths: Iterable[Path],
        on_report: Callable[[IngestReport], None] | None = None,
        on_progress: ProgressCallback | None = None,
    ) -> list[IngestReport]:
        """Ingest files and folders (their supported files) in bulk steps (see `Ingestor.ingest_paths`);
        `on_report` hears of each file as soon as it is written, `on_progress` of the work as it goes."""
        notify = (lambda result: on_report(IngestReport.model_validate(result))) if on_report else None
        with self._write_lock:
            results = self.ingestor.ingest_paths(expand_paths(list(paths)), notify, on_progress)
        return [IngestReport.model_validate(result) for result in results]

    def delete(self, doc_id: str) -> bool:
        with self._write_lock:
            return self.store.delete(doc_id)

    # -- integrity -------------------------------------------------------------------------------

    def check(self, repair: bool = False) -> StoreCheck:
        """Remove what no reader can see, then compare the registry with the chunks present.

        With `repair`, a report found incomplete is dropped whole (to be ingested again) rather
        than refused. Unseen chunks younger than the grace period are left alone."""
        removed = self.store.collect_garbage(older_than=self.gc_grace_seconds)
        if removed:
            logger.warning("removed %d chunks no reader could see (an interrupted or superseded ingest)", removed)
        check = self.store.check()
        if repair and check.incomplete:
            with self._write_lock:
                for report in check.incomplete:
                    logger.warning("dropping incomplete report %s (%s)", report.doc_id, report.source)
                    self.store.forget(report.doc_id)
            self.store.collect_garbage()
            check = self.store.check()
        return check

    def verify(self) -> StoreCheck:
        """`check`, refusing a store that lost part of a report (StoreIntegrityError)."""
        check = self.check()
        if not check.consistent:
            raise StoreIntegrityError(check)
        return check


def supported_files(paths: Iterable[Path]) -> list[Path]:
    """Files given directly, plus the supported files found (recursively) in folders, sorted."""
    return expand_paths(list(paths))

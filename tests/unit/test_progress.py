"""Progress follows the work: files read and texts embedded, the total estimated from the files read."""

from ingest.progress import IngestProgress, ProgressTracker


def test_the_total_is_estimated_from_the_files_read_and_the_time_left_from_the_work_done(monkeypatch):
    now = [0.0]
    monkeypatch.setattr("ingest.progress.time.monotonic", lambda: now[0])
    seen: list[IngestProgress] = []
    tracker = ProgressTracker(4, seen.append)
    tracker.reading("a.pdf")
    now[0] = 20.0
    tracker.page(1, 2)
    now[0] = 40.0
    tracker.page(2, 2)
    tracker.read(100)  # a.pdf, read in 40 s, holds 100 texts; 3 files to go: about 300 more
    assert (seen[-1].files_done, seen[-1].texts_total, seen[-1].eta_s) == (1, 400, None)  # nothing embedded yet
    assert (seen[1].source, seen[1].pages_done, seen[1].pages_total) == ("a.pdf", 1, 2)
    tracker.embedding()
    now[0] = 50.0
    tracker.embedded(50)  # 50 texts in 10 s
    state = seen[-1]
    assert (state.stage, state.texts_done, state.texts_total, state.elapsed_s) == ("embed", 50, 400, 50.0)
    assert state.eta_s == 3 * 40.0 + 350 * 0.2  # the files still to read, then the texts still to embed
    tracker.skipped(40)  # 40 of a.pdf's texts had vectors stored already: 60 to embed, and as many per file to come
    assert tracker.snapshot().texts_total == 60 + 3 * 60
    tracker.done()
    assert seen[-1].stage == "done" and seen[-1].eta_s == 0.0

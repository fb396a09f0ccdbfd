"""`python -m ingest PATH...`: ingest report files (or folders of them) into the store, through the service.

Each file is ingested on its own: a bad file is reported with the reason and the rest go on.
The exit status is 1 when any file failed, so scripts notice.

`--check` compares the store's registry with the chunks present (what the server checks at
start-up); `--repair` also drops any report found incomplete, to be ingested again.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from tqdm import tqdm

from assistant.models import IngestProgress, IngestReport
from assistant.service import AssistantService
from assistant.settings import Settings, StoreSettings
from assistant.wiring import build_service

_STATUS = {"added": "đã thêm", "updated": "đã cập nhật", "unchanged": "không đổi", "failed": "LỖI"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest", description="Nạp báo cáo vào kho tra cứu.")
    parser.add_argument(
        "paths", nargs="*", type=Path,
        help="tệp hoặc thư mục (.txt .md .docx .pdf .html .doc .rtf .odt .xlsx .xls .ods, ảnh .jpg .png .tif)",
    )
    parser.add_argument("--check", action="store_true", help="kiểm tra kho: sổ đăng ký khớp với các đoạn đã lưu")
    parser.add_argument("--repair", action="store_true", help="như --check, và gỡ các báo cáo bị thiếu đoạn")
    parser.add_argument("--data-dir", type=Path, help="thư mục lưu kho (mặc định: ASSISTANT_DATA_DIR)")
    parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")

    store = StoreSettings(data_dir=args.data_dir) if args.data_dir else StoreSettings()
    service = build_service(Settings(store=store))
    if args.check or args.repair:
        return check(service, repair=args.repair)
    if not args.paths:
        parser.error("cần ít nhất một tệp hoặc thư mục (hoặc --check / --repair)")
    files = service.files_in(args.paths)
    missing = [path for path in files if not path.exists()]
    for path in missing:
        print(f"LỖI {path}: không tìm thấy tệp", file=sys.stderr)
    files = [path for path in files if path.exists()]
    if not files and not missing:
        print("Không có tệp nào để nạp.", file=sys.stderr)
        return 1

    with tqdm(
        total=len(files), disable=args.quiet, file=sys.stderr, bar_format=_BAR, dynamic_ncols=True, mininterval=0.5
    ) as bar:

        def show(report: IngestReport) -> None:
            detail = f"{report.chunks} đoạn, {report.embedded} đoạn mới nhúng" if report.status != "failed" else report.error
            tqdm.write(f"{_STATUS.get(report.status, report.status):>12}  {report.source}: {detail}", file=sys.stderr)
            for note in report.notes:
                tqdm.write(f"{'':>12}  ⚠ {note}", file=sys.stderr)

        def progress(state: IngestProgress) -> None:
            """The bar follows the texts embedded out of the total known so far (estimated for the
            files not read yet); the line says which file is read (and its OCR page) and the time left."""
            bar.total = max(state.texts_total, state.texts_done, 1)
            bar.n = state.texts_done
            bar.set_postfix_str(describe(state), refresh=False)
            bar.refresh()

        reports = service.add_paths(files, on_report=show, on_progress=None if args.quiet else progress)
    failed = len(missing) + sum(report.status == "failed" for report in reports)
    # Build the search index now and save it, so the server loads it instead of building it at start.
    print("Đang lập chỉ mục tìm kiếm…", file=sys.stderr)
    service.warm_up()
    counts = service.health()
    print(f"Kho hiện có {counts['documents']} báo cáo, {counts['chunks']} đoạn.", file=sys.stderr)
    return 1 if failed else 0


_BAR = "{percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} đoạn và câu đã nhúng [{elapsed}] {postfix}"
_STAGES = {"read": "đang đọc", "embed": "đang nhúng", "write": "đang ghi vào kho", "done": "xong"}


def describe(state: IngestProgress) -> str:
    """"tệp 3/129 · đang đọc bao-cao.pdf (OCR trang 2/9) · còn khoảng 4 phút"."""
    stage = state.stage
    doing = _STAGES.get(stage, stage)
    source = state.source
    if stage == "read" and source:
        doing = f"{doing} {source[:40]}"
        if state.pages_total:
            doing += f" (OCR trang {state.pages_done}/{state.pages_total})"
    parts = [f"tệp {state.files_done}/{state.files_total}", doing]
    eta = state.eta_s
    if eta is not None and stage != "done":
        parts.append(f"còn khoảng {duration(eta)}")
    return " · ".join(parts)


def duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} giây"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} phút {seconds} giây" if minutes < 10 and seconds else f"{minutes} phút"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes} phút"


def check(service: AssistantService, repair: bool) -> int:
    """Print what the store check found; exit 1 when a report is (still) incomplete."""
    result = service.check_store(repair=repair)
    for report in result.incomplete:
        print(f"THIẾU  {report.source} ({report.doc_id}): {report.present}/{report.expected} đoạn", file=sys.stderr)
    state = "khớp" if result.consistent else "KHÔNG khớp: chạy lại với --repair rồi nạp lại các tệp trên"
    print(f"Kho có {result.documents} báo cáo, {result.chunks} đoạn; sổ đăng ký {state}.", file=sys.stderr)
    return 0 if result.consistent else 1


if __name__ == "__main__":
    sys.exit(main())

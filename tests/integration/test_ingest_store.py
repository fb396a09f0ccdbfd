"""Ingest into a real Chroma (a temporary folder, and a real Chroma server) with fake embeddings:
ids, idempotence, atomicity."""

from pathlib import Path

import pytest

from assistant.retrieval import FIGURES_SUFFIX, LEXICAL_FORMAT
from ingest.pipeline import parse_report
from vectorstore.glossary import Glossary
from vectorstore.records import SECTION_SEPARATOR

REPORT = """BÁO CÁO TÓM TẮT
SƠ KẾT CÔNG TÁC 6 THÁNG ĐẦU NĂM 2023
I. SỐ LIỆU TỔNG QUAN
Doanh thu toàn ngành ước đạt 1.614.206 tỷ đồng.
II. VIỄN THÔNG
1. Hạ tầng
- Tỷ lệ hộ gia đình sử dụng cáp quang ước đạt 77,1%.
2. Nhiệm vụ 6 tháng cuối năm 2023
- Phủ sóng 5G tại các khu công nghiệp.
"""


def test_report_metadata_and_section_paths_from_the_text():
    parsed = parse_report(REPORT.encode(), "bao-cao-2023.txt", Glossary.load(), chunk_size=1000)
    record = parsed.record
    assert record.title == "Báo cáo tóm tắt sơ kết công tác 6 tháng đầu năm 2023"
    assert (record.period, record.year) == ("6 tháng đầu năm 2023", 2023)
    sections = {chunk.section: chunk for chunk in parsed.chunks}
    fiber = sections[SECTION_SEPARATOR.join(("II. VIỄN THÔNG", "1. Hạ tầng"))]
    assert "77,1%" in fiber.text
    assert fiber.period == "6 tháng đầu năm 2023"
    plan = sections[SECTION_SEPARATOR.join(("II. VIỄN THÔNG", "2. Nhiệm vụ 6 tháng cuối năm 2023"))]
    assert plan.period == "6 tháng cuối năm 2023"


def test_a_news_item_is_of_the_period_its_figures_are_not_of_when_they_were_published():
    news = (
        "Mỗi ngày có hơn 6 triệu bưu gửi được chuyển phát\n"
        "Theo số liệu của Vụ Bưu chính công bố đầu năm 2024, năm 2023 doanh thu dịch vụ bưu chính đạt "
        "58.900 tỷ đồng, tăng 10,7% so với năm 2022.\n\n"
        "Bưu gửi phát sinh từ thương mại điện tử (TMĐT) chiếm khoảng 80% tổng sản lượng.\n"
    )
    parsed = parse_report(news.encode(), "buu-chinh.txt", Glossary.load(), chunk_size=1000)
    assert (parsed.record.period, parsed.record.year) == ("năm 2023", 2023)
    assert all(chunk.doc_period == "năm 2023" for chunk in parsed.chunks)
    cited = (
        "Dịch vụ công trực tuyến mức độ 4 vượt mốc 50%\n"
        "Hà Nội - Theo báo cáo của Cục Tin học hóa (Bộ TT&TT) tháng 1/2022, đến hết năm 2021 tỷ lệ dịch vụ công "
        "trực tuyến mức độ 4 đạt 53,73%. Tuy nhiên, tỷ lệ hồ sơ được xử lý trực tuyến mới đạt 26,8%.\n"
    )
    parsed = parse_report(cited.encode(), "dvctt.txt", Glossary.load(), chunk_size=1000)
    assert parsed.record.period == "năm 2021"  # the source's date is not what its figures are of


def test_chunk_ids_are_stable_content_hashes():
    first = parse_report(REPORT.encode(), "a.txt", Glossary.load(), 1000)
    again = parse_report(REPORT.encode(), "a.txt", Glossary.load(), 1000)
    assert [c.chunk_id for c in first.chunks] == [c.chunk_id for c in again.chunks]
    edited = parse_report(REPORT.replace("77,1%", "78%").encode(), "a.txt", Glossary.load(), 1000)
    assert edited.record.version != first.record.version


def test_long_sections_are_split_under_the_chunk_size():
    body = "\n".join(f"- Chỉ tiêu số {i} đạt {i},5% so với kế hoạch năm và tăng so với cùng kỳ." for i in range(60))
    parsed = parse_report(f"I. KẾT QUẢ\n{body}".encode(), "dai.txt", Glossary.load(), chunk_size=400)
    assert len(parsed.chunks) > 5
    assert all(len(chunk.text) <= 400 for chunk in parsed.chunks)
    assert all(chunk.section_path == ("I. KẾT QUẢ",) for chunk in parsed.chunks)


def test_sidecar_metadata_overrides_what_the_text_says(fake_service, tmp_path: Path):
    path = tmp_path / "tin.txt"
    path.write_text("Hội nghị đã diễn ra với nhiều kết quả nổi bật trong 6 tháng đầu năm 2021.", "utf-8")
    (tmp_path / "tin.txt.meta.json").write_text('{"title": "Tin hội nghị sơ kết", "period": "năm 2021"}', "utf-8")
    report = fake_service.add_paths([path])[0]
    assert report.document.title == "Tin hội nghị sơ kết"
    assert report.document.period == "năm 2021"


def test_reingesting_the_same_file_changes_nothing(fake_service):
    first = fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    assert first.status == "added"
    chunks = fake_service.components.store.count()
    again = fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    assert again.status == "unchanged"
    assert again.embedded == 0
    assert fake_service.components.store.count() == chunks
    assert len(fake_service.list_documents()) == 1


def test_an_edited_file_replaces_its_old_chunks(fake_service):
    fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    edited = REPORT.replace("77,1%", "80,5%")
    report = fake_service.add_document(edited.encode(), "bao-cao.txt")
    assert report.status == "updated"
    assert report.embedded == 1  # only the changed chunk is embedded again
    texts = " ".join(chunk.text for chunk in fake_service.components.store.live_chunks())
    assert "80,5%" in texts and "77,1%" not in texts
    assert fake_service.components.store.count() == report.chunks


def test_a_bad_file_fails_alone_and_leaves_the_store_as_it_was(fake_service, tmp_path: Path):
    fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    before = (fake_service.components.store.count(), [d.doc_id for d in fake_service.list_documents()])
    good = tmp_path / "tot.txt"
    good.write_text("I. TỔNG QUAN\nSố thuê bao băng rộng di động đạt 85,7 triệu.", "utf-8")
    bad_pdf = tmp_path / "hong.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 this is not really a pdf")
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    reports = fake_service.add_paths([bad_pdf, good, empty])
    assert [r.status for r in reports] == ["failed", "added", "failed"]
    assert "PDF" in reports[0].error and reports[0].source == "hong.pdf"
    assert "rỗng" in reports[2].error
    assert before[1][0] in [d.doc_id for d in fake_service.list_documents()]
    assert fake_service.components.store.count() == before[0] + reports[1].chunks


def test_a_crash_before_the_commit_leaves_the_old_version_whole(fake_service, monkeypatch):
    fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    old_texts = sorted(chunk.text for chunk in fake_service.components.store.live_chunks())
    store = fake_service.components.store
    original_upsert = store._registry.upsert

    def crash(*args, **kwargs):
        raise RuntimeError("killed before the commit")

    monkeypatch.setattr(store._registry, "upsert", crash)
    with pytest.raises(RuntimeError):
        fake_service.add_document(REPORT.replace("77,1%", "99%").encode(), "bao-cao.txt")
    monkeypatch.setattr(store._registry, "upsert", original_upsert)

    assert sorted(chunk.text for chunk in store.live_chunks()) == old_texts
    assert "99%" not in " ".join(hit.text for hit in fake_service.search("cáp quang hộ gia đình", 5))
    assert store.collect_garbage() > 0  # the half-written new version is removed
    assert sorted(chunk.text for chunk in store.live_chunks()) == old_texts


def test_delete_removes_the_report_and_its_chunks(fake_service):
    report = fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    assert fake_service.delete_document(report.doc_id)
    assert fake_service.list_documents() == []
    assert fake_service.components.store.count() == 0
    assert fake_service.search("cáp quang") == []
    assert not fake_service.delete_document(report.doc_id)


def test_path_traversal_names_are_reduced_to_the_file_name(fake_service):
    report = fake_service.add_document(REPORT.encode(), "../../etc/bao-cao.txt")
    assert report.source == "bao-cao.txt"


def test_the_store_survives_a_restart(tmp_path: Path, store_mode: dict[str, str]):
    from tests.support import fake_service_settings

    first = fake_service_settings(tmp_path, **store_mode)
    first.add_document(REPORT.encode(), "bao-cao.txt")
    reopened = fake_service_settings(tmp_path, **store_mode)
    assert [d.source for d in reopened.list_documents()] == ["bao-cao.txt"]
    assert reopened.search("cap quang ho gia dinh", 1)[0].source == "bao-cao.txt"


def test_the_lexical_index_is_saved_and_a_new_process_loads_it(fake_service, tmp_path, monkeypatch):
    from tests.support import fake_service_settings

    fake_service.add_document(REPORT.encode(), "bao-cao.txt")
    expected = fake_service.search("cáp quang hộ gia đình", 3)
    glossary = Glossary.load().fingerprint
    # the store's state, the glossary's tokens, what the index holds besides them
    name = f"{fake_service.components.store.state_token()}-{glossary}-{LEXICAL_FORMAT}"
    assert (fake_service.settings.store.data_dir / "lexical" / name).is_dir()

    settings = fake_service.settings
    restarted = fake_service_settings(settings.store.data_dir, chroma_url=settings.store.chroma_url, collection=settings.store.collection)
    monkeypatch.setattr(restarted.components.store, "live_chunks", lambda: pytest.fail("rebuilt instead of loaded"))
    assert restarted.search("cáp quang hộ gia đình", 3) == expected

    monkeypatch.undo()
    restarted.add_document(REPORT.replace("77,1%", "99%").encode(), "bao-cao-2.txt")
    assert "99%" in " ".join(hit.text for hit in restarted.search("cáp quang hộ gia đình", 5))
    name = f"{restarted.components.store.state_token()}-{glossary}-{LEXICAL_FORMAT}"
    # Only the current state's indexes are kept: the lexical one and the figure index beside it.
    assert sorted(folder.name for folder in (fake_service.settings.store.data_dir / "lexical").iterdir()) == [name, f"{name}{FIGURES_SUFFIX}"]

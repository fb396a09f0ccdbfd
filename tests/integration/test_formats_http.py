"""Each format as an official would upload it, over real HTTP, into a real store with the real model;
each figure it holds is then asked, and answered with its own file cited: a Word report with a
table, a text PDF with a ruled table, an old Word .doc (LibreOffice made it from a .docx), a scanned
PDF (an image of the text, read by OCR), an Excel annex, a phone photo of a page and a Word report
whose annex is a scan pasted in as a picture (both read by OCR)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator

import httpx
import pytest

from assistant.settings import Settings
from assistant.wiring import build_service
from bench.scanned import photographed_page, table_page
from tests.support import (
    LiveServer,
    build_docx_report,
    build_docx_with_pictures,
    build_pdf_report,
    build_scanned_pdf,
    build_scanned_table_pdf,
    build_xlsx,
    convert_with_libreoffice,
    png,
)

pytestmark = pytest.mark.slow

HEADER = ["Chỉ tiêu", "Kế hoạch năm 2025", "Thực hiện 10 tháng"]


def word() -> bytes:
    return build_docx_report(
        [("Title", "BÁO CÁO KẾT QUẢ CÔNG TÁC BƯU CHÍNH 10 THÁNG NĂM 2025"), ("Heading 1", "I. KẾT QUẢ"),
         ("Normal", "Doanh thu dịch vụ bưu chính công ích ước đạt 3.415 tỷ đồng.")],
        tables=[("Bảng 1. Mạng lưới bưu chính", [HEADER, ["Tỷ lệ xã có điểm phục vụ bưu chính", "100%", "97,2%"]])],
    )


def pdf() -> bytes:
    return build_pdf_report(
        ["BÁO CÁO KẾT QUẢ CÔNG TÁC VIỄN THÔNG 10 THÁNG NĂM 2025", "I. HẠ TẦNG VIỄN THÔNG"],
        tables=[("Bảng 2. Băng rộng", [HEADER, ["Số thuê bao băng rộng cố định", "25 triệu", "24,3 triệu"]])],
    )


def old_word() -> bytes:
    docx = build_docx_report(
        [("Title", "BÁO CÁO CÔNG TÁC BÁO CHÍ NĂM 2024"), ("Heading 1", "I. BÁO CHÍ"),
         ("Normal", "Số thẻ nhà báo được cấp mới trong năm 2024 là 1.862 thẻ.")],
        tables=[("Bảng 3. Cơ quan báo chí", [["Chỉ tiêu", "Kế hoạch năm 2024", "Thực hiện năm 2024"], ["Số cơ quan báo in", "130", "127"]])],
    )
    return convert_with_libreoffice(docx, ".docx", "doc")


@functools.lru_cache(maxsize=1)
def scan() -> bytes:
    return build_scanned_pdf([
        "BÁO CÁO CHUYỂN ĐỔI SỐ QUÝ III NĂM 2025",
        "I. KINH TẾ SỐ",
        "1. Số doanh nghiệp công nghệ số đang hoạt động đạt 73.000 doanh nghiệp.",
        "2. Tỷ lệ dịch vụ công trực tuyến toàn trình đạt 56,8%.",
    ])


@functools.lru_cache(maxsize=1)
def scanned_annex() -> bytes:
    """A ruled annex table, scanned: a merged header over plan and result."""
    return build_scanned_table_pdf(
        ["PHỤ LỤC: CHỈ TIÊU BÁO CHÍ NĂM 2025"],
        [
            ["Chỉ tiêu", "ĐVT", "Năm 2025", None],
            ["", "", "Kế hoạch", "Thực hiện"],
            ["Số cơ quan báo chí điện tử", "cơ quan", "120", "118"],
            ["Số trang thông tin điện tử tổng hợp", "trang", "1.600", "1.714"],
        ],
        [2.9, 1.1, 1.3, 1.3],
    )


@functools.lru_cache(maxsize=1)
def photo() -> bytes:
    return photographed_page([
        "BÁO CÁO NHANH",
        "Kết quả công tác tháng 10 năm 2025 của Sở Thông tin và Truyền thông",
        "I. BƯU CHÍNH",
        "1. Sản lượng bưu gửi tháng 10 năm 2025 ước đạt 424 triệu bưu gửi.",
    ])


def word_with_scanned_annex() -> bytes:
    annex = table_page(
        ["PHỤ LỤC: HẠ TẦNG SỐ NĂM 2025"],
        [["Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"], ["Số trạm BTS 5G", "trạm", "8.000", "7.300"]],
        [2.6, 1.0, 1.2, 1.2],
        dpi=200,
    )
    return build_docx_with_pictures(
        ["BÁO CÁO HẠ TẦNG SỐ NĂM 2025", "I. KẾT QUẢ", "Hạ tầng số tiếp tục được đầu tư mở rộng."],
        [(png(annex.crop((0, 0, annex.width, annex.height // 3))), 6.0)],
        ["Nơi nhận:", "- Lưu: VT."],
    )


def excel() -> bytes:
    return build_xlsx(
        {"An toàn thông tin": [
            HEADER,
            ["Doanh thu an toàn thông tin mạng (tỷ đồng)", 5000, 4312.5],
            ["Tỷ lệ hệ thống thông tin được phê duyệt cấp độ", 1, 0.884],
        ]},
        {"An toàn thông tin!B2": "#,##0", "An toàn thông tin!C2": "#,##0.0", "An toàn thông tin!B3": "0%",
         "An toàn thông tin!C3": "0.0%"},
    )


FILES = {
    "bao-cao-buu-chinh.docx": word,
    "bao-cao-vien-thong.pdf": pdf,
    "bao-cao-bao-chi.doc": old_word,
    "ban-quet-chuyen-doi-so.pdf": scan,
    "phu-luc-attt.xlsx": excel,
    "ban-quet-phu-luc-bao-chi.pdf": scanned_annex,
    "anh-chup-bao-cao-thang-10.jpg": photo,
    "bao-cao-ha-tang-phu-luc-quet.docx": word_with_scanned_annex,
}
READ_BY_OCR = {"ban-quet-chuyen-doi-so.pdf", "ban-quet-phu-luc-bao-chi.pdf", "anh-chup-bao-cao-thang-10.jpg", "bao-cao-ha-tang-phu-luc-quet.docx"}
# (question, figure the answer must state, file it must cite)
QUESTIONS = [
    ("Tỷ lệ xã có điểm phục vụ bưu chính thực hiện 10 tháng năm 2025 là bao nhiêu?", "97,2%", "bao-cao-buu-chinh.docx"),
    ("Doanh thu dịch vụ bưu chính công ích đạt bao nhiêu?", "3.415 tỷ đồng", "bao-cao-buu-chinh.docx"),
    ("Số thuê bao băng rộng cố định thực hiện 10 tháng là bao nhiêu?", "24,3 triệu", "bao-cao-vien-thong.pdf"),
    ("Số thẻ nhà báo được cấp mới năm 2024 là bao nhiêu?", "1.862", "bao-cao-bao-chi.doc"),
    ("Số cơ quan báo in thực hiện năm 2024 là bao nhiêu?", "127", "bao-cao-bao-chi.doc"),
    ("Có bao nhiêu doanh nghiệp công nghệ số đang hoạt động?", "73.000", "ban-quet-chuyen-doi-so.pdf"),
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình đạt bao nhiêu?", "56,8%", "ban-quet-chuyen-doi-so.pdf"),
    ("Doanh thu an toàn thông tin mạng thực hiện 10 tháng là bao nhiêu?", "4.312,5", "phu-luc-attt.xlsx"),
    ("Tỷ lệ hệ thống thông tin được phê duyệt cấp độ thực hiện 10 tháng là bao nhiêu?", "88,4%", "phu-luc-attt.xlsx"),
    ("Số trang thông tin điện tử tổng hợp năm 2025 là bao nhiêu?", "Thực hiện: 1.714", "ban-quet-phu-luc-bao-chi.pdf"),
    ("Kế hoạch số cơ quan báo chí điện tử năm 2025", "Kế hoạch: 120", "ban-quet-phu-luc-bao-chi.pdf"),
    ("Sản lượng bưu gửi tháng 10 năm 2025 là bao nhiêu?", "424 triệu", "anh-chup-bao-cao-thang-10.jpg"),
    ("Số trạm BTS 5G thực hiện năm 2025 là bao nhiêu?", "7.300", "bao-cao-ha-tang-phu-luc-quet.docx"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A real server over an empty store of its own, with the real embedding model."""
    settings = Settings.from_variables(data_dir=tmp_path_factory.mktemp("formats"), rate_limit="100000/minute")
    service = build_service(settings)
    with LiveServer.start(settings, service) as server, httpx.Client(base_url=server.url, timeout=600) as http:
        yield http


@pytest.fixture(scope="module")
def uploaded(client: httpx.Client) -> dict[str, dict]:
    """Every file uploaded over HTTP; the scan through the progress stream."""
    reports: dict[str, dict] = {}
    for name, make in FILES.items():
        if name == "ban-quet-chuyen-doi-so.pdf":
            continue  # uploaded below, through the progress stream
        response = client.post("/v1/documents", files={"file": (name, make())})
        assert response.status_code == 201, response.text
        reports[name] = response.json()
    name = "ban-quet-chuyen-doi-so.pdf"
    with client.stream("POST", "/v1/documents/stream", files={"file": (name, scan())}) as response:
        assert response.status_code == 200
        events = list(server_sent_events(response.iter_lines()))
    progress = [data for kind, data in events if kind == "progress"]
    assert any(state["stage"] == "read" and state["pages_total"] == 1 for state in progress), progress
    assert any(state["stage"] == "embed" and 0 < state["texts_done"] <= state["texts_total"] for state in progress)
    assert events[-1][0] == "done", events[-1]
    reports[name] = events[-1][1]
    return reports


def server_sent_events(lines: Iterator[str]) -> Iterator[tuple[str, dict]]:
    kind, data = "message", []
    for line in lines:
        if not line:
            if data:
                yield kind, json.loads("\n".join(data))
            kind, data = "message", []
        elif line.startswith("event:"):
            kind = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())


def test_every_format_is_stored_and_the_scan_is_marked_as_read_by_ocr(client: httpx.Client, uploaded: dict[str, dict]):
    assert all(report["status"] == "added" and report["chunks"] > 0 for report in uploaded.values())
    assert any("LibreOffice" in note for note in uploaded["bao-cao-bao-chi.doc"]["notes"])
    listed = {document["source"]: document for document in client.get("/v1/documents").json()}
    assert set(listed) == set(FILES)
    assert listed["ban-quet-chuyen-doi-so.pdf"]["ocr_pages"] == 1
    assert listed["ban-quet-phu-luc-bao-chi.pdf"]["ocr_pages"] == 1
    assert listed["anh-chup-bao-cao-thang-10.jpg"]["ocr_pages"] == 1
    assert all(listed[name]["ocr_pages"] == 0 for name in FILES if name not in READ_BY_OCR or name.endswith(".docx"))
    assert any("1 hình ảnh" in note for note in uploaded["bao-cao-ha-tang-phu-luc-quet.docx"]["notes"])


@pytest.mark.parametrize(("question", "figure", "source"), QUESTIONS, ids=[q[0][:40] for q in QUESTIONS])
def test_each_figure_is_answered_with_its_own_file_cited(
    client: httpx.Client, uploaded: dict[str, dict], question: str, figure: str, source: str
):
    answer = client.post("/v1/ask", json={"question": question}).json()
    assert answer["answered"], answer
    assert figure in answer["answer"], answer["answer"]
    cited = [citation for citation in answer["citations"] if figure in citation["quote"]]
    assert cited and cited[0]["source"] == source, answer["citations"]
    if source.endswith((".pdf", ".jpg")):
        assert cited[0]["page"] == "1"
    assert cited[0]["ocr"] is (source in READ_BY_OCR)


def test_uploading_the_same_scan_again_reads_nothing_again(client: httpx.Client, uploaded: dict[str, dict]):
    response = client.post("/v1/documents", files={"file": ("ban-quet-chuyen-doi-so.pdf", scan())})
    assert response.status_code == 200 and response.json()["status"] == "unchanged"

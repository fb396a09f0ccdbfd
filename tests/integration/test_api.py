"""The HTTP API through a real uvicorn server on 127.0.0.1."""

import httpx
import pytest

from tests.support import build_docx

pytestmark = pytest.mark.slow


@pytest.fixture()
def client(live_server):
    with httpx.Client(base_url=live_server.url, timeout=60) as client:
        yield client


def test_ask_returns_the_documented_shape(client):
    response = client.post("/v1/ask", json={"question": "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"answer", "answered", "citations", "latency_ms"}
    assert body["answered"] and "27.477 tỷ đồng" in body["answer"]
    assert set(body["citations"][0]) >= {"n", "source", "title", "section", "quote"}
    assert body["citations"][0]["source"] == "003_d64712951b28f459.txt"
    assert body["latency_ms"] < 1000


def test_ask_with_top_k(client):
    response = client.post("/v1/ask", json={"question": "so thue bao bang rong di dong nam 2023", "top_k": 3})
    assert response.status_code == 200
    assert "85,7 triệu" in response.json()["answer"]


def test_search_returns_ranked_chunks(client):
    response = client.post("/v1/search", json={"query": "thẻ nhà báo", "k": 3})
    hits = response.json()
    assert response.status_code == 200 and len(hits) == 3
    assert set(hits[0]) >= {"text", "source", "title", "section", "score"}
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"question": ""}, "trống"),
        ({"question": "   "}, "trống"),
        ({}, "Thiếu trường"),
        ({"question": 42}, "sai kiểu"),
        ({"question": "x" * 5000}, "quá dài"),
        ({"question": "ok", "top_k": 0}, "giới hạn"),
    ],
)
def test_bad_questions_get_a_vietnamese_422(client, body, fragment):
    response = client.post("/v1/ask", json=body)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def test_invalid_json_gets_a_vietnamese_422(client):
    response = client.post("/v1/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "JSON" in response.json()["detail"]


def test_upload_ask_and_delete_a_report(client):
    docx = build_docx(
        [
            ("Title", "BÁO CÁO THỬ NGHIỆM QUÝ III/2024"),
            ("Heading 1", "I. Bưu chính"),
            ("Normal", "Sản lượng bưu gửi quý III/2024 ước đạt 424 triệu bưu gửi, tăng 12% so với cùng kỳ."),
        ]
    )
    uploaded = client.post("/v1/documents", files={"file": ("thu-nghiem.docx", docx)})
    assert uploaded.status_code == 201, uploaded.text
    doc_id = uploaded.json()["doc_id"]
    assert uploaded.json()["document"]["period"] == "quý III/2024"
    assert any(d["doc_id"] == doc_id for d in client.get("/v1/documents").json())

    again = client.post("/v1/documents", files={"file": ("thu-nghiem.docx", docx)})
    assert again.status_code == 200 and again.json()["status"] == "unchanged"

    answer = client.post("/v1/ask", json={"question": "Sản lượng bưu gửi quý III/2024 ước đạt bao nhiêu?"}).json()
    assert "424 triệu" in answer["answer"]
    assert answer["citations"][0]["source"] == "thu-nghiem.docx"

    assert client.delete(f"/v1/documents/{doc_id}").status_code == 204
    assert client.delete(f"/v1/documents/{doc_id}").status_code == 404
    assert all(d["doc_id"] != doc_id for d in client.get("/v1/documents").json())
    answer = client.post("/v1/ask", json={"question": "Sản lượng bưu gửi quý III/2024 ước đạt bao nhiêu?"}).json()
    assert "424 triệu" not in answer["answer"]


def test_a_corrupt_upload_is_refused_and_changes_nothing(client):
    before = client.get("/v1/documents").json()
    response = client.post("/v1/documents", files={"file": ("hong.pdf", b"%PDF-1.4 garbage")})
    assert response.status_code == 422
    assert "hong.pdf" in response.json()["detail"]
    assert client.get("/v1/documents").json() == before


def test_health_and_openapi_docs(client):
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["documents"] >= 4
    assert client.get("/docs").status_code == 200
    assert "/v1/ask" in client.get("/openapi.json").json()["paths"]

"""The web chat in a real headless Chromium against the real server on 127.0.0.1: what an official
does with it, checked on the page and against the HTTP API's own answers."""

from __future__ import annotations

import base64
import re

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from assistant.prompts import Prompts
from assistant.settings import PROJECT_ROOT
from tests.support import build_docx

pytestmark = pytest.mark.slow

PROMPTS = Prompts(PROJECT_ROOT / "prompts")
FINISHED = re.compile(r"^(done|declined|error)$")


def ask(page: Page, question: str) -> Locator:
    """Type a question, send it with Enter, wait for the answer to finish; returns the answer."""
    before = page.locator(".message.assistant").count()
    page.fill("#question", question)
    page.press("#question", "Enter")
    answer = page.locator(".message.assistant").nth(before)
    expect(answer).to_have_attribute("data-state", FINISHED)
    return answer


def drop_file(page: Page, name: str, data: bytes, mime: str = "application/octet-stream") -> None:
    """Drop a file on the upload zone the way a browser does: a `drop` event carrying a DataTransfer."""
    transfer = page.evaluate_handle(
        """([name, encoded, type]) => {
            const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name, { type }));
            return transfer;
        }""",
        [name, base64.b64encode(data).decode(), mime],
    )
    page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": transfer})
    expect(page.locator("#dropzone")).to_have_class(re.compile("dragging"))
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})


def progress_states(page: Page, answer: Locator) -> list[str]:
    """The states the (only) answer went through, in order, without repeats, ending with its state now."""
    previous = [entry[1] for entry in page.evaluate("window.__progress") if entry[0] == "state"]
    states: list[str] = []
    for state in [*previous, answer.get_attribute("data-state")]:
        if state and (not states or states[-1] != state):
            states.append(state)
    return states


def test_an_example_question_streams_a_cited_answer_and_the_citation_opens(page: Page, api: httpx.Client):
    examples = page.locator(".example")
    expected_examples = api.get("/v1/examples").json()
    expect(examples).to_have_count(len(expected_examples))
    question = examples.first.inner_text()
    assert question == expected_examples[0]

    with page.expect_response("**/v1/ask/stream") as streamed:
        examples.first.click()
    answer = page.locator(".message.assistant").last
    expect(answer).to_have_attribute("data-state", "done")

    # The page received Server-Sent Events, and showed "đang tìm…" before the answer streamed in.
    response = streamed.value
    assert response.headers["content-type"].startswith("text/event-stream")
    body = response.text()
    assert body.index("event: status") < body.index("event: delta") < body.index("event: done")
    assert progress_states(page, answer) == ["searching", "streaming", "done"]
    statuses = [entry[1] for entry in page.evaluate("window.__progress") if entry[0] == "status"]
    assert PROMPTS.get("status_searching") in statuses
    assert PROMPTS.get("status_searching").lower().startswith("đang tìm")

    # What the page shows is exactly the API's answer, with the figure, the question echoed.
    expected = api.post("/v1/ask", json={"question": question}).json()
    assert expected["answered"] and "77,1%" in expected["answer"]
    expect(page.locator(".message.user .question-text").last).to_have_text(question)
    assert answer.locator(".answer").inner_text() == expected["answer"]
    expect(answer.locator(".answer .figure", has_text="77,1%")).to_have_count(1)
    citations = answer.locator(".citations .citation")
    expect(citations).to_have_count(len(expected["citations"]))
    first = expected["citations"][0]
    expect(citations.first.locator(".citation-title")).to_have_text(first["title"])

    # Clicking [1] in the answer shows the quoted passage, its report, period and section.
    answer.locator(".answer .cite-ref", has_text="[1]").first.click()
    dialog = page.locator("#citation-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#citation-title")).to_have_text(first["title"])
    expect(dialog.locator("#citation-period")).to_have_text(first["period"])
    expect(dialog.locator("#citation-section")).to_have_text(first["section"])
    expect(dialog.locator("#citation-source")).to_have_text(first["source"])
    expect(dialog.locator("#citation-quote")).to_have_text(first["quote"])
    expect(dialog.locator("#citation-quote mark", has_text="77,1%")).to_have_count(1)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # The citation list under the answer opens the same passage.
    citations.first.locator(".citation-open").click()
    expect(dialog.locator("#citation-quote")).to_have_text(first["quote"])
    dialog.locator("#citation-close").click()
    expect(dialog).to_be_hidden()


def test_a_multi_sentence_answer_streams_sentence_by_sentence(page: Page, api: httpx.Client):
    question = "Số doanh nghiệp công nghệ số năm 2021 và năm 2023 lần lượt là bao nhiêu?"
    with page.expect_response("**/v1/ask/stream") as streamed:
        answer = ask(page, question)
    expected = api.post("/v1/ask", json={"question": question}).json()
    sentences = expected["answer"].split("\n")
    assert len(sentences) >= 2 and "61.359" in expected["answer"] and "72.000" in expected["answer"]
    assert streamed.value.text().count("event: delta") == len(sentences)
    assert answer.locator(".answer").inner_text() == expected["answer"]
    expect(answer.locator(".citations .citation")).to_have_count(len(expected["citations"]))


def test_a_question_the_reports_cannot_answer_is_declined_plainly(page: Page):
    answer = ask(page, "Bộ Y tế đã cấp bao nhiêu giấy phép hành nghề khám chữa bệnh trong năm 2023?")
    expect(answer).to_have_attribute("data-state", "declined")
    expect(answer.locator(".answer")).to_have_text(PROMPTS.get("decline"))
    expect(answer.locator(".citations")).to_be_hidden()
    expect(answer.locator(".feedback")).to_be_visible()


def test_a_refused_question_shows_the_servers_reason_without_a_retry(page: Page):
    answer = ask(page, "cáp quang " * 200)
    expect(answer).to_have_attribute("data-state", "error")
    expect(answer.locator(".failure-text")).to_contain_text("quá dài")
    expect(answer.locator(".retry")).to_be_hidden()
    expect(page.locator("#send")).to_be_enabled()


def test_a_broken_stream_shows_an_error_and_retry_recovers(page: Page):
    question = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"

    # The connection drops after the first piece of the answer: no `done` ever arrives.
    cut_short = 'event: status\ndata: {"message": "Đang tìm…"}\n\nevent: delta\ndata: {"text": "Doanh thu"}\n\n'
    page.route(
        "**/v1/ask/stream",
        lambda route: route.fulfill(status=200, headers={"content-type": "text/event-stream"}, body=cut_short),
    )
    answer = ask(page, question)
    expect(answer).to_have_attribute("data-state", "error")
    expect(answer.locator(".failure-text")).to_contain_text("gián đoạn")
    expect(answer.locator(".retry")).to_be_visible()
    expect(page.locator("#send")).to_be_enabled()

    # The network fails outright.
    page.unroute("**/v1/ask/stream")
    page.route("**/v1/ask/stream", lambda route: route.abort("connectionreset"))
    answer.locator(".retry").click()
    expect(answer).to_have_attribute("data-state", "error")
    expect(answer.locator(".failure-text")).to_contain_text("Không kết nối được")

    # Back online: "Thử lại" answers the same question in the same place.
    page.unroute("**/v1/ask/stream")
    answer.locator(".retry").click()
    expect(answer).to_have_attribute("data-state", "done")
    expect(answer.locator(".answer")).to_contain_text("27.477 tỷ đồng")
    expect(answer.locator(".failure")).to_be_hidden()
    expect(page.locator(".message.assistant")).to_have_count(1)


def test_upload_by_drag_and_drop_ask_about_it_then_delete_it(page: Page, api: httpx.Client):
    docx = build_docx(
        [
            ("Title", "BÁO CÁO HẠ TẦNG SỐ QUÝ II/2025"),
            ("Heading 1", "I. Viễn thông di động"),
            ("Normal", "Số trạm phát sóng 5G quý II/2025 đạt 8.350 trạm, phủ sóng 63 tỉnh, thành phố."),
            ("Heading 1", "II. Bưu chính"),
            ("Normal", "Mạng bưu chính công cộng có 13.100 điểm phục vụ, ổn định so với quý trước."),
        ]
    )
    documents_before = page.locator("#documents .document").count()
    drop_file(page, "ha-tang-so-q2-2025.docx", docx)

    upload = page.locator("#upload")
    expect(upload).to_have_attribute("data-state", "done")
    expect(page.locator("#upload-progress")).to_have_attribute("value", "100")
    expect(page.locator("#upload-status")).to_contain_text("Đã nạp")
    expect(page.locator("#documents .document")).to_have_count(documents_before + 1)

    listed = next(d for d in api.get("/v1/documents").json() if d["source"] == "ha-tang-so-q2-2025.docx")
    item = page.locator(f"#documents .document[data-doc-id='{listed['doc_id']}']")
    expect(item.locator(".document-title")).to_have_text(listed["title"])
    expect(item.locator(".document-period")).to_have_text("quý II/2025")
    expect(item.locator(".document-chunks")).to_have_text(f"{listed['chunks']} đoạn")
    expect(page.locator("#document-count")).to_have_text(str(documents_before + 1))

    question = "Số trạm phát sóng 5G quý II/2025 đạt bao nhiêu?"
    answer = ask(page, question)
    expect(answer).to_have_attribute("data-state", "done")
    expect(answer.locator(".answer")).to_contain_text("8.350 trạm")
    answer.locator(".answer .cite-ref").first.click()
    expect(page.locator("#citation-source")).to_have_text("ha-tang-so-q2-2025.docx")
    expect(page.locator("#citation-section")).to_contain_text("Viễn thông di động")
    expect(page.locator("#citation-quote mark", has_text="8.350")).to_have_count(1)
    page.keyboard.press("Escape")

    page.once("dialog", lambda dialog: dialog.accept())
    item.locator(".delete").click()
    expect(item).to_have_count(0)
    expect(page.locator("#documents .document")).to_have_count(documents_before)
    assert all(d["doc_id"] != listed["doc_id"] for d in api.get("/v1/documents").json())
    again = ask(page, question)
    expect(again.locator(".answer")).not_to_contain_text("8.350")


# Every text the upload's status line shows, from inside the page: several progress events can arrive
# in one network read and be shown one after the other before an observer's callback runs, so each
# mutation record's added text is kept, not the line's text when the callback runs.
RECORD_UPLOAD_STATUS = """
window.__upload = [];
new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) window.__upload.push(node.textContent);
  }
}).observe(document.querySelector("#upload-status"), { childList: true });
"""


def test_a_scanned_upload_shows_its_pages_read_and_texts_embedded_then_its_notes(page: Page, api: httpx.Client):
    from bench.scanned import scanned_pdf

    lines = [
        "BÁO CÁO QUÉT KIỂM THỬ TIẾN ĐỘ", "I. HẠ TẦNG", "1. Số trạm phát sóng 5G đạt 9.120 trạm.",
        "2. Tỷ lệ thôn có sóng di động đạt 99,6%.", "II. DỊCH VỤ", "1. Số thuê bao 5G đạt 12,4 triệu.",
        "2. Doanh thu dịch vụ số đạt 41.300 tỷ đồng.", "III. NHÂN LỰC", "Nhân lực kỹ thuật số đạt 1,2 triệu người.",
    ]
    page.evaluate(RECORD_UPLOAD_STATUS)
    page.set_input_files(
        "#file-input", files=[{"name": "ban-quet-tien-do.pdf", "mimeType": "application/pdf", "buffer": scanned_pdf(lines, lines_per_page=3)}]
    )
    upload = page.locator("#upload")
    expect(upload).to_have_attribute("data-state", "done", timeout=120_000)
    expect(page.locator("#upload-status")).to_contain_text("Đã nạp")
    expect(page.locator("#upload-notes li", has_text="OCR")).to_have_count(1)
    seen = page.evaluate("window.__upload")
    # the bar followed the work: each scanned page read, then the texts embedded out of their total
    for done in (1, 2, 3):
        assert any(f"(OCR): {done}/3 trang" in text for text in seen), seen
    embedded = [tuple(map(int, m.groups())) for text in seen for m in [re.search(r"(\d+)/(\d+) đoạn và câu", text)] if m]
    assert embedded and embedded[-1][0] == embedded[-1][1] > 0, seen

    listed = next(d for d in api.get("/v1/documents").json() if d["source"] == "ban-quet-tien-do.pdf")
    assert listed["ocr_pages"] == 3
    item = page.locator(f"#documents .document[data-doc-id='{listed['doc_id']}']")
    expect(item.locator(".ocr-badge")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    item.locator(".delete").click()
    expect(item).to_have_count(0)


def test_cancelling_the_delete_confirmation_keeps_the_report(page: Page, api: httpx.Client):
    before = api.get("/v1/documents").json()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.locator("#documents .document .delete").first.click()
    expect(page.locator("#documents .document")).to_have_count(len(before))
    assert api.get("/v1/documents").json() == before


def test_a_bad_file_gets_a_clear_error_and_changes_nothing(page: Page, api: httpx.Client):
    before = api.get("/v1/documents").json()
    page.set_input_files("#file-input", files=[{"name": "hong.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 garbage"}])
    upload = page.locator("#upload")
    expect(upload).to_have_attribute("data-state", "error")
    expect(page.locator("#upload-name")).to_have_text("hong.pdf")
    # The server's own Vietnamese reason, shown as is.
    detail = api.post("/v1/documents", files={"file": ("hong.pdf", b"%PDF-1.4 garbage")}).json()["detail"]
    expect(page.locator("#upload-status")).to_have_text(detail)
    expect(page.locator("#documents .document")).to_have_count(len(before))
    assert api.get("/v1/documents").json() == before


def test_thumbs_up_and_down_are_stored_with_question_answer_and_citations(page: Page, api: httpx.Client):
    question = "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?"
    answer = ask(page, question)
    shown = api.post("/v1/ask", json={"question": question}).json()
    up = answer.locator(".thumb[data-rating='up']")
    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(answer.locator(".feedback-status")).to_have_text("Cảm ơn bạn đã góp ý!")
    expect(answer.locator(".thumb[data-rating='down']")).to_be_disabled()

    declined_question = "Bộ Y tế đã cấp bao nhiêu giấy phép hành nghề khám chữa bệnh trong năm 2023?"
    declined = ask(page, declined_question)
    declined.locator(".thumb[data-rating='down']").click()
    expect(declined.locator(".thumb[data-rating='down']")).to_have_attribute("aria-pressed", "true")

    records = api.get("/v1/feedback").json()
    liked = [r for r in records if r["question"] == question and r["rating"] == "up"]
    assert liked, records
    assert liked[-1]["answer"] == shown["answer"]
    assert liked[-1]["citations"] == shown["citations"]
    assert liked[-1]["mode"] == shown["mode"]
    disliked = [r for r in records if r["question"] == declined_question and r["rating"] == "down"]
    assert disliked and disliked[-1]["citations"] == []


def test_text_from_documents_and_users_is_shown_as_text_never_run(page: Page, api: httpx.Client):
    title = '<img src=x onerror="window.__pwned=1">Báo cáo <b>điểm wifi</b>'
    source = "<img src=x onerror=window.__pwned=2>.txt"
    text = "BÁO CÁO WIFI CÔNG CỘNG\n\nI. Tổng quan\n\nSố điểm truy cập wifi công cộng năm 2025 đạt 3.210 điểm, a < b và c > d.\n"
    uploaded = api.post("/v1/documents", files={"file": (source, text.encode())}, data={"title": title})
    assert uploaded.status_code == 201, uploaded.text
    doc_id = uploaded.json()["doc_id"]
    try:
        page.reload()
        item = page.locator(f"#documents .document[data-doc-id='{doc_id}']")
        expect(item.locator(".document-title")).to_have_text(title)

        question = 'Số điểm truy cập wifi công cộng năm 2025 <script>window.__pwned=3</script>?'
        answer = ask(page, question)
        expect(page.locator(".message.user .question-text").last).to_have_text(question)
        expect(answer.locator(".answer")).to_contain_text("a < b và c > d")
        answer.locator(".answer .cite-ref").first.click()
        expect(page.locator("#citation-title")).to_have_text(title)
        expect(page.locator("#citation-source")).to_have_text(source)
        page.keyboard.press("Escape")

        assert page.evaluate("window.__pwned") is None
        for where in ("#documents", "#conversation", "#citation-dialog"):
            assert page.locator(f"{where} img, {where} script, {where} b").count() == 0
    finally:
        api.delete(f"/v1/documents/{doc_id}")


def test_the_page_needs_nothing_from_outside_this_server(browser, server):
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(server.url)
    page.locator("#documents .document").first.wait_for()
    context.close()
    assert requested and all(url.startswith(server.url) for url in requested), requested


def test_on_a_phone_the_reports_panel_slides_in_and_the_chat_fits(phone: Page, api: httpx.Client):
    library = phone.locator("#library")
    expect(library).to_be_hidden()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("#question")).to_be_visible()
    expect(phone.locator("#document-count")).to_have_text(str(len(api.get("/v1/documents").json())))

    phone.locator("#library-toggle").tap()
    expect(library).to_be_visible()
    expect(phone.locator("#documents .document").first).to_be_visible()
    phone.locator("#library-close").tap()
    expect(library).to_be_hidden()

    answer = ask(phone, "ty le ho gia dinh su dung cap quang nam 2023 la bao nhieu")
    expect(answer.locator(".answer")).to_contain_text("77,1%")
    box = answer.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


# -- follow-ups and generated answers ------------------------------------------------------------


def test_a_follow_up_in_the_chat_is_answered_in_its_conversation(page: Page, api: httpx.Client):
    with page.expect_request("**/v1/ask/stream") as first_request:
        first = ask(page, "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?")
    expect(first.locator(".answer")).to_contain_text("72.000")
    assert "conversation_id" not in first_request.value.post_data_json
    expect(first.locator(".understood")).to_be_hidden()

    with page.expect_request("**/v1/ask/stream") as follow_request:
        follow = ask(page, "Còn năm 2021 thì sao?")
    conversation_id = follow_request.value.post_data_json["conversation_id"]
    assert conversation_id
    expect(follow).to_have_attribute("data-state", "done")
    expect(follow.locator(".answer")).to_contain_text("61.359")
    expect(follow.locator(".answer")).not_to_contain_text("72.000")
    expect(follow.locator(".understood")).to_have_text("Hiểu câu hỏi là: “Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?”")
    # What the page shows is what the API answers in that conversation.
    expected = api.post("/v1/ask", json={"question": "Còn năm 2021 thì sao?", "conversation_id": conversation_id}).json()
    assert follow.locator(".answer").inner_text() == expected["answer"]

    # A reload is a new page session: a new conversation, nothing carried over.
    page.reload()
    with page.expect_request("**/v1/ask/stream") as fresh_request:
        fresh = ask(page, "Còn năm 2021 thì sao?")
    assert "conversation_id" not in fresh_request.value.post_data_json
    expect(fresh.locator(".understood")).to_be_hidden()
    expect(fresh.locator(".answer")).not_to_contain_text("61.359")


def test_a_grounded_generated_answer_is_shown_with_its_citation(generative_page: Page, llm_standin):
    from tests.llm_standin import Reply

    llm_standin.reply(
        lambda request: Reply(
            text="Trong 6 tháng đầu năm 2023, doanh thu dịch vụ bưu chính ước đạt 27.477 tỷ đồng, "
            f"tăng 5,48% so với cùng kỳ năm 2022 [{request.passage_with('27.477')}].",
            chunk_delay=0.02,
        )
    )
    answer = ask(generative_page, "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?")
    expect(answer).to_have_attribute("data-state", "done")
    expect(answer.locator(".answer")).to_contain_text("ước đạt 27.477 tỷ đồng, tăng 5,48%")
    expect(answer.locator(".answer-note")).to_contain_text("do AI viết")
    assert progress_states(generative_page, answer) == ["searching", "streaming", "done"]
    statuses = [entry[1] for entry in generative_page.evaluate("window.__progress") if entry[0] == "status"]
    assert PROMPTS.get("status_writing") in statuses
    answer.locator(".answer .cite-ref").first.click()
    expect(generative_page.locator("#citation-source")).to_have_text("003_d64712951b28f459.txt")
    expect(generative_page.locator("#citation-quote mark", has_text="27.477")).to_have_count(1)


def test_a_generated_answer_that_fails_the_guard_is_replaced_before_the_users_eyes(
    generative_page: Page, llm_standin, api: httpx.Client
):
    from tests.llm_standin import Reply

    question = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"
    invented = (
        "Doanh thu dịch vụ bưu chính ước đạt 31.000 tỷ đồng [1]. "
        "Đây là mức tăng trưởng cao nhất trong nhiều năm của lĩnh vực bưu chính, "
        "nhờ thương mại điện tử phát triển mạnh và mạng lưới bưu cục được mở rộng [1]."
    )
    llm_standin.reply(Reply(text=invented, chunk_chars=5, chunk_delay=0.1))  # about 3 s of streaming
    generative_page.fill("#question", question)
    generative_page.press("#question", "Enter")
    answer = generative_page.locator(".message.assistant").last
    # The model's text streams in, invented figure and all...
    expect(answer.locator(".answer")).to_contain_text("31.000")
    # ...then the guard rejects it and the quoted sentences take its place.
    expect(answer).to_have_attribute("data-state", FINISHED)
    expect(answer).to_have_attribute("data-state", "done")
    expect(answer.locator(".answer")).not_to_contain_text("31.000")
    expect(answer.locator(".answer")).to_contain_text("27.477 tỷ đồng")
    expect(answer.locator(".answer-note")).to_have_text(
        "Câu trả lời do AI viết chưa khớp với báo cáo nên được thay bằng các câu trích nguyên văn."
    )
    expected = api.post("/v1/ask", json={"question": question}).json()  # the extractive answer
    assert expected["mode"] == "extractive"
    assert answer.locator(".answer").inner_text() == expected["answer"]
    expect(answer.locator(".citations .citation")).to_have_count(len(expected["citations"]))

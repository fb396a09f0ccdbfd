"""The real bot, long-polling a Bot API stand-in on 127.0.0.1, over the real assistant.

Each test plays officials: it queues their messages in the stand-in, and reads back exactly what
the bot sent over HTTP (the stand-in parses the bot's HTML as strictly as Telegram does).
"""

from __future__ import annotations

import asyncio
import html
import re
from pathlib import Path

import pytest
from chromadb.errors import NotFoundError

from assistant.prompts import Prompts
from assistant.service import AssistantService
from assistant.settings import Settings
from assistant.wiring import build_service
from tests.e2e.conftest import RunBot
from tests.e2e.telegram_standin import BotAccount, group_chat, new_person, units
from tests.support import MOBILE_POST_FIGURES, fake_service_settings, period_reports, sharing_model
from vectorstore.chroma import open_client

pytestmark = pytest.mark.slow

FIBRE = "Tỷ lệ hộ gia đình sử dụng cáp quang năm 2023 là bao nhiêu?"
POSTAL = "Doanh thu dịch vụ bưu chính 6 tháng đầu năm 2023 ước đạt bao nhiêu?"
UNANSWERABLE = "Bộ Y tế đã cấp bao nhiêu giấy phép hành nghề khám chữa bệnh trong năm 2023?"


def static_part(template: str) -> str:
    """The longest stretch of a prompt template without placeholders, as a chat shows it."""
    pieces = [html.unescape(re.sub(r"<[^<>]*>", "", piece)).strip() for piece in re.split(r"\{\w+\}", template)]
    return max(pieces, key=len)


def method_order(bot: BotAccount, chat_id: int) -> list[str]:
    return [c.method for c in bot.calls if c.params.get("chat_id") in (chat_id, str(chat_id))]


async def test_a_question_gets_the_reports_figure_and_its_sources(
    run_bot: RunBot, sample_service: AssistantService, prompts: Prompts
) -> None:
    official = new_person()
    expected = sample_service.ask(FIBRE)
    assert expected.answered and expected.citations
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, FIBRE)
        [reply] = await bot.wait_for_messages(official.id)

    text = reply["text"]
    assert "77,1%" in text  # the report's figure, as the report writes it
    assert expected.answer in text  # the service's answer, quoted whole, [n] markers included
    for citation in expected.citations:
        assert f"[{citation.n}] {citation.title}" in text
        assert citation.period in text and citation.section in text
    assert any(e["type"] == "bold" and text[e["offset"] : e["offset"] + e["length"]] == "[1]" for e in reply["entities"])
    [[button]] = reply["reply_markup"]["inline_keyboard"]
    assert button["text"] == prompts.get("telegram_quotes_button")
    order = method_order(bot, official.id)
    assert order.index("sendChatAction") < order.index("sendMessage")  # "typing…" while answering
    assert bot.calls_to("sendChatAction")[0].params["action"] == "typing"


async def test_a_figure_answer_ends_with_the_indicators_periods_as_a_compact_table(
    run_bot: RunBot, sample_service: AssistantService, tmp_path: Path
) -> None:
    service = sharing_model(sample_service, Settings.from_variables(data_dir=tmp_path))
    for name, data in period_reports().items():
        assert service.add_document(data, name).status == "added"
    official = new_person()
    async with run_bot(allowed=[official.id], service=service) as bot:
        bot.send_text(official, "ty le xa co diem phuc vu buu chinh luu dong dat bao nhieu")
        [reply] = await bot.wait_for_messages(official.id)

    text = reply["text"]
    [pre] = [e for e in reply["entities"] if e["type"] == "pre"]
    table = text[pre["offset"] : pre["offset"] + pre["length"]].splitlines()
    results = [line for line in table if "Kết quả" in line]
    assert [line.split("  ")[0] for line in results] == [f"6 tháng đầu năm {year}" for year in (2023, 2022, 2021)]
    assert [line.split()[-1] for line in results] == [MOBILE_POST_FIGURES[year][0] for year in (2023, 2022, 2021)]
    assert text.index(MOBILE_POST_FIGURES[2023][0]) < pre["offset"]  # the answer first, the table under it


def answer_text(reply: dict) -> str:
    """A reply's text above the indicator table (its `pre` entity), if it has one."""
    tables = [entity["offset"] for entity in reply.get("entities", []) if entity["type"] == "pre"]
    return reply["text"][: min(tables)] if tables else reply["text"]


async def test_the_button_reveals_the_exact_quotes(run_bot: RunBot, sample_service: AssistantService) -> None:
    official = new_person()
    expected = sample_service.ask(POSTAL)
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, POSTAL)
        [answer] = await bot.wait_for_messages(official.id)
        query_id = bot.press(official, answer)
        edited = await bot.wait_for(lambda: bot.message(official.id, answer["message_id"]).get("edit_date") and
                                    bot.message(official.id, answer["message_id"]), what="the edit")  # fmt: skip
        await bot.wait_for(lambda: bot.calls_to("answerCallbackQuery"), what="the callback answer")

    assert edited["text"].startswith(answer["text"])  # the answer stays, the quotes come below it
    for citation in expected.citations:
        assert citation.quote in edited["text"]
    quotes = [e for e in edited["entities"] if e["type"] == "blockquote"]
    assert len(quotes) == len(expected.citations)
    assert "reply_markup" not in edited  # the button has done its job
    assert bot.calls_to("answerCallbackQuery")[0].params["callback_query_id"] == query_id
    assert len(bot.sent(official.id)) == 1  # revealed in place, not as another message


async def test_when_the_reports_do_not_hold_the_answer_it_says_so(run_bot: RunBot, sample_service: AssistantService) -> None:
    official = new_person()
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, UNANSWERABLE)
        [reply] = await bot.wait_for_messages(official.id)
    assert reply["text"] == sample_service.prompts.get("decline")
    assert "reply_markup" not in reply


async def test_help_lists_the_ingested_reports(run_bot: RunBot, sample_service: AssistantService, prompts: Prompts) -> None:
    official = new_person()
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, "/start")
        bot.send_text(official, "/help")
        start, help_ = await bot.wait_for_messages(official.id, 2)
    assert start["text"] == help_["text"]
    for document in sample_service.list_documents():
        assert document.title in start["text"]
    assert f"@{bot.username}" in start["text"]
    assert static_part(prompts.get("telegram_help").split("{reports}")[1]) in start["text"]


async def test_ask_command_and_its_usage(run_bot: RunBot, prompts: Prompts) -> None:
    official = new_person()
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, "/ask")
        bot.send_text(official, f"/ask {POSTAL}")
        usage, answer = await bot.wait_for_messages(official.id, 2)
    assert usage["text"] == static_part(prompts.get("telegram_ask_usage"))
    assert "27.477 tỷ đồng" in answer["text"]


async def test_a_sticker_gets_a_hint_that_only_text_is_read(run_bot: RunBot, prompts: Prompts) -> None:
    official = new_person()
    sticker = {"file_id": "CAACAgIAAxkBAAE", "file_unique_id": "AgADBQAD", "type": "regular", "width": 512,
               "height": 512, "is_animated": False, "is_video": False}  # fmt: skip
    async with run_bot(allowed=[official.id]) as bot:
        bot.send(official, {"sticker": sticker})
        [reply] = await bot.wait_for_messages(official.id)
    assert reply["text"] == static_part(prompts.get("telegram_text_only"))


async def test_an_unlisted_user_is_told_their_id_and_nothing_else(run_bot: RunBot, prompts: Prompts) -> None:
    official, stranger = new_person(), new_person("Người lạ")
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(stranger, FIBRE)
        bot.send_text(stranger, "/start")
        refusals = await bot.wait_for_messages(stranger.id, 2)
    for refusal in refusals:
        assert str(stranger.id) in refusal["text"]
        assert "77,1%" not in refusal["text"] and "reply_markup" not in refusal
        assert refusal["text"].startswith(prompts.get("telegram_not_allowed").splitlines()[0])
    assert not bot.calls_to("sendChatAction")  # no answer was even started


async def test_a_listed_group_admits_its_members_and_an_unlisted_one_is_refused(run_bot: RunBot) -> None:
    official = new_person()
    allowed_group, other_group = group_chat("Nhóm được phép"), group_chat("Nhóm khác")
    async with run_bot(allowed=[allowed_group["id"]]) as bot:
        bot.send_text(official, f"@{bot.username} {POSTAL}", chat=allowed_group)
        bot.send_text(official, f"@{bot.username} {POSTAL}", chat=other_group)
        [answer] = await bot.wait_for_messages(allowed_group["id"])
        [refusal] = await bot.wait_for_messages(other_group["id"])
    assert "27.477 tỷ đồng" in answer["text"]
    assert str(official.id) in refusal["text"] and str(other_group["id"]) in refusal["text"]


async def test_in_a_group_it_answers_only_when_addressed(run_bot: RunBot) -> None:
    official = new_person()
    group = group_chat()
    # One update at a time, so when the last reply arrives every earlier message has been handled.
    async with run_bot(allowed=[official.id], telegram_concurrent_updates=1) as bot:
        chatter = bot.send_text(official, POSTAL, chat=group)  # not addressed to the bot
        by_command = bot.send_text(official, f"/ask@{bot.username} {POSTAL}", chat=group)
        await bot.wait_for_messages(group["id"], 1)
        by_mention = bot.send_text(official, f"{FIBRE} @{bot.username}", chat=group)
        [first, second] = await bot.wait_for_messages(group["id"], 2)
        by_reply = bot.send_text(official, POSTAL, chat=group, reply_to=second)
        bot.send_text(official, "/ask Cảm ơn", chat=group)
        bot.send_text(official, FIBRE, chat=group)  # chatter again
        bot.send_text(official, f"/ask {POSTAL}", chat=group)
        replies = await bot.wait_for_messages(group["id"], 5)

    answered = [reply["reply_to_message"]["message_id"] for reply in replies]
    assert chatter["message_id"] not in answered
    assert answered[:3] == [by_command["message_id"], by_mention["message_id"], by_reply["message_id"]]
    assert "27.477 tỷ đồng" in first["text"] and "77,1%" in second["text"] and "27.477 tỷ đồng" in replies[2]["text"]
    assert "27.477 tỷ đồng" in replies[4]["text"]
    assert len(replies) == 5


async def test_each_chat_is_one_conversation_for_follow_up_questions(
    run_bot: RunBot, sample_service: AssistantService, prompts: Prompts
) -> None:
    official, colleague = new_person(), new_person()
    group = group_chat()
    async with run_bot(allowed=[official.id, colleague.id, group["id"]]) as bot:
        bot.send_text(official, "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?")
        await bot.wait_for_messages(official.id, 1)
        bot.send_text(official, "Còn năm 2021 thì sao?")
        [first, follow_up] = await bot.wait_for_messages(official.id, 2)
        # Another chat has its own conversation: the same words carry nothing over.
        bot.send_text(colleague, "Còn năm 2021 thì sao?")
        [colleague_reply] = await bot.wait_for_messages(colleague.id)
        # In a group, the members share the group's conversation.
        bot.send_text(official, f"@{bot.username} Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?", chat=group)
        await bot.wait_for_messages(group["id"], 1)
        bot.send_text(colleague, f"/ask@{bot.username} Còn năm 2021 thì sao?", chat=group)
        [_, group_follow_up] = await bot.wait_for_messages(group["id"], 2)

    assert "72.000" in first["text"]
    understood = "Hiểu câu hỏi là: Số doanh nghiệp công nghệ số năm 2021 là bao nhiêu?"
    for reply in (follow_up, group_follow_up):
        assert reply["text"].startswith(understood)
        answer = answer_text(reply)  # the indicator's table below it lists every period's figure
        assert "61.359" in answer and "72.000" not in answer
    assert "Hiểu câu hỏi là" not in colleague_reply["text"] and "61.359" not in colleague_reply["text"]
    # The conversations are the service's, keyed by chat.
    history = sample_service.flow.conversations.history(f"telegram:{official.id}")
    assert [turn.question for turn in history][-2:] == [
        "Số doanh nghiệp công nghệ số năm 2023 là bao nhiêu?",
        "Còn năm 2021 thì sao?",
    ]
    assert sample_service.flow.conversations.history(f"telegram:{group['id']}")[-1].standalone.endswith("năm 2021 là bao nhiêu?")


async def test_the_rate_limit_holds_per_user(run_bot: RunBot, prompts: Prompts) -> None:
    official, colleague = new_person(), new_person()
    async with run_bot(allowed=[official.id, colleague.id], telegram_rate_limit="2/minute") as bot:
        for _ in range(4):
            bot.send_text(official, POSTAL)
        replies = await bot.wait_for_messages(official.id, 4)
        bot.send_text(colleague, POSTAL)
        [colleague_reply] = await bot.wait_for_messages(colleague.id)

    limited = static_part(prompts.get("telegram_rate_limited"))
    refused = [reply for reply in replies if limited in reply["text"]]
    answered = [reply for reply in replies if "27.477 tỷ đồng" in reply["text"]]
    assert len(refused) == 2 and len(answered) == 2
    assert "27.477 tỷ đồng" in colleague_reply["text"]  # the limit is per user
    assert len(bot.calls_to("sendChatAction", official.id)) == 2  # refused questions never reach the service


async def test_an_over_long_message_is_refused_not_truncated(run_bot: RunBot, sample_service: AssistantService) -> None:
    official = new_person()
    limit = sample_service.settings.answering.max_question_chars
    long_question = (POSTAL + " ") * (limit // len(POSTAL) + 1)
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, long_question)
        [reply] = await bot.wait_for_messages(official.id)
    assert str(limit) in reply["text"] and str(len(long_question.strip())) in reply["text"]
    assert "27.477" not in reply["text"]


async def test_a_button_from_before_a_restart_asks_to_ask_again(run_bot: RunBot, prompts: Prompts) -> None:
    official = new_person()
    async with run_bot(allowed=[official.id]) as bot:
        bot.send_text(official, POSTAL)
        [answer] = await bot.wait_for_messages(official.id)
    async with run_bot(allowed=[official.id], account=bot):  # the same bot, restarted: buttons forgotten
        bot.press(official, answer)
        _, notice = await bot.wait_for_messages(official.id, 2)
    assert notice["text"] == prompts.get("telegram_quotes_expired")
    assert "reply_markup" not in bot.message(official.id, answer["message_id"])


async def test_an_internal_error_becomes_a_short_apology(run_bot: RunBot, tmp_path: Path, prompts: Prompts) -> None:
    official = new_person()
    service = fake_service_settings(tmp_path)
    service.add_document(LONG_REPORT_HEADER.encode(), "bao-cao.txt")
    open_client(service.settings.store).delete_collection(f"{service.settings.store.collection}_chunks")  # the store breaks underneath
    with pytest.raises(NotFoundError) as failure:
        service.ask(POSTAL)
    async with run_bot(allowed=[official.id], service=service) as bot:
        bot.send_text(official, POSTAL)
        [reply] = await bot.wait_for_messages(official.id)
    assert reply["text"] == prompts.get("telegram_error")
    assert str(failure.value) not in reply["text"] and "Traceback" not in reply["text"]


LONG_REPORT_HEADER = "BÁO CÁO SẢN LƯỢNG BƯU CHÍNH NĂM 2024\n\nI. Bưu chính\n\n"
CLAUSE = "sản lượng bưu gửi của doanh nghiệp bưu chính tại tỉnh thứ {i} ước đạt {i}.000 bưu gửi"


@pytest.fixture(scope="module")
def long_answer_service(tmp_path_factory: pytest.TempPathFactory) -> AssistantService:
    """The real assistant over one report whose sentences are 5,000 characters long."""
    service = build_service(Settings.from_variables(data_dir=tmp_path_factory.mktemp("long"), chunk_size=8000))
    sentences = ["Năm 2024, " + ", ".join(CLAUSE.format(i=i + 100 * k) for i in range(1, 60)) + "." for k in (1, 2)]
    assert service.add_document((LONG_REPORT_HEADER + " ".join(sentences)).encode(), "dai.txt").status == "added"
    return service


async def test_a_long_answer_is_split_into_valid_messages_and_its_quotes_follow(
    run_bot: RunBot, long_answer_service: AssistantService
) -> None:
    official = new_person()
    question = "Sản lượng bưu gửi của doanh nghiệp bưu chính năm 2024 ước đạt bao nhiêu?"
    expected = long_answer_service.ask(question)
    assert expected.answered and len(expected.answer) > 4096
    async with run_bot(allowed=[official.id], service=long_answer_service) as bot:
        bot.send_text(official, question)
        parts = await bot.wait_for_messages(official.id, 2)
        await asyncio.sleep(0.5)  # nothing more comes
        assert len(bot.sent(official.id)) == len(parts) == 2
        assert ["reply_markup" in part for part in parts] == [False, True]  # the button under the last part
        shown = " ".join(part["text"] for part in parts)
        bot.press(official, parts[-1])
        quote = _words(expected.citations[0].quote)
        # The quote is longer than what is left of the last part: it goes on in new messages.
        everything = await bot.wait_for(
            lambda: quote in _words(" ".join(m["text"] for m in bot.sent(official.id)[1:])) and bot.sent(official.id),
            what="the whole quote",
        )
        await asyncio.sleep(0.5)  # nothing more comes
        assert len(bot.sent(official.id)) == len(everything) >= 3

    assert _words(shown).startswith(_words(expected.answer))  # split, nothing lost, nothing added
    assert _words(shown).endswith(_words(f"[1] {expected.citations[0].title} ({expected.citations[0].period})"
                                         f" {expected.citations[0].section}"))  # fmt: skip
    edited = everything[1]
    assert edited.get("edit_date") and "reply_markup" not in edited
    assert edited["text"].startswith(parts[1]["text"])  # the answer stays as it was, quotes below it
    assert all(units(message["text"]) <= 4096 for message in everything)


def _words(text: str) -> str:
    return " ".join(text.split())

"""One small handler per command; `Handlers._answer` is the one place that asks the service.

Every handler checks the allow-list first, so an unlisted user gets their ID and nothing else.
Blocking service calls run in a worker thread (`asyncio.to_thread`) so one slow answer never
stalls the bot's event loop.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from html import escape

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes, filters

from assistant.models import Answer
from assistant.prompts import Prompts
from assistant.service import AssistantService, QuestionError
from assistant.settings import Settings
from assistant.telegram.access import AllowList, QuestionRateLimit
from assistant.telegram.render import answer_html, indicator_html, quotes_html, reports_html, split_html

logger = logging.getLogger(__name__)

# Telegram shows "typing…" for 5 seconds; renew it before then while an answer is being made.
TYPING_RENEWAL_SECONDS = 4.0


@dataclass(frozen=True)
class ShowQuotes:
    """What the "Xem trích dẫn" button carries (PTB keeps it server-side; Telegram sees a key)."""

    answer: Answer
    message_html: str  # the text of the message the button is under, which the quotes extend


class AddressedToBot(filters.MessageFilter):
    """A group message meant for the bot: it mentions @the_bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mention = f"@{bot.username}".casefold()
        return any(text.casefold() == mention for text in message.parse_entities([MessageEntity.MENTION]).values())


class Handlers:
    """The bot's handlers, sharing the service, the texts and the access rules."""

    def __init__(self, service: AssistantService, settings: Settings) -> None:
        self.service = service
        self.prompts = Prompts(settings.prompts_dir)
        self.allow_list = AllowList(settings.telegram.allowed_ids)
        self.rate_limit = QuestionRateLimit(settings.telegram.rate_limit)

    # -- commands ----------------------------------------------------------------------------------

    async def help(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start and /help: what the bot knows (the ingested reports) and how to ask."""
        if not await self._admitted(update):
            return
        documents = await asyncio.to_thread(self.service.list_documents)
        reports = reports_html(documents) if documents else escape(self.prompts.get("no_documents"), quote=False)
        text = self.prompts.render("telegram_help", reports=reports, bot=f"@{context.bot.username}")
        await self._reply(update, text)

    async def ask(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/ask câu hỏi — the way to ask in a group without mentioning the bot."""
        words = (update.effective_message.text or "").split(None, 1)  # "/ask" or "/ask@bot", then the question
        await self._answer(update, words[1] if len(words) == 2 else "")

    async def question(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A plain message in a private chat, or one addressed to the bot in a group."""
        text = update.effective_message.text or ""
        mention = re.compile(rf"(?<!\w)@{re.escape(context.bot.username)}\b", re.IGNORECASE)
        await self._answer(update, mention.sub(" ", text))

    async def not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A photo, voice note, sticker… in a private chat: say that only written questions work."""
        if await self._admitted(update):
            await self._reply(update, self.prompts.get("telegram_text_only"))

    async def show_quotes(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The "Xem trích dẫn" button: the answer's message grows the exact quoted passages."""
        query = update.callback_query
        await query.answer()
        if not await self._admitted(update):
            return
        request: ShowQuotes = query.data  # type: ignore[assignment]  # matched by type in bot.py
        parts = split_html(f"{request.message_html}\n\n{quotes_html(request.answer, self.prompts)}")
        if isinstance(query.message, Message):
            await query.edit_message_text(parts[0], reply_markup=None)
            rest = parts[1:]
        else:  # too old to edit: send the quotes as new messages
            rest = parts
        for part in rest:
            await update.effective_chat.send_message(part)

    async def expired_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button whose answer is no longer kept (restart, or many answers since)."""
        query = update.callback_query
        await query.answer()
        if not await self._admitted(update):
            return
        if isinstance(query.message, Message):
            await query.edit_message_reply_markup(reply_markup=None)
        await update.effective_chat.send_message(self.prompts.get("telegram_quotes_expired"))

    async def error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure with its stack trace; the chat only ever sees a short apology."""
        logger.error("failed to handle a Telegram update", exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        try:
            await update.effective_chat.send_message(self.prompts.get("telegram_error"))
        except TelegramError:
            logger.exception("could not send the apology either")

    # -- the one place that asks the service ----------------------------------------------------

    async def _answer(self, update: Update, question: str) -> None:
        """Check who asks and how often, then ask the service and send its answer.

        One conversation per chat (`telegram:<chat id>`): "Còn năm 2021 thì sao?" is read against
        what was asked before in the same chat (a group's members share its conversation).
        """
        if not await self._admitted(update):
            return
        question = question.strip()
        if not question:
            await self._reply(update, self.prompts.get("telegram_ask_usage"))
            return
        user_id = update.effective_user.id
        if not await self.rate_limit.hit(user_id):
            seconds = await self.rate_limit.retry_after(user_id)
            await self._reply(update, self.prompts.render("telegram_rate_limited", seconds=seconds))
            return
        try:
            async with typing(update.effective_chat):
                answer = await asyncio.to_thread(
                    self.service.ask, question, None, conversation_id(update.effective_chat)
                )
        except QuestionError as error:  # empty, over-long…: the service's own Vietnamese reason
            await self._reply(update, escape(error.message, quote=False))
            return
        await self._send_answer(update, answer, question)

    async def _send_answer(self, update: Update, answer: Answer, question: str) -> None:
        html = answer_html(answer, self.prompts, question)
        if answer.indicator:
            table = await asyncio.to_thread(self.service.indicators, answer.indicator)
            if figures := indicator_html(table, self.prompts):
                html += "\n\n" + figures
        parts = split_html(html)
        for number, part in enumerate(parts, start=1):
            markup = None
            if number == len(parts) and answer.answered and answer.citations:
                button = InlineKeyboardButton(
                    self.prompts.get("telegram_quotes_button"), callback_data=ShowQuotes(answer, part)
                )
                markup = InlineKeyboardMarkup([[button]])
            # Only the first part quotes the question (in groups, where it says whom it answers).
            await update.effective_message.reply_html(
                part, reply_markup=markup, do_quote=None if number == 1 else False
            )

    # -- access ------------------------------------------------------------------------------------

    async def _admitted(self, update: Update) -> bool:
        """True for a listed user or chat; anyone else is told their ID, and nothing more."""
        user, chat = update.effective_user, update.effective_chat
        if self.allow_list.admits(user.id if user else None, chat.id if chat else None):
            return True
        logger.info("refused Telegram user %s in chat %s", user.id if user else None, chat.id if chat else None)
        if chat is None:
            return False
        if chat.type == Chat.PRIVATE or user is None:
            text = self.prompts.render("telegram_not_allowed", user_id=user.id if user else chat.id)
        else:
            text = self.prompts.render("telegram_not_allowed_group", user_id=user.id, chat_id=chat.id)
        await self._reply(update, text)
        return False

    async def _reply(self, update: Update, html: str) -> None:
        message = update.effective_message
        if isinstance(message, Message) and update.callback_query is None:
            await message.reply_html(html)
        else:
            await update.effective_chat.send_message(html)


def conversation_id(chat: Chat) -> str:
    """The assistant's conversation for a Telegram chat (private or group)."""
    return f"telegram:{chat.id}"


@asynccontextmanager
async def typing(chat: Chat) -> AsyncIterator[None]:
    """Show "typing…" in `chat` until the block ends.

    The first action is sent before the block runs, so even a fast answer shows it; a failure to
    show it never costs the answer.
    """

    async def renew() -> None:
        while True:
            await asyncio.sleep(TYPING_RENEWAL_SECONDS)
            with suppress(TelegramError):
                await chat.send_action(ChatAction.TYPING)

    try:
        await chat.send_action(ChatAction.TYPING)
    except TelegramError as error:
        logger.warning("could not show typing: %s", error)
    task = asyncio.create_task(renew())
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task

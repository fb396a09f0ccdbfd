"""A stand-in for Telegram's Bot API: the real HTTP wire protocol, served on 127.0.0.1, in memory.

Telegram's servers cannot be reached from the tests, so this answers the methods the bot uses —
getMe, deleteWebhook, setWebhook, getUpdates (long polling), sendMessage, sendChatAction,
editMessageText, editMessageReplyMarkup, answerCallbackQuery — at `/bot<TOKEN>/<method>`, with
form-encoded or JSON parameters, answering `{"ok": true, "result": …}` or
`{"ok": false, "error_code": …, "description": …}` as Telegram does.

It is as strict as Telegram where the bot could go wrong: message HTML is parsed with Telegram's
rules (supported tags only, balanced, `&`/`<` escaped), a message over 4096 characters after
parsing is refused, a button's callback_data over 64 bytes is refused, an edit that changes
nothing is refused, a callback query can be answered once, getUpdates conflicts with a webhook.

Tests play the users: `BotAccount.send_text` and `BotAccount.press` queue updates the way Telegram
would produce them (with bot_command and mention entities), and every call the bot makes is recorded.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.support import free_port

MAX_TEXT_UNITS = 4096
MAX_CALLBACK_DATA_BYTES = 64
CHAT_ACTIONS = {
    "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
    "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
}  # fmt: skip

# Parameters that stay strings; the bot JSON-encodes every other form value.
_STRING_PARAMS = {"text", "parse_mode", "action", "url", "secret_token", "callback_query_id", "inline_message_id"}


class BadRequest(Exception):
    """A request Telegram would refuse; `description` is Telegram's wording."""

    def __init__(self, description: str, code: int = 400) -> None:
        super().__init__(description)
        self.description = description
        self.code = code


# -- Telegram's HTML -------------------------------------------------------------------------------

_HTML_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}  # fmt: skip
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_TOKEN = re.compile(r"<[^<>]*>|&[^;&<>\s]*;|[^<>&]+|[<>&]")
_HTML_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?>\Z")


def units(text: str) -> int:
    """Length in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's parse_mode=HTML: the plain text and its entities, or BadRequest."""
    text: list[str] = []
    size = 0
    stack: list[tuple[str, str, int, dict[str, Any]]] = []  # (tag, entity type, start, extra)
    entities: list[dict[str, Any]] = []
    byte_offset = 0
    for match in _HTML_TOKEN.finditer(source):
        token = match.group(0)
        where = f"at byte offset {byte_offset}"
        byte_offset += len(token.encode())
        if token.startswith("<") and len(token) > 1:
            tag = _HTML_TAG.match(token)
            if not tag:
                raise BadRequest(f"Bad Request: can't parse entities: Unsupported start tag {where}")
            closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3) or ""
            if not closing:
                kind = _HTML_TAGS.get(name)
                if kind is None or (name == "span" and 'class="tg-spoiler"' not in attributes):
                    raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported start tag "{name}" {where}')
                if any(open_kind in {"code", "pre"} for _, open_kind, _, _ in stack) and name != "code":
                    raise BadRequest(f"Bad Request: can't parse entities: Entities can't be nested in pre/code {where}")
                if kind == "blockquote" and any(open_kind == "blockquote" for _, open_kind, _, _ in stack):
                    raise BadRequest(f"Bad Request: can't parse entities: Blockquotes can't be nested {where}")
                extra: dict[str, Any] = {}
                if kind == "text_link":
                    href = re.search(r'href\s*=\s*"([^"]*)"', attributes)
                    if not href:
                        raise BadRequest(f"Bad Request: can't parse entities: Tag \"a\" must have href {where}")
                    extra["url"] = href.group(1)
                if kind == "blockquote" and "expandable" in attributes:
                    kind = "expandable_blockquote"
                stack.append((name, kind, size, extra))
            else:
                if not stack or stack[-1][0] != name:
                    raise BadRequest(f'Bad Request: can\'t parse entities: Unmatched end tag "{name}" {where}')
                _, kind, start, extra = stack.pop()
                if size > start:
                    entities.append({"type": kind, "offset": start, "length": size - start, **extra})
            continue
        if token.startswith("&") and token.endswith(";") and len(token) > 2:
            body = token[1:-1]
            if body in _NAMED_ENTITIES:
                piece = _NAMED_ENTITIES[body]
            elif re.fullmatch(r"#[0-9]{1,7}", body):
                piece = chr(int(body[1:]))
            elif re.fullmatch(r"#x[0-9A-Fa-f]{1,6}", body):
                piece = chr(int(body[2:], 16))
            else:
                raise BadRequest(f'Bad Request: can\'t parse entities: Unsupported HTML entity "{token}" {where}')
        elif token in {"<", ">", "&"}:
            raise BadRequest(f'Bad Request: can\'t parse entities: Character "{token}" must be escaped {where}')
        else:
            piece = token
        text.append(piece)
        size += units(piece)
    if stack:
        raise BadRequest(
            f'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "{stack[-1][0]}"'
        )
    return "".join(text), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


# -- accounts and chats ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A Telegram user the tests play."""

    id: int
    first_name: str
    username: str | None = None

    def as_user(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name, "language_code": "vi"}
        if self.username:
            user["username"] = self.username
        return user


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]


_ids = itertools.count(int(time.time()) % 1_000_000 * 1000)


def private_chat(person: Person) -> dict[str, Any]:
    return {"id": person.id, "type": "private", "first_name": person.first_name}


def group_chat(title: str = "Nhóm Văn phòng Bộ") -> dict[str, Any]:
    return {"id": -1_000_000_000_000 - next(_ids), "type": "supergroup", "title": title}


def new_person(first_name: str = "Cán bộ") -> Person:
    return Person(id=7_000_000_000 + next(_ids), first_name=first_name, username=f"canbo{next(_ids)}")


@dataclass
class BotAccount:
    """One bot registered with the stand-in: its token, its chats, the updates it has not fetched yet."""

    token: str
    id: int
    username: str
    first_name: str = "Trợ lý báo cáo"
    calls: list[Call] = field(default_factory=list)
    webhook: dict[str, Any] | None = None
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update: int = 1
    _chats: dict[int, dict[str, Any]] = field(default_factory=dict)
    _messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    _next_message: dict[int, int] = field(default_factory=dict)
    _open_queries: set[str] = field(default_factory=set)
    _allowed_updates: list[str] | None = None
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def as_user(self) -> dict[str, Any]:
        return {"id": self.id, "is_bot": True, "first_name": self.first_name, "username": self.username}

    # -- what the tests do as users -------------------------------------------------------------

    def send_text(
        self, person: Person, text: str, chat: dict[str, Any] | None = None, reply_to: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """A user writes `text` in `chat` (their private chat by default); returns the message."""
        content: dict[str, Any] = {"text": text}
        entities = _detect_entities(text)
        if entities:
            content["entities"] = entities
        if reply_to is not None:
            content["reply_to_message"] = _public(reply_to)
        return self.send(person, content, chat)

    def send(self, person: Person, content: dict[str, Any], chat: dict[str, Any] | None = None) -> dict[str, Any]:
        """A user sends a message with `content` (text, sticker, voice…) in `chat`; returns the message."""
        chat = chat or private_chat(person)
        with self._lock:
            self._chats[chat["id"]] = chat
            message: dict[str, Any] = {
                "message_id": self._new_message_id(chat["id"]),
                "date": int(time.time()),
                "chat": chat,
                "from": person.as_user(),
                **content,
            }
            self._messages[(chat["id"], message["message_id"])] = message
            self._queue({"message": _public(message)})
        return message

    def press(self, person: Person, message: dict[str, Any], button_text: str | None = None) -> str:
        """A user presses an inline button under `message` (a message the bot sent); returns the query id."""
        with self._lock:
            current = self._messages[(message["chat"]["id"], message["message_id"])]
            buttons = [b for row in current.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
            button = next(b for b in buttons if button_text is None or b["text"] == button_text)
            query_id = str(next(_ids))
            self._open_queries.add(query_id)
            self._queue(
                {
                    "callback_query": {
                        "id": query_id,
                        "from": person.as_user(),
                        "message": _public(current),
                        "chat_instance": str(abs(current["chat"]["id"])),
                        "data": button["callback_data"],
                    }
                }
            )
        return query_id

    def deliver(self) -> list[dict[str, Any]]:
        """Take the queued updates, as Telegram does to POST them to a webhook."""
        with self._lock:
            updates, self._updates = self._updates, []
        return updates

    # -- what the tests read back ---------------------------------------------------------------

    def calls_to(self, method: str, chat_id: int | None = None) -> list[Call]:
        with self._lock:
            return [
                call
                for call in self.calls
                if call.method == method and (chat_id is None or _same_chat(call.params.get("chat_id"), chat_id))
            ]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """A message as it is now (after any edits)."""
        with self._lock:
            return self._messages[(chat_id, message_id)]

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """Messages the bot sent in a chat, oldest first, as they are now."""
        with self._lock:
            return [
                message
                for (chat, _), message in sorted(self._messages.items())
                if chat == chat_id and message["from"]["id"] == self.id
            ]

    async def wait_for(
        self, condition: Callable[[], Any], timeout: float = 60.0, what: str = "the bot"
    ) -> Any:
        """Wait (without blocking the event loop the bot may share) until `condition()` is truthy."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                value = condition()
            if value:
                return value
            await asyncio.sleep(0.02)
        raise AssertionError(f"timed out waiting for {what}; calls: {[c.method for c in self.calls]}")

    async def wait_for_messages(self, chat_id: int, count: int = 1, timeout: float = 60.0) -> list[dict[str, Any]]:
        return await self.wait_for(
            lambda: (sent := self.sent(chat_id)) and len(sent) >= count and sent,
            timeout,
            f"{count} message(s) in chat {chat_id}",
        )

    # -- Bot API methods ------------------------------------------------------------------------

    def handle(self, method: str, params: dict[str, Any]) -> Any:
        with self._lock:
            self.calls.append(Call(method, params))
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise BadRequest("Not Found", 404)
            return handler(params)

    def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {**self.as_user(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}  # fmt: skip

    def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook = None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        url = params.get("url") or ""
        if not url.startswith("https://"):
            raise BadRequest("Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise BadRequest("Bad Request: secret token contains unallowed characters")
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": params.get("allowed_updates")}
        return True

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook is not None:
            raise BadRequest(
                "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                "the webhook first",
                409,
            )
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if params.get("allowed_updates") is not None:
            self._allowed_updates = params["allowed_updates"] or None
        wanted = self._allowed_updates
        ready = [u for u in self._updates if wanted is None or any(kind in u for kind in wanted)]
        return ready[: int(params.get("limit") or 100)]

    def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        self._chat(params.get("chat_id"))
        if params.get("action") not in CHAT_ACTIONS:
            raise BadRequest("Bad Request: wrong parameter action in request")
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat = self._chat(params.get("chat_id"))
        text, entities = _message_text(params)
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": self.as_user(),
            "text": text,
            "html": params.get("text"),  # not Telegram's: what the bot sent, for the tests
        }
        if entities:
            message["entities"] = entities
        reply = params.get("reply_parameters")
        if reply:
            replied = self._messages.get((chat["id"], reply["message_id"]))
            if replied is None and not reply.get("allow_sending_without_reply"):
                raise BadRequest("Bad Request: message to be replied not found")
            if replied is not None:
                message["reply_to_message"] = {k: v for k, v in _public(replied).items() if k != "reply_to_message"}
        markup = _check_markup(params.get("reply_markup"))
        if markup:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        return _public(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        message = self._own_message(params)
        text, entities = _message_text(params)
        markup = _check_markup(params.get("reply_markup"))
        if text == message["text"] and entities == message.get("entities", []) and markup == message.get("reply_markup"):
            raise BadRequest(
                "Bad Request: message is not modified: specified new message content and reply markup are exactly "
                "the same as a current content and reply markup of the message"
            )
        message.update(text=text, html=params.get("text"), edit_date=int(time.time()))
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        return _public(message)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        message = self._own_message(params)
        markup = _check_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise BadRequest("Bad Request: message is not modified")
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return _public(message)

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self._open_queries:
            raise BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid")
        if len(params.get("text") or "") > 200:
            raise BadRequest("Bad Request: MESSAGE_TOO_LONG")
        self._open_queries.discard(query_id)
        return True

    # -- helpers --------------------------------------------------------------------------------

    def _queue(self, update: dict[str, Any]) -> None:
        update["update_id"] = self._next_update
        self._next_update += 1
        self._updates.append(update)

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message[chat_id] = self._next_message.get(chat_id, 0) + 1
        return self._next_message[chat_id]

    def _chat(self, chat_id: Any) -> dict[str, Any]:
        chat = self._chats.get(_chat_id(chat_id))
        if chat is None:
            raise BadRequest("Bad Request: chat not found")
        return chat

    def _own_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params.get("chat_id"))
        message = self._messages.get((chat["id"], int(params.get("message_id") or 0)))
        if message is None:
            raise BadRequest("Bad Request: message to edit not found")
        if message["from"]["id"] != self.id:
            raise BadRequest("Bad Request: message can't be edited")
        return message


def _public(message: dict[str, Any]) -> dict[str, Any]:
    """A message as Telegram would send it: a snapshot, without the stand-in's own notes."""
    return copy.deepcopy({key: value for key, value in message.items() if key != "html"})


def _message_text(params: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    source = params.get("text")
    if not isinstance(source, str):
        raise BadRequest("Bad Request: message text is empty")
    mode = params.get("parse_mode")
    if mode in (None, ""):
        text, entities = source, []
    elif str(mode).upper() == "HTML":
        text, entities = parse_html(source)
    else:
        raise BadRequest("Bad Request: unsupported parse_mode")
    if not text.strip():
        raise BadRequest("Bad Request: message text is empty")
    if units(text) > MAX_TEXT_UNITS:
        raise BadRequest("Bad Request: message is too long")
    return text, entities


def _check_markup(markup: Any) -> dict[str, Any] | None:
    if not markup:
        return None
    rows = markup.get("inline_keyboard")
    if not isinstance(rows, list):
        raise BadRequest("Bad Request: can't parse reply keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not button.get("text"):
                raise BadRequest("Bad Request: text buttons are unallowed in the inline keyboard")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")
    return markup if rows else None


def _detect_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram's servers add to a user's text: /commands and @mentions."""
    entities = []
    for match in re.finditer(r"(?<![\w/@])(/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?)|(?<![\w@])(@[A-Za-z0-9_]{5,32})", text):
        kind = "bot_command" if match.group(1) else "mention"
        entities.append({"type": kind, "offset": units(text[: match.start()]), "length": units(match.group(0))})
    return entities


def _chat_id(value: Any) -> Any:
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _same_chat(value: Any, chat_id: int) -> bool:
    return _chat_id(value) == chat_id


# -- the HTTP server -------------------------------------------------------------------------------


class BotApiStandIn:
    """The Bot API stand-in's HTTP app and its registered bots."""

    LONG_POLL_STEP = 0.02

    def __init__(self) -> None:
        self.bots: dict[str, BotAccount] = {}
        self.url = ""
        self.app = Starlette(routes=[Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"])])

    @property
    def base_url(self) -> str:
        """What `ASSISTANT_TELEGRAM_BASE_URL` is set to (the token is appended)."""
        return f"{self.url}/bot"

    def new_bot(self, username: str = "tro_ly_bao_cao_bot") -> BotAccount:
        bot_id = 6_000_000_000 + next(_ids)
        account = BotAccount(token=f"{bot_id}:{secrets.token_urlsafe(26)}", id=bot_id, username=username)
        self.bots[account.token] = account
        return account

    async def _endpoint(self, request: Request) -> JSONResponse:
        account = self.bots.get(request.path_params["token"])
        if account is None:
            return _error(BadRequest("Unauthorized", 401))
        method = request.path_params["method"]
        try:
            params = await _read_params(request)
            result = account.handle(method, params)
            if method == "getUpdates" and not result:
                result = await self._long_poll(account, params)
        except BadRequest as error:
            return _error(error)
        return JSONResponse({"ok": True, "result": result})

    async def _long_poll(self, account: BotAccount, params: dict[str, Any]) -> Any:
        """Hold getUpdates open until an update arrives or its timeout passes, as Telegram does."""
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while time.monotonic() < deadline:
            await asyncio.sleep(self.LONG_POLL_STEP)
            with account._lock:
                result = account._api_getUpdates({**params, "allowed_updates": None})
            if result:
                return result
        return []

    @classmethod
    @contextmanager
    def start(cls) -> Iterator[BotApiStandIn]:
        """Serve the stand-in on a free 127.0.0.1 port until the block ends."""
        standin = cls()
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(standin.app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the Bot API stand-in did not start")
            time.sleep(0.02)
        standin.url = f"http://127.0.0.1:{port}"
        try:
            yield standin
        finally:
            server.should_exit = True
            thread.join(timeout=10)


async def _read_params(request: Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query_params)
    content_type = request.headers.get("content-type", "")
    if "application/json" in content_type:
        body = await request.body()
        if body:
            try:
                params.update(json.loads(body))
            except json.JSONDecodeError as error:
                raise BadRequest("Bad Request: can't parse JSON") from error
        return params
    if "form" in content_type:
        form = await request.form()
        params.update({key: value for key, value in form.items() if isinstance(value, str)})
    for key, value in list(params.items()):
        if key not in _STRING_PARAMS and isinstance(value, str):
            try:
                params[key] = json.loads(value)
            except json.JSONDecodeError:
                pass
    return params


def _error(error: BadRequest) -> JSONResponse:
    return JSONResponse(
        {"ok": False, "error_code": error.code, "description": error.description}, status_code=error.code
    )

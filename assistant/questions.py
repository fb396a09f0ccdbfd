"""What the service takes as a question: checked once, before any work, with one set of words.

Every adapter goes through here, so the HTTP API, the web chat and the bot refuse the same
questions with the same Vietnamese reasons (`prompts/errors.toml`, section `question`).
"""

from __future__ import annotations

import re

from assistant.prompts import Prompts
from assistant.user_text import TextProblem, clean_user_text

# Ids a client may choose: a page session's random id, "telegram:<chat id>".
_CONVERSATION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


class QuestionError(ValueError):
    """A question the service will not take; `message` is for the user, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QuestionChecker:
    def __init__(self, prompts: Prompts, max_chars: int) -> None:
        self.prompts = prompts
        self.max_chars = max_chars

    def question(self, question: str) -> str:
        """The question as the indexes expect it (NFC, no invisible characters), or QuestionError."""
        try:
            text = clean_user_text(question or "").strip()
        except TextProblem as problem:
            raise self._error(f"question.{problem.kind}", code=problem.code) from problem
        if not text:
            raise self._error("question.empty")
        if len(text) > self.max_chars:
            raise self._error("question.too_long", length=len(text), limit=self.max_chars)
        return text

    def conversation_id(self, conversation_id: str | None) -> str | None:
        if conversation_id is None or _CONVERSATION_ID.fullmatch(conversation_id):
            return conversation_id
        raise self._error("question.conversation_id")

    def _error(self, key: str, **values: object) -> QuestionError:
        return QuestionError(self.prompts.message("errors", key, **values))

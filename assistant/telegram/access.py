"""Who may ask, and how often: the allow-list of Telegram IDs and the per-user rate limit."""

from __future__ import annotations

import math
import time
from collections.abc import Iterable

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter


class AllowList:
    """User IDs and chat IDs that may use the bot; empty admits nobody.

    Listing a group's chat ID admits everyone in that group; listing a user admits them in any
    chat, private or group. Denying by default means a forgotten setting never opens the bot.
    """

    def __init__(self, ids: Iterable[int]) -> None:
        self._ids = frozenset(ids)

    def admits(self, user_id: int | None, chat_id: int | None) -> bool:
        return (user_id is not None and user_id in self._ids) or (chat_id is not None and chat_id in self._ids)


class QuestionRateLimit:
    """At most N questions per user per window (`limits`' moving window, kept in memory).

    The moving window is exact: a burst at the end of one minute cannot be followed by another at
    the start of the next, which a fixed window would allow.
    """

    def __init__(self, rate: str) -> None:
        self.item: RateLimitItem = parse(rate)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def hit(self, user_id: int) -> bool:
        """Count one question; False when the user is over the limit (the question is not counted)."""
        return await self._limiter.hit(self.item, "telegram-question", str(user_id))

    async def retry_after(self, user_id: int) -> int:
        """Whole seconds until the user may ask again."""
        stats = await self._limiter.get_window_stats(self.item, "telegram-question", str(user_id))
        return max(1, math.ceil(stats.reset_time - time.time()))

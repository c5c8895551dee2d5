"""What every handler shares: settings, the fact store, the engine, the per-user question limit.

One ``BotServices`` object lives in ``application.bot_data["services"]``; handlers (and the admin
handlers built on this layer) reach it with ``services(context)``.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.settings import Settings

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.store import FactStore

SERVICES_KEY = "services"


class QuestionRateLimiter:
    """A sliding one-minute window of questions per user.

    ``check`` returns "ok", "notify" (first refusal: tell the user once) or "silent" (further refusals
    in the same window, so a flood does not get a flood of notices back).
    """

    def __init__(self, per_minute: int, window: float = 60.0, clock: Any = time.monotonic) -> None:
        self.per_minute = per_minute
        self.window = window
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._notified: set[int] = set()

    def check(self, user_id: int) -> str:
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= self.window:
            asked.popleft()
        if self.per_minute <= 0 or len(asked) < self.per_minute:
            asked.append(now)
            self._notified.discard(user_id)
            return "ok"
        if user_id in self._notified:
            return "silent"
        self._notified.add(user_id)
        return "notify"


@dataclass
class BotServices:
    settings: Settings
    store: FactStore | None = None
    engine: Engine | None = None
    question_limiter: QuestionRateLimiter = field(init=False)
    owns_store: bool = False  # opened by post_init, so post_shutdown closes it

    def __post_init__(self) -> None:
        self.question_limiter = QuestionRateLimiter(self.settings.user_questions_per_minute)


def services(context: Any) -> BotServices:
    """The shared services from a handler's ``context`` (or an ``Application``)."""
    return context.bot_data[SERVICES_KEY]

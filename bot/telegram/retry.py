"""Retry Bot API calls that failed for a passing reason: 5xx answers, timeouts, dropped connections.

python-telegram-bot's ``AIORateLimiter`` retries only 429 RetryAfter (and pauses every request for the advised
time); anything else fails the call, and the reply is lost. ``RetryingRequest`` wraps the real request layer and
tries such calls again after a short back-off, logging each fault once (method name only: the URL holds the
token). 4xx answers other than 429 are never retried (they would fail again), and 429 is left to the rate
limiter so the whole bot slows down, not just this call.

Delivery is at-least-once: when a read times out or the connection drops after Telegram received a message,
the retry may show it twice. A duplicate answer is better than a lost one.

Usage (build_application does this):

    builder.request(RetryingRequest(HTTPXRequest(connection_pool_size=256)))
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

logger = logging.getLogger(__name__)

# Seconds to wait before each retry; one retry per entry. Telegram's 5xx are short blips.
RETRY_DELAYS: tuple[float, ...] = (0.5, 2.0, 5.0)


class RetryingRequest(BaseRequest):
    """A BaseRequest that retries 5xx, timeouts and network errors of the request it wraps."""

    def __init__(self, inner: BaseRequest, delays: tuple[float, ...] | None = None) -> None:
        self.inner = inner
        self.delays = RETRY_DELAYS if delays is None else delays

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]  # never log the URL itself: it contains the token
        for attempt in range(len(self.delays) + 1):
            last = attempt == len(self.delays)
            try:
                status, payload = await self.inner.do_request(
                    url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
                )
            except (TimedOut, NetworkError) as error:
                if last:
                    raise
                fault = f"{type(error).__name__}: {error.message}"
            else:
                if status < 500 or last:
                    return status, payload
                fault = f"HTTP {status}"
            delay = self.delays[attempt]
            logger.warning(
                "Bot API %s failed (%s); retry %d of %d in %.1f s",
                api_method,
                fault,
                attempt + 1,
                len(self.delays),
                delay,
            )
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

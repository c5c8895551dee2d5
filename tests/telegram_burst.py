"""Measure how a burst of updates behaves through the real Application (not a test; run it by hand).

Usage:

    .venv/bin/python tests/telegram_burst.py

Simulates Bot API calls taking LATENCY seconds, and compares processing one update at a time with
the bot's per-chat concurrent processing, both behind python-telegram-bot's AIORateLimiter
(30 messages/s overall, 20/min per group). Prints when the last reply went out and how long a
private chat waited while a group burst was being answered.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from telegram import Update
from telegram.ext import SimpleUpdateProcessor
from telegram_harness import ChatSimulator, RecordingRequest, make_settings, project_store, shared_engine

import bot.telegram.app as telegram_app

LATENCY = 0.05  # a Bot API round trip from a VPS in Europe is typically 30-80 ms


class SlowRequest(RecordingRequest):
    def __init__(self) -> None:
        super().__init__()
        self.sent_at: list[tuple[float, int]] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any):
        if not url.endswith(("getMe", "setMyCommands")):
            await asyncio.sleep(LATENCY)
        result = await super().do_request(url, method, request_data, *args, **kwargs)
        if url.endswith("sendMessage"):
            self.sent_at.append((time.perf_counter(), int(self.calls[-1].params["chat_id"])))
        return result


async def burst(sequential: bool, private_users: int, group_messages: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder, project_store(Path(folder) / "b.db") as store:
        request = SlowRequest()
        app = telegram_app.build_application(make_settings(Path(folder)), store, shared_engine(), request=request)
        if sequential:  # python-telegram-bot's default: one update at a time
            app._update_processor = SimpleUpdateProcessor(1)  # type: ignore[attr-defined]
        sim = ChatSimulator(app, request)
        payloads = []
        for number in range(group_messages):  # a busy group first: everybody /asks at once
            user = sim.user(5000 + number)
            message = sim.message(
                "/ask How many people voted in Tajikistan?", user=user, chat=sim.chat("supergroup", -100)
            )
            payloads.append({"update_id": len(payloads) + 1, "message": message})
        for number in range(private_users):
            user = sim.user(9000 + number)
            message = sim.message(
                "How many people voted in Uzbekistan?", user=user, chat=sim.chat("private", 9000 + number)
            )
            payloads.append({"update_id": len(payloads) + 1, "message": message})
        async with app:
            await app.post_init(app)
            await app.start()
            start = time.perf_counter()
            for payload in payloads:
                await app.update_queue.put(Update.de_json(payload, app.bot))
            # Over 20 group replies take minutes (20/min per group): then wait only for the private chats.
            expected = len(payloads) if group_messages <= 25 else private_users
            while len([1 for _, chat in request.sent_at if chat > 0 or expected == len(payloads)]) < expected:
                await asyncio.sleep(0.01)
            if expected < len(payloads):
                app.update_queue._queue.clear()  # type: ignore[attr-defined]
            await app.stop()
        times = {chat: at - start for at, chat in request.sent_at}
        private = [at - start for at, chat in request.sent_at if chat > 0]
        return {
            "last reply (s)": max(times.values()),
            "first private reply (s)": min(private) if private else float("nan"),
            "last private reply (s)": max(private) if private else float("nan"),
        }


async def main() -> None:
    for label, private_users, group_messages in (
        ("100 private questions at once", 100, 0),
        ("25 /ask in one group, then 10 private questions", 10, 25),
        ("100 /ask in one group, then 10 private questions (private replies only)", 10, 100),
    ):
        print(label)
        for sequential in (True, False) if group_messages <= 25 else (False,):
            figures = await burst(sequential, private_users, group_messages)
            if group_messages > 25:
                del figures["last reply (s)"]  # the group's replies are still trickling out at 20/min
            shown = ", ".join(f"{name} {value:.1f}" for name, value in figures.items())
            print(f"  {'sequential' if sequential else 'per-chat concurrent':>20}: {shown}")


if __name__ == "__main__":
    asyncio.run(main())

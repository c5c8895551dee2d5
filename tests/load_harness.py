"""Load harness (issue 6): many simulated users asking at once through the real Application, offline.

Not a timed unit test: it reports figures. Run it by hand:

    .venv/bin/python -m tests.load_harness                  # 1,000 users x 10 questions
    .venv/bin/python -m tests.load_harness --users 100 --questions 5 --telegram-limits

Every update goes through ``app.update_queue`` exactly as in production (the bot's own per-chat concurrent
update processor, handlers, engine, question log in SQLite); only the Bot API is an in-memory
``RecordingRequest``. By default Telegram's 30 messages/s overall limit is lifted so the figures show what the
bot itself can do; ``--telegram-limits`` keeps it (then throughput is capped near 30 replies/s by design).

Reports updates/second, reply latency percentiles (update queued -> reply sent), peak memory (max RSS), and
checks that every update got exactly one reply (none lost, none doubled). tests/test_load_harness.py runs a
small version in the suite.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from telegram import Update
from telegram_harness import ChatSimulator, RecordingRequest, make_settings, project_store, shared_engine

QUESTIONS = [
    "How many people voted in Tajikistan?",
    "and in Uzbekistan?",
    "Сколько россиян проголосовало в Казахстане?",
    "What did the exit poll in Almaty show?",
    "Who won the election?",
    "How did Putin do in Kyrgyzstan?",
    "Какая явка была в Киргизии?",
    "What about Germany?",
    "Where could people vote in Uzbekistan?",
    "asdf qwerty",
]
FIRST_USER = 10_000_000


@dataclass
class LoadReport:
    users: int
    questions: int
    seconds: float
    latencies: list[float]
    replies_per_update: dict[int, int]
    peak_rss_mb: float
    failures: int
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def updates(self) -> int:
        return self.users * self.questions

    @property
    def lost(self) -> int:
        return sum(1 for count in self.replies_per_update.values() if count == 0)

    @property
    def duplicated(self) -> int:
        return sum(1 for count in self.replies_per_update.values() if count > 1)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def __str__(self) -> str:
        return "\n".join(
            [
                f"{self.users} users x {self.questions} questions = {self.updates} updates in {self.seconds:.1f} s",
                f"throughput: {self.updates / self.seconds:.0f} updates/s",
                "latency (queued -> reply sent): "
                f"p50 {self.percentile(0.50) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms, "
                f"p99 {self.percentile(0.99) * 1000:.0f} ms, max {max(self.latencies, default=0) * 1000:.0f} ms, "
                f"mean {statistics.fmean(self.latencies) * 1000 if self.latencies else 0:.0f} ms",
                f"peak memory (max RSS of the process): {self.peak_rss_mb:.0f} MB",
                f"replies: lost {self.lost}, duplicated {self.duplicated}, failed updates {self.failures}",
            ]
        )


class TimingRequest(RecordingRequest):
    """Records when each reply leaves, matched to the oldest unanswered update of its chat (chats are in order)."""

    def __init__(self) -> None:
        super().__init__()
        self.pending: dict[int, deque[tuple[int, float]]] = defaultdict(deque)  # chat -> (update id, queued at)
        self.replies: dict[int, int] = {}
        self.latencies: list[float] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any):
        result = await super().do_request(url, method, request_data, *args, **kwargs)
        if url.endswith("/sendMessage"):
            chat_id = int(self.calls[-1].params["chat_id"])
            queue = self.pending.get(chat_id)
            if queue:
                update_id, queued_at = queue.popleft()
                self.latencies.append(time.perf_counter() - queued_at)
                self.replies[update_id] += 1
            else:  # a reply nobody is waiting for: a duplicate (or a second part of a split reply)
                self.replies[-chat_id] = self.replies.get(-chat_id, 0) + 2
        return result


async def run_load(users: int, questions: int, *, telegram_limits: bool = False) -> LoadReport:
    """Push ``users`` x ``questions`` private messages through the real Application at once; return the figures."""
    import logging

    failures = 0

    class CountFailures(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            nonlocal failures
            failures += record.getMessage().startswith("Update failed")

    failure_counter = CountFailures(logging.ERROR)
    logging.getLogger("bot.telegram.handlers").addHandler(failure_counter)
    try:
        with tempfile.TemporaryDirectory() as folder, project_store(Path(folder) / "load.db") as store:
            request = TimingRequest()
            from bot.telegram.app import build_application

            settings = make_settings(Path(folder), user_questions_per_minute=max(20, questions))
            app = build_application(settings, store, shared_engine(), request=request)
            if not telegram_limits:
                app.bot.rate_limiter._base_limiter = None  # lift the 30 messages/s overall limit
            sim = ChatSimulator(app, request)
            payloads = []
            for round_number in range(questions):  # round-robin: every user's first question, then the second...
                for user_number in range(users):
                    user_id = FIRST_USER + user_number
                    text = QUESTIONS[(round_number + user_number) % len(QUESTIONS)] if round_number else QUESTIONS[0]
                    message = sim.message(text, user=sim.user(user_id), chat=sim.chat("private", user_id))
                    payloads.append((user_id, {"update_id": len(payloads) + 1, "message": message}))
            async with app:
                await app.post_init(app)
                await app.start()
                start = time.perf_counter()
                for chat_id, payload in payloads:
                    request.replies[payload["update_id"]] = 0
                    request.pending[chat_id].append((payload["update_id"], time.perf_counter()))
                    await app.update_queue.put(Update.de_json(payload, app.bot))
                while sum(len(queue) for queue in request.pending.values()) and failures == 0:
                    await asyncio.sleep(0.005)
                seconds = time.perf_counter() - start
                await asyncio.sleep(0.05)  # let any stray second reply arrive before counting
                await app.stop()
            peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return LoadReport(
                users, questions, seconds, request.latencies, dict(request.replies), peak_kb / 1024, failures
            )
    finally:
        logging.getLogger("bot.telegram.handlers").removeHandler(failure_counter)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--telegram-limits", action="store_true", help="keep Telegram's 30 messages/s overall limit")
    args = parser.parse_args(argv)
    report = asyncio.run(run_load(args.users, args.questions, telegram_limits=args.telegram_limits))
    print(report)
    return 0 if report.lost == report.duplicated == report.failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

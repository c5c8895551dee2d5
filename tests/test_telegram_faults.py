"""Telegram faults (issue 6): 429 RetryAfter, 5xx answers, timeouts and dropped connections.

The request layer (tests/hardening.FaultyRequest) fails some Bot API calls before "Telegram" sees them. Replies
are retried (429 by python-telegram-bot's AIORateLimiter, the rest by bot.telegram.retry.RetryingRequest), none
is lost or sent twice, each fault is logged once, and a call that keeps failing costs only its own update.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from hardening import FaultyRequest, check_sent
from telegram.error import NetworkError
from telegram.ext import Application
from telegram_harness import ChatSimulator, make_settings, project_store, shared_engine

import bot.telegram.retry as retry
from bot.telegram.app import build_application
from bot.telegram.retry import RetryingRequest

FAULTS = [("retry_after", 1), ("server_error", 502), "timeout", "disconnect", ("server_error", 500)]
QUESTION = "How many people voted in Tajikistan?"


@pytest.fixture(autouse=True)
def no_back_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retry, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    # python-telegram-bot 22 warns (deprecation) inside RetryAfter unless it may use timedelta; pytest makes
    # warnings errors. Production just prints that warning once.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


async def started(tmp_path: Path, plan: Callable[[Any, int], Any]) -> AsyncIterator[tuple[Application, FaultyRequest]]:
    request = FaultyRequest(plan)
    with project_store(tmp_path / "bot.db") as store:
        app = build_application(make_settings(tmp_path, user_questions_per_minute=0), store, shared_engine(),
                                request=request)  # fmt: skip
        async with app:
            await app.post_init(app)
            yield app, request


def question(sim: ChatSimulator, user_id: int, text: str = QUESTION) -> dict[str, Any]:
    return {"message": sim.message(text, user=sim.user(user_id), chat=sim.chat("private", user_id))}


def fault_log(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name in {"bot.telegram.retry", "telegram.ext.AIORateLimiter"} and "etry" in record.getMessage()
    ]


async def test_every_kind_of_fault_on_the_first_try_is_retried_and_no_reply_is_lost(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    users = list(range(3001, 3001 + len(FAULTS) * 2))
    fault_for = {str(user): FAULTS[number % len(FAULTS)] for number, user in enumerate(users)}

    def plan(call: Any, attempt: int) -> Any:
        if call.method == "sendMessage" and attempt == 1:
            return fault_for.get(str(call.params.get("chat_id")))
        return None

    async for app, request in started(tmp_path, plan):
        sim = ChatSimulator(app, request)
        for user in users:
            await sim.process(question(sim, user))
        replies = [int(call.params["chat_id"]) for call in request.calls_to("sendMessage")]
        assert sorted(replies) == users  # every user got exactly one reply: none lost, none doubled
        assert all("9,500" in call.sent_text for call in request.calls_to("sendMessage"))
        check_sent(request.calls)
        assert len(request.faults) == len(users)
    logged = fault_log(caplog)
    assert len(logged) == len(users), logged  # each fault logged once
    assert not [record for record in caplog.records if record.getMessage().startswith("Update failed")]


async def test_faults_on_buttons_edits_and_inline_answers_are_retried(tmp_path: Path) -> None:
    def plan(call: Any, attempt: int) -> Any:
        if call.method in {"answerCallbackQuery", "editMessageText", "answerInlineQuery"} and attempt == 1:
            return "timeout" if call.method == "editMessageText" else ("server_error", 503)
        return None

    async for app, request in started(tmp_path, plan):
        sim = ChatSimulator(app, request)
        await sim.process(question(sim, 3100, "/countries"))
        countries = request.calls_to("sendMessage")[-1]
        bot_message = request.result_for(countries)
        query = {"id": "1", "from": sim.user(3100), "chat_instance": "1", "message": bot_message,
                 "data": "1:c:tajikistan"}  # fmt: skip
        await sim.process({"callback_query": query})
        await sim.process({"inline_query": {"id": "2", "from": sim.user(3100), "query": QUESTION, "offset": ""}})
        assert len(request.calls_to("answerCallbackQuery")) == 1
        assert len(request.calls_to("editMessageText")) == 1
        assert len(request.calls_to("answerInlineQuery")) == 1
        assert {kind for kind, _ in request.faults} == {"server_error", "timeout"}


async def test_a_call_that_keeps_failing_costs_only_its_update_and_is_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    broken_chat = 3201

    def plan(call: Any, attempt: int) -> Any:
        return ("server_error", 502) if str(call.params.get("chat_id")) == str(broken_chat) else None

    async for app, request in started(tmp_path, plan):
        sim = ChatSimulator(app, request)
        await sim.process(question(sim, broken_chat))
        await sim.process(question(sim, 3202))  # the bot is still up for everybody else
        assert [int(call.params["chat_id"]) for call in request.calls_to("sendMessage")] == [3202]
        # the reply, then the error handler's "something went wrong": each tried 1 + len(RETRY_DELAYS) times
        assert len(request.faults) == 2 * (1 + len(retry.RETRY_DELAYS))
    failed = [record for record in caplog.records if record.getMessage().startswith("Update failed")]
    assert len(failed) == 1
    assert isinstance(failed[0].exc_info[1], NetworkError)


async def test_client_errors_are_not_retried(tmp_path: Path) -> None:
    """A 400 would fail again: it is not retried (the handler decides what to do)."""
    calls = []

    class BadRequestOnce(FaultyRequest):
        pass

    inner = BadRequestOnce(lambda call, attempt: None)

    async def refuse(*args: Any, **kwargs: Any) -> tuple[int, bytes]:
        calls.append(args[0])
        return 400, b'{"ok": false, "error_code": 400, "description": "Bad Request: message is too long"}'

    inner.do_request = refuse  # type: ignore[method-assign]
    status, _ = await RetryingRequest(inner, delays=(0.0, 0.0)).do_request("https://x/botT/sendMessage", "POST")
    assert status == 400 and len(calls) == 1


async def test_retrying_request_logs_the_method_never_the_url(caplog: pytest.LogCaptureFixture) -> None:
    token = "123456:SECRET-never-logged"
    inner = FaultyRequest(lambda call, attempt: "disconnect" if attempt == 1 else None)
    status, _ = await RetryingRequest(inner, delays=(0.0,)).do_request(
        f"https://api.telegram.org/bot{token}/getMe", "POST"
    )
    assert status == 200
    (message,) = [record.getMessage() for record in caplog.records if record.name == "bot.telegram.retry"]
    assert "getMe" in message and "SECRET" not in message

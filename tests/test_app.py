"""The Application as a whole: start-up services, command menus, errors, persistence, update ordering."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest
from telegram_harness import (
    TEST_TOKEN,
    ChatSimulator,
    RecordingRequest,
    TranscriptPlayer,
    make_settings,
    project_store,
    shared_engine,
)

from bot.catalogue import PRIVATE_COMMANDS
from bot.telegram import admin, worldmap
from bot.telegram.app import PerChatUpdateProcessor, api_base_url, build_application, file_base_url


async def play(app: Any, request: RecordingRequest, turns: list[dict[str, Any]]) -> list[list[Any]]:
    player = TranscriptPlayer(ChatSimulator(app, request))
    results = []
    async with app:
        await app.post_init(app)
        for turn in turns:
            results.append(await player.play(turn))
        await app.post_shutdown(app)
    return results


async def test_post_init_builds_the_database_on_first_run_and_sets_the_menus(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, database_path=tmp_path / "fresh" / "facts.db")
    request = RecordingRequest()
    app = build_application(settings, request=request)
    [calls] = await play(app, request, [{"say": "How many people voted in Tajikistan?"}])
    assert (tmp_path / "fresh" / "facts.db").exists()
    assert "9,500" in calls[-1].params["text"]
    menus = {
        (c.params["scope"]["type"], c.params.get("language_code")): c.params["commands"]
        for c in request.calls_to("setMyCommands")
    }
    assert set(menus) == {
        (scope, language) for scope in ("all_private_chats", "all_group_chats") for language in (None, "en", "ru")
    }
    assert "ask" in [command["command"] for command in menus["all_group_chats", "ru"]]
    assert "language" in [command["command"] for command in menus["all_private_chats", None]]
    assert menus["all_private_chats", "ru"][0]["description"] == "Начало и примеры вопросов"


async def test_admins_get_the_admin_commands_in_their_menu_and_a_refused_menu_is_not_fatal(tmp_path: Path) -> None:
    def chat_not_found(call: Any) -> tuple[int, dict[str, Any]] | None:
        if call.method == "setMyCommands" and '"chat_id": 1002' in json.dumps(call.params.get("scope")):
            return 400, {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}
        return None

    request = RecordingRequest(fault=chat_not_found)
    with project_store(tmp_path / "bot.db") as store:
        app = build_application(make_settings(tmp_path, admin_ids="1001,1002"), store, shared_engine(), request=request)
        [calls] = await play(app, request, [{"say": "How many people voted in Tajikistan?"}])
    assert "9,500" in calls[-1].params["text"]  # the bot started although one admin menu was refused
    menus = {
        (c.params["scope"].get("chat_id"), c.params.get("language_code")): [x["command"] for x in c.params["commands"]]
        for c in request.calls_to("setMyCommands")
        if c.params["scope"]["type"] == "chat"
    }
    assert set(menus) >= {(1001, None), (1001, "en"), (1001, "ru"), (1002, None)}  # 1002 refused: no more tries
    registered = {*admin.COMMANDS, "edit"}
    assert all(set(menu) == {command for command, _ in PRIVATE_COMMANDS["en"]} | registered for menu in menus.values())


async def test_language_choice_is_remembered_across_restarts(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    with project_store(tmp_path / "bot.db") as store:
        request = RecordingRequest()
        await play(build_application(settings, store, shared_engine(), request=request), request,
                   [{"say": "/language"}, {"press": "Русский"}])  # fmt: skip
        assert store.get_user_language(1001) == "ru"
        request = RecordingRequest()
        [calls] = await play(build_application(settings, store, shared_engine(), request=request), request,
                             [{"say": "/help", "language_code": "en"}])  # fmt: skip
        assert "Как пользоваться ботом" in calls[0].params["text"]


async def test_questions_are_logged_answered_or_not(tmp_path: Path) -> None:
    with project_store(tmp_path / "bot.db") as store:
        request = RecordingRequest()
        app = build_application(make_settings(tmp_path), store, shared_engine(), request=request)
        await play(app, request, [{"say": "How many people voted in Tajikistan?"}, {"say": "Weather in Paris?"}])
        stats = store.stats()
        assert stats.total == 2
        assert [group.text for group in store.unanswered()] == ["Weather in Paris?"]


class ExplodingEngine:
    """An engine whose answer() fails for one question, to prove one bad update never stops the bot."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def answer(self, text: str, *args: Any, **kwargs: Any) -> Any:
        if "explode" in text:
            raise RuntimeError(f"engine failure with {TEST_TOKEN} in the message")
        return self.engine.answer(text, *args, **kwargs)


async def test_a_failing_update_is_logged_the_user_told_and_the_bot_goes_on(tmp_path: Path, caplog) -> None:
    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, ExplodingEngine(shared_engine()), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        with caplog.at_level(logging.ERROR, logger="bot.telegram.handlers"):
            failed, recovered = await play(
                app, request, [{"say": "please explode"}, {"say": "How many people voted in Tajikistan?"}]
            )
    assert "something went wrong" in failed[-1].params["text"]
    assert "9,500" in recovered[-1].params["text"]
    [record] = [r for r in caplog.records if r.name == "bot.telegram.handlers"]
    assert "update_id=" in record.getMessage() and "chat=1001" in record.getMessage()
    assert "please explode" in record.getMessage()


async def test_a_failing_button_press_is_answered_too(tmp_path: Path) -> None:
    class BrokenRanking(ExplodingEngine):
        def ranking(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("no chart today")

    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, BrokenRanking(shared_engine()), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        _, pressed = await play(app, request, [{"say": "/chart"}, {"press": "Voters by country"}])
    texts = [c.params.get("text", "") for c in pressed]
    assert any("something went wrong" in text for text in texts)


async def test_a_map_that_cannot_be_drawn_gets_the_error_notice_from_the_command_and_the_button(
    tmp_path: Path, monkeypatch
) -> None:
    def broken(*args: Any) -> Any:
        raise RuntimeError("no map today")

    monkeypatch.setattr(worldmap, "render_world_map", broken)
    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, shared_engine(), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        command, _, pressed, after = await play(
            app, request, [{"say": "/map"}, {"say": "/chart"}, {"press": "World map"}, {"say": "/chart"}]
        )
    assert [c.method for c in command] == ["sendMessage"] and "something went wrong" in command[0].params["text"]
    [notice] = [c for c in pressed if c.method == "answerCallbackQuery"]
    assert "something went wrong" in notice.params["text"] and notice.params["show_alert"]
    assert not [c for c in pressed if c.method == "sendPhoto"]
    assert after[-1].method == "sendMessage"  # the bot goes on


async def test_the_map_is_drawn_off_the_event_loop(tmp_path: Path, monkeypatch) -> None:
    threads = []

    def render(data: Any, language: str) -> worldmap.RenderedMap:
        threads.append(threading.current_thread())
        return worldmap.RenderedMap(b"\x89PNG fake", "Title <1>", f"Source: {len(data.places)} places ({language})")

    monkeypatch.setattr(worldmap, "render_world_map", render)
    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, shared_engine(), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        [calls] = await play(app, request, [{"say": "/map", "language_code": "ru"}])
    [photo] = [c for c in calls if c.method == "sendPhoto"]
    assert photo.params["caption"] == "<b>Title &lt;1&gt;</b>\n<i>Source: 145 places (ru)</i>"
    assert photo.files and threads and threads[0] is not threading.main_thread()


async def test_without_official_results_the_map_command_says_so(tmp_path: Path, small_knowledge: Any) -> None:
    from bot.engine import Engine

    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, Engine.from_knowledge(small_knowledge), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        [calls] = await play(app, request, [{"say": "/map"}])
    assert [c.method for c in calls] == ["sendMessage"]
    assert "no official results to draw a map from" in calls[0].params["text"]


async def test_the_failure_notice_is_in_the_chosen_language_and_hides_the_exception(tmp_path: Path) -> None:
    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, ExplodingEngine(shared_engine()), request=request)
    with project_store(tmp_path / "bot.db") as store:
        app.bot_data["services"].store = store
        *_, failed = await play(
            app, request, [{"say": "/language"}, {"press": "Русский"}, {"say": "please explode", "language_code": "en"}]
        )
    [notice] = [call.params["text"] for call in failed if call.method == "sendMessage"]
    assert "что-то пошло не так" in notice
    assert "engine failure" not in notice and TEST_TOKEN not in notice


def test_build_application_needs_a_token(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="TELEGRAM_BOT_TOKEN"):
        build_application(make_settings(tmp_path, telegram_bot_token=None))


@pytest.mark.parametrize(
    ("configured", "api", "files"),
    [
        ("http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("https://api.example.org/bot{token}", "https://api.example.org/bot{token}", "https://api.example.org/file/bot{token}"),
    ],
)  # fmt: skip
def test_self_hosted_bot_api_urls(configured: str, api: str, files: str) -> None:
    assert api_base_url(configured) == api
    assert file_base_url(configured) == files


def test_base_url_reaches_the_bot(tmp_path: Path) -> None:
    app = build_application(make_settings(tmp_path, telegram_api_base_url="http://127.0.0.1:9/bot"))
    assert app.bot.base_url == f"http://127.0.0.1:9/bot{TEST_TOKEN}"
    assert app.bot.base_file_url == f"http://127.0.0.1:9/file/bot{TEST_TOKEN}"


class _FakeUpdate:
    def __init__(self, chat_id: int) -> None:
        self.effective_chat = type("Chat", (), {"id": chat_id})()


async def test_updates_of_one_chat_run_in_order_other_chats_do_not_wait() -> None:
    processor = PerChatUpdateProcessor(8)
    events: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        events.append(f"start {name}")
        if wait is not None:
            await wait.wait()
        events.append(f"end {name}")

    async with processor:
        first = asyncio.create_task(processor.process_update(_FakeUpdate(1), handle("a1", release_first)))
        second = asyncio.create_task(processor.process_update(_FakeUpdate(1), handle("a2")))
        other = asyncio.create_task(processor.process_update(_FakeUpdate(2), handle("b1")))
        await other
        assert events == ["start a1", "start b1", "end b1"]  # chat 2 did not wait; a2 waits for a1
        release_first.set()
        await asyncio.gather(first, second)
    assert events[3:] == ["end a1", "start a2", "end a2"]
    assert processor._locks == {}  # idle chats are forgotten


async def test_a_flooded_chat_does_not_take_the_working_slots_of_other_chats() -> None:
    processor = PerChatUpdateProcessor(2)
    release = asyncio.Event()
    done: list[str] = []

    async def handle(name: str, wait: bool) -> None:
        if wait:
            await release.wait()
        done.append(name)

    async with processor:
        flood = [
            asyncio.create_task(processor.process_update(_FakeUpdate(1), handle(f"group {n}", wait=True)))
            for n in range(5)
        ]
        await processor.process_update(_FakeUpdate(2), handle("private", wait=False))
        assert done == ["private"]  # four group updates queue for their chat, not for a working slot
        release.set()
        await asyncio.gather(*flood)
    assert done[1:] == [f"group {n}" for n in range(5)]


class LongAnswerEngine(ExplodingEngine):
    """Answers with a reply longer than one Telegram message, and did-you-mean buttons."""

    def answer(self, text: str, *args: Any, **kwargs: Any) -> Any:
        reply = self.engine.answer("where could people vote", *args, **kwargs)  # a did-you-mean with buttons
        reply.html = "\n".join(f"<b>Line {n}</b> " + "x" * 80 for n in range(120))
        return reply


async def test_a_long_reply_is_split_with_the_buttons_under_the_last_part(tmp_path: Path) -> None:
    request = RecordingRequest()
    app = build_application(make_settings(tmp_path), None, LongAnswerEngine(shared_engine()), request=request)
    [calls] = await play(app, request, [{"say": "anything"}])
    sent = [call for call in calls if call.method == "sendMessage"]
    assert len(sent) == 3
    assert all(len(call.params["text"]) <= 4096 for call in sent)
    assert [("reply_markup" in call.params) for call in sent] == [False, False, True]
    assert "".join(call.params["text"] for call in sent).count("<b>Line") == 120


async def test_flood_control_is_waited_out_and_the_reply_still_arrives(tmp_path: Path) -> None:
    refused: list[str] = []

    def flood_once(call: Any) -> tuple[int, dict[str, Any]] | None:
        if call.method == "sendMessage" and not refused:
            refused.append(call.method)
            retry = {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1"}
            return 429, {**retry, "parameters": {"retry_after": 1}}
        return None

    request = RecordingRequest(fault=flood_once)
    with project_store(tmp_path / "bot.db") as store:
        app = build_application(make_settings(tmp_path), store, shared_engine(), request=request)
        [calls] = await play(app, request, [{"say": "How many people voted in Tajikistan?"}])
    sent = [call for call in calls if call.method == "sendMessage"]
    assert len(sent) == 2  # refused once with RetryAfter, then sent again by the rate limiter
    assert "9,500" in sent[-1].params["text"]

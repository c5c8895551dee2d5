"""Telegram admin layer (bot.telegram.admin): refusals are logged without secrets; arguments are read as typed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from telegram_harness import TEST_TOKEN, fresh_engine, project_store, run_transcript

from bot.telegram.admin import command_argument

CONVERSATIONS = Path(__file__).parent / "conversations"


async def test_refused_admin_commands_are_logged_with_user_and_command_never_the_token(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with project_store(tmp_path / "bot.db") as store:
        await run_transcript(CONVERSATIONS / "admin_access.yaml", tmp_path, store=store, engine=fresh_engine())
    refusals = [record.getMessage() for record in caplog.records if record.name == "bot.telegram.admin"]
    assert "Refused admin /facts from user 2002" in refusals
    assert "Refused admin /import from user 2002" in refusals
    assert any(message.startswith("Refused admin button 'a1:ud:") for message in refusals)
    # INFO and up: python-telegram-bot itself logs its API URL (with the token) at DEBUG when the bot is built.
    assert all(TEST_TOKEN not in record.getMessage() for record in caplog.records if record.levelno >= logging.INFO)


class FakeMessage:
    def __init__(self, text: str | None = None, caption: str | None = None) -> None:
        self.text = text
        self.caption = caption


@pytest.mark.parametrize(
    ("text", "argument"),
    [
        ("/facts", ""),
        ("/facts kyrgyzstan", "kyrgyzstan"),
        ("/facts@ElectionAbroadBot  Киргизия", "Киргизия"),
        ("/add\nid: x\ncountry: y", "id: x\ncountry: y"),
        ("/add id: x\ncountry: y", "id: x\ncountry: y"),
        ("/set a answer.en Two  spaces kept", "a answer.en Two  spaces kept"),
    ],
)
def test_command_argument_keeps_what_follows_the_command(text: str, argument: str) -> None:
    message: Any = FakeMessage(text)
    assert command_argument(message) == argument

"""Conversation tests: every tests/conversations/*.yaml transcript played through the real Application.

The transcript format is documented at the top of tests/telegram_harness.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram_harness import fresh_engine, project_store, run_transcript, shared_engine

CONVERSATIONS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


@pytest.fixture
def bot_store(tmp_path: Path) -> Iterator[Any]:
    with project_store(tmp_path / "bot.db") as store:
        yield store


@pytest.mark.parametrize("path", CONVERSATIONS, ids=[path.stem for path in CONVERSATIONS])
async def test_conversation(path: Path, tmp_path: Path, bot_store: Any) -> None:
    # Admin transcripts change facts and refresh the engine: they get their own, the rest share one.
    engine = fresh_engine() if path.stem.startswith("admin_") else shared_engine()
    await run_transcript(path, tmp_path, store=bot_store, engine=engine)

"""Storage faults (issue 6) through the real code paths: a database that turns read-only or loses its folder
while the bot runs, invalid YAML on reload or import, and an index rebuild that fails. The bot keeps answering
from the last good data and says clearly what went wrong. (SIGKILL mid-write and concurrent edits: test_store.)"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening import OfflineBot, dump_store
from telegram_harness import fresh_engine, make_settings, project_store

import bot.engine.index as engine_module
from bot.cli import cli
from bot.curation import Curator
from bot.store import FactStore, StoreUnavailable

ADMIN = 4711
QUESTION = "How many people voted in Tajikistan?"


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[OfflineBot, FactStore]]:
    folder = tmp_path / "data"
    with project_store(folder / "bot.db") as store:
        offline = OfflineBot(make_settings(tmp_path, admin_ids=str(ADMIN)), store, fresh_engine())
        yield offline, store
        offline.close()


def answered(bot: OfflineBot) -> bool:
    return any("9,500" in call.sent_text for call in bot.private_text(QUESTION))


def test_database_turning_read_only_refuses_edits_clearly_and_keeps_answering(running, caplog) -> None:
    bot, store = running
    store.db.execute("PRAGMA query_only = ON")  # what a read-only file or folder looks like to SQLite
    before = dump_store(store)
    calls = bot.private_text("/set tajikistan-turnout answer.en Changed.", user_id=ADMIN)
    assert any("Cannot use the database" in call.sent_text for call in calls), [c.sent_text for c in calls]
    assert answered(bot)  # the question log cannot be written; the answer still goes out
    assert "Could not log a question" in caplog.text
    assert dump_store(store) == before
    assert not [record for record in caplog.records if record.getMessage().startswith("Update failed")]


def test_database_folder_removed_while_running_keeps_answering(running, caplog) -> None:
    bot, store = running
    shutil.rmtree(store.path.parent)
    assert answered(bot)
    calls = bot.private_text("/fact tajikistan-turnout", user_id=ADMIN)
    assert calls and all(call.sent_text.strip() for call in calls if call.method == "sendMessage")
    assert not [record for record in caplog.records if record.getMessage().startswith("Update failed")]


def test_missing_or_unwritable_database_location_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnavailable, match="Set DATABASE_PATH to a writable location"):
        FactStore(blocker / "sub" / "facts.db")


def test_invalid_yaml_on_reload_is_refused_and_the_running_bot_keeps_its_data(
    running, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot, store = running
    broken = tmp_path / "knowledge"
    broken.mkdir()
    (broken / "facts.yaml").write_text("facts:\n  - id: x\n    answer: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_PATH", str(store.path))
    before = dump_store(store)
    result = CliRunner().invoke(cli, ["load", str(broken)])
    assert result.exit_code == 1
    assert "facts.yaml:" in result.output and "Not loaded" in result.output
    assert dump_store(store) == before
    assert answered(bot)


def test_invalid_yaml_import_is_refused_with_its_line_and_answers_stay(running) -> None:
    bot, store = running
    curator = Curator(store, bot.app.bot_data["services"].engine)
    before = dump_store(store)
    outcome = curator.preview_import("facts.yaml", b"facts:\n  - id: x\n    answer: [unclosed\n", ADMIN)
    assert not outcome.ok and "facts.yaml:" in outcome.text and "malformed YAML" in outcome.text, outcome.text
    assert dump_store(store) == before
    assert answered(bot)


def test_a_failed_index_rebuild_keeps_the_last_good_index(running, monkeypatch: pytest.MonkeyPatch) -> None:
    bot, store = running
    engine = bot.app.bot_data["services"].engine
    kb_before = engine.knowledge

    def broken_index(*args, **kwargs):
        raise MemoryError("simulated failure while building the index")

    monkeypatch.setattr(engine_module, "EntityIndex", broken_index)
    with pytest.raises(MemoryError):
        engine.refresh(store.knowledge().model_copy(update={"facts": []}))
    assert engine.knowledge == kb_before
    assert answered(bot)

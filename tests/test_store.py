from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.knowledge import load_folder
from bot.models import BilingualList, Fact, KnowledgeBase, Source
from bot.settings import PROJECT_ROOT
from bot.store import (
    SCHEMA_VERSION,
    DuplicateFact,
    FactStore,
    InvalidField,
    NoChange,
    NothingToUndo,
    StoreError,
    StoreUnavailable,
    UndoConflict,
    UnknownFact,
    UnknownReference,
    UnknownVersion,
    ValidationFailed,
    _create_schema_v1,
    _version_reference_data_v2,
    changed_paths,
)

ADMIN = 1001
OTHER_ADMIN = 2002


def rows(store: FactStore) -> list[str]:
    """Every row of every table: equal snapshots mean nothing was written."""
    return list(store.db.conn.iterdump())


def edit(kb: KnowledgeBase, fact_id: str, **changes: object) -> KnowledgeBase:
    facts = [fact.model_copy(update=changes) if fact.id == fact_id else fact for fact in kb.facts]
    return kb.model_copy(update={"facts": facts})


def by_id(kb: KnowledgeBase) -> dict[str, Fact]:
    return {fact.id: fact for fact in kb.facts}


@pytest.fixture
def loaded(fact_store: FactStore, small_knowledge: KnowledgeBase) -> FactStore:
    fact_store.load_knowledge(small_knowledge)
    return fact_store


# --- opening ---------------------------------------------------------------------------------------


def test_store_creates_folder_with_wal_foreign_keys_and_schema_version(tmp_path: Path) -> None:
    with FactStore(tmp_path / "new" / "deeper" / "facts.db") as store:
        assert (tmp_path / "new" / "deeper" / "facts.db").exists()
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(
            SCHEMA_VERSION
        )
        assert store.knowledge() == KnowledgeBase()


def test_unusable_database_folder_gives_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreUnavailable, match="Cannot create the database folder"):
        FactStore(blocker / "facts.db")


def test_database_from_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.db"
    FactStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreUnavailable, match="newer"):
        FactStore(path)


def test_read_only_database_still_answers_but_refuses_writes(
    tmp_path: Path, small_knowledge: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facts.db"
    with FactStore(path) as store:
        store.load_knowledge(small_knowledge)
    store = FactStore(path)
    store.db.execute("PRAGMA query_only = ON")  # what a read-only file looks like to SQLite, even for root
    assert len(store.knowledge().facts) == 3
    with pytest.raises(StoreUnavailable, match="Cannot use the database"):
        store.delete_fact("national-result", ADMIN)
    assert len(store.knowledge().facts) == 3
    store.close()


# --- loading YAML --------------------------------------------------------------------------------


def test_load_adds_everything_and_knowledge_matches(fact_store: FactStore, small_knowledge: KnowledgeBase) -> None:
    report = fact_store.load_knowledge(small_knowledge)
    assert report.added == ["tajikistan-turnout", "kazakhstan-exit-poll", "national-result"]
    assert fact_store.knowledge() == small_knowledge
    assert str(report).startswith("Loaded: 3 added, 0 updated, 0 unchanged, 0 conflicts")
    aliases = {row[0] for row in fact_store.db.execute("SELECT alias FROM country_aliases")}
    assert {"Dushanbe", "Душанбе", "Tajikistan", "Казахстан"} <= aliases


def test_reloading_same_yaml_changes_nothing(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    before = rows(loaded)
    report = loaded.load_knowledge(small_knowledge)
    assert report.unchanged == [fact.id for fact in small_knowledge.facts]
    assert not report.changed
    assert rows(loaded) == before


def test_yaml_change_updates_fact_with_new_version(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    answer = small_knowledge.facts[0].answer.model_copy(update={"en": "Around 10,000 people voted."})
    report = loaded.load_knowledge(edit(small_knowledge, "tajikistan-turnout", answer=answer))
    assert report.updated == ["tajikistan-turnout"]
    latest = loaded.history("tajikistan-turnout")[-1]
    assert (latest.version, latest.actor, latest.action, latest.changed_fields) == (2, "yaml", "update", ["answer.en"])
    assert loaded.get_fact("tajikistan-turnout").answer.en == "Around 10,000 people voted."


def test_yaml_change_over_admin_edit_is_a_conflict_and_keeps_admin_version(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    loaded.set_field("tajikistan-turnout", "answer.en", "Roughly 10,000 people voted.", ADMIN)
    answer = small_knowledge.facts[0].answer.model_copy(update={"en": "Around 10,000 people voted."})
    changed_yaml = edit(small_knowledge, "tajikistan-turnout", answer=answer)
    before = rows(loaded)

    report = loaded.load_knowledge(changed_yaml)

    assert [conflict.fact_id for conflict in report.conflicts] == ["tajikistan-turnout"]
    assert f"edited by {ADMIN}" in str(report) and "--overwrite" in str(report)
    assert loaded.get_fact("tajikistan-turnout").answer.en == "Roughly 10,000 people voted."
    assert rows(loaded) == before

    report = loaded.load_knowledge(changed_yaml, overwrite=True)
    assert report.overwritten == ["tajikistan-turnout"] and not report.conflicts
    assert loaded.get_fact("tajikistan-turnout").answer.en == "Around 10,000 people voted."
    assert [version.actor for version in loaded.history("tajikistan-turnout")] == ["yaml", str(ADMIN), "yaml"]
    assert loaded.load_knowledge(changed_yaml).unchanged  # the overwrite became the new YAML base


def test_admin_edit_survives_reload_of_unchanged_yaml(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    loaded.set_field("tajikistan-turnout", "figures.voters", "12000", ADMIN)
    report = loaded.load_knowledge(small_knowledge)
    assert not report.conflicts and not report.changed
    assert loaded.get_fact("tajikistan-turnout").figures[0].value == 12000


def test_yaml_catching_up_with_admin_edit_is_not_a_conflict(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    loaded.set_field("tajikistan-turnout", "topic", "context", ADMIN)
    report = loaded.load_knowledge(edit(small_knowledge, "tajikistan-turnout", topic="context"))
    assert not report.conflicts and report.unchanged == [fact.id for fact in small_knowledge.facts]


def test_facts_gone_from_yaml_are_reported_and_deleted_only_with_overwrite(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    loaded.add_fact(small_knowledge.facts[2].model_copy(update={"id": "admin-fact", "questions": _questions()}), ADMIN)
    shorter = small_knowledge.model_copy(update={"facts": small_knowledge.facts[:2]})

    report = loaded.load_knowledge(shorter)
    assert report.missing == ["national-result"]  # admin-fact is not a YAML fact: not even reported
    assert loaded.get_fact("national-result") is not None

    report = loaded.load_knowledge(shorter, overwrite=True)
    assert report.deleted == ["national-result"]
    assert loaded.get_fact("national-result") is None
    assert loaded.get_fact("admin-fact") is not None  # never deleted by a load
    assert loaded.history("national-result")[-1].action == "delete"

    assert loaded.load_knowledge(small_knowledge).updated == ["national-result"]  # back in YAML: back live
    assert loaded.get_fact("national-result") is not None


def test_load_dry_run_reports_without_writing(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    before = rows(loaded)
    report = loaded.load_knowledge(edit(small_knowledge, "national-result", topic="context"), dry_run=True)
    assert report.updated == ["national-result"] and str(report).startswith("Would load")
    assert rows(loaded) == before


def test_partial_load_leaves_other_facts_and_references(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    one_fact = KnowledgeBase(facts=[small_knowledge.facts[2].model_copy(update={"topic": "context"})])
    report = loaded.load_knowledge(one_fact, actor=ADMIN, partial=True)
    assert report.updated == ["national-result"] and not report.missing
    assert len(loaded.knowledge().facts) == 3 and len(loaded.knowledge().sources) == 2


def test_load_that_breaks_references_is_refused(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    before = rows(loaded)
    without_cec = small_knowledge.model_copy(update={"sources": small_knowledge.sources[:1]})
    with pytest.raises(ValidationFailed, match="unknown source 'cec'"):
        loaded.load_knowledge(without_cec)
    assert rows(loaded) == before


def test_round_trip_load_export_load(loaded: FactStore, tmp_path: Path) -> None:
    loaded.set_field("national-result", "answer.en", "Putin won 87.28% of the vote.", ADMIN)
    files = loaded.export(tmp_path / "export")
    assert files and all(path.suffix == ".yaml" for path in files)
    result = load_folder(tmp_path / "export")
    assert result.errors == []
    with FactStore(tmp_path / "second.db") as second:
        second.load_knowledge(result.knowledge)
        assert by_id(second.knowledge()) == by_id(loaded.knowledge())
        for section in ("sources", "countries", "candidates"):
            assert sorted(getattr(second.knowledge(), section), key=lambda item: item.id) == sorted(
                getattr(loaded.knowledge(), section), key=lambda item: item.id
            )
    report = loaded.load_knowledge(result.knowledge)  # the export loaded back over its origin changes nothing
    assert not report.changed and not report.conflicts


def _exported_folder(knowledge: KnowledgeBase, tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    with FactStore(tmp_path / "source.db") as source:
        source.load_knowledge(knowledge)
        source.export(folder)
    return folder


def test_ensure_loaded_builds_a_fresh_database_then_changes_nothing(
    fact_store: FactStore, small_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    folder = _exported_folder(small_knowledge, tmp_path)
    assert len(fact_store.ensure_loaded(folder).added) == 3
    versions = len(fact_store.history("tajikistan-turnout"))
    again = fact_store.ensure_loaded(folder)
    assert not again.changed and not again.conflicts
    assert len(fact_store.history("tajikistan-turnout")) == versions


def test_ensure_loaded_merges_yaml_changes_but_keeps_admin_edits(
    fact_store: FactStore, small_knowledge: KnowledgeBase, tmp_path: Path
) -> None:
    fact_store.ensure_loaded(_exported_folder(small_knowledge, tmp_path / "v1"))
    fact_store.set_field("national-result", "answer.en", "Edited by an admin.", actor=42)
    changed = small_knowledge.model_copy(deep=True)
    for fact in changed.facts:
        fact.answer.ru = fact.answer.ru + " (обновлено)"
    report = fact_store.ensure_loaded(_exported_folder(changed, tmp_path / "v2"))
    assert set(report.updated) == {"kazakhstan-exit-poll", "tajikistan-turnout"}
    assert [conflict.fact_id for conflict in report.conflicts] == ["national-result"]
    assert fact_store.get_fact("national-result").answer.en == "Edited by an admin."


def test_ensure_loaded_keeps_last_good_data_when_yaml_breaks(
    fact_store: FactStore, small_knowledge: KnowledgeBase, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = _exported_folder(small_knowledge, tmp_path)
    fact_store.ensure_loaded(folder)
    next(folder.rglob("*.yaml")).write_text("facts: [unclosed\n", encoding="utf-8")
    assert fact_store.ensure_loaded(folder) is None
    assert len(fact_store.knowledge().facts) == 3
    assert "Kept the current database" in caplog.text


def test_ensure_loaded_refuses_to_build_from_invalid_yaml(fact_store: FactStore, tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "broken.yaml").write_text("facts: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        fact_store.ensure_loaded(folder)


# --- admin primitives ------------------------------------------------------------------------------


def _questions() -> BilingualList:
    return BilingualList(en=["Which admin fact is this?"], ru=["Какой это факт администратора?"])


def test_add_fact_is_versioned_and_live(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    new = small_knowledge.facts[2].model_copy(
        update={"id": "cec-turnout", "topic": "turnout", "questions": _questions()}
    )
    assert loaded.add_fact(new, ADMIN) == 1
    assert loaded.get_fact("cec-turnout") == new
    (version,) = loaded.history("cec-turnout")
    assert (version.actor, version.action, version.fact) == (str(ADMIN), "add", new)
    assert version.created_at.endswith("+00:00")


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"id": "national-result"}, DuplicateFact, "already exists"),
        ({"source": "nowhere"}, ValidationFailed, "unknown source 'nowhere'"),
        ({"country": "germany"}, ValidationFailed, "unknown country 'germany'"),
        ({"topic": "weather"}, ValidationFailed, "topic"),
        ({"evidence": []}, ValidationFailed, "evidence"),
        ({"id": "Bad Id"}, ValidationFailed, "id"),
    ],
)
def test_invalid_add_leaves_data_untouched(
    loaded: FactStore, small_knowledge: KnowledgeBase, change: dict, error: type[StoreError], message: str
) -> None:
    data = (
        small_knowledge.facts[2].model_dump(mode="json")
        | {"id": "new-fact", "questions": _questions().model_dump()}
        | change
    )
    before = rows(loaded)
    with pytest.raises(error, match=message):
        loaded.add_fact(data, ADMIN)
    assert rows(loaded) == before


def test_add_fact_with_near_duplicate_question_is_refused(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    copy = small_knowledge.facts[2].model_copy(update={"id": "copy-of-result"})
    with pytest.raises(ValidationFailed):
        loaded.add_fact(copy, ADMIN)
    assert loaded.get_fact("copy-of-result") is None


@pytest.mark.parametrize(
    ("path", "text", "expected_old", "expected_new"),
    [
        ("answer.en", "Putin: 87.28%.", "Putin won 87.28%.", "Putin: 87.28%."),
        ("answer.ru", "Путин набрал 87,28% голосов.", "Путин набрал 87,28%.", "Путин набрал 87,28% голосов."),
        ("topic", "context", "result", "context"),
        ("country", "kazakhstan", None, "kazakhstan"),
        ("figures.0.value", "88", 87.28, 88.0),
        ("figures.vote_share", "88.5", 87.28, 88.5),
        ("figures.0.approx", "around", "exact", "around"),
        (
            "questions.en",
            "- Who won?\n- Who is the winner?",
            ["Who won the election?"],
            ["Who won?", "Who is the winner?"],
        ),
        ("evidence", "Putin 87.28% of votes", ["Putin 87.28%"], ["Putin 87.28% of votes"]),
        ("source", "eurasianet", "cec", "eurasianet"),
    ],
)
def test_set_field_parses_value_and_records_version(
    loaded: FactStore, path: str, text: str, expected_old: object, expected_new: object
) -> None:
    old, new = loaded.set_field("national-result", path, text, ADMIN)
    assert (old, new) == (expected_old, expected_new)
    latest = loaded.current_version("national-result")
    assert (latest.version, latest.action, latest.actor) == (2, "update", str(ADMIN))
    assert latest.changed_fields and latest.changed_fields[0].split(".")[0] == path.split(".")[0]
    assert loaded.knowledge().fact("national-result") == latest.fact  # visible at once


@pytest.mark.parametrize(
    ("fact_id", "path", "text", "error", "message"),
    [
        ("no-such-fact", "topic", "result", UnknownFact, "no fact with id 'no-such-fact'"),
        ("national-result", "colour", "red", InvalidField, "no field 'colour'"),
        ("national-result", "answer.de", "Hallo", InvalidField, "answer.de: no such field"),
        ("national-result", "figures.5.value", "1", InvalidField, "only 1 items"),
        ("national-result", "figures.voters", "1", InvalidField, "no figure with metric 'voters'"),
        ("national-result", "id", "other", InvalidField, "id cannot be changed"),
        ("national-result", "", "x", InvalidField, "not a field path"),
        ("national-result", "figures.0.value", "150", ValidationFailed, "between 0 and 100"),
        ("national-result", "figures.0.value", "many", ValidationFailed, "figures.0.value"),
        ("national-result", "topic", "weather", ValidationFailed, "topic"),
        ("national-result", "answer.en", "", ValidationFailed, "answer.en"),
        ("national-result", "source", "nowhere", ValidationFailed, "unknown source"),
        ("national-result", "country", "germany", ValidationFailed, "unknown country"),
        ("national-result", "figures.0.candidate", "trump", ValidationFailed, "unknown candidate"),
        ("national-result", "figures.0.value", "[1, 2", ValidationFailed, "not valid YAML"),
        ("national-result", "topic", "result", NoChange, "already has that value"),
    ],
)
def test_invalid_set_field_leaves_data_untouched(
    loaded: FactStore, fact_id: str, path: str, text: str, error: type[StoreError], message: str
) -> None:
    before = rows(loaded)
    with pytest.raises(error, match=message):
        loaded.set_field(fact_id, path, text, ADMIN)
    assert rows(loaded) == before


def test_delete_hides_fact_but_keeps_history(loaded: FactStore) -> None:
    loaded.delete_fact("national-result", ADMIN)
    assert loaded.get_fact("national-result") is None
    assert "national-result" not in by_id(loaded.knowledge())
    assert [version.action for version in loaded.history("national-result")] == ["add", "delete"]
    with pytest.raises(UnknownFact):
        loaded.delete_fact("national-result", ADMIN)
    with pytest.raises(UnknownFact):
        loaded.set_field("national-result", "topic", "context", ADMIN)


def test_undo_chain_reverts_each_change_in_turn(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    original = loaded.get_fact("national-result")
    loaded.set_field("national-result", "topic", "context", ADMIN)
    loaded.set_field("national-result", "answer.en", "Putin won.", ADMIN)
    loaded.delete_fact("national-result", ADMIN)

    assert "delete national-result" in loaded.undo(ADMIN)
    assert loaded.get_fact("national-result").answer.en == "Putin won."
    assert "answer.en" in loaded.undo(ADMIN)
    assert loaded.get_fact("national-result").topic == "context"
    loaded.undo(ADMIN)
    assert loaded.get_fact("national-result") == original
    with pytest.raises(NothingToUndo):
        loaded.undo(ADMIN)
    history = loaded.history("national-result")
    assert [version.action for version in history] == ["add", "update", "update", "delete", "undo", "undo", "undo"]
    assert all(version.actor == str(ADMIN) for version in history[1:])


def test_undo_of_add_removes_the_fact_from_answers(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    loaded.add_fact(small_knowledge.facts[2].model_copy(update={"id": "admin-fact", "questions": _questions()}), ADMIN)
    loaded.undo(ADMIN)
    assert loaded.get_fact("admin-fact") is None
    assert loaded.history("admin-fact")[-1].deleted


def test_undo_is_per_actor(loaded: FactStore) -> None:
    loaded.set_field("national-result", "topic", "context", ADMIN)
    loaded.set_field("tajikistan-turnout", "topic", "context", OTHER_ADMIN)
    assert "national-result" in loaded.undo(ADMIN)
    assert loaded.get_fact("tajikistan-turnout").topic == "context"  # the other admin's edit stays
    assert "tajikistan-turnout" in loaded.undo(OTHER_ADMIN)
    with pytest.raises(NothingToUndo):
        loaded.undo(ADMIN)


def test_undo_refuses_to_discard_someone_elses_later_edit(loaded: FactStore) -> None:
    loaded.set_field("national-result", "topic", "context", ADMIN)
    loaded.set_field("national-result", "answer.en", "Putin won.", OTHER_ADMIN)
    before = rows(loaded)
    with pytest.raises(UndoConflict, match=f"changed again by {OTHER_ADMIN}"):
        loaded.undo(ADMIN)
    assert rows(loaded) == before


def test_restore_version_brings_back_old_content_and_undeletes(loaded: FactStore) -> None:
    original = loaded.get_fact("national-result")
    loaded.set_field("national-result", "answer.en", "Putin won.", ADMIN)
    loaded.delete_fact("national-result", ADMIN)
    assert loaded.restore_version("national-result", 1, OTHER_ADMIN) == 4
    assert loaded.get_fact("national-result") == original
    latest = loaded.current_version("national-result")
    assert (latest.action, latest.actor, latest.changed_fields) == (
        "restore",
        str(OTHER_ADMIN),
        ["answer.en", "deleted"],
    )
    with pytest.raises(NoChange):
        loaded.restore_version("national-result", 1, OTHER_ADMIN)
    with pytest.raises(UnknownVersion):
        loaded.restore_version("national-result", 99, OTHER_ADMIN)
    loaded.undo(OTHER_ADMIN)  # a restore is undoable like any change
    assert loaded.get_fact("national-result") is None


def test_changed_paths_names_nested_fields() -> None:
    old = {"answer": {"en": "a", "ru": "б"}, "figures": [{"value": 1}], "evidence": ["x"]}
    new = {"answer": {"en": "b", "ru": "б"}, "figures": [{"value": 2}], "evidence": ["x", "y"]}
    assert changed_paths(old, new) == ["answer.en", "figures.0.value", "evidence"]


def test_knowledge_sees_changes_from_another_connection(loaded: FactStore) -> None:
    assert len(loaded.knowledge().facts) == 3
    with FactStore(loaded.path) as other:
        other.delete_fact("national-result", ADMIN)
    assert len(loaded.knowledge().facts) == 2


# --- users and the question log --------------------------------------------------------------------


def test_user_language_preference(fact_store: FactStore) -> None:
    assert fact_store.get_user_language(42) is None
    fact_store.set_user_language(42, "ru")
    fact_store.set_user_language(42, "en")
    assert fact_store.get_user_language(42) == "en"
    with pytest.raises(StoreError, match="Unknown language 'de'"):
        fact_store.set_user_language(42, "de")


def test_question_log_stores_no_raw_user_id(fact_store: FactStore) -> None:
    fact_store.log_question("Who won in Germany?", "en", False, 0.1, None, None, asker=987654321)
    dump = "\n".join(rows(fact_store))
    assert "987654321" not in dump
    assert fact_store.asker_hash(987654321) in dump


def test_unanswered_groups_counts_and_dismisses(fact_store: FactStore) -> None:
    fact_store.log_question("Who won in Germany?", "en", False, 0.2, asker=1)
    fact_store.log_question("who won in  germany", "en", False, 0.3, asker=2)
    fact_store.log_question("Who won in GERMANY!", "en", False, 0.3, asker=2)
    fact_store.log_question("Сколько голосов в Армении?", "ru", False, 0.1, asker=3)
    fact_store.log_question("Who won?", "en", True, 0.9, "result", "national-result", asker=1)

    groups = fact_store.unanswered()
    assert [group.text for group in groups] == ["Сколько голосов в Армении?", "Who won in GERMANY!"]
    germany = groups[1]
    assert (germany.count, germany.askers, germany.languages) == (3, 2, ["en"])

    assert fact_store.dismiss_unanswered(germany.key) == 3
    assert [group.text for group in fact_store.unanswered()] == ["Сколько голосов в Армении?"]
    assert fact_store.unanswered(below_confidence=0.95)[0].text == "Who won?"


def test_stats_per_day_share_topics_languages(fact_store: FactStore) -> None:
    fact_store.log_question("Who won?", "en", True, 0.9, "result", "national-result", asker=1)
    fact_store.log_question("Кто победил?", "ru", True, 0.9, "result", "national-result", asker=2)
    fact_store.log_question("Turnout?", "en", True, 0.8, "turnout", "tajikistan-turnout", asker=1)
    fact_store.log_question("Germany?", "en", False, 0.1, asker=3)
    stats = fact_store.stats()
    assert (stats.total, stats.answered, stats.askers, stats.share_answered) == (4, 3, 3, 0.75)
    assert stats.top_topics == [("result", 2), ("turnout", 1)]
    assert stats.languages == [("en", 3), ("ru", 1)]
    assert sum(day.asked for day in stats.per_day) == 4


# --- CLI -------------------------------------------------------------------------------------------


def test_cli_load_and_export(tmp_path: Path, small_knowledge: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "knowledge"
    with FactStore(tmp_path / "source.db") as source:
        source.load_knowledge(small_knowledge)
        source.export(folder)
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "db" / "facts.db"))
    runner = CliRunner()

    result = runner.invoke(cli, ["load", str(folder)])
    assert result.exit_code == 0, result.output
    assert "3 added" in result.output
    assert "3 unchanged" in runner.invoke(cli, ["load", str(folder)]).output

    result = runner.invoke(cli, ["export", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert by_id(load_folder(tmp_path / "out").knowledge) == by_id(small_knowledge)


def test_cli_load_refuses_invalid_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    (folder / "broken.yaml").write_text("facts:\n  - id: x\n    topic: weather\n", encoding="utf-8")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "facts.db"))
    result = CliRunner().invoke(cli, ["load", str(folder)])
    assert result.exit_code == 1
    assert "broken.yaml" in result.output


# --- the real fact base ----------------------------------------------------------------------------


def test_real_knowledge_folder_loads_round_trips_and_reloads_idempotently(tmp_path: Path) -> None:
    result = load_folder(PROJECT_ROOT / "knowledge")
    if not result.knowledge.facts:
        pytest.skip("knowledge/ has no facts yet")
    assert result.errors == []
    with FactStore(tmp_path / "facts.db") as store:
        assert len(store.load_knowledge(result.knowledge).added) == len(result.knowledge.facts)
        before = rows(store)
        assert not store.load_knowledge(result.knowledge).changed
        assert rows(store) == before
        store.export(tmp_path / "export")
        assert by_id(load_folder(tmp_path / "export").knowledge) == by_id(result.knowledge)


# --- faults and concurrency ------------------------------------------------------------------------

KILL_MID_WRITE = """
import os, signal, sys
from bot.store import FactStore

record = FactStore._record

def record_then_die(self, *args, **kwargs):
    record(self, *args, **kwargs)  # live row and version row written, transaction not committed
    os.kill(os.getpid(), signal.SIGKILL)

FactStore._record = record_then_die
FactStore(sys.argv[1]).set_field("national-result", "answer.en", "Half-written.", 1001)
"""


def test_write_killed_mid_transaction_leaves_old_fact_and_consistent_database(loaded: FactStore) -> None:
    before = rows(loaded)
    process = subprocess.run(
        [sys.executable, "-c", KILL_MID_WRITE, str(loaded.path)], cwd=PROJECT_ROOT, capture_output=True, check=False
    )
    assert process.returncode == -signal.SIGKILL, process.stderr
    with FactStore(loaded.path) as reopened:
        assert reopened.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert rows(reopened) == before
        assert reopened.get_fact("national-result").answer.en == "Putin won 87.28%."


def test_concurrent_edits_from_two_connections_lose_no_update(loaded: FactStore) -> None:
    edits = 15

    def edit_field(path: str, prefix: str) -> None:
        with FactStore(loaded.path) as store:
            for number in range(edits):
                store.set_field("national-result", path, f"{prefix} {number}", prefix)

    threads = [
        threading.Thread(target=edit_field, args=("answer.en", "English")),
        threading.Thread(target=edit_field, args=("answer.ru", "Русский")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fact = loaded.get_fact("national-result")
    assert (fact.answer.en, fact.answer.ru) == (f"English {edits - 1}", f"Русский {edits - 1}")
    assert len(loaded.history("national-result")) == 1 + 2 * edits


# --- history of reference data (sources, countries, candidates) -----------------------------------


def with_references(kb: KnowledgeBase, **changes: object) -> KnowledgeBase:
    """``kb`` with some sources/countries/candidates replaced by id (``sources=[...]`` adds or replaces)."""
    update = {}
    for field, items in changes.items():
        new_ids = {item.id for item in items}
        update[field] = [item for item in getattr(kb, field) if item.id not in new_ids] + list(items)
    return kb.model_copy(update=update)


def aliases(store: FactStore, country_id: str) -> set[str]:
    sql = "SELECT alias FROM country_aliases WHERE country_id = ?"
    return {row[0] for row in store.db.execute(sql, [country_id])}


CITED_SOURCE = Source(id="admin-blog", publisher="example.org", title="https://example.org/post", date="2024")


def test_load_records_a_version_for_each_reference_change(
    fact_store: FactStore, small_knowledge: KnowledgeBase
) -> None:
    spare = Source(id="spare", publisher="Spare", title="Unused", date="2024")
    fact_store.load_knowledge(with_references(small_knowledge, sources=[spare]))
    (first,) = fact_store.reference_history("source", "eurasianet")
    assert (first.version, first.actor, first.action, first.deleted) == (1, "yaml", "add", False)
    assert first.data["publisher"] == "Eurasianet"

    renamed = small_knowledge.sources[0].model_copy(update={"title": "Renamed"})
    tajikistan = small_knowledge.countries[0]
    more_aliases = tajikistan.model_copy(
        update={"aliases": tajikistan.aliases.model_copy(update={"en": ["Dushanbe", "Khujand"]})}
    )
    second = with_references(small_knowledge, sources=[renamed], countries=[more_aliases])  # and no "spare"
    report = fact_store.load_knowledge(second)
    assert report.reference_changes == ["sources", "countries"]
    updated = fact_store.reference_history("source", "eurasianet")[-1]
    assert (updated.version, updated.action, updated.changed_fields) == (2, "update", ["title"])
    assert fact_store.reference_history("source", "eurasianet")[0].data["title"] == "Russians in Central Asia vote"
    assert fact_store.reference_history("country", "tajikistan")[-1].changed_fields == ["aliases.en"]
    gone = fact_store.reference_history("source", "spare")[-1]
    assert (gone.action, gone.deleted, gone.data["title"]) == ("delete", True, "Unused")  # last content kept
    assert "Khujand" in aliases(fact_store, "tajikistan")

    before = rows(fact_store)
    fact_store.load_knowledge(second)  # the same YAML again: no new version
    assert rows(fact_store) == before


def test_reference_history_of_unknown_kind_or_item_is_refused(loaded: FactStore) -> None:
    with pytest.raises(UnknownReference, match="no source with id 'nowhere'"):
        loaded.reference_history("source", "nowhere")
    with pytest.raises(UnknownReference, match="not a kind"):
        loaded.reference_history("planet", "mars")


def _admin_fact(small_knowledge: KnowledgeBase, fact_id: str, question: str) -> Fact:
    return small_knowledge.facts[2].model_copy(
        update={
            "id": fact_id,
            "topic": "context",
            "source": CITED_SOURCE.id,
            "questions": BilingualList(en=[question], ru=[f"Вопрос: {question}"]),
        }
    )


def test_undo_of_add_with_a_new_source_removes_that_source(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    before = loaded.knowledge()
    loaded.add_fact(
        _admin_fact(small_knowledge, "admin-fact", "What does the blog say?"), ADMIN, new_source=CITED_SOURCE
    )
    assert loaded.knowledge().source("admin-blog") == CITED_SOURCE
    added = loaded.reference_history("source", "admin-blog")[-1]
    assert (added.version, added.actor, added.action) == (1, str(ADMIN), "add")

    message = loaded.undo(ADMIN)
    assert "removed source admin-blog" in message
    assert loaded.knowledge() == before
    assert [(v.action, v.deleted) for v in loaded.reference_history("source", "admin-blog")] == [
        ("add", False),
        ("undo", True),
    ]
    with pytest.raises(NothingToUndo):
        loaded.undo(ADMIN)


def test_undo_of_add_keeps_a_new_source_that_another_fact_cites(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    loaded.add_fact(
        _admin_fact(small_knowledge, "admin-fact", "What does the blog say?"), ADMIN, new_source=CITED_SOURCE
    )
    loaded.add_fact(_admin_fact(small_knowledge, "other-fact", "Which post was cited?"), OTHER_ADMIN)
    assert "kept source admin-blog: cited by other-fact" in loaded.undo(ADMIN)
    assert loaded.get_fact("admin-fact") is None
    assert loaded.knowledge().source("admin-blog") == CITED_SOURCE


def test_invalid_add_with_a_new_source_creates_no_source(loaded: FactStore, small_knowledge: KnowledgeBase) -> None:
    before = rows(loaded)
    broken = _admin_fact(small_knowledge, "admin-fact", "What does the blog say?").model_dump(mode="json")
    broken["country"] = "germany"
    with pytest.raises(ValidationFailed, match="unknown country 'germany'"):
        loaded.add_fact(broken, ADMIN, new_source=CITED_SOURCE)
    with pytest.raises(ValidationFailed, match="already exists"):
        loaded.add_fact(
            _admin_fact(small_knowledge, "admin-fact", "What does the blog say?"),
            ADMIN,
            new_source=small_knowledge.sources[0],
        )
    assert rows(loaded) == before


def _import_changing_references(small_knowledge: KnowledgeBase) -> KnowledgeBase:
    """An admin's /import: eurasianet retitled, an alias added, a new source, and one fact citing it."""
    tajikistan = small_knowledge.countries[0]
    return KnowledgeBase(
        sources=[small_knowledge.sources[0].model_copy(update={"title": "Retitled"}), CITED_SOURCE],
        countries=[
            tajikistan.model_copy(
                update={"aliases": tajikistan.aliases.model_copy(update={"en": ["Dushanbe", "Khujand"]})}
            )
        ],
        facts=[small_knowledge.facts[0].model_copy(update={"source": CITED_SOURCE.id})],
    )


def test_undo_after_import_restores_the_previous_sources_and_countries(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    original = loaded.knowledge()
    original_aliases = aliases(loaded, "tajikistan")
    report = loaded.load_knowledge(_import_changing_references(small_knowledge), ADMIN, partial=True)
    assert report.updated == ["tajikistan-turnout"] and report.reference_changes == ["sources", "countries"]
    assert loaded.knowledge().source("eurasianet").title == "Retitled"
    assert "Khujand" in aliases(loaded, "tajikistan")

    assert "tajikistan-turnout" in loaded.undo(ADMIN)  # the facts first, then what they cited
    message = loaded.undo(ADMIN)
    assert "restored source eurasianet" in message and "removed source admin-blog" in message
    assert loaded.knowledge() == original
    assert aliases(loaded, "tajikistan") == original_aliases
    assert [v.action for v in loaded.reference_history("country", "tajikistan")] == ["add", "update", "undo"]
    with pytest.raises(NothingToUndo):
        loaded.undo(ADMIN)


def test_undo_of_import_refuses_to_discard_a_later_reference_change(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    loaded.load_knowledge(_import_changing_references(small_knowledge), ADMIN, partial=True)
    loaded.undo(ADMIN)
    newer = small_knowledge.sources[0].model_copy(update={"title": "Newer still"})
    loaded.load_knowledge(KnowledgeBase(sources=[newer]), OTHER_ADMIN, partial=True)
    before = rows(loaded)
    with pytest.raises(UndoConflict, match=f"source eurasianet was changed again by {OTHER_ADMIN}"):
        loaded.undo(ADMIN)
    assert rows(loaded) == before


def test_undo_of_import_refuses_to_remove_a_source_live_facts_cite(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    loaded.load_knowledge(KnowledgeBase(sources=[CITED_SOURCE]), ADMIN, partial=True)
    loaded.add_fact(_admin_fact(small_knowledge, "other-fact", "Which post was cited?"), OTHER_ADMIN)
    assert "kept source admin-blog: cited by other-fact" in loaded.undo(ADMIN)
    assert loaded.knowledge().source("admin-blog") == CITED_SOURCE


def test_invalid_import_leaves_references_and_their_history_untouched(
    loaded: FactStore, small_knowledge: KnowledgeBase
) -> None:
    before = rows(loaded)
    broken = KnowledgeBase(
        sources=[small_knowledge.sources[0].model_copy(update={"title": "Retitled"})],
        facts=[small_knowledge.facts[0].model_copy(update={"country": "germany"})],
    )
    with pytest.raises(ValidationFailed, match="unknown country 'germany'"):
        loaded.load_knowledge(broken, ADMIN, partial=True)
    assert rows(loaded) == before


def _v1_database(path: Path, kb: KnowledgeBase) -> None:
    """A database as schema version 1 wrote it: reference rows without history, facts with versions."""
    from sqlite_utils import Database

    db = Database(path)
    _create_schema_v1(db)
    db["meta"].insert({"key": "schema_version", "value": "1"})
    for table, items in (("sources", kb.sources), ("countries", kb.countries), ("candidates", kb.candidates)):
        for position, item in enumerate(items, start=1):
            data = item.model_dump(mode="json")
            row = {"id": item.id, "position": position, "data": json.dumps(data)}
            db[table].insert(row | ({"iso": data["iso"]} if table == "countries" else {}))
            if table == "countries":
                for language in ("en", "ru"):
                    for alias in [data["name"][language], *data["aliases"][language]]:
                        db["country_aliases"].insert({"country_id": item.id, "language": language, "alias": alias})
    for position, fact in enumerate(kb.facts, start=1):
        data = json.dumps(fact.model_dump(mode="json"))
        db["facts"].insert(
            {
                "id": fact.id,
                "position": position,
                "country": fact.country,
                "topic": fact.topic,
                "data": data,
                "deleted": 0,
                "version": 1,
                "yaml_json": data,
                "updated_at": "2024-03-20T00:00:00+00:00",
                "updated_by": "yaml",
            }
        )
        db["fact_versions"].insert(
            {
                "fact_id": fact.id,
                "version": 1,
                "actor": "yaml",
                "created_at": "2024-03-20T00:00:00+00:00",
                "action": "add",
                "changed_fields": "[]",
                "data": data,
                "deleted": 0,
            }
        )
        db["changes"].insert(
            {
                "actor": "yaml",
                "created_at": "2024-03-20T00:00:00+00:00",
                "fact_id": fact.id,
                "version": 1,
                "previous_version": None,
                "action": "add",
                "description": f"load {fact.id}",
                "undone": 0,
            }
        )
    db.close()


def test_version_1_database_is_upgraded_in_place_with_a_baseline_history(
    tmp_path: Path, small_knowledge: KnowledgeBase
) -> None:
    path = tmp_path / "facts.db"
    _v1_database(path, small_knowledge)
    with FactStore(path) as store:
        version = store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert version == str(SCHEMA_VERSION)  # every step ran, v1 -> v2 -> v3 -> v4
        assert "rule" in store.db["question_log"].columns_dict
        assert store.knowledge() == small_knowledge
        (baseline,) = store.reference_history("country", "tajikistan")
        assert (baseline.version, baseline.actor, baseline.action) == (1, "migration", "add")
        assert baseline.data == small_knowledge.countries[0].model_dump(mode="json")
        assert store.history("national-result")[0].actor == "yaml"  # fact history carried over

        report = store.load_knowledge(_import_changing_references(small_knowledge), ADMIN, partial=True)
        assert report.reference_changes == ["sources", "countries"]
        store.undo(ADMIN)
        store.undo(ADMIN)
        assert store.knowledge() == small_knowledge  # the pre-migration content came back
    with FactStore(path) as store:  # opening again migrates nothing more
        assert len(store.reference_history("source", "eurasianet")) == 3


def test_question_log_records_the_rule_and_stats_and_unanswered_group_by_it(fact_store: FactStore) -> None:
    store = fact_store
    store.log_question("Population of Almaty?", "en", answered=False, rule="no_election_word", asker=1)
    store.log_question("population of almaty", "en", answered=False, rule="no_election_word", asker=2)
    store.log_question("Who won in Germany?", "en", answered=False, rule="foreign_country", asker=1)
    store.log_question("How many voted in Tajikistan?", "en", answered=True, rule="slot_match", asker=3)
    stats = store.stats()
    assert stats.rules == [("no_election_word", 2), ("foreign_country", 1), ("slot_match", 1)]
    groups = {group.text: group.rules for group in store.unanswered()}
    assert groups == {"population of almaty": ["no_election_word"], "Who won in Germany?": ["foreign_country"]}


def test_version_2_database_gains_the_official_data_tables_in_place(
    tmp_path: Path, small_knowledge: KnowledgeBase
) -> None:
    from sqlite_utils import Database

    path = tmp_path / "facts.db"
    _v1_database(path, small_knowledge)
    db = Database(path)
    _version_reference_data_v2(db)
    db["meta"].upsert({"key": "schema_version", "value": "2"}, pk="key")
    db.close()
    with FactStore(path) as store:
        assert store.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "4"
        assert store.knowledge() == small_knowledge  # nothing else changed
        assert {"stations", "country_results", "abroad_totals"} <= set(store.db.table_names())
        assert store.db.execute("SELECT count(*) FROM stations").fetchone() == (0,)  # filled by the next load
        store.ensure_loaded(PROJECT_ROOT / "knowledge")
        counts = [store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in
                  ("stations", "country_results", "abroad_totals")]  # fmt: skip
        assert counts == [295, 145, 3]
        assert store.db.execute("SELECT issued, putin_share FROM abroad_totals WHERE scope = 'abroad'").fetchone() == (
            380_961,
            72.3,
        )

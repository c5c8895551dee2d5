"""The word keys kept on disk between runs: written by a build, read by the next, ignored when unusable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import text, word_cache
from bot.engine import Engine
from bot.knowledge import load_folder
from bot.settings import PROJECT_ROOT, Settings

QUESTION = "сколько проголосовало в таджикистане"


@pytest.fixture
def empty_memo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A process that has read no word yet: empty memo and word caches (restored after the test)."""
    monkeypatch.setattr(text, "SAVED_KEYS", {kind: {} for kind in text.SAVED_KEYS})
    monkeypatch.setattr(word_cache, "_read", {})
    cached = (text.token_keys, text.name_keys, text.stem_en, text.stem_ru)
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_folder(PROJECT_ROOT / "knowledge").knowledge


def test_a_build_writes_the_keys_and_the_next_start_reads_them(
    kb, tmp_path: Path, empty_memo: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Engine.from_knowledge(kb, cache_dir=tmp_path).answer(QUESTION)
    path = word_cache.cache_file(tmp_path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(document["token"]["таджикистан"]) == sorted(text.token_keys("таджикистан"))

    # a new process: nothing in memory, the file read back, the same answer
    monkeypatch.setattr(text, "SAVED_KEYS", {kind: {} for kind in text.SAVED_KEYS})
    monkeypatch.setattr(word_cache, "_read", {})
    text.token_keys.cache_clear()
    assert word_cache.load(path) > 1000
    second = Engine.from_knowledge(kb, cache_dir=tmp_path).answer(QUESTION)
    assert (second.fact_ids, second.text) == (first.fact_ids, first.text)


WRONG_SHAPES = [
    '{"token": {}, "name": {}, "stem_ru": {}, "stem_en": {"turned": []}}',  # no stem
    '{"token": {"a": "xyz"}, "name": {}, "stem_ru": {}, "stem_en": {}}',  # a string, not a list of keys
    '{"token": {"a": [1]}, "name": {}, "stem_ru": {}, "stem_en": {}}',
    '{"token": {}, "name": {}, "stem_ru": {"a": ["b", "c"]}, "stem_en": {}}',  # two stems
]


@pytest.mark.parametrize("content", ["{not json", '{"token": []}', "[]", "", *WRONG_SHAPES])
def test_a_broken_cache_file_is_only_a_slower_start(kb, tmp_path: Path, empty_memo: None, content: str) -> None:
    path = word_cache.cache_file(tmp_path)
    path.write_text(content, encoding="utf-8")
    assert word_cache.load(path) == 0
    reply = Engine.from_knowledge(kb, cache_dir=tmp_path).answer(QUESTION)
    assert reply.kind == "answer"
    assert json.loads(path.read_text(encoding="utf-8"))["token"]  # rewritten whole


def test_no_cache_folder_writes_nothing(kb, tmp_path: Path, empty_memo: None) -> None:
    Engine.from_knowledge(kb, cache_dir=None)
    assert not any(tmp_path.iterdir()) and not any(text.SAVED_KEYS.values())


def test_the_file_is_named_by_what_the_keys_are_derived_with() -> None:
    # another text.py or dictionary version gives another name, so an old file is never read as current
    assert word_cache.cache_file(Path("x")).name == f"word-keys-{word_cache.fingerprint()}.json"
    assert len(word_cache.fingerprint()) == 16


def test_an_empty_cache_dir_setting_turns_the_cache_off() -> None:
    assert Settings(cache_dir="").cache_dir is None
    assert Settings(cache_dir="/tmp/x").cache_dir == Path("/tmp/x")


def test_a_file_of_another_version_is_removed_when_the_current_one_is_written(
    kb, tmp_path: Path, empty_memo: None
) -> None:
    old = tmp_path / "word-keys-0000000000000000.json"
    old.write_text("{}", encoding="utf-8")
    Engine.from_knowledge(kb, cache_dir=tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == [word_cache.cache_file(tmp_path).name]


def test_a_start_that_meets_no_new_word_does_not_rewrite_the_file(kb, tmp_path: Path, empty_memo: None) -> None:
    Engine.from_knowledge(kb, cache_dir=tmp_path)
    path = word_cache.cache_file(tmp_path)
    written = path.stat().st_mtime_ns
    Engine.from_knowledge(kb, cache_dir=tmp_path)
    assert path.stat().st_mtime_ns == written


def test_a_preload_before_the_build_reads_the_file_once(kb, tmp_path: Path, empty_memo: None) -> None:
    Engine.from_knowledge(kb, cache_dir=tmp_path)  # writes the file
    path = word_cache.cache_file(tmp_path)
    held = json.loads(path.read_text(encoding="utf-8"))
    word_cache._read.clear()
    for kind in text.SAVED_KEYS:
        text.SAVED_KEYS[kind].clear()
    word_cache.preload(tmp_path)
    assert len(text.SAVED_KEYS["token"]) == len(held["token"])
    text.remember_keys(False)

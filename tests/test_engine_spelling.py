"""The spelling stage: typos become the fact base's words; real words, names and noise stay as typed."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.spelling import LONGEST_WORD, correct, max_edits
from bot.knowledge import load_folder
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_knowledge(load_folder(PROJECT_ROOT / "knowledge").knowledge)


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("hw mnay rusians votd in kirgizstan", ("many", "russians")),
        ("how mny russains voteed abrod", ("many", "russians", "voted", "abroad")),
        ("скоко прагаласовало в узбекистане", ("проголосовало",)),  # unstressed vowels typed as heard
        ("how many vots did putin get", ("votes",)),  # of "vote" and "votes", one edit each: a letter dropped
        ("how mani people voted in serbia", ("many",)),  # "many" and "Mali" one edit each: the more frequent
        ("whats teh deal with latvia", ("the",)),  # "teh" reads as Russian "тех": an English slip all the same
        ("how long was the lien", ("line",)),  # a rare English word a frequent one is a slip away from
        ("бразилия путен", ("путин",)),  # a rare word of the dictionary, a surname of the base as heard
        ("tokaiev coment on the elecshun", ("election",)),  # no spelling near: the word it sounds like
        ("why no polling stashun in georgia", ("station",)),
        ("how many polin stations in kazakhstan", ("polling",)),  # two letters left out of a longer word
    ],
)
def test_typos_are_read_as_the_words_of_the_fact_base(engine: Engine, typed: str, read: tuple[str, ...]) -> None:
    tokens = engine.read(typed).tokens
    assert all(word in tokens for word in read), tokens


# (real words are never read by their sound: "nation" and "notion" sound alike, "weather" and "whether")
@pytest.mark.parametrize(
    "text", ["weather in tashkent", "погода в ташкенте", "yavka v tadzhikistane", "a notion of the nation"]
)
def test_real_words_and_transliterated_russian_are_not_corrected(engine: Engine, text: str) -> None:
    index = engine.index
    assert correct(text.split(), index.spelling, index.known_words) == text.split()


def test_short_and_overlong_words_are_never_corrected() -> None:
    assert max_edits("hw") == 0
    assert max_edits("a" * (LONGEST_WORD + 1)) == 0
    assert max_edits("a" * 5000) == 0
    assert (max_edits("mny"), max_edits("rusians")) == (1, 2)


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("syira putin shre", "syria-official-result"),
        ("grece puitn", "greece-official-result"),
        ("tadjikstan putin procent??", "tajikistan-official-result"),  # "procent" read as процент, not "protest"
    ],
)
def test_english_typed_with_slips_is_read_as_english(engine: Engine, typed: str, place: str) -> None:
    # a name or a word one slip away is no Russian typed in Latin, though "syira" reads as a Russian word
    reply = engine.answer(typed)
    assert reply.language == "en" and place in reply.fact_ids, reply.reason


def test_russian_typed_in_latin_with_a_slip_in_the_place_stays_russian(engine: Engine) -> None:
    reply = engine.answer("kak v estonii")
    assert reply.language == "ru" and "estonia-official-result" in reply.fact_ids, reply.reason

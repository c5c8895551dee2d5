"""Engine behaviour a user sees, on the shipped fact base."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge import load_folder
from bot.replies import ChatContext
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def engine() -> Engine:
    result = load_folder(Path(PROJECT_ROOT / "knowledge"))
    return Engine.from_knowledge(result.knowledge)


@pytest.mark.parametrize(
    ("question", "fact_id", "language"),
    [
        ("How many voted in Tajikistan?", "tajikistan-turnout", "en"),
        ("Сколько россиян проголосовало в Таджикистане?", "tajikistan-turnout", "ru"),
        ("skolko progolosovalo v tadzhikistane", "tajikistan-turnout", "ru"),
        ("kak progolosovali v kirgizii", "kyrgyzstan-result", "ru"),
        ("How did Putin do in Uzbekstan?", "uzbekistan-result", "en"),
        ("What did Tokayev say about the election?", "kazakhstan-reaction", "en"),
        ("Кто такой Даванков?", None, "ru"),
        ("why did Russians move to Kazakhstan", "kazakhstan-relokanty", "en"),
        ("Что показал экзитпол в Алма-Ате?", "kazakhstan-exit-poll", "ru"),
    ],
)
def test_questions_find_their_fact(engine: Engine, question: str, fact_id: str | None, language: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert reply.language == language
    if fact_id:
        assert reply.fact_ids[0] == fact_id
    assert ("Source:" if language == "en" else "Источник:") in reply.text.splitlines()[-1]


@pytest.mark.parametrize("question", ["weather in Almaty", "tell me a joke", "asdfgh qwerty", "Погода в Бишкеке"])
def test_off_topic_never_gets_a_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic", reply.reason
    assert not reply.fact_ids


@pytest.mark.parametrize(
    ("question", "name"),
    [("Germany", "Germany"), ("А что в Армении?", "Армения"), ("How many voted in Turkmenistan?", "Turkmenistan")],
)
def test_unknown_country_is_no_data(engine: Engine, question: str, name: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "no_data"
    assert name in reply.text
    assert not reply.fact_ids


def test_follow_up_keeps_topic_and_changes_country(engine: Engine) -> None:
    first = engine.answer("How many voted in Tajikistan?")
    second = engine.answer("And in Uzbekistan?", first.context)
    assert second.fact_ids == ["uzbekistan-turnout"]
    third = engine.answer("How did Putin do there?", second.context)
    assert third.fact_ids == ["uzbekistan-result"]
    fourth = engine.answer("А в Кыргызстане?", third.context)
    assert fourth.fact_ids == ["kyrgyzstan-result"] and fourth.language == "ru"


def test_ranking_marks_exit_poll_and_missing(engine: Engine) -> None:
    reply = engine.answer("Where did Putin do best?")
    assert reply.kind == "comparison" and reply.chart is not None
    assert "exit poll" in reply.text
    assert "Tajikistan" in reply.text  # named as having no such figure
    assert any(bar.exit_poll for bar in reply.chart.bars)


def test_language_hint_only_when_text_does_not_tell(engine: Engine) -> None:
    assert engine.answer("?", language_hint="ru").language == "ru"
    assert engine.answer("How many voted in Tajikistan?", language_hint="ru").language == "en"
    assert engine.answer("🙂", ChatContext(language="ru")).language == "ru"

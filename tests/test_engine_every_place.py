"""Every place x topic x question frame x language, each with a follow-up: no broken reply anywhere.

A reply never shows a template placeholder, an empty list, "0 candidate(s)", a source line that names no source,
or a figure that is in no fact of the base (nor a rank, a count of places, or a number the question itself typed).
"""

from __future__ import annotations

import re

import pytest

from bot.catalogue import TEXTS
from bot.engine import Engine
from bot.knowledge import load_folder
from bot.question_set import normalise
from bot.settings import PROJECT_ROOT

FRAMES = {
    "en": {
        "turnout": "How many Russians voted in {place}?",
        "result": "Who won among Russians in {place}?",
        "exit_poll": "{place} exit poll",
        "polling_places": "Where could Russians vote in {place}?",
        "reaction": "What did the leader of {place} say?",
        "context": "what happened in {place}",
        "standings": "Who came second in {place}?",
        "summary": "{place}",
    },
    "ru": {
        "turnout": "Сколько россиян проголосовало: {place}?",
        "result": "Кто победил: {place}?",
        "exit_poll": "экзитпол {place}",
        "polling_places": "Где голосовали: {place}?",
        "reaction": "Что сказал президент: {place}?",
        "context": "что было: {place}",
        "standings": "Кто второй: {place}?",
        "summary": "{place}",
    },
}
FOLLOW_UPS = {"en": "and in {place}?", "ru": "а {place}?"}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_knowledge(load_folder(PROJECT_ROOT / "knowledge").knowledge)


def _numbers(text: str) -> set[str]:
    """The numbers of a text as the question set compares them: "7,842", "7 842" -> 7842; "57,6" -> 57.6."""
    found = set()
    for number in _NUMBER.findall(normalise(text)):
        found.add(number.rstrip("0").rstrip(".") if "." in number else number)
    return found


@pytest.fixture(scope="module")
def known_numbers(engine: Engine) -> set[str]:
    """Every number a reply may show: those of the facts (texts and figures) and of the fixed texts."""
    numbers: set[str] = set()
    for fact in engine.knowledge.facts:
        numbers |= _numbers(fact.answer.en) | _numbers(fact.answer.ru)
        for figure in fact.figures:
            if figure.value is not None:
                numbers |= _numbers(f"{figure.value:.2f}") | _numbers(f"{figure.value:g}")
    for text in TEXTS.values():
        numbers |= _numbers(text["en"])
    return numbers


def _problems(text: str, question: str, known: set[str]) -> list[str]:
    problems = []
    if re.search(r"\{[a-z_]*\}|\bNone\b|0 candidate|candidate\(s\)|: *\.|Source: *$|Sources?: \?|Источник: \?", text):
        problems.append("placeholder, empty list or empty source")
    if re.search(r"^• *$", text, re.MULTILINE):
        problems.append("an empty list item")
    typed = _numbers(question)
    for number in _numbers(text):
        if number not in known and number not in typed and not (number.isdigit() and int(number) <= 150):
            problems.append(f"figure {number} is in no fact")
    return problems


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_place_topic_and_frame_gets_a_clean_reply_and_follow_up(
    engine: Engine, known_numbers: set[str], language: str
) -> None:
    countries = list(engine.knowledge.countries)
    failures = []
    for position, country in enumerate(countries):
        name = country.name.get(language)
        other = countries[(position + 1) % len(countries)].name.get(language)
        for frame in FRAMES[language].values():
            question = frame.format(place=name)
            reply = engine.answer(question)
            follow = FOLLOW_UPS[language].format(place=other)
            after = engine.answer(follow, reply.context)
            for asked, answer in ((question, reply), (follow, after)):
                problems = _problems(answer.text, asked, known_numbers)
                if problems:
                    failures.append(f"{asked!r}: {problems}: {answer.text[:200]!r}")
    assert not failures, "\n".join(failures[:20]) + f"\n... {len(failures)} in all"


@pytest.mark.parametrize(
    "broken",
    [
        "The source gives figures for only 0 candidate(s) in Tajikistan:\n\nSource: ?, ?",
        "Putin got {share} in {place}.",
        "• \nSource: Eurasianet",
        "In Tajikistan 12,345,678 people voted.",
    ],
)
def test_the_check_catches_each_defect(known_numbers: set[str], broken: str) -> None:
    assert _problems(broken, "", known_numbers)

"""Shared fixtures: a small in-code fact base and a store in a temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.models import KnowledgeBase
from bot.store import FactStore

SMALL_KNOWLEDGE = {
    "sources": [
        {"id": "eurasianet", "publisher": "Eurasianet", "title": "Russians in Central Asia vote", "date": "2024-03"},
        {"id": "cec", "publisher": "CEC of Russia", "title": "Final results", "date": "2024-03-21"},
    ],
    "countries": [
        {
            "id": "tajikistan",
            "iso": "TJ",
            "name": {"en": "Tajikistan", "ru": "Таджикистан"},
            "aliases": {"en": ["Dushanbe"], "ru": ["Душанбе"]},
        },
        {"id": "kazakhstan", "iso": "KZ", "name": {"en": "Kazakhstan", "ru": "Казахстан"}},
    ],
    "candidates": [{"id": "putin", "name": {"en": "Vladimir Putin", "ru": "Владимир Путин"}}],
    "facts": [
        {
            "id": "tajikistan-turnout",
            "country": "tajikistan",
            "topic": "turnout",
            "answer": {"en": "About 10,000 people voted.", "ru": "Проголосовали около 10 000 человек."},
            "figures": [{"metric": "voters", "value": 10000, "kind": "reported_count", "approx": "around"}],
            "questions": {"en": ["How many voted in Tajikistan?"], "ru": ["Сколько проголосовало в Таджикистане?"]},
            "source": "eurasianet",
            "evidence": ["About 10,000 people voted."],
        },
        {
            "id": "kazakhstan-exit-poll",
            "country": "kazakhstan",
            "topic": "exit_poll",
            "answer": {"en": "Putin got 60% in the exit poll.", "ru": "Путин получил 60% по экзитполу."},
            "figures": [{"metric": "vote_share", "value": 60, "kind": "exit_poll", "candidate": "putin"}],
            "questions": {"en": ["What did the Almaty exit poll show?"], "ru": ["Что показал экзитпол в Алматы?"]},
            "source": "eurasianet",
            "evidence": ["Putin got 60%."],
        },
        {
            "id": "national-result",
            "country": None,
            "topic": "result",
            "answer": {"en": "Putin won 87.28%.", "ru": "Путин набрал 87,28%."},
            "figures": [{"metric": "vote_share", "value": 87.28, "kind": "official_result", "candidate": "putin"}],
            "questions": {"en": ["Who won the election?"], "ru": ["Кто победил на выборах?"]},
            "source": "cec",
            "evidence": ["Putin 87.28%"],
        },
    ],
}


@pytest.fixture
def small_knowledge() -> KnowledgeBase:
    """Three facts, two countries, two sources: enough to exercise every store path."""
    return KnowledgeBase.model_validate(SMALL_KNOWLEDGE)


@pytest.fixture
def fact_store(tmp_path: Path) -> Iterator[FactStore]:
    """An empty store in a fresh folder (the folder is created by the store)."""
    with FactStore(tmp_path / "data" / "facts.db") as store:
        yield store

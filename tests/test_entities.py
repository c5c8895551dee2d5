from pathlib import Path

import pytest

from bot.entities import EntityIndex
from bot.knowledge import load_folder
from bot.settings import PROJECT_ROOT
from bot.text import tokenize


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    return EntityIndex(load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge)


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        ("в Казахстане", "country", "kazakhstan"),
        ("Киргизии", "country", "kyrgyzstan"),
        ("с Таджикистаном", "country", "tajikistan"),
        ("в Алма-Ате", "country", "kazakhstan"),
        ("Tajikstan", "country", "tajikistan"),
        ("Uzbekstan", "country", "uzbekistan"),
        ("Kazakstan", "country", "kazakhstan"),
        ("Кыргызтан", "country", "kyrgyzstan"),
        ("Бишкеке", "country", "kyrgyzstan"),
        ("Kassym-Jomart Tokayev", "leader", "tokayev"),
        ("Даванкову", "candidate", "davankov"),
        ("за путинa", "candidate", "putin"),
        ("партия Новые люди", "candidate", "davankov"),
        ("Germany", "foreign", "DE"),
        ("в Германии", "foreign", "DE"),
        ("Армения", "foreign", "AM"),
        ("Turkmenistan", "foreign", "TM"),
        ("в России", "national", "russia"),
    ],
)
def test_names_in_any_form(index: EntityIndex, text: str, kind: str, identifier: str) -> None:
    mentions = index.find(tokenize(text), text)
    assert [(item.kind, item.id) for item in mentions.items] == [(kind, identifier)]


@pytest.mark.parametrize(
    "text", ["откуда данные", "того что было", "the results", "whether", "weather", "results of the vote"]
)
def test_ordinary_words_are_not_countries(index: EntityIndex, text: str) -> None:
    assert index.find(tokenize(text), text).items == []


def test_upper_case_us_is_a_country_but_lower_case_us_is_not(index: EntityIndex) -> None:
    assert [item.id for item in index.find(tokenize("the US election"), "the US election").items] == ["US"]
    assert index.find(tokenize("tell us"), "tell us").items == []

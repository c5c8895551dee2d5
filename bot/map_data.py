"""What the world map shows: Vladimir Putin's official share of the vote in every place with a Russian polling
station abroad, read from the fact base the bot already answers from (no data file is read again).

Pure: no Telegram, no drawing (``bot.telegram.worldmap`` draws it). Only official results count: a figure of kind
``official_result``, never an exit poll or a press report, so the map never mixes the two. The share is of the
ballots in the boxes, as the official per-country data give it. A place is one the rankings compare
(``Country.ranked``: the countries and the two regions the data list apart); Baikonur, a Russian region in CEC
terms, and "abroad overall" are not on the map.

Usage:

    shares = putin_shares(engine.knowledge)
    shares.places[0]          # MapPlace(country='abkhazia', iso=None, ..., share=93.96, ballots=...)
    shares.source_line("en")  # "Source: CEC station protocols summed by country (...) (official result)"
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.abroad_facts import DATA_SOURCES
from bot.models import LANGUAGES, Fact, Figure, KnowledgeBase
from bot.render import source_line

CANDIDATE = "putin"


@dataclass(frozen=True)
class MapPlace:
    """One place with an official result: its ISO code (None for Abkhazia and South Ossetia), Putin's share of the
    ballots in the boxes and how many ballots that is of (None when the fact gives no count)."""

    country: str  # the place's id
    iso: str | None
    name_en: str
    name_ru: str
    share: float
    ballots: int | None
    source: str  # the id of the cited source

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" else self.name_en


@dataclass(frozen=True)
class MapData:
    """Every place to colour, in id order, and the line citing their sources (hashable: renderings are cached)."""

    places: tuple[MapPlace, ...]
    source_en: str  # "Source: CEC station protocols summed by country (...) (official result)", as charts cite
    source_ru: str

    def source_line(self, language: str) -> str:
        return self.source_ru if language == "ru" else self.source_en


def _official_share(fact: Fact) -> Figure | None:
    return next(
        (
            figure
            for figure in fact.figures
            if figure.metric == "vote_share"
            and figure.candidate == CANDIDATE
            and figure.kind == "official_result"
            and figure.value is not None
        ),
        None,
    )


def _ballots(fact: Fact) -> int | None:
    figure = next(
        (f for f in fact.figures if f.metric == "ballots_in_boxes" and f.kind == "official_result" and f.value), None
    )
    return int(figure.value) if figure is not None and figure.value is not None else None


def putin_shares(knowledge: KnowledgeBase) -> MapData:
    """Putin's official share per place, places in id order. A place's own result fact (not one station's) counts;
    when several facts state it, the one from the official data wins over a press fact that repeats it."""
    facts_by_place: dict[str, list[Fact]] = {}
    for fact in knowledge.facts:
        if fact.country is not None and fact.station is None and _official_share(fact) is not None:
            facts_by_place.setdefault(fact.country, []).append(fact)
    places = []
    for country in sorted(knowledge.countries, key=lambda country: country.id):
        facts = facts_by_place.get(country.id)
        if not country.ranked or not facts:
            continue
        fact = min(facts, key=lambda fact: fact.source not in DATA_SOURCES)  # stable: the first data fact
        share = _official_share(fact)
        assert share is not None and share.value is not None
        places.append(
            MapPlace(
                country=country.id,
                iso=country.iso,
                name_en=country.name.en,
                name_ru=country.name.ru,
                share=share.value,
                ballots=_ballots(fact),
                source=fact.source,
            )
        )
    cited = dict.fromkeys(place.source for place in places)
    sources = [source for source_id in cited if (source := knowledge.source(source_id)) is not None]
    lines = {language: source_line(sources, ["official_result"], language) if sources else "" for language in LANGUAGES}
    return MapData(places=tuple(places), source_en=lines["en"], source_ru=lines["ru"])

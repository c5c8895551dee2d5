"""bot/map_data.py: Putin's official share per place, from the loaded fact base; never an exit poll or a station."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from telegram_harness import project_knowledge

import bot.map_data
from bot.map_data import MapData, putin_shares
from bot.models import KnowledgeBase


@pytest.fixture(scope="module")
def shares() -> MapData:
    return putin_shares(project_knowledge())


def test_every_place_with_an_official_count_is_there_once(shares: MapData) -> None:
    kb = project_knowledge()
    ranked = {country.id for country in kb.countries if country.ranked and kb.fact(f"{country.id}-official-result")}
    ids = [place.country for place in shares.places]
    assert ids == sorted(ids) and len(ids) == len(set(ids))
    assert set(ids) == ranked
    assert len(ids) == 145  # the rows of the official country table: 143 countries, Abkhazia and South Ossetia


def test_baikonur_abroad_overall_and_places_without_a_station_are_left_out(shares: MapData) -> None:
    ids = {place.country for place in shares.places}
    assert not ids & {"baikonur", "abroad", "georgia", "ukraine"}


@pytest.mark.parametrize(
    ("country", "iso", "share", "ballots"),
    [
        ("montenegro", "ME", 8.41, 1498),
        ("serbia", "RS", 10.84, 4724),  # the press fact repeating the figure does not replace the data's
        ("abkhazia", None, 93.96, 41450),
    ],
)
def test_the_share_is_the_official_figure_of_the_ballots_in_the_boxes(
    shares: MapData, country: str, iso: str | None, share: float, ballots: int
) -> None:
    [place] = [place for place in shares.places if place.country == country]
    assert (place.iso, place.share, place.ballots) == (iso, share, ballots)
    assert place.source == "vearlen-country-table-2024"


def test_each_share_is_the_one_the_place_result_fact_gives(shares: MapData) -> None:
    kb = project_knowledge()
    for place in shares.places:
        fact = kb.fact(f"{place.country}-official-result")
        assert fact is not None
        [share] = [f.value for f in fact.figures if f.metric == "vote_share" and f.candidate == "putin"]
        [ballots] = [f.value for f in fact.figures if f.metric == "ballots_in_boxes"]
        assert (place.share, place.ballots) == (share, ballots), place.country


def test_the_source_line_cites_the_cec_protocols_as_the_charts_do(shares: MapData) -> None:
    assert shares.source_line("en").startswith("Source: CEC station protocols summed by country")
    assert shares.source_line("en").endswith("(official result)")
    assert shares.source_line("ru").startswith("Источник: протоколы ЦИК")
    assert shares.source_line("ru").endswith("(официальный результат)")


def test_names_in_both_languages(shares: MapData) -> None:
    [ossetia] = [place for place in shares.places if place.country == "south-ossetia"]
    assert (ossetia.name("en"), ossetia.name("ru")) == ("South Ossetia", "Южная Осетия")


def test_the_data_are_hashable_so_a_rendering_can_be_cached(shares: MapData) -> None:
    assert hash(shares) == hash(putin_shares(project_knowledge()))


def knowledge_with(facts: list[dict]) -> KnowledgeBase:
    return KnowledgeBase.model_validate(
        {
            "sources": [
                {"id": "press", "publisher": "A paper", "title": "Votes abroad", "date": "2024-03"},
                {"id": "vearlen-country-table-2024", "publisher": "CEC", "title": "Protocols", "date": "2024-03"},
            ],
            "countries": [
                {"id": "kazakhstan", "iso": "KZ", "name": {"en": "Kazakhstan", "ru": "Казахстан"}},
                {"id": "baikonur", "name": {"en": "Baikonur", "ru": "Байконур"}, "kind": "territory"},
            ],
            "facts": facts,
        }
    )


def fact(fact_id: str, kind: str, share: float, source: str = "press", **extra: object) -> dict:
    return {
        "id": fact_id,
        "country": extra.pop("country", "kazakhstan"),
        "topic": "result",
        "answer": {"en": "Putin got it.", "ru": "Путин получил."},
        "figures": [{"metric": "vote_share", "value": share, "kind": kind, "candidate": "putin"}],
        "source": source,
        "evidence": ["Putin got it."],
        **extra,
    }


def test_an_exit_poll_is_never_drawn() -> None:
    assert putin_shares(knowledge_with([fact("kz-exit-poll", "exit_poll", 8)])).places == ()
    both = knowledge_with([fact("kz-exit-poll", "exit_poll", 8), fact("kz-result", "official_result", 42.18)])
    [place] = putin_shares(both).places
    assert place.share == 42.18 and place.ballots is None


def test_a_report_or_one_station_is_not_the_place_result() -> None:
    facts = [fact("kz-press", "reported_result", 50), fact("station-8001", "official_result", 30, station=8001)]
    assert putin_shares(knowledge_with(facts)).places == ()


def test_the_official_data_win_over_a_press_fact_and_a_territory_is_left_out() -> None:
    facts = [
        fact("kz-press", "official_result", 42.2),
        fact("kz-data", "official_result", 42.18, source="vearlen-country-table-2024"),
        fact("baikonur-result", "official_result", 84.25, country="baikonur"),
    ]
    shares = putin_shares(knowledge_with(facts))
    assert [(place.country, place.share) for place in shares.places] == [("kazakhstan", 42.18)]
    assert "CEC" in shares.source_line("en")


def test_nothing_official_means_no_places_and_no_source() -> None:
    shares = putin_shares(knowledge_with([]))
    assert shares.places == () and shares.source_line("en") == ""


def test_the_module_stays_out_of_the_telegram_layer() -> None:
    tree = ast.parse(Path(bot.map_data.__file__).read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [name for name in imported if name.split(".")[0] in ("telegram", "matplotlib") or "telegram" in name]

"""Claims to check: a figure put to the bot is confirmed or corrected with every source's figure, never guessed."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.claims import holds
from bot.knowledge import load_folder
from bot.models import Figure
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_knowledge(load_folder(PROJECT_ROOT / "knowledge").knowledge)


@pytest.mark.parametrize(
    ("claim", "opening", "figures"),
    [
        ("I read 15,000 voted in Kyrgyzstan, true?", "No:", ["7,842 (official result", "more than 7,800 (reported"]),
        ("Putin got 99% in Uzbekistan, right?", "No:", ["58.72% (official result", "57.6% (reported result"]),
        ("Putin got 58% in Uzbekistan?", "Yes:", ["58.72%"]),
        ("правда, что в Таджикистане проголосовало 9500 человек?", "Да:", ["9\u00a0505"]),
        ("was national turnout 90%?", "No:", ["77.49%"]),
    ],
)
def test_a_claim_is_confirmed_or_corrected_with_each_sources_figure(
    engine: Engine, claim: str, opening: str, figures: list[str]
) -> None:
    reply = engine.answer(claim)
    assert reply.kind == "answer" and reply.text.startswith(opening), reply.text
    assert all(figure in reply.text.split("\n\n")[0] for figure in figures), reply.text


def test_a_claim_about_what_no_figure_measures_cannot_be_settled(engine: Engine) -> None:
    reply = engine.answer("I heard 5,000 people protested in Tbilisi, true?")
    assert "5,000" not in reply.text or reply.text.startswith("The sources cannot settle")


@pytest.mark.parametrize(
    ("claimed", "value", "approx", "hedge", "expected"),
    [
        (7900, 7800, "more_than", None, True),  # "more than 7,800" allows a little above
        (15000, 7800, "more_than", None, False),
        (57.0, 57.6, "exact", None, True),  # a share within a point
        (55.0, 57.6, "exact", None, False),
        (400000, 380961, "exact", "almost", True),  # "almost 400k"
        (400000, 380961, "exact", None, False),
        (50.0, 72.3, "exact", "below", False),  # "less than half": 72.3% is not
        (50.0, 10.84, "exact", "below", True),
        (90.0, 93.89, "exact", "above", True),  # "over 90%"
        (15000, 7842, "exact", "above", False),
    ],
)
def test_how_close_a_claim_must_be(claimed: float, value: float, approx: str, hedge: str, expected: bool) -> None:
    metric = "vote_share" if value < 100 else "voters"
    figure = Figure(metric=metric, value=value, kind="official_result", approx=approx, candidate="putin")
    assert holds(claimed, figure, hedge) is expected


@pytest.mark.parametrize(
    ("claim", "opening"),
    [
        ("novaya gazeta says putin got less than half abroad, true?", "No: the sources give 72.3%"),
        ("говорят, за рубежом путин набрал меньше половины", "Нет: в источниках — 72,3%"),
        ("did putin get less than a third in serbia", "Yes: the sources give 10.84%"),
    ],
)
def test_a_share_said_as_a_fraction_is_checked_as_one_side_of_the_figure(
    engine: Engine, claim: str, opening: str
) -> None:
    reply = engine.answer(claim)
    assert reply.text.startswith(opening), reply.text
    # the claim is quoted back as the side it took, never as if the user had said exactly 50%
    assert "not 50%" not in reply.text and "а не 50%" not in reply.text


@pytest.mark.parametrize(
    ("claim", "first_line"),
    [
        ("russia opened 401 polling stations abroad this year", "No: the sources give 288"),  # a count of stations
        ("295 участков за рубежом это правда", "Нет: в источниках — 288"),  # no one rounds 288 to 295
        ("288 stations abroad right?", "Yes: the sources give 288"),
    ],
)
def test_a_number_of_stations_is_checked_against_the_stations_exactly(
    engine: Engine, claim: str, first_line: str
) -> None:
    reply = engine.answer(claim)
    assert reply.text.startswith(first_line), reply.text


def test_the_stations_of_a_part_of_a_country_are_counted_from_its_protocols(engine: Engine) -> None:
    # Transnistria: eight station protocols in the data (the press counted six opened)
    reply = engine.answer("transnistria had 6 polling stations right")
    assert reply.text.startswith("No: the sources give 8 "), reply.text


def test_a_year_before_a_station_noun_is_no_count_of_stations(engine: Engine) -> None:
    reply = engine.answer("In 2024 polling stations abroad had 380,961 voters, right?")
    assert reply.text.startswith("Yes: the sources give 380,961"), reply.text


def test_a_claim_matching_a_stations_exit_poll_says_so(engine: Engine) -> None:
    reply = engine.answer("I read putin got 22% in cyprus, true?")
    assert "exit-poll-8158" in reply.fact_ids and reply.text.startswith("Only as the exit poll"), reply.text


def test_a_claim_about_a_city_is_settled_by_its_stations(engine: Engine) -> None:
    assert engine.answer("putin got 25% in almaty?").text.startswith("Yes: the sources give 24.99%")


def test_a_claimed_figure_another_fact_states_is_located(engine: Engine) -> None:
    reply = engine.answer("в латвии пришли 2,38% россиян, правда?")
    assert reply.fact_ids[0] == "latvia-police-checks" and reply.text.startswith("Да"), reply.text

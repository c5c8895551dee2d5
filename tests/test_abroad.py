"""bot/abroad.py: the official per-station data read and summed exactly as the source package states."""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from bot.abroad import (
    CANDIDATES,
    COUNTRY_TABLE_FILE,
    DATA_SUBDIR,
    STATION_FILE,
    AbroadData,
    AbroadDataError,
    country_id,
    load_abroad,
    percent,
)
from bot.settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "knowledge" / DATA_SUBDIR


@cache
def data() -> AbroadData:
    return load_abroad(DATA_DIR)


def test_abroad_headline_figures() -> None:
    """The reconciled headline table of knowledge/sources/abroad/README.md, to the ballot."""
    abroad = data().abroad
    counts = abroad.counts
    assert len(abroad.stations) == 288
    assert counts.registered == 383_553
    assert counts.issued == 380_961
    assert counts.in_boxes == 380_724
    assert (counts.valid, counts.invalid) == (354_577, 26_147)
    assert counts.invalid_share == Decimal("6.87")
    expected = {
        "putin": (275_249, "72.30"),
        "davankov": (63_388, "16.65"),
        "kharitonov": (8_445, "2.22"),
        "slutsky": (7_495, "1.97"),
    }
    assert {candidate: (counts.votes[candidate], str(counts.share(candidate))) for candidate in CANDIDATES} == expected
    assert counts.early == 73_199


def test_baikonur_is_separate_and_adds_up_to_pamfilovas_figure() -> None:
    baikonur = data().baikonur
    assert len(baikonur.stations) == 7
    assert baikonur.numbers == tuple(range(8140, 8147))
    assert all("Байконур" in station.region and station.country is None for station in baikonur.stations)
    assert not set(baikonur.numbers) & set(data().abroad.numbers)
    assert (baikonur.counts.issued, baikonur.counts.in_boxes) == (7_830, 7_829)
    assert baikonur.counts.share("putin") == Decimal("84.25")
    assert data().abroad.counts.issued + baikonur.counts.issued == 388_791


def test_145_country_rows_each_the_sum_of_its_stations_and_equal_to_the_table() -> None:
    countries = data().countries
    assert len(countries) == 145
    assert sum(len(country.stations) for country in countries.values()) == 288
    for country in countries.values():
        row = country.table_row
        assert row is not None
        summed = country.counts
        others = sum(summed.votes[candidate] for candidate in ("davankov", "kharitonov", "slutsky"))
        assert (summed.in_boxes, summed.votes["putin"], summed.invalid, others) == (
            row.in_boxes,
            row.putin,
            row.invalid,
            row.others,
        ), country.id
        assert all(station.country == country.id for station in country.stations)


@pytest.mark.parametrize(
    ("country", "stations", "in_boxes", "putin", "davankov"),
    [
        ("kazakhstan", 7, 9_657, "42.18", "41.43"),
        ("kyrgyzstan", 4, 7_841, "81.34", "13.07"),
        ("tajikistan", 6, 9_505, "93.89", "1.38"),
        ("uzbekistan", 2, 4_661, "58.72", "31.02"),
    ],
)
def test_central_asia_official_figures(country: str, stations: int, in_boxes: int, putin: str, davankov: str) -> None:
    place = data().countries[country]
    assert len(place.stations) == stations
    assert place.counts.in_boxes == in_boxes
    assert (str(place.counts.share("putin")), str(place.counts.share("davankov"))) == (putin, davankov)


def test_transnistria_stations_sum_to_tiraspols_figure() -> None:
    stations = [data().stations[number] for number in range(8205, 8213)]
    assert all(station.country == "moldova" for station in stations)
    assert sum(station.counts.issued for station in stations) == 46_182


def test_stations_where_putin_was_beaten() -> None:
    """Novaya Gazeta Europe's 42 of 288, recomputed."""
    assert sum(1 for station in data().abroad.stations if station.counts.winners[0] != "putin") == 42


def test_cyprus_station_8158_anomaly_is_read_as_the_protocol_says() -> None:
    counts = data().stations[8158].counts
    assert (counts.registered, counts.early, counts.portable, counts.stationary) == (42_866, 36_870, 36_838, 5_995)
    assert counts.in_boxes == 42_833 and counts.votes["putin"] == 36_799
    assert data().stations[8158].country == "cyprus"


def test_exit_poll_covers_62_stations_in_41_countries_with_cities() -> None:
    polls = data().exit_polls
    assert len(polls) == 62
    assert len({poll.country for poll in polls.values()}) == 41
    assert sum(poll.surveyed for poll in polls.values()) == 66_435
    almaty = polls[8133]
    assert (almaty.country, almaty.city_en, almaty.city_ru, almaty.surveyed) == ("kazakhstan", "Almaty", "Алматы", 1615)
    assert (almaty.percents["putin"], almaty.percents["davankov"], almaty.percents["spoiled"]) == (8, 69, 14)
    assert polls[8134].city_en is None  # the second Almaty station: the file leaves the city blank
    assert polls[8015].city_en == "Vienna"  # "Vein" in the file
    assert data().station_city(8297) == ("Tashkent", "Ташкент")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("United\u00a0States\u00a0of\u00a0America", "united-states"),
        ("Côte d'Ivoire", "cote-d-ivoire"),
        ("Dem. Rep. Congo", "dr-congo"),
        ("Osetia", "south-ossetia"),
        ("Guinea-Bissau", "guinea-bissau"),
        ("Saudi Arabia", "saudi-arabia"),
        ("Kazakhstan", "kazakhstan"),
    ],
)
def test_country_ids_follow_the_contract(label: str, expected: str) -> None:
    assert country_id(label) == expected


def test_iso_codes_missing_only_for_the_breakaway_regions() -> None:
    missing = sorted(country.id for country in data().countries.values() if country.iso is None)
    assert missing == ["abkhazia", "south-ossetia"]
    assert data().countries["dr-congo"].iso == "CD"  # the table carries CG by mistake
    assert data().countries["namibia"].iso == "NA"  # the table wrote it as R's missing value


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(275_249, 380_724, "72.30"), (1, 8, "12.50"), (1, 200, "0.50"), (5, 0, "0.00"), (2, 3, "66.67")],
)
def test_percent_rounds_half_up_to_two_decimals(part: int, whole: int, expected: str) -> None:
    assert str(percent(part, whole)) == expected


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_station_that_does_not_match_its_country_row_is_an_error(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / STATION_FILE
    text = path.read_text(encoding="utf-8")
    row = data().stations[8297].row  # Tashkent: one vote moved from Davankov to Putin
    path.write_text(text.replace(row, row.replace(",1323,2402,", ",1322,2403,", 1)), encoding="utf-8")
    with pytest.raises(AbroadDataError, match=r"vearlen_df_2024_cntr_results\.csv:\d+: Uzbekistan"):
        load_abroad(folder)


def test_a_broken_number_names_file_and_line(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / COUNTRY_TABLE_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",126,", ",12x,")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AbroadDataError, match=r":4: total '12x' is not a whole number"):
        load_abroad(folder)


def test_a_missing_file_is_an_error(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    (folder / STATION_FILE).unlink()
    with pytest.raises(AbroadDataError, match="file not found"):
        load_abroad(folder)

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
    MAP_FILE,
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


def test_2018_comparison_reproduces_the_checks_of_provenance() -> None:
    """PROVENANCE.md, map file: 143 of 144 rows have a 2018 value; the sums and the derived 2018 totals."""
    rows = data().comparisons_2018
    assert len(rows) == 143
    assert data().comparison_2018("libya") is None  # the one row without a 2018 value
    assert sum(row.putin_change for row in rows) == -127_801
    assert sum(row.in_boxes_change for row in rows) == -93_345
    assert sum(row.share_fell for row in rows) == 95
    derived = {place: data().comparison_2018(place) for place in ("cyprus", "estonia", "israel", "serbia")}
    assert {place: row.in_boxes_2018 for place, row in derived.items() if row} == {
        "cyprus": 5_278, "estonia": 28_072, "israel": 12_164, "serbia": 1_370,
    }  # fmt: skip
    estonia, serbia = derived["estonia"], derived["serbia"]
    assert estonia is not None and serbia is not None
    # the 2018 share to one decimal: its basis is derived from the change columns
    assert (estonia.putin_2018, str(estonia.share_2018), str(estonia.share)) == (26_300, "93.7", "75.22")
    assert (serbia.putin_2018, str(serbia.share_2018), str(serbia.share)) == (1_139, "83.1", "10.84")


def test_2018_comparison_2024_figures_are_the_country_rows() -> None:
    for row in data().comparisons_2018:
        counts = [data().countries[place].counts for place in row.places]
        assert (row.in_boxes, row.putin) == (
            sum(item.in_boxes for item in counts),
            sum(item.votes["putin"] for item in counts),
        ), row.label
        if not row.merged:
            assert row.share == counts[0].share("putin")  # the share the place's official result states


def test_the_merged_map_row_is_the_two_regions_together() -> None:
    merged = data().comparison_2018("abkhazia")
    assert merged is not None and merged is data().comparison_2018("south-ossetia")
    assert (merged.label, merged.places, merged.in_boxes_2018, merged.putin_2018) == (
        "Abkhazia & Osetia", ("abkhazia", "south-ossetia"), 61_282, 55_934,
    )  # fmt: skip
    assert sum(1 for row in data().comparisons_2018 if row.merged) == 1


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


def _edit_map_row(folder: Path, country: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in the map file's row of ``country``; the row's line number."""
    path = folder / MAP_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    [index] = [index for index, line in enumerate(lines) if line.startswith(f'2024,"{country}",')]
    assert old in lines[index]
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (",-25635,", ",-25x35,", r"_total_diff '-25x35' is not a whole number or NA"),
        (",-25635,-24467,", ",NA,-24467,", r"Estonia: the 2018 change columns are partly NA"),
        ('"EE",2437,1833,', '"EE",2438,1833,', r"Estonia: the map file says in boxes/Putin/invalid/others 2438/1833"),
        (",-91,-87,", ",-80,-87,", r"Estonia: _total_diff_rat -80 is not _total_diff -25635 as a percentage"),
        (",-25635,-24467,", ",-25635,-26467,", r"Estonia: the derived 2018 figures .* are impossible"),
    ],
)
def test_a_malformed_map_row_names_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    folder = _copy_data(tmp_path)
    line = _edit_map_row(folder, "Estonia", old, new)
    with pytest.raises(AbroadDataError, match=rf"vearlen_df_map_2024\.csv:{line}: {message}"):
        load_abroad(folder)


def test_a_map_file_missing_a_country_is_an_error(tmp_path: Path) -> None:
    folder = _copy_data(tmp_path)
    path = folder / MAP_FILE
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if '"Abkhazia & Osetia"' not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AbroadDataError, match=r"vearlen_df_map_2024\.csv: no row for Abkhazia, Osetia"):
        load_abroad(folder)

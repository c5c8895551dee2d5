import csv
import re
from pathlib import Path

import pytest

from bot.country_names import (
    ID_OVERRIDES,
    REGIONS,
    City,
    PlaceNames,
    all_places,
    ascii_fold,
    city_sources,
    data_labels,
    place,
    place_id,
    place_names,
    places_by_region,
    region_name,
)
from bot.settings import PROJECT_ROOT

DATA = Path("sources") / "abroad" / "data"


def data_file(name: str) -> Path | None:
    """The official data: the project's copy (abroad-data branch) or the team's shared originals beside it."""
    for folder in (
        PROJECT_ROOT / "knowledge" / DATA,
        PROJECT_ROOT.parent / "shared" / DATA,
        PROJECT_ROOT.parent.parent / "shared" / DATA,
    ):
        if (folder / name).is_file():
            return folder / name
    return None


COUNTRY_TABLE = data_file("vearlen_df_2024_cntr_results.csv")
STATION_COUNTRY = data_file("station_country.csv")
EXIT_POLL = data_file("vearlen_exit_poll_2024_prelim.csv")
needs_data = pytest.mark.skipif(COUNTRY_TABLE is None, reason="the official data are not beside this checkout")


def test_145_data_places_plus_georgia_and_baikonur() -> None:
    places = all_places()
    assert len(data_labels()) == 145
    assert len(places) == 147
    assert [item.id for item in places if not item.label] == ["baikonur", "georgia"]
    assert len({item.id for item in places}) == 147


@needs_data
def test_labels_and_iso_codes_are_the_data_s() -> None:
    assert COUNTRY_TABLE is not None
    with COUNTRY_TABLE.open(encoding="utf-8") as file:
        rows = {row["en_country"].replace("\xa0", " "): row["alpha.2"] for row in csv.DictReader(file)}
    assert set(rows) == set(data_labels())
    for label, iso in rows.items():
        expected = {"Abkhazia": None, "Osetia": None, "Dem. Rep. Congo": "CD"}.get(label, iso)
        assert place_names(label).iso == expected, label


@pytest.mark.parametrize(("label", "identifier"), sorted(ID_OVERRIDES.items()))
def test_contract_id_overrides(label: str, identifier: str) -> None:
    assert place_names(label).id == identifier


@pytest.mark.parametrize("label", ["Czechia", "Sri Lanka", "New Zealand", "United Arab Emirates", "Guinea-Bissau"])
def test_other_ids_are_slugs_of_the_label(label: str) -> None:
    assert place_names(label).id == re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")


def test_labels_with_no_break_spaces_are_found() -> None:
    assert place_names("United\u00a0States\u00a0of\u00a0America").id == "united-states"
    assert place_id("Bosnia\u00a0&\u00a0Herzegovina") == "bosnia-and-herzegovina"


def test_unknown_label_is_an_error() -> None:
    with pytest.raises(KeyError):
        place_names("Atlantis")


@pytest.mark.parametrize(
    ("identifier", "iso", "english", "russian"),
    [
        ("united-states", "US", "United States", "США"),
        ("united-kingdom", "GB", "United Kingdom", "Великобритания"),
        ("united-arab-emirates", "AE", "United Arab Emirates", "ОАЭ"),
        ("turkey", "TR", "Turkey", "Турция"),
        ("czechia", "CZ", "Czechia", "Чехия"),
        ("south-korea", "KR", "South Korea", "Южная Корея"),
        ("north-korea", "KP", "North Korea", "Северная Корея"),
        ("cote-d-ivoire", "CI", "Côte d'Ivoire", "Кот-д'Ивуар"),
        ("dr-congo", "CD", "DR Congo", "ДР Конго"),
        ("congo", "CG", "Republic of the Congo", "Республика Конго"),
        ("north-macedonia", "MK", "North Macedonia", "Северная Македония"),
        ("belarus", "BY", "Belarus", "Беларусь"),
        ("moldova", "MD", "Moldova", "Молдова"),
        ("kyrgyzstan", "KG", "Kyrgyzstan", "Киргизия"),  # as the fact base names it
        ("south-africa", "ZA", "South Africa", "ЮАР"),
        ("central-african-republic", "CF", "Central African Republic", "Центральноафриканская Республика"),
        ("brunei", "BN", "Brunei", "Бруней"),
        ("laos", "LA", "Laos", "Лаос"),
        ("vietnam", "VN", "Vietnam", "Вьетнам"),
        ("abkhazia", None, "Abkhazia", "Абхазия"),
        ("south-ossetia", None, "South Ossetia", "Южная Осетия"),
        ("georgia", "GE", "Georgia", "Грузия"),
        ("baikonur", None, "Baikonur", "Байконур"),
    ],
)
def test_usual_short_names(identifier: str, iso: str | None, english: str, russian: str) -> None:
    found = place(identifier)
    assert found is not None
    assert (found.iso, found.name_en, found.name_ru) == (iso, english, russian)
    assert found.name("ru") == russian and found.name("en") == english


def test_display_names_are_not_repeated_as_aliases() -> None:
    for item in all_places():
        assert item.name_en not in item.aliases_en and item.name_ru not in item.aliases_ru, item.id


@pytest.mark.parametrize(
    ("identifier", "alias"),
    [
        ("united-states", "USA"),
        ("united-states", "Штаты"),
        ("united-states", "Америка"),
        ("united-states", "United States of America"),  # the data's label
        ("united-kingdom", "Britain"),
        ("united-kingdom", "Англия"),
        ("united-arab-emirates", "Эмираты"),
        ("turkey", "Türkiye"),
        ("turkey", "Turkiye"),  # typed without the accent
        ("cote-d-ivoire", "Ivory Coast"),
        ("cote-d-ivoire", "Cote d'Ivoire"),
        ("dr-congo", "Dem. Rep. Congo"),
        ("moldova", "Молдавия"),
        ("south-ossetia", "Osetia"),
        ("south-korea", "Корея"),
        ("north-korea", "КНДР"),
        ("belarus", "Белоруссия"),
        ("kyrgyzstan", "Кыргызстан"),
        ("north-macedonia", "Македония"),
        ("laos", "Lao People's Democratic Republic"),  # pycountry's official name
        ("south-korea", "Republic of Korea"),  # pycountry's "Korea, Republic of", read the usual way
    ],
)
def test_aliases(identifier: str, alias: str) -> None:
    found = place(identifier)
    assert found is not None
    assert alias in found.aliases_en + found.aliases_ru


def test_regions_are_a_small_fixed_set_and_every_place_has_one() -> None:
    assert REGIONS == ("central_asia", "caucasus", "europe", "middle_east", "asia", "africa", "americas", "oceania")
    grouped = places_by_region()
    assert list(grouped) == list(REGIONS)
    assert sum(len(items) for items in grouped.values()) == 147
    assert all(grouped.values())
    ids = {region: {item.id for item in items} for region, items in grouped.items()}
    assert {"kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan", "turkmenistan", "baikonur"} == ids["central_asia"]
    assert {"armenia", "azerbaijan", "georgia", "abkhazia", "south-ossetia"} == ids["caucasus"]
    assert {"moldova", "belarus", "cyprus", "estonia"} <= ids["europe"]
    assert {"turkey", "iran", "israel", "united-arab-emirates"} <= ids["middle_east"]
    assert "egypt" in ids["africa"]
    assert region_name("middle_east", "ru") == "Ближний Восток" and region_name("europe", "en") == "Europe"


@pytest.mark.parametrize(
    ("identifier", "english", "russian"),
    [
        ("abkhazia", "breakaway region of Georgia", "отделившийся регион Грузии"),
        ("south-ossetia", "breakaway region of Georgia", "отделившийся регион Грузии"),
        ("moldova", "include Transnistria", "включают Приднестровье"),
        ("baikonur", "city in Kazakhstan", "город в Казахстане"),
    ],
)
def test_neutral_notes(identifier: str, english: str, russian: str) -> None:
    found = place(identifier)
    assert found is not None and found.note is not None
    assert english in found.note["en"] and russian in found.note["ru"]


def test_notes_name_the_data_s_label_not_a_country() -> None:
    for identifier, label in (("abkhazia", "Abkhazia"), ("south-ossetia", "Osetia")):
        note = place(identifier).note  # type: ignore[union-attr]
        assert note is not None
        assert f'"{label}"' in note["en"] and "not a statement that it is a country" in note["en"]
        assert f"«{label}»" in note["ru"] and "не утверждение, что это страна" in note["ru"]


def test_no_two_places_share_a_name() -> None:
    owner: dict[str, str] = {}
    for item in all_places():
        names = {*item.names(), *item.other_cities, *(name for city in item.cities for name in city.names())}
        for name in names:
            key = " ".join(re.findall(r"\w+", ascii_fold(name).casefold().replace("ё", "е")))
            assert owner.setdefault(key, item.id) == item.id, f"{name!r}: {owner[key]} and {item.id}"


# ---------------------------------------------------------------------------------------------- cities


def cities() -> list[tuple[PlaceNames, City]]:
    return [(item, city) for item in all_places() for city in item.cities]


@pytest.mark.parametrize(
    ("identifier", "city", "russian", "stations"),
    [
        ("armenia", "Yerevan", "Ереван", (8026,)),
        ("armenia", "Gyumri", "Гюмри", (8031,)),
        ("serbia", "Belgrade", "Белград", (8267,)),
        ("kazakhstan", "Almaty", "Алматы", (8133, 8134)),
        ("china", "Beijing", "Пекин", (8165,)),
        ("india", "New Delhi", "Нью-Дели", (8099,)),
        ("uzbekistan", "Tashkent", "Ташкент", (8297,)),
        ("uzbekistan", "Samarkand", "Самарканд", (8371,)),
        ("kyrgyzstan", "Bishkek", "Бишкек", (8159,)),
        ("thailand", "Phuket", "Пхукет", (8380,)),
        ("thailand", "Bangkok", "Бангкок", (8284,)),
        ("united-kingdom", "London", "Лондон", (8061,)),
        ("finland", "Helsinki", "Хельсинки", (8304,)),
        ("montenegro", "Podgorica", "Подгорица", (8329,)),
        ("baikonur", "Baikonur", "Байконур", tuple(range(8140, 8147))),
        # a station in the city, number not given by any source
        ("united-arab-emirates", "Dubai", "Дубай", ()),
        ("united-states", "Washington", "Вашингтон", ()),  # 8388 is only inferred
        ("kazakhstan", "Astana", "Астана", ()),
        ("moldova", "Tiraspol", "Тирасполь", ()),
        # a region of the country: the fact sheet's eight station numbers, which sum to Tiraspol's 46,182 voters
        ("moldova", "Transnistria", "Приднестровье", tuple(range(8205, 8213))),
    ],
)
def test_cities_with_stations(identifier: str, city: str, russian: str, stations: tuple[int, ...]) -> None:
    found = place(identifier)
    assert found is not None
    by_name = {item.name_en: item for item in found.cities}
    assert by_name[city].name_ru == russian
    assert by_name[city].stations == stations


def test_every_city_names_its_source_and_a_station_is_never_given_twice() -> None:
    sources = city_sources()
    seen: dict[int, str] = {}
    for _, city in cities():
        assert city.source in sources, city
        assert city.name_en and city.name_ru
        for number in city.stations:
            assert seen.setdefault(number, city.name_en) == city.name_en, number


@pytest.mark.skipif(STATION_COUNTRY is None, reason="the official data are not beside this checkout")
def test_city_stations_are_in_their_country_in_the_station_file() -> None:
    assert STATION_COUNTRY is not None
    with STATION_COUNTRY.open(encoding="utf-8") as file:
        country_of = {int(row["station"]): row["country_en"].replace("\xa0", " ") for row in csv.DictReader(file)}
    for item, city in cities():
        if item.id == "baikonur":
            assert not set(city.stations) & set(country_of)  # the CEC does not count Baikonur abroad
            continue
        for number in city.stations:
            assert country_of[number] == item.label, (city.name_en, number)


@pytest.mark.skipif(EXIT_POLL is None, reason="the official data are not beside this checkout")
def test_every_city_of_the_exit_poll_file_is_listed_with_its_station() -> None:
    assert EXIT_POLL is not None
    listed = {number: city for _, city in cities() for number in city.stations}
    with EXIT_POLL.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    for row in rows:
        if not row["City"].strip():
            continue  # the file leaves the city blank for a country's second station
        russian, _english = (part.strip() for part in row["City"].split("/"))
        city = listed[int(row["Voting station"])]
        assert russian.replace("ё", "е") in {name.replace("ё", "е") for name in (city.name_ru, *city.aliases_ru)}


def test_alphabetical_key_ignores_case_and_latin_accents_and_keeps_russian_order() -> None:
    from bot.country_names import alphabetical_key

    assert sorted(["Czechia", "Côte d'Ivoire", "cuba", "Costa Rica"], key=alphabetical_key) == [
        "Costa Rica", "Côte d'Ivoire", "cuba", "Czechia"]  # fmt: skip
    assert sorted(["Кипр", "Йемен", "Иран", "Ёлка", "Египет"], key=alphabetical_key) == [
        "Египет", "Ёлка", "Иран", "Йемен", "Кипр"]  # fmt: skip

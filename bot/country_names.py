"""Names of every place in the official data on Russian voting abroad (March 2024), in English and Russian.

The data (``vearlen_df_2024_cntr_results.csv``) has 145 rows; to them this module adds Georgia (no station, but
people ask about it) and Baikonur (a Russian-administered city in Kazakhstan whose stations the CEC counts under a
Russian region). Each place has an id (the contract's slug of the data's ``en_country``), its ISO 3166-1 code
(None for Abkhazia and South Ossetia, which have none, and for Baikonur, which is not a country), usual short names,
the variants people type, a region, a neutral note where the data's label needs one, and its cities with a station.

Where the names come from
    pycountry (ISO 3166-1 and the iso-codes project's Russian translations, gettext domain ``iso3166-1``) gives
    every country's short, common and official names in both languages. Its Russian names are the usual ones for
    all but a few places (it says "Соединённые штаты", "Соединённое Королевство", "Объединённые Арабские
    Эмираты"). Babel's CLDR names were compared for all 145 rows: they differ from pycountry's for 15, better for
    four ("Великобритания", "ОАЭ", "Бруней", "Центральноафриканская" capitalised) and worse or no better for the
    rest ("Конго - Браззавиль", "Сейшельские о-ва", "Мьянма (Бирма)", "Республика Корея"); neither has "США",
    "ЮАР" or "ДР Конго". A second library (10 MB of locale data) would not spare the curated list, so pycountry,
    already a dependency, is the one library. ``knowledge/abroad/country_aliases.yaml`` holds only what it lacks:
    ids, data labels and regions, display names where pycountry's are formal, everyday names ("Штаты", "UAE",
    "Британия"), notes, areas, and the cities with a station (each naming its source). Russian case forms are
    not listed: the entity index (``bot.entities``) matches every form through pymorphy.

Regions, in menu order (``REGIONS``)
    ``central_asia`` (the four Central Asian countries the bot started with, Turkmenistan and Baikonur),
    ``caucasus`` (Armenia, Azerbaijan, Georgia and the data's rows for Abkhazia and South Ossetia), ``europe``
    (including Belarus, Moldova, the Baltic states and Cyprus), ``middle_east`` (Western Asia: the Arabian
    Peninsula, the Levant, Iraq, Iran and Turkey; Egypt stays in Africa), ``asia`` (the rest of Asia), ``africa``,
    ``americas`` and ``oceania``. Continents, with the two post-Soviet groups most of the questions are about
    kept apart.

Look-alike names (the rules the entity index follows; tests/test_entities.py checks each both ways)
    - The longer name wins: "Гвинея-Бисау", "Экваториальная Гвинея", "Южный Судан", "ДР Конго", "Северная Корея"
      are never read as Guinea, Sudan, Congo or South Korea.
    - A bare "Congo" / "Конго" is read as the Republic of the Congo (the data's and ISO's "Congo"); the other one
      is "DR Congo", "ДР Конго", "ДРК", "Democratic Republic of the Congo". A bare "Korea" / "Корея" is read as
      South Korea. Both Koreas and both Congos have a station, so the engine asks which is meant (``shared_names``
      in the YAML, ``sharing()`` here).
    - A bare "Ossetia" / "Осетия" is the data's "Osetia" (South Ossetia); "Северная Осетия" / "North Ossetia"
      is a region of Russia, indexed as an area so the longer name wins. Likewise "Латинская Америка" is not
      the United States (``areas`` in the YAML).
    - A misspelling is corrected only to a word one or two letters away, never across a look-alike pair:
      Austria/Australia, Iran/Iraq, Niger/Nigeria, Slovakia/Slovenia, Guinea/Guyana, Dominica/Dominican Republic.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry
import yaml

from bot.settings import PROJECT_ROOT

ALIASES_PATH = PROJECT_ROOT / "knowledge" / "abroad" / "country_aliases.yaml"

REGIONS: tuple[str, ...] = (
    "central_asia",
    "caucasus",
    "europe",
    "middle_east",
    "asia",
    "africa",
    "americas",
    "oceania",
)

# The contract's id rule has these exceptions; every other id is the slug of the data's label.
ID_OVERRIDES: dict[str, str] = {
    "Bosnia & Herzegovina": "bosnia-and-herzegovina",
    "Brunei Darussalam": "brunei",
    "Central African Rep.": "central-african-republic",
    "Côte d'Ivoire": "cote-d-ivoire",
    "Dem. Rep. Congo": "dr-congo",
    "Congo": "congo",
    "Macedonia": "north-macedonia",
    "Osetia": "south-ossetia",
    "United States of America": "united-states",
    "Cabo Verde": "cabo-verde",
}

# libyaml's safe loader reads the file in ~40 ms, the pure-Python one in ~400 ms (start-up counts)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

FIRST_STATION, LAST_STATION = 8000, 8449  # the CEC's numbers for stations abroad (Baikonur's 8140-8146 included)


@dataclass(frozen=True)
class City:
    """A city with a Russian polling station; ``stations`` only where a source gives the numbers."""

    name_en: str
    name_ru: str
    stations: tuple[int, ...] = ()
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()
    source: str = ""  # one of the YAML's ``sources``

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" else self.name_en

    def names(self) -> tuple[str, ...]:
        return (self.name_en, self.name_ru, *self.aliases_en, *self.aliases_ru)


@dataclass(frozen=True)
class PlaceNames:
    """Every name of one place of the data (or Georgia, or Baikonur)."""

    id: str
    iso: str | None  # ISO 3166-1 alpha-2; None for Abkhazia, South Ossetia and Baikonur
    name_en: str  # usual short name: "United States", "Turkey"
    name_ru: str  # usual short name, nominative: "США", "Турция"
    aliases_en: tuple[str, ...]
    aliases_ru: tuple[str, ...]  # irregular variants only: case forms are the entity index's job
    region: str  # one of REGIONS
    note: dict[str, str] | None  # {"en": ..., "ru": ...}: a neutral note on the data's label
    cities: tuple[City, ...]
    label: str | None = None  # the data's en_country; None for georgia and baikonur
    other_cities: tuple[str, ...] = ()  # cities without a station that stand for the place ("Тбилиси")
    adjectives: tuple[str, ...] = ()  # "Turkish", "польский": the place only before a noun of the vote or people

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" else self.name_en

    def names(self) -> tuple[str, ...]:
        """The place's own names (not its cities'), display names first."""
        return (self.name_en, self.name_ru, *self.aliases_en, *self.aliases_ru)


@dataclass(frozen=True)
class Area:
    """A name that contains a place's name but is not that place ("Северная Осетия", "Latin America")."""

    id: str
    name_en: str
    name_ru: str
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" else self.name_en

    def names(self) -> tuple[str, ...]:
        return (self.name_en, self.name_ru, *self.aliases_en, *self.aliases_ru)


def normalize_label(label: str) -> str:
    """The data's labels carry no-break spaces ("United\\u00a0States\\u00a0of\\u00a0America")."""
    return " ".join(label.replace("\xa0", " ").split())


def place_id(data_label: str) -> str:
    """The contract's id for a data label: ASCII-fold, lower-case, non-alphanumerics -> "-", with overrides."""
    label = normalize_label(data_label)
    if label in ID_OVERRIDES:
        return ID_OVERRIDES[label]
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(label).lower()).strip("-")


def ascii_fold(text: str) -> str:
    """ "Côte d’Ivoire" -> "Cote d'Ivoire": what people type without the accents (Cyrillic is kept)."""
    text = text.replace("’", "'").replace("ʼ", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    # drop combining marks of Latin letters only: "й" decomposes to "и" + breve and must stay
    folded = "".join(
        char
        for index, char in enumerate(decomposed)
        if not (unicodedata.combining(char) and index and decomposed[index - 1].isascii())
    )
    return unicodedata.normalize("NFC", folded)


@cache
def _russian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


def _uninvert(name: str) -> str:
    """ISO's inverted names read the usual way: "Korea, Republic of" -> "Republic of Korea"."""
    if ", " not in name:
        return name
    head, tail = name.split(", ", 1)
    return f"{tail} {head}"


def library_names(iso: str) -> dict[str, list[str]]:
    """pycountry's names for an ISO code: {"en": [usual, short, official], "ru": their translations}."""
    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return {"en": [], "ru": []}
    raw = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
    english = [name for name in raw if name]
    russian = [_russian().gettext(name) for name in english]
    return {
        "en": _unique([_uninvert(name) for name in english]),
        "ru": _unique([name for name in russian if name not in english]),
    }


def _unique(names: list[str], skip: tuple[str, ...] = ()) -> list[str]:
    """Names without repeats (compared case- and ё-insensitively), each followed by its ASCII-folded spelling."""
    seen = {_key(name) for name in skip}
    result: list[str] = []
    for name in names:
        for variant in (name, ascii_fold(name)):
            if variant and _key(variant) not in seen:
                seen.add(_key(variant))
                result.append(variant)
    return result


def _key(name: str) -> str:
    return " ".join(re.findall(r"\w+", name.casefold().replace("ё", "е")))


def _city(raw: dict) -> City:
    aliases = raw.get("aliases") or {}
    return City(
        name_en=raw["en"],
        name_ru=raw["ru"],
        stations=tuple(int(number) for number in raw.get("stations") or ()),
        aliases_en=tuple(aliases.get("en") or ()),
        aliases_ru=tuple(aliases.get("ru") or ()),
        source=raw.get("source", ""),
    )


def _place(place: str, raw: dict, sources: dict, demonyms: dict | None = None) -> PlaceNames:
    iso = raw.get("iso")
    if iso is not None and not isinstance(iso, str):
        raise ValueError(f"{place}: iso {iso!r} must be a string (quote it: YAML reads a bare NO as false)")
    library = library_names(iso) if iso else {"en": [], "ru": []}
    curated_name = raw.get("name") or {}
    name_en = curated_name.get("en") or (library["en"][0] if library["en"] else None)
    name_ru = curated_name.get("ru") or (library["ru"][0] if library["ru"] else None)
    if not name_en or not name_ru:
        raise ValueError(f"{place}: no name in pycountry, so the YAML needs name: {{en, ru}}")
    aliases = raw.get("aliases") or {}
    adjectives = demonyms or {}  # "Turkish", "польский": the place's name before a noun ("Turkish cities")
    label = normalize_label(raw["label"]) if raw.get("label") else None
    # curated spellings first: they win over pycountry's when two differ only in case ("Соединённые Штаты")
    english = [*(aliases.get("en") or ()), *library["en"], *([label] if label else [])]
    russian = [*(aliases.get("ru") or ()), *library["ru"]]
    names = PlaceNames(
        id=place,
        iso=iso,
        name_en=name_en,
        name_ru=name_ru,
        aliases_en=tuple(_unique(english, skip=(name_en, name_ru))),
        aliases_ru=tuple(_unique(russian, skip=(name_en, name_ru))),
        region=raw.get("region", ""),
        note=dict(raw["note"]) if raw.get("note") else None,
        cities=tuple(_city(city) for city in raw.get("cities") or ()),
        label=label,
        other_cities=tuple(
            [*(raw.get("other_cities") or {}).get("en", ()), *(raw.get("other_cities") or {}).get("ru", ())]
        ),
        adjectives=(*(adjectives.get("en") or ()), *(adjectives.get("ru") or ())),
    )
    _check(names, sources)
    return names


def _check(place: PlaceNames, sources: dict) -> None:
    problems = []
    if place.region not in REGIONS:
        problems.append(f"region {place.region!r} is not one of {', '.join(REGIONS)}")
    if place.iso is not None and not re.fullmatch(r"[A-Z]{2}", place.iso):
        problems.append(f"iso {place.iso!r} is not an ISO 3166-1 alpha-2 code")
    if place.label and place_id(place.label) != place.id:
        problems.append(f"id should be {place_id(place.label)!r} for the label {place.label!r}")
    if place.note and set(place.note) != {"en", "ru"}:
        problems.append("note needs exactly en and ru")
    for city in place.cities:
        if city.source not in sources:
            problems.append(f"city {city.name_en}: source {city.source!r} is not one of the YAML's sources")
        if any(not FIRST_STATION <= number <= LAST_STATION for number in city.stations):
            problems.append(f"city {city.name_en}: a station number outside {FIRST_STATION}-{LAST_STATION}")
    if problems:
        raise ValueError(f"{place.id}: " + "; ".join(problems))


@dataclass(frozen=True)
class _Names:
    places: tuple[PlaceNames, ...]
    by_id: dict[str, PlaceNames]
    by_label: dict[str, PlaceNames]
    by_iso: dict[str, PlaceNames]
    areas: tuple[Area, ...]
    elsewhere: dict[str, dict[str, list[str]]]
    regions: dict[str, dict[str, str]]
    sources: dict[str, str]
    shared: dict[str, tuple[str, ...]]  # a bare name, folded -> the places that share it


@cache
def _load(path: Path = ALIASES_PATH) -> _Names:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    sources = dict(raw.get("sources") or {})
    demonyms = raw.get("demonyms") or {}
    unknown = set(demonyms) - set(raw["places"])
    if unknown:
        raise ValueError(f"{path.name}: demonyms of unknown places {sorted(unknown)}")
    places = tuple(_place(place, entry, sources, demonyms.get(place)) for place, entry in raw["places"].items())
    regions = {region: dict(names) for region, names in (raw.get("regions") or {}).items()}
    if tuple(regions) != REGIONS:
        raise ValueError(f"{path.name}: regions must be {', '.join(REGIONS)}, in that order")
    areas = tuple(
        Area(
            id=area,
            name_en=entry["name"]["en"],
            name_ru=entry["name"]["ru"],
            aliases_en=tuple((entry.get("aliases") or {}).get("en") or ()),
            aliases_ru=tuple((entry.get("aliases") or {}).get("ru") or ()),
        )
        for area, entry in (raw.get("areas") or {}).items()
    )
    elsewhere = {
        iso: {"en": list(names.get("en") or ()), "ru": list(names.get("ru") or ())}
        for iso, names in (raw.get("elsewhere") or {}).items()
    }
    by_id = {place.id: place for place in places}
    if len(by_id) != len(places):
        raise ValueError(f"{path.name}: duplicate place ids")
    shared = {
        _key(entry[language]): tuple(entry["places"])
        for entry in raw.get("shared_names") or ()
        for language in ("en", "ru")
    }
    unknown = {place for places_sharing in shared.values() for place in places_sharing} - set(by_id)
    if unknown:
        raise ValueError(f"{path.name}: shared_names of unknown places {sorted(unknown)}")
    return _Names(
        places=places,
        by_id=by_id,
        by_label={place.label: place for place in places if place.label},
        by_iso={place.iso: place for place in places if place.iso},
        areas=areas,
        elsewhere=elsewhere,
        regions=regions,
        sources=sources,
        shared=shared,
    )


def sharing(name: str) -> tuple[str, ...]:
    """The places that share a bare ``name`` ("Korea", "Конго"), or () for a name of one place."""
    return _load().shared.get(_key(name), ())


def all_places() -> list[PlaceNames]:
    """The data's 145 places, Georgia and Baikonur, in id order."""
    return sorted(_load().places, key=lambda place: place.id)


def place_names(data_label: str) -> PlaceNames:
    """The names of the place a data label (``en_country``, no-break spaces or not) stands for."""
    found = _load().by_label.get(normalize_label(data_label))
    if found is None:
        raise KeyError(f"no place for the data label {data_label!r}")
    return found


def alphabetical_key(name: str) -> str:
    """Alphabetical order in either language: case and Latin accents ignored ("Côte" after "Costa"), "ё" as "е"."""
    kept = name.casefold().replace("ё", "е").replace("й", "\uffff")  # й is a letter of its own, after и
    folded = "".join(char for char in unicodedata.normalize("NFKD", kept) if not unicodedata.combining(char))
    return folded.replace("\uffff", "и\uffff")


def place(place: str) -> PlaceNames | None:
    """A place by its id ("united-states", "south-ossetia", "georgia")."""
    return _load().by_id.get(place)


def place_by_iso(iso: str) -> PlaceNames | None:
    return _load().by_iso.get(iso)


def data_labels() -> list[str]:
    """The 145 labels of the data's country table, as the YAML records them."""
    return [place.label for place in all_places() if place.label]


def areas() -> list[Area]:
    return list(_load().areas)


def region_name(region: str, language: str) -> str:
    names = _load().regions[region]
    return names["ru"] if language == "ru" else names["en"]


def places_by_region() -> dict[str, list[PlaceNames]]:
    """Places grouped for a menu: regions in ``REGIONS`` order, places by English name."""
    grouped: dict[str, list[PlaceNames]] = {region: [] for region in REGIONS}
    for item in sorted(_load().places, key=lambda place: place.name_en):
        grouped[item.region].append(item)
    return grouped


def other_country_names(iso: str) -> dict[str, list[str]]:
    """Names of a country with no station: pycountry's plus the YAML's everyday ones ("Russia", "Доминикана")."""
    library = library_names(iso)
    extra = _load().elsewhere.get(iso, {"en": [], "ru": []})
    return {"en": _unique([*extra["en"], *library["en"]]), "ru": _unique([*extra["ru"], *library["ru"]])}


def elsewhere_isos() -> tuple[str, ...]:
    """The codes of the YAML's ``elsewhere``: countries with no station, some of them not in pycountry (XK)."""
    return tuple(_load().elsewhere)


def city_sources() -> dict[str, str]:
    """The YAML's ``sources``: id -> where a city and its station numbers come from."""
    return dict(_load().sources)

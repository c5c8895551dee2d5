"""Names of the places with a Russian polling station abroad: a MINIMAL STUB of the country-names branch's module.

Same API as agreed in CONTRACT.md (``place_names(label)``, ``all_places()``), so the data build in
``bot.abroad_facts`` works before that module lands; it is replaced at merge. Names come from pycountry and its
Russian translations (gettext domain ``iso3166-1``, as ``bot.entities`` uses), with a few usual short forms;
there are no curated aliases, cities or regions here.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache

import pycountry

from bot.abroad import BAIKONUR, country_id


@dataclass(frozen=True)
class City:
    name_en: str
    name_ru: str
    stations: tuple[int, ...] = ()
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceNames:
    id: str
    iso: str | None  # ISO 3166-1 alpha-2; None for Abkhazia, South Ossetia and Baikonur
    name_en: str
    name_ru: str
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()
    region: str = ""  # the stub does not classify regions
    note: dict[str, str] | None = None
    cities: tuple[City, ...] = ()


# Data labels pycountry cannot look up, or whose ISO name is not the usual short name: (iso, English, Russian).
_OVERRIDES: dict[str, tuple[str | None, str, str]] = {
    "Abkhazia": (None, "Abkhazia", "Абхазия"),
    "Osetia": (None, "South Ossetia", "Южная Осетия"),
    "Dem. Rep. Congo": ("CD", "DR Congo", "ДР Конго"),
    "Congo": ("CG", "Republic of the Congo", "Республика Конго"),
    "Central African Rep.": ("CF", "Central African Republic", "Центральноафриканская Республика"),
    "Brunei Darussalam": ("BN", "Brunei", "Бруней"),
    "Bosnia & Herzegovina": ("BA", "Bosnia and Herzegovina", "Босния и Герцеговина"),
    "Macedonia": ("MK", "North Macedonia", "Северная Македония"),
    "United States of America": ("US", "United States", "США"),
    "United Kingdom": ("GB", "United Kingdom", "Великобритания"),
    "Moldova": ("MD", "Moldova", "Молдавия"),
    "Laos": ("LA", "Laos", "Лаос"),
    "North Korea": ("KP", "North Korea", "КНДР"),
    "South Korea": ("KR", "South Korea", "Южная Корея"),
    "Syria": ("SY", "Syria", "Сирия"),
    "Venezuela": ("VE", "Venezuela", "Венесуэла"),
    "Iran": ("IR", "Iran", "Иран"),
    "Turkey": ("TR", "Turkey", "Турция"),
    "Namibia": ("NA", "Namibia", "Намибия"),
    "Palestine": ("PS", "Palestine", "Палестина"),
    "Tanzania": ("TZ", "Tanzania", "Танзания"),
    "Bolivia": ("BO", "Bolivia", "Боливия"),
    "Vietnam": ("VN", "Vietnam", "Вьетнам"),
}
# Short forms the answers and example questions use.
_ALIASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "United Arab Emirates": (("UAE",), ("ОАЭ",)),
}
_NOTES = {
    "Abkhazia": {
        "en": "Abkhazia is a breakaway region of Georgia; the data's label is not a statement that it is a country.",
        "ru": "Абхазия — отколовшийся регион Грузии; подпись в данных не означает, что это государство.",
    },
    "Osetia": {
        "en": "South Ossetia is a breakaway region of Georgia; the data's label is not a statement that it is a "
        "country.",
        "ru": "Южная Осетия — отколовшийся регион Грузии; подпись в данных не означает, что это государство.",
    },
    "Moldova": {
        "en": "The Moldova figures include Transnistria, a breakaway region of Moldova.",
        "ru": "Данные по Молдавии включают Приднестровье, отколовшийся регион Молдавии.",
    },
}
_BAIKONUR = PlaceNames(
    id=BAIKONUR,
    iso=None,
    name_en="Baikonur",
    name_ru="Байконур",
    aliases_en=("Baykonur",),
    aliases_ru=(),
    region="central_asia",
    note={
        "en": "Baikonur is a city in Kazakhstan administered by Russia; the CEC counts its stations as a Russian "
        "region, not abroad.",
        "ru": "Байконур — город в Казахстане под управлением России; ЦИК относит его участки к российскому "
        "региону, а не к зарубежным.",
    },
)


@cache
def _russian() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


@cache
def place_names(data_label: str) -> PlaceNames:
    """Names of the place a country-table label (``en_country``, no-break spaces allowed) stands for."""
    label = data_label.replace("\xa0", " ").strip()
    if label in _OVERRIDES:
        iso, name_en, name_ru = _OVERRIDES[label]
    else:
        record = pycountry.countries.lookup(label)
        iso, name_en = record.alpha_2, label
        name_ru = _russian().gettext(record.name)
    extra_en, extra_ru = _ALIASES.get(label, ((), ()))
    aliases_en = ((label,) if label != name_en else ()) + extra_en
    return PlaceNames(
        id=country_id(label),
        iso=iso,
        name_en=name_en,
        name_ru=name_ru,
        aliases_en=aliases_en,
        aliases_ru=extra_ru,
        note=_NOTES.get(label),
    )


def all_places() -> list[PlaceNames]:
    """Every place; the stub keeps no list of the 145 labels, so it returns only Baikonur's entry."""
    return [_BAIKONUR]

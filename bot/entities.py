"""Names in a question: the base's countries (and their cities, demonyms, leaders), candidates, Russia itself,
and every other country in the world (so "Germany" is known to be a country the base has no data for).

The alias index is built from the KnowledgeBase at start-up, plus pycountry's English names and its Russian
translations (gettext domain ``iso3166-1``); matching any Russian case goes through ``bot.lexicon``.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache

import pycountry

from bot.lexicon import PhraseIndex, PhraseMatch
from bot.models import KnowledgeBase
from bot.text import STOPWORDS, tokenize

RUSSIA_ISO = "RU"

# Everyday short forms pycountry does not carry, by ISO code.
COMMON_COUNTRY_NAMES: dict[str, list[str]] = {
    "US": ["USA", "U.S.A.", "America", "United States", "the States", "США", "Америка", "Штаты"],
    "GB": ["UK", "Britain", "Great Britain", "England", "Англия", "Британия", "Великобритания"],
    "AE": ["UAE", "Emirates", "ОАЭ", "Эмираты"],
    "NL": ["Holland", "Голландия"],
    "KR": ["South Korea", "Korea", "Южная Корея", "Корея"],
    "KP": ["North Korea", "Северная Корея", "КНДР"],
    "MD": ["Молдавия"],
    "BY": ["Belorussia", "Белоруссия", "Беларусь"],
    "TM": ["Туркмения"],
    "CZ": ["Czech Republic", "Чехия"],
    "TR": ["Turkey", "Turkiye", "Турция"],
    "IR": ["Iran", "Иран"],
    "CN": ["China", "Китай", "КНР"],
    "VN": ["Vietnam", "Вьетнам"],
    "SY": ["Syria", "Сирия"],
    "LA": ["Laos", "Лаос"],
    "RU": ["Russia", "Russian Federation", "RF", "Россия", "РФ", "Российская Федерация"],
}


# Upper-case abbreviations that are also everyday words in lower case ("us"): recognised only as typed.
ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE"}
_ABBREVIATION = re.compile(r"\b[A-Z](?:\.?[A-Z]){1,2}\b\.?")


@dataclass(frozen=True)
class Mention:
    """A recognised name: ``kind`` is country, leader, candidate, foreign or national."""

    kind: str
    id: str  # country id, candidate id, ISO code (foreign) or "russia"
    text: str  # the alias that matched
    start: int
    end: int
    country: str | None = None  # for a leader: the country they lead
    fuzzy: bool = False


@dataclass
class Mentions:
    items: list[Mention] = field(default_factory=list)

    def of(self, kind: str) -> list[Mention]:
        return [item for item in self.items if item.kind == kind]

    def countries(self) -> list[str]:
        """Base countries named directly or through their leader, in order, without repeats."""
        found: list[str] = []
        for item in self.items:
            country = item.id if item.kind == "country" else item.country if item.kind == "leader" else None
            if country and country not in found:
                found.append(country)
        return found

    def candidates(self) -> list[str]:
        return list(dict.fromkeys(item.id for item in self.items if item.kind == "candidate"))

    def foreign(self) -> list[Mention]:
        seen: set[str] = set()
        return [item for item in self.of("foreign") if not (item.id in seen or seen.add(item.id))]

    @property
    def positions(self) -> set[int]:
        return {position for item in self.items for position in range(max(item.start, 0), item.end)}


@cache
def _russian_country_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)


@cache
def world_country_names() -> dict[str, dict[str, list[str]]]:
    """ISO code -> {"en": names, "ru": names} for every country pycountry knows."""
    russian = _russian_country_names()
    names: dict[str, dict[str, list[str]]] = {}
    for country in pycountry.countries:
        english = [
            name
            for name in (
                getattr(country, "common_name", None),
                country.name,
                getattr(country, "official_name", None),
            )
            if name
        ]
        russian_names = list(dict.fromkeys(russian.gettext(name) for name in english))
        russian_names = [name for name in russian_names if name not in english]
        names[country.alpha_2] = {"en": english, "ru": russian_names}
    for iso, extra in COMMON_COUNTRY_NAMES.items():
        entry = names.setdefault(iso, {"en": [], "ru": []})
        for name in extra:
            language = "ru" if any("а" <= char <= "я" for char in name.casefold()) else "en"
            if name not in entry[language]:
                entry[language].append(name)
    return names


def country_display_name(iso: str, language: str) -> str:
    entry = world_country_names().get(iso)
    if not entry:
        return iso
    if language == "ru" and entry["ru"]:
        return entry["ru"][0]
    return entry["en"][0] if entry["en"] else iso


def _usable(name: str) -> bool:
    """A name that is an everyday word ("Того", "us") would turn ordinary questions into country questions."""
    tokens = tokenize(name)
    return bool(tokens) and not all(token in STOPWORDS or len(token) < 2 for token in tokens)


class EntityIndex:
    """Recognises every kind of name in a tokenised question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.index = PhraseIndex()
        known_isos = {country.iso for country in kb.countries}
        for country in kb.countries:
            label = ("country", country.id, None)
            for name in [country.name.en, country.name.ru, country.id, *country.aliases.all()]:
                self.index.add(name, label)
            for language_names in world_country_names().get(country.iso, {}).values():
                for name in language_names:
                    if _usable(name):
                        self.index.add(name, label)
            if country.leader:
                leader = country.leader
                for name in [leader.name.en, leader.name.ru, *leader.aliases.all()]:
                    self.index.add(name, ("leader", leader.id, country.id))
        for candidate in kb.candidates:
            names = [candidate.name.en, candidate.name.ru, *candidate.aliases.all()]
            for name in names:
                self.index.add(name, ("candidate", candidate.id, None))
        base_phrases = {phrase for phrase in self.index.vocabulary}
        for iso, names in world_country_names().items():
            if iso in known_isos:
                continue
            label = ("national", "russia", None) if iso == RUSSIA_ISO else ("foreign", iso, None)
            for name in [*names["en"], *names["ru"]]:
                tokens = tokenize(name)
                # a one-word foreign name that is also a word of the base's own names stays the base's
                if _usable(name) and not (len(tokens) == 1 and tokens[0] in base_phrases):
                    self.index.add(name, label)
        self.index.freeze()

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.index.vocabulary

    def find(self, tokens: list[str], original: str = "") -> Mentions:
        """Names in ``tokens``; ``original`` (the message as typed) adds upper-case abbreviations like "US"."""
        mentions = Mentions()
        for match in self.index.find(tokens):
            mentions.items.append(_mention(match))
        for found in _ABBREVIATION.finditer(original):
            iso = ABBREVIATIONS.get(found.group().replace(".", ""))
            if iso and not any(item.id == iso for item in mentions.items):
                mentions.items.append(Mention("foreign", iso, found.group(), -1, -1))
        return mentions


def _mention(match: PhraseMatch) -> Mention:
    kind, identifier, country = match.label
    return Mention(kind, identifier, match.phrase, match.start, match.end, country, match.fuzzy)

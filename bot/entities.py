"""Names in a question: the base's countries (their names, cities with a station, demonyms, leaders), candidates,
Russia itself, the other places of the official data abroad and every other country in the world (so "Germany"
is known to be a place the base has no data for).

Place names come from ``bot.country_names`` (pycountry plus the curated ``knowledge/abroad/country_aliases.yaml``),
where the look-alike rules are written down; the index is built once at start-up, and matching any Russian case
form or a misspelling goes through ``bot.lexicon``. One name has one meaning: when two sources give the same
name, the first added keeps it (the base's countries, then the other places, then areas, then the world).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

import cyrtranslit
import pycountry

from bot.country_names import all_places, areas, elsewhere_isos, other_country_names, place, place_by_iso
from bot.lexicon import PhraseIndex, PhraseMatch
from bot.models import KnowledgeBase
from bot.text import STOPWORDS, is_cyrillic, latin_to_cyrillic, morph, place_name, tokenize

RUSSIA_ISO = "RU"

# Upper-case abbreviations that are also everyday words in lower case ("us"): recognised only as typed.
ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE"}
_ABBREVIATION = re.compile(r"\b[A-Z](?:\.?[A-Z]){1,2}\b\.?")

# the nouns a place's adjective stands before when it names the place: its towns, voters, results, missions
ADJECTIVE_NOUNS = (
    "cit", "town", "voter", "vote", "russian", "result", "outcome", "turnout", "station", "polling", "embass", "consul",
    "elect", "итог", "exit", "poll", "queue", "line", "экзит", "опрос", "очеред",
    "people", "communit", "diaspora", "numbers", "figures", "город", "избират", "голос", "россиян", "русск",
    "результ", "явк", "участ", "посольств", "консульств", "выбор", "люд", "общин", "диаспор", "граждан", "цифр",
    # ...and its authorities ("латвийская полиция проверяла россиян у посольства")
    "police", "authorit", "полиц", "власт",
    # ...and its head ("turkmen leader", "белорусский президент")
    "leader", "president", "лидер", "президент",
)  # fmt: skip

# the words "us" follows when it is the United States ("the us embassy"), or none at the start ("us cities ...")
US_BEFORE = frozenset(
    {"", "the", "in", "of", "at", "and", "or", "vs", "versus", "for", "which", "what", "other", "all", "any"}
)

# (kind, id, country, city): what a name stands for
Label = tuple[str, str, str | None, str | None]


@dataclass(frozen=True)
class Mention:
    """A recognised name: ``kind`` is country, leader, candidate, foreign or national."""

    kind: str
    # country id, candidate id, "russia", or for a foreign place (one the base has no data for) its ISO code,
    # or its id when it has none ("abkhazia", "baikonur") or is an area ("north-ossetia")
    id: str
    text: str  # the alias that matched
    start: int
    end: int
    country: str | None = None  # for a leader: the country they lead
    fuzzy: bool = False
    city: str | None = None  # for a city with a polling station: its English name ("Almaty")


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
def _world_isos() -> tuple[str, ...]:
    # ...and the curated ones ISO 3166-1 leaves out (Kosovo's user-assigned XK)
    return tuple(dict.fromkeys([*(country.alpha_2 for country in pycountry.countries), *elsewhere_isos()]))


def country_display_name(code: str, language: str) -> str:
    """The usual name of a place by ISO code or place/area id ("US", "abkhazia", "north-ossetia")."""
    found = place_by_iso(code) or place(code) or next((area for area in areas() if area.id == code), None)
    if found is not None:
        return found.name(language)
    names = other_country_names(code)
    if language == "ru" and names["ru"]:
        return names["ru"][0]
    return names["en"][0] if names["en"] else code


def _usable(name: str) -> bool:
    """A name that is an everyday word ("Того", "us") would turn ordinary questions into country questions."""
    tokens = tokenize(name)
    return bool(tokens) and not all(token in STOPWORDS or len(token) < 2 for token in tokens)


class EntityIndex:
    """Recognises every kind of name in a tokenised question."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.index = PhraseIndex(names=True)
        self._meaning: dict[tuple[str, ...], Label] = {}  # one label per name (its tokens)
        self._by_code: dict[str, Label] = {RUSSIA_ISO: ("national", "russia", None, None)}
        self._adjectives: set[str] = set()  # the places' adjectives as indexed ("Turkish", "польский")
        # names that are everyday words ("Того"): a place only when written with a capital inside a sentence
        self._word_names: dict[str, Label] = {}
        covered: set[str] = set()  # ISO codes and place ids already indexed
        for country in kb.countries:
            label: Label = ("country", country.id, None, None)
            names = place(country.id) or (place_by_iso(country.iso) if country.iso else None)
            own = [country.name.en, country.name.ru, country.id]
            self._add_all([*own, *(names.names() if names else ())], label)
            for city in names.cities if names else ():
                self._add_all(city.names(), ("country", country.id, None, city.name_en))
            self._add_all(names.other_cities if names else (), label)
            self._add_all(country.aliases.all(), label)
            for adjective in names.adjectives if names else ():
                # only an adjective the place's names do not reach already ("Latvian" is read as Latvia anywhere)
                if not any(match.label == label for match in self.index.find(tokenize(adjective), fuzzy=False)):
                    self._add_all([adjective], label)
                    self._adjectives.add(adjective)
            if country.iso and not names:
                self._add_all(_all(other_country_names(country.iso)), label)
            covered.update(code for code in (country.id, country.iso, names and names.id) if code)
            if country.iso:
                self._by_code[country.iso] = label
            if country.leader:
                leader = country.leader
                self._add_all(
                    [leader.name.en, leader.name.ru, *leader.aliases.all()], ("leader", leader.id, country.id, None)
                )
        for candidate in kb.candidates:
            names_of = [candidate.name.en, candidate.name.ru, *candidate.aliases.all()]
            self._add_all(names_of, ("candidate", candidate.id, None, None))
        # a one-word name of elsewhere that is also a word of the base's own names stays the base's
        base_words = frozenset(self.index.vocabulary)
        for other in all_places():
            if other.id in covered or (other.iso and other.iso in covered):
                continue
            code = other.iso or other.id
            label = ("foreign", code, None, None)
            self._by_code.setdefault(code, label)
            # its cities are not indexed: "weather in Paris" names no country, while "how many voted in Paris"
            # still reads "Paris" as a place the base has no data for (the engine's check of capitalised and
            # geographical words)
            self._add_all(other.names(), label, base_words)
            covered.add(code)
        for area in areas():
            self._add_all(area.names(), ("foreign", area.id, None, None), base_words)
        for iso in _world_isos():
            if iso in covered:
                continue
            label = self._by_code.setdefault(iso, ("foreign", iso, None, None))
            # Russia itself is named inside the base's own names ("outside Russia" is abroad), and stays Russia
            self._add_all(_all(other_country_names(iso)), label, base_words if label[0] == "foreign" else frozenset())
        self.index.freeze()

    def _add_all(
        self, names: list[str] | tuple[str, ...], label: Label, base_words: frozenset[str] = frozenset()
    ) -> None:
        for name in names:
            tokens = tuple(tokenize(name))
            if len(tokens) == 1 and label[0] in ("country", "foreign") and not _usable(name) and len(tokens[0]) > 2:
                self._word_names.setdefault(name[:1].upper() + name[1:], label)
            if not _usable(name) or tokens in self._meaning:
                continue
            if len(tokens) == 1 and tokens[0] in base_words:
                continue
            self._meaning[tokens] = label
            self.index.add(name, label, name=True)
            # "шриланка", "srilanka": a two-word name typed as one word (a hyphenated one, or in Latin letters)
            joined = "".join(tokens)
            if len(tokens) == 2 and ("-" in name or not is_cyrillic(name)) and (joined,) not in self._meaning:
                self._meaning[(joined,)] = label
                self.index.add(joined, label, name=True)

    @property
    def vocabulary(self) -> frozenset[str]:
        return self.index.vocabulary

    @property
    def codes(self) -> frozenset[str]:
        """The base's countries' two-letter codes as typed in a chat ("kz", "uz"): names, in no language."""
        return frozenset(
            code.lower() for code, label in self._by_code.items() if label[0] == "country" and _code_like(code.lower())
        )

    def find(self, tokens: list[str], original: str = "") -> Mentions:
        """Names in ``tokens``; ``original`` (the message as typed) adds upper-case abbreviations like "US"."""
        mentions = Mentions()
        for match in self.index.find(tokens):
            if match.phrase in self._adjectives:
                # "Turkish cities", "в польских городах" name the place; "to French", "finish ahead" do not
                following = tokens[match.end] if match.end < len(tokens) else ""
                if match.fuzzy or not following.startswith(ADJECTIVE_NOUNS):
                    continue
            mentions.items.append(_mention(match))
        for at, token in enumerate(tokens[:-1]):
            # "us cities", "us embassy": "us" typed in lower case is the United States before a noun of the place
            label = self._by_code.get("US")
            # (after a verb it is "us" the pronoun: "tell us results", "give us the turnout")
            before = tokens[at - 1] if at else ""
            named = label is None or any(item.id == label[1] for item in mentions.items)
            if token == "us" and before in US_BEFORE and tokens[at + 1].startswith(ADJECTIVE_NOUNS) and not named:
                mentions.items.append(Mention(label[0], label[1], token, at, at + 1, label[2]))
        for found in _ABBREVIATION.finditer(original):
            label = self._by_code.get(ABBREVIATIONS.get(found.group().replace(".", ""), ""))
            if label and not any(item.id == label[1] for item in mentions.items):
                mentions.items.append(Mention(label[0], label[1], found.group(), -1, -1, label[2]))
        taken = mentions.positions
        for position, token in enumerate(tokens):
            if position in taken or not token.isascii() or not token.isalpha() or not 4 <= len(token) <= LONGEST_NAME:
                continue  # (a pasted run of letters is no name, and would cost the analyser dearly)
            # "bruney", "irlandiya" in an English message: a place's Russian name typed in Latin letters
            russian = place_name(latin_to_cyrillic(token))
            found = self.index.find([russian.lower()], fuzzy=False) if russian else []
            place_found = next((match.label for match in found if match.label[0] == "country"), None)
            if place_found and not _is_english_word(token):  # (the dictionary is loaded only for such a word)
                kind, identifier, country, city = place_found
                mentions.items.append(Mention(kind, identifier, token, position, position + 1, country, False, city))
        for name, label in self._word_names.items():
            # "россияне в Того голосовали?": the everyday word with a capital after another word is the place
            if re.search(rf"(?<=[\w,] ){name}\b", original) and name.casefold() in tokens:
                position = tokens.index(name.casefold())
                if position not in mentions.positions:
                    mentions.items.append(Mention(label[0], label[1], name, position, position + 1, label[2]))
        taken = mentions.positions
        for position, token in enumerate(tokens):
            if position in taken or not is_cyrillic(token) or not 5 <= len(token) <= LONGEST_NAME:
                continue
            # "Монтенегро", "Бразил": a place's English name typed in Cyrillic letters, which no Russian word is
            if morph().word_is_known(token):
                continue
            found = self.index.find([cyrtranslit.to_latin(token, "ru")], fuzzy=False)
            place_found = next((match.label for match in found if match.label[0] == "country"), None)
            if place_found:
                kind, identifier, country, city = place_found
                mentions.items.append(Mention(kind, identifier, token, position, position + 1, country, False, city))
        taken = mentions.positions
        for position, token in enumerate(tokens):
            label = self._code_label(token, original) if position not in taken else None
            if token == "us" and position and tokens[position - 1] == "the" and position not in taken:
                label = self._by_code.get("US")  # "and the us?": the United States, not "us"
            if label and not any(item.id == label[1] for item in mentions.items):
                mentions.items.append(Mention(label[0], label[1], token, position, position + 1, label[2]))
        return mentions

    def _code_label(self, token: str, original: str) -> Label | None:
        """ "putin in KZ", "nz results": a country of the base by its two-letter ISO code, typed in capitals or no
        English word ("in", "no", "de" stay words)."""
        if not _code_like(token):
            return None
        label = self._by_code.get(token.upper())
        if label is None or label[0] != "country":
            return None
        if re.search(rf"\b{token.upper()}\b", original):
            return label
        return None if _is_english_word(token) else label


def _is_english_word(token: str) -> bool:
    # (imported here: the engine's package imports this module, and the dictionary loads on first use)
    from bot.engine.spelling import is_english_word

    return is_english_word(token)


def _code_like(token: str) -> bool:
    """Two Latin letters that are no function word of either language ("in", "na" for "на", "za" for "за")."""
    return len(token) == 2 and token.isascii() and token not in STOPWORDS and latin_to_cyrillic(token) not in STOPWORDS


def _all(names: dict[str, list[str]]) -> list[str]:
    return [*names["en"], *names["ru"]]


LONGEST_NAME = 30  # letters: longer than any place's name in either language


def _mention(match: PhraseMatch) -> Mention:
    kind, identifier, country, city = match.label
    return Mention(kind, identifier, match.phrase, match.start, match.end, country, match.fuzzy, city)

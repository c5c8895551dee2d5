"""The knowledge index: everything the engine looks up, built once from a KnowledgeBase and never changed.

An edit builds a new index beside the old one and the engine swaps the reference, so a question is always
read and decided against one whole index, never half of one.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.abroad_facts import ABROAD, DATA_SOURCES
from bot.engine.spelling import build_vocabulary, is_person_like, is_place_word, is_word, reads_as_surname
from bot.engine.thresholds import (
    COMMON_POSTING,
    FACT_WORD_FACTS,
    MEMO_SIZE,
    PERSON_NAME_FACTS,
    POOL_LIMIT,
    PREFILTER_LIMIT,
    RARE_WORD_FACTS,
    RARE_WORD_LENGTH,
)
from bot.entities import EntityIndex
from bot.lexicon import PhraseIndex
from bot.models import LANGUAGES, TOPICS, Candidate, Country, Fact, Figure, KnowledgeBase, Source
from bot.text import (
    FRACTIONS,
    STOPWORDS,
    STOPWORDS_EN,
    is_cyrillic,
    latin_to_cyrillic,
    russian_reading,
    stem_en,
    token_keys,
    tokenize,
)
from bot.topics import DENIED_ALONE, OUTSIDE, build_topic_index

if TYPE_CHECKING:
    from bot.country_names import City
    from bot.engine.reading import Reading

# which figure answers best when a place has several for one metric: an official count before a press report
KIND_PREFERENCE = ("official_result", "reported_result", "reported_count", "exit_poll")
# facts that state a date: what a "when" question expects as its answer
CLOCK_TIME = re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d\b")
_DATE = re.compile(
    r"\b\d{1,2}(?:[-–]\d{1,2})? (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|\b\d{4}-\d{2}-\d{2}\b"
)
# the region as a whole, in a fact's own text: such national facts answer "how did Central Asia vote"
_REGION_TEXT = re.compile(r"central asia|центральн\w* ази|средн\w* ази", re.IGNORECASE)
FEATURED_PLACES = (ABROAD, "kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")
# topics whose facts make the best example questions, in the order they are offered
EXAMPLE_TOPICS = ("turnout", "result", "exit_poll", "reaction", "diaspora", "context", "candidate", "schedule")

ContentKeys = tuple[tuple[frozenset[str], float], ...]  # each content word's keys and its rarity among facts


@lru_cache(maxsize=1)
def shared_topic_index() -> PhraseIndex:
    """The topic vocabulary is fixed: build it once per process."""
    return build_topic_index()


def _frozen(mapping: Mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


# the Americas' places north of Latin America
NORTH_AMERICA = frozenset({"united-states", "canada"})


@dataclass(frozen=True)
class KnowledgeIndex:
    """Facts by place and topic, figures by place and metric, names, and the example-question postings."""

    knowledge: KnowledgeBase
    entities: EntityIndex
    topic_index: PhraseIndex
    sources: Mapping[str, Source]
    countries: Mapping[str, Country]
    candidates: Mapping[str, Candidate]
    facts: Mapping[str, Fact]
    position: Mapping[str, int]  # a fact's place in the base: ties are broken the same way every time
    by_slot: Mapping[tuple[str | None, str], tuple[Fact, ...]]  # (country or None, topic) -> facts
    by_country: Mapping[str | None, tuple[Fact, ...]]
    countries_by_topic: Mapping[str, tuple[str, ...]]  # topic -> countries with a fact on it, in base order
    topic_sizes: Mapping[str, int]  # topic -> number of country facts on it
    # (country, metric) -> reported figures with their fact, best kind first: rankings never scan all facts
    figures: Mapping[tuple[str | None, str], tuple[tuple[Figure, Fact], ...]]
    dated: frozenset[str]  # facts that state a date
    clocked: frozenset[str]  # facts that state a time of day ("until 21:00")
    region_facts: tuple[Fact, ...]  # national facts about the region as a whole
    # the leader a reaction fact names first, and their country ("Rahmon was the first to congratulate..."): whom
    # "he" means after a "who" question it answers
    first_leaders: Mapping[str, tuple[str, str]]
    # the counts of a place (no candidate's) among its figures, and the large counts the facts' texts state in
    # passing ("372,779 Russians voted outside Russia"), each with its place: a count put forward with no place is
    # checked where it is counted, else where it is stated
    place_counts: tuple[tuple[float, str], ...]
    stated_counts: tuple[tuple[float, str], ...]
    topic_present: Mapping[str | None, frozenset[str]]
    english_words: frozenset[str]  # words of the base and the lexicon, for telling English from transliteration
    english_stems: frozenset[str]
    latin_names: frozenset[str]
    latin_people: frozenset[str]  # names the facts write in Latin that may be people ("navalnaya")
    # the press outlets' names as typed ("novaya gazeta", "nge", "радио свобода") -> the sources they published
    outlets: Mapping[tuple[str, ...], frozenset[str]]
    # the outlets' names by the first three letters of their first word, as typed or read as Russian ("nov", "нов")
    outlet_heads: Mapping[str, tuple[tuple[str, ...], ...]]
    questions: tuple[tuple[str, str], ...]  # (fact id, normalised example question)
    postings: Mapping[str, tuple[int, ...]]  # word key -> example questions containing it
    fact_keys: Mapping[str, frozenset[str]]  # fact id -> the keys of its own words
    fact_postings: Mapping[str, tuple[str, ...]]  # word key -> facts containing it
    name_keys: frozenset[str]  # keys of the names the facts write with a capital (_name_keys)
    idf: Mapping[str, float]
    # words people use to ask about the facts (their example questions): a word only in an answer's long text
    # ("school", "services") does not make a message about the facts
    asking_keys: frozenset[str]
    max_idf: float
    examples: Mapping[str, tuple[Fact, ...]]  # language -> facts whose questions make good examples
    spelling: Mapping[str, tuple[str, ...]]  # the words typos are corrected to, by first letter (spelling.py)
    known_words: frozenset[str]  # words never corrected: the vocabulary itself
    stations: Mapping[int, tuple[Fact, ...]]  # CEC station number -> its facts (the official count first)
    year_facts: Mapping[str, frozenset[str]]  # a year other than 2024 -> the facts that speak of it ("401 in 2018")
    year_only: frozenset[str]  # facts about another year: every example question names it (the 2018 comparison)
    ranked_countries: tuple[str, ...]  # the places ranked and compared abroad: countries and the data's regions
    region_members: tuple[str, ...]  # the countries of the region the base began with (Central Asia)
    city_stations: Mapping[str, tuple[int, ...]]  # a city's English name -> its stations, where a source gives them
    country_cities: Mapping[str, tuple[City, ...]]  # a country -> its cities with a station, as the sources name them

    # ------------------------------------------------------------------ lookups
    # per-message lookups remembered (example-question scores by tokens, rare names by word); never compared
    memo: dict = field(default_factory=dict, compare=False, repr=False)
    people: dict = field(default_factory=dict, compare=False, repr=False)  # fact id -> the person it names first

    def facts_on(self, country: str | None, topic: str) -> tuple[Fact, ...]:
        return self.by_slot.get((country, topic), ())

    def topics_for_country(self, country_id: str | None) -> list[str]:
        """Topics with at least one fact for the country (None: national and background facts)."""
        present = self.topic_present.get(country_id, frozenset())
        return [topic for topic in TOPICS if topic in present]

    def best_figure(self, country_id: str | None, metric: str, candidate: str | None) -> tuple[Figure, Fact] | None:
        for figure, fact in self.figures.get((country_id, metric), ()):  # best kind first
            if candidate is None or figure.candidate == candidate:
                return figure, fact
        return None

    def places_by_region(self) -> list[tuple[str, list[str]]]:
        """The places of the base (not "abroad" itself) grouped by region, in the regions' menu order."""
        from bot.country_names import REGIONS, place

        grouped: dict[str, list[str]] = {region: [] for region in REGIONS}
        for country in self.knowledge.countries:
            names = place(country.id)
            if country.kind != "abroad" and names is not None:
                grouped[names.region].append(country.id)
        return [(region, places) for region, places in grouped.items() if places]

    def area_members(self, area: str) -> tuple[str, ...]:
        """The ranked places of a part of the world (a region of the menus, or the Baltic states)."""
        if area == "baltic":
            return tuple(place for place in ("estonia", "latvia", "lithuania") if place in self.ranked_countries)
        if area.startswith(OUTSIDE):  # "outside Europe": every place but its own
            inside = set(self.area_members(area.removeprefix(OUTSIDE)))
            return tuple(place for place in self.ranked_countries if place not in inside)
        if area == "latin_america":  # the Americas south of the United States
            return tuple(place for place in self.area_members("americas") if place not in NORTH_AMERICA)
        # "Asia" asked plainly takes in Central Asia and the Middle East
        parts = ("asia", "central_asia", "middle_east") if area == "asia" else (area,)
        grouped = dict(self.places_by_region())
        return tuple(place for part in parts for place in grouped.get(part, []) if place in self.ranked_countries)

    def losers(self, country_id: str | None) -> tuple[str, ...]:
        """The candidate(s) with the lowest share in a place, by its best kind of figure (the official count)."""
        return self._ends(country_id, min)

    def winners(self, country_id: str | None) -> tuple[str, ...]:
        """The candidate(s) with the highest share in a place, by its best kind of figure (the official count)."""
        return self._ends(country_id, max)

    def _ends(self, country_id: str | None, end: Callable[..., float | None]) -> tuple[str, ...]:
        shares: dict[str, float] = {}
        kind = None
        for figure, _ in self.figures.get((country_id, "vote_share"), ()):
            kind = kind or figure.kind
            if figure.kind == kind and figure.candidate and figure.value is not None:
                shares.setdefault(figure.candidate, figure.value)
        found = end(shares.values(), default=None)
        return tuple(candidate for candidate, share in shares.items() if share == found)

    def other_figures(
        self, country_id: str | None, metric: str, candidate: str | None, shown: Figure
    ) -> tuple[tuple[Figure, Fact], ...]:
        """The same figure from the other sources (a reported count beside the official one), each once."""
        found = []
        for figure, fact in self.figures.get((country_id, metric), ()):
            wanted = figure is not shown and (candidate is None or figure.candidate == candidate)
            if wanted and figure.kind != shown.kind and all(figure.kind != other.kind for other, _ in found):
                found.append((figure, fact))
        return tuple(found)

    def country_facts(self, topic: str, content: ContentKeys) -> list[Fact]:
        """Every country's facts on ``topic``; in a large base only those sharing the most words with the message."""
        countries = self.countries_by_topic.get(topic, ())
        if self.topic_sizes.get(topic, 0) <= POOL_LIMIT:
            return [fact for country in countries for fact in self.by_slot[(country, topic)]]
        hits: dict[str, float] = defaultdict(float)
        for keys, weight in content:
            for key in keys:
                posting = self.fact_postings.get(key)
                if posting and len(posting) <= COMMON_POSTING:
                    for fact_id in posting:
                        hits[fact_id] += weight
        ranked = sorted(
            (fact_id for fact_id in hits if self.facts[fact_id].topic == topic and self.facts[fact_id].country),
            key=lambda fact_id: -hits[fact_id],
        )
        return [self.facts[fact_id] for fact_id in ranked[:POOL_LIMIT]]

    def rare_name_facts(self, token: str) -> frozenset[str]:
        """The facts holding ``token`` when it is a name only a few facts hold ("Navalnaya", "Reznik", "Kerala"),
        typed in either alphabet ("navalnaja" finds "Навальная"); empty otherwise."""
        if token in STOPWORDS or len(token) < RARE_WORD_LENGTH:
            return frozenset()
        found = self.memo.get(token)
        if found is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            found = self.memo[token] = self._rare_name_facts(token)
        return found

    def known_facts(self, ids: Iterable[str]) -> list[Fact]:
        """The facts of ``ids`` the base still holds (the chat's cited facts may have been deleted since)."""
        return [self.facts[fact_id] for fact_id in ids if fact_id in self.facts]

    def person_in(self, fact: Fact) -> str | None:
        """The first person the fact names by a surname that facts hold ("its chair Ella Pamfilova": "pamfilova")."""
        found = self.people.get(fact.id, "")
        if found == "":
            words = (token for token in tokenize(fact.answer.en) if token not in STOPWORDS)
            found = self.people[fact.id] = next(
                (token for token in words if self.rare_name_facts(token) and reads_as_surname(token)), None
            )
        return found

    def word_places(self, token: str) -> frozenset[str]:
        """The places (countries, "abroad", "" for none) of the few facts whose own text holds ``token`` in some form
        ("документы", "cocktails"); empty when no fact, or many, do."""
        if token in STOPWORDS or len(token) < RARE_WORD_LENGTH:
            return frozenset()
        postings = [self.fact_postings.get(key, ()) for key in token_keys(token)]
        holders = {fact_id for posting in postings for fact_id in posting}
        if not holders or len(holders) > FACT_WORD_FACTS:
            return frozenset()
        return frozenset(self.facts[fact_id].country or "" for fact_id in holders)

    def _rare_name_facts(self, token: str) -> frozenset[str]:
        # a Latin word's Russian reading only when it is no English word of the base ("navalnaja", not "voters")
        latin_name = not is_cyrillic(token) and token not in self.english_words
        forms = [token, russian_reading(token) or ""] if latin_name else [token]
        for form in filter(None, forms):
            keys = token_keys(form)
            # the form as written first ("навальная": 1 fact), else all its keys ("навальной" -> "навальный")
            exact = self.fact_postings.get(form, ())
            postings = [exact] if exact else [self.fact_postings.get(key, ()) for key in keys]
            if not any(postings) or any(len(posting) > PERSON_NAME_FACTS for posting in postings):
                continue  # unknown to the facts, or a common word of them (tested first: the tests below cost)
            # a person's name may run through more facts than another rare word ("Zakharova", "Pamfilova")
            person = is_person_like(token, form)
            limit = PERSON_NAME_FACTS if person and reads_as_surname(token) else RARE_WORD_FACTS
            if any(len(posting) > limit for posting in postings):
                continue
            # a word the facts capitalise names someone, unless it is a place or a Latin word of a dictionary
            capitalised = bool(keys & self.name_keys) and not is_place_word(form)
            if person or (capitalised and (is_cyrillic(token) or not is_word(token))):
                return frozenset(fact_id for posting in postings for fact_id in posting)
        return frozenset()  # ("piece", "split": ordinary words, however rare in the facts, name nothing)

    def content_keys(self, reading: Reading) -> ContentKeys:
        """Keys and weight (rarity among facts) of each content word that is not a name."""
        skipped = reading.mentions.positions | reading.signals.intent_positions
        content = []
        for position, token in enumerate(reading.tokens):
            if position in skipped or token in STOPWORDS or len(token) < 2:
                continue
            keys = token_keys(token)
            weight = max((self.idf[key] for key in keys if key in self.idf), default=self.max_idf)
            content.append((keys, weight))
        return tuple(content)

    def overlap(self, fact: Fact, content: ContentKeys) -> float:
        """Share (by rarity) of the message's content words that occur in the fact's own words."""
        if not content:
            return 0.0
        words = self.fact_keys.get(fact.id, frozenset())
        total = sum(weight for _, weight in content)
        matched = sum(weight for keys, weight in content if not keys.isdisjoint(words))
        return matched / total

    def question_scores(self, reading: Reading) -> dict[str, float]:
        """Best example-question similarity per fact, scoring only questions that share words with the message
        (remembered for the last messages: several stages of one message ask)."""
        found = self.memo.get(reading.tokens)
        if found is None:
            if len(self.memo) >= MEMO_SIZE:
                self.memo.clear()
            found = self.memo[reading.tokens] = self._question_scores(reading)
        return found

    def _question_scores(self, reading: Reading) -> dict[str, float]:
        counts: dict[int, int] = defaultdict(int)
        keys = {key for token in reading.tokens if token not in STOPWORDS for key in token_keys(token)}
        for key in keys:
            posting = self.postings.get(key)
            if posting and len(posting) <= COMMON_POSTING:
                for number in posting:
                    counts[number] += 1
        if not counts:
            return {}
        # (ties broken by the question's number: the counts' order follows a set's, which varies between runs)
        shortlist = heapq.nlargest(PREFILTER_LIMIT, counts, key=lambda number: (counts[number], -number))
        query = " ".join(reading.tokens)
        best: dict[str, float] = {}
        for number in shortlist:
            fact_id, question = self.questions[number]
            score = fuzz.token_sort_ratio(query, question, processor=None)
            if score > best.get(fact_id, 0.0):
                best[fact_id] = score
        return best


def build_index(kb: KnowledgeBase) -> KnowledgeIndex:
    """Build every lookup from ``kb``: names, facts by slot, figures, example-question postings, word rarity."""
    topic_index = shared_topic_index()
    entities = EntityIndex(kb)
    by_slot, by_country, countries_by_topic, figures = _group_facts(kb)
    topic_sizes = {
        topic: sum(len(by_slot[(country, topic)]) for country in countries)
        for topic, countries in countries_by_topic.items()
    }
    english_words, english_stems, latin_names = _english_vocabulary(kb, entities, topic_index)
    latin_people = _latin_people(kb, latin_names)
    vocabulary = _asking_vocabulary(kb, entities, topic_index)
    year_only = _year_only(kb)
    questions, postings = _question_postings(kb, year_only)
    fact_keys, fact_postings = _fact_words(kb)
    name_keys = _name_keys(kb)
    outlets = _outlet_names(kb)
    total = max(len(kb.facts), 1)
    position = {fact.id: number for number, fact in enumerate(kb.facts)}
    return KnowledgeIndex(
        knowledge=kb,
        entities=entities,
        topic_index=topic_index,
        sources=_frozen({source.id: source for source in kb.sources}),
        countries=_frozen({country.id: country for country in kb.countries}),
        candidates=_frozen({candidate.id: candidate for candidate in kb.candidates}),
        facts=_frozen({fact.id: fact for fact in kb.facts}),
        position=_frozen(position),
        by_slot=_frozen({slot: tuple(facts) for slot, facts in by_slot.items()}),
        by_country=_frozen({country: tuple(facts) for country, facts in by_country.items()}),
        countries_by_topic=_frozen({topic: tuple(countries) for topic, countries in countries_by_topic.items()}),
        topic_sizes=_frozen(topic_sizes),
        figures=_frozen({key: tuple(found) for key, found in figures.items()}),
        dated=frozenset(fact.id for fact in kb.facts if _DATE.search(fact.answer.en)),
        clocked=frozenset(fact.id for fact in kb.facts if CLOCK_TIME.search(fact.answer.en)),
        region_facts=tuple(
            fact
            for fact in by_country.get(None, ())
            if _REGION_TEXT.search(fact.answer.en) or _REGION_TEXT.search(fact.answer.ru)
        ),
        first_leaders=_frozen(_first_leaders(kb, entities)),
        place_counts=tuple(
            (figure.value, country)
            for (country, _metric), found in figures.items()
            if country is not None
            for figure, _fact in found
            if figure.value and not figure.candidate
        ),
        stated_counts=tuple(
            (float(found.replace(",", "")), fact.country)
            for fact in kb.facts
            if fact.country is not None
            for found in _LARGE_COUNT.findall(fact.answer.en)
        ),
        topic_present=_frozen(
            {country: frozenset(fact.topic for fact in facts) for country, facts in by_country.items()}
        ),
        english_words=english_words,
        english_stems=english_stems,
        latin_names=latin_names,
        latin_people=latin_people,
        outlets=_frozen(outlets),
        outlet_heads=_frozen(_outlet_heads(outlets)),
        questions=questions,
        postings=_frozen(postings),
        fact_keys=_frozen(fact_keys),
        fact_postings=_frozen(fact_postings),
        name_keys=name_keys,
        idf=_frozen({key: math.log(1 + total / len(posting)) for key, posting in fact_postings.items()}),
        max_idf=math.log(1 + total),
        asking_keys=frozenset(postings),
        # chosen once here: off-topic replies must stay cheap in a large base
        spelling=_frozen(build_vocabulary(vocabulary)),
        known_words=frozenset(vocabulary),
        stations=_frozen(_station_facts(kb)),
        year_facts=_frozen(_year_facts(kb)),
        year_only=year_only,
        # ranked and compared: the countries (and the data's regions) with an official count of their own
        ranked_countries=tuple(
            country.id for country in kb.countries if country.ranked and figures.get((country.id, "voters"))
        ),
        region_members=_region_members(kb),
        city_stations=_frozen(_city_stations(kb)),
        country_cities=_frozen(_country_cities(kb)),
        examples=_frozen(
            {language: _example_facts(kb, by_slot, countries_by_topic, position, language) for language in LANGUAGES}
        ),
    )


def _region_members(kb: KnowledgeBase) -> tuple[str, ...]:
    """The ranked countries of Central Asia, the region the base began with and its overview facts describe."""
    from bot.country_names import place

    members = []
    for country in kb.countries:
        names = place(country.id)
        if country.ranked and names is not None and names.region == "central_asia":
            members.append(country.id)
    return tuple(members)


def _city_stations(kb: KnowledgeBase) -> dict[str, tuple[int, ...]]:
    from bot.country_names import place

    found: dict[str, tuple[int, ...]] = {}
    for country in kb.countries:
        names = place(country.id)
        for city in names.cities if names is not None else ():
            if city.stations:
                found[city.name_en] = city.stations
    return found


def _country_cities(kb: KnowledgeBase) -> dict[str, tuple[City, ...]]:
    from bot.country_names import place

    found: dict[str, tuple[City, ...]] = {}
    for country in kb.countries:
        names = place(country.id)
        if names is not None and names.cities:
            found[country.id] = tuple(names.cities)
    return found


def _year_facts(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for fact in kb.facts:
        for year in re.findall(r"\b(?:19[9]\d|20[0-3]\d)\b", fact.answer.en):
            if year != "2024":
                found[year].add(fact.id)
    return {year: frozenset(ids) for year, ids in found.items()}


def _year_only(kb: KnowledgeBase) -> frozenset[str]:
    other_year = re.compile(r"\b(?:199\d|20[0-3]\d)\b")
    return frozenset(
        fact.id
        for fact in kb.facts
        if fact.questions.all()
        and all(any(year != "2024" for year in other_year.findall(question)) for question in fact.questions.all())
    )


def _station_facts(kb: KnowledgeBase) -> dict[int, tuple[Fact, ...]]:
    found: dict[int, list[Fact]] = defaultdict(list)
    for fact in kb.facts:
        if fact.station is not None:
            found[fact.station].append(fact)
    return {number: tuple(sorted(facts, key=lambda fact: fact.topic == "exit_poll")) for number, facts in found.items()}


def _asking_vocabulary(kb: KnowledgeBase, entities: EntityIndex, topic_index: PhraseIndex) -> list[str]:
    """Every word people use to ask about the facts, in both scripts, with repeats (their count ranks them)."""
    words = [token for fact in kb.facts for question in fact.questions.all() for token in tokenize(question)]
    words += [*topic_index.vocabulary, *entities.vocabulary, *STOPWORDS, *FRACTIONS, *DENIED_ALONE]
    return words


def _group_facts(kb: KnowledgeBase) -> tuple[dict, dict, dict, dict]:
    """Facts by (country, topic) and by country, countries by topic, reported figures by (country, metric)."""
    by_slot: dict[tuple[str | None, str], list[Fact]] = defaultdict(list)
    by_country: dict[str | None, list[Fact]] = defaultdict(list)
    countries_by_topic: dict[str, list[str]] = defaultdict(list)
    figures: dict[tuple[str | None, str], list[tuple[Figure, Fact]]] = defaultdict(list)
    for fact in kb.facts:
        if fact.station is not None:
            continue  # a single station's fact never answers for its country: stations are looked up by number
        if not by_slot[(fact.country, fact.topic)] and fact.country is not None:
            countries_by_topic[fact.topic].append(fact.country)
        by_slot[(fact.country, fact.topic)].append(fact)
        by_country[fact.country].append(fact)
        for figure in fact.figures:
            if figure.reported:
                figures[(fact.country, figure.metric)].append((figure, fact))
    for found in figures.values():
        # the best kind first; among equals the official data before a press report of the same count
        found.sort(key=lambda item: (KIND_PREFERENCE.index(item[0].kind), item[1].source not in DATA_SOURCES))
    return by_slot, by_country, countries_by_topic, figures


_LARGE_COUNT = re.compile(r"\b\d{1,3}(?:,\d{3})+\b")  # "372,779", "1,890,863" as the English texts write them


def _first_leaders(kb: KnowledgeBase, entities: EntityIndex) -> dict[str, tuple[str, str]]:
    found = {}
    for fact in kb.facts:
        if fact.topic != "reaction":
            continue
        leaders = entities.find(tokenize(fact.answer.en), fact.answer.en).of("leader")
        if leaders and leaders[0].country:
            found[fact.id] = (leaders[0].id, leaders[0].country)
    return found


def _english_vocabulary(
    kb: KnowledgeBase, entities: EntityIndex, topic_index: PhraseIndex
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    english = set(STOPWORDS_EN) | set(topic_index.vocabulary)
    for text in _english_texts(kb):
        english.update(token for token in tokenize(text) if not is_cyrillic(token))
    names = {token for token in entities.vocabulary if not is_cyrillic(token)} | entities.codes
    # names are English only as spelt ("germany"); their stems would claim "tadzhikistane"
    return frozenset(english | names), frozenset(stem_en(token) for token in english - names), frozenset(names)


# a source's credit names its outlet first, then whom it quotes or how it came: "TASS (CEC chair Pamfilova)",
# "RIA Novosti via aggregators", "Украинская правда со ссылкой на Медузу"
_CREDIT_PARTS = re.compile(r"\s*(?:\(.*?\)|,.*$|\b(?:citing|via|with|со ссылкой|через)\b.*$)")
_OUTLET_SPLIT = re.compile(r"\band\b|\bи\b|/(?=\w{4})")
# words of a credit that is no outlet's name: the official data, "other reports", "de facto authorities"
NOT_OUTLET_WORDS = frozenset(
    {"cec", "цик", "commission", "protocols", "data", "данные", "figures", "other", "другие", "reports", "сообщения",
     "authorities", "власти", "де", "de", "facto", "факто",
     # a wire agency relaying officials' figures: "TASS says ..." asks the official figure, which every reply gives
     "tass", "тасс"}
)  # fmt: skip


def _everyday(token: str) -> bool:
    """A word of the language, not a brand: pymorphy's Russian, or an English word of outlets' names ("metro",
    "err"; the spelling dictionary is not loaded at start-up for this)."""
    return is_word(token) if is_cyrillic(token) else token in _EVERYDAY_LATIN


_EVERYDAY_LATIN = frozenset({"metro", "err", "news", "mail", "times", "post", "daily", "world", "standard"})


def _outlet_names(kb: KnowledgeBase) -> dict[tuple[str, ...], frozenset[str]]:
    """The press outlets the sources were published by, keyed by how people name them: the name ("Novaya Gazeta
    Europe"), its first two words ("новая газета"), the initials of a three-word name ("NGE"). The official data
    and the election commission are no outlets ("the CEC says" asks the official figures every reply gives first);
    a one-word name that is an everyday word ("Metro", "err", "news") is left out."""
    found: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for source in kb.sources:
        if source.id in DATA_SOURCES or source.cited_as is None:
            continue
        for credit in (source.cited_as.en, source.cited_as.ru):
            head = _CREDIT_PARTS.sub("", credit.replace("«", "").replace("»", ""))
            for part in _OUTLET_SPLIT.split(head):
                tokens = tuple(token for token in tokenize(part) if token != "the")
                if not tokens or NOT_OUTLET_WORDS & set(tokens) or any(char.isdigit() for char in part):
                    continue
                keys = {tokens, tokens[:2]}
                if len(tokens[0]) <= 4:
                    keys.add(tokens[:1])  # an abbreviation said alone: "NHK" for NHK World, "RIA"
                if len(tokens) == 3:
                    keys.add(("".join(token[0] for token in tokens),))
                for key in keys:
                    if len(key) > 1 or (len(key[0]) >= 3 and key[0] not in STOPWORDS and not _everyday(key[0])):
                        found[key].add(source.id)
    return {key: frozenset(ids) for key, ids in found.items()}


def _outlet_heads(outlets: Mapping[tuple[str, ...], frozenset[str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each outlet name under the first three letters of its first word, and of that word read as Russian: a
    message looks up only the names its own words begin like, however many sources the base holds."""
    heads: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for name in sorted(outlets, key=len, reverse=True):  # the longest name first
        first = name[0]
        for head in dict.fromkeys((first[:3], (first if is_cyrillic(first) else latin_to_cyrillic(first))[:3])):
            heads[head].append(name)
    return {head: tuple(names) for head, names in heads.items()}


def _latin_people(kb: KnowledgeBase, names: frozenset[str]) -> frozenset[str]:
    """The facts' names written in Latin that may be people ("navalnaya", "reznik", "putina" of "Polden protiv
    Putina"); whether one is a person is asked of the dictionaries only when it is typed (reading.py), so that
    building the index loads no English dictionary."""
    return frozenset(
        word
        for word in _proper_names(kb)
        if not is_cyrillic(word) and word not in names and len(word) >= RARE_WORD_LENGTH
    )


def _question_postings(
    kb: KnowledgeBase, year_only: frozenset[str]
) -> tuple[tuple[tuple[str, str], ...], dict[str, tuple[int, ...]]]:
    """Example questions normalised once here (scored with processor=None at query time), and their word postings.
    A fact about another year is left out: the year's own route finds it, and its questions ("How did Putin do in X
    compared with 2018?") would crowd the shortlist of every 2024 question about X."""
    questions: list[tuple[str, str]] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for fact in kb.facts:
        if fact.id in year_only:
            continue
        for question in fact.questions.all():
            tokens = tokenize(question)
            number = len(questions)
            questions.append((fact.id, " ".join(tokens)))
            for key in {key for token in tokens if token not in STOPWORDS for key in token_keys(token)}:
                postings[key].append(number)
    return tuple(questions), {key: tuple(numbers) for key, numbers in postings.items()}


# a word written with a capital inside a sentence ("Yulia Navalnaya", "Юлия Навальная"): a name, when the facts never
# write it in lower case
_CAPITALISED_INSIDE = re.compile(r"(?<=[a-zа-яё0-9,)] )[A-ZА-ЯЁ][a-zа-яё]+")


def _proper_names(kb: KnowledgeBase) -> frozenset[str]:
    """The names the facts write (people, towns, events), in both languages: words they write with a capital inside
    a sentence and never in lower case."""
    capitalised: set[str] = set()
    lower: set[str] = set()
    for fact in kb.facts:
        for text in (fact.answer.en, fact.answer.ru):
            capitalised.update(word.casefold() for word in _CAPITALISED_INSIDE.findall(text))
            lower.update(re.findall(r"\b[a-zа-яё]+", text))
    return frozenset(capitalised - lower - STOPWORDS)


def _name_keys(kb: KnowledgeBase) -> frozenset[str]:
    """The keys of the facts' names: a name the base knows is no foreign word, though the dictionaries may know it as
    something else ("навальная" is also an adjective)."""
    return frozenset(key for word in _proper_names(kb) for key in token_keys(word))


def _fact_words(kb: KnowledgeBase) -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    """The words of each fact (answer and questions, both languages), for the lexical-overlap signal."""
    fact_keys: dict[str, frozenset[str]] = {}
    fact_postings: dict[str, list[str]] = defaultdict(list)
    for fact in kb.facts:
        words = tokenize(" ".join([fact.answer.en, fact.answer.ru, *fact.questions.all()]))
        keys = frozenset(key for token in set(words) if token not in STOPWORDS for key in token_keys(token))
        fact_keys[fact.id] = keys
        for key in keys:
            fact_postings[key].append(fact.id)
    return fact_keys, {key: tuple(ids) for key, ids in fact_postings.items()}


def _example_facts(
    kb: KnowledgeBase,
    by_slot: Mapping[tuple[str | None, str], list[Fact]],
    countries_by_topic: Mapping[str, list[str]],
    position: Mapping[str, int],
    language: str,
) -> tuple[Fact, ...]:
    """A varied handful of facts to offer as examples: one per topic, different countries, real figures first."""
    chosen: list[Fact] = []
    used_countries: list[str | None] = []
    for topic in EXAMPLE_TOPICS:
        facts = [
            fact
            for country in [None, *countries_by_topic.get(topic, [])]
            for fact in by_slot.get((country, topic), ())
            if fact.questions.get(language)
        ]
        if facts:
            fact = min(
                facts,
                key=lambda fact: (
                    fact.station is not None,  # a whole place makes a better example than one station
                    fact.country not in FEATURED_PLACES,  # the totals abroad and the region the base began with
                    fact.country in used_countries,
                    fact.country is None,
                    _figure_gap(fact),
                    position[fact.id],
                ),
            )
            used_countries.append(fact.country)
            chosen.append(fact)
    return tuple(chosen)


def _figure_gap(fact: Fact) -> int:
    """Facts with a reported figure make better examples than prose, and prose than facts saying one is missing."""
    if any(figure.reported for figure in fact.figures):
        return 0
    return 1 if not fact.figures else 2


def _english_texts(kb: KnowledgeBase) -> list[str]:
    """English as people ask it: the example questions and names. Answer texts quote foreign words and
    transliterated Russian ("Polden protiv Putina"), which would make typed Russian read as English."""
    texts: list[str] = []
    for fact in kb.facts:
        texts.extend(fact.questions.en)
    for country in kb.countries:
        texts.extend([country.name.en, *country.aliases.en])
    for candidate in kb.candidates:
        texts.extend([candidate.name.en, *candidate.aliases.en])
    return texts

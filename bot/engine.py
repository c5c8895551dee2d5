"""The question-answering engine: a message and the chat's context in, a reply built only from facts out.

How a question is read (each step is general, none knows any particular question):
1. language: the script; Latin text that reads as Russian words is transliterated and answered in Russian;
2. names: countries (any name, city, demonym, leader, case, typo), candidates, Russia, other countries;
3. topic and intent: weighted topic words (any inflection, typo) and intents (most/least, compare, coverage);
4. follow-ups: a missing country/topic/candidate is taken from the chat context;
5. decision: comparisons and rankings are computed from ``figures``; otherwise facts are scored on
   (country, topic, candidate) with the example questions as a secondary fuzzy signal, and the engine answers
   only with a clear winner, else asks "did you mean", says "not reported", or says what it can answer.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from bot import render
from bot.entities import EntityIndex, Mention, Mentions, country_display_name
from bot.models import LANGUAGES, TOPICS, Fact, Figure, KnowledgeBase, Source
from bot.render import Block
from bot.replies import Candidate, Chart, ChartBar, ChatContext, Reply, Suggestion
from bot.text import (
    STOPWORDS,
    STOPWORDS_EN,
    is_cyrillic,
    place_name,
    russian_typed_in_latin,
    script_language,
    stem_en,
    token_keys,
    tokenize,
)
from bot.topics import TopicSignals, build_topic_index, topic_signals

ANSWER_SCORE = 0.7  # a fact needs this much to be the answer
SUGGEST_SCORE = 0.5  # below this a fact is not even worth suggesting
AMBIGUITY_MARGIN = 0.04  # a runner-up this close (about something else) makes it a "did you mean"
STRONG_TOPIC = 0.9  # a topic word this strong makes a question on-topic without any name
WEAK_TOPIC = 0.6  # without an election word, topic words weaker than this ("live", "city") do not make a question
QUESTION_MATCH = 75.0  # example-question similarity that starts to count
QUESTION_ONLY = 90.0  # ...that can answer on its own (with a margin) when words say nothing
QUESTION_MARGIN = 8.0
PREFILTER_LIMIT = 40  # example questions scored with RapidFuzz per message, after the token prefilter
COMMON_POSTING = 2000  # a word in more example questions (or facts) than this does not help the prefilters
POOL_LIMIT = 64  # a topic with more country facts than this is prefiltered by shared words before scoring
OVERLAP_WEIGHT = 0.2  # weight of the message's words found in the fact's own words

CARRIER_WEIGHT = 0.95  # topic weight of a fact that states the asked candidate's share, relative to the asked topic
MISSING_FIGURE_PENALTY = 0.17  # ...and what a figure fact that lacks that share loses (0.1 of the score)
ANSWER_TYPE_BONUS = 0.05  # a fact that states what the question word asks for ("when" -> a date)
_DATE = re.compile(
    r"\b\d{1,2}(?:[-–]\d{1,2})? (?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)|\b\d{4}-\d{2}-\d{2}\b"
)

_INNER_CAPITALISED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+")

# where a message may hold two questions or a preamble and a question: sentence ends, commas, "and", "а также"
_CLAUSE_BREAK = re.compile(r"[.!?;:]+\s+|,\s+|\s+(?:and|also|plus|as well as|а также|и|а)\s+", re.IGNORECASE)

THERE_WORDS = frozenset({"there", "там", "туда", "тут", "здесь", "that"})
WHERE_WORDS = frozenset({"where", "anywhere", "somewhere", "где"})
# the region as a whole, in a fact's own text: such national facts answer "how did Central Asia vote"
_REGION_TEXT = re.compile(r"central asia|центральн\w* ази|средн\w* ази", re.IGNORECASE)
KIND_PREFERENCE = ("official_result", "reported_result", "reported_count", "exit_poll")
DEFAULT_CANDIDATE = "putin"


@dataclass
class Analysis:
    """What the engine read in one message."""

    tokens: list[str]
    language: str | None
    mentions: Mentions
    signals: TopicSignals
    unknown: list[str] = field(default_factory=list)  # content words nothing explained
    places: list[str] = field(default_factory=list)  # unknown words that name a place or a person ("Kazan")
    transliterated: bool = False


@dataclass
class _Slots:
    country: str | None
    country_from: str  # "text", "context", "national" or "none"
    topic: str | None
    candidate: str | None
    asks_where: bool = False  # "where / which country": the answer is a country


class Engine:
    """Answers questions from one KnowledgeBase; rebuild with ``refresh`` after an edit."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._topic_index = _shared_topic_index()
        self.refresh(kb)

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase) -> Engine:
        return cls(kb)

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._kb

    # ------------------------------------------------------------------ building

    def refresh(self, kb: KnowledgeBase) -> None:
        """Rebuild every index from ``kb``; if that fails, the engine keeps answering from its last index."""
        fresh = object.__new__(type(self))
        fresh._topic_index = self._topic_index
        fresh._build(kb)  # built aside, then swapped in whole: never half an index
        self.__dict__.update(fresh.__dict__)
        # a fresh cache: an analysis depends on the index it was read with
        self._analyze = lru_cache(maxsize=4096)(self._analyze_uncached)

    def _build(self, kb: KnowledgeBase) -> None:
        """Build every index from ``kb`` (names, facts by slot, example-question postings)."""
        self._kb = kb
        self._entities = EntityIndex(kb)
        self._sources: dict[str, Source] = {source.id: source for source in kb.sources}
        self._countries = {country.id: country for country in kb.countries}
        self._candidates = {candidate.id: candidate for candidate in kb.candidates}
        self._facts = {fact.id: fact for fact in kb.facts}
        self._position = {fact.id: number for number, fact in enumerate(kb.facts)}
        self._by_slot: dict[tuple[str | None, str], list[Fact]] = defaultdict(list)
        self._by_country: dict[str | None, list[Fact]] = defaultdict(list)
        self._countries_by_topic: dict[str, list[str]] = defaultdict(list)
        # (country, metric) -> reported figures with their fact, best kind first: rankings never scan all facts
        self._figures: dict[tuple[str | None, str], list[tuple[Figure, Fact]]] = defaultdict(list)
        for fact in kb.facts:
            if not self._by_slot[(fact.country, fact.topic)] and fact.country is not None:
                self._countries_by_topic[fact.topic].append(fact.country)
            self._by_slot[(fact.country, fact.topic)].append(fact)
            self._by_country[fact.country].append(fact)
            for figure in fact.figures:
                if figure.reported:
                    self._figures[(fact.country, figure.metric)].append((figure, fact))
        self._topic_sizes = {
            topic: sum(len(self._by_slot[(country, topic)]) for country in countries)
            for topic, countries in self._countries_by_topic.items()
        }
        for found in self._figures.values():
            found.sort(key=lambda item: KIND_PREFERENCE.index(item[0].kind))
        # facts that state a date: what a "when" question expects as its answer
        self._dated = frozenset(fact.id for fact in kb.facts if _DATE.search(fact.answer.en))
        self._region_facts = [
            fact
            for fact in self._by_country.get(None, ())
            if _REGION_TEXT.search(fact.answer.en) or _REGION_TEXT.search(fact.answer.ru)
        ]
        self._topic_present = {country: {fact.topic for fact in facts} for country, facts in self._by_country.items()}
        english = set(STOPWORDS_EN) | set(self._topic_index.vocabulary)
        for text in _english_texts(kb):
            english.update(token for token in tokenize(text) if not is_cyrillic(token))
        names = {token for token in self._entities.vocabulary if not is_cyrillic(token)}
        # names are English only as spelt ("germany"); their stems would claim "tadzhikistane"
        self._english_words = frozenset(english | names)
        self._english_stems = frozenset(stem_en(token) for token in english - names)
        self._latin_names = frozenset(names)
        # example questions: normalised once here, scored with processor=None at query time
        self._questions: list[tuple[str, str]] = []  # (fact id, normalised question)
        postings: dict[str, list[int]] = defaultdict(list)
        for fact in kb.facts:
            for question in fact.questions.all():
                tokens = tokenize(question)
                number = len(self._questions)
                self._questions.append((fact.id, " ".join(tokens)))
                for key in {key for token in tokens if token not in STOPWORDS for key in token_keys(token)}:
                    postings[key].append(number)
        self._postings = dict(postings)
        # the words of each fact (answer and questions, both languages) for the lexical-overlap signal
        self._fact_keys: dict[str, frozenset[str]] = {}
        fact_postings: dict[str, list[str]] = defaultdict(list)
        for fact in kb.facts:
            words = tokenize(" ".join([fact.answer.en, fact.answer.ru, *fact.questions.all()]))
            keys = frozenset(key for token in set(words) if token not in STOPWORDS for key in token_keys(token))
            self._fact_keys[fact.id] = keys
            for key in keys:
                fact_postings[key].append(fact.id)
        self._fact_postings = dict(fact_postings)
        total = max(len(kb.facts), 1)
        self._idf = {key: math.log(1 + total / len(posting)) for key, posting in fact_postings.items()}
        self._max_idf = math.log(1 + total)
        # chosen once here: off-topic replies must stay cheap in a large base
        self._examples = {language: self._choose_examples(language) for language in LANGUAGES}

    # ------------------------------------------------------------------ reading a message

    def _analyze_uncached(self, text: str) -> Analysis:
        tokens = tokenize(text)
        language = script_language(text)
        transliterated = False
        if language == "en":
            converted = russian_typed_in_latin(tokens, self._english_words, self._english_stems, self._latin_names)
            if converted:
                tokens, language, transliterated = converted, "ru", True
        mentions = self._entities.find(tokens, text)
        signals = topic_signals(self._topic_index, tokens, mentions.positions)
        explained = mentions.positions | signals.covered
        unknown = [
            token
            for position, token in enumerate(tokens)
            if position not in explained
            and token not in STOPWORDS
            and not token.isdigit()
            and len(token) > 1
            and not any(key in self._idf for key in token_keys(token))  # words of the facts are not foreign
        ]
        places = [name for name in map(place_name, unknown) if name]
        if language == "en":
            # a capitalised word inside a sentence is a name: one the base does not know
            capitalised = {word.casefold() for word in _INNER_CAPITALISED.findall(text)}
            places += [token.capitalize() for token in unknown if token in capitalised]
        return Analysis(tokens, language, mentions, signals, unknown, places=places, transliterated=transliterated)

    # ------------------------------------------------------------------ public API

    def answer(self, text: str, context: ChatContext | None = None, *, language_hint: str | None = None) -> Reply:
        """Reply to one message; ``reply.context`` is the chat's context after it."""
        context = context or ChatContext()
        analysis = self._analyze(text)
        language = analysis.language or _language(language_hint) or _language(context.language) or "en"
        if not analysis.tokens:
            return self._empty(language, context)
        reply = self._decide(analysis, context, language)
        if reply.kind != "comparison" and _CLAUSE_BREAK.search(text):
            return self._multi_part(text, analysis, context, language, reply) or reply
        return reply

    def _multi_part(
        self, text: str, analysis: Analysis, context: ChatContext, language: str, whole: Reply
    ) -> Reply | None:
        """Two questions about one place ("turnout and the result in Tajikistan"), or a question after a preamble.

        Each clause that asks something is answered on its own, with the place the whole message names; the
        answers are joined in one reply. A preamble ("I'm a researcher at ...") asks nothing and is left out.
        """
        countries = analysis.mentions.countries()
        if len(countries) > 1 or analysis.mentions.foreign():
            return None  # several places: a comparison, decided on the whole message
        asking = []
        for part in _CLAUSE_BREAK.split(text):
            clause = self._analyze(part)
            if clause.tokens and max(clause.signals.topics.values(), default=0.0) >= WEAK_TOPIC:
                asking.append(clause)
        if len(asking) < (1 if whole.kind != "answer" else 2):
            return None
        base = ChatContext(country=countries[0], language=language) if countries else context
        facts: dict[str, Fact] = {}
        notes: list[str] = []
        last = whole.context
        for clause in asking:
            reply = self._decide(clause, base, language, inherit=True)
            if reply.kind == "answer":
                facts.update((fact_id, self._facts[fact_id]) for fact_id in reply.fact_ids)
                last = reply.context
            elif reply.kind == "no_data" and not reply.fact_ids and reply.context.topic:
                notes.append(reply.text.split("\n\n")[0])  # "the sources do not report the exit poll for ..."
        if not facts or (len(facts) + len(notes) < 2 and whole.kind == "answer"):
            return None
        blocks = [Block(fact.answer.get(language)) for fact in facts.values()] + [Block(note) for note in notes]
        blocks.append(Block(self._source_line(list(facts.values()), language), "source"))
        return _reply(
            "answer",
            language,
            blocks,
            last,
            fact_ids=list(facts),
            confidence=whole.confidence if whole.kind == "answer" else ANSWER_SCORE,
            reason=whole.reason + f"; {len(asking)} asking clause(s) answered with {', '.join(facts)}",
            considered=whole.considered,
        )

    def answer_fact(self, fact_id: str, language: str, context: ChatContext | None = None) -> Reply:
        """Reply with one fact (a pressed suggestion button)."""
        context = context or ChatContext()
        language = _language(language) or "en"
        fact = self._facts.get(fact_id)
        if fact is None:
            return self._off_topic(language, context, reason=f"unknown fact id {fact_id!r}")
        new_context = context.updated(
            country=fact.country or context.country, topic=fact.topic, candidate=fact.candidate, language=language
        )
        return self._fact_reply([fact], language, new_context, confidence=1.0, reason=f"fact {fact_id} requested")

    def ranking(self, metric: str, language: str, candidate: str | None = None, *, order: str = "most") -> Reply:
        """Countries ranked by a figure (``voters``, ``vote_share``...), with a chart; exit polls marked."""
        language = _language(language) or "en"
        if metric in ("vote_share", "votes") and candidate is None:
            candidate = DEFAULT_CANDIDATE
        return self._ranking(metric, language, candidate, order, ChatContext(language=language))

    def example_questions(self, language: str, limit: int = 4) -> list[Suggestion]:
        """A varied handful of questions the base answers: different topics, different countries."""
        return self._examples[_language(language) or "en"][:limit]

    def _choose_examples(self, language: str) -> list[Suggestion]:
        chosen: list[Suggestion] = []
        used_countries: list[str | None] = []
        for topic in ("turnout", "result", "exit_poll", "reaction", "diaspora", "context", "candidate", "schedule"):
            facts = [
                fact
                for country in [None, *self._countries_by_topic.get(topic, [])]
                for fact in self._by_slot.get((country, topic), ())
                if fact.questions.get(language)
            ]
            if facts:
                fact = min(
                    facts,
                    key=lambda fact: (
                        fact.country in used_countries,
                        fact.country is None,
                        _figure_gap(fact),
                        self._position[fact.id],
                    ),
                )
                used_countries.append(fact.country)
                chosen.append(self._suggestion(fact, language))
        return chosen

    def topics_for_country(self, country_id: str | None) -> list[str]:
        """Topics with at least one fact for the country (None: national and background facts)."""
        present = self._topic_present.get(country_id, set())
        return [topic for topic in TOPICS if topic in present]

    # ------------------------------------------------------------------ deciding

    def _decide(self, analysis: Analysis, context: ChatContext, language: str, *, inherit: bool = False) -> Reply:
        """``inherit``: a clause of a longer message, which takes the message's place as "there" does."""
        mentions, signals = analysis.mentions, analysis.signals
        intents = signals.intents
        countries = mentions.countries()
        candidates = mentions.candidates()
        leaders = mentions.of("leader")
        foreign = mentions.foreign()
        there = inherit or any(token in THERE_WORDS for token in analysis.tokens)
        # "in total" after "there" is that country's total; Russia named outright is always national
        national = bool(mentions.of("national")) or ("national" in intents and not countries and not there)
        topics = dict(signals.topics)
        if leaders:
            topics["reaction"] = topics.get("reaction", 0.0) + 0.8
        elif candidates and topics:
            named_other = max((value for name, value in signals.named.items() if name != "result"), default=0.0)
            if named_other >= WEAK_TOPIC and named_other > signals.named.get("result", 0.0):
                # another topic named outright ("Putin's party", "exit poll Davankov"): the name only leans
                topics["result"] = topics.get("result", 0.0) + 0.4
                if "turnout" in topics:
                    topics["turnout"] *= 0.5
            else:
                # "how many for Putin?", "а за Даванкова сколько?": counts and vague words ask for the candidate's
                # share or votes, whatever the last topic was; only turnout's own words keep a little weight
                topics["result"] = max(topics.values()) + 0.4
                topics.pop("turnout", None)
                if signals.named.get("turnout"):
                    topics["turnout"] = 0.5 * signals.named["turnout"]
        topic, weight = _best(topics)
        followup = intents.get("followup") == 0 or there
        short = len([token for token in analysis.tokens if token not in STOPWORDS]) <= 4
        # "and Putin's share?" after a region question stays at the region level until a place is named
        region = not (countries or mentions.of("national")) and (
            "region" in intents or (context.region and (followup or short) and not (national or foreign))
        )
        compared = context.compared
        # only a region reply keeps the region, only a comparison the compared countries, for the next message
        context = context.updated(region=False, compared=())
        # "Uzbekistan numbers": figures as such, for a place, with no topic word saying which
        figures_of_place = (
            ("figures" in intents and (countries or region or national)) or ("summary" in intents and countries)
        ) and weight < WEAK_TOPIC
        on_domain = (
            bool(countries or candidates or leaders or national or foreign or region or signals.specific)
            or "domain" in intents
        )
        why = _describe(analysis, topics)

        if foreign and not countries:
            return self._no_data_country(foreign[0], language, context, why)
        if "future" in intents:
            # "how to vote in the next election": the base holds the 2024 figures, not how-to advice
            lead = Block(render.text("future", language))
            return self._with_examples("off_topic", lead, language, context, reason=why + "; a future election")
        topic_words = len(signals.covered - signals.intent_positions)
        if (
            len(analysis.unknown) >= topic_words
            and analysis.unknown
            and signals.election
            and not (signals.strong or signals.counted or candidates or leaders)
        ):
            # "Russian embassy phone number", "visa for Russians": "Russian" alone says who, not what about
            return self._off_topic(language, context, reason=why + "; unknown words and only a demonym")
        if not (signals.election or candidates or (leaders and "reaction" in signals.topics)):
            # no election word: names of places and leaders alone do not make "how many tourists" a vote count
            if analysis.unknown:
                return self._off_topic(language, context, reason=why + "; foreign words and no election word")
            # words about candidates ("party", "nominee") need a candidate or an election word: "best parties"
            everyday = [value for name, value in signals.topics.items() if name != "candidate"]
            if (
                (signals.loose or signals.topics)
                and max(everyday, default=0.0) < WEAK_TOPIC
                and not {"compare", "coverage"} & intents.keys()
                and not figures_of_place
                and signals.place is None
                and not (followup and context.topic and {"most", "least"} & intents.keys())  # "а где меньше?"
            ):
                return self._off_topic(language, context, reason=why + "; only weak topic words, no election word")
        if analysis.places and not countries and not mentions.of("national"):
            # "в Казани": a place the base has no data for is not a question about the national figures
            place = analysis.places[0]
            return self._no_data(place, "no_data_place", language, context, why + f"; {place} is a name")
        named = bool(countries or candidates or leaders or national or region)
        if analysis.unknown and not named and not signals.specific:
            # "who won the school vote": a general word like "vote" does not make unknown words about this election
            return self._off_topic(language, context, reason=why + "; unknown words, no name, no election-only word")
        if len(analysis.unknown) >= 2 and len(analysis.unknown) > topic_words and not (signals.specific or leaders):
            # "poll dance classes", "relocation services for IT companies": mostly words the base does not know
            return self._off_topic(language, context, reason=why + "; more unknown words than topic words")
        if candidates and analysis.unknown and not (countries or topics or intents.keys() - {"followup"}):
            # "Putin birthday": a candidate's name next to words the base does not know asks about something else
            return self._off_topic(language, context, reason=why + "; a name with unknown words and no topic")

        metric_topic = topic if topic in ("turnout", "result", "exit_poll") else None
        superlative = "least" if "least" in intents else "most" if "most" in intents else None
        place = signals.place
        asks_who = any(token in ("who", "кто") for token in analysis.tokens)
        if place is None and not candidates and metric_topic in (None, "result"):
            if superlative and asks_who and not {"where", "countries"} & intents.keys():
                place = 1 if superlative == "most" else -1  # "кто набрал меньше всех?": a candidate, not a country
            elif "compare" in intents and topic == "candidate" and len(countries) < 2:
                place = 0  # "ranking of candidates"
        if place is not None and not region and not analysis.unknown and (place or candidates or topic == "candidate"):
            country = countries[0] if countries else context.country if followup and not national else None
            return self._standings(country, place, candidates, language, context, why)
        if superlative and metric_topic is None:
            # "Where did most people vote?": the figure topics decide even when "where" sounds like polling places
            figure_topics = {name: value for name, value in topics.items() if name in ("turnout", "result")}
            if figure_topics:
                metric_topic = max(figure_topics, key=lambda name: figure_topics[name])
            elif candidates:
                metric_topic = "result"
            elif followup and context.topic in ("turnout", "result", "exit_poll"):
                metric_topic = context.topic  # "And the fewest?"
        if candidates and metric_topic is None and weight < 0.5:
            metric_topic = "result"
        if superlative and metric_topic and len(countries) != 1 and (on_domain or followup or weight >= 0.3):
            metric = "voters" if metric_topic == "turnout" else "vote_share"
            candidate = candidates[0] if candidates else (None if metric == "voters" else DEFAULT_CANDIDATE)
            return self._ranking(metric, language, candidate, superlative, context, why)
        if (
            metric_topic == "result"
            and candidates
            and not countries
            and not national
            and any(token in WHERE_WORDS for token in analysis.tokens)
        ):
            # "Did Davankov beat Putin anywhere?": the places ranked by the candidate's share
            return self._ranking("vote_share", language, candidates[0], "most", context, why)
        if "coverage" in intents and not countries and (weight < STRONG_TOPIC or "domain" in intents):
            return self._coverage(language, context, why)
        if figures_of_place and not analysis.unknown:
            reply = self._comparison(countries, national, None, candidates, language, context, why + "; figures")
            reply.context = reply.context.updated(region=region)
            return reply
        if region:
            reply = self._region(analysis, topics, metric_topic, candidates, language, context, why)
            if reply is not None:
                reply.context = reply.context.updated(region=True)
                return reply
        if (
            compared
            and not (countries or national or region)
            and (followup or short)
            and (topic is not None or candidates)
        ):
            # "а по явке?" after "compare Kyrgyzstan and Uzbekistan": the same countries on the new topic
            reply = self._compare_again(list(compared), topic, metric_topic, candidates, language, context, why)
            if reply is not None:
                return reply
        if len(countries) >= 2 or (
            "compare" in intents
            and (len(countries) != 1 or national)
            and (countries or national or metric_topic or "countries" in intents or topic is None)
        ):
            return self._comparison(countries, national, metric_topic, candidates, language, context, why)

        slots = self._slots(analysis, context, countries, candidates, national, topic, weight, followup)
        why += f"; slots country={slots.country} ({slots.country_from}) topic={slots.topic} candidate={slots.candidate}"
        if slots.topic is None:
            matched = self._question_only(analysis) if on_domain or not analysis.unknown else None
            if matched is not None:
                fact, score = matched
                return self._fact_reply(
                    [fact],
                    language,
                    self._context_after(fact, slots, context, language),
                    confidence=score / 100,
                    reason=why + f"; example question matched {score:.0f}",
                )
            if slots.country and slots.country_from == "text" and not analysis.unknown:
                return self._which_topic(slots.country, language, context, why)
            return self._off_topic(language, context, reason=why + "; no topic words")
        if not on_domain and (analysis.unknown or weight < STRONG_TOPIC):
            return self._off_topic(language, context, reason=why + "; weak topic words without any election name")
        # unexplained words need clear topic words (a named country lowers the bar a little)
        if analysis.unknown and weight < (0.45 if countries else 0.6) and not (candidates or leaders or followup):
            return self._off_topic(language, context, reason=why + "; mostly unknown words")
        return self._answer_slots(analysis, slots, topics, context, language, why)

    def _slots(
        self,
        analysis: Analysis,
        context: ChatContext,
        countries: list[str],
        candidates: list[str],
        national: bool,
        topic: str | None,
        weight: float,
        followup: bool,
    ) -> _Slots:
        content = [token for token in analysis.tokens if token not in STOPWORDS]
        if countries:
            country, country_from = countries[0], "text"
        elif national:
            country, country_from = None, "national"
        elif context.country and followup:
            country, country_from = context.country, "text"  # "there", "а ...?" name the last country
        elif context.country and (followup or topic is None or len(content) <= 4):
            country, country_from = context.country, "context"
        else:
            country, country_from = None, "none"
        candidate = candidates[0] if candidates else None
        if candidate and weight < 0.5:
            # a name without topic words: how they did (if a place or a result is in play), else who they are
            if context.topic in ("result", "exit_poll") and (followup or country_from != "none"):
                # "and Putin?" after "no exit poll for Kyrgyzstan": the place's result is what it has on him
                has_poll = bool(self._by_slot.get((country, "exit_poll")))
                topic = context.topic if context.topic == "result" or has_poll else "result"
            elif country_from in ("text", "context"):
                topic = "result"
            else:
                topic = "candidate"
        # "And in Tajikistan?" repeats the last topic, if that topic is about countries at all
        if (
            topic is None
            and context.topic
            and (countries or candidates or followup or national)
            and (country_from != "text" or bool(self._countries_by_topic.get(context.topic)))
        ):
            topic = context.topic
        if topic == "exit_poll" and country_from == "national" and not self._by_slot.get((None, topic)):
            topic = "result"  # "а в целом по стране?" after an exit poll: the national figure is the result
        if candidate is None and context.candidate and topic in ("result", "exit_poll") and followup:
            candidate = context.candidate
        return _Slots(country, country_from, topic, candidate, "where" in analysis.signals.intents)

    def _answer_slots(
        self,
        analysis: Analysis,
        slots: _Slots,
        topics: dict[str, float],
        context: ChatContext,
        language: str,
        why: str,
    ) -> Reply:
        assert slots.topic is not None
        if (
            slots.country_from == "text"
            and slots.country
            and not self._by_slot.get((slots.country, slots.topic))
            and bool(self._countries_by_topic.get(slots.topic))
        ):
            # a per-country topic this country has no fact on: say so rather than answer for another place
            return self._not_reported(slots.country, slots.topic, language, context, why, [])
        top_weight = max(topics.values(), default=0.0) or 1.0
        weights = {name: value / top_weight for name, value in topics.items()}
        weights[slots.topic] = max(weights.get(slots.topic, 0.0), 1.0)
        considered_topics = [name for name, value in weights.items() if value >= 0.6]
        content = self._content_keys(analysis)
        pool: dict[str, Fact] = {}
        for name in considered_topics:
            for fact in self._by_slot.get((slots.country, name), ()):
                pool[fact.id] = fact
            if slots.country_from != "text" or not self._by_slot.get((slots.country, name)):
                for fact in self._by_slot.get((None, name), ()):
                    pool[fact.id] = fact
            if slots.country_from == "none":  # no country anywhere: every country's fact on the topic competes
                pool.update((fact.id, fact) for fact in self._country_facts(name, content))
        carriers: frozenset[str] = frozenset()
        if slots.candidate and slots.topic == "result":
            # facts stating the named candidate's share in this place compete, whatever their topic
            # ("Почему Путин проиграл в Алматы?" -> the exit poll; "Сколько голосов получил Слуцкий?" -> his own fact)
            carriers = frozenset(
                fact.id
                for figure, fact in self._figures.get((slots.country, "vote_share"), ())
                if figure.candidate == slots.candidate
            )
            on_topic = frozenset(fact_id for fact_id in carriers if self._facts[fact_id].topic == slots.topic)
            carriers = on_topic or carriers  # another topic's fact only when the asked topic does not state it
            pool.update((fact_id, self._facts[fact_id]) for fact_id in carriers)
        question_scores = self._question_scores(analysis)
        expects_date = "when" in analysis.signals.intents
        for fact_id, score in question_scores.items():
            fact = self._facts[fact_id]
            if score >= QUESTION_ONLY and fact.country in (slots.country, None):
                pool[fact_id] = fact
        scored = sorted(
            (
                (
                    self._score(fact, slots, weights, question_scores.get(fact.id, 0.0), fact.id in carriers)
                    + OVERLAP_WEIGHT * self._overlap(fact, content)
                    + (ANSWER_TYPE_BONUS if expects_date and fact.id in self._dated else 0.0),
                    fact,
                )
                for fact in pool.values()
            ),
            key=lambda item: -item[0],
        )
        considered = [Candidate(fact.id, round(score, 3), f"{fact.country}/{fact.topic}") for score, fact in scored[:6]]
        if not scored or scored[0][0] < SUGGEST_SCORE:
            if slots.country and not self._by_slot.get((slots.country, slots.topic)):
                return self._not_reported(slots.country, slots.topic, language, context, why, considered)
            return self._off_topic(
                language, context, reason=why + "; no fact scored high enough", considered=considered
            )
        best_score, best = scored[0]
        rivals = [
            (score, fact)
            for score, fact in scored[1:]
            if best_score - score < AMBIGUITY_MARGIN and (fact.country, fact.topic) != (best.country, best.topic)
        ]
        if best_score < ANSWER_SCORE or rivals:
            choices = [best] + [fact for _, fact in rivals[:2]] if rivals else [fact for _, fact in scored[:3]]
            reply = self._did_you_mean(choices, language, context, why + "; close candidates", considered)
            reply.confidence = best_score
            return reply
        facts = [best] + [
            fact
            for score, fact in scored[1:2]
            if best_score - score < AMBIGUITY_MARGIN
            and (fact.country, fact.topic, fact.candidate) == (best.country, best.topic, best.candidate)
        ]
        note = None
        if (
            slots.candidate
            and best.topic in ("result", "exit_poll")
            and not any(figure.candidate == slots.candidate and figure.reported for figure in best.figures)
            and best.candidate != slots.candidate
            and best.country
        ):
            country_name = self._countries[best.country].name.get(language)
            note = render.text(
                "candidate_missing",
                language,
                candidate=self._candidates[slots.candidate].name.get(language),
                country=render.ru_case(country_name, "datv") if language == "ru" else country_name,
            )
        return self._fact_reply(
            facts,
            language,
            self._context_after(best, slots, context, language),
            confidence=min(best_score, 1.0),
            reason=why + f"; answered with {best.id}",
            considered=considered,
            note=note,
        )

    def _country_facts(self, topic: str, content: list[tuple[frozenset[str], float]]) -> list[Fact]:
        """Every country's facts on ``topic``; in a large base only those sharing the most words with the message."""
        countries = self._countries_by_topic.get(topic, [])
        if self._topic_sizes.get(topic, 0) <= POOL_LIMIT:
            return [fact for country in countries for fact in self._by_slot[(country, topic)]]
        hits: dict[str, float] = defaultdict(float)
        for keys, weight in content:
            for key in keys:
                posting = self._fact_postings.get(key)
                if posting and len(posting) <= COMMON_POSTING:
                    for fact_id in posting:
                        hits[fact_id] += weight
        ranked = sorted(
            (fact_id for fact_id in hits if self._facts[fact_id].topic == topic and self._facts[fact_id].country),
            key=lambda fact_id: -hits[fact_id],
        )
        return [self._facts[fact_id] for fact_id in ranked[:POOL_LIMIT]]

    def _content_keys(self, analysis: Analysis) -> list[tuple[frozenset[str], float]]:
        """Keys and weight (rarity among facts) of each content word that is not a name."""
        skipped = analysis.mentions.positions | analysis.signals.intent_positions
        content = []
        for position, token in enumerate(analysis.tokens):
            if position in skipped or token in STOPWORDS or len(token) < 2:
                continue
            keys = token_keys(token)
            weight = max((self._idf[key] for key in keys if key in self._idf), default=self._max_idf)
            content.append((keys, weight))
        return content

    def _overlap(self, fact: Fact, content: list[tuple[frozenset[str], float]]) -> float:
        """Share (by rarity) of the message's content words that occur in the fact's own words."""
        if not content:
            return 0.0
        words = self._fact_keys.get(fact.id, frozenset())
        total = sum(weight for _, weight in content)
        matched = sum(weight for keys, weight in content if not keys.isdisjoint(words))
        return matched / total

    def _score(
        self, fact: Fact, slots: _Slots, weights: dict[str, float], question_score: float, carrier: bool = False
    ) -> float:
        topic_weight = weights.get(fact.topic, 0.0)
        if carrier:  # states the asked candidate's share: answers a question about their result, whatever its topic
            topic_weight = max(topic_weight, CARRIER_WEIGHT * weights.get(slots.topic or "", 0.0))
        elif (
            slots.candidate
            and fact.topic in ("result", "exit_poll")
            and fact.figures
            and not any(figure.candidate == slots.candidate and figure.reported for figure in fact.figures)
        ):
            # a figure fact without the asked candidate's figure; more so when it says that figure is not reported
            stated_missing = any(figure.candidate == slots.candidate for figure in fact.figures)
            topic_weight -= MISSING_FIGURE_PENALTY * (2 if stated_missing else 1)
        score = 0.6 * topic_weight
        if fact.country is not None:
            if fact.country == slots.country:
                score += 0.3 if slots.country_from == "text" else 0.25
        elif slots.country_from in ("none", "national"):
            score += 0.3
        if fact.country is not None and slots.country_from == "none":
            # a country's fact for a question naming no country: fits "which country...?" better than "how many?"
            score += 0.35 if slots.asks_where else 0.2
        elif slots.country_from == "context":
            score += 0.15
        else:
            score += 0.1
        if slots.candidate:
            if fact.candidate == slots.candidate:
                score += 0.1
            elif any(figure.candidate == slots.candidate and figure.reported for figure in fact.figures):
                score += 0.07
            elif fact.candidate:
                score -= 0.15
        elif fact.candidate:
            score -= 0.03
        if question_score >= QUESTION_MATCH:
            score += 0.15 * (question_score - QUESTION_MATCH) / (100 - QUESTION_MATCH)
        return score

    def _question_scores(self, analysis: Analysis) -> dict[str, float]:
        """Best example-question similarity per fact, scoring only questions that share words with the message."""
        counts: dict[int, int] = defaultdict(int)
        keys = {key for token in analysis.tokens if token not in STOPWORDS for key in token_keys(token)}
        for key in keys:
            posting = self._postings.get(key)
            if posting and len(posting) <= COMMON_POSTING:
                for number in posting:
                    counts[number] += 1
        if not counts:
            return {}
        shortlist = heapq.nlargest(PREFILTER_LIMIT, counts, key=counts.__getitem__)
        query = " ".join(analysis.tokens)
        best: dict[str, float] = {}
        for number in shortlist:
            fact_id, question = self._questions[number]
            score = fuzz.token_sort_ratio(query, question, processor=None)
            if score > best.get(fact_id, 0.0):
                best[fact_id] = score
        return best

    def _question_only(self, analysis: Analysis) -> tuple[Fact, float] | None:
        ranked = sorted(self._question_scores(analysis).items(), key=lambda item: -item[1])
        if not ranked or ranked[0][1] < QUESTION_ONLY:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < QUESTION_MARGIN:
            return None
        return self._facts[ranked[0][0]], ranked[0][1]

    def _context_after(self, fact: Fact, slots: _Slots, context: ChatContext, language: str) -> ChatContext:
        country = fact.country or (slots.country if slots.country_from in ("text", "context") else None)
        return ChatContext(country=country, topic=fact.topic, candidate=slots.candidate, language=language)

    # ------------------------------------------------------------------ replies

    def _fact_reply(
        self,
        facts: list[Fact],
        language: str,
        context: ChatContext,
        *,
        confidence: float,
        reason: str,
        considered: list[Candidate] | None = None,
        note: str | None = None,
    ) -> Reply:
        blocks = [Block(note)] if note else []
        blocks += [Block(fact.answer.get(language)) for fact in facts]
        blocks.append(Block(self._source_line(facts, language), "source"))
        return _reply(
            "answer",
            language,
            blocks,
            context,
            fact_ids=[fact.id for fact in facts],
            confidence=confidence,
            reason=reason,
            considered=considered or [],
        )

    def _source_line(self, facts: list[Fact], language: str, figures: list[Figure] | None = None) -> str:
        sources = [
            self._sources[source_id]
            for source_id in dict.fromkeys(fact.source for fact in facts)
            if source_id in self._sources
        ]
        if figures is None:
            figures = [figure for fact in facts for figure in fact.figures if figure.reported]
        kinds = [kind for kind in KIND_PREFERENCE if any(figure.kind == kind for figure in figures)]
        if not sources:
            sources = [Source(id="unknown", publisher="?", title="?", date="?")]
        return render.source_line(sources, kinds, language)

    def _suggestion(self, fact: Fact, language: str) -> Suggestion:
        questions = fact.questions.get(language) or fact.questions.all()
        label = render.TOPIC_LABELS[fact.topic]["ru" if language == "ru" else "en"]
        if fact.country:
            label = f"{self._countries[fact.country].name.get(language)}: {label}"
        elif fact.candidate and fact.candidate in self._candidates:
            label = f"{self._candidates[fact.candidate].name.get(language)}: {label}"
        question = questions[0] if questions else label
        return Suggestion(label=label, question=question, fact_id=fact.id)

    def _did_you_mean(
        self, facts: list[Fact], language: str, context: ChatContext, reason: str, considered: list[Candidate]
    ) -> Reply:
        suggestions = [self._suggestion(fact, language) for fact in facts[:3]]
        blocks = [Block(render.text("did_you_mean", language))]
        blocks += [Block(suggestion.question, "item") for suggestion in suggestions]
        return _reply(
            "did_you_mean",
            language,
            blocks,
            context.updated(language=language),
            suggestions=suggestions,
            reason=reason,
            considered=considered,
        )

    def _off_topic(
        self, language: str, context: ChatContext, *, reason: str, considered: list[Candidate] | None = None
    ) -> Reply:
        lead = Block(render.text("scope", language))
        return self._with_examples("off_topic", lead, language, context, reason=reason, considered=considered)

    def _empty(self, language: str, context: ChatContext) -> Reply:
        lead = Block(render.text("empty", language))
        return self._with_examples("empty", lead, language, context, reason="nothing to read in the message")

    def _with_examples(
        self,
        kind: str,
        lead: Block,
        language: str,
        context: ChatContext,
        *,
        reason: str,
        considered: list[Candidate] | None = None,
    ) -> Reply:
        """``lead``, then "For example:" and three questions the bot can answer, offered as buttons."""
        examples = self.example_questions(language, limit=3)
        blocks = [lead, Block(render.text("try", language))]
        blocks += [Block(example.question, "item") for example in examples]
        return _reply(
            kind,
            language,
            blocks,
            context.updated(language=language),
            suggestions=examples,
            reason=reason,
            considered=considered,
        )

    def _country_names(self, language: str) -> str:
        return render.join_names([country.name.get(language) for country in self._kb.countries], language)

    def _topic_labels(self, country_id: str | None, language: str) -> list[str]:
        key = "ru" if language == "ru" else "en"
        return [render.TOPIC_LABELS[topic][key] for topic in self.topics_for_country(country_id)]

    def _country_suggestions(self, country_id: str, language: str) -> list[Suggestion]:
        suggestions = []
        for topic in self.topics_for_country(country_id):
            facts = self._by_slot[(country_id, topic)]
            if facts:
                suggestions.append(self._suggestion(facts[0], language))
        return suggestions[:3]

    def _no_data_country(self, mention: Mention, language: str, context: ChatContext, why: str) -> Reply:
        iso = mention.id
        # the name as the user wrote it ("Turkey"), in the reply's language when that is the alias's language
        name = mention.text if is_cyrillic(mention.text) == (language == "ru") else country_display_name(iso, language)
        return self._no_data(name, "no_data_country", language, context, why + f"; {iso} is a country without data")

    def _no_data(self, name: str, text_key: str, language: str, context: ChatContext, why: str) -> Reply:
        lead = Block(render.text(text_key, language, country=name, countries=self._country_names(language)))
        return self._with_examples("no_data", lead, language, context, reason=why)

    def _not_reported(
        self,
        country_id: str,
        topic: str,
        language: str,
        context: ChatContext,
        why: str,
        considered: list[Candidate],
    ) -> Reply:
        name = self._countries[country_id].name.get(language)
        dative = render.ru_case(name, "datv") if language == "ru" else name  # "По Таджикистану ..."
        key = "ru" if language == "ru" else "en"
        blocks = [
            Block(render.text("not_reported", language, topic=render.TOPIC_LABELS[topic][key], country=dative)),
            Block(
                render.text(
                    "has_topics",
                    language,
                    country=dative,
                    topics=", ".join(self._topic_labels(country_id, language)),
                )
            ),
        ]
        suggestions = self._country_suggestions(country_id, language)
        blocks += [Block(suggestion.question, "item") for suggestion in suggestions]
        new_context = context.updated(country=country_id, topic=topic, language=language)
        return _reply(
            "no_data",
            language,
            blocks,
            new_context,
            suggestions=suggestions,
            reason=why + f"; no {topic} fact for {country_id}",
            considered=considered,
        )

    def _which_topic(self, country_id: str, language: str, context: ChatContext, why: str) -> Reply:
        name = self._countries[country_id].name.get(language)
        if language == "ru":
            name = render.ru_case(name, "accs")  # "про Киргизию"
        blocks = [
            Block(
                render.text(
                    "which_topic", language, country=name, topics=", ".join(self._topic_labels(country_id, language))
                )
            )
        ]
        suggestions = self._country_suggestions(country_id, language)
        blocks += [Block(suggestion.question, "item") for suggestion in suggestions]
        return _reply(
            "did_you_mean",
            language,
            blocks,
            context.updated(country=country_id, language=language),
            suggestions=suggestions,
            reason=why + "; a country without a question: offer its topics",
        )

    def _coverage(self, language: str, context: ChatContext, why: str) -> Reply:
        key = "ru" if language == "ru" else "en"
        blocks = [Block(render.text("coverage", language, countries=self._country_names(language)))]
        by_source: dict[str, Fact] = {}  # the source line needs one fact per source, not every fact
        for country in self._kb.countries:
            topics = self.topics_for_country(country.id)
            labels = ", ".join(render.TOPIC_LABELS[topic][key] for topic in topics)
            blocks.append(Block(f"{country.name.get(language)}: {labels}", "item"))
            for fact in self._by_country.get(country.id, ()):
                by_source.setdefault(fact.source, fact)
        blocks.append(Block(self._source_line(list(by_source.values()), language, figures=[]), "source"))
        return _reply(
            "comparison",
            language,
            blocks,
            context.updated(language=language),
            suggestions=self.example_questions(language, limit=3),
            reason=why + "; coverage question",
            confidence=1.0,
        )

    def _region(
        self,
        analysis: Analysis,
        topics: dict[str, float],
        metric_topic: str | None,
        candidates: list[str],
        language: str,
        context: ChatContext,
        why: str,
    ) -> Reply | None:
        """The whole region: counts and a candidate's share side by side; how it voted from the region's own facts."""
        intents = analysis.signals.intents
        if "where" in intents or "countries" in intents:
            return None  # "which Central Asian country...": the answer is one country
        if metric_topic in ("turnout", "exit_poll") or (metric_topic == "result" and candidates):
            return self._comparison([], False, metric_topic, candidates, language, context, why + "; region")
        if not self._region_facts:
            return None
        top = max(topics.values(), default=0.0) or 1.0
        question_scores = self._question_scores(analysis)
        # the asked topic, then a close example question, then the overview (background) fact
        score, fact = max(
            (
                (
                    topics.get(fact.topic, 0.0) / top,
                    question_scores.get(fact.id, 0.0) >= QUESTION_MATCH,
                    fact.topic == "context",
                    question_scores.get(fact.id, 0.0),
                ),
                fact,
            )
            for fact in self._region_facts
        )
        if not (score[0] >= 0.6 or metric_topic == "result" or not topics or "overview" in intents):
            return None
        slots = _Slots(None, "national", fact.topic, None)
        return self._fact_reply(
            [fact],
            language,
            self._context_after(fact, slots, context, language),
            confidence=1.0,
            reason=why + f"; region, answered with {fact.id}",
        )

    def _compare_again(
        self,
        countries: list[str],
        topic: str | None,
        metric_topic: str | None,
        candidates: list[str],
        language: str,
        context: ChatContext,
        why: str,
    ) -> Reply | None:
        """A follow-up to a comparison: the same countries, figures side by side or each one's fact on the topic."""
        why += f"; follow-up to the comparison of {', '.join(countries)}"
        if topic not in (None, "turnout", "result", "exit_poll") and candidates:
            return None  # "who is Davankov?": about the candidate, not the compared places
        if candidates or topic in ("turnout", "result"):
            return self._comparison(countries, False, metric_topic or "result", candidates, language, context, why)
        if topic is None or not self._countries_by_topic.get(topic):
            return None  # a national topic ("who is Davankov?"): answered on its own
        facts = [self._by_slot[(country, topic)][0] for country in countries if self._by_slot.get((country, topic))]
        key = "ru" if language == "ru" else "en"
        missing = [
            self._countries[country].name.get(language)
            for country in countries
            if not self._by_slot.get((country, topic))
        ]
        if language == "ru":
            missing = [render.ru_case(name, "datv") for name in missing]  # "По Киргизии и Узбекистану ..."
        blocks = [Block(fact.answer.get(language)) for fact in facts]
        if missing:
            names = render.join_names(missing, language)
            blocks.append(
                Block(render.text("not_reported", language, topic=render.TOPIC_LABELS[topic][key], country=names))
            )
        if facts:
            blocks.append(Block(self._source_line(facts, language), "source"))
        new_context = context.updated(country=countries[-1], topic=topic, language=language, compared=tuple(countries))
        return _reply(
            "answer" if facts else "no_data",
            language,
            blocks,
            new_context,
            fact_ids=[fact.id for fact in facts],
            confidence=1.0 if facts else 0.0,
            reason=why + f"; {topic} for each",
        )

    def _standings(
        self, country_id: str | None, place: int, candidates: list[str], language: str, context: ChatContext, why: str
    ) -> Reply:
        """Candidates ranked by their share in one place (a country, or Russia overall): 'who came second'."""
        best: dict[str, tuple[Figure, Fact]] = {}
        for figure, fact in self._figures.get((country_id, "vote_share"), ()):  # best kind first
            if figure.candidate and figure.value is not None:
                best.setdefault(figure.candidate, (figure, fact))
        rows = sorted(best.items(), key=lambda item: -(item[1][0].value or 0.0))
        place_name = self._countries[country_id].name.get(language) if country_id else render.text("national", language)
        blocks = [Block(render.text("standings", language, place=place_name), "heading")]

        def who(candidate_id: str) -> str:
            return (
                self._candidates[candidate_id].name.get(language) if candidate_id in self._candidates else candidate_id
            )

        ranked = [candidate_id for candidate_id, _ in rows]
        asked = next((candidate for candidate in candidates if candidate in ranked), None)
        if place == 0 and asked:
            figure = best[asked][0]
            blocks.append(
                Block(
                    render.text(
                        "candidate_place",
                        language,
                        candidate=who(asked),
                        ordinal=render.ordinal(ranked.index(asked) + 1, language),
                        count=str(len(rows)),
                        figure=self._figure_phrase(figure, language),
                    )
                )
            )
        elif rows and (place == -1 or 1 <= place <= len(rows)) and (place != -1 or len(rows) > 1):
            candidate_id, (figure, _) = rows[place - 1] if place > 0 else rows[-1]
            ordinal = render.ordinal(place, language)
            blocks.append(
                Block(
                    render.text(
                        "place_is",
                        language,
                        ordinal=ordinal[:1].upper() + ordinal[1:],
                        candidate=who(candidate_id),
                        figure=self._figure_phrase(figure, language),
                    )
                )
            )
        elif place != 0:
            blocks.append(Block(render.text("no_place", language, count=str(len(rows)), place=place_name)))
        for position, (candidate_id, (figure, _)) in enumerate(rows, 1):
            blocks.append(Block(f"{position}. {who(candidate_id)}: {self._figure_phrase(figure, language)}", "item"))
        facts = list({fact.id: fact for _, (_, fact) in rows}.values())
        figures = [figure for _, (figure, _) in rows]
        blocks.append(Block(self._source_line(facts, language, figures), "source"))
        new_context = context.updated(
            country=country_id, topic="result", candidate=ranked[0] if ranked else None, language=language
        )
        return _reply(
            "comparison",
            language,
            blocks,
            new_context,
            fact_ids=[fact.id for fact in facts],
            confidence=1.0,
            reason=why + f"; standings in {country_id or 'russia'}, place {place}",
        )

    # ------------------------------------------------------------------ computed from figures

    def _best_figure(self, country_id: str | None, metric: str, candidate: str | None) -> tuple[Figure, Fact] | None:
        for figure, fact in self._figures.get((country_id, metric), ()):  # best kind first
            if candidate is None or figure.candidate == candidate:
                return figure, fact
        return None

    def _metric_title(self, metric: str, candidate: str | None, language: str) -> str:
        name = self._candidates[candidate].name.get(language) if candidate in self._candidates else ""
        titles = {
            "voters": {"en": "Russian citizens who voted", "ru": "Сколько граждан России проголосовало"},
            "vote_share": {"en": f"{name}'s share of the vote", "ru": f"Доля голосов: {name}"},
            "turnout_percent": {"en": "Turnout", "ru": "Явка"},
            "votes": {"en": f"Votes for {name}", "ru": f"Голоса за: {name}"},
        }
        return titles.get(metric, {"en": metric, "ru": metric})["ru" if language == "ru" else "en"]

    def _figure_phrase(self, figure: Figure, language: str) -> str:
        return f"{render.format_figure(figure, language)} ({render.kind_label(figure.kind, language)})"

    def _ranking(
        self,
        metric: str,
        language: str,
        candidate: str | None,
        order: str,
        context: ChatContext,
        why: str = "",
    ) -> Reply:
        rows: list[tuple[str, Figure, Fact]] = []
        missing: list[str] = []
        for country in self._kb.countries:
            found = self._best_figure(country.id, metric, candidate)
            if found:
                rows.append((country.id, *found))
            else:
                missing.append(country.name.get(language))
        comparable = [row for row in rows if row[1].kind != "exit_poll"]
        polls = [row for row in rows if row[1].kind == "exit_poll"]
        comparable.sort(key=lambda row: row[1].value or 0.0, reverse=order == "most")
        title = self._metric_title(metric, candidate, language)
        blocks = [Block(title, "heading")]
        ru = language == "ru"
        if comparable:
            top_id, top_figure, _ = comparable[0]
            top_name = self._countries[top_id].name.get(language)
            if ru:
                lead = "наибольшее значение" if order == "most" else "наименьшее значение"
                blocks.append(
                    Block(f"По сообщённым данным {lead}: {top_name} — {self._figure_phrase(top_figure, language)}.")
                )
            else:
                lead = "highest" if order == "most" else "lowest"
                blocks.append(
                    Block(
                        f"Among the reported figures the {lead} is {top_name}: "
                        f"{self._figure_phrase(top_figure, language)}."
                    )
                )
        for position, (country_id, figure, _) in enumerate(comparable, 1):
            blocks.append(
                Block(
                    f"{position}. {self._countries[country_id].name.get(language)}: "
                    f"{self._figure_phrase(figure, language)}",
                    "item",
                )
            )
        for country_id, figure, _ in polls:
            name = self._countries[country_id].name.get(language)
            if ru:
                blocks.append(
                    Block(
                        f"{name}: {render.format_figure(figure, language)} — это данные экзитпола, "
                        "а не результат голосования, поэтому в рейтинг не включено.",
                        "item",
                    )
                )
            else:
                blocks.append(
                    Block(
                        f"{name}: {render.format_figure(figure, language)} — an exit poll, not a result, "
                        "so it is not ranked with the others.",
                        "item",
                    )
                )
        if missing:
            prefix = "Нет такой цифры: " if ru else "No such figure for: "
            blocks.append(Block(prefix + render.join_names(missing, language) + "."))
        national = self._best_figure(None, metric, candidate)
        if national:
            blocks.append(Block(f"{render.text('national', language)}: {self._figure_phrase(national[0], language)}."))
        facts = [row[2] for row in rows] + ([national[1]] if national else [])
        figures = [row[1] for row in rows] + ([national[0]] if national else [])
        source = self._source_line(facts, language, figures)
        blocks.append(Block(source, "source"))
        chart = _chart(title, metric, rows, national, language, source, self)
        new_context = context.updated(
            topic="turnout" if metric == "voters" else "result", candidate=candidate, language=language
        )
        return _reply(
            "comparison",
            language,
            blocks,
            new_context,
            fact_ids=[fact.id for fact in facts],
            chart=chart,
            confidence=1.0,
            reason=(why + f"; ranking {metric} {candidate or ''} {order}").strip("; "),
        )

    def _comparison(
        self,
        countries: list[str],
        national: bool,
        metric_topic: str | None,
        candidates: list[str],
        language: str,
        context: ChatContext,
        why: str,
    ) -> Reply:
        chosen = countries or [country.id for country in self._kb.countries]
        include_national = national or len(chosen) == 1
        candidate = candidates[0] if candidates else DEFAULT_CANDIDATE
        metrics: list[tuple[str, str | None]] = []
        if metric_topic in (None, "turnout"):
            metrics.append(("voters", None))
        if metric_topic in (None, "result", "exit_poll") or candidates:
            metrics.append(("vote_share", candidate))
        blocks: list[Block] = []
        facts: list[Fact] = []
        figures: list[Figure] = []
        chart: Chart | None = None
        for metric, metric_candidate in metrics:
            title = self._metric_title(metric, metric_candidate, language)
            blocks.append(Block(title, "heading"))
            rows: list[tuple[str, Figure, Fact]] = []
            for country_id in chosen:
                name = self._countries[country_id].name.get(language)
                found = self._best_figure(country_id, metric, metric_candidate)
                if found:
                    rows.append((country_id, *found))
                    facts.append(found[1])
                    figures.append(found[0])
                    blocks.append(Block(f"{name}: {self._figure_phrase(found[0], language)}", "item"))
                else:
                    blocks.append(Block(f"{name}: {render.text('no_figure', language)}", "item"))
            national_row = self._best_figure(None, metric, metric_candidate) if include_national else None
            if national_row:
                facts.append(national_row[1])
                figures.append(national_row[0])
                blocks.append(
                    Block(
                        f"{render.text('national', language)}: {self._figure_phrase(national_row[0], language)}", "item"
                    )
                )
            if chart is None and rows:
                chart = _chart(title, metric, rows, national_row, language, "", self)
        source = self._source_line(facts, language, figures) if facts else ""
        if facts:  # no figure at all: no source to cite
            blocks.append(Block(source, "source"))
        if chart is not None:
            chart = Chart(chart.title, chart.unit, chart.bars, source, language)
        new_context = context.updated(
            country=chosen[-1] if countries else context.country,
            topic="turnout" if metric_topic == "turnout" else "result",
            candidate=candidates[0] if candidates else None,
            language=language,
            compared=tuple(countries) if len(countries) > 1 else (),
        )
        return _reply(
            "comparison",
            language,
            blocks,
            new_context,
            fact_ids=list(dict.fromkeys(f.id for f in facts)),
            chart=chart,
            confidence=1.0,
            reason=why + f"; comparison of {', '.join(chosen)}",
        )


# ---------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def _shared_topic_index():  # the topic vocabulary is fixed: build it once per process
    return build_topic_index()


def _language(value: str | None) -> str | None:
    if not value:
        return None
    value = value.casefold()[:2]
    return value if value in LANGUAGES else None


def _best(topics: dict[str, float]) -> tuple[str | None, float]:
    if not topics:
        return None, 0.0
    topic = max(topics, key=lambda name: (topics[name], -TOPICS.index(name)))
    return topic, topics[topic]


def _describe(analysis: Analysis, topics: dict[str, float]) -> str:
    names = ", ".join(f"{item.kind}:{item.id}{'~' if item.fuzzy else ''}" for item in analysis.mentions.items)
    weights = ", ".join(f"{name}={value:.2f}" for name, value in sorted(topics.items(), key=lambda kv: -kv[1]))
    parts = [
        f"language={analysis.language or '?'}{' (transliterated)' if analysis.transliterated else ''}",
        f"names=[{names}]",
        f"topics=[{weights}]",
        f"intents={sorted(analysis.signals.intents)}",
    ]
    if analysis.unknown:
        parts.append(f"unknown={analysis.unknown}")
    return "; ".join(parts)


def _figure_gap(fact: Fact) -> int:
    """Facts with a reported figure make better examples than facts saying a figure is missing."""
    return 0 if any(figure.reported for figure in fact.figures) or not fact.figures else 1


def _english_texts(kb: KnowledgeBase) -> list[str]:
    texts: list[str] = []
    for fact in kb.facts:
        texts.append(fact.answer.en)
        texts.extend(fact.questions.en)
    for country in kb.countries:
        texts.extend([country.name.en, *country.aliases.en])
    for candidate in kb.candidates:
        texts.extend([candidate.name.en, *candidate.aliases.en])
    return texts


def _chart(
    title: str,
    metric: str,
    rows: list[tuple[str, Figure, Fact]],
    national: tuple[Figure, Fact] | None,
    language: str,
    caption: str,
    engine: Engine,
) -> Chart:
    bars = [
        ChartBar(
            label=engine._countries[country_id].name.get(language),
            value=figure.value or 0.0,
            exit_poll=figure.kind == "exit_poll",
            approx=figure.approx,
        )
        for country_id, figure, _ in rows
    ]
    if national and metric != "voters":  # 87 million voters would flatten every other bar
        figure = national[0]
        bars.append(ChartBar(render.text("national", language), figure.value or 0.0, False, figure.approx))
    unit = "%" if metric in ("vote_share", "turnout_percent") else ("избиратели" if language == "ru" else "voters")
    return Chart(title=title, unit=unit, bars=tuple(bars), caption=caption, language=language)


def _reply(
    kind: str,
    language: str,
    blocks: list[Block],
    context: ChatContext,
    *,
    fact_ids: list[str] | None = None,
    suggestions: list[Suggestion] | None = None,
    chart: Chart | None = None,
    confidence: float = 0.0,
    reason: str = "",
    considered: list[Candidate] | None = None,
) -> Reply:
    return Reply(
        kind=kind,  # type: ignore[arg-type]
        language=language,
        text=render.to_plain(blocks),
        html=render.to_html(blocks),
        fact_ids=fact_ids or [],
        suggestions=suggestions or [],
        chart=chart,
        confidence=confidence,
        considered=considered or [],
        reason=reason,
        context=context,
    )

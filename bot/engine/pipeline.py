"""The answer path, top to bottom: read -> interpret -> screen -> route -> match -> compose.

``decide`` is the whole decision for one message; a message with several asking clauses ("turnout and the
result in Tajikistan") is decided clause by clause into one ``Combined`` decision. Nothing here words a reply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.country_names import sharing
from bot.engine.claims import check_claim
from bot.engine.decisions import Combined, Decision, FactAnswer, Ranking
from bot.engine.index import KnowledgeIndex
from bot.engine.interpret import ABROAD, Question, asks_a_count, interpret
from bot.engine.match import match
from bot.engine.reading import Reading
from bot.engine.route import cited_words, route, with_reasons
from bot.engine.screen import WORD_SCREENS, asks_everyday, screen
from bot.engine.spelling import reads_as_surname
from bot.engine.thresholds import ANSWER_SCORE, PREAMBLE_WORDS, WEAK_TOPIC
from bot.replies import ChatContext
from bot.text import CLAIM_CUES, PRONOUNS, STOPWORDS, tokenize

# where a message may hold two questions or a preamble and a question: sentence ends, commas, "and", "а также"
# ("i" is "и" typed in Latin; an English "I" starts no asking clause, so no clause is taken from it)
CLAUSE_BREAK = re.compile(
    r"[.!?;:]+\s+|,\s+|\s*\+\s*|\s+(?:and|also|plus|as well as|а также|и|а|i|&)\s+", re.IGNORECASE
)
HERE_WORDS = frozenset({"here", "здесь", "тут", "zdes", "tut"})
WORD_SCREEN_RULES = frozenset(check.__name__ for check in WORD_SCREENS)
# the scope decided on the whole message: no clause of it is answered apart
WHOLE_MESSAGE_RULES = frozenset({"small_talk", "other_election", "other_year", "off_subject", "future_election"})

Reader = Callable[[str], Reading]


def decide(
    reading: Reading, context: ChatContext, language: str, index: KnowledgeIndex, *, inherit: bool = False
) -> Decision:
    """One question's decision: a refusal, an answer computed from figures, or the matched fact."""
    reading = with_person_of_the_chat(reading, context, index)
    question = interpret(reading, context, language, inherit=inherit)
    screened = screen(question)
    if screened is not None and screened.rule in WORD_SCREEN_RULES:
        # ("how many were told to leave" after the police checks: words of the last reply's fact, not of nothing)
        screened = cited_words(question, index) or screened
    decision = check_claim(screened or route(question, index) or match(question, index), question, index)
    if screened is not None:
        decision = with_city_set_aside(decision, question, index)
    elif decision.context.set_aside:
        decision = replace(decision, context=decision.context.updated(set_aside=False))  # it says of one message
    decision = with_reasons(decision, question, index)
    decision = with_city_not_split(decision, question, index)
    counted_list = isinstance(decision, Ranking) and (
        decision.threshold or decision.winners_only or decision.losses_only
    )
    if counted_list and counts_places(question):
        decision = replace(decision, asks_count=True)
    leader = (question.leaders[0].id, question.leaders[0].country) if question.leaders else None
    if leader is None and (question.asks_who or question.topic == "reaction") and decision.facts:
        # "who congratulated first?", "which president congratulated first?": the leader the answer names first
        leader = index.first_leaders.get(decision.facts[0].id)
    if leader is not None and leader[1]:
        decision = replace(decision, context=decision.context.updated(leader=leader))
    # "what did Zakharova say?": the person the message named, whom "and what did she say next?" asks about (else
    # the person the answer names, found only when "she" asks: with_person_of_the_chat)
    names = [name for name in reading.base_names if reads_as_surname(name)]
    if names or question.context.person:
        decision = replace(decision, context=decision.context.updated(person=names[0] if names else None))
    if decision.facts or question.context.cited:
        decision = replace(decision, context=decision.context.updated(cited=tuple(f.id for f in decision.facts[:2])))
    if isinstance(decision, Ranking) and decision.ranked and decision.ranked[0].station is None:
        # "how many countries is that?" next counts the places this list holds (all of them, not only those shown)
        listed = tuple(row.place for row in decision.ranked if row.place)
        decision = replace(decision, context=decision.context.updated(listed=listed))
    return decision


def with_city_set_aside(decision: Decision, question: Question, index: KnowledgeIndex) -> Decision:
    """ "the weather in Istanbul this week?", then "and how did Russians vote there?": the one city of a question set
    aside is the chat's next place, its stations as a city's question leaves them."""
    cities = {item.city for item in question.reading.mentions.items if item.city}
    if len(cities) != 1 or len(question.countries) != 1:
        return decision
    numbers = index.city_stations.get(cities.pop(), ())
    if not numbers:
        return decision
    return replace(decision, context=decision.context.updated(stations=tuple(numbers), set_aside=True))


PLACE_NOUNS = ("countr", "place", "nation", "стран", "мест", "государств", "stran")


def counts_places(question: Question) -> bool:
    """ "in how many countries", "number of countries where", "говорят, выиграл в 15 странах": a count of places."""
    tokens = question.reading.tokens
    places = any(token.startswith(PLACE_NOUNS) for token in tokens)
    return places and (asks_a_count(question.reading) or question.claim is not None)


def with_city_not_split(decision: Decision, question: Question, index: KnowledgeIndex) -> Decision:
    """ "houston russian voting results", "а в Дубае какие итоги?": a city the data do not count apart is answered
    with its country's facts, and the reply says so."""
    if not isinstance(decision, FactAnswer) or decision.kind != "answer" or not decision.answer_facts:
        return decision
    named = {(item.city, item.id) for item in question.reading.mentions.items if item.city}
    if len(named) != 1:
        return decision
    ((name, country),) = named
    if any(number in index.stations for number in index.city_stations.get(name, ())):
        return decision  # (its stations answer, where a source gives their numbers)
    city = next((city for city in index.country_cities.get(country, ()) if city.name_en == name), None)
    facts = decision.answer_facts
    if city is None or any(fact.country != country for fact in facts):
        return decision  # ("when could people vote in Houston?": the national dates are no country's)
    spoken = re.compile(rf"\b({re.escape(city.name_en)}|{re.escape(city.name_ru[: max(len(city.name_ru) - 1, 3)])})")
    if any(spoken.search(fact.answer.en) or spoken.search(fact.answer.ru) for fact in facts):
        return decision  # a report that speaks of the city
    return replace(decision, city_not_split=(city.name_en, city.name_ru, country))


def with_person_of_the_chat(reading: Reading, context: ChatContext, index: KnowledgeIndex) -> Reading:
    """ "что она сказала про число проголосовавших?" after Pamfilova: "she" names the person of the last reply, when
    no candidate or leader of the chat or the message is meant."""
    if not PRONOUNS & set(reading.tokens):
        return reading
    if reading.mentions.candidates() or reading.mentions.of("leader") or context.candidate or context.leader:
        return reading
    cited = index.facts.get(context.cited[0]) if context.cited else None
    person = context.person or (index.person_in(cited) if cited else None)
    if person is None or person in reading.base_names:
        return reading
    # (read as a name many facts hold, whatever their number: "she" does not make "will she run for president?"
    # about her facts, as the name itself would)
    return replace(reading, base_names=(*reading.base_names, person), wide_names=(*reading.wide_names, person))


def decide_message(
    text: str, reading: Reading, context: ChatContext, language: str, index: KnowledgeIndex, reader: Reader
) -> Decision:
    """The whole message's decision, answering each asking clause when it has several."""
    if CLAUSE_BREAK.search(text):
        # "I'm a researcher at a university in Switzerland, how many voted in Kazakhstan?": a statement about the
        # asker names a place that is not asked about; the message is decided without it
        parts = CLAUSE_BREAK.split(text)
        kept = [part for part in parts if not _is_preamble(reader(part))]
        if any(HERE_WORDS & set(reader(part).tokens) for part in kept):
            # "im studying in china, how many russians voted here": the place of the statement is "here"
            kept = [part for part in parts if part in kept or reader(part).mentions.countries()]
        if kept and len(kept) < len(parts):
            text = " ".join(kept)
            reading = reader(text)
    reading = completed_name(text, reading, context, language, index, reader)
    whole = decide(reading, context, language, index)
    # a message out of scope as a whole is declined as a whole: an opinion asked ("is Davankov real opposition or
    # fake? your opinion"), another election ("the Uzbek parliamentary election in 2024, what was the turnout?")
    if whole.kind != "comparison" and whole.rule not in WHOLE_MESSAGE_RULES and CLAUSE_BREAK.search(text):
        return combine_clauses(text, reading, context, language, whole, index, reader) or whole
    return whole


ELLIPSIS_WORDS = 3  # "а северная?", "south": a message this short may leave out the rest of a place's name


def completed_name(
    text: str, reading: Reading, context: ChatContext, language: str, index: KnowledgeIndex, reader: Reader
) -> Reading:
    """ "а северная?" after South Korea is North Korea: a short message that names no place, read again with the
    last word of the chat's place name added, when that makes it the name of another place."""
    place = index.countries.get(context.country or "")
    content = [token for token in reading.tokens if token not in STOPWORDS]
    if place is None or reading.mentions.countries() or not content or len(content) > ELLIPSIS_WORDS:
        return reading
    head = place.name.get(language).split()[-1]  # "Корея" of "Южная Корея", "Korea" of "South Korea"
    completed = reader(f"{text.rstrip(' ?!.')} {head}")
    countries = completed.mentions.countries()
    # the same place again only when the words are of its name: "south" after South Korea confirms it
    own_name = set(tokenize(place.name.get(language)))
    if len(countries) == 1 and (countries[0] != context.country or set(content) <= own_name):
        return completed
    # "the democratic republic one" after "which Congo?": the one of the places sharing the name whose other names
    # hold every word said
    named = [other for other in sharing(head) if set(content) - ONE_WORDS <= _name_words(index, other)]
    if len(named) == 1 and named[0] != context.country:
        return reader(index.countries[named[0]].name.get(language))  # (its words said nothing but the name)
    return reading


ONE_WORDS = frozenset({"one", "тот", "та", "который", "которая"})  # "the democratic one", "та, которая северная"


def _name_words(index: KnowledgeIndex, place: str) -> set[str]:
    """Every word of a place's names and aliases, in both languages (lower case)."""
    country = index.countries.get(place)
    if country is None:
        return set()
    names = [country.name.en, country.name.ru, *country.aliases.all()]
    return {word for name in names for word in tokenize(name)}


def _names_and_asks(clause: Reading, text: str) -> bool:
    """A clause with a candidate's name and words or a place besides it: "what did Putin get", "Putin %", "Bangladesh
    Putin", not "Davankov"."""
    # ("bangladesh putin and how many voted early": a candidate beside a place asks his result there)
    beside_a_place = bool(clause.mentions.countries())
    asks = len(clause.tokens) > len(clause.mentions.positions) or "%" in text or beside_a_place
    return bool(clause.mentions.candidates()) and asks


# topics a clause may ask beside a margin between two candidates, which counts votes ("how many stations in
# Kazakhstan and what was the margin...")
NOT_VOTE_COUNTS = frozenset({"polling_places", "schedule", "exit_poll", "context", "reaction", "diaspora", "source"})


def _asks_besides_a_margin(clause: Reading) -> bool:
    topics = clause.signals.topics
    best = max(topics, key=topics.__getitem__, default=None)
    return not clause.mentions.candidates() and best in NOT_VOTE_COUNTS and topics[best] >= WEAK_TOPIC


def _is_preamble(clause: Reading) -> bool:
    """A clause that asks nothing (no topic or intent words) but says something: three or more content words."""
    if clause.signals.topics or clause.signals.intents or clause.mentions.candidates() or clause.numbers:
        return False  # ("Zakharova said 372 thousand, ...": a stated figure is the claim, not a preamble)
    if clause.outlets:
        return False  # ("Новая газета Европа пишет, что ...": who reported it is part of the claim)
    if asks_everyday(clause):
        return False  # ("weather in almaty tomorrow? need to go to the consulate": it asks, of another subject)
    # ("v smysle v armenii": a preposition typed in Latin is no content word either)
    content = [token for token in clause.tokens if token not in STOPWORDS and len(token) > 1]
    # ("of kazakhstan kyrgyzstan tajikistan and uzbekistan, where ...": a list of the places asked about)
    named = clause.mentions.positions
    if content and all(position in named for position, token in enumerate(clause.tokens) if token in content):
        return False
    return len(content) >= PREAMBLE_WORDS


def combine_clauses(
    text: str,
    reading: Reading,
    context: ChatContext,
    language: str,
    whole: Decision,
    index: KnowledgeIndex,
    reader: Reader,
) -> Combined | None:
    """Two questions about one place ("turnout and the result in Tajikistan"), or a question after a preamble.

    Each clause that asks something is decided on its own, with the place the whole message names; the answers
    are combined. A preamble ("I'm a researcher at ...") asks nothing and is left out.
    """
    countries = [country for country in reading.mentions.countries() if country != ABROAD]
    if len(countries) > 1 or reading.mentions.foreign():
        return None  # several places: a comparison, decided on the whole message
    if whole.rule == "margin" and not any(_asks_besides_a_margin(reader(part)) for part in CLAUSE_BREAK.split(text)):
        return None  # "between Putin and Davankov, by how many votes": one question about the two names
    asking: list[Reading] = []
    for part in CLAUSE_BREAK.split(text):
        clause = reader(part)
        if not clause.tokens:
            continue
        # "говорят, ...", "I read that ...": the words that put a claim forward ask nothing of their own
        if all(token in CLAIM_CUES for token in clause.tokens if token not in STOPWORDS - CLAIM_CUES):
            continue
        # a topic word, or a candidate's name with words of its own ("and what did Putin get", "putin %": his
        # result; "Даванков и Харитонов": two names of one question); a name alone after a clause that asks
        # ("Belarus turnout and Putin") asks his result
        topical = max(clause.signals.topics.values(), default=0.0) >= WEAK_TOPIC
        name_after_ask = bool(asking and clause.mentions.candidates() and len(clause.tokens) == 1)
        # "... и кто первый": a place in the standings asks who holds it; a population asked is a question too
        ranked = clause.signals.place is not None
        ranked = ranked or "population" in clause.signals.intents  # "how many Russians live in Armenia and ..."
        # "national turnout + total votes abroad": a place with any word of a topic, beside a clause that asks
        placed = bool(asking and clause.mentions.countries() and clause.signals.topics)
        if topical or _names_and_asks(clause, part) or name_after_ask or ranked or placed:
            asking.append(clause)
    if len(asking) < (1 if whole.kind != "answer" else 2):
        return None
    # ("overall abroad: how many voted, putin %": each clause is about the places abroad, as the message is)
    places = countries or [country for country in reading.mentions.countries() if country == ABROAD]
    base = ChatContext(country=places[0], language=language) if places else context
    if whole.rule == "city":
        # "Almaty exit poll and official result": each clause is about the city's stations, not the whole country
        base = replace(base, stations=whole.context.stations)
    parts: list[Decision] = []
    last = whole.context
    for clause in asking:
        decision = decide(clause, base, language, index, inherit=True)
        if decision.kind == "answer":
            parts.append(decision)
            last = decision.context
        elif decision.kind == "no_data" and not decision.facts and decision.context.topic:
            parts.append(decision)  # "the sources do not report the exit poll for ..."
    facts = {fact.id for part in parts for fact in part.facts}
    notes = [part for part in parts if not part.facts]
    if not facts or (len(facts) + len(notes) < 2 and whole.kind == "answer"):
        return None
    return Combined(
        "multi_part",
        last,
        f"{whole.rule}: {whole.trace}; {len(asking)} asking clause(s) answered with {', '.join(sorted(facts))}",
        whole.confidence if whole.kind == "answer" else ANSWER_SCORE,
        whole.considered,
        parts=tuple(parts),
    )

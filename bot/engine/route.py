"""Stage 4, route: answers computed from figures — standings, rankings, comparisons, the region, coverage.

Each route is one named rule that returns a decision with the figures it found (never words), or None when
the question is not of its kind; the first that answers decides. Figures of an exit poll are kept apart from
results everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise

from bot.abroad import BAIKONUR
from bot.abroad_facts import CHANGE_FACTS, DATA_SOURCES
from bot.engine.decisions import (
    Choices,
    CityList,
    ComparedMetric,
    Comparison,
    Coverage,
    Decision,
    EachPlace,
    FactAnswer,
    ListCount,
    NoData,
    PlaceFigure,
    Ranking,
    Refusal,
    Standings,
)
from bot.engine.index import KnowledgeIndex
from bot.engine.interpret import (
    ABROAD,
    FIGURE_TOPICS,
    LOSING_STEMS,
    THERE_WORDS,
    VOTE_COUNT_WORDS,
    WHICH_OF,
    Question,
    asks_a_count,
    asks_how_many_places,
    weighs_two,
)
from bot.engine.match import SO_MUCH, match, place_summary, summary_answer, whole_word
from bot.engine.reading import names_stations
from bot.engine.thresholds import (
    DOMAIN_TOPIC,
    MIN_RANKED_BALLOTS,
    NAME_ONLY_TOPIC,
    QUESTION_MATCH,
    RANKING_LIMIT,
    RANKING_MAX,
    REGION_TOPIC,
    STRONG_TOPIC,
    WEAK_TOPIC,
)
from bot.models import PERCENT_METRICS, Fact, Figure
from bot.replies import ChatContext, RankingState
from bot.topics import WIN_STEMS

DEFAULT_CANDIDATE = "putin"  # "the share" with no name: the winner's, as everyone reading results means


def route(question: Question, index: KnowledgeIndex, after: Callable | None = None) -> Decision | None:
    """A decision computed from figures, or None when the question is for fact matching (the routes ``after`` one,
    when one rule has rewritten the question), with matching as the last resort then."""
    rules = ROUTES[ROUTES.index(after) + 1 :] if after else ROUTES
    for rule in rules:
        decision = rule(question, index)
        if decision is not None:
            return decision
    return match(question, index) if after else None


def figure_topic(question: Question) -> str | None:
    """The figure topic a ranking or comparison is about, with what a superlative or a name implies."""
    metric_topic = question.metric_topic
    if question.superlative and metric_topic is None:
        # "Where did most people vote?": the figure topics decide even when "where" sounds like polling places
        figure_topics = {name: value for name, value in question.topics.items() if name in ("turnout", "result")}
        if figure_topics:
            metric_topic = max(figure_topics, key=lambda name: figure_topics[name])
        elif question.candidates:
            metric_topic = "result"
        elif question.followup and question.context.topic in FIGURE_TOPICS:
            metric_topic = question.context.topic  # "And the fewest?"
    if question.candidates and metric_topic is None and question.weight < NAME_ONLY_TOPIC:
        metric_topic = "result"
    return metric_topic


def place_asked(question: Question) -> str | None:
    """The one place a question is about: named in it, or the chat's after a follow-up that names none."""
    countries = [country for country in question.countries if country != ABROAD]
    if len(countries) == 1:
        return countries[0]
    return question.context.country if question.followup and not countries else None


def asks_for_places(question: Question) -> bool:
    """ "where", "anywhere", "in which countries": the answer is a list of places."""
    return question.asks_where or bool({"countries", "coverage"} & question.intents.keys())


# ---------------------------------------------------------------------- the routes, in order


def shared_name(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Korea results", "как голосовали в Конго": a bare name two places with a station share; ask which."""
    from bot.country_names import sharing  # the YAML's shared_names, read once

    for mention in question.reading.mentions.items:
        places = sharing(mention.text) if mention.kind == "country" and not mention.city else ()
        if not places:
            continue
        if any(country in places and country != mention.id for country in question.countries):
            return None  # both named ("North Korea and Korea"): read as named
        others = [token for at, token in enumerate(question.reading.tokens) if not mention.start <= at < mention.end]
        shared_words = set(re.findall(r"\w+", mention.text.casefold()))
        said = [place for place in places if any(_says_which(token, place, shared_words) for token in others)]
        if len(said) == 1 and said[0] == mention.id:
            return None  # "s korea", "корея южная": the other word of its name, said apart
        if len(said) == 1:
            # "конго демократическая республика": the other place, whose name the other word completes
            countries = tuple(said[0] if country == mention.id else country for country in question.countries)
            return route(replace(question, countries=countries), index, after=shared_name)
        topic = question.topic if question.topic in FIGURE_TOPICS else "result" if question.candidates else None
        choices = []
        for place in places:
            facts = index.facts_on(place, topic) if topic else ()
            official = [fact for fact in facts if fact.source in DATA_SOURCES]
            own = official or list(facts) or list(index.by_country.get(place, ()))
            if own:
                choices.append(own[0])
        if len(choices) < 2:
            return None
        # "south" or "северная" next completes the name, as after any place ("а северная?")
        context = question.context.updated(country=mention.id, topic=topic, language=question.language)
        trace = f"{question.trace}; {mention.text} is the name of {', '.join(places)}"
        return Choices("shared_name", context, trace, 1.0, choices=tuple(choices))
    return None


NAME_FILLERS = frozenset({"republic", "республика", "of", "the"})  # words of many places' full names


def _says_which(token: str, place_id: str, shared_words: set[str]) -> bool:
    """ "south", "s", "южной", "dr": a word of one place's own name ("South Korea", "ДР Конго") besides the shared
    name's own words, or its initial."""
    from bot.country_names import place

    names = place(place_id)
    if names is None:
        return False
    words = {word for name in names.names() for word in re.findall(r"\w+", name.casefold()) if len(word) > 1}
    return any(
        token == word
        or (len(token) == 1 and token.isascii() and word.startswith(token) and word.isascii())
        or (len(token) >= 4 and token[:3] == word[:3] and len(word) >= 4)
        for word in words - shared_words - NAME_FILLERS
    )


# the years Russia elected its president before 2024
RUSSIAN_PRESIDENTIAL_YEARS = frozenset({"1991", "1996", "2000", "2004", "2008", "2012", "2018"})


def _year_fact_order(fact: Fact, asked: str | None, question: Question, index: KnowledgeIndex) -> tuple:
    # the asked topic's fact; the year's own comparison, or for "where did it fall most?" the report naming places;
    # then the topics the question leans to most
    compared_first = (fact.id not in index.year_only) != bool(question.superlative and question.asks_where)
    # ("where did the number of voters fall most since 2018?": the places ranked by their change, first; "how
    # many fewer votes than in 2018?" asks the whole change, not where)
    tokens = question.reading.tokens
    counted = bool(HOW_MUCH_RU & set(tokens)) or any(pair in HOW_MUCH for pair in pairwise(tokens))
    ranked_first = (fact.id in CHANGE_FACTS) != bool(question.superlative and not counted)
    leaning = {"result": CANDIDATE_LEANING} if question.candidates else {}  # "the biggest drop for Putin": his share
    leaning.update(question.topics)
    return fact.topic != asked, ranked_first, compared_first, -leaning.get(fact.topic, 0.0)


def _year_told_elsewhere(place: str | None, allowed: frozenset[str], index: KnowledgeIndex) -> tuple[Fact, ...]:
    """The facts of another place (the reports on all the places abroad) that speak of the year and name ``place``
    in a sentence that also names a candidate beating or losing ("in 2018, in Rasht, Grudinin beat him")."""
    country = index.countries.get(place or "")
    if country is None or place == ABROAD:
        return ()
    named = whole_word(country.name.en)
    return tuple(
        fact
        for fact_id in sorted(allowed)
        if (fact := index.facts[fact_id]).country != place
        and any(named.search(sentence) and WIN_WORDS.search(sentence) for sentence in SENTENCE.split(fact.answer.en))
    )  # fmt: skip


WIN_WORDS = re.compile(r"\b(?:beat|won|lost|defeated)\b")
SENTENCE = re.compile(r"(?<=[.;])\s+")
HOW_MUCH_RU = frozenset({"насколько", "сколько", "skolko", "naskolko"})
HOW_MUCH = frozenset({("how", "many"), ("how", "much")})
CANDIDATE_LEANING = 0.5


def other_year(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Who won in 2018?": another election, unless a fact speaks of that year ("401 stations in 2018")."""
    if not question.years:
        return None
    allowed = frozenset().union(*(index.year_facts.get(year, frozenset()) for year in question.years))
    place = question.countries[0] if question.countries else None
    if place is None and (question.followup or question.short):
        place = question.context.country
    if place is None and question.superlative and not question.reading.mentions.of("national"):
        place = ABROAD  # "the biggest drop since 2018": the places abroad, which the comparison abroad ranks
    own = tuple(fact for fact in index.by_country.get(place, ()) if fact.id in allowed) if place else ()
    if not own and "2024" in question.reading.tokens:
        return None  # "2024 and 2012 in Serbia": nothing of Serbia's speaks of 2012; the 2024 part is answered
    # the place's comparison with that year comes first ("Estonia in 2018?"), then what else speaks of the year;
    # a question on a topic of its own ("stations in 2018") is answered by the fact on that topic first
    own_topics = {name: value for name, value in question.topics.items() if name not in FIGURE_TOPICS}
    if question.candidates and ("change" in question.intents or question.superlative):
        own_topics.pop("polling_places", None)  # "where did putin drop the most since 2018": "where" asks places
    # (a topic of its own only when no figure's topic is asked more: "biggest drop in Putin's share since 2018 -
    # where?" is his result, whatever "where" says of polling places)
    strongest = max(own_topics.values(), default=0)
    outweighed = question.superlative and strongest < max(question.topics.values(), default=0)
    asked = max(own_topics, key=own_topics.__getitem__) if strongest >= WEAK_TOPIC and not outweighed else None
    # ("how many in 2018?" names no topic of its own either: "how many" counts whatever the chat was counting)
    if asked is None and not question.reading.signals.named and (question.followup or question.short):
        chat_topic = question.context.topic  # "а в 2018?" after the stations abroad: the stations in 2018
        asked = chat_topic if chat_topic not in (None, *FIGURE_TOPICS) else None
    # (the year's own comparison first; for "where did it fall most?", the report that names the places first)
    own = tuple(sorted(own, key=lambda fact: _year_fact_order(fact, asked, question, index)))
    told_elsewhere = _year_told_elsewhere(place, allowed, index) if question.asks_who else ()
    if told_elsewhere:
        # "who beat putin at a station in iran in 2018": a report on the places abroad tells who won there then
        context = question.context.updated(country=place, language=question.language, year=question.years[0])
        trace = f"{question.trace}; {place} in {', '.join(question.years)}, told in {told_elsewhere[0].id}"
        return FactAnswer("other_year_fact", context, trace, 1.0, answer_facts=told_elsewhere[:1])
    if own and (question.asks_who or question.reading.signals.place is not None):
        # "who won among Russians in Kazakhstan in 2018?", "кто был вторым в 2018?": the sources' 2018 figures are
        # Putin's and the ballots, to compare with 2024; they rank no candidates of that year
        context = question.context.updated(language=question.language)
        trace = f"{question.trace}; who came where in {', '.join(question.years)}: not in the facts"
        return Refusal("other_year", context, trace, reason="earlier_standings")
    names = question.reading.base_names
    if names and not any(name in fact.answer.en.lower() + fact.answer.ru.lower() for fact in own for name in names):
        # "how many votes did Grudinin get in Kazakhstan in 2018": the place's 2018 facts say nothing of him
        context = question.context.updated(language=question.language)
        trace = f"{question.trace}; {', '.join(names)} in {', '.join(question.years)}: not in the facts"
        return Refusal("other_year", context, trace, reason="earlier_election")
    if asked and own and own[0].topic == asked:
        year = question.years[0]
        context = question.context.updated(country=place, topic=asked, language=question.language, year=year)
        trace = f"{question.trace}; {place} in {', '.join(question.years)}, {asked}"
        return FactAnswer("other_year_fact", context, trace, 1.0, answer_facts=own[:1])
    matched = match(question, index) if allowed else None
    facts = tuple(fact for fact in matched.facts if fact.id in allowed) if matched is not None else ()
    compared = bool(own) and own[0].id in index.year_only and question.topic in (None, "turnout", "result")
    if isinstance(matched, FactAnswer) and facts and not compared:
        context = matched.context.updated(year=question.years[0])
        return replace(matched, rule="other_year_fact", answer_facts=facts, context=context)
    # "Estonia in 2018?", "and in 2018?": the place's own facts that speak of that year, whatever their topic
    if own:
        context = question.context.updated(
            country=place, topic=own[0].topic, language=question.language, year=question.years[0]
        )
        trace = f"{question.trace}; {place} in {', '.join(question.years)}"
        shown = own[:2]
        if own[0].id in CHANGE_FACTS:
            # a ranking of changes is the answer, beside a press report that ranks the same (NGE's falls in share)
            shown = (
                own[:1]
                + tuple(fact for fact in own[1:] if fact.topic == own[0].topic and fact.id not in index.year_only)[:1]
            )
        return FactAnswer("other_year_fact", context, trace, 1.0, answer_facts=shown)
    context = question.context.updated(language=question.language)
    trace = f"{question.trace}; the year {', '.join(question.years)}"
    # 2018 or 2012 is the same election held before; 2021 or 2022 can only be another country's election
    earlier = all(year in RUSSIAN_PRESIDENTIAL_YEARS for year in question.years)
    return Refusal("other_year", context, trace, reason="earlier_election" if earlier else "other_election")


# words that point back at the stations of the last reply: "that station", "its result", "the official one there"
# ("there" does not: after a station's exit poll it is as often the country)
BACK_TO_STATIONS = frozenset(
    {"its", "official", "real", "actual", "её", "ее", "официальный", "официальные", "официально", "реальный",
     "реальные", "настоящий"}
)  # fmt: skip
# "that station", "на этом участке": a station of the last reply pointed at
THAT_STATION = frozenset({"that", "this", "same", "этот", "этом", "том", "тот", "этого", "того"})


# the queue at a station's closing: its words, and those of the people it left out
CLOSING_STEMS = ("clos", "left", "stuck", "couldn", "unable", "закры", "остал", "успел", "смогл", "zakry")


def refers_to_stations(question: Question) -> bool:
    """A short follow-up about the stations the last reply was about, not a new place or topic."""
    tokens = set(question.reading.tokens)
    # "кто там выиграл" after "а в Стамбуле?": "there" is the city whose stations were just shown
    said = names_stations(tokens) or bool((BACK_TO_STATIONS | THERE_WORDS) & tokens)
    topics = (None, "result", "turnout", "exit_poll")
    # ("the official figure at that station?": the station word is no question about how many stations)
    pointed = names_stations(tokens) and bool(THAT_STATION & tokens) and bool(BACK_TO_STATIONS & tokens)
    return said and (question.followup or question.short) and (question.topic in topics or pointed)


def station(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Station 8133", "УИК 8158": the station's official protocol (and its exit poll, when asked or surveyed)."""
    numbers = [number for number in question.reading.stations if number in index.stations]
    if question.reading.stations and not numbers:
        # "station 9999": a number no protocol has is no station of this vote, never the nearest one
        number = question.reading.stations[0]
        name = f"участок № {number}" if question.language == "ru" else f"polling station No. {number}"
        context = question.context.updated(language=question.language)
        return NoData("station", context, f"{question.trace}; no station {number}", name=name)
    polled_there = False
    # ("навальная там голосовала?" after Berlin's station: the name says what is asked, which her fact answers)
    if not numbers and question.stations_before and not (question.countries or question.reading.base_names):
        # "the exit poll there?" after a city's stations: the exit polls taken at them, where volunteers surveyed
        polled_there = question.metric_topic == "exit_poll" and (question.followup or question.short)
        # "and Putin?" after the claim about Davankov in Almaty: the other candidate at the same stations
        candidate_there = bool(question.candidates) and question.topic is None and question.followup
        # (a city's result; after a country's exit polls, taken at its stations, the country's result is asked)
        candidate_there = candidate_there and question.context.topic == "result" and not question.national
        # "how many were stuck in the queue at closing" after London's station: what was seen at it, where recorded
        queued_there = question.topic == "context" and (question.followup or question.short or not question.named)
        # (asked by words of the closing or of those it left out: "how long was the queue" is the reports' length)
        queued_there = queued_there and any(token.startswith(CLOSING_STEMS) for token in question.reading.tokens)
        queued_there = queued_there and any(
            fact.topic == "context" for number in question.stations_before for fact in index.stations.get(number, ())
        )
        if refers_to_stations(question) or polled_there or candidate_there or queued_there:
            numbers = list(question.stations_before)  # "and the official result at that station?", "and its result?"
    if not numbers:
        return None
    events = question.topic == "context"
    facts = _station_answer(index, numbers, question.metric_topic == "exit_poll", events=events)
    if polled_there and facts[0].topic != "exit_poll":
        return None  # no exit poll at those stations: the country's, as usual
    if question.context.set_aside and not question.reading.stations:
        # "is the food good in bangkok", then "and there?": the city meant, or its country: the country's answer
        # first, then the city's stations, as a city's question has them
        country = match(question, index)
        facts = [*country.facts, *(fact for fact in facts if fact not in country.facts)]
    country = facts[0].country
    # a station's protocol is its count and result: "а по всему Казахстану?" next asks the country's result
    topic = "exit_poll" if facts[0].topic == "exit_poll" else "context" if facts[0].topic == "context" else "result"
    context = question.context.updated(
        country=country, topic=topic, language=question.language, stations=tuple(numbers)
    )
    trace = f"{question.trace}; station {', '.join(map(str, numbers))}"
    return FactAnswer("station", context, trace, 1.0, answer_facts=tuple(facts))


# "how many voters are registered abroad", "сколько избирателей числится за рубежом": the register, not the turnout
REGISTERED_STEMS = ("registe", "registr", "eligib", "зарегистр", "числит", "числил", "учёт", "учет", "zaregistr")


def registered_voters(question: Question, index: KnowledgeIndex) -> Decision | None:
    """The voters on the register abroad, from the facts that are asked that way, then the voters who came."""
    if not any(token.startswith(REGISTERED_STEMS) for token in question.reading.tokens):
        return None
    if any(country != ABROAD for country in question.countries) or question.national:
        return None  # a country's register is in no source; its voters on the stations' lists are its count
    if not (question.countries or question.topic in ("turnout", "diaspora")):
        return None

    def asked_as_registered(fact: Fact) -> bool:
        return any(word.startswith(REGISTERED_STEMS) for text in (*fact.questions.en, *fact.questions.ru)
                   for word in text.lower().split())  # fmt: skip

    register = [fact for fact in index.by_country.get(ABROAD, ()) if asked_as_registered(fact)]
    matched = match(question, index)
    if not register or (matched.facts and matched.facts[0] in register):
        return None  # (the register's own question, as good as asked: the matched fact answers)
    came = [fact for fact in index.facts_on(ABROAD, "turnout") if fact.source in DATA_SOURCES][:1]
    context = question.context.updated(country=ABROAD, topic="turnout", language=question.language)
    trace = f"{question.trace}; the register abroad: {', '.join(fact.id for fact in register)}"
    return FactAnswer("registered_voters", context, trace, 1.0, answer_facts=(*register[:1], *came))


# "till what time were they open", "до скольки работали участки": the hours, which reports give as clock times
HOURS_PAIRS = frozenset(
    {("what", "time"), ("till", "when"), ("until", "when"), ("open", "until"), ("open", "till"), ("до", "скольки"),
     ("во", "сколько"), ("до", "какого"), ("какого", "времени"), ("время", "работы"), ("часы", "работы"),
     ("opening", "hours"), ("do", "skolki")}
)  # fmt: skip
# (not "close": "was it close?" asks about a race)
HOURS_WORDS = frozenset(
    {"hours", "oclock", "closing", "closed", "longer", "extended", "закрылись", "закрылся", "закрыли", "продлили",
     "продлевали", "продлена", "продлено", "продлены", "продлить"}
)  # fmt: skip
CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def hours(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Till what time could people vote in Almaty?": the place's reports that give clock times, the city's first."""
    tokens = question.reading.tokens
    # ("во сколько" is a time, "how many stations closed" a number of stations)
    if not (HOURS_PAIRS & set(pairwise(tokens)) or (HOURS_WORDS & set(tokens) and not asks_a_count(question.reading))):
        return None
    place = place_asked(question)
    if place is None and question.short and not question.countries:
        place = question.context.country  # "до скольки работали участки" after the queues in Almaty: the chat's place
    timed = [fact for fact in index.by_country.get(place, ()) if CLOCK_TIME.search(fact.answer.en)] if place else []
    if not timed:
        return None
    cities = [item.city for item in question.reading.mentions.items if item.city]
    timed.sort(key=lambda fact: not any(city in fact.answer.en for city in cities))
    context = question.context.updated(country=place, topic=timed[0].topic, language=question.language)
    trace = f"{question.trace}; hours: {timed[0].id}"
    return FactAnswer("hours", context, trace, 1.0, answer_facts=tuple(timed[:1]))


def outlet_named(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "NGE says Putin got under half in 42 countries, correct?", "что писала Новая газета про Кипр": what the outlet
    named reported about the place asked (abroad as a whole when none is), the fact with most of the message's words
    on the asked topic; the claim is then checked against it."""
    outlets = question.reading.outlets
    if not outlets or question.years:
        return None
    place = place_asked(question)
    if place is None and not (question.countries or question.national) and (question.short or question.claim):
        place = question.context.country  # "but Eurasianet said 81" after Kyrgyzstan's result: of Kyrgyzstan
    reported = [
        fact for fact in index.facts.values() if fact.source in outlets and (not place or fact.country == place)
    ]
    if not reported:
        return None
    content = index.content_keys(question.reading)
    best = max(
        reported,
        # (no place asked: its report on voting abroad as a whole first) the asked topic and words, the base's order
        key=lambda fact: (
            place is None and fact.country in (None, ABROAD),
            question.topics.get(fact.topic, 0.0) + index.overlap(fact, content),
            -index.position[fact.id],
        ),
    )
    if question.claim is not None and question.topic in ("turnout", "result") and best.topic != question.topic:
        return None  # ("Cyprus Mail says 42,833 voted for Putin": its count is no result; checked as any claim is)
    # (the official count beside a reported one, as every figure is shown)
    official = [fact for fact in index.facts_on(best.country, best.topic) if fact.source in DATA_SOURCES]
    official = official[:1] if best.topic in FIGURE_TOPICS and best.source not in DATA_SOURCES else []
    context = question.context.updated(country=best.country, topic=best.topic, language=question.language)
    return FactAnswer("outlet_named", context, f"{question.trace}; reported by {best.source}: {best.id}", 1.0,
                      answer_facts=(best, *official))  # fmt: skip


OFFICIAL_STEMS = ("official", "официальн", "ofitsialn", "oficialn")  # "официального результата"


def city(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "How did Almaty vote?": the city's stations, where a source gives their numbers."""
    cities = list(dict.fromkeys(item.city for item in question.reading.mentions.items if item.city))
    numbers = [number for name in cities for number in index.city_stations.get(name, ()) if number in index.stations]
    if not numbers:
        return None
    if len(cities) == 1 and len(numbers) > REGION_STATIONS:
        region = part_of_country(question, index, cities[0])
        if region is not None:
            return region
    if len(cities) == 1 and EXCLUDING & set(question.reading.tokens):
        # "Poland without Warsaw": the country's other stations (a region's own facts come first, above)
        rest = other_cities(question, index, excluded=tuple(numbers))
        if rest is not None:
            return rest
    exit_poll = question.metric_topic == "exit_poll"
    mentions = question.reading.mentions.items
    country = next(item.id for item in mentions if item.city == cities[0])
    if (
        len(cities) == 1
        and "national" in question.intents
        and any(item.id == country and not item.city for item in mentions)
    ):
        # "Italy overall and Rome", "armenia overall + yerevan": the country in brief, then the city's stations
        stations = city_stations(question, index, cities, numbers, exit_poll)
        if isinstance(stations, FactAnswer):
            overall = tuple(fact for fact in place_summary(country, index) if fact not in stations.answer_facts)
            return replace(stations, answer_facts=(*overall, *stations.answer_facts))
    # ("а в берлине?" after the queue in Paris: the chat's subject is what the reports say, asked of this city)
    asks_events = "overview" in question.intents or (
        question.topic is None and (question.followup or question.short) and question.context.topic == "context"
    )
    # ("how long was the queue in berlin and in paris": what the reports say of each city)
    asks_events = asks_events or (question.topic == "context" and len(cities) > 1)
    if asks_events and question.metric_topic is None:
        told = [city_events(question, index, name, index.city_stations.get(name, ())) for name in cities]
        happened = [decision for decision in told if decision is not None]
        if len(happened) == 1 and len(cities) == 1:
            return happened[0]
        if len(happened) == len(cities) > 1:
            # "how long was the queue in berlin and in paris": what the reports say of each city, in turn
            firsts = [decision.facts[0] for decision in happened]
            facts = tuple(fact for at, fact in enumerate(firsts) if fact not in firsts[:at])
            return replace(happened[-1], answer_facts=facts)
    if len(cities) >= 2 and not question.superlative and ("compare" in question.intents or len(question.countries) > 1):
        # "almaty vs bishkek, putin share", "ереван и гюмри — разница": each city's stations, not the countries
        compared = city_stations(question, index, cities, numbers, exit_poll)
        return replace(compared, side_by_side=True) if isinstance(compared, FactAnswer) else compared
    # ("best things to do in Bishkek": a city and a superlative of something else)
    if (
        question.topic is None
        and not question.superlative
        and (len(cities) >= 2 or question.followup or question.short)
    ):
        # "Bonn vs Berlin", "and Berlin only?", "Trabzon?": the cities' own stations, each with its protocol
        return city_stations(question, index, cities, numbers, exit_poll)
    if len(question.countries) > 1:
        return None
    if question.topic is None and question.reading.signals.place is None and not question.candidates:
        return None  # "Almaty" alone: offer the country's topics
    about_votes = question.metric_topic or question.topic in (None, "polling_places")
    if not (about_votes or question.reading.signals.place is not None or question.weight < WEAK_TOPIC):
        return None  # "what did people in Almaty say?": not the station's count
    tokens = question.reading.tokens
    if exit_poll and any(token.startswith(OFFICIAL_STEMS) for token in tokens):
        # "Athens exit poll vs official", "official Almaty result, not the exit poll": the protocols, and the exit
        # poll beside them unless it is set aside ("not", "не")
        polls = [] if {"not", "не", "без", "without"} & set(tokens) else _station_answer(index, numbers, True)
        protocols = [fact for fact in _station_answer(index, numbers, False) if fact.topic != "exit_poll"]
        facts = [*protocols, *(fact for fact in polls if fact.topic == "exit_poll")]
        context = question.context.updated(
            country=facts[0].country, topic="result", language=question.language, stations=tuple(numbers)
        )
        trace = f"{question.trace}; {', '.join(cities)}: the protocols of stations {', '.join(map(str, numbers))}"
        return FactAnswer("city", context, trace, 1.0, answer_facts=tuple(facts))
    stations = [fact for fact in _station_answer(index, numbers, exit_poll) if (fact.topic == "exit_poll") == exit_poll]
    country = match(question, index)  # what the country's facts say (a report may speak of the city), then the city
    facts = [*country.facts, *(fact for fact in stations if fact not in country.facts)] if country.facts else stations
    if not facts:
        return None
    context = (
        country.context
        if country.facts
        else question.context.updated(country=facts[0].country, topic=facts[0].topic, language=question.language)
    )
    trace = f"{question.trace}; {', '.join(cities)}: stations {', '.join(map(str, numbers))}"
    context = context.updated(stations=tuple(numbers))  # "and the official result at that station?" next
    return FactAnswer("city", context, trace, 1.0, country.considered, answer_facts=tuple(facts))


def city_events(question: Question, index: KnowledgeIndex, name: str, numbers: Sequence[int]) -> Decision | None:
    """ "What happened at the embassy in Chisinau?": what the reports say happened there, then its stations."""
    country = next(item.id for item in question.reading.mentions.items if item.city == name)
    events = [fact for fact in index.facts_on(country, "context") if name in fact.answer.en]
    # (then the reports on its stations that name it: "the queue outside the Paris embassy" is told with them)
    events += [
        fact
        for fact in index.facts_on(country, "polling_places")
        if name in fact.answer.en and fact.source not in DATA_SOURCES  # (a station list names every city)
    ]
    # ...or, where no report speaks of it, what was recorded at its stations (the queue at closing)
    events = events or [fact for fact in _station_answer(index, numbers, False, events=True) if fact.topic == "context"]
    if not events:
        return None
    # the report that holds the message's words first ("how long was the queue": the queue's, not the ballots')
    content = index.content_keys(question.reading)
    events.sort(key=lambda fact: -index.overlap(fact, content))
    facts = (events[0], *_station_answer(index, numbers, exit_poll=False))
    context = question.context.updated(
        country=country, topic="context", language=question.language, stations=tuple(numbers)
    )
    return FactAnswer("city", context, f"{question.trace}; {name}: what happened there", 1.0, answer_facts=facts)


# a named place with more stations than this is a region of its country (Transnistria's eight), not a town
REGION_STATIONS = 3


def part_of_country(question: Question, index: KnowledgeIndex, name: str) -> Decision | None:
    """ "Transnistria results", "без Приднестровья?": the country's facts that speak of the region by name, on the
    asked topic first; its stations' protocols one by one would bury the answer."""
    mentions = question.reading.mentions.items
    country = next(item.id for item in mentions if item.city == name)
    if any(item.id == country and not item.city for item in mentions):
        return None  # "Moldova including Transnistria": the country as a whole
    if names_stations(question.reading.tokens):
        return None  # "the station numbers in Transnistria": its stations, one by one
    topic = question.topic or (question.context.topic if question.followup else None)
    spoken_of = [fact for fact in index.by_country.get(country, ()) if name in fact.answer.en]
    if not spoken_of:
        return None
    # a report about the region before the official table that names it in a note
    spoken_of.sort(key=lambda fact: (fact.source in DATA_SOURCES, fact.topic != topic, fact.topic not in FIGURE_TOPICS))
    context = question.context.updated(country=country, topic=spoken_of[0].topic, language=question.language)
    trace = f"{question.trace}; {name}: the facts that speak of it"
    return FactAnswer("part_of_country", context, trace, 1.0, answer_facts=tuple(spoken_of[:1]))


# "without Transnistria", "без Приднестровья": the rest of the country
EXCLUDING = frozenset({"without", "excluding", "except", "minus", "без", "кроме", "исключая", "bez"})

# "which cities", "в каких городах": the cities of a country with a station
CITY_WORDS = ("city", "cities", "town", "город", "gorod")


# "how many is that", "сколько их", "сколько таких стран": the count of the last list
COUNT_BACK = frozenset({"that", "those", "them", "these", "их", "таких", "такие", "всего", "total"})


def list_count(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "How many countries is that?" after "where did Davankov win?": the number of places the list held."""
    listed = question.listed_before
    tokens = set(question.reading.tokens)
    if not (listed and question.reading.signals.counted and COUNT_BACK & tokens) or question.countries:
        return None
    candidate = question.context.candidate
    backing = []
    for place in listed:
        found = (
            index.best_figure(place, "vote_share", candidate) if candidate else index.best_figure(place, "voters", None)
        )
        if found is not None and found[1] not in backing:
            backing.append(found[1])
    context = question.context.updated(language=question.language, listed=listed)
    trace = f"{question.trace}; {len(listed)} places listed before"
    return ListCount("list_count", context, trace, 1.0, places=listed, backing=tuple(backing))


def city_list(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Which Kazakh cities had Russian polling stations?": the cities the sources name, each with its backing."""
    tokens = question.reading.tokens
    if (
        OTHERS_WORDS & set(tokens)
        and question.stations_before
        # ("the other stations in kyrgyzstan?" after Bishkek's: the country's other cities' stations)
        and (any(token.startswith(CITY_WORDS) for token in tokens) or names_stations(tokens))
    ):
        return other_cities(question, index)
    asks_which = {"where", "list"} & question.intents.keys() or {"what", "which", "какие", "каких"} & set(tokens)
    if not (asks_which and any(token.startswith(CITY_WORDS) for token in tokens)) or question.superlative:
        return None  # ("which city was worst for Putin": its stations ranked)
    if len(question.countries) == 1:
        country = question.countries[0]
    elif not question.countries and (question.followup or question.short):
        country = question.context.country  # "which cities?" after a place's stations
    else:
        return None
    cities = index.country_cities.get(country or "", ())
    if len(cities) < 2:
        return None  # one city is no list; its stations answer as usual
    backing: list[Fact] = []
    for city in cities:
        named = next((fact for number in city.stations for fact in index.stations.get(number, ())), None)
        named = named or next(
            (fact for fact in index.by_country.get(country, ()) if city.name_en in fact.answer.en), None
        )
        if named is not None and named not in backing:
            backing.append(named)
    rows = tuple((city.name_en, city.name_ru, city.stations) for city in cities)
    context = question.context.updated(country=country, topic="polling_places", language=question.language)
    trace = f"{question.trace}; cities of {country}"
    # "how many stations were there in France and in which cities", "сколько проголосовало ... и в каких городах":
    # the count asked first (of stations or of voters), then the cities
    counted: tuple[Fact, ...] = ()
    if asks_a_count(question.reading) and country:
        topics = question.topics
        if topics.get("turnout", 0.0) > topics.get("polling_places", 0.0):
            counted = place_summary(country, index, ("turnout",))
        else:
            counted = tuple(
                fact
                for fact in index.facts_on(country, "polling_places")
                if any(figure.metric == "polling_stations" for figure in fact.figures)
            )[:1]
    return CityList(
        "city_list", context, trace, 1.0, country=country or "", cities=rows, backing=tuple(backing), counted=counted
    )


def other_cities(question: Question, index: KnowledgeIndex, excluded: Sequence[int] = ()) -> Decision | None:
    """ "Other Polish cities?" after Warsaw, "Moldova without Transnistria": the country's other cities' stations,
    on the chat's topic."""
    left_out = set(excluded or question.stations_before)
    first = next((fact.country for number in left_out for fact in index.stations.get(number, ())), None)
    country = question.countries[0] if question.countries else first
    cities = [
        city
        for city in index.country_cities.get(country or "", ())
        if city.stations and not set(city.stations) & left_out
    ]
    numbers = [number for city in cities for number in city.stations if number in index.stations]
    names = [city.name_en for city in cities]
    if not numbers and country:
        # no other city's station is named by a source: the country's other protocols, by their numbers
        numbers = sorted(
            number
            for number, facts in index.stations.items()
            if number not in left_out and any(fact.country == country for fact in facts)
        )[:OTHER_STATIONS_SHOWN]
        names = []  # (no city's report to put first)
    if not numbers:
        return None
    return city_stations(question, index, names, numbers, exit_poll=False)


OTHER_STATIONS_SHOWN = 6  # a country's other stations listed one by one: more would bury the answer


def city_stations(
    question: Question, index: KnowledgeIndex, cities: Sequence[str], numbers: Sequence[int], exit_poll: bool
) -> Decision | None:
    """The named cities' stations (the official protocol, the exit poll beside it), city by city, after the facts
    on the chat's topic that speak of the city by name ("and in Almaty?" after Davankov: the Almaty exit poll)."""
    topic = question.context.topic if question.context.topic in FIGURE_TOPICS else "result"
    exit_poll = exit_poll or topic == "exit_poll"
    stations = _station_answer(index, numbers, exit_poll)
    if not stations:
        return None
    country = stations[0].country
    spoken_of = [
        fact
        for fact in index.facts_on(country, topic)
        if any(name in fact.answer.en for name in cities)  # the mention's city is its English name
    ]
    facts = [*spoken_of, *(fact for fact in stations if fact not in spoken_of)]
    context = question.context.updated(
        country=facts[-1].country, topic=topic, language=question.language, stations=tuple(numbers)
    )
    trace = f"{question.trace}; {', '.join(cities) or 'other'}: stations {', '.join(map(str, numbers))}"
    return FactAnswer("city", context, trace, 1.0, answer_facts=tuple(facts))


def _station_answer(
    index: KnowledgeIndex, numbers: Sequence[int], exit_poll: bool, *, events: bool = False
) -> list[Fact]:
    """Each station's facts: the official count, and its Vote Abroad exit poll beside it (first when asked); what
    happened there (the queue at closing) only when ``events`` are asked, and then first."""
    facts = [fact for number in numbers for fact in index.stations[number] if events or fact.topic != "context"]
    if exit_poll:
        facts.sort(key=lambda fact: fact.topic != "exit_poll")
    if events:
        facts.sort(key=lambda fact: fact.topic != "context")
    return facts


# "the others?", "а остальные?" after one candidate: every candidate of the same place
OTHERS_WORDS = frozenset({"others", "other", "rest", "остальные", "остальных", "другие", "других", "прочие"})


def standings(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Who came second in Tajikistan?", "Kharitonov's place", "ranking of candidates", "and the others?"."""
    place = question.reading.signals.place
    if place == 1 and question.context.topic == "reaction" and not (question.candidates or question.metric_topic):
        return None  # "а кто был первым?" after the leaders' words: the first to congratulate, not the winner
    if place == 1 and question.topic == "reaction" and not question.metric_topic:
        return None  # "who congratulated Putin first?": the first leader to, not the first candidate
    if (
        place is None
        and OTHERS_WORDS & set(question.reading.tokens)
        # (after a candidate's figure, or a place's result: "and the others?" are the other candidates)
        and (question.context.candidate or (question.context.topic == "result" and question.context.country))
        and not (question.candidates or question.reading.unknown)
    ):
        country = question.countries[0] if question.countries else question.context.country
        return standings_in(index, country, 0, (), question.context, question.language, question.trace)
    intents = question.intents
    if place is None and not question.candidates and question.metric_topic in (None, "result"):
        if question.superlative and question.asks_who and not {"where", "countries"} & intents.keys():
            place = 1 if question.superlative == "most" else -1  # "кто набрал меньше всех?": a candidate
        elif "compare" in intents and question.topic == "candidate" and len(question.countries) < 2:
            place = 0  # "ranking of candidates"
    if place is None or question.region or question.reading.unknown:
        return None
    # ("даванков второй по стране?": the country as a whole, no list of countries)
    if question.candidates and asks_for_places(question) and not (question.countries or question.national):
        return None  # "in which countries did Davankov come first?": the answer is places, not a candidate
    # ("кто на каком месте": who came where, the whole standings)
    if not (place or question.candidates or question.topic == "candidate" or (place == 0 and question.asks_who)):
        return None
    # ("who was second?" right after the winner abroad: a short question goes on with the chat's place)
    followed = question.context.country if (question.followup or question.short) and not question.national else None
    country = question.countries[0] if question.countries else followed
    return standings_in(index, country, place, question.candidates, question.context, question.language, question.trace)


# "by how many votes", "разница", "отрыв", "was it close": how far the winner was ahead
MARGIN_STEMS = ("margin", "gap", "apart", "differenc", "разниц", "отрыв")
CLOSE_WORDS = frozenset({"close", "tight", "closer"})  # ("when it closed" is about the doors)
BEAT_STEMS = ("beat", "ahead", "won", "win", "lead", "обош", "обогна", "опереди", "выиграл", "победил")


def margin(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "By how many votes did Putin beat Davankov in Kazakhstan?": the two candidates' counts and the gap."""
    tokens = question.reading.tokens
    words = set(tokens)
    counted = asks_a_count(question.reading)
    # ("close" needs the two: "were the other stations also close?" asks about the results, not a gap)
    close = bool(CLOSE_WORDS & words) and (len(question.candidates) >= 2 or bool({"between", "между"} & words))
    asks_gap = (
        any(token.startswith(MARGIN_STEMS) for token in tokens)
        or close
        or (counted and VOTE_COUNT_WORDS & words and any(token.startswith(BEAT_STEMS) for token in tokens))
    )
    cities = {item.city for item in question.reading.mentions.items if item.city}
    # ("ереван и гюмри — разница": two cities weighed, not two candidates)
    if not asks_gap or len(question.countries) + question.national > 1 or question.region or len(cities) > 1:
        return None  # "Putin abroad vs in Russia, how big was the gap": two places, one candidate
    if not (question.candidates or question.countries or question.national):
        return None  # "the gap in turnout": no vote is named
    country = question.countries[0] if question.countries else None if question.national else question.context.country
    standing = standings_in(index, country, 0, question.candidates, question.context, question.language, question.trace)
    ranked = [candidate for candidate, *_ in standing.rows]
    named = [candidate for candidate in question.candidates if candidate in ranked]
    pair = named[:2] if len(named) >= 2 else [ranked[0], (ranked[1] if ranked[0] == named[0] else named[0])] if (
        named and len(ranked) > 1) else ranked[:2]  # fmt: skip
    if len(pair) < 2 or pair[0] == pair[1]:
        return None
    figures = [_count_or_share(index, country, candidate) for candidate in pair]
    if None in figures or figures[0][0].metric != figures[1][0].metric:  # type: ignore[index]
        return None
    sides = sorted(
        ((candidate, figure, fact) for candidate, (figure, fact) in zip(pair, figures, strict=True)),  # type: ignore[misc]
        key=lambda side: -(side[1].value or 0.0),
    )
    trace = f"{question.trace}; margin {sides[0][0]} over {sides[1][0]} in {country or 'russia'}"
    return replace(standing, rule="margin", trace=trace, margin=(sides[0], sides[1]))


def _count_or_share(index: KnowledgeIndex, place: str | None, candidate: str) -> tuple[Figure, Fact] | None:
    """A candidate's votes in a place where a source counts them, else the share; the best kind of figure."""
    return index.best_figure(place, "votes", candidate) or index.best_figure(place, "vote_share", candidate)


def exit_poll_ranking(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Where was Putin highest in the exit poll?": the surveyed stations ranked by the exit poll's shares, which
    are never ranked with results."""
    if not (question.superlative and question.metric_topic == "exit_poll"):
        return None
    candidate = question.candidates[0] if question.candidates else DEFAULT_CANDIDATE
    places = tuple(country for country in question.countries if country != ABROAD)
    state = RankingState("vote_share", candidate, question.superlative, places, 0, question.count or RANKING_LIMIT,
                         exit_poll=True)  # fmt: skip
    return rank_stations(index, question, state)


# "the most polling stations", "больше всего участков": the places ranked by their number of stations
STATIONS_PLURAL = frozenset(
    {"stations", "участков", "участки", "uchastkov", "uchastki", "sites", "polls"}
)  # fmt: skip


SIZE_STEMS = ("bigg", "larg", "крупн", "больш")


def stations_count_ranking(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Which country had the most polling stations?": places by their count of stations, not one station."""
    tokens = set(question.reading.tokens)
    places_named = [country for country in question.countries if country != ABROAD]
    if not (question.superlative and STATIONS_PLURAL & tokens) or places_named or question.candidates:
        return None
    if (question.metric_topic is not None and question.metric_topic != "turnout") or asks_a_count(question.reading):
        return None  # ("the most votes at the stations", "how many stations ...": another question)
    if {"voters", "ballots", "votes", "people", "избирателей", "голосов", "человек", "людей"} & tokens:
        return None
    if any(token.startswith(stems) for stems in METRIC_WORDS.values() for token in tokens):
        return None  # "which stations had the most early voting": the stations by that figure
    if any(token.startswith(SIZE_STEMS) and token != "больше" for token in tokens):
        return None  # "the biggest stations", "самые крупные участки": stations by their size, not a count
    context, language, trace = question.context, question.language, question.trace
    ranking = rank(index, "stations_count_ranking", "polling_stations", None, question.superlative, context, language,
                   trace, limit=question.count or RANKING_LIMIT)  # fmt: skip
    return replace(ranking, asks_one=asks_one_place(question, counted=STATIONS_PLURAL))


def station_ranking(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Which single station abroad had the most voters?", "на каком участке у Путина меньше всего?"."""
    metric_topic = figure_topic(question) or ("turnout" if question.superlative else None)
    asks_stations = names_stations(question.reading.tokens)  # "the biggest station abroad", "на каком участке"
    places_named = [country for country in question.countries if country != ABROAD]
    # "which polish city was worst for putin", "а в каком городе у путина хуже всего": its cities' stations
    if any(token.startswith(CITY_WORDS) for token in question.reading.tokens):
        asks_stations = True
        followed = question.context.country not in (None, ABROAD) and (question.followup or question.short)
        if not places_named and followed:
            places_named = [question.context.country]
    if not (question.superlative and metric_topic and asks_stations and len(places_named) <= 1):
        return None
    metric = ranked_metric(question, metric_topic)
    candidate = (
        question.candidates[0] if question.candidates else (DEFAULT_CANDIDATE if metric == "vote_share" else None)
    )
    state = RankingState(metric, candidate, question.superlative, tuple(places_named), 0,
                         question.count or RANKING_LIMIT, stations=True)  # fmt: skip
    return rank_stations(index, question, state)


def rank_stations(index: KnowledgeIndex, question: Question, state: RankingState) -> Ranking | None:
    """The stations abroad (of the places in ``state``, or all) ranked by a figure of their protocols, or of the
    exit poll taken at them (``state.exit_poll``), from ``state.shown_to``."""
    metric, candidate = state.metric, state.candidate
    of = candidate if metric in ("vote_share", "votes") else None  # whose figure: a candidate's, or the station's
    rows = []
    for number, facts in index.stations.items():
        if state.exit_poll:
            source = next((fact for fact in facts if fact.topic == "exit_poll"), None)
        else:
            source = next((fact for fact in facts if fact.source in DATA_SOURCES and fact.topic != "exit_poll"), None)
        if source is None or source.country in (BAIKONUR, None):
            continue  # Baikonur's stations are a Russian region's, not abroad
        if state.places and source.country not in state.places:
            continue
        figure = next((item for item in source.figures if (item.metric, item.candidate) == (metric, of)), None)
        if state.exit_poll and figure is None:
            continue
        ballots = next((item.value for item in source.figures if item.metric == "ballots_in_boxes"), None)
        rows.append(PlaceFigure(source.country, figure, source, ballots=ballots, station=number))
    if not rows:
        return None
    topic = "exit_poll" if state.exit_poll else "turnout" if metric == "voters" else "result"
    what = "exit poll stations" if state.exit_poll else "stations"
    decision = Ranking(
        "exit_poll_ranking" if state.exit_poll else "station_ranking",
        question.context.updated(
            topic=topic,
            candidate=candidate,
            language=question.language,
            # "and the third one?", "next": the same stations, further down
            ranking=replace(state, shown_to=state.shown_to + state.limit),
        ),
        f"{question.trace}; {what} ranked by {metric} {candidate or ''} {state.order}".strip(),
        1.0,
        metric=metric,
        candidate=candidate,
        order=state.order,
        rows=tuple(rows),
        limit=state.limit,
        offset=state.shown_to,
        min_ballots=MIN_RANKED_BALLOTS if metric in PERCENT_METRICS and not state.exit_poll else 0,
        asks_one=asks_one_place(question),  # "the smallest station in Chad": one station, an answer
        exit_poll=state.exit_poll,
    )
    if not decision.shown:
        return decision
    top = decision.shown[0]
    # "which polish city was worst for putin", then "his share there?": "there" is the one station named
    stations = (top.station,) if decision.asks_one and top.station is not None else decision.context.stations
    return replace(decision, context=decision.context.updated(country=top.place, stations=stations))


def ranking(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Where did most Russians vote?", "where did Putin get the least?"."""
    metric_topic = figure_topic(question)
    places_named = [country for country in question.countries if country != ABROAD]  # "worst abroad": all of them
    if not (question.superlative and metric_topic and len(places_named) != 1):
        return None
    if not (question.on_domain or question.followup or question.weight >= DOMAIN_TOPIC):
        return None
    metric = ranked_metric(question, metric_topic)
    wants_candidate = metric in ("vote_share", "votes")
    candidate = question.candidates[0] if question.candidates else (DEFAULT_CANDIDATE if wants_candidate else None)
    context, language = question.context, question.language
    limit = question.count or RANKING_LIMIT
    # "Israel vs Turkey, who voted more?": the places named; "best result in Central Asia": the region's countries
    places = tuple(places_named) if len(places_named) >= 2 else index.region_members if question.region else None
    if places is None and question.area:
        places = index.area_members(question.area) or None  # "the most pro-Putin Baltic country", "в Азии"
    trace = question.trace
    ranking = rank(
        index, "ranking", metric, candidate, question.superlative, context, language, trace, limit=limit, places=places
    )
    if question.threshold is None or metric not in PERCENT_METRICS:
        return replace(ranking, asks_one=asks_one_place(question))
    # "where did Putin get under 50%?": every place on that side counts, however few its ballots (each shown)
    return replace(
        ranking,
        threshold=question.threshold,
        asks_one=asks_how_many_places(question.reading.tokens),
        min_ballots=0,
        limit=question.count or RANKING_MAX,
        context=ranking.context.updated(ranking=None),  # a list by a threshold has no next page
    )


def ranking_more(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "next", "а дальше?", "а на третьем?" after a ranking: the same ranking, from the places not shown yet or at
    the place asked."""
    state, place = question.ranking_before, question.ranking_place
    if state is None or place is None:
        return None
    turned = place == -1
    if turned:  # "lowest?" after the highest: the other end, from the top
        order = question.superlative or ("least" if state.order == "most" else "most")
        state, place = replace(state, order=order, shown_to=0), 0
    offset, limit = (state.shown_to, state.limit) if place == 0 else (place - 1, 1)
    places = state.places or None
    context, language = question.context, question.language
    trace = f"{question.trace}; the last ranking from place {offset + 1}"
    if state.exit_poll or state.stations:
        more = rank_stations(index, question, replace(state, shown_to=offset, limit=limit))
        if more is None:
            return None
    else:
        more = rank(index, "ranking_more", state.metric, state.candidate, state.order, context, language, trace,
                    limit=limit, offset=offset, places=places)  # fmt: skip
    # "а на третьем?" shows one place (an answer); "next" after it goes on a page as long as the first
    more = replace(more, rule="ranking_more", asks_one=place > 0 or (turned and asks_one_place(question)))
    page = replace(state, shown_to=offset + limit)
    return replace(more, context=more.context.updated(ranking=page)) if more.context.ranking else more


# a list asked for: places in the plural ("which countries", "в каких странах"), a number of them, a ranking
PLACES_PLURAL = frozenset(
    {"countries", "places", "stations", "cities", "states", "страны", "стран", "странах", "странам", "места", "мест",
     "местах", "участки", "участков", "участках", "города", "городов", "городах", "strany", "stranah"}
)  # fmt: skip


def asks_one_place(question: Question, counted: frozenset[str] = frozenset()) -> bool:
    """ "Where did Putin do worst?", "в какой стране больше всего голосовало": one place is asked, the ranking only
    shows it among the others; "top 5", "which countries", "rank them" ask for the list. "In how many countries
    was Putin under 50%?" asks for one number: the count, with the places beside it."""
    if asks_how_many_places(question.reading.tokens):
        return True
    tokens = set(question.reading.tokens)
    listing = {"list", "compare"} & question.intents.keys() or any(token.startswith(("rank", "рейтинг", "top", "топ"))
                                                                  for token in tokens)  # fmt: skip
    return question.count is None and not listing and not (PLACES_PLURAL - counted) & tokens


# words that say which figure a ranking is by, when it is neither the voters nor a candidate's share
METRIC_WORDS = {
    "invalid_share": ("invalid", "spoiled", "spoilt", "недействительн", "испорч", "испорт"),
    "ballots_early": ("early", "досрочн"),
}


# "the most votes in absolute numbers", "больше всего голосов": a candidate's count of votes, not the share
ABSOLUTE_WORDS = ("absolute", "actual", "raw", "абсолютн")
SHARE_WORDS = ("percent", "share", "%", "процент", "доля", "доли", "долю")


def ranked_metric(question: Question, metric_topic: str) -> str:
    """ "the highest share of invalid ballots", "most early votes", a candidate's votes, else the voters or a
    candidate's share."""
    tokens = question.reading.tokens
    for metric, stems in METRIC_WORDS.items():
        if not question.candidates and any(token.startswith(stems) for token in tokens):
            return metric
    shares = any(token.startswith(SHARE_WORDS) for token in tokens)
    if not question.candidates and VOTE_COUNT_WORDS & set(tokens) and not shares:
        return "voters"  # "топ-5 стран по числу голосов": the votes cast, no one's share
    counted = any(token.startswith(ABSOLUTE_WORDS) for token in tokens) or VOTE_COUNT_WORDS & set(tokens)
    if metric_topic != "turnout" and question.candidates and not shares and counted:
        return "votes"
    return "voters" if metric_topic == "turnout" else "vote_share"


# "who were the candidates?": the candidates, as many ("кто был кандидатом от Новых людей?" asks one)
CANDIDATES_WORDS = frozenset({"candidates", "кандидаты", "кандидатами", "кандидатов", "кандидатах", "kandidaty"})


def list_all(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "List all candidates", "перечисли кандидатов", "кто был кандидатами": each one's fact, in the order of the
    national result."""
    plural = bool(CANDIDATES_WORDS & set(question.reading.tokens)) and question.asks_who and not question.candidates
    if not ("list" in question.intents or plural) or question.countries:
        return None
    named = "candidate" in question.topics or any(
        token.startswith(("candidat", "кандидат", "баллотир")) for token in question.reading.tokens
    )
    if question.topic not in (None, "candidate") and not named:
        return None  # "list the stations in Turkey" is no list of candidates; "who was on the ballot? list them" is
    order = [candidate for candidate, *_ in standings_in(index, None, 0, (), question.context, "en", "").rows]
    facts = sorted(
        (fact for fact in index.facts_on(None, "candidate") if fact.candidate),
        key=lambda fact: order.index(fact.candidate) if fact.candidate in order else len(order),
    )
    unique = tuple({fact.candidate: fact for fact in reversed(facts)}.values())[::-1]
    if not unique:
        return None
    context = question.context.updated(topic="candidate", language=question.language)
    return FactAnswer("list_all", context, f"{question.trace}; every candidate", 1.0, answer_facts=unique)


# "putin won everywhere, right?", "путин везде победил?": a win claimed of every place, which the places where
# another came first settle
EVERYWHERE = frozenset({"every", "everywhere", "all", "везде", "всюду", "всех", "каждой", "каждую", "vezde"})


def won_everywhere(question: Question, index: KnowledgeIndex) -> Decision | None:
    """A claim that a candidate came first in every place abroad: the places where another did, counted."""
    tokens = question.reading.tokens
    if not (
        len(question.candidates) == 1
        and EVERYWHERE & set(tokens)
        and any(token.startswith(WIN_STEMS) for token in tokens)
        and not [country for country in question.countries if country != ABROAD]
        and not (question.national or question.region or question.area)  # ("all four Central Asian countries")
    ):
        return None
    candidate = question.candidates[0]
    lost = tuple(
        place for place in index.ranked_countries if index.winners(place) and candidate not in index.winners(place)
    )
    if not lost:
        return None  # (he did: the places where he came first, as the question asks them)
    losses = rank(index, "won_everywhere", "vote_share", candidate, "least", question.context, question.language,
                  question.trace, limit=RANKING_MAX, places=lost)  # fmt: skip
    return replace(losses, min_ballots=0, losses_only=True, asks_count=True)


def candidate_where(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Did Davankov beat Putin anywhere?": the places ranked by the candidate's share."""
    if question.superlative == "least":
        return None  # "where did Putin flop?": the lowest shares, a ranking
    if (
        (figure_topic(question) == "result" or question.reading.signals.place in (1, -1))
        and question.candidates
        and not question.countries
        and not question.national
        and not question.region  # "rank the Central Asian countries by Putin's share": the region side by side
        and "compare" not in question.intents  # "rank the countries by Putin's share": every share, not the wins
        and (asks_for_places(question) or bool(question.area and question.listed_before))  # "а в Азии?" after a list
    ):
        context, language, trace = question.context, question.language, question.trace
        candidate = question.candidates[0]
        limit = question.count or RANKING_MAX
        if question.reading.signals.place == -1:
            # "where did Davankov come last?": the places where his share was the lowest of the candidates'
            last = tuple(place for place in index.ranked_countries if index.losers(place) == (candidate,))
            return rank(index, "candidate_where", "vote_share", candidate, "least", context, language, trace,
                        limit=limit, places=last)  # fmt: skip
        area = index.area_members(question.area) if question.area else None  # "where in Asia did Davankov win?"
        lost = ()
        if any(token.startswith(LOSING_STEMS) for token in question.reading.tokens):
            # "latin american countries where putin lost": where another came first, the candidate's lowest first
            lost = tuple(
                place
                for place in area or index.ranked_countries
                if index.winners(place) and candidate not in index.winners(place)
            )
        if lost:
            losses = rank(index, "candidate_where", "vote_share", candidate, "least", context, language, trace,
                          limit=limit, places=lost)  # fmt: skip
            # (a loss is a loss however few voted: none is left out)
            return replace(losses, min_ballots=0, losses_only=True)
        # (lost nowhere there: where they came first, which is everywhere asked)
        won = rank(
            index,
            "candidate_where",
            "vote_share",
            candidate,
            "most",
            context,
            language,
            trace,
            limit=limit,
            winners_only=True,
            places=area or None,
        )
        if won.ranked or candidate == DEFAULT_CANDIDATE:
            return replace(won, asks_one=asks_how_many_places(question.reading.tokens))  # "in how many countries"
        # first nowhere: where they did best, so the reply still shows their strongest places
        return rank(index, "candidate_where", "vote_share", candidate, "most", context, language, trace)
    return None


def coverage(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Which countries do you cover?"."""
    if "coverage" not in question.intents or question.countries:
        return None
    if question.weight >= STRONG_TOPIC and "domain" not in question.intents:
        return None
    by_source: dict[str, Fact] = {}  # the source line needs one fact per source, not every fact
    for country in index.knowledge.countries:
        for fact in index.by_country.get(country.id, ()):
            by_source.setdefault(fact.source, fact)
    context = question.context.updated(language=question.language)
    return Coverage("coverage", context, question.trace, confidence=1.0, source_facts=tuple(by_source.values()))


def place_figures(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Uzbekistan numbers": the place's figures side by side."""
    if not question.place_figures or question.reading.unknown:
        return None
    if len(question.countries) == 1 and not question.region:
        # "France numbers", "Poland breakdown": one place's figures are its summary, not a comparison
        summary = summary_answer(question, question.countries[0], index, f"{question.trace}; figures of one place")
        if summary is not None:
            return summary
    countries = question.countries
    if not countries and not question.region and question.context.country:
        countries = (question.context.country,)  # "compare with the national figures" after Serbia: Serbia's
    decision = compare(index, "place_figures", question, countries, question.national or len(countries) == 1, None)
    return _with_context(decision, decision.context.updated(region=question.region))


def region(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "How did Central Asia vote?": the countries side by side, or the region's own overview fact."""
    if not question.region or {"where", "countries"} & question.intents.keys():
        return None  # "which Central Asian country...": the answer is one country
    metric_topic = figure_topic(question)
    if metric_topic in ("turnout", "exit_poll") or (metric_topic == "result" and question.candidates):
        decision = compare(index, "region_comparison", question, (), False, metric_topic)
        return _with_context(decision, decision.context.updated(region=True))
    if not index.region_facts:
        return None
    topics = question.topics
    top = max(topics.values(), default=0.0) or 1.0
    question_scores = index.question_scores(question.reading)
    # the asked topic, then a close example question, then the overview (background) fact
    score, fact = max(
        (
            (
                (
                    topics.get(fact.topic, 0.0) / top,
                    question_scores.get(fact.id, 0.0) >= QUESTION_MATCH,
                    fact.topic == "context",
                    question_scores.get(fact.id, 0.0),
                ),
                fact,
            )
            for fact in index.region_facts
        ),
        key=lambda pair: pair[0],
    )
    if not (score[0] >= REGION_TOPIC or metric_topic == "result" or not topics or "overview" in question.intents):
        return None
    context = ChatContext(topic=fact.topic, language=question.language, region=True)
    return FactAnswer("region_fact", context, f"{question.trace}; {fact.id}", confidence=1.0, answer_facts=(fact,))


def compare_last_two(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Japan" then "and China?", then "which is higher?" or "compare them": the chat's two places side by side."""
    before, now = question.context.before, question.context.country
    places = question.compared if len(question.compared) >= 2 else (before, now)  # the last comparison's, else
    if question.countries or question.national or question.region or not all(places) or ABROAD in places:
        return None
    asked = "compare" in question.intents or weighs_two(question.reading.tokens)
    if not (asked and (question.followup or question.short)):
        return None
    topic = figure_topic(question) or (question.context.topic if question.context.topic in FIGURE_TOPICS else None)
    return compare(index, "compare_last_two", question, tuple(places), False, topic or "result")


# "add Tajikistan", "добавь Таджикистан" after a comparison: the same comparison with more places
ADD_WORDS = frozenset({"add", "include", "добавь", "добавьте", "добавить", "включи", "dobav"})


def compare_more(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "add Tajikistan" after "compare Kazakhstan and Kyrgyzstan": the three side by side."""
    compared = question.compared
    added = [country for country in question.countries if country not in compared and country != ABROAD]
    if not (compared and added and ADD_WORDS & set(question.reading.tokens)):
        return None
    topic = figure_topic(question) or (question.context.topic if question.context.topic in FIGURE_TOPICS else None)
    return compare(index, "compare_more", question, (*compared, *added), False, topic)


def compare_again(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "а по явке?" after "compare Kyrgyzstan and Uzbekistan": the same countries on the new topic."""
    countries, topic = question.compared, question.topic
    if not countries or question.countries or question.national or question.region:
        return None
    if not (question.followup or question.short) or (topic is None and not question.candidates):
        return None
    if topic not in (None, *FIGURE_TOPICS) and question.candidates:
        return None  # "who is Davankov?": about the candidate, not the compared places
    if question.candidates or topic in ("turnout", "result"):
        return compare(index, "compare_again", question, countries, False, figure_topic(question) or "result")
    if topic is None or not index.countries_by_topic.get(topic):
        return None  # a national topic ("who is Davankov?"): answered on its own
    return each_place(question, index, countries, topic, compared=tuple(countries))


def each_place(
    question: Question, index: KnowledgeIndex, countries: Sequence[str], topic: str, compared: tuple[str, ...] = ()
) -> EachPlace:
    """Each place's fact on a topic without figures, and the places the sources say nothing about."""
    facts = tuple(index.facts_on(country, topic)[0] for country in countries if index.facts_on(country, topic))
    missing = tuple(country for country in countries if not index.facts_on(country, topic))
    context = question.context.updated(
        country=countries[-1], topic=topic, language=question.language, compared=compared
    )
    trace = f"{question.trace}; {topic} for each of {', '.join(countries)}"
    confidence = 1.0 if facts else 0.0
    rule = "compare_again" if compared else "each_place"
    return EachPlace(rule, context, trace, confidence, topic=topic, place_facts=facts, missing=missing)


# "Kazakhstan including Baikonur", "вместе с Байконуром": two places counted as one
TOGETHER_WORDS = frozenset(
    {"including", "include", "incl", "included", "plus", "together", "combined", "count", "counting", "counted",
     "включая", "вместе", "учетом", "учётом", "учитывая", "вкл", "считая", "считать"}
)  # fmt: skip
WITH_WORDS = frozenset({"with", "с", "со", "s", "plus"})
# ...which a fact of one place does when it counts the other with it
COUNTED_WITH = ("counting", "together", "including", "combined")


def places_together(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Kazakhstan total including Baikonur": the fact of one place that counts the other with it."""
    tokens = question.reading.tokens
    # "с Байконуром?" after Kazakhstan's count: a place added to the chat's ("with" alone, nothing else asked)
    words = [token for token in tokens if token not in ("а", "a", "and", "и", "i")]
    added = len(words) == 2 and words[0] in WITH_WORDS and bool(question.context.country)
    if not (TOGETHER_WORDS & set(tokens) or added):
        return None
    places = list(question.countries)
    if len(places) == 1 and question.context.country not in (None, ABROAD, places[0]):
        places.insert(0, question.context.country)  # "including Baikonur?" after Kazakhstan
    if len(places) != 2 or ABROAD in places:
        return None
    for first, second in (places, places[::-1]):
        name = index.countries[second].name.en
        counted = [
            fact
            for fact in index.by_country.get(first, ())
            if name in fact.answer.en and any(word in fact.answer.en.lower() for word in COUNTED_WITH)
        ]  # fmt: skip
        if counted:
            context = question.context.updated(country=first, topic=counted[0].topic, language=question.language)
            trace = f"{question.trace}; {first} counted with {second}"
            return FactAnswer("places_together", context, trace, 1.0, answer_facts=(counted[0],))
    return None


FROM_WORDS = frozenset({"from", "из", "iz", "изо"})


def places_linked(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "russians from georgia voting in armenia", "why mention trabzon and georgia together?": a report of one place
    that speaks of the other, not the two places side by side."""
    places = [country for country in question.countries if country != ABROAD]
    if len(places) != 2 or "compare" in question.intents or question.superlative or question.candidates:
        return None
    tokens = question.reading.tokens
    starts = {item.id: item.start for item in question.reading.mentions.items if item.kind == "country"}
    origin = next(
        (place for place in places if starts.get(place, 0) > 0 and tokens[starts[place] - 1] in FROM_WORDS), None
    )
    if origin is None and not TOGETHER_WORDS & set(tokens):
        return None
    content = index.content_keys(question.reading)
    cities = [item.city for item in question.reading.mentions.items if item.city]
    if cities:
        # "trabzon station, the one for russians from georgia": the report naming the city, then its stations
        numbers = [number for number in index.city_stations.get(cities[0], ()) if number in index.stations]
        naming = [fact for place in places for fact in index.by_country.get(place, ()) if cities[0] in fact.answer.en]
        if not naming or not numbers:
            return None
        fact = max(naming, key=lambda fact: index.overlap(fact, content))
        facts = (fact, *_station_answer(index, numbers, exit_poll=False))
        context = question.context.updated(
            country=facts[-1].country, language=question.language, stations=tuple(numbers)
        )
        trace = f"{question.trace}; {cities[0]}: {fact.id} and stations {', '.join(map(str, numbers))}"
        return FactAnswer("places_linked", context, trace, 1.0, answer_facts=facts)
    pairs = (
        [(origin, next(place for place in places if place != origin))]
        if origin
        else [tuple(places), tuple(places[::-1])]
    )
    for first, second in pairs:
        other = index.countries[second].name
        speaking = [fact for fact in index.by_country.get(first, ()) if other.en in fact.answer.en]
        if speaking:
            # (the report sharing most words, then the one that says most of the other place)
            fact = max(speaking, key=lambda fact: (index.overlap(fact, content), fact.answer.en.count(other.en)))
            context = question.context.updated(country=first, topic=fact.topic, language=question.language)
            trace = f"{question.trace}; {first}'s report speaking of {second}"
            return FactAnswer("places_linked", context, trace, 1.0, answer_facts=(fact,))
    return None


# a part of the world with at most this many places is shown side by side when named alone; a larger one is
# only ranked ("where in Europe...")
AREA_SIDE_BY_SIDE = 6


def area_places(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "How did the Baltics vote?", "а что в Прибалтике?": the places of a small part of the world side by side."""
    if not question.area or question.countries or question.national or question.region:
        return None
    if {"most", "least", "where"} & question.intents.keys():
        return None  # "the most pro-Putin Baltic country": one place, which a ranking finds
    members = index.area_members(question.area)
    if len(members) > AREA_SIDE_BY_SIDE:
        # "what about Africa?", "results in Latin America": too many places to set side by side, so its places
        # ranked, the most voters first (or the candidate's best share when the result is asked), "next" for more
        topic = figure_topic(question) or "turnout"
        metric = ranked_metric(question, topic)
        candidate = question.candidates[0] if question.candidates else None
        if metric in ("vote_share", "votes"):
            candidate = candidate or DEFAULT_CANDIDATE
        return rank(index, "area_ranking", metric, candidate, "most", question.context, question.language,
                    question.trace, limit=question.count or RANKING_LIMIT, places=members)  # fmt: skip
    if len(members) < 2:
        return None
    return compare(index, "area_places", question, members, False, figure_topic(question) or "result")


def comparison(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "Compare Kazakhstan and Uzbekistan", "compare all countries"."""
    countries, intents = question.countries, question.intents
    metric_topic = figure_topic(question)
    if len(countries) >= 2 and question.topic == "reaction":
        # "did Mirziyoyev and Japarov congratulate him?", "how did the presidents of Kazakhstan and Uzbekistan react"
        return each_place(question, index, countries, "reaction")
    weighed = {"compare", "most", "least", "where", "countries", "list", "figures"} & intents.keys() or (
        WHICH_OF & set(question.reading.tokens)
    )
    # "who won in Serbia and Montenegro?", "Putin % in Kuwait and Bahrain": each place's result, nothing weighed
    each_result = len(countries) >= 2 and not weighed and not question.national and not question.claim
    if each_result and metric_topic in (None, "result") and all(index.facts_on(place, "result") for place in countries):
        decision = each_place(question, index, countries, "result")
        # each place's result from each origin: a report's, then the official protocols'
        facts = tuple(fact for country in countries for fact in place_summary(country, index, ("result",)))
        return replace(decision, place_facts=facts or decision.place_facts)
    followed = question.context.country
    if "compare" in intents and len(countries) == 1 and followed and followed not in (countries[0], ABROAD):
        # "compare with Serbia" after Montenegro: the chat's place beside the one named
        topic = metric_topic or (question.context.topic if question.context.topic in FIGURE_TOPICS else "result")
        return compare(index, "comparison", question, (followed, countries[0]), question.national, topic)
    asked = "compare" in intents and (len(countries) != 1 or question.national)
    if asked and not countries and question.claim and question.context.country:
        return None  # "Eurasianet said 57.6, why different?": the figure put to the bot, about the chat's place
    if asked and not countries and (question.national or "national" in intents) and followed:
        # "how does that compare with the national result?": the chat's place beside Russia as a whole
        topic = metric_topic or (question.context.topic if question.context.topic in FIGURE_TOPICS else "result")
        return compare(index, "comparison", question, (followed,), True, topic)
    if asked and not countries and not question.national and question.reading.subject_words:
        return None  # "trump vs harris electoral votes": names the base does not know, compared
    if len(countries) >= 2 or (
        asked and (countries or question.national or metric_topic or "countries" in intents or question.topic is None)
    ):
        return compare(index, "comparison", question, countries, question.national, metric_topic)
    return None


def figures_explained(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "почему цифра другая?", "why the difference?" after a reply: the facts just cited, which say why their
    figures differ (a rounded and an exact one, shares of different totals)."""
    if not asks_why(question) or question.countries or question.candidates or question.reading.subject_words:
        return None
    cited = index.known_facts(question.context.cited)
    if not cited or not {"figures", "compare"} & question.intents.keys() or question.topic not in (None, "diaspora"):
        return None  # ("why" alone leans to the reasons people moved: no topic of its own)
    context = question.context.updated(language=question.language)
    trace = f"{question.trace}; why the figures of {', '.join(fact.id for fact in cited)} differ"
    return FactAnswer("cited_again", context, trace, 1.0, answer_facts=tuple(cited))


def cited_words(question: Question, index: KnowledgeIndex) -> Decision | None:
    """ "how many were told to leave" after the police checks in Latvia: no topic or name, every word one the last
    reply's fact says; that fact again, which tells it."""
    reading = question.reading
    if question.topics or question.countries or question.candidates or reading.unknown or not question.short:
        return None
    cited = index.known_facts(question.context.cited[:1])
    content = index.content_keys(reading)
    if not cited or len(content) < CITED_WORDS or index.overlap(cited[0], content) < CITED_OVERLAP:
        return None
    context = question.context.updated(language=question.language)
    trace = f"{question.trace}; every word in {cited[0].id}"
    return FactAnswer("cited_again", context, trace, 1.0, answer_facts=(cited[0],))


CITED_WORDS = 2  # content words a follow-up needs before they can all be the last fact's ("told", "leave")
CITED_OVERLAP = 0.9  # ...and the share of them (by rarity) the fact says: "many" may be missing, not "leave"


ROUTES: tuple[Callable[[Question, KnowledgeIndex], Decision | None], ...] = (
    figures_explained,
    shared_name,
    other_year,
    list_count,
    ranking_more,
    margin,
    station,
    city_list,
    registered_voters,
    hours,
    outlet_named,
    city,
    standings,
    exit_poll_ranking,
    stations_count_ranking,
    station_ranking,
    places_together,
    places_linked,
    compare_more,
    compare_last_two,
    ranking,
    won_everywhere,
    candidate_where,
    coverage,
    place_figures,
    list_all,
    region,
    compare_again,
    area_places,
    comparison,
)


# ---------------------------------------------------------------------- computing from figures


def standings_in(
    index: KnowledgeIndex,
    country: str | None,
    place: int,
    candidates: Sequence[str],
    context: ChatContext,
    language: str,
    trace: str,
) -> Standings:
    """Candidates ranked by their share in one place (a country, or Russia overall), best kind of figure first."""
    best: dict[str, tuple] = {}
    for figure, fact in index.figures.get((country, "vote_share"), ()):  # best kind first
        if figure.candidate and figure.value is not None:
            best.setdefault(figure.candidate, (figure, fact))
    rows = tuple(
        (candidate, figure, fact, index.other_figures(country, "vote_share", candidate, figure))
        for candidate, (figure, fact) in sorted(best.items(), key=lambda item: -(item[1][0].value or 0.0))
    )
    ranked = [candidate for candidate, *_ in rows]
    asked = next((candidate for candidate in candidates if candidate in ranked), None)
    # "his party?" next is about the candidate the reply named: the one asked, at the place asked, else the winner
    at_place = ranked[place - 1] if 0 < place <= len(ranked) else (ranked[-1] if place == -1 and ranked else None)
    named = asked or at_place or (ranked[0] if ranked else None)
    new_context = context.updated(country=country, topic="result", candidate=named, language=language)
    trace = f"{trace}; standings in {country or 'russia'}, place {place}"
    return Standings(
        "standings", new_context, trace, 1.0, place=country, asked_place=place, asked_candidate=asked, rows=rows
    )


def rank(
    index: KnowledgeIndex,
    rule: str,
    metric: str,
    candidate: str | None,
    order: str,
    context: ChatContext,
    language: str,
    trace: str = "",
    *,
    limit: int = RANKING_LIMIT,
    offset: int = 0,
    winners_only: bool = False,
    places: Sequence[str] | None = None,
) -> Ranking:
    """The places abroad ranked by a figure, the official count first; too-small places left out of shares."""
    rows: list[PlaceFigure] = []
    missing: list[str] = []
    ties: list[str] = []
    for country in index.ranked_countries if places is None else places:
        row = place_figure(index, country, metric, candidate)
        winners = index.winners(country) if winners_only else ()
        if row.figure is None:
            missing.append(country)
        elif winners_only and candidate in winners and len(winners) > 1:
            ties.append(country)  # first together with another candidate: said apart, not counted as a win
        elif not winners_only or winners == (candidate,):
            rows.append(row)
    national = index.best_figure(None, metric, candidate) if not offset else None
    state = None if winners_only else RankingState(metric, candidate, order, tuple(places or ()), offset + limit, limit)
    new_context = context.updated(
        topic="turnout" if metric == "voters" else "result", candidate=candidate, language=language, ranking=state
    )
    ranking = Ranking(
        rule,
        new_context,
        f"{trace}; ranking {metric} {candidate or ''} {order}".strip("; "),
        1.0,
        metric=metric,
        candidate=candidate,
        order=order,
        rows=tuple(rows),
        missing=tuple(missing),
        national=PlaceFigure(None, *national) if national else None,
        limit=limit,
        offset=offset,
        min_ballots=MIN_RANKED_BALLOTS if metric in PERCENT_METRICS and not winners_only else 0,
        winners_only=winners_only,
        ties=tuple(ties),
    )
    if winners_only or not ranking.shown:
        return ranking
    # "how many voted there?" after "where did Putin do worst?": "there" is the place at the top of the list
    return replace(ranking, context=new_context.updated(country=ranking.shown[0].place))


def place_figure(index: KnowledgeIndex, place: str, metric: str, candidate: str | None) -> PlaceFigure:
    """A place's best figure (the official count first), the other sources' beside it, and its ballots."""
    found = index.best_figure(place, metric, candidate)
    if found is None:
        return PlaceFigure(place, None, None)
    figure, fact = found
    ballots = index.best_figure(place, "ballots_in_boxes", None)
    return PlaceFigure(
        place,
        figure,
        fact,
        also=index.other_figures(place, metric, candidate, figure),
        ballots=ballots[0].value if ballots else None,
    )


def compare(
    index: KnowledgeIndex,
    rule: str,
    question: Question,
    countries: Sequence[str],
    national: bool,
    metric_topic: str | None,
) -> Comparison:
    """The places (every country when none is named) side by side on the topic's metrics."""
    chosen = list(countries) or list(index.region_members)
    with_national = national or len(chosen) == 1
    candidates = question.candidates
    # "compare with Serbia" after "how much did he (Davankov) get?": the chat's candidate, else the winner's share
    candidate = candidates[0] if candidates else question.context.candidate or DEFAULT_CANDIDATE
    wanted: list[tuple[str, str | None]] = []
    if metric_topic in (None, "turnout"):
        wanted.append(("voters", None))
    if metric_topic in (None, "result", "exit_poll") or candidates:
        wanted.append(("vote_share", candidate))
    metrics = []
    for metric, metric_candidate in wanted:
        rows = tuple(place_figure(index, country, metric, metric_candidate) for country in chosen)
        found = index.best_figure(None, metric, metric_candidate) if with_national else None
        metrics.append(ComparedMetric(metric, metric_candidate, rows, PlaceFigure(None, *found) if found else None))
    context = question.context.updated(
        country=chosen[-1] if countries else question.context.country,
        topic="turnout" if metric_topic == "turnout" else "result",
        candidate=candidates[0] if candidates else None,
        language=question.language,
        compared=tuple(countries) if len(countries) > 1 else (),
    )
    trace = f"{question.trace}; comparison of {', '.join(chosen)}"
    return Comparison(rule, context, trace, 1.0, metrics=tuple(metrics))


# "why", "почему", "how come": the answer is the sources' reasons for the place's result, beside the result
WHY_WORDS = frozenset({"why", "почему", "отчего", "pochemu", "otchego", "поч", "pochemy"})
REASON_TOPICS = ("diaspora", "context")  # who moved there and what the place is like: what the sources explain with
REASONS_SHOWN = 2


def asks_why(question: Question) -> bool:
    tokens = question.reading.tokens
    return bool(WHY_WORDS & set(tokens)) or ("how", "come") in pairwise(tokens)


def with_reasons(decision: Decision, question: Question, index: KnowledgeIndex) -> Decision:
    """ "Why did Putin do so badly in Almaty?": the place's answer, then the facts the sources explain it by (who
    moved there, a military base, dual citizens); unchanged when the sources give the place none."""
    if not (isinstance(decision, FactAnswer) and decision.answer_facts and asks_why(question)):
        return decision
    decision = replace(decision, side_by_side=False)  # a "why" is answered, whatever places it sets side by side
    place = place_asked(question)
    if place is None and question.short and not question.countries and SO_MUCH & set(question.reading.tokens):
        place = question.context.country  # "почему так много" after Cyprus's count: Cyprus's reasons
    answered = {fact.id for fact in decision.answer_facts}
    if place is None or decision.answer_facts[0].topic in REASON_TOPICS:
        return decision
    # a city asked about: what the reports say of that city, not of another ("Ankara" is not Istanbul's queue)
    cities = [item.city for item in question.reading.mentions.items if item.city]
    # ("why didn't they vote in Georgia?": a place with no station is explained by why there was none)
    topics = REASON_TOPICS if place in index.ranked_countries else ("polling_places", *REASON_TOPICS)
    reasons = [
        fact
        for topic in topics
        for fact in index.facts_on(place, topic)
        if fact.id not in answered
        and fact.country == place
        and (
            topic == "diaspora"
            or (not cities and decision.rule != "station")
            or any(city in fact.answer.en for city in cities)
        )
    ][:REASONS_SHOWN]
    if not reasons:
        return decision
    trace = f"{decision.trace}; why: {', '.join(fact.id for fact in reasons)}"
    return replace(decision, rule="reasons", trace=trace, answer_facts=(*decision.answer_facts, *reasons))


def _with_context(decision: Decision, context: ChatContext) -> Decision:
    return replace(decision, context=context)

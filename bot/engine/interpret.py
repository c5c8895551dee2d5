"""Stage 2, interpret: a reading in the light of the chat — which places, candidates and topic, and how sure.

Everything later stages test (is it a follow-up, about the region, about Russia as a whole, on the election at
all) is decided here once, named, and kept in an immutable ``Question``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from types import MappingProxyType

from bot.abroad_facts import ABROAD
from bot.engine.reading import Reading, is_station_number, names_stations
from bot.engine.thresholds import (
    CANDIDATE_RESULT_LEAD,
    CLAIM_TOPIC,
    LEADER_REACTION_BOOST,
    NAMED_TOPIC_LEAN,
    POPULATION_LEAD,
    RANKING_MAX,
    SHORT_MESSAGE_WORDS,
    TURNOUT_WITH_CANDIDATE,
    WEAK_TOPIC,
)
from bot.entities import Mention
from bot.models import TOPICS
from bot.replies import ChatContext, RankingState
from bot.text import CLAIM_CUES, NUMBER_WORDS, PRONOUNS, REPAIR_CUES, STOPWORDS, token_keys
from bot.topics import AREA_STEMS, INTENT_WORDS, ORDINAL_KEYS, OUTSIDE

# "Serbia or Montenegro?", "which is higher": the places are weighed against each other
WHICH_OF = frozenset({"or", "или", "which", "какой", "какая", "какое", "где", "better", "worse", "лучше", "хуже"})
# ...and these weigh the two places the chat was about ("which is higher?", "compare them")
COMPARATIVES = frozenset(
    {"higher", "lower", "more", "less", "bigger", "smaller", "better", "worse", "выше", "ниже", "больше", "меньше",
     "лучше", "хуже", "them", "both", "их", "обе", "оба", "обоих"}
)  # fmt: skip


def weighs_two(tokens: tuple[str, ...]) -> bool:
    return bool(WHICH_OF & set(tokens) and COMPARATIVES & set(tokens))


# "official", "final": after an exit poll or a preliminary figure they ask for the result itself
OFFICIAL_WORDS = frozenset(
    {"official", "final", "officially", "real", "actual", "официальный", "официальные", "официально", "окончательный",
     "окончательно", "окончательные", "итоговый", "реальный", "реальные", "настоящий"}
)  # fmt: skip
# "next", "а дальше?", "the rest": the places after those a ranking showed
NEXT_WORDS = frozenset(
    {"next", "more", "rest", "continue", "further", "following", "дальше", "далее", "следующие", "следующих", "ещё",
     "еще", "продолжи", "продолжай", "остальные", "остальных", "others"}
)  # fmt: skip
THEN_WORDS = frozenset({"then", "тогда", "тот", "том"})  # "back then", "в тот раз", "в том году"
THERE_WORDS = frozenset({"there", "там", "туда", "тут", "здесь", "that"})
# "the whole country?", "а по стране в целом?" after a city: the city's country, not Russia ("nationally" stays Russia)
WHOLE_COUNTRY = re.compile(
    r"\b(?:whole|entire|the) country\b|\bcountry (?:overall|as a whole)\b|\bпо (?:всей )?стране\b"
    r"|\bвся страна\b|\bв целом\b|\bpo (?:vsei |vsey )?strane\b|\bv celom\b"
)
# words that point back at the thing the last reply was about: "who came up with it?", "а кто её придумал?"
IT_WORDS = frozenset({"it", "this", "that", "его", "её", "ее", "это", "этого", "этим", "неё", "него", "ней"})
WHERE_WORDS = frozenset({"where", "anywhere", "somewhere", "где"})
WHO_WORDS = frozenset({"who", "кто", "whose", "чья", "чей", "чьей", "чьё", "чье"})
WHAT_WORDS = frozenset({"what", "что", "чего"})
# words that ask for a count of votes, not a share ("Putin's votes in Russia", "by how many votes")
VOTE_COUNT_WORDS = frozenset({"votes", "голосов", "голоса", "golosov", "golosa"})
# nouns of things counted: a number beside one is a count, never a share typed without "%"
COUNT_NOUNS = VOTE_COUNT_WORDS | frozenset(
    {"voters", "people", "ballots", "persons", "человек", "людей", "избирателей", "бюллетеней", "chelovek"}
)
FIGURE_TOPICS = ("turnout", "result", "exit_poll")  # topics whose facts carry figures to rank and compare


@dataclass(frozen=True)
class Question:
    """One message as the engine understands it, with the chat's context."""

    reading: Reading
    language: str
    context: ChatContext  # the chat's context, with the last reply's region and comparison cleared
    compared: tuple[str, ...]  # the countries the last reply compared
    stations_before: tuple[int, ...]  # the polling stations the last reply was about
    listed_before: tuple[str, ...]  # the places the last reply listed
    ranking_before: RankingState | None  # the ranking the last reply showed
    # "next", "а на третьем?" after a ranking: the place asked for (0: the next page; -1: the ranking turned,
    # "lowest?" after the highest), else None
    ranking_place: int | None
    countries: tuple[str, ...]
    candidates: tuple[str, ...]
    leaders: tuple[Mention, ...]
    foreign: tuple[Mention, ...]  # countries of the world the base has no data for
    topics: Mapping[str, float]  # topic -> weight, after names have leant on them
    topic: str | None  # the strongest topic
    weight: float  # its weight
    national: bool  # about Russia as a whole
    region: bool  # about the region as a whole (every country side by side)
    followup: bool  # "and in ...?", "there": leans on the chat's context
    short: bool  # a few content words: may lean on the context without a follow-up word
    leans_on_chat: bool  # a short message in a dialog naming a place or a topic: the chat says what it is about
    on_domain: bool  # a name or an election word says it is about this election
    place_figures: bool  # "Uzbekistan numbers": figures for a place, no topic word saying which
    metric_topic: str | None  # the topic when it is one with figures
    superlative: str | None  # "most" or "least"
    asks_who: bool
    refers_back: bool  # "it", "she" point back at what the last reply was about (its facts)
    asks_where: bool
    count: int | None  # how many places the question asks for ("the ten countries", "top 5")
    years: tuple[str, ...]  # years named other than 2024 ("in 2018"): another election, unless a fact speaks of it
    claim: tuple[float, bool] | None  # a figure put to the bot to check ("15,000 voted there, true?"), % or not
    threshold: tuple[float, str] | None  # "where did Putin get under 50%?": a share and "below" or "above"
    area: str | None  # a part of the world named ("in Asia", "в Европе", "Baltic"): rankings keep to its places
    trace: str  # what was read, for --why

    @property
    def intents(self) -> Mapping[str, int]:
        return self.reading.signals.intents

    @property
    def words_of_its_place(self) -> frozenset[str]:
        """The unknown words that a fact of the place asked about holds ("латвия ... документы": Latvia's police
        checks), the chat's place in a follow-up ("правда что полиция там документы проверяла?")."""
        places = set(self.countries)
        if not places and self.context.country and (self.followup or self.short):
            places = {self.context.country}
        return frozenset(token for token, held in self.reading.word_places if held & places)

    @property
    def named(self) -> bool:
        """A name says what the question is about: a place, a candidate, a leader, Russia or the region."""
        # ("something about molotov cocktails at an embassy": a name only a few facts hold says what is asked)
        return bool(
            self.countries or self.candidates or self.leaders or self.national or self.region or self.reading.base_names
        )


def interpret(reading: Reading, context: ChatContext, language: str, *, inherit: bool = False) -> Question:
    """``inherit``: a clause of a longer message, which takes the message's place as "there" does."""
    mentions, signals = reading.mentions, reading.signals
    intents = signals.intents
    countries = corrected_places(reading, places_asked(reading))
    candidates = tuple(mentions.candidates())
    # ("Novaya Gazeta Europe says ...": the outlet's "Europe" asks about no part of the world)
    area = area_asked(
        tuple(token for position, token in enumerate(reading.tokens) if position not in reading.outlet_words)
    )
    leaders = tuple(mentions.of("leader"))
    # ("how many votes did he get?" asks a figure: "he" is then the candidate of the chat, not the leader)
    asks_a_figure = any(topic in signals.topics for topic in FIGURE_TOPICS)
    if not (leaders or candidates or asks_a_figure) and context.leader and PRONOUNS & set(reading.tokens):
        # "what did he say?" after "who congratulated Putin first?": the leader the last reply was about
        leader, country = context.leader
        leaders = (Mention("leader", leader, leader, -1, -1, country=country),)
        countries = countries or (country,)
    elif not candidates and context.candidate and PRONOUNS & set(reading.tokens):
        candidates = (context.candidate,)  # "how much did he get abroad?": the candidate of the last reply
    elif context.candidate and context.candidate not in candidates and _pronoun_before_names(reading):
        # "where did he beat Putin?" after Davankov came second: "he" is the chat's candidate, Putin the other
        candidates = (context.candidate, *candidates)
    elif not candidates and context.candidate and context.listed and area:
        candidates = (context.candidate,)  # "а в Азии где?" after where Davankov won: the same, in Asia
    foreign = tuple(mentions.foreign())
    there = inherit or any(token in THERE_WORDS for token in reading.tokens)
    after_a_city = bool(context.stations) and context.country not in (None, ABROAD) and not countries
    # (with no word of another subject: "the weather in the country as a whole?" is no follow-up)
    whole_country = after_a_city and not reading.subject_words and bool(WHOLE_COUNTRY.search(" ".join(reading.tokens)))
    there = there or whole_country
    # "in total" after "there" is that country's total; Russia named outright is always national
    # ("abroad vs nationally": abroad is the other side of the comparison, not a place that "in total" belongs to)
    # (a clause of a message about the places abroad is national by its own words: "... and the national turnout")
    there_of_a_place = there and not (inherit and context.country == ABROAD)
    national = bool(mentions.of("national")) or (
        "national" in intents and not [country for country in countries if country != ABROAD] and not there_of_a_place
    )
    threshold = share_threshold(reading)
    claim = claimed_figure(reading) if threshold is None else None
    counted = COUNT_NOUNS & set(reading.tokens)  # ("60 голосов в Кении": a count, whatever it is beside)
    # ("on 42 stations", "in 18 countries": a count of stations or places, never a share)
    counts_places = claim is not None and counts_stations(reading.tokens, claim[0], COUNTED_PLACE_NOUNS)
    counts_things = counts_places or (claim is not None and counts_stations(reading.tokens, claim[0]))
    if (
        claim is not None
        and not claim[1]
        and claim[0] <= 100
        and "turnout" not in signals.topics
        and not (counted or counts_things)
    ):
        # "Putin 81, true?", "Eurasianet said 81" after a share: a number under 100 beside a candidate or in a chat
        # about results is a share typed without "%"
        claim = (claim[0], bool(candidates or context.topic == "result"))
    topics = weigh_topics(reading, candidates, leaders)
    # "how many people?", "how many countries?" after the exit poll: a count of it, its respondents or places
    short = len([token for token in reading.tokens if token not in STOPWORDS]) <= SHORT_MESSAGE_WORDS
    counts_the_poll = context.topic == "exit_poll" and short and not (signals.named or countries or candidates)
    if counts_the_poll and topics:
        topics = {"exit_poll": max(topics.values())}
    if (
        not (countries or candidates or context.listed or counts_the_poll)  # after a list, it counts the list
        and asks_how_many_countries(reading.tokens)
        and not {"compare", "most", "least"} & intents.keys()
    ):
        # "in how many countries could Russians vote?": the stations abroad, which the facts count by country
        countries, topics = (ABROAD,), {**topics, "polling_places": max(topics.values(), default=0.0) + 1.0}
    if asks_where_to_vote(reading) and "turnout" in topics:
        # "в сша где можно было голосовать": where one voted, not how many did
        topics = {**topics, "polling_places": topics["turnout"] + topics.get("polling_places", 0.0)}
    # ("davankov led in 18 countries": a count of places, no one's share or ballots: the words say the topic)
    if claim is not None and not counts_places:
        topics = claim_topics(topics, claim, leaders)
        if counts_stations(reading.tokens, claim[0]):
            # "russia opened 401 polling stations abroad": the number counts stations, whatever else the words weigh
            topics["polling_places"] = max(topics.values()) + CLAIM_TOPIC / 2
    if not topics and OFFICIAL_WORDS & set(reading.tokens) and context.topic:
        # "and the official one?", "а окончательно?" after an exit poll or a preliminary figure: the result
        topics = {"result": WEAK_TOPIC}
    topic, weight = best_topic(topics)
    # "sorry, I meant Kazakhstan": a repair asks the last question again, about another place
    repair = bool(REPAIR_CUES & set(reading.tokens))
    followup = intents.get("followup") == 0 or there or repair
    # "and Putin's share?" after a region question stays at the region level until a place is named
    region = not (countries or mentions.of("national")) and (
        "region" in intents or (context.region and (followup or short) and not (national or foreign))
    )
    # "Uzbekistan numbers": figures as such, for a place, with no topic word saying which
    place_figures = bool(
        (("figures" in intents and (countries or region or national)) or ("summary" in intents and countries))
        and weight < WEAK_TOPIC
        and not candidates  # "what did Putin get in KZ, the official number": the candidate's result
    )
    on_domain = (
        bool(countries or candidates or leaders or national or foreign or region or signals.specific)
        or "domain" in intents
        or whole_country
        or bool(reading.base_names)  # "what did Zakharova say": someone the facts name
    )
    # "and the official figure?", "ок, а по Киргизии?": in a dialog a short message with a place or a topic word
    # and no unknown word naming a subject of its own takes its subject from the chat ("what's the weather in
    # Paris?" does not)
    refers_back = points_back(reading, context, bool(candidates or leaders))
    years = other_years(reading)
    leans_on_chat = not inherit and (  # a clause of one message is screened on its own words
        (
            not reading.subject_words
            and bool(context.country or context.topic or context.region)
            and (followup or short)
            # ("and the preliminary figure?": the figures of the chat's place and topic)
            and bool(countries or candidates or reading.stations or signals.named or topics or "figures" in intents)
        )
        or bool(context.listed and signals.counted)  # "сколько таких стран?" after a list
        or bool(refers_back and short and not reading.subject_words)
        # "and there?", "а там?": nothing but the place of the chat, asked about on the chat's topic
        or bool(there and followup and context.country and context.topic and len(reading.tokens) <= 3)
        or bool(((context.before and context.country) or context.compared) and weighs_two(reading.tokens))
        or whole_country  # "and the country as a whole?" after a city
        # "а раньше?", "and last time?": the chat's place and topic, in the election before
        or bool(years and short and context.country and context.topic and not reading.subject_words)
    )
    ranking_place = continued_ranking(reading, context) if not (countries or candidates or inherit) else None
    if ranking_place is None and not (countries or candidates or inherit) and turned_ranking(reading, context):
        ranking_place = -1  # "lowest?" after the highest: the same ranking from its other end
    leans_on_chat = leans_on_chat or ranking_place is not None
    # "а таблоид писал 3200, это правда?": a figure put to the bot in a dialog is about the chat's place
    on_domain = on_domain or leans_on_chat or bool(claim is not None and context.country and (followup or short))
    # a clause of a message about a place ("Israel result & how many stations") is about the vote as the message is
    on_domain = on_domain or bool(inherit and context.country)
    return Question(
        reading=reading,
        language=language,
        # only a region reply keeps the region, a comparison the compared countries, a station reply its stations
        context=context.updated(
            region=False, compared=(), stations=(), listed=(), ranking=None, year=None, leader=None
        ),
        compared=context.compared,
        stations_before=context.stations,
        listed_before=context.listed,
        ranking_before=context.ranking,
        ranking_place=ranking_place,
        countries=countries,
        candidates=candidates,
        leaders=leaders,
        foreign=foreign,
        topics=MappingProxyType(topics),
        topic=topic,
        weight=weight,
        national=national,
        region=region,
        followup=followup,
        short=short,
        leans_on_chat=leans_on_chat,
        on_domain=on_domain,
        place_figures=place_figures,
        metric_topic=topic if topic in FIGURE_TOPICS else None,
        # "правда, что у Путина больше 90%?": "more" belongs to the claim, it asks for no ranking
        superlative=(
            ("least" if threshold[1] == "below" else "most")
            if threshold
            else None
            if claim is not None and not asked_count(reading)
            else superlative(intents, signals.words, reading.tokens)
        ),
        asks_who=any(token in WHO_WORDS for token in reading.tokens),
        refers_back=refers_back,
        asks_where=any(token in WHERE_WORDS for token in reading.tokens),
        count=asked_count(reading),
        # "and Putin's share back then?" after 2018: the chat's year, said again
        years=years or ((context.year,) if context.year and THEN_WORDS & set(reading.tokens) and not countries else ()),
        claim=claim,
        threshold=threshold,
        area=area,
        trace=describe(reading, topics),
    )


# words that say "the first few of a list" rather than which end: "top 5 worst countries" is the low end
ORDER_ONLY = frozenset({"top", "топ"})
DEGREE_WORDS = frozenset({"most", "сильнее", "больше всего", "наиболее", "больше", "more"})
FAILING_WORDS = frozenset(
    {"провал", "провалился", "провалиться", "flopped", "flop", "trounced", "продул", "проиграть сильнее", "fared worst",
     "антирекорд", "worst", "худший", "хуже всего"}
)  # fmt: skip
MOST_WORDS = frozenset(INTENT_WORDS["most"])
LEAST_WORDS = frozenset(INTENT_WORDS["least"])
# lost, said of a candidate (as typed and in dictionary form)
LOSING_VERBS = frozenset({"продул", "продуть", "провалился", "провалиться", "flopped", "flop", "trounced"})


# "outside Europe", "за пределами Европы", "не в Европе": every place but those of the part of the world named
OUTSIDE_WORDS = frozenset({"outside", "beyond", "except", "excluding", "вне", "кроме", "пределами", "исключением"})
NOT_IN = (("not", "in"), ("не", "в"), ("ne", "v"))


def area_asked(tokens: tuple[str, ...]) -> str | None:
    """The part of the world asked about (an ``AREA_STEMS`` key), or "outside_" + the one everything but is asked."""
    for area, stems in AREA_STEMS.items():
        position = next((at for at, token in enumerate(tokens) if token.startswith(stems)), None)
        if position is not None:
            before = tokens[max(position - 2, 0) : position]
            outside = bool(before) and (before[-1] in OUTSIDE_WORDS or tuple(before) in NOT_IN)
            return f"{OUTSIDE}{area}" if outside else area
    return None


COUNT_WORDS = ("many", "сколько", "скольких", "скольки", "skolko", "skolkih")
COUNTRY_STEMS = ("countr", "стран", "state", "государств", "stran")
PLACE_STEMS = (*COUNTRY_STEMS, "place", "мест", "station", "участк", "uchastk", "cit", "город")


def asks_how_many_countries(tokens: tuple[str, ...]) -> bool:
    """ "in how many countries", "в скольких странах", "сколько стран": a count of the countries themselves."""
    return any(word.startswith(COUNTRY_STEMS) and before in COUNT_WORDS for before, word in pairwise(tokens))


def asks_how_many_places(tokens: tuple[str, ...]) -> bool:
    """ "in how many countries did Davankov win", "на скольких участках": a number of places, not a list of them."""
    return any(
        word.startswith(PLACE_STEMS) and (before in COUNT_WORDS or (before == "foreign" and early in COUNT_WORDS))
        for early, before, word in zip(("", *tokens), tokens, tokens[1:], strict=False)
    )


# a candidate losing: "where did Putin lose the most" is the low end of his share
LOSING_STEMS = ("lost", "lose", "losing", "проиграл", "проигра", "proigral", "proigra")


def superlative(intents: Mapping[str, int], words: list[str], tokens: tuple[str, ...] = ()) -> str | None:
    """ "most" or "least"; both at once ("more or less than nationally?") ask for a comparison, not an end."""
    least = {word for word in words if word in LEAST_WORDS}
    if "least" in intents and least and least <= LOSING_VERBS and set(tokens) & set(COUNT_WORDS):
        return None  # "на скольких участках путин продул": a count of the places he lost, no end of a ranking
    if "most" in intents and "least" not in intents and any(token.startswith(LOSING_STEMS) for token in tokens):
        # "где путин проиграл больше всего": "the most" says how much, the verb says which end
        most_words = {word for word in words if word in MOST_WORDS}
        if most_words <= ORDER_ONLY | DEGREE_WORDS:
            return "least"
    if "most" in intents and "least" in intents:
        most_words = {word for word in words if word in MOST_WORDS}
        if most_words and most_words <= ORDER_ONLY:
            return "least"
        # "где Путин провалился сильнее всего", "where did he flop the most": "the most" says how much, the verb
        # says which end
        failing = {word for word in words if word in FAILING_WORDS}
        return "least" if failing and most_words <= ORDER_ONLY | DEGREE_WORDS else None
    return "least" if "least" in intents else "most" if "most" in intents else None


ELECTION_YEAR = "2024"


# "я живу в Бонне", "I've been living in Almaty since 2022": the asker says where they live, which makes it the place
# asked about ("our station"), not a question about how many people live there
LIVING_FIRST_PERSON = frozenset({"живу", "живём", "живем", "проживаю", "проживаем", "zhivu", "zhivem"})
FIRST_PERSON = frozenset({"i", "we", "im", "ive"})
SINCE_WORDS = frozenset({"since", "с", "from", "s"})


def asker_lives(tokens: tuple[str, ...]) -> bool:
    if LIVING_FIRST_PERSON & set(tokens):
        return True
    return any(
        word.startswith(("live", "living", "reside")) and FIRST_PERSON & set(tokens[max(0, at - 3) : at])
        for at, word in enumerate(tokens)
    )


def other_years(reading: Reading) -> tuple[str, ...]:
    """Years other than 2024 ("2018", "2012"), when the message does not also name 2024; "since 2022" after "I live"
    is when the asker moved, not an election."""
    tokens = reading.tokens
    residence = asker_lives(tokens)
    years = [
        token
        for at, token in enumerate(tokens)
        if len(token) == 4 and token.isdigit() and "1990" <= token <= "2035"
        and not (residence and at and tokens[at - 1] in SINCE_WORDS)
        and not _a_count(tokens, at)
    ]  # fmt: skip
    if ELECTION_YEAR in years and not COMPARED_YEARS & set(tokens):
        return ()  # ("the 2024 figures, not 2018's": 2024 is asked)
    if not years and asks_the_previous_election(tokens):
        years = [PREVIOUS_ELECTION_YEAR]
    return tuple(dict.fromkeys(year for year in years if year != ELECTION_YEAR))


# "only 2000 russians voted", "около 2000 человек": a number of people, not a year
# ("about 2018", "около 2018 года" stay years: only a word that says "no more than" makes the number a count)
COUNT_BEFORE = frozenset({"only", "just", "nearly", "almost", "всего", "только", "почти", "лишь"})
COUNTED_AFTER = frozenset({"russians", "people", "voters", "votes", "ballots", "persons", "citizens", "ppl", "человек",
                           "россиян", "избирателей", "голосов", "бюллетеней", "граждан"})  # fmt: skip


def _a_count(tokens: tuple[str, ...], at: int) -> bool:
    after = tokens[at + 1] if at + 1 < len(tokens) else ""
    return (at > 0 and tokens[at - 1] in COUNT_BEFORE) or after in COUNTED_AFTER


PREVIOUS_ELECTION_YEAR = "2018"  # the presidential election before 2024's
PREVIOUS_WORDS = ("last", "previous", "prior", "прошл", "предыдущ")
ELECTION_OR_TIME = ("time", "election", "vote", "раз", "выбор")
EARLIER_WORDS = frozenset({"раньше", "ранее", "earlier", "ranshe"})


def asks_the_previous_election(tokens: tuple[str, ...]) -> bool:
    """ "last time", "на прошлых выборах", "compared to the previous election", or "а раньше?" alone: 2018."""
    if any(
        first.startswith(PREVIOUS_WORDS) and second.startswith(ELECTION_OR_TIME) for first, second in pairwise(tokens)
    ):
        return True
    content = {token for token in tokens if token not in STOPWORDS}
    return bool(content) and content <= EARLIER_WORDS


# "Germany 2018 vs 2024", "2024 против 2018": both years asked, side by side (the place's comparison with that year)
COMPARED_YEARS = frozenset({"vs", "versus", "against", "compared", "compare", "сравнении", "сравнить", "против", "и",
                            "and", "to", "с", "from"})  # fmt: skip


def corrected_places(reading: Reading, countries: tuple[str, ...]) -> tuple[str, ...]:
    """ "skolko za putina v gruzii... v smysle v armenii", "Georgia, sorry, Armenia": a place named after a repair
    cue inside the message replaces those named before it."""
    if len(countries) < 2:
        return countries
    tokens = reading.tokens
    # "sorry, kazakhstan not kyrgyzstan", "не в Киргизии, а в Казахстане": the place after a "not" is set aside, as
    # is one left out ("Казахстан без Байконура", "kazakhstan excluding baikonur", "not counting Baikonur")
    negated = {
        item.id
        for item in reading.mentions.items
        if item.kind == "country" and item.start > 0
        and (tokens[item.start - 1] in NEGATIONS | EXCLUSIONS
             or (item.start > 1 and tokens[item.start - 1] in PLACE_PREPOSITIONS | COUNTING
                 and tokens[item.start - 2] in NEGATIONS))
    }  # fmt: skip
    if negated and set(countries) - negated:
        return tuple(country for country in countries if country not in negated)
    cues = [at for at, token in enumerate(tokens) if token in REPAIR_CUES or token in INLINE_REPAIRS] + [
        at + 1 for at, pair in enumerate(pairwise(tokens)) if pair in INLINE_REPAIR_PAIRS
    ]
    if not cues:
        return countries
    cues.sort()
    after = tuple(item.id for item in reading.mentions.items if item.kind == "country" and item.start > cues[-1])
    return tuple(dict.fromkeys(after)) or countries


NEGATIONS = frozenset({"not", "не", "ne"})
EXCLUSIONS = frozenset({"without", "excluding", "except", "minus", "без", "кроме", "исключая", "bez", "krome"})
COUNTING = frozenset({"counting", "including", "считая", "включая", "schitaya"})
PLACE_PREPOSITIONS = frozenset({"in", "в", "во", "v", "по", "po", "about", "про", "pro"})
INLINE_REPAIRS = frozenset({"смысле", "smysle", "тоесть"})  # "в смысле"
INLINE_REPAIR_PAIRS = frozenset({("то", "есть"), ("to", "est"), ("i", "mean"), ("or", "rather"), ("или", "вернее")})


VOTE_VERBS = ("голосова", "проголосова", "vote", "voting", "golosova", "progolosova")


def asks_where_to_vote(reading: Reading) -> bool:
    """ "где можно было голосовать", "where could one vote": a place to vote asked, not a count of voters."""
    tokens = reading.tokens
    return (
        bool(WHERE_WORDS & set(tokens))
        and any(token.startswith(VOTE_VERBS) for token in tokens)
        and not (asks_a_count(reading) or {"most", "least"} & reading.signals.intents.keys())
        and not reading.mentions.candidates()  # ("where did Putin get votes": his result)
    )


def asks_a_count(reading: Reading) -> bool:
    """ "how many", "сколько", "на скольких": the message asks for a number."""
    tokens = reading.tokens
    return reading.signals.counted or bool({"сколько", "скольких"} & set(tokens)) or ("how", "many") in pairwise(tokens)


def places_asked(reading: Reading) -> tuple[str, ...]:
    """The places named, with "abroad" as the frame it usually is rather than a place of its own."""
    countries = tuple(reading.mentions.countries())
    if ABROAD in countries and (len(countries) > 1 or "region" in reading.signals.intents):
        # "Russians abroad in Kazakhstan", "Russians abroad in Central Asia": "abroad" frames the question
        countries = tuple(country for country in countries if country != ABROAD)
    if reading.event and not countries:
        countries = (ABROAD,)  # "Noon Against Putin" happened at the stations abroad
    # "at how many stations did Putin lose?": the stations the base counts are the stations abroad
    if (
        not countries
        and asks_a_count(reading)
        and reading.mentions.candidates()
        and not reading.mentions.of("national")
        and names_stations(reading.tokens)
    ):
        countries = (ABROAD,)
    return countries


BELOW_WORDS = frozenset({"under", "below", "less", "lower", "меньше", "менее", "ниже", "до"})
ABOVE_WORDS = frozenset({"over", "above", "more", "higher", "больше", "более", "выше", "свыше", "от"})
PLACES_WORDS = ("countr", "place", "where", "стран", "где", "мест")


def share_threshold(reading: Reading) -> tuple[float, str] | None:
    """ "in how many countries did Putin get under 50%?", "где Даванков набрал больше 50%": the places on one side
    of a share, not a claim about one place; a claim word ("true?") keeps it a claim."""
    shares = [value for value, percent in reading.numbers if percent]
    tokens = reading.tokens
    # a claim word makes it a claim about one place, unless a count of places is claimed too ("under half in 42
    # countries, can you confirm?": the places on that side, counted)
    counted = any(not percent for _, percent in reading.numbers)
    if len(shares) != 1 or (any(token in CLAIM_CUES for token in tokens) and not counted):
        return None
    if not any(token.startswith(PLACES_WORDS) for token in tokens) or reading.mentions.countries():
        return None
    if BELOW_WORDS & set(tokens):
        return shares[0], "below"
    if ABOVE_WORDS & set(tokens):
        return shares[0], "above"
    return None


def continued_ranking(reading: Reading, context: ChatContext) -> int | None:
    """After a ranking, a short message that goes on with it: "next", "а дальше?" (0, the next page) or a place in
    it, "а на третьем?" (3). "Who came second?" asks a candidate, so a "who" leaves it to the standings."""
    if context.ranking is None or reading.stations:
        return None
    content = [token for token in reading.tokens if token not in STOPWORDS or token in NEXT_WORDS]
    if len(content) > SHORT_MESSAGE_WORDS or any(token in WHO_WORDS for token in reading.tokens):
        return None
    ranks = {token: _ordinal(token) for token in content}
    if any(token not in ranks or not ranks[token] for token in reading.subject_words):
        return None  # a word of another subject ("and the weather?")
    asked = next((rank for rank in ranks.values() if rank), None)
    if asked is not None:
        return asked
    return 0 if NEXT_WORDS & set(content) else None


END_WORDS = frozenset(
    word for intent in ("most", "least") for phrase in INTENT_WORDS[intent] for word in phrase.split()
)


def turned_ranking(reading: Reading, context: ChatContext) -> bool:
    """ "lowest?", "а меньше всего?" after a ranking: only the words of an end, so the same ranking, turned."""
    if context.ranking is None or reading.stations or not ({"most", "least"} & reading.signals.intents.keys()):
        return False
    # ("а где больше всего?": every word a stopword, the end words among them)
    content = [token for token in reading.tokens if token not in STOPWORDS or token in END_WORDS]
    return 0 < len(content) <= SHORT_MESSAGE_WORDS and all(token in END_WORDS for token in content)


def _ordinal(token: str) -> int | None:
    """The place an ordinal word names ("третьем" 3, "tenth" 10); "last" and other words none."""
    rank = next((ORDINAL_KEYS[key] for key in token_keys(token) if key in ORDINAL_KEYS), None)
    return rank if rank is not None and rank > 0 else None


def points_back(reading: Reading, context: ChatContext, people: bool) -> bool:
    """ "Who came up with it?", "what did she write?" after a reply about a person no chat slot keeps (Navalnaya):
    the message asks who or what of the last reply's facts. ``people``: a candidate or leader "he" already
    stands for. Only "who" asks more of a thing ("what time is it there?", "when is it?" ask something else)."""
    tokens = set(reading.tokens)
    asks = bool(WHO_WORDS & tokens)
    # ("его", "её" are "it" and "him", "her": when a candidate or leader is at hand, they are that person)
    thing = bool((IT_WORDS - PRONOUNS) & tokens or (PRONOUNS & tokens and not people)) and asks
    person = bool(PRONOUNS & tokens) and not people and (asks or bool(WHAT_WORDS & tokens))
    return bool(context.cited) and (thing or person) and not reading.mentions.items


SUBJECT_PRONOUNS = frozenset({"he", "she", "он", "она"})


def _pronoun_before_names(reading: Reading) -> bool:
    """A subject pronoun before the first candidate named ("where did he beat Putin", "где он обошёл Путина")."""
    named = [item.start for item in reading.mentions.items if item.kind == "candidate"]
    return bool(named) and any(token in SUBJECT_PRONOUNS for token in reading.tokens[: min(named)])


SAID_WORDS = frozenset({"сказал", "сказала", "сказали", "заявил", "заявила", "заявили", "назвал", "назвала"})
QUESTION_TAGS = frozenset({("так",), ("да",), ("tak",), ("da",)})


def claimed_figure(reading: Reading) -> tuple[float, bool] | None:
    """The figure a message puts forward: any with a claim word ("true?", "правда?"), else a percentage or a count
    of 100 and more (small numbers ask how many places to list: "top 5")."""
    # ("памфилова сказала 54,7 по армении, так?": a figure someone said, or a question tag at the end, puts it
    # forward too; "сказала" is no stopword, a word of the leaders' reactions)
    tokens = reading.tokens
    cue = any(token in CLAIM_CUES or token in SAID_WORDS for token in tokens) or tokens[-1:] in QUESTION_TAGS
    for value, percent in reading.numbers:
        if cue or percent or value >= 100:
            # "putin 87.29, final?": a figure with decimals under 100 is a share, whether or not "%" was typed
            return value, percent or (value != int(value) and value < 100)
    return None


def asked_count(reading: Reading) -> int | None:
    """ "the ten countries", "top 5", "топ-20": a small number asks how many places to list (a share does not:
    "under 50%")."""
    shares = {int(value) for value, percent in reading.numbers if percent and value == int(value)}
    for token in reading.tokens:
        if token.isdigit() and len(token) <= 2 and int(token) in shares:
            continue  # (a share of a place; a long run of digits is no share and is never converted)
        number = NUMBER_WORDS.get(token) or (int(token) if token.isdigit() and len(token) <= 2 else None)
        if number and 1 <= number <= RANKING_MAX:
            return number
    return None


def about_russians(reading: Reading) -> bool:
    """ "how many Russians live there" (a diaspora) rather than "how many people live there" (a population)."""
    return any(token.startswith(("russian", "русск", "россиян", "rossiyan", "russkih")) for token in reading.tokens)


def weigh_topics(reading: Reading, candidates: tuple[str, ...], leaders: tuple[Mention, ...]) -> dict[str, float]:
    """The topic words' weights, leant on by the names: a leader asks what they said, a candidate how they did."""
    signals = reading.signals
    topics = dict(signals.topics)
    if "population" in signals.intents and about_russians(reading) and not signals.strong:
        # "how many Russians live there": who lives there (the diaspora), never how many voted
        topics = {"diaspora": max(topics.values(), default=0.0) + POPULATION_LEAD}
    if leaders:
        topics["reaction"] = topics.get("reaction", 0.0) + LEADER_REACTION_BOOST
    elif candidates and topics:
        named_other = max((value for name, value in signals.named.items() if name != "result"), default=0.0)
        if named_other >= WEAK_TOPIC and named_other > signals.named.get("result", 0.0):
            # another topic named outright ("Putin's party", "exit poll Davankov"): the name only leans
            topics["result"] = topics.get("result", 0.0) + NAMED_TOPIC_LEAN
            if "turnout" in topics:
                topics["turnout"] *= TURNOUT_WITH_CANDIDATE
        else:
            # "how many for Putin?", "а за Даванкова сколько?": counts and vague words ask for the candidate's
            # share or votes, whatever the last topic was; only turnout's own words keep a little weight
            topics["result"] = max(topics.values()) + CANDIDATE_RESULT_LEAD
            topics.pop("turnout", None)
            if signals.named.get("turnout"):
                topics["turnout"] = TURNOUT_WITH_CANDIDATE * signals.named["turnout"]
    return topics


# nouns that only name a polling station ("участник", "участвовать" share the stem "участ" and are no station)
STATION_NOUNS = ("station", "участк", "участок", "уик", "uchastk", "uchastok", "uik", "precinct")


# nouns of places: "in 18 countries", "в 42 странах" count places, never a share
COUNTED_PLACE_NOUNS = ("countr", "стран", "stran", "state", "государств")


def counts_stations(tokens: tuple[str, ...], claimed: float, nouns: tuple[str, ...] = STATION_NOUNS) -> bool:
    """The claimed number stands right before a station noun ("401 polling stations", "295 участков"), or the
    nouns given."""
    for position, token in enumerate(tokens[:-1]):
        after = tokens[position + 1 : position + 3]
        # (not a station's own number, "8133 station", nor a year, "in 2024 polling stations abroad had ...")
        if not token.isdigit():
            continue
        if is_station_number(token) or (len(token) == 4 and token[:2] in ("19", "20")):
            continue
        if float(token) == claimed and any(word.startswith(nouns) for word in after):
            return True
    return False


def claim_topics(topics: dict[str, float], claim: tuple[float, bool], leaders: tuple[Mention, ...]) -> dict[str, float]:
    """A figure put to the bot is a figure topic's: "Pamfilova said 54.7%", "a tabloid wrote 3,200" ask whether the
    figure is right, not what anyone said ("said" names the claim's source); a share is a result, a count a turnout
    unless the words say which."""
    topics = dict(topics)
    if not leaders:
        topics.pop("reaction", None)
    figures = {name: value for name, value in topics.items() if name in FIGURE_TOPICS}
    claimed = max(figures, key=lambda name: figures[name]) if figures else "result" if claim[1] else "turnout"
    # "81% for Putin - legit?": with a figure put forward, doubt is about the figure ("legit", "fake"), and so is
    # the outlet it is credited to ("Eurasianet says 4,600"), so the figure's topic leads whatever those words weigh
    beside = max(topics.get("context", 0.0), topics.get("source", 0.0))
    topics[claimed] = max(topics.get(claimed, 0.0), CLAIM_TOPIC, beside + 0.01 if beside else 0.0)
    return topics


def best_topic(topics: Mapping[str, float]) -> tuple[str | None, float]:
    """The strongest topic; a tie goes to the topic listed first in models.TOPICS."""
    if not topics:
        return None, 0.0
    topic = max(topics, key=lambda name: (topics[name], -TOPICS.index(name)))
    return topic, topics[topic]


def describe(reading: Reading, topics: Mapping[str, float]) -> str:
    names = ", ".join(f"{item.kind}:{item.id}{'~' if item.fuzzy else ''}" for item in reading.mentions.items)
    weights = ", ".join(f"{name}={value:.2f}" for name, value in sorted(topics.items(), key=lambda kv: -kv[1]))
    parts = [
        f"language={reading.language or '?'}{' (transliterated)' if reading.transliterated else ''}",
        f"names=[{names}]",
        f"topics=[{weights}]",
        f"intents={sorted(reading.signals.intents)}",
    ]
    if reading.unknown:
        parts.append(f"unknown={list(reading.unknown)}")
    return "; ".join(parts)

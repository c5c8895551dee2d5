"""Stage 5, match: fuzzy matching onto the facts — fill the slots (place, topic, candidate), score, choose.

A fact answers only with a clear winner: above ``ANSWER_SCORE`` and with no runner-up about something else
within ``AMBIGUITY_MARGIN``; otherwise the choices are offered, or the bot says what the sources do not report.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from bot.abroad_facts import DATA_SOURCES
from bot.engine.decisions import Choices, Decision, FactAnswer, NotReported, Refusal, WhichTopic
from bot.engine.index import ContentKeys, KnowledgeIndex
from bot.engine.interpret import ABROAD, FIGURE_TOPICS, VOTE_COUNT_WORDS, Question, asks_a_count
from bot.engine.thresholds import (
    ABROAD_FIT,
    AMBIGUITY_MARGIN,
    ANSWER_SCORE,
    ANSWER_TYPE_BONUS,
    ANY_COUNTRY_FIT,
    CANDIDATE_FIGURE,
    CANDIDATE_OWN,
    CARRIER_WEIGHT,
    CITED_BONUS,
    CITY_REPORT_FIT,
    CLEAR_EXAMPLE,
    CLEAR_EXAMPLE_MARGIN,
    CONSIDERED_TOPIC,
    CONTEXT_FIT,
    DEFAULT_FIT,
    MISSING_FIGURE_PENALTY,
    NAME_ONLY_TOPIC,
    NATIONAL_FIT,
    OTHER_CANDIDATE,
    OUTLET_BONUS,
    OVERLAP_WEIGHT,
    OWN_WORDS_OVERLAP,
    PLACE_FROM_CONTEXT,
    PLACE_NAMED,
    QUESTION_BONUS,
    QUESTION_MARGIN,
    QUESTION_MATCH,
    QUESTION_ONLY,
    SHORT_MESSAGE_WORDS,
    STRONG_TOPIC,
    SUGGEST_SCORE,
    TOPIC_FIT_WEIGHT,
    UNASKED_CANDIDATE,
    UNKNOWN_WORDS_TOPIC,
    UNKNOWN_WORDS_TOPIC_WITH_COUNTRY,
    WEAK_TOPIC,
    WHERE_COUNTRY_FIT,
)
from bot.models import Fact
from bot.replies import ChatContext, Considered
from bot.text import STOPWORDS, token_keys

SUMMARY_TOPICS = ("turnout", "result")  # what a vague ask about a place is answered with


@dataclass(frozen=True)
class Slots:
    """What a fact must be about to answer: a place (and where it came from), a topic and a candidate."""

    country: str | None
    country_from: str  # "text", "context", "national" or "none"
    topic: str | None
    candidate: str | None
    asks_where: bool = False  # "where / which country": the answer is a country


def match(question: Question, index: KnowledgeIndex) -> Decision:
    """The fact that answers, the choices, or why none does."""
    slots = fill_slots(question, index)
    trace = (
        f"{question.trace}; slots country={slots.country} ({slots.country_from}) "
        f"topic={slots.topic} candidate={slots.candidate}"
    )
    reading, context = question.reading, question.context
    if set(reading.base_names) - set(reading.wide_names):
        # "who is Reznik?", "где голосовала Навальная": the name says what is asked better than any topic word
        # (a name many facts hold, "Pamfilova", only when the answer chosen by the topic lacks it, below)
        named = rare_word_answer(question, slots, index, None)
        if named is not None:
            return named
    cited = index.known_facts(context.cited)
    if slots.topic is None and question.refers_back and cited and not reading.subject_words:
        # "whose idea was it?" after Noon Against Putin: no topic word, only "it" and who: the last reply's fact
        new_context = context_after(cited[0], slots, question.language)
        trace += f"; points back at {cited[0].id}"
        return FactAnswer("cited_again", new_context, trace, 1.0, answer_facts=(cited[0],))
    if slots.topic is None:
        matched = example_question(question, index) if question.on_domain or not reading.unknown else None
        if matched is not None:
            fact, score = matched
            new_context = context_after(fact, slots, question.language)
            trace += f"; example question matched {score:.0f}"
            return FactAnswer("example_question", new_context, trace, score / 100, answer_facts=(fact,))
        # ("best things to do in Bishkek": a superlative of nothing the base counts is no vague ask about the vote)
        if slots.country and slots.country_from == "text" and not reading.unknown and not question.superlative:
            summary = summary_answer(question, slots.country, index, trace)
            if summary is not None:  # "what happened in Serbia?", "Финляндия": how many voted and the result
                return summary
            new_context = context.updated(country=slots.country, language=question.language)
            return WhichTopic("place_summary", new_context, trace, country=slots.country)  # no figures: its topics
        # ("захарова какую цифру называла": a person several facts name, and no topic word to choose among them)
        named = rare_word_answer(question, slots, index, None) if reading.base_names else None
        return named or Refusal("no_topic", context.updated(language=question.language), trace)
    # ("правда что полиция там документы проверяла?": words of the chat's place's facts make it about them)
    on_domain = question.on_domain or bool(
        reading.subject_words and set(reading.subject_words) <= question.words_of_its_place
    )
    # ("а сколько планировали в январе?" after the stations abroad: known words go on with the dialog's subject)
    on_domain = on_domain or (question.followup and bool(context.topic) and not reading.unknown)
    if not on_domain and (reading.unknown or question.weight < STRONG_TOPIC):
        return Refusal("off_domain_topic", context.updated(language=question.language), trace)
    # "egypt russians vote", "what did the Netherlands vote like": "vote" alone says neither the count nor the
    # result, so the place in brief (both) answers; so does "anything happen to russian voters in latvia", after what
    # the reports tell
    weak_vote_words = (
        question.topic is not None
        # the message's own weak words, not the topic of the chat; a weak word of a topic the place has no fact on
        # ("ирландия россияне голосование": "россияне") leaves the vote as the subject too
        and (
            question.topic in SUMMARY_TOPICS
            # ("russian population in Thailand" asks a population, which no source gives)
            or ("population" not in question.intents and not index.facts_on(slots.country, question.topic))
        )
        and (question.weight < WEAK_TOPIC or (_only_vote_words(question) and slots.country in index.ranked_countries))
        and not reading.unknown
    )
    events = asks_events(question) and question.weight < STRONG_TOPIC
    if (
        slots.country_from == "text"
        and slots.country
        and (weak_vote_words or events)
        and not (question.candidates or question.claim or question.superlative)
    ):
        summary = summary_answer(question, slots.country, index, trace)
        if summary is not None:
            return summary
    # unexplained words need clear topic words (a named country lowers the bar a little)
    bar = UNKNOWN_WORDS_TOPIC_WITH_COUNTRY if question.countries else UNKNOWN_WORDS_TOPIC
    # ("brunei lol did anyone even vote": "even" only shades the question beside a place)
    unknown = reading.subject_words if question.countries else reading.unknown
    if (
        unknown
        and question.weight < bar
        and not (question.candidates or question.leaders or question.followup)
        and not _said_in_the_last_reply(unknown, question, index)
    ):
        return Refusal("unknown_words_weak_topic", context.updated(language=question.language), trace)
    decision = choose_fact(question, slots, index, trace)
    return rare_word_answer(question, slots, index, decision) or decision


def _said_in_the_last_reply(words: Sequence[str], question: Question, index: KnowledgeIndex) -> bool:
    """Every word the base does not know is a word of the facts the last reply gave ("who came up with the idea?"
    after Noon Against Putin, whose fact says who came up with it)."""
    keys = [index.fact_keys.get(fact_id, frozenset()) for fact_id in question.context.cited]
    return bool(keys) and all(any(not token_keys(word).isdisjoint(held) for held in keys) for word in words)


def _only_vote_words(question: Question) -> bool:
    """The topic is said only by words of voting as such ("в Ливии голосовали?", "south africa russian voters"),
    which name neither the count nor the result, however early in the message they stand."""
    reading = question.reading
    strongest = reading.signals.strongest.get(question.topic or "", 0.0)
    # (a place named in the message itself, not a city, which has its own figures, nor a person whose words are
    # asked: "what number did Zakharova give for voters abroad")
    named_here = bool(question.countries) and not any(item.city for item in reading.mentions.items)
    return strongest <= WEAK_TOPIC and not asks_a_count(reading) and named_here and not reading.base_names


# "what happened in Latvia?", "anything happen to voters there?": the events the reports tell come first
EVENT_STEMS = ("happen", "incident", "случил", "произош", "происход", "твори", "инцидент", "sluchil", "proizosh")


def summary_answer(question: Question, country: str, index: KnowledgeIndex, trace: str) -> FactAnswer | None:
    """The place in brief (after what the reports say happened there, when that is asked), then the rest of its
    topics; None when it has no figures to sum up."""
    summary = place_summary(country, index)
    if not summary:
        return None
    events = index.facts_on(country, "context") if asks_events(question) else ()
    if events:
        # the report that shares most of the message's words ("what happened with the police in Latvia?")
        content = index.content_keys(question.reading)
        # ("anything happen in tbilisi?": the report that names the city typed, before another of its country's)
        typed = [item.text.casefold() for item in question.reading.mentions.items if item.id == country]
        place = index.countries.get(country)
        own = {place.name.en.casefold(), place.name.ru.casefold()} if place else set()
        cities = [name for name in typed if name not in own]

        def fit(fact: Fact) -> tuple[bool, float]:
            text = f"{fact.answer.en} {fact.answer.ru}".casefold()
            return any(name in text for name in cities), index.overlap(fact, content)

        summary = (max(events, key=fit), *summary)
    context = question.context.updated(country=country, topic="result", language=question.language)
    return FactAnswer("place_summary", context, trace, 1.0, answer_facts=summary, more_about=country)


def asks_events(question: Question) -> bool:
    """ "what happened in X?", "в Тбилиси что-то было?": what the reports tell of the place, asked with no topic."""
    tokens = question.reading.tokens
    if any(token.startswith(EVENT_STEMS) for token in tokens):
        return True
    # ("что там было", "что-то было": "what was there", with no topic word saying what)
    return question.metric_topic is None and "было" in tokens and bool({"что", "чё", "че"} & set(tokens))


def place_summary(country: str, index: KnowledgeIndex, topics: tuple[str, ...] = SUMMARY_TOPICS) -> tuple[Fact, ...]:
    """A place in brief: how many voted and the result, from each origin (a report's fact, the official count)."""
    chosen: list[Fact] = []
    for topic in topics:
        facts = index.facts_on(country, topic)
        for official in (False, True):
            found = next((fact for fact in facts if (fact.source in DATA_SOURCES) == official), None)
            if found is not None:
                chosen.append(found)
    return tuple(chosen)


SO_MUCH = frozenset(
    {"many", "much", "few", "little", "high", "low", "много", "мало", "высокий", "низкий", "mnogo", "malo"}
)
ELSE_WORDS = frozenset({"else", "other", "others", "ещё", "еще", "другие", "остальные", "ещe"})


def fill_slots(question: Question, index: KnowledgeIndex) -> Slots:
    """The place, topic and candidate asked, each from the message or, for a follow-up, from the chat."""
    context, followup = question.context, question.followup
    content = [token for token in question.reading.tokens if token not in STOPWORDS]
    if question.countries:
        country, country_from = question.countries[0], "text"
    elif question.national:
        country, country_from = None, "national"
    elif context.country and followup:
        country, country_from = context.country, "text"  # "there", "а ...?" name the last country
    elif context.country and (question.topic is None or len(content) <= SHORT_MESSAGE_WORDS):
        country, country_from = context.country, "context"
    else:
        country, country_from = None, "none"
    named_here = question.reading.mentions.countries()  # (not the leader "him" stands for)
    # ("а что он ещё говорил?" asks more of the same leader: only "who else" asks the others)
    if (
        question.topic == "reaction"
        and question.asks_who
        and not named_here
        and ELSE_WORDS & set(question.reading.tokens)
    ):
        country, country_from = None, "none"  # "who else congratulated him?" after one leader: all of them
    claimed_at = claimed_place(question, index) if country_from in ("none", "national") else None
    if claimed_at is not None:
        # "Захарова говорила 372 тысячи, это окончательно?": a count put forward with no place is checked where
        # the facts state it (the votes abroad)
        country, country_from = claimed_at, "text"
    topic = question.topic
    candidate = question.candidates[0] if question.candidates else None
    if candidate and question.weight < NAME_ONLY_TOPIC:
        # a name without topic words: how they did (if a place or a result is in play), else who they are
        if context.topic in ("result", "exit_poll") and (followup or country_from != "none"):
            # "and Putin?" after "no exit poll for Kyrgyzstan": the place's result is what it has on him
            has_poll = bool(index.facts_on(country, "exit_poll"))
            topic = context.topic if context.topic == "result" or has_poll else "result"
        elif country_from in ("text", "context", "national"):
            topic = "result"  # ("how much did putin get nationally": his national result)
        else:
            topic = "candidate"
    # "And in Tajikistan?" repeats the last topic, if that topic is about countries at all
    if (
        topic is None
        and context.topic
        and (question.countries or question.candidates or followup or question.national)
        and (country_from != "text" or bool(index.countries_by_topic.get(context.topic)))
    ):
        topic = context.topic
        if topic == "exit_poll" and WHOLE_WORDS & set(question.reading.tokens) and question.countries:
            topic = "result"  # "and Kazakhstan as a whole?" after a station's exit poll: the country's count
        if topic not in COUNTED_TOPICS and "national" in question.intents and question.countries:
            topic = "result"  # "а по всей киргизии?" after its president's words: the whole country's count
    if (
        topic == "diaspora"
        and question.weight < WEAK_TOPIC
        and context.topic in ("turnout", "result")
        and SO_MUCH & set(question.reading.tokens)
    ):
        topic = context.topic  # "а почему так много?" after a count: that figure, which the reasons then explain
    elif topic == "diaspora" and SO_MUCH & set(question.reading.tokens) and COUNTED_VOTES & question.topics.keys():
        # "why were there so many votes in cyprus": the count (a candidate's: his result), which the reasons explain
        topic = "result" if question.candidates else "turnout"
    if topic == "exit_poll" and country_from == "national" and not index.facts_on(None, topic):
        if question.topic == "exit_poll":
            country_from = "none"  # "how many stations had exit polls in total": all the polls, which were abroad
        else:
            topic = "result"  # "а в целом по стране?" after an exit poll: the national figure is the result
    if candidate is None and context.candidate and topic in ("result", "exit_poll") and followup:
        candidate = context.candidate
    return Slots(country, country_from, topic, candidate, "where" in question.intents)


def choose_fact(question: Question, slots: Slots, index: KnowledgeIndex, trace: str) -> Decision:
    """Score the facts that could answer and pick one, offer several, or say what is not reported."""
    assert slots.topic is not None
    language, context = question.language, question.context
    clear = clear_example(question, slots, index)
    if clear is not None and clear.topic != slots.topic:
        # "how many voters were registered abroad": a fact's own example question, near word for word and far
        # ahead of any other, says what is asked better than the topic words ("voters" reads as turnout)
        facts = with_other_source([clear], _scored_pool(question, slots, index), slots, index)
        trace += f"; the example question of {clear.id}"
        return FactAnswer("clear_example", context_after(clear, slots, language), trace, 1.0, answer_facts=tuple(facts))
    counted = asks_a_count(question.reading)
    if "population" in question.intents and counted and slots.country_from in ("national", "none"):
        # "сколько всего россиян уехало", "how many Russians live abroad": the emigrants, whom no source counts
        new_context = context.updated(topic="diaspora", language=language)
        return Refusal("not_reported", new_context, f"{trace}; no count of Russians abroad", reason="no_emigrant_count")
    if "population" in question.intents and counted and slots.country_from == "text":
        # "how many Russians live in X": a fact that states it, else say no source gives it (the relocation story
        # is no population figure)
        assert slots.country is not None
        mention = population_mention(question, slots.country, index)
        new_context = context.updated(country=slots.country, topic="diaspora", language=language)
        if mention is not None:
            return FactAnswer("population_mention", new_context, f"{trace}; {mention.id}", 1.0, answer_facts=(mention,))
        trace += f"; no population figure for {slots.country}"
        return NotReported("not_reported", new_context, trace, 0.0, (), country=slots.country, topic="population")
    if (
        slots.country_from == "text"
        and slots.country
        and not index.facts_on(slots.country, slots.topic)
        and bool(index.countries_by_topic.get(slots.topic))
    ):
        mention = population_mention(question, slots.country, index)
        if mention is not None:
            new_context = context.updated(country=slots.country, language=language)
            return FactAnswer("population_mention", new_context, f"{trace}; {mention.id}", 1.0, answer_facts=(mention,))
        found = elsewhere(question, slots, index)
        if found is not None:
            return found
        if question.topic is None and context.topic == slots.topic:
            # "estonia?" after the police checks in Latvia: the chat's topic, which this place has no fact on; say
            # so, then the place in brief
            summary = summary_answer(question, slots.country, index, f"{trace}; no {slots.topic} fact")
            if summary is not None:
                return replace(summary, rule="topic_not_here", not_reported=(slots.topic, slots.country))
        # a per-country topic this country has no fact on: say so rather than answer for another place
        return _not_reported(slots, context, language, trace, ())
    scored = _scored_pool(question, slots, index)
    considered = tuple(
        Considered(fact.id, round(score, 3), f"{fact.country}/{fact.topic}") for score, fact in scored[:6]
    )
    if not scored or scored[0][0] < SUGGEST_SCORE:
        if slots.country and not index.facts_on(slots.country, slots.topic):
            return _not_reported(slots, context, language, trace, considered)
        new_context = context.updated(language=language)
        return Refusal("no_fact_close", new_context, trace, considered=considered)
    scored, promoted = _asked_topic_first(scored, slots)
    scored, silent = _the_one_saying_the_words(scored, question, index)
    best_score, best = scored[0]
    rivals = [
        (score, fact)
        for score, fact in scored[1:]
        if best_score - score < AMBIGUITY_MARGIN
        and fact.id not in silent
        and (fact.country, fact.topic) != (best.country, best.topic)
        and not (promoted and fact.topic != slots.topic)  # the neighbour topic lost the tie to the asked one
        and not _whole_before_one(best, fact, question, slots)
        and not _city_told_twice(best, fact, slots)
    ]
    if best_score < ANSWER_SCORE or rivals:
        choices = [best] + [fact for _, fact in rivals[:2]] if rivals else [fact for _, fact in scored[:3]]
        new_context = context.updated(language=language)
        return Choices("ambiguous", new_context, trace, best_score, considered, choices=tuple(choices[:3]))
    facts = [best] + [
        fact
        for score, fact in scored[1:2]
        if best_score - score < AMBIGUITY_MARGIN
        and (fact.country, fact.topic, fact.candidate) == (best.country, best.topic, best.candidate)
    ]
    facts = with_other_source(facts, scored, slots, index)
    if asks_a_count(question.reading) and len(facts) > 1:
        # "сколько было участков в Казахстане?": the fact that counts them before one that says it cannot
        facts.sort(key=lambda fact: not any(figure.value is not None for figure in fact.figures))
    new_context = context_after(best, slots, language)
    if question.asks_who and best.topic == "result" and not slots.candidate and len(index.winners(best.country)) == 1:
        # "who won in Montenegro?" then "how much did he get?": the winner is "he"
        new_context = new_context.updated(candidate=index.winners(best.country)[0])
    return FactAnswer(
        "slot_match",
        new_context,
        f"{trace}; answered with {best.id}",
        min(best_score, 1.0),
        considered,
        answer_facts=tuple(facts),
        missing_candidate=_missing_candidate(best, slots),
    )


# "until what time", "до скольки", "во сколько": the answer is a time of day
CLOCK_ASKS = (("what", "time"), ("до", "скольки"), ("до", "скольких"), ("во", "сколько"), ("until", "when"))


@lru_cache(maxsize=1024)
def whole_word(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(name)}\b")


def names_place(fact: Fact, name: str) -> bool:
    """Whether a fact's English text names a place as a whole word ("Paris", not "Parisian")."""
    return bool(whole_word(name).search(fact.answer.en))


def _russia_reports(slots: Slots, content: ContentKeys, index: KnowledgeIndex) -> dict[str, float]:
    """Reports on voting abroad that name Russia, asked as a whole, and hold the message's words (by the word
    postings), each with its place fit, a little less than Russia's own facts'."""
    if not content or slots.country_from != "national":
        return {}
    # (only when Russia's own facts do not say the words asked: a report naming many places is no answer to a
    # question they answer)
    own_best = max((index.overlap(fact, content) for fact in index.by_country.get(slots.country, ())), default=0.0)
    if own_best >= OWN_WORDS_OVERLAP:
        return {}
    holders = {fact_id for keys, _ in content for key in keys for fact_id in index.fact_postings.get(key, ())}
    reports = {}
    for fact_id in sorted(holders):  # (a set: sorted, so ties keep one order from run to run)
        fact = index.facts[fact_id]
        if fact.country != ABROAD or not names_place(fact, "Russia"):
            continue
        overlap = index.overlap(fact, content)
        if overlap >= OWN_WORDS_OVERLAP:
            reports[fact_id] = CITY_REPORT_FIT
    return reports


def _the_one_saying_the_words(
    scored: list[tuple[float, Fact]], question: Question, index: KnowledgeIndex
) -> tuple[list[tuple[float, Fact]], frozenset[str]]:
    """Of facts scored about alike, the only one that says the words asked ("attacks on embassies", "Kyrgyz
    president reaction"), when the others say none of them, comes first; those others are no choice to offer."""
    content = index.content_keys(question.reading)
    near = [item for item in scored if scored[0][0] - item[0] < AMBIGUITY_MARGIN]
    if not content or len(near) < 2:
        return scored, frozenset()
    overlaps = {fact.id: index.overlap(fact, content) for _, fact in near}
    saying = [item for item in near if overlaps[item[1].id] >= OWN_WORDS_OVERLAP]
    silent = frozenset(fact_id for fact_id, overlap in overlaps.items() if overlap == 0.0)
    if len(saying) != 1 or len(saying) + len(silent) != len(near):
        return scored, frozenset()
    return [saying[0], *(item for item in scored if item is not saying[0])], silent


def _city_told_twice(best: Fact, rival: Fact, slots: Slots) -> bool:
    """The place's own fact and a report on voting abroad naming the city asked tell of the same city: no choice
    to offer, the better one answers."""
    places = {best.country, rival.country}
    return slots.country_from in ("text", "national") and ABROAD in places and places <= {ABROAD, slots.country}


def _whole_before_one(best: Fact, rival: Fact, question: Question, slots: Slots) -> bool:
    """A question naming no place and asking no "where" ("what did the exit polls show?") is about the whole: a
    fact about voting abroad as a whole answers it, and one country's fact is no other reading of it."""
    return (
        slots.country_from == "none"
        and best.country == ABROAD
        and rival.country not in (None, ABROAD)
        and not slots.asks_where
        and not ({"countries", "coverage"} & question.intents.keys())
    )


def _counts_votes(fact: Fact, candidate: str | None) -> bool:
    return any(figure.metric == "votes" and figure.candidate == candidate for figure in fact.figures)


CLAIMED_COUNT = 10_000  # a count this large names its place: only one or two places have a figure near it
CLAIMED_NEAR = 0.01  # how near a stated count must be to a fact's: "372 тысячи" is 372,779


def claimed_place(question: Question, index: KnowledgeIndex) -> str | None:
    """The one place (not Russia as a whole) whose facts state a large count near the one put forward, or None."""
    if question.claim is None or question.claim[1] or question.claim[0] < CLAIMED_COUNT or question.national:
        return None
    value = question.claim[0]
    # the structured figures first (the place they count), then the counts the texts state in passing
    near = value * CLAIMED_NEAR
    counted = {place for count, place in index.place_counts if abs(count - value) <= near}
    stated = {place for count, place in index.stated_counts if abs(count - value) <= near}
    places = counted or stated
    return next(iter(places)) if len(places) == 1 else None


def asks_clock_time(tokens: tuple[str, ...]) -> bool:
    return any(pair in CLOCK_ASKS for pair in pairwise(tokens)) or "hours" in tokens


def clear_example(question: Question, slots: Slots, index: KnowledgeIndex) -> Fact | None:
    """The fact whose example question the message all but repeats, far ahead of every other fact's, about the
    asked place; None when no example stands out so."""
    ranked = heapq.nlargest(2, index.question_scores(question.reading).items(), key=lambda item: item[1])
    if not ranked or ranked[0][1] < CLEAR_EXAMPLE:
        return None
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    fact = index.facts[ranked[0][0]]
    if ranked[0][1] - runner_up < CLEAR_EXAMPLE_MARGIN or fact.country != slots.country:
        return None
    if fact.candidate and fact.candidate != slots.candidate:
        return None  # "which party nominated Slutsky" is not Putin's example with one name changed
    if fact.id in index.year_only and not question.years:
        return None  # a fact about another year answers only a question that names it
    return fact


def rare_word_answer(
    question: Question, slots: Slots, index: KnowledgeIndex, decision: Decision | None
) -> FactAnswer | None:
    """ "Where did Navalnaya vote?", "who is Reznik?", "в Керале голосовали досрочно?": a word only a few facts
    hold names what is asked better than any topic; when the chosen answer does not hold it, the fact that does
    answers (the one sharing most of the message's words)."""
    if question.claim is not None or (isinstance(decision, FactAnswer) and decision.verdict is not None):
        return None
    chosen = {fact.id for fact in decision.facts} if decision is not None else set()
    reading = question.reading
    if question.leaders or question.candidates:
        return None  # a person the base knows is named: the rare word is likely part of their name
    holders: set[str] = set()
    for token in reading.base_names:  # (with "she" read as the person of the chat: with_person_of_the_chat)
        found = index.rare_name_facts(token)
        if found & chosen and token not in reading.wide_names:
            return None  # the answer already holds the rare word
        holders |= found  # (a person many facts name: the one that fits best, which may be the chosen one)
    if not holders:
        return None
    facts = [index.facts[fact_id] for fact_id in sorted(holders)]
    if slots.country and slots.country_from == "text":
        # the place's own facts first ("what did Pamfilova say about Germany"), else the general ones
        facts = (
            [fact for fact in facts if fact.country == slots.country]
            or [fact for fact in facts if fact.country in (None, ABROAD)]
            or facts
        )
    content = index.content_keys(reading)

    def fit(fact: Fact) -> tuple[float, float, bool, bool, str]:
        # the asked topic first ("what did Pamfilova say about the number of voters": the count, not her thanks; a
        # person's words are what is asked, so "said" weighs nothing), then the words shared, then the answer the
        # topic chose, then a general fact ("who is Pamfilova": the CEC's chair) before one place's
        asked = question.topics.get(fact.topic, 0.0) if fact.topic != "reaction" else 0.0
        return (asked, index.overlap(fact, content), fact.id in chosen, fact.country is None, fact.id)

    best = max(facts, key=fit)
    if best.id in chosen:
        return None
    context = question.context.updated(country=best.country, topic=best.topic, language=question.language)
    trace = f"{question.trace}; a rare word of {best.id}"
    return FactAnswer("rare_word", context, trace, 1.0, answer_facts=(best,))


# a place taken as a whole ("Kazakhstan as a whole", "по стране в целом"): its own count, not one station's poll
COUNTED_VOTES = frozenset({"turnout", "result"})  # "so many votes": a count of voters, or of a candidate's
COUNTED_TOPICS = frozenset({"turnout", "result", "exit_poll", "polling_places"})  # what a whole country is counted by
WHOLE_WORDS = frozenset({"whole", "overall", "total", "целом", "целиком", "всего", "общий", "общем", "итого"})


# a fact that says how many Russians live in a place, whatever its topic ("about 27,000 Russians are officially
# resident in Montenegro" is said in a fact about the vote count)
POPULATION_MENTION = re.compile(
    r"\bresident\b|\blive in\b|\bliving in\b|\bdiaspora\b|\bпроживают\b|\bживут\b|\bживёт\b|\bживет\b"
    r"|\bдиаспор|\bconsular register|\bконсульском уч|\blived\b|\bmoved to\b|\bпереехали\b|\bжили\b",
    re.IGNORECASE,
)


POPULATION_COUNT = re.compile(r"\d[\d,\s\u00a0]{3,}|\bmillion|\bthousand|\bмиллион|\bтысяч|\bмлн", re.IGNORECASE)


def population_mention(question: Question, country: str, index: KnowledgeIndex) -> Fact | None:
    """For "how many Russians live in X" with no fact on the diaspora: a fact of X that states it in passing."""
    if "population" not in question.intents:
        return None
    for fact in index.by_country.get(country, ()):
        for text in (fact.answer.en, fact.answer.ru):
            found = POPULATION_MENTION.search(text)
            # ...with a count in the same sentence ("about 27,000", "more than two million")
            sentence = text[text.rfind(".", 0, found.start()) + 1 : text.find(".", found.end())] if found else ""
            if found and POPULATION_COUNT.search(sentence):
                return fact
    return None


def elsewhere(question: Question, slots: Slots, index: KnowledgeIndex) -> FactAnswer | None:
    """A place with no fact of its own on the topic, where the topic is still answered: the exit polls of its
    stations ("exit poll Kyrgyzstan": the Bishkek station's), or a fact about another place or about voting abroad
    that speaks of it by name ("the line in Paris" in a fact about the queues abroad)."""
    assert slots.country and slots.topic
    context = question.context.updated(country=slots.country, topic=slots.topic, language=question.language)
    if slots.topic == "exit_poll":
        polls = tuple(
            fact
            for facts in index.stations.values()
            for fact in facts
            if fact.topic == "exit_poll" and fact.country == slots.country
        )
        if polls:
            context = context.updated(stations=tuple(poll.station for poll in polls if poll.station))
            trace = f"{question.trace}; stations' exit polls"
            return FactAnswer("station_exit_polls", context, trace, 1.0, answer_facts=polls)
        return None
    if slots.country not in index.ranked_countries and slots.topic in ("turnout", "result"):
        # "how did Russians in Georgia vote?": no station there; where they could vote instead is the answer
        instead = index.facts_on(slots.country, "polling_places")
        if instead:
            trace = f"{question.trace}; no station in {slots.country}: where they voted instead"
            return FactAnswer("no_station_there", context, trace, 1.0, answer_facts=instead[:1], no_figures=True)
    # the place's own fact filed under another topic that says the asked words ("очередь в Ереване": the queue is
    # told in a fact about the emigres who stood in it)
    reading = question.reading
    topic_words = reading.signals.covered - reading.signals.intent_positions - reading.mentions.positions
    content = tuple(
        (token_keys(token), 1.0)
        for position, token in enumerate(reading.tokens)
        if position in topic_words and token not in STOPWORDS
    )
    clock = asks_clock_time(reading.tokens)  # "до скольки работали участки": a fact that states a time first
    cities = [item.city for item in reading.mentions.items if item.city and item.id == slots.country]
    on_topic = [fact for place in (*index.countries_by_topic.get(slots.topic, ()), None)
                for fact in index.facts_on(place, slots.topic)]  # fmt: skip
    if cities and not clock and "population" not in question.intents:
        # "thousands protested at the embassy in Washington?": a report on the asked topic that names the city,
        # before the place's own fact on another topic that only shares some words
        naming = [fact for fact in on_topic if any(names_place(fact, city) for city in cities)]
        best_naming = max(naming, key=lambda fact: index.overlap(fact, content), default=None)
        own_best = max((index.overlap(fact, content) for fact in index.by_country.get(slots.country, ())), default=0.0)
        if best_naming is not None and index.overlap(best_naming, content) > own_best:
            trace = f"{question.trace}; {cities[0]} named in {best_naming.id}"
            return FactAnswer("spoken_of_elsewhere", context, trace, 1.0, answer_facts=(best_naming,))
    scored = [(index.overlap(fact, content), fact) for fact in index.by_country.get(slots.country, ())]
    own = sorted(
        (item for item in scored if item[0] >= OWN_WORDS_OVERLAP),
        key=lambda item: (clock and item[1].id in index.clocked, item[0]),
        reverse=True,
    )
    if own and "population" not in question.intents:
        trace = f"{question.trace}; {own[0][1].id} says the words asked ({own[0][0]:.2f})"
        return FactAnswer("other_topic_words", context, trace, own[0][0], answer_facts=(own[0][1],))
    if slots.topic == "schedule" and slots.country in index.ranked_countries and not question.reading.unknown:
        # "when could they vote there?" of a place with no report on its days: the vote's dates, then its count of
        # early and on-the-day ballots
        dates = index.facts_on(None, "schedule")
        count = [fact for fact in index.facts_on(slots.country, "turnout") if fact.source in DATA_SOURCES][:1]
        if dates:
            trace = f"{question.trace}; the vote's dates, {slots.country}'s early ballots"
            return FactAnswer(
                "dates_of_the_vote", context, trace, 1.0, answer_facts=(*dates[:1], *count),
                not_reported=(slots.topic, slots.country),
            )  # fmt: skip
    place = index.countries.get(slots.country)
    general = [fact for fact in on_topic if fact.country in (ABROAD, None)]
    # the most specific first: any place's fact naming the city asked ("the queue in Yerevan" in a fact about
    # Georgians voting there), then a fact about voting abroad naming the country
    searches = [(city, on_topic) for city in cities] + ([(place.name.en, general)] if place else [])
    spoken = tuple(fact for name, pool in searches for fact in pool if names_place(fact, name))
    if not spoken:
        return None
    trace = f"{question.trace}; {slots.country} named in {spoken[0].id}"
    return FactAnswer("spoken_of_elsewhere", context, trace, 1.0, answer_facts=spoken[:1])


def _asked_topic_first(scored: list[tuple[float, Fact]], slots: Slots) -> tuple[list[tuple[float, Fact]], bool]:
    """A near-tie between the asked topic and a neighbour ("where could they cast a ballot": polling places, not
    the ballot count) goes to the asked topic; True when the order changed."""
    best_score, best = scored[0]
    if best.topic == slots.topic:
        return scored, False
    on_topic = next((item for item in scored[1:] if item[1].topic == slots.topic), None)
    if on_topic is None or best_score - on_topic[0] >= AMBIGUITY_MARGIN:
        return scored, False
    return [on_topic] + [item for item in scored if item is not on_topic], True


def _missing_candidate(best: Fact, slots: Slots) -> tuple[str, str] | None:
    """(candidate, country) when the asked candidate's figure is not in the answering fact: said before it."""
    if (
        slots.candidate
        and best.figures  # a fact with no figures at all (the 2018 comparison) is not missing one candidate's
        and best.topic in ("result", "exit_poll")
        and not any(figure.candidate == slots.candidate and figure.reported for figure in best.figures)
        and best.candidate != slots.candidate
        and best.country
    ):
        return slots.candidate, best.country
    return None


def with_other_source(
    facts: list[Fact], scored: list[tuple[float, Fact]], slots: Slots, index: KnowledgeIndex
) -> list[Fact]:
    """The answer beside the best fact of the other origin on the same place and topic: a report's figure and the
    official count are shown side by side, each with its own source, never merged; the better match comes first."""
    best = facts[0]
    if best.country is None:
        return facts
    official = best.source in DATA_SOURCES
    carriers = _carriers(slots, index, on_topic_only=False)
    for _, fact in scored:
        if fact in facts or fact.country != best.country or (fact.source in DATA_SOURCES) == official:
            continue
        if fact.topic == best.topic or fact.id in carriers:
            return [*facts, fact]
    return facts


def _scored_pool(question: Question, slots: Slots, index: KnowledgeIndex) -> list[tuple[float, Fact]]:
    """The facts of the asked (and close) topics for the place, each with its score, best first."""
    topics = question.topics
    top_weight = max(topics.values(), default=0.0) or 1.0
    weights = {name: value / top_weight for name, value in topics.items()}
    weights[slots.topic or ""] = max(weights.get(slots.topic or "", 0.0), 1.0)
    content = index.content_keys(question.reading)
    # the message's own words, neither names nor topic words ("G7", "capitals"): what a report must share to compete
    reading = question.reading
    skipped = reading.mentions.positions | reading.signals.covered
    own_words = tuple(
        (token_keys(token), 1.0)
        for position, token in enumerate(reading.tokens)
        if position not in skipped and token not in STOPWORDS and not token.isdigit()  # (a figure is a claim's)
    )
    pool: dict[str, Fact] = {}
    for name in [name for name, value in weights.items() if value >= CONSIDERED_TOPIC]:
        pool.update((fact.id, fact) for fact in index.facts_on(slots.country, name))
        if slots.country_from != "text" or not index.facts_on(slots.country, name):
            pool.update((fact.id, fact) for fact in index.facts_on(None, name))
        if slots.country_from == "none":
            # no place named: Russia as a whole answers; voting abroad as a whole where Russia's facts say nothing
            # on the topic ("who organised the exit poll?"); every country's fact for "which country...?" too
            # ("was there any violence at the embassies", "putin in the G7 capitals": the reports on voting abroad,
            # when their words say so)
            if not index.facts_on(None, name) or name == "context":
                pool.update((fact.id, fact) for fact in index.facts_on(ABROAD, name))
            else:
                # (the facts holding one of those words, found by the word postings: no scan of a large base)
                holders = {
                    fact_id for keys, _ in own_words for key in keys for fact_id in index.fact_postings.get(key, ())
                }
                pool.update(
                    (fact_id, index.facts[fact_id])
                    for fact_id in sorted(holders)  # (a set: sorted, so ties keep one order)
                    if index.facts[fact_id].country == ABROAD
                    and index.facts[fact_id].topic == name
                    and index.overlap(index.facts[fact_id], own_words) >= OWN_WORDS_OVERLAP
                )
            if slots.asks_where or not index.facts_on(None, name):
                pool.update((fact.id, fact) for fact in index.country_facts(name, content))
    # "how many were left in the line in Berlin?": a report on voting abroad that names the city asked competes as
    # the place's own fact would
    cities = [item.city for item in reading.mentions.items if item.city and item.id == slots.country]
    city_reports = {
        fact.id: fact
        for name in weights
        for fact in (index.facts_on(ABROAD, name) if cities and slots.country_from == "text" else ())
        if any(names_place(fact, city) for city in cities)
    }
    # ...as does what was recorded at the city's own stations ("в Торонто кто-то не успел проголосовать?": the queue
    # at closing the volunteers counted there)
    # at closing the volunteers counted there), on its words alone, without a report's fit
    if slots.country_from == "text":
        pool.update(
            (fact.id, fact)
            for city in cities
            for number in index.city_stations.get(city, ())
            for fact in index.stations.get(number, ())
            if fact.topic in weights and fact.topic not in FIGURE_TOPICS
        )
    # ...and, for Russia as a whole, one that names Russia and shares the message's words ("how many were arrested
    # in Russia?": a report on the protest abroad tells it)
    place_reports = _russia_reports(slots, content, index)
    pool.update(city_reports)
    pool.update((fact_id, index.facts[fact_id]) for fact_id in place_reports)
    carriers = _carriers(slots, index)
    pool.update((fact_id, index.facts[fact_id]) for fact_id in carriers)
    # "who came up with it?", "а кто её придумал?", "what did she write?": what the last reply was about, so its
    # facts compete
    # (...or whose words the message asks about: "who came up with the idea?")
    unknown = question.reading.unknown
    about_them = question.refers_back or bool(unknown and _said_in_the_last_reply(unknown, question, index))
    cited = question.context.cited if about_them else ()
    pool.update((fact_id, index.facts[fact_id]) for fact_id in cited if fact_id in index.facts)
    if question.region:  # "which Central Asian country...": the region's countries only
        pool = {fact_id: fact for fact_id, fact in pool.items() if fact.country in (None, *index.region_members)}
    question_scores = index.question_scores(question.reading)
    for fact_id, score in question_scores.items():
        fact = index.facts[fact_id]
        if score >= QUESTION_ONLY and fact.country in (slots.country, None):
            pool[fact_id] = fact
    outlets = question.reading.outlets
    if outlets:
        # "NGE says Putin got under half in 42 countries": what that outlet reported, of the place asked
        places = (slots.country, None, ABROAD) if slots.country_from != "text" else (slots.country,)
        pool.update(
            (fact.id, fact) for fact in index.facts.values() if fact.source in outlets and fact.country in places
        )
    if not question.years:  # a fact about another year answers only a question that names it
        pool = {fact_id: fact for fact_id, fact in pool.items() if fact_id not in index.year_only}
    expects_date = "when" in question.intents
    expects_clock = asks_clock_time(question.reading.tokens)
    # "Putin's votes across Russia": a fact without the candidate's count of votes lacks the figure asked, as a
    # figure fact without his share does
    expects_votes = bool(slots.candidate and VOTE_COUNT_WORDS & set(question.reading.tokens))
    expects_votes = expects_votes and any(_counts_votes(fact, slots.candidate) for fact in pool.values())
    return sorted(
        (
            (
                score_fact(fact, slots, weights, question_scores.get(fact.id, 0.0), fact.id in carriers)
                + OVERLAP_WEIGHT * index.overlap(fact, content)
                + (ANSWER_TYPE_BONUS if expects_date and fact.id in index.dated else 0.0)
                + (ANSWER_TYPE_BONUS if expects_clock and fact.id in index.clocked else 0.0)
                - (2 * MISSING_FIGURE_PENALTY if expects_votes and not _counts_votes(fact, slots.candidate) else 0.0)
                + (CITED_BONUS if fact.id in cited else 0.0)
                + (OUTLET_BONUS if fact.source in outlets else 0.0)
                + (CITY_REPORT_FIT if fact.id in city_reports else 0.0)
                + place_reports.get(fact.id, 0.0),
                fact,
            )
            for fact in pool.values()
        ),
        key=lambda item: -item[0],
    )


def _carriers(slots: Slots, index: KnowledgeIndex, *, on_topic_only: bool = True) -> frozenset[str]:
    """Facts stating the named candidate's share in this place, which compete whatever their topic.

    ("Почему Путин проиграл в Алматы?" -> the exit poll; "Сколько голосов получил Слуцкий?" -> his own fact)
    """
    if not (slots.candidate and slots.topic == "result"):
        return frozenset()
    carriers = frozenset(
        fact.id
        for figure, fact in index.figures.get((slots.country, "vote_share"), ())
        if figure.candidate == slots.candidate
    )
    if not on_topic_only:
        return carriers
    on_topic = frozenset(fact_id for fact_id in carriers if index.facts[fact_id].topic == slots.topic)
    return on_topic or carriers  # another topic's fact only when the asked topic does not state it


def score_fact(
    fact: Fact, slots: Slots, weights: dict[str, float], question_score: float, carrier: bool = False
) -> float:
    """How well a fact fits the slots: mostly its topic, then its place, then the candidate and example questions."""
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
    # added one term at a time, in this order: ties between facts are broken by exact, repeatable sums
    score = TOPIC_FIT_WEIGHT * topic_weight
    score += _place_fit(fact, slots)
    score += _question_kind_fit(fact, slots)
    score += _candidate_fit(fact, slots)
    # an example question about another candidate ("Which party nominated Putin?" for Slutsky) differs by one name
    # only, so its likeness says nothing
    other_candidate = bool(slots.candidate and fact.candidate and fact.candidate != slots.candidate)
    if question_score >= QUESTION_MATCH and not other_candidate:
        score += QUESTION_BONUS * (question_score - QUESTION_MATCH) / (100 - QUESTION_MATCH)
    return score


def _place_fit(fact: Fact, slots: Slots) -> float:
    """The fact is about the asked place, or national for a national question."""
    if fact.country == ABROAD and slots.country_from == "none":
        return ABROAD_FIT  # voting abroad as a whole: after Russia, before any one country
    if fact.country is not None:
        if fact.country == slots.country:
            return PLACE_NAMED if slots.country_from == "text" else PLACE_FROM_CONTEXT
        return 0.0
    return NATIONAL_FIT if slots.country_from in ("none", "national") else 0.0


def _question_kind_fit(fact: Fact, slots: Slots) -> float:
    """How the question named its place: none at all (any country's fact may answer), from the chat, or outright."""
    if fact.country not in (None, ABROAD) and slots.country_from == "none":
        # a country's fact for a question naming no country: fits "which country...?" better than "how many?"
        return WHERE_COUNTRY_FIT if slots.asks_where else ANY_COUNTRY_FIT
    return CONTEXT_FIT if slots.country_from == "context" else DEFAULT_FIT


def _candidate_fit(fact: Fact, slots: Slots) -> float:
    if slots.candidate:
        if fact.candidate == slots.candidate:
            return CANDIDATE_OWN
        stated = [figure for figure in fact.figures if figure.candidate == slots.candidate and figure.reported]
        if fact.country is None and not fact.candidate and any(figure.kind == "official_result" for figure in stated):
            return CANDIDATE_OWN  # the CEC's national count states each candidate's figure: theirs as much as a report
        if stated:
            return CANDIDATE_FIGURE
        return -OTHER_CANDIDATE if fact.candidate else 0.0
    return -UNASKED_CANDIDATE if fact.candidate else 0.0


def example_question(question: Question, index: KnowledgeIndex) -> tuple[Fact, float] | None:
    """A fact whose example question is close enough to answer on its own, with a margin over the next."""
    ranked = sorted(index.question_scores(question.reading).items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < QUESTION_ONLY:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < QUESTION_MARGIN:
        return None
    return index.facts[ranked[0][0]], ranked[0][1]


def context_after(fact: Fact, slots: Slots, language: str) -> ChatContext:
    """The chat's context after answering with ``fact``: its place and topic, and the candidate asked."""
    country = fact.country or (slots.country if slots.country_from in ("text", "context") else None)
    return ChatContext(country=country, topic=fact.topic, candidate=slots.candidate, language=language)


def _not_reported(
    slots: Slots, context: ChatContext, language: str, trace: str, considered: tuple[Considered, ...]
) -> NotReported:
    assert slots.country is not None and slots.topic is not None
    new_context = context.updated(country=slots.country, topic=slots.topic, language=language)
    trace += f"; no {slots.topic} fact for {slots.country}"
    return NotReported("not_reported", new_context, trace, 0.0, considered, country=slots.country, topic=slots.topic)

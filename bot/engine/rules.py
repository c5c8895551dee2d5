"""The names of the engine's rules: each decision names the one that produced it.

``--why`` and ``/why`` print the name, the question log stores it (``/stats`` and ``/unanswered`` group by
it), and a test checks that every rule of the answer path fires for some case of the development question
set, so a rule that can no longer be reached is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str  # "read", "screen", "route", "match", "combine" or "api" (called directly, not from a question)
    says: str  # one line: when it fires


_RULES = (
    Rule("empty_message", "read", "nothing to read: blank text or only punctuation"),
    Rule("language_switch", "read", "the reply asked in the other language alone: the last reply's facts in it"),
    # screen: refusals, before any fact is considered
    Rule("small_talk", "screen", "a greeting, thanks, 'who are you', a joke or an opinion asked: a fitting reply"),
    Rule("other_election", "screen", "another election: a country's own vote, or a parliamentary one"),
    Rule("foreign_country", "screen", "a country of the world the base has no data for"),
    Rule("unknown_person", "screen", "the words of a person the facts never name ('Lukashenko'): not reported"),
    Rule("future_election", "screen", "how or when to vote in a future election: the base holds 2024 figures"),
    Rule("off_subject", "screen", "age, papers, moving, a capital, history, a currency, approval: not the vote"),
    Rule("population", "screen", "how many people live somewhere: a population, which no source gives"),
    Rule("demonym_only", "screen", "unknown words and only 'Russian': says who, not what about"),
    Rule("no_election_word", "screen", "words the base does not know and no election word"),
    Rule("weak_topic_words", "screen", "only everyday topic words and no election word"),
    Rule("unknown_place", "screen", "a place name the base has no data for (a city, a region)"),
    Rule("unknown_words_no_name", "screen", "unknown words, no name and no election-only word"),
    Rule("mostly_unknown_words", "screen", "more unknown words than topic words"),
    Rule("leader_unknown_words", "screen", "a leader's words on a subject the base does not know or another place"),
    Rule("candidate_unknown_words", "screen", "a candidate's name beside unknown words and no topic"),
    # route: answers computed from figures (and a station's or a city's own protocols)
    Rule("shared_name", "route", "a bare name two places share ('Korea', 'Конго'): which one is meant"),
    Rule("other_year", "route", "a year other than 2024 that no fact speaks of: another election"),
    Rule("other_year_fact", "route", "a year other than 2024 that a fact speaks of (the 2018 comparison)"),
    Rule("list_count", "route", "how many places the last list held ('how many countries is that?')"),
    Rule("ranking_more", "route", "'next', 'а на третьем?' after a ranking: the places not shown yet, or one"),
    Rule("margin", "route", "how far one candidate was ahead of another in one place: their votes and the gap"),
    Rule("station", "route", "a polling station by its number: its protocol, and its exit poll if surveyed"),
    Rule("city_list", "route", "which cities of a country had a station: the cities the sources name"),
    Rule("places_together", "route", "two places counted as one ('Kazakhstan including Baikonur'): the fact that does"),
    Rule("places_linked", "route", "two places, one's report speaking of the other ('from Georgia to Armenia'): it"),
    Rule("compare_last_two", "route", "'compare them', 'which is higher?': the chat's last two places side by side"),
    Rule("exit_poll_ranking", "route", "the exit poll's stations ranked by a candidate's share, apart from results"),
    Rule("registered_voters", "route", "the voters registered abroad: the register's fact, then the voters who came"),
    Rule("stations_count_ranking", "route", "the places ranked by their number of polling stations"),
    Rule("outlet_named", "route", "a press outlet named ('NGE says ...'): what it reported about the place asked"),
    Rule("hours", "route", "what time a place voted till: its reports that give clock times, the city's first"),
    Rule("reasons", "route", "'why' about a place: the facts the sources explain it by, then the answer"),
    Rule("city", "route", "a city with known station numbers: each station's protocol"),
    Rule("part_of_country", "route", "a region of a country with many stations: the facts that speak of it"),
    Rule("standings", "route", "candidates ranked in one place: who came first, second, last"),
    Rule("station_ranking", "route", "polling stations abroad ranked by a figure: the biggest, Putin's lowest"),
    Rule("ranking", "route", "countries ranked by a figure: where most, where least"),
    Rule(
        "won_everywhere", "route", "a win claimed of every place abroad: the places where another came first, counted"
    ),
    Rule("candidate_where", "route", "where a candidate did well: countries ranked by their share"),
    Rule("coverage", "route", "what the bot covers: countries and topics"),
    Rule("list_all", "route", "every candidate, one after the other ('list all candidates')"),
    Rule("place_figures", "route", "a place's figures side by side ('Uzbekistan numbers')"),
    Rule("region_comparison", "route", "the region's countries side by side on a figure"),
    Rule("region_fact", "route", "the region as a whole, from its own overview facts"),
    Rule("compare_more", "route", "'add Tajikistan' after a comparison: the same comparison with the place added"),
    Rule("compare_again", "route", "a follow-up to a comparison: the same places on the new topic"),
    Rule("each_place", "route", "two leaders' or places' words on a topic without figures, one after the other"),
    Rule("comparison", "route", "two or more places (or all) side by side"),
    Rule("area_places", "route", "a small part of the world named alone ('the Baltics'): its places side by side"),
    Rule("area_ranking", "route", "a large part of the world named alone ('what about Africa?'): its places ranked"),
    # match: fuzzy matching onto facts
    Rule("example_question", "match", "no topic words, but the message is close to a fact's example question"),
    Rule(
        "place_summary",
        "match",
        "a place and no question (a vague ask): how many voted and the result, then its topics (only its topics when "
        "it has no figures)",
    ),
    Rule(
        "cited_again",
        "match",
        "no topic words, only 'it' or 'she' and who or what, or why the figures differ: the last reply's facts",
    ),
    Rule("no_topic", "match", "no topic words and no close example question"),
    Rule("off_domain_topic", "match", "weak topic words and no election name"),
    Rule("unknown_words_weak_topic", "match", "unknown words beside weak topic words"),
    Rule("population_mention", "match", "how many Russians live in a place: a fact of it that says so in passing"),
    Rule("station_exit_polls", "match", "a country's exit poll, which the sources give only for its stations"),
    Rule("other_topic_words", "match", "a place with no fact on the topic whose fact on another says the words"),
    Rule("spoken_of_elsewhere", "match", "a place with no fact on the topic, named in a fact about voting abroad"),
    Rule("no_station_there", "match", "a place with no station asked for figures: where its Russians could vote"),
    Rule("topic_not_here", "match", "the chat's topic, which the new place has no fact on: said, then its summary"),
    Rule(
        "dates_of_the_vote",
        "match",
        "when a place voted, with no report of its own: the vote's dates, its early ballots",
    ),
    Rule(
        "rare_word",
        "match",
        "a word only one or two facts hold ('Navalnaya', 'Kerala'), or a person a few more name ('Pamfilova'): the "
        "fact that holds it and fits the question best",
    ),
    Rule("not_reported", "match", "the country has no fact on the asked topic"),
    Rule("no_fact_close", "match", "no fact scored high enough"),
    Rule("clear_example", "match", "a fact's example question all but repeated, far ahead of the others"),
    Rule("ambiguous", "match", "two facts about different things scored too close: did you mean"),
    Rule("slot_match", "match", "the best fact for the place, topic and candidate asked"),
    # combine
    Rule("multi_part", "combine", "each asking clause of a longer message answered, in one reply"),
    # api: front ends call these directly
    Rule("fact_requested", "api", "a suggestion button or deep link asked for one fact"),
    Rule("unknown_fact_id", "api", "a button or link named a fact that no longer exists"),
    Rule("ranking_requested", "api", "a chart command asked for a ranking"),
)

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}

"""Every threshold and weight the engine decides with, named once, each with why it has its value.

Scores are on a 0..1(ish) scale: a fact's score is 0.6 x topic fit + up to 0.3 for the place + small
adjustments for the candidate and the example questions (see ``match.score_fact``). The values were set on the
development question set (tests/data/questions.yaml) and are checked by it and by the blind sets.
"""

from __future__ import annotations

# --- answering with a fact ---------------------------------------------------------------------------
ANSWER_SCORE = 0.7  # a fact needs this much to be the answer: topic and place must both fit
SUGGEST_SCORE = 0.5  # below this a fact is not even worth suggesting: the topic alone does not make it relevant
AMBIGUITY_MARGIN = 0.04  # a runner-up this close (about something else) makes it a "did you mean"

# --- topic strength ------------------------------------------------------------------------------------
STRONG_TOPIC = 0.9  # a topic word this strong makes a question on-topic without any name ("exit poll")
NAMED_TOPIC = 1.0  # ...and one this strong, beside a place's name, without an election word ("queues in Almaty")
WEAK_TOPIC = 0.6  # without an election word, topic words weaker than this ("live", "city") do not make a question
CONSIDERED_TOPIC = 0.6  # topics within this share of the best one also bring their facts into the pool
UNKNOWN_WORDS_TOPIC = 0.6  # unexplained words need topic words at least this strong...
UNKNOWN_WORDS_TOPIC_WITH_COUNTRY = 0.45  # ...or this strong when a country is named (the name says what it's about)
NAME_ONLY_TOPIC = 0.5  # a candidate's name with topic words weaker than this asks how they did (or who they are)
DOMAIN_TOPIC = 0.3  # a superlative ("the most") with this much topic weight asks for a ranking even without a name

# --- how names lean the topics --------------------------------------------------------------------------
LEADER_REACTION_BOOST = 0.8  # a leader named: the question is about what they said, unless words say otherwise
NAMED_TOPIC_LEAN = 0.4  # a candidate named beside another topic's words ("Putin's party"): the name only leans
CANDIDATE_RESULT_LEAD = 0.4  # "how many for Putin?": the result beats every other topic by this much
POPULATION_LEAD = 0.5  # "how many Russians live in X": the diaspora beats every other topic by this much
CLAIM_TOPIC = 1.0  # a figure put to the bot to check makes its figure topic as clear as the topic's own word
TURNOUT_WITH_CANDIDATE = 0.5  # turnout's own words next to a candidate keep half their weight

# --- example questions (RapidFuzz token_sort_ratio, 0..100) ----------------------------------------------
QUESTION_MATCH = 75.0  # example-question similarity that starts to count
CLEAR_EXAMPLE = 85.0  # an example question this close, this far ahead of every other fact's, answers outright
CLEAR_EXAMPLE_MARGIN = 20.0
QUESTION_ONLY = 90.0  # ...that can answer on its own (with a margin) when words say nothing
QUESTION_MARGIN = 8.0  # ...over the runner-up, so two near-identical questions never pick one at random
QUESTION_BONUS = 0.15  # the most an example question adds to a fact's score (at similarity 100)

# --- how a fact is scored (match.score_fact) --------------------------------------------------------------
TOPIC_FIT_WEIGHT = 0.6  # the topic decides most: the place alone must never reach ANSWER_SCORE
PLACE_NAMED = 0.3  # the fact is about the place the message names
PLACE_FROM_CONTEXT = 0.25  # ...or the place the chat was about (a little less sure)
CITY_REPORT_FIT = 0.15  # ...or a report on voting abroad names the city asked (the place's own fact wins a tie)
NATIONAL_FIT = 0.3  # a national fact for a question naming no country, or Russia itself
ABROAD_FIT = 0.2  # a fact about voting abroad as a whole, for a question naming no place: after Russia's own
ANY_COUNTRY_FIT = 0.2  # a country's fact for a question naming no country ("how many voted?")
WHERE_COUNTRY_FIT = 0.35  # ...fits better when the question asks "where / which country"
CONTEXT_FIT = 0.15  # the chat's place was taken from the context
DEFAULT_FIT = 0.1  # every other case
CANDIDATE_OWN = 0.1  # the fact is about the asked candidate
CANDIDATE_FIGURE = 0.07  # ...or states their figure
OTHER_CANDIDATE = 0.15  # a fact about another candidate loses this
UNASKED_CANDIDATE = 0.03  # a candidate's fact when no candidate was asked loses a little
CARRIER_WEIGHT = 0.95  # topic weight of a fact that states the asked candidate's share, relative to the asked topic
MISSING_FIGURE_PENALTY = 0.17  # what a figure fact that lacks that share loses (0.1 of the score)
ANSWER_TYPE_BONUS = 0.05  # a fact that states what the question word asks for ("when" -> a date)
# a fact of the last reply when the message points back at it ("who came up with it?"): it must beat the facts
# of the words' own topics, which a short follow-up's few words barely name
CITED_BONUS = 0.5
# a fact of the outlet the message names ("NGE says ..."): ahead of the official count the topic alone would give
OUTLET_BONUS = 0.3
FACT_WORD_FACTS = 3  # a word in at most this many facts, one of them the named place's, says what of it is asked
PERSON_NAME_FACTS = 12  # ...and a person's name in at most this many ("Zakharova", "Pamfilova")
RARE_WORD_FACTS = 2  # a word in at most this many facts names what is asked ("Navalnaya", "Molotov", "Kerala")
RARE_WORD_LENGTH = 5  # ...when it is at least this long: short words are too often a slip or a common form
OWN_WORDS_OVERLAP = 0.5  # a place's fact on another topic answers when it says this share of the asked words
OVERLAP_WEIGHT = 0.2  # weight of the message's words found in the fact's own words

# --- prefilters (cost control in a large base) -------------------------------------------------------------
PREFILTER_LIMIT = 40  # example questions scored with RapidFuzz per message, after the token prefilter
COMMON_POSTING = 400  # a word in more example questions (or facts) than this does not help the prefilters:
# "station", "how many" are in every station's templated questions; counting their postings would cost most of a reply
POOL_LIMIT = 64  # a topic with more country facts than this is prefiltered by shared words before scoring
PREAMBLE_WORDS = 3  # a clause that asks nothing but has this many content words is about the asker, not a place
SHORT_MESSAGE_WORDS = 4  # a message of at most this many content words may lean on the chat's context

# --- reading ---------------------------------------------------------------------------------------------------
READING_CACHE_SIZE = 4096  # readings of recent messages: repeated questions (buttons, groups) are read once
MEMO_SIZE = 8192  # per-message lookups the index remembers (example-question scores, rare names)
REGION_TOPIC = 0.6  # a region overview fact answers when its topic is this close to the asked one

# --- rankings across the countries abroad ------------------------------------------------------------------
RANKING_LIMIT = 10  # places listed when the question names no number ("the ten countries with most voters")
RANKING_MAX = 50  # the most places a reply lists when asked for more (a message stays readable)
# a share from fewer ballots in the boxes is left out of "best / worst": 12 ballots are no trend
MIN_RANKED_BALLOTS = 100

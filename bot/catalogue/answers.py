"""The engine's reply texts: plain-text templates, no markup (``bot.render`` escapes whole blocks for HTML).

Also the small vocabularies a reply is built from: topics inside a sentence, kinds of figure, approximation
words, ordinals and month names. Russian templates with "{country}" after "по" take the dative: the engine
passes ``ru_case(name, "datv")``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "source": {"en": "Source", "ru": "Источник"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "scope": {
        "en": (
            "I can only answer about how Russian citizens in Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan voted "
            "in the March 2024 Russian presidential election."
        ),
        "ru": (
            "Я отвечаю только на вопросы о том, как граждане России в Казахстане, Киргизии, Таджикистане и Узбекистане "
            "голосовали на президентских выборах в марте 2024 года."
        ),
    },
    "future": {
        "en": "I only have the figures of the March 2024 election, not advice on how or when to vote in a future one.",
        "ru": (
            "У меня есть только данные о выборах в марте 2024 года, а не советы о том, как и когда голосовать на "
            "следующих выборах."
        ),
    },
    "try": {"en": "For example:", "ru": "Например:"},
    "empty": {"en": "Please type a question.", "ru": "Пожалуйста, задайте вопрос."},
    "no_data_country": {
        "en": "I have no data for {country}. I can answer about {countries}.",
        "ru": "У меня нет данных по стране «{country}». Я могу ответить на вопросы по странам: {countries}.",
    },
    "no_data_place": {
        "en": "I have no data for {country}. I can answer about {countries}.",
        "ru": "По месту «{country}» у меня нет данных. Я могу ответить на вопросы по странам: {countries}.",
    },
    "not_reported": {
        "en": "The sources do not report {topic} for {country}.",
        "ru": "По {country} в источниках нет данных на тему «{topic}».",
    },
    "has_topics": {
        "en": "For {country} I can tell you about: {topics}.",
        "ru": "По {country} я могу рассказать: {topics}.",
    },
    "did_you_mean": {"en": "Did you mean:", "ru": "Возможно, вы имели в виду:"},
    "which_topic": {
        "en": "What would you like to know about {country}? I can tell you about: {topics}.",
        "ru": "Что вас интересует про {country}? Я могу рассказать: {topics}.",
    },
    "candidate_missing": {
        "en": "The source gives no figure for {candidate} in {country}. What it reports:",
        "ru": "По {country} источник не сообщает, сколько голосов получил {candidate}. Вот что в нём есть:",
    },
    "national": {"en": "Russia overall", "ru": "Россия в целом"},
    "standings": {"en": "Candidates' shares: {place}", "ru": "Доли кандидатов: {place}"},
    "place_is": {"en": "{ordinal} place: {candidate}, {figure}.", "ru": "{ordinal} место: {candidate} — {figure}."},
    "candidate_place": {
        "en": "{candidate} came {ordinal} of the {count} candidates with a reported figure: {figure}.",
        "ru": "{candidate} — {ordinal} место из {count} кандидатов, по которым есть данные: {figure}.",
    },
    "no_place": {
        "en": "The source gives figures for only {count} candidate(s) in {place}:",
        "ru": "Источник приводит данные лишь по {count} кандидатам ({place}):",
    },
    "no_figure": {"en": "no figure reported", "ru": "данных нет"},
    "coverage": {
        "en": "I have data for {countries}, plus the national result. Topics per country:",
        "ru": "У меня есть данные по странам: {countries}, а также общероссийские итоги. Темы по странам:",
    },
    # Chart and ranking titles, one per metric (the engine's _metric_title).
    "metric_voters": {"en": "Russian citizens who voted", "ru": "Сколько граждан России проголосовало"},
    "metric_vote_share": {"en": "{candidate}'s share of the vote", "ru": "Доля голосов: {candidate}"},
    "metric_turnout_percent": {"en": "Turnout", "ru": "Явка"},
    "metric_votes": {"en": "Votes for {candidate}", "ru": "Голоса за: {candidate}"},
    # Rankings ("Where did Putin do worst?"): the lead line, exit polls kept apart, gaps.
    "ranking_lead_most": {
        "en": "Among the reported figures the highest is {place}: {figure}.",
        "ru": "По сообщённым данным наибольшее значение: {place} — {figure}.",
    },
    "ranking_lead_least": {
        "en": "Among the reported figures the lowest is {place}: {figure}.",
        "ru": "По сообщённым данным наименьшее значение: {place} — {figure}.",
    },
    "ranking_exit_poll_apart": {
        "en": "{place}: {figure} — an exit poll, not a result, so it is not ranked with the others.",
        "ru": "{place}: {figure} — это данные экзитпола, а не результат голосования, поэтому в рейтинг не включено.",
    },
    "ranking_missing": {"en": "No such figure for: {places}.", "ru": "Нет такой цифры: {places}."},
    # The unit of a chart of voter counts (a percentage chart's unit is "%").
    "unit_voters": {"en": "voters", "ru": "избиратели"},
    # The national figure after a ranking: "Russia overall: 87.3% (official result)."
    "national_figure": {"en": "{national}: {figure}.", "ru": "{national}: {figure}."},
}

# A topic inside a sentence: "The sources do not report how many voted for Uzbekistan."
TOPIC_PHRASES: dict[str, dict[str, str]] = {
    "turnout": {"en": "how many voted", "ru": "сколько проголосовало"},
    "result": {"en": "the result", "ru": "результат"},
    "exit_poll": {"en": "the exit poll", "ru": "экзитпол"},
    "polling_places": {"en": "polling places", "ru": "избирательные участки"},
    "reaction": {"en": "the leader's reaction", "ru": "реакция руководства"},
    "diaspora": {"en": "Russians who moved there", "ru": "переехавшие россияне"},
    "context": {"en": "background", "ru": "контекст"},
    "candidate": {"en": "the candidates", "ru": "кандидаты"},
    "schedule": {"en": "dates and voting mode", "ru": "даты и порядок голосования"},
    "source": {"en": "the sources", "ru": "источники"},
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "official_result": {"en": "official result", "ru": "официальный результат"},
    "exit_poll": {"en": "exit poll", "ru": "экзитпол"},
    "reported_count": {"en": "reported count", "ru": "сообщённые данные"},
    "reported_result": {"en": "reported result", "ru": "сообщённый результат"},
}

APPROX_WORDS: dict[str, dict[str, str]] = {
    "exact": {"en": "", "ru": ""},
    "around": {"en": "around ", "ru": "около "},
    "more_than": {"en": "more than ", "ru": "более "},
    "less_than": {"en": "less than ", "ru": "менее "},
}

ORDINAL_NAMES = {
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"},
    "ru": {1: "первое", 2: "второе", 3: "третье", 4: "четвёртое", 5: "пятое", -1: "последнее"},
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
}

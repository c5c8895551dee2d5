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
            "I only answer questions about how Russian citizens voted in the March 2024 Russian presidential "
            "election: abroad, in each of the 144 countries where they could vote (Central Asia in depth), and in "
            "Russia as a whole."
        ),
        "ru": (
            "Я отвечаю только на вопросы о том, как граждане России голосовали на президентских выборах в марте "
            "2024 года: за рубежом — в каждой из 144 стран, где они могли проголосовать (Центральная Азия подробно), "
            "— и в России в целом."
        ),
    },
    "future": {
        "en": "I only have the figures of the March 2024 election, not advice on how or when to vote in a future one.",
        "ru": (
            "У меня есть только данные о выборах в марте 2024 года, а не советы о том, как и когда голосовать на "
            "следующих выборах."
        ),
    },
    "other_election": {
        "en": "I only have figures for the Russian presidential election of 15–17 March 2024 — how Russian citizens "
        "abroad and in Russia voted — not for other elections.",
        "ru": "У меня есть данные только о выборах президента России 15–17 марта 2024 года — как голосовали граждане "
        "России за рубежом и в России, — а не о других выборах.",
    },
    "no_emigrant_count": {
        "en": "The sources give no count of the Russians who live abroad or who left Russia; they give how many "
        "voted abroad, and where.",
        "ru": "Сколько россиян живёт за рубежом или уехало из России, в источниках не сказано; там есть, сколько "
        "человек проголосовало за рубежом и где.",
    },
    "earlier_election": {
        "en": "I have no results of earlier Russian presidential elections: only those of the election of 15–17 "
        "March 2024, abroad and in Russia.",
        "ru": "Результатов прошлых президентских выборов в России у меня нет: только выборов 15–17 марта 2024 года — "
        "за рубежом и в России.",
    },
    "earlier_standings": {
        "en": "The sources give no results of the 2018 election: for each place abroad they give only Putin's 2018 "
        'votes and share and the ballots cast then, beside 2024\'s (ask, for example, "Kazakhstan 2024 vs 2018").',
        "ru": "Результатов выборов 2018 года в источниках нет: для каждого места за рубежом в них есть только голоса и "
        "доля Путина в 2018 году и число бюллетеней тогда — рядом с данными 2024 года (спросите, например: "
        "«Казахстан 2024 и 2018»).",
    },
    # small talk: a short fitting reply, then what the bot can answer
    "small_talk_greeting": {
        "en": "Hello! I answer questions about how Russian citizens voted in the March 2024 presidential election, "
        "abroad and in Russia.",
        "ru": "Здравствуйте! Я отвечаю на вопросы о том, как граждане России голосовали на президентских выборах в "
        "марте 2024 года — за рубежом и в России.",
    },
    "small_talk_thanks": {
        "en": "You're welcome! Ask me anything else about the March 2024 vote.",
        "ru": "Пожалуйста! Спрашивайте ещё о выборах в марте 2024 года.",
    },
    "small_talk_goodbye": {"en": "Goodbye! Come back any time.", "ru": "До свидания! Возвращайтесь."},
    "small_talk_identity": {
        "en": "I'm a bot that answers questions about how Russian citizens abroad voted in the March 2024 Russian "
        "presidential election. Every answer comes from a source I name.",
        "ru": "Я бот, который отвечает на вопросы о том, как граждане России за рубежом голосовали на президентских "
        "выборах в марте 2024 года. Каждый ответ — из источника, который я называю.",
    },
    "small_talk_translate": {
        "en": "I don't translate, only answer questions about the March 2024 vote, in English or Russian.",
        "ru": "Я не перевожу — только отвечаю на вопросы о выборах в марте 2024 года, по-русски или по-английски.",
    },
    "small_talk_joke": {
        "en": "I don't tell jokes, only what the sources report about the March 2024 vote.",
        "ru": "Шутить я не умею — только рассказываю, что источники сообщают о выборах в марте 2024 года.",
    },
    "small_talk_opinion": {
        "en": "I don't give opinions or advice, only the figures and words the sources report.",
        "ru": "Я не высказываю мнений и не даю советов — только цифры и слова из источников.",
    },
    "try": {"en": "For example:", "ru": "Например:"},
    "empty": {"en": "Please type a question.", "ru": "Пожалуйста, задайте вопрос."},
    "no_data_country": {
        "en": (
            "I have no data for {country}: the official results list no Russian polling station there. I have the "
            "results of every place where Russians voted abroad ({count} of them)."
        ),
        "ru": (
            "По стране «{country}» данных нет: в официальных итогах там нет российского избирательного участка. "
            "У меня есть итоги по каждому месту, где россияне голосовали за рубежом (всего {count})."
        ),
    },
    "no_data_person": {
        "en": "The sources report no reaction from {name}. The leaders whose reactions they report: {leaders}.",
        "ru": "Реакции {name} в источниках нет. Лидеры, чью реакцию они приводят: {leaders}.",
    },
    "no_data_place": {
        "en": (
            "I have no data for {country}: it is not one of the places with a Russian polling station in the official "
            "results. I have the results of every place where Russians voted abroad ({count} of them)."
        ),
        "ru": (
            "По месту «{country}» у меня нет данных: его нет среди мест с российским избирательным участком в "
            "официальных итогах. У меня есть итоги по каждому месту, где россияне голосовали за рубежом "
            "(всего {count})."
        ),
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
    # the gap between two candidates ("by how many votes did Putin beat Davankov?"), computed from their figures
    "margin_votes": {
        "en": "{ahead} was {gap} votes ahead of {behind}: {first} against {second} ({kind}).",
        "ru": "{ahead} — {first}, {behind} — {second} ({kind}): разница в голосах — {gap}.",
    },
    "margin_points": {
        "en": "{ahead} was {gap} percentage points ahead of {behind}: {first} against {second} ({kind}).",
        "ru": "{ahead} — {first}, {behind} — {second} ({kind}): разница — {gap} п. п.",
    },
    "place_is": {"en": "{ordinal} place: {candidate}, {figure}.", "ru": "{ordinal} место: {candidate} — {figure}."},
    "candidate_place": {
        "en": "{candidate} came {ordinal} of the {count} candidates with a reported figure: {figure}.",
        "ru": "{candidate} — {ordinal} место из {count} кандидатов, по которым есть данные: {figure}.",
    },
    "no_place": {
        "en": "The sources give figures for only {count} of the candidates in {place}:",
        "ru": "Источники приводят данные лишь по {count} кандидатам ({place}):",
    },
    "no_shares": {
        "en": "The sources give no candidate's share for {place}.",
        "ru": "По {place} в источниках нет долей кандидатов.",
    },
    "no_figure": {"en": "no figure reported", "ru": "данных нет"},
    "coverage": {
        "en": (
            "I have the official results of every place with a Russian polling station abroad ({count}), press "
            "reports about many of them, the totals abroad and the national result. The places, by region:"
        ),
        "ru": (
            "У меня есть официальные итоги по каждому месту с российским избирательным участком за рубежом ({count}), "
            "сообщения прессы о многих из них, итоги за рубежом в целом и по России. Места по регионам:"
        ),
    },
    # Chart and ranking titles, one per metric (the engine's _metric_title).
    "metric_voters": {"en": "Russian citizens who voted", "ru": "Сколько граждан России проголосовало"},
    "metric_vote_share": {"en": "{candidate}'s share of the vote", "ru": "Доля голосов: {candidate}"},
    "metric_turnout_percent": {"en": "Turnout", "ru": "Явка"},
    "metric_votes": {"en": "Votes for {candidate}", "ru": "Голоса за: {candidate}"},
    "metric_invalid_share": {"en": "Share of invalid ballots", "ru": "Доля недействительных бюллетеней"},
    "metric_ballots_early": {"en": "Ballots cast in early voting", "ru": "Бюллетени, выданные досрочно"},
    "metric_polling_stations": {"en": "Polling stations", "ru": "Избирательные участки"},
    # Rankings ("Where did Putin do worst?"): the lead line, exit polls kept apart, gaps.
    "ranking_lead_most": {
        "en": "The highest is {place}: {figure}.",
        "ru": "Наибольшее значение: {place} — {figure}.",
    },
    "ranking_lead_least": {
        "en": "The lowest is {place}: {figure}.",
        "ru": "Наименьшее значение: {place} — {figure}.",
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
    # Rankings across the countries abroad: sizes, limits, and where a candidate came first.
    "ranking_min_size": {
        "en": "Places with fewer than {min} ballots in the boxes are not ranked by share ({count} left out).",
        "ru": "Места, где в ящиках меньше {min} бюллетеней, по доле не ранжируются (не учтено: {count}).",
    },
    "ranking_small_lead_most": {
        "en": "Of those, the highest is {place}: {figure}.",
        "ru": "Среди них наибольшее значение: {place} — {figure}.",
    },
    "ranking_small_lead_least": {
        "en": "Of those, the lowest is {place}: {figure}.",
        "ru": "Среди них наименьшее значение: {place} — {figure}.",
    },
    "ranking_more": {
        "en": "{count} more not shown: ask “next” for them.",
        "ru": "Ещё не показано: {count} — спросите «дальше».",
    },
    # ...and the places after those shown ("next", "а на третьем?")
    "ranking_places": {"en": "Places {first}–{last} of {count}:", "ru": "Места {first}–{last} из {count}:"},
    "ranking_place": {"en": "Place {first} of {count}:", "ru": "{first}-е место из {count}:"},
    "ranking_end": {
        "en": "That was the whole list: {count} places.",
        "ru": "Это был весь список: мест — {count}.",
    },
    "ballots_beside": {"en": "{count} ballots", "ru": "бюллетеней: {count}"},
    "votes_beside": {"en": "{count} votes", "ru": "голосов: {count}"},
    "city_not_split": {
        "en": "The sources give no separate figures for {city}; these are for {country} as a whole.",
        "ru": "Отдельных данных по городу {city} в источниках нет; ниже — {country} в целом.",
    },
    "winners_heading": {"en": "Where {candidate} came first", "ru": "Где {candidate} занял первое место"},
    "losses_heading": {"en": "Where {candidate} did not come first", "ru": "Где {candidate} не занял первое место"},
    "losses_count": {
        "en": "By the official count {winners} came first in {count} of the places abroad:",
        "ru": "По официальным данным в {count} из мест голосования за рубежом первое место занял {winners}:",
    },
    "winners_count": {
        "en": "{candidate} came first in {count} of the places abroad:",
        "ru": "{candidate} занял первое место в {count} из мест голосования за рубежом:",
    },
    # A claim put to the bot ("15,000 voted in Kyrgyzstan, true?"), checked against every source's figure.
    "claim_holds": {"en": "Yes: the sources give {figures}.", "ru": "Да: в источниках — {figures}."},
    # a claim of one side ("less than half") is said back as that side; an exact figure is not repeated
    "claim_fails": {
        "en": "No: the sources give {figures}, not {claimed}.",
        "ru": "Нет: в источниках — {figures}, а не {claimed}.",
    },
    "claim_fails_exact": {"en": "No: the sources give {figures}.", "ru": "Нет: в источниках — {figures}."},
    # ...a claim of one side of a figure ("less than half"), as it is quoted back
    "claim_below": {"en": "under {value}", "ru": "меньше {value}"},
    "claim_above": {"en": "over {value}", "ru": "больше {value}"},
    "city_list": {
        "en": "Cities with a Russian polling station {place}, as the sources name them:",
        "ru": "Города с российскими избирательными участками {place}, как их называют источники:",
    },
    "city_with_station": {"en": "{city} (station No. {numbers})", "ru": "{city} (участок № {numbers})"},
    "city_with_stations": {"en": "{city} (stations No. {numbers})", "ru": "{city} (участки № {numbers})"},
    "threshold_below": {
        "en": "{count} places are below {value}%, every place counted whatever its number of ballots:",
        "ru": "Мест, где доля ниже {value}%: {count} (учтены все, сколько бы ни было бюллетеней):",
    },
    "threshold_above": {
        "en": "{count} places are above {value}%, every place counted whatever its number of ballots:",
        "ru": "Мест, где доля выше {value}%: {count} (учтены все, сколько бы ни было бюллетеней):",
    },
    "list_count": {"en": "That list has {count} places: {places}.", "ru": "В этом списке мест: {count} — {places}."},
    "station_row": {"en": "station No. {number} ({place})", "ru": "участок № {number} ({place})"},
    "claim_other_kind": {
        "en": "Only as the {kind}: {claimed} is the figure of {source}; the sources give {figures}.",
        "ru": "Только как {kind}: {claimed} — цифра из источника «{source}»; в источниках — {figures}.",
    },
    "claim_unsettled": {
        "en": "The sources cannot settle {claimed}: they give no figure of that kind here. What they say:",
        "ru": "Проверить {claimed} по источникам нельзя: такой цифры здесь нет. Вот что в них есть:",
    },
    "winners_tied": {"en": "Tied for first place: {places}.", "ru": "Первое место поровну: {places}."},
    "winners_none": {
        "en": "By the official count {candidate} came first nowhere abroad.",
        "ru": "По официальным данным {candidate} не занял первое место ни в одной стране.",
    },
}

# A topic inside a sentence: "The sources do not report how many voted for Uzbekistan."
TOPIC_PHRASES: dict[str, dict[str, str]] = {
    "turnout": {"en": "how many voted", "ru": "сколько проголосовало"},
    "result": {"en": "the result", "ru": "результат"},
    "exit_poll": {"en": "the exit poll", "ru": "экзитпол"},
    "polling_places": {"en": "polling places", "ru": "избирательные участки"},
    "reaction": {"en": "the leader's reaction", "ru": "реакция руководства"},
    "diaspora": {"en": "Russians who moved there", "ru": "переехавшие россияне"},
    "population": {"en": "the size of the Russian community", "ru": "численность россиян"},
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

"""What a Telegram user reads besides the answers themselves: Telegram HTML templates, button and menu titles.

Values are escaped by ``bot.catalogue.html_text``; the templates' own markup (``<b>``, ``<i>``, ``<code>``) is
written here.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "greeting": {
        "en": (
            "Hello, {name}! I answer questions about how Russian citizens abroad voted in the March 2024 Russian "
            "presidential election, in every country with a Russian polling station: turnout, official results by "
            "country and by polling station, rankings and comparisons, exit polls, and what the press and local "
            "leaders reported (Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan in most depth).\n\n"
            "Every answer names its source; when I do not know something, I say so.\n\n"
            "Ask me anything, browse with /countries, see /help for what I can do, or try one of these:"
        ),
        "ru": (
            "Здравствуйте, {name}! Я отвечаю на вопросы о том, как граждане России за рубежом голосовали на "
            "президентских выборах в марте 2024 года, во всех странах, где был российский избирательный участок: "
            "явка, официальные итоги по странам и участкам, рейтинги и сравнения, экзитполы и что сообщали пресса "
            "и местные лидеры (подробнее всего — Казахстан, Киргизия, Таджикистан и Узбекистан).\n\n"
            "У каждого ответа есть источник; если я чего-то не знаю, я так и говорю.\n\n"
            "Спросите что угодно, выберите страну в /countries, загляните в /help или попробуйте один из вопросов:"
        ),
    },
    "help": {
        "en": (
            "<b>How to use this bot</b>\nJust write a question, in English or Russian, for example <i>How many people "
            "voted in Tajikistan?</i> Follow-ups work too: <i>and in Uzbekistan?</i> I know every country with a "
            "Russian polling station, each station by its number (<i>station 8133</i>), and rankings such as "
            "<i>Where did Putin do worst?</i>\n\n"
            "When a question is vague, I offer the questions I can answer as buttons: tap one.\n\n"
            "/start: greeting and example questions\n/countries: browse the facts by region, country and topic\n"
            "/chart: standard charts (voters by country, Putin's share)\n"
            "/map: world map of Putin's official share abroad\n/sources: where the figures come from\n"
            "/language: switch between English and Russian\n/ask: ask a question in a group\n/help: this message\n\n"
            "In a group, address me with <code>/ask your question</code>, mention me, or reply to my message.\n"
            "In any chat, type <code>@{bot} your question</code> to share an answer."
        ),
        "ru": (
            "<b>Как пользоваться ботом</b>\nПросто напишите вопрос по-русски или по-английски, например <i>Сколько "
            "человек проголосовало в Таджикистане?</i> Уточнения тоже работают: <i>а в Узбекистане?</i> Я знаю все "
            "страны, где был российский участок, каждый участок по номеру (<i>участок 8133</i>) и рейтинги, например "
            "<i>Где Путин набрал меньше всего?</i>\n\n"
            "Если вопрос неясен, я предложу вопросы, на которые могу ответить, кнопками: нажмите нужную.\n\n"
            "/start: приветствие и примеры вопросов\n/countries: факты по регионам, странам и темам\n"
            "/chart: готовые диаграммы (избиратели по странам, доля Путина)\n"
            "/map: карта мира — официальная доля Путина за рубежом\n/sources: откуда взяты цифры\n"
            "/language: сменить язык (русский или английский)\n/ask: задать вопрос в группе\n/help: эта справка\n\n"
            "В группе обращайтесь ко мне так: <code>/ask ваш вопрос</code>, упомяните меня или ответьте на моё "
            "сообщение.\nВ любом чате наберите <code>@{bot} ваш вопрос</code>, чтобы поделиться ответом."
        ),
    },
    "countries_prompt": {
        "en": "Choose a region, then a country (every place with a Russian polling station):",
        "ru": "Выберите регион, затем страну (все места, где был российский избирательный участок):",
    },
    "region_prompt": {"en": "<b>{region}</b>: choose a country:", "ru": "<b>{region}</b>: выберите страну:"},
    "region_prompt_paged": {
        "en": "<b>{region}</b> (page {page} of {pages}): choose a country:",
        "ru": "<b>{region}</b> (страница {page} из {pages}): выберите страну:",
    },
    "previous_page": {"en": "‹ Previous", "ru": "‹ Назад"},
    "next_page": {"en": "Next ›", "ru": "Дальше ›"},
    "abroad_overall": {"en": "Abroad overall", "ru": "Всё зарубежье"},
    "other_places": {"en": "Other places", "ru": "Другие места"},
    "topics_prompt": {
        "en": "<b>{country}</b>: what would you like to know?",
        "ru": "<b>{country}</b>: что вас интересует?",
    },
    "no_topics": {"en": "I have no facts about {country} yet.", "ru": "У меня пока нет фактов о стране {country}."},
    "back": {"en": "« Back", "ru": "« Назад"},
    "all_countries": {"en": "« All countries", "ru": "« Все страны"},
    "sources_header": {
        "en": "<b>Sources</b>\nEvery answer names one of these publications.",
        "ru": "<b>Источники</b>\nУ каждого ответа указана одна из этих публикаций.",
    },
    "source_covers": {"en": "Covers: {places}.\nTopics: {topics}.", "ru": "Страны: {places}.\nТемы: {topics}."},
    "source_facts": {"en": "Facts based on it: {count}.", "ru": "Фактов на его основе: {count}."},
    "group_start_hint": {
        "en": "In this group, ask with <code>/ask your question</code> or mention me.",
        "ru": "В этой группе спрашивайте так: <code>/ask ваш вопрос</code>, или упомяните меня.",
    },
    "language_prompt": {"en": "Choose your language:", "ru": "Выберите язык:"},
    "language_set": {
        "en": "Done: I will answer in English. Ask me a question, or browse with /countries.",
        "ru": "Готово: буду отвечать по-русски. Задайте вопрос или выберите страну в /countries.",
    },
    "non_text_hint": {
        "en": (
            "I can only read text. Ask me a question about how Russians abroad voted in March 2024 (any country with "
            "a Russian polling station), or use /countries to browse."
        ),
        "ru": (
            "Я понимаю только текст. Задайте вопрос о том, как россияне за рубежом голосовали в марте 2024 года "
            "(в любой стране, где был российский участок), или выберите страну в /countries."
        ),
    },
    "rate_limited": {
        "en": "You are asking very fast. Please wait a minute and ask again.",
        "ru": "Вы задаёте вопросы очень быстро. Подождите минуту и спросите снова.",
    },
    "error": {
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
        "ru": "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
    },
    "stale_button": {
        "en": "This button is no longer valid. Please use /countries or ask again.",
        "ru": "Эта кнопка больше не действует. Откройте /countries или задайте вопрос заново.",
    },
    "ask_usage": {
        "en": "Ask me a question after the command, for example: <code>/ask How many voted in Kyrgyzstan?</code>",
        "ru": "Напишите вопрос после команды, например: <code>/ask Сколько человек проголосовало в Киргизии?</code>",
    },
    "bad_start_payload": {
        "en": "That link does not lead anywhere I know. Here is what I can tell you about:",
        "ru": "Эта ссылка никуда не ведёт. Вот о чём я могу рассказать:",
    },
    "chart_prompt": {"en": "Which chart would you like?", "ru": "Какую диаграмму показать?"},
    "chart_voters": {"en": "Voters by country", "ru": "Избиратели по странам"},
    "chart_putin": {"en": "Putin's share by country", "ru": "Доля Путина по странам"},
    "exit_poll": {"en": "exit poll", "ru": "экзитпол"},
    "axis_percent": {"en": "Share, %", "ru": "Доля, %"},
    "axis_voters": {"en": "Voters", "ru": "Избиратели"},
    # The world map (/map): plain texts, drawn into the picture and sent, escaped, as its caption.
    "chart_world_map": {"en": "World map", "ru": "Карта мира"},
    "map_title": {
        "en": "Vladimir Putin's share of the vote abroad, by country (official results)",
        "ru": "Доля Владимира Путина на зарубежных участках по странам (официальные итоги)",
    },
    "map_scale": {"en": "Share of the ballots in the boxes, %", "ru": "Доля от бюллетеней в ящиках, %"},
    "map_no_station": {"en": "No Russian polling station", "ru": "Нет российского участка"},
    "map_few_ballots": {"en": "Fewer than {min} ballots in the boxes", "ru": "Меньше {min} бюллетеней в ящиках"},
    "map_official_only": {
        "en": "Official results only: exit polls are not shown.",
        "ru": "Только официальные итоги: экзитполы на карте не показаны.",
    },
    "map_not_drawn": {
        "en": "Not drawn (no shape on the map): {places}.",
        "ru": "Не показаны (их нет на карте): {places}.",
    },
    "map_no_data": {
        "en": "I have no official results to draw a map from.",
        "ru": "У меня нет официальных итогов, по которым можно нарисовать карту.",
    },
}

# A topic as a button or menu title: "Turnout".
TOPIC_TITLES: dict[str, dict[str, str]] = {
    "turnout": {"en": "Turnout", "ru": "Явка"},
    "result": {"en": "Results", "ru": "Результаты"},
    "exit_poll": {"en": "Exit poll", "ru": "Экзитпол"},
    "polling_places": {"en": "Polling places", "ru": "Участки"},
    "reaction": {"en": "Leaders' reactions", "ru": "Реакция лидеров"},
    "diaspora": {"en": "Relocated Russians", "ru": "Переехавшие россияне"},
    "context": {"en": "Background", "ru": "Контекст"},
    "candidate": {"en": "Candidates", "ru": "Кандидаты"},
    "schedule": {"en": "Dates and voting", "ru": "Даты и порядок"},
    "source": {"en": "About the sources", "ru": "Об источниках"},
}

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

# Command menus (setMyCommands), per chat type and language. Each admin's private chat adds ADMIN_COMMANDS.
PRIVATE_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("start", "Start and example questions"),
        ("countries", "Browse facts by country"),
        ("chart", "Standard charts"),
        ("map", "World map of Putin's share"),
        ("sources", "Where the figures come from"),
        ("language", "English or Russian"),
        ("help", "How to use the bot"),
    ],
    "ru": [
        ("start", "Начало и примеры вопросов"),
        ("countries", "Факты по странам"),
        ("chart", "Готовые диаграммы"),
        ("map", "Карта мира: доля Путина"),
        ("sources", "Откуда цифры"),
        ("language", "Русский или английский"),
        ("help", "Как пользоваться ботом"),
    ],
}

GROUP_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("ask", "Ask a question"),
        ("countries", "Browse facts by country"),
        ("chart", "Standard charts"),
        ("map", "World map of Putin's share"),
        ("sources", "Where the figures come from"),
        ("help", "How to use the bot"),
    ],
    "ru": [
        ("ask", "Задать вопрос"),
        ("countries", "Факты по странам"),
        ("chart", "Готовые диаграммы"),
        ("map", "Карта мира: доля Путина"),
        ("sources", "Откуда цифры"),
        ("help", "Как пользоваться ботом"),
    ],
}

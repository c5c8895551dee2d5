"""Every user-facing text of the Telegram bot, in English and Russian, in one place.

Texts are Telegram HTML. ``text(key, language, **values)`` escapes every inserted value, so a
caller can pass user or fact text without thinking about markup.
"""

from __future__ import annotations

import html

from bot.models import LANGUAGES

DEFAULT_LANGUAGE = "en"

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "greeting": (
            "Hello, {name}! I answer questions about how Russian citizens in Kazakhstan, Kyrgyzstan, "
            "Tajikistan and Uzbekistan voted in the March 2024 Russian presidential election: turnout, "
            "results, the Almaty exit poll, polling places and what local leaders said.\n\n"
            "Every answer names its source; when I do not know something, I say so.\n\n"
            "Ask me anything, browse with /countries, see /help for what I can do, or try one of these:"
        ),
        "help": (
            "<b>How to use this bot</b>\n"
            "Just write a question, in English or Russian, for example "
            "<i>How many people voted in Tajikistan?</i> Follow-ups work too: <i>and in Uzbekistan?</i>\n\n"
            "When a question is vague, I offer the questions I can answer as buttons: tap one.\n\n"
            "/start: greeting and example questions\n"
            "/countries: browse the facts by country and topic\n"
            "/chart: standard charts (voters by country, Putin's share)\n"
            "/sources: where the figures come from\n"
            "/language: switch between English and Russian\n"
            "/ask: ask a question in a group\n"
            "/help: this message\n\n"
            "In a group, address me with <code>/ask your question</code>, mention me, or reply to my message.\n"
            "In any chat, type <code>@{bot} your question</code> to share an answer."
        ),
        "countries_prompt": "Choose a country:",
        "national": "Russia overall",
        "topics_prompt": "<b>{country}</b>: what would you like to know?",
        "no_topics": "I have no facts about {country} yet.",
        "back": "« Back",
        "all_countries": "« All countries",
        "sources_header": "<b>Sources</b>\nEvery answer names one of these publications.",
        "source_covers": "Covers: {places}.\nTopics: {topics}.",
        "source_facts": "Facts based on it: {count}.",
        "group_start_hint": "In this group, ask with <code>/ask your question</code> or mention me.",
        "language_prompt": "Choose your language:",
        "language_set": "Done: I will answer in English. Ask me a question, or browse with /countries.",
        "non_text_hint": (
            "I can only read text. Ask me a question about how Russians in Central Asia voted in March 2024, "
            "or use /countries to browse."
        ),
        "rate_limited": "You are asking very fast. Please wait a minute and ask again.",
        "error": "Sorry, something went wrong on my side. Please try again in a moment.",
        "stale_button": "This button is no longer valid. Please use /countries or ask again.",
        "ask_usage": (
            "Ask me a question after the command, for example: <code>/ask How many voted in Kyrgyzstan?</code>"
        ),
        "bad_start_payload": "That link does not lead anywhere I know. Here is what I can tell you about:",
        "chart_prompt": "Which chart would you like?",
        "chart_voters": "Voters by country",
        "chart_putin": "Putin's share by country",
        "inline_nothing": "No answer for this question",
        "inline_nothing_text": "I could not find an answer to that. Try asking about turnout or results in a country.",
        "inline_examples": "Try a question",
        "answer_from": "Answer",
        "exit_poll": "exit poll",
        "axis_percent": "Share, %",
        "axis_voters": "Voters",
    },
    "ru": {
        "greeting": (
            "Здравствуйте, {name}! Я отвечаю на вопросы о том, как граждане России в Казахстане, Киргизии, "
            "Таджикистане и Узбекистане голосовали на президентских выборах в марте 2024 года: явка, "
            "результаты, экзитпол в Алматы, участки для голосования и что сказали местные лидеры.\n\n"
            "У каждого ответа есть источник; если я чего-то не знаю, я так и говорю.\n\n"
            "Спросите что угодно, выберите страну в /countries, загляните в /help или попробуйте один из вопросов:"
        ),
        "help": (
            "<b>Как пользоваться ботом</b>\n"
            "Просто напишите вопрос по-русски или по-английски, например "
            "<i>Сколько человек проголосовало в Таджикистане?</i> Уточнения тоже работают: <i>а в Узбекистане?</i>\n\n"
            "Если вопрос неясен, я предложу вопросы, на которые могу ответить, кнопками: нажмите нужную.\n\n"
            "/start: приветствие и примеры вопросов\n"
            "/countries: факты по странам и темам\n"
            "/chart: готовые диаграммы (избиратели по странам, доля Путина)\n"
            "/sources: откуда взяты цифры\n"
            "/language: сменить язык (русский или английский)\n"
            "/ask: задать вопрос в группе\n"
            "/help: эта справка\n\n"
            "В группе обращайтесь ко мне так: <code>/ask ваш вопрос</code>, упомяните меня или ответьте "
            "на моё сообщение.\n"
            "В любом чате наберите <code>@{bot} ваш вопрос</code>, чтобы поделиться ответом."
        ),
        "countries_prompt": "Выберите страну:",
        "national": "Россия в целом",
        "topics_prompt": "<b>{country}</b>: что вас интересует?",
        "no_topics": "У меня пока нет фактов о стране {country}.",
        "back": "« Назад",
        "all_countries": "« Все страны",
        "sources_header": "<b>Источники</b>\nУ каждого ответа указана одна из этих публикаций.",
        "source_covers": "Страны: {places}.\nТемы: {topics}.",
        "source_facts": "Фактов на его основе: {count}.",
        "group_start_hint": "В этой группе спрашивайте так: <code>/ask ваш вопрос</code>, или упомяните меня.",
        "language_prompt": "Выберите язык:",
        "language_set": "Готово: буду отвечать по-русски. Задайте вопрос или выберите страну в /countries.",
        "non_text_hint": (
            "Я понимаю только текст. Задайте вопрос о том, как россияне в Центральной Азии голосовали "
            "в марте 2024 года, или выберите страну в /countries."
        ),
        "rate_limited": "Вы задаёте вопросы очень быстро. Подождите минуту и спросите снова.",
        "error": "Извините, у меня что-то пошло не так. Попробуйте ещё раз чуть позже.",
        "stale_button": "Эта кнопка больше не действует. Откройте /countries или задайте вопрос заново.",
        "ask_usage": (
            "Напишите вопрос после команды, например: <code>/ask Сколько человек проголосовало в Киргизии?</code>"
        ),
        "bad_start_payload": "Эта ссылка никуда не ведёт. Вот о чём я могу рассказать:",
        "chart_prompt": "Какую диаграмму показать?",
        "chart_voters": "Избиратели по странам",
        "chart_putin": "Доля Путина по странам",
        "inline_nothing": "Нет ответа на этот вопрос",
        "inline_nothing_text": "Я не нашёл ответа. Спросите, например, о явке или результатах в одной из стран.",
        "inline_examples": "Попробуйте вопрос",
        "answer_from": "Ответ",
        "exit_poll": "экзитпол",
        "axis_percent": "Доля, %",
        "axis_voters": "Избиратели",
    },
}

TOPIC_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "turnout": "Turnout",
        "result": "Results",
        "exit_poll": "Exit poll",
        "polling_places": "Polling places",
        "reaction": "Leaders' reactions",
        "diaspora": "Relocated Russians",
        "context": "Background",
        "candidate": "Candidates",
        "schedule": "Dates and voting",
        "source": "About the sources",
    },
    "ru": {
        "turnout": "Явка",
        "result": "Результаты",
        "exit_poll": "Экзитпол",
        "polling_places": "Участки",
        "reaction": "Реакция лидеров",
        "diaspora": "Переехавшие россияне",
        "context": "Контекст",
        "candidate": "Кандидаты",
        "schedule": "Даты и порядок",
        "source": "Об источниках",
    },
}

LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}

# Command menus (setMyCommands), per chat type and language. Each admin's private chat adds ADMIN_COMMANDS.
PRIVATE_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("start", "Start and example questions"),
        ("countries", "Browse facts by country"),
        ("chart", "Standard charts"),
        ("sources", "Where the figures come from"),
        ("language", "English or Russian"),
        ("help", "How to use the bot"),
    ],
    "ru": [
        ("start", "Начало и примеры вопросов"),
        ("countries", "Факты по странам"),
        ("chart", "Готовые диаграммы"),
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
        ("sources", "Where the figures come from"),
        ("help", "How to use the bot"),
    ],
    "ru": [
        ("ask", "Задать вопрос"),
        ("countries", "Факты по странам"),
        ("chart", "Готовые диаграммы"),
        ("sources", "Откуда цифры"),
        ("help", "Как пользоваться ботом"),
    ],
}


ADMIN_COMMANDS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("facts", "Admin: list facts"),
        ("fact", "Admin: show a fact"),
        ("add", "Admin: add a fact (YAML)"),
        ("set", "Admin: change a field"),
        ("edit", "Admin: change a field with buttons"),
        ("delete", "Admin: remove a fact"),
        ("undo", "Admin: undo your last change"),
        ("history", "Admin: versions of a fact"),
        ("restore", "Admin: restore a version"),
        ("export", "Admin: the fact base as YAML"),
        ("import", "Admin: send a YAML file with this caption"),
        ("unanswered", "Admin: questions without an answer"),
        ("stats", "Admin: question statistics"),
        ("why", "Admin: how a question is decided"),
    ],
    "ru": [
        ("facts", "Редактор: список фактов"),
        ("fact", "Редактор: показать факт"),
        ("add", "Редактор: добавить факт (YAML)"),
        ("set", "Редактор: изменить поле"),
        ("edit", "Редактор: изменить поле кнопками"),
        ("delete", "Редактор: убрать факт"),
        ("undo", "Редактор: отменить своё последнее изменение"),
        ("history", "Редактор: версии факта"),
        ("restore", "Редактор: вернуть версию"),
        ("export", "Редактор: база фактов в YAML"),
        ("import", "Редактор: отправьте YAML-файл с этой подписью"),
        ("unanswered", "Редактор: вопросы без ответа"),
        ("stats", "Редактор: статистика вопросов"),
        ("why", "Редактор: как выбирается ответ"),
    ],
}


def normalize_language(code: str | None) -> str:
    """Map a Telegram language_code ("ru", "ru-RU", "uk", None) to a language the bot speaks."""
    if code and code.lower().split("-")[0] in LANGUAGES:
        return code.lower().split("-")[0]
    return DEFAULT_LANGUAGE


def text(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language`` with every value HTML-escaped."""
    template = TEXTS.get(language, TEXTS[DEFAULT_LANGUAGE])[key]
    return template.format(**{name: html.escape(str(value)) for name, value in values.items()})


def topic_label(topic: str, language: str) -> str:
    return TOPIC_LABELS.get(language, TOPIC_LABELS[DEFAULT_LANGUAGE]).get(topic, topic)

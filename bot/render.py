"""Reply wording: fixed texts in both languages, numbers, the source line, and plain text + Telegram HTML.

The engine decides what to say as a list of blocks; this module is the one place that turns blocks into
text. Every fact text and every user text goes through ``html.escape`` in the HTML form.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.models import Figure, Source
from bot.text import morph

TOPIC_LABELS: dict[str, dict[str, str]] = {
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

TEXTS: dict[str, dict[str, str]] = {
    "source": {"en": "Source", "ru": "Источник"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "scope": {
        "en": "I can only answer about how Russian citizens in Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan "
        "voted in the March 2024 Russian presidential election.",
        "ru": "Я отвечаю только на вопросы о том, как граждане России в Казахстане, Киргизии, Таджикистане и "
        "Узбекистане голосовали на президентских выборах в марте 2024 года.",
    },
    "future": {
        "en": "I only have the figures of the March 2024 election, not advice on how or when to vote in a future one.",
        "ru": "У меня есть только данные о выборах в марте 2024 года, а не советы о том, как и когда голосовать "
        "на следующих выборах.",
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
}

ORDINAL_NAMES = {
    "en": {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"},
    "ru": {1: "первое", 2: "второе", 3: "третье", 4: "четвёртое", 5: "пятое", -1: "последнее"},
}


def ordinal(rank: int, language: str) -> str:
    names = ORDINAL_NAMES["ru" if language == "ru" else "en"]
    return names.get(rank, str(rank))


# Russian templates with "{country}" after "по" take the dative: the engine passes ru_case(name, "datv").


@lru_cache(maxsize=1024)
def ru_case(name: str, case: str) -> str:
    """A Russian name in a grammatical case ("Таджикистан", "datv" -> "Таджикистану"), word by word with pymorphy;
    a word pymorphy cannot read as a singular noun or adjective stays as written."""
    words = []
    for word in name.split():
        parses = [
            parse
            for parse in morph().parse(word)
            if {"nomn", "sing"} <= parse.tag.grammemes and {"NOUN", "ADJF"} & parse.tag.grammemes
        ]
        parses.sort(key=lambda parse: -len({"Surn", "Name", "Geox"} & parse.tag.grammemes))
        inflected = parses[0].inflect({case, "sing"}) if parses else None
        if inflected is None:
            words.append(word)
        else:
            words.append(inflected.word.capitalize() if word[:1].isupper() else inflected.word)
    return " ".join(words)


def text(key: str, language: str, **values: str) -> str:
    template = TEXTS[key]["ru" if language == "ru" else "en"]
    return template.format(**values) if values else template


def join_names(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    conjunction = " и " if language == "ru" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def format_date(value: str, language: str) -> str:
    """ISO dates read as "21 March 2024" / "21 марта 2024"; the source's own wording stays as it is."""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return value
    return f"{parsed.day} {MONTHS['ru' if language == 'ru' else 'en'][parsed.month - 1]} {parsed.year}"


def format_number(value: float, language: str) -> str:
    digits = f"{int(value):,}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    if language == "ru":
        digits = digits.replace(",", "\u00a0").replace(".", ",")
    return digits


def format_figure(figure: Figure, language: str) -> str:
    """ "around 4,600" / "57.6%" / "около 4 600"."""
    if figure.value is None:
        return text("no_figure", language)
    approx = APPROX_WORDS[figure.approx]["ru" if language == "ru" else "en"]
    number = format_number(figure.value, language)
    unit = "%" if figure.metric in ("vote_share", "turnout_percent") else ""
    return f"{approx}{number}{unit}"


def kind_label(kind: str, language: str) -> str:
    return KIND_LABELS.get(kind, {}).get("ru" if language == "ru" else "en", kind)


def citation(source: Source, language: str) -> str:
    """ "Eurasianet, March 2024": the source's own short citation, else publisher and date."""
    if source.cited_as:
        return source.cited_as.get(language)
    return f"{source.publisher}, {format_date(source.date, language)}"


def source_line(sources: list[Source], kinds: list[str], language: str) -> str:
    """ "Source: Eurasianet, March 2024 (exit poll)"."""
    named = [citation(source, language) for source in sources]
    label = text("sources" if len(named) > 1 else "source", language)
    line = f"{label}: {'; '.join(named)}"
    if kinds:
        line += " (" + ", ".join(kind_label(kind, language) for kind in kinds) + ")"
    return line


@dataclass(frozen=True)
class Block:
    """One paragraph of a reply; ``style`` is "text", "heading", "item" or "source"."""

    content: str
    style: str = "text"


def to_plain(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if block.style == "item":
            lines.append(f"• {block.content}")
        else:
            if lines and block.style in ("text", "source", "heading") and lines[-1] != "":
                lines.append("")
            lines.append(block.content)
    return "\n".join(lines).strip()


def to_html(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        content = html.escape(block.content, quote=False)
        if block.style == "item":
            lines.append(f"• {content}")
            continue
        if lines and lines[-1] != "":
            lines.append("")
        if block.style == "heading":
            lines.append(f"<b>{content}</b>")
        elif block.style == "source":
            lines.append(f"<i>{content}</i>")
        else:
            lines.append(content)
    return "\n".join(lines).strip()

"""The catalogue owns every user-facing word the bot says, in English and Russian, keyed ``[key][language]``.

Three sections, one module each, merged into ``TEXTS`` (a key lives in exactly one section):

- ``answers``: the engine's reply texts, plain templates (``text``); the renderer escapes whole blocks later;
- ``chat``: what a Telegram user reads around the answers, Telegram HTML templates (``html_text``);
- ``admin``: what an admin (curator) reads, Telegram HTML templates (``html_text``).

The vocabularies live here too: ``TOPIC_PHRASES`` (a topic inside a sentence, "how many voted") and
``TOPIC_TITLES`` (a topic as a button or menu title, "Turnout"), ``KIND_LABELS``, ``APPROX_WORDS``,
``ORDINAL_NAMES``, ``MONTHS``, ``LANGUAGE_NAMES``, the command menus and the admin's counted nouns.
Numbers, dates, the source line and blocks are formatted by ``bot.render``.

Usage:

    text("not_reported", "en", topic="how many voted", country="Uzbekistan")
    html_text("topics_prompt", "ru", country="<Kazakhstan>")  # "<b>&lt;Kazakhstan&gt;</b>: что вас интересует?"
    counted(3, "fact", "ru")  # "3 факта"
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from bot.catalogue import admin, answers, chat
from bot.catalogue.admin import ACTION_NAMES, ADMIN_COMMANDS, NOUNS
from bot.catalogue.answers import APPROX_WORDS, KIND_LABELS, MONTHS, ORDINAL_NAMES, TOPIC_PHRASES
from bot.catalogue.chat import GROUP_COMMANDS, LANGUAGE_NAMES, PRIVATE_COMMANDS, TOPIC_TITLES
from bot.models import LANGUAGES

__all__ = [
    "ACTION_NAMES",
    "ADMIN_COMMANDS",
    "APPROX_WORDS",
    "DEFAULT_LANGUAGE",
    "GROUP_COMMANDS",
    "KIND_LABELS",
    "LANGUAGE_NAMES",
    "MONTHS",
    "NOUNS",
    "ORDINAL_NAMES",
    "PRIVATE_COMMANDS",
    "SECTIONS",
    "TEXTS",
    "TOPIC_PHRASES",
    "TOPIC_TITLES",
    "action_name",
    "counted",
    "html_text",
    "normalize_language",
    "spoken_language",
    "text",
    "topic_title",
]

DEFAULT_LANGUAGE = "en"

SECTIONS: dict[str, Mapping[str, dict[str, str]]] = {
    "answers": answers.TEXTS,
    "chat": chat.TEXTS,
    "admin": admin.TEXTS,
}


def _merge(sections: Mapping[str, Mapping[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    """All sections as one table; a key defined in two sections is a mistake, refused when the bot starts."""
    merged: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for section, texts in sections.items():
        for key, by_language in texts.items():
            if key in owner:
                raise ValueError(
                    f"text key {key!r} is defined in both bot/catalogue/{owner[key]}.py and "
                    f"bot/catalogue/{section}.py: a key may live in one section only (rename one of them)"
                )
            owner[key] = section
            merged[key] = by_language
    return merged


TEXTS: dict[str, dict[str, str]] = _merge(SECTIONS)

# Admin texts escape values with quote=False and the others with html.escape's default (quotes too), as they
# did before the sections were merged; both are valid Telegram HTML, and replies stay byte-for-byte the same.
_QUOTES_KEPT = frozenset(admin.TEXTS)


def normalize_language(code: str | None) -> str:
    """Map a Telegram language_code ("ru", "ru-RU", "uk", None) to a language the bot speaks."""
    if code and code.lower().split("-")[0] in LANGUAGES:
        return code.lower().split("-")[0]
    return DEFAULT_LANGUAGE


def spoken_language(language: str | None) -> str:
    """``language`` if the bot speaks it, else English."""
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, language: str | None, /, **values: object) -> str:
    """The plain template ``key`` in ``language`` (English if unknown), filled with ``values`` as they are."""
    template = TEXTS[key][spoken_language(language)]
    return template.format(**values) if values else template


def html_text(key: str, language: str | None, /, **values: object) -> str:
    """The HTML template ``key`` in ``language`` (English if unknown) with every value HTML-escaped."""
    template = TEXTS[key][spoken_language(language)]
    quote = key not in _QUOTES_KEPT
    return template.format(**{name: html.escape(str(value), quote=quote) for name, value in values.items()})


def topic_title(topic: str, language: str | None) -> str:
    """A topic as a button or menu title ("Turnout"); an unknown topic is shown as its id."""
    return TOPIC_TITLES.get(topic, {}).get(spoken_language(language), topic)


def counted(count: int, noun: str, language: str | None) -> str:
    """ "3 facts" / "3 факта": the number with its noun in the right form (plain text, not escaped)."""
    language = spoken_language(language)
    forms = NOUNS[noun][language]
    if language == "ru":
        tens, units = count % 100, count % 10
        if units == 1 and tens != 11:
            form = forms[0]
        elif 2 <= units <= 4 and not 12 <= tens <= 14:
            form = forms[1]
        else:
            form = forms[2]
    else:
        form = forms[0] if count == 1 else forms[1]
    return f"{count} {form}"


def action_name(action: str, language: str | None) -> str:
    """What a history row's action means in ``language`` ("добавление" for "add"); English uses the store's word."""
    return ACTION_NAMES.get(action, {}).get(spoken_language(language), action)

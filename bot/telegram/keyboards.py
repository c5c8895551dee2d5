"""Inline keyboards and the callback data they carry.

Callback data is compact and versioned: ``"1:<kind>[:<arg>...]"``, at most 64 bytes (Telegram's limit).
``parse_callback`` accepts only data this module could have produced; anything else (a forged button,
a button from an older bot version) parses to ``None`` and the handler shows a polite notice.

Kinds (version 1):
    ``1:c``                  the region menu (then "Abroad overall" and "Russia overall")
    ``1:r:<region>:<page>``  one page of a region's places (``bot.country_names.REGIONS``, or ``other``)
    ``1:c:<country>``        topics of a country (``-`` = Russia overall / national facts)
    ``1:t:<country>:<topic>`` the answer for one topic of one country
    ``1:f:<fact_id>:<lang>`` answer one fact in the language it was offered in (did-you-mean, examples)
    ``1:q:<n>``              ask a question stashed in chat_data (suggestions without a fact id)
    ``1:l:<language>``       switch language
    ``1:g:<chart>``          a standard chart
    ``1:m``                  the world map of Putin's official share abroad
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.catalogue import LANGUAGE_NAMES, text, topic_title
from bot.country_names import REGIONS
from bot.models import LANGUAGES, TOPICS
from bot.replies import Suggestion

CALLBACK_VERSION = "1"
MAX_CALLBACK_BYTES = 64
NATIONAL = "-"  # stands for "no country" in callback data
OTHER_REGION = "other"  # places the region table does not know (a test base's invented countries)
MENU_REGIONS = (*REGIONS, OTHER_REGION)
MAX_PAGES = 20

# Standard charts offered by /chart: name -> (engine metric, candidate, text key of the button label).
STANDARD_CHARTS: dict[str, tuple[str, str | None, str]] = {
    "voters": ("voters", None, "chart_voters"),
    "putin": ("vote_share", "putin", "chart_putin"),
}

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
_ARG_PATTERNS: dict[str, tuple[re.Pattern[str], ...]] = {
    "c": (),
    "c1": (re.compile(rf"^(?:{re.escape(NATIONAL)}|[a-z0-9][a-z0-9_-]{{0,40}})$"),),
    "t": (re.compile(rf"^(?:{re.escape(NATIONAL)}|[a-z0-9][a-z0-9_-]{{0,40}})$"), re.compile(r"^[a-z_]{1,20}$")),
    "f": (_ID, re.compile(r"^[a-z]{2}$")),
    "q": (re.compile(r"^[0-9]{1,9}$"),),
    "r": (re.compile(r"^[a-z_]{1,20}$"), re.compile(r"^(?:0|[1-9][0-9]?)$")),
    "l": (re.compile(r"^[a-z]{2}$"),),
    "g": (re.compile(r"^[a-z_]{1,20}$"),),
    "m": (),
}


@dataclass(frozen=True)
class CallbackAction:
    """A parsed, syntactically valid button press. Whether the country/fact still exists is checked later."""

    kind: str
    args: tuple[str, ...] = ()


def callback_data(kind: str, *args: str) -> str:
    """Encode a button's data; raises ValueError if it would not round-trip or exceeds 64 bytes."""
    data = ":".join((CALLBACK_VERSION, kind, *args))
    if len(data.encode()) > MAX_CALLBACK_BYTES or parse_callback(data) != CallbackAction(kind, tuple(args)):
        raise ValueError(f"cannot encode callback data {data!r}")
    return data


def parse_callback(data: object) -> CallbackAction | None:
    """Decode callback data, or None when it is not something this bot version produced."""
    if not isinstance(data, str) or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    version, _, rest = data.partition(":")
    if version != CALLBACK_VERSION or not rest:
        return None
    kind, *args = rest.split(":")
    patterns = _ARG_PATTERNS.get(f"{kind}{len(args)}" if kind == "c" and args else kind)
    if patterns is None or len(patterns) != len(args):
        return None
    if not all(pattern.match(arg) for pattern, arg in zip(patterns, args, strict=True)):
        return None
    if kind == "t" and args[1] not in TOPICS:
        return None
    if (kind == "l" and args[0] not in LANGUAGES) or (kind == "f" and args[1] not in LANGUAGES):
        return None
    if kind == "g" and args[0] not in STANDARD_CHARTS:
        return None
    if kind == "r" and (args[0] not in MENU_REGIONS or int(args[1]) >= MAX_PAGES):
        return None
    return CallbackAction(kind, tuple(args))


def _rows(buttons: Sequence[InlineKeyboardButton], per_row: int) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def regions_keyboard(regions: Iterable[tuple[str, str]], abroad_id: str | None, language: str) -> InlineKeyboardMarkup:
    """One button per (region id, label), then every foreign station together and Russia overall."""
    buttons = [InlineKeyboardButton(label, callback_data=callback_data("r", region, "0")) for region, label in regions]
    rows = _rows(buttons, 2)
    overall = []
    if abroad_id is not None:
        overall.append(
            InlineKeyboardButton(text("abroad_overall", language), callback_data=callback_data("c", abroad_id))
        )
    overall.append(InlineKeyboardButton(text("national", language), callback_data=callback_data("c", NATIONAL)))
    rows.append(overall)
    return InlineKeyboardMarkup(rows)


def places_keyboard(
    region: str, places: Iterable[tuple[str, str]], page: int, pages: int, language: str
) -> InlineKeyboardMarkup:
    """One page of a region's places (country id, name), page buttons when there are several, and back."""
    buttons = [InlineKeyboardButton(name, callback_data=callback_data("c", country_id)) for country_id, name in places]
    rows = _rows(buttons, 2)
    turn = []
    if page > 0:
        turn.append(
            InlineKeyboardButton(
                text("previous_page", language), callback_data=callback_data("r", region, str(page - 1))
            )
        )
    if page + 1 < pages:
        turn.append(
            InlineKeyboardButton(text("next_page", language), callback_data=callback_data("r", region, str(page + 1)))
        )
    if turn:
        rows.append(turn)
    rows.append([InlineKeyboardButton(text("all_countries", language), callback_data=callback_data("c"))])
    return InlineKeyboardMarkup(rows)


def topics_keyboard(
    country_id: str | None,
    topics: Iterable[str],
    language: str,
    back: tuple[str, int, str] | None = None,
) -> InlineKeyboardMarkup:
    """A country's topics, then back to its region's page (``back`` = region, page, region name) and to the menu."""
    country_arg = country_id or NATIONAL
    buttons = [
        InlineKeyboardButton(topic_title(topic, language), callback_data=callback_data("t", country_arg, topic))
        for topic in topics
    ]
    rows = _rows(buttons, 2)
    last = []
    if back is not None:
        region, page, name = back
        last.append(InlineKeyboardButton(f"« {name}", callback_data=callback_data("r", region, str(page))))
    last.append(InlineKeyboardButton(text("all_countries", language), callback_data=callback_data("c")))
    rows.append(last)
    return InlineKeyboardMarkup(rows)


def answer_keyboard(country_id: str | None, language: str) -> InlineKeyboardMarkup:
    """Under a browsed answer: back to the country's topics, or to all countries."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(text("back", language), callback_data=callback_data("c", country_id or NATIONAL)),
                InlineKeyboardButton(text("all_countries", language), callback_data=callback_data("c")),
            ]
        ]
    )


def suggestions_keyboard(
    suggestions: Iterable[Suggestion], language: str, stash_question: Callable[[str], str]
) -> InlineKeyboardMarkup | None:
    """One button per suggestion; ``stash_question(question) -> str`` keeps questions that have no fact id."""
    rows = []
    for suggestion in suggestions:
        data = None
        if suggestion.fact_id:
            try:
                data = callback_data("f", suggestion.fact_id, language)
            except ValueError:
                data = None
        if data is None:
            data = callback_data("q", stash_question(suggestion.question))
        rows.append([InlineKeyboardButton(suggestion.label, callback_data=data)])
    return InlineKeyboardMarkup(rows) if rows else None


def language_keyboard(current: str | None = None) -> InlineKeyboardMarkup:
    """One button per language; the one in use is ticked."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"✓ {LANGUAGE_NAMES[code]}" if code == current else LANGUAGE_NAMES[code],
                    callback_data=callback_data("l", code),
                )
                for code in LANGUAGES
            ]
        ]
    )


def charts_keyboard(language: str) -> InlineKeyboardMarkup:
    """One button per standard chart, then the world map."""
    rows = [
        [InlineKeyboardButton(text(label_key, language), callback_data=callback_data("g", name))]
        for name, (_, _, label_key) in STANDARD_CHARTS.items()
    ]
    rows.append([InlineKeyboardButton(text("chart_world_map", language), callback_data=callback_data("m"))])
    return InlineKeyboardMarkup(rows)

"""Reply formatting: numbers, dates, Russian cases, the source line, and blocks as plain text + Telegram HTML.

The engine decides what to say as a list of blocks; this module is the one place that turns blocks into
text. Every fact text and every user text goes through ``html.escape`` in the HTML form. The words
themselves come from ``bot.catalogue``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot import catalogue
from bot.catalogue import APPROX_WORDS, KIND_LABELS, MONTHS, ORDINAL_NAMES
from bot.models import PERCENT_METRICS, Figure, Source
from bot.text import morph


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
        return catalogue.text("no_figure", language)
    approx = APPROX_WORDS[figure.approx]["ru" if language == "ru" else "en"]
    number = format_number(figure.value, language)
    unit = "%" if figure.metric in PERCENT_METRICS else ""
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
    label = catalogue.text("sources" if len(named) > 1 else "source", language)
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

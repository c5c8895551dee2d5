"""The text catalogue (bot.catalogue): complete in both languages, one owner per key, sound HTML, no dead texts."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

import bot.catalogue as catalogue
from bot.catalogue import (
    ACTION_NAMES,
    ADMIN_COMMANDS,
    APPROX_WORDS,
    GROUP_COMMANDS,
    KIND_LABELS,
    NOUNS,
    PRIVATE_COMMANDS,
    SECTIONS,
    TEXTS,
    TOPIC_PHRASES,
    TOPIC_TITLES,
    html_text,
    text,
)
from bot.models import LANGUAGES, TOPICS

BOT_SOURCE = Path(__file__).resolve().parent.parent / "bot"

# English texts that show the store's own (English) wording; the Russian ones say it in Russian instead.
ENGLISH_ONLY_PLACEHOLDERS = {"store_invalid": {"subject"}, "undo_conflict": {"detail"}}

# Keys nothing in bot/ uses yet, each with the reason. Every other key must be used somewhere.
NOT_USED_YET: dict[str, str] = {}  # key -> why no code uses it yet

# The tags Telegram's HTML parse mode understands.
TELEGRAM_TAGS = {"a", "b", "blockquote", "code", "del", "em", "i", "ins", "pre", "s", "span", "strike", "strong"}
TELEGRAM_TAGS |= {"tg-emoji", "tg-spoiler", "u"}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def filled(template: str, value: str = "x") -> str:
    """The template with every placeholder filled, so that only its own characters are left to check."""
    return string.Formatter().vformat(template, (), {name: value for name in placeholders(template)})


def html_problems(template: str) -> list[str]:
    """What makes ``template`` bad Telegram HTML: unknown or unbalanced tags, a bare < > or &."""
    problems, open_tags = [], []
    body = filled(template)
    for match in re.finditer(r"<(/?)([a-z][a-z0-9-]*)(?:\s[^<>]*)?>", body):
        closing, tag = match.groups()
        if tag not in TELEGRAM_TAGS:
            problems.append(f"<{tag}> is not a Telegram tag")
        elif not closing:
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            problems.append(f"</{tag}> closes a tag that is not the innermost open one")
    problems += [f"<{tag}> is never closed" for tag in open_tags]
    bare = re.sub(r"<(/?)([a-z][a-z0-9-]*)(?:\s[^<>]*)?>", "", body)
    if "<" in bare or ">" in bare:
        problems.append("a bare < or > (write &lt; or &gt;)")
    if re.search(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)", bare):
        problems.append("a bare & (write &amp;)")
    return problems


def used_in_bot(key: str, source: str) -> bool:
    """Whether the code names ``key``: as a string literal, or as an f-string prefix ("usage_{command}")."""
    if re.search(rf"""["']{re.escape(key)}["']""", source):
        return True
    prefixes = re.findall(r"""f["']([a-z][a-z0-9_]*_)\{""", source)
    return any(key.startswith(prefix) for prefix in prefixes)


@pytest.fixture(scope="module")
def bot_source() -> str:
    """Every module of bot/ except the catalogue itself."""
    files = sorted(path for path in BOT_SOURCE.rglob("*.py") if "catalogue" not in path.relative_to(BOT_SOURCE).parts)
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


# --- complete and consistent ----------------------------------------------------------------------------------


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_exists_in_both_languages_with_the_same_placeholders(key: str) -> None:
    by_language = TEXTS[key]
    assert set(by_language) == set(LANGUAGES)
    english_only = ENGLISH_ONLY_PLACEHOLDERS.get(key, set())
    assert placeholders(by_language["en"]) - english_only == placeholders(by_language["ru"])


def test_russian_texts_are_in_russian() -> None:
    # A forgotten copy of the English would have no Cyrillic; texts with no words at all ("{detail}") are skipped.
    for key, by_language in TEXTS.items():
        words = filled(by_language["ru"], "")
        if any(char.isalpha() for char in words):
            assert any("а" <= char.lower() <= "я" or char in "ёЁ" for char in words), key


def test_no_key_is_in_two_sections() -> None:
    owners: dict[str, list[str]] = {}
    for section, texts in SECTIONS.items():
        for key in texts:
            owners.setdefault(key, []).append(section)
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}
    assert set(TEXTS) == set(owners)


def test_a_key_in_two_sections_is_refused_by_name() -> None:
    sections = {"answers": {"national": {"en": "a", "ru": "б"}}, "chat": {"national": {"en": "a", "ru": "б"}}}
    with pytest.raises(ValueError, match=r"'national' is defined in both bot/catalogue/answers.py and .*chat.py"):
        catalogue._merge(sections)


@pytest.mark.parametrize(
    ("name", "table", "keys"),
    [
        # ...and "population", asked about though no fact's topic ("how many Russians live in X")
        ("TOPIC_PHRASES", TOPIC_PHRASES, {*TOPICS, "population"}),
        ("TOPIC_TITLES", TOPIC_TITLES, set(TOPICS)),
        ("KIND_LABELS", KIND_LABELS, None),
        ("APPROX_WORDS", APPROX_WORDS, None),
        ("ACTION_NAMES", ACTION_NAMES, None),
        ("NOUNS", NOUNS, None),
    ],
)
def test_vocabularies_are_keyed_by_word_then_language(name: str, table: dict, keys: set[str] | None) -> None:
    if keys is not None:
        assert set(table) == keys, name
    for key, by_language in table.items():
        assert set(by_language) == set(LANGUAGES), (name, key)


@pytest.mark.parametrize("menu", [PRIVATE_COMMANDS, GROUP_COMMANDS, ADMIN_COMMANDS])
def test_command_menus_list_the_same_commands_in_both_languages(menu: dict[str, list[tuple[str, str]]]) -> None:
    assert set(menu) == set(LANGUAGES)
    assert [command for command, _ in menu["en"]] == [command for command, _ in menu["ru"]]


# --- markup ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("section", ["chat", "admin"])
def test_html_templates_are_sound_telegram_html(section: str) -> None:
    problems = {
        (key, language): html_problems(template)
        for key, by_language in SECTIONS[section].items()
        for language, template in by_language.items()
    }
    assert {where: found for where, found in problems.items() if found} == {}


def test_answer_texts_are_plain_text() -> None:
    # The renderer escapes whole blocks for HTML: markup or an entity here would be shown literally.
    marked = [
        key for key, by_language in SECTIONS["answers"].items() if re.search(r"[<>&]", "".join(by_language.values()))
    ]
    assert marked == []


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("<b>x", "never closed"),
        ("<b><i>x</b></i>", "innermost"),
        ("a < b", "bare <"),
        ("Q&A", "bare &"),
        ("<h1>x</h1>", "not a Telegram tag"),
    ],
)
def test_the_html_check_catches_broken_markup(template: str, problem: str) -> None:
    assert any(problem in found for found in html_problems(template)), html_problems(template)


# --- used ------------------------------------------------------------------------------------------------------


def test_every_text_is_used_in_the_bot(bot_source: str) -> None:
    dead = [key for key in TEXTS if key not in NOT_USED_YET and not used_in_bot(key, bot_source)]
    assert dead == [], "texts nothing in bot/ uses: delete them, or list them in NOT_USED_YET with a reason"


def test_the_not_used_yet_list_does_not_rot(bot_source: str) -> None:
    assert set(NOT_USED_YET) <= set(TEXTS)
    now_used = [key for key in NOT_USED_YET if used_in_bot(key, bot_source)]
    assert now_used == [], "these keys are used now: remove them from NOT_USED_YET"


# --- filling templates -----------------------------------------------------------------------------------------


def test_text_fills_a_plain_template_as_is_and_falls_back_to_english() -> None:
    filled_in = text("not_reported", "en", topic="how many voted", country="<Uzbekistan> & co")
    assert filled_in == "The sources do not report how many voted for <Uzbekistan> & co."
    assert text("national", "de") == text("national", None) == "Russia overall"
    assert text("national", "ru") == "Россия в целом"


def test_html_text_escapes_every_value() -> None:
    assert (
        html_text("topics_prompt", "en", country="<i>K</i> & Co")
        == "<b>&lt;i&gt;K&lt;/i&gt; &amp; Co</b>: what would you like to know?"
    )
    # As before the sections were merged: chat texts escape quotes too, admin texts leave them.
    assert html_text("greeting", "en", name="O'Brien").startswith("Hello, O&#x27;Brien!")
    assert html_text("no_fact", "en", id="it's") == "There is no fact with id 'it's'."


def test_a_value_may_be_called_language() -> None:
    assert "Questions EN:" in html_text("questions", "en", language="EN", questions="none")

"""Admin texts (the admin section of bot.catalogue) and the curator speaking the admin's language (bot.curation)."""

from __future__ import annotations

import string

import pytest
from test_curation import ADMIN, NEW_FACT, FakeEngine, snapshot

from bot.catalogue import NOUNS, counted, html_text
from bot.catalogue import admin as admin_section
from bot.curation import Curator, parse_callback
from bot.knowledge import dump_yaml
from bot.models import KnowledgeBase
from bot.store import FactStore


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# English texts that show the store's own (English) wording; the Russian ones say it in Russian instead.
STORE_WORDING = {"store_invalid": {"subject"}, "undo_conflict": {"detail"}}


def test_every_admin_text_exists_in_both_languages_with_the_same_placeholders() -> None:
    for key, by_language in admin_section.TEXTS.items():
        assert by_language.keys() == {"en", "ru"}, key
        assert placeholders(by_language["en"]) - STORE_WORDING.get(key, set()) == placeholders(by_language["ru"]), key
    for noun, forms in NOUNS.items():
        assert forms.keys() == {"en", "ru"}, noun


def test_russian_admin_texts_are_in_russian() -> None:
    # Every Russian text with words has Cyrillic in it (a forgotten copy of the English would not).
    for key, by_language in admin_section.TEXTS.items():
        russian = by_language["ru"]
        words = string.Formatter().vformat(russian, (), {name: "" for name in placeholders(russian)})
        if any(char.isalpha() for char in words):
            assert any("а" <= char.lower() <= "я" or char in "ёЁ" for char in words), key


@pytest.mark.parametrize(
    ("count", "english", "russian"),
    [
        (0, "0 facts", "0 фактов"),
        (1, "1 fact", "1 факт"),
        (2, "2 facts", "2 факта"),
        (5, "5 facts", "5 фактов"),
        (11, "11 facts", "11 фактов"),
        (12, "12 facts", "12 фактов"),
        (21, "21 facts", "21 факт"),
        (24, "24 facts", "24 факта"),
        (111, "111 facts", "111 фактов"),
    ],
)
def test_counted_nouns_agree_with_the_number(count: int, english: str, russian: str) -> None:
    assert counted(count, "fact", "en") == english
    assert counted(count, "fact", "ru") == russian


def test_values_are_escaped_and_an_unknown_language_falls_back_to_english() -> None:
    assert html_text("no_fact", "ru", id="<b>x</b> & y") == "Нет факта с id «&lt;b&gt;x&lt;/b&gt; &amp; y»."
    assert html_text("no_fact", "de", id="x") == html_text("no_fact", "en", id="x")


# --- the curator in both languages ------------------------------------------------------------------------


@pytest.fixture
def store(fact_store: FactStore, small_knowledge: KnowledgeBase) -> FactStore:
    fact_store.load_knowledge(small_knowledge)
    return fact_store


@pytest.fixture
def curator(store: FactStore) -> Curator:
    return Curator(store, FakeEngine(store.knowledge()))


LANGUAGES = ["en", "ru"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["3 facts", "National and background", "About 10,000 people voted."]),
        ("ru", ["3 факта", "Россия в целом и контекст", "Проголосовали около 10 000 человек."]),
    ],
)
def test_facts_summaries_and_headings_in_the_admins_language(
    curator: Curator, language: str, expected: list[str]
) -> None:
    text = curator.facts(language=language).text
    assert all(part in text for part in expected), text


def test_fact_in_russian_shows_the_content_as_stored_in_both_languages(curator: Curator) -> None:
    text = curator.fact("tajikistan-turnout", language="ru").text
    stored = ["About 10,000 people voted.", "Проголосовали около 10 000 человек."]
    for part in ["версия 1", *stored, "Цифры:", "Источник:"]:
        assert part in text, text
    assert "Version" not in text and "Figures" not in text


@pytest.mark.parametrize(
    ("language", "old", "new", "undone"),
    [("en", "old: 10000", "new: 9600", "Undid 'set"), ("ru", "было: 10000", "стало: 9600", "Отменено: «set")],
)
def test_set_and_undo_in_the_admins_language(
    curator: Curator, store: FactStore, language: str, old: str, new: str, undone: str
) -> None:
    outcome = curator.set_command("tajikistan-turnout figures.voters 9600", ADMIN, language=language)
    assert outcome.ok and old in outcome.text and new in outcome.text
    assert undone in curator.undo(ADMIN, language=language).text
    assert store.get_fact("tajikistan-turnout").figures[0].value == 10000


@pytest.mark.parametrize(
    ("language", "args", "problem"),
    [
        ("ru", "no-such-fact answer.en Hello", "Нет факта с id «no-such-fact»"),
        ("ru", "tajikistan-turnout colour red", "Неверное поле"),
        ("ru", "tajikistan-turnout figures.voters 10000", "уже имеет это значение"),
        ("ru", "tajikistan-turnout figures.voters -3", "cannot be negative"),  # the validator's own words
        ("ru", "tajikistan-turnout answer.en", "Формат:"),
        ("en", "tajikistan-turnout answer.en", "Usage:"),
    ],
)
def test_refusals_in_the_admins_language_change_nothing(
    curator: Curator, store: FactStore, language: str, args: str, problem: str
) -> None:
    before = snapshot(store)
    outcome = curator.set_command(args, ADMIN, language=language)
    assert not outcome.ok and problem in outcome.text, outcome.text
    assert snapshot(store) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_russian_replies_keep_html_escaping(curator: Curator, language: str) -> None:
    hostile = "<b>bold</b> & <a href='x'>co</a>"
    outcome = curator.set_field("tajikistan-turnout", "answer.ru", hostile, ADMIN, language=language)
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href='x'&gt;co&lt;/a&gt;" in outcome.html
    assert "<a href" not in outcome.html
    assert "&lt;b&gt;bold" in curator.fact("tajikistan-turnout", language=language).html
    assert "<b>bold" not in curator.why(hostile, language=language).html
    assert "<b>bold" not in curator.fact(hostile, language=language).html


def test_delete_history_and_restore_in_russian(curator: Curator) -> None:
    assert "удалён (версия 2)" in curator.delete("national-result", ADMIN, language="ru").text
    history = curator.history("national-result", language="ru").text
    assert "2 версии" in history and f"удаление, автор {ADMIN}" in history and "текущая (удалено)" in history
    assert "нет версии 9" in curator.restore_command("national-result 9", ADMIN, language="ru").text
    assert "возвращён к содержанию версии 1" in curator.restore_command("national-result 1", ADMIN, language="ru").text


def test_add_warnings_and_import_buttons_in_russian(curator: Curator, store: FactStore) -> None:
    english_only = NEW_FACT.replace('  ru: ["Сколько участков было открыто в Казахстане?"]\n', "")
    added = curator.add(english_only, ADMIN, language="ru").text
    assert "добавлен (версия 1)" in added and "нет примеров вопросов на русском языке" in added
    curator.undo(ADMIN)
    document = dump_yaml(store.knowledge()).replace("value: 10000", "value: 9700")
    preview = curator.preview_import("facts.yaml", document.encode(), ADMIN, language="ru")
    assert "Будет загружено" in preview.text and "Изменённые: tajikistan-turnout" in preview.text
    assert [button.label for row in preview.buttons for button in row] == ["✅ Применить", "Отмена"]
    token = parse_callback(preview.buttons[0][0].data).args[0]
    assert "Загружено" in curator.apply_import(token, ADMIN, language="ru").text
    assert "уже не ждёт подтверждения" in curator.cancel_import(token, ADMIN, language="ru").text


def test_unanswered_stats_and_edit_labels_in_russian(curator: Curator, store: FactStore) -> None:
    store.log_question("Погода в Бишкеке?", "ru", answered=False, asker=1)
    store.log_question("Погода в Бишкеке?", "ru", answered=False, asker=2)
    listing = curator.unanswered(language="ru")
    assert "2× от 2 человек" in listing.text
    assert [button.label for button in listing.buttons[0]] == ["1: добавить к факту", "1: скрыть"]
    key = parse_callback(listing.buttons[0][0].data).args[0]
    assert "на русском языке" in curator.attach_choices(key, language="ru").text
    assert "Скрыто: «Погода в Бишкеке?» (2 вопроса)" in curator.dismiss(key, language="ru").text
    assert "Вопросов за последние 30 дней:" in curator.stats(language="ru").text
    labels = [label for label, _ in curator.editable_fields("tajikistan-turnout", language="ru")]
    assert labels[:3] == ["Ответ (EN)", "Ответ (RU)", "Цифра 0: voters"]

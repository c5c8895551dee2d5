"""Admin curation core (bot.curation): what each admin command says and changes, without Telegram."""

from __future__ import annotations

import pytest
import yaml
from conftest import SMALL_KNOWLEDGE

from bot.curation import (
    LOW_CONFIDENCE,
    MAX_IMPORT_BYTES,
    Curator,
    callback_data,
    import_limit_megabytes,
    import_too_large,
    is_admin_callback,
    parse_callback,
    refused_usage,
)
from bot.knowledge import dump_yaml, load_folder
from bot.models import KnowledgeBase
from bot.replies import ChatContext, Considered, Reply
from bot.settings import PROJECT_ROOT
from bot.store import FactStore, normalize_question

ADMIN = 1001
OTHER_ADMIN = 1002
LANGUAGES = ["en", "ru"]  # admin replies are localised (texts: tests/test_curation_texts.py); behaviour is not

NEW_FACT = """\
id: kazakhstan-polling-stations
country: kazakhstan
topic: polling_places
answer:
  en: "Russians in Kazakhstan could vote at 23 polling stations."
  ru: "Россияне в Казахстане могли проголосовать на 23 участках."
figures:
  - {metric: polling_stations, value: 23, kind: reported_count}
questions:
  en: ["How many polling stations were open in Kazakhstan?"]
  ru: ["Сколько участков было открыто в Казахстане?"]
source: eurasianet
evidence: ["23 polling stations"]
"""


class FakeEngine:
    """Answers a question when it equals an example question; records refreshes (the real engine is tested alone)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.refreshes = 0

    @property
    def knowledge(self) -> KnowledgeBase:
        return self.kb

    def refresh(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.refreshes += 1

    def answer(self, text: str, context: ChatContext | None = None, *, language_hint: str | None = None) -> Reply:
        for fact in self.kb.facts:
            if normalize_question(text) in {normalize_question(q) for q in fact.questions.all()}:
                return Reply(
                    "answer", "en", fact.answer.en, fact.answer.en, [fact.id], confidence=0.95,
                    considered=[Considered(fact.id, 0.95, "question")], reason="example question matched",
                    context=ChatContext(country=fact.country, topic=fact.topic, language="en"),
                )  # fmt: skip
        return Reply("off_topic", "en", "I don't know.", "I don't know.", reason="nothing matched")


@pytest.fixture
def store(fact_store: FactStore, small_knowledge: KnowledgeBase) -> FactStore:
    fact_store.load_knowledge(small_knowledge)
    return fact_store


@pytest.fixture
def engine(store: FactStore) -> FakeEngine:
    return FakeEngine(store.knowledge())


@pytest.fixture
def curator(store: FactStore, engine: FakeEngine) -> Curator:
    return Curator(store, engine)


def snapshot(store: FactStore) -> str:
    """Everything a failed command must leave untouched: live facts and sources, and every version."""
    versions = store.db.execute("SELECT COUNT(*) FROM fact_versions").fetchone()[0]
    return dump_yaml(store.knowledge()) + f"\nversions={versions}"


# --- reading ---------------------------------------------------------------------------------------------


def test_facts_lists_every_fact_with_a_summary(curator: Curator) -> None:
    outcome = curator.facts()
    assert "3 facts" in outcome.text
    assert "tajikistan-turnout · turnout · About 10,000 people voted." in outcome.text
    assert "National and background" in outcome.text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["tajikistan", "Таджикистан", "dushanbe", "TJ"])
def test_facts_of_one_country_by_id_name_or_alias(curator: Curator, query: str, language: str) -> None:
    outcome = curator.facts(query, language=language)
    assert "tajikistan-turnout" in outcome.text
    assert "kazakhstan-exit-poll" not in outcome.text


def test_facts_national_and_unknown_country(curator: Curator) -> None:
    assert "national-result" in curator.facts("national").text
    outcome = curator.facts("Germany")
    assert not outcome.ok
    assert "No country matches 'Germany'" in outcome.text and "Tajikistan" in outcome.text


def large_curator(tmp_path, small_knowledge: KnowledgeBase, stations: int = 90) -> Curator:
    """The small base plus one station fact per number 8000.. in Tajikistan (data-sourced), over the size limits."""
    raw = {**SMALL_KNOWLEDGE, "sources": [*SMALL_KNOWLEDGE["sources"], {"id": "cec-protocols-2024",
           "publisher": "CEC", "title": "Protocols", "date": "2024-03"}]}  # fmt: skip
    raw["facts"] = [*SMALL_KNOWLEDGE["facts"]] + [
        {"id": f"station-{8000 + n}", "country": "tajikistan", "topic": "polling_places", "station": 8000 + n,
         "answer": {"en": f"Station {8000 + n}.", "ru": f"Участок {8000 + n}."},
         "questions": {"en": [f"Station {8000 + n}?"], "ru": [f"Участок {8000 + n}?"]},
         "source": "cec-protocols-2024", "evidence": [f"{8000 + n}"]}
        for n in range(stations)
    ]  # fmt: skip
    store = FactStore(tmp_path / "large.db")
    store.load_knowledge(KnowledgeBase.model_validate(raw))
    return Curator(store)


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_of_a_large_base_lists_national_facts_and_counts_per_place(tmp_path, small_knowledge, language) -> None:
    curator = large_curator(tmp_path, small_knowledge)
    text = curator.facts(language=language).text
    assert "national-result" in text
    assert "tajikistan-turnout" not in text and "station-8000" not in text
    expected = "Kazakhstan 1 · Tajikistan 91" if language == "en" else "Казахстан 1 · Таджикистан 91"
    assert expected in text
    curator.store.close()


def test_facts_of_one_place_count_its_station_facts_on_one_line(tmp_path, small_knowledge) -> None:
    curator = large_curator(tmp_path, small_knowledge, stations=3)
    text = curator.facts("Tajikistan").text
    assert "tajikistan-turnout · turnout" in text
    assert "… and 3 station protocols (/fact station-<number>): 8000, 8001, 8002" in text
    assert "station-8000 ·" not in text
    curator.store.close()


def test_edit_offers_every_fact_of_a_small_base(curator: Curator) -> None:
    labels = [row[0].label for row in curator.edit_choices().buttons]
    assert labels == ["tajikistan-turnout", "kazakhstan-exit-poll", "national-result"]


def test_edit_of_a_large_base_offers_places_with_hand_written_facts_then_their_facts(tmp_path, small_knowledge) -> None:
    curator = large_curator(tmp_path, small_knowledge)
    places = curator.edit_choices()
    labels = [button.label for row in places.buttons for button in row]
    assert labels == ["National and background · 1", "Kazakhstan · 1", "Tajikistan · 1"]  # station facts: data
    assert parse_callback(places.buttons[1][0].data).args == ("tajikistan",)
    assert parse_callback(places.buttons[0][0].data).args == ("-",)
    facts = curator.edit_choices("tajikistan")
    assert [row[0].label for row in facts.buttons] == ["tajikistan-turnout"]
    assert "… and 90 station protocols" in facts.text
    assert [row[0].label for row in curator.edit_choices("-").buttons] == ["national-result"]
    assert not curator.edit_choices("Atlantis").ok
    curator.store.close()


def test_fact_shows_both_languages_figures_source_evidence_and_version(curator: Curator) -> None:
    text = curator.fact("tajikistan-turnout").text
    for part in [
        "About 10,000 people voted.",
        "Проголосовали около 10 000 человек.",
        "voters = 10000 (reported_count, around)",
        "Eurasianet: Russians in Central Asia vote",
        "“About 10,000 people voted.”",
        "version 1",
        "Сколько проголосовало в Таджикистане?",
    ]:
        assert part in text


def test_fact_unknown_id_suggests_a_close_one(curator: Curator) -> None:
    outcome = curator.fact("tajikistan-turnou")
    assert not outcome.ok and "Did you mean tajikistan-turnout?" in outcome.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_fact_text_is_html_escaped(curator: Curator, language: str) -> None:
    curator.set_field("tajikistan-turnout", "answer.en", "<b>bold</b> & co", ADMIN, language=language)
    html = curator.fact("tajikistan-turnout", language=language).html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; co" in html


# --- /add ------------------------------------------------------------------------------------------------


def test_add_a_valid_fact_is_answerable_at_once(curator: Curator, engine: FakeEngine, store: FactStore) -> None:
    outcome = curator.add(NEW_FACT, ADMIN)
    assert outcome.ok and outcome.changed, outcome.text
    assert "Added kazakhstan-polling-stations (version 1)" in outcome.text
    assert "Warnings" not in outcome.text
    assert engine.answer("How many polling stations were open in Kazakhstan?").fact_ids == [
        "kazakhstan-polling-stations"
    ]
    assert store.history("kazakhstan-polling-stations")[0].actor == str(ADMIN)


def test_add_english_only_without_figures_is_accepted_with_warnings(curator: Curator, store: FactStore) -> None:
    text = NEW_FACT.split("figures:")[0].replace(
        '  ru: "Россияне в Казахстане могли проголосовать на 23 участках."\n', ""
    )
    text += 'questions:\n  en: ["How many polling stations were open in Kazakhstan?"]\nsource: eurasianet\n'
    text += 'evidence: ["23 polling stations"]\n'
    outcome = curator.add(text, ADMIN)
    assert outcome.ok, outcome.text
    assert "no Russian answer text" in outcome.text
    assert "no Russian example questions" in outcome.text
    assert "no figures" in outcome.text
    fact = store.get_fact("kazakhstan-polling-stations")
    assert fact is not None and fact.answer.ru == fact.answer.en


def test_an_accepted_warning_does_not_block_later_loads(
    curator: Curator, store: FactStore, small_knowledge: KnowledgeBase
) -> None:
    curator.add(NEW_FACT.replace('  ru: ["Сколько участков было открыто в Казахстане?"]\n', ""), ADMIN)
    report = store.load_knowledge(small_knowledge)
    assert report.unchanged and not report.conflicts


def test_add_with_a_url_creates_a_source_and_reuses_it(curator: Curator, store: FactStore) -> None:
    url = "https://example.org/news/kazakhstan-vote"
    outcome = curator.add(NEW_FACT.replace("source: eurasianet", f"source: {url}"), ADMIN)
    assert outcome.ok, outcome.text
    assert "added a new source 'example'" in outcome.text
    source = store.knowledge().source("example")
    assert source is not None and source.url == url and source.publisher == "example.org"
    assert store.get_fact("kazakhstan-polling-stations").source == "example"
    second = NEW_FACT.replace("kazakhstan-polling-stations", "kazakhstan-stations-2").replace(
        "source: eurasianet", f"source: {url}"
    )
    second = second.replace("How many polling stations were open", "Where could Russians cast ballots")
    second = second.replace("Сколько участков было открыто", "Где можно было голосовать")
    assert curator.add(second, ADMIN).ok
    assert store.get_fact("kazakhstan-stations-2").source == "example"
    assert len(store.knowledge().sources) == 3


def test_add_with_a_citation_text_takes_publisher_and_date(curator: Curator, store: FactStore) -> None:
    outcome = curator.add(
        NEW_FACT.replace("source: eurasianet", 'source: "Reuters, Russians vote abroad, March 2024"'), 1
    )
    assert outcome.ok, outcome.text
    source = store.knowledge().source("reuters")
    assert source is not None and source.publisher == "Reuters" and source.date == "March 2024"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("id: [broken", "malformed YAML"),
        ("just a sentence", "must be a mapping"),
        (NEW_FACT.replace("value: 23, kind: reported_count", "value: -5, kind: reported_count"), "cannot be negative"),
        (
            NEW_FACT.replace("metric: polling_stations, value: 23", "metric: turnout_percent, value: 140"),
            "between 0 and 100",
        ),
        (NEW_FACT.replace("kazakhstan-polling-stations", "tajikistan-turnout"), "already exists"),
        (NEW_FACT.replace("source: eurasianet", "source: eurasianett"), "unknown source 'eurasianett'"),
        (NEW_FACT.replace("country: kazakhstan", "country: germany"), "unknown country 'germany'"),
        (NEW_FACT.replace("topic: polling_places", "topic: weather"), "topic"),
        (NEW_FACT.replace("evidence:", "evidenze:"), "evidenze"),
        (NEW_FACT.replace("How many polling stations were open in Kazakhstan?", "How many voted in Tajikistan?"), ""),
        ("", "Usage"),
    ],
)
def test_add_invalid_input_names_the_problem_and_changes_nothing(
    curator: Curator, store: FactStore, engine: FakeEngine, text: str, problem: str
) -> None:
    before = snapshot(store)
    outcome = curator.add(text, ADMIN)
    assert not outcome.ok
    assert problem in outcome.text
    assert snapshot(store) == before
    assert engine.refreshes == 0


# --- /set /delete /undo /history /restore -----------------------------------------------------------------


def test_set_shows_old_and_new_and_refreshes(curator: Curator, engine: FakeEngine, store: FactStore) -> None:
    outcome = curator.set_command("tajikistan-turnout figures.voters 9600", ADMIN)
    assert outcome.ok, outcome.text
    assert "old: 10000" in outcome.text and "new: 9600" in outcome.text
    assert engine.refreshes == 1
    assert engine.knowledge.fact("tajikistan-turnout").figures[0].value == 9600


def test_set_keeps_the_rest_of_the_message_as_the_value(curator: Curator, store: FactStore) -> None:
    outcome = curator.set_command("tajikistan-turnout answer.en Around 9,600 people: a new count.", ADMIN)
    assert outcome.ok, outcome.text
    assert store.get_fact("tajikistan-turnout").answer.en == "Around 9,600 people: a new count."


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ("no-such-fact answer.en Hello", "no fact with id 'no-such-fact'"),
        ("tajikistan-turnout colour red", "no field 'colour'"),
        ("tajikistan-turnout figures.turnout_percent 50", "no figure with metric 'turnout_percent'"),
        ("tajikistan-turnout figures.voters -3", "cannot be negative"),
        ("kazakhstan-exit-poll figures.0.value 160", "between 0 and 100"),
        ("tajikistan-turnout topic weather", "topic"),
        ("tajikistan-turnout source nowhere", "unknown source 'nowhere'"),
        ("tajikistan-turnout id other-id", "id cannot be changed"),
        ("tajikistan-turnout figures.voters 10000", "already has that value"),
        ("tajikistan-turnout answer.en", "Usage"),
    ],
)
def test_set_invalid_input_names_the_problem_and_changes_nothing(
    curator: Curator, store: FactStore, args: str, problem: str
) -> None:
    before = snapshot(store)
    outcome = curator.set_command(args, ADMIN)
    assert not outcome.ok
    assert problem in outcome.text
    assert snapshot(store) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_undo_chain_reverts_one_admins_changes_in_order(curator: Curator, store: FactStore, language: str) -> None:
    original = snapshot(store).split("\nversions=")[0]
    curator.set_command("tajikistan-turnout figures.voters 9600", ADMIN, language=language)
    curator.set_command("tajikistan-turnout answer.en About 9,600 people voted.", ADMIN, language=language)
    curator.add(NEW_FACT, ADMIN, language=language)
    curator.delete("national-result", ADMIN, language=language)
    curator.set_command("kazakhstan-exit-poll answer.en Other admin's text.", OTHER_ADMIN)
    assert store.get_fact("national-result") is None
    texts = [curator.undo(ADMIN, language=language).text for _ in range(4)]
    assert "delete national-result" in texts[0] and "add kazakhstan-polling-stations" in texts[1]
    assert "answer.en" in texts[2] and "figures.voters" in texts[3]
    assert not curator.undo(ADMIN, language=language).ok  # nothing left for this admin
    assert store.get_fact("kazakhstan-exit-poll").answer.en == "Other admin's text."  # not ours to undo
    curator.undo(OTHER_ADMIN)
    assert snapshot(store).split("\nversions=")[0] == original


def test_delete_removes_from_answers_and_history_tells_who(curator: Curator, engine: FakeEngine) -> None:
    assert curator.delete("national-result", ADMIN).ok
    assert engine.knowledge.fact("national-result") is None
    assert "is deleted" in curator.fact("national-result").text
    assert not curator.delete("national-result", ADMIN).ok
    history = curator.history("national-result").text
    assert "v2 " in history and f"delete by {ADMIN}" in history and "current (deleted)" in history


@pytest.mark.parametrize("language", LANGUAGES)
def test_restore_brings_back_an_earlier_version(curator: Curator, store: FactStore, language: str) -> None:
    curator.set_command("tajikistan-turnout figures.voters 9600", ADMIN, language=language)
    curator.delete("tajikistan-turnout", ADMIN, language=language)
    outcome = curator.restore_command("tajikistan-turnout 1", ADMIN, language=language)
    assert outcome.ok, outcome.text
    assert store.get_fact("tajikistan-turnout").figures[0].value == 10000
    assert not curator.restore_command("tajikistan-turnout 99", ADMIN, language=language).ok
    assert not curator.restore_command("tajikistan-turnout x", ADMIN, language=language).ok


# --- /export and /import -----------------------------------------------------------------------------------


def test_export_is_one_yaml_document_that_loads_back(curator: Curator, tmp_path) -> None:
    outcome = curator.export()
    name, content = outcome.document
    assert name.endswith(".yaml")
    (tmp_path / "export").mkdir()
    (tmp_path / "export" / name).write_bytes(content)
    result = load_folder(tmp_path / "export")
    assert not result.errors and len(result.knowledge.facts) == 3


@pytest.mark.parametrize(("language", "limit"), [("en", "8 MB"), ("ru", "8 МБ")])
def test_the_import_limit_is_said_from_the_constant(language: str, limit: str) -> None:
    assert MAX_IMPORT_BYTES == 8_000_000
    assert f"{import_limit_megabytes(language)} {limit.split()[1]}" == limit
    assert limit in refused_usage("import", language).text
    assert limit in import_too_large("big.yaml", MAX_IMPORT_BYTES + 1, language).text
    assert import_too_large("big.yaml", MAX_IMPORT_BYTES, language) is None


def test_a_full_export_of_the_shipped_base_fits_the_import_limit_with_margin(tmp_path) -> None:
    """Regression: with every station abroad the export grew to ~2.3 MB, over the old 1 MB limit."""
    with FactStore(tmp_path / "facts.db") as store:
        store.load_knowledge(load_folder(PROJECT_ROOT / "knowledge").knowledge)
        _, content = Curator(store).export().document
    assert len(content) * 2 < MAX_IMPORT_BYTES


def test_export_import_round_trip(curator: Curator, store: FactStore) -> None:
    name, content = curator.export().document
    assert "Nothing to import" in curator.preview_import(name, content, ADMIN).text
    curator.set_command("tajikistan-turnout figures.voters 9600", ADMIN)
    name, edited = curator.export().document
    curator.undo(ADMIN)
    preview = curator.preview_import(name, edited, ADMIN)
    assert "1 updated" in preview.text and "Changed: tajikistan-turnout" in preview.text
    assert store.get_fact("tajikistan-turnout").figures[0].value == 10000  # a preview writes nothing
    token = parse_callback(preview.buttons[0][0].data).args[0]
    assert curator.apply_import(token, ADMIN).ok
    assert store.get_fact("tajikistan-turnout").figures[0].value == 9600


def test_import_reports_conflicts_with_admin_edits(curator: Curator, store: FactStore) -> None:
    curator.set_command("tajikistan-turnout figures.voters 9600", OTHER_ADMIN)
    document = dump_yaml(store.knowledge()).replace("value: 9600", "value: 9700")
    preview = curator.preview_import("facts.yaml", document.encode(), ADMIN)
    assert "1 conflict" in preview.text and f"edited by {OTHER_ADMIN}" in preview.text
    labels = [button.label for row in preview.buttons for button in row]
    assert labels == ["✅ Apply", "Apply and overwrite conflicts", "Cancel"]
    keep = parse_callback(preview.buttons[0][0].data).args[0]
    assert "1 conflict" in curator.apply_import(keep, ADMIN).text
    assert store.get_fact("tajikistan-turnout").figures[0].value == 9600
    preview = curator.preview_import("facts.yaml", document.encode(), ADMIN)
    overwrite = parse_callback(preview.buttons[1][0].data).args[0]
    assert curator.apply_import(overwrite, ADMIN, overwrite=True).ok
    assert store.get_fact("tajikistan-turnout").figures[0].value == 9700


@pytest.mark.parametrize(("language", "added"), [("en", "1 added"), ("ru", "новых 1")])
def test_import_of_new_facts_applies_only_after_confirmation(
    curator: Curator, store: FactStore, language: str, added: str
) -> None:
    document = "facts:\n" + "\n".join(("    " if i else "  - ") + line for i, line in enumerate(NEW_FACT.splitlines()))
    preview = curator.preview_import("new.yaml", document.encode(), ADMIN, language=language)
    assert preview.ok, preview.text
    assert added in preview.text
    assert store.get_fact("kazakhstan-polling-stations") is None
    token = parse_callback(preview.buttons[0][0].data).args[0]
    assert not curator.apply_import(token, OTHER_ADMIN, language=language).ok  # another admin cannot apply my upload
    assert curator.apply_import(token, ADMIN, language=language).ok
    assert store.get_fact("kazakhstan-polling-stations") is not None
    assert not curator.apply_import(token, ADMIN, language=language).ok  # applied once only
    assert curator.undo(ADMIN).ok and store.get_fact("kazakhstan-polling-stations") is None


def test_import_cancel_changes_nothing(curator: Curator, store: FactStore) -> None:
    document = yaml.safe_dump({"facts": [yaml.safe_load(NEW_FACT)]}, allow_unicode=True)
    preview = curator.preview_import("new.yaml", document.encode(), ADMIN)
    token = parse_callback(preview.buttons[-1][-1].data).args[0]
    before = snapshot(store)
    assert "cancelled" in curator.cancel_import(token, ADMIN).text
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("big.yaml", b"#" * (MAX_IMPORT_BYTES + 1), f"at most {import_limit_megabytes()} MB"),
        ("facts.pdf", b"facts: []", "not a YAML file"),
        ("facts.yaml", b"\xff\xfe\x00", "not UTF-8"),
        ("facts.yaml", b"facts:\n  - id: [oops\n", "import/facts.yaml:3: malformed YAML"),
        ("facts.yaml", b"- just\n- a list\n", "must be a mapping"),
        ("facts.yaml", b"fakts: []\n", "unknown top-level key 'fakts'"),
        ("facts.yaml", b"facts: []\n", "holds no facts"),
        ("facts.yaml", NEW_FACT.replace("value: 23", "value: -1").encode(), "unknown top-level key"),
    ],
)
def test_import_rejects_bad_documents(
    curator: Curator, store: FactStore, name: str, content: bytes, problem: str
) -> None:
    before = snapshot(store)
    outcome = curator.preview_import(name, content, ADMIN)
    assert not outcome.ok and not outcome.buttons
    assert problem in outcome.text
    assert snapshot(store) == before


def test_import_rejects_an_out_of_range_figure_with_its_line(curator: Curator) -> None:
    document = yaml.safe_dump({"facts": [yaml.safe_load(NEW_FACT.replace("value: 23", "value: -1"))]}, sort_keys=False)
    outcome = curator.preview_import("facts.yaml", document.encode(), ADMIN)
    assert not outcome.ok and "facts.yaml:" in outcome.text and "cannot be negative" in outcome.text


# --- /unanswered, /stats, /why -----------------------------------------------------------------------------


def test_unanswered_loop_attaches_a_question_and_then_it_is_answered(
    curator: Curator, store: FactStore, engine: FakeEngine
) -> None:
    question = "How many Russians turned out in Dushanbe?"
    assert not engine.answer(question).answered
    for asker in (1, 2, 1):
        store.log_question(question, "en", answered=False, asker=asker)
    store.log_question("Weather in Bishkek?", "en", answered=False, asker=3)
    store.log_question("Who won?", "en", answered=True, confidence=LOW_CONFIDENCE + 0.3, asker=4)
    listing = curator.unanswered()
    assert "3× by 2 people" in listing.text and "Weather in Bishkek?" in listing.text
    assert "Who won?" not in listing.text
    assert listing.text.index("Weather in Bishkek?") < listing.text.index(question)  # newest first
    attach = parse_callback(listing.buttons[1][0].data)
    assert attach is not None and attach.verb == "ua"
    choices = curator.attach_choices(attach.args[0])
    labels = [button.label for row in choices.buttons for button in row]
    assert "tajikistan-turnout" in labels
    chosen = next(button for row in choices.buttons for button in row if button.label == "tajikistan-turnout")
    key, fact_id = parse_callback(chosen.data).args
    outcome = curator.attach(key, fact_id, ADMIN)
    assert outcome.ok, outcome.text
    assert "now answers it with this fact" in outcome.text
    assert question in store.get_fact("tajikistan-turnout").questions.en
    assert engine.answer(question).fact_ids == ["tajikistan-turnout"]
    assert question not in curator.unanswered().text
    assert not curator.attach(key, fact_id, ADMIN).ok  # the button is spent


def test_attach_a_russian_question_goes_to_russian_questions(curator: Curator, store: FactStore) -> None:
    store.log_question("Сколько людей пришло в Таджикистане?", "ru", answered=False, asker=1)
    key = parse_callback(curator.unanswered().buttons[0][0].data).args[0]
    assert curator.attach(key, "tajikistan-turnout", ADMIN).ok
    assert "Сколько людей пришло в Таджикистане?" in store.get_fact("tajikistan-turnout").questions.ru


def test_unanswered_also_lists_answers_given_with_low_confidence(curator: Curator, store: FactStore) -> None:
    store.log_question("Who came first?", "en", answered=True, confidence=LOW_CONFIDENCE - 0.2, asker=1)
    store.log_question("Who won?", "en", answered=True, confidence=LOW_CONFIDENCE + 0.2, asker=1)
    listing = curator.unanswered().text
    assert "Who came first?" in listing and "Who won?" not in listing


def test_dismiss_hides_a_group(curator: Curator, store: FactStore) -> None:
    store.log_question("Weather in Bishkek?", "en", answered=False, asker=3)
    key = parse_callback(curator.unanswered().buttons[0][1].data).args[0]
    assert "Dismissed" in curator.dismiss(key).text
    assert "No unanswered questions" in curator.unanswered().text


def test_stats_counts_days_share_topics_and_languages(curator: Curator, store: FactStore) -> None:
    assert "No questions" in curator.stats().text
    store.log_question("How many voted in Tajikistan?", "en", answered=True, confidence=0.9, topic="turnout", asker=1)
    store.log_question("Кто победил?", "ru", answered=True, confidence=0.9, topic="result", asker=2)
    store.log_question("Weather?", "en", answered=False, asker=2)
    text = curator.stats().text
    assert "3, answered 2 (67%), 2 distinct askers" in text
    assert "turnout 1" in text and "en 2, ru 1" in text


def test_why_shows_decision_candidates_and_context(curator: Curator) -> None:
    text = curator.why("How many voted in Tajikistan?").text
    assert "answer in en, confidence 0.95" in text
    assert "tajikistan-turnout" in text and "country=tajikistan" in text
    assert "Usage" in curator.why("  ").text


def test_why_with_the_real_engine(store: FactStore) -> None:
    engine_module = pytest.importorskip("bot.engine")
    curator = Curator(store, engine_module.Engine.from_knowledge(store.knowledge()))
    text = curator.why("How many voted in Tajikistan?").text
    assert "tajikistan-turnout" in text and "Candidates" in text


# --- buttons ------------------------------------------------------------------------------------------------


def test_callback_data_round_trips() -> None:
    data = callback_data("ut", "0123456789ab", "tajikistan-turnout")
    assert parse_callback(data).args == ("0123456789ab", "tajikistan-turnout")
    assert is_admin_callback(data)


@pytest.mark.parametrize(
    "data",
    [
        "",
        None,
        "1:f:tajikistan-turnout",  # a public button
        "a1",
        "a1:zz:0123456789ab",  # unknown verb
        "a1:ua:NOTHEX",
        "a1:ut:0123456789ab",  # missing argument
        "a1:ut:0123456789ab:Bad_Id!",
        "a1:ia:0123456789ab:extra",
        "a2:ua:0123456789ab",  # another version
        "a1:ua:" + "0" * 70,
    ],
)
def test_forged_callback_data_is_refused(data: str | None) -> None:
    assert parse_callback(data) is None


def test_a_stale_unanswered_button_is_refused_politely(curator: Curator) -> None:
    outcome = curator.attach("0123456789ab", "tajikistan-turnout", ADMIN)
    assert not outcome.ok and "no longer in /unanswered" in outcome.text


def test_undo_of_add_with_a_url_removes_the_new_source_and_history_shows_it(curator: Curator, store: FactStore) -> None:
    sources_before = store.knowledge().sources
    url = "https://example.org/news/kazakhstan-vote"
    assert curator.add(NEW_FACT.replace("source: eurasianet", f"source: {url}"), ADMIN).ok
    source_id = store.get_fact("kazakhstan-polling-stations").source
    outcome = curator.undo(ADMIN)
    assert outcome.ok and f"removed source {source_id}" in outcome.text
    assert store.knowledge().sources == sources_before
    history = curator.history(f"source:{source_id}").text
    assert "v1 " in history and f"by {ADMIN}" in history and "v2 " in history and "/restore" not in history
    assert not curator.history("source:nowhere").ok

"""Loading and validating the knowledge folder: every error message has a small broken fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.knowledge import (
    SECTIONS,
    KnowledgeError,
    check_knowledge,
    dump_folder,
    dump_yaml,
    load_folder,
    normalise_name,
    parse_fact_yaml,
)
from bot.models import Bilingual, BilingualList, Country, Fact, KnowledgeBase, Source
from bot.settings import PROJECT_ROOT

SOURCES = """\
sources:
  - id: eurasianet
    publisher: Eurasianet
    title: Russians in Central Asia vote
    date: 2024-03-18
"""

CANDIDATES = """\
candidates:
  - id: putin
    name:
      en: Vladimir Putin
      ru: Владимир Путин
"""

KAZAKHSTAN = """\
countries:
  - id: kazakhstan
    iso: KZ
    name:
      en: Kazakhstan
      ru: Казахстан
    aliases:
      en: [Kazakh, Nur-Sultan]
      ru: [казахский, Нур-Султан]
facts:
  - id: kazakhstan-exit-poll
    country: kazakhstan
    topic: exit_poll
    answer:
      en: An exit poll gave Putin 60%.
      ru: Экзитпол дал Путину 60%.
    figures:
      - metric: vote_share
        value: 60
        kind: exit_poll
        candidate: putin
    questions:
      en: ["What did the exit poll in Almaty show?"]
      ru: ["Что показал экзитпол в Алматы?"]
    source: eurasianet
    evidence:
      - The exit poll gave Putin 60%.
"""

VALID = {"sources.yaml": SOURCES, "candidates.yaml": CANDIDATES, "countries/kazakhstan.yaml": KAZAKHSTAN}


def national_fact(**overrides: str) -> str:
    """A national fact as YAML, one field per line (lines 2-11), with fields replaced or removed (value None)."""
    fields = {
        "id": "  - id: national-turnout",
        "country": "    country: null",
        "topic": "    topic: turnout",
        "answer": "    answer:\n      en: Turnout was 77%.\n      ru: Явка составила 77%.",
        "questions": "    questions:\n      en: ['What was the turnout?']\n      ru: ['Какая была явка?']",
        "source": "    source: eurasianet",
        "evidence": "    evidence:\n      - Turnout was 77%.",
    }
    fields.update(overrides)
    return "facts:\n" + "\n".join(value for value in fields.values() if value) + "\n"


def write_folder(root: Path, files: dict[str, str]) -> Path:
    folder = root / "knowledge"
    for name, text in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


def test_valid_folder_loads_without_errors(tmp_path: Path) -> None:
    result = load_folder(write_folder(tmp_path, VALID))
    assert result.errors == []
    assert result.summary() == "1 sources, 1 countries, 1 candidates, 1 facts"
    fact = result.knowledge.fact("kazakhstan-exit-poll")
    assert fact is not None
    assert fact.figures[0].value == 60
    assert result.knowledge.sources[0].date == "2024-03-18"  # an unquoted date stays text


BROKEN_CASES = {
    "malformed-yaml": (
        {"national.yaml": "facts:\n  - id: national-turnout\n    topic: [turnout\n    source: eurasianet\n"},
        ("knowledge/national.yaml", 4, None, "malformed YAML"),
    ),
    "missing-field": (
        {"national.yaml": national_fact(topic=None)},
        ("knowledge/national.yaml", 2, "national-turnout", "missing required field 'topic'"),
    ),
    "unknown-field-with-suggestion": (
        {"national.yaml": national_fact(questions="    questons:\n      en: ['What was the turnout?']")},
        ("knowledge/national.yaml", 8, "national-turnout", "unknown field 'questons' (did you mean 'questions'?)"),
    ),
    "unknown-field-nested": (
        {
            "national.yaml": national_fact(
                answer="    answer:\n      en: Turnout was 77%.\n      ru: Явка.\n      de: X"
            )
        },
        ("knowledge/national.yaml", 8, "national-turnout", "unknown field 'de' in answer; allowed fields: en, ru"),
    ),
    "duplicate-fact-id": (
        {"national.yaml": national_fact(id="  - id: kazakhstan-exit-poll", country="    country: kazakhstan")},
        (
            "knowledge/national.yaml",
            2,
            "kazakhstan-exit-poll",
            "duplicate fact id 'kazakhstan-exit-poll': also defined (knowledge/countries/kazakhstan.yaml:11)",
        ),
    ),
    "topic-outside-vocabulary": (
        {"national.yaml": national_fact(topic="    topic: turnot")},
        (
            "knowledge/national.yaml",
            4,
            "national-turnout",
            "topic 'turnot' is not in the vocabulary (did you mean 'turnout'?); allowed: turnout, result, exit_poll,",
        ),
    ),
    "unknown-source": (
        {"national.yaml": national_fact(source="    source: eurasia-net")},
        (
            "knowledge/national.yaml",
            11,
            "national-turnout",
            "unknown source 'eurasia-net' (did you mean 'eurasianet'?); known sources: eurasianet",
        ),
    ),
    "unknown-country": (
        {"national.yaml": national_fact(country="    country: kazakstan")},
        ("knowledge/national.yaml", 3, "national-turnout", "unknown country 'kazakstan' (did you mean 'kazakhstan'?)"),
    ),
    "unknown-candidate-in-figure": (
        {
            "national.yaml": national_fact(
                topic="    topic: result\n    figures:\n      - metric: vote_share\n        value: 4\n"
                "        kind: official_result\n        candidate: davankov"
            )
        },
        (
            "knowledge/national.yaml",
            9,
            "national-turnout",
            "figures[0].candidate: unknown candidate 'davankov'; known candidates: putin",
        ),
    ),
    "missing-language": (
        {"national.yaml": national_fact(answer="    answer:\n      en: Turnout was 77%.")},
        ("knowledge/national.yaml", 5, "national-turnout", "answer has no Russian text: add 'ru:'"),
    ),
    "missing-russian-questions": (
        {"national.yaml": national_fact(questions="    questions:\n      en: ['What was the turnout?']")},
        (
            "knowledge/national.yaml",
            8,
            "national-turnout",
            "no Russian example questions: add a few under questions.ru",
        ),
    ),
    "percentage-outside-0-100": (
        {
            "national.yaml": national_fact(
                topic="    topic: turnout\n    figures:\n      - metric: turnout_percent\n        value: 177\n"
                "        kind: official_result"
            )
        },
        (
            "knowledge/national.yaml",
            6,
            "national-turnout",
            "figures[0]: turnout_percent must be a percentage between 0 and 100, got 177",
        ),
    ),
    "alias-claimed-by-two-countries": (
        {
            "countries/kyrgyzstan.yaml": "countries:\n  - id: kyrgyzstan\n    iso: KG\n    name:\n"
            "      en: Kyrgyzstan\n      ru: Киргизия\n    aliases:\n      ru: [Бишкек, нур султан]\n"
        },
        (
            "knowledge/countries/kyrgyzstan.yaml",
            8,
            "kyrgyzstan",
            "alias 'нур султан' is also claimed by country kazakhstan (knowledge/countries/kazakhstan.yaml:2)",
        ),
    ),
    "near-duplicate-example-question": (
        {
            "national.yaml": national_fact(
                questions="    questions:\n      en: [What did the exit poll show in Almaty]\n"
                "      ru: ['Какая была явка?']"
            )
        },
        (
            "knowledge/national.yaml",
            9,
            "national-turnout",
            "example question 'What did the exit poll show in Almaty' is a near-duplicate of fact "
            "kazakhstan-exit-poll's 'What did the exit poll in Almaty show?'",
        ),
    ),
    "unknown-top-level-key": (
        {"national.yaml": national_fact().replace("facts:", "fact:")},
        ("knowledge/national.yaml", 1, None, "unknown top-level key 'fact' (did you mean 'facts'?)"),
    ),
    "file-not-a-mapping": (
        {"national.yaml": "- id: national-turnout\n- id: national-result\n"},
        ("knowledge/national.yaml", 1, None, "a knowledge file must be a mapping with keys sources, countries,"),
    ),
    "section-not-a-list": (
        {"national.yaml": "facts:\n  id: national-turnout\n"},
        ("knowledge/national.yaml", 1, None, "'facts' must be a list of items"),
    ),
    "empty-evidence": (
        {"national.yaml": national_fact(evidence="    evidence: []")},
        ("knowledge/national.yaml", 12, "national-turnout", "evidence is empty: quote at least one sentence"),
    ),
    "key-written-twice": (
        {"national.yaml": national_fact(source="    source: eurasianet\n    topic: result")},
        ("knowledge/national.yaml", 12, None, "key 'topic' appears twice"),
    ),
    "id-with-capitals": (
        {"national.yaml": national_fact(id="  - id: National_Turnout")},
        (
            "knowledge/national.yaml",
            2,
            "National_Turnout",
            "id 'National_Turnout' may only use lowercase latin letters",
        ),
    ),
}


@pytest.mark.parametrize(("files", "expected"), BROKEN_CASES.values(), ids=BROKEN_CASES.keys())
def test_broken_fixture_reports_file_line_id_and_problem(
    tmp_path: Path, files: dict[str, str], expected: tuple[str, int, str | None, str]
) -> None:
    result = load_folder(write_folder(tmp_path, {**VALID, **files}))
    file, line, fact_id, message = expected
    assert len(result.errors) == 1, "\n".join(map(str, result.errors))
    error = result.errors[0]
    assert (error.file, error.line, error.fact_id) == (file, line, fact_id)
    assert message in error.message
    assert str(error).startswith(f"{file}:{line}: ")


def test_valid_items_still_load_next_to_broken_ones(tmp_path: Path) -> None:
    result = load_folder(write_folder(tmp_path, {**VALID, "national.yaml": national_fact(source="    source: nope")}))
    assert [error.fact_id for error in result.errors] == ["national-turnout"]
    assert [fact.id for fact in result.knowledge.facts] == ["kazakhstan-exit-poll"]  # the broken fact is left out
    assert result.knowledge.country("kazakhstan") is not None


def test_broken_country_does_not_cascade_into_unknown_country_errors(tmp_path: Path) -> None:
    broken = KAZAKHSTAN.replace("iso: KZ", "iso: kz")
    result = load_folder(write_folder(tmp_path, {**VALID, "countries/kazakhstan.yaml": broken}))
    assert [str(error) for error in result.errors] == [
        "knowledge/countries/kazakhstan.yaml:3: country kazakhstan: iso 'kz' must be a two-letter ISO 3166 code "
        "in capitals, like KZ"
    ]
    assert result.knowledge.facts == []  # its fact cannot load without the country


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    result = load_folder(tmp_path / "nowhere")
    assert [error.message for error in result.errors] == ["knowledge folder does not exist"]


def test_alias_normalisation_ignores_case_yo_hyphens_and_spaces() -> None:
    assert normalise_name("  Нур-Султан ") == normalise_name("нур   султан") == "нур султан"
    assert normalise_name("Ёлка") == normalise_name("елка")


def make_fact(fact_id: str, question: str, **fields: object) -> Fact:
    return Fact(
        id=fact_id,
        topic="turnout",
        answer=Bilingual(en="Turnout was 77%.", ru="Явка 77%."),
        questions=BilingualList(en=[question], ru=[f"Вопрос {fact_id}?"]),
        source="cec",
        evidence=["Turnout was 77%."],
        **fields,
    )


def test_check_knowledge_works_on_knowledge_not_from_files() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        facts=[
            make_fact("turnout", "What was the turnout?"),
            make_fact("turnout-again", "what was THE turnout"),
            make_fact("elsewhere", "Who won?", country="armenia"),
        ],
    )
    assert [str(error) for error in check_knowledge(kb)] == [
        "fact elsewhere: unknown country 'armenia'; known countries: none defined",
        "fact turnout-again: example question 'what was THE turnout' is a near-duplicate of fact turnout's "
        "'What was the turnout?' (similarity 100%); rephrase one or merge the facts",
    ]


def test_different_countries_in_the_same_question_are_not_near_duplicates() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        facts=[
            make_fact("kz", "How many people voted in Kazakhstan?"),
            make_fact("tj", "How many people voted in Tajikistan?"),
            make_fact("ldpr", "How many votes did the LDPR candidate get?"),
            make_fact("kprf", "How many votes did the KPRF candidate get?"),
        ],
    )
    assert check_knowledge(kb) == []


def test_a_misspelt_word_still_makes_a_near_duplicate() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        facts=[make_fact("a", "What was the turnout in Russia?"), make_fact("b", "What was the turnot in Russia")],
    )
    assert [error.fact_id for error in check_knowledge(kb)] == ["b"]


def _places(*names: tuple[str, str, str]) -> list[Country]:
    return [Country(id=country_id, name=Bilingual(en=en, ru=ru)) for country_id, en, ru in names]


def test_questions_differing_in_a_number_are_not_near_duplicates() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        facts=[make_fact("station-8133", "Results at polling station 8133"), make_fact("s", "Results at station 8134")],
    )
    assert check_knowledge(kb) == []


def test_look_alike_places_each_named_by_its_own_fact_are_not_near_duplicates() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        countries=_places(("austria", "Austria", "Австрия"), ("australia", "Australia", "Австралия")),
        facts=[
            make_fact("at", "How many ballots were issued in Austria?", country="austria"),
            make_fact("au", "How many ballots were issued in Australia?", country="australia"),
        ],
    )
    assert check_knowledge(kb) == []


def test_a_question_naming_another_place_than_its_fact_is_still_a_near_duplicate() -> None:
    kb = KnowledgeBase(
        sources=[Source(id="cec", publisher="CEC", title="Results", date="2024-03-21")],
        countries=_places(("austria", "Austria", "Австрия"), ("australia", "Australia", "Австралия")),
        facts=[
            make_fact("at", "How many ballots were issued in Austria?", country="austria"),
            make_fact("au", "How many ballots were issued in Austria", country="australia"),
        ],
    )
    assert [error.fact_id for error in check_knowledge(kb)] == ["au"]


def test_parse_fact_yaml_accepts_a_valid_fact() -> None:
    text = "\n".join(line.removeprefix("    ") for line in national_fact().splitlines()[1:]).replace("  - id", "id")
    fact, errors = parse_fact_yaml(text)
    assert errors == []
    assert fact is not None
    assert fact.id == "national-turnout"
    assert fact.answer.ru == "Явка составила 77%."


@pytest.mark.parametrize(
    ("text", "expected", "hint"),
    [
        ("id: x\ntopic: [turnout\n", "line 3: malformed YAML", ""),
        ("- a list\n", "line 1: a fact must be a mapping of fields", ""),
        (
            "id: x\ntopic: turnout\nanswer:\n  en: Hi\nsource: cec\nevidence: [Hi]\n",
            "line 3: fact x: answer has no Russian text",
            "",
        ),
        ("id: x\ntopic: turnout\nanswr: {}\n", "line 3: fact x: unknown field 'answr' (did you mean 'answer'?)", ""),
        ("id: x\n\ttopic: turnout\n", "line 2: malformed YAML: ", "(indent with spaces, not tabs)"),
        (
            "id: x\nanswer: Turnout: 77%\n",
            "line 2: malformed YAML: mapping values",
            "(a text with ': ' inside needs quotes",
        ),
        ("id: x\nquestions:\n  en: [Who won?]\n", "line 3: malformed YAML: ", "must be put in quotes"),
        ("id: x\ntopic: turnout\nanswer: Hi\n", "line 3: fact x: answer must have 'en:' and 'ru:' texts", ""),
        ("id: x\nquestions: [a]\n", "line 2: fact x: questions must have 'en:' and 'ru:' lists", "got a list"),
    ],
)
def test_parse_fact_yaml_explains_what_is_wrong(text: str, expected: str, hint: str) -> None:
    fact, errors = parse_fact_yaml(text)
    assert fact is None
    assert any(str(error).startswith(expected) and hint in str(error) for error in errors), list(map(str, errors))


def test_error_text_without_a_file() -> None:
    assert str(KnowledgeError("", None, "x", "bad")) == "fact x: bad"
    assert str(KnowledgeError("k/a.yaml", 3, None, "bad", kind="")) == "k/a.yaml:3: bad"


def test_dump_folder_round_trips(tmp_path: Path) -> None:
    national = national_fact().replace("    country: null\n", "    country: null\n    candidate: putin\n")
    loaded = load_folder(write_folder(tmp_path, {**VALID, "national.yaml": national}))
    assert loaded.errors == []
    written = dump_folder(loaded.knowledge, tmp_path / "export")
    assert sorted(path.relative_to(tmp_path / "export").as_posix() for path in written) == [
        "candidates.yaml",
        "countries/kazakhstan.yaml",
        "national.yaml",
        "sources.yaml",
    ]
    reloaded = load_folder(tmp_path / "export")
    assert reloaded.errors == []
    assert reloaded.knowledge == loaded.knowledge
    text = (tmp_path / "export" / "countries" / "kazakhstan.yaml").read_text(encoding="utf-8")
    assert "Экзитпол дал Путину 60%." in text  # readable unicode, not escapes
    assert "value: 60\n" in text and "approx" not in text  # defaults are left out


def test_dump_yaml_is_one_document_that_loads_back(tmp_path: Path) -> None:
    loaded = load_folder(write_folder(tmp_path, VALID)).knowledge
    single = tmp_path / "single"
    single.mkdir()
    (single / "all.yaml").write_text(dump_yaml(loaded), encoding="utf-8")
    assert load_folder(single).knowledge == loaded


def test_cli_check_passes_on_a_clean_folder(tmp_path: Path) -> None:
    folder = write_folder(tmp_path, VALID)
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"OK: 1 sources, 1 countries, 1 candidates, 1 facts in {folder}"


def test_cli_check_fails_with_one_line_per_error(tmp_path: Path) -> None:
    national = national_fact(source="    source: nope", topic="    topic: turnot")
    folder = write_folder(tmp_path, {**VALID, "national.yaml": national})
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("knowledge/national.yaml:4: fact national-turnout: topic 'turnot'")
    assert lines[1] == f"1 error(s) in {folder}; valid: 1 sources, 1 countries, 1 candidates, 1 facts"


def test_cli_check_defaults_to_the_knowledge_dir_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KNOWLEDGE_DIR", str(write_folder(tmp_path, VALID)))
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 1 sources")


REAL_KNOWLEDGE = PROJECT_ROOT / "knowledge"


def test_real_knowledge_folder_passes_check() -> None:
    result = load_folder(REAL_KNOWLEDGE)
    assert [str(error) for error in result.errors] == []
    # 4 curated countries, 141 more data rows, Baikonur, Georgia (no station) and the place 'abroad'
    assert len(result.knowledge.countries) == 148
    assert result.knowledge.facts


def test_real_knowledge_round_trips_through_dump_folder(tmp_path: Path) -> None:
    loaded = load_folder(REAL_KNOWLEDGE).knowledge
    dump_folder(loaded, tmp_path)
    # Written out, the data-built items are plain YAML items, which load ordered by id like every YAML item.
    by_id = KnowledgeBase(**{key: sorted(getattr(loaded, key), key=lambda item: item.id) for key in SECTIONS})
    assert load_folder(tmp_path).knowledge == by_id

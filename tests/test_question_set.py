"""The question set's own structure, and the meaning-based matching its expectations rely on."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from bot.knowledge import load_folder
from bot.question_set import CATEGORIES, QUESTION_SET_PATH, Turn, check_reply, contains, load_question_set
from bot.replies import Reply
from bot.settings import PROJECT_ROOT


def test_question_set_is_large_and_covers_every_category() -> None:
    cases = load_question_set()
    assert len(cases) >= 200
    per_category = Counter(case.category for case in cases)
    for category in CATEGORIES:
        assert per_category[category] >= 30, f"only {per_category[category]} {category} cases"


def test_question_set_ids_are_unique() -> None:
    ids = [case.id for case in load_question_set()]
    duplicates = [case_id for case_id, count in Counter(ids).items() if count > 1]
    assert not duplicates


def test_question_set_has_both_languages_and_dialogs() -> None:
    cases = load_question_set()
    languages = Counter(turn.language for case in cases for turn in case.turns)
    assert languages["en"] >= 60 and languages["ru"] >= 60
    dialogs = [case for case in cases if case.category == "followup"]
    assert all(len(case.turns) >= 2 for case in dialogs)
    assert {turn.language for case in dialogs for turn in case.turns} == {"en", "ru"}


def test_off_topic_cases_never_expect_a_fact() -> None:
    for case in load_question_set():
        if case.category == "offtopic":
            assert all(kind not in ("answer", "comparison") for turn in case.turns for kind in turn.kinds), case.id


@pytest.mark.parametrize(
    ("text", "expected", "found"),
    [
        ("more than 9,500 people", "9500", True),
        ("более 9 500 человек", "9500", True),
        ("более 9\u00a0500 человек", "9 500", True),
        ("57,6 процента", "57.6", True),
        ("only 8 percent", "8", True),
        ("87.3 percent nationally", "8", False),
        ("in 2018", "8", False),
        ("around 81%", "81", True),
        ("since 1981", "81", False),
        ("3.20 percent", "3.2", True),
        ("72.3%", "72.30", True),
        ("3.25 percent", "3.2", False),
        ("version 1.2.3", "2", False),
        ("Экзитпол в Алма-Ате", "ЭКЗИТПОЛ", True),
        ("Мирзиеев", "Мирзиёев", True),
        ("I have no data for Türkiye.", "Turk", True),
        ("Узбекистан", "Узбекистан", True),
    ],
)
def test_contains_compares_figures_as_numbers(text: str, expected: str, found: bool) -> None:
    assert contains(text, expected) is found


def _reply(**fields: object) -> Reply:
    values = {"kind": "answer", "language": "en", "text": "", "html": ""} | fields
    return Reply(**values)


def test_check_reply_names_every_problem() -> None:
    turn = Turn(
        text="How many voted in Tajikistan?",
        kinds=("answer",),
        language="en",
        must_contain=(("9500",), ("Tajikistan", "Dushanbe")),
        must_not_contain=("7800",),
        fact_ids=("tajikistan-turnout",),
    )
    good = _reply(text="More than 9,500 people voted in Tajikistan.", fact_ids=["tajikistan-turnout"])
    assert check_reply(turn, good) == []
    bad = _reply(kind="answer", language="ru", text="7 800 проголосовали", fact_ids=["kyrgyzstan-turnout"])
    problems = check_reply(turn, bad)
    assert len(problems) == 5, problems


def test_check_reply_rejects_a_fact_in_an_off_topic_reply() -> None:
    turn = Turn(text="weather?", kinds=("off_topic",), language="en")
    assert check_reply(turn, _reply(kind="off_topic", fact_ids=["x"]))


def test_malformed_case_is_reported_by_id(tmp_path: Path) -> None:
    path = tmp_path / "questions.yaml"
    path.write_text("cases:\n  - {id: broken, category: en, turns: [{text: hi, kind: maybe, language: en}]}\n")
    with pytest.raises(ValueError, match="broken"):
        load_question_set(path)


def test_expected_fact_ids_exist_in_the_shipped_knowledge() -> None:
    known = {fact.id for fact in load_folder(PROJECT_ROOT / "knowledge").knowledge.facts}
    for case in load_question_set():
        for turn in case.turns:
            assert set(turn.fact_ids) <= known, f"{case.id}: unknown fact ids {set(turn.fact_ids) - known}"


@pytest.mark.parametrize(
    "name",
    [
        "blind_a.yaml",
        "blind_b.yaml",
        "blind_c.yaml",
        "blind_d.yaml",
        "blind_e.yaml",
        "blind_f.yaml",
        "blind_g.yaml",
        "blind_h.yaml",
        "blind_i.yaml",
        "blind_j.yaml",
        "blind_k.yaml",
        "blind_l.yaml",
        "blind_m.yaml",
        "blind_n.yaml",
        "blind_o.yaml",
        "blind_p.yaml",
        "blind_q.yaml",
        "blind_r.yaml",
        "blind_s.yaml",
        "blind_t.yaml",
        "blind_u.yaml",
        "blind_v.yaml",
        "blind_w.yaml",
        "blind_x.yaml",
        "blind_y.yaml",
        "blind_z.yaml",
        "blind_aa.yaml",
        "blind_ab.yaml",
        "blind_ac.yaml",
        "blind_ad.yaml",
        "blind_ae.yaml",
        "blind_af.yaml",
        "blind_ag.yaml",
        "blind_ah.yaml",
        "blind_ai.yaml",
        "blind_aj.yaml",
        "blind_ak.yaml",
    ],
)
def test_the_blind_sets_load(name: str) -> None:
    # written by helpers who never saw the engine or its tests (README, Benchmark); measured, not required to pass
    cases = load_question_set(QUESTION_SET_PATH.parent / name)
    # (AJ is the set of off-topic look-alikes: 281 cases, most of them off-topic)
    assert len(cases) > SMALLER_SETS.get(name, 300)
    assert {case.category for case in cases} == {"en", "ru", "followup", "offtopic"}


SMALLER_SETS = {"blind_aj.yaml": 250}

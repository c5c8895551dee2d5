"""Every rule of the engine is reachable, named in RULES, and its decision words well in both languages."""

from __future__ import annotations

import re

import pytest

from bot.engine import RULES, Engine
from bot.engine.compose import COMPOSERS
from bot.engine.decisions import Decision
from bot.knowledge import load_folder
from bot.question_set import load_question_set
from bot.settings import PROJECT_ROOT

CASES = load_question_set()


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_knowledge(load_folder(PROJECT_ROOT / "knowledge").knowledge)


@pytest.fixture(scope="module")
def decisions(engine: Engine) -> dict[str, list[tuple[str, Decision]]]:
    """Each rule -> the development-set messages it decided, with the decision."""
    fired: dict[str, list[tuple[str, Decision]]] = {}
    for case in CASES:
        context = None
        for turn in case.turns:
            decision, language = engine.decide(turn.text, context, language_hint=turn.language_hint)
            fired.setdefault(decision.rule, []).append((turn.text, decision))
            context = engine.compose(decision, language).context
    return fired


ANSWER_PATH = sorted(name for name, rule in RULES.items() if rule.stage != "api")


@pytest.mark.parametrize("rule", ANSWER_PATH)
def test_every_rule_fires_for_some_development_case(decisions: dict, rule: str) -> None:
    assert rule in decisions, f"rule {rule!r} decided no case of tests/data/questions.yaml: unreachable, or untested"


def test_every_decision_names_a_known_rule(decisions: dict) -> None:
    assert set(decisions) <= set(RULES), set(decisions) - set(RULES)


def test_api_rules_fire_from_the_api(engine: Engine) -> None:
    assert engine.answer_fact("tajikistan-turnout", "en").rule == "fact_requested"
    assert engine.answer_fact("no-such-fact", "ru").rule == "unknown_fact_id"
    assert engine.ranking("voters", "en").rule == "ranking_requested"


_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|\bNone\b|Source: \?|Источник: \?")


@pytest.mark.parametrize("rule", ANSWER_PATH)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_rule_composes_in_both_languages(engine: Engine, decisions: dict, rule: str, language: str) -> None:
    for text, decision in decisions.get(rule, [])[:3]:
        reply = engine.compose(decision, language)
        assert reply.language == language and reply.rule == rule
        assert reply.text.strip() and reply.html.strip(), text
        assert not _PLACEHOLDER.search(reply.text), (text, reply.text)
        assert reply.kind == decision.kind
        assert reply.fact_ids == list(dict.fromkeys(fact.id for fact in decision.facts))
        if language == "ru":  # the wording is Russian, not the English template
            assert re.search("[а-яё]", reply.text, re.IGNORECASE), (text, reply.text)


def test_every_decision_type_has_a_composer() -> None:
    missing = {kind.__name__ for kind in Decision.__subclasses__() if kind not in COMPOSERS}
    assert not missing

"""Every case of the development question set, run through the real engine on the shipped fact base.

Each turn's reply must meet the case's expectations (tests/data/questions.yaml); a dialog carries
``reply.context`` from one turn to the next, as a chat does.
"""

from __future__ import annotations

import pytest

from bot.knowledge import load_folder
from bot.question_set import Case, check_reply, load_question_set
from bot.settings import PROJECT_ROOT

engine_module = pytest.importorskip("bot.engine")

CASES = load_question_set()


@pytest.fixture(scope="module")
def engine() -> object:
    loaded = load_folder(PROJECT_ROOT / "knowledge")
    assert not loaded.errors, "\n".join(str(error) for error in loaded.errors)
    return engine_module.Engine.from_knowledge(loaded.knowledge)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_question_set_case(engine: object, case: Case) -> None:
    context = None
    for index, turn in enumerate(case.turns):
        reply = engine.answer(turn.text, context, language_hint=turn.language_hint)
        problems = check_reply(turn, reply)
        assert not problems, (
            f"case {case.id} turn {index + 1}: {turn.text!r}\n"
            f"  problems: {'; '.join(problems)}\n"
            f"  reply ({reply.kind}, {reply.language}, facts {reply.fact_ids}): {reply.text!r}\n"
            f"  reason: {reply.reason}"
        )
        context = reply.context

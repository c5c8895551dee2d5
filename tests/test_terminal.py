import io
import json
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge import load_folder
from bot.settings import PROJECT_ROOT
from bot.terminal import explain, run_chat, run_jsonl


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_knowledge(load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge)


def _jsonl(engine: Engine, *lines: str) -> list[dict]:
    output = io.StringIO()
    run_jsonl(engine, io.StringIO("\n".join(lines) + "\n"), output)
    return [json.loads(line) for line in output.getvalue().splitlines()]


def test_one_output_line_per_input_line_with_context_per_chat(engine: Engine) -> None:
    replies = _jsonl(
        engine,
        json.dumps({"chat_id": 1, "text": "How many voted in Tajikistan?"}),
        json.dumps({"chat_id": 2, "text": "How many voted in Uzbekistan?"}),
        json.dumps({"chat_id": 1, "text": "А в Узбекистане?", "language_code": "ru"}),
    )
    assert [reply["chat_id"] for reply in replies] == [1, 2, 1]
    assert "9,500" in replies[0]["replies"][0]
    assert "4 600" in replies[2]["replies"][0]  # chat 1's topic carried over, answered in Russian


@pytest.mark.parametrize(
    "line", ["not json", "[1, 2]", '{"text": "hi"}', '{"chat_id": "x", "text": "hi"}', '{"chat_id": 1}']
)
def test_malformed_line_gets_an_error_and_the_stream_goes_on(engine: Engine, line: str) -> None:
    replies = _jsonl(engine, line, json.dumps({"chat_id": 5, "text": "Germany?"}))
    assert "error" in replies[0]
    assert replies[1]["chat_id"] == 5 and "Germany" in replies[1]["replies"][0]


def test_replies_are_plain_text_not_escaped(engine: Engine) -> None:
    replies = _jsonl(engine, json.dumps({"chat_id": 1, "text": "<b>hi</b>"}))
    assert "&lt;" not in replies[0]["replies"][0] and "<b>" not in replies[0]["replies"][0]


def test_interactive_chat_keeps_context() -> None:
    engine = Engine.from_knowledge(load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge)
    output = io.StringIO()
    run_chat(engine, io.StringIO("How many voted in Tajikistan?\nAnd in Uzbekistan?\n"), output)
    assert "9,500" in output.getvalue() and "4,600" in output.getvalue()


@pytest.mark.parametrize(
    ("question", "rule"),
    [("How many voted in Tajikistan?", "slot_match"), ("Who won in Ukraine?", "foreign_country")],
)
def test_why_names_the_rule_that_decided_and_the_facts_it_used(engine: Engine, question: str, rule: str) -> None:
    text = explain(engine.answer(question))
    assert f"rule: {rule} (" in text
    if rule == "slot_match":
        assert "tajikistan-turnout" in text  # the evidence: the facts considered, with their scores

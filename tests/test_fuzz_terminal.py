"""Property-based bad input through the JSONL chat (bot.terminal, issue 6).

Whatever arrives on a line (hostile text, wrong types, broken JSON, invalid UTF-8), exactly one JSON line comes
out for it, the stream goes on, and every reply is non-empty plain text.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from hardening import INJECTIONS, hostile_text
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_harness import shared_engine

from bot.settings import PROJECT_ROOT
from bot.terminal import run_chat, run_jsonl

FUZZ = settings(max_examples=60, deadline=None, derandomize=True)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | hostile_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
messages = st.fixed_dictionaries(
    {"chat_id": st.integers(-(2**63), 2**63) | json_values, "text": hostile_text | json_values},
    optional={"language_code": json_values, "user_id": json_values, "extra": json_values},
)
# A raw line as it could arrive: anything but a line break (the protocol's separator).
raw_lines = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
)


def jsonl(lines: list[str]) -> list[dict[str, Any]]:
    output = io.StringIO()
    run_jsonl(shared_engine(), io.StringIO("".join(line + "\n" for line in lines)), output)
    return [json.loads(line) for line in output.getvalue().splitlines()]


@FUZZ
@given(items=st.lists(messages.map(json.dumps) | raw_lines, min_size=1, max_size=6))
def test_one_json_line_out_per_line_in_whatever_comes(items: list[str]) -> None:
    outputs = jsonl(items)
    assert len(outputs) == len([line for line in items if line.strip()])
    for line, output in zip([line for line in items if line.strip()], outputs, strict=True):
        if "replies" in output:
            message = json.loads(line)
            assert output["chat_id"] == message["chat_id"]
            assert output["replies"] and all(isinstance(reply, str) and reply.strip() for reply in output["replies"])
        else:
            assert set(output) <= {"error", "chat_id"} and output["error"]
            assert "internal error" not in output["error"], (line[:200], output)


@FUZZ
@given(text=hostile_text)
def test_replies_are_plain_text_without_markup(text: str) -> None:
    (output,) = jsonl([json.dumps({"chat_id": 7, "text": text})])
    reply = output["replies"][0]
    assert reply.strip()
    assert "<b>" not in reply.replace(text, "") and "&lt;" not in reply.replace(text, "")


def test_interactive_chat_survives_hostile_lines() -> None:
    lines = [*INJECTIONS, "a" * 10_000, "How many voted in Tajikistan?"]
    output = io.StringIO()
    run_chat(shared_engine(), io.StringIO("\n".join(line.replace("\n", " ") for line in lines) + "\n"), output)
    assert "9,500" in output.getvalue()


def test_electionbot_chat_jsonl_survives_invalid_utf8_and_garbage(tmp_path: Path) -> None:
    """The real command, as a subprocess: bytes that are not UTF-8 get an error line, the next line an answer."""
    stdin = (
        b"\xff\xfe\x00 not utf-8\n{]\n" + json.dumps({"chat_id": 1, "text": "How many voted in Tajikistan?"}).encode()
    )
    env = {**os.environ, "DATABASE_PATH": str(tmp_path / "facts.db"), "TELEGRAM_BOT_TOKEN": ""}
    process = subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--jsonl"], input=stdin + b"\n", capture_output=True, cwd=PROJECT_ROOT,
        env=env, timeout=120, check=False,
    )  # fmt: skip
    assert process.returncode == 0, process.stderr.decode(errors="replace")
    outputs = [json.loads(line) for line in process.stdout.decode().splitlines()]
    assert [("error" in output) for output in outputs] == [True, True, False]
    assert "9,500" in outputs[2]["replies"][0]

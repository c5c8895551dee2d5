"""Callback data: compact, versioned, at most 64 bytes; anything the bot did not produce is rejected."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.replies import Suggestion
from bot.telegram.keyboards import (
    MAX_CALLBACK_BYTES,
    CallbackAction,
    callback_data,
    parse_callback,
    suggestions_keyboard,
)


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("c", ()),
        ("c", ("kazakhstan",)),
        ("c", ("-",)),
        ("t", ("tajikistan", "polling_places")),
        ("f", ("kazakhstan-exit-poll", "ru")),
        ("q", ("12",)),
        ("l", ("en",)),
        ("g", ("voters",)),
        ("m", ()),
        ("r", ("europe", "0")),
        ("r", ("central_asia", "1")),
        ("r", ("other", "0")),
    ],
)
def test_callback_data_round_trips(kind: str, args: tuple[str, ...]) -> None:
    data = callback_data(kind, *args)
    assert data.startswith("1:")
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    assert parse_callback(data) == CallbackAction(kind, args)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "1",
        "1:",
        "0:c",
        "2:c:kazakhstan",
        "1:z",
        "1:c:Kazakhstan",
        "1:c:a:b",
        "1:t:kazakhstan",
        "1:t:kazakhstan:weather",
        "1:f:x",
        "1:f:x:de",
        "1:l:fr",
        "1:g:secret",
        "1:m:putin",
        "1:q:abc",
        "1:f:" + "a" * 70 + ":en",
        "1:c:../etc",
        "1:c:kaz akh",
        "1:r",
        "1:r:europe",
        "1:r:atlantis:0",
        "1:r:europe:-1",
        "1:r:europe:01",
        "1:r:europe:99",
        "1:r:Europe:0",
    ],
)
def test_forged_or_foreign_data_is_rejected(data: object) -> None:
    assert parse_callback(data) is None


@given(st.text(max_size=80))
def test_parse_never_raises(data: str) -> None:
    action = parse_callback(data)
    assert action is None or callback_data(action.kind, *action.args) == data


def test_encoding_refuses_what_would_not_fit() -> None:
    with pytest.raises(ValueError):
        callback_data("f", "a" * 70, "en")


def test_suggestions_without_a_usable_fact_id_are_stashed() -> None:
    stashed = []

    def stash(question: str) -> str:
        stashed.append(question)
        return str(len(stashed))

    markup = suggestions_keyboard(
        [Suggestion("Turnout", "What was the turnout?", "national-turnout"), Suggestion("Other", "Anything else?")],
        "en",
        stash,
    )
    buttons = [row[0] for row in markup.inline_keyboard]
    assert [b.callback_data for b in buttons] == ["1:f:national-turnout:en", "1:q:1"]
    assert stashed == ["Anything else?"]
    assert suggestions_keyboard([], "en", stash) is None

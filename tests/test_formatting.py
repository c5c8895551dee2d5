"""Long replies are split on line boundaries into valid HTML parts under Telegram's limit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram_harness import html_problems

from bot.telegram.formatting import MAX_MESSAGE_LENGTH, split_html


def test_short_text_is_one_part() -> None:
    assert split_html("<b>Hi</b>") == ["<b>Hi</b>"]


def test_long_text_splits_on_line_boundaries() -> None:
    lines = [f"Line {number}: {'x' * 90}" for number in range(100)]
    parts = split_html("\n".join(lines))
    assert len(parts) > 1
    assert all(len(part) <= MAX_MESSAGE_LENGTH for part in parts)
    assert "\n".join(parts).split("\n") == lines  # nothing lost, no line cut


def test_a_tag_spanning_the_cut_is_closed_and_reopened() -> None:
    text = (
        '<blockquote><a href="https://example.org/?a=1&amp;b=2">' + "\n".join(["word " * 30] * 80) + "</a></blockquote>"
    )
    parts = split_html(text)
    assert len(parts) > 1
    for part in parts:
        assert html_problems(part) == [], part[:100]
    assert parts[1].startswith('<blockquote><a href="https://example.org/?a=1&amp;b=2">')


def test_a_single_huge_line_is_cut_outside_tags_and_entities() -> None:
    text = ("<b>bold</b> &amp; more " * 600).strip()
    parts = split_html(text)
    assert len(parts) > 1
    assert all(html_problems(part) == [] for part in parts)


@given(st.lists(st.sampled_from(["plain words", "<b>bold</b>", "<i>it &lt;x&gt;</i>", "x" * 500, ""]), max_size=60))
def test_every_part_is_valid_html_under_the_limit(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    for part in split_html(text, limit=1000):
        assert len(part) <= 1000
        assert html_problems(part) == []


@pytest.mark.parametrize("limit", [300, 1000])
def test_nothing_is_lost(limit: int) -> None:
    text = "\n".join(f"<b>{n}</b> " + "y" * 50 for n in range(200))
    joined = "\n".join(split_html(text, limit=limit))
    assert joined.replace("</b>", "").replace("<b>", "") == text.replace("</b>", "").replace("<b>", "")

"""Property-based bad input through the real Telegram Application (issue 6), offline.

Hostile text as private messages, group /ask and mentions, /start payloads, command arguments, inline queries
and button data. The bot never fails an update, always answers a private message and a button press, and
everything it sends is valid Telegram HTML within Telegram's limits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from hardening import OfflineBot, check_sent, hostile_text, nonsense_text, telegram_html_problems
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_harness import BOT_USERNAME, make_settings, project_store, shared_engine

from bot.telegram.formatting import MAX_MESSAGE_LENGTH, split_html

FUZZ = settings(max_examples=50, deadline=None, derandomize=True)
SENDING = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}


class FailureLog(logging.Handler):
    """Collects the error handler's "Update failed" records: none may appear."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def failures() -> Iterator[FailureLog]:
    handler = FailureLog()
    logger = logging.getLogger("bot.telegram")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


@pytest.fixture(scope="module")
def bot(tmp_path_factory: pytest.TempPathFactory, failures: FailureLog) -> Iterator[OfflineBot]:
    folder = tmp_path_factory.mktemp("fuzz-telegram")
    # No per-user question limit here: every example must be answered, not slowed down.
    with project_store(folder / "bot.db") as store:
        offline = OfflineBot(make_settings(folder, user_questions_per_minute=0), store, shared_engine())
        yield offline
        offline.close()


def no_failures(failures: FailureLog) -> None:
    messages = [record.getMessage() for record in failures.records]
    failures.records.clear()
    assert not messages, messages


# --- the validator itself can fail ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    ["a < b", "AT&T", "<span>x</span>", "<b>x", "<b><i>x</b></i>", "<a>x</a>", '<b class="x">y</b>', "&nbsp;",
     "<code><b>x</b></code>", "", "x" * 4097, "<br/>", "1 > 0"],
)  # fmt: skip
def test_validator_rejects_what_telegram_rejects(bad: str) -> None:
    assert telegram_html_problems(bad)


@pytest.mark.parametrize(
    "good",
    ["a &lt; b", "<b>x</b> <i>y</i>", '<a href="https://e.org/?a=1&amp;b=2">x</a>', "<pre><code>x</code></pre>",
     "&#128512; &quot;", "<blockquote>q</blockquote>", "<tg-spoiler>s</tg-spoiler>", "x" * 4096],
)  # fmt: skip
def test_validator_accepts_telegram_html(good: str) -> None:
    assert telegram_html_problems(good) == []


# --- messages --------------------------------------------------------------------------------------------


@FUZZ
@given(text=hostile_text, language_code=st.none() | st.sampled_from(["en", "ru", "de", "zz"]))
def test_any_private_message_gets_a_valid_reply(
    bot: OfflineBot, failures: FailureLog, text: str, language_code
) -> None:
    calls = bot.private_text(text, language_code=language_code)
    no_failures(failures)
    check_sent(calls)
    if text and not text.startswith("/"):
        assert [call for call in calls if call.method in SENDING], f"no reply to {text[:80]!r}"


@FUZZ
@given(text=nonsense_text)
def test_nonsense_gets_no_figures_on_telegram(bot: OfflineBot, failures: FailureLog, text: str) -> None:
    calls = bot.private_text(text)
    no_failures(failures)
    check_sent(calls)
    sent = " ".join(call.sent_text for call in calls)
    assert "Source:" not in sent and "Источник:" not in sent, sent
    assert not [call for call in calls if call.method == "sendPhoto"]


@FUZZ
@given(command=st.sampled_from(["/start", "/help", "/countries", "/sources", "/language", "/chart", "/ask",
                                "/nosuchcommand", f"/ask@{BOT_USERNAME}", "/start@OtherBot"]),
       argument=hostile_text)  # fmt: skip
def test_commands_with_hostile_arguments(bot: OfflineBot, failures: FailureLog, command: str, argument: str) -> None:
    calls = bot.private_text(f"{command} {argument}")
    no_failures(failures)
    check_sent(calls)
    if not command.endswith("@OtherBot"):
        assert [call for call in calls if call.method in SENDING]


@FUZZ
@given(text=hostile_text, addressed=st.sampled_from(["/ask ", f"@{BOT_USERNAME} ", ""]), group=st.integers(1, 10**9))
def test_group_messages(bot: OfflineBot, failures: FailureLog, text: str, addressed: str, group: int) -> None:
    sim = bot.simulator
    # A group of its own per example: Telegram's 20 messages/min per group would (rightly) delay the replies.
    chat = sim.chat("supergroup", -1000000000000 - group)
    calls = bot.process({"message": sim.message(addressed + text, user=sim.user(5151), chat=chat)})
    no_failures(failures)
    check_sent(calls)
    if not addressed and not text.startswith("/") and f"@{BOT_USERNAME}".casefold() not in text.casefold():
        assert not [call for call in calls if call.method in SENDING], "the bot spoke in a group unasked"
    elif addressed:
        assert [call for call in calls if call.method in SENDING]


@FUZZ
@given(query=hostile_text)
def test_inline_queries(bot: OfflineBot, failures: FailureLog, query: str) -> None:
    sim = bot.simulator
    calls = bot.process({"inline_query": {"id": "iq", "from": sim.user(6161), "query": query[:256], "offset": ""}})
    no_failures(failures)
    check_sent(calls)
    assert [call.method for call in calls] == ["answerInlineQuery"]


@FUZZ
@given(data=hostile_text | st.sampled_from(["1:", "1:c:", "1:t:-:", "1:f::", "1:q:999999999", "a1", "a1:zz", "2:c"]))
def test_any_button_data_is_answered_once(bot: OfflineBot, failures: FailureLog, data: str) -> None:
    calls = bot.press(data[:300])
    no_failures(failures)
    check_sent(calls)
    assert len([call for call in calls if call.method == "answerCallbackQuery"]) == 1


# --- splitting long replies -----------------------------------------------------------------------------

escaped_lines = st.lists(hostile_text.map(lambda text: __import__("html").escape(text)), min_size=1, max_size=12)
wrapped = st.sampled_from([("", ""), ("<b>", "</b>"), ("<i>", "</i>"), ('<a href="https://x.org/?a&amp;b">', "</a>")])


@FUZZ
@given(lines=escaped_lines, tags=st.lists(wrapped, min_size=1, max_size=12), repeat=st.integers(1, 6))
def test_split_html_parts_are_each_valid_and_short(lines: list[str], tags, repeat: int) -> None:
    body = "\n".join(f"{tags[i % len(tags)][0]}{line}{tags[i % len(tags)][1]}" for i, line in enumerate(lines * repeat))
    if not body.strip():
        return
    parts = split_html(body)
    for part in parts:
        assert not (problems := telegram_html_problems(part, limit=MAX_MESSAGE_LENGTH)), (problems, part[:200])


def test_a_long_reply_is_split_into_valid_messages(tmp_path: Path) -> None:
    """The one legitimately long reply a user can get (/sources and /why aside): many facts of a topic."""
    long_html = "\n\n".join(shared_engine().answer_fact(f.id, "ru").html for f in shared_engine().knowledge.facts)
    assert len(long_html) > MAX_MESSAGE_LENGTH
    parts = split_html(long_html)
    assert len(parts) > 1
    for part in parts:
        assert not telegram_html_problems(part)

"""Property-based bad input through the engine (issue 6): whatever the text, a reply, never an exception.

Hostile text: any Unicode (control characters, right-to-left, combining marks, emoji), 10,000-character
messages, blank text, HTML/SQL/format-string injections, in any chat context. Every reply is non-empty, its
HTML is valid for Telegram's parser, and nonsense never gets an answer with figures.
"""

from __future__ import annotations

import pytest
from hardening import hostile_text, nonsense_text, telegram_html_problems
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram_harness import shared_engine

from bot.models import LANGUAGES, TOPICS
from bot.replies import ChatContext

FUZZ = settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
NO_LIMIT = 10**9  # the engine's reply may be long: the Telegram layer splits it (tested in test_fuzz_telegram)


def contexts() -> st.SearchStrategy[ChatContext | None]:
    kb = shared_engine().knowledge
    return st.none() | st.builds(
        ChatContext,
        country=st.none() | st.sampled_from([country.id for country in kb.countries] + ["atlantis"]),
        topic=st.none() | st.sampled_from([*TOPICS, "no-such-topic"]),
        candidate=st.none() | st.sampled_from([candidate.id for candidate in kb.candidates]),
        language=st.none() | st.sampled_from([*LANGUAGES, "de"]),
    )


def check_reply(reply, text: str) -> None:
    assert reply.text.strip(), f"empty reply to {text[:80]!r}"
    assert reply.html.strip()
    assert reply.language in LANGUAGES
    assert not (problems := telegram_html_problems(reply.html, limit=NO_LIMIT)), (problems, reply.html[:300])
    assert reply.context.language in (*LANGUAGES, None)


@FUZZ
@given(text=hostile_text, context=contexts(), hint=st.none() | st.sampled_from(["en", "ru", "de", "", "xx-YY"]))
def test_any_text_in_any_context_gets_a_valid_reply(text: str, context: ChatContext | None, hint: str | None) -> None:
    reply = shared_engine().answer(text, context, language_hint=hint)
    check_reply(reply, text)


@FUZZ
@given(text=nonsense_text, context=st.none())
def test_nonsense_gets_no_figures(text: str, context: ChatContext | None) -> None:
    reply = shared_engine().answer(text, context)
    check_reply(reply, text)
    assert reply.kind not in ("answer", "comparison"), (text, reply.kind, reply.text)
    assert not reply.chart


@FUZZ
@given(question=st.sampled_from(["How many voted in Tajikistan?", "Сколько проголосовало в Казахстане?"]),
       noise=hostile_text)  # fmt: skip
def test_a_real_question_with_hostile_noise_still_gets_a_valid_reply(question: str, noise: str) -> None:
    check_reply(shared_engine().answer(f"{noise} {question} {noise}"[:2000]), noise)


@pytest.mark.parametrize(
    "text",
    ["<b>Tajikistan</b>", "Tajikistan <script>", "Germany & <i>co</i>", "Таджикистан {0} %s", "Atlantis</a>"],
)
def test_markup_in_the_question_is_escaped_in_the_reply(text: str) -> None:
    reply = shared_engine().answer(text)
    assert not telegram_html_problems(reply.html, limit=NO_LIMIT)
    for tag in ("<script>", "<i>co</i>", "</a>"):
        assert tag not in reply.html


@FUZZ
@given(fact_index=st.integers(0, 10_000), language=st.sampled_from(LANGUAGES), context=contexts())
def test_every_fact_renders_valid_html_in_any_context(fact_index: int, language: str, context) -> None:
    engine = shared_engine()
    fact = engine.knowledge.facts[fact_index % len(engine.knowledge.facts)]
    reply = engine.answer_fact(fact.id, language, context)
    check_reply(reply, fact.id)

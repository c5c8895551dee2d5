"""The question-answering engine: a message and the chat's context in, a reply built only from facts out.

The answer path is a pipeline of small stages, each in its own module:

    read (reading.py) -> interpret (interpret.py) -> screen (screen.py) -> route (route.py)
        -> match (match.py) -> compose (compose.py)

Deciding (the first five) yields an immutable ``Decision`` naming its rule (rules.py); composing alone knows
languages and wording. The index (index.py) is built once per fact base and never changed; thresholds and
weights live in thresholds.py. ``Engine`` is the front ends' handle: it owns the current index and swaps it
whole on ``refresh``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache, partial
from pathlib import Path

from bot import word_cache
from bot.engine.compose import Composer, compose
from bot.engine.decisions import Decision, FactAnswer, Refusal
from bot.engine.index import KnowledgeIndex, build_index
from bot.engine.pipeline import decide_message
from bot.engine.reading import Reading, language_asked, names_only, read
from bot.engine.route import DEFAULT_CANDIDATE, rank
from bot.engine.rules import RULES
from bot.engine.thresholds import READING_CACHE_SIZE
from bot.models import LANGUAGES, KnowledgeBase
from bot.replies import ChatContext, Reply, Suggestion

__all__ = ["RULES", "Engine"]


class Engine:
    """Answers questions from one KnowledgeBase; ``refresh`` after an edit."""

    def __init__(self, kb: KnowledgeBase, *, cache_dir: Path | None = None) -> None:
        self._cache_dir = cache_dir  # where the word keys are kept between runs (word_cache.py); None: nowhere
        self.refresh(kb)

    @classmethod
    def from_knowledge(cls, kb: KnowledgeBase, *, cache_dir: Path | None = None) -> Engine:
        return cls(kb, cache_dir=cache_dir)

    @property
    def knowledge(self) -> KnowledgeBase:
        return self._index.knowledge

    @property
    def index(self) -> KnowledgeIndex:
        return self._index

    def refresh(self, kb: KnowledgeBase) -> None:
        """Build a new index from ``kb`` and swap it in whole; if building fails, the last index keeps answering."""
        with word_cache.loaded(self._cache_dir):
            index = build_index(kb)
        # a fresh reading cache: a reading depends on the index it was read with
        reader = lru_cache(maxsize=READING_CACHE_SIZE)(partial(read, index=index))
        self._index, self._read = index, reader

    # ------------------------------------------------------------------ answering

    def answer(self, text: str, context: ChatContext | None = None, *, language_hint: str | None = None) -> Reply:
        """Reply to one message; ``reply.context`` is the chat's context after it."""
        index = self._index  # one index for deciding and wording, even if refreshed meanwhile
        decision, language = self.decide(text, context, language_hint=language_hint, index=index)
        return compose(decision, language, index)

    def decide(
        self,
        text: str,
        context: ChatContext | None = None,
        *,
        language_hint: str | None = None,
        index: KnowledgeIndex | None = None,
    ) -> tuple[Decision, str]:
        """The decision for one message and the language to word it in (``answer`` without the wording)."""
        index = index or self._index
        reader = self._read if index is self._index else partial(read, index=index)
        context = context or ChatContext()
        if context.language == "ru":
            reader = partial(reader, russian_chat=True)  # every clause of the message is read the same way
        asked, text = language_asked(text)  # "а по-русски можно?": the reply in that language
        if asked and not text and context.cited:
            # the request alone: the last reply's facts again, in the language asked
            facts = tuple(index.facts[fact_id] for fact_id in context.cited if fact_id in index.facts)
            switched = context.updated(language=asked)
            decision = FactAnswer("language_switch", switched, f"the last reply in {asked}", 1.0, answer_facts=facts)
            return decision, asked
        reading = reader(text)
        language = asked or reading.language or _language(language_hint) or _language(context.language) or "en"
        if names_only(reading) and _language(context.language):
            language = context.language  # "a davankov?" in a Russian chat: names tell no language, the chat does
        if not reading.tokens:
            return Refusal("empty_message", context.updated(language=language), reason="empty"), language
        decision = decide_message(text, reading, context, language, index, reader)
        return _with_place_before(decision, context), language

    def compose(self, decision: Decision, language: str) -> Reply:
        """The reply for a decision, in ``language``."""
        return compose(decision, _language(language) or "en", self._index)

    def answer_fact(self, fact_id: str, language: str, context: ChatContext | None = None) -> Reply:
        """Reply with one fact (a pressed suggestion button, a deep link)."""
        index = self._index
        context = context or ChatContext()
        language = _language(language) or "en"
        fact = index.facts.get(fact_id)
        if fact is None:
            decision = Refusal("unknown_fact_id", context.updated(language=language), f"unknown fact id {fact_id!r}")
            return compose(decision, language, index)
        new_context = context.updated(
            country=fact.country or context.country, topic=fact.topic, candidate=fact.candidate, language=language
        )
        decision = FactAnswer("fact_requested", new_context, f"fact {fact_id} requested", 1.0, answer_facts=(fact,))
        return compose(decision, language, index)

    def ranking(self, metric: str, language: str, candidate: str | None = None, *, order: str = "most") -> Reply:
        """Countries ranked by a figure (``voters``, ``vote_share``...), with a chart; exit polls marked."""
        language = _language(language) or "en"
        if metric in ("vote_share", "votes") and candidate is None:
            candidate = DEFAULT_CANDIDATE
        context = ChatContext(language=language)
        decision = rank(self._index, "ranking_requested", metric, candidate, order, context, language)
        return compose(decision, language, self._index)

    def example_questions(self, language: str, limit: int = 4) -> list[Suggestion]:
        """A varied handful of questions the base answers: different topics, different countries."""
        language = _language(language) or "en"
        return Composer(self._index, language).examples(limit)

    def topics_for_country(self, country_id: str | None) -> list[str]:
        """Topics with at least one fact for the country (None: national and background facts)."""
        return self._index.topics_for_country(country_id)

    def read(self, text: str) -> Reading:
        """What the engine reads in ``text`` (cached), for tools and tests."""
        return self._read(text)


def _language(value: str | None) -> str | None:
    if not value:
        return None
    value = value.casefold()[:2]
    return value if value in LANGUAGES else None


def _with_place_before(decision: Decision, context: ChatContext) -> Decision:
    """The chat remembers the place before the one it is about now: "compare them" after Japan, then China."""
    now = decision.context
    if now.country == context.country:
        before = context.before
    else:
        before = context.country if context.country and now.country else None
    return decision if now.before == before else replace(decision, context=now.updated(before=before))

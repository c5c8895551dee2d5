"""What the engine returns: a reply a front end (Telegram, terminal, JSONL) can render.

The engine decides *what* to say; front ends decide *how* (plain text or Telegram HTML,
buttons, a chart picture). Nothing here imports ``telegram``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ReplyKind = Literal[
    "answer",  # one or more facts answer the question, or one place asked of a ranking ("where did Putin do worst?")
    "comparison",  # places side by side, or a ranked list asked for ("top 5", "which countries"), computed from figures
    "did_you_mean",  # two or more facts are close: suggestions, no guess
    "no_data",  # a real country (or topic) the base has no data for
    "off_topic",  # not about the election: says what the bot can answer
    "empty",  # nothing to work with (blank text, only punctuation)
]


@dataclass(frozen=True)
class RankingState:
    """The last ranking a chat was shown, so "next" and "and third?" go on from it."""

    metric: str
    candidate: str | None
    order: str  # "most" or "least"
    places: tuple[str, ...]  # the places ranked, or () for every place abroad
    shown_to: int  # the rows shown so far, counted from the top
    limit: int  # rows per reply
    exit_poll: bool = False  # the exit poll's stations, ranked by its figures
    stations: bool = False  # single stations ranked by their protocols' figures, not places


@dataclass(frozen=True)
class ChatContext:
    """Short per-chat memory for follow-ups ("and in Tajikistan?")."""

    country: str | None = None
    topic: str | None = None
    candidate: str | None = None
    language: str | None = None  # language of the last reply
    region: bool = False  # the last reply was about the whole region (every country side by side)
    compared: tuple[str, ...] = ()  # the countries the last reply compared: "а по явке?" compares them again
    stations: tuple[int, ...] = ()  # the polling stations the last reply was about: "and the official result there?"
    listed: tuple[str, ...] = ()  # the places the last reply listed: "how many countries is that?"
    before: str | None = None  # the place the chat was about before ``country``: "compare them", "which is higher?"
    ranking: RankingState | None = None  # the ranking the last reply showed: "next", "а на третьем?"
    year: str | None = None  # another year the last reply was about: "and Putin's share back then?"
    leader: tuple[str, str] | None = None  # the leader (id, country) the last reply was about: "what did he say?"
    cited: tuple[str, ...] = ()  # the facts the last reply answered with: "who came up with it?" asks more of them
    person: str | None = None  # a person of the facts the last message named ("pamfilova"): "what did she say?"
    # the last message was set aside (off-topic) and named the city of ``stations``: "and there?" is that city and its
    # country, whichever the asker meant
    set_aside: bool = False

    def updated(self, **changes: object) -> ChatContext:
        # the fields by hand rather than dataclasses.replace, which checks every field each call (several per message)
        values = {**self.__dict__, **changes}
        return ChatContext(**values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Suggestion:
    """A "did you mean" choice or an example question; pressing it asks ``question``."""

    label: str
    question: str
    fact_id: str | None = None


@dataclass(frozen=True)
class ChartBar:
    label: str
    value: float
    exit_poll: bool = False  # drawn visibly differently and marked in the legend
    approx: str = "exact"


@dataclass(frozen=True)
class Chart:
    """Data for a bar chart of compared figures; rendering lives in the front end."""

    title: str
    unit: str  # "%" or "voters"
    bars: tuple[ChartBar, ...]
    caption: str  # includes the source(s)
    language: str = "en"


@dataclass(frozen=True)
class Considered:
    """One fact the engine considered, with its score, for ``--why`` and ``/why``."""

    fact_id: str
    score: float
    detail: str = ""


@dataclass
class Reply:
    """The engine's answer to one message."""

    kind: ReplyKind
    language: str  # "en" or "ru"
    text: str  # plain text exactly as a user would read it
    html: str  # the same content as Telegram HTML, every fact and user text escaped
    fact_ids: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    chart: Chart | None = None
    confidence: float = 0.0
    # Why the engine decided as it did (candidates with scores, recognised entities, reason).
    considered: list[Considered] = field(default_factory=list)
    reason: str = ""
    rule: str = ""  # the name of the engine rule that decided (bot/engine/rules.py)
    context: ChatContext = field(default_factory=ChatContext)

    @property
    def answered(self) -> bool:
        return self.kind in ("answer", "comparison")

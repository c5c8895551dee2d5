"""Typed model of the fact base: sources, countries, candidates and facts.

These models are the one definition of the knowledge schema. The YAML files in ``knowledge/``,
the SQLite store, admin edits and the question-answering engine all speak in these objects.
Structural rules (field names, types, allowed topics, percentages in 0-100) live here;
rules that need the whole fact base (duplicate ids, unknown sources, alias clashes,
near-duplicate questions) live in ``bot.knowledge``.
"""

from __future__ import annotations

import math
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Language = Literal["en", "ru"]
LANGUAGES: tuple[str, ...] = get_args(Language)

# The fixed topic vocabulary. Adding a topic is a schema change: the engine's topic words must learn it too.
Topic = Literal[
    "turnout",  # how many voted, turnout
    "result",  # vote shares / votes per candidate (official or reported)
    "exit_poll",  # exit poll findings
    "polling_places",  # where people could vote
    "reaction",  # what a local leader said
    "diaspora",  # who the Russians abroad are (relokanty, dual citizens) and why they came
    "context",  # background: military base, lack of dissent, long lines, absence of polling data
    "candidate",  # a candidate and their party
    "schedule",  # dates and mode of voting
    "source",  # who the sources are
]
TOPICS: tuple[str, ...] = get_args(Topic)

# What a number measures. The official per-station data (bot.abroad) add the ballot counts of the CEC protocol;
# for those, "voters" is the number of ballots issued (early + on the voting days), the count of people who voted.
Metric = Literal[
    "voters",
    "turnout_percent",
    "vote_share",  # official data: share of the ballots in the boxes (valid + invalid), the CEC convention
    "votes",
    "sample_size",
    "regions",
    "polling_stations",
    "registered_voters",  # voters on the stations' lists (abroad: mostly those who came)
    "ballots_early",  # ballots issued in early voting
    "ballots_on_day",  # ballots issued on the voting days, inside and outside the polling room
    "ballots_in_boxes",  # ballots found in the boxes (portable + stationary = valid + invalid)
    "valid_ballots",
    "invalid_ballots",
    "invalid_share",  # invalid ballots as a share of the ballots in the boxes
]
METRICS: tuple[str, ...] = get_args(Metric)

# What kind of figure it is: the engine says this in its wording ("exit poll", "reported").
PlaceKind = Literal["country", "region", "territory", "abroad"]

FigureKind = Literal["official_result", "exit_poll", "reported_count", "reported_result"]
FIGURE_KINDS: tuple[str, ...] = get_args(FigureKind)

# How exact the figure is, mirroring the source's hedge.
Approx = Literal["exact", "around", "more_than", "less_than"]

PERCENT_METRICS = frozenset({"turnout_percent", "vote_share", "invalid_share"})


class Strict(BaseModel):
    """Base for every schema object: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Bilingual(Strict):
    """A text in both languages. Curated translations, not machine output."""

    en: str = Field(min_length=1)
    ru: str = Field(min_length=1)

    def get(self, language: str) -> str:
        return self.ru if language == "ru" else self.en


class BilingualList(Strict):
    """Lists of strings per language (aliases, example questions)."""

    en: list[str] = Field(default_factory=list)
    ru: list[str] = Field(default_factory=list)

    def get(self, language: str) -> list[str]:
        return self.ru if language == "ru" else self.en

    def all(self) -> list[str]:
        return [*self.en, *self.ru]


class Source(Strict):
    """A publication that facts cite."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    publisher: str = Field(min_length=1)
    title: str = Field(min_length=1)
    # ISO date when known ("2024-03-21"), otherwise the source's own wording ("March 2024").
    date: str = Field(min_length=1)
    url: str | None = None
    # The stored copy of the source text in knowledge/sources/, which evidence quotes verbatim.
    file: str | None = None
    note: str | None = None
    # How replies cite it, publisher and date in each language ("Eurasianet, March 2024" / "Eurasianet, март 2024").
    # Without it replies fall back to "<publisher>, <date>".
    cited_as: Bilingual | None = None


class Person(Strict):
    """A named person: names in both scripts plus the forms people type."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: Bilingual
    title: Bilingual | None = None  # "President of Tajikistan" / "президент Таджикистана"
    aliases: BilingualList = Field(default_factory=BilingualList)


class Candidate(Person):
    """A presidential candidate."""

    party: Bilingual | None = None


class Country(Strict):
    """A country (or a place reported like one, such as Baikonur) the fact base covers, with every name a user
    might type."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    # ISO 3166-1 alpha-2; None for places without one (Abkhazia, South Ossetia, Baikonur)
    iso: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    name: Bilingual
    # Official and common names, old names, capital and city names, demonyms and adjectives.
    aliases: BilingualList = Field(default_factory=BilingualList)
    leader: Person | None = None
    # what the place is, so rankings and menus treat it right: a country; a "region" the official data list apart
    # from its country (Abkhazia, South Ossetia); a "territory" counted under Russia, not abroad (Baikonur);
    # or "abroad", every foreign polling station together
    kind: PlaceKind = "country"

    @property
    def ranked(self) -> bool:
        """Ranked and compared with the countries abroad (a data row of its own)."""
        return self.kind in ("country", "region")


class Figure(Strict):
    """One structured number, so code can compare countries without parsing prose.

    ``value: null`` states explicitly that the source does not report this figure.
    """

    metric: Metric
    value: float | None
    kind: FigureKind
    approx: Approx = "exact"
    candidate: str | None = None  # candidate id for vote_share / votes
    note: str | None = None

    @model_validator(mode="after")
    def _check_range(self) -> Figure:
        if self.value is not None:
            if not math.isfinite(self.value):  # "1e309", "nan", "inf" parse as floats but are no figure
                raise ValueError(f"{self.metric} must be a finite number, got {self.value}")
            if self.metric in PERCENT_METRICS and not 0 <= self.value <= 100:
                raise ValueError(f"{self.metric} must be a percentage between 0 and 100, got {self.value:g}")
            if self.value < 0:
                raise ValueError(f"{self.metric} cannot be negative, got {self.value:g}")
        if self.metric in {"vote_share", "votes"} and not self.candidate:
            raise ValueError(f"a {self.metric} figure needs a candidate")
        return self

    @property
    def reported(self) -> bool:
        return self.value is not None


class Fact(Strict):
    """One answerable fact with its source and the evidence it rests on."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    country: str | None = None  # country id, or None for national / background facts
    topic: Topic
    candidate: str | None = None  # candidate id when the fact is about one candidate
    station: int | None = None  # the CEC number of the one polling station the fact is about
    answer: Bilingual
    figures: list[Figure] = Field(default_factory=list)
    questions: BilingualList = Field(default_factory=BilingualList)
    source: str = Field(min_length=1)  # a source id from sources.yaml
    evidence: list[str] = Field(min_length=1)  # verbatim sentence(s) of the source

    @field_validator("evidence")
    @classmethod
    def _evidence_not_blank(cls, value: list[str]) -> list[str]:
        if any(not item.strip() for item in value):
            raise ValueError("evidence sentences cannot be empty")
        return value


class KnowledgeBase(Strict):
    """The whole fact base as the engine sees it."""

    sources: list[Source] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list)
    candidates: list[Candidate] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)

    def fact(self, fact_id: str) -> Fact | None:
        return next((fact for fact in self.facts if fact.id == fact_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((source for source in self.sources if source.id == source_id), None)

    def country(self, country_id: str) -> Country | None:
        return next((country for country in self.countries if country.id == country_id), None)

    def candidate(self, candidate_id: str) -> Candidate | None:
        return next((candidate for candidate in self.candidates if candidate.id == candidate_id), None)

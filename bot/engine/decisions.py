"""What the engine decided, before any wording: small immutable values, each naming the rule that produced it.

Deciding (screen, route, match) returns one of these; composing (compose.py) alone turns it into words in the
user's language. A decision carries the chat context to keep after it, the facts it rests on, and a trace of
what was read, for ``--why`` and ``/why``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from bot.models import Fact, Figure
from bot.replies import ChatContext, Considered


@dataclass(frozen=True)
class Decision:
    rule: str  # a name from rules.RULES
    context: ChatContext  # the chat's context after this reply
    trace: str = ""  # what was read and why this rule fired, for --why
    confidence: float = 0.0
    considered: tuple[Considered, ...] = ()  # facts scored on the way, with their scores

    kind = "answer"  # the reply kind (bot/replies.py) this decision is shown as

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Facts the reply cites, in order."""
        return ()


# ---------------------------------------------------------------------- refusals and "I don't know"


@dataclass(frozen=True)
class Refusal(Decision):
    """Not a question about the facts: say what the bot covers and offer example questions."""

    reason: str = "scope"  # the catalogue text that opens the reply: "scope", "future" or "empty"

    @property
    def kind(self) -> str:  # type: ignore[override]
        # an earlier Russian presidential election is a real question the base has no data for; any other
        # election (another country's, a parliamentary one, a year with no presidential vote) is, like small
        # talk, not about the facts
        no_data = ("earlier_election", "earlier_standings", "no_emigrant_count")
        return {"empty": "empty", **dict.fromkeys(no_data, "no_data")}.get(self.reason, "off_topic")


@dataclass(frozen=True)
class NoData(Decision):
    """A real place the base has no data for ("Germany", "Kazan"), named as the user wrote it."""

    name: str = ""  # as the user wrote it
    iso: str | None = None  # a country of the world (ISO code); None for a city or region ("Kazan")
    person: bool = False  # a person the sources do not name ("Lukashenko"), not a place
    kind = "no_data"


@dataclass(frozen=True)
class NotReported(Decision):
    """A topic the sources do not report for a country the base knows; offer what it does report."""

    country: str = ""
    topic: str = ""
    kind = "no_data"


# ---------------------------------------------------------------------- answers from facts


@dataclass(frozen=True)
class FactAnswer(Decision):
    """One or more facts answer the question, as written by their curators."""

    answer_facts: tuple[Fact, ...] = ()
    # the asked candidate's figure is not in the fact: (candidate id, country id), said before the fact
    missing_candidate: tuple[str, str] | None = None
    more_about: str | None = None  # a place whose other topics are offered after the facts (a vague ask)
    verdict: object | None = None  # a claimed figure checked against the facts' (claims.Verdict)
    # the place has no figures of what was asked, and the facts say why ("Georgia had no station"): no data
    no_figures: bool = False
    # "dubai results?": the facts are the country's, the city asked has no figures of its own (its names, its country)
    city_not_split: tuple[str, str, str] | None = None
    # (topic, country): a topic the place has no fact on, said before what else answers ("estonia?" after the police)
    not_reported: tuple[str, str] | None = None
    side_by_side: bool = False  # two or more places' facts asked against each other ("rome vs milan")

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "no_data" if self.no_figures else "comparison" if self.side_by_side else "answer"

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.answer_facts


@dataclass(frozen=True)
class Choices(Decision):
    """Several facts are close: offer them as buttons, guess none."""

    choices: tuple[Fact, ...] = ()
    kind = "did_you_mean"


@dataclass(frozen=True)
class WhichTopic(Decision):
    """A country and no question about it: offer its topics."""

    country: str = ""
    kind = "did_you_mean"


@dataclass(frozen=True)
class Combined(Decision):
    """A message with several asking clauses: each clause's facts and each clause's "not reported" note."""

    parts: tuple[Decision, ...] = ()

    @property
    def facts(self) -> tuple[Fact, ...]:
        seen: dict[str, Fact] = {}
        for part in self.parts:
            seen.update((fact.id, fact) for fact in part.facts)
        return tuple(seen.values())


# ---------------------------------------------------------------------- computed from figures


@dataclass(frozen=True)
class PlaceFigure:
    """One place's figure with the fact that states it; ``figure`` is None when the place has none."""

    place: str | None  # country id; None for Russia as a whole
    figure: Figure | None
    fact: Fact | None
    also: tuple[tuple[Figure, Fact], ...] = ()  # the same figure from other sources, shown beside, never merged
    ballots: float | None = None  # ballots in the boxes behind a share: 12 ballots are no trend
    station: int | None = None  # a polling station's number, when the rows are stations rather than places


@dataclass(frozen=True)
class Coverage(Decision):
    """What the base covers: every country with its topics."""

    source_facts: tuple[Fact, ...] = ()  # one fact per source, for the source line (the reply cites no fact)
    kind = "answer"  # a listing of what the base holds, not figures set side by side


@dataclass(frozen=True)
class CityList(Decision):
    """The cities of a country with a Russian polling station, as the sources name them, each backed by a fact."""

    country: str = ""
    cities: tuple[tuple[str, str, tuple[int, ...]], ...] = ()  # (English name, Russian name, station numbers)
    backing: tuple[Fact, ...] = ()  # the facts that name the cities: a station's protocol or a report
    counted: tuple[Fact, ...] = ()  # the place's count of stations, first, when "how many" is asked too
    kind = "answer"

    @property
    def facts(self) -> tuple[Fact, ...]:
        return (*self.counted, *self.backing)


@dataclass(frozen=True)
class ListCount(Decision):
    """ "How many countries is that?" after a list: how many places it named, and which."""

    places: tuple[str, ...] = ()
    backing: tuple[Fact, ...] = ()  # each place's fact behind the list, for the source line
    kind = "answer"

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.backing


@dataclass(frozen=True)
class Standings(Decision):
    """Candidates ranked by their share in one place: "who came second in Tajikistan?"."""

    place: str | None = None  # country id, None for Russia overall
    asked_place: int = 0  # 1, 2, 3... or -1 for last; 0 for "what place did X take"
    asked_candidate: str | None = None
    # (candidate id, share, fact, the same share from other sources), highest first
    rows: tuple[tuple[str, Figure, Fact, tuple[tuple[Figure, Fact], ...]], ...] = ()
    # "by how many votes did Putin beat Davankov?": the two candidates' figures of one kind, the one ahead first
    # (their votes where the source counts them, else their shares)
    margin: tuple[tuple[str, Figure, Fact], tuple[str, Figure, Fact]] | None = None
    kind = "answer"  # one place's result, its candidates in order: an answer, not a comparison of places

    @property
    def facts(self) -> tuple[Fact, ...]:
        margin = [fact for _, _, fact in self.margin] if self.margin else []
        return tuple({fact.id: fact for fact in [*margin, *(fact for _, _, fact, _ in self.rows)]}.values())


@dataclass(frozen=True)
class Ranking(Decision):
    """Places ranked by a figure; exit polls listed apart, never ranked with results."""

    metric: str = ""
    candidate: str | None = None
    order: str = "most"  # "most" or "least"
    rows: tuple[PlaceFigure, ...] = ()  # every place with the figure, in the base's order
    missing: tuple[str, ...] = ()  # places without the figure
    national: PlaceFigure | None = None
    limit: int = 0  # show the first this many (0: all)
    offset: int = 0  # ...after skipping this many ("next": the rows after those shown before)
    min_ballots: int = 0  # a share from fewer ballots in the boxes is not ranked
    winners_only: bool = False  # only the places where ``candidate`` came first
    losses_only: bool = False  # only the places where another candidate came first ("where did Putin lose?")
    ties: tuple[str, ...] = ()  # places where ``candidate`` tied for first (with ``winners_only``)
    threshold: tuple[float, str] | None = None  # only the places below or above this share ("under 50%")
    asks_one: bool = False  # "where did Putin do worst?" asks for one place: an answer, the ranking beside it
    exit_poll: bool = False  # the exit poll's stations ranked by its figures, apart from any result
    # "in how many countries did Putin get under 50%?": the count of places is the answer, the list beside it
    asks_count: bool = False

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "answer" if (self.asks_one or self.asks_count) and self.shown else "comparison"

    @cached_property
    def _results(self) -> tuple[PlaceFigure, ...]:
        """The rows with a result (not an exit poll), or with the exit poll's figure when the exit poll is ranked."""
        return tuple(
            row for row in self.rows if row.figure is not None and (row.figure.kind == "exit_poll") == self.exit_poll
        )

    @cached_property
    def ranked(self) -> tuple[PlaceFigure, ...]:
        """The results (not exit polls) big enough to rank, best first for "most", worst first for "least"."""
        results = [row for row in self._results if not self.too_small(row)]
        if self.threshold is not None:
            value, side = self.threshold
            results = [row for row in results if row.figure and row.figure.value is not None
                       and (row.figure.value < value if side == "below" else row.figure.value > value)]  # fmt: skip
        results.sort(key=lambda row: row.figure.value or 0.0 if row.figure else 0.0, reverse=self.order == "most")
        return tuple(results)

    @property
    def shown(self) -> tuple[PlaceFigure, ...]:
        end = self.offset + self.limit if self.limit else None
        return self.ranked[self.offset : end]

    def too_small(self, row: PlaceFigure) -> bool:
        return bool(self.min_ballots) and row.ballots is not None and row.ballots < self.min_ballots

    @property
    def left_out(self) -> int:
        """Results not ranked because too few ballots were behind them."""
        return sum(1 for row in self._results if self.too_small(row))

    @cached_property
    def small_lead(self) -> PlaceFigure | None:
        """The place left out for its few ballots that would have led the ranking: said apart, with its count
        ("Djibouti, 31 ballots"), so the true extreme is never hidden and never passed off as a trend."""
        if not self.left_out or self.threshold is not None or self.winners_only or self.offset:
            return None
        small = [row for row in self._results if row.figure and row.figure.value is not None and self.too_small(row)]
        if not small:
            return None
        most = self.order == "most"
        lead = (max if most else min)(small, key=lambda row: row.figure.value if row.figure else 0.0)
        top = self.ranked[0].figure.value if self.ranked and self.ranked[0].figure else None
        value = lead.figure.value if lead.figure else None
        if top is not None and value is not None and ((value <= top) if most else (value >= top)):
            return None  # the ranked top is more extreme already
        return lead

    @property
    def exit_polls(self) -> tuple[PlaceFigure, ...]:
        if self.offset or self.exit_poll:
            return ()  # said with the top of the ranking, not again with each further page
        return tuple(row for row in self.rows if row.figure is not None and row.figure.kind == "exit_poll")

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(row.fact for row in self._said if row.fact is not None)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(row.figure for row in self._said if row.figure is not None)

    @property
    def _said(self) -> list[PlaceFigure]:
        small = [self.small_lead] if self.small_lead else []
        return [*self.shown, *small, *self.exit_polls, *([self.national] if self.national else [])]


@dataclass(frozen=True)
class ComparedMetric:
    """One metric of a comparison: each place's figure (or none) and, when asked, Russia's."""

    metric: str
    candidate: str | None
    rows: tuple[PlaceFigure, ...]
    national: PlaceFigure | None = None


@dataclass(frozen=True)
class Comparison(Decision):
    """Places side by side on one or two metrics."""

    metrics: tuple[ComparedMetric, ...] = ()
    kind = "comparison"

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(row.fact for metric in self.metrics for row in self._rows(metric) if row.fact is not None)

    @property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(row.figure for metric in self.metrics for row in self._rows(metric) if row.figure is not None)

    @staticmethod
    def _rows(metric: ComparedMetric) -> list[PlaceFigure]:
        return [*metric.rows, *([metric.national] if metric.national else [])]


@dataclass(frozen=True)
class EachPlace(Decision):
    """A follow-up to a comparison on a topic without figures: each compared place's fact, and who has none."""

    topic: str = ""
    place_facts: tuple[Fact, ...] = ()
    missing: tuple[str, ...] = ()  # country ids without a fact on the topic

    @property
    def kind(self) -> str:  # type: ignore[override]
        return "answer" if self.place_facts else "no_data"

    @property
    def facts(self) -> tuple[Fact, ...]:
        return self.place_facts

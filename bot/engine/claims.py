"""Claims to check: a figure the user puts forward ("I read 15,000 voted in Kyrgyzstan, true?") against the facts.

The answer's facts are found as for any question; this stage compares the claimed figure with theirs, every
source's figure in turn (the official count first), and says whether it holds, does not, or cannot be settled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.engine.decisions import Decision, FactAnswer
from bot.engine.index import KnowledgeIndex
from bot.engine.interpret import COUNTED_PLACE_NOUNS as PLACE_NOUNS
from bot.engine.interpret import Question, counts_stations
from bot.engine.route import DEFAULT_CANDIDATE  # "he got 99%": the winner's share, as people mean it
from bot.models import Fact, Figure

COUNT_METRICS = ("voters", "ballots_in_boxes", "registered_voters", "votes", "polling_stations")
SHARE_METRICS = ("vote_share", "turnout_percent", "invalid_share")
POINTS_TOLERANCE = 1.0  # a claimed share within a point of the figure holds ("57%" for 57.6%)
COUNT_TOLERANCE = 0.03  # a claimed count within 3% holds: people round ("almost 400k" for 388,791)
EXACT_COUNTS = ("polling_stations",)  # ...but not a count this small
APPROX_TOLERANCE = 0.05  # around a figure: within 5%
MORE_THAN_TOLERANCE = 0.10  # "more than 7,800" holds for a claim up to 10% above
# how the user hedged the claim: "almost 400k" is a little below it, "about 400k" near it
CLAIM_HEDGES = {
    "almost": frozenset({"almost", "nearly", "почти"}),
    "about": frozenset({"about", "around", "roughly", "approximately", "около", "примерно", "приблизительно"}),
    # "less than half", "больше 90%": one side of the figure
    "below": frozenset({"under", "below", "less", "lower", "меньше", "менее", "ниже"}),
    "above": frozenset({"over", "above", "more", "higher", "больше", "более", "выше", "свыше"}),
}


@dataclass(frozen=True)
class Verdict:
    """How a claimed figure compares with the facts' figures."""

    claimed: float
    percent: bool
    holds: bool | None  # None: no figure of the facts measures what was claimed
    figures: tuple[tuple[Figure, Fact], ...]  # the figures compared, best kind first
    # when the claim fails against the best kind: another kind's figure it matches ("57%" is the exit poll's)
    other_kind: tuple[Figure, Fact] | None = None
    side: str | None = None  # "below" or "above": the claim is one side of the figure ("less than half")


def check_claim(decision: Decision, question: Question, index: KnowledgeIndex) -> Decision:
    """The decision with a verdict on the claimed figure, when it answers with facts."""
    if question.claim is None or not isinstance(decision, FactAnswer):
        return decision
    value, percent = question.claim
    facts = decision.facts
    if decision.rule == "city":
        # "putin got 25% in almaty?": the city's stations settle it before its country's count
        facts = tuple(sorted(facts, key=lambda fact: fact.station is None))
    figures = with_official(comparable_figures(facts, question, percent), decision, question, index)
    stations = [number for number in decision.context.stations if index.stations.get(number)]
    counted_stations = not percent and counts_stations(question.reading.tokens, value)
    if stations and counted_stations and decision.rule == "city":
        # "transnistria had 6 polling stations right": a part of a country, whose stations the protocols count; the
        # reports' own counts stay beside it (the country's count is another place's)
        counted = Figure(metric="polling_stations", value=len(stations), kind="official_result")
        reported = tuple(item for item in figures if item[0].kind != "official_result")
        figures = ((counted, index.stations[stations[0]][0]), *reported)
    hedge = next((name for name, words in CLAIM_HEDGES.items() if words & set(question.reading.tokens)), None)
    side = hedge if hedge in ("below", "above") else None
    if not figures:
        # "в латвии пришли 2,38% взрослых россиян, это откуда?": the figure, as claimed, in another of the place's
        # facts (the police's estimate), which then answers beside the first
        said = figure_said_of_the_place(value, percent, decision, index)
        if said is not None:
            figures = (said,)
            decision = replace(decision, answer_facts=(said[1], *(f for f in decision.answer_facts if f != said[1])))
    if not figures and decision.rule == "outlet_named" and _states(value, decision.facts[0]):
        return decision  # the outlet's report states the claimed number in its words: it answers as it stands
    if not figures:
        verdict = Verdict(value, percent, None, (), side=side)
    else:
        verdict = Verdict(value, percent, holds(value, figures[0][0], hedge), figures, side=side)
        if not verdict.holds:
            other = next((item for item in figures[1:] if holds(value, item[0], hedge)), None)
            if other is None and hedge is None:
                # "but I read 8% somewhere" after Almaty's result: the figure another of the place's facts gives
                other = figure_said_of_the_place(value, percent, decision, index)
                if other is not None and other[1] not in decision.answer_facts:
                    decision = replace(decision, answer_facts=(*decision.answer_facts, other[1]))
            verdict = replace(verdict, other_kind=other, figures=figures[:1] if other else figures)
    return replace(decision, verdict=verdict, trace=f"{decision.trace}; claim {value:g}{'%' if percent else ''}")


def _states(value: float, fact: Fact) -> bool:
    """The fact's own words state the number ("at 42 foreign stations")."""
    number = f"{value:,.0f}" if value == int(value) else f"{value:g}"
    return re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", fact.answer.en) is not None


def figure_said_of_the_place(
    value: float, percent: bool, decision: Decision, index: KnowledgeIndex
) -> tuple[Figure, Fact] | None:
    """The one figure of the answer's place that is the claimed number itself (a share or a count as claimed)."""
    place = decision.context.country
    if not place:
        return None
    metrics = SHARE_METRICS if percent else COUNT_METRICS
    # the place's own facts, else its stations' protocols and exit polls ("22%" in Cyprus is the exit poll's)
    stations = [fact for facts in index.stations.values() for fact in facts if fact.country == place]
    for pool in (index.by_country.get(place, ()), stations):
        found = [
            (figure, fact)
            for fact in pool
            for figure in fact.figures
            if figure.reported and figure.metric in metrics and abs((figure.value or 0.0) - value) < SAME_FIGURE
        ]
        if found:
            return found[0] if len({fact.id for _, fact in found}) == 1 else None
    return None


SAME_FIGURE = 0.005  # a claimed figure is the fact's own when it is the same to two decimals


def comparable_figures(facts: tuple[Fact, ...], question: Question, percent: bool) -> tuple[tuple[Figure, Fact], ...]:
    """The facts' figures that measure what was claimed: a share (of the named candidate) or a count."""
    shares = ("turnout_percent",) if question.topic == "turnout" else SHARE_METRICS
    metrics = shares if percent else COUNT_METRICS
    if not percent and question.claim and counts_stations(question.reading.tokens, question.claim[0]):
        metrics = ("polling_stations",)  # "transnistria had 6 polling stations": stations, not anyone's ballots
    elif not percent and question.claim and counts_stations(question.reading.tokens, question.claim[0], PLACE_NOUNS):
        return ()  # "davankov won in 18 countries": a count of places, which no figure of a fact is
    candidate = question.candidates[0] if question.candidates else DEFAULT_CANDIDATE
    found = [
        (figure, fact)
        for fact in facts
        for figure in fact.figures
        if figure.reported and figure.metric in metrics and figure.candidate in (None, candidate)
        and (figure.metric != "votes" or question.candidates)
    ]  # fmt: skip
    order = SHARE_METRICS if percent else COUNT_METRICS
    found.sort(key=lambda item: order.index(item[0].metric))
    if not found:
        return ()
    # one metric (the first that measures the claim), one figure per kind: the official count, a report, a poll
    metric = found[0][0].metric
    by_kind: dict[str, tuple[Figure, Fact]] = {}
    for figure, fact in found:
        if figure.metric == metric:
            by_kind.setdefault(figure.kind, (figure, fact))
    return tuple(sorted(by_kind.values(), key=lambda item: item[0].kind != "official_result"))


def with_official(
    figures: tuple[tuple[Figure, Fact], ...], decision: FactAnswer, question: Question, index: KnowledgeIndex
) -> tuple[tuple[Figure, Fact], ...]:
    """The official figure first, even when a report's fact answered: a claim is settled by the official count
    where there is one ("87.29%, final?" against the CEC's 87.28%, not a report's rounded 87.3%)."""
    if not figures or any(figure.kind == "official_result" for figure, _ in figures):
        return figures
    metric, candidate = figures[0][0].metric, figures[0][0].candidate
    place = decision.facts[0].country if decision.facts else None
    official = index.best_figure(place, metric, candidate)
    if official is None or official[0].kind != "official_result":
        return figures
    return (official, *figures)


def holds(claimed: float, figure: Figure, hedge: str | None = None) -> bool:
    """Whether the claimed figure agrees with ``figure``, given how exact the figure and the claim are."""
    value = figure.value or 0.0
    if hedge == "almost":  # "almost 400k": a little below
        return claimed * (1 - MORE_THAN_TOLERANCE) <= value <= claimed
    if hedge == "about":
        return abs(claimed - value) <= claimed * APPROX_TOLERANCE
    if hedge in ("below", "above"):
        # "less than half" holds below 50; a figure of about the claim itself neither confirms nor breaks it
        beyond = value < claimed if hedge == "below" else value > claimed
        return beyond or holds(claimed, figure)
    if figure.approx == "more_than":
        return value <= claimed <= value * (1 + MORE_THAN_TOLERANCE)
    if figure.approx == "less_than":
        return value * (1 - MORE_THAN_TOLERANCE) <= claimed <= value
    if figure.approx == "around":
        return abs(claimed - value) <= value * APPROX_TOLERANCE
    if figure.metric in SHARE_METRICS:
        # "57%" holds for 57.6%; a claim with decimals ("54.7%", "87.29%") is as exact as it is written
        decimals = len(f"{claimed:g}".partition(".")[2])
        return abs(claimed - value) <= (POINTS_TOLERANCE if not decimals else 0.5 * 10**-decimals + 1e-9)
    if figure.metric in EXACT_COUNTS:
        return claimed == value  # no one rounds 288 stations to 295: a station count is said as it is
    return abs(claimed - value) <= value * COUNT_TOLERANCE

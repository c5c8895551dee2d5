"""Stage 6, compose: a decision in words — the one stage that knows languages, layout and the text catalogue.

Every sentence comes from a fact's own text or from the catalogue; every figure from a fact's ``figures``.
The result is a ``Reply`` in plain text and Telegram HTML (fact and user text escaped by ``render``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot import catalogue, render
from bot.abroad_facts import ru_in
from bot.country_names import region_name
from bot.engine.claims import Verdict
from bot.engine.decisions import (
    Choices,
    CityList,
    Combined,
    Comparison,
    Coverage,
    Decision,
    EachPlace,
    FactAnswer,
    ListCount,
    NoData,
    NotReported,
    PlaceFigure,
    Ranking,
    Refusal,
    Standings,
    WhichTopic,
)
from bot.engine.index import KIND_PREFERENCE, KnowledgeIndex
from bot.entities import country_display_name
from bot.models import PERCENT_METRICS, Fact, Figure
from bot.render import Block
from bot.replies import Chart, ChartBar, Reply, Suggestion
from bot.text import is_cyrillic

MISSING_NAMED = 10  # places without the figure named after a ranking; more are only counted
EXAMPLES_OFFERED = 3  # example questions under an "I can't answer that"
SUGGESTIONS_OFFERED = 3  # a country's topics offered as buttons


class Composer:
    """Words for decisions, in one language, from one index."""

    def __init__(self, index: KnowledgeIndex, language: str) -> None:
        self.index = index
        self.language = language
        self.ru = language == "ru"

    # ------------------------------------------------------------------ the reply

    def reply(self, decision: Decision) -> Reply:
        blocks, extras = COMPOSERS[type(decision)](self, decision)
        blocks = [block for block in blocks if block.content]  # a source line with no source is left out
        return Reply(
            kind=decision.kind,  # type: ignore[arg-type]
            language=self.language,
            text=render.to_plain(blocks),
            html=render.to_html(blocks),
            fact_ids=list(dict.fromkeys(fact.id for fact in decision.facts)),
            suggestions=extras.get("suggestions", []),
            chart=extras.get("chart"),
            confidence=decision.confidence,
            considered=list(decision.considered),
            reason=f"{decision.rule}: {decision.trace}" if decision.trace else decision.rule,
            rule=decision.rule,
            context=decision.context,
        )

    # ------------------------------------------------------------------ names and small phrases

    def country_name(self, country_id: str) -> str:
        return self.index.countries[country_id].name.get(self.language)

    def candidate_name(self, candidate_id: str) -> str:
        candidate = self.index.candidates.get(candidate_id)
        return candidate.name.get(self.language) if candidate else candidate_id

    def row_name(self, row: PlaceFigure) -> str:
        """A row's name: the place, or a polling station with its city and place ("No. 8133 (Almaty, Kazakhstan)")."""
        assert row.place
        name = self.country_name(row.place)
        if row.station is None:
            return name
        city = next(
            (city for city in self.index.country_cities.get(row.place, ()) if row.station in city.stations), None
        )
        if city is not None:
            name = f"{city.name_ru if self.language == 'ru' else city.name_en}, {name}"
        return self.say("station_row", number=str(row.station), place=name)

    def place_name(self, place: str | None) -> str:
        return self.country_name(place) if place else self.say("national")

    def in_case(self, name: str, case: str) -> str:
        """A Russian name in the case a template needs ("По Таджикистану", "про Киргизию"); English as is."""
        return render.ru_case(name, case) if self.ru else name

    def say(self, key: str, **values: str) -> str:
        """The catalogue's text ``key`` in the reply's language."""
        return catalogue.text(key, self.language, **values)

    def topic_label(self, topic: str) -> str:
        return catalogue.TOPIC_PHRASES[topic][self.language]

    def figure_phrase(self, figure: Figure) -> str:
        return f"{render.format_figure(figure, self.language)} ({render.kind_label(figure.kind, self.language)})"

    def place_phrase(self, row: PlaceFigure, *, ballots: bool = False, votes: float | None = None) -> str:
        """ "58.72% (official result); 57.6% (reported result)": every source's figure, each with its kind (and the
        first one's count of ``votes``, when given)."""
        assert row.figure is not None
        first = self.figure_phrase(row.figure)
        if votes is not None:
            first += ", " + self.say("votes_beside", count=render.format_number(votes, self.language))
        phrases = [first, *(self.figure_phrase(figure) for figure, _ in row.also)]
        text = "; ".join(phrases)
        if ballots and row.ballots is not None:
            text += ", " + self.say("ballots_beside", count=render.format_number(row.ballots, self.language))
        return text

    def row_facts(self, rows: Sequence[PlaceFigure]) -> list[Fact]:
        """The facts behind rows and their figures from other sources, for the source line."""
        facts = []
        for row in rows:
            facts += ([row.fact] if row.fact else []) + [fact for _, fact in row.also]
        return facts

    def metric_title(self, metric: str, candidate: str | None) -> str:
        name = self.candidate_name(candidate) if candidate in self.index.candidates else ""
        key = f"metric_{metric}"
        return self.say(key, candidate=name) if key in catalogue.TEXTS else metric

    def source_line(self, facts: Sequence[Fact], figures: Sequence[Figure] | None = None) -> str:
        sources = [
            self.index.sources[source_id]
            for source_id in dict.fromkeys(fact.source for fact in facts)
            if source_id in self.index.sources
        ]
        if figures is None:
            figures = [figure for fact in facts for figure in fact.figures if figure.reported]
        kinds = [kind for kind in KIND_PREFERENCE if any(figure.kind == kind for figure in figures)]
        if not sources:
            return ""  # no fact, no source to cite (callers leave the line out)
        return render.source_line(sources, kinds, self.language)

    def suggestion(self, fact: Fact) -> Suggestion:
        questions = fact.questions.get(self.language) or fact.questions.all()
        label = self.topic_label(fact.topic)
        if fact.country:
            label = f"{self.country_name(fact.country)}: {label}"
        elif fact.candidate and fact.candidate in self.index.candidates:
            label = f"{self.candidate_name(fact.candidate)}: {label}"
        return Suggestion(label=label, question=questions[0] if questions else label, fact_id=fact.id)

    def examples(self, limit: int) -> list[Suggestion]:
        return [self.suggestion(fact) for fact in self.index.examples[self.language][:limit]]

    def country_suggestions(self, country_id: str) -> list[Suggestion]:
        suggestions = []
        for topic in self.index.topics_for_country(country_id):
            facts = self.index.facts_on(country_id, topic)
            if facts:
                suggestions.append(self.suggestion(facts[0]))
        return suggestions[:SUGGESTIONS_OFFERED]

    def topic_labels(self, country_id: str | None) -> str:
        return ", ".join(self.topic_label(topic) for topic in self.index.topics_for_country(country_id))

    def with_examples(self, lead: str) -> tuple[list[Block], dict]:
        """``lead``, then "For example:" and three questions the bot can answer, offered as buttons."""
        examples = self.examples(EXAMPLES_OFFERED)
        blocks = [Block(lead), Block(self.say("try"))]
        blocks += [Block(example.question, "item") for example in examples]
        return blocks, {"suggestions": examples}

    def chart(
        self, title: str, metric: str, rows: Sequence[PlaceFigure], national: PlaceFigure | None, caption: str
    ) -> Chart:
        bars = [
            ChartBar(self.row_name(row), row.figure.value or 0.0, row.figure.kind == "exit_poll", row.figure.approx)
            for row in rows
            if row.place and row.figure
        ]
        if national and national.figure and metric != "voters":  # 87 million voters would flatten every other bar
            figure = national.figure
            bars.append(ChartBar(self.say("national"), figure.value or 0.0, False, figure.approx))
        unit = "%" if metric in PERCENT_METRICS else self.say("unit_voters")
        return Chart(title=title, unit=unit, bars=tuple(bars), caption=caption, language=self.language)

    # ------------------------------------------------------------------ one composer per decision type

    def refusal(self, decision: Refusal) -> tuple[list[Block], dict]:
        if decision.reason == "small_talk_goodbye":
            return [Block(self.say(decision.reason))], {}  # a goodbye needs no examples
        return self.with_examples(self.say(decision.reason))

    def no_data(self, decision: NoData) -> tuple[list[Block], dict]:
        name = decision.name
        if decision.person:
            leaders = ", ".join(
                country.leader.name.get(self.language) for country in self.index.countries.values() if country.leader
            )
            return [Block(self.say("no_data_person", name=self.in_case(name, "gent"), leaders=leaders))], {}
        if decision.iso and is_cyrillic(name) != self.ru:
            # the name as the user wrote it ("Turkey"), unless it is in the other language
            name = country_display_name(decision.iso, self.language)
        key = "no_data_country" if decision.iso else "no_data_place"
        return self.with_examples(self.say(key, country=name, count=str(len(self.index.ranked_countries))))

    def not_reported_line(self, topic: str, country: str) -> Block:
        name = self.in_case(self.country_name(country), "datv")  # "По Таджикистану ..."
        return Block(self.say("not_reported", topic=self.topic_label(topic), country=name))

    def not_reported(self, decision: NotReported) -> tuple[list[Block], dict]:
        name = self.in_case(self.country_name(decision.country), "datv")
        blocks = [
            self.not_reported_line(decision.topic, decision.country),
            Block(self.say("has_topics", country=name, topics=self.topic_labels(decision.country))),
        ]
        suggestions = self.country_suggestions(decision.country)
        blocks += [Block(suggestion.question, "item") for suggestion in suggestions]
        return blocks, {"suggestions": suggestions}

    def fact_answer(self, decision: FactAnswer) -> tuple[list[Block], dict]:
        blocks = [Block(self.verdict(decision.verdict))] if decision.verdict is not None else []
        if decision.not_reported:
            blocks.append(self.not_reported_line(*decision.not_reported))
        if decision.city_not_split:
            name_en, name_ru, country = decision.city_not_split
            city = name_ru if self.ru else name_en
            country_name = self.country_name(country) if self.ru else english_article(self.country_name(country))
            blocks.append(Block(self.say("city_not_split", city=city, country=country_name)))
        if decision.missing_candidate:
            candidate, country = decision.missing_candidate
            name = self.in_case(self.country_name(country), "datv")
            text = self.say("candidate_missing", candidate=self.candidate_name(candidate), country=name)
            blocks.append(Block(text))
        blocks += [Block(fact.answer.get(self.language)) for fact in decision.answer_facts]
        blocks.append(Block(self.source_line(decision.answer_facts), "source"))
        if decision.more_about:  # a vague ask: the brief answer, then what else there is about the place
            name = self.in_case(self.country_name(decision.more_about), "datv")
            blocks.append(Block(self.say("has_topics", country=name, topics=self.topic_labels(decision.more_about))))
            return blocks, {"suggestions": self.country_suggestions(decision.more_about)}
        return blocks, {}

    def verdict(self, verdict: Verdict) -> str:  # type: ignore[valid-type]
        """ "No — 7,842 (official result, ...); more than 7,800 (reported count, ...), not 15,000."."""
        claimed = render.format_number(verdict.claimed, self.language) + ("%" if verdict.percent else "")
        if verdict.side:
            claimed = self.say(f"claim_{verdict.side}", value=claimed)  # "not under 50%"
        if verdict.holds is None:
            return self.say("claim_unsettled", claimed=claimed)
        figures = "; ".join(
            f"{render.format_figure(figure, self.language)} ({render.kind_label(figure.kind, self.language)}, "
            f"{render.citation(self.index.sources[fact.source], self.language)})"
            for figure, fact in verdict.figures
            if fact.source in self.index.sources
        )
        if verdict.other_kind is not None and verdict.other_kind[1].source in self.index.sources:
            figure, fact = verdict.other_kind
            kind = render.kind_label(figure.kind, self.language)
            source = render.citation(self.index.sources[fact.source], self.language)
            return self.say("claim_other_kind", claimed=claimed, kind=kind, source=source, figures=figures)
        key = "claim_holds" if verdict.holds else "claim_fails" if verdict.side else "claim_fails_exact"
        return self.say(key, claimed=claimed, figures=figures)

    def choices(self, decision: Choices) -> tuple[list[Block], dict]:
        suggestions = [self.suggestion(fact) for fact in decision.choices]
        blocks = [Block(self.say("did_you_mean"))]
        blocks += [Block(suggestion.question, "item") for suggestion in suggestions]
        return blocks, {"suggestions": suggestions}

    def which_topic(self, decision: WhichTopic) -> tuple[list[Block], dict]:
        name = self.in_case(self.country_name(decision.country), "accs")  # "про Киргизию"
        text = self.say("which_topic", country=name, topics=self.topic_labels(decision.country))
        suggestions = self.country_suggestions(decision.country)
        return [Block(text)] + [Block(suggestion.question, "item") for suggestion in suggestions], {
            "suggestions": suggestions
        }

    def combined(self, decision: Combined) -> tuple[list[Block], dict]:
        facts = decision.facts
        blocks = [Block(fact.answer.get(self.language)) for fact in facts]
        for part in decision.parts:
            if not part.facts:  # "the sources do not report the exit poll for ...": the part's first paragraph
                part_blocks, _ = COMPOSERS[type(part)](self, part)
                blocks.append(part_blocks[0])
        blocks.append(Block(self.source_line(facts), "source"))
        return blocks, {}

    def coverage(self, decision: Coverage) -> tuple[list[Block], dict]:
        blocks = [Block(self.say("coverage", count=str(len(self.index.ranked_countries))))]
        for region, places in self.index.places_by_region():
            names = sorted(self.country_name(place) for place in places)
            blocks.append(Block(f"{region_name(region, self.language)}: {', '.join(names)}", "item"))
        blocks.append(Block(self.source_line(decision.source_facts, figures=[]), "source"))
        return blocks, {"suggestions": self.examples(EXAMPLES_OFFERED)}

    def list_count(self, decision: ListCount) -> tuple[list[Block], dict]:
        names = render.join_names([self.country_name(place) for place in decision.places], self.language)
        blocks = [Block(self.say("list_count", count=str(len(decision.places)), places=names))]
        if decision.backing:
            blocks.append(Block(self.source_line(decision.backing), "source"))
        return blocks, {}

    def city_list(self, decision: CityList) -> tuple[list[Block], dict]:
        name = self.country_name(decision.country)
        place = ru_in(name) if self.ru else f"in {english_article(name)}"  # "во Франции", "in the United States"
        blocks = [Block(fact.answer.get(self.language)) for fact in decision.counted]
        blocks.append(Block(self.say("city_list", place=place), "heading"))
        for name_en, name_ru, stations in decision.cities:
            city = name_ru if self.ru else name_en
            numbers = ", ".join(str(number) for number in stations)
            key = "city_with_station" if len(stations) == 1 else "city_with_stations"
            blocks.append(Block(self.say(key, city=city, numbers=numbers) if stations else city, "item"))
        if decision.facts:
            blocks.append(Block(self.source_line(decision.facts, figures=[]), "source"))
        return blocks, {}

    def each_place(self, decision: EachPlace) -> tuple[list[Block], dict]:
        blocks = [Block(fact.answer.get(self.language)) for fact in decision.place_facts]
        if decision.missing:
            names = render.join_names(
                [self.in_case(self.country_name(c), "datv") for c in decision.missing], self.language
            )
            blocks.append(Block(self.say("not_reported", topic=self.topic_label(decision.topic), country=names)))
        if decision.place_facts:
            blocks.append(Block(self.source_line(decision.place_facts), "source"))
        return blocks, {}

    def standings(self, decision: Standings) -> tuple[list[Block], dict]:
        place_name = self.place_name(decision.place)
        blocks = [Block(self.say("standings", place=place_name), "heading")]
        if decision.margin is not None:
            blocks.append(Block(self.margin(decision.margin)))
        rows, asked, place = decision.rows, decision.asked_candidate, decision.asked_place
        ranked = [candidate for candidate, *_ in rows]
        # ("and the others?" after a vote count): a candidate's votes beside the share, where the same fact counts them
        counts = {
            (figure.candidate, fact.id): figure.value
            for figure, fact in self.index.figures.get((decision.place, "votes"), ())
        }
        phrases = {
            candidate: self.place_phrase(
                PlaceFigure(decision.place, figure, fact, also), votes=counts.get((candidate, fact.id))
            )
            for candidate, figure, fact, also in rows
        }
        if place == 0 and asked and decision.margin is None:
            ordinal = render.ordinal(ranked.index(asked) + 1, self.language)
            text = self.say(
                "candidate_place", candidate=self.candidate_name(asked), ordinal=ordinal, count=str(len(rows)),
                figure=phrases[asked],
            )  # fmt: skip
            blocks.append(Block(text))
        elif rows and (place == -1 or 1 <= place <= len(rows)) and (place != -1 or len(rows) > 1):
            candidate = ranked[place - 1] if place > 0 else ranked[-1]
            ordinal = render.ordinal(place, self.language)
            text = self.say(
                "place_is", ordinal=ordinal[:1].upper() + ordinal[1:], candidate=self.candidate_name(candidate),
                figure=phrases[candidate],
            )  # fmt: skip
            blocks.append(Block(text))
        elif place != 0 and rows:
            blocks.append(Block(self.say("no_place", count=str(len(rows)), place=place_name)))
        if not rows:  # no candidate's share for the place: say so, never "0 candidate(s)"
            blocks.append(Block(self.say("no_shares", place=self.in_case(place_name, "datv"))))
        for position, candidate in enumerate(ranked, 1):
            blocks.append(Block(f"{position}. {self.candidate_name(candidate)}: {phrases[candidate]}", "item"))
        facts = [fact for _, _, fact, _ in rows] + [fact for *_, also in rows for _, fact in also]
        blocks.append(Block(self.source_line(facts), "source"))
        return blocks, {}

    def margin(self, sides: tuple[tuple[str, Figure, Fact], tuple[str, Figure, Fact]]) -> str:
        """ "Vladimir Putin was 72 votes ahead of Vladislav Davankov: 4,073 against 4,001 (official result)."."""
        (ahead, first, _), (behind, second, _) = sides
        gap = (first.value or 0.0) - (second.value or 0.0)
        votes = first.metric == "votes"
        key = "margin_votes" if votes else "margin_points"
        return self.say(
            key,
            ahead=self.candidate_name(ahead),
            behind=self.candidate_name(behind),
            gap=render.format_number(round(gap, 0 if votes else 2), self.language),
            first=render.format_figure(first, self.language),
            second=render.format_figure(second, self.language),
            kind=render.kind_label(first.kind, self.language),
        )

    def ranking(self, decision: Ranking) -> tuple[list[Block], dict]:
        title = self.metric_title(decision.metric, decision.candidate)
        candidate = self.candidate_name(decision.candidate) if decision.candidate else ""
        if decision.winners_only or decision.losses_only:
            title = self.say("winners_heading" if decision.winners_only else "losses_heading", candidate=candidate)
        blocks = [Block(title, "heading")]
        shown, shares = decision.shown, decision.metric in PERCENT_METRICS
        if decision.winners_only:
            key = "winners_count" if shown else "winners_none"
            blocks.append(Block(self.say(key, candidate=candidate, count=str(len(decision.ranked)))))
        elif decision.losses_only and shown:
            # who came first there instead ("Davankov came first in 23 of the places abroad")
            first = dict.fromkeys(
                winner for row in decision.ranked if row.place for winner in self.index.winners(row.place)
            )
            winners = render.join_names([self.candidate_name(winner) for winner in first], self.language)
            blocks.append(Block(self.say("losses_count", count=str(len(decision.ranked)), winners=winners)))
        elif decision.threshold is not None:
            value = render.format_number(decision.threshold[0], self.language)
            key = f"threshold_{decision.threshold[1]}"
            blocks.append(Block(self.say(key, count=str(len(decision.ranked)), value=value)))
        elif decision.offset:  # "next", "а на третьем?": the places after those shown before
            first, last = decision.offset + 1, decision.offset + len(shown)
            key = "ranking_end" if not shown else "ranking_place" if first == last else "ranking_places"
            blocks.append(Block(self.say(key, first=str(first), last=str(last), count=str(len(decision.ranked)))))
        elif shown and shown[0].figure and shown[0].place:
            top_name, top_figure = self.row_name(shown[0]), self.figure_phrase(shown[0].figure)
            blocks.append(Block(self.say(f"ranking_lead_{decision.order}", place=top_name, figure=top_figure)))
        for position, row in enumerate(shown, decision.offset + 1):
            assert row.place
            blocks.append(Block(f"{position}. {self.row_name(row)}: {self.place_phrase(row, ballots=shares)}", "item"))
        if decision.ties:
            names = render.join_names([self.country_name(country) for country in decision.ties], self.language)
            blocks.append(Block(self.say("winners_tied", places=names)))
        if len(decision.ranked) > decision.offset + len(shown):
            more = len(decision.ranked) - decision.offset - len(shown)
            blocks.append(Block(self.say("ranking_more", count=str(more))))
        if decision.left_out and not decision.offset:
            blocks.append(
                Block(self.say("ranking_min_size", min=str(decision.min_ballots), count=str(decision.left_out)))
            )
        small = decision.small_lead
        if small is not None and small.place:
            phrase = self.place_phrase(small, ballots=True)
            blocks.append(
                Block(self.say(f"ranking_small_lead_{decision.order}", place=self.row_name(small), figure=phrase))
            )
        for row in decision.exit_polls:
            assert row.place and row.figure
            name, figure = self.country_name(row.place), render.format_figure(row.figure, self.language)
            blocks.append(Block(self.say("ranking_exit_poll_apart", place=name, figure=figure), "item"))
        if decision.missing and len(decision.missing) <= MISSING_NAMED and not decision.offset:
            names = render.join_names([self.country_name(country) for country in decision.missing], self.language)
            blocks.append(Block(self.say("ranking_missing", places=names)))
        national = decision.national
        if national and national.figure:
            figure = self.figure_phrase(national.figure)
            blocks.append(Block(self.say("national_figure", national=self.say("national"), figure=figure)))
        said = [*shown, *([small] if small else []), *decision.exit_polls]
        facts = self.row_facts(said) + ([national.fact] if national and national.fact else [])
        source = self.source_line(facts)
        blocks.append(Block(source, "source"))
        return blocks, {"chart": self.chart(title, decision.metric, [*shown, *decision.exit_polls], national, source)}

    def comparison(self, decision: Comparison) -> tuple[list[Block], dict]:
        blocks: list[Block] = []
        chart: Chart | None = None
        for compared in decision.metrics:
            title = self.metric_title(compared.metric, compared.candidate)
            blocks.append(Block(title, "heading"))
            for row in compared.rows:
                assert row.place
                value = self.place_phrase(row) if row.figure else self.say("no_figure")
                blocks.append(Block(f"{self.row_name(row)}: {value}", "item"))
            national = compared.national
            if national and national.figure:
                blocks.append(Block(f"{self.say('national')}: {self.figure_phrase(national.figure)}", "item"))
            found = [row for row in compared.rows if row.figure]
            if chart is None and found:
                chart = self.chart(title, compared.metric, found, national, "")
        facts = decision.facts
        rows = [
            row
            for compared in decision.metrics
            for row in [*compared.rows, *([compared.national] if compared.national else [])]
        ]
        source = self.source_line(self.row_facts(rows)) if facts else ""
        if facts:  # no figure at all: no source to cite
            blocks.append(Block(source, "source"))
        if chart is not None:
            chart = Chart(chart.title, chart.unit, chart.bars, source, self.language)
        return blocks, {"chart": chart}


def english_article(name: str) -> str:
    """ "the United States", "the Netherlands", "the Dominican Republic"; "France" as it is."""
    plural_or_union = name.startswith(("United ", "Central African")) or name.endswith(
        ("lands", "ines", "ives", "Republic")
    )
    return f"the {name}" if plural_or_union else name


COMPOSERS: dict[type, Callable[[Composer, Decision], tuple[list[Block], dict]]] = {
    Refusal: Composer.refusal,
    NoData: Composer.no_data,
    NotReported: Composer.not_reported,
    FactAnswer: Composer.fact_answer,
    Choices: Composer.choices,
    WhichTopic: Composer.which_topic,
    Combined: Composer.combined,
    Coverage: Composer.coverage,
    CityList: Composer.city_list,
    ListCount: Composer.list_count,
    EachPlace: Composer.each_place,
    Standings: Composer.standings,
    Ranking: Composer.ranking,
    Comparison: Composer.comparison,
}


def compose(decision: Decision, language: str, index: KnowledgeIndex) -> Reply:
    """The reply for ``decision`` in ``language``."""
    return Composer(index, language).reply(decision)

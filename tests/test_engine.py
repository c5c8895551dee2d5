"""Engine behaviour a user sees, on the shipped fact base."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.knowledge import load_folder
from bot.question_set import contains
from bot.replies import ChatContext
from bot.settings import PROJECT_ROOT


def answered_with(reply: object, fact_id: str) -> bool:
    """``fact_id`` answers, alone or beside the official count of the same place and topic (shown next to it)."""
    official = ("-official-turnout", "-official-result", "-official-stations")
    others = [other for other in reply.fact_ids if other != fact_id]  # type: ignore[attr-defined]
    return fact_id in reply.fact_ids and all(other.endswith(official) for other in others)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def engine() -> Engine:
    result = load_folder(Path(PROJECT_ROOT / "knowledge"))
    return Engine.from_knowledge(result.knowledge)


@pytest.mark.parametrize(
    ("question", "fact_id", "language"),
    [
        ("How many voted in Tajikistan?", "tajikistan-turnout", "en"),
        ("Сколько россиян проголосовало в Таджикистане?", "tajikistan-turnout", "ru"),
        ("skolko progolosovalo v tadzhikistane", "tajikistan-turnout", "ru"),
        ("kak progolosovali v kirgizii", "kyrgyzstan-result", "ru"),
        ("How did Putin do in Uzbekstan?", "uzbekistan-result", "en"),
        ("What did Tokayev say about the election?", "kazakhstan-reaction", "en"),
        ("Кто такой Даванков?", None, "ru"),
        ("why did Russians move to Kazakhstan", "kazakhstan-relokanty", "en"),
        ("Что показал экзитпол в Алма-Ате?", "kazakhstan-exit-poll", "ru"),
    ],
)
def test_questions_find_their_fact(engine: Engine, question: str, fact_id: str | None, language: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert reply.language == language
    if fact_id:
        assert reply.fact_ids[0] == fact_id
    assert ("Source" if language == "en" else "Источник") in reply.text.splitlines()[-1]


@pytest.mark.parametrize("question", ["weather in Almaty", "tell me a joke", "asdfgh qwerty", "Погода в Бишкеке"])
def test_off_topic_never_gets_a_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic", reply.reason
    assert not reply.fact_ids


@pytest.mark.parametrize(
    ("question", "name"),
    [("Ukraine", "Ukraine"), ("А что в Гаити?", "Гаити"), ("How many voted in Honduras?", "Honduras")],
)
def test_a_country_without_a_polling_station_is_no_data(engine: Engine, question: str, name: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "no_data"
    assert name in reply.text and ("polling station" in reply.text or "избирательного участка" in reply.text)
    assert not reply.fact_ids


def test_follow_up_keeps_topic_and_changes_country(engine: Engine) -> None:
    first = engine.answer("How many voted in Tajikistan?")
    second = engine.answer("And in Uzbekistan?", first.context)
    # the report's fact and, beside it, the official count of the same thing
    assert set(second.fact_ids) == {"uzbekistan-turnout", "uzbekistan-official-turnout"}
    third = engine.answer("How did Putin do there?", second.context)
    assert set(third.fact_ids) == {"uzbekistan-result", "uzbekistan-official-result"}
    fourth = engine.answer("А в Кыргызстане?", third.context)
    assert set(fourth.fact_ids) == {"kyrgyzstan-result", "kyrgyzstan-official-result"} and fourth.language == "ru"


def test_ranking_puts_the_official_count_first_with_the_ballots_and_the_size_rule(engine: Engine) -> None:
    reply = engine.answer("Where did Putin do best?")
    # one place is asked ("where ... best?"): an answer, the ranking and its chart beside it
    assert reply.kind == "answer" and reply.rule == "ranking" and reply.chart is not None
    assert reply.text.index("Moldova") < reply.text.index("Turkmenistan")  # 96.46% before 95.82%
    assert "48,273 ballots" in reply.text  # the ballots behind each share
    assert "fewer than 100 ballots" in reply.text  # the size rule is stated
    assert "South Ossetia: 95.68% (official result); 97% (reported result)" in reply.text  # both, never merged
    assert [bar.label for bar in reply.chart.bars][:2] == ["Moldova", "Turkmenistan"]  # sorted like the list
    assert not any(bar.exit_poll for bar in reply.chart.bars)


def test_a_ranking_goes_on_where_it_stopped_and_says_when_it_has_ended(engine: Engine) -> None:
    first = engine.answer("top 5 countries where Davankov did best")
    shown = [line for line in first.text.splitlines() if line.startswith("• ")]
    assert len(shown) == 5 and "ask “next”" in first.text
    following = engine.answer("next", first.context)
    assert following.rule == "ranking_more" and "Places 6–10" in following.text
    assert following.text.count("• 6. ") == 1 and not set(shown) & set(following.text.splitlines())
    assert "Montenegro" not in following.text  # the leader was shown already
    # a place asked by its ordinal, then a page as long as the first again
    fourth = engine.answer("and the fourth?", following.context)
    assert "Place 4 of" in fourth.text and fourth.text.count("• ") == 1
    again = engine.answer("more", fourth.context)
    assert "Places 5–9" in again.text
    # far past the end: the whole list was shown, nothing invented
    context = again.context.updated(ranking=replace(again.context.ranking, shown_to=1000))
    ended = engine.answer("next", context)
    assert ended.text.startswith("Vladislav Davankov's share") and "That was the whole list" in ended.text
    assert "• " not in ended.text


def test_next_without_a_ranking_before_is_not_a_ranking(engine: Engine) -> None:
    reply = engine.answer("next")
    assert reply.kind != "comparison" and not reply.fact_ids


def test_language_hint_only_when_text_does_not_tell(engine: Engine) -> None:
    assert engine.answer("?", language_hint="ru").language == "ru"
    assert engine.answer("How many voted in Tajikistan?", language_hint="ru").language == "en"
    assert engine.answer("🙂", ChatContext(language="ru")).language == "ru"


def test_comparison_is_computed_from_figures_with_a_chart(engine: Engine) -> None:
    reply = engine.answer("compare Kyrgyzstan and Uzbekistan")
    assert reply.kind == "comparison" and reply.chart is not None
    assert {bar.label for bar in reply.chart.bars} >= {"Kyrgyzstan", "Uzbekistan"}
    assert "7,800" in reply.text and "4,600" in reply.text


def test_ranking_api_orders_countries(engine: Engine) -> None:
    reply = engine.ranking("voters", "en", order="least")
    assert reply.text.index("Chad") < reply.text.index("Eritrea")  # 20 before 22
    assert reply.chart is not None and reply.chart.unit == "voters"


def test_which_countries(engine: Engine) -> None:
    reply = engine.answer("Which countries do you have data for?")
    assert all(name in reply.text for name in ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"))


def test_a_place_alone_gets_its_summary_and_its_topics(engine: Engine) -> None:
    reply = engine.answer("Kazakhstan")  # a vague ask: how many voted and the result, then what else there is
    assert reply.kind == "answer" and "kazakhstan-official-turnout" in reply.fact_ids
    assert "9,665" in reply.text and "42.18%" in reply.text and "I can tell you about" in reply.text
    assert reply.suggestions and reply.context.country == "kazakhstan"


def test_a_city_alone_gets_its_own_stations(engine: Engine) -> None:
    reply = engine.answer("Almaty")  # the city's stations, after what the sources say of the city itself
    assert reply.rule == "city" and {"station-8133", "station-8134"} <= set(reply.fact_ids)
    assert "24.99%" in reply.text and "8 percent" in reply.text and "9,665" not in reply.text
    assert reply.context.country == "kazakhstan"


def test_html_escapes_fact_text(engine: Engine) -> None:
    reply = engine.answer("What did Rahmon say?")
    assert "“" in reply.text and "<i>" in reply.html
    assert "&" not in reply.text or "&amp;" in reply.html


def test_answer_fact_and_helpers(engine: Engine) -> None:
    reply = engine.answer_fact("uzbekistan-result", "ru")
    assert reply.kind == "answer" and "57,6" in reply.text and reply.context.country == "uzbekistan"
    assert "exit_poll" in engine.topics_for_country("kazakhstan")
    assert "exit_poll" not in engine.topics_for_country("tajikistan")
    examples = engine.example_questions("ru", limit=3)
    assert len(examples) == 3 and all(example.fact_id for example in examples)


def test_refresh_uses_the_new_base(engine: Engine) -> None:
    kb = engine.knowledge.model_copy(deep=True)
    kb.facts = [fact for fact in kb.facts if fact.id != "tajikistan-turnout"]
    fresh = Engine.from_knowledge(engine.knowledge)
    fresh.refresh(kb)
    reply = fresh.answer("How many voted in Tajikistan?")
    assert "tajikistan-turnout" not in reply.fact_ids
    assert reply.fact_ids == ["tajikistan-official-turnout"]  # the official count still answers


@pytest.mark.parametrize(
    ("question", "kind", "fact_ids"),
    [
        # an explicit topic noun beats a generic quantity cue
        ("How many people took part in the Almaty exit poll?", "answer", {"kazakhstan-exit-poll"}),
        ("Где в Узбекистане можно было проголосовать?", "answer", {"uzbekistan-polling-places"}),
        ("gde mozhno bylo progolosovat v tadzhikistane", "answer", {"tajikistan-polling-places"}),
        # "when" asks for a date: the fact that states one
        ("Когда объявили итоги выборов?", "answer", {"source-cec"}),
        ("do tajik voters hold russian passports too", "answer", {"tajikistan-dual-citizens"}),
        ("Did Kharitonov get any votes in Kyrgyzstan?", "answer", {"kyrgyzstan-result"}),
        ("Did Putin win in Almaty?", "answer", {"kazakhstan-exit-poll", "kazakhstan-result"}),
        ("Which candidate was a foil?", "answer", {"davankov-foil-candidate", "davankov-candidate"}),
        ("сравни Узбекистан и Таджикистан по явке", "comparison", None),
        ("where was turnout highest", "answer", None),  # one place asked: an answer, the ranking beside it
        ("Bitcoin price", "off_topic", None),
        ("Сколько россиян проголосовало в Грузии?", "answer", {"georgia-voters-went-to-armenia-and-turkey"}),
    ],
)
def test_fresh_questions(engine: Engine, question: str, kind: str, fact_ids: set[str] | None) -> None:
    reply = engine.answer(question)
    assert reply.kind == kind, reply.reason
    if fact_ids:
        assert set(reply.fact_ids) & set(fact_ids), reply.reason


def test_russian_not_reported_note_inflects_the_country(engine: Engine) -> None:
    # the report gives no share for Tajikistan, the official count does: both are shown
    reply = engine.answer("Сколько голосов у Путина в Таджикистане?")
    assert "93,89" in reply.text and "не сообщаются" in reply.text
    assert engine.answer("экзитпол в Египте").text.startswith("По Египту")  # no station of it was surveyed


@pytest.mark.parametrize(
    "question",
    [
        # a known place or leader with a count, price, time or sports word is not an election question
        "How many people live in Almaty?",
        "Сколько стоит билет до Алматы?",
        "How much does a flat in Tashkent cost?",
        "Сколько жителей в Бишкеке?",
        "How many tourists visit Samarkand?",
        "What currency does Uzbekistan use?",
        "Сколько лет Токаеву?",
        "How many children does Rahmon have?",
        "Сколько километров от Алматы до Бишкека?",
        "Where can I exchange money in Tashkent?",
        "When is the best time to visit Uzbekistan?",
        "Kazakhstan football team results",
        "Результаты матча Казахстан — Россия",
        "How many medals did Kazakhstan win?",
        "Сколько градусов сегодня в Астане?",
    ],
)
def test_off_domain_look_alikes_get_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic", reply.reason
    assert not reply.fact_ids


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # words the base never saw do not hide the election words around them
        ("How many Russian passport holders cast ballots in Tajikistan?", "tajikistan-turnout"),
        ("Сколько граждан РФ отдали голоса в Таджикистане?", "tajikistan-turnout"),
        ("Сколько голосов было подано в Таджикистане?", "tajikistan-turnout"),
        ("How many of Russia's citizens turned out in Bishkek?", "kyrgyzstan-turnout"),
        ("Does Moscow keep soldiers in Tajikistan?", "tajikistan-military-base"),
        ("What did Tokayev think of it?", "kazakhstan-reaction"),
        ("Почему люди уезжали в Казахстан?", "kazakhstan-relokanty"),
        ("Tajikistan how many", "tajikistan-turnout"),
        # typos in topic words: a swapped pair, a dropped soft sign, a wrong vowel, a Latin letter in Cyrillic
        ("resluts in kyrgystan", "kyrgyzstan-result"),
        ("turnuot in tajikistan", "tajikistan-turnout"),
        ("rahmon reaciton", "tajikistan-reaction"),
        ("резултаты узбекистан", "uzbekistan-result"),
        ("сколко праголосовало в узбекистане", "uzbekistan-turnout"),
        ("экзит пол алматы", "kazakhstan-exit-poll"),
        ("явкa в Киргизии", "kyrgyzstan-turnout"),
    ],
)
def test_unusual_wording_still_answers(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert fact_id in reply.fact_ids, reply.reason


@pytest.mark.parametrize(
    ("question", "name"),
    [("Сколько россиян проголосовало в Казани?", "Казань"), ("How did Russians in Kazan vote?", "Kazan")],
)
def test_a_place_the_base_does_not_know_is_no_data(engine: Engine, question: str, name: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "no_data" and not reply.fact_ids, reply.reason
    assert name in reply.text


@pytest.mark.parametrize(
    ("question", "name"), [("kosovo russian vote", "Kosovo"), ("а в косово голосовали?", "Косово")]
)
def test_a_country_outside_iso_3166_is_known_to_have_no_station(engine: Engine, question: str, name: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("no_data", "foreign_country"), reply.reason
    assert name in reply.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # a place and a strong word of the vote's own topics, with no election word and a word the base lacks
        ("how bad were the queues in almaty", "kazakhstan-"),
        ("мирзиеев чтото говорил?", "uzbekistan-reaction"),  # "что-то" typed as one word, an imperfective verb
        ("жапаров поздравлял?", "kyrgyzstan-reaction"),
        ("franse results", "france-official-result"),  # a typo that reads as a Russian surname in Latin letters
        ("швеция кто первый", "sweden-official-result"),  # "who is first": the winner
        ("meksika putin procent", "mexico-official-result"),  # transliterated, c read as ц
        ("pridnestrovie vybory rezultat", "moldova-"),  # a name before "выборы" is no possessive in Russian
    ],
)
def test_real_questions_without_an_election_word_are_answered(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert any(found.startswith(fact_id) for found in reply.fact_ids), reply.reason


@pytest.mark.parametrize(
    "question", ["compare all four countries", "сравни все страны", "compare the countries by turnout", "compare"]
)
def test_compare_without_names_covers_every_country(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "comparison" and reply.chart is not None, reply.reason
    assert {"Kyrgyzstan", "Tajikistan", "Uzbekistan"} <= {bar.label for bar in reply.chart.bars} or {
        "Киргизия",
        "Таджикистан",
        "Узбекистан",
    } <= {bar.label for bar in reply.chart.bars}


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        # telegraphic questions: a name and a topic noun, nothing else
        ("Kyrgyzstan results breakdown", "kyrgyzstan-result"),
        ("Uzbekistan result summary", "uzbekistan-result"),
        ("итоги Киргизия", "kyrgyzstan-result"),
        ("Davankov Uzbekistan", "uzbekistan-result"),
        ("Tajikistan turnout", "tajikistan-turnout"),
        # Russian typed in Latin next to a name: the name says nothing about the language
        ("yavka tadzhikistan", "tajikistan-turnout"),
        ("itogi uzbekistan", "uzbekistan-result"),
        # words about the form of the answer (quick, exact, full) around a clear topic
        ("a quick summary of kyrgyzstan results", "kyrgyzstan-result"),
        ("точные итоги по Узбекистану", "uzbekistan-result"),
        # an election-only word ("exit poll") needs no name, even next to a word the base does not know
        ("Who organised the exit poll?", "abroad-exit-poll-vote-abroad"),  # Vote Abroad's, Almaty's included
        ("What did pollsters find in Almaty?", "kazakhstan-exit-poll"),
        # a named candidate: the fact that states their share beats one saying it is not reported
        ("Почему Путин проиграл в Алматы?", "station-8133"),  # Almaty's official count: Davankov 53.03%
        ("Did Davankov win in Kazakhstan?", "kazakhstan-official-result"),  # no: 41.43% to Putin's 42.18%
        # the region as a whole: its own overview facts
        ("Russians abroad Central Asia summary", "central-asia-overview"),
        ("Как голосовали россияне в Средней Азии?", "central-asia-overview"),
        ("Итоги по Средней Азии", "central-asia-overview"),
        ("How did Central Asian presidents react?", "central-asian-presidents"),
        ("Which Central Asian country has a Russian base?", "tajikistan-military-base"),
    ],
)
def test_short_and_region_questions_answer(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert fact_id in reply.fact_ids, reply.reason


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        # the report's figures and the official ones
        ("Uzbekistan numbers", ["4,600", "57.6 percent", "4,661", "58.72%"]),
        ("цифры по Таджикистану", ["9\xa0500"]),
        ("france overall numbers", ["5,990", "40.51%"]),  # "overall" is the place's total, not Russia's
    ],
)
def test_one_place_figures_are_its_summary(engine: Engine, question: str, figures: list[str]) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "place_summary"), reply.reason
    for figure in figures:
        assert contains(reply.text, figure), figure
    assert "87.28" not in reply.text  # no national figure beside it


@pytest.mark.parametrize(
    ("question", "facts"),
    [
        ("who won in Serbia and Montenegro?", ["serbia", "montenegro"]),
        ("кувейт и бахрейн скока за путина", ["kuwait", "bahrain"]),
    ],
)
def test_several_places_without_weighing_get_each_result(engine: Engine, question: str, facts: list[str]) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "each_place"), reply.reason
    assert list(dict.fromkeys(fact_id.split("-")[0] for fact_id in reply.fact_ids)) == facts


@pytest.mark.parametrize("question", ["Serbia or Montenegro: where did Putin do worse?", "compare Japan and China"])
def test_places_weighed_against_each_other_are_a_comparison(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind == "comparison"


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("How many Russians voted in Central Asia?", ["7,800", "9,500", "4,600"]),  # the region: side by side
        ("Davankov's share across Central Asia", ["31.9%", "70%"]),
        ("Did Davankov beat Putin anywhere?", ["first in 23", "Montenegro: 68.89%", "Uruguay"]),  # 23 wins, a tie
    ],
)
def test_figures_for_a_place_or_the_region_are_computed(engine: Engine, question: str, figures: list[str]) -> None:
    reply = engine.answer(question)
    assert reply.kind == "comparison", reply.reason
    for figure in figures:
        assert figure in reply.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # places in the standings are ranked from the vote-share figures of that place
        ("Who came second nationally?", "Second place: Nikolai Kharitonov, 4.31% (official result)"),
        ("Кто занял второе место?", "Второе место: Николай Харитонов — 4,31%"),
        ("Who came last?", "Last place: Leonid Slutsky, 3.2%"),
        ("Who was the runner-up?", "Second place: Nikolai Kharitonov"),
        # (each share with the votes its fact counts, before another source's share)
        ("Who came second in Uzbekistan?", "Davankov, 31.02% (official result), 1,446 votes; 31.9% (reported result)"),
        ("Who came second in Kazakhstan?", "Second place: Vladislav Davankov, 41.43% (official result)"),
        ("What place did Slutsky take?", "Leonid Slutsky came fourth of the 4 candidates"),
        ("Какое место занял Путин в Узбекистане?", "Владимир Путин — первое место из 4"),
        ("Who came third in Kyrgyzstan?", "Third place: Nikolai Kharitonov, 1.5% (official result)"),
        ("Kharitonov place", "Nikolai Kharitonov came second of the 4 candidates"),
        # "who" with most/fewest asks for a candidate, not a country
        ("кто набрал меньше всех?", "Последнее место: Леонид Слуцкий"),
        ("Who got the most votes in Uzbekistan?", "First place: Vladimir Putin, 58.72% (official result), 2,737 votes"),
        ("ranking of candidates", "4. Leonid Slutsky: 3.2%"),
    ],
)
def test_places_in_the_standings(engine: Engine, question: str, lead: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.rule == "standings" and reply.fact_ids, reply.reason  # one place's result
    assert lead in reply.text


def test_place_follow_up_uses_the_chat_country(engine: Engine) -> None:
    first = engine.answer("итоги Узбекистан")
    reply = engine.answer("а кто второй?", first.context)
    assert "Второе место: Владислав Даванков" in reply.text, reply.reason


@pytest.mark.parametrize(
    "question",
    [
        # topic nouns, ranks and the region next to words about something else
        "Uzbekistan exam results",
        "Kyrgyzstan phone numbers",
        "Tajikistan population figures",
        "Who came second in the Almaty marathon?",
        "Кто занял второе место на чемпионате Казахстана?",
        "What place did Kazakhstan take at the Olympics?",
        "Central Asia weather summary",
        "Средняя Азия кухня",
        "How many tourists visit Central Asia?",
        "who won the school vote",
        "Putin birthday",
        "Who organised the concert in Almaty?",
        "итоги матча Казахстан Узбекистан",
        "who got the most medals",
        "ranking of Kazakh universities",
        "Kyrgyzstan covid stats",
        "short history of Kazakhstan",
        "главные новости Казахстана",
        "main results of the Tashkent summit",
    ],
)
def test_more_off_domain_look_alikes_get_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic", reply.reason
    assert not reply.fact_ids


def _dialog(engine: Engine, turns: list[str]):
    context = None
    reply = None
    for text in turns:
        reply = engine.answer(text, context)
        context = reply.context
    return reply


@pytest.mark.parametrize(
    ("turns", "fact_id", "must_contain"),
    [
        # a candidate named in a follow-up asks for their result, whatever the last topic was
        (["How many voted in Tajikistan?", "and how many for Putin there?"], "tajikistan-result", "Putin"),
        (["сколько проголосовало в Киргизии", "а сколько за Даванкова?"], "kyrgyzstan-result", "Даванков"),
        (["сколько наших голосовало в Душанбе", "А за Путина там сколько?"], "tajikistan-result", "Путин"),
        (["How many Russians voted in Uzbekistan?", "and Davankov?"], "uzbekistan-result", "31.9"),
        (["Where could Russians vote in Uzbekistan?", "and how many for Putin?"], "uzbekistan-result", "57.6"),
        (["Что сказал Токаев?", "а сколько там за Путина?"], "kazakhstan-official-result", "42,18"),
        # ...and a follow-up naming another topic outright switches to it
        (["How did Davankov do in Uzbekistan?", "and what did Mirziyoyev say?"], "uzbekistan-reaction", "Mirziyoyev"),
        (["за кого голосовали в Таджикистане", "а Рахмон что сказал?"], "tajikistan-reaction", "Рахмон"),
        (["How did Putin do in Kazakhstan?", "and the exit poll?"], "kazakhstan-exit-poll", "1,600"),
        (["сколько за Путина в Узбекистане", "а участки где были?"], "uzbekistan-polling-places", "Ташкент"),
        (
            ["How many for Davankov in Uzbekistan?", "and the polling stations?"],
            "uzbekistan-polling-places",
            "Tashkent",
        ),
        (["сколько за Даванкова в Узбекистане", "а явка?"], "uzbekistan-turnout", "4"),
        (["Kazakhstan exit poll", "and in Kyrgyzstan?", "and Putin?"], "kyrgyzstan-result", "81"),
    ],
)
def test_follow_up_topic_follows_the_new_words(
    engine: Engine, turns: list[str], fact_id: str, must_contain: str
) -> None:
    reply = _dialog(engine, turns)
    assert reply.kind == "answer", reply.reason
    assert fact_id in reply.fact_ids, reply.reason
    assert must_contain in reply.text


def test_missing_candidate_in_a_follow_up_says_so_for_that_country(engine: Engine) -> None:
    fresh = engine.answer("сколько за Даванкова в Киргизии?")
    followed = _dialog(engine, ["сколько проголосовало в Киргизии", "а сколько за Даванкова?"])
    assert followed.fact_ids == fresh.fact_ids
    assert "kyrgyzstan-official-result" in followed.fact_ids  # the official count gives his share: 13,07%
    assert "13,07" in followed.text and "Даванков" in followed.text


@pytest.mark.parametrize(
    "question",
    [
        "Kazakhstan mobile data plans",
        "best mobile operator in Kyrgyzstan",
        "mobility scooters Dushanbe",
        "stationery shop in Bishkek",
        "best parties in Tashkent",
        "poll dance classes in Bishkek",
        "draft beer in Bishkek",
        "Kazakhstan army size",
        "мобильный интернет в Казахстане",
        "разливное пиво в Бишкеке",
    ],
)
def test_words_sharing_a_stem_with_topic_words_get_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind in ("off_topic", "no_data"), reply.reason
    assert not reply.fact_ids


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("Why were Russians mobilized?", "relokanty"),
        ("relocated Russians in Kyrgyzstan", "kyrgyzstan-relokanty"),
        ("Rahmon congratulated Putin?", "tajikistan-reaction"),
        ("voting in Kyrgyzstan how many", "kyrgyzstan-turnout"),
        ("мобилизованные россияне в Казахстане", "kazakhstan-relokanty"),
    ],
)
def test_inflected_topic_words_still_answer(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert fact_id in reply.fact_ids


@pytest.mark.parametrize(
    ("turns", "figures", "absent"),
    [
        (["Central Asia turnout", "and Putin's share?"], ["81", "57.6", "8%"], "76,277,708"),
        (["явка в Центральной Азии", "а у Путина?"], ["81", "57,6"], "76\u00a0277\u00a0708"),
        (["how did Central Asia vote", "and Davankov?"], ["70", "31.9"], "3,362,484"),
        (["цифры по Средней Азии", "ну а Даванков?"], ["70", "31,9"], "3\u00a0362\u00a0484"),
    ],
)
def test_region_follow_up_stays_at_the_region(
    engine: Engine, turns: list[str], figures: list[str], absent: str
) -> None:
    reply = _dialog(engine, turns)
    assert reply.kind == "comparison", reply.reason
    assert all(figure in reply.text for figure in figures), reply.text
    assert absent not in reply.text
    assert reply.context.region


def test_naming_a_country_leaves_the_region(engine: Engine) -> None:
    reply = _dialog(engine, ["Central Asia turnout", "and Putin's share?", "and in Uzbekistan?"])
    assert answered_with(reply, "uzbekistan-result")
    assert not reply.context.region
    old = ChatContext(country="kyrgyzstan", topic="turnout")  # a context stored before the region field existed
    assert answered_with(engine.answer("а за Путина?", old), "kyrgyzstan-result")


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        # the report's figures, then the official protocols'
        ("Tajikistan summary", ["9,500", "93.89"]),
        ("всё про Таджикистан", ["9 500", "93,89"]),
        ("Kazakhstan overview", ["8%", "exit poll", "42.18"]),
        ("сводка по Узбекистану", ["4 600", "57,6", "58,72"]),
    ],
)
def test_a_country_summary_lists_its_figures(engine: Engine, question: str, figures: list[str]) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "place_summary"), reply.reason
    assert all(contains(reply.text, figure) for figure in figures), reply.text
    assert not contains(reply.text, "87.28"), reply.text  # the place's figures, not Russia's beside them


@pytest.mark.parametrize(("question", "accusative"), [("Kazakhstan", "Kazakhstan"), ("Киргизия", "По Киргизии")])
def test_a_bare_country_name_offers_its_topics(engine: Engine, question: str, accusative: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.suggestions  # its summary, and its topics as buttons
    assert accusative in reply.text


@pytest.mark.parametrize(
    ("turns", "kind", "fact_id"),
    [
        # colloquial counts and "наши" (our people) read as the vote of Russians
        (["скока наших проголосовало в Казахстане?"], "answer", "kazakhstan-turnout"),
        (["сколько наших в Бишкеке проголосовало", "ну а Путин?"], "answer", "kyrgyzstan-result"),
        (["а в Таджикистане скока голосовало?", "а сколько народу пришло?"], "answer", "tajikistan-turnout"),
        (["как наши в Узбекистане голосовали"], "answer", "uzbekistan-result"),
        # a superlative follow-up keeps the ranking's figure
        (["где больше всего наших проголосовало?", "а где меньше?"], "answer", "chad-official-turnout"),
        # after an exit poll, the national figure is the result
        (["экзитпол в Алматы", "а Даванков?", "а в целом по стране?"], "answer", "national-result"),
    ],
)
def test_colloquial_russian_dialogs(engine: Engine, turns: list[str], kind: str, fact_id: str) -> None:
    reply = _dialog(engine, turns)
    assert reply.kind == kind, reply.reason
    assert fact_id in reply.fact_ids, reply.reason


@pytest.mark.parametrize(
    ("question", "fact_ids"),
    [
        (
            "How many Russians voted in Kyrgyzstan and what share did Putin get?",
            ["kyrgyzstan-turnout", "kyrgyzstan-result"],
        ),
        ("Сколько проголосовало в Узбекистане и сколько набрал Даванков?", ["uzbekistan-turnout", "uzbekistan-result"]),
        ("What was the turnout and the result in Tajikistan?", ["tajikistan-turnout", "tajikistan-result"]),
        (
            "How many Russians voted in Tajikistan and how did Rahmon react?",
            ["tajikistan-turnout", "tajikistan-reaction"],
        ),
        ("Явка в Кыргызстане и реакция Жапарова?", ["kyrgyzstan-turnout", "kyrgyzstan-reaction"]),
        (
            "What was Putin's share in Uzbekistan and were there long queues?",
            ["uzbekistan-result", "uzbekistan-long-lines"],
        ),
        ("When was the election and who won?", ["national-schedule", "national-result"]),
    ],
)
def test_a_two_part_question_answers_both_parts(engine: Engine, question: str, fact_ids: list[str]) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert set(fact_ids) <= set(reply.fact_ids), reply.reason
    facts = {fact.id: fact for fact in engine.knowledge.facts}
    for fact_id in fact_ids:
        assert facts[fact_id].answer.get(reply.language) in reply.text  # each part's own text
    assert reply.text.count("Source") + reply.text.count("Источник") == 1  # one combined source line


def test_a_part_the_sources_do_not_report_is_said_not_dropped(engine: Engine) -> None:
    reply = engine.answer("How many voted in Egypt and what did the exit poll show?")  # no station was surveyed
    assert "egypt-official-turnout" in reply.fact_ids
    assert "do not report the exit poll for Egypt" in reply.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        (
            "Hi! I'm a researcher at the University of Bern, could you tell me how many Russians voted in Kazakhstan?",
            "kazakhstan-turnout",
        ),
        (
            "Hello, I'm a journalist with a regional newspaper working on a story about Russians abroad. "
            "How many of them voted in Uzbekistan?",
            "uzbekistan-turnout",
        ),
        (
            "Здравствуйте! Я журналист из Москвы, пишу материал о диаспоре. Сколько граждан России проголосовало в "
            "Таджикистане?",
            "tajikistan-turnout",
        ),
        (
            "Thanks for your help earlier. My editor wants to know: does Russia have troops in Tajikistan?",
            "tajikistan-military-base",
        ),
    ],
)
def test_a_polite_preamble_does_not_hide_the_question(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer", reply.reason
    assert answered_with(reply, fact_id), reply.reason


@pytest.mark.parametrize(
    ("turns", "kind", "expected"),
    [
        (["compare Kyrgyzstan and Uzbekistan", "а по явке?"], "comparison", ["7\u00a0800", "4\u00a0600", "Узбекистан"]),
        (["compare Kyrgyzstan and Uzbekistan", "and by Putin's share?"], "comparison", ["81%", "57.6%"]),
        (["compare Kyrgyzstan and Uzbekistan", "what about the exit poll?"], "no_data", ["Kyrgyzstan and Uzbekistan"]),
        (["сравни Казахстан и Узбекистан", "а экзитпол?"], "answer", ["Алматы", "Узбекистану"]),
        (["compare Tajikistan and Kyrgyzstan", "what did the leaders say?"], "answer", ["Rahmon", "Japarov"]),
    ],
)
def test_a_follow_up_to_a_comparison_compares_the_same_countries(
    engine: Engine, turns: list[str], kind: str, expected: list[str]
) -> None:
    reply = _dialog(engine, turns)
    assert reply.kind == kind, reply.reason
    for item in expected:
        assert item in reply.text, reply.text
    assert reply.context.compared


def test_naming_one_country_after_a_comparison_answers_for_it_alone(engine: Engine) -> None:
    reply = _dialog(engine, ["compare Kyrgyzstan and Uzbekistan", "а по явке?", "а в Таджикистане?"])
    assert reply.kind == "answer"
    assert answered_with(reply, "tajikistan-turnout")
    assert reply.context.compared == ()


@pytest.mark.parametrize(
    "question",
    [
        "relocation services for IT companies Tashkent",
        "Russian language courses in Bishkek",
        "Russian embassy phone number Astana",
        "visa for Russians in Uzbekistan",
        "Российское посольство в Астане телефон",
        "how to vote from abroad in the next election?",
        "When is the next Russian presidential election?",
        "Как мне проголосовать на следующих выборах из Ташкента?",
        "I live in Almaty, what's the weather like this week?",
        "My friend voted in Bishkek, where is a good cafe near the consulate?",
    ],
)
def test_look_alikes_and_future_questions_get_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind in ("off_topic", "no_data"), reply.reason
    assert not reply.fact_ids


def test_a_future_election_question_says_only_2024_figures_are_known(engine: Engine) -> None:
    assert "2024" in engine.answer("how to vote from abroad in the next election?").text.split("\n")[0]


@pytest.mark.parametrize("text", ["0" * 10_000, "9" * 5_000 + "%", "under " + "5" * 4_400 + "% in which countries"])
def test_a_pasted_run_of_digits_is_no_figure(engine: Engine, text: str) -> None:
    reply = engine.answer(text)  # found by the terminal fuzz test: the digits once overflowed int() and float()
    assert reply.kind in ("off_topic", "no_data", "answer", "comparison") and reply.text


def test_a_ranking_says_the_small_place_that_would_have_led_it_apart(engine: Engine) -> None:
    reply = engine.answer("where did kharitonov do best abroad")
    assert reply.rule == "ranking", reply.reason
    ranked, small = reply.text.index("1. Cambodia"), reply.text.index("Djibouti: 12.9%")
    assert ranked < small and "31 ballots" in reply.text  # after the ranking, with its count of ballots
    assert "Djibouti" not in engine.answer("where did putin do worst").text  # no small place beats Montenegro


@pytest.mark.parametrize(
    ("question", "heading", "lead"),
    [
        (
            "where did putin get the most votes in absolute numbers abroad",
            "Votes for Vladimir Putin",
            "Moldova: 46,562",
        ),
        ("which country gave davankov the most actual votes", "Votes for Vladislav Davankov", "Kazakhstan: 4,001"),
        ("where were the most spoiled ballots percentage wise", "Share of invalid ballots", "Lithuania: 26.36%"),
        ("где у путина самый высокий процент", "Доля голосов", "Молдова — 96,46%"),
    ],
)
def test_a_ranking_is_by_the_figure_asked(engine: Engine, question: str, heading: str, lead: str) -> None:
    reply = engine.answer(question)
    assert reply.rule == "ranking", reply.reason
    assert reply.text.startswith(heading) and lead in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how many stations abroad were there back in 2018", "abroad-stations-2018-2024"),
        ("biggest drop for putin since 2018", "abroad-2018-share-changes"),
    ],
)
def test_another_year_is_answered_by_the_fact_on_the_asked_topic(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "other_year_fact"), reply.reason
    assert reply.fact_ids[0] == fact_id, reply.reason


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("где голосовала навальная", "germany-berlin-queue-navalnaya"),  # an adjective to pymorphy, a name in facts
        ("did navalnaja vote? where", "germany-berlin-queue-navalnaya"),  # typed in Latin, found in Russian
        ("who is reznik", "noon-against-putin-what-it-was"),
    ],
)
def test_a_name_only_a_few_facts_hold_answers(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "rare_word"), reply.reason
    assert list(reply.fact_ids) == [fact_id]


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("кто такая памфилова", "source-cec"),  # her role is told in the general fact, not in one place's
        ("kto takaya pamfilova", "source-cec"),  # typed in Latin, read as the Russian surname
        ("what did pamfilova say about germany", "germany-result-pamfilova"),  # the named place's own fact first
        ("what did zakharova say on 19 march", "abroad-zakharova-more-than-383000"),
    ],
)
def test_a_person_several_facts_name_is_answered_by_the_fact_that_fits_best(
    engine: Engine, question: str, fact_id: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0] == fact_id, reply.reason


@pytest.mark.parametrize("question", ["where is navalny buried", "здарова", "did anyone even vote in mongolia"])
def test_a_name_many_facts_hold_does_not_make_any_message_about_them(engine: Engine, question: str) -> None:
    # "здарова" is a greeting that a spelling fix would make "Захарова"; "anyone" is an English word
    reply = engine.answer(question)
    assert reply.rule != "rare_word", reply.reason


def test_a_name_after_a_city_asks_about_them_not_the_station(engine: Engine) -> None:
    context = engine.answer("а в берлине?", engine.answer("как проголосовали в германии").context).context
    reply = engine.answer("навальная там голосовала?", context)
    assert reply.fact_ids[0] == "germany-berlin-queue-navalnaya", reply.reason


@pytest.mark.parametrize("question", ["сколько стоит билет москва ташкент", "как голосовала москва в 2024"])
def test_a_place_in_the_facts_is_no_rare_name(engine: Engine, question: str) -> None:
    assert engine.answer(question).rule != "rare_word"


@pytest.mark.parametrize(
    ("question", "figure"),
    [("how many russians live in israel", "150,000"), ("сколько россиян живёт в армении сейчас", "100 000")],
)
def test_how_many_russians_live_somewhere_is_the_fact_that_says_it(engine: Engine, question: str, figure: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "population_mention"), reply.reason
    assert contains(reply.text, figure)


def test_no_population_figure_is_said_not_replaced_by_another_fact(engine: Engine) -> None:
    reply = engine.answer("how many russians live in kazakhstan")
    assert (reply.kind, reply.rule) == ("no_data", "not_reported"), reply.reason
    assert reply.text.startswith("The sources do not report the size of the Russian community for Kazakhstan")


@pytest.mark.parametrize(
    "question", ["transnistria results", "приднестровье путин процент", "pridnestrovie putin procent"]
)
def test_a_region_of_a_country_is_answered_by_the_facts_that_speak_of_it(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "part_of_country"), reply.reason
    assert list(reply.fact_ids) == ["moldova-transnistria-voters"] and contains(reply.text, "46182")


def test_leaving_a_region_out_is_answered_by_the_facts_that_speak_of_it(engine: Engine) -> None:
    first = engine.answer("moldova")
    reply = engine.answer("without transnistria?", first.context)
    assert reply.rule == "part_of_country" and contains(reply.text, "84.41"), reply.reason


@pytest.mark.parametrize(
    ("question", "figure"),
    [("молдова включая приднестровье", "96,46"), ("участки с какими номерами в приднестровье", "8205")],
)
def test_the_whole_country_or_the_region_stations_when_asked(engine: Engine, question: str, figure: str) -> None:
    reply = engine.answer(question)
    assert reply.rule != "part_of_country" and figure in reply.text, reply.reason


@pytest.mark.parametrize(
    ("turns", "fact_id"),
    [
        (["who came second nationally", "his party"], "kharitonov-candidate"),  # the candidate at the asked place
        (["кто последний в казахстане", "а его партия?"], "slutsky-candidate"),
        (["слуцкий за границей сколько набрал", "а партия у него какая"], "slutsky-candidate"),  # "у него"
    ],
)
def test_a_pronoun_is_the_candidate_the_last_reply_named(engine: Engine, turns: list[str], fact_id: str) -> None:
    context = None
    for turn in turns:
        reply = engine.answer(turn, context)
        context = reply.context
    assert reply.fact_ids[0] == fact_id, reply.reason


def test_a_word_of_the_chat_place_name_confirms_the_place(engine: Engine) -> None:
    first = engine.answer("south korea results")
    reply = engine.answer("south", first.context)
    assert reply.kind == "answer" and reply.fact_ids == first.fact_ids, reply.reason


@pytest.mark.parametrize(("answer", "place"), [("south", "south-korea"), ("северная", "north-korea")])
def test_a_name_two_places_share_is_asked_back_then_picked(engine: Engine, answer: str, place: str) -> None:
    asked = engine.answer("korea results")
    assert asked.kind == "did_you_mean" and not asked.fact_ids, asked.reason
    reply = engine.answer(answer, asked.context)
    assert reply.kind == "answer" and reply.fact_ids == [f"{place}-official-result"], reply.reason


@pytest.mark.parametrize(
    ("turns", "language"),
    [
        (["putin v kazahstane", "a davankov?"], "ru"),  # a name in Latin letters tells no language: the chat's
        (["сербия итоги", "and montenegro?"], "en"),  # "and" is English
        (["serbia results", "черногория"], "ru"),  # a name in Cyrillic is Russian
        (["skolko nabral putin v kazahstane", "a v 2018?"], "ru"),  # one-letter words and a year tell nothing
    ],
)
def test_a_message_of_names_alone_keeps_the_chat_language(engine: Engine, turns: list[str], language: str) -> None:
    first = engine.answer(turns[0])
    assert engine.answer(turns[1], first.context).language == language


@pytest.mark.parametrize(
    "question",
    ["how many russian voters are registered abroad", "how many registered russian voters live abroad"],
)
def test_a_fact_own_example_question_all_but_repeated_answers(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "clear_example"), reply.reason
    assert reply.fact_ids[0] == "abroad-registered-voters" and "1,890,863" in reply.text


def test_a_clear_example_of_another_candidate_does_not_answer(engine: Engine) -> None:
    reply = engine.answer("which party nominated slutsky")
    assert reply.fact_ids[0] == "slutsky-candidate", reply.reason


@pytest.mark.parametrize(
    "question",
    ["was the cyprus vote rigged?", "на кипре были фальсификации?", "anything weird about cyprus?"],
)
def test_a_fraud_question_gets_the_fraud_allegation(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0] == "cyprus-fraud-allegation", reply.reason


def test_the_adjective_for_abroad_names_abroad(engine: Engine) -> None:
    reply = engine.answer("на скольких заграничных участках путин проиграл")
    assert reply.kind == "answer" and "42" in reply.text, reply.reason


@pytest.mark.parametrize("question", ["до скольки работали участки в алматы", "до скольки работали участки в алмате"])
def test_a_question_for_a_time_of_day_gets_the_fact_that_states_one(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and "21:00" in reply.text, reply.reason


def test_a_breve_dropped_or_added_is_read_as_the_word(engine: Engine) -> None:
    reply = engine.answer("во вьетнаме кто выйграл")  # "выйграл" for "выиграл"
    assert reply.kind == "answer" and reply.fact_ids[0] == "vietnam-official-result", reply.reason


@pytest.mark.parametrize("question", ["is baikonur counted as abroad?", "байконур считается заграницей?"])
def test_a_place_set_beside_the_vote_abroad_gets_its_own_figures(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("answer", "place_summary"), reply.reason
    assert contains(reply.text, "7830") and reply.fact_ids[0].startswith("baikonur-")


@pytest.mark.parametrize("question", ["tell me a joke about putin", "rasskazhi anekdot pro putina"])
def test_a_joke_about_a_candidate_gets_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic" and not reply.fact_ids, reply.reason


def test_a_country_own_presidential_election_is_another_election(engine: Engine) -> None:
    reply = engine.answer("kto vyigral vybory prezidenta v moldove v 2024")
    assert (reply.kind, reply.rule) == ("off_topic", "other_election"), reply.reason


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("putins result in 2012?", "no_data"),  # the same election, held before: a real question without data
        ("итоги выборов 1996", "no_data"),
        ("japarov votes in 2021", "off_topic"),  # no Russian presidential vote that year: another election
        ("что было на выборах 2022", "off_topic"),
    ],
)
def test_a_year_of_an_earlier_russian_election_is_no_data_and_another_year_off_topic(
    engine: Engine, question: str, kind: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == kind and not reply.fact_ids and "%" not in reply.text, reply.reason


def test_a_russian_region_typed_in_latin_is_no_data(engine: Engine) -> None:
    reply = engine.answer("turnout in chechnya 2024")
    assert (reply.kind, reply.rule) == ("no_data", "unknown_place") and "Chechnya" in reply.text, reply.reason


@pytest.mark.parametrize(
    ("turns", "places"),
    [
        (["putin share in japan", "and in china?", "compare them"], ["Japan: 45.63%", "China: 59.13%"]),
        (["japan", "and china?", "which is higher"], ["Japan", "China"]),
        (["serbia results", "montenegro", "which had more voters"], ["Serbia: 4,726", "Montenegro: 1,500"]),
        (["compare serbia and montenegro", "which had more voters"], ["Serbia: 4,726", "Montenegro: 1,500"]),
    ],
)
def test_the_chat_two_last_places_are_compared(engine: Engine, turns: list[str], places: list[str]) -> None:
    context = None
    for turn in turns:
        reply = engine.answer(turn, context)
        context = reply.context
    assert (reply.kind, reply.rule) == ("comparison", "compare_last_two"), reply.reason
    assert all(place in reply.text for place in places), reply.text


def test_the_place_before_is_forgotten_when_the_chat_leaves_places() -> None:
    from bot.engine import _with_place_before
    from bot.engine.decisions import Refusal

    chat = ChatContext(country="japan", before="china")
    moved = _with_place_before(Refusal("x", ChatContext(country="serbia")), chat)
    assert moved.context.before == "japan"
    stayed = _with_place_before(Refusal("x", ChatContext(country="japan")), chat)
    assert stayed.context.before == "china"
    left = _with_place_before(Refusal("x", ChatContext()), chat)
    assert left.context.before is None


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("выборы были в какие дни", "national-schedule"),  # "when" alone asks for the dates
        ("how many polling stations did russia open in other countries", "abroad-total-stations"),  # other countries
    ],
)
def test_dates_and_other_countries_are_understood(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0] == fact_id, reply.reason


@pytest.mark.parametrize(
    ("question", "gap", "ahead"),
    [
        ("by how many votes did putin beat davankov in kazakhstan?", "72", "Vladimir Putin"),
        ("how close was it in serbia between putin and davankov", "2,673", "Vladislav Davankov"),  # the one ahead
        ("by how many votes did putin win abroad", "211,861", "Vladimir Putin"),  # against the runner-up
    ],
)
def test_the_gap_between_two_candidates_is_computed_from_their_counts(
    engine: Engine, question: str, gap: str, ahead: str
) -> None:
    reply = engine.answer(question)
    assert reply.rule == "margin" and reply.kind == "answer"
    assert f"{ahead} was {gap} votes ahead" in reply.text
    assert "Source" in reply.text  # the counts it is computed from are cited


def test_a_gap_between_two_places_is_no_candidates_margin(engine: Engine) -> None:
    assert engine.answer("putin abroad vs putin in russia, how big was the gap").rule != "margin"
    assert engine.answer("how many people were left outside in london when it closed").rule != "margin"


@pytest.mark.parametrize(
    ("message", "opening"),
    [
        ("hi!", "Hello!"),
        ("привет", "Здравствуйте!"),
        ("thanks a lot", "You're welcome!"),
        ("спасибо большое", "Пожалуйста!"),
        ("bye", "Goodbye!"),
        ("who are you?", "I'm a bot"),
        ("tell me a joke about elections", "I don't tell jokes"),
        ("is putin a good president?", "I don't give opinions"),
        ("за кого голосовать, посоветуй", "Я не высказываю мнений"),
    ],
)
def test_small_talk_gets_a_short_fitting_reply_and_no_fact(engine: Engine, message: str, opening: str) -> None:
    reply = engine.answer(message)
    assert reply.rule == "small_talk" and reply.kind == "off_topic" and not reply.fact_ids
    assert reply.text.startswith(opening), reply.text


def test_a_greeting_before_a_question_is_no_small_talk(engine: Engine) -> None:
    reply = engine.answer("hi, how many russians voted in serbia?")
    assert reply.kind == "answer" and "4,726" in reply.text


@pytest.mark.parametrize(
    "message",
    [
        "how do i renew my russian passport at the consulate in almaty",
        "visa to kyrgyzstan for russians",
        "trump vs harris final electoral votes?",
        "moldova presidential runoff results",
        "best things to do in bishkek",
        "what did tokayev say about the economy",
    ],
)
def test_look_alikes_about_something_else_get_no_fact(engine: Engine, message: str) -> None:
    reply = engine.answer(message)
    assert not reply.answered and not reply.fact_ids, (reply.rule, reply.text)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("where did putin do worst?", "answer"),  # one place asked: the answer, the ranking beside it
        ("в какой стране больше всего проголосовало", "answer"),
        ("top 5 countries for davankov", "comparison"),  # a list asked
        ("в каких странах путин набрал меньше всего", "comparison"),
        ("rank the countries by turnout", "comparison"),
    ],
)
def test_a_ranking_is_an_answer_when_one_place_is_asked_and_a_comparison_when_a_list_is(
    engine: Engine, question: str, kind: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == kind and reply.chart is not None, (reply.rule, reply.reason)


@pytest.mark.parametrize("question", ["results in georgia", "как проголосовали россияне в грузии"])
def test_a_place_with_no_station_is_no_data_with_the_reason(engine: Engine, question: str) -> None:
    # no figures to give, so no_data; the fact that says why (no station, where to vote instead) is cited
    reply = engine.answer(question)
    assert reply.kind == "no_data" and list(reply.fact_ids) == ["georgia-no-polling-station"], reply.reason
    assert "Armenia" in reply.text or "Армени" in reply.text


@pytest.mark.parametrize(
    ("first", "aside"),
    [
        ("what was noon against putin", "is it safe to travel there?"),
        ("what was noon against putin", "was it fun?"),
        ("how many voted in turkey", "what time is it there?"),
        ("how many voted in turkey", "а это далеко?"),
    ],
)
def test_it_after_an_answer_does_not_make_an_aside_about_the_facts(engine: Engine, first: str, aside: str) -> None:
    # "it" lets a follow-up ask who or what of the last reply's facts, not answer any question with them
    reply = engine.answer(aside, engine.answer(first).context)
    assert reply.kind == "off_topic" and not reply.fact_ids, reply.reason


def test_she_asking_something_else_is_not_answered_with_the_last_fact(engine: Engine) -> None:
    first = engine.answer("where did yulia navalnaya vote?")
    reply = engine.answer("will she run for president?", first.context)
    assert "germany-berlin-queue-navalnaya" not in reply.fact_ids, reply.reason


@pytest.mark.parametrize("question", ["uk v usa", "kazakhstan v kyrgyzstan"])
def test_v_between_two_names_is_versus_not_russian(engine: Engine, question: str) -> None:
    assert engine.answer(question).language == "en"


def test_a_number_beside_votes_is_checked_as_a_count(engine: Engine) -> None:
    reply = engine.answer("правда что путин набрал 60 голосов в кении?")
    assert reply.kind == "answer" and "%" not in reply.text.split("\n")[0], reply.text


@pytest.mark.parametrize(
    ("city", "whole", "fact_id"),
    [
        ("ташкент результаты", "а по стране в целом?", "uzbekistan-result"),
        ("how did new york vote?", "the whole country?", "united-states-result-pamfilova"),
    ],
)
def test_the_whole_country_after_a_city_is_that_citys_country(
    engine: Engine, city: str, whole: str, fact_id: str
) -> None:
    reply = engine.answer(whole, engine.answer(city).context)
    assert reply.fact_ids[0] == fact_id, reply.reason


def test_nationally_after_a_city_is_still_russia(engine: Engine) -> None:
    reply = engine.answer("and nationally?", engine.answer("how did almaty vote").context)
    assert reply.fact_ids[0] == "national-result", reply.reason


@pytest.mark.parametrize(
    ("first", "added"), [("kazakhstan turnout", "with baikonur?"), ("явка в казахстане", "с байконуром?")]
)
def test_with_a_place_after_a_count_counts_the_two_together(engine: Engine, first: str, added: str) -> None:
    reply = engine.answer(added, engine.answer(first).context)
    assert (reply.rule, list(reply.fact_ids)) == ("places_together", ["kazakhstan-with-baikonur"]), reply.reason


def test_another_city_after_a_report_asks_what_the_reports_say_there(engine: Engine) -> None:
    reply = engine.answer("а в берлине?", engine.answer("очередь в париже какая была").context)
    assert reply.fact_ids[0] == "germany-berlin-queue-navalnaya", reply.reason


@pytest.mark.parametrize("question", ["what about the baltics", "а что в прибалтике", "how did the baltics vote"])
def test_a_small_part_of_the_world_alone_is_its_places_side_by_side(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert (reply.kind, reply.rule) == ("comparison", "area_places"), reply.reason
    assert {fact.split("-")[0] for fact in reply.fact_ids} == {"estonia", "latvia", "lithuania"}


def test_a_large_part_of_the_world_alone_is_not_answered_with_russia(engine: Engine) -> None:
    assert "national-result" not in engine.answer("what about asia").fact_ids


def test_big_in_a_yes_no_question_is_no_ranking(engine: Engine) -> None:
    # "большая" is not "больше" or "наибольшая": the queue in the chat's place, not the places ranked
    reply = engine.answer("очередь там большая была?", engine.answer("путин в финляндии").context)
    assert reply.kind == "answer" and list(reply.fact_ids) == ["finland-helsinki-queue"], reply.reason


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("хочу узнать про таджикистан", "tajikistan"),
        ("turkey whats up", "turkey"),
        ("меня интересует армения", "armenia"),
    ],
)
def test_wanting_to_know_about_a_place_is_a_vague_ask(engine: Engine, question: str, country: str) -> None:
    reply = engine.answer(question)
    assert reply.rule == "place_summary" and reply.fact_ids[0].startswith(country), reply.reason


@pytest.mark.parametrize(
    ("question", "stations"),
    [
        ("almaty vs bishkek, putin share at the stations", {"station-8133", "station-8134", "station-8159"}),
        ("ереван и гюмри — разница в результатах", {"station-8026", "station-8031"}),
    ],
)
def test_cities_weighed_against_each_other_are_their_stations(engine: Engine, question: str, stations: set) -> None:
    reply = engine.answer(question)
    assert stations <= set(reply.fact_ids), reply.reason


def test_a_station_row_names_its_city(engine: Engine) -> None:
    reply = engine.answer("3 stations with lowest putin %")
    assert "(Podgorica, Montenegro)" in reply.text or "(Belgrade, Serbia)" in reply.text, reply.text


@pytest.mark.parametrize(
    ("first", "question"),
    [
        (None, "латвийская полиция проверяла документы у посольства, сколько человек?"),
        ("латвия итоги", "правда что полиция там документы проверяла?"),  # the chat's place
    ],
)
def test_a_word_of_the_places_own_facts_is_no_foreign_subject(engine: Engine, first: str | None, question: str) -> None:
    context = engine.answer(first).context if first else None
    reply = engine.answer(question, context)
    assert "latvia-police-checks" in reply.fact_ids, reply.reason


@pytest.mark.parametrize("question", ["погода на кипре в марте", "weather in latvia"])
def test_a_word_no_fact_of_the_place_holds_is_still_another_subject(engine: Engine, question: str) -> None:
    # ("марте" is March before it is the name Marta: no rare name of a fact)
    assert engine.answer(question).kind == "off_topic"


@pytest.mark.parametrize("question", ["где путин проиграл больше всего", "gde putin proigral bolshe vsego"])
def test_losing_the_most_is_the_low_end(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.rule == "ranking" and reply.fact_ids[0] == "montenegro-official-result", reply.reason


def test_where_a_candidate_lost_lists_every_place_another_came_first(engine: Engine) -> None:
    # Paraguay's 68 ballots are too few to rank a share by, not too few to lose in
    reply = engine.answer("latin american countries where putin lost")
    assert {"argentina-official-result", "paraguay-official-result"} <= set(reply.fact_ids), reply.reason
    assert "venezuela-official-result" not in reply.fact_ids  # where he came first


def test_places_by_number_of_votes_without_a_candidate_rank_the_votes_cast(engine: Engine) -> None:
    reply = engine.answer("топ-5 стран по числу голосов")
    assert reply.kind == "comparison" and reply.fact_ids[0] == "cyprus-official-turnout", reply.reason


@pytest.mark.parametrize("question", ["write me a poem about putin's victory", "напиши стих про выборы в казахстане"])
def test_something_to_write_is_no_question_of_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "off_topic" and not reply.fact_ids, reply.reason


def test_she_after_an_answer_that_names_a_person_asks_about_that_person(engine: Engine) -> None:
    first = engine.answer("кто председатель цик?")
    reply = engine.answer("что она сказала про число проголосовавших за рубежом?", first.context)
    assert reply.rule == "rare_word" and contains(reply.text, "388 791"), reply.reason


@pytest.mark.parametrize(("question", "rule"), [("wich cities in uzbekistan had stations", "city_list")])
def test_a_question_word_typed_with_a_slip_still_asks(engine: Engine, question: str, rule: str) -> None:
    assert engine.answer(question).rule == rule


@pytest.mark.parametrize("aside", ["whose idea was it", "чья это идея?"])
def test_whose_it_after_an_answer_asks_more_of_that_fact(engine: Engine, aside: str) -> None:
    first = engine.answer("noon against putin what is it")
    reply = engine.answer(aside, first.context)
    assert (reply.rule, list(reply.fact_ids)) == ("cited_again", ["noon-against-putin-what-it-was"]), reply.reason


@pytest.mark.parametrize(
    ("question", "event"),
    [("what happened in latvia", "latvia-police-checks"), ("что случилось в молдавии", "moldova-embassy-firebombs")],
)
def test_what_happened_somewhere_tells_the_reported_events_first(engine: Engine, question: str, event: str) -> None:
    reply = engine.answer(question)
    assert reply.rule == "place_summary" and reply.fact_ids[0] == event, reply.reason
    assert any(fact.endswith("official-result") for fact in reply.fact_ids)  # ...and the place in brief


def test_a_margin_beside_another_question_answers_both(engine: Engine) -> None:
    reply = engine.answer("how many stations in kazakhstan and what was the margin between putin and davankov")
    assert reply.rule == "multi_part" and "kazakhstan-official-stations" in reply.fact_ids, reply.reason


@pytest.mark.parametrize("question", ["did tokayev criticize the election result?", "осудил ли жапаров выборы"])
def test_a_leader_criticising_is_a_reaction(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0].endswith("-reaction"), reply.reason


@pytest.mark.parametrize(
    "question",
    [
        "с каким результатом Путин стал президентом?",  # the past, not "станет президентом"
        "what did Meduza write about the queues in Berlin?",  # "write" about something, not "write me a poem"
    ],
)
def test_words_near_a_screened_phrase_still_ask_about_the_vote(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind == "answer"


@pytest.mark.parametrize(
    ("first", "question"),
    [
        (None, "Мария, как дела?"),  # a first name is no person many facts name
        ("noon against putin what is it", "who made this bot?"),  # "this" is the bot, not the last fact
        ("how did almaty vote", "what's the weather like in the country overall?"),
    ],
)
def test_a_message_about_something_else_is_not_answered_with_a_fact(
    engine: Engine, first: str | None, question: str
) -> None:
    context = engine.answer(first).context if first else None
    reply = engine.answer(question, context)
    assert reply.kind == "off_topic" and not reply.fact_ids, reply.reason


def test_where_a_candidate_lost_nowhere_shows_where_they_came_first(engine: Engine) -> None:
    reply = engine.answer("where in the Caucasus did Putin lose?")
    assert reply.rule == "candidate_where" and len(reply.fact_ids) >= 4, reply.reason


@pytest.mark.parametrize(
    ("question", "country"),
    [
        ("sirya rusian vote reslt", "syria"),  # letters typed by ear: y for i
        ("japn putn shar", "japan"),  # a four-letter name with a letter dropped
        ("davankov % in czeck republik", "czechia"),  # as near Czech as "check": the place's name
        ("south afrika reults", "south-africa"),  # not read as the Russian "Африка"
    ],
)
def test_a_slip_in_a_place_name_still_names_the_place(engine: Engine, question: str, country: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith(country), reply.reason


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("v belarusi putin", "ru"),  # a place's name with a Russian ending
        ("berlin ochered navalnaya", "ru"),  # a person the facts name tells no language
        ("thx mate, super helpful", "en"),  # an English word the base does not use
    ],
)
def test_the_language_of_latin_typing(engine: Engine, question: str, language: str) -> None:
    assert engine.answer(question).language == language


@pytest.mark.parametrize(
    ("question", "city"),
    [("dubai results?", "Dubai"), ("astana station results", "Astana"), ("а в Дубае какие итоги?", "Дубай")],
)
def test_a_city_without_figures_of_its_own_is_answered_for_its_country_saying_so(
    engine: Engine, question: str, city: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.text.startswith(("The sources give no separate", "Отдельных")), reply.text
    assert city in reply.text.split("\n")[0]


def test_a_city_with_its_own_stations_gets_no_such_note(engine: Engine) -> None:
    assert "no separate figures" not in engine.answer("how did almaty vote").text


@pytest.mark.parametrize(
    "question", ["did lukashenko congratulate putin", "а лукашенко что сказал?", "алиев поздравил путина?"]
)
def test_a_person_the_sources_do_not_name_is_no_data_not_another_leaders_words(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "no_data" and not reply.fact_ids, reply.reason
    assert "Tokayev" in reply.text or "Токаев" in reply.text  # ...and whose reactions the sources do give


def test_a_country_adjective_before_leader_names_the_country(engine: Engine) -> None:
    reply = engine.answer("turkmen leader reaction to the election")
    assert reply.kind == "no_data" and "Turkmenistan" in reply.text, reply.reason


def test_his_country_after_a_leader_is_the_leaders_country(engine: Engine) -> None:
    first = engine.answer("что сказал Рахмон о победе Путина")
    reply = engine.answer("а сколько у него в стране проголосовало?", first.context)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("tajikistan"), reply.reason


@pytest.mark.parametrize(
    ("first", "repair", "country", "not_country"),
    [
        ("putin result in kyrgyzstan", "sorry, kazakhstan not kyrgyzstan", "kazakhstan", "kyrgyzstan"),
        ("сколько голосовало в Армении", "не в Армении, а в Азербайджане", "azerbaijan", "armenia"),
    ],
)
def test_a_place_after_not_is_set_aside(
    engine: Engine, first: str, repair: str, country: str, not_country: str
) -> None:
    reply = engine.answer(repair, engine.answer(first).context)
    assert reply.fact_ids and all(fact.startswith(country) for fact in reply.fact_ids), reply.reason
    assert not any(fact.startswith(not_country) for fact in reply.fact_ids)


def test_others_after_a_vote_count_show_each_candidates_votes(engine: Engine) -> None:
    context = engine.answer("сколько голосов получил путин за рубежом").context
    reply = engine.answer("остальные?", engine.answer("а даванков?", context).context)
    assert reply.rule == "standings" and "8\xa0445" in reply.text and "7\xa0495" in reply.text, reply.text


def test_the_chats_topic_missing_for_a_new_place_gives_its_summary_saying_so(engine: Engine) -> None:
    context = engine.answer("what did the police do in latvia").context
    reply = engine.answer("estonia?", context)
    assert reply.rule == "topic_not_here" and "estonia-official-result" in reply.fact_ids, reply.reason
    assert reply.text.startswith("The sources do not report")


def test_when_a_place_voted_gives_the_votes_dates_and_its_early_ballots(engine: Engine) -> None:
    reply = engine.answer("when could they vote there?", engine.answer("france").context)
    assert reply.fact_ids == ["national-schedule", "france-official-turnout"], reply.reason
    assert "15-17 March" in reply.text


@pytest.mark.parametrize("follow_up", ["а раньше?", "and last time?"])
def test_the_previous_election_is_2018(engine: Engine, follow_up: str) -> None:
    context = engine.answer("how many stations in israel").context
    reply = engine.answer(follow_up, context)
    assert reply.rule == "other_year_fact", reply.reason


@pytest.mark.parametrize("question", ["anything happen in tbilisi?", "в тбилиси что-то было?"])
def test_what_happened_in_a_city_tells_the_report_naming_it(engine: Engine, question: str) -> None:
    assert engine.answer(question).fact_ids[0] == "georgia-tbilisi-noon-rally"


def test_a_count_asked_puts_the_fact_that_counts_first(engine: Engine) -> None:
    reply = engine.answer("сколько было участков в казахстане")
    assert reply.fact_ids[0] == "kazakhstan-official-stations" and "7 избирательных участков" in reply.text


@pytest.mark.parametrize(
    "question", ["number of countries where putin got under 50%", "in how many countries did davankov win"]
)
def test_how_many_places_is_answered_with_the_count(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind == "answer"
    assert engine.answer("where did davankov win").kind == "comparison"  # the places themselves: a list


@pytest.mark.parametrize(
    "question",
    [
        "who won the 2018 election among russians in kazakhstan",
        "за кого голосовали за рубежом в 2018 году, кто был вторым?",
    ],
)
def test_who_came_where_in_2018_is_not_in_the_facts(engine: Engine, question: str) -> None:
    reply = engine.answer(question)
    assert reply.kind == "no_data" and reply.rule == "other_year" and not reply.fact_ids, reply.reason
    assert "2018" in reply.text


def test_putins_2018_figures_are_still_answered(engine: Engine) -> None:
    assert engine.answer("kazakhstan 2018 putin %").fact_ids == ["kazakhstan-2018-comparison"]


def test_where_it_changed_most_since_2018_is_the_ranking_then_the_report_naming_places(engine: Engine) -> None:
    reply = engine.answer("biggest drop in putin support since 2018 - where?")
    assert reply.kind == "answer", reply.reason
    assert reply.fact_ids == ["abroad-2018-share-changes", "abroad-change-since-2018"]


def test_words_of_a_change_ask_about_the_year_before(engine: Engine) -> None:
    reply = engine.answer("largest increase in voters compared to 2018?")  # "increase" is no foreign word
    assert reply.rule == "other_year_fact" and reply.fact_ids[0] == "abroad-2018-ballot-changes", reply.reason


@pytest.mark.parametrize(
    ("question", "country"),
    [("malaysa kuala lumpr result", "malaysia"), ("austira wh won vienna salzburg", "austria")],
)
def test_names_of_no_dictionary_beside_a_country_and_a_topic_are_its_cities(
    engine: Engine, question: str, country: str
) -> None:
    reply = engine.answer(question)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith(country), reply.reason


@pytest.mark.parametrize("question", ["kazakhstan football results", "kuala lumpur weather"])
def test_a_word_of_another_subject_beside_a_country_is_still_off_topic(engine: Engine, question: str) -> None:
    assert engine.answer(question).kind == "off_topic"


def test_where_one_could_vote_is_the_polling_places(engine: Engine) -> None:
    reply = engine.answer("в сша где можно было голосовать")
    assert reply.fact_ids[0] == "united-states-three-sites", reply.reason


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("what's the story with russians from georgia voting in armenia", "georgia-voters-went-to-armenia-and-turkey"),
        ("why do people mention trabzon and georgia together?", "turkey-four-stations-trabzon"),
    ],
)
def test_two_places_linked_by_a_report_are_answered_by_it(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question)
    assert (reply.rule, reply.fact_ids[0]) == ("places_linked", fact_id), reply.reason
    assert engine.answer("armenia vs georgia").kind == "comparison"  # two places weighed are still compared


def test_here_after_a_statement_about_the_asker_is_the_place_of_the_statement(engine: Engine) -> None:
    reply = engine.answer("im studying in china, how many russians voted here altogether")
    assert reply.fact_ids[0] == "china-official-turnout", reply.reason


def test_a_place_of_another_subject_with_an_unknown_name_is_off_topic(engine: Engine) -> None:
    context = engine.answer("how many voted in serbia").context
    assert engine.answer("whats the best burek place in belgrade", context).kind == "off_topic"


@pytest.mark.parametrize(
    ("first", "why"), [("how many voted in kyrgyzstan", "why the difference?"), ("итоги в США", "почему цифра другая?")]
)
def test_why_the_figures_differ_after_a_reply_is_its_facts_again(engine: Engine, first: str, why: str) -> None:
    before = engine.answer(first)
    reply = engine.answer(why, before.context)
    assert reply.rule == "cited_again" and reply.fact_ids == before.fact_ids[:2], reply.reason


def test_why_no_one_voted_in_a_place_without_a_station_says_why_there_was_none(engine: Engine) -> None:
    reply = engine.answer("почему в Грузии не голосовали")
    assert "georgia-no-polling-station" in reply.fact_ids and "дипломатическ" in reply.text, reply.reason


def test_how_many_places_a_candidate_lost_is_a_count_not_a_ranking(engine: Engine) -> None:
    reply = engine.answer("на скольких участках путин продул")
    assert "abroad-stations-putin-lost" in reply.fact_ids, reply.reason
    assert engine.answer("где путин продул сильнее всего").rule == "ranking"  # the low end, asked as such


def test_a_station_number_in_a_repair_is_the_station(engine: Engine) -> None:
    reply = engine.answer("не, я имел в виду 8133", engine.answer("участок 8134").context)
    assert reply.rule == "station" and reply.fact_ids[0] == "station-8133", reply.reason


def test_a_follow_up_in_the_words_of_the_last_fact_asks_it_again(engine: Engine) -> None:
    context = engine.answer("what did the police do in latvia").context
    reply = engine.answer("how many were told to leave", context)
    assert (reply.rule, reply.fact_ids) == ("cited_again", ["latvia-police-checks"]), reply.reason
    assert engine.answer("how are you doing", context).kind == "off_topic"


@pytest.mark.parametrize(
    ("first", "question"),
    [
        ("poland result", "which polish city was worst for putin"),
        ("как голосовали в польше", "а в каком городе у путина хуже всего"),
    ],
)
def test_which_city_was_worst_ranks_the_countrys_stations(engine: Engine, first: str, question: str) -> None:
    reply = engine.answer(question, engine.answer(first).context)
    assert reply.rule == "station_ranking" and reply.fact_ids[0] == "station-8257", reply.reason  # Krakow
    assert engine.answer("which cities in kazakhstan had stations").rule == "city_list"  # the cities, not ranked


def test_a_city_linked_to_another_place_gives_the_report_naming_it_and_its_stations(engine: Engine) -> None:
    reply = engine.answer("trabzon station, the one for russians from georgia")
    assert reply.rule == "places_linked" and "station-8293" in reply.fact_ids, reply.reason


def test_the_hours_asked_after_a_place_are_that_places_clock_times(engine: Engine) -> None:
    first = engine.answer("очереди в Алматы", None)
    reply = engine.answer("до какого времени работали участки?", first.context)
    assert reply.rule == "hours"
    assert "21:00" in reply.text


def test_a_question_word_typed_without_vowels_is_that_word(engine: Engine) -> None:
    reply = engine.answer("whn was the vote", None)
    assert reply.kind == "answer"
    assert "15" in reply.text and "March" in reply.text


@pytest.mark.parametrize("question", ["что показали экзит-полы?", "how many polling stations had an exit poll overall"])
def test_an_exit_poll_question_naming_no_place_is_the_poll_abroad_as_a_whole(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "answer"
    assert reply.fact_ids[0] == "abroad-exit-poll-vote-abroad"


def test_words_of_voting_alone_beside_a_place_give_its_count_and_result(engine: Engine) -> None:
    reply = engine.answer("в Ливии россияне голосовали?", None)
    assert {"libya-official-turnout", "libya-official-result"} <= set(reply.fact_ids)
    # a place with no station still says so, not a summary of nothing
    assert engine.answer("how did russians in georgia vote", None).kind == "no_data"


def test_a_rally_is_a_protest_the_reports_tell_of(engine: Engine) -> None:
    reply = engine.answer("was there a rally in tbilisi", None)
    assert list(reply.fact_ids) == ["georgia-tbilisi-noon-rally"]
    assert list(engine.answer("митинг в Тбилиси сколько людей", None).fact_ids) == ["georgia-tbilisi-noon-rally"]


def test_what_went_on_in_a_place_is_its_events_first(engine: Engine) -> None:
    reply = engine.answer("что происходило на Кипре", None)
    assert reply.fact_ids[0] == "cyprus-fraud-allegation"


def test_how_many_ethnic_russians_is_a_population_no_source_gives(engine: Engine) -> None:
    reply = engine.answer("how many ethnic russians are in kyrgyzstan", None)
    assert reply.kind != "answer"
    assert "7,842" not in reply.text and "7 842" not in reply.text


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("что сказал Бердымухамедов о выборах", "Бердымухамедов"),
        ("did berdimuhamedov comment on the vote", "Berdimuhamedov"),
    ],
)
def test_a_surname_no_dictionary_holds_is_a_person_the_sources_do_not_quote(
    engine: Engine, question: str, name: str
) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "no_data"
    assert name in reply.text


def test_a_leaders_words_are_his_reaction(engine: Engine) -> None:
    assert list(engine.answer("mirziyoyev's words about the vote", None).fact_ids) == ["uzbekistan-reaction"]


@pytest.mark.parametrize("repair", ["no wait, kyrgyzstan", "стоп, Киргизия"])
def test_wait_opening_a_repair_holds_the_turn_and_asks_no_queue(engine: Engine, repair: str) -> None:
    first = engine.answer("how many polling stations in uzbekistan", None)
    reply = engine.answer(repair, first.context)
    assert reply.fact_ids[0].startswith("kyrgyzstan-") and reply.fact_ids[0].endswith(("stations", "polling-places"))


def test_a_short_question_on_the_standings_goes_on_with_the_chats_place(engine: Engine) -> None:
    first = engine.answer("who won among russians abroad", None)
    reply = engine.answer("and who came second?", first.context)
    assert reply.rule == "standings"
    assert "abroad-total-result" in reply.fact_ids
    # with no chat, the same question is about Russia as a whole
    assert "national-result" in engine.answer("who came second?", None).fact_ids


def test_another_candidate_after_a_city_is_asked_at_its_stations(engine: Engine) -> None:
    first = engine.answer("how did istanbul vote", None)
    reply = engine.answer("а Даванков?", first.context)
    assert reply.rule == "station"
    assert "station-8295" in reply.fact_ids


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [("шриланка явка", "sri-lanka-official-turnout"), ("srilanka turnout", "sri-lanka-official-turnout")],
)
def test_a_two_word_name_typed_as_one_word_is_that_place(engine: Engine, question: str, fact_id: str) -> None:
    assert fact_id in engine.answer(question, None).fact_ids


def test_a_places_everyday_name_and_adjective_name_it(engine: Engine) -> None:
    assert "thailand-official-turnout" in engine.answer("сколько в Тае проголосовало", None).fact_ids
    assert "spain-official-result" in engine.answer("испанские итоги голосования россиян", None).fact_ids


def test_who_came_where_is_the_whole_standings(engine: Engine) -> None:
    reply = engine.answer("кения кто на каком месте", None)
    assert reply.rule == "standings"
    assert list(reply.fact_ids) == ["kenya-official-result"]


def test_a_rank_right_after_a_candidate_is_his_place(engine: Engine) -> None:
    reply = engine.answer("харитонов третий по стране?", None)
    assert reply.rule == "standings"
    assert "national-result" in reply.fact_ids


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("NGE says putin lost 42 stations abroad, true?", "abroad-stations-putin-lost"),
        ("что сообщало Радио Свобода про Даванкова", "abroad-countries-davankov-led"),
        ("what did the Cyprus Mail write about fraud", "cyprus-fraud-allegation"),
    ],
)
def test_an_outlet_named_is_answered_by_its_report(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question, None)
    assert reply.rule == "outlet_named"
    assert reply.fact_ids[0] == fact_id


def test_a_count_of_countries_in_a_claim_is_no_share(engine: Engine) -> None:
    reply = engine.answer("RFE/RL says davankov led in 18 countries", None)
    assert "%" not in reply.text.split("\n")[0]
    assert "abroad-countries-davankov-led" in reply.fact_ids


def test_a_light_verb_names_no_other_subject(engine: Engine) -> None:
    reply = engine.answer("how many regions was online voting offered in", None)
    assert reply.kind == "answer"
    assert "30" in reply.text


def test_incidents_asked_of_no_place_are_the_reports_on_voting_abroad(engine: Engine) -> None:
    assert engine.answer("any violence at russian embassies?", None).fact_ids[0] == "noon-queues-at-embassies"


def test_a_report_naming_the_city_asked_beats_a_fact_sharing_fewer_words(engine: Engine) -> None:
    reply = engine.answer("was there a big protest at the embassy in washington", None)
    assert reply.fact_ids[0] == "noon-queues-at-embassies"
    # the place's own report still answers what it tells
    assert engine.answer("queue in paris", None).fact_ids[0] == "france-polling-places-and-queue"


def test_a_win_claimed_of_every_place_counts_the_places_another_won(engine: Engine) -> None:
    reply = engine.answer("путин во всех странах победил, так?", None)
    assert reply.rule == "won_everywhere" and reply.kind == "answer"
    assert "23" in reply.text and "Даванков" in reply.text


def test_he_before_another_candidate_is_the_chats_candidate(engine: Engine) -> None:
    first = engine.answer("who came second abroad", None)
    reply = engine.answer("so where did he beat putin?", first.context)
    assert reply.rule == "candidate_where"
    assert "Davankov" in reply.text


def test_who_else_after_a_leader_is_every_leader_and_what_else_is_the_same_one(engine: Engine) -> None:
    first = engine.answer("what did rahmon say", None)
    assert list(engine.answer("who else congratulated putin?", first.context).fact_ids) == ["central-asian-presidents"]
    first = engine.answer("что сказал жапаров", None)
    assert "kyrgyzstan-reaction" in engine.answer("а что он ещё говорил?", first.context).fact_ids


def test_a_bare_count_after_the_exit_poll_counts_the_poll(engine: Engine) -> None:
    first = engine.answer("how many stations did the vote abroad exit poll cover", None)
    reply = engine.answer("and how many people?", first.context)
    assert reply.fact_ids[0] == "abroad-exit-poll-vote-abroad"


def test_a_percent_sign_asks_a_share(engine: Engine) -> None:
    assert "south-africa-official-result" in engine.answer("south africa putin %", None).fact_ids


def test_why_so_many_after_a_count_gives_the_reasons(engine: Engine) -> None:
    first = engine.answer("сколько россиян проголосовало на Кипре", None)
    reply = engine.answer("почему так много?", first.context)
    assert reply.rule == "reasons"
    assert "cyprus-fraud-allegation" in reply.fact_ids


def test_the_figures_asked_in_a_dialog_are_the_chats(engine: Engine) -> None:
    first = engine.answer("how many voted abroad in total", None)
    reply = engine.answer("and the preliminary figure?", first.context)
    assert reply.fact_ids[0] == "abroad-voters-preliminary-372779"
    assert engine.answer("who gave it", reply.context).rule == "cited_again"


@pytest.mark.parametrize(
    ("question", "rule"),
    [("японию покажи", "place_summary"), ("кто участвовал в выборах", "list_all")],
)
def test_show_and_who_took_part_are_asks(engine: Engine, question: str, rule: str) -> None:
    assert engine.answer(question, None).rule == rule


def test_the_other_stations_after_a_city_are_the_countrys_other_protocols(engine: Engine) -> None:
    first = engine.answer("bishkek station result", None)
    reply = engine.answer("and the other stations in kyrgyzstan?", first.context)
    assert reply.fact_ids and all(fact_id.startswith("station-") for fact_id in reply.fact_ids)
    assert "station-8159" not in reply.fact_ids


@pytest.mark.parametrize(
    ("question", "country"), [("qatar doha russians vote", "qatar"), ("jordan amman russians results", "jordan")]
)
def test_a_name_beside_a_country_with_words_of_the_vote_is_a_place_of_it(
    engine: Engine, question: str, country: str
) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "answer"
    assert f"{country}-official-result" in reply.fact_ids


def test_a_word_of_another_subject_beside_a_country_and_a_name_is_still_off_topic(engine: Engine) -> None:
    assert engine.answer("qatar doha weather", None).kind == "off_topic"


def test_a_win_claimed_of_a_part_of_the_world_is_not_claimed_of_every_place(engine: Engine) -> None:
    assert engine.answer("did putin win in all european countries", None).rule != "won_everywhere"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("how long was the lien in yerevan", "armenia-yerevan-queue-relocants"),  # "lien": a rare word, "line" meant
        ("whats teh deal with transnistira", "moldova-transnistria-voters"),  # "teh" reads as Russian "тех"
        ("did russans vote in north kore lol", "north-korea-official-turnout"),  # "kore" reads as Russian "коре"
    ],
)
def test_a_slip_of_a_frequent_english_word_is_corrected_in_an_english_message(
    engine: Engine, question: str, fact_id: str
) -> None:
    assert fact_id in engine.answer(question, None).fact_ids


def test_a_russian_word_typed_in_latin_as_the_dictionary_has_it_is_no_slip(engine: Engine) -> None:
    reply = engine.answer("btw whats a good cafe in belgrade?", None)  # "cafe" is "кафе", not "came"
    assert reply.kind == "off_topic"


def test_last_before_a_month_is_a_time_not_the_last_place(engine: Engine) -> None:
    reply = engine.answer("how many russians voted in kazakhstan last march", None)
    assert reply.rule != "standings"
    assert "kazakhstan-official-turnout" in reply.fact_ids


@pytest.mark.parametrize(
    ("question", "is_year"),
    [
        ("saw that only 2000 russians voted in kyrgyzstan", False),
        ("около 2000 человек голосовало в Киргизии?", False),
        ("who won the 2018 russian presidential election", True),
        ("what about 2018?", True),
        ("в эстонии в 2018 голосовало 28 тысяч?", True),
    ],
)
def test_a_number_of_people_is_not_a_year(engine: Engine, question: str, is_year: bool) -> None:
    reply = engine.answer(question, None)
    assert (reply.rule in ("other_year", "other_year_fact")) == is_year


def test_how_many_russians_voted_is_no_population(engine: Engine) -> None:
    reply = engine.answer("таиланд сколько русских голосовало", None)
    assert reply.kind == "answer"
    assert "thailand-official-turnout" in reply.fact_ids
    assert engine.answer("how many russians are there in thailand", None).kind == "no_data"


@pytest.mark.parametrize(
    "question", ["how long has rahmon been president of tajikistan", "what's the capital of montenegro again"]
)
def test_a_leaders_tenure_and_a_capital_are_off_subject(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert (reply.kind, reply.rule) == ("off_topic", "off_subject")


def test_a_win_said_of_a_name_the_base_does_not_know_is_another_election(engine: Engine) -> None:
    assert engine.answer("эрдоган выиграл выборы в турции?", None).rule == "other_election"
    assert engine.answer("путин выиграл выборы в турции?", None).kind == "answer"


def test_two_cities_asked_against_each_other_are_a_comparison_unless_why(engine: Engine) -> None:
    assert engine.answer("rome vs milan?", None).kind == "comparison"
    assert engine.answer("why is ankara so pro putin compared to istanbul", None).kind == "answer"


def test_a_country_as_a_whole_after_a_stations_exit_poll_is_its_count(engine: Engine) -> None:
    first = engine.answer("what did the exit poll in almaty show", None)
    reply = engine.answer("and kazakhstan as a whole?", first.context)
    assert "kazakhstan-official-result" in reply.fact_ids
    assert "kazakhstan-exit-poll" not in reply.fact_ids


def test_where_most_after_a_ranking_of_the_least_turns_it(engine: Engine) -> None:
    first = engine.answer("топ стран где Путин набрал меньше всего", None)
    reply = engine.answer("а где больше всего?", first.context)
    assert (reply.rule, reply.fact_ids[0]) == ("ranking_more", "moldova-official-result")


@pytest.mark.parametrize(
    ("question", "first", "left_out"),
    [
        ("what about africa", "egypt-official-turnout", "turkey-official-turnout"),
        ("latin america results?", "cuba-official-result", "united-states-official-result"),
        ("putin's result outside europe", "turkmenistan-official-result", "moldova-official-result"),
    ],
)
def test_a_large_part_of_the_world_is_its_places_ranked(
    engine: Engine, question: str, first: str, left_out: str
) -> None:
    reply = engine.answer(question, None)
    assert (reply.kind, reply.rule) == ("comparison", "area_ranking")
    assert reply.fact_ids[0] == first
    assert left_out not in reply.fact_ids


def test_a_report_on_voting_abroad_naming_the_city_competes_with_the_places_own(engine: Engine) -> None:
    reply = engine.answer("how many people were left outside in berlin when it closed", None)
    assert reply.fact_ids[0] == "noon-people-left-outside"
    # ...and never makes a choice of the two: the place's own fact wins a near tie
    reply = engine.answer("istanbul queue how long", None)
    assert (reply.kind, reply.fact_ids[0]) == ("answer", "turkey-istanbul-queue")


@pytest.mark.parametrize("question", ["бразилия путен", "путен в сербиии скока"])
def test_a_surname_typed_as_heard_is_the_person_though_a_rare_word(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)  # "путен" is a short form of "путный" to the dictionary
    assert reply.kind == "answer"
    assert "candidate:putin" in reply.reason


def test_a_citys_latin_name_with_a_russian_ending_stays_a_name_in_transliterated_russian(engine: Engine) -> None:
    first = engine.answer("skolko golosovalo v tailande", None)
    reply = engine.answer("a na phukete?", first.context)
    assert reply.language == "ru"
    assert "station-8380" in reply.fact_ids  # Phuket's station


def test_a_colloquial_look_at_a_place_is_its_summary(engine: Engine) -> None:
    assert engine.answer("норвегию глянь", None).rule == "place_summary"


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("where did the number of voters fall the most since 2018", "abroad-2018-ballot-changes"),
        ("biggest drop for putin since 2018", "abroad-2018-share-changes"),  # a candidate named: his share
        ("how many fewer votes did putin get abroad than in 2018", "abroad-2018-comparison"),  # the whole change
    ],
)
def test_where_it_changed_most_since_2018_is_the_ranking_of_changes(engine: Engine, question: str, first: str) -> None:
    assert engine.answer(question, None).fact_ids[0] == first


def test_a_colloquial_short_form_of_abroad_is_abroad(engine: Engine) -> None:
    reply = engine.answer("сколько было загран участков в 2018 году", None)
    assert reply.fact_ids == ["abroad-stations-2018-2024"]


@pytest.mark.parametrize(
    "question", ["how many ppl coudnt vote in london cuz of the queue", "в лондоне не все смогли проголосовать?"]
)
def test_a_vote_that_did_not_happen_is_no_count_of_voters(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "answer"
    assert "united-kingdom-official-turnout" not in reply.fact_ids
    assert engine.answer("how many voted in london", None).fact_ids[0] == "united-kingdom-official-turnout"


def test_russia_asked_as_a_whole_is_answered_by_a_report_naming_russia_when_its_own_facts_say_nothing(
    engine: Engine,
) -> None:
    reply = engine.answer("how many were arrested in russia", None)
    assert reply.fact_ids == ["noon-against-putin-what-it-was"]  # "more than 75 people were arrested in Russia"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("were there any attacks on embassies during the vote", "noon-queues-at-embassies"),
        ("kyrgyz president reaction to putin win", "kyrgyzstan-reaction"),
    ],
)
def test_of_facts_scored_alike_the_only_one_saying_the_words_answers(
    engine: Engine, question: str, fact_id: str
) -> None:
    reply = engine.answer(question, None)
    assert (reply.kind, reply.fact_ids[0]) == ("answer", fact_id)


@pytest.mark.parametrize(("question", "language"), [("what is vote abroad", "en"), ("что такое vote abroad", "ru")])
def test_vote_abroad_named_is_the_exit_polls_organiser(engine: Engine, question: str, language: str) -> None:
    reply = engine.answer(question, None)
    assert (reply.language, reply.fact_ids[0]) == (language, "abroad-exit-poll-vote-abroad")
    assert engine.answer("did many people vote abroad", None).rule == "place_summary"  # the words, not the name


def test_a_word_only_the_last_replys_facts_hold_asks_about_them(engine: Engine) -> None:
    first = engine.answer("what was noon against putin", None)
    reply = engine.answer("who came up with the idea", first.context)  # "idea": a word of that fact alone
    assert reply.fact_ids == ["noon-against-putin-what-it-was"]
    assert engine.answer("who came up with the idea", None).kind != "answer"  # with no chat before, nothing to ask of


@pytest.mark.parametrize(
    ("first", "then"), [("congo russian vote", "the democratic republic one"), ("конго результаты", "демократическая")]
)
def test_words_of_one_of_two_places_sharing_a_name_pick_it(engine: Engine, first: str, then: str) -> None:
    asked = engine.answer(first, None)
    assert asked.kind == "did_you_mean"
    reply = engine.answer(then, asked.context)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("dr-congo-official-")


def test_a_reply_asked_in_the_other_language_gives_the_last_facts_in_it(engine: Engine) -> None:
    first = engine.answer("turkey results", None)
    reply = engine.answer("а по-русски можно?", first.context)
    assert (reply.rule, reply.language, reply.fact_ids) == ("language_switch", "ru", first.fact_ids)
    # ...and with a question beside the request, that question is answered in the language asked
    reply = engine.answer("in english please, and in istanbul?", reply.context)
    assert reply.language == "en" and "station-8295" in reply.fact_ids


def test_the_others_after_a_places_result_are_its_other_candidates(engine: Engine) -> None:
    first = engine.answer("serbia results", None)
    assert engine.answer("and the others?", first.context).rule == "standings"


def test_how_many_they_asked_after_an_exit_poll_is_the_exit_poll(engine: Engine) -> None:
    first = engine.answer("almaty official result?", None)
    second = engine.answer("and the exit poll?", first.context)
    reply = engine.answer("how many people did they ask", second.context)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("exit-poll-")


def test_the_next_one_in_a_dialog_is_its_next_place_not_an_election_to_come(engine: Engine) -> None:
    first = engine.answer("argentina result", None)
    reply = engine.answer("and the next one, chile", first.context)
    assert reply.kind == "answer" and reply.fact_ids[0] == "chile-official-result"
    assert engine.answer("when is the next election in chile", None).kind == "off_topic"


@pytest.mark.parametrize(
    ("question", "fact_id"),
    [
        ("finnish exit poll vs official count", "finland-official-vs-exit-poll"),  # a place's adjective, a poll
        ("poland as a whole", "poland-official-turnout"),  # the place itself, told as a whole
    ],
)
def test_a_place_asked_of_in_general_words_is_answered_about(engine: Engine, question: str, fact_id: str) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "answer" and reply.fact_ids[0] == fact_id, reply.reason


def test_a_latin_word_with_one_cyrillic_letter_keeps_the_message_english(engine: Engine) -> None:
    reply = engine.answer("colombi\u0430 resutls", None)  # the last letter of "colombia" typed in Cyrillic
    assert (reply.language, reply.fact_ids[0]) == ("en", "colombia-official-result")


@pytest.mark.parametrize("question", ["how much did putin get nationally", "putin national result, exact number"])
def test_a_candidates_national_figure_is_the_official_count(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.fact_ids[0] == "national-result", reply.reason
    assert contains(reply.text, "76,277,708")


@pytest.mark.parametrize(
    "question", ["сколько человек проголосовало в Казахстане без Байконура", "kazakhstan turnout not counting baikonur"]
)
def test_a_place_left_out_is_not_compared(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.kind == "answer" and "baikonur-official-turnout" not in reply.fact_ids, reply.reason
    assert reply.fact_ids[0].startswith("kazakhstan-")


def test_there_after_the_one_station_a_ranking_names_is_that_station(engine: Engine) -> None:
    ranked = engine.answer("which polish city was worst for putin", None)
    reply = engine.answer("his share there?", ranked.context)
    assert reply.fact_ids[0] == ranked.fact_ids[0]  # the station ranked first, not Poland as a whole


def test_a_person_several_facts_name_answers_without_a_topic_word(engine: Engine) -> None:
    reply = engine.answer("захарова какую цифру называла", None)
    assert reply.kind == "answer" and "zakharova" in reply.fact_ids[0], reply.reason


def test_two_candidates_in_colloquial_words_are_a_question_about_their_contest(engine: Engine) -> None:
    reply = engine.answer("ну чё, в казахстане даванков реально почти догнал путина?", None)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("kazakhstan-"), reply.reason
    assert engine.answer("davankov and putin favourite football club", None).kind == "off_topic"


@pytest.mark.parametrize(
    ("question", "topic_of_first"),
    [
        ("official count in almaty", "result"),  # the count is the result...
        ("how far was the exit poll from the official count for putin?", "exit_poll"),  # ...the poll's baseline here
    ],
)
def test_the_official_count_is_the_result(engine: Engine, question: str, topic_of_first: str) -> None:
    reply = engine.answer(question, None)
    assert engine.index.facts[reply.fact_ids[0]].topic == topic_of_first, reply.reason


def test_how_many_answered_after_an_exit_poll_asks_its_respondents(engine: Engine) -> None:
    first = engine.answer("what happened in almaty?", None)
    second = engine.answer("was there an exit poll there?", first.context)
    reply = engine.answer("how many people answered it", second.context)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("exit-poll-"), reply.reason


def test_the_queue_at_closing_is_told_of_the_station_the_chat_is_at(engine: Engine) -> None:
    first = engine.answer("london official results", None)
    assert "queue-at-close-8061" not in first.fact_ids  # a result asked: the count, not the queue
    second = engine.answer("exit poll there?", first.context)
    reply = engine.answer("how many people were left in line", second.context)
    assert reply.fact_ids[0] == "queue-at-close-8061" and contains(reply.text, "1,000"), reply.reason
    assert engine.answer("what happened in toronto", None).fact_ids[0] == "queue-at-close-8151"


def test_the_city_of_a_question_set_aside_is_there_next(engine: Engine) -> None:
    first = engine.answer("putin in turkey?", None)
    aside = engine.answer("whats the weather like in istanbul this week", first.context)
    assert aside.kind == "off_topic" and not aside.fact_ids
    reply = engine.answer("ok and how did russians vote there?", aside.context)
    # the city meant, or its country: Turkey's result, then Istanbul's station
    assert reply.fact_ids[:2] == ["turkey-official-result", "station-8295"], reply.reason
    # ...for that message only: the next "there" is the station the reply ended on
    assert engine.answer("and the exit poll there?", reply.context).fact_ids[0] == "exit-poll-8295"


def test_a_whole_country_after_other_talk_is_its_count(engine: Engine) -> None:
    first = engine.answer("сколько за путина в бишкеке", None)
    second = engine.answer("кто у них президент кстати", first.context)
    reply = engine.answer("а по всей киргизии?", second.context)
    assert engine.index.facts[reply.fact_ids[0]].topic == "result", reply.reason


def test_a_neighbour_named_in_a_dialog_is_the_next_place(engine: Engine) -> None:
    first = engine.answer("finland result", None)
    reply = engine.answer("and the neighbours, estonia?", first.context)
    assert reply.fact_ids[0] == "estonia-official-result", reply.reason


def test_a_clause_naming_a_place_with_a_weak_topic_word_is_asked_too(engine: Engine) -> None:
    reply = engine.answer("national turnout + total votes abroad?", None)
    assert reply.rule == "multi_part" and "national-turnout" in reply.fact_ids, reply.reason
    assert any(fact_id.startswith("abroad-") for fact_id in reply.fact_ids)


def test_who_won_a_place_in_another_year_is_told_where_a_report_says_it(engine: Engine) -> None:
    reply = engine.answer("who beat putin at a station in iran in 2018", None)
    assert reply.kind == "answer" and contains(reply.text, "Grudinin"), reply.reason
    # ...and where no report says who won there then, the sources have no standings of that year
    assert engine.answer("who won in kazakhstan in 2018", None).kind == "no_data"


@pytest.mark.parametrize("question", ["why were there so many votes in cyprus", "почему на кипре так много голосов"])
def test_why_so_many_votes_gives_the_count_and_its_reasons(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.rule == "reasons" and engine.index.facts[reply.fact_ids[0]].topic == "turnout", reply.reason


def test_presidents_of_several_places_react_each_in_turn(engine: Engine) -> None:
    reply = engine.answer("как отреагировали президенты Казахстана, Киргизии, Таджикистана и Узбекистана", None)
    assert reply.fact_ids == [f"{place}-reaction" for place in ("kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")]


@pytest.mark.parametrize("question", ["памфилова сказала 54,7 по армении, так?", "путин 54,7 в армении, да?"])
def test_a_figure_said_or_tagged_with_a_question_is_checked(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert "claim 54.7" in reply.reason and contains(reply.text, "54,07"), reply.reason
    # ("сказал" stays a word of the leaders' words: what Rahmon said is his reaction)
    assert engine.answer("что сказал рахмон по итогам выборов", None).fact_ids == ["tajikistan-reaction"]


@pytest.mark.parametrize(
    "dialog", [["в Киргизии путин сколько взял", "а какая там столица кстати"], ["сколько времени сейчас в душанбе"]]
)
def test_the_clock_and_the_capital_are_not_the_vote(engine: Engine, dialog: list[str]) -> None:
    reply = _dialog(engine, dialog)
    assert reply.kind == "off_topic" and not reply.fact_ids, reply.reason


@pytest.mark.parametrize(
    "dialog",
    [
        ["how many stations in total", "and what was the plan in january?"],
        ["сколько участков было за рубежом", "а в 2018?", "а сколько планировали в январе?"],
    ],
)
def test_known_words_in_a_dialog_go_on_with_its_subject(engine: Engine, dialog: list[str]) -> None:
    reply = _dialog(engine, dialog)
    assert "abroad-stations-planned-january" in reply.fact_ids, reply.reason


def test_the_queues_of_two_cities_are_each_citys_report(engine: Engine) -> None:
    reply = engine.answer("how long was the queu in berln and in paris", None)
    assert reply.fact_ids == ["germany-berlin-queue-navalnaya", "france-polling-places-and-queue"], reply.reason


def test_where_a_candidate_fell_most_since_2018_ranks_the_changes(engine: Engine) -> None:
    reply = engine.answer("where did putin drop the most compared to 2018", None)
    assert reply.fact_ids[0] == "abroad-2018-share-changes", reply.reason


def test_the_margin_after_who_won_is_asked_of_the_same_place(engine: Engine) -> None:
    first = engine.answer("Кто выиграл в Казахстане?", None)
    reply = engine.answer("с каким отрывом?", first.context)
    assert reply.kind == "answer" and reply.fact_ids[0].startswith("kazakhstan-"), reply.reason


@pytest.mark.parametrize(
    "question",
    [
        "did it snow in almaty during the vote",  # a place's weather, which no fact speaks of
        "сколько стоит такси до посольства в анкаре",  # its prices and transport
        "можно ли прийти на участок в белграде с собакой",
        "что посмотреть в самарканде за два дня",  # its sights
        "скока щас время в ташкенте",  # the clock now
        "russian consulate in dubai opening hours this week",  # this week, not the days of the vote
        "how long is tokayev's presidential term",
        "скока лет даванкову",
        "как по-казахски будет избирательный участок",
        "a kogda u nikh svoi vybory prezidenta",  # their own election
        "weather in almaty tomorrow? need to go to the consulate",  # an ask of another subject is no preamble
    ],
)
def test_everyday_look_alikes_get_no_fact(engine: Engine, question: str) -> None:
    reply = engine.answer(question, None)
    assert reply.kind in ("off_topic", "no_data") and not reply.fact_ids, reply.reason


def test_a_typed_in_latin_is_the_russian_and_of_a_follow_up(engine: Engine) -> None:
    first = engine.answer("chto tam v serbii bylo", None)
    reply = engine.answer("a ocheredi byli?", first.context)  # "а очереди были?"
    assert reply.fact_ids == ["serbia-relocants-and-queue"] and reply.language == "ru", reply.reason

"""bot/abroad_facts.py and its load hook: the official data become places and facts at every load of knowledge/."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from bot.abroad import COUNTRY_TABLE_FILE, DATA_SUBDIR, MAP_FILE, STATION_FILE, load_abroad
from bot.abroad_facts import MAP_SOURCE, _stations_word, number, ru_in
from bot.knowledge import load_folder
from bot.models import Fact, KnowledgeBase
from bot.settings import PROJECT_ROOT
from bot.store import FactStore

KNOWLEDGE = PROJECT_ROOT / "knowledge"
CURATED_COUNTRIES = ("kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")
ADMIN = 4242


@cache
def knowledge() -> KnowledgeBase:
    result = load_folder(KNOWLEDGE)
    assert result.errors == []
    return result.knowledge


def fact(fact_id: str) -> Fact:
    found = knowledge().fact(fact_id)
    assert found is not None, fact_id
    return found


def figure(fact_id: str, metric: str, candidate: str | None = None) -> float | None:
    [value] = [item.value for item in fact(fact_id).figures if (item.metric, item.candidate) == (metric, candidate)]
    return value


def test_places_and_fact_ids() -> None:
    kb = knowledge()
    ids = {item.id for item in kb.facts}
    # 145 country rows + Baikonur, and two curated places: Georgia (no station) and "abroad" (every station)
    assert len(kb.countries) == 148
    kinds = {country.id: country.kind for country in kb.countries}
    assert (kinds["baikonur"], kinds["abroad"], kinds["abkhazia"], kinds["germany"]) == (
        "territory", "abroad", "region", "country",
    )  # fmt: skip
    assert {"abroad-total-turnout", "abroad-total-result", "abroad-total-stations"} <= ids
    for place in ("germany", "south-ossetia", "united-states", "baikonur", *CURATED_COUNTRIES):
        assert {f"{place}-official-{part}" for part in ("turnout", "result", "stations")} <= ids
    assert sum(item.startswith("station-") for item in ids) == 295
    assert sum(item.startswith("exit-poll-") for item in ids) == 62
    # 142 map rows of one place, the merged row for both regions, and voting abroad as a whole
    assert sum(item.endswith("-2018-comparison") for item in ids) == 145
    assert not any(fact.country == "georgia" and fact.id.endswith(("-turnout", "-result")) and "official" in fact.id
                   for fact in kb.facts)  # fmt: skip  # no station there, so no official count


def test_curated_countries_keep_their_entry_and_facts(tmp_path: Path) -> None:
    folder = _knowledge_copy(tmp_path)
    shutil.rmtree(folder / DATA_SUBDIR)
    curated = load_folder(folder).knowledge
    for country_id in CURATED_COUNTRIES:
        assert knowledge().country(country_id) == curated.country(country_id)  # names, aliases, leader
    for item in curated.facts:
        assert knowledge().fact(item.id) == item  # never replaced
    assert fact("kazakhstan-official-result").answer.ru.startswith("Казахстан:")
    assert fact("kyrgyzstan-official-result").answer.ru.startswith("Киргизия:")  # the curated name


def test_places_without_iso_and_breakaway_notes() -> None:
    assert knowledge().country("abkhazia").iso is None
    assert knowledge().country("south-ossetia").iso is None
    assert knowledge().country("baikonur").iso is None
    assert knowledge().country("dr-congo").iso == "CD"
    assert "breakaway region of Georgia" in fact("south-ossetia-official-result").answer.en
    assert "Transnistria" in fact("moldova-official-turnout").answer.en


def test_abroad_totals() -> None:
    assert figure("abroad-total-turnout", "polling_stations") == 288
    assert figure("abroad-total-turnout", "registered_voters") == 383_553
    assert figure("abroad-total-turnout", "voters") == 380_961
    assert figure("abroad-total-turnout", "ballots_in_boxes") == 380_724
    assert figure("abroad-total-turnout", "turnout_percent") is None  # no register abroad
    assert "388,791" in fact("abroad-total-turnout").answer.en and "7,830" in fact("abroad-total-turnout").answer.en
    assert figure("abroad-total-result", "valid_ballots") == 354_577
    assert figure("abroad-total-result", "invalid_ballots") == 26_147
    expected = {"putin": (275_249, 72.30), "davankov": (63_388, 16.65), "kharitonov": (8_445, 2.22),
                "slutsky": (7_495, 1.97)}  # fmt: skip
    for candidate, (votes, share) in expected.items():
        assert figure("abroad-total-result", "votes", candidate) == votes
        assert figure("abroad-total-result", "vote_share", candidate) == share
    assert all(item.country == "abroad" for item in knowledge().facts if item.id.startswith("abroad-total-"))


def test_baikonur_is_its_own_place_not_abroad() -> None:
    assert figure("baikonur-official-turnout", "polling_stations") == 7
    assert figure("baikonur-official-turnout", "voters") == 7_830
    assert figure("baikonur-official-result", "vote_share", "putin") == 84.25
    assert "not among the stations abroad" in fact("baikonur-official-turnout").answer.en  # the place note
    assert fact("station-8140").country == "baikonur"


@pytest.mark.parametrize(
    ("country", "in_boxes", "shares"),
    [
        ("kazakhstan", 9_657, {"putin": 42.18, "davankov": 41.43}),
        ("kyrgyzstan", 7_841, {"putin": 81.34}),
        ("tajikistan", 9_505, {"putin": 93.89}),
        ("uzbekistan", 4_661, {"putin": 58.72, "davankov": 31.02}),
    ],
)
def test_central_asia_official_facts(country: str, in_boxes: int, shares: dict[str, float]) -> None:
    assert figure(f"{country}-official-result", "ballots_in_boxes") == in_boxes
    for candidate, share in shares.items():
        assert figure(f"{country}-official-result", "vote_share", candidate) == share
    assert fact(f"{country}-official-result").topic == "result"
    assert fact(f"{country}-official-turnout").topic == "turnout"


def test_station_and_exit_poll_facts_stay_apart() -> None:
    station, poll = fact("station-8133"), fact("exit-poll-8133")
    assert "Almaty" in station.answer.en and "24.99%" in station.answer.en
    assert {item.kind for item in station.figures} == {"official_result"}
    assert {item.kind for item in poll.figures} == {"exit_poll"}
    assert poll.answer.en.startswith("Exit poll by Vote Abroad volunteers; respondents chose to answer; not an")
    assert figure("exit-poll-8133", "vote_share", "putin") == 8
    assert figure("exit-poll-8133", "sample_size") == 1615
    assert not any(item.kind == "exit_poll" for item in fact("kazakhstan-official-result").figures)


def test_the_queue_at_closing_is_a_volunteer_count_with_its_hedge() -> None:
    queued = {item.id: item for item in knowledge().facts if item.id.startswith("queue-at-close-")}
    assert set(queued) == {"queue-at-close-8015", "queue-at-close-8061", "queue-at-close-8151"}  # the 3 cells
    london = queued["queue-at-close-8061"]
    assert (london.country, london.station, london.topic, london.figures) == ("united-kingdom", 8061, "context", [])
    assert "more than 1,000 people were still queuing" in london.answer.en and "более 1\u00a0000" in london.answer.ru
    assert "about 200" in queued["queue-at-close-8015"].answer.en  # "~200"
    assert all("not an official figure" in item.answer.en for item in queued.values())


def test_transnistria_stations_are_moldovas() -> None:
    issued = [figure(f"station-{number}", "voters") for number in range(8205, 8213)]
    assert sum(value or 0 for value in issued) == 46_182
    assert all(fact(f"station-{number}").country == "moldova" for number in range(8205, 8213))


def comparison_facts() -> list[Fact]:
    return [item for item in knowledge().facts if item.id.endswith("-2018-comparison")]


def test_2018_comparison_facts_say_the_year_and_their_numbers() -> None:
    data = load_abroad(KNOWLEDGE / DATA_SUBDIR)
    places = [item for item in comparison_facts() if item.country != "abroad"]
    assert len(places) == 144
    for item in places:
        row = data.comparison_2018(item.country or "")
        assert row is not None, item.id
        assert (item.id, item.topic, item.source, item.evidence) == (
            f"{item.country}-2018-comparison", "result", MAP_SOURCE, [row.row],
        )  # fmt: skip
        for language in ("en", "ru"):
            text = item.answer.get(language)
            assert "2018" in text, (item.id, language)
            for value in (row.in_boxes, row.putin, row.in_boxes_2018, row.putin_2018, row.share, row.share_2018):
                assert number(value, language) in text, (item.id, language, value)
            assert len(item.questions.get(language)) == 3


def test_no_figure_comes_from_a_2018_comparison() -> None:
    """2018 numbers never reach the 2024 figure tables that rankings, comparisons and claims read."""
    assert all(item.figures == [] for item in comparison_facts())
    assert figure("estonia-official-result", "vote_share", "putin") == 75.22  # the place's 2024 figure is untouched


def test_estonia_and_serbia_2018_comparison_texts() -> None:
    estonia = fact("estonia-2018-comparison").answer
    assert estonia.en.startswith(
        "Estonia, 2024 against 2018 (derived from the compiled country table's change columns): 2,437 ballots in the "
        "boxes in 2024 against 28,072 in 2018 (\u221225,635); Putin 1,833 votes (75.22%) against 26,300 (93.7%) in "
        "2018 (\u221224,467 votes, share \u221218.5 points)."
    )
    assert estonia.ru.startswith("Эстония: 2024 год в сравнении с 2018-м")
    assert "за Путина — 1\u00a0833 (75,22%) против 26\u00a0300 (93,7%)" in estonia.ru  # 2018: one decimal
    assert "доля ниже на 18,5 процентного пункта" in estonia.ru
    serbia = fact("serbia-2018-comparison").answer
    assert "4,724 ballots in the boxes in 2024 against 1,370 in 2018 (+3,354)" in serbia.en
    assert "against 1,139 (83.1%) in 2018" in serbia.en
    assert "(на 3\u00a0354 больше)" in serbia.ru


def test_the_merged_row_answers_for_both_regions_and_says_so() -> None:
    for place, alone in (("abkhazia", "Abkhazia"), ("south-ossetia", "South Ossetia")):
        answer = fact(f"{place}-2018-comparison").answer
        assert '"Abkhazia & Osetia"' in answer.en and "«Abkhazia & Osetia»" in answer.ru
        assert f"no 2018 figure for {alone} alone" in answer.en
        assert "58,286 ballots in the boxes in 2024 against 61,282 in 2018" in answer.en
        assert "not a statement that they are countries" in answer.en
    assert fact("abkhazia-2018-comparison").evidence == fact("south-ossetia-2018-comparison").evidence


def test_abroad_2018_comparison_sums() -> None:
    """PROVENANCE.md's sums: Putin -127,801 votes, the total -93,345; his share fell in 95 of 143 rows."""
    abroad = fact("abroad-2018-comparison")
    assert (abroad.country, abroad.topic, abroad.source, abroad.figures) == ("abroad", "result", MAP_SOURCE, [])
    assert "143 of its 144 rows have a 2018 value (Libya has none; Abkhazia and South Ossetia are one row)" in (
        abroad.answer.en
    )
    assert "changed by \u221293,345 (380,646 in 2024 against 473,991 in 2018)" in abroad.answer.en
    assert "Putin's votes by \u2212127,801 (275,182 against 402,983)" in abroad.answer.en
    assert "Putin's share fell in 95 of the 143 rows" in abroad.answer.en
    assert "на 93\u00a0345 меньше" in abroad.answer.ru and "на 127\u00a0801 меньше" in abroad.answer.ru
    assert "снизилась в 95 из 143 строк" in abroad.answer.ru
    assert all("2018" in text for text in (abroad.answer.en, abroad.answer.ru))


def test_the_biggest_changes_since_2018_rank_the_rows_of_the_map_file() -> None:
    """Cyprus gained most ballots and Moldova lost most; Serbia's share fell most (NGE's ranking, in our check);
    a share's change counts only where both years had 100 ballots or more."""
    ballots = fact("abroad-2018-ballot-changes")
    assert (ballots.country, ballots.topic, ballots.source, ballots.figures) == ("abroad", "turnout", MAP_SOURCE, [])
    rises, falls = ballots.answer.en.split("The biggest rises: ")[1].split("The biggest falls: ")
    assert rises.startswith("Cyprus (+47,938: 53,216 against 5,278), Turkey (+8,676")
    assert falls.startswith("Moldova (\u221231,740: 48,273 against 80,013), Estonia (\u221225,635")
    assert "Больше всего прибавилось: Кипр (+47\u00a0938: 53\u00a0216 против 5\u00a0278)" in ballots.answer.ru
    shares = fact("abroad-2018-share-changes")
    assert (shares.topic, shares.figures) == ("result", [])
    assert "The biggest falls: Serbia (\u221272.3: 10.84% against 83.1%), Montenegro (\u221258.3" in shares.answer.en
    assert "at least 100 ballots in both years" in shares.answer.en
    assert all("2018" in question for question in (*ballots.questions.all(), *shares.questions.all()))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Германия", "в Германии"), ("Кипр", "на Кипре"), ("США", "в США"), ("Коста-Рика", "в Коста-Рике")],
)
def test_russian_in_place(name: str, expected: str) -> None:
    assert ru_in(name) == expected


# --- the data files drive the answers at the next load --------------------------------------------------------


def _knowledge_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, folder)
    return folder


def _move_tashkent_votes(folder: Path, votes: int) -> None:
    """Move ``votes`` from Davankov to Putin at station 8297 (Tashkent), in the protocols, the country table and the
    map file (whose 2024 figures must equal the table's; its 2018 figures stay, so Putin's change moves too)."""
    data = folder / DATA_SUBDIR
    stations = data / STATION_FILE
    old_row = "УИК №8297,УИК №8297,4145,40000,0,4144,1,35855,1,4144,297,3848,0,0,1323,2402,56,67"
    new_row = old_row.replace(",1323,2402,", f",{1323 - votes},{2402 + votes},")
    text = stations.read_text(encoding="utf-8")
    assert old_row in text
    stations.write_text(text.replace(old_row, new_row), encoding="utf-8")
    table = data / COUNTRY_TABLE_FILE
    text = table.read_text(encoding="utf-8")
    old = '"Uzbekistan","UZ",4661,2737,342,1582,'
    assert old in text
    table.write_text(text.replace(old, f'"Uzbekistan","UZ",4661,{2737 + votes},342,{1582 - votes},'), "utf-8")
    map_file = data / MAP_FILE
    text = map_file.read_text(encoding="utf-8")
    old_row = '2024,"Uzbekistan","UZ",4661,2737,342,1582,59,7,34,41,1924,NA,NA,-909,-2417,'
    assert old_row in text
    new_row = old_row.replace(",2737,342,1582,", f",{2737 + votes},342,{1582 - votes},").replace(
        ",-2417,", f",{-2417 + votes},"
    )
    map_file.write_text(text.replace(old_row, new_row), "utf-8")


def test_a_changed_data_file_changes_the_answers_at_the_next_load(tmp_path: Path) -> None:
    folder = _knowledge_copy(tmp_path)
    with FactStore(tmp_path / "facts.db") as store:
        store.ensure_loaded(folder)
        curated = store.get_fact("uzbekistan-result")
        store.set_field("station-8297", "answer.en", "An admin's correction of station 8297.", ADMIN)
        admin_version = store.get_fact("station-8297")

        _move_tashkent_votes(folder, 10)
        report = store.ensure_loaded(folder)

        assert report is not None
        assert "uzbekistan-official-result" in report.updated and "abroad-total-result" in report.updated
        assert "2,747" in store.get_fact("uzbekistan-official-result").answer.en  # Putin 2,737 + 10
        assert "275,259" in store.get_fact("abroad-total-result").answer.en
        assert store.get_fact("uzbekistan-result") == curated  # curated fact untouched
        assert [conflict.fact_id for conflict in report.conflicts] == ["station-8297"]  # the admin's edit is kept
        assert store.get_fact("station-8297") == admin_version
        tashkent = store.db.execute("SELECT putin, davankov FROM stations WHERE number = 8297").fetchone()
        assert tashkent == (2412, 1313)  # the data tables follow the files too

        overwrite = store.load_knowledge(load_folder(folder).knowledge, overwrite=True)
        assert overwrite.overwritten == ["station-8297"]
        assert "Putin 2,412" in store.get_fact("station-8297").answer.en


def test_reloading_unchanged_data_changes_nothing_and_keeps_admin_edits(tmp_path: Path) -> None:
    with FactStore(tmp_path / "facts.db") as store:
        store.ensure_loaded(KNOWLEDGE)
        store.set_field("kazakhstan-official-result", "answer.ru", "Правка администратора.", ADMIN)
        report = store.ensure_loaded(KNOWLEDGE)
        assert report is not None and not report.changed and not report.conflicts
        assert store.get_fact("kazakhstan-official-result").answer.ru == "Правка администратора."


def test_a_broken_data_file_is_one_error_naming_the_file(tmp_path: Path) -> None:
    folder = _knowledge_copy(tmp_path)
    (folder / DATA_SUBDIR / STATION_FILE).write_text("region,tik,uik\n", encoding="utf-8")
    result = load_folder(folder)
    [error] = result.errors
    assert error.file == "knowledge/sources/abroad/data"
    assert "official data not loaded" in error.message and STATION_FILE in error.message
    assert result.knowledge.fact("uzbekistan-result") is not None  # the curated facts still load
    assert result.abroad is None


def test_a_folder_without_the_data_has_the_places_by_name_and_no_data_facts(tmp_path: Path) -> None:
    folder = _knowledge_copy(tmp_path)
    shutil.rmtree(folder / DATA_SUBDIR)
    result = load_folder(folder)
    assert result.errors == []
    assert len(result.knowledge.countries) == 148  # named by bot.country_names, so press facts about them load
    assert not any(item.id.endswith("-official-result") for item in result.knowledge.facts)
    assert not any(item.id.startswith("station-") for item in result.knowledge.facts)


@pytest.mark.parametrize(
    ("count", "words"),
    [
        (1, "1 избирательный участок"),
        (3, "3 избирательных участка"),
        (5, "5 избирательных участков"),
        (11, "11 избирательных участков"),
        (21, "21 избирательный участок"),
        (22, "22 избирательных участка"),
        (12, "12 избирательных участков"),
    ],
)
def test_the_russian_station_count_agrees_with_its_number(count: int, words: str) -> None:
    assert _stations_word(count, "ru") == words

"""Content checks on the curated fact base in knowledge/: nothing invented, nothing missing.

Every evidence sentence must be found verbatim in the stored source text, every number a user reads (in either
language) must come from that evidence, and the coverage checklist of the sources must be answerable.
"""

from __future__ import annotations

import csv
import math
import re
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache

import pytest
import yaml
from rapidfuzz import fuzz, process

from bot.abroad import country_id as data_country_id
from bot.abroad_facts import (
    CHANGE_FACTS,
    CHANGE_MIN_BALLOTS,
    COUNTRY_TABLE_SOURCE,
    EXIT_POLL_SOURCE,
    MAP_SOURCE,
    PACKAGE_SOURCE,
    PROTOCOLS_SOURCE,
)
from bot.knowledge import _names_place, _place_stems
from bot.models import Fact, KnowledgeBase
from bot.settings import PROJECT_ROOT

KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
# The project keeps its own copy of each source text (knowledge/sources/), so evidence is checkable anywhere;
# the team's shared originals sit beside the project (or beside the folder of its worktrees) when it is checked
# out there.
SOURCES_DIR = KNOWLEDGE_DIR / "sources"
SHARED_SOURCES_DIR = next(
    (folder / "shared" / "sources" for folder in PROJECT_ROOT.parents if (folder / "shared" / "sources").is_dir()),
    PROJECT_ROOT.parent / "shared" / "sources",
)

COUNTRY_IDS = ("kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")
CANDIDATE_IDS = ("putin", "kharitonov", "davankov", "slutsky")

# "1,600", "1 600" (also with no-break spaces) and "76,277,708" are thousands; "87,28" and "87.28" are decimals.
_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)?)(\s*(?:million|млн))?")


def numbers_in(text: str) -> list[float]:
    """Every number in a text, with "87.6 million" / "87,6 млн" also read as 87600000."""
    found = []
    for match in _NUMBER.finditer(text):
        digits = match.group(1)
        if re.fullmatch(r"\d{1,3}(?:[,\u00a0\u202f ]\d{3})+", digits):
            value = float(re.sub(r"\D", "", digits))
        else:
            value = float(digits.replace(",", "."))
        found.append(value)
        if match.group(2):
            found.append(value * 1_000_000)
    return found


def unsupported_numbers(text: str, evidence: list[str]) -> list[float]:
    """Numbers of ``text`` that none of the evidence sentences contains."""
    known = [number for sentence in evidence for number in numbers_in(sentence)]
    return [number for number in numbers_in(text) if not any(math.isclose(number, other) for other in known)]


def _read_folder_with_yaml() -> KnowledgeBase:
    merged: dict[str, list] = {"sources": [], "countries": [], "candidates": [], "facts": []}
    for path in sorted(KNOWLEDGE_DIR.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, items in data.items():
            merged[key].extend(items or [])
    return KnowledgeBase(**merged)


@cache
def knowledge() -> KnowledgeBase:
    try:
        from bot.knowledge import load_folder
    except ImportError:  # the loader is built in parallel; the content can be checked without it
        return _read_folder_with_yaml()
    result = load_folder(KNOWLEDGE_DIR)
    assert not result.errors, "\n".join(str(error) for error in result.errors)
    return result.knowledge


def facts() -> list[Fact]:
    return knowledge().facts


def fact_ids() -> list[str]:
    return [fact.id for fact in facts()]


# Facts built from the official data files at load (bot/abroad_facts.py) cite one of these sources; their numbers
# are checked against a recomputation from the station file or the map file (below) instead of against evidence prose.
DATA_SOURCES = frozenset({PROTOCOLS_SOURCE, COUNTRY_TABLE_SOURCE, EXIT_POLL_SOURCE, PACKAGE_SOURCE, MAP_SOURCE})


def curated_facts() -> list[Fact]:
    return [fact for fact in facts() if fact.source not in DATA_SOURCES]


def data_facts() -> list[Fact]:
    return [fact for fact in facts() if fact.source in DATA_SOURCES]


@cache
def source_text(source_id: str) -> str:
    source = knowledge().source(source_id)
    assert source is not None and source.file, f"source {source_id} has no stored file"
    return (SOURCES_DIR / source.file).read_text(encoding="utf-8")


def test_folder_layout_holds_every_part() -> None:
    kb = knowledge()
    # the seed's sources and the data's; the press sources abroad live in knowledge/abroad/press/
    assert {source.id for source in kb.sources} >= {"eurasianet-2024", "cec-2024", *DATA_SOURCES}
    # the curated four, a place per other row of the official data's country table (141), Baikonur, Georgia and 'abroad'
    assert set(COUNTRY_IDS) <= {country.id for country in kb.countries}
    assert len(kb.countries) == 148
    assert {candidate.id for candidate in kb.candidates} == set(CANDIDATE_IDS)
    for country_id in COUNTRY_IDS:
        assert (KNOWLEDGE_DIR / "countries" / f"{country_id}.yaml").is_file()


def test_fact_ids_are_unique() -> None:
    ids = fact_ids()
    assert len(ids) == len(set(ids)), sorted(fact_id for fact_id in ids if ids.count(fact_id) > 1)


def test_sources_name_their_publisher_date_and_file() -> None:
    eurasianet = knowledge().source("eurasianet-2024")
    cec = knowledge().source("cec-2024")
    assert eurasianet is not None and cec is not None
    assert eurasianet.publisher.startswith("Eurasianet") and eurasianet.date == "March 2024"
    assert cec.date == "2024-03-21" and "Xinhua" in cec.publisher and "Sputnik" in cec.publisher
    for source in knowledge().sources:
        assert source.file and (SOURCES_DIR / source.file).is_file(), f"{source.id}: stored text not found"


@pytest.mark.parametrize("fact", facts(), ids=fact_ids())
def test_fact_speaks_both_languages(fact: Fact) -> None:
    assert not re.search(r"[а-яё]", fact.answer.en, re.IGNORECASE), "English answer contains Cyrillic"
    assert re.search(r"[а-яё]", fact.answer.ru, re.IGNORECASE), "Russian answer has no Cyrillic"
    for language in ("en", "ru"):
        assert 3 <= len(fact.questions.get(language)) <= 5, f"{language}: want 3-5 example questions"


def _unwrapped(text: str) -> str:
    """The text with line wrapping undone: the fact sheets wrap a bullet over several indented lines."""
    return " ".join(text.split())


@pytest.mark.parametrize("fact", facts(), ids=fact_ids())
def test_evidence_is_verbatim_in_the_source(fact: Fact) -> None:
    text = _unwrapped(source_text(fact.source))
    for sentence in fact.evidence:
        assert _unwrapped(sentence) in text, f"not found verbatim in {fact.source}: {sentence!r}"


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("fact", curated_facts(), ids=lambda fact: fact.id)
def test_every_number_in_the_answer_is_in_the_evidence(fact: Fact, language: str) -> None:
    assert unsupported_numbers(fact.answer.get(language), fact.evidence) == []


@pytest.mark.parametrize("fact", curated_facts(), ids=lambda fact: fact.id)
def test_every_figure_is_in_the_evidence(fact: Fact) -> None:
    evidence_numbers = [number for sentence in fact.evidence for number in numbers_in(sentence)]
    for figure in fact.figures:
        if figure.value is not None:
            assert any(math.isclose(figure.value, number) for number in evidence_numbers), figure


@pytest.mark.parametrize(
    ("text", "evidence", "unsupported"),
    [
        ("Putin got 90 percent.", ["Putin got 87.3 percent."], [90.0]),
        ("около 1 600 человек, 87,28 процента", ["around 1,600 people", "87.28 percent"], []),
        ("около 87,6 млн избирателей (87600000)", ["about 87.6 million voters"], []),
        ("more than 7,800 voters", ["more than 7,300 voters"], [7800.0]),
    ],
)
def test_number_check_catches_invented_figures(text: str, evidence: list[str], unsupported: list[float]) -> None:
    assert unsupported_numbers(text, evidence) == unsupported


@pytest.mark.parametrize("fact", facts(), ids=fact_ids())
def test_references_exist(fact: Fact) -> None:
    kb = knowledge()
    assert kb.source(fact.source) is not None, f"unknown source {fact.source}"
    assert fact.country is None or kb.country(fact.country) is not None, f"unknown country {fact.country}"
    assert fact.candidate is None or kb.candidate(fact.candidate) is not None, f"unknown candidate {fact.candidate}"
    for figure in fact.figures:
        assert figure.candidate is None or kb.candidate(figure.candidate) is not None, figure


@pytest.mark.parametrize("fact", [fact for fact in facts() if fact.country], ids=lambda fact: fact.id)
def test_answer_names_its_country(fact: Fact) -> None:
    country = knowledge().country(fact.country or "")
    assert country is not None
    if country.kind == "abroad":  # voting abroad as a whole: the answer says so
        words_en = r"abroad|foreign|outside Russia|Noon Against Putin|embass|mission|countries|stations|cities|capitals"
        words_ru = r"рубеж|границ|заграничн|Полдень против Путина|посольств|представительств|стран|участк|город|столиц"
        assert re.search(words_en, fact.answer.en), fact.answer.en
        assert re.search(words_ru, fact.answer.ru), fact.answer.ru
        return
    assert country.name.en in fact.answer.en
    assert country.name.ru[:-1] in fact.answer.ru  # Russian inflects the ending: Киргизия -> в Киргизии


KIND_WORDS = {
    "exit_poll": {"en": ("exit poll",), "ru": ("экзитпол",)},
    "reported_count": {"en": ("reported", "according to Eurasianet"), "ru": ("сообща", "по данным", "по имеющимся")},
    "reported_result": {
        "en": ("reported", "according to Eurasianet", "report"),
        "ru": ("сообща", "по данным", "по имеющимся", "отчёт"),
    },
    "official_result": {"en": ("official", "Central Election Commission"), "ru": ("официальн", "ЦИК")},
}
HEDGE_WORDS = {
    "around": {"en": ("around", "about"), "ru": ("около", "примерно")},
    "more_than": {"en": ("more than",), "ru": ("более",)},
}
REPORTEDLY = {"en": ("reportedly",), "ru": ("по имеющимся данным", "как сообщается")}
NOT_REPORTED = {
    "en": ("not reported", "does not say", "no turnout", "gives no"),
    "ru": ("не сообщ", "не сказано", "не привод", "нет"),
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("fact", facts(), ids=fact_ids())
def test_answer_says_what_kind_of_figure_and_keeps_hedges(fact: Fact, language: str) -> None:
    answer = fact.answer.get(language).casefold()
    for figure in fact.figures:
        if figure.value is None:
            assert any(word.casefold() in answer for word in NOT_REPORTED[language]), (
                f"does not say {figure.metric} is missing"
            )
            continue
        assert any(word.casefold() in answer for word in KIND_WORDS[figure.kind][language]), (
            f"kind {figure.kind} not said"
        )
        if figure.approx in HEDGE_WORDS:
            assert any(word.casefold() in answer for word in HEDGE_WORDS[figure.approx][language]), (
                f"lost '{figure.approx}'"
            )
        if (figure.note or "").startswith("reportedly"):
            assert any(word.casefold() in answer for word in REPORTEDLY[language]), "lost 'reportedly'"


HEDGE_TRANSLATIONS = [
    ("reportedly", ("по имеющимся данным", "как сообщается")),
    ("around", ("около", "примерно")),
    ("more than", ("более",)),
    ("appears", ("судя по всему", "похоже")),
]


@pytest.mark.parametrize("fact", facts(), ids=fact_ids())
def test_russian_answer_keeps_every_english_hedge(fact: Fact) -> None:
    for hedge, translations in HEDGE_TRANSLATIONS:
        if hedge in fact.answer.en:
            assert any(word in fact.answer.ru for word in translations), f"Russian answer lost '{hedge}'"


@pytest.mark.parametrize("fact", [fact for fact in facts() if fact.topic == "reaction"], ids=lambda fact: fact.id)
def test_leaders_are_quoted_verbatim(fact: Fact) -> None:
    quotes = [quote for sentence in fact.evidence for quote in re.findall(r"“[^”]+”", sentence)]
    for quote in quotes:
        assert quote in fact.answer.en, f"English answer does not quote verbatim: {quote}"
    if quotes:
        assert "«" in fact.answer.ru and "(перевод цитаты)" in fact.answer.ru, "Russian quote must say it is translated"


def test_every_president_reacts_in_their_country() -> None:
    # the four Central Asian countries of the seed; the press facts abroad quote no head of state
    for country in (knowledge().country(country_id) for country_id in COUNTRY_IDS):
        assert country is not None and country.leader is not None
        surname_en = country.leader.name.en.split()[-1]
        surname_ru = country.leader.name.ru.split()[-1]
        reactions = [fact for fact in facts() if fact.country == country.id and fact.topic == "reaction"]
        assert reactions, f"no reaction fact for {country.id}"
        assert any(surname_en in fact.answer.en and surname_ru[:-1] in fact.answer.ru for fact in reactions)
        assert surname_en in country.leader.aliases.en and surname_ru in country.leader.aliases.ru


def test_country_aliases_point_to_one_country() -> None:
    owner: dict[str, str] = {}
    for country in knowledge().countries:
        for name in [country.name.en, country.name.ru, *country.aliases.all()]:
            key = re.sub(r"[\s-]+", " ", name.casefold().replace("ё", "е")).strip()
            assert owner.setdefault(key, country.id) == country.id, f"{name!r}: {owner[key]} and {country.id}"


@pytest.mark.parametrize(
    ("country_id", "names"),
    [
        ("kazakhstan", ["Almaty", "Алматы", "Алма-Ата", "Astana", "Астана", "Kazakh", "казахский", "казахстанский"]),
        ("kyrgyzstan", ["Кыргызстан", "Kyrgyz Republic", "Kirghizia", "Bishkek", "Бишкек", "Frunze", "киргизский"]),
        ("tajikistan", ["Tadjikistan", "Dushanbe", "Душанбе", "Stalinabad", "Khujand", "Tajik", "таджикский"]),
        ("uzbekistan", ["Tashkent", "Ташкент", "Samarkand", "Самарканд", "Uzbek", "узбекский"]),
    ],
)
def test_countries_know_their_cities_and_adjectives(country_id: str, names: list[str]) -> None:
    country = knowledge().country(country_id)
    assert country is not None
    missing = [name for name in names if name not in [country.name.en, country.name.ru, *country.aliases.all()]]
    assert missing == []


def test_candidates_have_bilingual_names_and_parties() -> None:
    for candidate in knowledge().candidates:
        assert candidate.party is not None, candidate.id
        surname_en, surname_ru = candidate.name.en.split()[-1], candidate.name.ru.split()[-1]
        assert surname_en in candidate.aliases.en and surname_ru in candidate.aliases.ru, candidate.id


@pytest.mark.parametrize("language", ["en", "ru"])
def test_example_questions_are_not_near_duplicates_across_facts(language: str) -> None:
    # Stricter than the validator's cutoff, so the curated base keeps a margin.
    # The validator's exemptions hold here too: questions differing in a number ("station 8133" / "8134"), and
    # questions of facts about two different places that each name their own place ("in Austria" / "in Australia").
    stems = _place_stems(knowledge())
    entries = [(fact.id, question, fact.country) for fact in facts() for question in fact.questions.get(language)]
    texts = [" ".join(re.sub(r"[^\w\s]", " ", question.casefold()).split()) for _, question, _ in entries]

    def own_place(number: int) -> bool:
        country = entries[number][2]
        return bool(country) and _names_place(texts[number].replace("ё", "е"), stems[country])

    scores = process.cdist(texts, texts, scorer=fuzz.token_sort_ratio, processor=None, score_cutoff=85, workers=-1)
    clashes = [
        (entries[a][:2], entries[b][:2])
        for a, b in zip(*scores.nonzero(), strict=True)
        if a < b
        and entries[a][0] != entries[b][0]
        and not (entries[a][2] != entries[b][2] and own_place(a) and own_place(b))
        and set(re.findall(r"\d+", texts[a])) == set(re.findall(r"\d+", texts[b]))
    ]
    assert clashes == []


# The coverage checklist: what the two sources say, each answerable from some fact.
REQUIRED_TOPICS = [
    *[(country, topic) for country in COUNTRY_IDS for topic in ("turnout", "result", "polling_places", "reaction")],
    ("kazakhstan", "exit_poll"),
    ("kazakhstan", "diaspora"),
    ("kyrgyzstan", "diaspora"),
    ("kyrgyzstan", "context"),
    ("tajikistan", "diaspora"),
    ("tajikistan", "context"),
    ("uzbekistan", "diaspora"),
    ("uzbekistan", "context"),
    (None, "result"),
    (None, "turnout"),
    (None, "schedule"),
    (None, "candidate"),
    (None, "source"),
    (None, "diaspora"),
]


@pytest.mark.parametrize(("country_id", "topic"), REQUIRED_TOPICS)
def test_required_topic_is_covered(country_id: str | None, topic: str) -> None:
    assert any(fact.country == country_id and fact.topic == topic for fact in facts())


REQUIRED_PHRASES = [
    ("kazakhstan-exit-poll", ["independent exit poll", "consulate", "1,600", "8 percent", "70 percent"]),
    ("kazakhstan-relokanty", ["evade being drafted", "rejection of Putin’s rule", "relokanty"]),
    ("kazakhstan-reaction", ["Tokayev", "“popular support for Russian leader’s strategic agenda.”"]),
    ("kyrgyzstan-dissent", ["little sign of anti-Putin dissent"]),
    ("kyrgyzstan-reaction", ["Japarov", "reportedly", "similarly fulsome compliments"]),
    ("uzbekistan-reaction", ["Mirziyoyev", "reportedly", "similarly fulsome compliments"]),
    ("tajikistan-reaction", ["Rahmon", "first to congratulate"]),
    ("tajikistan-military-base", ["Russian military base"]),
    ("tajikistan-dual-citizens", ["dual citizenship"]),
    ("tajikistan-polling-data", ["no polling data", "pro-Putin"]),
    ("uzbekistan-long-lines", ["long lines"]),
    ("uzbekistan-polling-places", ["Tashkent", "Samarkand"]),
    ("national-schedule", ["15-17 March 2024", "first three-day", "about 30 regions"]),
    ("national-share-eurasianet", ["87.3 percent"]),
    ("davankov-foil-candidate", ["foil candidate", "New People"]),
    ("source-cec", ["Ella Pamfilova", "21 March 2024", "Xinhua", "Sputnik"]),
    ("source-eurasianet", ["Eurasianet", "news summary"]),
]


@pytest.mark.parametrize(("fact_id", "phrases"), REQUIRED_PHRASES)
def test_required_content_is_stated(fact_id: str, phrases: list[str]) -> None:
    fact = knowledge().fact(fact_id)
    assert fact is not None, f"missing fact {fact_id}"
    assert [phrase for phrase in phrases if phrase not in fact.answer.en] == []


# (country, metric, candidate, kind, value, approx); value None means "explicitly not reported".
REQUIRED_FIGURES = [
    ("kazakhstan", "sample_size", None, "exit_poll", 1600, "around"),
    ("kazakhstan", "vote_share", "putin", "exit_poll", 8, "exact"),
    ("kazakhstan", "vote_share", "davankov", "exit_poll", 70, "around"),
    ("kazakhstan", "voters", None, "reported_count", None, "exact"),
    ("kazakhstan", "vote_share", "putin", "reported_result", None, "exact"),
    ("kyrgyzstan", "voters", None, "reported_count", 7800, "more_than"),
    ("kyrgyzstan", "vote_share", "putin", "reported_result", 81, "around"),
    ("tajikistan", "voters", None, "reported_count", 9500, "more_than"),
    ("tajikistan", "vote_share", "putin", "reported_result", None, "exact"),
    ("uzbekistan", "voters", None, "reported_count", 4600, "around"),
    ("uzbekistan", "vote_share", "putin", "reported_result", 57.6, "exact"),
    ("uzbekistan", "vote_share", "davankov", "reported_result", 31.9, "exact"),
    (None, "vote_share", "putin", "reported_result", 87.3, "exact"),
    (None, "vote_share", "putin", "official_result", 87.28, "exact"),
    (None, "votes", "putin", "official_result", 76_277_708, "exact"),
    (None, "vote_share", "kharitonov", "official_result", 4.31, "exact"),
    (None, "votes", "kharitonov", "official_result", 3_768_470, "exact"),
    (None, "vote_share", "davankov", "official_result", 3.85, "exact"),
    (None, "votes", "davankov", "official_result", 3_362_484, "exact"),
    (None, "vote_share", "slutsky", "official_result", 3.20, "exact"),
    (None, "votes", "slutsky", "official_result", 2_797_629, "exact"),
    (None, "turnout_percent", None, "official_result", 77.49, "exact"),
    (None, "voters", None, "official_result", 87_600_000, "around"),
    (None, "regions", None, "official_result", 30, "around"),
]


@pytest.mark.parametrize(("country_id", "metric", "candidate", "kind", "value", "approx"), REQUIRED_FIGURES)
def test_required_figure_is_recorded(
    country_id: str | None, metric: str, candidate: str | None, kind: str, value: float | None, approx: str
) -> None:
    matches = [
        figure
        for fact in curated_facts()  # the official data's figures are checked by the data tests below
        if fact.country == country_id
        for figure in fact.figures
        if (figure.metric, figure.candidate, figure.kind) == (metric, candidate, kind)
    ]
    assert matches, "figure missing"
    for figure in matches:
        assert figure.value == value and figure.approx == approx, figure


@pytest.mark.skipif(not SHARED_SOURCES_DIR.is_dir(), reason="the shared source folder is not beside this checkout")
@pytest.mark.parametrize(
    "name", sorted(path.relative_to(SOURCES_DIR).as_posix() for path in SOURCES_DIR.rglob("*") if path.is_file())
)
def test_source_copies_match_the_shared_originals(name: str) -> None:
    # every stored file, including the abroad package's data files (CSV, txt) and its README / PROVENANCE
    original = SHARED_SOURCES_DIR / name
    assert original.is_file(), f"{name} is not among the shared sources"
    assert (SOURCES_DIR / name).read_bytes() == original.read_bytes()


# --- facts built from the official data (bot/abroad_facts.py) ---------------------------------------------------
# Rule: every number a user reads in a data fact, and every figure it carries, is either a field of its evidence
# (the quoted CSV row or headline line) or a value recomputed here, independently of bot/abroad.py, from the station
# file: a sum of protocol lines over the fact's stations, ballots issued / on the day / in the boxes, a share of
# the ballots in the boxes (2 decimals, half up), or a station count. Figures must equal that recomputation.

DATA_DIR = SOURCES_DIR / "abroad" / "data"
PROTOCOL_COLUMNS = {
    "registered": "Число избирателей, включенных в список избирателей",
    "early": "Число избирательных бюллетеней, выданных избирателям, проголосовавшим досрочно",
    "inside": "Число избирательных бюллетеней, выданных в помещении для голосования в день голосования",
    "outside": "Число избирательных бюллетеней, выданных вне помещения для голосования в день голосования",
    "portable": "Число избирательных бюллетеней в переносных ящиках для голосования",
    "stationary": "Число бюллетеней в стационарных ящиках для голосования",
    "invalid": "Число недействительных избирательных бюллетеней",
    "valid": "Число действительных избирательных бюллетеней",
    "putin": "Путин Владимир Владимирович",
    "davankov": "Даванков Владислав Андреевич",
    "kharitonov": "Харитонов Николай Михайлович",
    "slutsky": "Слуцкий Леонид Эдуардович",
}


@cache
def protocols() -> dict[int, dict[str, int]]:
    with (DATA_DIR / "dkobak_2024_foreign_and_baikonur_uik.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        int(row["uik"].split("№")[1]): {
            **{key: int(row[column]) for key, column in PROTOCOL_COLUMNS.items()},
            "baikonur": int("Байконур" in row["region"]),
        }
        for row in rows
    }


@cache
def stations_by_place() -> dict[str, tuple[int, ...]]:
    with (DATA_DIR / "station_country.csv").open(encoding="utf-8") as handle:
        mapping = {int(row["station"]): data_country_id(row["country_en"]) for row in csv.DictReader(handle)}
    places: dict[str, list[int]] = {}
    for number, place in sorted(mapping.items()):
        places.setdefault(place, []).append(number)
    places["baikonur"] = [number for number, row in sorted(protocols().items()) if row["baikonur"]]
    places["abroad"] = sorted(mapping)
    return {place: tuple(numbers) for place, numbers in places.items()}


def _share(part: int, whole: int) -> float:
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def recomputed(numbers: tuple[int, ...]) -> dict[str, float]:
    """Metric (or candidate metric) -> value over the given stations."""
    rows = [protocols()[number] for number in numbers]
    summed = {key: sum(row[key] for row in rows) for key in PROTOCOL_COLUMNS}
    in_boxes = summed["portable"] + summed["stationary"]
    values = {
        "polling_stations": len(numbers),
        "registered_voters": summed["registered"],
        "voters": summed["early"] + summed["inside"] + summed["outside"],
        "ballots_early": summed["early"],
        "ballots_on_day": summed["inside"] + summed["outside"],
        "ballots_in_boxes": in_boxes,
        "valid_ballots": summed["valid"],
        "invalid_ballots": summed["invalid"],
        "invalid_share": _share(summed["invalid"], in_boxes),
    }
    values["turnout_percent"] = _share(values["voters"], summed["registered"])
    for candidate in CANDIDATE_IDS:
        values[f"votes/{candidate}"] = summed[candidate]
        values[f"vote_share/{candidate}"] = _share(summed[candidate], in_boxes)
    return {key: float(value) for key, value in values.items()}


def data_station_sets(fact: Fact) -> list[tuple[int, ...]]:
    """The station sets a data fact may state figures of; its own set first."""
    if match := re.fullmatch(r"station-(\d+)", fact.id):
        return [(int(match.group(1)),)]
    if fact.id.startswith(("exit-poll-", "queue-at-close-")) or fact.source == MAP_SOURCE:
        return []
    if fact.id.startswith("abroad-total-"):
        abroad, baikonur = stations_by_place()["abroad"], stations_by_place()["baikonur"]
        return [abroad, baikonur, abroad + baikonur]
    place = fact.id.split("-official-")[0]
    own = stations_by_place()[place]
    return [own, *((number,) for number in own)]


def evidence_fields(fact: Fact) -> list[float]:
    """The numbers of the evidence: each field of a quoted CSV row, or the numbers of a quoted text line."""
    found: list[float] = []
    for sentence in fact.evidence:
        if sentence.startswith("|"):
            found += numbers_in(sentence)
            continue
        delimiter = ";" if fact.source == EXIT_POLL_SOURCE else ","
        for field_text in next(csv.reader([sentence], delimiter=delimiter)):
            # ("УИК №8061"; the exit poll's queue at closing, ">1000" or "~200")
            digits = re.sub(r"^(?:УИК №|[>~])", "", field_text.strip())
            if re.fullmatch(r"\d+(\.\d+)?", digits):
                found.append(float(digits))
    return found


# The 2018 comparison (the map file): 2018 = 2024 minus the change columns, recomputed here from the file.


@cache
def map_rows() -> list[dict[str, str]]:
    with (DATA_DIR / "vearlen_df_map_2024.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _with_2018(row: dict[str, str]) -> bool:
    return row["_total_diff"] != "NA"


def _derived_2018(row: dict[str, str]) -> dict[str, float]:
    total, putin = int(row["total"]), int(row["gov_total"])
    total_2018, putin_2018 = total - int(row["_total_diff"]), putin - int(row["_gov_total_diff"])
    # the 2018 share to one decimal (its basis is derived), and the change in points with it
    share = _share(putin, total)
    share_2018 = float((Decimal(putin_2018) * 100 / Decimal(total_2018)).quantize(Decimal("0.1"), ROUND_HALF_EVEN))
    points = float(
        (Decimal(str(share)) - Decimal(str(share_2018))).copy_abs().quantize(Decimal("0.1"), ROUND_HALF_EVEN)
    )
    return {
        "total_2018": total_2018,
        "putin_2018": putin_2018,
        "share": share,
        "share_2018": share_2018,
        "points": points,  # stated without its sign, which the number check ignores
        "total_change": abs(int(row["_total_diff"])),
        "putin_change": abs(int(row["_gov_total_diff"])),
    }


def comparison_numbers(fact: Fact) -> list[float]:
    """What a 2018-comparison fact may state besides its evidence: the year and the derived 2018 figures of its row,
    or, for voting abroad, the sums over the rows with a 2018 value."""
    if fact.country != "abroad":
        [row] = list(csv.DictReader([",".join(map_rows()[0].keys()), fact.evidence[0]]))
        return [2018.0, *_derived_2018(row).values()]
    if fact.id in CHANGE_FACTS:  # the rows it ranks are its evidence, each with its derived 2018 figures
        rows = list(csv.DictReader([",".join(map_rows()[0].keys()), *fact.evidence]))
        return [
            2018.0,
            2024.0,
            float(CHANGE_MIN_BALLOTS),
            *(value for row in rows for value in _derived_2018(row).values()),
        ]
    rows = [row for row in map_rows() if _with_2018(row)]
    total, putin = sum(int(row["total"]) for row in rows), sum(int(row["gov_total"]) for row in rows)
    total_change, putin_change = (
        sum(int(row["_total_diff"]) for row in rows),
        sum(int(row["_gov_total_diff"]) for row in rows),
    )
    fell = sum(
        1
        for row in rows
        if int(row["gov_total"]) * (int(row["total"]) - int(row["_total_diff"]))
        < (int(row["gov_total"]) - int(row["_gov_total_diff"])) * int(row["total"])
    )
    return [2018.0, len(rows), len(map_rows()), total, putin, total - total_change, putin - putin_change,
            abs(total_change), abs(putin_change), fell]  # fmt: skip


def allowed_numbers(fact: Fact) -> list[float]:
    values = evidence_fields(fact)
    for numbers in data_station_sets(fact):
        values += [*recomputed(numbers).values(), *numbers]
    if fact.source == MAP_SOURCE:
        values += comparison_numbers(fact)
    return values


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("fact", data_facts(), ids=lambda fact: fact.id)
def test_every_number_of_a_data_fact_is_in_its_evidence_or_recomputed(fact: Fact, language: str) -> None:
    allowed = allowed_numbers(fact)
    unexplained = [
        number for number in numbers_in(fact.answer.get(language)) if not any(math.isclose(number, a) for a in allowed)
    ]
    assert unexplained == []


@pytest.mark.parametrize("fact", data_facts(), ids=lambda fact: fact.id)
def test_data_figures_equal_the_recomputation_from_the_station_file(fact: Fact) -> None:
    if fact.source == MAP_SOURCE:
        assert fact.figures == []  # the 2018 comparison never enters the 2024 figure tables
        return
    sets = data_station_sets(fact)
    if not sets:  # the exit poll, the queue at closing: figures are fields of its row
        fields = evidence_fields(fact)
        assert all(figure.value in fields for figure in fact.figures if figure.value is not None)
        # (the queue at closing counts no ballot: no figure)
        assert {figure.kind for figure in fact.figures} == ({"exit_poll"} if fact.topic == "exit_poll" else set())
        return
    expected = recomputed(sets[0])
    for figure in fact.figures:
        key = f"{figure.metric}/{figure.candidate}" if figure.candidate else figure.metric
        if figure.value is None:
            assert figure.metric == "turnout_percent", figure  # no register abroad: stated as not reported
            continue
        assert figure.value == expected[key], (key, figure.value, expected[key])
        assert figure.kind == "official_result"


def test_country_result_evidence_is_its_country_table_row_and_equals_its_stations() -> None:
    with (DATA_DIR / "vearlen_df_2024_cntr_results.csv").open(encoding="utf-8") as handle:
        table = {data_country_id(row["en_country"]): row for row in csv.DictReader(handle)}
    assert len(table) == 145
    for place, row in table.items():
        fact = knowledge().fact(f"{place}-official-result")
        assert fact is not None and fact.source == COUNTRY_TABLE_SOURCE
        [evidence] = fact.evidence
        assert f'"{row["en_country"]}"' in evidence
        sums = recomputed(stations_by_place()[place])
        others = sum(sums[f"votes/{candidate}"] for candidate in ("davankov", "kharitonov", "slutsky"))
        assert (sums["ballots_in_boxes"], sums["votes/putin"], sums["invalid_ballots"], others) == (
            float(row["total"]),
            float(row["gov_total"]),
            float(row["reject_total"]),
            float(row["against_total"]),
        ), place


def test_exit_poll_facts_always_say_what_they_are() -> None:
    polls = [fact for fact in data_facts() if fact.topic == "exit_poll"]
    assert len(polls) == 62
    for fact in polls:
        assert "Exit poll by Vote Abroad volunteers; respondents chose to answer; not an official result." in (
            fact.answer.en
        )
        assert "не официальный результат" in fact.answer.ru
        assert fact.source == EXIT_POLL_SOURCE

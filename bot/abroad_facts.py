"""The official abroad data as fact-base items: a place per country row and Baikonur, and facts built from templates.

``bot.knowledge.load_folder`` calls ``build_abroad_knowledge`` whenever ``knowledge/sources/abroad/data`` exists,
so the facts are rebuilt from the data files at every load: a corrected data file changes the answers at the next
load, and the store's usual merge applies (an admin's edit of a data fact is kept and reported as a conflict).

Fact ids (stable, so admin edits and history follow them):

- ``<country>-official-turnout`` / ``-official-result`` / ``-official-stations``: one country row of the data
  (and ``baikonur-official-...`` for Baikonur, a Russian region in CEC terms, reported separately);
- ``station-<number>``: one station's protocol (all 295, Baikonur's included);
- ``exit-poll-<number>``: the Vote Abroad exit poll at one of its 62 stations, never merged with official figures;
- ``queue-at-close-<number>``: the people the exit-poll volunteers saw still queuing when that station closed (three
  stations: London, Toronto, Vienna), a volunteer count (topic ``context``, no figure: it counts no ballot);
- ``abroad-total-turnout`` / ``-result`` / ``-stations``: the 288 foreign stations together (``country: abroad``);
- ``<place>-2018-comparison``: 2024 against 2018 for a country row of the map file (143 of its 144 rows have a 2018
  value), and ``abroad-2018-comparison``: the sums over those rows. The 2018 figures are derived from the map file's
  change columns and carry no ``Figure`` (see ``comparison_2018_facts``).

Curated facts are never replaced: their ids differ. Curated countries with the same id (kazakhstan, kyrgyzstan,
tajikistan, uzbekistan) keep their names, aliases and leader; the data add only facts to them.
Every figure is official (kind ``official_result``) except the exit poll's (``exit_poll``). Shares are of the
ballots in the boxes. Evidence is verbatim text of the source file: the station's CSV row, the country table's
row, the exit poll's row, the map file's row, or the package README's headline-table line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from bot.abroad import (
    BAIKONUR,
    CANDIDATES,
    AbroadData,
    Comparison2018,
    Counts,
    ExitPoll,
    Place,
    Station,
    percent,
)
from bot.country_names import all_places, place_names
from bot.models import Bilingual, BilingualList, Country, Fact, Figure
from bot.render import ru_case

# Source ids, defined in knowledge/abroad/sources.yaml.
PROTOCOLS_SOURCE = "cec-protocols-2024"
COUNTRY_TABLE_SOURCE = "vearlen-country-table-2024"
EXIT_POLL_SOURCE = "vote-abroad-exit-poll-2024"
PACKAGE_SOURCE = "abroad-package-2024"
MAP_SOURCE = "vearlen-map-table-2024"
DATA_SOURCES = frozenset({PROTOCOLS_SOURCE, COUNTRY_TABLE_SOURCE, EXIT_POLL_SOURCE, PACKAGE_SOURCE, MAP_SOURCE})
PACKAGE_README = Path("sources") / "abroad" / "README.md"  # inside the knowledge folder

ABROAD_PREFIX = "abroad-total"
COMPARISON_SUFFIX = "2018-comparison"
ABROAD = "abroad"  # the place "every foreign polling station together" (knowledge/abroad/places.yaml)
# The README's headline-table lines each abroad-total fact quotes (a line starts with its first cell).
HEADLINE_LINES = {
    "turnout": ("| polling stations abroad |", "| on foreign voter lists", "| ballots issued |", "| ballots in boxes"),
    "result": (
        "| ballots in boxes",
        "| valid / invalid abroad |",
        "| Putin |",
        "| Davankov |",
        "| Kharitonov |",
        "| Slutsky |",
        "| stations where Putin was beaten |",
    ),
    "stations": ("| polling stations abroad |",),
}

CANDIDATE_NAMES = {
    "putin": ("Vladimir Putin", "Владимир Путин"),
    "davankov": ("Vladislav Davankov", "Владислав Даванков"),
    "kharitonov": ("Nikolai Kharitonov", "Николай Харитонов"),
    "slutsky": ("Leonid Slutsky", "Леонид Слуцкий"),
}
SURNAMES = {
    "putin": ("Putin", "Путин"),
    "davankov": ("Davankov", "Даванков"),
    "kharitonov": ("Kharitonov", "Харитонов"),
    "slutsky": ("Slutsky", "Слуцкий"),
}
EXIT_POLL_OTHER = {
    "spoiled": ("spoiled the ballot", "испортили бюллетень"),
    "declined": ("declined to answer", "отказались отвечать"),
    "removed": ("took the ballot away or destroyed it", "унесли или уничтожили бюллетень"),
}
EXIT_POLL_LABEL = {
    "en": "Exit poll by Vote Abroad volunteers; respondents chose to answer; not an official result.",
    "ru": "Экзитпол волонтёров Vote Abroad; отвечали те, кто захотел; это не официальный результат.",
}
NO_TURNOUT = {
    "en": "There is no turnout percentage abroad: there is no register of voters per country, and a station's "
    "list counts mostly those who came to vote.",
    "ru": "Процента явки за рубежом нет: реестра избирателей по странам не существует, а в список участка вносят "
    "в основном тех, кто пришёл голосовать.",
}

# Russian "in <place>" where pymorphy's case or the preposition would be wrong.
RU_IN = {
    "Кипр": "на Кипре",
    "Куба": "на Кубе",
    "Ямайка": "на Ямайке",
    "Мадагаскар": "на Мадагаскаре",
    "Маврикий": "на Маврикии",
    "Шри-Ланка": "на Шри-Ланке",
    "Филиппины": "на Филиппинах",
    "Сейшелы": "на Сейшелах",
    "Кабо-Верде": "в Кабо-Верде",
    "Коста-Рика": "в Коста-Рике",
    "Кот-д'Ивуар": "в Кот-д'Ивуаре",
    "Гвинея-Бисау": "в Гвинее-Бисау",
    "ДР Конго": "в ДР Конго",
    "КНДР": "в КНДР",
    "США": "в США",
    "Нидерланды": "в Нидерландах",
    "Объединённые Арабские Эмираты": "в ОАЭ",
}


def ru_in(name: str) -> str:
    """ "в Германии", "на Кипре": a Russian place name after "in"."""
    if name in RU_IN:
        return RU_IN[name]
    where = ru_case(name, "loct")
    # "во Франции", "во Вьетнаме": "во" before в or ф and a consonant, as Russian spells it
    vowels = "аеёиоуыэюя"
    preposition = "во" if len(where) > 1 and where[0].lower() in "вф" and where[1].lower() not in vowels else "в"
    return f"{preposition} {where}"


def number(value: int | Decimal, language: str) -> str:
    """9,657 / 42.18 in English; 9 657 / 42,18 in Russian (a no-break space between thousands)."""
    if isinstance(value, Decimal):
        text = f"{value:.1f}" if value.as_tuple().exponent == -1 else f"{value:.2f}"  # as precise as it was made
        return text.replace(".", ",") if language == "ru" else text
    text = f"{value:,}"
    return text.replace(",", "\u00a0") if language == "ru" else text


def _both(language_texts: dict[str, str]) -> Bilingual:
    return Bilingual(en=language_texts["en"], ru=language_texts["ru"])


def _official(metric: str, value: float | int | Decimal | None, candidate: str | None = None, note: str = "") -> Figure:
    return Figure(
        metric=metric,
        value=None if value is None else float(value),
        kind="official_result",
        candidate=candidate,
        note=note or None,
    )


@dataclass(frozen=True)
class PlaceText:
    """How a place is named in answers and example questions."""

    id: str
    en: str
    ru: str
    ru_in: str  # "в Германии"
    note: dict[str, str] | None = None

    def noted(self, language: str) -> str:
        return f" {self.note[language]}" if self.note else ""


# --- figures and texts ----------------------------------------------------------------------------------------------


def _ballots_figures(counts: Counts, stations: int | None) -> list[Figure]:
    figures = [
        _official("voters", counts.issued, note="ballots issued (early + on the voting days)"),
        _official("ballots_early", counts.early),
        _official("ballots_on_day", counts.on_day),
        _official("ballots_in_boxes", counts.in_boxes),
        _official("registered_voters", counts.registered, note="voters on the stations' lists"),
    ]
    if stations is not None:
        figures.append(_official("polling_stations", stations))
    return figures


def _result_figures(counts: Counts) -> list[Figure]:
    figures = []
    for candidate in counts.ranked():
        figures.append(_official("votes", counts.votes[candidate], candidate))
        figures.append(_official("vote_share", counts.share(candidate), candidate, "share of the ballots in the boxes"))
    figures += [
        _official("ballots_in_boxes", counts.in_boxes),
        _official("valid_ballots", counts.valid),
        _official("invalid_ballots", counts.invalid),
        _official("invalid_share", counts.invalid_share, note="share of the ballots in the boxes"),
    ]
    return figures


def _stations_word(count: int, language: str) -> str:
    if language == "ru":
        # the noun agrees with the number: 1 участок, 3 участка, 5 участков (21 участок, 12 участков)
        ones, tens = count % 10, count % 100
        if ones == 1 and tens != 11:
            return f"{count} избирательный участок"
        if 2 <= ones <= 4 and not 12 <= tens <= 14:
            return f"{count} избирательных участка"
        return f"{count} избирательных участков"
    return f"{count} polling station" + ("" if count == 1 else "s")


def _winner_sentence(counts: Counts, language: str) -> str:
    index = 1 if language == "ru" else 0
    names = [CANDIDATE_NAMES[candidate][index] for candidate in counts.winners]
    if language == "ru":
        return f"Первое место разделили {' и '.join(names)}." if len(names) > 1 else f"Первое место: {names[0]}."
    return f"{' and '.join(names)} tied for first place." if len(names) > 1 else f"{names[0]} came first."


def _votes_list(counts: Counts, language: str, names: dict[str, tuple[str, str]]) -> str:
    index = 1 if language == "ru" else 0
    dash = " — " if language == "ru" else " "
    return ", ".join(
        f"{names[candidate][index]}{dash}{number(counts.votes[candidate], language)} "
        f"({number(counts.share(candidate), language)}%)"
        for candidate in counts.ranked()
    )


def turnout_answer(place: PlaceText, counts: Counts, stations: int) -> Bilingual:
    en = (
        f"{place.en}: official count from the CEC's station protocols. {number(counts.issued, 'en')} ballots were "
        f"issued at {_stations_word(stations, 'en')} ({number(counts.early, 'en')} in early voting, "
        f"{number(counts.on_day, 'en')} on the voting days), and {number(counts.in_boxes, 'en')} were found in the "
        f"ballot boxes. {number(counts.registered, 'en')} voters were on the stations' lists. {NO_TURNOUT['en']}"
    )
    ru = (
        f"{place.ru}: официальные данные протоколов участковых комиссий ЦИК. Выдано бюллетеней: "
        f"{number(counts.issued, 'ru')} (досрочно — {number(counts.early, 'ru')}, в дни голосования — "
        f"{number(counts.on_day, 'ru')}); в ящиках для голосования — {number(counts.in_boxes, 'ru')}. "
        f"Избирательных участков: {stations}. Избирателей в списках участков: {number(counts.registered, 'ru')}. "
        f"{NO_TURNOUT['ru']}"
    )
    return Bilingual(en=en + place.noted("en"), ru=ru + place.noted("ru"))


def result_answer(place: PlaceText, counts: Counts) -> Bilingual:
    en = (
        f"{place.en}: official result from the CEC's station protocols, as shares of the "
        f"{number(counts.in_boxes, 'en')} ballots found in the boxes: {_votes_list(counts, 'en', CANDIDATE_NAMES)}. "
        f"Invalid ballots: {number(counts.invalid, 'en')} ({number(counts.invalid_share, 'en')}%). "
        f"{_winner_sentence(counts, 'en')}"
    )
    ru = (
        f"{place.ru}: официальный результат по протоколам участковых комиссий ЦИК, доли от числа бюллетеней "
        f"в ящиках ({number(counts.in_boxes, 'ru')}): {_votes_list(counts, 'ru', CANDIDATE_NAMES)}. "
        f"Недействительных бюллетеней: {number(counts.invalid, 'ru')} ({number(counts.invalid_share, 'ru')}%). "
        f"{_winner_sentence(counts, 'ru')}"
    )
    return Bilingual(en=en + place.noted("en"), ru=ru + place.noted("ru"))


def _station_label(station: Station, data: AbroadData, language: str) -> str:
    city = data.station_city(station.number)
    index = 1 if language == "ru" else 0
    prefix = "№ " if language == "ru" else "No. "
    return f"{prefix}{station.number}" + (f" ({city[index]})" if city else "")


def stations_answer(place: PlaceText, stations: Sequence[Station], data: AbroadData) -> Bilingual:
    en_list = "; ".join(
        f"{_station_label(station, data, 'en')}: {number(station.counts.issued, 'en')}" for station in stations
    )
    ru_list = "; ".join(
        f"{_station_label(station, data, 'ru')}: {number(station.counts.issued, 'ru')}" for station in stations
    )
    en = (
        f"{place.en}: {_stations_word(len(stations), 'en')}, according to the official CEC protocols "
        f"(ballots issued at each): {en_list}."
    )
    ru = (
        f"{place.ru}: {_stations_word(len(stations), 'ru')}, по официальным протоколам ЦИК "
        f"(выдано бюллетеней на каждом): {ru_list}."
    )
    return Bilingual(en=en + place.noted("en"), ru=ru + place.noted("ru"))


def station_answer(station: Station, place: PlaceText, data: AbroadData) -> Bilingual:
    counts = station.counts
    city = data.station_city(station.number)
    where_en = f"{city[0]}, {place.en}" if city else place.en
    where_ru = f"{city[1]}, {place.ru}" if city else place.ru
    en = (
        f"Polling station No. {station.number} ({where_en}), official protocol: "
        f"{number(counts.issued, 'en')} ballots issued ({number(counts.early, 'en')} early, "
        f"{number(counts.on_day, 'en')} on the voting days), {number(counts.in_boxes, 'en')} in the boxes, "
        f"{number(counts.registered, 'en')} voters on the list. {_votes_list(counts, 'en', SURNAMES)}; invalid "
        f"{number(counts.invalid, 'en')} ({number(counts.invalid_share, 'en')}%). {_winner_sentence(counts, 'en')}"
    )
    ru = (
        f"Участок № {station.number} ({where_ru}), официальный протокол: выдано бюллетеней — "
        f"{number(counts.issued, 'ru')} (досрочно — {number(counts.early, 'ru')}, в дни голосования — "
        f"{number(counts.on_day, 'ru')}), в ящиках — {number(counts.in_boxes, 'ru')}, в списке избирателей — "
        f"{number(counts.registered, 'ru')}. {_votes_list(counts, 'ru', SURNAMES)}; недействительных — "
        f"{number(counts.invalid, 'ru')} ({number(counts.invalid_share, 'ru')}%). {_winner_sentence(counts, 'ru')}"
    )
    return Bilingual(en=en, ru=ru)


def _poll_where(poll: ExitPoll, place: PlaceText) -> tuple[str, str]:
    """Where a surveyed station is, in English and Russian: "London, United Kingdom", or the place alone."""
    where_en = f"{poll.city_en}, {place.en}" if poll.city_en else place.en
    where_ru = f"{poll.city_ru}, {place.ru}" if poll.city_ru else place.ru
    return where_en, where_ru


def exit_poll_answer(poll: ExitPoll, place: PlaceText) -> Bilingual:
    where_en, where_ru = _poll_where(poll, place)
    parts: dict[str, list[str]] = {"en": [], "ru": []}
    for candidate in CANDIDATES:
        value = poll.percents[candidate]
        if value is not None:
            parts["en"].append(f"{SURNAMES[candidate][0]} {value}%")
            parts["ru"].append(f"{SURNAMES[candidate][1]} — {value}%")
    others: dict[str, list[str]] = {"en": [], "ru": []}
    for option, (words_en, words_ru) in EXIT_POLL_OTHER.items():
        value = poll.percents[option]
        if value is not None:
            others["en"].append(f"{value}% {words_en}")
            others["ru"].append(f"{words_ru} — {value}%")
    en = (
        f"{EXIT_POLL_LABEL['en']} At polling station No. {poll.station} ({where_en}) {number(poll.surveyed, 'en')} "
        f"people were surveyed: {', '.join(parts['en'])}" + (f"; {', '.join(others['en'])}." if others["en"] else ".")
    )
    ru = (
        f"{EXIT_POLL_LABEL['ru']} Участок № {poll.station} ({where_ru}), опрошено: {number(poll.surveyed, 'ru')}. "
        f"{', '.join(parts['ru'])}" + (f"; {', '.join(others['ru'])}." if others["ru"] else ".")
    )
    return Bilingual(en=en, ru=ru)


def exit_poll_figures(poll: ExitPoll) -> list[Figure]:
    figures = [Figure(metric="sample_size", value=poll.surveyed, kind="exit_poll")]
    for candidate in CANDIDATES:
        value = poll.percents[candidate]
        if value is not None:
            figures.append(
                Figure(
                    metric="vote_share",
                    value=value,
                    kind="exit_poll",
                    candidate=candidate,
                    note="percent of respondents (Vote Abroad volunteers)",
                )
            )
    return figures


# --- 2024 against 2018 (the map file) -------------------------------------------------------------------------------

MINUS = "\u2212"  # a true minus sign: "−25,635"
COMPARISON_BASIS = {
    "en": "Shares are of the ballots the table gives for each year; the 2018 basis is the table compiler's own.",
    "ru": "Доли — от числа бюллетеней, учтённых в таблице; база 2018 года — подборка автора таблицы.",
}


def signed(value: int | Decimal, language: str) -> str:
    """+3,354 / −25,635 / −18.47 (Russian digits in the Russian text); 0 without a sign."""
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return sign + number(abs(value), language)


def _change_ru(value: int | Decimal, more: str, less: str, same: str) -> str:
    """ "на 25 635 меньше" / "на 3 354 больше" / "столько же": a change in words, as Russian says it."""
    if value == 0:
        return same
    return f"на {number(abs(value), 'ru')} {more if value > 0 else less}"


def _points(row: Comparison2018) -> Decimal:
    """Putin's share in 2024 minus 2018, in points, to one decimal like the 2018 share."""
    return (row.share - row.share_2018).quantize(Decimal("0.1"), rounding=ROUND_HALF_EVEN)


def comparison_answer(place: PlaceText, row: Comparison2018, partner: PlaceText | None = None) -> Bilingual:
    """A place's 2024 against 2018; ``partner`` is the other region of the merged row (the figures are the pair's)."""
    # the 2018 share has one decimal (a derived basis), and so has the change
    share_2018 = row.share_2018
    points = _points(row)
    if row.putin_change == 0:
        votes_en = "the same number of votes"
    else:
        votes_en = f"{signed(row.putin_change, 'en')} vote" + ("" if abs(row.putin_change) == 1 else "s")
    # "points", not "percentage points": the word "percentage" would draw "Putin's percentage in X?" to this fact
    points_en = "share unchanged" if points == 0 else f"share {signed(points, 'en')} points"
    figures_en = (
        f"{number(row.in_boxes, 'en')} ballots in the boxes in 2024 against {number(row.in_boxes_2018, 'en')} in "
        f"2018 ({signed(row.in_boxes_change, 'en') if row.in_boxes_change else 'no change'}); Putin "
        f"{number(row.putin, 'en')} votes ({number(row.share, 'en')}%) against {number(row.putin_2018, 'en')} "
        f"({number(share_2018, 'en')}%) in 2018 ({votes_en}, {points_en})."
    )
    figures_ru = (
        f"бюллетеней в ящиках в 2024 году — {number(row.in_boxes, 'ru')} против {number(row.in_boxes_2018, 'ru')} "
        f"в 2018-м ({_change_ru(row.in_boxes_change, 'больше', 'меньше', 'столько же')}); за Путина — "
        f"{number(row.putin, 'ru')} ({number(row.share, 'ru')}%) против {number(row.putin_2018, 'ru')} "
        f"({number(share_2018, 'ru')}%) в 2018-м: голосов "
        f"{_change_ru(row.putin_change, 'больше', 'меньше', 'столько же')}, доля "
        + (
            "та же"
            if points == 0
            else f"{'выше' if points > 0 else 'ниже'} на {number(abs(points), 'ru')} процентного пункта"
        )
        + "."
    )
    if partner is None:
        en = (
            f"{place.en}, 2024 against 2018 (derived from the compiled country table's change columns): {figures_en} "
            f"{COMPARISON_BASIS['en']}"
        )
        ru = (
            f"{place.ru}: 2024 год в сравнении с 2018-м (по столбцам изменений сводной таблицы по странам): "
            f"{figures_ru} {COMPARISON_BASIS['ru']}"
        )
        return Bilingual(en=en + place.noted("en"), ru=ru + place.noted("ru"))
    en = (
        f"{place.en} and {partner.en} together, 2024 against 2018: the compiled country table with the 2018 "
        f"comparison merges Georgia's two breakaway regions into one row, \"{row.label}\" (the data's label, not a "
        f"statement that they are countries), so there is no 2018 figure for {place.en} alone. Derived from its "
        f"change columns: {figures_en} {COMPARISON_BASIS['en']}"
    )
    ru = (
        f"{place.ru} и {partner.ru} вместе: 2024 год в сравнении с 2018-м. Сводная таблица по странам с данными "
        f"2018 года объединяет два отделившихся региона Грузии в одну строку «{row.label}» (это обозначение из "
        f"данных, а не утверждение, что это страны), поэтому отдельных данных 2018 года по "
        f"{ru_case(place.ru, 'datv')} нет. По столбцам изменений таблицы: {figures_ru} "
        f"{COMPARISON_BASIS['ru']}"
    )
    return Bilingual(en=en, ru=ru)


def comparison_questions(place: PlaceText) -> BilingualList:
    # Worded around the change since 2018, not like a 2024 question minus the year: the engine scores example
    # questions and words against every question about the place, and "how much did Putin get in X?" must keep
    # finding the 2024 result, while "... in 2018" and "since 2018" find this fact by the year.
    return _questions(
        [
            f"How did Putin's result in {place.en} change since 2018?",
            f"{place.en}: the 2024 vote compared with 2018",
            f"How many ballots were cast in {place.en} in 2018?",
        ],
        [
            f"Как изменился результат Путина {place.ru_in} по сравнению с 2018 годом?",
            f"{place.ru}: выборы 2024 года в сравнении с 2018-м",
            f"Сколько бюллетеней было {place.ru_in} в 2018 году?",
        ],
    )


# --- example questions ----------------------------------------------------------------------------------------------


def _questions(en: Iterable[str], ru: Iterable[str]) -> BilingualList:
    return BilingualList(en=list(en), ru=list(ru))


def turnout_questions(place: PlaceText) -> BilingualList:
    return _questions(
        [
            f"How many ballots were issued to Russian voters in {place.en}?",
            f"Official count of Russians who voted in {place.en}",
            f"How many ballots were cast early in {place.en}?",
        ],
        [
            f"Сколько бюллетеней выдали российским избирателям {place.ru_in}?",
            f"Официальное число проголосовавших россиян {place.ru_in}",
            f"Сколько было досрочно проголосовавших {place.ru_in}?",
        ],
    )


def result_questions(place: PlaceText) -> BilingualList:
    return _questions(
        [
            f"Official CEC result among Russian voters in {place.en}",
            f"How many votes did each candidate get in {place.en}?",
            f"How many invalid ballots were there in {place.en}?",
        ],
        [
            f"Официальный результат ЦИК среди россиян {place.ru_in}",
            f"Сколько голосов получил каждый кандидат {place.ru_in}?",
            f"Сколько было недействительных бюллетеней {place.ru_in}?",
        ],
    )


def stations_questions(place: PlaceText) -> BilingualList:
    return _questions(
        [
            f"How many Russian polling stations were there in {place.en}?",
            f"Station numbers of the Russian polling places in {place.en}",
            f"How many ballots did each Russian polling station in {place.en} issue?",
        ],
        [
            f"Сколько российских избирательных участков было {place.ru_in}?",
            f"Номера российских избирательных участков {place.ru_in}",
            f"Сколько бюллетеней выдал каждый российский участок {place.ru_in}?",
        ],
    )


def station_questions(station: Station, place: PlaceText, data: AbroadData) -> BilingualList:
    city = data.station_city(station.number)
    where_en, where_ru = (city[0], city[1]) if city else (place.en, place.ru)
    return _questions(
        [
            f"Results at polling station {station.number}",
            f"How did polling station No. {station.number} in {where_en} vote?",
            f"How many ballots were issued at station {station.number}?",
        ],
        [
            f"Результаты на участке № {station.number}",
            f"Как проголосовал участок № {station.number} ({where_ru})?",
            f"Сколько бюллетеней выдали на УИК {station.number}?",
        ],
    )


def exit_poll_questions(poll: ExitPoll, place: PlaceText) -> BilingualList:
    where_en = poll.city_en or place.en
    where_ru = poll.city_ru or place.ru
    return _questions(
        [
            f"What did the Vote Abroad exit poll show at station {poll.station}?",
            f"Vote Abroad exit poll at polling station {poll.station} in {where_en}",
            f"How many people did volunteers survey at station {poll.station}?",
        ],
        [
            f"Что показал экзитпол Vote Abroad на участке № {poll.station}?",
            f"Экзитпол волонтёров на участке № {poll.station} ({where_ru})",
            f"Сколько человек опросили волонтёры на участке № {poll.station}?",
        ],
    )


# --- the build ------------------------------------------------------------------------------------------------------


@dataclass
class AbroadKnowledge:
    """What the data add to the fact base: places not curated already, and facts (in answer-priority order)."""

    countries: list[Country]
    facts: list[Fact]


def place_countries(curated: Iterable[Country]) -> list[Country]:
    """Every place of the names list (bot.country_names) not curated already: the places exist by name even when
    the data files cannot be read, so curated press facts about them still load."""
    curated_by_id = {country.id: country for country in curated}
    places = []
    for names in all_places():
        if names.id not in curated_by_id:
            _, made = _place_text(names.id, names.label, curated_by_id)
            if made is not None:
                places.append(made)
    return places


def _place_text(place_id: str, label: str, curated: dict[str, Country]) -> tuple[PlaceText, Country | None]:
    if place_id == BAIKONUR:
        names = next(entry for entry in all_places() if entry.id == BAIKONUR)
    else:
        names = place_names(label)
    country = curated.get(place_id)
    if country is None:
        country = Country(
            id=names.id,
            iso=names.iso,
            name=Bilingual(en=names.name_en, ru=names.name_ru),
            aliases=BilingualList(en=list(names.aliases_en), ru=list(names.aliases_ru)),
            # Baikonur is counted under a Russian region; a data row without an ISO code is a region of a country
            kind="territory" if place_id == BAIKONUR else "region" if names.iso is None else "country",
        )
        made: Country | None = country
    else:
        made = None
    text = PlaceText(place_id, country.name.en, country.name.ru, ru_in(country.name.ru), names.note)
    return text, made


def _place_facts(place: Place, text: PlaceText, data: AbroadData, source_rows: Sequence[str]) -> list[Fact]:
    """The turnout, result and station-list facts of one country row (or Baikonur)."""
    counts = place.counts
    station_rows = [station.row for station in place.stations]
    turnout_figures = _ballots_figures(counts, len(place.stations))
    if place.id == BAIKONUR:
        # Baikonur has a real register: its lists are its residents, so the CEC's turnout is meaningful there.
        turnout_figures.append(
            _official("turnout_percent", _turnout(counts), note="ballots issued as a share of voters on the lists")
        )
        turnout = _baikonur_turnout_answer(text, counts, len(place.stations))
    else:
        turnout_figures.append(_official("turnout_percent", None, note="no register of voters abroad"))
        turnout = turnout_answer(text, counts, len(place.stations))
    result_source = PROTOCOLS_SOURCE if place.table_row is None else COUNTRY_TABLE_SOURCE
    return [
        Fact(
            id=f"{place.id}-official-turnout",
            country=place.id,
            topic="turnout",
            answer=turnout,
            figures=turnout_figures,
            questions=turnout_questions(text),
            source=PROTOCOLS_SOURCE,
            evidence=station_rows,
        ),
        Fact(
            id=f"{place.id}-official-result",
            country=place.id,
            topic="result",
            answer=result_answer(text, counts),
            figures=_result_figures(counts),
            questions=result_questions(text),
            source=result_source,
            evidence=list(source_rows),
        ),
        Fact(
            id=f"{place.id}-official-stations",
            country=place.id,
            topic="polling_places",
            answer=stations_answer(text, place.stations, data),
            figures=[_official("polling_stations", len(place.stations))],
            questions=stations_questions(text),
            source=PROTOCOLS_SOURCE,
            evidence=station_rows,
        ),
    ]


def _turnout(counts: Counts) -> Decimal:
    return percent(counts.issued, counts.registered)


def _baikonur_turnout_answer(place: PlaceText, counts: Counts, stations: int) -> Bilingual:
    share = _turnout(counts)
    en = (
        f"{place.en}: official count from the CEC's station protocols. {number(counts.issued, 'en')} ballots were "
        f"issued at {_stations_word(stations, 'en')} ({number(counts.early, 'en')} in early voting, "
        f"{number(counts.on_day, 'en')} on the voting days) to the {number(counts.registered, 'en')} voters on the "
        f"lists, a turnout of {number(share, 'en')}%; {number(counts.in_boxes, 'en')} ballots were found in the boxes."
    )
    ru = (
        f"{place.ru}: официальные данные протоколов участковых комиссий ЦИК. Выдано бюллетеней: "
        f"{number(counts.issued, 'ru')} (досрочно — {number(counts.early, 'ru')}, в дни голосования — "
        f"{number(counts.on_day, 'ru')}); избирателей в списках: {number(counts.registered, 'ru')}; явка — "
        f"{number(share, 'ru')}%; в ящиках для голосования — {number(counts.in_boxes, 'ru')}. "
        f"Избирательных участков: {stations}."
    )
    return Bilingual(en=en + place.noted("en"), ru=ru + place.noted("ru"))


def _station_fact(station: Station, text: PlaceText, data: AbroadData) -> Fact:
    counts = station.counts
    return Fact(
        id=f"station-{station.number}",
        country=text.id,
        station=station.number,
        topic="polling_places",
        answer=station_answer(station, text, data),
        figures=_ballots_figures(counts, None) + _result_figures(counts),
        questions=station_questions(station, text, data),
        source=PROTOCOLS_SOURCE,
        evidence=[station.row],
    )


def _exit_poll_fact(poll: ExitPoll, text: PlaceText) -> Fact:
    return Fact(
        id=f"exit-poll-{poll.station}",
        country=text.id,
        station=poll.station,
        topic="exit_poll",
        answer=exit_poll_answer(poll, text),
        figures=exit_poll_figures(poll),
        questions=exit_poll_questions(poll, text),
        source=EXIT_POLL_SOURCE,
        evidence=[poll.row],
    )


# the volunteers' free text: ">1000" is more than 1,000, "~200" about 200
QUEUE_HEDGES = {">": ("more than ", "более "), "~": ("about ", "около "), "": ("", "")}


def queue_at_close_answer(poll: ExitPoll, place: PlaceText) -> Bilingual:
    assert poll.stopped_at_close is not None
    hedge = poll.stopped_at_close[0] if poll.stopped_at_close[0] in ">~" else ""
    count = int(poll.stopped_at_close.lstrip(">~"))
    where_en, where_ru = _poll_where(poll, place)
    en = (
        f"When polling station No. {poll.station} ({where_en}) closed, {QUEUE_HEDGES[hedge][0]}"
        f"{number(count, 'en')} people were still queuing and could not vote, the Vote Abroad exit-poll volunteers "
        "recorded. This is a volunteer count, not an official figure."
    )
    ru = (
        f"Когда участок № {poll.station} ({where_ru}) закрылся, в очереди, по записи волонтёров экзитпола Vote "
        f"Abroad, ещё стояли {QUEUE_HEDGES[hedge][1]}{number(count, 'ru')} человек, которые не смогли проголосовать. "
        "Это подсчёт волонтёров, а не официальная цифра."
    )
    return Bilingual(en=en, ru=ru)


def queue_at_close_questions(poll: ExitPoll, place: PlaceText) -> BilingualList:
    where_en = poll.city_en or place.en
    where_ru = poll.city_ru or place.ru
    return _questions(
        [
            f"How many people were still queuing when station {poll.station} in {where_en} closed?",
            f"Were people left outside at closing at station {poll.station}?",
            f"Could everyone in the line at station {poll.station} vote?",
        ],
        [
            f"Сколько людей осталось в очереди, когда закрылся участок № {poll.station} ({where_ru})?",
            f"Остались ли люди в очереди к закрытию участка № {poll.station}?",
            f"Все ли в очереди на участке № {poll.station} успели проголосовать?",
        ],
    )


def _queue_at_close_fact(poll: ExitPoll, text: PlaceText) -> Fact:
    return Fact(
        id=f"queue-at-close-{poll.station}",
        country=text.id,
        station=poll.station,
        topic="context",
        answer=queue_at_close_answer(poll, text),
        questions=queue_at_close_questions(poll, text),
        source=EXIT_POLL_SOURCE,
        evidence=[poll.row],
    )


def _headline_evidence(readme: str, part: str) -> list[str]:
    lines = readme.splitlines()
    found = []
    for prefix in HEADLINE_LINES[part]:
        line = next((line for line in lines if line.startswith(prefix)), None)
        if line is None:
            raise ValueError(f"{PACKAGE_README}: no headline-table line starting {prefix!r}")
        found.append(line)
    return found


def abroad_total_facts(data: AbroadData, readme: str) -> list[Fact]:
    """Voting abroad as a whole (the 288 foreign stations), with Baikonur named beside it, never inside it."""
    counts, baikonur = data.abroad.counts, data.baikonur.counts
    stations = len(data.abroad.stations)
    both = counts.issued + baikonur.issued
    turnout = Bilingual(
        en=(
            f"Voting abroad, official count from the CEC's station protocols: {number(counts.issued, 'en')} ballots "
            f"were issued at {stations} polling stations abroad ({number(counts.early, 'en')} in early voting, "
            f"{number(counts.on_day, 'en')} on the voting days), and {number(counts.in_boxes, 'en')} were found in "
            f"the boxes; {number(counts.registered, 'en')} voters were on the stations' lists. With the "
            f"{number(baikonur.issued, 'en')} ballots issued in Baikonur, which the CEC counts as a Russian region, "
            f"not abroad, the total is {number(both, 'en')}. {NO_TURNOUT['en']}"
        ),
        ru=(
            f"Голосование за рубежом, официальные данные протоколов участковых комиссий ЦИК: на {stations} "
            f"зарубежных участках выдано бюллетеней: {number(counts.issued, 'ru')} (досрочно — "
            f"{number(counts.early, 'ru')}, в дни голосования — {number(counts.on_day, 'ru')}), в ящиках — "
            f"{number(counts.in_boxes, 'ru')}; избирателей в списках участков: {number(counts.registered, 'ru')}. "
            f"Вместе с Байконуром (выдано {number(baikonur.issued, 'ru')}; ЦИК относит его к российским регионам, "
            f"а не к зарубежью) — {number(both, 'ru')}. {NO_TURNOUT['ru']}"
        ),
    )
    beaten = sum(1 for station in data.abroad.stations if station.counts.winners[0] != "putin")
    result = Bilingual(
        en=(
            f"Voting abroad ({stations} polling stations), official result from the CEC's station protocols, as "
            f"shares of the {number(counts.in_boxes, 'en')} ballots found in the boxes: "
            f"{_votes_list(counts, 'en', CANDIDATE_NAMES)}. Invalid ballots: {number(counts.invalid, 'en')} "
            f"({number(counts.invalid_share, 'en')}%). {_winner_sentence(counts, 'en')} Putin did not come first at "
            f"{beaten} of the {stations} stations. Baikonur, which the CEC counts as a Russian region, is not included."
        ),
        ru=(
            f"Голосование за рубежом ({stations} участков), официальный результат по протоколам участковых "
            f"комиссий ЦИК, доли от числа бюллетеней в ящиках ({number(counts.in_boxes, 'ru')}): "
            f"{_votes_list(counts, 'ru', CANDIDATE_NAMES)}. Недействительных бюллетеней: "
            f"{number(counts.invalid, 'ru')} ({number(counts.invalid_share, 'ru')}%). {_winner_sentence(counts, 'ru')} "
            f"Путин не занял первое место на {beaten} из {stations} участков. Байконур, который ЦИК относит к "
            f"российским регионам, не включён."
        ),
    )
    countries = len(data.countries)
    places = Bilingual(
        en=(
            f"Russia opened {stations} polling stations abroad, according to the official CEC protocols; officials "
            f"spoke of 144 countries, while the data list {countries} places (no source explains the official count). "
            f"Another {len(data.baikonur.stations)} stations were in Baikonur, which the CEC counts as a Russian "
            f"region, not abroad."
        ),
        ru=(
            f"За рубежом Россия открыла {stations} избирательных участков, по официальным протоколам ЦИК; "
            f"официально говорилось о 144 странах, а в данных {countries} мест (как получено официальное число, "
            f"ни один источник не объясняет). Ещё {len(data.baikonur.stations)} участков работали на Байконуре, "
            f"который ЦИК относит к российским регионам, а не к зарубежью."
        ),
    )
    turnout_figures = [
        *_ballots_figures(counts, stations),
        _official("turnout_percent", None, note="no register of voters abroad"),
    ]
    return [
        Fact(
            id=f"{ABROAD_PREFIX}-turnout",
            country=ABROAD,
            topic="turnout",
            answer=turnout,
            figures=turnout_figures,
            questions=_questions(
                [
                    "How many Russians voted abroad?",
                    "How many ballots were issued at polling stations abroad?",
                    "How many Russian citizens abroad were on the voter lists?",
                ],
                [
                    "Сколько россиян проголосовало за рубежом?",
                    "Сколько бюллетеней выдали на зарубежных участках?",
                    "Сколько избирателей было в списках на зарубежных участках?",
                ],
            ),
            source=PACKAGE_SOURCE,
            evidence=_headline_evidence(readme, "turnout"),
        ),
        Fact(
            id=f"{ABROAD_PREFIX}-result",
            country=ABROAD,
            topic="result",
            answer=result,
            figures=_result_figures(counts),
            questions=_questions(
                [
                    "How did Russians abroad vote?",
                    "What was Putin's official share abroad?",
                    "Official result of the voting abroad",
                ],
                [
                    "Как голосовали россияне за рубежом?",
                    "Сколько процентов набрал Путин за границей?",
                    "Официальные итоги голосования за рубежом",
                ],
            ),
            source=PACKAGE_SOURCE,
            evidence=_headline_evidence(readme, "result"),
        ),
        Fact(
            id=f"{ABROAD_PREFIX}-stations",
            country=ABROAD,
            topic="polling_places",
            answer=places,
            figures=[_official("polling_stations", stations)],
            questions=_questions(
                [
                    "How many polling stations did Russia open abroad?",
                    "In how many countries could Russians vote?",
                    "Number of Russian polling stations worldwide",
                ],
                [
                    "Сколько избирательных участков Россия открыла за рубежом?",
                    "В скольких странах могли проголосовать россияне?",
                    "Сколько всего участков для россиян работало за границей?",
                ],
            ),
            source=PACKAGE_SOURCE,
            evidence=_headline_evidence(readme, "stations"),
        ),
    ]


def _comparison_fact(row: Comparison2018, text: PlaceText, partner: PlaceText | None) -> Fact:
    # No figures: the 2018 numbers are derived on the compiler's undocumented 2018 basis and belong to another
    # election, so they must never enter the 2024 figure tables that rankings, comparisons and claims read (a
    # "votes" or "vote_share" figure here would rank Estonia by its 2018 vote). The text carries them, with the year.
    return Fact(
        id=f"{text.id}-{COMPARISON_SUFFIX}",
        country=text.id,
        topic="result",
        answer=comparison_answer(text, row, partner),
        figures=[],
        questions=comparison_questions(text),
        source=MAP_SOURCE,
        evidence=[row.row],
    )


def abroad_comparison_fact(data: AbroadData) -> Fact | None:
    """The map file's rows with a 2018 value, summed: how voting abroad changed since 2018 on the table's basis."""
    rows = data.comparisons_2018
    if not rows:
        return None
    total = len(rows) + len(data.without_2018)
    in_boxes, putin = sum(row.in_boxes for row in rows), sum(row.putin for row in rows)
    in_boxes_change, putin_change = sum(row.in_boxes_change for row in rows), sum(row.putin_change for row in rows)
    fell = sum(row.share_fell for row in rows)
    missing = [place_names(label) for label in data.without_2018]
    merged = [row for row in rows if row.merged]
    gaps_en = [f"{names.name_en} has none" for names in missing]
    gaps_ru = [f"для {ru_case(names.name_ru, 'gent')} их нет" for names in missing]
    for row in merged:
        names = [data.countries[place] for place in row.places]
        en_names = [place_names(place.label).name_en for place in names]
        ru_names = [place_names(place.label).name_ru for place in names]
        gaps_en.append(f"{' and '.join(en_names)} are one row")
        gaps_ru.append(f"{' и '.join(ru_names)} — одна строка")
    en = (
        f"Voting abroad, 2024 against 2018, from the compiled country table with the 2018 comparison: {len(rows)} of "
        f"its {total} rows have a 2018 value ({'; '.join(gaps_en)}). Over those rows, the ballots in the boxes "
        f"changed by {signed(in_boxes_change, 'en')} ({number(in_boxes, 'en')} in 2024 against "
        f"{number(in_boxes - in_boxes_change, 'en')} in 2018) and Putin's votes by {signed(putin_change, 'en')} "
        f"({number(putin, 'en')} against {number(putin - putin_change, 'en')}); Putin's share fell in {fell} of "
        f"the {len(rows)} rows. The 2018 figures are derived from the table's change columns, on "
        f"its compiler's 2018 basis."
    )
    ru = (
        f"Голосование за рубежом: 2024 год в сравнении с 2018-м по сводной таблице по странам с данными 2018 года. "
        f"Данные 2018 года есть в {len(rows)} из {total} её строк ({'; '.join(gaps_ru)}). В этих строках "
        f"бюллетеней в ящиках в 2024 году — {number(in_boxes, 'ru')} против {number(in_boxes - in_boxes_change, 'ru')} "
        f"в 2018-м ({_change_ru(in_boxes_change, 'больше', 'меньше', 'столько же')}); за Путина — "
        f"{number(putin, 'ru')} против {number(putin - putin_change, 'ru')} (голосов "
        f"{_change_ru(putin_change, 'больше', 'меньше', 'столько же')}); доля Путина от учтённых бюллетеней "
        f"снизилась в {fell} из {len(rows)} строк. Данные 2018 года выведены из столбцов изменений таблицы, база "
        f"2018 года — подборка её автора."
    )
    return Fact(
        id=f"{ABROAD}-{COMPARISON_SUFFIX}",
        country=ABROAD,
        topic="result",
        answer=Bilingual(en=en, ru=ru),
        figures=[],  # like the places' comparisons: 2018 numbers stay out of the 2024 figure tables
        questions=_questions(
            [
                "How did Putin's vote abroad change compared with 2018?",
                "Voting abroad in 2018 against 2024, by the country table",
                "In which countries did Putin's share fall since 2018?",
            ],
            [
                "Насколько изменилось число голосов за Путина за рубежом по сравнению с 2018 годом?",
                "Сколько россиян голосовало за рубежом в 2018 году по таблице стран?",
                "В скольких странах доля Путина снизилась с 2018 года?",
            ],
        ),
        source=MAP_SOURCE,
        evidence=[*data.without_2018.values(), *(row.row for row in merged)],
    )


CHANGES_SHOWN = 5  # the places named at each end of a change since 2018
# the facts that rank the places by their change since 2018 (what "where did it fall most since 2018?" asks)
CHANGE_FACTS = frozenset({f"{ABROAD}-2018-ballot-changes", f"{ABROAD}-2018-share-changes"})
CHANGE_MIN_BALLOTS = 100  # a share's change is ranked only where both years counted this many ballots
CHANGES_BASIS = Bilingual(
    en="The 2018 figures are derived from the table's change columns, on its compiler's 2018 basis.",
    ru="Данные 2018 года выведены из столбцов изменений таблицы, база 2018 года — подборка её автора.",
)


def _row_names(row: Comparison2018, data: AbroadData) -> tuple[str, str]:
    names = [place_names(data.countries[place].label) for place in row.places]
    return " and ".join(name.name_en for name in names), " и ".join(name.name_ru for name in names)


def abroad_change_facts(data: AbroadData) -> list[Fact]:
    """Where voting abroad changed most since 2018, by the map file's rows: the ballots in the boxes (topic turnout)
    and Putin's share (topic result), the biggest rises and falls, for "where did the vote fall most since 2018?"."""
    rows = data.comparisons_2018
    if not rows:
        return []

    def listed(ranked: list[Comparison2018], language: str, change: str) -> str:
        against = "против" if language == "ru" else "against"
        parts = []
        for row in ranked[:CHANGES_SHOWN]:
            name = _row_names(row, data)[language == "ru"]
            if change == "ballots":
                then, now = number(row.in_boxes_2018, language), number(row.in_boxes, language)
                parts.append(f"{name} ({signed(row.in_boxes_change, language)}: {now} {against} {then})")
            else:
                now, then = number(row.share, language), number(row.share_2018, language)
                parts.append(f"{name} ({signed(_points(row), language)}: {now}% {against} {then}%)")
        return ", ".join(parts)

    by_ballots = sorted(rows, key=lambda row: (row.in_boxes_change, row.label))
    counted = [row for row in rows if min(row.in_boxes, row.in_boxes_2018) >= CHANGE_MIN_BALLOTS]
    by_share = sorted(counted, key=lambda row: (row.share - row.share_2018, row.label))

    def ranked_fact(name: str, topic: str, answer: Bilingual, questions: BilingualList, ranked: list) -> Fact:
        return Fact(
            id=f"{ABROAD}-2018-{name}",  # (in CHANGE_FACTS)
            country=ABROAD,
            topic=topic,
            answer=answer,
            figures=[],  # like the comparisons: 2018 numbers stay out of the 2024 figure tables
            questions=questions,
            source=MAP_SOURCE,
            evidence=[row.row for row in (*ranked[:CHANGES_SHOWN], *ranked[-CHANGES_SHOWN:])],
        )

    voters = ranked_fact(
        "ballot-changes",
        "turnout",
        Bilingual(
            en=(
                "Where the number of voters abroad changed most since 2018, by the compiled country table's ballots "
                f"in the boxes (2024 against 2018). The biggest rises: {listed(by_ballots[::-1], 'en', 'ballots')}. "
                f"The biggest falls: {listed(by_ballots, 'en', 'ballots')}. {CHANGES_BASIS.en}"
            ),
            ru=(
                "Где число голосовавших за рубежом изменилось сильнее всего с 2018 года, по бюллетеням в ящиках в "
                f"сводной таблице по странам (2024 год против 2018-го). Больше всего прибавилось: "
                f"{listed(by_ballots[::-1], 'ru', 'ballots')}. Больше всего убавилось: "
                f"{listed(by_ballots, 'ru', 'ballots')}. {CHANGES_BASIS.ru}"
            ),
        ),
        _questions(
            [
                "Which countries gained the most voters compared with 2018?",
                "Where did the number of Russians voting drop most since 2018?",
                "Biggest rises and falls in turnout abroad since 2018",
            ],
            [
                "В каких странах голосующих прибавилось больше всего по сравнению с 2018 годом?",
                "Где число проголосовавших сократилось сильнее всего с 2018 года?",
                "Самые большие изменения явки за рубежом с 2018 года",
            ],
        ),
        by_ballots,
    )
    shares = ranked_fact(
        "share-changes",
        "result",
        Bilingual(
            en=(
                "Where Putin's share abroad changed most since 2018, in percentage points, by the compiled country "
                f"table (places with at least {CHANGE_MIN_BALLOTS} ballots in both years). The biggest falls: "
                f"{listed(by_share, 'en', 'share')}. The biggest rises: {listed(by_share[::-1], 'en', 'share')}. "
                f"{CHANGES_BASIS.en}"
            ),
            ru=(
                "Где доля Путина за рубежом изменилась сильнее всего с 2018 года, в процентных пунктах, по сводной "
                f"таблице по странам (места, где в оба года было не меньше {CHANGE_MIN_BALLOTS} бюллетеней). "
                f"Сильнее всего упала: {listed(by_share, 'ru', 'share')}. Сильнее всего выросла: "
                f"{listed(by_share[::-1], 'ru', 'share')}. {CHANGES_BASIS.ru}"
            ),
        ),
        _questions(
            [
                "In which countries did Putin's share drop the most since 2018?",
                "Where did Putin gain the most compared with 2018?",
                "Biggest swings in Putin's result abroad since 2018",
            ],
            [
                "В каких странах доля Путина снизилась сильнее всего с 2018 года?",
                "Где Путин прибавил больше всего по сравнению с 2018 годом?",
                "Самые большие перемены в результате Путина за рубежом с 2018 года",
            ],
        ),
        by_share,
    )
    return [voters, shares]


def build_abroad_knowledge(data: AbroadData, curated: Iterable[Country], readme: str) -> AbroadKnowledge:
    """Places and facts from the data. ``curated``: the countries of the YAML files (they win on names).

    Facts come in answer-priority order: the abroad totals and their 2018 comparison, then per place (Baikonur
    first, then the countries by id) its turnout, result and station list, its 2018 comparison, its exit polls, and
    last its stations, so that a figure asked of a place is found on the place's own fact before any single
    station's.
    """
    curated_by_id = {country.id: country for country in curated}
    countries: list[Country] = []
    facts = abroad_total_facts(data, readme)
    abroad_comparison = abroad_comparison_fact(data)
    if abroad_comparison is not None:
        facts.append(abroad_comparison)
    facts += abroad_change_facts(data)
    places = [(data.baikonur, [station.row for station in data.baikonur.stations])]
    places += [(place, [place.table_row.row] if place.table_row else []) for _, place in sorted(data.countries.items())]
    for place, source_rows in places:
        text, made = _place_text(place.id, place.label, curated_by_id)
        if made is not None:
            countries.append(made)
        facts += _place_facts(place, text, data, source_rows)
        comparison = data.comparison_2018(place.id)
        if comparison is not None:
            partners = [other for other in comparison.places if other != place.id]
            partner = (
                _place_text(partners[0], data.countries[partners[0]].label, curated_by_id)[0] if partners else None
            )
            facts.append(_comparison_fact(comparison, text, partner))
        polls = sorted(poll.station for poll in data.exit_polls.values() if poll.country == place.id)
        facts += [_exit_poll_fact(data.exit_polls[station], text) for station in polls]
        facts += [_station_fact(station, text, data) for station in place.stations]
        # (after the station's own facts: a station's figures are found on its protocol first)
        queued = [data.exit_polls[station] for station in polls if data.exit_polls[station].stopped_at_close]
        facts += [_queue_at_close_fact(poll, text) for poll in queued]
    return AbroadKnowledge(countries=countries, facts=facts)

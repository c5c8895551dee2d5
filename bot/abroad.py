"""Official results of the voting abroad, read from the data files in ``knowledge/sources/abroad/data/``.

Pure and standard library only: no Telegram, no pydantic. The files and what they mean are described in
``knowledge/sources/abroad/data/PROVENANCE.md``:

- ``dkobak_2024_foreign_and_baikonur_uik.csv``: the CEC protocol of every polling station abroad (288) and in
  Baikonur (7; a Russian region in CEC terms, so never counted abroad);
- ``station_country.csv``: station number -> the country table's ``en_country`` label (288 rows);
- ``vearlen_df_2024_cntr_results.csv``: the protocols summed by country (145 rows), which must equal our sums;
- ``vearlen_exit_poll_2024_prelim.csv``: the Vote Abroad volunteers' exit poll at 62 stations (not official);
- ``vearlen_df_map_2024.csv``: the country table again (Abkhazia and Osetia merged into one row) with the change
  since 2018, from which the 2018 figures are derived (``Comparison2018``).

Shares are of the ballots found in the boxes (valid + invalid), rounded to 2 decimals: the CEC convention.

Usage:

    data = load_abroad(Path("knowledge/sources/abroad/data"))
    data.abroad.counts.share("putin")        # Decimal('72.30')
    data.countries["kazakhstan"].counts.issued
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from bot.country_names import place_id

# Where the data sit inside a knowledge folder, and the files read from there.
DATA_SUBDIR = Path("sources") / "abroad" / "data"
STATION_FILE = "dkobak_2024_foreign_and_baikonur_uik.csv"
STATION_COUNTRY_FILE = "station_country.csv"
COUNTRY_TABLE_FILE = "vearlen_df_2024_cntr_results.csv"
EXIT_POLL_FILE = "vearlen_exit_poll_2024_prelim.csv"
MAP_FILE = "vearlen_df_map_2024.csv"
DATA_FILES = (STATION_FILE, STATION_COUNTRY_FILE, COUNTRY_TABLE_FILE, EXIT_POLL_FILE, MAP_FILE)

FOREIGN_REGION = "Территория за пределами РФ"
BAIKONUR_MARK = "Байконур"  # a station whose region mentions it is in Baikonur, not abroad
BAIKONUR = "baikonur"  # id reserved for Baikonur's place entry (CONTRACT.md)

# Candidate ids of knowledge/candidates.yaml, in ballot-paper order of the CEC's result tables.
CANDIDATES = ("putin", "davankov", "kharitonov", "slutsky")

# Protocol lines of the station file (column headers) -> our names.
PROTOCOL_LINES = {
    "registered": "Число избирателей, включенных в список избирателей",
    "received": "Число избирательных бюллетеней, полученных участковой избирательной комиссией",
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

# The country table's alpha.2 is wrong for two rows: DR Congo carries the Republic of the Congo's code, and
# Namibia's code NA was written as R's missing value (a bare NA, like Abkhazia's and Osetia's).
ISO_FIXES = {"Dem. Rep. Congo": "CD", "Namibia": "NA"}

# The map file merges two rows of the country table into one. The merged row is kept, as the comparison of the two
# regions together: a 2018 figure of the pair is still a true statement about each of them when it says so, and the
# row is one of the 143 that the sums with 2018 (PROVENANCE.md) are taken over. Splitting it would invent numbers.
MERGED_MAP_ROWS = {"Abkhazia & Osetia": ("Abkhazia", "Osetia")}

# Exit-poll columns (percent of respondents) -> our names; "Voters surveyed" is the sample.
EXIT_POLL_OPTIONS = {
    "putin": "Putin",
    "davankov": "Davankov",
    "kharitonov": "Haritonov",
    "slutsky": "Slutskiy",
    "spoiled": "Spoiled ballot",
    "declined": "Declined to answer",
    "removed": "Ballot removed / destroyed",
}
# English city names in the exit-poll file that are misspelt or abbreviated there.
CITY_FIXES = {"Vein": "Vienna", "NY": "New York", "Hague": "The Hague", "Kishinev": "Chisinau"}

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


class AbroadDataError(ValueError):
    """A data file is missing or does not read as described in PROVENANCE.md; the message names file and line."""


def percent(part: int, whole: int, quantum: Decimal = _CENT) -> Decimal:
    """``part`` as a percentage of ``whole`` to ``quantum`` (2 decimals), a half rounded to the even digit as the
    source's own tables do (Brazil's 267 of 480 is 55.62%, not 55.63%); 0 when ``whole`` is 0."""
    if whole == 0:
        return Decimal(0).quantize(quantum)
    return (Decimal(part) * _HUNDRED / Decimal(whole)).quantize(quantum, rounding=ROUND_HALF_EVEN)


def country_id(label: str) -> str:
    """The project's id for a country-table label: the names module's rule (slug with overrides), one rule."""
    return place_id(clean_label(label))


def clean_label(label: str) -> str:
    """The country table writes some names with no-break spaces (``United\\xa0States``)."""
    return label.replace("\xa0", " ").strip()


@dataclass(frozen=True)
class Counts:
    """The protocol figures of one station, or their sum over several stations."""

    registered: int  # voters on the list (abroad: mostly those who came)
    received: int  # ballots the commission received
    early: int  # ballots issued in early voting
    inside: int  # ballots issued in the polling room on voting day(s)
    outside: int  # ballots issued outside the room on voting day(s) (mobile voting)
    portable: int  # ballots found in portable boxes
    stationary: int  # ballots found in stationary boxes
    valid: int
    invalid: int
    votes: Mapping[str, int] = field(default_factory=dict)  # candidate id -> votes

    @property
    def issued(self) -> int:
        return self.early + self.inside + self.outside

    @property
    def on_day(self) -> int:
        return self.inside + self.outside

    @property
    def in_boxes(self) -> int:
        return self.portable + self.stationary

    def share(self, candidate: str) -> Decimal:
        """The candidate's share of the ballots in the boxes, in percent."""
        return percent(self.votes[candidate], self.in_boxes)

    @property
    def invalid_share(self) -> Decimal:
        return percent(self.invalid, self.in_boxes)

    @property
    def early_share(self) -> Decimal:
        """Early ballots as a share of all ballots issued."""
        return percent(self.early, self.issued)

    def ranked(self) -> list[str]:
        """Candidate ids, most votes first (ties keep ballot order)."""
        return sorted(CANDIDATES, key=lambda candidate: -self.votes[candidate])

    @property
    def winners(self) -> tuple[str, ...]:
        """The candidate(s) with the most votes: more than one on a tie."""
        top = max(self.votes[candidate] for candidate in CANDIDATES)
        return tuple(candidate for candidate in self.ranked() if self.votes[candidate] == top)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            registered=self.registered + other.registered,
            received=self.received + other.received,
            early=self.early + other.early,
            inside=self.inside + other.inside,
            outside=self.outside + other.outside,
            portable=self.portable + other.portable,
            stationary=self.stationary + other.stationary,
            valid=self.valid + other.valid,
            invalid=self.invalid + other.invalid,
            votes={candidate: self.votes[candidate] + other.votes[candidate] for candidate in CANDIDATES},
        )


ZERO = Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, dict.fromkeys(CANDIDATES, 0))


def total(counts: Iterable[Counts]) -> Counts:
    result = ZERO
    for item in counts:
        result = result + item
    return result


@dataclass(frozen=True)
class Station:
    """One polling station's protocol. ``country`` is None for Baikonur's stations."""

    number: int
    country: str | None
    region: str  # the CEC region label
    counts: Counts
    row: str  # the station's line of the file, verbatim (evidence)
    line: int  # its line number in the file

    @property
    def baikonur(self) -> bool:
        return BAIKONUR_MARK in self.region


@dataclass(frozen=True)
class CountryRow:
    """One row of the country table (the protocols summed by country by its compiler)."""

    label: str  # en_country, no-break spaces replaced
    iso: str | None  # None for Abkhazia and Osetia (R's NA); fixed for DR Congo and Namibia (ISO_FIXES)
    in_boxes: int  # "total"
    putin: int  # "gov_total"
    invalid: int  # "reject_total"
    others: int  # "against_total": Davankov + Kharitonov + Slutsky
    row: str  # verbatim line (evidence)
    line: int


@dataclass(frozen=True)
class Comparison2018:
    """One row of the map file with a 2018 value: 2024 against 2018.

    The file gives the 2024 figures and the change since 2018; the 2018 figures are derived (2018 = 2024 - change),
    on the compiler's 2018 basis, which PROVENANCE.md describes as undocumented. Shares are of the ballots counted in
    the table (``total``: the ballots in the boxes in 2024).
    """

    label: str  # en_country, no-break spaces replaced ("Estonia", "Abkhazia & Osetia")
    places: tuple[str, ...]  # the place ids the row covers: one, or both regions of the merged row
    in_boxes: int  # "total", 2024
    putin: int  # "gov_total", 2024
    in_boxes_change: int  # "_total_diff": 2024 minus 2018
    putin_change: int  # "_gov_total_diff"
    row: str  # verbatim line (evidence)
    line: int

    @property
    def merged(self) -> bool:
        return len(self.places) > 1

    @property
    def in_boxes_2018(self) -> int:
        return self.in_boxes - self.in_boxes_change

    @property
    def putin_2018(self) -> int:
        return self.putin - self.putin_change

    @property
    def share(self) -> Decimal:
        """Putin's 2024 share of the ballots counted in the table."""
        return percent(self.putin, self.in_boxes)

    @property
    def share_2018(self) -> Decimal:
        """Putin's 2018 share, to one decimal: its basis is derived from the table's change columns."""
        return percent(self.putin_2018, self.in_boxes_2018, _TENTH)  # rounded once, from the exact ratio

    @property
    def share_fell(self) -> bool:
        """Putin's share lower in 2024 than in 2018, compared exactly (not after rounding)."""
        return self.putin * self.in_boxes_2018 < self.putin_2018 * self.in_boxes


@dataclass(frozen=True)
class Place:
    """A set of stations and their summed protocols: a country, the whole of voting abroad, or Baikonur."""

    id: str  # country id, "abroad" or "baikonur"
    label: str  # the data's name ("Kazakhstan", "Osetia"; "abroad", "Baikonur")
    iso: str | None
    stations: tuple[Station, ...]
    counts: Counts
    table_row: CountryRow | None = None  # the country table's row (countries only)

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(station.number for station in self.stations)


@dataclass(frozen=True)
class ExitPoll:
    """The Vote Abroad volunteers' exit poll at one station: percent of respondents, not an official result."""

    station: int
    country: str  # country id, through station_country.csv (the file's own country names vary)
    city_en: str | None  # blank for a second station in the same city
    city_ru: str | None
    surveyed: int
    percents: Mapping[str, int | None]  # option (EXIT_POLL_OPTIONS) -> percent, None when the cell is blank
    counted_at_exit: int | None
    row: str  # verbatim line (evidence)
    line: int
    stopped_at_close: str | None = None  # people still queuing at closing, as the volunteers wrote it (">1000", "~200")


@dataclass(frozen=True)
class AbroadData:
    """Everything the data files say, checked: stations, countries, the two totals and the exit poll."""

    stations: dict[int, Station]  # every station, abroad and Baikonur, by number
    countries: dict[str, Place]  # country id -> its stations (the 145 rows of the country table)
    abroad: Place  # the 288 foreign stations
    baikonur: Place  # the 7 Baikonur stations
    exit_polls: dict[int, ExitPoll]  # station number -> exit poll
    data_dir: Path
    comparisons_2018: tuple[Comparison2018, ...] = ()  # the map file's rows with a 2018 value, in file order
    without_2018: Mapping[str, str] = field(default_factory=dict)  # its other rows (Libya): label -> verbatim row

    def comparison_2018(self, place: str) -> Comparison2018 | None:
        """The 2018 comparison that covers a place: its own row, or the merged row of the two regions."""
        return next((row for row in self.comparisons_2018 if place in row.places), None)

    def station_city(self, number: int) -> tuple[str, str] | None:
        """(English, Russian) city of a station where the exit-poll file names it."""
        poll = self.exit_polls.get(number)
        if poll and poll.city_en and poll.city_ru:
            return poll.city_en, poll.city_ru
        return None


# --- reading ------------------------------------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError as error:
        raise AbroadDataError(f"{path}: file not found") from error
    except (OSError, UnicodeDecodeError) as error:
        raise AbroadDataError(f"{path}: cannot read the file: {error}") from error


def _records(path: Path, delimiter: str = ",") -> tuple[list[str], list[tuple[int, str, list[str]]]]:
    """Header and (line number, verbatim line, fields) of each non-empty data line."""
    lines = _lines(path)
    if not lines:
        raise AbroadDataError(f"{path}: the file is empty")
    header = next(csv.reader([lines[0]], delimiter=delimiter))
    records = []
    for number, line in enumerate(lines[1:], start=2):
        if line.strip():
            records.append((number, line, next(csv.reader([line], delimiter=delimiter))))
    return header, records


def _integer(text: str, path: Path, line: int, column: str) -> int:
    try:
        value = int(text.strip())
    except ValueError as error:
        raise AbroadDataError(f"{path}:{line}: {column} {text!r} is not a whole number") from error
    if value < 0:
        raise AbroadDataError(f"{path}:{line}: {column} {value} is negative")
    return value


def _columns(header: list[str], wanted: Mapping[str, str], path: Path) -> dict[str, int]:
    missing = [name for name in wanted.values() if name not in header]
    if missing:
        raise AbroadDataError(f"{path}:1: missing column(s): {', '.join(missing)}")
    return {key: header.index(name) for key, name in wanted.items()}


def read_stations(path: Path) -> list[tuple[Station, str]]:
    """Every station of the protocol file, each with its station label; the country is filled in later."""
    header, records = _records(path)
    columns = _columns(header, {**PROTOCOL_LINES, "region": "region", "uik": "uik"}, path)
    stations = []
    for line, text, fields in records:
        if len(fields) != len(header):
            raise AbroadDataError(f"{path}:{line}: {len(fields)} fields, the header has {len(header)}")
        value = {key: fields[index] for key, index in columns.items()}
        match = re.fullmatch(r"УИК №(\d+)", value["uik"].strip())
        if not match:
            raise AbroadDataError(f"{path}:{line}: station label {value['uik']!r} is not 'УИК №<number>'")
        number = int(match.group(1))
        numbers = {key: _integer(value[key], path, line, PROTOCOL_LINES[key]) for key in PROTOCOL_LINES}
        counts = Counts(
            registered=numbers["registered"],
            received=numbers["received"],
            early=numbers["early"],
            inside=numbers["inside"],
            outside=numbers["outside"],
            portable=numbers["portable"],
            stationary=numbers["stationary"],
            valid=numbers["valid"],
            invalid=numbers["invalid"],
            votes={candidate: numbers[candidate] for candidate in CANDIDATES},
        )
        if counts.valid + counts.invalid != counts.in_boxes:
            raise AbroadDataError(
                f"{path}:{line}: station {number}: valid + invalid ({counts.valid + counts.invalid}) "
                f"differs from the ballots in the boxes ({counts.in_boxes})"
            )
        if sum(counts.votes.values()) != counts.valid:
            raise AbroadDataError(f"{path}:{line}: station {number}: the candidates' votes do not add up to valid")
        region = value["region"].strip()
        stations.append((Station(number, None, region, counts, text, line), region))
    return stations


def read_station_countries(path: Path) -> dict[int, str]:
    """Station number -> country-table label (no-break spaces replaced)."""
    header, records = _records(path)
    columns = _columns(header, {"station": "station", "country": "country_en"}, path)
    mapping: dict[int, str] = {}
    for line, _text, fields in records:
        number = _integer(fields[columns["station"]], path, line, "station")
        if number in mapping:
            raise AbroadDataError(f"{path}:{line}: station {number} is mapped twice")
        mapping[number] = clean_label(fields[columns["country"]])
    return mapping


def read_country_table(path: Path) -> list[CountryRow]:
    header, records = _records(path)
    names = {
        "label": "en_country",
        "iso": "alpha.2",
        "total": "total",
        "putin": "gov_total",
        "invalid": "reject_total",
        "others": "against_total",
    }
    columns = _columns(header, names, path)
    rows = []
    for line, text, fields in records:
        label = clean_label(fields[columns["label"]])
        iso = fields[columns["iso"]].strip()
        if iso == "NA":  # R's missing value: Abkhazia and Osetia have no code (Namibia's is restored below)
            iso = ""
        row = CountryRow(
            label=label,
            iso=ISO_FIXES.get(label, iso) or None,
            in_boxes=_integer(fields[columns["total"]], path, line, "total"),
            putin=_integer(fields[columns["putin"]], path, line, "gov_total"),
            invalid=_integer(fields[columns["invalid"]], path, line, "reject_total"),
            others=_integer(fields[columns["others"]], path, line, "against_total"),
            row=text,
            line=line,
        )
        rows.append(row)
    return rows


def _signed_integer(text: str, path: Path, line: int, column: str) -> int | None:
    """A change column: a whole number with its sign, or None for R's missing value ``NA``."""
    text = text.strip()
    if text == "NA":
        return None
    if not re.fullmatch(r"-?\d+", text):
        raise AbroadDataError(f"{path}:{line}: {column} {text!r} is not a whole number or NA")
    return int(text)


MAP_COLUMNS = {
    "label": "en_country",
    "total": "total",
    "putin": "gov_total",
    "invalid": "reject_total",
    "others": "against_total",
    "total_change": "_total_diff",
    "putin_change": "_gov_total_diff",
    "total_change_percent": "_total_diff_rat",
    "putin_change_percent": "_gov_total_diff_rat",
}


def read_map_table(path: Path, table: Iterable[CountryRow]) -> tuple[list[Comparison2018], dict[str, str]]:
    """The map file's rows that have a 2018 value, and the others (label -> verbatim row), each checked against the
    country table.

    A row's 2024 figures (in boxes, Putin, invalid, others) must equal the country table's row (or the sum of the
    two rows it merges); its two change columns are both NA (no 2018 value: Libya) or both numbers; the derived
    2018 figures must make sense (Putin's votes within the ballots), and each ``_*_rat`` must be that change as a
    percentage of the 2018 total, rounded to a whole number: the reading of the columns PROVENANCE.md gives.
    """
    header, records = _records(path)
    columns = _columns(header, MAP_COLUMNS, path)
    by_label = {row.label: row for row in table}
    seen: set[str] = set()
    covered: set[str] = set()  # the country table's labels the rows cover
    comparisons = []
    without: dict[str, str] = {}
    for line, text, fields in records:
        if len(fields) != len(header):
            raise AbroadDataError(f"{path}:{line}: {len(fields)} fields, the header has {len(header)}")
        label = clean_label(fields[columns["label"]])
        if label in seen:
            raise AbroadDataError(f"{path}:{line}: {label} appears twice")
        seen.add(label)
        parts = MERGED_MAP_ROWS.get(label, (label,))
        if any(part not in by_label for part in parts):
            raise AbroadDataError(f"{path}:{line}: {label!r} is not in {COUNTRY_TABLE_FILE}")
        covered.update(parts)
        expected = tuple(
            sum(getattr(by_label[part], name) for part in parts) for name in ("in_boxes", "putin", "invalid", "others")
        )
        stated = tuple(
            _integer(fields[columns[key]], path, line, MAP_COLUMNS[key])
            for key in ("total", "putin", "invalid", "others")
        )
        if stated != expected:
            raise AbroadDataError(
                f"{path}:{line}: {label}: the map file says in boxes/Putin/invalid/others "
                f"{'/'.join(map(str, stated))}, {COUNTRY_TABLE_FILE} says {'/'.join(map(str, expected))}"
            )
        change = [
            _signed_integer(fields[columns[key]], path, line, MAP_COLUMNS[key])
            for key in ("total_change", "putin_change", "total_change_percent", "putin_change_percent")
        ]
        known = [value for value in change if value is not None]
        if not known:  # no 2018 value (Libya)
            without[label] = text
            continue
        if len(known) != len(change):
            raise AbroadDataError(f"{path}:{line}: {label}: the 2018 change columns are partly NA")
        total_change, putin_change, total_percent, putin_percent = known
        comparison = Comparison2018(
            label=label,
            places=tuple(country_id(part) for part in parts),
            in_boxes=stated[0],
            putin=stated[1],
            in_boxes_change=total_change,
            putin_change=putin_change,
            row=text,
            line=line,
        )
        if comparison.in_boxes_2018 <= 0 or not 0 <= comparison.putin_2018 <= comparison.in_boxes_2018:
            raise AbroadDataError(
                f"{path}:{line}: {label}: the derived 2018 figures (in boxes {comparison.in_boxes_2018}, Putin "
                f"{comparison.putin_2018}) are impossible"
            )
        for key, value, stated_percent in (
            ("total", total_change, total_percent),
            ("putin", putin_change, putin_percent),
        ):
            if abs(Decimal(value) * _HUNDRED / comparison.in_boxes_2018 - stated_percent) > Decimal("0.5"):
                raise AbroadDataError(
                    f"{path}:{line}: {label}: {MAP_COLUMNS[key + '_change_percent']} {stated_percent} is not "
                    f"{MAP_COLUMNS[key + '_change']} {value} as a percentage of the 2018 total "
                    f"{comparison.in_boxes_2018}"
                )
        comparisons.append(comparison)
    absent = sorted(set(by_label) - covered)
    if absent:
        raise AbroadDataError(f"{path}: no row for {', '.join(absent[:5])} of {COUNTRY_TABLE_FILE}")
    return comparisons, without


def _optional_int(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _stopped(text: str) -> str | None:
    """The volunteers' note of people queuing at closing (">1000", "~200"); None when blank, zero or unreadable."""
    text = text.strip()
    return text if re.fullmatch(r"[>~]?\d+", text) and text.lstrip(">~") != "0" else None


def read_exit_poll(path: Path, station_countries: Mapping[int, str]) -> dict[int, ExitPoll]:
    """The exit poll (semicolon-separated; a city is blank for a second station in the same city)."""
    header, records = _records(path, delimiter=";")
    columns = _columns(
        header,
        {"city": "City", "station": "Voting station", "surveyed": "Voters surveyed", **EXIT_POLL_OPTIONS},
        path,
    )
    counted_column = header.index("Voters counted at the exit") if "Voters counted at the exit" in header else None
    stopped_column = header.index("Voters stopped by closure") if "Voters stopped by closure" in header else None
    polls: dict[int, ExitPoll] = {}
    for line, text, fields in records:
        number = _integer(fields[columns["station"]], path, line, "Voting station")
        if number not in station_countries:
            raise AbroadDataError(f"{path}:{line}: station {number} is not a station abroad")
        city_ru = city_en = None
        if " / " in fields[columns["city"]]:
            city_ru, city_en = (part.strip() for part in fields[columns["city"]].split(" / ", 1))
            city_en = CITY_FIXES.get(city_en, city_en)
        polls[number] = ExitPoll(
            station=number,
            country=country_id(station_countries[number]),
            city_en=city_en,
            city_ru=city_ru,
            surveyed=_integer(fields[columns["surveyed"]], path, line, "Voters surveyed"),
            percents={option: _optional_int(fields[columns[option]]) for option in EXIT_POLL_OPTIONS},
            counted_at_exit=_optional_int(fields[counted_column]) if counted_column is not None else None,
            row=text,
            line=line,
            stopped_at_close=_stopped(fields[stopped_column]) if stopped_column is not None else None,
        )
    return polls


def load_abroad(data_dir: Path) -> AbroadData:
    """Read and cross-check the data files; raise AbroadDataError naming the first file and line that is wrong.

    Checks: every foreign station is mapped to a country and every mapped station exists; every country of the
    mapping has a row in the country table and the sums of its stations equal that row (in boxes, Putin,
    invalid, the other three); Baikonur's stations are not mapped; the map file's 2024 figures equal the country
    table's and its 2018 change columns read as PROVENANCE.md says (``read_map_table``).
    """
    station_path = data_dir / STATION_FILE
    table_path = data_dir / COUNTRY_TABLE_FILE
    mapping_path = data_dir / STATION_COUNTRY_FILE
    read = read_stations(station_path)
    station_countries = read_station_countries(mapping_path)
    table = read_country_table(table_path)
    table_by_label = {row.label: row for row in table}
    if len(table_by_label) != len(table):
        raise AbroadDataError(f"{table_path}: a country appears twice")

    stations: dict[int, Station] = {}
    for station, region in read:
        if station.number in stations:
            raise AbroadDataError(f"{station_path}:{station.line}: station {station.number} appears twice")
        if BAIKONUR_MARK in region:
            if station.number in station_countries:
                raise AbroadDataError(f"{mapping_path}: Baikonur station {station.number} is mapped to a country")
            stations[station.number] = station
            continue
        label = station_countries.get(station.number)
        if label is None:
            raise AbroadDataError(f"{mapping_path}: station {station.number} ({region}) has no country")
        if label not in table_by_label:
            raise AbroadDataError(f"{mapping_path}: station {station.number}: {label!r} is not in {COUNTRY_TABLE_FILE}")
        stations[station.number] = Station(
            station.number, country_id(label), region, station.counts, station.row, station.line
        )
    unknown = sorted(set(station_countries) - set(stations))
    if unknown:
        raise AbroadDataError(f"{mapping_path}: station(s) {unknown[:5]} are not in {STATION_FILE}")

    countries: dict[str, Place] = {}
    for row in table:
        identifier = country_id(row.label)
        members = tuple(station for station in stations.values() if station.country == identifier)
        if not members:
            raise AbroadDataError(f"{table_path}:{row.line}: {row.label} has no station in {STATION_COUNTRY_FILE}")
        counts = total(station.counts for station in members)
        others = sum(counts.votes[candidate] for candidate in CANDIDATES if candidate != "putin")
        summed = (counts.in_boxes, counts.votes["putin"], counts.invalid, others)
        if summed != (row.in_boxes, row.putin, row.invalid, row.others):
            raise AbroadDataError(
                f"{table_path}:{row.line}: {row.label}: the table says in boxes/Putin/invalid/others "
                f"{row.in_boxes}/{row.putin}/{row.invalid}/{row.others}, its stations add up to "
                f"{'/'.join(str(number) for number in summed)}"
            )
        countries[identifier] = Place(identifier, row.label, row.iso, members, counts, row)

    comparisons, without_2018 = read_map_table(data_dir / MAP_FILE, table)
    foreign = tuple(station for station in stations.values() if station.country is not None)
    baikonur = tuple(station for station in stations.values() if station.country is None)
    return AbroadData(
        stations=stations,
        countries=countries,
        abroad=Place("abroad", "abroad", None, foreign, total(station.counts for station in foreign)),
        baikonur=Place(BAIKONUR, "Baikonur", None, baikonur, total(station.counts for station in baikonur)),
        exit_polls=read_exit_poll(data_dir / EXIT_POLL_FILE, station_countries),
        data_dir=data_dir,
        comparisons_2018=tuple(comparisons),
        without_2018=without_2018,
    )

"""The development question set (tests/data/questions.yaml): loading it and checking a reply against it.

Shared by the test that runs every case through the engine and by the benchmark, which scores the engine
and the baselines with exactly the same expectations. Expectations are about meaning, not wording: text is
compared case-insensitively with accents folded ("ё" = "е", "ü" = "u"), and figures are compared as numbers,
so "9500" matches "9,500", "9 500" and "9 500", "57.6" matches "57,6", "88.8" matches "88.80", and "8" does not
match "87.3" or "2018".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import get_args

import yaml

from bot.replies import Reply, ReplyKind
from bot.settings import PROJECT_ROOT

QUESTION_SET_PATH = PROJECT_ROOT / "tests" / "data" / "questions.yaml"
CATEGORIES: tuple[str, ...] = ("en", "ru", "followup", "offtopic")
REPLY_KINDS: tuple[str, ...] = get_args(ReplyKind)

# A space-like or comma separator between a digit and exactly three more digits groups thousands.
_THOUSANDS = re.compile(r"(?<=\d)[\s\u00a0\u202f\u2009,](?=\d{3}(?!\d))")
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_STANDALONE_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?!\d|\.\d)")


def normalise(text: str) -> str:
    """Fold case, accents ("ё", "ü"), dashes, spaces and number formatting: meaning, not wording, is compared."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    text = "".join(char for char in decomposed if not unicodedata.combining(char))
    text = text.replace("\u2011", "-").replace("\u2013", "-").replace("\u2014", "-")
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL_COMMA.sub(".", text)
    return _SPACES.sub(" ", text)


def contains(text: str, expected: str) -> bool:
    """True when ``expected`` (a phrase or a figure) appears in ``text``; both are normalised here."""
    haystack, needle = normalise(text), normalise(expected).strip()
    if _NUMBER.fullmatch(needle):
        # A figure must stand alone ("8" is not part of "87.3", "81" is not part of "1981") and is compared
        # as a number, so "88.8" matches "88.80".
        wanted = Decimal(needle)
        return any(Decimal(found) == wanted for found in _STANDALONE_NUMBER.findall(haystack))
    return needle in haystack


@dataclass(frozen=True)
class Turn:
    """One user message and what the reply to it must look like."""

    text: str
    kinds: tuple[str, ...]
    language: str
    language_hint: str | None = None
    # Each group is satisfied when any one of its alternatives appears.
    must_contain: tuple[tuple[str, ...], ...] = ()
    must_not_contain: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Case:
    """A question or a dialog of several turns."""

    id: str
    category: str
    turns: tuple[Turn, ...]

    @property
    def language(self) -> str:
        return self.turns[0].language


@dataclass
class TurnResult:
    """How one reply measured up: empty ``problems`` means it passed."""

    case: Case
    index: int
    reply: Reply
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        turn = self.case.turns[self.index]
        return (
            f"case {self.case.id} turn {self.index + 1}: {turn.text!r}\n"
            f"  problems: {'; '.join(self.problems)}\n"
            f"  reply ({self.reply.kind}, {self.reply.language}, facts {self.reply.fact_ids}): {self.reply.text!r}"
        )


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return [str(item) for item in value]
    raise ValueError(f"{where}: expected a string or a list of strings, got {value!r}")


def _parse_turn(raw: dict, where: str) -> Turn:
    unknown = set(raw) - {"text", "language_hint", "kind", "language", "must_contain", "must_not_contain", "fact_ids"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    kinds = tuple(_strings(raw.get("kind"), f"{where}.kind"))
    if not kinds or any(kind not in REPLY_KINDS for kind in kinds):
        raise ValueError(f"{where}: kind must be one or more of {REPLY_KINDS}, got {kinds}")
    if raw.get("language") not in ("en", "ru"):
        raise ValueError(f"{where}: language must be en or ru")
    if not isinstance(raw.get("text"), str):
        raise ValueError(f"{where}: text must be a string")
    groups = []
    for item in raw.get("must_contain") or []:
        group = tuple(_strings(item, f"{where}.must_contain"))
        if not group:
            raise ValueError(f"{where}: empty must_contain group")
        groups.append(group)
    return Turn(
        text=raw["text"],
        kinds=kinds,
        language=raw["language"],
        language_hint=raw.get("language_hint"),
        must_contain=tuple(groups),
        must_not_contain=tuple(_strings(raw.get("must_not_contain"), f"{where}.must_not_contain")),
        fact_ids=tuple(_strings(raw.get("fact_ids"), f"{where}.fact_ids")),
    )


def load_question_set(path: Path = QUESTION_SET_PATH) -> list[Case]:
    """Read and validate the question set; a malformed case raises ValueError naming it."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for position, raw in enumerate(document["cases"]):
        case_id = raw.get("id") or f"#{position}"
        if raw.get("category") not in CATEGORIES:
            raise ValueError(f"case {case_id}: category must be one of {CATEGORIES}")
        turns = tuple(_parse_turn(turn, f"case {case_id} turn {n + 1}") for n, turn in enumerate(raw.get("turns", [])))
        if not turns:
            raise ValueError(f"case {case_id}: no turns")
        cases.append(Case(id=case_id, category=raw["category"], turns=turns))
    return cases


def check_reply(turn: Turn, reply: Reply) -> list[str]:
    """What is wrong with ``reply`` as an answer to ``turn`` (empty when it passes)."""
    problems = []
    if reply.kind not in turn.kinds:
        problems.append(f"kind {reply.kind!r}, expected {' or '.join(turn.kinds)}")
    if reply.language != turn.language:
        problems.append(f"language {reply.language!r}, expected {turn.language!r}")
    for group in turn.must_contain:
        if not any(contains(reply.text, expected) for expected in group):
            problems.append(f"missing {' / '.join(group)!r}")
    for unwanted in turn.must_not_contain:
        if contains(reply.text, unwanted):
            problems.append(f"contains {unwanted!r}")
    if turn.fact_ids and reply.answered and not set(reply.fact_ids) & set(turn.fact_ids):
        problems.append(f"facts {reply.fact_ids}, expected one of {list(turn.fact_ids)}")
    # (a no_data reply may cite the fact that says why there is none: "Georgia had no station")
    if not reply.answered and reply.fact_ids and reply.rule != "no_station_there":
        problems.append(f"a {reply.kind} reply carries facts {reply.fact_ids}")
    return problems

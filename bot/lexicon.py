"""Phrase index: finds known phrases (names, topic words) in a tokenised question, in any word form.

A phrase is a sequence of tokens; a query token matches a phrase token when their ``token_keys`` (spelling,
dictionary forms, stem) intersect. Lookup is by the first token's keys, so cost does not grow with the number
of phrases. Unknown words are first corrected against the index's own vocabulary with RapidFuzz, with a
cutoff that tightens for short words, so "Tajikstan" finds Tajikistan but ordinary words stay themselves.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Indel, Levenshtein

from bot.text import (
    STOPWORDS,
    is_cyrillic,
    known_russian_word,
    latin_to_cyrillic,
    name_keys,
    stem_en,
    stem_ru,
    token_keys,
    tokenize,
)

MIN_FUZZY_LENGTH = 5


def fuzzy_cutoff(length: int) -> float:
    """RapidFuzz ``ratio`` needed to accept a correction: one slip in a long word, almost none in a short one."""
    if length < MIN_FUZZY_LENGTH:
        return 101.0  # never
    if length <= 6:
        return 90.0
    if length <= 8:
        return 85.0
    return 80.0


@dataclass(frozen=True)
class PhraseMatch:
    label: Hashable
    start: int
    end: int  # exclusive
    phrase: str
    fuzzy: bool = False  # some token was corrected

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class _Entry:
    token_keys: tuple[frozenset[str], ...]
    label: Hashable
    phrase: str


class PhraseIndex:
    """Phrases -> labels. Build once (``add`` then ``freeze``), then ``find`` per question."""

    def __init__(self, *, names: bool = False) -> None:
        # an index of names forgives one slip in a short name that is no word ("bruney", "irland"); ordinary
        # words are not corrected so far: "tiger" is a word, not Niger
        self._names = names
        self._by_key: dict[str, list[_Entry]] = {}
        self._vocabulary: set[str] = set()
        self._choices: list[str] = []
        self._stems: dict[str, str] = {}  # stem -> vocabulary word: typos are compared without their endings
        # the fuzzy choices by length: a word can only be close to words of about its own length
        self._by_length: dict[int, list[str]] = {}
        self._stems_by_length: dict[int, list[str]] = {}
        self._sounds: dict[str, str] = {}  # sound_key -> the one Latin word with that key
        self._correct = lru_cache(maxsize=50_000)(self._correct_uncached)

    def add(self, phrase: str, label: Hashable, *, name: bool = False) -> None:
        """Index a phrase; a word written ``=word`` matches only as spelt ("how many =votes" is not "voted");
        a ``name`` is matched by its noun readings only (``text.name_keys``)."""
        exact = {word.casefold().lstrip("=") for word in phrase.split() if word.startswith("=")}
        phrase = phrase.replace("=", "")
        tokens = tokenize(phrase)
        if not tokens:
            return
        keys_of = name_keys if name else token_keys
        keys = tuple(frozenset({token}) if token in exact else keys_of(token) for token in tokens)
        entry = _Entry(keys, label, phrase)
        for key in entry.token_keys[0]:
            bucket = self._by_key.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
        self._vocabulary.update(tokens)

    def freeze(self) -> None:
        """Prepare the fuzzy vocabulary (normalised once here; queries pass processor=None)."""
        self._choices = sorted(word for word in self._vocabulary if len(word) >= MIN_FUZZY_LENGTH - 1)
        self._stems = {}
        for word in self._choices:
            self._stems.setdefault(_stem(word), word)
        self._by_length = _by_length(self._choices)
        keys: dict[str, list[str]] = {}
        for word in self._choices:
            if word.isascii():
                keys.setdefault(sound_key(word), []).append(word)
        self._sounds = {key: words[0] for key, words in keys.items() if len(words) == 1}
        self._stems_by_length = _by_length(list(self._stems))
        self._correct.cache_clear()

    @property
    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._vocabulary)

    def knows(self, token: str) -> bool:
        return any(key in self._by_key for key in token_keys(token)) or token in self._vocabulary

    def correct(self, token: str) -> str | None:
        """The vocabulary word a misspelt ``token`` stands for, or None."""
        return self._correct(token)

    def _correct_uncached(self, token: str) -> str | None:
        if self._names and len(token) == MIN_FUZZY_LENGTH - 1 and token not in STOPWORDS and not self.knows(token):
            return _dropped_letter_name(token, self._by_length)  # "japn", "chna": a four-letter slip of a name
        if len(token) < MIN_FUZZY_LENGTH or token in STOPWORDS or token.isdigit() or self.knows(token):
            return None
        if is_cyrillic(token):
            spelling = known_russian_word(token)
            if spelling and spelling != token and self.knows(spelling):
                return spelling  # a dropped soft sign: "резултаты" is "результаты"
            # a real Russian word is not a typo of a name, unless the word is itself a person's name ("армени" is
            # a first name to the dictionary, and "Армении" with a letter dropped)
            if spelling and not (self._names and _a_persons_name(token)):
                return None
        found = _closest(token, self._by_length)
        if found is None:
            # endings differ between the typo and the dictionary form ("праголосовало" ~ "проголосовать")
            stem = _stem(token)
            if stem != token and len(stem) >= MIN_FUZZY_LENGTH:
                found = self._stems.get(_closest(stem, self._stems_by_length) or "")
        if found is None and self._names:
            found = _one_slip_name(token, self._by_length) or self._sounds.get(sound_key(token))
        if found is None or found == token or abs(len(found) - len(token)) > max(1, len(token) // 5):
            return None  # a slip changes a letter or two, not a word's length: "mobile" is not "mobilization"
        return found

    def find(self, tokens: list[str], *, fuzzy: bool = True) -> list[PhraseMatch]:
        """All phrase occurrences, longest first at each position, non-overlapping, left to right."""
        keys: list[frozenset[str]] = []
        corrected: list[bool] = []
        for token in tokens:
            own = token_keys(token)
            fix = self.correct(token) if fuzzy and not any(key in self._by_key for key in own) else None
            keys.append(token_keys(fix) if fix else own)
            corrected.append(fix is not None)
        matches: list[PhraseMatch] = []
        position = 0
        while position < len(tokens):
            best: PhraseMatch | None = None
            seen: set[int] = set()
            for key in keys[position]:
                for entry in self._by_key.get(key, ()):
                    if id(entry) in seen:
                        continue
                    seen.add(id(entry))
                    end = position + len(entry.token_keys)
                    if end > len(tokens):
                        continue
                    fits = all(keys[position + off] & entry.token_keys[off] for off in range(1, len(entry.token_keys)))
                    if fits and (best is None or end > best.end):
                        best = PhraseMatch(entry.label, position, end, entry.phrase, any(corrected[position:end]))
            if best is None:
                position += 1
                continue
            # every label of the same longest span counts (a word can signal two topics)
            for key in keys[position]:
                for entry in self._by_key.get(key, ()):
                    end = position + len(entry.token_keys)
                    if (
                        end == best.end
                        and entry.label != best.label
                        and all(keys[position + off] & entry.token_keys[off] for off in range(1, len(entry.token_keys)))
                    ):
                        match = PhraseMatch(entry.label, position, end, entry.phrase, best.fuzzy)
                        if match not in matches:
                            matches.append(match)
            matches.append(best)
            position = best.end
        return matches


def _stem(word: str) -> str:
    return stem_ru(word) if is_cyrillic(word) else stem_en(word)


def _by_length(words: Iterable[str]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for word in words:
        grouped.setdefault(len(word), []).append(word)
    return grouped


def _of_lengths(choices: dict[int, list[str]], shortest: float, longest: float) -> list[str]:
    return [word for length, words in choices.items() if shortest <= length <= longest for word in words]


def _closest(token: str, choices: dict[int, list[str]]) -> str | None:
    """The choice within the length-aware ``fuzzy_cutoff``, or one adjacent swap away ("reslut" ~ "result")."""
    size, cutoff = len(token), fuzzy_cutoff(len(token))
    # ratio = 200 * common / (both lengths): only words between these lengths can reach the cutoff
    near = _of_lengths(choices, size * cutoff / (200 - cutoff), size * (200 - cutoff) / cutoff)
    match = process.extractOne(token, near, scorer=fuzz.ratio, processor=None, score_cutoff=cutoff)
    if match is not None:
        return match[0]
    if len(token) < MIN_FUZZY_LENGTH:
        return None
    swap = process.extractOne(token, _of_lengths(choices, size - 1, size + 1), scorer=OSA.distance, processor=None,
                              score_cutoff=1)  # fmt: skip
    # one OSA edit that Levenshtein counts as two is a transposition, not a different letter
    if swap is not None and Levenshtein.distance(token, swap[0]) == 2:
        return swap[0]
    return None


_PERSON_TAGS = ("Name", "Surn", "Patr")


def _a_persons_name(token: str) -> bool:
    from bot.text import morph

    return any(tag in morph().parse(token)[0].tag for tag in _PERSON_TAGS)


SHORT_NAME = (MIN_FUZZY_LENGTH, 6)  # the lengths where the ratio cutoff leaves no room for a changed letter


def _one_slip_name(token: str, choices: dict[int, list[str]]) -> str | None:
    """The one name a Latin non-word of five or six letters is a single edit from ("bruney" ~ "brunei")."""
    if not (token.isascii() and SHORT_NAME[0] <= len(token) <= SHORT_NAME[1]):
        return None
    near = process.extract(token, _of_lengths(choices, len(token) - 1, len(token) + 1), scorer=OSA.distance,
                           processor=None, score_cutoff=1, limit=2)  # fmt: skip
    if len(near) != 1:
        return None  # no name that near, or two names as near: no guess
    # the dictionaries load on first use, not at start-up
    from bot.engine.spelling import is_english_word, is_place_word

    # a word is itself: "tiger" is no Niger, "vezde" (везде) no Verde; a place's Russian name is typed as heard
    # ("tokio" is Токио), so a reading that is a place is no bar
    if is_english_word(token):
        return None
    russian = known_russian_word(latin_to_cyrillic(token))
    return near[0][0] if russian is None or is_place_word(russian) else None


# letters typed for one another by ear in Latin names ("sirya" is Syria, "kipr" is no slip but "ciprus" is)
_SOUNDS = (("ph", "f"), ("ck", "c"), ("k", "c"), ("y", "i"), ("w", "v"))


def sound_key(word: str) -> str:
    """A Latin word as it sounds: ``_SOUNDS`` folded, doubled letters single ("sirya" and "syria": "siria")."""
    for typed, heard in _SOUNDS:
        word = word.replace(typed, heard)
    return re.sub(r"(.)\1+", r"\1", word)


def _dropped_letter_name(token: str, choices: dict[int, list[str]]) -> str | None:
    """The one name a four-letter Latin non-word is with one letter put back ("japn": Japan)."""
    if not token.isascii() or not token.isalpha():
        return None
    near = [word for word in choices.get(len(token) + 1, ()) if Indel.distance(token, word) == 1]
    if len(near) != 1:
        return None
    from bot.engine.spelling import is_english_word

    # ("putn" is no word either; "mira" is a Russian one, "dubi" neither, but no name is one letter from it)
    if is_english_word(token) or known_russian_word(latin_to_cyrillic(token)):
        return None
    return near[0]


def add_all(index: PhraseIndex, phrases: Iterable[str], label: Hashable) -> None:
    for phrase in phrases:
        index.add(phrase, label)

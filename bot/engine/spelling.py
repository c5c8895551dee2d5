"""Spelling: a typed word that is no word at all is read as the nearest word people use to ask about the facts.

"hw mnay rusians votd in kirgizstan" -> "hw many russians voted in kirgizstan". A word is corrected only when it
is not a word of its language (English: the dictionary of pyspellchecker; Russian: pymorphy's), so "weather" stays
"weather" and a question about the weather stays off-topic. The nearest word is searched among the fact base's own
vocabulary (example questions, topic words, names, function words), never a general dictionary, with a
length-aware Damerau-Levenshtein (OSA) distance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

import jellyfish
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.text import is_cyrillic, known_russian_word, latin_to_cyrillic, morph, stem_ru

# the most edits a word of this length may need to be corrected: short words are too easily another word
MAX_EDITS = ((2, 0), (5, 1), (99, 2))  # up to 2 letters: none; 3-5: one; 6 and more: two
# Russian unstressed vowels are typed as heard ("прагаласовало"): compared with these folded, a word is found
# however many of them were typed wrong
_VOWEL_FOLD = str.maketrans({"о": "а", "е": "и", "ё": "и", "я": "и", "й": "и"})  # "выйграл" is "выиграл"


LONGEST_WORD = 30  # longer "words" are noise (a pasted hash, a key held down): never corrected


def max_edits(word: str) -> int:
    if len(word) > LONGEST_WORD:
        return 0
    return next(edits for length, edits in MAX_EDITS if len(word) <= length)


@cache
def _english() -> object:
    from spellchecker import SpellChecker  # loaded on the first unknown English word: start-up stays short

    return SpellChecker(language="en", distance=1)


def is_word(token: str) -> bool:
    """Whether ``token`` is a word of its language (so it is not a typo, whatever the fact base knows); a Latin
    word that reads as Russian ("procent") is a word too."""
    if is_cyrillic(token):
        return known_russian_word(token) is not None
    russian = known_russian_word(latin_to_cyrillic(token))
    if russian is not None and not _PERSON_TAGS & morph().parse(russian)[0].tag.grammemes:
        return True  # a Russian word or place, not a Russian reading of a person's name ("franse" is no "Франс")
    return bool(_english().known([token]))  # type: ignore[attr-defined]


# In an English message a Latin token is a slip of a frequent English word one edit away ("teh", "polise", "lien"),
# though it reads as a Russian word ("тех", "полисе") or is a rare English one: the word meant is that much more used
SLIP_FREQUENCY = 10_000  # the least count (in pyspellchecker's English list) of the word meant
SLIP_RATIO = 100  # ...and how many times more often than the token it is used
RARE_ENGLISH = 1_000  # an English word used less than this may be a slip ("lien" for "line", "mani" for "many")
RARE_MIN_LENGTH = 4  # a shorter rare English word is one edit from too many ("nat", "som")


@lru_cache(maxsize=5_000)
def is_english_slip(token: str) -> bool:
    """Whether a Latin token of an English message is a slip of a much more frequent English word one edit away."""
    checker = _english()
    frequency = checker.word_frequency[token]  # type: ignore[attr-defined]
    if frequency >= RARE_ENGLISH or (frequency and len(token) < RARE_MIN_LENGTH):
        return False
    if not frequency and _russian_headword(token):
        return False  # a Russian word typed in Latin as the dictionary has it ("cafe", "kafe"), not a chance form
    least = max(SLIP_FREQUENCY, SLIP_RATIO * frequency)
    near = checker.known(checker.edit_distance_1(token))  # type: ignore[attr-defined]
    return any(checker.word_frequency[word] >= least for word in near if word != token)  # type: ignore[attr-defined]


def _russian_headword(token: str) -> bool:
    """Whether a Latin token reads as a Russian word in its dictionary form ("cafe": "кафе"), rather than as a
    chance inflected form of one ("teh": "тех", "polise": "полисе")."""
    russian = latin_to_cyrillic(token)
    if not morph().word_is_known(russian):
        return False
    return any(parse.normal_form == russian or "Fixd" in parse.tag for parse in morph().parse(russian)[:2])


def is_english_word(token: str) -> bool:
    """A word of the English dictionary ("de", "is"), unlike a country's code ("kz", "uz")."""
    return bool(_english().known([token]))  # type: ignore[attr-defined]


_PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
# pymorphy's tags of proper names: a known word with one of these is still a name ("Керала", "Резник")
_NAME_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=20_000)
def is_name_like(token: str) -> bool:
    """A name rather than an ordinary word: a proper name to pymorphy, or no word of English or Russian at all
    ("navalnaya", "керале")."""
    # the dictionaries as they are, without is_word's dropped-soft-sign repair: "navalnaya" is no misspelt adjective
    if is_cyrillic(token):
        parses = morph().parse(token)[:2]
        return not morph().word_is_known(token) or any(_NAME_TAGS & parse.tag.grammemes for parse in parses)
    if _english().known([token]):  # type: ignore[attr-defined]
        return False  # ("anyone" is no "Анене")
    russian = latin_to_cyrillic(token)
    if morph().word_is_known(russian):
        # Russian typed in Latin letters: a word ("golosovali"), unless it reads as a surname ("zakharova")
        return any(_PERSON_TAGS & parse.tag.grammemes for parse in morph().parse(russian)[:2])
    return True


def is_place_word(word: str) -> bool:
    """A Russian word pymorphy reads as a place ("москвы"): places are the entity index's, not a rare name's."""
    return is_cyrillic(word) and any("Geox" in parse.tag for parse in morph().parse(word)[:2])


# endings of the surnames of Russia and its neighbours ("Бердымухамедов", "Пашинян"), for a name no dictionary holds
SURNAME_ENDINGS = ("ов", "ев", "ёв", "ова", "ева", "ёва", "ин", "ина", "ский", "ская", "енко", "ян", "ич")
SURNAME_MIN_LENGTH = 6  # shorter words with those endings are too often a slip of an everyday word


def reads_as_surname(token: str, *, unlisted: bool = False) -> bool:
    """A person's name to pymorphy, typed in either alphabet ("Захарова", "zakharova"); no English word. With
    ``unlisted``, also a word no dictionary holds that ends as a surname does ("Бердымухамедов")."""
    russian = token if is_cyrillic(token) else latin_to_cyrillic(token)
    # (a word pymorphy only guesses at is no name it knows: "eurasianet")
    known = morph().word_is_known(russian)
    if unlisted and not known and len(russian) >= SURNAME_MIN_LENGTH and russian.endswith(SURNAME_ENDINGS):
        return is_cyrillic(token) or not _english().known([token])  # type: ignore[attr-defined]
    # (a surname, not a first name, "Мария", nor a place, "Ливан")
    parses = morph().parse(russian)[:2] if known else []
    if not any("Surn" in parse.tag for parse in parses) or any("Geox" in parse.tag for parse in parses):
        return False
    return is_cyrillic(token) or not _english().known([token])  # type: ignore[attr-defined]


def is_proper_name(token: str) -> bool:
    """A name rather than a word of things: ``is_name_like``, or a Latin word the spelling dictionary knows but
    lemminflect's lexicon of common words does not ("doha", "amman", "bali")."""
    if is_name_like(token):
        return True
    if is_cyrillic(token) or not token.isalpha():
        return False
    from lemminflect import getAllLemmas  # loaded on the first unknown English word: start-up stays short

    return not getAllLemmas(token)


def reads_as_first_name(token: str) -> bool:
    """A first name pymorphy knows ("Элла", "maria"), which says no subject of its own beside a surname."""
    if not is_cyrillic(token):
        token = latin_to_cyrillic(token)
    return morph().word_is_known(token) and any("Name" in parse.tag for parse in morph().parse(token)[:2])


def is_person_like(token: str, form: str) -> bool:
    """A person's name, or a name no dictionary knows, that is not a place: "reznik", "Навальная" via "Навальный"
    is an adjective to pymorphy, so the facts' capitals decide that one (KnowledgeIndex.rare_name_facts)."""
    if is_place_word(form):
        return False
    if is_cyrillic(form):
        parses = morph().parse(form)[:2]
        if parses and "inan" in parses[0].tag and not _PERSON_TAGS & parses[0].tag.grammemes:
            return False  # a thing before a name: "марте" is March before it is Marta
        if any(_PERSON_TAGS & parse.tag.grammemes for parse in parses):
            return True
    return is_name_like(token)


# letters typed for one another: й and и (the breve dropped or added), е and э
_SWAPS = (("й", "и"), ("и", "й"), ("е", "э"), ("э", "е"))


def _letters_swapped(word: str) -> str | None:
    """The word a Russian typo spells with one of ``_SWAPS`` undone, if pymorphy knows it."""
    for typed, meant in _SWAPS:
        start = word.find(typed)
        while start != -1:
            candidate = word[:start] + meant + word[start + 1 :]
            if morph().word_is_known(candidate):
                return candidate
            start = word.find(typed, start + 1)
    return None


def fold_vowels(word: str) -> str:
    return word.translate(_VOWEL_FOLD)


def _surname_heard(token: str, vocabulary: Mapping[str, tuple[str, ...]]) -> str | None:
    """A Russian word typed with unstressed vowels as heard that is the surname of a person of the base ("путен",
    "даванкав"): the surname, even when the typed word is some rare word of the dictionary."""
    if not is_cyrillic(token):
        return None
    folded = vocabulary.get("\x00" + fold_vowels(token))
    if not folded or folded[0] == token:
        return None
    return folded[0] if any("Surn" in parse.tag for parse in morph().parse(folded[0])[:2]) else None


# an English word typed as heard ("elecshun", "stashun") is read by its sound when no spelling of ours is near it;
# shorter words sound like too many others ("wen": "when", "win", "one")
HEARD_MIN_LENGTH = 6
HEARD_MIN_KEY = 3  # Metaphone letters


def _sound(word: str) -> str:
    return "\x03" + jellyfish.metaphone(word)


def _english_heard(token: str, vocabulary: Mapping[str, tuple[str, ...]]) -> str | None:
    """The most frequent English word of the base that sounds like ``token`` (Metaphone), for a long enough word."""
    if len(token) < HEARD_MIN_LENGTH or is_cyrillic(token):
        return None
    key = _sound(token)
    if len(key) - 1 < HEARD_MIN_KEY:
        return None
    heard = vocabulary.get(key)
    return heard[0] if heard else None


def build_vocabulary(words: Iterable[str]) -> Mapping[str, tuple[str, ...]]:
    """The vocabulary by first letter, the most frequent words first (they win ties); by its Russian words with
    their vowels folded (under a NUL and the folded form); by its English words' sound (a \x03 and Metaphone)."""
    counts = Counter(word for word in words if word.isalpha() and len(word) > 2)
    buckets: dict[str, list[str]] = defaultdict(list)
    for word, _ in counts.most_common():
        buckets[word[0]].append(word)
        if not is_cyrillic(word):
            buckets[_sound(word)].append(word)
        if is_cyrillic(word):
            buckets.setdefault("\x00" + fold_vowels(word), [word])
            stem = stem_ru(word)
            if "\x02" + stem not in buckets:
                buckets["\x01" + word[0]].append(stem)
                buckets["\x02" + stem] = [word]
    return {letter: tuple(bucket) for letter, bucket in buckets.items()}


STEM_EDITS = 1  # a slip inside a Russian word's stem; its ending may differ from the base's word


def _nearest_stem(token: str, vocabulary: Mapping[str, tuple[str, ...]]) -> str | None:
    """ "выграл" is "выиграть", "обагнал" is "обогнать": a Russian word's stem one edit from a base word's stem,
    whatever the endings (the base's words are mostly dictionary forms, the typed word any form)."""
    stem = stem_ru(token)
    if len(stem) < MAX_EDITS[1][0]:
        return None  # a short stem is too easily another word's
    stems = vocabulary.get("\x01" + token[0], ())
    found = process.extractOne(stem, stems, scorer=OSA.distance, score_cutoff=STEM_EDITS)
    return vocabulary["\x02" + found[0]][0] if found else None


NEAREST_TIED = 5  # words at the same distance looked at to break a tie
DROPPED_EDITS = 2  # a shorter word may be a longer one with this many letters left out...
DROPPED_MIN_LENGTH = 4  # ...when it has this many letters


def _nearest(token: str, words: tuple[str, ...], edits: int) -> tuple[str, float, int] | None:
    """The vocabulary word nearest ``token``; of several as near, the most frequent one the token is that word
    with letters dropped from ("vots" is "votes", not "vote", a letter changed), else the most frequent."""
    found = process.extract(token, words, scorer=OSA.distance, score_cutoff=edits, limit=NEAREST_TIED)
    if not found and edits < DROPPED_EDITS and len(token) >= DROPPED_MIN_LENGTH:
        # "polin" is "polling" with two letters left out: dropped letters are the commonest slip of a hasty hand
        found = process.extract(token, words, scorer=OSA.distance, score_cutoff=DROPPED_EDITS, limit=NEAREST_TIED)
        found = [item for item in found if item[0][:2] == token[:2] and _letters_dropped(token, item[0])]
    if not found:
        return None
    tied = [item for item in found if item[1] == found[0][1]]
    return next((item for item in tied if _letters_dropped(token, item[0])), tied[0])


def _letters_dropped(token: str, word: str) -> bool:
    """Whether ``token`` is ``word`` with some letters left out, in order."""
    letters = iter(word)
    return all(letter in letters for letter in token)


def correct(
    tokens: Iterable[str], vocabulary: Mapping[str, tuple[str, ...]], known: frozenset[str], *, english: bool = False
) -> list[str]:
    """Each token, or the nearest vocabulary word when the token is a typo: no word, and close to one of ours. In an
    ``english`` message, a Latin word's slip of a frequent English word is a typo too."""
    corrected = []
    for token in tokens:
        edits = max_edits(token)
        if not edits or token in known or not token.isalpha():
            corrected.append(token)
            continue
        surname = _surname_heard(token, vocabulary)
        if surname:
            corrected.append(surname)  # "путен" is a rare word ("путный"), but "Путин" is what people ask about
            continue
        if is_word(token) and not (english and not is_cyrillic(token) and is_english_slip(token)):
            corrected.append(token)
            continue
        folded = vocabulary.get("\x00" + fold_vowels(token)) if is_cyrillic(token) else None
        if folded:
            corrected.append(folded[0])
            continue
        swapped = _letters_swapped(token) if is_cyrillic(token) else None
        if swapped:
            corrected.append(swapped)  # "выйграл" is "выиграл", a word of the language if not of the base
            continue
        found = _nearest(token, vocabulary.get(token[0], ()), edits)
        if is_cyrillic(token) and (found is None or found[1] > STEM_EDITS):
            # one slip in the stem is nearer than two in the word: "выграл" is "выиграть", not "выдал"
            stem_found = _nearest_stem(token, vocabulary)
            found = (stem_found, 0, 0) if stem_found else found
        if found is None and not is_cyrillic(token):
            heard = _english_heard(token, vocabulary)
            found = (heard, 0, 0) if heard else None
        corrected.append(found[0] if found else token)
    return corrected

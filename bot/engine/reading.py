"""Stage 1, read: what one message says on its own — its words, language, names and topic words.

A reading depends only on the text and the index, never on the chat, so it is cached and shared between chats;
it is immutable so that sharing is safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.abroad_facts import ABROAD
from bot.country_names import FIRST_STATION, LAST_STATION
from bot.engine.index import KnowledgeIndex
from bot.engine.spelling import correct, is_english_word, is_name_like, is_proper_name, reads_as_first_name
from bot.engine.thresholds import RARE_WORD_FACTS
from bot.entities import Mentions
from bot.lexicon import MIN_FUZZY_LENGTH
from bot.text import (
    FILLERS,
    FRACTION_COUNTS,
    FRACTIONS,
    REPAIR_CUES,
    STOPWORDS,
    is_cyrillic,
    is_modifier,
    known_russian_word,
    latin_to_cyrillic,
    place_name,
    russian_reading,
    russian_typed_in_latin,
    script_language,
    token_keys,
    tokenize,
)
from bot.topics import AREA_STEMS, TopicSignals, topic_signals

SILENT_FILLERS = FILLERS & frozenset(
    {"чё", "че", "чо", "шо", "ну", "ваще", "вообще", "плиз", "плз", "пж", "кстати", "короче", "кароче", "типа",
     "типо", "блин", "слушай", "просто", "именно", "конкретно", "хм", "ага", "походу", "кажется", "вроде", "pls",
     "plz", "please", "pleas", "thx", "btw", "lol", "lmao", "hmm", "anyway", "actually", "basically", "kinda",
     "лол", "хаха", "ахах", "ахаха", "haha"}
)  # fmt: skip
# the words of polling stations ("station", "участков", "загранучастки", "УИК"): the stems every stage tests
STATION_WORDS = ("station", "участ", "загранучаст", "уик", "uchast", "uik", "precinct")


def is_station_number(token: str) -> bool:
    """A number in the range of the stations abroad ("8133")."""
    return len(token) == 4 and token.isdigit() and FIRST_STATION <= int(token) <= LAST_STATION


def names_stations(tokens: Iterable[str]) -> bool:
    return any(token.startswith(STATION_WORDS) for token in tokens)


# words that take the turn before a question: dropped at the start, so "а"/"and" after them still opens a follow-up
TURN_TAKING = frozenset(
    {"ок", "окей", "оке", "ok", "okay", "okey", "ладно", "хорошо", "понятно", "ясно", "ага", "угу", "so", "well", "hmm",
     "alright", "cool", "right", "got", "gotcha", "ну", "понял", "поняла",
     "great", "nice", "отлично", "супер", "класс", "understood"}
)  # fmt: skip
HOLDING_THE_TURN = frozenset({"wait", "hold", "стоп", "погоди", "подожди", "постой"})
_BARE_PERCENT = re.compile(r"(?<![\d\s])\s*%|(?:^|\s)%")  # a "%" typed with no figure before it
PERCENT_SIGN_TOPIC = 0.8
# a capitalised word inside an English sentence is a name ("... in Kazan")
_INNER_CAPITALISED = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]+")
SHORT_STATION_QUESTION = 3  # words in a follow-up where a bare number in that range is a station ("and 8134?")
# "400k", "15тыс", "2nd": a number with a unit, not a word
_NUMBER_TOKEN = re.compile(r"\d+(?:k|m|тыс|млн|st|nd|rd|th|%)?")
# a polling station by its CEC number: "station 8133", "УИК №8158", "участок 8267", "#8099"
_STATION = re.compile(
    r"(?:station|stations|precinct|uik|uchastok|участ\w*|уик|тик|№|#|no\.)\s*(?:no\.?|number|номер|№|#)?\s*(\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reading:
    """What the engine read in one message."""

    tokens: tuple[str, ...]
    language: str | None  # None: nothing in the text tells (digits, punctuation)
    mentions: Mentions
    signals: TopicSignals
    unknown: tuple[str, ...] = ()  # content words nothing explained
    places: tuple[str, ...] = ()  # unknown words that name a place or a person ("Kazan")
    transliterated: bool = False  # Russian typed in Latin letters
    sum: bool = False  # a sum to work out ("7*8", "2+2="), which the tokens no longer show
    base_names: tuple[str, ...] = ()  # words that are names only a few facts hold ("Navalnaya", "Reznik")
    # unknown words that a few facts' own text holds, with those facts' places: "латвия ... документы" asks the
    # Latvian fact that says "документы", not about papers in general
    word_places: tuple[tuple[str, frozenset[str]], ...] = ()
    # ...of which a person's name that more facts hold ("Zakharova", "Navalny"): it does not make the message about
    # the vote whatever its other words ("where is Navalny buried")
    wide_names: tuple[str, ...] = ()
    stations: tuple[int, ...] = ()  # polling-station numbers named ("station 8133", "УИК 8158")
    event: bool = False  # a named event of the vote abroad ("Noon Against Putin")
    outlet_words: frozenset[int] = frozenset()  # positions of an outlet's name ("Novaya Gazeta Europe")
    outlets: frozenset[str] = frozenset()  # the sources of the outlets named ("NGE says ...")
    numbers: tuple[tuple[float, bool], ...] = ()  # figures the message states: (value, is a percentage)

    @property
    def subject_words(self) -> tuple[str, ...]:
        """The unknown words that may name another subject ("weather", "визу"), leaving out those that only shade
        the question ("someone", "реальный", "ок")."""
        return tuple(token for token in self.unknown if not is_modifier(token))


# numbers with an operator between them: "7*8", "2+2", "10/2" ("8133-8134" is a range, "2018 vs 2024" words)
_SUM = re.compile(r"\d\s*[*×/+=^]\s*\d")

# a figure as people type it: "15,000", "15 000", "57.6%", "400k", "372 тысячи", "99 процентов"
_FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ ,\u00a0]\d{3})+|\d+(?:[.,]\d+)?)"  # the digits, grouped or not
    r"\s*(k\b|тыс\w*|thousand|million\w*|mln\b|млн\w*|миллион\w*)?\s*(%|percent|per cent|процент\w*)?",
    re.IGNORECASE,
)
# "a million", "миллион": a round figure said without digits
_WORD_FIGURE = re.compile(r"\b(?:a|one|один|одного|over a|more than a)?\s*(million|миллион\w*)\b", re.IGNORECASE)
_MULTIPLIERS = {"k": 1_000, "тыс": 1_000, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000,
                "млн": 1_000_000, "миллион": 1_000_000}  # fmt: skip


LONGEST_FIGURE = 15  # digits: more than any count or share of this vote


def fraction_figures(tokens: list[str]) -> tuple[tuple[float, bool], ...]:
    """The shares a message says in words: "half" is 50%, "две трети" 66.7%."""
    found = []
    for position, token in enumerate(tokens):
        share = FRACTIONS.get(token)
        if token == "third" and position and tokens[position - 1] in ("a", "one"):
            share = 100 / 3  # "a third" (alone, "third" is a place: "who came third")
        if share is not None:
            times = FRACTION_COUNTS.get(tokens[position - 1], 1) if position else 1
            found.append((round(share * times, 1), True))
    return tuple(found)


def stated_figures(text: str, stations: tuple[int, ...]) -> tuple[tuple[float, bool], ...]:
    """The figures a message states, leaving out station numbers and years (1990-2035 alone)."""
    found = []
    for digits, thousands, percent in _FIGURE.findall(text):
        plain = re.sub(r"[ ,\u00a0]", "", digits) if re.search(r"\d[ ,\u00a0]\d{3}\b", digits) else digits
        if len(plain) > LONGEST_FIGURE:
            continue  # a pasted run of digits states no figure (and would not fit a float)
        value = float(plain.replace(",", "."))
        if thousands:
            value *= next(times for stem, times in _MULTIPLIERS.items() if thousands.lower().startswith(stem))
        if (
            not percent
            and not thousands
            and (int(value) in stations or (1990 <= value <= 2035 and value == int(value)))
        ):
            continue
        found.append((value, bool(percent)))
    if not found:
        found += [(1_000_000.0, False) for _ in _WORD_FIGURE.finditer(text)]  # "over a million voted abroad"
    return tuple(found)


# named events whose names contain a candidate's name; each is read through the topic words (topics.py)
EVENT_NAMES = (("noon", "against", "putin"), ("полд", "против", "путин"), ("polden", "protiv", "putin"))


# "а по-русски можно?", "in english please": the language the reply is asked in, said apart from the question
LANGUAGE_ASKED = (
    ("ru", re.compile(r"\b(?:по[- ]русски|на русском(?: языке)?|in russian|po[- ]russki|na russkom)\b", re.IGNORECASE)),
    ("en", re.compile(r"\b(?:in english|по[- ]английски|на английском(?: языке)?|po[- ]angliyski)\b", re.IGNORECASE)),
)
# words that only ask politely for it ("можно?", "please answer"): with the request alone, nothing else is asked
POLITE_WORDS = frozenset(
    {"можно", "пожалуйста", "please", "pls", "plz", "answer", "reply", "ответь", "ответьте", "пиши", "напиши",
     "говори", "can", "could", "you", "а", "and", "ok", "ок", "давай", "lets", "let", "s", "switch", "to", "speak",
     "write", "mozhno", "pozhaluysta", "и", "but"}
)  # fmt: skip


def language_asked(text: str) -> tuple[str | None, str]:
    """The language a message asks the reply in, and the message without that request (empty when it asked
    nothing else)."""
    for language, pattern in LANGUAGE_ASKED:
        found = pattern.search(text)
        if found:
            rest = (text[: found.start()] + " " + text[found.end() :]).strip()
            if all(token in POLITE_WORDS for token in tokenize(rest)):
                rest = ""
            return language, rest
    return None, text


# "Vote Abroad", the volunteers who ran the exit poll (capitalised, or asked what it is), not "vote abroad"
VOTE_ABROAD = re.compile(
    r"\bVote Abroad\b|(?i:(?:\bwhat(?:\s+i|')?s|\bwho\s+(?:is|are|runs?)|что\s+такое|кто\s+такие)\s+(?:the\s+)?"
    r"vote\s+abroad\b)"
)


def _vote_abroad_named(tokens: list[str]) -> list[str]:
    """The organisation's name read as what it ran: "vote abroad" -> "exit poll abroad"."""
    for at, pair in enumerate(pairwise(tokens)):
        if pair == ("vote", "abroad"):
            return [*tokens[:at], "exit", "poll", *tokens[at + 1 :]]
    return tokens


# outlets whose names hold a place ("Novaya Gazeta Europe says ...", "the Moscow Times"): their place is no place
# asked about
OUTLET_NAMES = (
    ("novaya", "gazeta", "europe"), ("новая", "газета", "европа"), ("radio", "free", "europe"), ("moscow", "times"),
    ("cyprus", "mail"), ("new", "indian", "express"), ("kathimerini", "cyprus"),
)  # fmt: skip


def _event_spans(tokens: list[str], names: tuple[tuple[str, ...], ...] = EVENT_NAMES) -> list[tuple[int, int]]:
    spans = []
    for start, token in enumerate(tokens):
        for name in names:
            # the first word alone rules out almost every name (this runs on every message)
            if (
                token.startswith(name[0])
                and start + len(name) <= len(tokens)
                and all(tokens[start + offset].startswith(word) for offset, word in enumerate(name[1:], 1))
            ):
                spans.append((start, start + len(name)))
    return spans


def _outlet_spans(
    tokens: list[str],
    outlets: Mapping[tuple[str, ...], frozenset[str]],
    heads: Mapping[str, tuple[tuple[str, ...], ...]],
) -> list[tuple[int, int, frozenset[str]]]:
    """The press outlets a message names ("NGE says", "по данным Новой газеты"), longest name first, with the
    sources each published; a Russian name in any case form."""

    def same(token: str, word: str) -> bool:
        if token == word:
            return True
        if is_cyrillic(token) and not is_cyrillic(word):
            word = latin_to_cyrillic(word)  # "novaya gazeta", its first word read as Russian typed in Latin
        return is_cyrillic(word) and token.startswith(word[: max(3, len(word) - 2)])

    spans: list[tuple[int, int, frozenset[str]]] = []
    taken: set[int] = set()
    for start, token in enumerate(tokens):
        for name in heads.get(token[:3], ()):
            at = range(start, start + len(name))
            if start + len(name) > len(tokens) or taken & set(at):
                continue
            if all(same(tokens[position], word) for position, word in zip(at, name, strict=True)):
                spans.append((start, start + len(name), outlets[name]))
                taken.update(at)
                break
    return spans


# "his country", "в его стране" after a leader or a place: the place the chat is about, said as "there"
OWNERS = frozenset(
    {"his", "her", "their", "its", "его", "её", "ее", "их", "своей", "своя", "свою", "него", "неё", "нее", "них"}
)
COUNTRY_WORDS = frozenset({"country", "стране", "страна", "страну", "страны", "homeland", "родине"})


def _their_country_is_there(tokens: list[str]) -> list[str]:
    """ "his country", "в его стране", "у него в стране": the country of the person the chat is about, "there"."""
    for at in range(len(tokens) - 1):
        # ("у него в стране": a preposition between the owner and the country)
        gap = 1 if tokens[at + 1] in ("в", "in") and at + 2 < len(tokens) else 0
        if tokens[at] in OWNERS and tokens[at + 1 + gap] in COUNTRY_WORDS:
            there = "там" if is_cyrillic(tokens[at + 1 + gap]) else "there"
            return [*tokens[:at], there, *tokens[at + 2 + gap :]]
    return tokens


SLIP_LENGTH = 4  # shorter words are one slip from too many others to tell a language by


def _latin_slip(token: str, index: KnowledgeIndex) -> str | None:
    """What a Latin word of no language is one slip of: a name of the base ("syira") or another of its English words
    ("reslt"); None when it is near neither (or too short to tell)."""
    if len(token) < SLIP_LENGTH or not token.isalpha() or is_english_word(token):
        return None
    found = process.extractOne(token, index.spelling.get(token[0], ()), scorer=OSA.distance, score_cutoff=1)
    if found is None:
        return None
    if found[0] in index.latin_names:
        # ("kak" is one slip from a code, as is any word; "japn" is a name with a letter dropped)
        return "name" if len(token) >= MIN_FUZZY_LENGTH or index.entities.index.correct(token) else None
    return "english"


def _a_person_of_the_facts(token: str, index: KnowledgeIndex) -> bool:
    """ "navalnaya", "putina": a person the facts name in Latin letters (the dictionaries asked only for those)."""
    # (pymorphy first: the English dictionary loads only for a name that reads as Russian, "navalnaya")
    in_russian = token in index.latin_people and known_russian_word(latin_to_cyrillic(token)) is not None
    return in_russian and is_name_like(token)


def _base_word_in_latin(token: str, index: KnowledgeIndex) -> str:
    """In an English message, a Russian word of the base typed in Latin is read as that word ("tadjikstan putin
    procent": "процент"), rather than corrected to the nearest English one."""
    if len(token) < MIN_FUZZY_LENGTH or token in index.english_words or token in index.latin_names:
        return token
    if index.entities.index.correct(token):
        return token  # a slip of a place's name ("afrika"), which the names' index reads
    reading = russian_reading(token, index.known_words)
    return reading if reading in index.known_words and not is_english_word(token) else token


def _name_kept(typed: str, corrected: str, index: KnowledgeIndex) -> str:
    """A slip as near a place's name as the word it was corrected to stays as typed, for the names' index to read:
    "czeck" is Czech, not "check"."""
    if typed == corrected:
        return typed
    name = index.entities.index.correct(typed)
    if name is None or name == corrected or OSA.distance(typed, name) > OSA.distance(typed, corrected):
        return corrected
    return typed


QUESTION_STUBS = {"wh": "what", "wht": "what", "wut": "what", "wat": "what"}  # a question word cut short in a chat
QUESTION_WORDS = ("which", "what", "where", "when", "who", "whose", "how", "why")
_NO_VOWELS = str.maketrans("", "", "aeiou")


def _question_word_slip(token: str, index: KnowledgeIndex) -> str:
    """A question word typed with one slip ("wich", "wher", "wat") is that word; one that is a slip of two ("hwo":
    "how" or "who") stays as typed."""
    if token in QUESTION_STUBS:
        return QUESTION_STUBS[token]
    if not 3 <= len(token) <= 6 or token in QUESTION_WORDS or token in index.latin_names:
        return token
    near = [word for word in QUESTION_WORDS if OSA.distance(token, word) == 1]
    if len(near) > 1:
        # a chat drops vowels ("whn" is "when", not "who"): the word whose consonants are the ones typed
        near = [word for word in near if word.translate(_NO_VOWELS) == token] or near
    # (the dictionary only for a near miss: it loads on first use, which a plain question need not pay)
    return near[0] if len(near) == 1 and not is_english_word(token) else token


def read(text: str, index: KnowledgeIndex, *, russian_chat: bool = False) -> Reading:
    """Tokenise, tell the language (transliterating Russian typed in Latin), find names and topic words. In a chat
    held in Russian, Latin words that read as much as Russian as English are Russian ("izvini, ya pro kazahstan")."""
    tokens = tokenize(text)
    if VOTE_ABROAD.search(text):
        tokens = _vote_abroad_named(tokens)
    language = script_language(text)
    transliterated = False
    if language == "en":
        converted = russian_typed_in_latin(
            tokens,
            index.english_words,
            index.english_stems,
            index.latin_names,
            index.known_words,
            russian_chat,
            misspelt=lambda token: _latin_slip(token, index),
            is_english=is_english_word,
            is_person=lambda token: _a_person_of_the_facts(token, index),
        )
        if converted:
            tokens, language, transliterated = converted, "ru", True
        else:
            tokens = [_question_word_slip(_base_word_in_latin(token, index), index) for token in tokens]
    typed = tokens
    tokens = [
        _name_kept(before, after, index)
        for before, after in zip(
            typed, correct(typed, index.spelling, index.known_words, english=language == "en"), strict=True
        )
    ]
    corrected = {word for before, word in zip(typed, tokens, strict=True) if before != word}
    # fillers say nothing ("кто вообще баллотировался" is "кто баллотировался"): read without them, so the words
    # around them meet as the phrases they are (a claim or repair cue that is also a filler stays: "right?")
    tokens = [token for token in tokens if token not in SILENT_FILLERS] or tokens
    # "ok, and in Qatar?", "ладно, а явка там?": a word that only takes the turn, before the question itself
    while len(tokens) > 1 and tokens[0] in TURN_TAKING:
        tokens = tokens[1:]
    # "no wait, kyrgyzstan", "стоп, а в Киргизии?": "wait" opening a turn holds it, no queue is waited in
    hold_at = 1 if len(tokens) > 2 and tokens[0] in ("no", "нет", "oh", "ой") else 0
    if len(tokens) > hold_at + 1 and tokens[hold_at] in HOLDING_THE_TURN:
        tokens = tokens[:hold_at] + tokens[hold_at + 1 :]
    tokens = _their_country_is_there(tokens)
    mentions = index.entities.find(tokens, text)
    events = _event_spans(tokens)
    outlets = _event_spans(tokens, OUTLET_NAMES)
    if events or outlets:
        # "Noon Against Putin" names a protest, not the candidate; "Novaya Gazeta Europe" an outlet, not a place:
        # the name inside it is no mention
        inside = {position for start, end in [*events, *outlets] for position in range(start, end)}
        mentions = Mentions([item for item in mentions.items if not inside & set(range(item.start, item.end))])
    named = mentions.positions
    # "polling stations abroad", "участки за рубежом" name abroad and still ask about its stations (with a candidate
    # named, "at how many stations abroad did Putin lose?" asks his result there)
    stations = {
        position
        for item in mentions.items
        if item.id == ABROAD and not mentions.candidates()
        for position in range(max(item.start, 0), item.end)
        if tokens[position].startswith(STATION_WORDS)
    }
    signals = topic_signals(index.topic_index, tokens, named - stations)
    if _BARE_PERCENT.search(text) and "result" not in signals.topics:
        # "putin's % in the G7 capitals": the sign alone says a share is asked, as "percent" does
        signals.topics["result"] = signals.named["result"] = signals.strongest["result"] = PERCENT_SIGN_TOPIC
    if events:
        signals.election = signals.specific = signals.strong = True  # a named event of this vote is its own subject
    named_outlets = _outlet_spans(tokens, index.outlets, index.outlet_heads)
    if named_outlets:
        signals.election = True  # an outlet whose reports are the facts' sources speaks of this vote
    outlet_words = frozenset(position for start, end in outlets for position in range(start, end)) | frozenset(
        position for start, end, _ in named_outlets for position in range(start, end)
    )
    explained = named | signals.covered | outlet_words
    unknown = [
        token
        for position, token in enumerate(tokens)
        if position not in explained
        and token not in STOPWORDS
        and not token.isdigit()
        and not _NUMBER_TOKEN.fullmatch(token)
        and token not in FRACTIONS  # "half": a stated share
        and len(token) > 1
        and not any(key in index.asking_keys for key in token_keys(token))  # words of the questions are not foreign
        and not any(token.startswith(stems) for stems in AREA_STEMS.values())  # "Baltic", "в Азии": a part of the world
    ]
    # "Navalnaya", "Reznik": a name only a few facts hold is no foreign word; it says what the message is about
    # (a person many facts name only as typed: "здарова" is a greeting, not a slip of "Захарова")
    base_names = tuple(
        token
        for position, token in enumerate(tokens)
        if position not in named
        and token not in STOPWORDS
        and index.rare_name_facts(token)
        and (token not in corrected or len(index.rare_name_facts(token)) <= RARE_WORD_FACTS)
    )
    # ("кто такая Элла Памфилова": the first name before a surname of the facts is part of the name)
    first_names = {token for token, after in pairwise(tokens) if after in base_names and reads_as_first_name(token)}
    unknown = [token for token in unknown if token not in base_names and token not in first_names]
    if signals.topics and mentions.countries():
        # "qatar doha russians vote", "jordan amman results": a name of no dictionary right beside a country named,
        # with words of the vote, is a place of that country (its capital, a city without a station)
        beside = {at for item in mentions.items if item.kind == "country" for at in (item.start - 1, item.end)}
        local = {
            token for at, token in enumerate(tokens) if at in beside and token in unknown and is_proper_name(token)
        }
        unknown = [token for token in unknown if token not in local]
    wide_names = tuple(name for name in base_names if len(index.rare_name_facts(name)) > RARE_WORD_FACTS)
    places = [name for name in map(place_name, unknown) if name]
    if language == "en":
        # "turnout in chechnya": a place typed in Latin letters that reads as a Russian place name
        places += [token.capitalize() for token in unknown if place_name(russian_reading(token) or "")]
    if language == "en":
        capitalised = {word.casefold() for word in _INNER_CAPITALISED.findall(text)}
        places += [token.capitalize() for token in unknown if token in capitalised]
    stations = tuple(dict.fromkeys(int(number) for number in _STATION.findall(text)))
    if not stations and (len(tokens) <= SHORT_STATION_QUESTION or REPAIR_CUES & set(tokens)):
        # "and 8134?": a bare number in the range of the stations abroad, in a short follow-up
        stations = tuple(int(token) for token in tokens if is_station_number(token))
    return Reading(
        tuple(tokens),
        language,
        mentions,
        signals,
        tuple(unknown),
        places=tuple(places),
        transliterated=transliterated,
        stations=stations,
        base_names=base_names,
        wide_names=wide_names,
        word_places=tuple((token, held) for token in unknown if (held := index.word_places(token))),
        event=bool(events),
        outlet_words=outlet_words,
        outlets=frozenset(source for *_, sources in named_outlets for source in sources),
        numbers=stated_figures(text, stations) + fraction_figures(tokens),
        sum=bool(_SUM.search(text)),
    )


# one-letter words of both alphabets' chats: "a" and "i" are English words and Russian "а", "и" typed in Latin
NEUTRAL_WORDS = frozenset({"a", "i", "v", "s", "k", "u", "o"})


def names_only(reading: Reading) -> bool:
    """A message of names, numbers and one-letter words alone ("a davankov?", "a v 2018?"): it tells no language
    ("and Serbia?" does: "and" is English)."""
    named = reading.mentions.positions
    others = [token for position, token in enumerate(reading.tokens) if position not in named]
    latin = reading.language == "en"  # a name in Cyrillic is Russian
    neutral = all(token in NEUTRAL_WORDS or token.isdigit() for token in others)  # "a v 2018?"
    return latin and bool(reading.tokens) and neutral

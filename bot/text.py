"""Text basics shared by the matcher: normalisation, tokens, script and language, Latin->Cyrillic.

Everything here is pure and cached per word: the morphology analyser is the hot cost of a question.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

import cyrtranslit
import pymorphy3
import snowballstemmer
import stop_words

_WORD = re.compile(r"[a-zа-я0-9]+")
_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words: never matched fuzzily, never counted as evidence of a topic or of a language switch.
STOPWORDS_EN = _words(
    """
    a an the and or but if of in on at to for from by with about as into over after before is are was were
    be been being am do does did doing have has had having i me my we our you your he him his she her it its
    they them their what which who whom whose this that these those there here where when why how all any
    both each few more most other some such no nor not only own same so than too very can could will would
    shall should may might must just also then now again ever please tell show give let us know want like
    get got me any anything something thing things s t d ll m re ve y yes ok okay hi hello hey thanks thank
    take took taken find found happen happened keep kept make made go went gone see saw seen look need use used alone
    separately several others rest whats wat wats incl including excluding excl itself ones english state
    """
)
STOPWORDS_RU = _words(
    """
    а и в во не что он на я с со как то все она так его но да ты к у же вы за бы по только ее мне было вот
    от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять
    уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя их чем была сам чтоб
    без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой совсем ним здесь этом
    один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть
    после над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой
    перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это эта привет здравствуйте
    спасибо пожалуйста скажи скажите расскажи расскажите знать знаешь знаете отдельно несколько
    остальные остальных прочие включая вместе считая по-английски английском по-русски русском целиком полностью
    """
)
# how many places a question asks for ("the ten countries", "топ-5", "пять стран"): a count, not a content word
NUMBER_WORDS: dict[str, int] = {
    **dict.fromkeys(("one", "один", "одна", "одну"), 1),
    **dict.fromkeys(("two", "два", "две"), 2),
    **dict.fromkeys(("three", "три", "тройка", "тройку"), 3),
    **dict.fromkeys(("four", "четыре"), 4),
    **dict.fromkeys(("five", "пять", "пятёрка", "пятерка", "пятёрку", "пятерку"), 5),
    **dict.fromkeys(("six", "шесть"), 6),
    **dict.fromkeys(("seven", "семь"), 7),
    **dict.fromkeys(("eight", "восемь"), 8),
    **dict.fromkeys(("nine", "девять"), 9),
    **dict.fromkeys(("ten", "десять", "десятка", "десятку", "десяти"), 10),
    **dict.fromkeys(("fifteen", "пятнадцать"), 15),
    **dict.fromkeys(("twenty", "двадцать"), 20),
}
# a share said as a fraction ("less than half", "меньше половины", "a third"): the percentage it is
FRACTIONS = {
    **dict.fromkeys(("half", "половина", "половины", "половину", "половиной"), 50.0),
    **dict.fromkeys(("треть", "трети", "третью", "thirds"), 100 / 3),
    **dict.fromkeys(("quarter", "четверть", "четверти", "четвертью"), 25.0),
}
FRACTION_COUNTS = {"two": 2, "две": 2, "three": 3, "три": 3}  # "two thirds", "две трети", "three quarters"


# colloquial fillers ("чё там в Сербии", "kyrgyzstan results pls"): they carry no question of their own
# English words Russian speakers type as they are ("exit poll v almaty skolko"): they tell neither language
LOANWORDS = frozenset({"exit", "poll", "exitpoll"})
FILLERS = frozenset(
    {"чё", "че", "чо", "шо", "ну", "ваще", "плиз", "плз", "пж", "пожалуйста", "кстати", "короче", "типа", "инфа",
     "инфу", "инфо", "pls", "plz", "please", "pleas", "thx", "info", "btw", "ok", "okay", "hw", "ладно", "ой",
     "блин", "слушай", "кароче", "вообще", "просто", "именно", "конкретно", "хм", "ага", "ясно", "понятно",
     "lol", "lmao", "wait", "hmm", "well", "anyway", "actually", "specifically", "exactly", "basically", "just",
     "so", "oh", "right", "cool", "got", "gotcha", "ah", "kinda", "pretty", "вроде", "типо", "походу", "кажется",
     "отдельности", "individually", "precisely", "чтото", "что-то", "чото", "чёто", "чето", "какнибудь", "anything",
     "something", "actual", "absolute", "raw", "wise", "without", "excluding", "except", "separate", "separately",
     "без", "кроме", "исключая", "отдельно", "считается", "считаются", "считался", "считалось", "counted", "лол",
     "хаха", "ахах", "ахаха", "haha", "single"}
)  # fmt: skip
# a claim put to the bot ("I read 15,000 voted there, true?", "правда ли, что 99%?"): the claim is checked
CLAIM_CUES = frozenset(
    {"true", "right", "correct", "really", "read", "heard", "claim", "claims", "claimed", "said", "says", "saw",
     "правда", "верно", "действительно", "читал", "читала", "слышал", "слышала", "видел", "видела", "говорят",
     "пишут", "пишет", "писали", "утверждают", "confirm", "accurate", "verify", "подтверди", "подтвердите",
     "якобы", "правильно", "неправда", "fake", "фейк", "almost", "nearly", "approximately", "roughly", "почти",
     "примерно", "приблизительно",
     # where a claim was seen: "some1 on twitter says", "в телеге пишут", "RFE/RL: ..."
     "twitter", "tweet", "tweeted", "telegram", "tg", "channel", "post", "posted", "article", "someone", "somebody",
     "some1", "smb", "media", "rfe", "rl", "твиттер", "твиттере", "телеграм", "телеграме", "телеге", "телега",
     "канал", "канале", "пост", "посте", "статья", "статье", "ктото", "кто-то", "сми"}
)  # fmt: skip
# a repair of the last question ("sorry, I meant Kazakhstan", "нет, я про Узбекистан"): the same question, new place
REPAIR_CUES = frozenset(
    {"sorry", "meant", "mean", "instead", "rather", "oops", "correction", "имел", "имела", "виду", "точнее",
     "вернее", "извини", "извините", "сорри", "сорян", "сори", "ошибся", "ошиблась", "имелось", "sry", "srry"}
)  # fmt: skip
# a candidate named before ("how much did he get?", "а сколько он набрал?")
PRONOUNS = frozenset(
    {"he", "him", "his", "she", "her", "он", "его", "ему", "им", "она", "её", "ее", "ей", "него", "нему", "ним", "нём",
     "нем", "неё", "нее", "ней", "нею"}
)  # fmt: skip
STOPWORDS = STOPWORDS_EN | STOPWORDS_RU | frozenset(NUMBER_WORDS) | FILLERS | CLAIM_CUES | REPAIR_CUES | PRONOUNS

_MORPH: pymorphy3.MorphAnalyzer | None = None
_STEM_RU = snowballstemmer.stemmer("russian")
_STEM_EN = snowballstemmer.stemmer("english")


def morph() -> pymorphy3.MorphAnalyzer:
    """The one shared analyser (loading its dictionaries takes ~0.2 s, so do it once)."""
    global _MORPH
    if _MORPH is None:
        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


# Function words and everyday modifiers of both languages (the stop-words package's lists, ~1,750 words): an
# unknown word among them ("someone", "even", "possible", "дальше") shades a question but names no other subject.
_EVERYDAY_WORDS = frozenset(stop_words.get_stop_words("en")) | frozenset(
    word.replace("ё", "е") for word in stop_words.get_stop_words("ru")
)
# nouns that only frame a question about who began something ("whose idea was it?", "чья это идея?")
_FRAMING_NOUNS = frozenset({"idea", "ideya", "initiative", "author"})
_FRAMING_LEMMAS = frozenset({"идея", "инициатива", "инициатор", "автор"})
# Russian parts of speech that modify or join ("реальный результат", "ок, а в Катаре"); nouns, verbs and
# predicatives ("погода", "купить", "безопасно") carry a subject of their own
_MODIFIER_POS = frozenset({"ADJF", "PRTF", "NUMR", "NPRO", "PREP", "CONJ", "PRCL", "INTJ"})
# verbs that say only that something was done or happened
_LIGHT_VERBS = frozenset({"делать", "сделать", "происходить", "произойти", "случиться", "случаться"})
_LIKELY_PARSE = 0.2  # pymorphy's score: a reading this likely counts ("военных" is a noun a quarter of the time)


_ENGLISH_MODIFIER_POS = frozenset({"ADV"})


# English verbs that name no subject of their own ("was online voting offered", "where was it held")
_ENGLISH_LIGHT_VERBS = frozenset(
    {"offer", "provide", "hold", "allow", "organise", "organize", "happen", "make", "give", "write"}
)


def _english_modifier(token: str) -> bool:
    """An English word that is only an adjective or an adverb to lemminflect's lexicon ("available", "personally"),
    never a noun or a verb ("weather", "visa", "grow"), which would name a subject; or a light verb ("offered")."""
    from lemminflect import getAllLemmas  # loaded on the first unknown English word: start-up stays short

    parts = getAllLemmas(token)
    if _ENGLISH_LIGHT_VERBS & set(parts.get("VERB", ())) and not parts.keys() - {"VERB"}:
        return True
    return bool(parts) and parts.keys() <= _ENGLISH_MODIFIER_POS


def _function_word_slip(token: str) -> bool:
    """A short Latin non-word one slip from an English function word ("wer", "wat", "teh", "ho"): a typo of one."""
    if not (2 <= len(token) <= 4 and token.isalpha()):
        return False
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    from bot.engine.spelling import is_english_word  # (the dictionary loads on first use)

    near = process.extractOne(token, _SHORT_FUNCTION_WORDS, scorer=OSA.distance, score_cutoff=1)
    return near is not None and not is_english_word(token)


_SHORT_FUNCTION_WORDS = tuple(word for word in STOPWORDS_EN if 2 < len(word) <= 5 and word.isalpha())


@lru_cache(maxsize=20_000)
def is_modifier(token: str) -> bool:
    """True for a word that only shades a question: a function word of either language, or a Russian adjective,
    pronoun, particle or interjection pymorphy knows. Words the base does not know are judged by it: a subject
    word ("weather", "визу") means another subject, a modifier does not."""
    if token in _EVERYDAY_WORDS or token in _FRAMING_NOUNS:
        return True
    if not _CYRILLIC.search(token):
        return _english_modifier(token) or _function_word_slip(token)
    parses = [parse for parse in morph().parse(token) if parse.score >= _LIKELY_PARSE]
    if any(parse.normal_form in _LIGHT_VERBS or parse.normal_form in _FRAMING_LEMMAS for parse in parses):
        return True  # "что полиция делала у посольства": a verb that names no subject of its own
    # an adjective used as a noun ("приезжих", "русских") names people; a pronoun's ("всему") does not
    return all(
        parse.is_known and parse.tag.POS in _MODIFIER_POS and ("Subx" not in parse.tag or "Apro" in parse.tag)
        for parse in parses
    )


def normalize(text: str) -> str:
    """Case-fold, unify ё/е and Unicode look-alikes; keeps word separators as they are."""
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


# Letters that look the same in both alphabets: a slip of the keyboard layout inside one word.
_LATIN_LOOKALIKES = str.maketrans("aeopcxykmtbh", "аеорсхукмтвн")
_CYRILLIC_LOOKALIKES = str.maketrans("аеорсхукмтвн", "aeopcxykmtbh")


@lru_cache(maxsize=100_000)
def _one_script(token: str) -> str:
    """Rewrite a word typed in two alphabets ("путинa", "давanков") in its majority alphabet."""
    cyrillic = len(_CYRILLIC.findall(token))
    latin = len(_LATIN.findall(token))
    if not cyrillic or not latin:
        return token
    if cyrillic >= latin:
        fixed = token.translate(_LATIN_LOOKALIKES)
        return re.sub(r"[a-z]+", lambda part: latin_to_cyrillic(part.group()), fixed)
    fixed = token.translate(_CYRILLIC_LOOKALIKES)
    return re.sub(r"[а-я]+", lambda part: cyrtranslit.to_latin(part.group(), "ru").casefold(), fixed)


def tokenize(text: str) -> list[str]:
    """Words and numbers of a text; hyphenated names become several tokens ("алма-ата" -> "алма", "ата")."""
    tokens = _WORD.findall(normalize(text))
    if not tokens:
        return tokens
    joined = " ".join(tokens)
    if not (_CYRILLIC.search(joined) and _LATIN.search(joined)):
        return tokens  # one alphabet throughout: nothing to fix (the common case, and cheap)
    return [_one_script(token) for token in tokens]


def is_cyrillic(token: str) -> bool:
    return bool(_CYRILLIC.search(token))


def script_language(text: str) -> str | None:
    """'ru' for mostly Cyrillic letters, 'en' for mostly Latin, None when the letters do not tell."""
    folded = normalize(text)
    cyrillic = len(_CYRILLIC.findall(folded))
    latin = len(_LATIN.findall(folded))
    if cyrillic == 0 and latin == 0:
        # ")))": the smile of Russian chats, a bracket run with no eyes before it
        return "ru" if re.fullmatch(r"\s*(?:\){2,}|\({2,})\s*", folded) else None
    # ("что такое Vote Abroad": a Russian sentence around a Latin name, told by its Russian function words)
    return "ru" if cyrillic >= latin or _russian_frame(folded) else "en"


# Russian words that frame a sentence (questions, conjunctions, prepositions), never a name or a quoted term
RUSSIAN_FRAME_WORDS = frozenset(
    {"что", "кто", "как", "какой", "какая", "какие", "каков", "сколько", "где", "когда", "почему", "зачем", "такое",
     "это", "ли", "а", "и", "в", "во", "на", "по", "про", "у", "за", "из", "с", "о", "об", "там", "был", "была"}
)  # fmt: skip


def _russian_frame(text: str) -> bool:
    # whole words only: the Cyrillic "а" typed inside "colombiа" is a slip of the layout, not the word "а"
    return any(word in RUSSIAN_FRAME_WORDS for word in re.findall(r"\b[а-яё]+\b", text))


# Digraphs people use when typing Russian in Latin letters, longest first; cyrtranslit handles the rest.
_DIGRAPHS = (
    ("shch", "щ"),
    ("sch", "щ"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ts", "ц"),
    ("yo", "е"),
    ("jo", "е"),
    ("yu", "ю"),
    ("ju", "ю"),
    ("ya", "я"),
    ("ja", "я"),
    ("ye", "е"),
    ("iy", "ий"),
    ("yy", "ый"),
    ("ij", "ий"),
    ("x", "кс"),
    ("w", "в"),
    ("'", "ь"),
)


@lru_cache(maxsize=50_000)
def latin_to_cyrillic(word: str) -> str:
    """Transliterate one Latin-typed Russian word ("tadzhikistane" -> "таджикистане")."""
    word = word.casefold()
    if word.startswith("e"):
        word = "э" + word[1:]  # word-initial e is usually э: eto, ekzitpol
    # y after a consonant, before a consonant or the end, is ы (kyrgyz, relokanty); elsewhere cyrtranslit's й/и is right
    word = re.sub(r"(?<=[bcdfghjklmnpqrstvz])y(?=[bcdfghjklmnpqrstvz]|$)", "ы", word)
    for latin, cyrillic in _DIGRAPHS:
        word = word.replace(latin, cyrillic)
    return cyrtranslit.to_cyrillic(word, "ru").replace("ё", "е")


# Other ways one Latin spelling is read, tried in turn when the plain transliteration is no Russian word:
# word-initial e as е (egipet), y before a vowel as ы (vyigral), c as к or ц (procent), -ie/-ia as ье/ья
# (pridnestrovie), a final i after a vowel as й (kakoi), and an unstressed о typed as it sounds, а (harasho, skolka).
_ALTERNATIVE_LETTERS = (
    (re.compile(r"^э"), "е"),
    (re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])[йи](?=[аеиоуыэюя])"), "ы"),
    (re.compile(r"к(?=[еиыяю])"), "ц"),
    (re.compile(r"ц(?=[аоу]|[бвгджзклмнпрстфхчшщ])"), "к"),
    (re.compile(r"(?<=[бвгджзклмнпрстфхцчшщ])и(?=[еяю])"), "ь"),
    # "kakoi", "novyi", "azerbaidzhane": the й after a vowel typed as i, at the end or before a consonant
    (re.compile(r"(?<=[аеиоуыэюя])и(?=$|[бвгджзклмнпрстфхцчшщ])"), "й"),
)


LONGEST_READING = 30  # letters: Russian words are shorter (the spelling stage's limit too)


@lru_cache(maxsize=50_000)
def russian_reading(word: str, vocabulary: frozenset[str] = frozenset()) -> str | None:
    """The Russian word a Latin-typed ``word`` spells, trying the other readings of its ambiguous letters: a
    reading that is a word of ``vocabulary`` (the base's own: "cik" is ЦИК, not "кик") before any other pymorphy
    knows; None when no reading is a word pymorphy knows."""
    if len(word) > LONGEST_READING:
        return None  # a pasted run of letters is no word: its readings would only cost time
    first = latin_to_cyrillic(word)
    if len(first) < 2:
        return None
    candidates = [first, latin_to_cyrillic(re.sub(r"(?<=[bcdfghjklmnpqrstvz])y(?=[aeiou])", "ы", word))]
    for pattern, replacement in _ALTERNATIVE_LETTERS:
        candidates += [pattern.sub(replacement, candidate) for candidate in candidates]
    candidates += [candidate.replace("а", "о") for candidate in candidates if "а" in candidate[:-1]]
    candidates += [candidate[:-1] + "о" for candidate in candidates if candidate.endswith("а")]
    candidates = list(dict.fromkeys(candidates))
    known = next(filter(None, map(known_russian_word, candidates)), None)
    if known is None:
        return None
    # among readings that make a word, the base's own is meant
    return next((candidate for candidate in candidates if candidate in vocabulary), known)


# Letter groups common in English spelling and rare in Russian typed in Latin ("script", "facts", "the", "week").
_ENGLISH_SPELLING = re.compile(r"w|q|x|th|ph|ck|ee|oo|ea|gh|c(?!h)")


@lru_cache(maxsize=50_000)
def known_russian_word(word: str) -> str | None:
    """The dictionary spelling of a Cyrillic word if pymorphy knows it, trying the soft sign people drop
    when typing in Latin ("сколко" -> "сколько", "резултат" -> "результат")."""
    analyser = morph()
    if len(word) > 1 and analyser.word_is_known(word):
        return word
    consonants = "бвгджзклмнпрстфхцчшщ"
    for index in range(1, len(word)):
        if word[index - 1] in consonants and (index == len(word) or word[index] in consonants):
            candidate = word[:index] + "ь" + word[index:]
            if analyser.word_is_known(candidate):
                return candidate
    if word[-1] in consonants and analyser.word_is_known(word + "ь"):
        return word + "ь"
    return None


ONE_LETTER_RU = {"a": "а", "i": "и"}


def russian_typed_in_latin(
    tokens: list[str],
    english_words: frozenset[str],
    english_stems: frozenset[str] = frozenset(),
    names: frozenset[str] = frozenset(),
    vocabulary: frozenset[str] = frozenset(),
    tie_is_russian: bool = False,
    misspelt: Callable[[str], str | None] = lambda token: None,
    is_english: Callable[[str], bool] = lambda token: False,
    is_person: Callable[[str], bool] = lambda token: False,
) -> list[str] | None:
    """Cyrillic tokens if Latin ``tokens`` read as Russian, else None.

    A word counts for Russian when its transliteration is a word pymorphy knows and the word is not English:
    not one of ``english_words`` (exact spellings: function words, the fact base's English words and names)
    and its English stem not one of ``english_stems``. ``names`` (countries, people) say nothing about the
    language: they count for neither and stay as typed ("yavka tadzhikistan"), and so do fillers ("lol").
    ``misspelt`` tells what a word of no language is a slip of: "name" ("syira") or "english" ("reslt");
    ``is_english`` whether a word of no Russian reading is in the English dictionary ("helpful"). ``is_person``
    (a person's name the facts write in Latin, "navalnaya") counts for neither, and reads as its Russian spelling.
    """
    russian = english = named = 0  # named: names, places and fillers, which tell no language
    russian_place = False  # a place's Russian name typed in Latin ("izraile")
    prepositions = 0  # "v", "k": Russian prepositions, or a name's code or "versus" ("uk v usa")
    loanword = False
    converted: list[str] = []
    for token in tokens:
        if token in ("v", "k"):
            converted.append(latin_to_cyrillic(token))
            prepositions += 1
            continue
        # a filler that is no English word of the base ("lol") is typed in both languages; "ok", "just" are English
        filler = token in FILLERS and token not in english_words
        if token in LOANWORDS:
            converted.append(token)
            named += 1
            loanword = True
            continue
        if token.isdigit() or is_cyrillic(token) or token in names or filler:
            converted.append(token)
            if filler and _ENGLISH_SPELLING.search(token):
                english += 1  # "thx": English slang
            else:
                named += 1 if token in names or filler else 0
            continue
        cyrillic = latin_to_cyrillic(token)
        if is_person(token):
            converted.append(known_russian_word(cyrillic) or cyrillic)
            named += 1
            continue
        english_word = token in english_words or stem_en(token) in english_stems
        # an English word of the base counts for English whatever it reads as: its other readings are not tried
        known = (
            known_russian_word(cyrillic) if english_word and len(cyrillic) > 1 else russian_reading(token, vocabulary)
        )
        converted.append(known or cyrillic)
        # "kazahstan" is a place in either language; only a Russian ending ("kazahstane") tells
        if known and (place_name(known) or "").lower() == known.replace("ё", "е"):
            named += 1
            russian_place = True
            continue
        if known and not english_word and place_name(known):
            russian += 1  # a place's name with a Russian ending ("v belarusi"), not a slip of its English name
            continue
        slip = None if english_word else misspelt(token)
        if slip == "name":
            # "tadjikstan", "syira": an English name typed with a slip is English typing; one that also reads as a
            # Russian word ("tokio" is "токио") tells no language
            if known is None:
                converted[-1] = token  # ("a na phukete": the name stays as typed, for the names' index to read)
            english += known is None
            named += known is not None
            continue
        if len(token) == 1 or len(cyrillic) == 1:  # "ya" is "я"
            # "v", "k", "s": Russian prepositions; "a" and "i" are words of both languages and tell nothing
            russian += token not in ("a", "i") and cyrillic in STOPWORDS_RU
            continue
        # a c read as ц ("procent", "konec") is Russian spelling, not the English c of "script"
        spelling = token.replace("c", "") if known and "ц" in known else token
        if english_word or _ENGLISH_SPELLING.search(spelling) or (slip == "english" and not known):
            english += 1  # ("reslt", "shre": an English word of the base typed with a slip)
        elif known:
            russian += 1
        elif is_english(token):
            english += 1  # ("helpful": an English word the base does not use, with no Russian reading)
    if len(tokens) == 1 and len(tokens[0]) <= 3:
        return None  # "lol", "ok": too short to tell a language by
    # a preposition is Russian beside another Russian word ("exit poll v almaty kakoi byl", "v kazahstane"); between
    # two names it may be "versus"
    # ("exit poll v almaty": beside a loanword too, which no one puts "versus" beside)
    russian += prepositions if russian or russian_place or loanword else 0
    if russian and (russian > english or (tie_is_russian and russian == english)):
        # ("a ocheredi byli?": in Russian typed in Latin, "a" is the conjunction "а")
        return [ONE_LETTER_RU.get(token, token) for token in converted]
    if named and named == len(tokens) and russian_place:
        return converted  # ("izrail putin": names only, one of them a place's Russian name typed in Latin)
    return None


@lru_cache(maxsize=10_000)
def place_name(token: str) -> str | None:
    """The place a Russian word names, in the nominative ("казани" -> "Казань"), when pymorphy reads it as a
    geographical name; None otherwise (and for Latin words, which carry no such tag)."""
    if not is_cyrillic(token) or len(token) < 3:
        return None
    for parse in morph().parse(token):
        if "Geox" in parse.tag and parse.score >= 0.3:
            return parse.normal_form.replace("ё", "е").capitalize()
    return None


# token_keys, name_keys and the stems of the words met while building an index, kept on disk between runs
# (word_cache.py): computing them is most of start-up. Only an index build adds to them, so users' words never
# grow the file.
SAVED_KEYS: dict[str, dict[str, frozenset[str]]] = {"token": {}, "name": {}, "stem_ru": {}, "stem_en": {}}
_remembering = [False]


def remember_keys(on: bool) -> None:
    _remembering[0] = on


def _remembered(kind: str, token: str, keys: frozenset[str]) -> frozenset[str]:
    if _remembering[0]:
        SAVED_KEYS[kind][token] = keys
    return keys


def _saved_stem(kind: str, token: str, stemmer: snowballstemmer.stemmer) -> str:
    saved = SAVED_KEYS[kind].get(token)  # (a stem is kept as the one key of a set)
    keys = saved if saved is not None else _remembered(kind, token, frozenset({stemmer.stemWord(token)}))
    return next(iter(keys))


@lru_cache(maxsize=100_000)
def stem_ru(token: str) -> str:
    return _saved_stem("stem_ru", token, _STEM_RU)


@lru_cache(maxsize=100_000)
def stem_en(token: str) -> str:
    return _saved_stem("stem_en", token, _STEM_EN)


@lru_cache(maxsize=100_000)
def token_keys(token: str) -> frozenset[str]:
    """Every form a token can be matched by: itself, its dictionary forms (all parses) and its stem.

    Two tokens "match" when their key sets intersect, so "Казахстане" meets "Казахстан", "voted" meets "vote".
    Short tokens keep only their own spelling: their stems and rare parses collide with too much.
    """
    saved = SAVED_KEYS["token"].get(token)
    return saved if saved is not None else _remembered("token", token, _token_keys(token))


def _token_keys(token: str) -> frozenset[str]:
    keys = {token}
    if token.isdigit():
        return frozenset(keys)
    if is_cyrillic(token):
        if len(token) > 2:
            for parse in morph().parse(token):
                keys.add(parse.normal_form.replace("ё", "е"))
        if len(token) > 3 and not morph().word_is_known(token):
            keys.update(_stem_keys(token, stem_ru(token)))  # names and slang: dictionary forms cover known words
    elif len(token) > 3:
        keys.update(_stem_keys(token, stem_en(token)))
    return frozenset(keys)


# parts of speech a name never is: a name's keys leave out these parses' dictionary forms, so the verb "дела"
# ("деть") does not meet the city "Дели" (also read as the verb "делить")
_NOT_NAME_PARTS = frozenset({"VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB", "CONJ", "PREP", "PRCL", "INTJ", "NPRO"})


@lru_cache(maxsize=100_000)
def name_keys(token: str) -> frozenset[str]:
    """``token_keys`` of a word of a name: its noun and adjective readings only."""
    if not is_cyrillic(token) or len(token) <= 2:
        return token_keys(token)
    saved = SAVED_KEYS["name"].get(token)
    return saved if saved is not None else _remembered("name", token, _name_keys(token))


def _name_keys(token: str) -> frozenset[str]:
    verbal: set[str] = set()
    nominal: set[str] = set()
    for parse in morph().parse(token):
        (verbal if parse.tag.POS in _NOT_NAME_PARTS else nominal).add(parse.normal_form.replace("ё", "е"))
    return token_keys(token) - (verbal - nominal - {token})


def _stem_keys(token: str, stem: str) -> list[str]:
    """Keys that let two words with the same stem meet only when they also share a prefix covering more than half
    of each word: "voted"/"voting", "mobilized"/"mobilization" meet; "mobile"/"mobilization" (stem "mobil")
    do not. Each key is the stem plus one prefix of the word; the word is first spelt with its stem in full, so
    a dropped letter ("voting" of "vote") does not cut the shared prefix short."""
    shared = 0
    while shared < min(len(stem), len(token)) and stem[shared] == token[shared]:
        shared += 1
    spelt = stem + token[shared:]
    shortest = max(3, len(spelt) // 2 + 1)
    return [f"{stem}\x01{spelt[:length]}" for length in range(shortest, len(spelt) + 1)]

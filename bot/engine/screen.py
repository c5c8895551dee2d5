"""Stage 3, screen: refuse what is not a question about these facts, before any fact is considered.

Each check is one named rule; the first that fires decides. A refusal never carries a fact's figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from bot.engine.decisions import Decision, NoData, Refusal
from bot.engine.interpret import ABROAD, FIGURE_TOPICS, Question, about_russians, asker_lives
from bot.engine.reading import Reading, names_stations
from bot.engine.spelling import is_name_like, reads_as_surname
from bot.engine.thresholds import NAMED_TOPIC, STRONG_TOPIC, WEAK_TOPIC
from bot.text import STOPWORDS
from bot.topics import INTENT_WORDS, WIN_STEMS


def screen(question: Question) -> Decision | None:
    """A refusal, or None when the question may be answered."""
    if question.reading.stations:
        return None  # "УИК 8158": a polling station's number says what the question is about
    # "somebody wrote Davankov took 57% in Britain, is that so?": a share put to the bot about a name it knows is a
    # claim to check, whatever the words around it
    claim = question.claim is not None and (
        (question.claim[1] and bool(question.countries or question.candidates))
        or (bool(question.context.country) and (question.followup or question.short))  # "а таблоид писал 3200?"
    )
    # "NGE says Putin got under half in 42 countries": a candidate's share on one side, counted over the places
    claim = claim or (question.threshold is not None and bool(question.candidates))
    # a name only a few facts hold ("Navalnaya", "Reznik") makes the message about them, whatever its other words
    # (a person many facts name, only when no other word may name another subject: "where is Navalny buried")
    reading = question.reading
    named_by_base = bool(reading.base_names) and not (reading.wide_names and reading.subject_words)
    # ("латвийская полиция проверяла документы": every word the base does not know is a word of the place's facts)
    named_by_base = named_by_base or bool(
        reading.subject_words and set(reading.subject_words) <= question.words_of_its_place
    )
    checks = SCOPE_SCREENS if question.leans_on_chat or claim or named_by_base else SCOPE_SCREENS + WORD_SCREENS
    for check in checks:
        decision = check(question)
        if decision is not None:
            return decision
    return None


def _refuse(question: Question, rule: str, reason: str = "scope", note: str = "") -> Refusal:
    trace = f"{question.trace}; {note}" if note else question.trace
    context = question.context.updated(language=question.language)
    if len(question.countries) == 1:
        # "the best time to visit Hanoi?", then "and there?": the place of a question set aside is the chat's next
        context = context.updated(country=question.countries[0])
    return Refusal(rule, context, trace, reason=reason)


# Small talk: a message that is only a greeting, thanks or goodbye, asks who the bot is, for a joke, or for its
# opinion or advice, gets a short fitting reply (the catalogue's "small_talk_<kind>"), never a fact.
SMALL_TALK_WORDS = {
    "greeting": frozenset(
        {"hi", "hello", "hey", "hiya", "yo", "greetings", "morning", "evening", "привет", "приветик", "здравствуйте",
         "здравствуй", "здрасте", "хай", "салам", "добрый", "доброе", "день", "вечер", "утро", "privet"}
    ),
    "thanks": frozenset(
        {"thanks", "thank", "thx", "ty", "cheers", "great", "спасибо", "спс", "благодарю", "мерси", "пасиб", "пасибо",
         "spasibo", "отлично", "супер", "понял", "поняла"}
    ),
    "goodbye": frozenset({"bye", "goodbye", "cya", "пока", "свидания", "до", "увидимся", "poka"}),
}  # fmt: skip
SMALL_TALK_INTENSIFIERS = frozenset({"much", "lot", "so", "very", "большое", "огромное", "очень"})  # "thanks a lot"
_SMALL_TALK_ALLOWED = {kind: words | SMALL_TALK_INTENSIFIERS | STOPWORDS for kind, words in SMALL_TALK_WORDS.items()}
# asking the bot about itself, for a joke, or for its view: the words that say so (stems)
SMALL_TALK_ASKS = {
    # "how are you?" alone, a greeting ("как дела с выборами в Сербии" asks about Serbia)
    "greeting": re.compile(r"^(?:how are you(?: doing)?|how is it going|hows it going|как дела|как ты|как поживаешь)$"),
    # ("what can you do?" alone; "what can you tell me about Serbia?" asks about Serbia)
    "identity": re.compile(
        r"\b(?:who are you|what are you|are you (?:a )?(?:bot|human|real)|кто ты|ты кто|ты бот)\b"
        r"|\b(?:who|кто) (?:made|built|wrote|created|сделал|создал|написал) "
        r"(?:you|this bot|the bot|тебя|этого бота|бота)\b|\bкто (?:тебя|этого бота) (?:сделал|создал|написал)\b"
        r"|^(?:what can you do|what do you do|что (?:ты )?умеешь|что ты можешь)$"
    ),
    "translate": re.compile(
        r"\b(?:translate|translation|how do you say|переведи\w*|перевод\w*|как будет по|как по \w+ски)\b"
    ),
    "joke": re.compile(r"\b(?:joke|jokes|анекдот\w*|шутк\w*|пошути\w*)\b"),
    "opinion": re.compile(
        r"\b(?:what do you (?:personally |really |honestly )?think|do you (?:personally )?(?:like|support|think)"
        r"|your (?:own |personal )?(?:opinion|view|take)|(?:should|would) (?:i|you) vote|you personally"
        r"|who should i|is \w+ (?:a )?(?:good|bad|great|terrible)\b|(?:real|genuine) \w+(?: \w+)? or (?:a )?fake"
        r"|who(?: is|s)? better|твоё мнение|твое мнение|как ты (?:думаешь|считаешь|относишься)"
        r"|что (?:ты )?(?:сам |сама )?(?:думаешь|скажешь)|тебе нравится|посоветуй\w*|ты (?:сам |сама )?за \w+"
        r"|за кого (?:мне )?(?:было |стоит |надо )?голосовать|хороший (?:ли )?президент"
        r"|^кто лучше \w+ или \w+$)"
    ),
}


# a word one of SMALL_TALK_ASKS needs (their patterns are tried only then: most questions have none)
SMALL_TALK_CUES = (
    "you", "ты", "тебе", "твое", "твоё", "joke", "анекдот", "шутк", "пошути", "should", "would", "good", "bad", "great",
    "terrible", "посовет", "голосовать", "президент", "translat", "say", "перевод", "переведи", "будет", "думаешь",
    "скажешь", "fake", "better", "лучше", "дела", "поживаешь", "going", "bot", "тебя", "бота",
)  # fmt: skip


def small_talk(question: Question) -> Decision | None:
    # "hi", "спасибо!", "who are you?", "tell me a joke about elections", "is Putin a good president?"
    tokens = question.reading.tokens
    if any(token.startswith(SMALL_TALK_CUES) for token in tokens):
        text = " ".join(tokens)
        for kind, pattern in SMALL_TALK_ASKS.items():
            if pattern.search(text):
                return _refuse(question, "small_talk", f"small_talk_{kind}", note=kind)
    for kind, words in SMALL_TALK_WORDS.items():
        # only such words: "hi, how many voted in KZ?" is a question with a greeting before it
        if any(token in words for token in tokens) and all(token in _SMALL_TALK_ALLOWED[kind] for token in tokens):
            return _refuse(question, "small_talk", f"small_talk_{kind}", note=kind)
    return None


def foreign_country(question: Question) -> Decision | None:
    if question.foreign and not question.countries and not question.area:  # "в Латинской Америке": a part of the world
        mention = question.foreign[0]
        context = question.context.updated(language=question.language)
        return NoData("foreign_country", context, f"{question.trace}; {mention.id}", name=mention.text, iso=mention.id)
    return None


# words that name an election as such; a country's name right before one makes it that country's own election
ELECTION_NOUNS = frozenset(
    {"election", "elections", "presidential", "parliamentary", "выборы", "выборах", "выборов", "президентские",
     "президентских", "парламентские", "парламентских"}
)  # fmt: skip
PARLIAMENT_STEMS = ("parliament", "парламент", "duma", "дум", "госдум")
# other kinds of election by their own words: a mayor's, a local or a general (parliamentary) election
OTHER_KINDS = ("mayor", "мэр", "municipal", "муниципал", "европарламент", "europarl", "runoff", "referend", "референд")
OTHER_KIND_PAIRS = frozenset(
    {
        ("local", "election"),
        ("local", "elections"),
        ("general", "election"),
        ("местные", "выборы"),
        ("местных", "выборах"),
        ("муниципальные", "выборы"),
        ("second", "round"),
        ("второй", "тур"),
        ("втором", "туре"),
        # a country's own election ("а когда у них свои выборы президента")
        ("own", "election"),
        ("own", "elections"),
        ("свои", "выборы"),
        ("своих", "выборах"),
        ("собственные", "выборы"),
    }
)  # fmt: skip  (Russia's 2024 vote had one round)
PRESIDENT_OF = frozenset(
    {"president", "президента", "президент"}
)  # "выборы президента Молдовы"  # Russia's 2024 vote was presidential only
RUSSIA_WORDS = frozenset({"russia", "russian", "russians", "россия", "россии", "российские", "российских", "рф"})


OTHER_MONTHS = frozenset(
    {
        "january",
        "february",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "январь",
        "января",
        "феврале",
        "мае",
        "июне",
        "июле",
        "августе",
        "сентябре",
        "октябре",
        "октября",
        "ноябре",
        "ноября",
        "декабре",
        "декабря",
    }
)  # fmt: skip  ("april" is left out: the results were announced and reported then)


def other_election(question: Question) -> Decision | None:
    # "Who won the US presidential election?", "Kyrgyz parliamentary election": not the 2024 Russian vote
    tokens = question.reading.tokens
    parliament = any(token.startswith(PARLIAMENT_STEMS + OTHER_KINDS) for token in tokens) or bool(
        OTHER_KIND_PAIRS & set(pairwise(tokens))
    )
    # a name before the election word is a possessive in English only: "приднестровье выборы" is keywords
    english = question.reading.language == "en"
    owned = any(
        item.kind in ("country", "foreign") and item.id != ABROAD
        and ((english and _word_after(tokens, item.end) in ELECTION_NOUNS)
             or (item.start > 1 and tokens[item.start - 1] in PRESIDENT_OF
                 and tokens[item.start - 2] in ELECTION_NOUNS))
        for item in question.reading.mentions.items
    )  # fmt: skip
    # "the us presidential election": "us" typed in lower case is the United States before an election word
    owned = owned or any(
        token in ("us", "usa", "american") and following in ELECTION_NOUNS for token, following in pairwise(tokens)
    )
    # "кто победил на выборах в США": who won the election held in a country, unless it says Russians voted there
    held_in = any(
        item.kind in ("country", "foreign") and item.id != ABROAD and item.start >= 2
        and ((tokens[item.start - 1] in ("в", "in", "v") and tokens[item.start - 2] in ELECTION_NOUNS)
             or (item.start >= 3 and tokens[item.start - 1] in ("в", "in", "v")
                 and tokens[item.start - 2] in PRESIDENT_OF and tokens[item.start - 3] in ELECTION_NOUNS)
             or (item.start >= 3 and tokens[item.start - 2:item.start] == ("in", "the")
                 and tokens[item.start - 3] in ELECTION_NOUNS))
        for item in question.reading.mentions.items
    )  # fmt: skip
    # ("результаты выборов в Казахстане" stays the Russians' vote there: only "who won" asks who governs now, or
    # a win said of a name the base does not know: "эрдоган выиграл выборы в турции?")
    unknown_winner = any(token.startswith(WIN_STEMS) for token in tokens) and any(
        is_name_like(word) for word in question.reading.unknown
    )
    owned = owned or (held_in and (question.asks_who or unknown_winner) and not about_russians(question.reading))
    # "the October 2024 election": Russia voted in March; an election in another month is another election
    other_month = bool(OTHER_MONTHS & set(tokens)) and bool(ELECTION_NOUNS & set(tokens))
    owned = owned or other_month
    if parliament or (owned and not RUSSIA_WORDS & set(tokens) and not question.candidates):
        return _refuse(question, "other_election", "other_election")
    return None


def _word_after(tokens: tuple[str, ...], end: int) -> str:
    """The word after a name, past a possessive's "s" ("Kazakhstan's presidential election")."""
    if end < len(tokens) and tokens[end] == "s":
        end += 1
    if end < len(tokens) and tokens[end].isdigit():
        end += 1  # "Moldova 2024 presidential election", "Kazakhstan's 2022 election"
    return tokens[end] if end < len(tokens) else ""


# "будет", "будут": an election that will be ("а какие выборы в Эстонии будут"), not the one held in March 2024
WILL_BE = frozenset({"будет", "будут", "будем", "будете"})
FUTURE_PHRASES = frozenset(INTENT_WORDS["future"])
BARE_NEXT = frozenset({"the next", "следующий"})  # "next" alone: an election to come, or the next one of a list
STANDING = frozenset({"баллотироваться", "выдвигаться", "участвовать"})


def future_election(question: Question) -> Decision | None:
    # "how to vote in the next election": the base holds the 2024 figures, not how-to advice
    if question.ranking_place is not None:
        return None  # "and the next three?" after a ranking: its next rows
    tokens = set(question.reading.tokens)
    # ("будет ли Навальная баллотироваться": standing in an election to come)
    coming = bool(WILL_BE & tokens) and bool((ELECTION_NOUNS | STANDING) & tokens) and not question.candidates
    future = "future" in question.intents
    bare_next = bool(set(question.reading.signals.words) & BARE_NEXT) and not ELECTION_NOUNS & tokens
    if future and question.countries and bare_next:
        # "and the next one, chile": the next place of the dialog, unless another word says an election to come
        future = any(word in FUTURE_PHRASES and word not in BARE_NEXT for word in question.reading.signals.words)
    return _refuse(question, "future_election", "future") if future or coming else None


# a person's age or birthday, how to get papers or move somewhere, a country's capital, history or currency: about
# people, paperwork and the country, not the vote
OFF_SUBJECT = re.compile(
    # something to write rather than a fact to tell: "write me a poem about Putin's victory", "сочини песню"
    r"^(?:please |pls |пожалуйста )?(?:write|compose|make up|напиши|сочини|придумай|napishi)\b.*"
    r"\b(?:poem|song|essay|rap|limerick|haiku|joke|стих\w*|песн\w*|сказк\w*|эссе|анекдот\w*|шутк\w*|stih\w*)\b"
    r"|\bhow old\b|\b(?:сколько|скока|скоко) (?:ему |ей |им )?(?:лет|let)\b|\bвозраст|\bbirthday\b|\bдень рождени"
    r"|\bродил(?:ся|ась)\b"
    # the clock now, this week's hours, tomorrow ("скока щас время в ташкенте", "сколько времени сейчас в душанбе"):
    # now, not the days of the vote nor the hours the stations kept
    r"|\bwhat time is it\b|\btime is it now\b|\bкоторый (?:сейчас |щас )?час\b|\btime ?zone\b|\bчасовой пояс\b"
    r"|\b(?:сколько|скока|скоко) (?:сейчас |щас )(?:времени|время)\b"
    r"|\b(?:сколько|скока|скоко) (?:времени|время) (?:сейчас|щас)\b"
    r"|\b(?:this|next) week\b|\btomorrow\b|\bна этой неделе\b|\bзавтра\b"
    # sights and the history of a place; a leader's term of office
    r"|\bwhat to (?:see|do|visit|eat)\b|\bthings to do\b|\bsightseeing\b|\bчто (?:посмотреть|посетить|поесть)\b"
    r"|\bhistory of\b|\bpresidential term\b|\bterm limits?\b|\bсрок полномочий\b|\bпрезидентский срок\b"
    r"|\bhow (?:to|do i|can i) (?:get|obtain|apply|renew|extend|replace|move|relocate|emigrate)\b"
    r"|\bкак (?:получить|оформить|сделать|продлить|поменять|заменить|переехать|эмигрировать|уехать)\b"
    r"|\bwhat(?: is| s|s)? (?:the |its |their )?capital\b|\bкакая (?:там |у них |сейчас )?столица\b"
    r"|\bкак называется столица\b"
    r"|\bstolica\b|\bстолица \w+ (?:это|какая)\b"
    r"|\bindependence\b|\bbec[oa]me independent\b|\bнезависимост\w*"
    r"|\bexchange rates?\b|\bcurrency\b|\bкурс (?:\w+ )?(?:к|на|в) \w+|\bвалют\w*"
    r"|\bapproval\b|\bpopularity\b|\bрейтинг (?:одобрения|доверия|популярности)\b"
    # how long a leader has governed ("how long has Rahmon been president"), not how long the vote took
    r"|\bhow long (?:has|had|have|was|is) \w+(?: \w+)? (?:been )?(?:president|in power|ruling|ruled|leader)\b"
    r"|\bкак долго \w+(?: \w+)? (?:у власти|правит|президент)\b"
    # who governs a country now ("who is the president of France"), not who was elected in Russia
    r"|\bwho(?: is|s)? (?:the )?(?:current )?(?:president|prime minister|leader|head of state) of "
    r"(?!russia|the cec|the central)\w+(?: now)?$"
    r"|\bкто (?:сейчас )?(?:президент|премьер\w*|лидер) (?!росси)\w+(?: сейчас)?$"
)
# papers are their own subject ("renew my passport at the consulate in Almaty") unless the message is about voting
# with them ("could Russians vote with an expired passport?")
PAPERS = re.compile(r"\b(?:passports?|visas?|паспорт\w*|виз[аыуе]|загранпаспорт\w*)\b")
VOTE_WORDS = re.compile(r"\bvot\w*|\bголос\w*|\bвыбор\w*|\bballot\w*|\bбюллет\w*")


# everyday subjects of a place (its weather, prices, transport, beaches, pets), when no fact says the word: "did it snow
# in almaty during the vote", "сколько стоит такси до посольства", "best beaches there?"
EVERYDAY_STEMS = (
    "weather", "snow", "rain", "forecast", "temperatur", "погод", "снег", "дожд", "прогноз", "температур",
    "taxi", "такси", "bus", "автобус", "flight", "рейс", "hotel", "отел", "гостиниц", "hostel", "хостел",
    "beach", "пляж", "restaurant", "ресторан", "cafe", "кафе", "food", "еда", "dog", "собак", "cat", "кошк", "pet",
    "rent", "аренд", "price", "цена", "цены", "стоимост", "cost", "стоит", "museum", "музе", "sight", "достопримечат",
)  # fmt: skip


def asks_everyday(reading: Reading) -> bool:
    """A word of a place's everyday subjects that the base does not know ("snow", "такси")."""
    return any(token.startswith(EVERYDAY_STEMS) for token in reading.unknown)


def off_subject(question: Question) -> Decision | None:
    # "сколько лет Путину", "how to get a Russian passport in Kazakhstan": not about the vote
    text = " ".join(question.reading.tokens)
    papers = PAPERS.search(text) and not VOTE_WORDS.search(text)
    # ("скока будет 7*8": a sum to work out)
    asked_else = OFF_SUBJECT.search(text) or papers or asks_everyday(question.reading) or question.reading.sum
    return _refuse(question, "off_subject") if asked_else else None


def population(question: Question) -> Decision | None:
    # "Tajikistan population figures", "how many people live in Almaty": a population, which no source gives
    signals = question.reading.signals
    reading = question.reading
    about_others = not (signals.election or about_russians(reading) or asker_lives(reading.tokens))
    if "population" in signals.intents and about_others:
        return _refuse(question, "population")
    return None


def demonym_only(question: Question) -> Decision | None:
    # "Russian embassy phone number", "visa for Russians": "Russian" alone says who, not what about
    reading, signals = question.reading, question.reading.signals
    if (
        reading.unknown
        and not _station_of_a_place(question)
        and len(reading.unknown) >= _topic_words(question)
        and signals.election
        and not (signals.strong or signals.counted or question.candidates or question.leaders)
    ):
        return _refuse(question, "demonym_only")
    return None


def no_election_word(question: Question) -> Decision | None:
    # no election word: names of places and leaders alone do not make "how many tourists" a vote count
    if _has_election_word(question) or not question.reading.unknown:
        return None
    if _station_of_a_place(question):
        return None
    # "how bad were the queues in Almaty": a place and a strong word of the vote's own topics (not "results" or
    # "how many", which a match or a census has too)
    strongest = question.reading.signals.strongest
    if question.named and any(strongest[topic] >= NAMED_TOPIC for topic in strongest.keys() - set(FIGURE_TOPICS)):
        return None
    # "а какой реальный результат по Кипру": a place and a topic word, the unknown words only shading them
    subject_words = question.reading.subject_words
    if question.named and question.reading.signals.topics and not subject_words:
        return None
    if _names_beside_a_place(question):
        return None
    return _refuse(question, "no_election_word")


def _names_beside_a_place(question: Question) -> bool:
    """ "malaysa kuala lumpr result": a country and a topic word, the other words names of no dictionary (a city's,
    a street's), not words of another subject ("weather", "bitcoin price")."""
    words = question.reading.subject_words
    topical = max(question.reading.signals.topics.values(), default=0.0) >= STRONG_TOPIC  # ("best burek place")
    return bool(question.countries and topical and all(map(is_name_like, words)))


def weak_topic_words(question: Question) -> Decision | None:
    # words about candidates ("party", "nominee") need a candidate or an election word: "best parties"
    if _has_election_word(question):
        return None
    if question.countries and ABROAD in question.reading.mentions.countries():
        return None  # "is Baikonur counted as abroad?": a place set beside the vote abroad
    signals, intents = question.reading.signals, question.intents
    everyday = [value for name, value in signals.topics.items() if name != "candidate"]
    if (
        (signals.loose or signals.topics)
        and max(everyday, default=0.0) < WEAK_TOPIC
        and not {"compare", "coverage"} & intents.keys()
        and not question.place_figures
        and len(question.countries) < 2  # "Kazakhstan with Baikonur included?": two places of the base, weighed
        and signals.place is None
        and not question.area  # "what about the Baltics?": a part of the world, whose places the base has
        and not (question.followup and question.context.topic and {"most", "least"} & intents.keys())  # "а где меньше?"
        # ("and what was the plan in january?" after the stations abroad: words the base knows, in a dialog that has
        # a subject, go on with it)
        and not (question.followup and question.context.topic and not question.reading.unknown)
    ):
        return _refuse(question, "weak_topic_words")
    return None


def unknown_place(question: Question) -> Decision | None:
    # "в Казани": a place the base has no data for is not a question about the national figures
    reading = question.reading
    if reading.places and not question.countries and not reading.mentions.of("national") and not question.area:
        context = question.context.updated(language=question.language)
        return NoData("unknown_place", context, f"{question.trace}; {reading.places[0]}", name=reading.places[0])
    return None


def unknown_words_no_name(question: Question) -> Decision | None:
    # "who won the school vote": a general word like "vote" does not make unknown words about this election
    # (words that only shade the question do not count: "was online voting available")
    if question.reading.subject_words and not question.named and not question.reading.signals.specific:
        return _refuse(question, "unknown_words_no_name")
    return None


def mostly_unknown_words(question: Question) -> Decision | None:
    # "poll dance classes", "relocation services for IT companies": mostly words the base does not know
    # (words that only shade the question, "someone", "even", do not count beside a name)
    unknown = question.reading.subject_words if question.named else question.reading.unknown
    if _names_beside_a_place(question):
        return None  # ("malaysa kuala lumpr result": a city's name beside its country)
    if (
        len(unknown) >= 2
        and len(unknown) > _topic_words(question)
        and not (question.reading.signals.specific or question.leaders)
        and len(question.candidates) < 2  # ("даванков реально почти догнал путина": two candidates are a contest)
    ):
        return _refuse(question, "mostly_unknown_words")
    return None


def candidate_unknown_words(question: Question) -> Decision | None:
    # "Putin birthday": a candidate's name next to words the base does not know asks about something else
    if (
        question.candidates
        and question.reading.unknown
        and not (question.countries or question.topics or question.intents.keys() - {"followup", "overview"})
    ):
        return _refuse(question, "candidate_unknown_words")
    return None


def leader_unknown_words(question: Question) -> Decision | None:
    # "what did Tokayev say about the economy": a leader's words on a subject of their own, not on the vote
    signals = question.reading.signals
    # ("what does Tokayev think about China": another place than the leader's own, and no word of the vote)
    own = {leader.country for leader in question.leaders}
    elsewhere = [country for country in question.countries if country not in own]
    if (
        question.leaders
        and (question.reading.subject_words or elsewhere)
        and not (signals.election or question.candidates)
        and set(signals.topics) <= {"reaction"}
    ):
        return _refuse(question, "leader_unknown_words")
    # "сколько набрал Токаев на выборах": a leader's own votes are his country's election, not Russia's
    if question.leaders and not question.candidates and "result" in signals.topics and "reaction" not in signals.topics:
        return _refuse(question, "other_election", "other_election")
    return None


def _station_of_a_place(question: Question) -> bool:
    """ "Was there a station in Frankfurt?": a place the base has no data for, which unknown_place says so of."""
    return bool(question.reading.places) and names_stations(question.reading.tokens)


def _topic_words(question: Question) -> int:
    signals = question.reading.signals
    return len(signals.covered - signals.intent_positions)


def _has_election_word(question: Question) -> bool:
    signals = question.reading.signals
    if (
        "population" in signals.intents
        and question.countries
        and about_russians(question.reading)
        and not signals.strong
    ):
        return True  # "сколько русских живёт в Израиле": the Russians of a place, which the facts speak of
    return bool(signals.election or question.candidates or (question.leaders and "reaction" in signals.topics))


def unknown_person(question: Question) -> Decision | None:
    """ "did Lukashenko congratulate Putin?", "а Алиев что сказал?": the words of a person the facts never name (a
    surname pymorphy knows), which the sources do not report, not the words of the leaders they do."""
    signals = question.reading.signals
    if question.leaders or question.countries or signals.topics.get("reaction", 0.0) < WEAK_TOPIC:
        return None
    people = [token for token in question.reading.unknown if reads_as_surname(token, unlisted=True)]
    if not people:
        return None
    context = question.context.updated(language=question.language)
    return NoData("unknown_person", context, f"{question.trace}; {people[0]}", name=people[0].capitalize(), person=True)


# in order: the first that fires decides; the scope comes first (which election, which country, what subject)
SCOPE_SCREENS: tuple[Callable[[Question], Decision | None], ...] = (
    small_talk,
    off_subject,  # "курс сомони к рублю": a currency's name is not a country's ("Сомали")
    other_election,
    unknown_person,
    foreign_country,
    future_election,
    population,
)
# ...then the words: whether the message's words make it a question about these facts at all. A short message
# in a dialog that names a place or a topic (``Question.leans_on_chat``) takes its subject from the chat instead.
WORD_SCREENS: tuple[Callable[[Question], Decision | None], ...] = (
    demonym_only,
    no_election_word,
    weak_topic_words,
    unknown_place,
    unknown_words_no_name,
    mostly_unknown_words,
    candidate_unknown_words,
    leader_unknown_words,
)

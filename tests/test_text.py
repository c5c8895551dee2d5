import pytest

from bot.text import (
    STOPWORDS_EN,
    is_modifier,
    latin_to_cyrillic,
    russian_reading,
    russian_typed_in_latin,
    script_language,
    token_keys,
    tokenize,
)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Сколько проголосовало?", "ru"), ("How many voted?", "en"), ("🙂", None), ("?", None), ("2024", None)],
)
def test_script_language(text: str, language: str | None) -> None:
    assert script_language(text) == language


def test_tokenize_splits_hyphenated_names_and_fixes_mixed_alphabets() -> None:
    assert tokenize("Алма-Ате, путинa и Давanков!") == ["алма", "ате", "путина", "и", "даванков"]


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("tadzhikistane", "таджикистане"), ("yavka", "явка"), ("relokanty", "релоканты"), ("kyrgyzstan", "кыргызстан")],
)
def test_latin_to_cyrillic(latin: str, cyrillic: str) -> None:
    assert latin_to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "russian"),
    [
        ("egipet", "египет"),  # word-initial e is е here, not э
        ("vyigral", "выиграл"),  # y before a vowel is ы
        ("procent", "процент"),  # c before e is ц
        ("pridnestrovie", "приднестровье"),  # -ie is -ье
        ("harasho", "хорошо"),  # an unstressed о typed as heard
        ("izrail", "израиль"),  # a dropped soft sign
        ("kakoi", "какой"),  # a final i after a vowel is й
        ("azerbaidzhane", "азербайджане"),  # ...and so is one before a consonant
    ],
)
def test_the_other_readings_of_ambiguous_latin_letters_find_the_word(latin: str, russian: str) -> None:
    assert russian_reading(latin) == russian


def test_a_latin_word_with_no_russian_reading_has_none() -> None:
    assert russian_reading("the") is None and russian_reading("facts") is None


@pytest.mark.parametrize(
    "text",
    ["meksika putin procent", "izrail davankov procent", "v armenii kto vyigral", "egipet itogi vyborov"],
)
def test_russian_typed_in_latin_with_ambiguous_letters_is_recognised(text: str) -> None:
    names = frozenset({"putin", "davankov"})
    assert russian_typed_in_latin(tokenize(text), STOPWORDS_EN, names=names) is not None


@pytest.mark.parametrize(
    "text", ["skolko progolosovalo v tadzhikistane", "kak progolosovali v kirgizii", "relokanty v kazakhstane"]
)
def test_russian_typed_in_latin_is_recognised(text: str) -> None:
    assert russian_typed_in_latin(tokenize(text), STOPWORDS_EN) is not None


@pytest.mark.parametrize("text", ["exit poll v almaty skolko u putina", "exit poll v almaty"])
def test_an_english_loanword_tells_no_language(text: str) -> None:
    # Russian speakers type "exit poll" as it is; "v" beside it is the Russian preposition, not "versus"
    english = STOPWORDS_EN | {"exit", "poll", "almaty"}
    assert russian_typed_in_latin(tokenize(text), english, names=frozenset({"almaty"})) is not None


def test_an_english_loanword_alone_is_still_english() -> None:
    english = STOPWORDS_EN | {"exit", "poll", "almaty"}
    assert russian_typed_in_latin(tokenize("exit poll almaty"), english, names=frozenset({"almaty"})) is None


@pytest.mark.parametrize(
    "text", ["how did putin do in kyrgyzstan", "tell me a joke", "'; DROP TABLE facts; --", "<script>alert(1)</script>"]
)
def test_english_is_not_taken_for_russian(text: str) -> None:
    assert russian_typed_in_latin(tokenize(text), STOPWORDS_EN | {"putin", "kyrgyzstan"}) is None


@pytest.mark.parametrize(
    ("text", "slips"),
    [
        ("syira putin shre", {"syira": "name", "shre": "english"}),  # a slip of a name and of a word: English
        ("tokio reslt", {"tokio": "name", "reslt": "english"}),  # "tokio" reads as Russian "токио", yet is a name
        ("north korea lol", {}),  # "lol" is typed in both languages
    ],
)
def test_words_typed_with_a_slip_are_not_taken_for_russian(text: str, slips: dict[str, str]) -> None:
    names = frozenset({"putin", "north", "korea"})
    assert russian_typed_in_latin(tokenize(text), STOPWORDS_EN, names=names, misspelt=slips.get) is None


def test_a_name_typed_with_a_slip_is_english_typing_and_a_russian_name_is_not() -> None:
    names = frozenset({"putin", "uzbekistan"})
    slip = {"tadjikstan": "name"}.get
    assert russian_typed_in_latin(["tadjikstan", "putin", "procent"], STOPWORDS_EN, names=names, misspelt=slip) is None
    assert russian_typed_in_latin(["uzbekistan", "putin", "procent"], STOPWORDS_EN, names=names) is not None


def test_a_russian_preposition_counts_for_russian_though_a_name_abbreviates_it() -> None:
    # "exit poll" is English, "v", "kakoi", "byl" Russian: three to two, though "v" is also some name's code
    tokens = ["exit", "poll", "v", "almaty", "kakoi", "byl"]
    words = STOPWORDS_EN | {"exit", "poll"}
    assert russian_typed_in_latin(tokens, words, names=frozenset({"v", "almaty"})) is not None


def test_a_name_typed_with_a_slip_does_not_make_russian_of_names_alone() -> None:
    # only a place's Russian name in Latin ("izraile") makes a message of names Russian, not a slip ("grece")
    names = frozenset({"putin"})
    assert russian_typed_in_latin(["grece", "putin"], STOPWORDS_EN, names=names, misspelt={"grece": "name"}.get) is None
    assert russian_typed_in_latin(["v", "izraile", "putin"], STOPWORDS_EN, names=names) is not None


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("казахстане", "казахстан"), ("киргизии", "киргизия"), ("даванкову", "даванков"), ("voters", "voter")],
)
def test_token_keys_meet_the_dictionary_form(form: str, lemma: str) -> None:
    assert token_keys(form) & token_keys(lemma)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("voted", "voting"),
        ("vote", "voting"),
        ("elections", "election"),
        ("relocated", "relocation"),
        ("congratulated", "congratulation"),
        ("mobilized", "mobilization"),
        ("parties", "party"),
        ("релокантов", "релокант"),
    ],
)
def test_inflections_share_a_key(first: str, second: str) -> None:
    assert token_keys(first) & token_keys(second)


@pytest.mark.parametrize(
    ("first", "second"), [("mobile", "mobilization"), ("mobility", "mobilisation"), ("stationery", "station")]
)
def test_look_alikes_with_a_shared_stem_do_not_meet(first: str, second: str) -> None:
    assert not token_keys(first) & token_keys(second)


def test_a_pasted_run_of_latin_letters_has_no_russian_reading() -> None:
    assert russian_reading("a" * 31) is None and russian_reading("skolko") == "сколько"


@pytest.mark.parametrize(
    ("word", "modifies"),
    [
        ("someone", True),  # function words of either language
        ("дальше", True),
        ("реальный", True),  # a Russian adjective, particle or ordinal only shades what it stands beside
        ("ок", True),
        ("третьем", True),
        ("погода", False),  # nouns, verbs and predicatives name a subject of their own
        ("купить", False),
        ("безопасно", False),
        ("приезжих", False),  # an adjective used as a noun names people
        ("weather", False),
    ],
)
def test_is_modifier(word: str, modifies: bool) -> None:
    assert is_modifier(word) is modifies


def test_a_reading_of_the_bases_own_word_wins_over_another_known_word() -> None:
    assert russian_reading("cik") == "кик"  # a word pymorphy knows...
    assert russian_reading("cik", frozenset({"цик"})) == "цик"  # ...but the base speaks of the CEC


def test_a_run_of_brackets_is_a_russian_chat_smile() -> None:
    assert script_language(")))") == "ru" and script_language("...") is None and script_language(":)") is None


def test_a_russian_sentence_around_a_latin_name_is_russian() -> None:
    assert script_language("что такое vote abroad") == "ru"
    assert script_language("what does явка mean") == "en"

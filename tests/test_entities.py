from pathlib import Path

import pytest
import yaml

from bot.country_names import ALIASES_PATH, Area, City, PlaceNames, all_places, areas
from bot.entities import EntityIndex, country_display_name
from bot.knowledge import load_folder
from bot.lexicon import PhraseIndex, sound_key
from bot.models import Bilingual, BilingualList, Country, KnowledgeBase
from bot.settings import PROJECT_ROOT
from bot.text import morph, tokenize

SEED_COUNTRIES = ("kazakhstan", "kyrgyzstan", "tajikistan", "uzbekistan")


@pytest.fixture(scope="module")
def index() -> EntityIndex:
    """The shipped base cut to the four seed countries: every other country of the world is "foreign" here."""
    knowledge = load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge
    seed = [country for country in knowledge.countries if country.id in SEED_COUNTRIES]
    return EntityIndex(knowledge.model_copy(update={"countries": seed}))


@pytest.fixture(scope="module")
def shipped_index() -> EntityIndex:
    return EntityIndex(load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge)


@pytest.mark.parametrize(
    ("text", "identifier"),
    [("Germany", "germany"), ("в Германии", "germany"), ("Армения", "armenia"), ("Turkmenistan", "turkmenistan")],
)
def test_countries_with_a_station_are_places_of_the_shipped_base(
    shipped_index: EntityIndex, text: str, identifier: str
) -> None:
    mentions = shipped_index.find(tokenize(text), text)
    assert [(item.kind, item.id) for item in mentions.items] == [("country", identifier)]


@pytest.mark.parametrize(
    ("text", "kind", "identifier"),
    [
        ("в Казахстане", "country", "kazakhstan"),
        ("Киргизии", "country", "kyrgyzstan"),
        ("с Таджикистаном", "country", "tajikistan"),
        ("в Алма-Ате", "country", "kazakhstan"),
        ("Tajikstan", "country", "tajikistan"),
        ("Uzbekstan", "country", "uzbekistan"),
        ("Kazakstan", "country", "kazakhstan"),
        ("Кыргызтан", "country", "kyrgyzstan"),
        ("Бишкеке", "country", "kyrgyzstan"),
        ("Kassym-Jomart Tokayev", "leader", "tokayev"),
        ("Даванкову", "candidate", "davankov"),
        ("за путинa", "candidate", "putin"),
        ("партия Новые люди", "candidate", "davankov"),
        ("Germany", "foreign", "DE"),
        ("в Германии", "foreign", "DE"),
        ("Армения", "foreign", "AM"),
        ("Turkmenistan", "foreign", "TM"),
        ("в России", "national", "russia"),
    ],
)
def test_names_in_any_form(index: EntityIndex, text: str, kind: str, identifier: str) -> None:
    mentions = index.find(tokenize(text), text)
    assert [(item.kind, item.id) for item in mentions.items] == [(kind, identifier)]


@pytest.mark.parametrize(
    "text", ["откуда данные", "того что было", "the results", "whether", "weather", "results of the vote"]
)
def test_ordinary_words_are_not_countries(index: EntityIndex, text: str) -> None:
    assert index.find(tokenize(text), text).items == []


def test_upper_case_us_is_a_country_but_lower_case_us_is_not(index: EntityIndex) -> None:
    assert [item.id for item in index.find(tokenize("the US election"), "the US election").items] == ["US"]
    assert index.find(tokenize("tell us"), "tell us").items == []


# ------------------------------------------------------------------ every place of the official data abroad
# The base in this branch has four countries; the full one will have every place. These tests build that base
# from bot.country_names (the four curated countries keep their own entries, leaders included).


def full_base() -> KnowledgeBase:
    shipped = load_folder(Path(PROJECT_ROOT / "knowledge")).knowledge
    curated = {country.id for country in shipped.countries}
    countries = list(shipped.countries) + [
        Country(
            id=item.id,
            iso=item.iso,
            name=Bilingual(en=item.name_en, ru=item.name_ru),
            aliases=BilingualList(en=list(item.aliases_en), ru=list(item.aliases_ru)),
        )
        for item in all_places()
        if item.id not in curated
    ]
    return shipped.model_copy(update={"countries": countries})


@pytest.fixture(scope="module")
def full() -> EntityIndex:
    return EntityIndex(full_base())


def found(index: EntityIndex, text: str) -> list[tuple[str, str]]:
    return [(item.kind, item.id) for item in index.find(tokenize(text), text).items]


def locative(name: str) -> str:
    """ "в <name>" with each word in the locative case, as pymorphy inflects it ("в Южной Корее")."""
    words = []
    for word in name.split():
        if word.isupper():  # США, ОАЭ, ДР: abbreviations do not decline
            words.append(word)
            continue
        parts = word.split("-")
        # "Коста-Рика" declines its last part, "Гвинея-Бисау" its first (a place name), "Кабо-Верде" neither
        for position in (len(parts) - 1, 0):
            inflected = _inflect(parts[position], geographic_only=position == 0 and len(parts) > 1)
            if inflected:
                parts[position] = inflected
                break
        words.append("-".join(parts))
    return "в " + " ".join(words)


def _inflect(word: str, *, geographic_only: bool) -> str | None:
    for parse in morph().parse(word):
        wanted = "Geox" in parse.tag if geographic_only else parse.tag.POS in ("NOUN", "ADJF")
        if wanted and "nomn" in parse.tag:
            form = parse.inflect({"loct"})
            if form and form.word != word.casefold():
                return word[0] + form.word[1:]
    return None


def test_locative_forms_are_usual_russian() -> None:
    assert locative("Южная Корея") == "в Южной Корее"
    assert locative("Коста-Рика") == "в Коста-Рике"
    assert locative("Гвинея-Бисау") == "в Гвинее-Бисау"
    assert locative("Нидерланды") == "в Нидерландах"
    assert locative("США") == "в США"


PLACES = all_places()
CURATED = yaml.safe_load(ALIASES_PATH.read_text(encoding="utf-8"))["places"]


@pytest.mark.parametrize("item", PLACES, ids=[item.id for item in PLACES])
def test_every_place_by_its_english_and_russian_name_and_in_the_locative(full: EntityIndex, item: PlaceNames) -> None:
    for text in (item.name_en, item.name_ru, locative(item.name_ru), f"in {item.name_en}"):
        assert found(full, text) == [("country", item.id)], text


@pytest.mark.parametrize("item", PLACES, ids=[item.id for item in PLACES])
def test_every_place_s_own_curated_alias(full: EntityIndex, item: PlaceNames) -> None:
    raw = CURATED[item.id]
    for alias in [*((raw.get("aliases") or {}).get("en") or ()), *((raw.get("aliases") or {}).get("ru") or ())]:
        assert found(full, alias) == [("country", item.id)], alias


CITIES = [(item, city) for item in PLACES for city in item.cities]


@pytest.mark.parametrize(("item", "city"), CITIES, ids=[f"{item.id}-{city.name_en}" for item, city in CITIES])
def test_every_city_with_a_station(full: EntityIndex, item: PlaceNames, city: City) -> None:
    for text in (city.name_en, city.name_ru, locative(city.name_ru), *city.aliases_en, *city.aliases_ru):
        mentions = full.find(tokenize(text), text).items
        assert [(mention.kind, mention.id) for mention in mentions] == [("country", item.id)], text
        assert mentions[0].city in (city.name_en, None), text  # None: the city is named like the place


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("в Эмиратах", "united-arab-emirates"),
        ("из Штатов", "united-states"),
        ("в Штатах", "united-states"),
        ("в Америке", "united-states"),
        ("the States", "united-states"),
        ("по Германии", "germany"),
        ("Турции", "turkey"),
        ("в Британии", "united-kingdom"),
        ("в Англии", "united-kingdom"),
        ("в Белоруссии", "belarus"),
        ("в Молдавии", "moldova"),
        ("в Приднестровье", "moldova"),
        ("в Киргизии", "kyrgyzstan"),
        ("в Кыргызстане", "kyrgyzstan"),
        ("в Македонии", "north-macedonia"),
        ("в Чехии", "czechia"),
        ("Czech Republic", "czechia"),
        ("на Байконуре", "baikonur"),
        ("в Абхазии", "abkhazia"),
        ("в Южной Осетии", "south-ossetia"),
        ("в Голландии", "netherlands"),
        ("в ОАЭ", "united-arab-emirates"),
        ("в США", "united-states"),
        ("Turkiye", "turkey"),
        ("Côte d’Ivoire", "cote-d-ivoire"),
        # misspellings
        ("Gemrany", "germany"),
        ("Isreal", "israel"),
        ("Phillipines", "philippines"),
        ("Argentinia", "argentina"),
        ("Великобретания", "united-kingdom"),
        ("в Португали", "portugal"),
        ("Тайланд", "thailand"),
        ("в Тайланде", "thailand"),
        ("Казахстане", "kazakhstan"),
        ("в Финлядии", "finland"),
        ("в Германнии", "germany"),
        ("Swizerland", "switzerland"),
    ],
)
def test_everyday_names_case_forms_and_typos(full: EntityIndex, text: str, identifier: str) -> None:
    assert found(full, text) == [("country", identifier)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Austria / Australia
        ("Austria", ("country", "austria")),
        ("Australia", ("country", "australia")),
        ("в Австрии", ("country", "austria")),
        ("в Австралии", ("country", "australia")),
        ("Austira", ("country", "austria")),
        ("Austrlia", ("country", "australia")),
        # Iran / Iraq
        ("Iran", ("country", "iran")),
        ("Iraq", ("country", "iraq")),
        ("в Иране", ("country", "iran")),
        ("в Ираке", ("country", "iraq")),
        # Niger (no station) / Nigeria
        ("Niger", ("foreign", "NE")),
        ("Nigeria", ("country", "nigeria")),
        ("в Нигере", ("foreign", "NE")),
        ("в Нигерии", ("country", "nigeria")),
        # Slovakia / Slovenia
        ("Slovakia", ("country", "slovakia")),
        ("Slovenia", ("country", "slovenia")),
        ("в Словакии", ("country", "slovakia")),
        ("в Словении", ("country", "slovenia")),
        ("Slovkia", ("country", "slovakia")),
        ("Slovenija", ("country", "slovenia")),
        # Guinea, Guinea-Bissau, Equatorial Guinea, Guyana, Papua New Guinea
        ("Гвинея", ("country", "guinea")),
        ("в Гвинее-Бисау", ("country", "guinea-bissau")),
        ("в Экваториальной Гвинее", ("country", "equatorial-guinea")),
        ("в Гайане", ("country", "guyana")),
        ("Guinea", ("country", "guinea")),
        ("Guinea-Bissau", ("country", "guinea-bissau")),
        ("Equatorial Guinea", ("country", "equatorial-guinea")),
        ("Guyana", ("country", "guyana")),
        ("Papua New Guinea", ("foreign", "PG")),
        ("на Новой Гвинее", ("foreign", "new-guinea")),
        # Dominica / Dominican Republic (neither has a station)
        ("Dominica", ("foreign", "DM")),
        ("Dominican Republic", ("foreign", "DO")),
        ("в Доминике", ("foreign", "DM")),
        ("в Доминикане", ("foreign", "DO")),
        # Sudan / South Sudan
        ("Sudan", ("country", "sudan")),
        ("South Sudan", ("foreign", "SS")),
        ("в Судане", ("country", "sudan")),
        ("в Южном Судане", ("foreign", "SS")),
        # Congo / DR Congo
        ("Congo", ("country", "congo")),
        ("в Конго", ("country", "congo")),
        ("в Республике Конго", ("country", "congo")),
        ("DR Congo", ("country", "dr-congo")),
        ("DRC", ("country", "dr-congo")),
        ("в ДР Конго", ("country", "dr-congo")),
        ("в Демократической Республике Конго", ("country", "dr-congo")),
        # Korea: the bare name is South Korea
        ("Korea", ("country", "south-korea")),
        ("в Корее", ("country", "south-korea")),
        ("в Южной Корее", ("country", "south-korea")),
        ("North Korea", ("country", "north-korea")),
        ("в Северной Корее", ("country", "north-korea")),
        ("в КНДР", ("country", "north-korea")),
        # Ossetia: North Ossetia is in Russia
        ("в Осетии", ("country", "south-ossetia")),
        ("в Северной Осетии", ("foreign", "north-ossetia")),
        ("North Ossetia", ("foreign", "north-ossetia")),
        # America: the bare name is the United States, a continent is not
        ("в Латинской Америке", ("foreign", "latin-america")),
        ("South America", ("foreign", "south-america")),
        # Mali / Malta / Malawi, Zambia / Gambia, Mauritania / Mauritius
        ("Mali", ("country", "mali")),
        ("Malta", ("country", "malta")),
        ("Malawi", ("foreign", "MW")),
        ("в Мали", ("country", "mali")),
        ("на Мальте", ("country", "malta")),
        ("Zambia", ("country", "zambia")),
        ("Gambia", ("foreign", "GM")),
        ("Mauritania", ("country", "mauritania")),
        ("Mauritius", ("country", "mauritius")),
        ("в Мавритании", ("country", "mauritania")),
        ("на Маврикии", ("country", "mauritius")),
        # Georgia and its breakaway regions
        ("в Грузии", ("country", "georgia")),
        ("в Тбилиси", ("country", "georgia")),
        ("Латвии", ("country", "latvia")),
        ("Литве", ("country", "lithuania")),
    ],
)
def test_look_alikes_stay_apart(full: EntityIndex, text: str, expected: tuple[str, str]) -> None:
    assert found(full, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Austria", ("foreign", "AT")),
        ("в Австралии", ("foreign", "AU")),
        ("в Абхазии", ("foreign", "abkhazia")),
        ("Osetia", ("foreign", "south-ossetia")),
        ("в Северной Осетии", ("foreign", "north-ossetia")),
        ("в Эмиратах", ("foreign", "AE")),
        ("в Корее", ("foreign", "KR")),
        ("в Конго", ("foreign", "CG")),
    ],
)
def test_places_the_base_lacks_are_foreign(index: EntityIndex, text: str, expected: tuple[str, str]) -> None:
    assert found(index, text) == [expected]


@pytest.mark.parametrize("text", ["What's the weather in Paris?", "weather in Tbilisi", "гостиницы в Сухуми"])
def test_cities_of_places_the_base_lacks_are_not_mentions(index: EntityIndex, text: str) -> None:
    """Until France is in the base, "weather in Paris" must stay off-topic (the engine reads a named place first)."""
    assert found(index, text) == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [("в Тбилиси", "georgia"), ("Batumi", "georgia"), ("в Сухуми", "abkhazia"), ("Tskhinvali", "south-ossetia")],
)
def test_cities_without_a_station_stand_for_their_base_place(full: EntityIndex, text: str, identifier: str) -> None:
    assert found(full, text) == [("country", identifier)]


def test_a_city_mention_carries_the_city(full: EntityIndex) -> None:
    (mention,) = full.find(tokenize("сколько проголосовало в Алма-Ате"), "").items
    assert (mention.kind, mention.id, mention.city) == ("country", "kazakhstan", "Almaty")
    (mention,) = full.find(tokenize("turnout in Belgrade"), "").items
    assert (mention.id, mention.city) == ("serbia", "Belgrade")


@pytest.mark.parametrize(
    ("text", "identifier"), [("the US election", "united-states"), ("UK voters", "united-kingdom")]
)
def test_upper_case_abbreviations_resolve_to_the_base_s_places(full: EntityIndex, text: str, identifier: str) -> None:
    assert found(full, text) == [("country", identifier)]


def test_display_names() -> None:
    assert country_display_name("US", "ru") == "США"
    assert country_display_name("abkhazia", "en") == "Abkhazia"
    assert country_display_name("north-ossetia", "ru") == "Северная Осетия"
    assert country_display_name("DO", "ru") == "Доминикана"
    assert country_display_name("NE", "en") == "Niger"


@pytest.mark.parametrize("area", areas(), ids=[area.id for area in areas()])
def test_every_area_name_is_no_place_of_the_data(full: EntityIndex, area: Area) -> None:
    for text in (*area.names(), locative(area.name_ru)):
        assert found(full, text) == [("foreign", area.id)], text


@pytest.mark.parametrize("text", ["Russia", "Россия", "в России", "РФ", "Russian Federation"])
def test_russia_is_national(full: EntityIndex, text: str) -> None:
    assert found(full, text) == [("national", "russia")]


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("putin in KZ", "kazakhstan"),  # a code in capitals
        ("results in uz pls", "uzbekistan"),  # ...or no word of either language
        ("nz", "new-zealand"),
        ("turnout DE", "germany"),
    ],
)
def test_a_country_by_its_two_letter_code(shipped_index: EntityIndex, text: str, identifier: str) -> None:
    assert shipped_index.find(tokenize(text), text).countries() == [identifier]


@pytest.mark.parametrize("text", ["in de results", "is it ok", "golosovali na vyborah", "za kogo", "tv debate"])
def test_words_that_are_also_codes_stay_words(shipped_index: EntityIndex, text: str) -> None:
    # "de", "is", "it", "na" (на), "za" (за) are words; "tv" is no country the base has data for
    assert shipped_index.find(tokenize(text), text).countries() == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("turkish cities", "turkey"),
        ("в польских городах", "poland"),
        ("swiss results", "switzerland"),
        ("latvian police", "latvia"),  # an adjective the name's own forms reach stays the place anywhere
    ],
)
def test_a_places_adjective_before_a_noun_of_the_vote_names_it(
    shipped_index: EntityIndex, text: str, identifier: str
) -> None:
    assert shipped_index.find(tokenize(text), text).countries() == [identifier]


@pytest.mark.parametrize("text", ["translate it to french", "who finished second", "a latin american country"])
def test_an_adjective_as_a_language_or_a_look_alike_is_no_place(shipped_index: EntityIndex, text: str) -> None:
    assert shipped_index.find(tokenize(text), text).countries() == []


@pytest.mark.parametrize(
    ("typed", "name"), [("sirya", "syria"), ("libia", "libya"), ("japn", "japan"), ("chna", "china")]
)
def test_a_name_index_forgives_a_slip_by_ear_or_a_dropped_letter(typed: str, name: str) -> None:
    index = PhraseIndex(names=True)
    for word in ("syria", "libya", "japan", "china", "serbia", "sierra"):
        index.add(word, word, name=True)
    index.freeze()
    assert index.correct(typed) == name


@pytest.mark.parametrize("typed", ["tiger", "mira", "from"])
def test_a_word_is_no_slip_of_a_name(typed: str) -> None:
    index = PhraseIndex(names=True)
    for word in ("niger", "miami", "fiji"):
        index.add(word, word, name=True)
    index.freeze()
    assert index.correct(typed) is None


def test_sound_key_folds_letters_heard_alike() -> None:
    assert sound_key("sirya") == sound_key("syria") == "siria"
    assert sound_key("kipprus") == "ciprus"  # doubled letters typed once


@pytest.mark.parametrize(("text", "country"), [("Монтенегро", "montenegro"), ("а в холланд?", "netherlands")])
def test_an_english_name_typed_in_cyrillic_names_the_place(shipped_index: EntityIndex, text: str, country: str) -> None:
    assert shipped_index.find(tokenize(text), text).countries() == [country]


def test_an_everyday_word_is_a_place_only_with_its_capital(shipped_index: EntityIndex) -> None:
    assert [
        item.id
        for item in shipped_index.find(tokenize("россияне в Того голосовали?"), "россияне в Того голосовали?").items
    ] == ["TG"]
    assert shipped_index.find(tokenize("и того 5 стран"), "и того 5 стран").items == []

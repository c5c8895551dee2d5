"""Property-based malformed admin commands (issue 6): refused with a message, stored facts untouched.

Every example compares a full dump of the fact tables (facts, fact_versions, the undo log and the references)
before and after. Runs through bot.curation (the admin core) and through the Telegram admin handlers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hardening import OfflineBot, check_sent, dump_store, hostile_text
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram_harness import fresh_engine, make_settings, project_knowledge, project_store

from bot.curation import Curator
from bot.models import TOPICS

FUZZ = settings(max_examples=40, deadline=None, derandomize=True)
ADMIN = 4711
FACT_IDS = [fact.id for fact in project_knowledge().facts]


@pytest.fixture(scope="module")
def curator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Curator]:
    with project_store(tmp_path_factory.mktemp("fuzz-admin") / "bot.db") as store:
        yield Curator(store, fresh_engine())


def unknown_ids() -> st.SearchStrategy[str]:
    return hostile_text.map(str.strip).filter(lambda text: text.split()[:1] not in ([i] for i in FACT_IDS))


def nullish(text: str) -> bool:
    """An admin may clear a figure ("null", "~", nothing): the source does not report it. That is no bad input."""
    try:
        return yaml.safe_load(text) is None
    except yaml.YAMLError:
        return False


def refused_and_unchanged(curator: Curator, run) -> None:
    before = dump_store(curator.store)
    facts_before = curator.engine.knowledge
    outcome = run()
    assert not outcome.ok, outcome.text
    assert outcome.text.strip()
    assert dump_store(curator.store) == before
    assert curator.engine.knowledge == facts_before


@FUZZ
@given(fact_id=unknown_ids(), field=st.sampled_from(["answer.en", "figures.0.value", "topic"]), value=hostile_text)
def test_set_on_unknown_fact(curator: Curator, fact_id: str, field: str, value: str) -> None:
    refused_and_unchanged(curator, lambda: curator.set_command(f"{fact_id} {field} {value or 'x'}", ADMIN))


@FUZZ
@given(fact_id=st.sampled_from(FACT_IDS), field=hostile_text.filter(lambda t: not re.fullmatch(r"[\w.]+", t.strip())))
def test_set_with_a_malformed_field(curator: Curator, fact_id: str, field: str) -> None:
    refused_and_unchanged(curator, lambda: curator.set_field(fact_id, field, "value", ADMIN))


not_a_number = hostile_text.filter(lambda text: not re.search(r"\d", text) and not nullish(text))


@FUZZ
@given(
    fact_id=st.sampled_from(["tajikistan-turnout", "uzbekistan-turnout"]),
    field_value=st.one_of(
        st.tuples(
            st.just("figures.0.value"), hostile_text.filter(lambda t: not re.search(r"\d", t) and not nullish(t))
        ),
        st.tuples(st.just("figures.0.value"), st.sampled_from(["-5", "-1e309", "1e309", "nan", "inf", "NaN", "1,2,3"])),
        st.tuples(st.just("topic"), hostile_text.filter(lambda t: t.strip() not in TOPICS)),
        st.tuples(st.just("country"), hostile_text.map(lambda t: t + "-nowhere")),
        st.tuples(st.just("source"), st.sampled_from(["", " ", "no-such-source"])),
        st.tuples(st.just("id"), hostile_text),
        st.tuples(st.just("answer.en"), st.sampled_from(["", " ", "\n\t"])),
    ),
)
def test_set_with_an_invalid_value(curator: Curator, fact_id: str, field_value: tuple[str, str]) -> None:
    field, value = field_value
    refused_and_unchanged(curator, lambda: curator.set_field(fact_id, field, value, ADMIN))


def fact_yaml(fact_id: str, extra: dict) -> str:
    fact = {"id": fact_id, "topic": "turnout", "answer": {"en": "x", "ru": "y"}, "questions": {"en": ["How many?"]}}
    return yaml.safe_dump({**fact, "source": "eurasianet-2024", **extra})


yaml_documents = st.one_of(
    hostile_text,
    st.dictionaries(
        st.sampled_from(["id", "country", "topic", "answer", "questions", "source", "figures", "evidence", "bogus"]),
        st.none() | st.integers() | hostile_text | st.lists(hostile_text, max_size=2),
        max_size=8,
    ).map(yaml.safe_dump),
    # a valid-looking fact with one thing wrong: an existing id, an unknown country, a negative figure
    st.sampled_from(["tajikistan-turnout", "new-fact"]).flatmap(
        lambda fact_id: st.sampled_from(
            [
                {"country": "tajikistan"} if fact_id == "tajikistan-turnout" else {"country": "atlantis"},
                {"country": "tajikistan", "figures": [{"metric": "voters", "value": -1, "kind": "reported_count"}]},
                {"country": "tajikistan", "topic": "weather"},
            ]
        ).map(
            lambda extra: yaml.safe_dump(
                {
                    "id": fact_id,
                    "topic": "turnout",
                    "answer": {"en": "x", "ru": "y"},
                    "questions": {"en": ["How many?"]},
                    "source": "eurasianet-2024",
                    **extra,
                }
            )
        )
    ),
)


@FUZZ
@given(document=yaml_documents)
def test_add_malformed_fact(curator: Curator, document: str) -> None:
    refused_and_unchanged(curator, lambda: curator.add(document, ADMIN))


@FUZZ
@given(fact_id=unknown_ids())
def test_delete_history_fact_restore_of_unknown_facts(curator: Curator, fact_id: str) -> None:
    refused_and_unchanged(curator, lambda: curator.delete(fact_id, ADMIN))
    refused_and_unchanged(curator, lambda: curator.restore_command(f"{fact_id} 1", ADMIN))
    if fact_id:
        before = dump_store(curator.store)
        curator.fact(fact_id), curator.history(fact_id), curator.facts(fact_id)
        assert dump_store(curator.store) == before


@FUZZ
@given(args=st.one_of(hostile_text, st.sampled_from(FACT_IDS).map(lambda i: f"{i} 999"), st.sampled_from(FACT_IDS)))
def test_restore_with_bad_arguments(curator: Curator, args: str) -> None:
    refused_and_unchanged(curator, lambda: curator.restore_command(args, ADMIN))


@FUZZ
@given(
    content=st.binary(max_size=300) | hostile_text.map(str.encode) | yaml_documents.map(str.encode),
    name=st.sampled_from(["facts.yaml", "facts.yml", "facts.txt", "../../etc/passwd.yaml", "x.YAML", ""]),
)
def test_import_of_malformed_documents(curator: Curator, content: bytes, name: str) -> None:
    before = dump_store(curator.store)
    outcome = curator.preview_import(name, content, ADMIN)
    # A preview never writes; whatever it offers, a forged token cannot apply it.
    assert dump_store(curator.store) == before
    assert outcome.text.strip()
    assert not curator.apply_import("00000000", ADMIN).ok
    assert not curator.apply_import("not-hex", ADMIN).ok
    assert dump_store(curator.store) == before


def test_undo_with_nothing_to_undo_changes_nothing(curator: Curator) -> None:
    refused_and_unchanged(curator, lambda: curator.undo("someone-who-never-edited"))


# --- the same through Telegram -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def admin_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OfflineBot]:
    folder = tmp_path_factory.mktemp("fuzz-admin-telegram")
    with project_store(folder / "bot.db") as store:
        offline = OfflineBot(make_settings(folder, admin_ids=str(ADMIN)), store, fresh_engine())
        yield offline
        offline.close()


COMMANDS = ["/set", "/add", "/delete", "/restore", "/fact", "/facts", "/history", "/why", "/edit", "/import", "/undo"]


@FUZZ
@given(command=st.sampled_from(COMMANDS), argument=hostile_text.filter(lambda t: not t.strip().startswith(("id:",))))
def test_admin_commands_with_hostile_arguments_on_telegram(admin_bot: OfflineBot, command: str, argument: str) -> None:
    store = admin_bot.app.bot_data["services"].store
    if command in {"/set", "/delete", "/restore"} and argument.split()[:1] and argument.split()[0] in FACT_IDS:
        return  # a real id with a real value may be a legitimate change
    before = dump_store(store)
    calls = admin_bot.private_text(f"{command} {argument}", user_id=ADMIN)
    check_sent(calls)
    assert [call for call in calls if call.method == "sendMessage"], "an admin command went unanswered"
    if command != "/undo":  # /undo as the only admin would revert nothing here: no change was ever made
        assert dump_store(store) == before
    admin_bot.private_text("/cancel", user_id=ADMIN)  # leave a /edit flow the example may have started


def test_dump_store_sees_a_change(curator: Curator, tmp_path: Path) -> None:
    """The before/after comparison can fail: a real edit shows in the dump."""
    before = dump_store(curator.store)
    assert curator.set_field("tajikistan-turnout", "answer.en", "Changed for the test.", ADMIN).ok
    assert dump_store(curator.store) != before
    assert curator.undo(ADMIN).ok


@pytest.mark.parametrize("value", ["1e309", "-1e309", "inf", "nan", "NaN", ".inf"])
def test_a_figure_cannot_be_set_to_infinity_or_nan(curator: Curator, value: str) -> None:
    """Found by the fuzzer: "1e309" parsed as a float (infinity) and was stored as a figure."""
    refused_and_unchanged(curator, lambda: curator.set_field("tajikistan-turnout", "figures.0.value", value, ADMIN))

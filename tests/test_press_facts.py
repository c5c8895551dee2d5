"""The press facts about Russians abroad (knowledge/abroad/press/): copies of the fact sheets, sources, hedges.

The generic content checks (evidence verbatim, numbers in the evidence, both languages) are in
test_knowledge_content.py; these guard what is particular to the press part of issue 10.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge import load_folder
from bot.models import KnowledgeBase
from bot.settings import PROJECT_ROOT

KNOWLEDGE_DIR = PROJECT_ROOT / "knowledge"
PRESS_DIR = KNOWLEDGE_DIR / "abroad" / "press"
SHEETS_DIR = KNOWLEDGE_DIR / "sources" / "abroad" / "facts"
SHARED_SHEETS_DIR = next(
    (
        folder / "shared" / "sources" / "abroad" / "facts"
        for folder in PROJECT_ROOT.parents
        if (folder / "shared" / "sources" / "abroad" / "facts").is_dir()
    ),
    None,
)
# Sheets no fact cites, and why (the sources.yaml header says the same).
NOT_CITED = {
    "socialbites-281-in-144": "low trust: an aggregator's paraphrase of TASS, superseded by the TASS figures",
    "ancorafischiailvento-gas-vybory-abroad": "low-medium: a partisan blog repeating the CEC shares of uralweb",
}


def _press_ids(section: str) -> set[str]:
    """Ids of the items a section of the files in knowledge/abroad/press/ defines."""
    ids = set()
    for path in PRESS_DIR.glob("*.yaml"):
        ids |= {item["id"] for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(section, [])}
    return ids


def press_knowledge() -> tuple[KnowledgeBase, set[str], set[str]]:
    """The whole base, and the ids of the sources and facts defined in knowledge/abroad/press/."""
    result = load_folder(KNOWLEDGE_DIR)
    assert result.ok, "\n".join(map(str, result.errors))
    return result.knowledge, _press_ids("sources"), _press_ids("facts")


KB, PRESS_SOURCES, PRESS_FACTS = press_knowledge()


@pytest.mark.skipif(SHARED_SHEETS_DIR is None, reason="the shared source folder is not beside this checkout")
def test_every_shared_fact_sheet_is_copied_byte_for_byte() -> None:
    assert SHARED_SHEETS_DIR is not None
    shared = sorted(path.name for path in SHARED_SHEETS_DIR.glob("*.md"))
    copied = sorted(path.name for path in SHEETS_DIR.glob("*.md"))
    assert copied == shared
    for name in shared:
        assert (SHEETS_DIR / name).read_bytes() == (SHARED_SHEETS_DIR / name).read_bytes(), name


def test_press_sources_point_at_their_sheet() -> None:
    for source_id in PRESS_SOURCES:
        source = KB.source(source_id)
        assert source is not None and source.file and source.url and source.cited_as, source_id
        assert source.file.startswith("abroad/facts/"), source.file
        sheet = KNOWLEDGE_DIR / "sources" / source.file
        assert sheet.is_file(), source.file
        assert source.note and "rust" in source.note, f"{source_id}: say the sheet's trust in the note"


def test_every_sheet_is_cited_or_its_omission_explained() -> None:
    cited = {fact.source for fact in KB.facts}
    assert cited >= PRESS_SOURCES, sorted(PRESS_SOURCES - cited)
    sheets = {Path(KB.source(source_id).file or "").stem for source_id in PRESS_SOURCES}  # type: ignore[union-attr]
    all_sheets = {path.stem for path in SHEETS_DIR.glob("*.md")}
    assert all_sheets - sheets == set(NOT_CITED)


def test_abroad_wide_facts_carry_no_figures() -> None:
    # the engine reads a country-null figure as the national figure (87.28% would give way to 72.3%)
    for fact_id in PRESS_FACTS:
        fact = KB.fact(fact_id)
        assert fact is not None
        if fact.country is None:
            assert fact.figures == [], fact_id


def test_georgia_has_no_station_and_a_country_entry() -> None:
    georgia = KB.country("georgia")
    assert georgia is not None and georgia.iso == "GE"
    fact = KB.fact("georgia-no-polling-station")
    assert fact is not None and "no Russian polling station" in fact.answer.en


# Hedges and flags the sheets insist on: each fact must keep them (English answer).
REQUIRED_PHRASES = [
    ("abroad-voters-preliminary-372779", ["372,779", "preliminary", "388,791", "Baikonur"]),
    ("abroad-voters-what-each-total-counts", ["383,553", "voter lists", "380,961", "372,779", "388,791"]),
    ("abroad-stations-2018-2024", ["295", "144 countries", "401", "288"]),
    ("abroad-result-preliminary-shares", ["71.52%", "preliminary", "superseded", "72.30%"]),
    ("abroad-exit-poll-vote-abroad", ["exit poll", "Vote Abroad", "self-selected", "not an official"]),
    ("abroad-countries-davankov-led", ["15 European countries", "23 countries"]),
    ("abroad-stations-putin-lost", ["42 countries", "gives 41"]),
    ("cyprus-fraud-allegation", ["disputed", "allegation", "Russian Election Monitor", "exit", "not a result"]),
    ("montenegro-volunteer-claim-disputed", ["5,000", "cannot be right", "1,500 ballots"]),
    ("united-kingdom-london-official-vs-tabloid", ["21.05%", "53.07%", "exit poll", "unconfirmed"]),
    ("moldova-transnistria-voters", ["46,182", "six stations", "eight station numbers"]),
    ("south-ossetia-preliminary-97", ["preliminary", "97%", "valid ballots", "95.68%"]),
    ("noon-people-left-outside", ["more than 500", "unconfirmed", "not official"]),
    ("georgia-voters-went-to-armenia-and-turkey", ["unknown", "Trabzon", "estimate"]),
    ("finland-official-vs-exit-poll", ["32.67%", "exit poll", "10%", "self-selected"]),
]


@pytest.mark.parametrize(("fact_id", "phrases"), REQUIRED_PHRASES)
def test_flags_and_hedges_are_kept(fact_id: str, phrases: list[str]) -> None:
    fact = KB.fact(fact_id)
    assert fact is not None, fact_id
    assert [phrase for phrase in phrases if phrase not in fact.answer.en] == []


@pytest.mark.parametrize("fact_id", sorted(PRESS_FACTS))
def test_exit_poll_numbers_are_labelled(fact_id: str) -> None:
    fact = KB.fact(fact_id)
    assert fact is not None
    if "exit" in " ".join(fact.evidence).casefold() and "exit poll" in fact.answer.en.casefold():
        assert "экзитпол" in fact.answer.ru.casefold(), "the Russian answer must say exit poll too"

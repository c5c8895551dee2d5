"""The benchmark's own code paths on a tiny question set (no timing assertions, baselines optional)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot import bench
from bot.knowledge import load_folder
from bot.question_set import load_question_set
from bot.replies import ChatContext, Reply
from bot.settings import PROJECT_ROOT

TINY_SET = """
cases:
  - id: en-tj
    category: en
    turns:
      - {text: "How many voted in Tajikistan?", kind: answer, language: en, must_contain: ["9500"],
         fact_ids: [tajikistan-turnout]}
  - id: ru-tj
    category: ru
    turns:
      - {text: "Сколько проголосовало в Таджикистане?", kind: answer, language: ru, must_contain: ["9500"]}
  - id: fu-tj
    category: followup
    turns:
      - {text: "How many voted in Kyrgyzstan?", kind: answer, language: en, must_contain: ["7800"]}
      - {text: "And in Tajikistan?", kind: answer, language: en, must_contain: ["9500"]}
  - id: off-joke
    category: offtopic
    turns:
      - {text: "Tell me a joke", kind: off_topic, language: en}
"""


@pytest.fixture(scope="module")
def knowledge():
    return load_folder(PROJECT_ROOT / "knowledge").knowledge


@pytest.fixture
def tiny_cases(tmp_path: Path):
    path = tmp_path / "questions.yaml"
    path.write_text(TINY_SET, encoding="utf-8")
    return load_question_set(path)


def test_percentile_is_nearest_rank() -> None:
    values = [float(n) for n in range(1, 101)]
    assert bench.percentile(values, 0.99) == 99.0
    assert bench.percentile(values, 0.5) == 50.0
    assert bench.percentile([3.0], 0.99) == 3.0


def test_scoring_counts_cases_per_category_and_facts_given_to_off_topic(tiny_cases) -> None:
    def always_tajikistan(text: str, context: ChatContext | None, hint: str | None) -> Reply:
        message = "More than 9,500 people voted in Tajikistan."
        return Reply(kind="answer", language="en", text=message, html=message, fact_ids=["tajikistan-turnout"])

    replies, latencies = bench.run_dialogs(always_tajikistan, tiny_cases)
    assert len(latencies) == 5
    score = bench.score_replies("fake", tiny_cases, replies)
    assert score.passed == {"en": 1}
    assert score.total == {"en": 1, "ru": 1, "followup": 1, "offtopic": 1}
    assert score.failures == ["ru-tj", "fu-tj", "off-joke"]
    assert score.answered_wrongly == 1


def test_baseline_reply_answers_above_threshold_only(knowledge) -> None:
    position = next(n for n, fact in enumerate(knowledge.facts) if fact.id == "tajikistan-turnout")
    above = bench.baseline_reply(knowledge, "Сколько проголосовало?", None, (position, 5.0), threshold=1.0)
    assert (above.kind, above.language, above.fact_ids) == ("answer", "ru", ["tajikistan-turnout"])
    below = bench.baseline_reply(knowledge, "weather", None, (position, 0.5), threshold=1.0)
    assert (below.kind, below.fact_ids) == ("off_topic", [])
    assert bench.baseline_reply(knowledge, "?", "ru", (position, 5.0), threshold=1.0).kind == "empty"


@pytest.mark.parametrize(
    ("text", "hint", "language"),
    [("How many voted?", "ru", "en"), ("Сколько?", None, "ru"), ("👍", "ru", "ru"), ("?", None, "en")],
)
def test_baseline_language_rule(text: str, hint: str | None, language: str) -> None:
    assert bench.detect_language(text, hint) == language


def test_synthetic_base_is_valid_deterministic_and_keeps_the_real_facts(knowledge) -> None:
    size = len(knowledge.facts) + 200  # the real base (with the official data's ~800 facts) plus made-up ones
    first = bench.synthetic_knowledge(knowledge, size=size)
    second = bench.synthetic_knowledge(knowledge, size=size)
    assert len(first.facts) == size
    assert len({fact.id for fact in first.facts}) == size
    assert first == second
    assert {fact.id for fact in knowledge.facts} <= {fact.id for fact in first.facts}
    country_ids = {country.id for country in first.countries}
    assert all(fact.country is None or fact.country in country_ids for fact in first.facts)


def test_bm25_baseline_finds_the_fact(knowledge, tiny_cases) -> None:
    pytest.importorskip("bm25s")
    score = bench.score_baseline(bench.BM25Baseline(), knowledge, tiny_cases)
    assert score.total["en"] == 1
    assert score.threshold is not None
    assert len(score.latencies_ms) == 5


def test_missing_baseline_is_reported_as_skipped(knowledge, tiny_cases, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench, "baseline_available", lambda name: False)
    report = bench.run_benchmark(
        knowledge, tiny_cases, systems=("bm25", "embedding"), repeat=1, synthetic_size=None, startup=False
    )
    assert report.systems["embedding"].skipped == bench.SKIPPED
    assert "bm25: skipped (install .[bench])" in bench.format_report(report)
    assert json.loads(json.dumps(report.to_dict()))["systems"]["bm25"]["skipped"] == bench.SKIPPED


def test_full_run_on_a_tiny_set_prints_a_table_and_json(knowledge, tiny_cases) -> None:
    pytest.importorskip("bot.engine")
    size = len(knowledge.facts) + 100
    report = bench.run_benchmark(
        knowledge, tiny_cases, systems=("engine",), repeat=1, synthetic_size=size, startup=False
    )
    table = bench.format_report(report)
    assert "accuracy followup (1)" in table
    assert f"Synthetic base: {size:,} facts" in table
    document = json.loads(json.dumps(report.to_dict()))
    assert document["systems"]["engine"]["total"] == {"en": 1, "ru": 1, "followup": 1, "offtopic": 1}
    assert document["synthetic"]["facts"] == size
    assert {target["target"] for target in document["targets"]} >= {"zero off-topic questions answered with a fact"}

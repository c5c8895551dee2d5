"""Smoke run of the load harness (tests/load_harness.py): a small crowd, every update answered exactly once.

No timing assertions: the figures are reported by ``python -m tests.load_harness`` and quoted in
docs/reliability.md.
"""

from __future__ import annotations

from load_harness import run_load


async def test_a_small_crowd_gets_exactly_one_reply_per_question() -> None:
    report = await run_load(users=20, questions=3)
    assert report.updates == 60
    assert report.failures == 0
    assert report.lost == 0 and report.duplicated == 0
    assert len(report.replies_per_update) == 60 and set(report.replies_per_update.values()) == {1}
    assert len(report.latencies) == 60
    assert "updates/s" in str(report) and "p99" in str(report)

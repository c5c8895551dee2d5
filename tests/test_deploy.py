"""deploy/: what can be checked without a Docker engine or systemd running."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from telegram_harness import project_store

from bot.settings import Settings

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
DOCKERFILE = (DEPLOY / "Dockerfile").read_text()


def test_dockerfile_is_slim_non_root_with_data_volume_and_healthcheck() -> None:
    assert re.search(r"^FROM python:3\.11-slim$", DOCKERFILE, re.M)
    assert re.search(r"^USER bot$", DOCKERFILE, re.M)
    assert 'VOLUME ["/data"]' in DOCKERFILE
    assert "DATABASE_PATH=/data/facts.db" in DOCKERFILE
    assert "HEALTHCHECK" in DOCKERFILE
    assert re.search(r'^CMD \["electionbot", "run"\]$', DOCKERFILE, re.M)
    for source in re.findall(r"^COPY (.+) \S+$", DOCKERFILE, re.M):
        for name in source.split():
            assert (DEPLOY.parent / name).exists(), f"Dockerfile copies missing {name}"


def test_environment_names_used_by_deploy_files_are_settings() -> None:
    names = set()
    for path in DEPLOY.iterdir():
        names |= set(re.findall(r"\b([A-Z][A-Z_]{4,})=", path.read_text()))
    names -= {"PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK"}
    assert names and {name.lower() for name in names} <= set(Settings.model_fields)


@pytest.mark.parametrize(("age", "healthy"), [(0, True), (600, False)])
def test_healthcheck_command_judges_the_heartbeat_file(tmp_path: Path, age: int, healthy: bool) -> None:
    command = re.search(r'CMD python -c "(.+)"', DOCKERFILE).group(1)
    heartbeat = tmp_path / "heartbeat"
    heartbeat.touch()
    os.utime(heartbeat, (time.time() - age, time.time() - age))
    result = subprocess.run([sys.executable, "-c", command.replace("/data/heartbeat", str(heartbeat))], check=False)
    assert (result.returncode == 0) == healthy


def test_compose_runs_the_bot_and_an_optional_datasette_over_the_same_volume() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    bot, datasette = compose["services"]["bot"], compose["services"]["datasette"]
    assert bot["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
    assert "profiles" not in bot and datasette["profiles"] == ["browse"]
    assert "facts:/data" in bot["volumes"] and "facts:/data" in datasette["volumes"]
    assert "./datasette-metadata.yaml:/etc/datasette/metadata.yaml:ro" in datasette["volumes"]
    assert "facts" in compose["volumes"]


def test_datasette_hides_private_tables_and_its_query_reads_a_real_database(tmp_path: Path) -> None:
    metadata = yaml.safe_load((DEPLOY / "datasette-metadata.yaml").read_text())
    database = metadata["databases"]["facts"]
    for private in ("users", "question_log", "changes"):
        assert database["tables"][private] == {"hidden": True, "allow": False}
    with project_store(tmp_path / "facts.db") as store:
        live = len(store.knowledge().facts)
        tables = set(store.db.table_names())
    assert set(database["tables"]) <= tables
    connection = sqlite3.connect(tmp_path / "facts.db")
    rows = connection.execute(database["queries"]["readable_facts"]["sql"]).fetchall()
    connection.close()
    assert len(rows) == live
    assert all(row[3] and row[4] and row[5] for row in rows)  # answer_en, answer_ru, publisher


def test_systemd_unit_reads_an_environment_file_and_verifies(tmp_path: Path) -> None:
    unit = (DEPLOY / "election-bot.service").read_text()
    assert re.search(r"^EnvironmentFile=/etc/election-bot/env$", unit, re.M)
    assert re.search(
        r"^ExecStart=/usr/bin/env DATABASE_PATH=/var/lib/election-bot/\S+ CACHE_DIR=/var/lib/election-bot/\S+ "
        r"/opt/election-bot/\S+/electionbot run$",
        unit,
        re.M,
    )
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    # The unit names the installed path; verify a copy pointing at an executable that exists here.
    copy = tmp_path / "election-bot.service"
    copy.write_text(unit.replace("/opt/election-bot/.venv/bin/electionbot", sys.executable))
    result = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, check=False)
    problems = [line for line in result.stderr.splitlines() if "election-bot.service" in line]
    assert not problems, problems


def test_the_installed_package_ships_every_subpackage() -> None:
    """Regression: bot/telegram was missing from a non-editable install (the Docker image)."""
    import tomllib

    root = DEPLOY.parent
    declared = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {".".join(path.parent.relative_to(root).parts) for path in (root / "bot").rglob("__init__.py")}
    assert on_disk <= declared


def test_datasette_canned_queries_on_the_official_data_run_on_a_built_database(tmp_path: Path) -> None:
    from bot.store import FactStore

    metadata = yaml.safe_load((DEPLOY / "datasette-metadata.yaml").read_text())
    queries = metadata["databases"]["facts"]["queries"]
    with FactStore(tmp_path / "facts.db") as store:
        store.ensure_loaded(Settings(_env_file=None).knowledge_dir)
    connection = sqlite3.connect(tmp_path / "facts.db")
    try:
        lost = connection.execute(queries["stations_where_putin_lost"]["sql"]).fetchall()
        biggest = connection.execute(queries["biggest_stations"]["sql"]).fetchall()
        early = connection.execute(queries["early_votes_by_country"]["sql"]).fetchall()
    finally:
        connection.close()
    assert len(lost) == 42  # Novaya Gazeta Europe's count, from the protocols
    assert all(row[5] < 50 for row in lost)  # Putin's share where he lost
    assert len(biggest) == 20 and biggest[0][:2] == (8158, "cyprus")  # Nicosia, 42,866 ballots issued
    assert len(early) == 145
    assert [row[5] for row in early] == sorted((row[5] for row in early), reverse=True)
    assert [row[0] for row in early[:2]] == ["bangladesh", "syria"]  # 3,950 of 4,064 and 7,465 of 7,894 early
    assert "PROVENANCE.md" in metadata["description_html"] and "license" in metadata

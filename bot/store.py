"""The SQLite store: the only module that knows the database schema.

The fact base lives in ``knowledge/`` as YAML and is loaded into SQLite, where admins edit it live.
Every change to a fact — from a YAML load or from an admin — is one transaction that updates the live
row *and* appends a row to ``fact_versions`` (who, when, what changed, the full fact), so nothing is
ever overwritten without its previous version kept, and any change can be undone or restored. Sources,
countries (with their aliases) and candidates are versioned the same way in ``reference_versions``:
a load, an /import or an admin's /add that changes one records its new version in the same transaction,
and ``undo`` reverts it (an /add that created a source removes it again unless another fact cites it).

Loading YAML is a three-way merge. Each fact row remembers the content it last had in YAML
(``yaml_json``). A fact whose live content still equals that base was not touched by an admin and
simply follows the YAML; a fact whose live content differs was edited by an admin since the last load,
so a YAML change to it is reported as a conflict and the admin's version is kept unless
``overwrite=True``. Facts that were loaded from YAML before and are now missing from it are reported
and kept; ``overwrite=True`` soft-deletes them (reversible with ``undo``/``restore_version``). Facts
that admins added and YAML never had are never deleted by a load.

Usage:

    store = FactStore(settings.database_path)
    store.ensure_loaded(settings.knowledge_dir)
    engine = Engine.from_knowledge(store.knowledge())
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import re
import secrets
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from sqlite_utils import Database

from bot.abroad import CANDIDATES, AbroadData, Counts, Place, Station
from bot.knowledge import KnowledgeError, check_knowledge, dump_folder, load_folder
from bot.models import LANGUAGES, Candidate, Country, Fact, KnowledgeBase, Source

logger = logging.getLogger(__name__)

# Bump when the schema changes and add a step to _MIGRATIONS that brings version N-1 to N.
SCHEMA_VERSION = 4
YAML_ACTOR = "yaml"
MIGRATION_ACTOR = "migration"  # baseline versions of reference rows that existed before they were versioned
BUSY_TIMEOUT_SECONDS = 10.0
MAX_LOGGED_QUESTION_CHARS = 1000

ACTIONS = ("add", "update", "delete", "restore", "undo")

# Reference data: kind (as in "source:eurasianet") -> live table.
REFERENCE_TABLES = {"source": "sources", "country": "countries", "candidate": "candidates"}


# --- errors -------------------------------------------------------------------------------------


class StoreError(Exception):
    """A store operation was refused or failed; the message says why, for a human. Data is untouched."""


class StoreUnavailable(StoreError):
    """The database cannot be opened or written (missing or read-only folder, locked, corrupt)."""


class UnknownFact(StoreError):
    def __init__(self, fact_id: str) -> None:
        super().__init__(f"There is no fact with id {fact_id!r}.")
        self.fact_id = fact_id


class DuplicateFact(StoreError):
    def __init__(self, fact_id: str) -> None:
        super().__init__(f"A fact with id {fact_id!r} already exists; use another id or change its fields.")
        self.fact_id = fact_id


class InvalidField(StoreError):
    """A dotted field path that does not name a field of a fact."""


class ValidationFailed(StoreError):
    """The change would make the fact or the fact base invalid. ``errors`` lists each problem."""

    def __init__(self, errors: list[Any], subject: str = "The change") -> None:
        self.errors = [str(error) for error in errors]
        super().__init__(f"{subject} is invalid: " + "; ".join(self.errors))


class NoChange(StoreError):
    """The requested change would leave the fact exactly as it is."""


class NothingToUndo(StoreError):
    def __init__(self, actor: str) -> None:
        super().__init__(f"Nothing to undo: {actor} has no change left that can be undone.")


class UndoConflict(StoreError):
    """The fact was changed by someone else after the change to undo; undoing would discard their edit."""


class UnknownVersion(StoreError):
    pass


class UnknownReference(StoreError):
    def __init__(self, kind: str, item_id: str) -> None:
        if kind not in REFERENCE_TABLES:
            message = f"{kind!r} is not a kind of reference data; kinds are: {', '.join(REFERENCE_TABLES)}."
        else:
            message = f"There is no {kind} with id {item_id!r} in the history."
        super().__init__(message)
        self.kind, self.item_id = kind, item_id


# --- value objects ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FactVersion:
    """One row of a fact's history."""

    fact_id: str
    version: int
    actor: str
    created_at: str  # ISO 8601, UTC
    action: str  # one of ACTIONS
    changed_fields: list[str]
    fact: Fact
    deleted: bool

    def __str__(self) -> str:
        return _version_line(self)


@dataclasses.dataclass(frozen=True)
class ReferenceVersion:
    """One row of a source's, country's or candidate's history."""

    kind: str  # a key of REFERENCE_TABLES
    item_id: str
    version: int
    actor: str
    created_at: str  # ISO 8601, UTC
    action: str  # one of ACTIONS
    changed_fields: list[str]
    data: dict[str, Any]  # the full item at this version (its last content when deleted)
    deleted: bool

    def __str__(self) -> str:
        return _version_line(self)


# the columns _version_from_row unpacks, in its order
_FACT_VERSION_SELECT = (
    "SELECT fact_id, version, actor, created_at, action, changed_fields, data, deleted FROM fact_versions"
)


def _version_line(version: FactVersion | ReferenceVersion) -> str:
    """A history row as one line: "v3 2024-03-18T10:00:00+00:00 update by 42: answer.en"."""
    fields = ", ".join(version.changed_fields) if version.changed_fields else "-"
    return f"v{version.version} {version.created_at} {version.action} by {version.actor}: {fields}"


@dataclasses.dataclass(frozen=True)
class LoadConflict:
    fact_id: str
    reason: str

    def __str__(self) -> str:
        return f"conflict: {self.fact_id}: {self.reason}"


@dataclasses.dataclass
class LoadReport:
    """What a load did (or, with ``dry_run``, would do). ``str()`` gives a summary line plus one line per issue."""

    added: list[str] = dataclasses.field(default_factory=list)
    updated: list[str] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)
    conflicts: list[LoadConflict] = dataclasses.field(default_factory=list)
    overwritten: list[str] = dataclasses.field(default_factory=list)  # conflicts resolved by overwrite=True
    missing: list[str] = dataclasses.field(default_factory=list)  # loaded from YAML before, gone now, kept
    deleted: list[str] = dataclasses.field(default_factory=list)  # gone from YAML, soft-deleted (overwrite=True)
    reference_changes: list[str] = dataclasses.field(default_factory=list)  # "sources", "countries", ...
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.overwritten or self.deleted or self.reference_changes)

    def summary(self) -> str:
        parts = [
            f"{len(self.added)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} unchanged",
            f"{len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}",
        ]
        if self.overwritten:
            parts.append(f"{len(self.overwritten)} overwritten")
        if self.deleted:
            parts.append(f"{len(self.deleted)} deleted")
        if self.missing:
            parts.append(f"{len(self.missing)} missing from YAML (kept)")
        if self.reference_changes:
            parts.append("updated " + ", ".join(self.reference_changes))
        verb = "Would load" if self.dry_run else "Loaded"
        return f"{verb}: " + ", ".join(parts) + "."

    def __str__(self) -> str:
        lines = [self.summary()]
        lines += [str(conflict) for conflict in self.conflicts]
        lines += [f"missing from YAML, kept (use --overwrite to delete): {fact_id}" for fact_id in self.missing]
        lines += [f"deleted (gone from YAML): {fact_id}" for fact_id in self.deleted]
        return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class UnansweredGroup:
    """Questions the bot could not answer, grouped by normalised text."""

    key: str  # short stable id of the group, fits in Telegram callback data
    text: str  # the most recent phrasing
    normalized: str
    count: int
    askers: int  # distinct askers (counted by salted hash)
    last_asked: str
    languages: list[str]
    rules: list[str] = dataclasses.field(default_factory=list)  # the engine rules that decided these replies


@dataclasses.dataclass(frozen=True)
class DayStats:
    day: str
    asked: int
    answered: int


@dataclasses.dataclass(frozen=True)
class Stats:
    total: int
    answered: int
    askers: int
    per_day: list[DayStats]
    top_topics: list[tuple[str, int]]
    languages: list[tuple[str, int]]
    rules: list[tuple[str, int]] = dataclasses.field(default_factory=list)  # top engine rules that decided

    @property
    def share_answered(self) -> float:
        return self.answered / self.total if self.total else 0.0


# --- helpers ----------------------------------------------------------------------------------


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _fact_data(fact: Fact) -> dict[str, Any]:
    return fact.model_dump(mode="json")


def changed_paths(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted paths where ``new`` differs from ``old`` ("answer.en", "figures.0.value")."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        paths: list[str] = []
        for key in [*old, *(key for key in new if key not in old)]:
            paths += changed_paths(old.get(key), new.get(key), f"{prefix}{key}.")
        return paths
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        paths = []
        for index, (old_item, new_item) in enumerate(zip(old, new, strict=True)):
            if isinstance(old_item, dict | list):
                paths += changed_paths(old_item, new_item, f"{prefix}{index}.")
            elif old_item != new_item:
                paths.append(f"{prefix}{index}")
        return paths
    return [prefix.rstrip(".")]


def normalize_question(text: str) -> str:
    """Group key for logged questions: case, ё/е, punctuation and spacing do not matter."""
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _pydantic_messages(error: ValidationError, prefix: str = "") -> list[str]:
    messages = []
    for item in error.errors():
        where = ".".join(str(part) for part in item["loc"])
        message = item["msg"].removeprefix("Value error, ")
        messages.append(f"{prefix}{where}: {message}" if where else f"{prefix}{message}")
    return messages


def _check_knowledge(kb: KnowledgeBase) -> list[KnowledgeError]:
    """Cross-item rules (unknown source/country, duplicate ids, near-duplicate questions), as for the files."""
    return check_knowledge(kb)


# --- the store --------------------------------------------------------------------------------


class FactStore:
    """The fact base in SQLite, with full history. Safe to share between threads of one process."""

    def __init__(self, path: Path | str, *, asker_salt: str | None = None) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._cache: tuple[int, KnowledgeBase] | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(
                f"Cannot create the database folder {self.path.parent}: {error.strerror or error}. "
                "Set DATABASE_PATH to a writable location."
            ) from error
        try:
            # isolation_level=None: no implicit transactions; every write below opens its own explicitly.
            conn = sqlite3.connect(
                str(self.path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
            )
            self.db = Database(conn)
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            self.db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
            with contextlib.suppress(sqlite3.OperationalError):  # a read-only database still answers
                self.db.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL never corrupts and survives a killed process; only a power cut can drop the
            # last commits. It makes each logged question ~4x cheaper (0.14 ms instead of 0.54 ms).
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._salt = asker_salt or self._asker_salt()
        except sqlite3.Error as error:
            raise self._unavailable(error) from error

    def _unavailable(self, error: sqlite3.Error) -> StoreUnavailable:
        return StoreUnavailable(
            f"Cannot use the database {self.path}: {error}. Check that the file and its folder are writable."
        )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> FactStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------

    def _schema_version(self) -> int:
        if not self.db["meta"].exists():
            return 0
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def _migrate(self) -> None:
        version = self._schema_version()
        if version > SCHEMA_VERSION:
            raise StoreUnavailable(
                f"The database {self.path} has schema version {version}, newer than this program's {SCHEMA_VERSION}."
            )
        if version == SCHEMA_VERSION:
            return
        with self._write():
            for step in range(version + 1, SCHEMA_VERSION + 1):
                _MIGRATIONS[step](self.db)
            self.db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")

    @contextlib.contextmanager
    def _write(self) -> Iterator[None]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock before anything is read, so two
        processes editing the same fact cannot both read the old row and lose one update."""
        with self._lock:
            if self.db.conn.in_transaction:  # nested: the outer transaction decides
                yield
                return
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as error:
                raise self._unavailable(error) from error
            try:
                yield
                self.db.execute("COMMIT")
            except BaseException as error:
                if self.db.conn.in_transaction:
                    self.db.execute("ROLLBACK")
                if isinstance(error, sqlite3.Error):
                    raise self._unavailable(error) from error
                raise
            finally:
                self._cache = None

    def _asker_salt(self) -> str:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'asker_salt'").fetchone()
        if row:
            return row[0]
        salt = secrets.token_hex(16)
        with contextlib.suppress(StoreUnavailable), self._write():
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('asker_salt', ?)", [salt])
        row = self.db.execute("SELECT value FROM meta WHERE key = 'asker_salt'").fetchone()
        return row[0] if row else salt

    # -- reading the fact base ------------------------------------------------------------------

    def knowledge(self) -> KnowledgeBase:
        """The live fact base (deleted facts left out). Cached until the database changes."""
        with self._lock:
            data_version = self.db.execute("PRAGMA data_version").fetchone()[0]  # changes on others' commits
            if self._cache is not None and self._cache[0] == data_version:
                return self._cache[1]
            kb = KnowledgeBase(
                sources=[Source.model_validate(data) for data in self._reference_rows("sources")],
                countries=[Country.model_validate(data) for data in self._reference_rows("countries")],
                candidates=[Candidate.model_validate(data) for data in self._reference_rows("candidates")],
                facts=[
                    Fact.model_validate_json(row[0])
                    for row in self.db.execute("SELECT data FROM facts WHERE deleted = 0 ORDER BY position, id")
                ],
            )
            self._cache = (data_version, kb)
            return kb

    def _reference_rows(self, table: str) -> list[dict[str, Any]]:
        return [json.loads(row[0]) for row in self.db.execute(f"SELECT data FROM {table} ORDER BY position")]

    def get_fact(self, fact_id: str) -> Fact | None:
        """The live fact, or None if it does not exist or is deleted."""
        row = self.db.execute("SELECT data FROM facts WHERE id = ? AND deleted = 0", [fact_id]).fetchone()
        return Fact.model_validate_json(row[0]) if row else None

    def fact_ids(self, *, include_deleted: bool = False) -> list[str]:
        sql = "SELECT id FROM facts" + ("" if include_deleted else " WHERE deleted = 0") + " ORDER BY position, id"
        return [row[0] for row in self.db.execute(sql)]

    def current_version(self, fact_id: str) -> FactVersion:
        """The version the fact is at now (also for a deleted fact)."""
        row = self._live_row(fact_id)
        if row is None:
            raise UnknownFact(fact_id)
        return self._version(fact_id, row["version"])

    def history(self, fact_id: str) -> list[FactVersion]:
        """Every version of a fact, oldest first."""
        rows = self.db.execute(
            _FACT_VERSION_SELECT + " WHERE fact_id = ? ORDER BY version",
            [fact_id],
        ).fetchall()
        if not rows:
            raise UnknownFact(fact_id)
        return [self._version_from_row(row) for row in rows]

    def _version(self, fact_id: str, version: int) -> FactVersion:
        row = self.db.execute(
            _FACT_VERSION_SELECT + " WHERE fact_id = ? AND version = ?",
            [fact_id, version],
        ).fetchone()
        if row is None:
            raise UnknownVersion(f"Fact {fact_id!r} has no version {version}.")
        return self._version_from_row(row)

    @staticmethod
    def _version_from_row(row: tuple[Any, ...]) -> FactVersion:
        """A FactVersion from a row selected with ``_FACT_VERSION_SELECT`` (its columns, in its order)."""
        fact_id, version, actor, created_at, action, changed, data, deleted = row
        return FactVersion(
            fact_id=fact_id,
            version=version,
            actor=actor,
            created_at=created_at,
            action=action,
            changed_fields=json.loads(changed),
            fact=Fact.model_validate_json(data),
            deleted=bool(deleted),
        )

    def _live_row(self, fact_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(
            "SELECT id, data, deleted, version, yaml_json, position FROM facts WHERE id = ?", [fact_id]
        )
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row, strict=True))

    # -- reference data (sources, countries, candidates) ------------------------------------------

    def reference_history(self, kind: str, item_id: str) -> list[ReferenceVersion]:
        """Every version of a source, country or candidate (``kind`` is "source", "country" or "candidate")."""
        if kind not in REFERENCE_TABLES:
            raise UnknownReference(kind, item_id)
        rows = self.db.execute(
            "SELECT kind, item_id, version, actor, created_at, action, changed_fields, data, deleted"
            " FROM reference_versions WHERE kind = ? AND item_id = ? ORDER BY version",
            [kind, item_id],
        ).fetchall()
        if not rows:
            raise UnknownReference(kind, item_id)
        return [
            ReferenceVersion(
                kind=kind,
                item_id=item_id,
                version=version,
                actor=actor,
                created_at=created_at,
                action=action,
                changed_fields=json.loads(changed),
                data=json.loads(data),
                deleted=bool(deleted),
            )
            for kind, item_id, version, actor, created_at, action, changed, data, deleted in rows
        ]

    def _reference_live(self, kind: str, item_id: str) -> tuple[dict[str, Any], int] | None:
        row = self.db.execute(f"SELECT data, position FROM {REFERENCE_TABLES[kind]} WHERE id = ?", [item_id]).fetchone()
        return (json.loads(row[0]), row[1]) if row else None

    def _reference_version_row(self, kind: str, item_id: str, version: int | None = None) -> tuple[Any, ...] | None:
        """(version, data, deleted, actor) of the given or the latest version, None if the item has no history."""
        sql = "SELECT version, data, deleted, actor FROM reference_versions WHERE kind = ? AND item_id = ?"
        params: list[Any] = [kind, item_id]
        if version is not None:
            sql += " AND version = ?"
            params.append(version)
        return self.db.execute(sql + " ORDER BY version DESC LIMIT 1", params).fetchone()

    def _put_reference(self, kind: str, data: dict[str, Any], position: int | None) -> None:
        """Write the live row (and a country's aliases); caller holds the transaction and records the version."""
        table = REFERENCE_TABLES[kind]
        if position is None:
            position = (self.db.execute(f"SELECT MAX(position) FROM {table}").fetchone()[0] or 0) + 1
        row: dict[str, Any] = {"id": data["id"], "position": position, "data": _canonical(data)}
        if kind == "country":
            row["iso"] = data["iso"]
            self.db.execute("DELETE FROM country_aliases WHERE country_id = ?", [data["id"]])
        self.db[table].upsert(row, pk="id")
        if kind == "country":
            self.db["country_aliases"].insert_all(
                {"country_id": data["id"], "language": language, "alias": alias}
                for language in LANGUAGES
                for alias in [data["name"][language], *data["aliases"][language]]
            )
        self._cache = None  # our own writes do not change PRAGMA data_version

    def _drop_reference(self, kind: str, item_id: str) -> None:
        if kind == "country":
            self.db.execute("DELETE FROM country_aliases WHERE country_id = ?", [item_id])
        self.db.execute(f"DELETE FROM {REFERENCE_TABLES[kind]} WHERE id = ?", [item_id])
        self._cache = None

    def _record_reference(
        self, kind: str, item_id: str, data: dict[str, Any] | None, *, actor: str, action: str
    ) -> list[Any]:
        """Make ``data`` live (None: delete the item) and append its version row, in the caller's transaction.

        Returns ``[kind, item_id, version, previous_version]``, what the undo log keeps to revert it.
        """
        live = self._reference_live(kind, item_id)
        latest = self._reference_version_row(kind, item_id)
        old = live[0] if live else None
        if data is None:
            if live is None:
                raise UnknownReference(kind, item_id)
            self._drop_reference(kind, item_id)
            stored, changed = live[0], ["deleted"]
        else:
            self._put_reference(kind, data, live[1] if live else None)
            stored = data
            changed = changed_paths(old, data) if old is not None else sorted(key for key in data if data[key])
            if old is None and latest is not None:
                changed.append("deleted")  # it existed before and comes back
        version = (latest[0] if latest else 0) + 1
        self.db["reference_versions"].insert(
            {
                "kind": kind,
                "item_id": item_id,
                "version": version,
                "actor": actor,
                "created_at": _now(),
                "action": action,
                "changed_fields": json.dumps(changed, ensure_ascii=False),
                "data": _canonical(stored),
                "deleted": int(data is None),
            }
        )
        return [kind, item_id, version, latest[0] if latest else None]

    def _cited_by(self, kind: str, item_id: str) -> list[str]:
        """Live facts that refer to a source, country or candidate."""
        facts = self._knowledge_uncached().facts
        if kind == "source":
            return [fact.id for fact in facts if fact.source == item_id]
        if kind == "country":
            return [fact.id for fact in facts if fact.country == item_id]
        return [
            fact.id
            for fact in facts
            if fact.candidate == item_id or any(figure.candidate == item_id for figure in fact.figures)
        ]

    def _revert_references(self, references: list[list[Any]], actor: str) -> tuple[list[list[Any]], list[str]]:
        """Bring each reference item back to its version before ``references`` (newest change first).

        An item the change created is removed, unless a live fact still refers to it (then it is kept and
        said so). Returns the new versions written and a note per item for the undo message.
        """
        made: list[list[Any]] = []
        notes: list[str] = []
        for kind, item_id, _version, previous_version in reversed(references):
            previous = (
                self._reference_version_row(kind, item_id, previous_version) if previous_version is not None else None
            )
            if previous is None or previous[2]:  # created by the change (or restored from deleted): remove again
                if self._reference_live(kind, item_id) is None:
                    continue
                if users := self._cited_by(kind, item_id):
                    notes.append(f"kept {kind} {item_id}: cited by {', '.join(users)}")
                    continue
                made.append(self._record_reference(kind, item_id, None, actor=actor, action="undo"))
                notes.append(f"removed {kind} {item_id}")
            else:
                made.append(self._record_reference(kind, item_id, json.loads(previous[1]), actor=actor, action="undo"))
                notes.append(f"restored {kind} {item_id}")
        return made, notes

    def _check_references_unchanged(self, references: list[list[Any]], description: str) -> None:
        """Undo only what is still as the change left it; someone else's later edit is never discarded."""
        for kind, item_id, version, _previous in references:
            latest = self._reference_version_row(kind, item_id)
            if latest is not None and latest[0] != version:
                raise UndoConflict(
                    f"Cannot undo '{description}': {kind} {item_id} was changed again by {latest[3]} since. "
                    f"See /history {kind}:{item_id}."
                )

    # -- writing one fact -------------------------------------------------------------------------

    def _record(
        self,
        fact_id: str,
        data: dict[str, Any],
        *,
        deleted: bool,
        actor: str,
        action: str,
        changed: list[str],
        description: str,
        yaml_base: object = ...,  # dict, None (not from YAML), or ... (keep)
        position: int | None = None,
        references: list[list[Any]] | None = None,  # reference versions made in the same change (undone with it)
    ) -> int:
        """Write the live row and its new version row (caller holds the transaction). Returns the version."""
        live = self._live_row(fact_id)
        version = (live["version"] if live else 0) + 1
        now = _now()
        if position is None:
            position = live["position"] if live else self._next_position()
        if yaml_base is ...:
            yaml_json = live["yaml_json"] if live else None
        else:
            yaml_json = None if yaml_base is None else _canonical(yaml_base)
        self.db["facts"].upsert(
            {
                "id": fact_id,
                "position": position,
                "country": data.get("country"),
                "topic": data.get("topic"),
                "data": _canonical(data),
                "deleted": int(deleted),
                "version": version,
                "yaml_json": yaml_json,
                "updated_at": now,
                "updated_by": actor,
            },
            pk="id",
        )
        self.db["fact_versions"].insert(
            {
                "fact_id": fact_id,
                "version": version,
                "actor": actor,
                "created_at": now,
                "action": action,
                "changed_fields": json.dumps(changed, ensure_ascii=False),
                "data": _canonical(data),
                "deleted": int(deleted),
            }
        )
        self.db["changes"].insert(
            {
                "actor": actor,
                "created_at": now,
                "fact_id": fact_id,
                "version": version,
                "previous_version": live["version"] if live else None,
                "action": action,
                "description": description,
                "undone": 0,
                "reference_changes": json.dumps(references) if references else None,
            }
        )
        return version

    def _next_position(self) -> int:
        return (self.db.execute("SELECT MAX(position) FROM facts").fetchone()[0] or 0) + 1

    def _validate(
        self,
        data: dict[str, Any],
        *,
        replacing: str | None = None,
        subject: str = "The change",
        tolerate: Collection[str] = (),
    ) -> Fact:
        """Check a fact on its own and against the live fact base; only problems the change introduces count.

        ``tolerate``: error codes (``KnowledgeError.code``) accepted as warnings, e.g. missing example questions
        in an admin's addition.
        """
        try:
            fact = Fact.model_validate(data)
        except ValidationError as error:
            raise ValidationFailed(_pydantic_messages(error), subject) from error
        before = self.knowledge()
        after = before.model_copy(
            update={"facts": [*(item for item in before.facts if item.id not in {fact.id, replacing}), fact]}
        )
        known = {str(error) for error in _check_knowledge(before)}
        new_errors = [
            error for error in _check_knowledge(after) if str(error) not in known and error.code not in tolerate
        ]
        if new_errors:
            raise ValidationFailed(new_errors, subject)
        return fact

    # -- admin primitives -----------------------------------------------------------------------

    def add_fact(
        self,
        fact: Fact | dict[str, Any],
        actor: str | int,
        *,
        new_source: Source | None = None,
        tolerate: Collection[str] = (),
    ) -> int:
        """Add a new fact (or re-add over a deleted one). Returns its new version number.

        ``new_source``: a source the fact cites, added in the same transaction (an admin cited a URL).
        ``tolerate``: error codes accepted as warnings (see ``_validate``).
        """
        actor = str(actor)
        data = _fact_data(fact) if isinstance(fact, Fact) else dict(fact)
        fact_id = str(data.get("id", ""))
        with self._write():
            live = self._live_row(fact_id) if fact_id else None
            if live is not None and not live["deleted"]:
                raise DuplicateFact(fact_id)
            references = [self._add_source(new_source, actor)] if new_source is not None else None
            checked = self._validate(data, subject=f"Fact {fact_id or '(without id)'}", tolerate=tolerate)
            data = _fact_data(checked)
            fields = [key for key, value in data.items() if value not in (None, [], {"en": [], "ru": []})]
            return self._record(
                fact_id,
                data,
                deleted=False,
                actor=actor,
                action="add",
                changed=fields,
                description=f"add {fact_id}",
                references=references,
            )

    def _add_source(self, source: Source, actor: str) -> list[Any]:
        if self._reference_live("source", source.id) is not None:
            raise ValidationFailed([f"a source with id {source.id!r} already exists"], f"Source {source.id}")
        return self._record_reference("source", source.id, source.model_dump(mode="json"), actor=actor, action="add")

    def set_field(self, fact_id: str, path: str, value: Any, actor: str | int) -> tuple[Any, Any]:
        """Change one field by dotted path (``answer.en``, ``figures.0.value``, ``figures.voters``).

        A text ``value`` is read as YAML (``12.5``, ``null``, ``[a, b]``), except that a text field keeps
        the text as typed. Returns (old value, new value).
        """
        actor = str(actor)
        with self._write():
            live = self._live_row(fact_id)
            if live is None or live["deleted"]:
                raise UnknownFact(fact_id)
            old_data = json.loads(live["data"])
            new_data, old_value, new_value = _apply_path(old_data, path, value)
            if new_data == old_data:
                raise NoChange(f"{fact_id} {path} already has that value.")
            checked = _fact_data(self._validate(new_data, replacing=fact_id, subject=f"{fact_id} {path}"))
            new_value = _apply_path(checked, path, new_value)[1]  # as stored: 12000 reads back as 12000.0
            self._record(
                fact_id,
                checked,
                deleted=False,
                actor=actor,
                action="update",
                changed=changed_paths(old_data, checked),
                description=f"set {fact_id} {path}",
            )
            return old_value, new_value

    def delete_fact(self, fact_id: str, actor: str | int) -> int:
        """Remove a fact from answers; it stays in history and can be undone or restored."""
        actor = str(actor)
        with self._write():
            live = self._live_row(fact_id)
            if live is None or live["deleted"]:
                raise UnknownFact(fact_id)
            return self._record(
                fact_id,
                json.loads(live["data"]),
                deleted=True,
                actor=actor,
                action="delete",
                changed=["deleted"],
                description=f"delete {fact_id}",
            )

    def restore_version(self, fact_id: str, version: int, actor: str | int) -> int:
        """Make an earlier version's content live again (undeleting the fact). Returns the new version."""
        actor = str(actor)
        with self._write():
            live = self._live_row(fact_id)
            if live is None:
                raise UnknownFact(fact_id)
            target = self._version(fact_id, version)
            data = _fact_data(target.fact)
            old_data = json.loads(live["data"])
            if data == old_data and not live["deleted"]:
                raise NoChange(f"{fact_id} is already the same as version {version}.")
            self._validate(data, replacing=fact_id, subject=f"Version {version} of {fact_id}")
            changed = changed_paths(old_data, data) + (["deleted"] if live["deleted"] else [])
            return self._record(
                fact_id,
                data,
                deleted=False,
                actor=actor,
                action="restore",
                changed=changed,
                description=f"restore {fact_id} to version {version}",
            )

    def undo(self, actor: str | int) -> str:
        """Revert ``actor``'s most recent change that is not undone yet; repeatable. Returns what was undone."""
        actor = str(actor)
        with self._write():
            change = self.db.execute(
                "SELECT id, fact_id, version, previous_version, description, reference_changes FROM changes"
                " WHERE actor = ? AND action != 'undo' AND undone = 0 ORDER BY id DESC LIMIT 1",
                [actor],
            ).fetchone()
            if change is None:
                raise NothingToUndo(actor)
            change_id, fact_id, version, previous_version, description, references_json = change
            references = json.loads(references_json) if references_json else []
            self._check_references_unchanged(references, description)
            if fact_id is None:  # a load's or import's changes to sources, countries, candidates
                return self._undo_references(change_id, references, actor, description)
            live = self._live_row(fact_id)
            assert live is not None  # a change always has its fact row
            made = self._version(fact_id, version)
            if json.loads(live["data"]) != _fact_data(made.fact) or bool(live["deleted"]) != made.deleted:
                raise UndoConflict(
                    f"Cannot undo '{description}': {fact_id} was changed again by {_live_actor(self, fact_id)} "
                    "since. See its history and restore a version instead."
                )
            if previous_version is None:  # undoing an add: the fact leaves answers, its content stays
                data, deleted = _fact_data(made.fact), True
            else:
                previous = self._version(fact_id, previous_version)
                data, deleted = _fact_data(previous.fact), previous.deleted
                if not deleted:
                    self._validate(data, replacing=fact_id, subject=f"Undoing '{description}'")
            changed = changed_paths(_fact_data(made.fact), data) + (["deleted"] if deleted != made.deleted else [])
            self.db.execute("UPDATE facts SET deleted = ? WHERE id = ?", [int(deleted), fact_id])  # for _cited_by
            self._cache = None
            reverted, notes = self._revert_references(references, actor)
            new_version = self._record(
                fact_id,
                data,
                deleted=deleted,
                actor=actor,
                action="undo",
                changed=changed,
                description=f"undo {description}",
                references=reverted,
            )
            self.db.execute("UPDATE changes SET undone = 1 WHERE id = ?", [change_id])
            also = "".join(f"; {note}" for note in notes)
            return f"Undid '{description}' (now version {new_version} of {fact_id}{also})."

    def _undo_references(self, change_id: int, references: list[list[Any]], actor: str, description: str) -> str:
        known = {str(error) for error in _check_knowledge(self._knowledge_uncached())}
        reverted, notes = self._revert_references(references, actor)
        errors = [error for error in _check_knowledge(self._knowledge_uncached()) if str(error) not in known]
        if errors:
            raise UndoConflict(
                f"Cannot undo '{description}': live facts rely on it ({'; '.join(map(str, errors[:3]))}). "
                "Change or delete those facts first."
            )
        self.db["changes"].insert(
            {
                "actor": actor,
                "created_at": _now(),
                "fact_id": None,
                "version": None,
                "previous_version": None,
                "action": "undo",
                "description": f"undo {description}",
                "undone": 0,
                "reference_changes": json.dumps(reverted) if reverted else None,
            }
        )
        self.db.execute("UPDATE changes SET undone = 1 WHERE id = ?", [change_id])
        return f"Undid '{description}' ({'; '.join(notes) or 'nothing left to revert'})."

    # -- loading YAML ---------------------------------------------------------------------------

    def load_knowledge(
        self,
        kb: KnowledgeBase,
        actor: str | int = YAML_ACTOR,
        *,
        overwrite: bool = False,
        partial: bool = False,
        dry_run: bool = False,
        abroad: AbroadData | None = None,
    ) -> LoadReport:
        """Merge a fact base (from YAML) into the store in one transaction; see the module docstring.

        ``partial``: ``kb`` is only part of the fact base (an /import of one file): sources, countries and
        candidates are upserted instead of replaced, and facts absent from ``kb`` are left alone.
        ``dry_run``: compute the report, change nothing.
        ``abroad``: the official data ``kb``'s data facts were built from (``LoadResult.abroad``); the tables
        ``stations``, ``country_results`` and ``abroad_totals`` are made to hold exactly it, in the same transaction.
        The data facts themselves are in ``kb`` and merge like any fact (an admin's edit is a conflict).
        """
        actor = str(actor)
        report = LoadReport(dry_run=dry_run)
        with contextlib.suppress(_DryRun), self._write():
            # Problems already in the live base (warnings an admin accepted) must not block every later load.
            known = {str(error) for error in _check_knowledge(self._knowledge_uncached())}
            references = self._replace_references(kb, report, partial=partial, actor=actor)
            if references:  # logged before the facts, so undo reverts the facts first, then what they cite
                self._log_reference_change(references, actor, "import" if partial else "load")
            yaml_ids = set()
            for position, fact in enumerate(kb.facts, start=1):
                yaml_ids.add(fact.id)
                self._load_fact(fact, position, actor, overwrite, report)
            if not partial:
                self._handle_missing(yaml_ids, actor, overwrite, report)
            errors = [error for error in _check_knowledge(self._knowledge_uncached()) if str(error) not in known]
            if errors:
                raise ValidationFailed(errors, "The loaded fact base")
            if abroad is not None and self._replace_abroad_tables(abroad):
                report.reference_changes.append("official data tables")
            if dry_run:
                raise _DryRun  # roll back: the report is all the caller wanted
        return report

    def _replace_abroad_tables(self, abroad: AbroadData) -> bool:
        """Make the official data tables hold ``abroad``; True if that changed them."""
        tables = _abroad_rows(abroad)
        current = {
            table: [dict(row) for row in self.db.query(f"SELECT * FROM {table} ORDER BY rowid")] for table in tables
        }
        if current == tables:
            return False
        for table, rows in tables.items():
            self.db.execute(f"DELETE FROM {table}")
            self.db[table].insert_all(rows)
        return True

    def _knowledge_uncached(self) -> KnowledgeBase:
        self._cache = None
        return self.knowledge()

    def _replace_references(
        self, kb: KnowledgeBase, report: LoadReport, *, partial: bool, actor: str
    ) -> list[list[Any]]:
        """Make the live sources, countries and candidates those of ``kb``, one version row per changed item."""
        made: list[list[Any]] = []
        for kind, items in (("source", kb.sources), ("country", kb.countries), ("candidate", kb.candidates)):
            table = REFERENCE_TABLES[kind]
            before = {item["id"]: item for item in self._reference_rows(table)}
            incoming = [item.model_dump(mode="json") for item in items]
            if partial:  # replaced items keep their place, new ones go last
                replacing = {item["id"]: item for item in incoming}
                incoming = [replacing.pop(item_id, item) for item_id, item in before.items()] + [*replacing.values()]
            after = {item["id"]: item for item in incoming}
            if after == before:
                continue  # same items; order alone is not a change
            report.reference_changes.append(table)
            for item_id in [item_id for item_id in before if item_id not in after]:
                made.append(self._record_reference(kind, item_id, None, actor=actor, action="delete"))
            for data in incoming:
                old = before.get(data["id"])
                if old != data:
                    action = "add" if old is None else "update"
                    made.append(self._record_reference(kind, data["id"], data, actor=actor, action=action))
            for position, data in enumerate(incoming, start=1):
                self.db.execute(f"UPDATE {table} SET position = ? WHERE id = ?", [position, data["id"]])
        return made

    def _log_reference_change(self, references: list[list[Any]], actor: str, verb: str) -> None:
        items = [f"{kind} {item_id}" for kind, item_id, _version, _previous in references]
        shown = ", ".join(items[:5]) + (f" and {len(items) - 5} more" if len(items) > 5 else "")
        self.db["changes"].insert(
            {
                "actor": actor,
                "created_at": _now(),
                "fact_id": None,
                "version": None,
                "previous_version": None,
                "action": "update",
                "description": f"{verb} {shown}",
                "undone": 0,
                "reference_changes": json.dumps(references),
            }
        )

    def _load_fact(self, fact: Fact, position: int, actor: str, overwrite: bool, report: LoadReport) -> None:
        incoming = _fact_data(fact)
        live = self._live_row(fact.id)
        if live is None:
            self._record(
                fact.id,
                incoming,
                deleted=False,
                actor=actor,
                action="add",
                changed=sorted(incoming),
                description=f"load {fact.id}",
                yaml_base=incoming,
                position=position,
            )
            report.added.append(fact.id)
            return
        current = json.loads(live["data"])
        base = json.loads(live["yaml_json"]) if live["yaml_json"] else None
        deleted = bool(live["deleted"])
        if deleted and base is None and _live_actor(self, fact.id) == actor:  # an earlier load deleted it: it is back
            self._record(
                fact.id,
                incoming,
                deleted=False,
                actor=actor,
                action="restore",
                changed=[*changed_paths(current, incoming), "deleted"],
                description=f"load {fact.id}",
                yaml_base=incoming,
                position=position,
            )
            report.updated.append(fact.id)
            return
        admin_edited = deleted or current != base  # base is None for a fact an admin added
        if live["position"] != position:  # order is not content: no version for a move
            self.db.execute("UPDATE facts SET position = ? WHERE id = ?", [position, fact.id])
        if incoming == (base if admin_edited else current):  # YAML did not change since the last load
            if base is None:
                self.db.execute("UPDATE facts SET yaml_json = ? WHERE id = ?", [_canonical(incoming), fact.id])
            report.unchanged.append(fact.id)
            return
        if admin_edited and incoming == current and not deleted:  # YAML caught up with the admin's edit
            self.db.execute("UPDATE facts SET yaml_json = ? WHERE id = ?", [_canonical(incoming), fact.id])
            report.unchanged.append(fact.id)
            return
        changed = changed_paths(current, incoming) + (["deleted"] if deleted else [])
        if admin_edited and not overwrite:
            who = _live_actor(self, fact.id)
            state = "deleted" if deleted else "edited"
            report.conflicts.append(
                LoadConflict(
                    fact.id,
                    f"{state} by {who} since the last load and changed in YAML ({', '.join(changed)}); "
                    "kept the live version (use --overwrite to replace it)",
                )
            )
            return
        self._record(
            fact.id,
            incoming,
            deleted=False,
            actor=actor,
            action="restore" if deleted else "update",
            changed=changed,
            description=f"load {fact.id}",
            yaml_base=incoming,
        )
        (report.overwritten if admin_edited else report.updated).append(fact.id)

    def _handle_missing(self, yaml_ids: set[str], actor: str, overwrite: bool, report: LoadReport) -> None:
        rows = self.db.execute(
            "SELECT id, data FROM facts WHERE deleted = 0 AND yaml_json IS NOT NULL ORDER BY position, id"
        ).fetchall()
        for fact_id, data in rows:
            if fact_id in yaml_ids:
                continue
            if not overwrite:
                report.missing.append(fact_id)
                continue
            self._record(
                fact_id,
                json.loads(data),
                deleted=True,
                actor=actor,
                action="delete",
                changed=["deleted"],
                description=f"load: {fact_id} is gone from YAML",
                yaml_base=None,  # from now on it is no longer a YAML fact
            )
            report.deleted.append(fact_id)

    def ensure_loaded(self, knowledge_dir: Path | str) -> LoadReport | None:
        """Bring the database up to date with the YAML folder at start-up.

        A fresh machine gets the database built from YAML (invalid YAML is then an error: there is nothing
        to answer from). Later starts merge YAML changes with the usual rules — admin edits are kept and
        reported as conflicts — and if the YAML is invalid they keep the last good data and log why.
        Returns the load report, or None when YAML was invalid and the database was kept.
        """
        fresh = not self.db.execute("SELECT 1 FROM facts LIMIT 1").fetchone()
        result = load_folder(Path(knowledge_dir))
        if result.errors:
            if fresh:
                raise ValidationFailed(result.errors, f"The fact base in {knowledge_dir}")
            logger.warning(
                "Kept the current database: %s has %d error(s), first: %s",
                knowledge_dir,
                len(result.errors),
                result.errors[0],
            )
            return None
        report = self.load_knowledge(result.knowledge, abroad=result.abroad)
        if fresh:
            logger.info("Built the database from %s: %s", knowledge_dir, report.summary())
        elif report.changed or report.conflicts:
            logger.info("Merged %s into the database: %s", knowledge_dir, report.summary())
        for conflict in report.conflicts:
            logger.warning("Kept an admin's edit over YAML: %s", conflict)
        return report

    def export(self, out_dir: Path | str) -> list[Path]:
        """Write the live fact base as YAML in the knowledge/ layout. Returns the files written."""
        return list(dump_folder(self.knowledge(), Path(out_dir)))

    # -- users ----------------------------------------------------------------------------------

    def get_user_language(self, user_id: int) -> str | None:
        row = self.db.execute("SELECT language FROM users WHERE user_id = ?", [user_id]).fetchone()
        return row[0] if row else None

    def set_user_language(self, user_id: int, language: str) -> None:
        if language not in LANGUAGES:
            raise StoreError(f"Unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}.")
        with self._write():
            self.db["users"].upsert({"user_id": user_id, "language": language, "updated_at": _now()}, pk="user_id")

    # -- question log ---------------------------------------------------------------------------

    def asker_hash(self, asker: int | str) -> str:
        """Salted hash that counts distinct askers without storing who they are."""
        return hashlib.sha256(f"{self._salt}:{asker}".encode()).hexdigest()[:16]

    def log_question(
        self,
        text: str,
        language: str | None,
        answered: bool,
        confidence: float | None = None,
        topic: str | None = None,
        fact_id: str | None = None,
        asker: int | str | None = None,
        *,
        rule: str | None = None,
        asked_at: datetime | None = None,
    ) -> None:
        """Record a question for /unanswered and /stats. The asker is stored only as a salted hash."""
        text = text[:MAX_LOGGED_QUESTION_CHARS]
        when = (asked_at or datetime.now(UTC)).astimezone(UTC)
        with self._write():
            self.db["question_log"].insert(
                {
                    "asked_at": when.isoformat(timespec="seconds"),
                    "day": when.date().isoformat(),
                    "text": text,
                    "normalized": normalize_question(text),
                    "language": language,
                    "answered": int(answered),
                    "confidence": confidence,
                    "topic": topic,
                    "fact_id": fact_id,
                    "asker_hash": self.asker_hash(asker) if asker is not None else None,
                    "dismissed": 0,
                    "rule": rule,
                }
            )

    def unanswered(self, limit: int = 20, *, below_confidence: float | None = None) -> list[UnansweredGroup]:
        """Unanswered (or, with ``below_confidence``, weakly answered) questions grouped, newest first."""
        condition = "answered = 0" if below_confidence is None else "(answered = 0 OR confidence < :below)"
        rows = self.db.execute(
            f"""
            SELECT normalized, COUNT(*), COUNT(DISTINCT asker_hash), MAX(asked_at), GROUP_CONCAT(DISTINCT language),
                   GROUP_CONCAT(DISTINCT rule),
                   (SELECT text FROM question_log AS latest WHERE latest.normalized = question_log.normalized
                    ORDER BY asked_at DESC, id DESC LIMIT 1)
            FROM question_log
            WHERE dismissed = 0 AND normalized != '' AND {condition}
            GROUP BY normalized ORDER BY MAX(asked_at) DESC, MAX(id) DESC LIMIT :limit
            """,
            {"below": below_confidence, "limit": limit},
        ).fetchall()
        return [
            UnansweredGroup(
                key=_group_key(normalized),
                text=text,
                normalized=normalized,
                count=count,
                askers=askers,
                last_asked=last,
                languages=sorted(filter(None, (languages or "").split(","))),
                rules=sorted(filter(None, (rules or "").split(","))),
            )
            for normalized, count, askers, last, languages, rules, text in rows
        ]

    def dismiss_unanswered(self, key_or_text: str) -> int:
        """Hide a group from /unanswered (by its key or its text). Returns how many questions it held."""
        wanted = normalize_question(key_or_text)
        with self._write():
            groups = [row[0] for row in self.db.execute("SELECT DISTINCT normalized FROM question_log")]
            matching = [group for group in groups if group == wanted or _group_key(group) == key_or_text]
            count = 0
            for group in matching:
                count += self.db.execute(
                    "UPDATE question_log SET dismissed = 1 WHERE normalized = ? AND dismissed = 0", [group]
                ).rowcount
            return count

    def stats(self, days: int | None = 30, *, top: int = 5) -> Stats:
        """Questions per day, share answered, top topics and languages over the last ``days`` days."""
        since = (datetime.now(UTC) - timedelta(days=days)).date().isoformat() if days else "0000"
        where = "WHERE day >= ?"
        total, answered, askers = self.db.execute(
            f"SELECT COUNT(*), COALESCE(SUM(answered), 0), COUNT(DISTINCT asker_hash) FROM question_log {where}",
            [since],
        ).fetchone()
        per_day = [
            DayStats(day, asked, answered_count)
            for day, asked, answered_count in self.db.execute(
                f"SELECT day, COUNT(*), SUM(answered) FROM question_log {where} GROUP BY day ORDER BY day", [since]
            )
        ]

        def counts(column: str) -> list[tuple[str, int]]:
            sql = (
                f"SELECT {column}, COUNT(*) AS n FROM question_log {where} AND {column} IS NOT NULL"
                f" GROUP BY {column} ORDER BY n DESC, {column} LIMIT ?"
            )
            return [(value, n) for value, n in self.db.execute(sql, [since, top])]

        return Stats(total, answered, askers, per_day, counts("topic"), counts("language"), counts("rule"))


class _DryRun(Exception):
    """Raised inside a load transaction to roll it back after the report is computed."""


def _live_actor(store: FactStore, fact_id: str) -> str:
    row = store.db.execute("SELECT updated_by FROM facts WHERE id = ?", [fact_id]).fetchone()
    return row[0] if row else "?"


def _group_key(normalized: str) -> str:
    return hashlib.sha256(normalized.encode()).hexdigest()[:12]


# --- dotted paths ------------------------------------------------------------------------------

_UNSET = object()


def _parse_value(text: str) -> Any:
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return _UNSET


def _apply_path(data: dict[str, Any], path: str, value: Any) -> tuple[dict[str, Any], Any, Any]:
    """Return a copy of ``data`` with ``path`` set to ``value``, plus the old and new value at that path."""
    parts = [part for part in path.strip().split(".")]
    if not path.strip() or any(not part for part in parts):
        raise InvalidField(f"{path!r} is not a field path; try answer.en, topic or figures.0.value.")
    if parts[0] == "id":
        raise InvalidField("The id cannot be changed; add a new fact and delete this one instead.")
    if parts[0] not in Fact.model_fields:
        raise InvalidField(f"Facts have no field {parts[0]!r}; fields are: {', '.join(Fact.model_fields)}.")
    new_data = json.loads(json.dumps(data))
    container: Any = new_data
    for depth, part in enumerate(parts[:-1]):
        container = _step(container, part, parts[: depth + 1])
    last = parts[-1]
    key: Any = last
    # "figures.voters": the figure whose metric is "voters"; a plain value sets its value.
    if isinstance(container, list) and not last.isdigit():
        container = _step(container, last, parts)
        key = "value"
    elif isinstance(container, list):
        key = int(last)
        if key > len(container):
            raise InvalidField(f"{path}: there are only {len(container)} items (use index {len(container)} to add).")
    elif not isinstance(container, dict) or (key not in container and container is not new_data):
        raise InvalidField(f"{path}: no such field.")
    old = container[key] if isinstance(container, dict) or key < len(container) else None
    new = _coerce(value, old, path)
    if isinstance(container, list) and key == len(container):
        container.append(new)
    else:
        container[key] = new
    return new_data, old, new


def _step(container: Any, part: str, so_far: list[str]) -> Any:
    where = ".".join(so_far)
    if isinstance(container, dict):
        if part not in container:
            raise InvalidField(f"{where}: no such field.")
        return container[part]
    if isinstance(container, list):
        if part.isdigit():
            if int(part) >= len(container):
                raise InvalidField(f"{where}: there are only {len(container)} items.")
            return container[int(part)]
        matches = [item for item in container if isinstance(item, dict) and item.get("metric") == part]
        if len(matches) != 1:
            raise InvalidField(
                f"{where}: {'no' if not matches else 'more than one'} figure with metric {part!r}; use its number."
            )
        return matches[0]
    raise InvalidField(f"{where}: not a field that has parts.")


def _coerce(value: Any, old: Any, path: str) -> Any:
    if not isinstance(value, str):
        return value
    parsed = _parse_value(value)
    if isinstance(old, str) or (old is None and path.rsplit(".", 1)[-1] in _TEXT_FIELDS):
        # A text field keeps what was typed ("Putin: 87%" is text, not a mapping); "null" clears it.
        return None if parsed is None and value.strip() in {"null", "~", ""} else value.strip()
    if parsed is _UNSET:
        raise ValidationFailed([f"{value!r} is not valid YAML"], path)
    if isinstance(old, list) and not isinstance(parsed, list) and path.split(".")[0] != "figures":
        return [value.strip()]  # one sentence / question for a list of texts
    return parsed


_TEXT_FIELDS = {"country", "candidate", "note", "en", "ru", "source"}


def _create_schema_v1(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key", if_not_exists=True)
    db["sources"].create({"id": str, "position": int, "data": str}, pk="id")
    db["countries"].create({"id": str, "position": int, "iso": str, "data": str}, pk="id")
    db["country_aliases"].create(
        {"country_id": str, "language": str, "alias": str}, foreign_keys=[("country_id", "countries", "id")]
    )
    db["country_aliases"].create_index(["alias"])
    db["candidates"].create({"id": str, "position": int, "data": str}, pk="id")
    db["facts"].create(
        {
            "id": str,
            "position": int,
            "country": str,
            "topic": str,
            "data": str,  # the live fact as JSON (bot.models.Fact)
            "deleted": int,
            "version": int,
            "yaml_json": str,  # the fact as last loaded from YAML; NULL if an admin added it
            "updated_at": str,
            "updated_by": str,
        },
        pk="id",
    )
    db["fact_versions"].create(
        {
            "fact_id": str,
            "version": int,
            "actor": str,
            "created_at": str,
            "action": str,
            "changed_fields": str,  # JSON list of dotted paths
            "data": str,  # the full fact at this version
            "deleted": int,
        },
        pk=("fact_id", "version"),
        foreign_keys=[("fact_id", "facts", "id")],
    )
    db["changes"].create(
        {
            "id": int,
            "actor": str,
            "created_at": str,
            "fact_id": str,
            "version": int,  # the version this change created
            "previous_version": int,  # NULL when the change created the fact
            "action": str,
            "description": str,
            "undone": int,
        },
        pk="id",
        foreign_keys=[("fact_id", "facts", "id")],
    )
    db["changes"].create_index(["actor", "id"])
    db["users"].create({"user_id": int, "language": str, "updated_at": str}, pk="user_id")
    db["question_log"].create(
        {
            "id": int,
            "asked_at": str,
            "day": str,
            "text": str,
            "normalized": str,
            "language": str,
            "answered": int,
            "confidence": float,
            "topic": str,
            "fact_id": str,
            "asker_hash": str,  # salted hash: counts distinct askers, identifies no one
            "dismissed": int,
        },
        pk="id",
    )
    db["question_log"].create_index(["normalized"])
    db["question_log"].create_index(["day"])


def _version_reference_data_v2(db: Database) -> None:
    """v1 -> v2: sources, countries and candidates get a history, and a change may carry reference changes.

    Rows that exist already get a baseline version 1, so their content before the next change is kept.
    """
    db["reference_versions"].create(
        {
            "kind": str,  # "source", "country" or "candidate"
            "item_id": str,
            "version": int,
            "actor": str,
            "created_at": str,
            "action": str,
            "changed_fields": str,  # JSON list of dotted paths
            "data": str,  # the full item at this version (its last content when deleted)
            "deleted": int,
        },
        pk=("kind", "item_id", "version"),
    )
    # JSON list of [kind, item_id, version, previous_version]; NULL fact_id: a change to reference data only.
    db["changes"].add_column("reference_changes", str)
    now = _now()
    for kind, table in REFERENCE_TABLES.items():
        db["reference_versions"].insert_all(
            {
                "kind": kind,
                "item_id": item_id,
                "version": 1,
                "actor": MIGRATION_ACTOR,
                "created_at": now,
                "action": "add",
                "changed_fields": json.dumps(sorted(json.loads(data)), ensure_ascii=False),
                "data": data,
                "deleted": 0,
            }
            for item_id, data in db.execute(f"SELECT id, data FROM {table} ORDER BY position").fetchall()
        )


def _question_rule_v3(db: Database) -> None:
    """v2 -> v3: the question log records the engine rule that decided each reply (for /stats, /unanswered)."""
    db["question_log"].add_column("rule", str)
    db["question_log"].create_index(["rule"])


# --- the official abroad data (bot.abroad) as flat tables, for Datasette and SQL ---------------------------------

# Columns shared by a station, a country and a total: the protocol lines, what follows from them, and shares of the
# ballots in the boxes (percent, 2 decimals, as in the facts).
_COUNT_COLUMNS: dict[str, type] = {
    "stations": int,
    "registered": int,  # voters on the lists (abroad: mostly those who came)
    "received": int,  # ballots the commission(s) received
    "early": int,  # ballots issued in early voting
    "inside": int,  # ballots issued in the polling room on the voting days
    "outside": int,  # ballots issued outside the room (mobile voting)
    "issued": int,  # early + inside + outside: the number who voted
    "portable": int,
    "stationary": int,
    "in_boxes": int,  # portable + stationary = valid + invalid
    "valid": int,
    "invalid": int,
    **{candidate: int for candidate in CANDIDATES},
    **{f"{candidate}_share": float for candidate in CANDIDATES},
    "invalid_share": float,
    "early_share": float,  # early ballots as a share of all ballots issued
    "winner": str,  # candidate id; "putin, davankov" on a tie
}


def _count_values(counts: Counts, stations: int) -> dict[str, Any]:
    return {
        "stations": stations,
        "registered": counts.registered,
        "received": counts.received,
        "early": counts.early,
        "inside": counts.inside,
        "outside": counts.outside,
        "issued": counts.issued,
        "portable": counts.portable,
        "stationary": counts.stationary,
        "in_boxes": counts.in_boxes,
        "valid": counts.valid,
        "invalid": counts.invalid,
        **{candidate: counts.votes[candidate] for candidate in CANDIDATES},
        **{f"{candidate}_share": float(counts.share(candidate)) for candidate in CANDIDATES},
        "invalid_share": float(counts.invalid_share),
        "early_share": float(counts.early_share),
        "winner": ", ".join(counts.winners),
    }


def _station_row(station: Station, abroad: AbroadData) -> dict[str, Any]:
    city = abroad.station_city(station.number)
    values = _count_values(station.counts, 1)
    del values["stations"]
    return {
        "number": station.number,
        "place": station.country or "baikonur",
        "abroad": int(station.country is not None),
        "city_en": city[0] if city else None,
        "city_ru": city[1] if city else None,
        **values,
    }


def _place_row(place: Place) -> dict[str, Any]:
    values = _count_values(place.counts, len(place.stations))
    return {"country": place.id, "label": place.label, "iso": place.iso, **values}


def _abroad_rows(abroad: AbroadData) -> dict[str, list[dict[str, Any]]]:
    """The rows of the three data tables, in the order they are stored."""
    both = abroad.abroad.counts + abroad.baikonur.counts
    both_stations = len(abroad.abroad.stations) + len(abroad.baikonur.stations)
    return {
        "stations": [_station_row(station, abroad) for _, station in sorted(abroad.stations.items())],
        "country_results": [_place_row(place) for _, place in sorted(abroad.countries.items())],
        "abroad_totals": [
            {"scope": "abroad", **_count_values(abroad.abroad.counts, len(abroad.abroad.stations))},
            {"scope": "baikonur", **_count_values(abroad.baikonur.counts, len(abroad.baikonur.stations))},
            {"scope": "abroad_and_baikonur", **_count_values(both, both_stations)},
        ],
    }


def _abroad_tables_v4(db: Database) -> None:
    """v3 -> v4: the official per-station data abroad as tables (filled at the next load of the knowledge folder).

    ``stations``: one row per protocol (288 abroad, 7 in Baikonur, ``abroad = 0``); ``place`` is the country id
    (or "baikonur"). ``country_results``: the stations summed per country-table row (145). ``abroad_totals``:
    "abroad" (288 stations), "baikonur" (7) and "abroad_and_baikonur".
    """
    station_columns = {column: kind for column, kind in _COUNT_COLUMNS.items() if column != "stations"}
    db["stations"].create(
        {"number": int, "place": str, "abroad": int, "city_en": str, "city_ru": str, **station_columns}, pk="number"
    )
    db["stations"].create_index(["place"])
    db["country_results"].create({"country": str, "label": str, "iso": str, **_COUNT_COLUMNS}, pk="country")
    db["abroad_totals"].create({"scope": str, **_COUNT_COLUMNS}, pk="scope")


_MIGRATIONS: dict[int, Callable[[Database], None]] = {
    1: _create_schema_v1,
    2: _version_reference_data_v2,
    3: _question_rule_v3,
    4: _abroad_tables_v4,
}

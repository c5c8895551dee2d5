"""What an admin command does, independent of Telegram: curating the live fact base.

Every admin command (``/facts``, ``/add``, ``/set``, ``/undo``, ``/import``, ``/unanswered``, ``/why``, ...)
is a method of ``Curator``, a thin layer over ``FactStore`` (which validates, versions and undoes) and the
``Engine`` (whose index is refreshed after every change, so the next question sees it). Methods return an
``Outcome``: Telegram HTML with every fact and user text escaped, optional buttons (callback data with the
``a1:`` prefix, validated by ``parse_callback``) and an optional document. The Telegram layer only sends it.

Usage:

    curator = Curator(store, engine)
    outcome = curator.set_command("tajikistan-turnout figures.voters 9600", actor=1001)
    print(outcome.html)
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import secrets
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import yaml
from pydantic import ValidationError
from rapidfuzz import fuzz, process

from bot.knowledge import MISSING_QUESTIONS, KnowledgeError, dump_yaml, load_folder, normalise_name, parse_fact_yaml
from bot.models import Fact, KnowledgeBase, Source
from bot.store import (
    FactStore,
    InvalidField,
    LoadReport,
    NoChange,
    StoreError,
    UnansweredGroup,
    UnknownFact,
    ValidationFailed,
)

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.replies import ChatContext

CALLBACK_PREFIX = "a1"  # admin buttons; "a" + version, distinct from the public "1:" buttons
MAX_CALLBACK_BYTES = 64
MAX_IMPORT_BYTES = 1_000_000  # an export of the whole base is ~100 KB; anything near 1 MB is not ours
IMPORT_SUFFIXES = (".yaml", ".yml")
PENDING_IMPORT_SECONDS = 30 * 60
MAX_PENDING_IMPORTS = 20
# Questions answered below this confidence are listed by /unanswered too: the answer may be a guess.
LOW_CONFIDENCE = 0.6
UNANSWERED_SHOWN = 10
ATTACH_CHOICES = 5
HISTORY_SHOWN = 15
STATS_DAYS = 30
SUMMARY_CHARS = 70
MAX_ERRORS_SHOWN = 15
NATIONAL_WORDS = {"national", "russia", "none", "-", "россия", "общие"}

_FACT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_GROUP_KEY = re.compile(r"^[0-9a-f]{12}$")
_TOKEN = re.compile(r"^[0-9a-f]{8}$")
_FIELD = re.compile(r"^[a-z_]+(?:\.[a-z0-9_]+){0,3}$")
# verb -> patterns of its arguments. Anything else is forged or from another version: parse_callback -> None.
CALLBACK_ARGS: dict[str, tuple[re.Pattern[str], ...]] = {
    "ua": (_GROUP_KEY,),  # unanswered: choose a fact to attach the question to
    "ut": (_GROUP_KEY, _FACT_ID),  # unanswered: attach to this fact
    "ud": (_GROUP_KEY,),  # unanswered: dismiss
    "ia": (_TOKEN,),  # import: apply
    "io": (_TOKEN,),  # import: apply, overwriting conflicts
    "ic": (_TOKEN,),  # import: cancel
    "ef": (_FACT_ID,),  # /edit: this fact
    "ei": (_FIELD,),  # /edit: this field
    "ey": (),  # /edit: confirm
    "en": (),  # /edit: cancel
}

USAGE = {
    "facts": (
        "Usage: <code>/facts [country]</code>, e.g. <code>/facts kyrgyzstan</code> or <code>/facts national</code>"
    ),
    "fact": "Usage: <code>/fact &lt;id&gt;</code>, e.g. <code>/fact tajikistan-turnout</code> (ids: /facts)",
    "add": (
        "Usage: <code>/add</code> followed, in the same message, by one fact as YAML:\n"
        "<pre>/add\nid: kyrgyzstan-polling-stations\ncountry: kyrgyzstan\ntopic: polling_places\nanswer:\n"
        '  en: "..."\n  ru: "..."\nquestions:\n  en: ["How many polling stations were open in Kyrgyzstan?"]\n'
        "source: eurasianet-2024  # or a citation such as a URL\nevidence:\n"
        '  - "the source sentence, verbatim"</pre>'
    ),
    "set": (
        "Usage: <code>/set &lt;id&gt; &lt;field&gt; &lt;value&gt;</code>, e.g. "
        "<code>/set tajikistan-turnout figures.voters 9600</code> or <code>/set tajikistan-turnout answer.en ...</code>"
    ),
    "delete": "Usage: <code>/delete &lt;id&gt;</code>",
    "history": "Usage: <code>/history &lt;id&gt;</code>",
    "restore": (
        "Usage: <code>/restore &lt;id&gt; &lt;version&gt;</code>, e.g. <code>/restore tajikistan-turnout 2</code>"
    ),
    "why": "Usage: <code>/why &lt;question&gt;</code>, e.g. <code>/why How many voted in Tajikistan?</code>",
    "import": "Send the YAML file as a document with the caption <code>/import</code> (at most 1 MB).",
}


# --- value objects -------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Button:
    label: str
    data: str  # callback data, "a1:<verb>[:<arg>...]"


@dataclasses.dataclass
class Outcome:
    """What an admin command answers: HTML text, buttons (rows), maybe a document to send."""

    html: str
    buttons: list[list[Button]] = dataclasses.field(default_factory=list)
    document: tuple[str, bytes] | None = None  # (file name, content)
    ok: bool = True  # False: the command was refused (bad input); nothing changed
    changed: bool = False  # the fact base changed

    @property
    def text(self) -> str:
        """Plain text (tags removed, entities unescaped), for tests and the terminal."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.html))


@dataclasses.dataclass(frozen=True)
class CallbackAction:
    verb: str
    args: tuple[str, ...] = ()


@dataclasses.dataclass
class PendingImport:
    actor: str
    file_name: str
    knowledge: KnowledgeBase
    created: float
    has_conflicts: bool


def callback_data(verb: str, *args: str) -> str:
    """Encode an admin button; raises ValueError for data ``parse_callback`` would refuse."""
    data = ":".join((CALLBACK_PREFIX, verb, *args))
    if parse_callback(data) != CallbackAction(verb, tuple(args)) or len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"cannot encode admin button {data!r}")
    return data


def parse_callback(data: str | None) -> CallbackAction | None:
    """The admin action a button carries, or None if the data is not something ``callback_data`` makes."""
    if not data or len(data.encode()) > MAX_CALLBACK_BYTES:
        return None
    prefix, _, rest = data.partition(":")
    if prefix != CALLBACK_PREFIX or not rest:
        return None
    verb, *args = rest.split(":")
    patterns = CALLBACK_ARGS.get(verb)
    if patterns is None or len(args) != len(patterns):
        return None
    if not all(pattern.match(arg) for pattern, arg in zip(patterns, args, strict=True)):
        return None
    return CallbackAction(verb, tuple(args))


def is_admin_callback(data: str | None) -> bool:
    """Whether the data claims to be an admin button (valid or not): the admin layer owns it."""
    return bool(data) and data.split(":", 1)[0] == CALLBACK_PREFIX


# --- formatting helpers ----------------------------------------------------------------------------------------


def esc(value: object) -> str:
    return html.escape(str(value), quote=False)


def show_value(value: Any) -> str:
    """A stored value as an admin reads it: text as is, numbers without .0, structures as one-line JSON."""
    if value is None:
        return "(empty)"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def error_lines(errors: Sequence[object]) -> str:
    shown = [f"• {esc(error)}" for error in errors[:MAX_ERRORS_SHOWN]]
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(f"… and {len(errors) - MAX_ERRORS_SHOWN} more")
    return "\n".join(shown)


def refused(headline: str, errors: Sequence[object] = ()) -> Outcome:
    body = f"⚠️ {esc(headline)}"
    if errors:
        body += "\n" + error_lines(errors)
    return Outcome(body + "\nNothing was changed.", ok=False)


def question_language(text: str) -> str:
    return "ru" if re.search(r"[а-яё]", text, re.IGNORECASE) else "en"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40].strip("-")


_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2}|\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}|(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4})\b"
)


def source_from_citation(citation: str, known: KnowledgeBase, actor: str) -> Source:
    """A new source entry for a fact whose ``source`` is a citation (a URL or "Publisher, title, date")."""
    citation = " ".join(citation.split())
    parsed = urlparse(citation)
    if parsed.scheme in {"http", "https"} and parsed.netloc:
        host = parsed.netloc.removeprefix("www.")
        publisher, title, url = host, citation, citation
        stem = _slug(host.rsplit(".", 1)[0]) or "web"
    else:
        publisher = citation.split(",")[0].strip() or citation
        title, url = citation, None
        stem = _slug(publisher) or "source"
    date_match = _DATE.search(citation)
    taken = {source.id for source in known.sources}
    source_id, number = stem, 2
    while source_id in taken:
        source_id, number = f"{stem}-{number}", number + 1
    today = datetime.now(UTC).date().isoformat()
    return Source(
        id=source_id,
        publisher=publisher,
        title=title,
        date=date_match.group(1) if date_match else "undated",
        url=url,
        note=f"Added from a citation by admin {actor} on {today}.",
    )


def looks_like_citation(value: str) -> bool:
    """A source id is a slug; anything with spaces, a scheme or capitals is a citation to turn into a source."""
    return not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value.strip())


# --- the curator -------------------------------------------------------------------------------------------------


class Curator:
    """Admin operations over the store, refreshing the engine after each change."""

    def __init__(self, store: FactStore, engine: Engine | None = None) -> None:
        self.store = store
        self.engine = engine
        self._pending: dict[str, PendingImport] = {}

    def _refresh(self) -> None:
        """The next question must see the change: rebuild the engine's index from the live base."""
        if self.engine is not None:
            self.engine.refresh(self.store.knowledge())

    def _knowledge(self) -> KnowledgeBase:
        return self.store.knowledge()

    # -- reading ----------------------------------------------------------------------------------------------

    def find_country(self, query: str) -> str | bool | None:
        """Country id for an id, name or alias; None for national facts; False if nothing matches."""
        wanted = normalise_name(query)
        if wanted in NATIONAL_WORDS:
            return None
        for country in self._knowledge().countries:
            names = [country.id, country.iso, country.name.en, country.name.ru, *country.aliases.all()]
            if wanted in {normalise_name(name) for name in names}:
                return country.id
        return False

    def facts(self, query: str = "") -> Outcome:
        """``/facts [country]``: fact ids with a one-line summary, grouped by country."""
        kb = self._knowledge()
        query = query.strip()
        wanted: str | bool | None = True  # True: every country
        if query:
            wanted = self.find_country(query)
            if wanted is False:
                names = ", ".join(country.name.en for country in kb.countries)
                return refused(f"No country matches {query!r}. Countries: {names}, or 'national'.")
        groups: dict[str | None, list[Fact]] = {}
        for fact in kb.facts:
            if wanted is True or fact.country == wanted:
                groups.setdefault(fact.country, []).append(fact)
        if not groups:
            return Outcome("No facts here yet. Add one with /add.")
        count = sum(len(items) for items in groups.values())
        lines = [f"<b>{count} fact{'s' if count != 1 else ''}</b> (full text: <code>/fact &lt;id&gt;</code>)"]
        for country_id, items in groups.items():
            country = kb.country(country_id) if country_id else None
            lines.append(f"\n<b>{esc(country.name.en if country else 'National and background')}</b>")
            lines += [
                f"<code>{esc(fact.id)}</code> · {esc(fact.topic)} · {esc(summary(fact.answer.en))}" for fact in items
            ]
        return Outcome("\n".join(lines))

    def fact(self, fact_id: str) -> Outcome:
        """``/fact <id>``: the fact in full: both languages, figures, questions, source, evidence, version."""
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("fact")
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return self._unknown(fact_id)
        kb = self._knowledge()
        version = self.store.current_version(fact_id)
        country = kb.country(fact.country) if fact.country else None
        lines = [
            f"<b>{esc(fact.id)}</b> — version {version.version}, {esc(version.action)} by {esc(version.actor)} "
            f"at {esc(version.created_at)}",
            f"Country: {esc(country.name.en if country else fact.country or 'national')} · Topic: {esc(fact.topic)}"
            + (f" · Candidate: {esc(fact.candidate)}" if fact.candidate else ""),
            f"<b>EN:</b> {esc(fact.answer.en)}",
            f"<b>RU:</b> {esc(fact.answer.ru)}",
        ]
        if fact.figures:
            lines.append("<b>Figures:</b>")
            for index, figure in enumerate(fact.figures):
                details = [figure.kind, figure.approx] + ([f"candidate {figure.candidate}"] if figure.candidate else [])
                lines.append(
                    f"  {index}. {esc(figure.metric)} = {esc(show_value(figure.value))} ({esc(', '.join(details))})"
                    + (f" — {esc(figure.note)}" if figure.note else "")
                )
        else:
            lines.append("<b>Figures:</b> none")
        for language in ("en", "ru"):
            questions = fact.questions.get(language)
            listed = "; ".join(questions) if questions else "none"
            lines.append(f"<b>Questions {language.upper()}:</b> {esc(listed)}")
        source = kb.source(fact.source)
        if source is not None:
            cited = f"{source.publisher}: {source.title} ({source.date})" + (f" {source.url}" if source.url else "")
            lines.append(f"<b>Source:</b> {esc(fact.source)} — {esc(cited)}")
        else:
            lines.append(f"<b>Source:</b> {esc(fact.source)}")
        lines.append("<b>Evidence:</b>")
        lines += [f"  “{esc(sentence)}”" for sentence in fact.evidence]
        return Outcome("\n".join(lines))

    def _unknown(self, fact_id: str) -> Outcome:
        ids = self.store.fact_ids(include_deleted=True)
        if fact_id in ids:  # deleted: say how to get it back
            return refused(f"Fact {fact_id!r} is deleted. See /history {fact_id}, then /restore {fact_id} <version>.")
        close = process.extractOne(fact_id, self.store.fact_ids(), scorer=fuzz.ratio, score_cutoff=70)
        hint = f" Did you mean {close[0]}?" if close else " See /facts for the ids."
        return refused(f"There is no fact with id {fact_id!r}.{hint}")

    # -- changes ----------------------------------------------------------------------------------------------

    def add(self, yaml_text: str, actor: str | int) -> Outcome:
        """``/add`` + YAML: validate like the files, accept missing Russian text / figures / questions as warnings."""
        actor = str(actor)
        if not yaml_text.strip():
            return refused_usage("add")
        warnings: list[str] = []
        fact, errors = parse_fact_yaml(yaml_text)
        if fact is None:
            fact, errors = self._fill_missing_russian(yaml_text, errors, warnings)
        if fact is None:
            return refused("The fact is not valid:", errors)
        kb = self._knowledge()
        new_source = None
        if kb.source(fact.source) is None and looks_like_citation(fact.source):
            existing = next((s for s in kb.sources if s.url and s.url == fact.source.strip()), None)
            if existing is not None:
                fact = fact.model_copy(update={"source": existing.id})
            else:
                new_source = source_from_citation(fact.source, kb, actor)
                fact = fact.model_copy(update={"source": new_source.id})
                warnings.append(
                    f"added a new source '{new_source.id}' for the citation (publisher {new_source.publisher!r}, "
                    f"date {new_source.date!r}); complete it in knowledge/sources.yaml"
                )
        for language, name in (("en", "English"), ("ru", "Russian")):
            if not fact.questions.get(language):
                warnings.append(
                    f"no {name} example questions: it answers {name} questions only when their words match; "
                    f"add some with /set {fact.id} questions.{language} ..."
                )
        if not fact.figures:
            warnings.append("no figures: comparisons and charts will not include this fact")
        try:
            version = self.store.add_fact(fact, actor, new_source=new_source, tolerate={MISSING_QUESTIONS})
        except StoreError as error:
            return self._refused_change("Not added.", error)
        self._refresh()
        lines = [f"✅ Added <code>{esc(fact.id)}</code> (version {version}). It is answerable now."]
        example = fact.questions.en[:1] or fact.questions.ru[:1]
        if example:
            lines.append(f"Try: {esc(example[0])}")
        if warnings:
            lines.append("<b>Warnings:</b>")
            lines += [f"• {esc(warning)}" for warning in warnings]
        lines.append("Undo with /undo.")
        return Outcome("\n".join(lines), changed=True)

    @staticmethod
    def _fill_missing_russian(
        yaml_text: str, errors: list[KnowledgeError], warnings: list[str]
    ) -> tuple[Fact | None, list[KnowledgeError]]:
        """An admin may add a fact in English only: Russian readers then see the English text (reported)."""
        try:
            data = yaml.safe_load(yaml_text)
        except yaml.YAMLError:
            return None, errors
        answer = data.get("answer") if isinstance(data, dict) else None
        if not isinstance(answer, dict) or not str(answer.get("en") or "").strip() or str(answer.get("ru") or ""):
            return None, errors
        data["answer"] = {**answer, "ru": answer["en"]}
        try:
            fact = Fact.model_validate(data)
        except ValidationError:
            return None, [error for error in errors if "Russian" not in error.message]
        warnings.append(
            f"no Russian answer text: Russian readers see the English text until you /set {fact.id} answer.ru ..."
        )
        return fact, []

    def _refused_change(self, headline: str, error: StoreError) -> Outcome:
        if isinstance(error, ValidationFailed):
            return refused(f"{headline} {error.args[0].split(':', 1)[0]}:", error.errors)
        if isinstance(error, UnknownFact):
            return self._unknown(error.fact_id)
        return refused(f"{headline} {error}")

    def set_command(self, args: str, actor: str | int) -> Outcome:
        """``/set <id> <field> <value>``: the value is the rest of the message (spaces and new lines kept)."""
        parts = args.strip().split(maxsplit=2)
        if len(parts) < 3:
            return refused_usage("set")
        return self.set_field(parts[0], parts[1], parts[2], actor)

    def set_field(self, fact_id: str, path: str, value: Any, actor: str | int) -> Outcome:
        try:
            old, new = self.store.set_field(fact_id, path, value, str(actor))
        except NoChange as error:
            return refused(str(error))
        except InvalidField as error:
            return refused(f"Bad field: {error}")
        except StoreError as error:
            return self._refused_change("Not changed.", error)
        self._refresh()
        return Outcome(
            f"✅ Changed <code>{esc(fact_id)}</code> <code>{esc(path)}</code>\n"
            f"<b>old:</b> {esc(show_value(old))}\n<b>new:</b> {esc(show_value(new))}\nUndo with /undo.",
            changed=True,
        )

    def delete(self, fact_id: str, actor: str | int) -> Outcome:
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("delete")
        try:
            version = self.store.delete_fact(fact_id, str(actor))
        except StoreError as error:
            return self._refused_change("Not deleted.", error)
        self._refresh()
        return Outcome(
            f"🗑 Deleted <code>{esc(fact_id)}</code> from answers (version {version}; it stays in its history). "
            "Undo with /undo.",
            changed=True,
        )

    def undo(self, actor: str | int) -> Outcome:
        try:
            description = self.store.undo(str(actor))
        except StoreError as error:
            return refused(str(error))
        self._refresh()
        return Outcome(f"↩️ {esc(description)}", changed=True)

    def history(self, fact_id: str) -> Outcome:
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("history")
        reference = ":" in fact_id  # /history source:eurasianet (also country:, candidate:)
        try:
            if reference:
                kind, _, item_id = fact_id.partition(":")
                versions = self.store.reference_history(kind.strip(), item_id.strip())
            else:
                versions = self.store.history(fact_id)
        except UnknownFact:
            return self._unknown(fact_id)
        except StoreError as error:
            return refused(str(error))
        current = versions[-1].version if reference else self.store.current_version(fact_id).version
        lines = [f"<b>History of {esc(fact_id)}</b> ({len(versions)} versions, newest first)"]
        for version in reversed(versions[-HISTORY_SHOWN:]):
            fields = ", ".join(version.changed_fields) or "-"
            marker = " ← current" + (" (deleted)" if version.deleted else "") if version.version == current else ""
            lines.append(
                f"v{version.version} {esc(version.created_at)} {esc(version.action)} by {esc(version.actor)}: "
                f"{esc(summary(fields, 120))}{marker}"
            )
        if not reference:  # /restore is for facts; a source or country change is reverted with /undo
            lines.append(f"Restore one with <code>/restore {esc(fact_id)} &lt;version&gt;</code>.")
        return Outcome("\n".join(lines))

    def restore_command(self, args: str, actor: str | int) -> Outcome:
        parts = args.split()
        if len(parts) != 2 or not parts[1].removeprefix("v").isdigit():
            return refused_usage("restore")
        return self.restore(parts[0], int(parts[1].removeprefix("v")), actor)

    def restore(self, fact_id: str, version: int, actor: str | int) -> Outcome:
        try:
            new_version = self.store.restore_version(fact_id, version, str(actor))
        except StoreError as error:
            return self._refused_change("Not restored.", error)
        self._refresh()
        return Outcome(
            f"✅ Restored <code>{esc(fact_id)}</code> to the content of version {version} "
            f"(now version {new_version}). Undo with /undo.",
            changed=True,
        )

    # -- export / import --------------------------------------------------------------------------------------

    def export(self) -> Outcome:
        """The live fact base as ONE YAML document in the knowledge schema: it loads back with /import."""
        kb = self._knowledge()
        content = dump_yaml(kb).encode("utf-8")
        name = f"knowledge-export-{datetime.now(UTC).strftime('%Y-%m-%d-%H%M')}.yaml"
        return Outcome(
            f"📦 {len(kb.facts)} facts, {len(kb.sources)} sources, {len(kb.countries)} countries, "
            f"{len(kb.candidates)} candidates. Send it back with the caption /import to load it.",
            document=(name, content),
        )

    def preview_import(self, file_name: str, content: bytes, actor: str | int) -> Outcome:
        """Validate an uploaded YAML document and show what loading it would change, with Apply / Cancel."""
        actor = str(actor)
        name = Path(file_name or "upload.yaml").name
        if (too_big := import_too_large(name, len(content))) is not None:
            return too_big
        if not name.lower().endswith(IMPORT_SUFFIXES):
            return refused(f"{name} is not a YAML file: send a .yaml document (such as one from /export).")
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return refused(f"{name} is not UTF-8 text, so it cannot be YAML.")
        kb, errors, warnings = self._parse_import(name, text)
        if kb is None:
            return refused(f"{name} cannot be imported:", errors)
        if not kb.facts and not (kb.sources or kb.countries or kb.candidates):
            return refused(f"{name} holds no facts, sources, countries or candidates.")
        try:
            report = self.store.load_knowledge(kb, actor, partial=True, dry_run=True)
        except StoreError as error:
            return self._refused_change(f"{name} cannot be imported.", error)
        lines = [f"<b>Import {esc(name)}</b>", esc(report.summary())]
        lines += [f"• {esc(conflict)}" for conflict in report.conflicts]
        if report.added:
            lines.append("New: " + esc(", ".join(report.added)))
        if report.updated:
            lines.append("Changed: " + esc(", ".join(report.updated)))
        if warnings:
            lines.append("<b>Warnings:</b>\n" + error_lines(warnings))
        if not report.changed and not report.conflicts:
            return Outcome("\n".join([*lines, "Nothing to import: it matches the live fact base."]))
        self._forget_stale_imports()
        token = secrets.token_hex(4)
        self._pending[token] = PendingImport(actor, name, kb, time.monotonic(), bool(report.conflicts))
        buttons = [[Button("✅ Apply", callback_data("ia", token))], [Button("Cancel", callback_data("ic", token))]]
        if report.conflicts:
            buttons.insert(1, [Button("Apply and overwrite conflicts", callback_data("io", token))])
            lines.append("Apply keeps the admins' versions of conflicting facts; overwrite replaces them (undoable).")
        lines.append("Nothing is written until you press Apply.")
        return Outcome("\n".join(lines), buttons=buttons)

    def _parse_import(
        self, name: str, text: str
    ) -> tuple[KnowledgeBase | None, list[KnowledgeError], list[KnowledgeError]]:
        """Validate the document with the same rules as the knowledge folder (``electionbot check``).

        The document may hold only some facts: sources, countries and candidates it does not define are taken
        from the live base, so a file of one country's facts validates. A fact without example questions in
        one language is accepted only where the live fact is identical (an export loaded back).
        """
        live = self._knowledge()
        try:
            document = yaml.safe_load(text)
        except yaml.YAMLError:
            document = None  # load_folder reports the syntax error with its line
        defined = {
            section: {item.get("id") for item in document.get(section) or [] if isinstance(item, dict)}
            for section in ("sources", "countries", "candidates")
        } if isinstance(document, dict) and all(
            isinstance(document.get(section) or [], list) for section in ("sources", "countries", "candidates")
        ) else {}  # fmt: skip
        references = KnowledgeBase(
            **{
                section: [item for item in getattr(live, section) if item.id not in defined.get(section, set())]
                for section in ("sources", "countries", "candidates")
            }
        )
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "import"
            root.mkdir()
            (root / name).write_text(text, encoding="utf-8")
            (root / "_live_references.yaml").write_text(dump_yaml(references), encoding="utf-8")
            result = load_folder(root)
        errors, warnings = [], []
        for error in result.errors:
            live_fact = live.fact(error.fact_id or "")
            same = live_fact is not None and result.knowledge.fact(live_fact.id) == live_fact
            (warnings if error.code == MISSING_QUESTIONS and same else errors).append(error)
        if errors:
            return None, errors, warnings
        kb = result.knowledge
        uploaded = KnowledgeBase(
            sources=[item for item in kb.sources if item.id in defined.get("sources", set())],
            countries=[item for item in kb.countries if item.id in defined.get("countries", set())],
            candidates=[item for item in kb.candidates if item.id in defined.get("candidates", set())],
            facts=kb.facts,
        )
        return uploaded, [], warnings

    def _forget_stale_imports(self) -> None:
        now = time.monotonic()
        for token, pending in list(self._pending.items()):
            if now - pending.created > PENDING_IMPORT_SECONDS:
                del self._pending[token]
        while len(self._pending) >= MAX_PENDING_IMPORTS:
            del self._pending[next(iter(self._pending))]

    def apply_import(self, token: str, actor: str | int, *, overwrite: bool = False) -> Outcome:
        pending = self._pending.get(token)
        if pending is None or pending.actor != str(actor):
            return refused("This import is no longer pending (applied, cancelled or expired): send the file again.")
        try:
            report: LoadReport = self.store.load_knowledge(
                pending.knowledge, str(actor), overwrite=overwrite, partial=True
            )
        except StoreError as error:
            return self._refused_change(f"{pending.file_name} was not imported.", error)
        finally:
            self._pending.pop(token, None)
        self._refresh()
        return Outcome(
            f"✅ {esc(pending.file_name)}: " + esc(str(report)) + "\nUndo fact by fact with /undo.", changed=True
        )

    def cancel_import(self, token: str, actor: str | int) -> Outcome:
        pending = self._pending.get(token)
        if pending is None or pending.actor != str(actor):
            return refused("This import is no longer pending.")
        del self._pending[token]
        return Outcome(f"Import of {esc(pending.file_name)} cancelled. Nothing was changed.")

    # -- unanswered questions ---------------------------------------------------------------------------------

    def _groups(self, limit: int) -> list[UnansweredGroup]:
        return self.store.unanswered(limit=limit, below_confidence=LOW_CONFIDENCE)

    def _group(self, key: str) -> UnansweredGroup | None:
        return next((group for group in self._groups(1000) if group.key == key), None)

    def unanswered(self, limit: int = UNANSWERED_SHOWN) -> Outcome:
        """Questions the bot could not answer (or answered below LOW_CONFIDENCE), grouped, newest first."""
        groups = self._groups(limit)
        if not groups:
            return Outcome("No unanswered questions. 🎉")
        lines = [f"<b>Unanswered questions</b> (newest first, {len(groups)} shown)"]
        buttons = []
        for number, group in enumerate(groups, start=1):
            askers = f" by {group.askers} {'person' if group.askers == 1 else 'people'}" if group.askers else ""
            languages = f" [{', '.join(group.languages)}]" if group.languages else ""
            lines.append(
                f"{number}. “{esc(summary(group.text, 200))}” — {group.count}×{askers}, last {esc(group.last_asked)}"
                f"{esc(languages)}"
            )
            buttons.append(
                [
                    Button(f"{number}: add to a fact", callback_data("ua", group.key)),
                    Button(f"{number}: dismiss", callback_data("ud", group.key)),
                ]
            )
        lines.append("“Add to a fact” makes the question an example question of a fact, so it gets answered.")
        return Outcome("\n".join(lines), buttons=buttons)

    def candidate_facts(self, question: str, limit: int = ATTACH_CHOICES) -> list[str]:
        """Facts the question may belong to: the engine's candidates first, then the closest texts."""
        kb = self._knowledge()
        chosen: list[str] = []
        if self.engine is not None:
            reply = self.engine.answer(question)
            ranked = [*reply.fact_ids, *(s.fact_id for s in reply.suggestions if s.fact_id)]
            ranked += [candidate.fact_id for candidate in reply.considered]
            chosen = [fact_id for fact_id in dict.fromkeys(ranked) if kb.fact(fact_id) is not None]
        if len(chosen) < limit:
            texts = {fact.id: " ".join([fact.answer.en, fact.answer.ru, *fact.questions.all()]) for fact in kb.facts}
            for _, _, fact_id in process.extract(question, texts, scorer=fuzz.token_set_ratio, limit=limit * 2):
                if fact_id not in chosen:
                    chosen.append(fact_id)
        return chosen[:limit]

    def attach_choices(self, key: str) -> Outcome:
        group = self._group(key)
        if group is None:
            return refused("That question is no longer in /unanswered (attached or dismissed already).")
        buttons = [
            [Button(fact_id, callback_data("ut", key, fact_id))]
            for fact_id in self.candidate_facts(group.text)
            if _FACT_ID.match(fact_id)
        ]
        return Outcome(
            f"Which fact answers “{esc(group.text)}”? It becomes one of its "
            f"{'Russian' if question_language(group.text) == 'ru' else 'English'} example questions.\n"
            "Not listed? <code>/set &lt;id&gt; questions.en.&lt;n&gt; &lt;question&gt;</code> adds it as question n.",
            buttons=buttons,
        )

    def attach(self, key: str, fact_id: str, actor: str | int) -> Outcome:
        """Make an unanswered question an example question of a fact, then dismiss it from the list."""
        group = self._group(key)
        if group is None:
            return refused("That question is no longer in /unanswered (attached or dismissed already).")
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return self._unknown(fact_id)
        language = question_language(group.text)
        questions = [*fact.questions.get(language), group.text.strip()]
        try:
            self.store.set_field(fact_id, f"questions.{language}", questions, str(actor))
        except StoreError as error:
            return self._refused_change("Not attached.", error)
        self.store.dismiss_unanswered(key)
        self._refresh()
        lines = [f"✅ “{esc(group.text)}” is now an example question of <code>{esc(fact_id)}</code>. Undo with /undo."]
        if self.engine is not None:
            reply = self.engine.answer(group.text)
            if fact_id in reply.fact_ids:
                lines.append("The bot now answers it with this fact.")
            else:
                lines.append(f"Note: the bot still answers it differently ({esc(reply.kind)}); see /why.")
        return Outcome("\n".join(lines), changed=True)

    def dismiss(self, key: str) -> Outcome:
        group = self._group(key)
        if group is None:
            return refused("That question is no longer in /unanswered.")
        count = self.store.dismiss_unanswered(key)
        return Outcome(f"Dismissed “{esc(group.text)}” ({count} question{'s' if count != 1 else ''}).")

    # -- insight ----------------------------------------------------------------------------------------------

    def stats(self, days: int = STATS_DAYS) -> Outcome:
        stats = self.store.stats(days)
        if not stats.total:
            return Outcome(f"No questions in the last {days} days.")
        lines = [
            f"<b>Questions, last {days} days:</b> {stats.total}, answered {stats.answered} "
            f"({stats.share_answered:.0%}), {stats.askers} distinct askers",
            "<b>Per day:</b>",
        ]
        lines += [f"  {esc(day.day)}: {day.asked} asked, {day.answered} answered" for day in stats.per_day[-14:]]
        if stats.top_topics:
            lines.append("<b>Top topics:</b> " + esc(", ".join(f"{topic} {n}" for topic, n in stats.top_topics)))
        if stats.languages:
            lines.append("<b>Languages:</b> " + esc(", ".join(f"{lang} {n}" for lang, n in stats.languages)))
        return Outcome("\n".join(lines))

    def why(self, question: str, context: ChatContext | None = None) -> Outcome:
        """``/why <question>``: how the engine decides: kind, confidence, candidates with scores, context."""
        question = question.strip()
        if not question:
            return refused_usage("why")
        if self.engine is None:
            return refused("The engine is not running.")
        reply = self.engine.answer(question, context)
        lines = [
            f"<b>Why</b> “{esc(question)}”",
            f"Decision: {esc(reply.kind)} in {esc(reply.language)}, confidence {reply.confidence:.2f}"
            + (f", facts {esc(', '.join(reply.fact_ids))}" if reply.fact_ids else ""),
        ]
        if reply.reason:
            lines.append(f"Reason: {esc(reply.reason)}")
        if reply.considered:
            lines.append("<b>Candidates:</b>")
            lines += [
                f"  {candidate.score:.3g} <code>{esc(candidate.fact_id)}</code> {esc(candidate.detail)}"
                for candidate in reply.considered
            ]
        else:
            lines.append("Candidates: none scored")
        if reply.suggestions:
            lines.append("Suggestions: " + esc("; ".join(suggestion.label for suggestion in reply.suggestions)))
        ctx = reply.context
        parts = [f"{name}={value}" for name, value in dataclasses.asdict(ctx).items() if value is not None]
        lines.append("Context after: " + esc(", ".join(parts) or "empty"))
        return Outcome("\n".join(lines))

    # -- guided edit (the /edit flow) ---------------------------------------------------------------------------

    def editable_fields(self, fact_id: str) -> list[tuple[str, str]]:
        """(label, dotted path) of the fields the /edit flow offers for a fact; empty if it does not exist."""
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return []
        fields = [("Answer (EN)", "answer.en"), ("Answer (RU)", "answer.ru")]
        for index, figure in enumerate(fact.figures):
            label = f"Figure {index}: {figure.metric}" + (f" {figure.candidate}" if figure.candidate else "")
            fields.append((label, f"figures.{index}.value"))
        fields += [("Topic", "topic"), ("Country", "country"), ("Source", "source")]
        return fields

    def field_value(self, fact_id: str, path: str) -> Any:
        """The current value at a dotted path (the /edit flow shows it before asking for the new one)."""
        fact = self.store.get_fact(fact_id)
        if fact is None:
            raise UnknownFact(fact_id)
        value: Any = fact.model_dump(mode="json")
        for part in path.split("."):
            if isinstance(value, list) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            elif isinstance(value, dict) and part in value:
                value = value[part]
            else:
                raise InvalidField(f"{path}: no such field.")
        return value


def import_too_large(file_name: str, size: int) -> Outcome | None:
    """The refusal for an upload over MAX_IMPORT_BYTES (checked before downloading it), else None."""
    if size <= MAX_IMPORT_BYTES:
        return None
    return refused(f"{Path(file_name).name} is {size / 1e6:.1f} MB; an import may be at most 1 MB.")


def refused_usage(command: str) -> Outcome:
    return Outcome(USAGE[command], ok=False)

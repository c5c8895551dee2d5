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

from bot.abroad_facts import DATA_SOURCES
from bot.catalogue import action_name, counted, html_text
from bot.country_names import alphabetical_key
from bot.engine.rules import RULES
from bot.knowledge import MISSING_QUESTIONS, KnowledgeError, dump_yaml, load_folder, normalise_name, parse_fact_yaml
from bot.models import Fact, KnowledgeBase, Source
from bot.store import (
    DuplicateFact,
    FactStore,
    InvalidField,
    LoadReport,
    NoChange,
    NothingToUndo,
    StoreError,
    UnansweredGroup,
    UndoConflict,
    UnknownFact,
    UnknownVersion,
    ValidationFailed,
)

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.replies import ChatContext

CALLBACK_PREFIX = "a1"  # admin buttons; "a" + version, distinct from the public "1:" buttons
MAX_CALLBACK_BYTES = 64
# A full /export must import again: with every station abroad it is ~2.3 MB (909 facts); 8 MB leaves room to grow
# while still refusing, before download, a file that cannot be ours.
MAX_IMPORT_BYTES = 8_000_000
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
# /facts lists every fact of a base this small; a larger one (909 facts with every station abroad) gets the
# national facts and a count per place, and /facts <country> lists one place.
FACTS_LISTED_IN_FULL = 80
# /edit offers a button per fact up to this many (a Telegram keyboard of hundreds is unusable); beyond, it first
# offers the places whose facts were written by hand (the official data's facts are rebuilt at each load).
MAX_FACT_BUTTONS = 40
# "No country matches": the known places are named when this few, else the admin is pointed to /facts.
COUNTRIES_NAMED = 20
MAX_ERRORS_SHOWN = 15
NATIONAL_WORDS = {"national", "russia", "none", "-", "россия", "общие"}

_FACT_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_GROUP_KEY = re.compile(r"^[0-9a-f]{12}$")
_TOKEN = re.compile(r"^[0-9a-f]{8}$")
_FIELD = re.compile(r"^[a-z_]+(?:\.[a-z0-9_]+){0,3}$")
NATIONAL_ARG = "-"  # "no country" in callback data
_PLACE = re.compile(r"^(?:-|[a-z0-9][a-z0-9-]{0,40})$")
# verb -> patterns of its arguments. Anything else is forged or from another version: parse_callback -> None.
CALLBACK_ARGS: dict[str, tuple[re.Pattern[str], ...]] = {
    "ua": (_GROUP_KEY,),  # unanswered: choose a fact to attach the question to
    "ut": (_GROUP_KEY, _FACT_ID),  # unanswered: attach to this fact
    "ud": (_GROUP_KEY,),  # unanswered: dismiss
    "ia": (_TOKEN,),  # import: apply
    "io": (_TOKEN,),  # import: apply, overwriting conflicts
    "ic": (_TOKEN,),  # import: cancel
    "ec": (_PLACE,),  # /edit: the facts of this place ("-": national)
    "ef": (_FACT_ID,),  # /edit: this fact
    "ei": (_FIELD,),  # /edit: this field
    "ey": (),  # /edit: confirm
    "en": (),  # /edit: cancel
}

# The /add usage shows this example after its (translated) first line; YAML keys are the schema's, not translated.
ADD_EXAMPLE = (
    "<pre>/add\nid: kyrgyzstan-polling-stations\ncountry: kyrgyzstan\ntopic: polling_places\nanswer:\n"
    '  en: "..."\n  ru: "..."\nquestions:\n  en: ["How many polling stations were open in Kyrgyzstan?"]\n'
    "source: eurasianet-2024  # or a citation such as a URL\nevidence:\n"
    '  - "the source sentence, verbatim"</pre>'
)
# What store.undo returns; parsed so the Russian reply can say it in Russian (unparsed: shown as is).
# Notes on reverted sources/countries/candidates ("; removed source x") stay as the store words them.
_UNDONE = re.compile(
    r"^Undid '(?P<what>.*)' \(now version (?P<version>\d+) of (?P<id>[^;]+?)(?P<notes>(?:; .*)?)\)\.$", re.DOTALL
)
_UNDONE_REFERENCES = re.compile(r"^Undid '(?P<what>.*)' \((?P<notes>.*)\)\.$", re.DOTALL)


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


def show_value(value: Any, language: str = "en") -> str:
    """A stored value as an admin reads it: text as is, numbers without .0, structures as one-line JSON."""
    if value is None:
        return html_text("empty_value", language)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def error_lines(errors: Sequence[object], language: str = "en") -> str:
    """The validators' messages (as they wrote them), escaped, one bullet each, at most MAX_ERRORS_SHOWN."""
    shown = [f"• {esc(error)}" for error in errors[:MAX_ERRORS_SHOWN]]
    if len(errors) > MAX_ERRORS_SHOWN:
        shown.append(html_text("more_errors", language, count=len(errors) - MAX_ERRORS_SHOWN))
    return "\n".join(shown)


def refused(headline: str, language: str = "en", errors: Sequence[object] = ()) -> Outcome:
    """A refusal: ``headline`` is HTML (an ``html_text`` or escaped), then the errors; nothing changed."""
    body = f"⚠️ {headline}"
    if errors:
        body += "\n" + error_lines(errors, language)
    return Outcome(body + "\n" + html_text("nothing_changed", language), ok=False)


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
            names = [country.id, country.iso or "", country.name.en, country.name.ru, *country.aliases.all()]
            if wanted in {normalise_name(name) for name in names}:
                return country.id
        return False

    def facts(self, query: str = "", *, language: str = "en") -> Outcome:
        """``/facts [country]``: fact ids with a one-line summary (in the admin's language), grouped by country.

        A large base lists its national facts and then one line of places with their counts; a place's station
        facts (hundreds abroad) are counted on one line with their numbers, not listed.
        """
        kb = self._knowledge()
        query = query.strip()
        wanted: str | bool | None = True  # True: every country
        if query:
            wanted = self.find_country(query)
            if wanted is False:
                return self._no_country(query, kb, language)
        groups: dict[str | None, list[Fact]] = {}
        for fact in kb.facts:
            if wanted is True or fact.country == wanted:
                groups.setdefault(fact.country, []).append(fact)
        if not groups:
            return Outcome(html_text("no_facts", language))
        count = sum(len(items) for items in groups.values())
        lines = [html_text("facts_header", language, count=counted(count, "fact", language))]
        overview = wanted is True and count > FACTS_LISTED_IN_FULL
        for country_id, items in groups.items():
            if overview and country_id is not None:
                continue
            lines.append(f"\n<b>{esc(place_name(kb, country_id, language))}</b>")
            lines += fact_lines(items, language)
        if overview:
            places = sorted(
                ((place_name(kb, place, language), len(items)) for place, items in groups.items() if place),
                key=lambda place: alphabetical_key(place[0]),
            )
            lines.append("\n" + html_text("facts_places", language))
            lines.append(" · ".join(f"{esc(name)} {number}" for name, number in places))
        return Outcome("\n".join(lines))

    def _no_country(self, query: str, kb: KnowledgeBase, language: str) -> Outcome:
        if len(kb.countries) > COUNTRIES_NAMED:
            return refused(html_text("no_country_see_facts", language, query=query), language)
        names = ", ".join(country.name.get(language) for country in kb.countries)
        return refused(html_text("no_country", language, query=query, names=names), language)

    def edit_choices(self, place: str | None = None, *, language: str = "en") -> Outcome:
        """``/edit`` without a fact id: a button per fact, or first a button per place when there are many.

        ``place`` (a place id, ``NATIONAL_ARG`` or a name) asks for that place's facts: its hand-written ones and
        the official data's per-country facts, each a button; its station facts are counted, to be sent as an id.
        """
        kb = self._knowledge()
        if place is None and len(kb.facts) <= MAX_FACT_BUTTONS:
            buttons = [[Button(fact.id, callback_data("ef", fact.id))] for fact in kb.facts]
            return Outcome(html_text("edit_which_fact", language), buttons=buttons)
        if place is None:
            return self._edit_places(kb, language)
        country_id = None if place == NATIONAL_ARG else self.find_country(place)
        if country_id is False:
            return self._no_country(place, kb, language)
        facts = [fact for fact in kb.facts if fact.country == country_id]
        listed = [fact for fact in facts if fact.station is None][:MAX_FACT_BUTTONS]
        buttons = [[Button(fact.id, callback_data("ef", fact.id))] for fact in listed]
        lines = [html_text("edit_which_fact_of", language, place=place_name(kb, country_id, language))]
        lines += station_lines([fact for fact in facts if fact.station is not None], language)
        if not facts:
            lines.append(html_text("no_facts", language))
        return Outcome("\n".join(lines), buttons=buttons)

    def _edit_places(self, kb: KnowledgeBase, language: str) -> Outcome:
        """A button per place with hand-written facts (national first), with how many it has."""
        counts: dict[str | None, int] = {}
        for fact in kb.facts:
            if fact.source not in DATA_SOURCES:
                counts[fact.country] = counts.get(fact.country, 0) + 1
        places = sorted(
            ((place_name(kb, place, language), place, count) for place, count in counts.items() if place),
            key=lambda place: alphabetical_key(place[0]),
        )
        if None in counts:
            places.insert(0, (place_name(kb, None, language), None, counts[None]))
        buttons = [
            Button(f"{name} · {count}", callback_data("ec", country_id or NATIONAL_ARG))
            for name, country_id, count in places
        ]
        rows = [buttons[index : index + 2] for index in range(0, len(buttons), 2)]
        return Outcome(html_text("edit_which_place", language, count=counted(len(kb.facts), "fact", language)), rows)

    def fact(self, fact_id: str, *, language: str = "en") -> Outcome:
        """``/fact <id>``: the fact in full: both languages, figures, questions, source, evidence, version."""
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("fact", language)
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return self._unknown(fact_id, language)
        kb = self._knowledge()
        version = self.store.current_version(fact_id)
        country = kb.country(fact.country) if fact.country else None
        place = country.name.get(language) if country else fact.country or html_text("admin_national", language)
        lines = [
            html_text(
                "fact_header",
                language,
                id=fact.id,
                version=version.version,
                action=action_name(version.action, language),
                actor=version.actor,
                at=version.created_at,
            ),
            html_text("fact_place", language, country=place, topic=fact.topic)
            + (html_text("fact_candidate", language, candidate=fact.candidate) if fact.candidate else ""),
            f"<b>EN:</b> {esc(fact.answer.en)}",
            f"<b>RU:</b> {esc(fact.answer.ru)}",
        ]
        if fact.figures:
            lines.append(html_text("figures", language))
            for index, figure in enumerate(fact.figures):
                details = [esc(figure.kind), esc(figure.approx)]
                if figure.candidate:
                    details.append(html_text("figure_candidate", language, candidate=figure.candidate))
                lines.append(
                    f"  {index}. {esc(figure.metric)} = {esc(show_value(figure.value, language))} "
                    f"({', '.join(details)})" + (f" — {esc(figure.note)}" if figure.note else "")
                )
        else:
            lines.append(html_text("figures_none", language))
        for code in ("en", "ru"):
            questions = fact.questions.get(code)
            listed = "; ".join(questions) if questions else html_text("none", language)
            lines.append(html_text("questions", language, language=code.upper(), questions=listed))
        source = kb.source(fact.source)
        cited = fact.source
        if source is not None:
            cited += f" — {source.publisher}: {source.title} ({source.date})" + (f" {source.url}" if source.url else "")
        lines.append(html_text("admin_source", language, source=cited))
        lines.append(html_text("evidence", language))
        lines += [f"  “{esc(sentence)}”" for sentence in fact.evidence]
        return Outcome("\n".join(lines))

    def _unknown(self, fact_id: str, language: str = "en") -> Outcome:
        ids = self.store.fact_ids(include_deleted=True)
        if fact_id in ids:  # deleted: say how to get it back
            return refused(html_text("fact_deleted", language, id=fact_id), language)
        close = process.extractOne(fact_id, self.store.fact_ids(), scorer=fuzz.ratio, score_cutoff=70)
        hint = html_text("admin_did_you_mean", language, id=close[0]) if close else html_text("see_facts", language)
        return refused(html_text("no_fact", language, id=fact_id) + " " + hint, language)

    # -- changes ----------------------------------------------------------------------------------------------

    def add(self, yaml_text: str, actor: str | int, *, language: str = "en") -> Outcome:
        """``/add`` + YAML: validate like the files, accept missing Russian text / figures / questions as warnings."""
        actor = str(actor)
        if not yaml_text.strip():
            return refused_usage("add", language)
        warnings: list[str] = []  # HTML
        fact, errors = parse_fact_yaml(yaml_text)
        if fact is None:
            fact, errors = self._fill_missing_russian(yaml_text, errors, warnings, language)
        if fact is None:
            return refused(html_text("fact_invalid", language), language, errors)
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
                    html_text(
                        "warn_new_source",
                        language,
                        id=new_source.id,
                        publisher=new_source.publisher,
                        date=new_source.date,
                    )
                )
        for code in ("en", "ru"):
            if not fact.questions.get(code):
                name = html_text(f"language_{code}", language)
                warnings.append(html_text("warn_no_questions", language, language=name, id=fact.id, code=code))
        if not fact.figures:
            warnings.append(html_text("warn_no_figures", language))
        try:
            version = self.store.add_fact(fact, actor, new_source=new_source, tolerate={MISSING_QUESTIONS})
        except StoreError as error:
            return self._refused_change(html_text("not_added", language), error, language)
        self._refresh()
        lines = [html_text("added", language, id=fact.id, version=version)]
        other = "en" if language == "ru" else "ru"
        example = fact.questions.get(language)[:1] or fact.questions.get(other)[:1]
        if example:
            lines.append(html_text("admin_try", language, question=example[0]))
        if warnings:
            lines.append(html_text("warnings", language))
            lines += [f"• {warning}" for warning in warnings]
        lines.append(html_text("undo_hint", language))
        return Outcome("\n".join(lines), changed=True)

    @staticmethod
    def _fill_missing_russian(
        yaml_text: str, errors: list[KnowledgeError], warnings: list[str], language: str = "en"
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
        warnings.append(html_text("warn_no_russian", language, id=fact.id))
        return fact, []

    def _refused_change(self, headline: str, error: StoreError, language: str = "en") -> Outcome:
        """``headline`` (HTML) and why the store refused; the validators' own messages are listed as written."""
        if isinstance(error, ValidationFailed):
            subject = html_text("store_invalid", language, subject=error.args[0].split(":", 1)[0])
            return refused(f"{headline} {subject}", language, error.errors)
        if isinstance(error, UnknownFact):
            return self._unknown(error.fact_id, language)
        return refused(f"{headline} {store_error(error, language)}", language)

    def set_command(self, args: str, actor: str | int, *, language: str = "en") -> Outcome:
        """``/set <id> <field> <value>``: the value is the rest of the message (spaces and new lines kept)."""
        parts = args.strip().split(maxsplit=2)
        if len(parts) < 3:
            return refused_usage("set", language)
        return self.set_field(parts[0], parts[1], parts[2], actor, language=language)

    def set_field(self, fact_id: str, path: str, value: Any, actor: str | int, *, language: str = "en") -> Outcome:
        try:
            old, new = self.store.set_field(fact_id, path, value, str(actor))
        except NoChange:
            return refused(html_text("same_value", language, id=fact_id, path=path), language)
        except InvalidField as error:
            return refused(html_text("bad_field", language, detail=error), language)
        except StoreError as error:
            return self._refused_change(html_text("not_changed", language), error, language)
        self._refresh()
        changed = html_text(
            "changed", language, id=fact_id, path=path, old=show_value(old, language), new=show_value(new, language)
        )
        return Outcome(changed + "\n" + html_text("undo_hint", language), changed=True)

    def delete(self, fact_id: str, actor: str | int, *, language: str = "en") -> Outcome:
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("delete", language)
        try:
            version = self.store.delete_fact(fact_id, str(actor))
        except StoreError as error:
            return self._refused_change(html_text("not_deleted", language), error, language)
        self._refresh()
        deleted = html_text("deleted", language, id=fact_id, version=version)
        return Outcome(deleted + " " + html_text("undo_hint", language), changed=True)

    def undo(self, actor: str | int, *, language: str = "en") -> Outcome:
        try:
            description = self.store.undo(str(actor))
        except StoreError as error:
            return refused(store_error(error, language), language)
        self._refresh()
        if undone := _UNDONE.match(description):
            return Outcome(html_text("undone", language, **undone.groupdict()), changed=True)
        if undone := _UNDONE_REFERENCES.match(description):  # an import's or load's sources, countries, ...
            return Outcome(html_text("undone_references", language, **undone.groupdict()), changed=True)
        return Outcome(f"↩️ {esc(description)}", changed=True)  # a wording this module does not know: as is

    def history(self, fact_id: str, *, language: str = "en") -> Outcome:
        fact_id = fact_id.strip()
        if not fact_id:
            return refused_usage("history", language)
        reference = ":" in fact_id  # /history source:eurasianet (also country:, candidate:)
        try:
            if reference:
                kind, _, item_id = fact_id.partition(":")
                versions = self.store.reference_history(kind.strip(), item_id.strip())
            else:
                versions = self.store.history(fact_id)
        except UnknownFact:
            return self._unknown(fact_id, language)
        except StoreError as error:
            return refused(esc(str(error)), language)
        current = versions[-1].version if reference else self.store.current_version(fact_id).version
        count = counted(len(versions), "version", language)
        lines = [html_text("history_header", language, id=fact_id, versions=count)]
        for version in reversed(versions[-HISTORY_SHOWN:]):
            fields = ", ".join(version.changed_fields) or "-"
            marker = ""
            if version.version == current:
                marker = html_text("current_deleted" if version.deleted else "current", language)
            line = html_text(
                "history_line",
                language,
                version=version.version,
                at=version.created_at,
                action=action_name(version.action, language),
                actor=version.actor,
                fields=summary(fields, 120),
            )
            lines.append(line + marker)
        if not reference:  # /restore is for facts; a source or country change is reverted with /undo
            lines.append(html_text("restore_hint", language, id=fact_id))
        return Outcome("\n".join(lines))

    def restore_command(self, args: str, actor: str | int, *, language: str = "en") -> Outcome:
        parts = args.split()
        if len(parts) != 2 or not parts[1].removeprefix("v").isdigit():
            return refused_usage("restore", language)
        return self.restore(parts[0], int(parts[1].removeprefix("v")), actor, language=language)

    def restore(self, fact_id: str, version: int, actor: str | int, *, language: str = "en") -> Outcome:
        try:
            new_version = self.store.restore_version(fact_id, version, str(actor))
        except NoChange:
            return refused(html_text("same_version", language, id=fact_id, version=version), language)
        except UnknownVersion:
            return refused(html_text("no_version", language, id=fact_id, version=version), language)
        except StoreError as error:
            return self._refused_change(html_text("not_restored", language), error, language)
        self._refresh()
        restored = html_text("restored", language, id=fact_id, version=version, new_version=new_version)
        return Outcome(restored + " " + html_text("undo_hint", language), changed=True)

    # -- export / import --------------------------------------------------------------------------------------

    def export(self, *, language: str = "en") -> Outcome:
        """The live fact base as ONE YAML document in the knowledge schema: it loads back with /import."""
        kb = self._knowledge()
        content = dump_yaml(kb).encode("utf-8")
        name = f"knowledge-export-{datetime.now(UTC).strftime('%Y-%m-%d-%H%M')}.yaml"
        caption = html_text(
            "exported",
            language,
            facts=counted(len(kb.facts), "fact", language),
            sources=counted(len(kb.sources), "source", language),
            countries=counted(len(kb.countries), "country", language),
            candidates=counted(len(kb.candidates), "candidate", language),
        )
        return Outcome(caption, document=(name, content))

    def preview_import(self, file_name: str, content: bytes, actor: str | int, *, language: str = "en") -> Outcome:
        """Validate an uploaded YAML document and show what loading it would change, with Apply / Cancel."""
        actor = str(actor)
        name = Path(file_name or "upload.yaml").name
        if (too_big := import_too_large(name, len(content), language)) is not None:
            return too_big
        if not name.lower().endswith(IMPORT_SUFFIXES):
            return refused(html_text("not_yaml", language, name=name), language)
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            return refused(html_text("not_utf8", language, name=name), language)
        kb, errors, warnings = self._parse_import(name, text)
        if kb is None:
            return refused(html_text("import_invalid", language, name=name), language, errors)
        if not kb.facts and not (kb.sources or kb.countries or kb.candidates):
            return refused(html_text("import_empty", language, name=name), language)
        try:
            report = self.store.load_knowledge(kb, actor, partial=True, dry_run=True)
        except StoreError as error:
            return self._refused_change(html_text("import_refused", language, name=name), error, language)
        lines = [html_text("import_header", language, name=name), report_text(report, language)]
        if report.added:
            lines.append(html_text("import_new", language, ids=", ".join(report.added)))
        if report.updated:
            lines.append(html_text("import_changed", language, ids=", ".join(report.updated)))
        if warnings:
            lines.append(html_text("warnings", language) + "\n" + error_lines(warnings, language))
        if not report.changed and not report.conflicts:
            return Outcome("\n".join([*lines, html_text("import_same", language)]))
        self._forget_stale_imports()
        token = secrets.token_hex(4)
        self._pending[token] = PendingImport(actor, name, kb, time.monotonic(), bool(report.conflicts))
        buttons = [
            [Button(html_text("button_apply", language), callback_data("ia", token))],
            [Button(html_text("button_cancel", language), callback_data("ic", token))],
        ]
        if report.conflicts:
            buttons.insert(1, [Button(html_text("button_overwrite", language), callback_data("io", token))])
            lines.append(html_text("import_conflicts_hint", language))
        lines.append(html_text("import_nothing_written", language))
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

    def apply_import(self, token: str, actor: str | int, *, overwrite: bool = False, language: str = "en") -> Outcome:
        pending = self._pending.get(token)
        if pending is None or pending.actor != str(actor):
            return refused(html_text("import_gone", language), language)
        try:
            report: LoadReport = self.store.load_knowledge(
                pending.knowledge, str(actor), overwrite=overwrite, partial=True
            )
        except StoreError as error:
            return self._refused_change(html_text("not_imported", language, name=pending.file_name), error, language)
        finally:
            self._pending.pop(token, None)
        self._refresh()
        done = html_text("imported", language, name=pending.file_name, report="{report}")
        return Outcome(done.replace("{report}", report_text(report, language, details=True)), changed=True)

    def cancel_import(self, token: str, actor: str | int, *, language: str = "en") -> Outcome:
        pending = self._pending.get(token)
        if pending is None or pending.actor != str(actor):
            return refused(html_text("import_gone_short", language), language)
        del self._pending[token]
        return Outcome(html_text("import_cancelled", language, name=pending.file_name))

    # -- unanswered questions ---------------------------------------------------------------------------------

    def _groups(self, limit: int) -> list[UnansweredGroup]:
        return self.store.unanswered(limit=limit, below_confidence=LOW_CONFIDENCE)

    def _group(self, key: str) -> UnansweredGroup | None:
        return next((group for group in self._groups(1000) if group.key == key), None)

    def unanswered(self, limit: int = UNANSWERED_SHOWN, *, language: str = "en") -> Outcome:
        """Questions the bot could not answer (or answered below LOW_CONFIDENCE), grouped, newest first."""
        groups = self._groups(limit)
        if not groups:
            return Outcome(html_text("no_unanswered", language))
        lines = [html_text("unanswered_header", language, count=len(groups))]
        buttons = []
        for number, group in enumerate(groups, start=1):
            askers = ""
            if group.askers:
                people = counted(group.askers, "person", language)
                askers = html_text("unanswered_askers", language, people=people)
            lines.append(
                html_text(
                    "unanswered_line",
                    language,
                    number=number,
                    text=summary(group.text, 200),
                    count=group.count,
                    askers="{askers}",
                    last=group.last_asked,
                    languages=f" [{', '.join(group.languages)}]" if group.languages else "",
                    rules=f" ({', '.join(group.rules)})" if group.rules else "",
                ).replace("{askers}", askers)
            )
            buttons.append(
                [
                    Button(html_text("button_attach", language, number=number), callback_data("ua", group.key)),
                    Button(html_text("button_dismiss", language, number=number), callback_data("ud", group.key)),
                ]
            )
        lines.append(html_text("unanswered_footer", language))
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

    def attach_choices(self, key: str, *, language: str = "en") -> Outcome:
        group = self._group(key)
        if group is None:
            return refused(html_text("group_gone", language), language)
        buttons = [
            [Button(fact_id, callback_data("ut", key, fact_id))]
            for fact_id in self.candidate_facts(group.text)
            if _FACT_ID.match(fact_id)
        ]
        code = question_language(group.text)
        name = html_text(f"language_{code}", language)
        return Outcome(
            html_text("attach_choices", language, text=group.text, language=name, code=code), buttons=buttons
        )

    def attach(self, key: str, fact_id: str, actor: str | int, *, language: str = "en") -> Outcome:
        """Make an unanswered question an example question of a fact, then dismiss it from the list."""
        group = self._group(key)
        if group is None:
            return refused(html_text("group_gone", language), language)
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return self._unknown(fact_id, language)
        code = question_language(group.text)
        questions = [*fact.questions.get(code), group.text.strip()]
        try:
            self.store.set_field(fact_id, f"questions.{code}", questions, str(actor))
        except StoreError as error:
            return self._refused_change(html_text("not_attached", language), error, language)
        self.store.dismiss_unanswered(key)
        self._refresh()
        attached = html_text("attached", language, text=group.text, id=fact_id)
        lines = [attached + " " + html_text("undo_hint", language)]
        if self.engine is not None:
            reply = self.engine.answer(group.text)
            if fact_id in reply.fact_ids:
                lines.append(html_text("attached_answers", language))
            else:
                lines.append(html_text("attached_differs", language, kind=reply.kind))
        return Outcome("\n".join(lines), changed=True)

    def dismiss(self, key: str, *, language: str = "en") -> Outcome:
        group = self._group(key)
        if group is None:
            return refused(html_text("group_gone_short", language), language)
        count = self.store.dismiss_unanswered(key)
        questions = counted(count, "question", language)
        return Outcome(html_text("dismissed", language, text=group.text, questions=questions))

    # -- insight ----------------------------------------------------------------------------------------------

    def stats(self, days: int = STATS_DAYS, *, language: str = "en") -> Outcome:
        stats = self.store.stats(days)
        period = counted(days, "day", language)
        if not stats.total:
            return Outcome(html_text("no_questions", language, period=period))
        lines = [
            html_text(
                "stats_header",
                language,
                period=period,
                total=stats.total,
                answered=stats.answered,
                share=f"{stats.share_answered:.0%}",
                askers=stats.askers,
            ),
            html_text("per_day", language),
        ]
        lines += [
            html_text("day_line", language, day=day.day, asked=day.asked, answered=day.answered)
            for day in stats.per_day[-14:]
        ]
        if stats.top_topics:
            topics = ", ".join(f"{topic} {n}" for topic, n in stats.top_topics)
            lines.append(html_text("top_topics", language, topics=topics))
        if stats.languages:
            languages = ", ".join(f"{code} {n}" for code, n in stats.languages)
            lines.append(html_text("languages", language, languages=languages))
        if stats.rules:
            rules = ", ".join(f"{rule} {n}" for rule, n in stats.rules)
            lines.append(html_text("top_rules", language, rules=rules))
        return Outcome("\n".join(lines))

    def why(self, question: str, context: ChatContext | None = None, *, language: str = "en") -> Outcome:
        """``/why <question>``: how the engine decides: kind, confidence, candidates with scores, context."""
        question = question.strip()
        if not question:
            return refused_usage("why", language)
        if self.engine is None:
            return refused(html_text("no_engine", language), language)
        reply = self.engine.answer(question, context)
        decision = html_text(
            "why_decision", language, kind=reply.kind, language=reply.language, confidence=f"{reply.confidence:.2f}"
        )
        if reply.fact_ids:
            decision += html_text("why_facts", language, ids=", ".join(reply.fact_ids))
        lines = [html_text("why_header", language, question=question), decision]
        rule = RULES.get(reply.rule)
        if rule is not None:
            lines.append(html_text("why_rule", language, rule=rule.name, stage=rule.stage, says=rule.says))
        if reply.reason:
            lines.append(html_text("why_reason", language, reason=reply.reason))
        if reply.considered:
            lines.append(html_text("why_candidates", language))
            lines += [
                f"  {candidate.score:.3g} <code>{esc(candidate.fact_id)}</code> {esc(candidate.detail)}"
                for candidate in reply.considered
            ]
        else:
            lines.append(html_text("why_no_candidates", language))
        if reply.suggestions:
            suggestions = "; ".join(suggestion.label for suggestion in reply.suggestions)
            lines.append(html_text("why_suggestions", language, suggestions=suggestions))
        parts = [f"{name}={value}" for name, value in dataclasses.asdict(reply.context).items() if value is not None]
        lines.append(
            html_text("why_context", language, context=", ".join(parts) or html_text("why_context_empty", language))
        )
        return Outcome("\n".join(lines))

    # -- guided edit (the /edit flow) ---------------------------------------------------------------------------

    def editable_fields(self, fact_id: str, *, language: str = "en") -> list[tuple[str, str]]:
        """(label, dotted path) of the fields the /edit flow offers for a fact; empty if it does not exist."""
        fact = self.store.get_fact(fact_id)
        if fact is None:
            return []
        fields = [
            (html_text("field_answer_en", language), "answer.en"),
            (html_text("field_answer_ru", language), "answer.ru"),
        ]
        for index, figure in enumerate(fact.figures):
            metric = figure.metric + (f" {figure.candidate}" if figure.candidate else "")
            fields.append((html_text("field_figure", language, index=index, metric=metric), f"figures.{index}.value"))
        fields += [
            (html_text("field_topic", language), "topic"),
            (html_text("field_country", language), "country"),
            (html_text("field_source", language), "source"),
        ]
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


def place_name(kb: KnowledgeBase, country_id: str | None, language: str) -> str:
    """A place's name in the admin's language; national facts have a heading of their own."""
    country = kb.country(country_id) if country_id else None
    if country is not None:
        return country.name.get(language)
    return country_id or html_text("national_group", language)


def fact_lines(facts: Sequence[Fact], language: str) -> list[str]:
    """One line per fact (id, topic, summary); station facts summed up by ``station_lines``."""
    lines = [
        f"<code>{esc(fact.id)}</code> · {esc(fact.topic)} · {esc(summary(fact.answer.get(language)))}"
        for fact in facts
        if fact.station is None
    ]
    return lines + station_lines([fact for fact in facts if fact.station is not None], language)


def station_lines(facts: Sequence[Fact], language: str) -> list[str]:
    """The facts about single stations as two count lines with their numbers: protocols, then exit polls."""
    lines = []
    for noun, prefix, kept in (
        ("station_protocol", "station", lambda fact: fact.topic != "exit_poll"),
        ("station_exit_poll", "exit-poll", lambda fact: fact.topic == "exit_poll"),
    ):
        numbers = sorted(fact.station for fact in facts if kept(fact) and fact.station is not None)
        if numbers:
            lines.append(
                html_text(
                    "facts_stations",
                    language,
                    count=counted(len(numbers), noun, language),
                    prefix=prefix,
                    numbers=", ".join(map(str, numbers)),
                )
            )
    return lines


def import_too_large(file_name: str, size: int, language: str = "en") -> Outcome | None:
    """The refusal for an upload over MAX_IMPORT_BYTES (checked before downloading it), else None."""
    if size <= MAX_IMPORT_BYTES:
        return None
    megabytes = f"{size / 1e6:.1f}"
    if language == "ru":
        megabytes = megabytes.replace(".", ",")
    limit = import_limit_megabytes(language)
    return refused(html_text("too_large", language, name=Path(file_name).name, size=megabytes, limit=limit), language)


def import_limit_megabytes(language: str = "en") -> str:
    """MAX_IMPORT_BYTES in megabytes as the admin reads it ("8", "1.5" / "1,5")."""
    megabytes = f"{MAX_IMPORT_BYTES / 1e6:g}"
    return megabytes.replace(".", ",") if language == "ru" else megabytes


def refused_usage(command: str, language: str = "en") -> Outcome:
    """How to call ``command`` (the /add example YAML follows its first line)."""
    usage = html_text(f"usage_{command}", language, limit=import_limit_megabytes(language))
    return Outcome(usage + "\n" + ADD_EXAMPLE if command == "add" else usage, ok=False)


def store_error(error: StoreError, language: str) -> str:
    """A store refusal as HTML in the admin's language (a detail the store words itself stays as written)."""
    if isinstance(error, DuplicateFact):
        return html_text("duplicate_fact", language, id=error.fact_id)
    if isinstance(error, NothingToUndo):
        return html_text("nothing_to_undo", language)
    if isinstance(error, UndoConflict):
        return html_text("undo_conflict", language, detail=error)
    return esc(error)


def report_text(report: LoadReport, language: str, *, details: bool = False) -> str:
    """What an import would do (or did): a summary line, then conflicts (and, with details, kept/deleted ids)."""
    parts = [
        html_text("report_added", language, count=len(report.added)),
        html_text("report_updated", language, count=len(report.updated)),
        html_text("report_unchanged", language, count=len(report.unchanged)),
        html_text("report_conflicts", language, conflicts=counted(len(report.conflicts), "conflict", language)),
    ]
    for key, items in (
        ("report_overwritten", report.overwritten),
        ("report_deleted", report.deleted),
        ("report_missing", report.missing),
    ):
        if items:
            parts.append(html_text(key, language, count=len(items)))
    if report.reference_changes:
        parts.append(html_text("report_references", language, tables=", ".join(report.reference_changes)))
    lines = [html_text("report_would" if report.dry_run else "report_did", language, parts=", ".join(parts))]
    lines += [
        html_text("report_conflict", language, id=conflict.fact_id, reason=conflict.reason)
        for conflict in report.conflicts
    ]
    if details:
        lines += [html_text("report_missing_line", language, id=fact_id) for fact_id in report.missing]
        lines += [html_text("report_deleted_line", language, id=fact_id) for fact_id in report.deleted]
    return "\n".join(lines)

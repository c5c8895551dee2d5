"""Load, validate and write the curated knowledge folder.

``load_folder`` reads every ``*.yaml`` file under ``knowledge/`` and returns the valid items plus a list of
errors, each naming the file, the line, the item id and what is wrong in words a curator understands.
Structural rules (fields, types, topics, percentages) come from ``bot.models``; the rules that need the
whole fact base (duplicate ids, unknown references, alias clashes, near-duplicate example questions)
live in ``check_knowledge`` so that admin edits, which never touch a file, are held to the same rules.

Usage:

    result = load_folder(Path("knowledge"))
    for error in result.errors:
        print(error)   # knowledge/countries/kazakhstan.yaml:42: fact kazakhstan-exit-poll: unknown source 'eurasianet'
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from rapidfuzz import fuzz, process

from bot.abroad import DATA_SUBDIR, AbroadData, AbroadDataError, load_abroad
from bot.abroad_facts import PACKAGE_README, build_abroad_knowledge, place_countries
from bot.models import (
    FIGURE_KINDS,
    METRICS,
    TOPICS,
    Approx,
    Candidate,
    Country,
    Fact,
    KnowledgeBase,
    Source,
)

# Top-level keys of a knowledge file, the model of their items, and the word used in messages.
SECTIONS: dict[str, tuple[type[BaseModel], str]] = {
    "sources": (Source, "source"),
    "countries": (Country, "country"),
    "candidates": (Candidate, "candidate"),
    "facts": (Fact, "fact"),
}
# YAML under knowledge/ that is not fact-base items: read by its own module (bot.country_names), skipped here.
NOT_KNOWLEDGE = frozenset({"abroad/country_aliases.yaml"})
LANGUAGE_NAMES = {"en": "English", "ru": "Russian"}
# Allowed values of the schema's fixed vocabularies, listed in messages so the curator can pick one.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "topic": TOPICS,
    "metric": METRICS,
    "kind": FIGURE_KINDS,
    "approx": get_args(Approx),
}
# What usually causes a YAML parse error, said in curator words.
YAML_HINTS = {
    "'\\t'": " (indent with spaces, not tabs)",
    "mapping values are not allowed": " (a text with ': ' inside needs quotes; or check this line's indentation)",
    "expected ',' or ']'": " (text inside [ ] with '?', ':' or ',' must be put in quotes)",
    "expected <block end>": " (check the indentation of this line against the lines above)",
    "single document": " (one file holds one document: remove the extra '---')",
}
# Error code of "a fact has no example questions in one language": admin additions may carry it as a warning.
MISSING_QUESTIONS = "missing_questions"
# token_sort_ratio at or above this makes two example questions candidates for being the same question.
NEAR_DUPLICATE_CUTOFF = 92.0
# Two words this similar are the same word misspelt, not two different names.
TYPO_SIMILARITY = 75.0


@dataclass(frozen=True)
class KnowledgeError:
    """One problem in the knowledge, located as precisely as the input allows.

    ``fact_id`` is the id of the item the error is about (a fact, or the source / country / candidate named
    by ``kind``); ``file`` is empty and ``line`` None when the knowledge did not come from a file.
    """

    file: str
    line: int | None
    fact_id: str | None
    message: str
    kind: str = "fact"
    # Machine-readable kind of problem for callers that treat some as warnings ("" for most errors).
    code: str = ""

    def __str__(self) -> str:
        location = ":".join(part for part in (self.file, str(self.line) if self.line else "") if part)
        if not self.file and self.line:
            location = f"line {self.line}"
        item = f"{self.kind} {self.fact_id}" if self.fact_id else ""
        return ": ".join(part for part in (location, item, self.message) if part)


@dataclass
class LoadResult:
    """What ``load_folder`` found: the valid items, and every error.

    ``abroad``: the official per-station data the data facts were built from (None when the folder has none),
    for the store's data tables.
    """

    knowledge: KnowledgeBase
    errors: list[KnowledgeError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    abroad: AbroadData | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        kb = self.knowledge
        return (
            f"{len(kb.sources)} sources, {len(kb.countries)} countries, "
            f"{len(kb.candidates)} candidates, {len(kb.facts)} facts"
        )


# --- reading YAML with line numbers -------------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """Safe loader that keeps dates as text: ``date: 2024-03-17`` is a string in the schema."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same with libyaml's C parser where PyYAML has it: several times faster, so start-up stays short."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _compose(text: str, *, fast: bool = False) -> tuple[yaml.Node | None, Any]:
    """Parse YAML into its node tree (which knows line numbers) and the plain data built from it. ``fast`` (files
    of the knowledge folder) parses with libyaml; a fact an admin types is read by the pure-Python parser, the
    stricter of the two, whose messages the hints below explain."""
    try:
        node = yaml.compose(text, Loader=_FastLoader if fast else _Loader)
    except yaml.YAMLError:
        if not fast:
            raise
        node = yaml.compose(text, Loader=_Loader)  # the error, as the hints explain it
    if node is None:
        return None, None
    return node, _Loader("").construct_document(node)


def _yaml_error(file: str, error: yaml.YAMLError) -> KnowledgeError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    hint = next((hint for clue, hint in YAML_HINTS.items() if clue in detail), "")
    return KnowledgeError(file, mark.line + 1 if mark else None, None, f"malformed YAML: {detail}{hint}", kind="")


def _line_of(node: yaml.Node | None, path: Sequence[str | int] = ()) -> int | None:
    """Line (1-based) of the deepest node along ``path``; a mapping entry points at its key's line."""
    if node is None:
        return None
    line = node.start_mark.line
    for step in path:
        if isinstance(node, yaml.MappingNode):
            entry = next((pair for pair in node.value if pair[0].value == str(step)), None)
            if entry is None:
                break
            line, node = entry[0].start_mark.line, entry[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line
        else:
            break
    return line + 1


def _duplicate_keys(node: yaml.Node) -> Iterable[tuple[yaml.Node, str]]:
    """Keys written twice in one mapping: YAML would silently keep only the last value."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                yield key, key.value
            seen.add(key.value)
            yield from _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _duplicate_keys(item)


# --- turning pydantic errors into curator messages ----------------------------------------------------------------


def _path_text(path: Sequence[str | int]) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def _model_at(model: type[BaseModel], path: Sequence[str | int]) -> type[BaseModel] | None:
    """The schema model found at ``path`` inside ``model`` (through lists and optionals)."""
    current: type[BaseModel] | None = model
    for step in path:
        if isinstance(step, int) or current is None:
            continue
        field_info = current.model_fields.get(step)
        current = _find_model(field_info.annotation) if field_info else None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union, types.UnionType):
        for argument in get_args(annotation):
            found = _find_model(argument)
            if found:
                return found
    return None


def _suggest(word: str, choices: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error as a sentence about the field, without pydantic's jargon."""
    loc: tuple[str | int, ...] = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    where = _path_text(loc)
    parent = _path_text(loc[:-1])
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        if name in LANGUAGE_NAMES and parent:
            return f"{parent} has no {LANGUAGE_NAMES[name]} text: add '{name}:' (both languages are required)"
        return f"missing required field '{name}'" + (f" in {parent}" if parent else "")
    if kind == "extra_forbidden":
        known = list(parent_model.model_fields) if (parent_model := _model_at(model, loc[:-1])) else []
        message = f"unknown field '{name}'" + (f" in {parent}" if parent else "")
        suggestion = _suggest(name, known)
        if suggestion:
            return f"{message} (did you mean '{suggestion}'?)"
        return f"{message}; allowed fields: {', '.join(known)}" if known else message
    if kind == "literal_error":
        allowed = VOCABULARIES.get(name, ())
        suggestion = _suggest(str(value), allowed)
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        label = "topic" if name == "topic" else where
        return f"{label} {value!r} is not in the vocabulary{hint}; allowed: {', '.join(allowed)}"
    if kind == "too_short":
        if name == "evidence":
            return "evidence is empty: quote at least one sentence of the source"
        return f"{where} is empty"
    if kind == "string_pattern_mismatch" and name == "iso":
        return f"iso {value!r} must be a two-letter ISO 3166 code in capitals, like KZ"
    if kind == "string_pattern_mismatch":
        return f"{where} {value!r} may only use lowercase latin letters, digits and hyphens"
    if kind == "value_error":
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{where}: {reason}" if where else reason
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        target = _model_at(model, loc)
        if target is not None and set(target.model_fields) == set(LANGUAGE_NAMES):
            content = "texts" if target.model_fields["en"].annotation is str else "lists"
            return f"{where} must have 'en:' and 'ru:' {content} under it, got {_type_name(value)}"
        return f"{where or 'item'} must be a mapping of fields, got {_type_name(value)}"
    if kind == "list_type":
        return f"{where} must be a list, got {_type_name(value)}"
    message = error["msg"]
    return f"{where}: {message[:1].lower()}{message[1:]}" if where else message


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the text {value!r}"
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _validation_errors(
    exc: ValidationError, model: type[BaseModel], file: str, node: yaml.Node | None, item_id: str | None, kind: str
) -> list[KnowledgeError]:
    errors = []
    for error in exc.errors(include_url=False):
        errors.append(KnowledgeError(file, _line_of(node, error["loc"]), item_id, _describe(error, model), kind))
    return errors


def _item_id(item: Any) -> str | None:
    return item["id"] if isinstance(item, dict) and isinstance(item.get("id"), str) else None


# --- loading ------------------------------------------------------------------------------------------------------


@dataclass
class _Origin:
    """Where a loaded item came from, so cross-item errors can point at its line."""

    file: str
    node: yaml.Node | None


@dataclass
class _Collected:
    items: dict[str, list[BaseModel]] = field(default_factory=lambda: {key: [] for key in SECTIONS})
    origins: dict[int, _Origin] = field(default_factory=dict)
    broken_ids: dict[str, set[str]] = field(default_factory=lambda: {key: set() for key in SECTIONS})
    errors: list[KnowledgeError] = field(default_factory=list)


def _load_text(text: str, file: str, collected: _Collected) -> None:
    try:
        root, data = _compose(text, fast=True)
    except yaml.YAMLError as exc:
        collected.errors.append(_yaml_error(file, exc))
        return
    if root is None:
        return  # an empty file holds nothing, which is fine
    for key_node, key in _duplicate_keys(root):
        collected.errors.append(
            KnowledgeError(
                file, key_node.start_mark.line + 1, None, f"key '{key}' appears twice; YAML keeps only the last", ""
            )
        )
    if not isinstance(data, dict):
        collected.errors.append(
            KnowledgeError(
                file,
                root.start_mark.line + 1,
                None,
                f"a knowledge file must be a mapping with keys {', '.join(SECTIONS)}; this one is {_type_name(data)}",
                "",
            )
        )
        return
    for key_node, value_node in root.value:
        section = key_node.value
        line = key_node.start_mark.line + 1
        if section not in SECTIONS:
            suggestion = _suggest(str(section), SECTIONS)
            hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
            message = f"unknown top-level key '{section}'{hint}; allowed: {', '.join(SECTIONS)}"
            collected.errors.append(KnowledgeError(file, line, None, message, ""))
            continue
        items = data[section]
        if items is None:
            continue
        if not isinstance(items, list):
            message = f"'{section}' must be a list of items (each starting with '- '), got {_type_name(items)}"
            collected.errors.append(KnowledgeError(file, line, None, message, ""))
            continue
        model, kind = SECTIONS[section]
        for index, item in enumerate(items):
            item_node = value_node.value[index]
            item_id = _item_id(item)
            try:
                parsed = model.model_validate(item)
            except ValidationError as exc:
                collected.errors.extend(_validation_errors(exc, model, file, item_node, item_id, kind))
                if item_id:
                    collected.broken_ids[section].add(item_id)
                continue
            collected.items[section].append(parsed)
            collected.origins[id(parsed)] = _Origin(file, item_node)


def load_folder(path: Path) -> LoadResult:
    """Read every ``*.yaml`` under ``path``: valid items load even when others are broken.

    Items are ordered by id, so the same knowledge gives the same ``KnowledgeBase`` whatever the file layout;
    the places and facts built from the official data in ``sources/abroad/data`` (if present) follow them.
    Items with a broken reference (unknown source, country or candidate) or a repeated id are left out.
    """
    root_name = path.resolve().name
    collected = _Collected()
    found = sorted(path.rglob("*.yaml")) if path.is_dir() else []
    files = [file for file in found if file.relative_to(path).as_posix() not in NOT_KNOWLEDGE]
    if not path.is_dir():
        collected.errors.append(KnowledgeError(str(path), None, None, "knowledge folder does not exist", ""))
    elif not files:
        collected.errors.append(KnowledgeError(str(path), None, None, "knowledge folder has no .yaml files", ""))
    for file in files:
        display = str(Path(root_name) / file.relative_to(path))
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            collected.errors.append(KnowledgeError(display, None, None, f"cannot read the file: {exc}", ""))
            continue
        _load_text(text, display, collected)

    sections = {key: sorted(items, key=_by_id) for key, items in collected.items.items()}
    abroad = _add_abroad_data(path, root_name, sections, collected) if path.is_dir() else None
    everything = KnowledgeBase(**sections)
    cross_errors, dropped = _cross_check(everything, collected.origins, collected.broken_ids)
    knowledge = KnowledgeBase(
        **{key: [item for item in getattr(everything, key) if id(item) not in dropped] for key in SECTIONS}
    )
    errors = sorted(collected.errors + cross_errors, key=lambda error: (error.file, error.line or 0))
    return LoadResult(knowledge, errors, files, abroad)


def _add_abroad_data(
    path: Path, root_name: str, sections: dict[str, list[Any]], collected: _Collected
) -> AbroadData | None:
    """Build the official abroad data's places and facts (``bot.abroad_facts``) when the folder holds the data.

    They follow the YAML items (which stay ordered by id) in the data's own order; a curated country with the
    same id keeps its YAML entry. A data file that does not read is one error naming the file and line.
    """
    data_dir = path / DATA_SUBDIR
    if not data_dir.is_dir():
        if data_dir.parent.is_dir():  # the abroad package without its data: the places exist by name alone
            sections["countries"] += place_countries(sections["countries"])
        return None
    display = str(Path(root_name) / DATA_SUBDIR)
    try:
        abroad = load_abroad(data_dir)
        readme = (path / PACKAGE_README).read_text(encoding="utf-8")
        built = build_abroad_knowledge(abroad, sections["countries"], readme)
    except (AbroadDataError, OSError, ValueError) as error:
        message = str(error).replace(str(path), root_name)
        collected.errors.append(KnowledgeError(display, None, None, f"official data not loaded: {message}", ""))
        sections["countries"] += place_countries(sections["countries"])  # the places stay, by name
        return None
    sections["countries"] += built.countries
    sections["facts"] += built.facts
    return abroad


def _by_id(item: BaseModel) -> str:
    return item.id  # type: ignore[attr-defined]


def parse_fact_yaml(text: str) -> tuple[Fact | None, list[KnowledgeError]]:
    """Validate one fact written as a YAML mapping (the admin /add command).

    Only the fact's own structure is checked here; ``check_knowledge`` checks it against the rest.
    """
    try:
        node, data = _compose(text)
    except yaml.YAMLError as exc:
        return None, [_yaml_error("", exc)]
    if not isinstance(data, dict) or node is None:
        message = f"a fact must be a mapping of fields (id, country, topic, answer, ...), got {_type_name(data)}"
        return None, [KnowledgeError("", 1, None, message, "")]
    duplicates = [
        KnowledgeError("", key.start_mark.line + 1, _item_id(data), f"key '{name}' appears twice", "fact")
        for key, name in _duplicate_keys(node)
    ]
    try:
        fact = Fact.model_validate(data)
    except ValidationError as exc:
        errors = duplicates + _validation_errors(exc, Fact, "", node, _item_id(data), "fact")
        return None, sorted(errors, key=lambda error: error.line or 0)
    return (None, duplicates) if duplicates else (fact, [])


# --- rules across items -------------------------------------------------------------------------------------------


def check_knowledge(kb: KnowledgeBase) -> list[KnowledgeError]:
    """Rules that need the whole fact base: ids, references, alias clashes, near-duplicate questions."""
    errors, _ = _cross_check(kb, {}, {key: set() for key in SECTIONS})
    return errors


def _cross_check(
    kb: KnowledgeBase, origins: dict[int, _Origin], broken_ids: dict[str, set[str]]
) -> tuple[list[KnowledgeError], set[int]]:
    """Errors across items, and the Python ids of items that must not be loaded (broken references, repeats)."""
    errors: list[KnowledgeError] = []
    dropped: set[int] = set()

    def locate(item: BaseModel, path: Sequence[str | int] = ()) -> tuple[str, int | None]:
        origin = origins.get(id(item))
        return (origin.file, _line_of(origin.node, path)) if origin else ("", None)

    def report(item: BaseModel, kind: str, message: str, path: Sequence[str | int] = (), code: str = "") -> None:
        file, line = locate(item, path)
        errors.append(KnowledgeError(file, line, _by_id(item), message, kind, code))

    def where(item: BaseModel) -> str:
        file, line = locate(item)
        return f" ({file}:{line})" if file else ""

    for section, (_, kind) in SECTIONS.items():
        first_seen: dict[str, BaseModel] = {}
        for item in getattr(kb, section):
            earlier = first_seen.setdefault(_by_id(item), item)
            if earlier is not item:
                report(item, kind, f"duplicate {kind} id '{_by_id(item)}': also defined{where(earlier)}", ["id"])
                dropped.add(id(item))

    known = {
        "sources": {source.id for source in kb.sources},
        "countries": {country.id for country in kb.countries},
        "candidates": {candidate.id for candidate in kb.candidates},
    }

    def check_reference(fact: Fact, section: str, value: str | None, path: Sequence[str | int]) -> None:
        if value is None or value in known[section]:
            return
        dropped.add(id(fact))
        if value in broken_ids.get(section, set()):
            return  # the referenced item is itself broken and already reported
        word = SECTIONS[section][1]
        suggestion = _suggest(value, known[section])
        hint = f" (did you mean '{suggestion}'?)" if suggestion else ""
        choices = ", ".join(sorted(known[section])) or "none defined"
        label = f"{_path_text(path)}: " if len(path) > 1 else ""
        report(fact, "fact", f"{label}unknown {word} '{value}'{hint}; known {section}: {choices}", path)

    for fact in kb.facts:
        check_reference(fact, "sources", fact.source, ["source"])
        check_reference(fact, "countries", fact.country, ["country"])
        check_reference(fact, "candidates", fact.candidate, ["candidate"])
        for index, figure in enumerate(fact.figures):
            check_reference(fact, "candidates", figure.candidate, ["figures", index, "candidate"])
        for language, language_name in LANGUAGE_NAMES.items():
            if not fact.questions.get(language):
                message = f"no {language_name} example questions: add a few under questions.{language}"
                report(fact, "fact", message, ["questions"], code=MISSING_QUESTIONS)

    _report_alias_clashes(kb, report, where)
    _report_near_duplicate_questions(kb, report)
    return errors, dropped


def normalise_name(name: str) -> str:
    """Compare names the way users type them: any case, ё as е, hyphens as spaces."""
    return re.sub(r"[\s\-‐‑‒–—]+", " ", name.casefold().replace("ё", "е")).strip()


def _report_alias_clashes(kb: KnowledgeBase, report: Any, where: Any) -> None:
    owner: dict[str, Country] = {}
    for country in kb.countries:
        names: list[tuple[str, list[str | int]]] = [
            (country.name.en, ["name", "en"]),
            (country.name.ru, ["name", "ru"]),
        ]
        for language in LANGUAGE_NAMES:
            names += [(alias, ["aliases", language, i]) for i, alias in enumerate(country.aliases.get(language))]
        for name, path in names:
            claimed_by = owner.setdefault(normalise_name(name), country)
            if claimed_by is not country:
                message = (
                    f"alias '{name}' is also claimed by country {claimed_by.id}{where(claimed_by)}; "
                    "a name must point to one country"
                )
                report(country, "country", message, path)


def _normalise_question(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold().replace("ё", "е")).split())


def _differs_by_a_word(first: str, second: str) -> bool:
    """True when a word of one question has no look-alike in the other (КПРФ / ЛДПР, Kazakhstan / Tajikistan).

    Character similarity alone calls "Сколько набрал кандидат от КПРФ?" and "... от ЛДПР?" near-duplicates;
    they ask about different things. Short words (articles, prepositions) and typos do not count as different;
    a number is never a typo of another ("station 8133" / "station 8134").
    """
    first_words, second_words = set(first.split()), set(second.split())
    only_first, only_second = first_words - second_words, second_words - first_words
    for words, others in ((only_first, only_second), (only_second, only_first)):
        for word in words:
            if word.isdigit():
                return True
            if len(word) > 3 and not any(fuzz.ratio(word, other) >= TYPO_SIMILARITY for other in others):
                return True
    return False


def _place_stems(kb: KnowledgeBase) -> dict[str, list[list[str]]]:
    """Country id -> its names (name and aliases, both languages), each as the stems of its words, so that a
    question in any case form can be seen to name it ("Германия" -> ["герман"], found in "в Германии")."""

    def stem(word: str) -> str:
        return word[:-2] if len(word) >= 5 else word[:-1] if len(word) == 4 else word

    return {
        country.id: [
            [stem(word) for word in _normalise_question(name).split()]
            for name in [country.name.en, country.name.ru, *country.aliases.all()]
            if _normalise_question(name)
        ]
        for country in kb.countries
    }


def _names_place(question: str, names: list[list[str]]) -> bool:
    words = question.split()
    return any(all(any(word.startswith(part) for word in words) for part in name) for name in names)


def _report_near_duplicate_questions(kb: KnowledgeBase, report: Any) -> None:
    """Two facts with (almost) the same example question make the matcher flip a coin between them.

    Two questions never clash when one has a number the other lacks ("station 8133" / "station 8134"), or when
    they belong to facts about two different places and each names its own place ("... in Austria?" / "... in
    Australia?": the place decides). Only the other pairs are scored, which keeps this check, run at every load
    and admin edit, fast with the official data's ~840 facts.
    """
    stems = _place_stems(kb)
    for language in LANGUAGE_NAMES:
        entries = [
            (fact, index, question, _normalise_question(question))
            for fact in kb.facts
            for index, question in enumerate(fact.questions.get(language))
        ]
        if len(entries) < 2:
            continue
        for first, second, score in _similar_pairs(entries, stems):
            fact_a, _, question_a, _ = entries[first]
            fact_b, index_b, question_b, _ = entries[second]
            if fact_a is fact_b or _differs_by_a_word(entries[first][3], entries[second][3]):
                continue
            message = (
                f"example question {question_b!r} is a near-duplicate of fact {fact_a.id}'s {question_a!r} "
                f"(similarity {score:.0f}%); rephrase one or merge the facts"
            )
            report(fact_b, "fact", message, ["questions", language, index_b])


def _similar_pairs(
    entries: list[tuple[Fact, int, str, str]], stems: dict[str, list[list[str]]]
) -> list[tuple[int, int, float]]:
    """(first, second, similarity) of the pairs that can clash, at or above the cutoff, first < second, in order."""
    buckets: dict[frozenset[str], list[int]] = {}  # questions with the same numbers (most have none)
    for number, entry in enumerate(entries):
        buckets.setdefault(frozenset(re.findall(r"\d+", entry[3])), []).append(number)
    comparisons: list[tuple[list[int], list[int]]] = []
    for members in buckets.values():
        by_place: dict[str, list[int]] = {}
        free = []  # national facts, and questions that do not name their fact's own place: compared with all
        for number in members:
            country = entries[number][0].country
            if country is not None:
                by_place.setdefault(country, []).append(number)
            if country is None or not _names_place(entries[number][3], stems.get(country, [])):
                free.append(number)
        comparisons += [(group, group) for group in by_place.values()]
        if free:
            comparisons.append((free, members))
    found: dict[tuple[int, int], float] = {}
    for rows, columns in comparisons:
        scores = process.cdist(
            [entries[row][3] for row in rows],
            [entries[column][3] for column in columns],
            scorer=fuzz.token_sort_ratio,
            processor=None,
            score_cutoff=NEAR_DUPLICATE_CUTOFF,
        )
        for row, column in zip(*scores.nonzero(), strict=True):
            first, second = sorted((rows[row], columns[column]))
            if first != second:
                found[(first, second)] = float(scores[row, column])
    return [(first, second, score) for (first, second), score in sorted(found.items())]


# --- writing ------------------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Readable YAML: block style, unicode as is, multi-line text as literal blocks, lists indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_number(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    if value.is_integer():
        return dumper.represent_int(int(value))  # 4000.0 reads better as 4000 and loads back as the same float
    return dumper.represent_float(value)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(float, _represent_number)


def _plain(item: BaseModel) -> dict[str, Any]:
    """The item as YAML-ready data, without optional fields left at their defaults."""
    data = item.model_dump(mode="python", exclude_defaults=True)
    if isinstance(item, Fact):
        # Every fact states its country explicitly (null for national and background facts).
        data = {"id": data.pop("id"), "country": item.country, **data}
    return data


def _to_yaml(sections: dict[str, list[BaseModel]]) -> str:
    data = {key: [_plain(item) for item in items] for key, items in sections.items()}
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=110)


def dump_yaml(kb: KnowledgeBase) -> str:
    """The whole fact base as one YAML document with the four top-level keys."""
    return _to_yaml({key: list(getattr(kb, key)) for key in SECTIONS})


def _fact_file(fact: Fact) -> str:
    if fact.country is not None:
        return f"countries/{fact.country}.yaml"
    return {"candidate": "candidates.yaml", "source": "background.yaml"}.get(fact.topic, "national.yaml")


def dump_folder(kb: KnowledgeBase, path: Path) -> list[Path]:
    """Write the fact base in the knowledge folder layout; returns the files written.

    sources.yaml; countries/<id>.yaml (the country and its facts); candidates.yaml (candidates and their facts);
    background.yaml (facts about the sources); national.yaml (other facts without a country).
    Files not in this layout are left alone, so export into an empty folder.
    """
    files: dict[str, dict[str, list[BaseModel]]] = {}

    def add(file: str, section: str, item: BaseModel) -> None:
        files.setdefault(file, {}).setdefault(section, []).append(item)

    for source in kb.sources:
        add("sources.yaml", "sources", source)
    for country in kb.countries:
        add(f"countries/{country.id}.yaml", "countries", country)
    for candidate in kb.candidates:
        add("candidates.yaml", "candidates", candidate)
    for fact in kb.facts:
        add(_fact_file(fact), "facts", fact)

    written = []
    for name in sorted(files):
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        sections = {key: files[name][key] for key in SECTIONS if key in files[name]}
        target.write_text(_to_yaml(sections), encoding="utf-8")
        written.append(target)
    return written

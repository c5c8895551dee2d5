"""The word keys of the fact base's vocabulary, kept on disk between runs.

Reading every word of the base with pymorphy and the stemmers (``text.token_keys``, ``text.name_keys``) is most
of the index build, and so of start-up; the keys depend only on the word, the dictionaries and the code that
derives them. ``loaded`` fills the in-memory memo from a file named by a fingerprint of those, and writes the file
again when the build met words it did not hold. A missing, foreign or broken file is only a slower start.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pymorphy3
import pymorphy3_dicts_ru
import snowballstemmer

from bot import text

log = logging.getLogger(__name__)


def fingerprint() -> str:
    """What the keys are derived with: text.py, the morphology and its dictionaries' versions, the stemmers' code.
    A change of any of these makes another file."""
    digest = hashlib.sha256(Path(text.__file__).read_bytes())
    digest.update(f"{pymorphy3.__version__} {pymorphy3_dicts_ru.__version__}".encode())
    for stemmer in ("english_stemmer.py", "russian_stemmer.py"):
        digest.update((Path(snowballstemmer.__file__).parent / stemmer).read_bytes())
    return digest.hexdigest()[:16]


def cache_file(folder: Path) -> Path:
    return folder / f"word-keys-{fingerprint()}.json"


def load(path: Path) -> int:
    """Fill the memo from ``path``; the number of words read (0 when the file is missing or unusable)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        memos = {kind: _memo(document[kind], single=kind.startswith("stem")) for kind in text.SAVED_KEYS}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        if not isinstance(error, FileNotFoundError):
            log.warning("Word-key cache %s unusable (%s); computing the keys", path, type(error).__name__)
        return 0
    for kind, memo in memos.items():
        text.SAVED_KEYS[kind].update(memo)
    return sum(len(memo) for memo in memos.values())


def _memo(section: object, *, single: bool) -> dict[str, frozenset[str]]:
    """One section of the file, checked whole: words to lists of non-empty strings (a stem: exactly one); a
    ValueError for anything else, so a file of another shape is never half used."""
    if not isinstance(section, dict):
        raise ValueError("not an object")
    memo = {}
    for word, keys in section.items():
        if not (isinstance(keys, list) and keys and all(isinstance(key, str) and key for key in keys)):
            raise ValueError(f"bad keys for {word!r}")
        if single and len(keys) != 1:
            raise ValueError(f"not one stem for {word!r}")
        memo[word] = frozenset(keys)
    return memo


def save(path: Path) -> None:
    """Write the memo to ``path`` atomically (a temporary file renamed), so a crash never leaves half a file."""
    document = {kind: {word: sorted(keys) for word, keys in memo.items()} for kind, memo in text.SAVED_KEYS.items()}
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".word-keys-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(document, file, ensure_ascii=False, separators=(",", ":"))
        os.chmod(temporary, 0o644)  # (mkstemp makes it private; the bot and an admin's terminal may differ)
        os.replace(temporary, path)  # two processes writing at once: the last whole file wins
    except OSError as error:
        log.warning("Could not write the word-key cache %s (%s)", path, error)
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        return
    for old in path.parent.glob("word-keys-*.json"):
        if old != path:
            old.unlink(missing_ok=True)  # another code or dictionary version's file: never read again


_read: dict[Path, int] = {}  # the files read in this process, with the number of words each held


def preload(folder: Path | None) -> None:
    """Read the keys before the engine's modules are imported, which compute some at import time ("turnout",
    "выборы"); those are then remembered too. Call it first thing where the bot starts."""
    if folder is not None:
        path = cache_file(folder)
        _read.setdefault(path, load(path))
        text.remember_keys(True)


@contextmanager
def loaded(folder: Path | None) -> Iterator[None]:
    """Around an index build: the keys read from ``folder`` first (once per process), the words met for the
    first time written after (no folder: none)."""
    if folder is None:
        yield
        return
    path = cache_file(folder)
    before = _read[path] if path in _read else _read.setdefault(path, load(path))
    text.remember_keys(True)
    try:
        yield
    finally:
        text.remember_keys(False)
    held = sum(map(len, text.SAVED_KEYS.values()))
    if held > before:
        save(path)
        _read[path] = held

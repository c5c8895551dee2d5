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
from importlib import metadata
from pathlib import Path

from bot import text

log = logging.getLogger(__name__)

# what the keys are derived with: a change of any of these makes another file
_LIBRARIES = ("pymorphy3", "pymorphy3-dicts-ru", "snowballstemmer")


def fingerprint() -> str:
    digest = hashlib.sha256(Path(text.__file__).read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=?".encode())
    return digest.hexdigest()[:16]


def cache_file(folder: Path) -> Path:
    return folder / f"word-keys-{fingerprint()}.json"


def load(path: Path) -> int:
    """Fill the memo from ``path``; the number of words read (0 when the file is missing or unusable)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        memos = {kind: {word: frozenset(keys) for word, keys in document[kind].items()} for kind in text.SAVED_KEYS}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        if not isinstance(error, FileNotFoundError):
            log.warning("Word-key cache %s unusable (%s); computing the keys", path, type(error).__name__)
        return 0
    for kind, memo in memos.items():
        text.SAVED_KEYS[kind].update(memo)
    return sum(len(memo) for memo in memos.values())


def save(path: Path) -> None:
    """Write the memo to ``path`` atomically (a temporary file renamed), so a crash never leaves half a file."""
    document = {kind: {word: sorted(keys) for word, keys in memo.items()} for kind, memo in text.SAVED_KEYS.items()}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".word-keys-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(document, file, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except OSError as error:
        log.warning("Could not write the word-key cache %s (%s)", path, error)


@contextmanager
def loaded(folder: Path | None) -> Iterator[None]:
    """Around an index build: the keys read from ``folder`` first, the new ones written after (no folder: none)."""
    if folder is None:
        yield
        return
    path = cache_file(folder)
    before = load(path) if not any(text.SAVED_KEYS.values()) else sum(map(len, text.SAVED_KEYS.values()))
    text.remember_keys(True)
    try:
        yield
    finally:
        text.remember_keys(False)
    if sum(map(len, text.SAVED_KEYS.values())) > before:
        save(path)

"""Split Telegram HTML into messages under the 4096-character limit without breaking tags.

Splits on line boundaries where possible. A tag left open at a cut (``<b>`` spanning lines) is
closed at the end of one part and reopened at the start of the next, so every part is valid HTML.
"""

from __future__ import annotations

import re

MAX_MESSAGE_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024

_TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^>]*)>")
_ENTITY = re.compile(r"&[#a-zA-Z0-9]+;")


def _open_tags_after(fragment: str, stack: list[tuple[str, str]]) -> list[tuple[str, str]]:
    stack = list(stack)
    for match in _TAG.finditer(fragment):
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == name:
                    del stack[index]
                    break
        else:
            stack.append((name, f"<{name}{attrs}>"))
    return stack


def _closing(stack: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _opening(stack: list[tuple[str, str]]) -> str:
    return "".join(opening for _, opening in stack)


def _safe_cut(line: str, limit: int) -> int:
    """A cut position <= limit that is not inside a tag or an entity, preferring a space."""
    cut = limit
    for pattern in (_TAG, _ENTITY):
        for match in pattern.finditer(line):
            if match.start() < cut < match.end():
                cut = match.start()
    space = line.rfind(" ", 0, cut)
    if space > cut // 2:
        cut = space + 1
    return max(cut, 1)


def split_html(html_text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Split ``html_text`` into parts of at most ``limit`` characters, each valid on its own."""
    if len(html_text) <= limit:
        return [html_text]
    # Leave room for closing/reopening tags carried across a cut.
    budget = max(limit - 200, limit // 2)
    parts: list[str] = []
    current = ""
    stack: list[tuple[str, str]] = []  # tags open at the end of ``current``
    carried: list[tuple[str, str]] = []  # tags open at the start of ``current``

    def flush() -> None:
        nonlocal current, carried
        if current.strip():
            parts.append(_opening(carried) + current + _closing(stack))
        carried = list(stack)
        current = ""

    for line in html_text.split("\n"):
        piece = line if not current else "\n" + line
        if len(current) + len(piece) > budget and current:
            flush()
            piece = line
        while len(piece) > budget:
            cut = _safe_cut(piece, budget)
            head, piece = piece[:cut], piece[cut:]
            current += head
            stack = _open_tags_after(head, stack)
            flush()
        current += piece
        stack = _open_tags_after(piece, stack)
    flush()
    return parts

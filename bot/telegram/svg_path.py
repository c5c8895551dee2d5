"""Read SVG path data (the ``d`` attribute) into matplotlib ``Path`` objects, for the world map.

Only what outline maps use: moveto, lineto, horizontal and vertical lineto, cubic Béziers (``C`` and the smooth
``S``, whose first control point mirrors the previous curve's last one) and closepath, each in its absolute
(upper-case) and relative (lower-case) form. Numbers may run together as SVG allows ("-0.5-1.2" is two numbers,
"0.5.5" too) and may have an exponent ("1e-3"); a command's numbers may repeat without the letter (after a moveto,
repeated pairs are linetos). Anything else (arcs, quadratic curves, a stray letter) raises ``SvgPathError``.

SVG's y axis points down; the paths come out with y flipped (``height - y``), so north is up on a map.

Usage:

    path = parse_path("m10 10 h5 v5 z", height=1388)   # a matplotlib Path: MOVETO, LINETO x2, CLOSEPOLY
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from matplotlib.path import Path

# A command letter, or a number: sign, digits with an optional point (or a point and digits), optional exponent.
_TOKEN = re.compile(r"([A-Za-z])|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([\s,]+)|(.)")
# How many numbers each command takes per repetition.
ARITY = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "z": 0}


class SvgPathError(ValueError):
    """Path data this reader does not understand; the message says what and where."""


def tokens(data: str) -> Iterator[str | float]:
    """Command letters (as str) and numbers (as float), in order."""
    for match in _TOKEN.finditer(data):
        letter, number, _, other = match.groups()
        if letter is not None:
            if letter.lower() not in ARITY:
                raise SvgPathError(f"unsupported path command {letter!r} at character {match.start()}")
            yield letter
        elif number is not None:
            yield float(number)
        elif other is not None:
            raise SvgPathError(f"unexpected {other!r} at character {match.start()} of the path data")


def commands(data: str) -> Iterator[tuple[str, tuple[float, ...]]]:
    """(command letter, its numbers) per drawing step; implicit repeats come out as steps of their own,
    a moveto's extra pairs as linetos (``l`` or ``L``, keeping relative or absolute)."""
    letter: str | None = None
    numbers: list[float] = []

    def steps() -> Iterator[tuple[str, tuple[float, ...]]]:
        assert letter is not None
        arity = ARITY[letter.lower()]
        if arity == 0:
            if numbers:
                raise SvgPathError(f"closepath takes no numbers, got {numbers[:3]}")
            yield letter, ()
            return
        if not numbers or len(numbers) % arity:
            raise SvgPathError(f"{letter!r} needs numbers in groups of {arity}, got {len(numbers)}")
        for start in range(0, len(numbers), arity):
            repeated = letter
            if start and letter in "mM":
                repeated = "l" if letter == "m" else "L"
            yield repeated, tuple(numbers[start : start + arity])

    for token in tokens(data):
        if isinstance(token, str):
            if letter is not None:
                yield from steps()
            elif token not in "mM":
                raise SvgPathError(f"path data must start with a moveto, not {token!r}")
            letter, numbers = token, []
        else:
            if letter is None:
                raise SvgPathError("path data must start with a moveto, not a number")
            numbers.append(token)
    if letter is not None:
        yield from steps()


def parse_path(data: str, height: float = 0.0) -> Path:
    """The path data ``data`` as one matplotlib Path (several subpaths when it has several movetos).

    y becomes ``height - y``: pass the SVG's viewBox height to keep a map's coordinates positive, north up.
    """
    vertices: list[tuple[float, float]] = []
    codes: list[int] = []
    x = y = 0.0  # the current point, in SVG coordinates
    start_x = start_y = 0.0  # where the current subpath began (closepath returns there)
    control: tuple[float, float] | None = None  # the last curve's second control point, for S
    closed = False  # the last step closed a subpath: a drawing step must first move back to its start

    def add(code: int, *points: tuple[float, float]) -> None:
        for point in points:
            vertices.append((point[0], height - point[1]))
            codes.append(code)

    for letter, numbers in commands(data):
        command = letter.lower()
        relative = letter.islower()
        if closed and command != "m":
            add(Path.MOVETO, (start_x, start_y))
        closed = False
        next_control = None
        if command == "m":
            x, y = (x + numbers[0], y + numbers[1]) if relative else numbers
            start_x, start_y = x, y
            add(Path.MOVETO, (x, y))
        elif command == "l":
            x, y = (x + numbers[0], y + numbers[1]) if relative else numbers
            add(Path.LINETO, (x, y))
        elif command == "h":
            x = x + numbers[0] if relative else numbers[0]
            add(Path.LINETO, (x, y))
        elif command == "v":
            y = y + numbers[0] if relative else numbers[0]
            add(Path.LINETO, (x, y))
        elif command in "cs":
            if command == "c":
                points = [numbers[0:2], numbers[2:4], numbers[4:6]]
            else:
                # The first control point mirrors the previous curve's second one, or is the current point.
                first = (2 * x - control[0], 2 * y - control[1]) if control is not None else (x, y)
                points = [numbers[0:2], numbers[2:4]]
            points = [(x + px, y + py) if relative else (px, py) for px, py in points]
            if command == "s":
                points.insert(0, first)
            add(Path.CURVE4, *points)
            next_control = points[1]
            x, y = points[2]
        else:  # closepath
            add(Path.CLOSEPOLY, (start_x, start_y))
            x, y = start_x, start_y
            closed = True
        control = next_control
    if not codes:
        raise SvgPathError("empty path data")
    return Path(vertices, codes)

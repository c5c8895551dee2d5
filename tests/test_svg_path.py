"""SVG path data -> matplotlib Path: relative and absolute commands, implicit repeats, smooth curves, closepath."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.path import Path

from bot.telegram.svg_path import SvgPathError, commands, parse_path, tokens

M, L, C, Z = Path.MOVETO, Path.LINETO, Path.CURVE4, Path.CLOSEPOLY


def points(path: Path) -> list[tuple[float, float]]:
    return [(round(float(x), 6), round(float(y), 6)) for x, y in path.vertices]


def codes(path: Path) -> list[int]:
    return [int(code) for code in path.codes]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("m1.5-2", ["m", 1.5, -2.0]),
        ("-0.5-1.2", [-0.5, -1.2]),  # a sign starts a new number
        ("0.5.5", [0.5, 0.5]),  # so does a second point
        ("1e-3 2E2 -.5e1", [0.001, 200.0, -5.0]),
        ("c1,2 3 , 4\n5\t6", ["c", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]),
        ("+3z", [3.0, "z"]),
    ],
)
def test_numbers_run_together_as_svg_allows(data: str, expected: list) -> None:
    assert list(tokens(data)) == expected


def test_relative_and_absolute_lines() -> None:
    relative = parse_path("m10 20 l5 0 h-2 v3 l-3-3")
    absolute = parse_path("M10 20 L15 20 H13 V23 L10 20")
    assert codes(relative) == codes(absolute) == [M, L, L, L, L]
    assert points(relative) == points(absolute) == [(10, -20), (15, -20), (13, -20), (13, -23), (10, -20)]


def test_y_is_flipped_against_the_given_height_so_north_is_up() -> None:
    path = parse_path("M0 0 L0 100", height=1388)
    assert points(path) == [(0, 1388), (0, 1288)]  # the top of the SVG is the top of the map


def test_numbers_after_a_moveto_are_linetos_and_other_commands_repeat() -> None:
    path = parse_path("m0 0 1 1 2 2 h1 1 v1 1")
    assert [letter for letter, _ in commands("m0 0 1 1 2 2 h1 1")] == ["m", "l", "l", "h", "h"]
    assert [letter for letter, _ in commands("M0 0 1 1")] == ["M", "L"]
    assert codes(path) == [M, L, L, L, L, L, L]
    assert points(path) == [(0, 0), (1, -1), (3, -3), (4, -3), (5, -3), (5, -4), (5, -5)]


def test_repeated_relative_curves_each_start_at_the_last_end() -> None:
    path = parse_path("m0 0 c1 0 2 1 2 2 1 0 2 1 2 2")
    assert codes(path) == [M, C, C, C, C, C, C]
    assert points(path)[4:] == [(3, -2), (4, -3), (4, -4)]


def test_smooth_curve_reflects_the_previous_control_point() -> None:
    relative = parse_path("m0 0 c1 1 2 1 3 0 s2-1 3 0")
    absolute = parse_path("M0 0 C1 1 2 1 3 0 S5 -1 6 0")
    assert codes(relative) == codes(absolute) == [M, C, C, C, C, C, C]
    # the second control point (2, 1) mirrored about the current point (3, 0) is (4, -1); y then flips
    assert points(relative) == points(absolute)
    assert points(relative)[4:] == [(4, 1), (5, 1), (6, 0)]


def test_smooth_curve_after_a_line_starts_at_the_current_point() -> None:
    path = parse_path("M0 0 L3 0 S5 -1 6 0")
    assert points(path)[2:] == [(3, 0), (5, 1), (6, 0)]


def test_smooth_curves_chain_their_reflections() -> None:
    path = parse_path("M0 0 S1 1 2 0 s1-1 2 0")
    assert points(path)[1:] == [(0, 0), (1, -1), (2, 0), (3, 1), (3, 1), (4, 0)]


def test_closepath_returns_to_the_start_and_a_later_step_moves_there_first() -> None:
    path = parse_path("m10 10 h5 v5 z l1 1 Z")
    assert codes(path) == [M, L, L, Z, M, L, Z]
    assert points(path) == [(10, -10), (15, -10), (15, -15), (10, -10), (10, -10), (11, -11), (10, -10)]


def test_relative_moveto_after_closepath_starts_from_the_subpath_start() -> None:
    path = parse_path("m10 10 h5 z m1 1 h1")
    assert points(path)[3:] == [(11, -11), (12, -11)]
    assert codes(path) == [M, L, Z, M, L]


def test_a_parsed_shape_fills_like_the_polygon_it_draws() -> None:
    square = parse_path("M0 0 h10 v10 h-10 z", height=10)
    assert square.contains_point((5, 5))
    assert not square.contains_point((15, 5))
    np.testing.assert_allclose(square.get_extents().bounds, (0, 0, 10, 10))


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ("", "empty"),
        ("l1 1", "must start with a moveto"),
        ("1 1", "must start with a moveto"),
        ("m0 0 a1 1 0 0 1 2 2", "unsupported path command 'a'"),
        ("m0 0 q1 1 2 2", "unsupported path command 'q'"),
        ("m0 0 l1", "groups of 2"),
        ("m0 0 c1 2 3", "groups of 6"),
        ("m0 0 z 5", "closepath takes no numbers"),
        ("m0 0 l1 #", "unexpected '#'"),
    ],
)
def test_what_it_cannot_read_is_an_error_that_says_what(data: str, problem: str) -> None:
    with pytest.raises(SvgPathError, match=problem):
        parse_path(data)

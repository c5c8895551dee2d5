"""Render the engine's ``Chart`` data as a PNG bar chart, off-screen.

Uses matplotlib's object API with the Agg canvas (no pyplot, no display, no global figure state),
so it is safe to call from a worker thread. Bars keep the engine's order (rankings come sorted). Exit-poll bars are
hatched, named in the legend and set apart, so nobody mistakes a poll of one polling station for an official count;
Russia overall, a reference, is grey and apart too. Many bars (rankings of up to 50 places) are drawn as horizontal
rows in a taller figure.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")  # never try to open a window, even if pyplot gets imported elsewhere

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from bot.catalogue import text
from bot.render import format_number
from bot.replies import Chart, ChartBar

REPORTED_COLOR = "#3b6ea8"
EXIT_POLL_COLOR = "#f2b134"
NATIONAL_COLOR = "#9a9a9a"  # Russia overall: a reference, not one of the compared places
GROUP_COLORS = {"places": REPORTED_COLOR, "exit_poll": EXIT_POLL_COLOR, "national": NATIONAL_COLOR}
GROUP_GAP = 0.8  # extra space, in bar widths, between the places, the exit polls and Russia overall
MAX_VERTICAL_BARS = 8  # more bars than this are drawn horizontally: long country names stay readable
ROW_INCHES = 0.3  # height per bar of a horizontal chart (50 bars: a 16.6-inch, 1,800-pixel tall image)
APPROX_MARKS = {"exact": "", "around": "~", "more_than": ">", "less_than": "<"}


def value_label(value: float, unit: str, approx: str, language: str = "en") -> str:
    """ "~4,600" / "57.6%" in English, "~4 600" / "57,6%" in Russian: the same number style as the replies."""
    number = format_number(value, language) + ("%" if unit == "%" else "")
    return f"{APPROX_MARKS.get(approx, '')}{number}"


def axis_label(unit: str, language: str) -> str:
    return text("axis_percent" if unit == "%" else "axis_voters", language)


def bar_group(bar: ChartBar, language: str) -> str:
    """Which block a bar belongs to: the compared places, the exit polls, or Russia overall (a reference)."""
    if bar.exit_poll:
        return "exit_poll"
    return "national" if bar.label == text("national", language) else "places"


def bar_positions(chart: Chart) -> list[float]:
    """One position per bar in the given order (the engine sorts), with a gap where the block changes,
    so exit polls and the national reference stand apart from the ranked places."""
    positions: list[float] = []
    position, previous = 0.0, None
    for bar in chart.bars:
        group = bar_group(bar, chart.language)
        if previous is not None and group != previous:
            position += GROUP_GAP
        positions.append(position)
        position += 1
        previous = group
    return positions


def is_horizontal(chart: Chart) -> bool:
    return len(chart.bars) > MAX_VERTICAL_BARS


def figure_size(chart: Chart) -> tuple[float, float]:
    """Width and height in inches: a horizontal chart grows a row per bar, so 50 names stay readable."""
    if not is_horizontal(chart):
        return 7.0, 4.2
    return 7.5, max(4.2, 1.6 + ROW_INCHES * len(chart.bars))


def render_chart(chart: Chart) -> bytes:
    """Draw ``chart`` as a bar chart, bars in the given order, and return PNG bytes.

    Up to MAX_VERTICAL_BARS bars stand upright; more are drawn as horizontal rows, the first at the top.
    """
    figure = Figure(figsize=figure_size(chart), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    horizontal = is_horizontal(chart)
    values = [bar.value for bar in chart.bars]
    positions = bar_positions(chart)
    exit_poll_label = text("exit_poll", chart.language)
    colors = [GROUP_COLORS[bar_group(bar, chart.language)] for bar in chart.bars]
    draw = axes.barh if horizontal else axes.bar
    bars = draw(positions, values, color=colors, hatch=None, edgecolor="#333333")
    for patch, bar in zip(bars, chart.bars, strict=True):
        if bar.exit_poll:
            patch.set_hatch("//")
    labels = [f"{bar.label}\n({exit_poll_label})" if bar.exit_poll else bar.label for bar in chart.bars]
    if horizontal:
        labels = [label.replace("\n", " ") for label in labels]
        axes.set_yticks(positions, labels, fontsize=8)
        axes.invert_yaxis()  # the first (largest, or smallest when asked) at the top
    else:
        axes.set_xticks(positions, labels)
    for patch, bar in zip(bars, chart.bars, strict=True):
        label = value_label(bar.value, chart.unit, bar.approx, chart.language)
        if horizontal:
            end = (patch.get_width(), patch.get_y() + patch.get_height() / 2)
            axes.annotate(label, end, ha="left", va="center", fontsize=7, xytext=(2, 0), textcoords="offset points")
        else:
            end = (patch.get_x() + patch.get_width() / 2, patch.get_height())
            axes.annotate(label, end, ha="center", va="bottom", fontsize=9, xytext=(0, 2), textcoords="offset points")
    axes.set_title(chart.title)
    value_axis = axes.xaxis if horizontal else axes.yaxis
    (axes.set_xlabel if horizontal else axes.set_ylabel)(axis_label(chart.unit, chart.language))
    # Headroom beyond the longest bar keeps its value label clear of the legend and the frame.
    top = 100 if chart.unit == "%" else max(values, default=0) or 1
    (axes.set_xlim if horizontal else axes.set_ylim)(0, top * (1.15 if horizontal else 1.3))
    if chart.unit == "%":
        (axes.set_xticks if horizontal else axes.set_yticks)(range(0, 101, 20))
    else:
        value_axis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, chart.language)))
    axes.spines[["top", "right"]].set_visible(False)
    if any(bar.exit_poll for bar in chart.bars):
        axes.legend(
            handles=[Patch(facecolor=EXIT_POLL_COLOR, edgecolor="#333333", hatch="//", label=exit_poll_label)],
            loc="lower right" if horizontal else "upper right",
        )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

"""Render the engine's ``Chart`` data as a PNG bar chart, off-screen.

Uses matplotlib's object API with the Agg canvas (no pyplot, no display, no global figure state),
so it is safe to call from a worker thread. Exit-poll bars are hatched and named in the legend, so
nobody mistakes a poll of one polling station for an official count.
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
from bot.replies import Chart

REPORTED_COLOR = "#3b6ea8"
EXIT_POLL_COLOR = "#f2b134"
APPROX_MARKS = {"exact": "", "around": "~", "more_than": ">", "less_than": "<"}


def value_label(value: float, unit: str, approx: str, language: str = "en") -> str:
    """ "~4,600" / "57.6%" in English, "~4 600" / "57,6%" in Russian: the same number style as the replies."""
    number = format_number(value, language) + ("%" if unit == "%" else "")
    return f"{APPROX_MARKS.get(approx, '')}{number}"


def axis_label(unit: str, language: str) -> str:
    return text("axis_percent" if unit == "%" else "axis_voters", language)


def render_chart(chart: Chart) -> bytes:
    """Draw ``chart`` as a bar chart and return PNG bytes."""
    figure = Figure(figsize=(7, 4.2), dpi=110)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [bar.label for bar in chart.bars]
    values = [bar.value for bar in chart.bars]
    exit_poll_label = text("exit_poll", chart.language)
    bars = axes.bar(
        range(len(values)),
        values,
        color=[EXIT_POLL_COLOR if bar.exit_poll else REPORTED_COLOR for bar in chart.bars],
        hatch=None,
        edgecolor="#333333",
    )
    for patch, bar in zip(bars, chart.bars, strict=True):
        if bar.exit_poll:
            patch.set_hatch("//")
    axes.set_xticks(
        range(len(labels)),
        [
            f"{label}\n({exit_poll_label})" if bar.exit_poll else label
            for label, bar in zip(labels, chart.bars, strict=True)
        ],
    )
    for patch, bar in zip(bars, chart.bars, strict=True):
        axes.annotate(
            value_label(bar.value, chart.unit, bar.approx, chart.language),
            (patch.get_x() + patch.get_width() / 2, patch.get_height()),
            ha="center",
            va="bottom",
            fontsize=9,
            xytext=(0, 2),
            textcoords="offset points",
        )
    axes.set_title(chart.title)
    axes.set_ylabel(axis_label(chart.unit, chart.language))
    # Headroom above the tallest bar keeps its value label clear of the legend.
    top = 100 if chart.unit == "%" else max(values, default=0) or 1
    axes.set_ylim(0, top * 1.3)
    if chart.unit == "%":
        axes.set_yticks(range(0, 101, 20))
    else:
        axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: format_number(value, chart.language)))
    axes.spines[["top", "right"]].set_visible(False)
    if any(bar.exit_poll for bar in chart.bars):
        axes.legend(
            handles=[Patch(facecolor=EXIT_POLL_COLOR, edgecolor="#333333", hatch="//", label=exit_poll_label)],
            loc="upper right",
        )
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()

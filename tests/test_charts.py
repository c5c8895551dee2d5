"""Bar charts: real PNGs, labelled in the user's language, exit-poll bars marked."""

from __future__ import annotations

import io
import itertools

import pytest
from matplotlib.image import imread

from bot.replies import Chart, ChartBar
from bot.telegram import charts

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def chart(language: str = "en", unit: str = "%", exit_poll: bool = True) -> Chart:
    return Chart(
        title="Putin's share" if language == "en" else "Доля Путина",
        unit=unit,
        bars=(
            ChartBar("Kyrgyzstan", 81, approx="around"),
            ChartBar("Uzbekistan", 57.6),
            ChartBar("Almaty", 8, exit_poll=exit_poll, approx="around"),
        ),
        caption="Source: Eurasianet, March 2024",
        language=language,
    )


def test_render_chart_returns_a_png_image() -> None:
    png = charts.render_chart(chart())
    assert png.startswith(PNG_MAGIC)
    height, width, _ = imread(io.BytesIO(png)).shape
    assert width > 400 and height > 200


@pytest.mark.parametrize(("language", "expected"), [("en", "exit poll"), ("ru", "экзитпол")])
def test_exit_poll_bars_are_hatched_and_named_in_the_legend(monkeypatch, language: str, expected: str) -> None:
    drawn = {}
    original = charts.Figure.savefig

    def capture(figure, *args, **kwargs):
        drawn["figure"] = figure
        return original(figure, *args, **kwargs)

    monkeypatch.setattr(charts.Figure, "savefig", capture)
    charts.render_chart(chart(language))
    axes = drawn["figure"].axes[0]
    hatches = [patch.get_hatch() for patch in axes.patches]
    assert hatches == [None, None, "//"]
    assert [text.get_text() for text in axes.get_legend().get_texts()] == [expected]
    assert expected in axes.get_xticklabels()[2].get_text()
    assert axes.get_ylabel() == ("Share, %" if language == "en" else "Доля, %")


def test_chart_without_exit_poll_has_no_legend(monkeypatch) -> None:
    drawn = {}
    original = charts.Figure.savefig
    monkeypatch.setattr(charts.Figure, "savefig", lambda f, *a, **k: (drawn.setdefault("f", f), original(f, *a, **k)))
    charts.render_chart(chart(exit_poll=False, unit="voters"))
    axes = drawn["f"].axes[0]
    assert axes.get_legend() is None
    assert axes.get_ylabel() == "Voters"


@pytest.mark.parametrize(
    ("value", "unit", "approx", "language", "label"),
    [
        (81, "%", "around", "en", "~81%"),
        (7800, "voters", "more_than", "en", ">7,800"),
        (7800, "voters", "more_than", "ru", ">7\u00a0800"),
        (57.6, "%", "exact", "en", "57.6%"),
        (57.6, "%", "exact", "ru", "57,6%"),
    ],
)
def test_value_labels_keep_the_hedge_in_the_replies_number_style(
    value: float, unit: str, approx: str, language: str, label: str
) -> None:
    assert charts.value_label(value, unit, approx, language) == label


def test_empty_chart_still_renders() -> None:
    assert charts.render_chart(Chart("Nothing", "voters", (), "Source: -")).startswith(PNG_MAGIC)


def drawn_axes(monkeypatch, to_draw: Chart):
    drawn = {}
    original = charts.Figure.savefig
    monkeypatch.setattr(charts.Figure, "savefig", lambda f, *a, **k: (drawn.setdefault("f", f), original(f, *a, **k)))
    png = charts.render_chart(to_draw)
    return drawn["f"], png


def test_bars_keep_the_given_order_and_exit_polls_and_russia_overall_stand_apart(monkeypatch) -> None:
    ranked = Chart(
        "Putin's share", "%",
        (ChartBar("Moldova", 96.5), ChartBar("Tajikistan", 93.9), ChartBar("Almaty", 8, exit_poll=True),
         ChartBar("Russia overall", 87.28)),
        "Sources: CEC",
    )  # fmt: skip
    figure, _ = drawn_axes(monkeypatch, ranked)
    axes = figure.axes[0]
    assert [label.get_text().split("\n")[0] for label in axes.get_xticklabels()] == [
        "Moldova", "Tajikistan", "Almaty", "Russia overall"]  # fmt: skip
    centres = [patch.get_x() + patch.get_width() / 2 for patch in axes.patches]
    steps = [round(b - a, 2) for a, b in itertools.pairwise(centres)]
    assert steps == [1, 1 + charts.GROUP_GAP, 1 + charts.GROUP_GAP]
    assert [patch.get_hatch() for patch in axes.patches] == [None, None, "//", None]
    assert charts.bar_group(ranked.bars[-1], "en") == "national"


def test_many_bars_are_drawn_as_rows_in_a_taller_figure_first_at_the_top(monkeypatch) -> None:
    bars = (*tuple(ChartBar(f"Country {n}", 100 - n) for n in range(50)), ChartBar("Almaty", 8, exit_poll=True))
    figure, png = drawn_axes(monkeypatch, Chart("Ranking", "%", bars, "Sources: CEC"))
    axes = figure.axes[0]
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels[:2] == ["Country 0", "Country 1"] and labels[-1] == "Almaty (exit poll)"
    assert axes.yaxis_inverted()  # the first bar at the top
    assert [patch.get_hatch() for patch in axes.patches][-1] == "//"
    assert axes.get_xlabel() == "Share, %"
    width, height = figure.get_size_inches()
    assert height > 15 and width < 8
    pixels_high, pixels_wide, _ = imread(io.BytesIO(png)).shape
    assert pixels_high + pixels_wide < 10_000 and pixels_high / pixels_wide < 20  # Telegram's photo limits


def test_a_few_bars_stay_upright() -> None:
    assert not charts.is_horizontal(chart())
    assert charts.figure_size(chart()) == (7.0, 4.2)

"""Bar charts: real PNGs, labelled in the user's language, exit-poll bars marked."""

from __future__ import annotations

import io

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

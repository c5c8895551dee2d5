"""The world map: shapes from the installed pygal_maps_world, a PNG in both languages, places not drawn named."""

from __future__ import annotations

import io

import pytest
from matplotlib.image import imread
from telegram_harness import project_knowledge

from bot.map_data import MapData, MapPlace, putin_shares
from bot.telegram import worldmap

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
NOT_DRAWN = {"abkhazia", "south-ossetia", "qatar"}  # no ISO code; Qatar is not in the package's map


@pytest.fixture(scope="module")
def shares() -> MapData:
    return putin_shares(project_knowledge())


@pytest.fixture(scope="module")
def rendered(shares: MapData) -> dict[str, worldmap.RenderedMap]:
    return {language: worldmap.render_world_map(shares, language) for language in ("en", "ru")}


def centre(code: str) -> tuple[float, float]:
    x0, y0, x1, y1 = worldmap.shape_boxes()[code]
    return (x0 + x1) / 2, (y0 + y1) / 2


def test_the_map_is_read_once_from_the_installed_package() -> None:
    shapes = worldmap.world_shapes()
    assert shapes is worldmap.world_shapes()
    assert len(shapes) == 184 and {"kz", "us", "rs", "me", "ge", "sg"} <= set(shapes)
    width, height = worldmap.VIEWBOX
    for code, (x0, y0, x1, y1) in worldmap.shape_boxes().items():
        assert x0 >= 0 and y0 >= 0 and y1 <= height and x1 <= width + 3, code  # 2477: New Zealand's tip
    kazakhstan = shapes["kz"].get_extents()  # the exact box lies inside the one around the control points
    assert worldmap.shape_boxes()["kz"][0] <= kazakhstan.x0 and kazakhstan.x1 <= worldmap.shape_boxes()["kz"][2]


def test_north_is_up_and_west_is_left() -> None:
    assert centre("ru")[1] > centre("kz")[1] > centre("in")[1] > centre("au")[1]
    assert centre("fr")[0] < centre("de")[0] < centre("kz")[0]
    assert centre("cl")[1] > worldmap.SOUTH_EDGE  # the map's cut-off leaves South America whole


def test_every_place_with_a_station_has_a_shape_except_those_named_as_not_drawn(shares: MapData) -> None:
    missing = {place.country for place in worldmap.not_drawn(shares)}
    assert missing == NOT_DRAWN
    assert all(worldmap.drawable(place) for place in shares.places if place.country not in NOT_DRAWN)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_render_returns_a_png_with_title_and_caption(rendered: dict, language: str) -> None:
    drawn = rendered[language]
    assert drawn.png.startswith(PNG_MAGIC)
    height, width, _ = imread(io.BytesIO(drawn.png)).shape
    assert (width, height) == (1210, 770)
    assert drawn.title == worldmap.text("map_title", language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ["Source: CEC station protocols", "exit polls are not shown", "Abkhazia, Qatar and South Ossetia."]),
        ("ru", ["Источник: протоколы ЦИК", "экзитполы на карте не показаны", "Абхазия, Катар и Южная Осетия."]),
    ],
)
def test_the_caption_cites_the_source_and_names_the_places_not_drawn(
    rendered: dict, language: str, expected: list[str]
) -> None:
    caption = rendered[language].caption
    assert all(part in caption for part in expected), caption
    assert "Baikonur" not in caption and "Байконур" not in caption


def test_the_same_map_is_drawn_once(shares: MapData) -> None:
    first = worldmap.render_world_map(shares, "en")
    assert worldmap.render_world_map(shares, "en") is first
    assert worldmap.render_world_map(shares, "de") is first  # a language the bot does not speak: English


def place(country: str, iso: str | None, share: float, ballots: int | None = 1000) -> MapPlace:
    return MapPlace(country, iso, country.title(), country, share, ballots, "cec")


def drawn_figure(monkeypatch, data: MapData, language: str = "en"):
    captured = {}
    original = worldmap.Figure.savefig

    def capture(figure, *args, **kwargs):
        captured["figure"] = figure
        return original(figure, *args, **kwargs)

    monkeypatch.setattr(worldmap.Figure, "savefig", capture)
    worldmap._render.cache_clear()
    drawn = worldmap.render_world_map(data, language)
    return captured["figure"], drawn


def test_places_take_the_colour_of_their_share_and_the_rest_is_grey(monkeypatch) -> None:
    data = MapData(
        (place("kazakhstan", "KZ", 42.18), place("serbia", "RS", 10.84, ballots=40), place("abkhazia", None, 93.96)),
        "Source: CEC",
        "Источник: ЦИК",
    )
    figure, drawn = drawn_figure(monkeypatch, data)
    grey, coloured, hatched = figure.axes[0].collections[:3]
    scale = worldmap.ScalarMappable(norm=worldmap.Normalize(0, 100), cmap=worldmap.COLOR_MAP)
    assert [tuple(colour) for colour in coloured.get_facecolors()] == [scale.to_rgba(42.18), scale.to_rgba(10.84)]
    # every other shape but Antarctica is grey: no station there
    assert len(grey.get_paths()) == len(worldmap.world_shapes()) - 2 - len(worldmap.LEFT_OUT)
    assert len(hatched.get_paths()) == 1  # Serbia's 40 ballots: drawn, hatched
    legend = [text.get_text() for text in figure.legends[0].get_texts()]
    assert legend == ["No Russian polling station", "Fewer than 100 ballots in the boxes"]
    assert drawn.caption == (
        "Source: CEC\nOfficial results only: exit polls are not shown.\nNot drawn (no shape on the map): Abkhazia."
    )
    assert any("Share of the ballots in the boxes, %" in axes.get_xlabel() for axes in figure.axes)


def test_a_place_too_small_to_see_also_gets_a_dot(monkeypatch) -> None:
    figure, _ = drawn_figure(monkeypatch, MapData((place("singapore", "SG", 47.21),), "S", "И"), "ru")
    [dots] = [c for c in figure.axes[0].collections if c not in figure.axes[0].collections[:3]]
    assert len(dots.get_offsets()) == 1
    assert worldmap.is_tiny(worldmap.shape_boxes()["sg"]) and not worldmap.is_tiny(worldmap.shape_boxes()["mt"])
    assert [text.get_text() for text in figure.legends[0].get_texts()] == ["Нет российского участка"]

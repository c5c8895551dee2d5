"""Draw Vladimir Putin's official share abroad as a world map (a choropleth PNG), off-screen.

The country shapes come from the ``pygal_maps_world`` package (its ``worldmap.svg``: one ``<g class="xx country">``
per ISO alpha-2 code, viewBox 0 0 2475 1388), read from the installed package once and cached; nothing is
downloaded. Every place with an official result is coloured on one fixed 0-100% scale, places with fewer ballots
than the rankings accept are hatched (a share of 20 ballots is no trend), countries without a Russian polling
station are light grey. Places the map has no shape for (Abkhazia and South Ossetia have no ISO code; Qatar is not
in the package) are named in the caption as not drawn. Only official results are drawn: the data come from
``bot.map_data``, which takes no exit poll.

Like ``charts``, it uses matplotlib's object API with the Agg canvas, so it is safe to call from a worker thread;
the handler imports it lazily, so matplotlib loads only when a map is drawn.

Usage:

    drawn = render_world_map(putin_shares(engine.knowledge), "en")
    drawn.png, drawn.title, drawn.caption
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # never try to open a window, even if pyplot gets imported elsewhere

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path

from bot.catalogue import text
from bot.engine.thresholds import MIN_RANKED_BALLOTS
from bot.map_data import MapData, MapPlace
from bot.render import join_names
from bot.telegram.svg_path import parse_path

MAP_PACKAGE = "pygal_maps_world"
MAP_FILE = "worldmap.svg"
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
VIEWBOX = (2475.0, 1388.0)  # width, height of the map's viewBox
LEFT_OUT = frozenset({"aq"})  # Antarctica: no station, and a sixth of the height; the map ends south of Chile
SOUTH_EDGE = 215.0  # the lowest y drawn (y flipped, north up): just south of Cape Horn (about 224)
NO_STATION_COLOR = "#dcdcdc"
BORDER_COLOR = "#ffffff"
FEW_BALLOTS_HATCH = "////"
COLOR_MAP = "viridis"  # perceptually uniform, readable in grey; its dark end is far from the no-station grey
TINY_SHAPE = 6.0  # a shape smaller than this (map units, about 3 px) also gets a dot, or nobody would see it
FIGURE_INCHES = (11.0, 7.0)
DPI = 110


@dataclass(frozen=True)
class RenderedMap:
    """The PNG and the words that go with it, in one language."""

    png: bytes
    title: str
    caption: str  # the source line, and which places are not drawn


@functools.cache
def world_shapes() -> dict[str, Path]:
    """Lower-case ISO alpha-2 code -> the country's outline (one compound Path, y flipped), parsed once."""
    svg = importlib.resources.files(MAP_PACKAGE).joinpath(MAP_FILE).read_text(encoding="utf-8")
    shapes: dict[str, Path] = {}
    for group in ElementTree.fromstring(svg).iter(f"{SVG_NAMESPACE}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        paths = [parse_path(path.get("d", ""), VIEWBOX[1]) for path in group.iter(f"{SVG_NAMESPACE}path")]
        if paths:
            shapes[classes[0].lower()] = Path.make_compound_path(*paths)
    return shapes


@functools.cache
def shape_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Code -> (x0, y0, x1, y1) around the shape's points and control points: a curve stays inside its control
    points, so the box is never too small; computed once (matplotlib's exact curve extents take a second)."""
    boxes = {}
    for code, shape in world_shapes().items():
        (x0, y0), (x1, y1) = shape.vertices.min(axis=0), shape.vertices.max(axis=0)
        boxes[code] = (float(x0), float(y0), float(x1), float(y1))
    return boxes


def drawable(place: MapPlace) -> bool:
    """Whether the map has a shape for the place."""
    return place.iso is not None and place.iso.lower() in world_shapes()


def not_drawn(data: MapData) -> list[MapPlace]:
    return [place for place in data.places if not drawable(place)]


def map_title(language: str) -> str:
    return text("map_title", language)


def map_caption(data: MapData, language: str) -> str:
    """The source line (as the charts cite it), that exit polls are not shown, and the places not drawn."""
    lines = [line for line in (data.source_line(language), text("map_official_only", language)) if line]
    missing = [place.name(language) for place in not_drawn(data)]
    if missing:
        lines.append(text("map_not_drawn", language, places=join_names(missing, language)))
    return "\n".join(lines)


def render_world_map(data: MapData, language: str) -> RenderedMap:
    """Draw the map in ``language``; the same data and language give the same picture, so it is cached."""
    return _render(data, language if language == "ru" else "en")


@functools.lru_cache(maxsize=4)  # one knowledge version, both languages (and the previous version's while it ages)
def _render(data: MapData, language: str) -> RenderedMap:
    shapes = world_shapes()
    by_iso = {place.iso.lower(): place for place in data.places if drawable(place) and place.iso}
    figure = Figure(figsize=FIGURE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.01, 0.2, 0.98, 0.71))
    axes.set_axis_off()
    axes.set_aspect("equal")
    axes.set_xlim(0, VIEWBOX[0])
    axes.set_ylim(SOUTH_EDGE, VIEWBOX[1])
    norm = Normalize(0, 100)
    scale = ScalarMappable(norm=norm, cmap=COLOR_MAP)
    grey = [PathPatch(shape) for code, shape in sorted(shapes.items()) if code not in by_iso and code not in LEFT_OUT]
    axes.add_collection(
        PatchCollection(grey, facecolor=NO_STATION_COLOR, edgecolor=BORDER_COLOR, linewidth=0.3, zorder=1)
    )
    coloured = sorted(by_iso.items())
    patches = [PathPatch(shapes[code]) for code, _ in coloured]
    colours = [scale.to_rgba(place.share) for _, place in coloured]
    axes.add_collection(PatchCollection(patches, facecolor=colours, edgecolor=BORDER_COLOR, linewidth=0.3, zorder=2))
    few = [PathPatch(shapes[code]) for code, place in coloured if few_ballots(place)]
    axes.add_collection(
        PatchCollection(few, facecolor="none", edgecolor="#ffffff", hatch=FEW_BALLOTS_HATCH, linewidth=0, zorder=3)
    )
    boxes = shape_boxes()
    tiny = [(boxes[code], place) for code, place in coloured if is_tiny(boxes[code])]
    if tiny:
        axes.scatter(
            [(box[0] + box[2]) / 2 for box, _ in tiny],
            [(box[1] + box[3]) / 2 for box, _ in tiny],
            s=14,
            c=[scale.to_rgba(place.share) for _, place in tiny],
            edgecolors="#333333",
            linewidths=0.5,
            zorder=4,
        )
    title = map_title(language)
    figure.suptitle(title, y=0.97, fontsize=13)
    bar_axes = figure.add_axes((0.08, 0.16, 0.5, 0.025))
    bar = figure.colorbar(scale, cax=bar_axes, orientation="horizontal", ticks=range(0, 101, 20))
    bar.set_label(text("map_scale", language), fontsize=9)
    bar.ax.tick_params(labelsize=8)
    legend = [Patch(facecolor=NO_STATION_COLOR, edgecolor="#999999", label=text("map_no_station", language))]
    if any(few_ballots(place) for _, place in coloured):
        legend.append(
            Patch(
                facecolor=scale.to_rgba(50),
                edgecolor="#ffffff",
                hatch=FEW_BALLOTS_HATCH,
                label=text("map_few_ballots", language, min=MIN_RANKED_BALLOTS),
            )
        )
    figure.legend(handles=legend, loc="lower right", bbox_to_anchor=(0.98, 0.12), fontsize=8, frameon=False)
    caption = map_caption(data, language)
    figure.text(0.01, 0.012, caption, fontsize=7, color="#444444", ha="left", va="bottom", wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return RenderedMap(png=buffer.getvalue(), title=title, caption=caption)


def is_tiny(box: tuple[float, float, float, float]) -> bool:
    return max(box[2] - box[0], box[3] - box[1]) < TINY_SHAPE


def few_ballots(place: MapPlace) -> bool:
    """A share of fewer ballots than the rankings accept: drawn, but hatched."""
    return place.ballots is not None and place.ballots < MIN_RANKED_BALLOTS

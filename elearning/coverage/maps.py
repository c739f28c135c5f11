"""The coverage map: a choropleth of the area's units drawn from their imported boundaries
(elearning.geo.boundaries), as inline SVG written by the server — no script, no tile server, no
outside request. A unit without a boundary is drawn as a labelled dot at its coordinates; when
none has one, the map is the dot map (charts.dot_map) and says so.

Every unit links to its row of the table ("#unit-<id>"), so a tap on a phone shows its value
where hovering is impossible; hovering shows it too (<title>)."""

import math
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from elearning.geo.models import UnitBoundary

from .charts import HATCH_PATTERN, NO_VALUE, STEPS, dot_map, fill_of
from .numbers import vn_number

# Up to this many units, each carries its value as text on the map.
LABELLED = 40
WIDTH = 600


@dataclass
class MapUnit:
    pk: int
    name: str
    latitude: float | None
    longitude: float | None
    value: object  # a number, None (no figure) or "<5" / "*" (hidden)
    percent: bool = True

    @property
    def shown(self) -> str:
        """The value as the tables write it: "24,1 %", "12", "<5", "—"."""
        if self.value is None:
            return "—"
        if isinstance(self.value, (int, float)):
            return f"{vn_number(self.value)} %" if self.percent else vn_number(self.value)
        return str(self.value)


@dataclass
class DrawnMap:
    svg: str
    legend: str
    notes: list  # what a reader should know: the fallback, units without a boundary, sources


def legend(top, *, percent=True) -> str:
    unit = " %" if percent else ""
    if top <= 0:  # every figure is 0: one colour, not six steps all "≥ 0"
        steps = [format_html('<i style="background:{}"></i>0{}', STEPS[0], unit)]
    else:
        steps = [
            format_html(
                '<i style="background:{}"></i>≥ {}{}',
                colour,
                vn_number(round(top * index / len(STEPS), 1 if top < len(STEPS) else None)),
                unit,
            )
            for index, colour in enumerate(STEPS)
        ]
    cells = [format_html('<span class="coverage-legend__item">{}</span>', step) for step in steps]
    cells.append(
        format_html(
            '<span class="coverage-legend__item"><i class="coverage-legend__hatch"></i>{}</span>',
            _("hidden (<5 or *)"),
        )
    )
    cells.append(
        format_html(
            '<span class="coverage-legend__item"><i style="background:{}"></i>{}</span>',
            NO_VALUE,
            _("no figure"),
        )
    )
    return mark_safe("".join(cells))


class _Projection:
    """Longitude/latitude to the SVG's x/y: equirectangular, shrunk by cos(latitude) at the
    middle of the area, which is close enough for a province or the country."""

    def __init__(self, points):
        lons = [lon for lon, _lat in points]
        lats = [lat for _lon, lat in points]
        self.west, self.north = min(lons), max(lats)
        self.squash = math.cos(math.radians((min(lats) + max(lats)) / 2))
        span_x = max((max(lons) - self.west) * self.squash, 0.01)
        span_y = max(self.north - min(lats), 0.01)
        self.pad = 12
        self.scale = (WIDTH - 2 * self.pad) / span_x
        self.height = round(span_y * self.scale + 2 * self.pad)

    def __call__(self, lon, lat):
        return (
            round(self.pad + (lon - self.west) * self.squash * self.scale, 1),
            round(self.pad + (self.north - lat) * self.scale, 1),
        )


def _path(polygons, project) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + " ".join(f"{x:g} {y:g}" for x, y in points) + "Z")
    return "".join(parts)


def _label_point(unit: MapUnit, polygons):
    """Where a unit's value is written: its coordinates, else the middle of its largest ring."""
    if unit.latitude is not None and unit.longitude is not None:
        return unit.longitude, unit.latitude
    ring = max((polygon[0] for polygon in polygons), key=len)
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2


def boundaries_of(unit_ids) -> dict:
    """{unit id: (polygons, source)} of the units that have an imported boundary."""
    return {
        unit_id: (polygons, source)
        for unit_id, polygons, source in UnitBoundary.objects.filter(
            unit_id__in=list(unit_ids)
        ).values_list("unit_id", "polygons", "source")
    }


def unit_map(units: list[MapUnit], *, title: str, percent: bool = True) -> DrawnMap:
    """The map of the units: polygons where boundaries were imported, dots elsewhere."""
    numbers = [u.value for u in units if isinstance(u.value, (int, float))]
    top = max(numbers or [0])
    drawn_legend = legend(top, percent=percent)
    shapes = boundaries_of(u.pk for u in units)
    if not shapes:
        items = [(u.name, u.latitude, u.longitude, u.value, u.shown) for u in units]
        return DrawnMap(
            svg=dot_map(items, title=title),
            legend=drawn_legend,
            notes=[
                _(
                    "No boundaries have been imported for these units: each is drawn as a dot "
                    "at its coordinates, with its value beside it."
                )
            ],
        )
    points = [tuple(point) for polygons, _s in shapes.values() for p in polygons for point in p[0]]
    dots = [u for u in units if u.pk not in shapes and u.latitude is not None]
    points += [(u.longitude, u.latitude) for u in dots]
    project = _Projection(points)
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}" class="coverage-map coverage-choropleth">',
            WIDTH,
            project.height,
            title,
        ),
        format_html("<title>{}</title>", title),
        mark_safe(HATCH_PATTERN),
    ]
    labels = []
    with_labels = len(units) <= LABELLED
    for unit in units:
        if unit.pk not in shapes:
            continue
        polygons = shapes[unit.pk][0]
        parts.append(
            format_html(
                '<a href="#unit-{}" aria-label="{}: {}"><path d="{}" fill="{}" '
                'fill-rule="evenodd" stroke="#fff" stroke-width="0.8"><title>{}: {}</title>'
                "</path></a>",
                unit.pk,
                unit.name,
                unit.shown,
                _path(polygons, project),
                fill_of(unit.value, top),
                unit.name,
                unit.shown,
            )
        )
        if with_labels and unit.value is not None:  # grey says "no figure" already
            labels.append((project(*_label_point(unit, polygons)), unit.shown))
    for unit in dots:
        x, y = project(unit.longitude, unit.latitude)
        parts.append(
            format_html(
                '<a href="#unit-{}" aria-label="{}: {}"><circle cx="{}" cy="{}" r="6" fill="{}" '
                'stroke="#444"><title>{}: {}</title></circle></a>',
                unit.pk,
                unit.name,
                unit.shown,
                x,
                y,
                fill_of(unit.value, top),
                unit.name,
                unit.shown,
            )
        )
        labels.append(((x, y + 15), unit.shown))
    for (x, y), text in labels:
        parts.append(
            format_html(
                '<text x="{}" y="{}" class="coverage-map__label" text-anchor="middle">{}</text>',
                x,
                y,
                text,
            )
        )
    parts.append(mark_safe("</svg>"))
    notes = []
    missing = len(units) - len([u for u in units if u.pk in shapes])
    if missing:
        notes.append(
            ngettext(
                "%(count)s unit has no imported boundary: it is drawn as a dot.",
                "%(count)s units have no imported boundary: they are drawn as dots.",
                missing,
            )
            % {"count": missing}
        )
    if not with_labels:
        notes.append(_("Tap or point at a unit to see its value; every value is in the table."))
    sources = sorted({source for _p, source in shapes.values() if source})
    if sources:
        notes.append(_("Boundaries: %(sources)s.") % {"sources": "; ".join(sources)})
    return DrawnMap(svg=mark_safe("".join(parts)), legend=drawn_legend, notes=notes)

"""Charts and maps drawn on the server as inline SVG: no script, no tile server, no request to
anywhere else."""

import math

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .choices import IndicatorCode
from .numbers import vn_number

# Colour steps for the map (light to dark), grey for "no figure", and grey hatched for a
# hidden figure ("<5" or "*"), which the legend says apart from "no figure".
STEPS = ["#fde0c5", "#facba6", "#f59e72", "#ef6f4c", "#d94432", "#a52a2a"]
NO_VALUE = "#cccccc"
HATCH = "url(#coverage-hatch)"
HATCH_PATTERN = (
    '<defs><pattern id="coverage-hatch" width="6" height="6" '
    'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    f'<rect width="6" height="6" fill="{NO_VALUE}"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2"/>'
    "</pattern></defs>"
)


def charted(figures) -> list:
    """The figures that get a chart: the rates (community-session counts have no percentage
    to chart), not their details."""
    return [f for f in figures if not f.is_detail and not IndicatorCode(f.code).is_count]


def line_chart(points, *, target=None, title="", width=320, height=140) -> str:
    """A value (0–100 %) over time; gaps where the value is withheld; a dashed target line."""
    pad_l, pad_r, pad_t, pad_b = 30, 8, 8, 20
    inner_w, inner_h = width - pad_l - pad_r, height - pad_t - pad_b
    values = [v for _d, v in points if v is not None]
    top = max([100.0, *(values or [0]), float(target or 0)])

    def y(value):
        return pad_t + inner_h * (1 - value / top)

    def x(index):
        return pad_l + (inner_w * index / (len(points) - 1) if len(points) > 1 else inner_w / 2)

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}" class="coverage-chart">',
            width,
            height,
            title,
        ),
        format_html("<title>{}</title>", title),
    ]
    for tick in (0, 50, 100):
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ddd"/>'
                '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="#555">{}%</text>',
                pad_l,
                width - pad_r,
                round(y(tick), 1),
                round(y(tick), 1),
                pad_l - 3,
                round(y(tick) + 3, 1),
                tick,
            )
        )
    if target is not None:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#2e7d32" stroke-dasharray="4 3">'
                "<title>{}</title></line>",
                pad_l,
                width - pad_r,
                round(y(float(target)), 1),
                round(y(float(target)), 1),
                _("Target: %(value)s%%") % {"value": vn_number(float(target))},
            )
        )
    segment = []
    segments = [segment]
    for index, (_day, value) in enumerate(points):
        if value is None:
            segment = []
            segments.append(segment)
        else:
            segment.append((round(x(index), 1), round(y(value), 1)))
    for seg in segments:
        if len(seg) > 1:
            path = " ".join(f"{px},{py}" for px, py in seg)
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="#b3261e" stroke-width="2"/>', path
                )
            )
        for px, py in seg:
            parts.append(format_html('<circle cx="{}" cy="{}" r="2.5" fill="#b3261e"/>', px, py))
    if points:
        for index in {0, len(points) - 1}:
            day = points[index][0]
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="9" text-anchor="{}" fill="#555">{}</text>',
                    round(x(index), 1),
                    height - 5,
                    "start" if index == 0 and len(points) > 1 else "end",
                    f"{day.month:02d}/{day.year}",
                )
            )
    else:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle" fill="#555">{}</text>',
                width / 2,
                height / 2,
                _("No data yet"),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def fill_of(value, top) -> str:
    """A unit's fill on a map: hatched when its figure is hidden, else its colour step."""
    if isinstance(value, str):
        return HATCH  # "<5" or "*"
    return step_of(value, top)


def step_of(value, top) -> str:
    if value is None or isinstance(value, str):
        return NO_VALUE
    if top <= 0:
        return STEPS[0]
    return STEPS[min(len(STEPS) - 1, int(len(STEPS) * value / (top * 1.0001)))]


def dot_map(items, *, title="", width=360, height=420) -> str:
    """Units as dots at their coordinates, coloured by their value. `items` are
    (name, latitude, longitude, value, display) with value a number, None or "<5"."""
    located = [item for item in items if item[1] is not None and item[2] is not None]
    if not located:
        return format_html(
            '<p class="coverage-map-empty">{}</p>', _("No coordinates to draw a map.")
        )
    lats = [item[1] for item in located]
    lons = [item[2] for item in located]
    mid = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * mid, 0.01)
    span_y = max(max(lats) - min(lats), 0.01)
    pad = 14
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    draw_w, draw_h = span_x * scale + 2 * pad, span_y * scale + 2 * pad
    numbers = [item[3] for item in located if isinstance(item[3], (int, float))]
    top = max(numbers or [0])
    radius = max(2.5, min(9.0, 220 / math.sqrt(len(located))))
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" '
            'role="img" aria-label="{}" class="coverage-map">',
            round(draw_w),
            round(draw_h),
            title,
        ),
        format_html("<title>{}</title>", title),
        mark_safe(HATCH_PATTERN),
    ]
    # Few enough units: each dot carries its value as text, readable without hovering
    # (a phone cannot hover); the table below the map has every value too.
    labelled = len(located) <= 40
    for name, lat, lon, value, display in located:
        cx = pad + (lon - min(lons)) * mid * scale
        cy = pad + (max(lats) - lat) * scale
        shown = _shown(display)
        parts.append(
            format_html(
                '<g tabindex="0"><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#444" '
                'stroke-width="0.5"><title>{}: {}</title></circle>',
                round(cx, 1),
                round(cy, 1),
                round(radius, 1),
                fill_of(value, top),
                name,
                shown,
            )
        )
        if labelled:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="9" text-anchor="middle" fill="#222">{}</text>',
                    round(cx, 1),
                    round(cy + radius + 9, 1),
                    shown,
                )
            )
        parts.append(mark_safe("</g>"))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def _shown(display) -> str:
    """A map value as the tables write it: "24,1 %", "<5", "—"."""
    if display is None:
        return "—"
    if isinstance(display, (int, float)):
        return f"{vn_number(display)} %"
    return str(display)

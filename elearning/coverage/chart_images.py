"""The progress charts of the report document as PNG images (Pillow, with the DejaVu font the
PDFs use): one picture embedded in both the PDF and the DOCX, so the two say the same. The same
chart as the page's SVG (charts.line_chart): a value 0–100 % month by month, gaps where a
value is withheld, the target as a dashed line."""

import io
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from .numbers import vn_number

WIDTH, HEIGHT = 900, 330  # pixels: 150 mm wide at 150 dpi
PAD_L, PAD_R, PAD_T, PAD_B = 80, 24, 20, 48
LINE, TARGET, GRID, TEXT = (179, 38, 30), (46, 125, 50), (221, 221, 221), (70, 70, 70)


def _font(size):
    return ImageFont.truetype(str(Path(settings.FONT_DIR) / "DejaVuSans.ttf"), size)


def _dashed(draw, start, end, *, fill, width=3, dash=14, gap=10):
    (x1, y), (x2, _y) = start, end
    x = x1
    while x < x2:
        draw.line([(x, y), (min(x + dash, x2), y)], fill=fill, width=width)
        x += dash + gap


def line_chart_png(points, *, target=None) -> bytes:
    """points: [(date, value or None)], values in %."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    small, label = _font(20), _font(22)
    inner_w, inner_h = WIDTH - PAD_L - PAD_R, HEIGHT - PAD_T - PAD_B
    values = [v for _d, v in points if v is not None]
    top = max([100.0, *values, float(target or 0)])

    def y(value):
        return PAD_T + inner_h * (1 - value / top)

    def x(index):
        if len(points) < 2:
            return PAD_L + inner_w / 2
        return PAD_L + inner_w * index / (len(points) - 1)

    for tick in (0, 25, 50, 75, 100):
        draw.line([(PAD_L, y(tick)), (WIDTH - PAD_R, y(tick))], fill=GRID, width=2)
        draw.text((PAD_L - 10, y(tick)), f"{tick} %", font=small, fill=TEXT, anchor="rm")
    last = next((v for _d, v in reversed(points) if v is not None), None)
    if target is not None:
        target_y = y(float(target))
        _dashed(draw, (PAD_L, target_y), (WIDTH - PAD_R, 0), fill=TARGET)
        # At the right end, unless the last value's label is there (a value at its target).
        beside_last = last is not None and abs(y(last) - target_y) < 40
        draw.text(
            (PAD_L + 8, target_y - 6) if beside_last else (WIDTH - PAD_R, target_y - 6),
            _("Target: %(value)s%%") % {"value": vn_number(float(target))},
            font=small,
            fill=TARGET,
            anchor="lb" if beside_last else "rb",
        )
    segment = []
    for index, (_day, value) in enumerate(points):
        if value is None:
            segment = []
            continue
        point = (x(index), y(value))
        if segment:
            draw.line([segment[-1], point], fill=LINE, width=4)
        segment.append(point)
        draw.ellipse([point[0] - 5, point[1] - 5, point[0] + 5, point[1] + 5], fill=LINE)
    if points:
        for index in sorted({0, len(points) - 1}):
            day = points[index][0]
            anchor = "lt" if index == 0 and len(points) > 1 else "rt"
            draw.text(
                (x(index), HEIGHT - PAD_B + 12),
                f"{day.month:02d}/{day.year}",
                font=small,
                fill=TEXT,
                anchor=anchor,
            )
        if last is not None:
            above = y(last) - 10 > 24  # room above the point for the label, else below it
            draw.text(
                (x(len(points) - 1) - 8, y(last) - 10 if above else y(last) + 10),
                f"{vn_number(round(last, 1))} %",
                font=label,
                fill=LINE,
                anchor="rb" if above else "rt",
            )
    else:
        draw.text((WIDTH / 2, HEIGHT / 2), _("No data yet"), font=label, fill=TEXT, anchor="mm")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()

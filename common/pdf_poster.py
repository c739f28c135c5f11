"""What every printed poster of the site is drawn with (the community session's, the campaign's
per commune): an A4 page, scaled for A3 so both sizes are the same poster; text centred and
shrunk to fit in DejaVu (every Vietnamese letter; drawn as plain text, so database text such
as "<b>" prints as written); and a vector QR code, sharp at any print size."""

import io
from collections.abc import Callable

import segno
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from .pdf_fonts import FONT, register_fonts

SIZES = {"a4": A4, "a3": A3}
RED, INK, MUTED = HexColor("#b3261e"), HexColor("#1d1b20"), HexColor("#5f5b66")
WIDTH, HEIGHT = A4
MARGIN = 16 * mm


def render(size: str, *, title: str, draw: Callable) -> bytes:
    """A one-page poster: `draw(pdf)` draws in A4 coordinates (WIDTH × HEIGHT) whatever the
    paper size (a key of SIZES)."""
    register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=SIZES[size])
    pdf.setTitle(title)
    pdf.setAuthor("Chung Tay")
    scale = SIZES[size][0] / WIDTH
    pdf.scale(scale, scale)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def band(pdf, *, height: float, colour=RED) -> None:
    """A coloured band across the top of the page."""
    pdf.setFillColor(colour)
    pdf.rect(0, HEIGHT - height, WIDTH, height, stroke=0, fill=1)


def centred(pdf, text, font, size, y, *, colour=INK, min_size=12, max_lines=3) -> float:
    """Text centred in the width, shrunk to fit, wrapped over lines if still too long. Returns
    the y below it."""
    usable = WIDTH - 2 * MARGIN
    while size > min_size and pdf.stringWidth(text, font, size) > usable:
        size -= 1
    pdf.setFont(font, size)
    pdf.setFillColor(colour)
    for line in simpleSplit(text, font, size, usable)[:max_lines]:
        pdf.drawCentredString(WIDTH / 2, y - size, line)
        y -= size * 1.25
    return y


def draw_qr(pdf, url: str, *, x: float, y: float, size: float) -> None:
    """The QR code as vector squares, with its quiet zone."""
    matrix = segno.make(url, error="m").matrix
    modules = len(matrix) + 8  # four modules of quiet zone each side
    cell = size / modules
    pdf.setFillColor(white)
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillColor(INK)
    for row, values in enumerate(matrix):
        for column, dark in enumerate(values):
            if dark:
                left = x + (column + 4) * cell
                top = y + size - (row + 4) * cell
                pdf.rect(left, top - cell, cell, cell, stroke=0, fill=1)


def footer(pdf, lines: list[str], *, size: int = 11) -> None:
    """Small grey lines at the foot of the page."""
    pdf.setFont(FONT, size)
    pdf.setFillColor(MUTED)
    for number, line in enumerate(lines):
        pdf.drawCentredString(WIDTH / 2, 16 * mm - number * 6 * mm, line)

"""The session's poster for the hall's wall or door (A4 or A3 PDF): what the session is, when
and where, its QR code large enough to scan from a few steps away, and the short code to type
for a phone whose camera cannot. Vietnamese in DejaVu (every diacritic); drawn for A4 and
scaled for A3, so both are the same poster. The QR code's link is on the site's configured
public address (checkin.checkin_url), never the request's Host."""

import io

import segno
from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A3, A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from common.pdf_fonts import FONT, FONT_BOLD, register_fonts

from . import checkin
from .models import CommunitySession

SIZES = {"a4": A4, "a3": A3}
RED, INK, MUTED = HexColor("#b3261e"), HexColor("#1d1b20"), HexColor("#5f5b66")
WIDTH, HEIGHT = A4
MARGIN = 16 * mm
QR_SIZE = 120 * mm


def title_of(session: CommunitySession) -> str:
    """The kind, and the course or campaign it used when there is one."""
    page = session.course or session.campaign
    kind = session.get_kind_display()
    return f"{kind}: {page.title}" if page else str(kind)


def when_of(session: CommunitySession) -> str:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{starts:%H:%M}–{ends:%H:%M} · {date_format(starts, 'l d/m/Y')}"


def _centred(pdf, text, font, size, y, *, colour=INK, min_size=12) -> float:
    """Text centred in the width, shrunk to fit, wrapped over lines if still too long. Returns
    the y below it."""
    usable = WIDTH - 2 * MARGIN
    while size > min_size and pdf.stringWidth(text, font, size) > usable:
        size -= 1
    pdf.setFont(font, size)
    pdf.setFillColor(colour)
    for line in simpleSplit(text, font, size, usable)[:3]:
        pdf.drawCentredString(WIDTH / 2, y - size, line)
        y -= size * 1.25
    return y


def _qr(pdf, url: str, *, x: float, y: float, size: float) -> None:
    """The QR code as vector squares (sharp at any print size), with its quiet zone."""
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


def render_poster(session: CommunitySession, *, size: str = "a4") -> bytes:
    register_fonts()
    page = SIZES[size]
    buffer = io.BytesIO()
    # Participants read Vietnamese whatever the officer's admin language.
    with translation.override(settings.LANGUAGE_CODE):
        pdf = canvas.Canvas(buffer, pagesize=page)
        pdf.setTitle(_("Check in: %(title)s") % {"title": title_of(session)})
        pdf.setAuthor("Chung Tay")
        scale = page[0] / WIDTH
        pdf.scale(scale, scale)

        pdf.setFillColor(RED)
        pdf.rect(0, HEIGHT - 34 * mm, WIDTH, 34 * mm, stroke=0, fill=1)
        _centred(pdf, _("CHECK IN"), FONT_BOLD, 44, HEIGHT - 8 * mm, colour=white)

        y = _centred(pdf, title_of(session), FONT_BOLD, 30, HEIGHT - 42 * mm)
        y = _centred(pdf, when_of(session), FONT_BOLD, 22, y - 2 * mm, colour=RED)
        y = _centred(pdf, f"{session.place} · {session.commune}", FONT, 18, y - 1 * mm)

        qr_top = min(y - 6 * mm, HEIGHT - 80 * mm)
        _qr(
            pdf,
            checkin.checkin_url(session.pk),
            x=(WIDTH - QR_SIZE) / 2,
            y=qr_top - QR_SIZE,
            size=QR_SIZE,
        )
        y = qr_top - QR_SIZE - 2 * mm
        y = _centred(pdf, _("Scan with your phone's camera"), FONT_BOLD, 18, y)
        y = _centred(
            pdf, _("or open %(url)s and type the code:") % {"url": checkin.code_url()}, FONT, 14, y
        )
        code = " ".join(session.checkin_code)
        _centred(pdf, code, FONT_BOLD, 46, y - 1 * mm, colour=RED)

        pdf.setFont(FONT, 11)
        pdf.setFillColor(MUTED)
        for number, line in enumerate(
            [
                _("No name or phone number is asked. One check-in per phone."),
                _("Under 14? You do not need to check in: the officer counts you."),
            ]
        ):
            pdf.drawCentredString(WIDTH / 2, 16 * mm - number * 6 * mm, line)
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()

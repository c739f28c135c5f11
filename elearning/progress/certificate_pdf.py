"""A certificate as a one-page A4 landscape PDF: reportlab with the DejaVu fonts (they carry
every Vietnamese diacritic) and a QR code (segno) pointing to the public verification page."""

import io

import segno
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from common.pdf_fonts import FONT, FONT_BOLD, register_fonts

RED, INK, MUTED = HexColor("#b3261e"), HexColor("#1d1b20"), HexColor("#5f5b66")


def _fit(pdf, text, font, size, width) -> float:
    """The largest font size up to `size` at which `text` fits in `width`."""
    while size > 8 and pdf.stringWidth(text, font, size) > width:
        size -= 1
    return size


def render_certificate(certificate, *, verify_url: str) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height))
    pdf.setTitle(_("Certificate") + f" {certificate.verification_code}")
    pdf.setAuthor("Chung Tay")

    pdf.setStrokeColor(RED)
    pdf.setLineWidth(4)
    pdf.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    pdf.setLineWidth(1)
    pdf.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    centre = width / 2
    usable = width - 60 * mm
    pdf.setFillColor(RED)
    pdf.setFont(FONT_BOLD, 14)
    pdf.drawCentredString(centre, height - 36 * mm, "CHUNG TAY")
    pdf.setFont(FONT, 11)
    pdf.setFillColor(MUTED)
    pdf.drawCentredString(centre, height - 43 * mm, _("hand in hand against human trafficking"))

    pdf.setFillColor(INK)
    pdf.setFont(FONT_BOLD, 30)
    pdf.drawCentredString(centre, height - 62 * mm, _("CERTIFICATE OF COMPLETION"))
    pdf.setFont(FONT, 13)
    pdf.drawCentredString(centre, height - 76 * mm, _("This certifies that"))

    name_size = _fit(pdf, certificate.learner_name, FONT_BOLD, 28, usable)
    pdf.setFont(FONT_BOLD, name_size)
    pdf.setFillColor(RED)
    pdf.drawCentredString(centre, height - 92 * mm, certificate.learner_name)

    workplace = ", ".join(part for part in (certificate.department, certificate.agency) if part)
    if workplace:
        pdf.setFillColor(INK)
        size = _fit(pdf, workplace, FONT, 13, usable)
        pdf.setFont(FONT, size)
        pdf.drawCentredString(centre, height - 100 * mm, workplace)

    pdf.setFillColor(INK)
    pdf.setFont(FONT, 13)
    pdf.drawCentredString(centre, height - 108 * mm, _("has completed and passed the course"))
    course_size = _fit(pdf, certificate.course_title, FONT_BOLD, 20, usable)
    pdf.setFont(FONT_BOLD, course_size)
    pdf.drawCentredString(centre, height - 121 * mm, certificate.course_title)

    issued = formats.date_format(timezone.localtime(certificate.issued_at), "d/m/Y")
    pdf.setFont(FONT, 13)
    pdf.drawCentredString(
        centre,
        height - 134 * mm,
        _("with a score of %(score)s%%, on %(date)s")
        % {"score": certificate.score, "date": issued},
    )

    qr = segno.make(verify_url, error="m")
    png = io.BytesIO()
    qr.save(png, kind="png", scale=6, border=2)
    png.seek(0)
    size = 32 * mm
    pdf.drawImage(ImageReader(png), 26 * mm, 24 * mm, width=size, height=size)
    pdf.setFont(FONT, 10)
    pdf.setFillColor(MUTED)
    pdf.drawString(62 * mm, 44 * mm, _("Verification code"))
    pdf.setFont(FONT_BOLD, 16)
    pdf.setFillColor(INK)
    pdf.drawString(62 * mm, 36 * mm, certificate.verification_code)
    pdf.setFont(FONT, 9)
    pdf.setFillColor(MUTED)
    pdf.drawString(62 * mm, 29 * mm, _("Check it at %(url)s") % {"url": verify_url})

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

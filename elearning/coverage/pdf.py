"""The overview of a plan as a PDF in Vietnamese (reportlab with the DejaVu fonts, which carry
every Vietnamese diacritic), for the plan's periodic report."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _

from . import selectors
from .models import PdfReport

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        folder = Path(settings.FONT_DIR)
        pdfmetrics.registerFont(TTFont(FONT, str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))


def _cell(value):
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def overview_pdf(*, overview) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    plan = overview.area.plan
    body = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    title = ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=14, leading=18)
    output = io.BytesIO()
    document = SimpleDocTemplate(
        output, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, title=str(plan)
    )
    story = [
        Paragraph(_("Coverage report"), title),
        Paragraph(f"{plan.number} {plan.title}", body),
        Paragraph(plan.issuer, body),
        Paragraph(_("Area: %(area)s") % {"area": overview.area.label}, body),
        Paragraph(
            _("Figures as of %(date)s.") % {"date": overview.as_of.strftime("%d/%m/%Y")}, body
        ),
        Spacer(1, 6 * mm),
    ]
    rows = [
        [
            Paragraph(_("Indicator"), body),
            _("Value (%)"),
            _("Target (%)"),
            _("Status"),
            _("Counted"),
            _("Out of"),
        ]
    ]
    for figure in overview.figures:
        label = ("    " if figure.is_detail else "") + figure.label
        rows.append(
            [
                Paragraph(label, body),
                _cell(figure.value_display),
                _cell(figure.target_display),
                figure.status_label,
                _cell(figure.numerator_display),
                _cell(figure.denominator_display),
            ]
        )
    table = Table(rows, colWidths=[70 * mm, 20 * mm, 20 * mm, 25 * mm, 22 * mm, 22 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 4 * mm),
        Paragraph(_("A figure about fewer than 5 people is shown as “<5”."), body),
    ]
    document.build(story)
    return output.getvalue()


def render_pdf_report(*, pdf_report_id: int) -> PdfReport | None:
    """Make the PDF a reader asked for, in their scope at the time it is made. Idempotent: a
    report already made is left alone."""
    report = (
        PdfReport.objects.select_related("plan", "unit", "requested_by")
        .filter(pk=pdf_report_id)
        .first()
    )
    if report is None or report.status == PdfReport.Status.READY:
        return report
    scope = selectors.reader_scope(user=report.requested_by)
    area = scope and selectors.area_for(plan=report.plan, scope=scope, unit=report.unit)
    if area is None:
        report.status = PdfReport.Status.FAILED
        report.save(update_fields=["status"])
        return report
    with translation.override(settings.LANGUAGE_CODE):
        data = overview_pdf(overview=selectors.overview(area=area))
    report.file.save(f"plan-{report.plan_id}-{report.pk}.pdf", ContentFile(data), save=False)
    report.status = PdfReport.Status.READY
    report.save(update_fields=["file", "status"])
    return report

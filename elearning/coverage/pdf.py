"""The report document as a PDF (ReportLab with the DejaVu fonts, which carry every Vietnamese
diacritic). ReportLab reads a Paragraph's text as markup (<img>, <font>, <a>…): every string
goes through _text(), which escapes it, so text from the database is only ever text."""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from common.pdf_fonts import FONT, FONT_BOLD, FONT_ITALIC, register_fonts

from .chart_images import HEIGHT, WIDTH
from .report_document import MOTTO, ReportDocument

CHART_RATIO = HEIGHT / WIDTH


def _text(value) -> str:
    """A plain string made safe for a Paragraph: markup characters become entities."""
    return escape(str(value))


def render(document: ReportDocument, *, progress=lambda percent: None) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        CondPageBreak,
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14, alignment=TA_JUSTIFY)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=7.5, leading=9.5)
    number = ParagraphStyle("number", parent=cell, alignment=TA_RIGHT)
    head = ParagraphStyle("head", parent=cell, fontName=FONT_BOLD)
    centre = ParagraphStyle("centre", parent=body, alignment=TA_CENTER)
    centre_bold = ParagraphStyle("centre_bold", parent=centre, fontName=FONT_BOLD)
    title = ParagraphStyle("title", parent=centre_bold, fontSize=13, leading=17)
    italic_right = ParagraphStyle(
        "italic_right", parent=body, fontName=FONT_ITALIC, alignment=TA_RIGHT
    )
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    output = io.BytesIO()
    width = A4[0] - 30 * mm
    pdf = SimpleDocTemplate(
        output,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=10 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=document.subtitle,
    )
    header = Table(
        [
            [
                Paragraph(_text(document.issuer.upper()), centre_bold),
                Paragraph(_text(MOTTO[0]), centre_bold),
            ],
            [Paragraph("_______", centre), Paragraph(_text(MOTTO[1]), centre_bold)],
            [
                Paragraph(_text(document.number), centre),
                Paragraph(_text(document.place_date), italic_right),
            ],
        ],
        colWidths=[width * 0.42, width * 0.58],
    )
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [
        header,
        Spacer(1, 8 * mm),
        Paragraph(_text(document.title), title),
        Paragraph(_text(document.subtitle), centre_bold),
        Spacer(1, 5 * mm),
    ]
    story += [Paragraph(_text(text), body) for text in document.paragraphs]
    progress(60)
    for table in document.tables:
        rows = [[Paragraph(_text(h), head) for h in table.headings]]
        for row in table.rows:
            rows.append(
                [Paragraph(_text(row[0]), cell)]
                + [Paragraph(_text(value), number) for value in row[1:]]
            )
        drawn = Table(rows, colWidths=[width * share for share in table.widths], repeatRows=1)
        drawn.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        # A caption never stays alone at the foot of a page: a new page when too little is left
        # for it, the (tall) heading row and a few rows.
        story += [Spacer(1, 4 * mm), CondPageBreak(70 * mm), Paragraph(_text(table.caption), head)]
        story.append(drawn)
    for chart in document.charts:
        drawn = Image(io.BytesIO(chart.png), width=150 * mm, height=150 * mm * CHART_RATIO)
        story += [Spacer(1, 4 * mm), KeepTogether([Paragraph(_text(chart.caption), head), drawn])]
    story.append(Spacer(1, 3 * mm))
    story += [Paragraph(_text(note), small) for note in document.notes]
    footer = Table(
        [
            [
                Paragraph(
                    "<b><i>"
                    + _text(_("Recipients:"))
                    + "</i></b><br/>"
                    + "<br/>".join("- " + _text(line) for line in document.recipients),
                    small,
                ),
                Paragraph(_text(document.signer), centre_bold),
            ]
        ],
        colWidths=[width * 0.5, width * 0.5],
    )
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 6 * mm), footer]

    def page_number(canvas, _doc):
        # Decree 30/2020: from the second page, the number centred at the top.
        canvas.setFont(FONT, 10)
        canvas.drawCentredString(A4[0] / 2 + 5 * mm, A4[1] - 9 * mm, str(canvas.getPageNumber()))

    pdf.build(story, onLaterPages=page_number)
    return output.getvalue()

"""The report document as an editable Word file (python-docx): officials change the text before
signing. python-docx writes text runs, never markup, so database text stays text."""

import io

from django.utils.translation import gettext as _

from .report_document import MOTTO, ReportDocument


def _page_number(paragraph) -> None:
    """A PAGE field: Word and LibreOffice write each page's own number in it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def render(document: ReportDocument, *, progress=lambda percent: None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    word = Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    word.core_properties.author = document.issuer
    word.core_properties.title = document.subtitle
    # Decree 30/2020: from the second page, the page number centred at the top.
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def paragraph(cell_or_doc, text, *, bold=False, italic=False, align=None, size=None):
        para = cell_or_doc.add_paragraph()
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            para.alignment = align
        return para

    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    header = word.add_table(rows=1, cols=2)
    left, motto = header.rows[0].cells
    left.paragraphs[0].add_run(document.issuer.upper()).bold = True
    left.paragraphs[0].alignment = centre
    paragraph(left, "_______", align=centre)
    paragraph(left, document.number, align=centre)
    motto.paragraphs[0].add_run(MOTTO[0]).bold = True
    motto.paragraphs[0].alignment = centre
    paragraph(motto, MOTTO[1], bold=True, align=centre)
    paragraph(motto, document.place_date, italic=True, align=right)

    paragraph(word, document.title, bold=True, align=centre, size=14)
    paragraph(word, document.subtitle, bold=True, align=centre)
    for text in document.paragraphs:
        paragraph(word, text).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    progress(60)
    for table in document.tables:
        paragraph(word, table.caption, bold=True)
        grid = word.add_table(rows=1, cols=len(table.headings))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
            cell.text = ""
            run = cell.paragraphs[0].add_run(heading)
            run.bold, run.font.size = True, Pt(9)
        for values in table.rows:
            cells = grid.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
                run = cell.paragraphs[0].add_run(value)
                run.font.size = Pt(9)
                if index:
                    cell.paragraphs[0].alignment = right
    for chart in document.charts:
        paragraph(word, chart.caption, bold=True, size=11)
        word.add_picture(io.BytesIO(chart.png), width=Mm(150))
        word.paragraphs[-1].alignment = centre
    for note in document.notes:
        paragraph(word, note, italic=True, size=10)
    footer = word.add_table(rows=1, cols=2)
    recipients, signer = footer.rows[0].cells
    recipients.paragraphs[0].add_run(_("Recipients:")).bold = True
    recipients.paragraphs[0].runs[0].italic = True
    for line in document.recipients:
        paragraph(recipients, "- " + line, size=11)
    signer.paragraphs[0].add_run(document.signer).bold = True
    signer.paragraphs[0].alignment = centre
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()

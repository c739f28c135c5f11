"""A reader asks for a plan's overview as a PDF: the row is written now, the PDF is made by a
worker after commit (tasks.make_overview_pdf, which renders it with pdf.render_pdf_report)."""

from .models import PdfReport
from .tasks import make_overview_pdf


def request_pdf(*, plan, unit, user) -> PdfReport:
    report = PdfReport.objects.create(plan=plan, unit=unit, requested_by=user)
    make_overview_pdf.delay_on_commit(report.pk)
    return report

"""A reader asks for a plan's report document (PDF, or DOCX to edit): the row is written now,
the document is made by a worker after commit (tasks.make_overview_pdf -> documents.render_report)."""

from .models import PdfReport
from .tasks import make_overview_pdf


def request_pdf(*, plan, unit, user, format=PdfReport.Format.PDF, period="") -> PdfReport:
    report = PdfReport.objects.create(
        plan=plan, unit=unit, requested_by=user, format=format, period=period
    )
    make_overview_pdf.delay_on_commit(report.pk)
    return report

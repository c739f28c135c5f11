"""Report documents made in the background (coverage.tasks.make_overview_pdf): the figures in
the requester's scope at the time it runs, drawn as PDF or DOCX. Progress is saved as it goes,
and any failure is recorded as a failure with its reason, never left "being prepared"."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import periods, report_document, selectors
from .models import PdfReport

logger = logging.getLogger(__name__)


def _set(report, **fields):
    for name, value in fields.items():
        setattr(report, name, value)
    PdfReport.objects.filter(pk=report.pk).update(**fields)


def _draw(report, area, scope) -> bytes:
    parents = selectors.parent_areas(
        plan=report.plan, scope=scope, unit=report.unit, period=area.period
    )
    overview = selectors.overview(area=area, parents=parents)
    rows = selectors.area_rows(area=area, parents=parents) if overview.area.has_children else []
    _set(report, progress=40)
    document = report_document.build(overview=overview, rows=rows)
    if report.format == PdfReport.Format.DOCX:
        from .word import render
    else:
        from .pdf import render
    return render(document, progress=lambda percent: _set(report, progress=percent))


def render_report(*, report_id: int) -> PdfReport | None:
    """Make the document a reader asked for. Idempotent: one already made is left alone."""
    report = (
        PdfReport.objects.select_related("plan__scope_unit__catalog", "unit__catalog")
        .select_related("requested_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or report.status == PdfReport.Status.READY:
        return report
    _set(report, status=PdfReport.Status.PENDING, progress=10, failure_reason="")
    with translation.override(settings.LANGUAGE_CODE):
        scope = selectors.reader_scope(user=report.requested_by)
        period = periods.parse(report.plan, report.period, today=timezone.localdate())
        area = (
            scope
            and period
            and selectors.area_for(plan=report.plan, scope=scope, unit=report.unit, period=period)
        )
        if area is None:
            _set(
                report,
                status=PdfReport.Status.FAILED,
                failure_reason=_("This area is no longer within your scope of reports."),
            )
            return report
        try:
            data = _draw(report, area, scope)
            name = f"plan-{report.plan_id}-{report.pk}.{report.format}"
            report.file.save(name, ContentFile(data), save=False)
        except Exception as error:  # recorded for the reader; the details go to the log
            logger.exception("Report document %s could not be made", report.pk)
            _set(
                report,
                status=PdfReport.Status.FAILED,
                failure_reason=_(
                    "The document could not be made (%(error)s). Try again; if it fails "
                    "again, tell the site's administrator."
                )
                % {"error": type(error).__name__},
            )
            return report
    _set(report, file=report.file.name, status=PdfReport.Status.READY, progress=100)
    return report

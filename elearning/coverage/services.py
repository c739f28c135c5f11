"""Writes of the coverage app: rollups and report readers (PDF requests: pdf_requests.py)."""

import logging

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone, translation

from elearning.geo.models import AdminUnit

from . import figures_cache, rollups
from .choices import IndicatorCode
from .models import Indicator, ReconciliationRun, ReportReader

logger = logging.getLogger(__name__)

READERS_GROUP = "Report readers"


@transaction.atomic
def ensure_indicators() -> None:
    """The fixed indicators exist (a migration creates them; a flushed database, as in the
    browser tests, or a fresh demo needs them again). Idempotent; editors' names are kept."""
    with translation.override("vi"):
        for order, code in enumerate(IndicatorCode, start=1):
            Indicator.objects.get_or_create(
                code=code, defaults={"name": str(code.label), "sort_order": order}
            )


@transaction.atomic
def refresh_commune_rollups(*, commune_id: int) -> rollups.SyncResult:
    """Recompute one commune's cells from its raw rows, then its province's sums. Idempotent:
    a second run finds nothing to change. One transaction, so that the province's lock
    (PostgreSQL: an advisory lock released at commit) holds until the sums are stored and
    two refreshes in one province cannot interleave their reads and writes."""
    commune = AdminUnit.objects.filter(pk=commune_id).only("pk", "province_id").first()
    if commune is None:
        return rollups.SyncResult()
    rollups.lock_rollups(key=commune.province_id or commune.pk)
    result = rollups.sync_communes(commune_ids=[commune.pk])
    if commune.province_id:
        result.add(rollups.sync_provinces(province_ids=[commune.province_id]))
    if result.corrected:
        # A commune of no province (not in the current catalogue's tree) may be in any area.
        figures_cache.bump(province_id=commune.province_id)
    return result


@transaction.atomic
def refresh_key_commune_rollups(*, province_id: int) -> rollups.SyncResult:
    """A commune profile of the province changed (a commune became a key area, or stopped
    being one): recount the province's sums over its key communes, under its lock."""
    rollups.lock_rollups(key=province_id)
    result = rollups.sync_key_communes(province_ids=[province_id])
    if result.corrected:
        figures_cache.bump(province_id=province_id)
    return result


@transaction.atomic
def reconcile_rollups() -> ReconciliationRun:
    """Recompute every rollup from the raw rows and record every cell it had to correct."""
    run = ReconciliationRun.objects.create(started_at=timezone.now())
    rollups.lock_rollups()
    result = rollups.sync_communes()
    result.add(rollups.sync_provinces())
    run.cells, run.corrected, run.details = result.cells, result.corrected, result.examples
    if run.corrected >= rollups.ANALYZE_AFTER:
        rollups.analyze()
    run.finished_at = timezone.now()
    run.save()
    if run.corrected:
        figures_cache.bump()
        logger.warning("Coverage reconciliation corrected %s rollup cells", run.corrected)
    return run


def readers_group() -> Group:
    group, created = Group.objects.get_or_create(name=READERS_GROUP)
    if created:
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return group


@transaction.atomic
def set_report_scope(*, user, unit: AdminUnit | None) -> ReportReader:
    """Let a user read coverage reports for a commune, a province or (None) the country; they
    get into the admin through the "Report readers" group."""
    reader, _ = ReportReader.objects.update_or_create(user=user, defaults={"unit": unit})
    user.groups.add(readers_group())
    return reader


@transaction.atomic
def remove_report_scope(*, user) -> None:
    """The user no longer reads reports: their scope goes, and with it the "Report readers"
    group that let them into the admin."""
    ReportReader.objects.filter(user=user).delete()
    user.groups.remove(readers_group())

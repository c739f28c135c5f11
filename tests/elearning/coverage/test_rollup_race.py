"""Two refreshes of communes of one province at the same moment, each on its own database
connection (as two workers are): one waits until the other has stored its commune's cells and
the province's sums, so the sums always equal the communes' cells. Each refresh reads the
communes' cells to sum the province: were the province lock released before the refresh ends,
one could store sums made before the other's cells were written.
PostgreSQL only (SQLite writes one transaction at a time)."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.db.models import Sum

from elearning.coverage import services
from elearning.coverage.models import Rollup
from tests.factories.coverage import complete, profile

pytestmark = pytest.mark.django_db(transaction=True)


def sums(level, **filters):
    rows = Rollup.objects.filter(level=level, **filters).values("indicator_id", "period")
    return {
        (row["indicator_id"], row["period"]): row["n"]
        for row in rows.annotate(n=Sum("numerator")).order_by()
    }


def reach(level, unit) -> int:
    cells = Rollup.objects.filter(level=level, unit=unit, indicator__code="reach")
    return cells.aggregate(n=Sum("numerator"))["n"] or 0


def refresh_in_thread(commune) -> threading.Thread:
    def refresh():
        try:
            services.refresh_commune_rollups(commune_id=commune.pk)
        finally:
            connection.close()

    thread = threading.Thread(target=refresh)
    thread.start()
    return thread


def test_a_refresh_waits_for_one_in_the_same_province_to_finish(communes, ninh_binh):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...)")
    services.ensure_indicators()  # a flushed database has lost the migration's rows
    first, second = communes[:2]
    for commune in (first, second):
        profile(commune)
    complete(commune=first, people=2)
    services.refresh_commune_rollups(commune_id=first.pk)
    complete(commune=first, people=3)
    complete(commune=second, people=4)

    with transaction.atomic():
        # Hold the first commune's cells, so that its refresh stops half-way, while it
        # writes them (after taking the province's lock).
        list(Rollup.objects.select_for_update().filter(level="commune", unit=first))
        threads = [refresh_in_thread(first)]
        time.sleep(0.5)
        threads.append(refresh_in_thread(second))
        time.sleep(1.5)
        # The second refresh has not stored anything: it waits for the province's lock.
        assert reach("commune", second) == 0
        assert reach("province", ninh_binh) == 2
    for thread in threads:
        thread.join(timeout=60)

    assert (reach("commune", first), reach("commune", second)) == (5, 4)
    assert reach("province", ninh_binh) == 9
    assert sums("province", unit=ninh_binh) == sums("commune", unit__province=ninh_binh)

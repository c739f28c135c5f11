"""Coverage reports on synthetic country-scale data (see bench/README.md, "Coverage").

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/coverage_bench
    export DJANGO_SETTINGS_MODULE=config.settings.dev   # the generator is a dev-only app
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py import_admin_units
    .venv/bin/python manage.py generate_coverage_data --learners 10000000 --progress 50000000
    .venv/bin/python bench/coverage.py [--repeat 15] [--skip-reconcile]

Measures, in one run: the floor (the reader's account page in the same admin: the cost of a
signed-in admin page on this machine now; each page's cold time is also given as a multiple
of it, with the load average at the start and the end), the plan list, the plan overview, the
commune table (as a page and as XLSX) and a commune's overview as a reader gets them (Django's
test client, whole request through the admin) cold (the figures cache just invalidated, as after
any rollup change) and warm (nothing changed since the last read), the rollup read against the
direct aggregate of the raw rows for the same figure (and checks they agree), and the nightly
reconciliation. Set CACHE_URL (e.g. redis://127.0.0.1:6379/7) to measure with Redis, as in
production; without it the cache is in-process memory.
"""

import argparse
import gc
import multiprocessing
import os
import statistics
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from elearning.accounts.choices import AgeBand  # noqa: E402
from elearning.coverage import figures_cache, selectors, services  # noqa: E402
from elearning.coverage.models import (  # noqa: E402
    CommuneProfile,
    Indicator,
    Plan,
    Rollup,
    RollupYear,
)
from elearning.coverage.periods import plan_period  # noqa: E402
from elearning.geo.models import AdminUnit  # noqa: E402
from elearning.progress.models import ContentProgress  # noqa: E402

BUDGET_MS = 200


def timed(function, repeat, before=None):
    samples = []
    result = None
    for _ in range(repeat):
        if before:
            before()
        started = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return result, statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def fetch(client, url):
    """A whole response, as a reader's browser reads it (an export streams its file)."""
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def setup():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True}
    )
    admin.is_superuser = admin.is_staff = True
    admin.save()
    # The plan of the year the generated profiles and denominators are for: a plan of another
    # year has no key communes and no headcounts, so its tables would leave out reach (the
    # densest count) and the staff rates (runs before 4 December 2026 had a plan of 2025 and
    # data of 2026).
    year = CommuneProfile.objects.order_by("-year").values_list("year", flat=True).first()
    country, _ = Plan.objects.update_or_create(
        number="BENCH/QG",
        defaults={
            "title": "Kế hoạch toàn quốc (benchmark)",
            "year": year or timezone.localdate().year,
        },
    )
    # The province with the most communes: the largest commune table.
    largest = (
        AdminUnit.objects.current()
        .communes()
        .values("province_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    province = AdminUnit.objects.get(pk=largest["province_id"])
    reader, _ = User.objects.get_or_create(username="bench-province-reader")
    services.set_report_scope(user=reader, unit=province)
    return admin, reader, country, province, largest["n"]


PREFIX = "bench-completion-"


def _complete(example: dict, when) -> None:
    """In the worker process: a guest's completed quiz like the example, then its refresh."""
    ContentProgress.objects.create(
        learner=None,
        visitor_key=f"{PREFIX}{uuid.uuid4().hex}",
        **example,
        completed_at=when,
        created_at=when,
        updated_at=when,
    )
    services.refresh_commune_rollups(commune_id=example["commune_id"])


def _remove(commune_ids) -> None:
    ContentProgress.objects.filter(visitor_key__startswith=PREFIX).delete()
    for commune_id in commune_ids:
        services.refresh_commune_rollups(commune_id=commune_id)


class Completions:
    """Real completions in a province, one before each request: a new guest who completed a
    community quiz of a course (reach and the course's pass rate) in one of five communes in
    turn, now (or in the last month of a plan of a year gone by), with the rollup refresh — both in another
    process, as a worker runs them: the page's process sees the province's generation bumped
    and the rollups changed, not the refresh's work or garbage. Removed again at the end (and
    what a killed run left, at the start)."""

    def __init__(self, province, plan):
        communes = AdminUnit.objects.current().communes().filter(province=province)
        self.examples = []
        for commune in communes.order_by("pk")[:5]:
            example = (
                ContentProgress.objects.filter(
                    commune=commune,
                    content_audience="community",
                    age_band__in=AgeBand.reach_bands(),
                    completed_at__isnull=False,
                    course__isnull=False,
                    best_score__isnull=False,
                    passed=True,
                )
                .values(
                    "content_id",
                    "course_id",
                    "content_audience",
                    "best_score",
                    "passed",
                    "commune_id",
                    "audience",
                    "age_band",
                )
                .first()
            )
            if example:
                self.examples.append({**example, "progress": 1, "attempt_count": 1})
        if not self.examples:
            raise SystemExit(f"No completed community quiz in {province} to copy.")
        end = plan_period(plan).end
        if end >= timezone.localdate():
            self.when = timezone.now()
        else:  # a plan of a year gone by: its last month
            self.when = timezone.make_aware(datetime(end.year, end.month, 15, 12))
        self.worker = multiprocessing.get_context("spawn").Pool(1)
        self.made = 0
        self.remove()

    def complete_one(self):
        example = self.examples[self.made % len(self.examples)]
        self.worker.apply(_complete, (example, self.when))
        self.made += 1

    def remove(self):
        self.worker.apply(_remove, ([example["commune_id"] for example in self.examples],))

    def close(self):
        self.remove()
        self.worker.close()
        self.worker.join()


def direct_reach(commune_ids) -> int:
    """The reach numerator straight from the raw rows (what the rollups spare a page)."""
    return (
        ContentProgress.objects.filter(
            completed_at__isnull=False,
            content_audience="community",
            age_band__in=AgeBand.reach_bands(),
            commune_id__in=commune_ids,
        )
        .values("commune_id", "learner_id", "visitor_key")
        .distinct()
        .count()
    )


def rollup_reach(commune_ids) -> int:
    reach = Indicator.objects.get(code="reach")
    return (
        Rollup.objects.filter(
            indicator=reach, level=Rollup.Level.COMMUNE, unit_id__in=commune_ids
        ).aggregate(n=Sum("numerator"))["n"]
        or 0
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--skip-reconcile", action="store_true")
    parser.add_argument(
        "--freeze-gc",
        action="store_true",
        help="gc.freeze() after start-up, as config/wsgi.py does: CPython's full collections "
        "then skip the start-up objects (a diagnosis of p95 pauses).",
    )
    options = parser.parse_args()
    settings.ALLOWED_HOSTS = ["*"]

    admin, reader, country, province, province_size = setup()
    # A commune of it (the first by name): the drill-down a reader opens from the table.
    commune = (
        AdminUnit.objects.current().communes().filter(province=province).order_by("name").first()
    )
    if options.freeze_gc:
        gc.collect()
        gc.freeze()
        print(f"gc frozen: {gc.get_freeze_count():,} start-up objects")
    counts = {
        "communes": AdminUnit.objects.current().communes().count(),
        "progress rows": ContentProgress.objects.count(),
        "rollup cells": Rollup.objects.count(),
        "rollup years": RollupYear.objects.count(),
    }
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    for name, value in counts.items():
        print(f"{name}: {value:,}")

    client = Client()
    client.force_login(admin)
    province_client = Client()
    province_client.force_login(reader)
    pages = {
        "overview, whole country (national reader)": (
            client,
            reverse("coverage_reports:overview", args=[country.pk]),
        ),
        "province table, whole country (national reader)": (
            client,
            reverse("coverage_reports:areas", args=[country.pk]),
        ),
        f"overview, {province} (province reader)": (
            province_client,
            reverse("coverage_reports:overview", args=[country.pk]),
        ),
        f"commune table, {province}: {province_size} communes (province reader)": (
            province_client,
            reverse("coverage_reports:areas", args=[country.pk]) + "?ordering=-reach_sort",
        ),
        f"plan list, {province} (province reader)": (
            province_client,
            reverse("coverage_reports:index"),
        ),
        f"a commune's overview, {commune} (drill-down, province reader)": (
            province_client,
            reverse("coverage_reports:overview", args=[country.pk]) + f"?unit={commune.pk}",
        ),
        f"commune table as XLSX, {province} (province reader)": (
            province_client,
            reverse("coverage_reports:areas", args=[country.pk]) + "?export=xlsx",
        ),
    }
    print(f"cache: {settings.CACHES['default']['BACKEND']}")
    print("load average at the start: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
    # The floor: a signed-in admin page with no figures, through the same stack (this
    # machine's speed now: a shared machine's can vary twofold from one hour to the next).
    floor_url = reverse("wagtailadmin_account")
    fetch(province_client, floor_url)
    _r, floor, floor_p95 = timed(lambda: fetch(province_client, floor_url), options.repeat)
    print(f"floor (the reader's account page): {floor:.0f} ms median, {floor_p95:.0f} ms p95")
    print(f"\npage times over {options.repeat} requests (budget {BUDGET_MS} ms):")
    print(
        "| page | cold median ms | cold p95 ms | warm median ms | warm p95 ms "
        "| cold × floor | within budget |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, (who, url) in pages.items():
        response = fetch(who, url)
        assert response.status_code == 200, (url, response.status_code)
        # Cold: every request follows a change (the generation bumped), so it recomputes.
        _r, cold, cold_p95 = timed(
            lambda who=who, url=url: fetch(who, url), options.repeat, before=figures_cache.bump
        )
        _r, warm, warm_p95 = timed(lambda who=who, url=url: fetch(who, url), options.repeat)
        verdict = "cold and warm" if cold_p95 <= BUDGET_MS else "warm only"
        if warm_p95 > BUDGET_MS:
            verdict = "NO"
        print(
            f"| {name} | {cold:.0f} | {cold_p95:.0f} | {warm:.0f} | {warm_p95:.0f} "
            f"| {cold / floor:.1f} | {verdict} |"
        )

    # What most reads are while completions stream in elsewhere: a refresh in another province
    # leaves this province's pages cached (figures_cache keys areas by province generations).
    elsewhere = AdminUnit.objects.current().provinces().exclude(pk=province.pk).first()
    url = reverse("coverage_reports:areas", args=[country.pk]) + "?ordering=-reach_sort"
    _r, after_elsewhere, after_elsewhere_p95 = timed(
        lambda: fetch(province_client, url),
        options.repeat,
        before=lambda: figures_cache.bump(province_id=elsewhere.pk),
    )
    print(
        f"\ncommune table of {province} after a change in {elsewhere}: "
        f"{after_elsewhere:.0f} ms median, {after_elsewhere_p95:.0f} ms p95"
    )
    # What a reader meets while completions stream in in their own province: each request
    # follows a real completion there and its refresh (not timed), so its tables are
    # recomputed, with the counts the completion did not change taken from
    # figures_cache.CountMemo.
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        print("\n(after a completion: needs a cache shared with the worker — set CACHE_URL)")
    else:
        completions = Completions(province, country)
        print(f"\nafter a completion in {province} (a guest's quiz, refreshed by a worker):")
        print("| page | median ms | p95 ms | × floor |")
        print("|---|---|---|---|")
        try:
            for name, (who, url) in pages.items():
                if "commune" not in name:
                    continue
                _r, after, after_p95 = timed(
                    lambda who=who, url=url: fetch(who, url),
                    options.repeat,
                    before=completions.complete_one,
                )
                print(f"| {name} | {after:.0f} | {after_p95:.0f} | {after / floor:.1f} |")
        finally:
            completions.close()

    # The same figure both ways, in the same run.
    key_communes = list(
        CommuneProfile.objects.filter(is_key_area=True).values_list("unit_id", flat=True)
    )
    from_rollups, rollup_ms, _ = timed(lambda: rollup_reach(key_communes), 5)
    from_rows, direct_ms, _ = timed(lambda: direct_reach(key_communes), 3)
    area = selectors.area_for(plan=country, scope=selectors.ReaderScope(unit=None))
    _o, overview_ms, _ = timed(lambda: selectors.overview(area=area), 5, before=figures_cache.bump)
    print(f"\nreach numerator of all key communes ({len(key_communes)} communes):")
    print(f"  rollup read:      {rollup_ms:8.1f} ms  -> {from_rollups:,}")
    print(f"  direct aggregate: {direct_ms:8.1f} ms  -> {from_rows:,}")
    print(
        f"  ratio direct/rollup: {direct_ms / max(rollup_ms, 0.001):.0f}x; agree: {from_rollups == from_rows}"
    )
    print(f"  whole overview from rollups, cold (selector only): {overview_ms:.1f} ms")

    # What a completion costs in the background: one commune recounted, then its province.
    _r, refresh_ms, _ = timed(lambda: services.refresh_commune_rollups(commune_id=commune.pk), 5)
    print(
        f"\nincremental refresh of one commune of {province} and its province: {refresh_ms:.0f} ms"
    )

    print("\nload average at the end: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
    if not options.skip_reconcile:
        started = time.perf_counter()
        run = services.reconcile_rollups()
        print(
            f"\nnightly reconciliation: {time.perf_counter() - started:.1f} s, "
            f"{run.cells:,} cells checked, {run.corrected:,} corrected"
        )


if __name__ == "__main__":
    main()

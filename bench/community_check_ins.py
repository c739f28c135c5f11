"""A village hall scanning at once: BENCH_PHONES (500) check-ins for one community session
within BENCH_SECONDS (60), against gunicorn on PostgreSQL with a real Celery worker.

What runs (loopback only, bounded): the quiz benchmark's machinery (bench/quiz_submissions.py:
its own PostgreSQL database, Redis flushed, gunicorn from gunicorn.conf.py on the production
settings, one Celery worker of config.celery; logs /tmp/bench_quiz_checkin_*.log), with BENCH_DB (default `wt17`) and one Redis db BENCH_REDIS_DB
(default 7) for both the broker and the shared cache. The server runs with
TRUSTED_PROXY_COUNT=1, as behind nginx, and each phone sends its own X-Forwarded-For address
(phones on mobile data come from many addresses; the per-client limit is in
CLIENT_RATE_LIMITS).

Each phone arrives at a random moment of the minute and does what a phone does: GET the QR
code's page (which gives it its device key and CSRF cookie), then POST its age band. Every
BENCH_DOUBLE_TAP_EVERY-th phone (10th) sends the POST twice at once. The session is confirmed,
so every check-in announces the commune to coverage (commune_changed): the coalesced refresh
task runs at most once per COALESCED_TASK_DELAY (5 s) while one waits, not once a check-in.

Afterwards it checks in the database: one check-in per phone, none twice, the officer's live
counter (selectors.check_in_counts) equal to the phones, the queue drained, the commune's
reach rollup equal to the phones (all 18-60), and counts how often the worker ran the task.

Run:
    .venv/bin/python bench/community_check_ins.py
    BENCH_SECONDS=10 .venv/bin/python bench/community_check_ins.py     # the same phones in 10 s
"""

import http.client
import math
import os
import random
import re
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

os.environ.setdefault("BENCH_DB", "wt17")
os.environ.setdefault("BENCH_REDIS_DB", "7")
os.environ.setdefault("BENCH_PORT", "8797")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import quiz_submissions as rig

PHONES = int(os.environ.get("BENCH_PHONES", "500"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "60"))
DOUBLE_TAP_EVERY = int(os.environ.get("BENCH_DOUBLE_TAP_EVERY", "10"))
THREADS = int(os.environ.get("BENCH_THREADS", "64"))
rig.ENV["CACHE_URL"] = rig.ENV["CELERY_BROKER_URL"]  # one Redis db for both
rig.ENV["TRUSTED_PROXY_COUNT"] = "1"
rig.STATIC_ROOT = Path("/tmp/bench_checkin_static")
rig.ENV["STATIC_ROOT"] = str(rig.STATIC_ROOT)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def prepare() -> str:
    """Migrate; one province, one commune, a confirmed session that is open. Returns the QR
    code's path."""
    from django.core.management import call_command
    from django.utils import timezone

    from cms.core.demo.site import load as load_site
    from elearning.accounts.models import User
    from elearning.community import checkin, services
    from elearning.community.models import CommunitySession
    from elearning.coverage.services import ensure_indicators
    from elearning.geo.models import AdminCatalog, AdminUnit

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    load_site(out=lambda *args: None)  # the site's pages and settings (hotline, footer)
    ensure_indicators()
    catalog, _ = AdminCatalog.objects.get_or_create(key=AdminCatalog.CURRENT, name="2025")
    province = AdminUnit.objects.create(catalog=catalog, level="province", code="01", name="Tỉnh")
    commune = AdminUnit.objects.create(
        catalog=catalog,
        level="commune",
        code="00001",
        name="Xã Bench",
        parent=province,
        province=province,
    )
    officer = User.objects.create(username="officer", password="!")
    reviewer = User.objects.create(username="reviewer", password="!")
    services.appoint(user=officer, unit=commune)
    services.appoint(user=reviewer, unit=province, reviewer=True)
    start = timezone.now() - timedelta(minutes=10)
    session = services.save_session(
        user=officer,
        session=CommunitySession(
            commune=commune,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            place="Nhà văn hoá",
            kind="meeting",
        ),
        counts=[("female", "18-60", "community", 40)],
    )
    services.confirm_session(user=reviewer, session_id=session.pk)
    return checkin.checkin_url(session.pk).split("://", 1)[1].split("/", 1)[1]


class Phone:
    def __init__(self, number: int, path: str):
        self.number, self.path = number, "/" + path
        self.address = f"10.{number // 250}.{number % 250}.{1 + number % 7}"
        self.results = {}

    def _request(self, method, body=None, cookies=""):
        conn = http.client.HTTPConnection("127.0.0.1", rig.PORT, timeout=30)
        headers = {"X-Forwarded-For": self.address, "Host": "127.0.0.1"}
        if cookies:
            headers["Cookie"] = cookies
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn.request(method, self.path, body=body, headers=headers)
        response = conn.getresponse()
        content = response.read().decode()
        elapsed = time.perf_counter() - started
        set_cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
        conn.close()
        return response.status, content, set_cookies, elapsed

    def scan_and_check_in(self):
        status, html, set_cookies, self.results["get"] = self._request("GET")
        # The Secure cookies of the production settings, sent back by hand over loopback HTTP.
        cookies = "; ".join(c.split(";", 1)[0] for c in set_cookies)
        token = CSRF_INPUT.search(html).group(1)
        body = urlencode({"age_band": "18-60", "sex": "", "csrfmiddlewaretoken": token})
        taps = 2 if DOUBLE_TAP_EVERY and self.number % DOUBLE_TAP_EVERY == 0 else 1
        if taps == 1:
            status, _html, _c, self.results["post"] = self._request("POST", body, cookies)
            self.results["statuses"] = [status]
            return
        answers = [None, None]

        def tap(index):
            answers[index] = self._request("POST", body, cookies)

        threads = [threading.Thread(target=tap, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.results["post"] = min(a[3] for a in answers)
        self.results["statuses"] = sorted(a[0] for a in answers)


def worker_task_runs() -> int:
    """How often the worker ran the refresh task, from its own count (celery inspect stats)."""
    from config.celery import app

    stats = app.control.inspect(timeout=10).stats() or {}
    name = "elearning.coverage.tasks.refresh_commune_rollups"
    return sum(worker.get("total", {}).get(name, 0) for worker in stats.values())


def main():
    print(f"database {rig.ENV['DATABASE_URL']}, broker and cache {rig.ENV['CELERY_BROKER_URL']}")
    rig.reset_services()
    rig.setup_django()
    path = prepare()
    from django.conf import settings
    from django.db import connection

    delay = settings.COALESCED_TASK_DELAY
    connection.close()
    worker = rig.start(
        [
            str(rig.BIN / "celery"),
            "-A",
            "config",
            "worker",
            "-l",
            "info",
            "-c",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        "checkin_worker",
    )
    server = rig.start(
        [
            str(rig.BIN / "gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{rig.PORT}",
            "--log-level",
            "warning",
            "--backlog",
            "256",
        ],
        "checkin_gunicorn",
    )
    phones = [Phone(n, path) for n in range(PHONES)]
    due = sorted(random.uniform(0, SECONDS) for _ in phones)
    try:
        rig.wait_healthy()
        # Every gunicorn worker imports and connects before the clock (healthz only).
        for _ in range(12):
            conn = http.client.HTTPConnection("127.0.0.1", rig.PORT, timeout=10)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
        load_before = os.getloadavg()
        started = time.perf_counter()

        def arrive(phone, at):
            time.sleep(max(0.0, started + at - time.perf_counter()))
            phone.scan_and_check_in()
            phone.results["late"] = time.perf_counter() - started - at

        with ThreadPoolExecutor(THREADS) as pool:
            list(pool.map(arrive, phones, due))
        wall = time.perf_counter() - started
        load_after = os.getloadavg()
        drain_started = time.perf_counter()
        time.sleep(delay + 1)  # the last coalesced refresh waits this long in the queue
        while rig.queue_length() and time.perf_counter() - drain_started < 120:
            time.sleep(0.2)
        left = rig.queue_length()
        runs = worker_task_runs()
    finally:
        server.terminate()
        server.wait(timeout=30)
        time.sleep(1)
        worker.terminate()
        worker.wait(timeout=30)

    from django.contrib.auth import get_user_model
    from django.db.models import Count, Sum

    from elearning.community import selectors
    from elearning.community.models import CommunitySession, SessionCheckIn
    from elearning.coverage.models import Rollup

    session = CommunitySession.objects.get()
    stored = SessionCheckIn.objects.filter(session=session).count()
    twice = (
        SessionCheckIn.objects.values("visitor_key").annotate(n=Count("id")).filter(n__gt=1).count()
    )
    counter = selectors.check_in_counts(
        session=session, viewer=get_user_model().objects.get(username="officer")
    )["total"]
    reach = (
        Rollup.objects.filter(
            level="commune", unit_id=session.commune_id, indicator__code="reach"
        ).aggregate(n=Sum("numerator"))["n"]
        or 0
    )
    runs_bound = math.ceil(wall / max(delay, 1)) + 1
    statuses = {}
    for phone in phones:
        for status in phone.results.get("statuses", []):
            statuses[status] = statuses.get(status, 0) + 1
    gets = [p.results["get"] * 1000 for p in phones]
    posts = [p.results["post"] * 1000 for p in phones]
    late = [p.results["late"] * 1000 for p in phones]
    print(f"\n{PHONES} phones within {SECONDS:g} s (took {wall:.1f} s), {THREADS} client threads")
    print(f"load average before {load_before[0]:.2f} / after {load_after[0]:.2f} (1 min)")
    for name, values in (("GET page", gets), ("POST check-in", posts), ("scan to done", late)):
        print(
            f"{name:14} p50 {rig.percentile(values, 50):6.1f} ms   "
            f"p95 {rig.percentile(values, 95):6.1f} ms   max {max(values):6.1f} ms"
        )
    print(
        f"statuses      {dict(sorted(statuses.items()))} (302 stored, 409 the double tap's second)"
    )
    print(f"stored        {stored} check-ins, {twice} devices twice; live counter {counter}")
    print(
        f"coverage      reach rollup {reach}; refresh task ran {runs} times "
        f"(at most {runs_bound} with a {delay} s coalescing delay); {left} left in queue"
    )
    doubles = sum(1 for n in range(PHONES) if DOUBLE_TAP_EVERY and n % DOUBLE_TAP_EVERY == 0)
    ok = stored == PHONES and twice == 0 and counter == PHONES and reach == PHONES
    ok = ok and statuses.get(302) == PHONES and statuses.get(409, 0) == doubles
    ok = ok and 1 <= runs <= runs_bound and left == 0
    print("COUNT CHECK", "OK" if ok else "FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

"""Serving, in one run on the production stack: every learner page's time to first byte and
queries, the anonymous page cache's throughput, and the quiz under overload.

What runs (loopback only, bounded to a few minutes):
- PostgreSQL database BENCH_DB (default `bench_serving`, dropped and re-created), the demo site
  and courses and BENCH_LEARNERS signed-in learners, made by bench/quiz_submissions.py's
  `prepare()`, plus a bare Wagtail page (`wagtailcore.Page`, Wagtail's own template) under the
  home page: the floor, served through the same stack;
- Redis db BENCH_REDIS_DB (12, the broker) and the next (13, the shared cache; or
  BENCH_CACHE_REDIS_DB, which may be the broker's: the keys do not meet), flushed; a real
  Celery worker; gunicorn from gunicorn.conf.py (gthread, the overload guard) on the production
  settings.

Phases, each printed with the load average beside it:
1. pages: for one live Vietnamese page of every type, BENCH_REQUESTS sequential requests each as
   an anonymous visitor served from the page cache, an anonymous visitor answered by the site
   (a cookie of its own keeps the cache out), and a signed-in learner: TTFB median and p95;
   queries per request counted in this process with Django's test client on the same database;
2. throughput: `wrk` (compiled, little CPU) on the anonymous campaign page, gzip accepted as
   phones do, BENCH_WRK_SECONDS seconds at each of BENCH_WRK_CONNECTIONS (32, then 256: a surge
   is many phones) keep-alive connections: requests/s, p50, p95, p99 (a Lua summary), the cache
   state of a sample answer and the gunicorn processes' CPU per request (from /proc: a figure
   that a shared machine disturbs less than latency);
3. quiz: the most it takes (a short closed loop), then BENCH_RATE (300) submissions/s and twice
   the measured capacity for BENCH_RATE_SECONDS each, sent when due. A refused submission (503)
   is sent again after its Retry-After (plus up to as much again, at random), as the learner's
   browser should; accepted, refused fast
   (with the refusals' own p95) and lost (never answered, or answered but not stored) are
   counted, and the stored attempts checked in the database.

Run (each figure twice: run it twice):
    .venv/bin/python bench/serving.py
Logs: /tmp/bench_quiz_gunicorn.log, /tmp/bench_quiz_worker.log."""

import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

os.environ.setdefault("BENCH_DB", "bench_serving")
os.environ.setdefault("BENCH_REDIS_DB", "12")
os.environ.setdefault("BENCH_PORT", "8793")
os.environ.setdefault("BENCH_REPLAY_EVERY", "0")
os.environ.setdefault("BENCH_STATIC_ROOT", "/tmp/bench_serving_static")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import quiz_submissions as quiz

if "BENCH_CACHE_REDIS_DB" in os.environ:
    quiz.ENV["CACHE_URL"] = f"redis://127.0.0.1:6379/{os.environ['BENCH_CACHE_REDIS_DB']}"

REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
WRK_SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
# 32 as before; more: a surge is many phones at once, each a connection.
WRK_CONNECTIONS = [int(c) for c in os.environ.get("BENCH_WRK_CONNECTIONS", "32,256").split(",")]
CAPACITY_SUBMISSIONS = int(os.environ.get("BENCH_CAPACITY_SUBMISSIONS", "1500"))
RATE_SECONDS = float(os.environ.get("BENCH_RATE_SECONDS", "10"))
RETRY_FOR = float(os.environ.get("BENCH_RETRY_FOR", "60"))  # a refused client keeps trying
BASE = f"http://127.0.0.1:{quiz.PORT}"
WRK_SUMMARY = """
done = function(summary, latency, requests)
  io.write(string.format("SUMMARY %d %d %.3f %.3f %.3f %d %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.errors.status, 0))
end
"""


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def percentile(values, p):
    return quiz.percentile(values, p) if values else float("nan")


# --- 1. pages --------------------------------------------------------------------------------


def page_urls() -> list[tuple[str, str]]:
    """One live Vietnamese page of every type, and the bare page (made here) as the floor."""
    from wagtail.models import Locale, Page

    from cms.campaigns.demo import load as load_campaigns
    from cms.core.models import HomePage
    from cms.legal.demo import load as load_legal

    load_campaigns(out=lambda *args: None)
    load_legal(out=lambda *args: None)

    home = HomePage.objects.get(locale__language_code="vi")
    bare = home.add_child(
        instance=Page(
            title="Trang trần", slug="trang-tran", locale=Locale.objects.get(language_code="vi")
        )
    )
    bare.save_revision().publish()
    urls, seen = [("bare Wagtail page (floor)", bare.url)], set()
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        name = type(page).__name__
        if name in seen or name == "Page" or page.locale.language_code != "vi":
            continue
        seen.add(name)
        urls.append((name, page.url))
    return urls


def ttfb(path: str, cookie: str) -> tuple[float, str]:
    headers = {"Accept-Encoding": "gzip"}
    if cookie:
        headers["Cookie"] = cookie
    request = urllib.request.Request(BASE + path, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read(1)
        elapsed = (time.perf_counter() - started) * 1000
        response.read()
        return elapsed, response.headers.get("X-Page-Cache", "-")


def queries(path: str, session_key: str | None) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    if session_key:
        client.cookies["sessionid"] = session_key
    else:
        client.cookies["bench"] = "1"  # keeps the page cache out: what the site itself does
    client.get(path)  # warm this process's caches, as the servers' are
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def pages_phase(urls, session_key):
    print(f"\n== pages: TTFB ms (median / p95 of {REQUESTS}) and queries — {load()}")
    visitors = [
        ("anonymous, page cache", "", None),
        ("anonymous, rendered", "bench=1", None),
        ("signed in", f"sessionid={session_key}", session_key),
    ]
    print(f"{'page':<27}" + "".join(f"{name:>32}" for name, _, _ in visitors))
    for name, path in urls:
        cells = []
        for _visitor, cookie, session in visitors:
            ttfb(path, cookie)  # the first answer fills the cache
            timed = [ttfb(path, cookie) for _ in range(REQUESTS)]
            times = sorted(t for t, _ in timed)
            states = {s for _, s in timed}
            count = "" if cookie == "" else f" {queries(path, session):>2}q"
            cells.append(
                f"{statistics.median(times):6.1f} / {percentile(times, 95):6.1f}"
                f"{count} {'/'.join(sorted(states)):>7}"
            )
        print(f"{name:<27}" + "".join(f"{cell:>32}" for cell in cells))


# --- 2. throughput -----------------------------------------------------------------------------


def gunicorn_cpu() -> float:
    return quiz.cpu_seconds_by_program().get("gunicorn", 0.0)


def throughput_phase(path: str, connections: int):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SUMMARY)
    _, state = ttfb(path, "")
    started_load, cpu = load(), gunicorn_cpu()
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{WRK_SECONDS}s",
            "-H",
            "Accept-Encoding: gzip",
            "-s",
            script.name,
            BASE + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests, duration_us, p50, p95, p99, errors, non_2xx, _ = (
        re.search(r"SUMMARY (.+)", out).group(1).split()
    )
    rate = int(requests) / (int(duration_us) / 1e6)
    cpu_per_request = (gunicorn_cpu() - cpu) / int(requests) * 1000
    print(
        f"\n== throughput, anonymous campaign page {path} (cache {state}), wrk 1 thread "
        f"{connections} connections {WRK_SECONDS} s — {started_load} -> {load()}"
    )
    print(
        f"{rate:,.0f} requests/s; latency ms p50 {float(p50):.1f} p95 {float(p95):.1f} "
        f"p99 {float(p99):.1f}; socket errors {errors}, non-2xx {non_2xx}; gunicorn CPU "
        f"{cpu_per_request:.2f} ms per request"
    )


# --- 3. quiz under overload --------------------------------------------------------------------


class PoliteSubmissions(quiz.Submissions):
    """Sends a refused submission again after the Retry-After it was given (what the learner's
    browser does), and counts refusals apart from acceptances."""

    def __init__(self, plan):
        super().__init__(plan)
        self.refusals, self.lost, self.gave_up, self.to_accept = [], 0, 0, []

    async def post_once(self, raw: bytes):
        started = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", quiz.PORT)
            writer.write(raw)
            response = await reader.read()
            writer.close()
        except OSError:
            return 0, "", 0, 0.0
        elapsed = (time.perf_counter() - started) * 1000
        head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        fields = {h.split(":", 1)[0].lower(): h.split(":", 1)[1].strip() for h in head[1:]}
        return status, fields.get("location", ""), int(fields.get("retry-after", "0")), elapsed

    async def submit(self, key, raw: bytes, sends: int, since: float) -> None:
        while True:
            status, location, retry_after, elapsed = await self.post_once(raw)
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 302:
                self.latencies.append(elapsed)
                self.to_accept.append((time.perf_counter() - since) * 1000)
                self.accepted[key] = location
                return
            if status != 503 or not retry_after:
                self.lost += 1  # never answered (reset, connection refused) or an error
                return
            self.refusals.append(elapsed)
            if time.perf_counter() - since > RETRY_FOR:
                self.gave_up += 1  # still refused after RETRY_FOR s: counted, not lost
                return
            # Retry-After, spread over as much again: refused clients do not return together.
            await asyncio.sleep(retry_after * (1 + random.random()))


def rate_phase(submissions, rate: float, title: str):
    built = submissions.build(int(rate * RATE_SECONDS))
    submissions.latencies, submissions.statuses = [], {}
    submissions.refusals, submissions.to_accept = [], []
    before, lost_before, gave_up_before = (
        len(submissions.accepted),
        submissions.lost,
        submissions.gave_up,
    )
    started_load = load()
    wall = submissions.fixed_rate(built, rate)
    accepted = len(submissions.accepted) - before
    print(
        f"\n== quiz at {title}: {len(built)} submissions over {RATE_SECONDS:g} s "
        f"(all answered after {wall:.1f} s) — {started_load} -> {load()}"
    )
    print(
        f"accepted {accepted}, refused fast {len(submissions.refusals)} times (then sent again "
        f"after Retry-After), lost {submissions.lost - lost_before}, still refused after "
        f"{RETRY_FOR:g} s {submissions.gave_up - gave_up_before}"
    )
    print(
        f"accepted: p50 {percentile(submissions.latencies, 50):.1f} p95 "
        f"{percentile(submissions.latencies, 95):.1f} ms per request; p95 from due to accepted "
        f"{percentile(submissions.to_accept, 95):.0f} ms; refusals: p50 "
        f"{percentile(submissions.refusals, 50):.1f} p95 {percentile(submissions.refusals, 95):.1f} ms"
    )
    print(f"statuses {submissions.statuses}")


def quiz_phase(plan) -> int:
    submissions = PoliteSubmissions(plan)
    submissions.closed_loop(submissions.build(60), clients=8)  # every thread warmed
    built = submissions.build(CAPACITY_SUBMISSIONS)
    submissions.latencies, submissions.statuses = [], {}
    started_load = load()
    wall = submissions.closed_loop(built, clients=quiz.CLIENTS)
    capacity = len(built) / wall
    print(
        f"\n== quiz, the most it takes ({quiz.CLIENTS} clients, {len(built)} submissions): "
        f"{capacity:.0f}/s, p95 {percentile(submissions.latencies, 95):.1f} ms, "
        f"refused {len(submissions.refusals)} — {started_load} -> {load()}"
    )
    rate_phase(submissions, quiz.RATE, f"{quiz.RATE:g}/s")
    rate_phase(submissions, 2 * capacity, f"2x capacity, {2 * capacity:.0f}/s")
    return submissions


def stored_check(submissions) -> bool:
    from elearning.progress.models import Attempt

    named = {location.rsplit("=", 1)[1] for location in submissions.accepted.values()}
    found = Attempt.objects.filter(pk__in=named).count()
    stored = Attempt.objects.count()
    ok = found == len(named) == len(submissions.accepted) and stored == len(named)
    print(
        f"\nstored check: {len(submissions.accepted)} accepted, {found} of their attempts found, "
        f"{stored} attempts stored — {'OK: none lost, none twice' if ok else 'FAILED'}"
    )
    return ok


def main():
    print(f"database {quiz.ENV['DATABASE_URL']}, cache {quiz.ENV['CACHE_URL']} — {load()}")
    quiz.reset_services()
    quiz.setup_django()
    plan = quiz.prepare()
    urls = page_urls()
    from django.db import connection

    connection.close()
    worker = quiz.start(
        [str(quiz.BIN / "celery"), "-A", "config", "worker", "-l", "warning", "-c", "1",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        "worker",
    )  # fmt: skip
    server = quiz.start(
        [str(quiz.BIN / "gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{quiz.PORT}",
         "--log-level", "warning"],
        "gunicorn",
    )  # fmt: skip
    try:
        quiz.wait_healthy()
        pages_phase(urls, plan["sessions"][0])
        campaign = next(path for name, path in urls if name == "CampaignPage")
        for connections in WRK_CONNECTIONS:
            throughput_phase(campaign, connections)
        submissions = quiz_phase(plan)
        deadline = time.time() + 120
        while quiz.queue_length() and time.time() < deadline:
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
        worker.terminate()
        worker.wait(timeout=30)
    ok = stored_check(submissions) and submissions.lost == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()

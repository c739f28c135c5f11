"""Quiz submissions per second and p95 latency, with every submission accounted for.

What runs (loopback only, bounded):
- PostgreSQL: a database of its own (BENCH_DB, default `bench_quiz`), dropped and re-created,
  migrated, with the demo site and courses and BENCH_LEARNERS signed-in community learners;
- a real Celery worker on Redis (db BENCH_REDIS_DB, default 11, flushed first) consuming the
  coalesced `refresh_commune_rollups` task each submission requests on commit (through
  elearning.coverage.changes);
- gunicorn as configured for production by gunicorn.conf.py (BENCH_GUNICORN_WORKERS and
  BENCH_GUNICORN_THREADS override it), production settings, DEBUG off;
- a load client here, on the same two cores (asyncio on uvloop, every request built before
  the clock starts: form tokens signed, bodies encoded), posting the community demo quiz
  (9 questions, answers right or wrong at random) with a fresh form token each, like a
  rendered form; every BENCH_REPLAY_EVERY-th submission (10th) is sent twice at once (a
  double tap). Two phases:
  1. the most it takes: BENCH_CLIENTS (32) clients each sending its next submission when
     the last was answered, BENCH_SUBMISSIONS (5000) in all;
  2. a fixed rate: BENCH_RATE (300) submissions a second for BENCH_RATE_SECONDS (20),
     whether or not earlier ones were answered, latency counted from when each was due.

Each phase reports submissions per second, latency percentiles, its statuses and the CPU
each program used per submission (from /proc; BENCH_TIMELINE=1 adds p95 second by second).
At the end it waits for the worker to drain the queue and checks in the database that every
accepted submission was stored exactly once and that nothing was stored twice.

Run:
    .venv/bin/python bench/quiz_submissions.py
    BENCH_RATE=400 BENCH_RATE_SECONDS=30 .venv/bin/python bench/quiz_submissions.py
"""

import asyncio
import http.client
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import uvloop

ROOT = Path(__file__).resolve().parent.parent
DB = os.environ.get("BENCH_DB", "bench_quiz")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "11"))
PORT = int(os.environ.get("BENCH_PORT", "8792"))
# gunicorn.conf.py decides, as in production (3 sync workers on 2 cores); these override it.
GUNICORN_WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "0"))
GUNICORN_THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "1"))  # > 1: gthread workers
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "5000"))
RATE = float(os.environ.get("BENCH_RATE", "300"))
RATE_SECONDS = float(os.environ.get("BENCH_RATE_SECONDS", "20"))
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "300"))
REPLAY_EVERY = int(os.environ.get("BENCH_REPLAY_EVERY", "10"))
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT", "/tmp/bench_quiz_static"))

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-quiz-submissions-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "DATABASE_URL": f"{PG}/{DB}",
    "CELERY_BROKER_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    # The cache is shared by gunicorn's workers and the Celery worker, as in production.
    "CACHE_URL": f"redis://127.0.0.1:6379/{REDIS_DB + 1}",
    "CELERY_RESULT_BACKEND": "",
    "STATIC_ROOT": str(STATIC_ROOT),
    "LOG_LEVEL": "WARNING",
    "PYTHONPATH": str(ROOT),
}
BIN = Path(sys.executable).parent


def reset_services():
    import psycopg
    import redis

    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB}"')
    redis.Redis.from_url(ENV["CELERY_BROKER_URL"]).flushdb()
    redis.Redis.from_url(ENV["CACHE_URL"]).flushdb()


def setup_django():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare() -> dict:
    """Migrate, demo content, learners with sessions. Returns what the client needs."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.utils import timezone

    from cms.core.demo.site import load as load_site
    from cms.learning.demo import COMMUNITY_QUIZ
    from cms.learning.demo import load as load_courses
    from cms.learning.grading import answer_key
    from cms.learning.models import QuizPage
    from elearning.accounts.models import LearnerProfile, User
    from elearning.geo.models import AdminCatalog, AdminUnit

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)
    quiet = lambda *args: None  # noqa: E731
    load_site(out=quiet)
    load_courses(out=quiet)

    catalog, _ = AdminCatalog.objects.get_or_create(key=AdminCatalog.CURRENT, name="2025")
    province = AdminUnit.objects.create(catalog=catalog, level="province", code="01", name="Tỉnh")
    commune = AdminUnit.objects.create(
        catalog=catalog, level="commune", code="00001", name="Xã Bench", parent=province
    )
    users = User.objects.bulk_create(
        [User(username=f"bench{n}", password="!") for n in range(LEARNERS)]
    )
    LearnerProfile.objects.bulk_create(
        [
            LearnerProfile(user=user, commune=commune, birth_year=timezone.localdate().year - 30)
            for user in users
        ]
    )
    sessions = []
    for user in users:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "elearning.accounts.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.save()
        sessions.append(session.session_key)

    quiz = QuizPage.objects.get(slug=COMMUNITY_QUIZ["slug"], locale__language_code="vi")
    questions = [
        (f"q-{q.id}", sorted(q.correct), [o.id for o in q.options if o.id not in q.correct])
        for q in answer_key(quiz.questions)
    ]
    from django.urls import reverse

    path = reverse("learning:submit_quiz", args=[quiz.pk])  # the form's action
    return {"path": path, "questions": questions, "sessions": sessions}


def start(args, name):
    log = open(f"/tmp/bench_quiz_{name}.log", "w")  # noqa: SIM115
    return subprocess.Popen(args, cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)


def wait_healthy(timeout=300):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not become healthy; see /tmp/bench_quiz_gunicorn.log")


class Submissions:
    """Every request is built before the clock starts (form tokens signed, bodies encoded), so
    the client spends its CPU on sockets only: it runs on the same two cores as the servers.
    A double tap is the same request sent twice at once, as two taps of a phone would."""

    def __init__(self, plan):
        from cms.learning.services import new_form_token

        self.plan = plan
        self.new_form_token = new_form_token
        self.csrf = secrets.token_hex(16)  # 32 characters: Django's unmasked secret format
        self.serial = 0
        self.accepted = {}  # (session, form token) -> the attempt's location
        self.latencies = []
        self.timeline = []  # (sent, latency ms)
        self.statuses = {}

    def build(self, count: int) -> list[tuple[tuple, bytes, int]]:
        built = []
        for _ in range(count):
            n, self.serial = self.serial, self.serial + 1
            session_key = self.plan["sessions"][n % len(self.plan["sessions"])]
            token = self.new_form_token()
            fields = [("csrfmiddlewaretoken", self.csrf), ("form_token", token)]
            for name, right, wrong in self.plan["questions"]:
                chosen = right if random.random() < 0.7 or not wrong else wrong[:1]
                fields += [(name, option) for option in chosen]
            body = urlencode(fields).encode()
            head = (
                f"POST {self.plan['path']} HTTP/1.1\r\nHost: localhost\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\n"
                f"Cookie: sessionid={session_key}; csrftoken={self.csrf}\r\n"
                "Connection: close\r\n\r\n"
            ).encode()
            sends = 2 if REPLAY_EVERY and n % REPLAY_EVERY == 0 else 1
            built.append(((session_key, token), head + body, sends))
        return built

    async def post(self, raw: bytes, since: float) -> tuple[int, str]:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
            writer.write(raw)
            response = await reader.read()
            writer.close()
        except OSError as error:  # refused or reset: an overloaded server, counted as such
            self.statuses[type(error).__name__] = self.statuses.get(type(error).__name__, 0) + 1
            return 0, ""
        self.latencies.append((time.perf_counter() - since) * 1000)
        self.timeline.append((since, self.latencies[-1]))
        head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        self.statuses[status] = self.statuses.get(status, 0) + 1
        location = next((h[9:].strip() for h in head if h.lower().startswith("location:")), "")
        return status, location

    async def submit(self, key, raw: bytes, sends: int, since: float) -> None:
        answers = await asyncio.gather(*(self.post(raw, since) for _ in range(sends)))
        locations = {location for status, location in answers if status == 302}
        assert len(locations) <= 1, f"a double tap stored two attempts: {locations}"
        if locations:
            self.accepted[key] = locations.pop()

    def closed_loop(self, built, clients: int) -> float:
        """`clients` clients, each sending its next submission when the last was answered:
        the most the servers can take. Returns the wall time."""

        async def client(queue):
            while queue:
                key, raw, sends = queue.pop()
                await self.submit(key, raw, sends, time.perf_counter())

        async def run():
            queue = list(reversed(built))
            await asyncio.gather(*(client(queue) for _ in range(clients)))

        started = time.perf_counter()
        uvloop.run(run())
        return time.perf_counter() - started

    def fixed_rate(self, built, rate: float) -> float:
        """Submissions arrive `rate` a second whether or not earlier ones were answered, like
        phones across a province; latency counts from when each was due, so a stalled server
        is not hidden by a client that waited for it. Returns the wall time."""

        async def run():
            loop = asyncio.get_running_loop()
            started, tasks = loop.time(), []
            for n, (key, raw, sends) in enumerate(built):
                due = started + n / rate
                await asyncio.sleep(max(0.0, due - loop.time()))
                since = time.perf_counter() - max(0.0, loop.time() - due)
                tasks.append(asyncio.create_task(self.submit(key, raw, sends, since)))
            await asyncio.gather(*tasks)

        started = time.perf_counter()
        uvloop.run(run())
        return time.perf_counter() - started


def cpu_seconds_by_program() -> dict[str, float]:
    """CPU time used so far by every running process and the children it has reaped (a
    PostgreSQL connection closed after CONN_MAX_AGE counts under the server), summed per
    program name (Linux /proc): where the two cores go during the timed run."""
    ticks = os.sysconf("SC_CLK_TCK")
    totals = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            raw = stat.read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        name = "gunicorn" if "gunicorn" in name else "celery" if "celery" in name else name
        used = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        totals[name] = totals.get(name, 0.0) + used / ticks
    return totals


def queue_length() -> int:
    import redis

    client = redis.Redis.from_url(ENV["CELERY_BROKER_URL"])
    unacked = client.hlen("unacked") if client.exists("unacked") else 0
    return client.llen("celery") + unacked


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    print(f"database {ENV['DATABASE_URL']}, broker {ENV['CELERY_BROKER_URL']}")
    reset_services()
    setup_django()
    plan = prepare()
    print(f"prepared {LEARNERS} learners; quiz {plan['path']} ({len(plan['questions'])} questions)")

    from django.db import connection

    connection.close()  # the servers get the database to themselves
    worker = start(
        [
            str(BIN / "celery"),
            "-A",
            "config",
            "worker",
            "-l",
            "warning",
            "-c",
            "1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        "worker",
    )
    server = start(
        [
            str(BIN / "gunicorn"),
            "config.wsgi",
            *(["-w", str(GUNICORN_WORKERS)] if GUNICORN_WORKERS else []),
            *(["--threads", str(GUNICORN_THREADS)] if GUNICORN_THREADS > 1 else []),
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--backlog",
            "256",
        ],
        "gunicorn",
    )
    submissions = Submissions(plan)
    warm_up = submissions.build(60)
    capacity_run = submissions.build(SUBMISSIONS)
    rate_run = submissions.build(int(RATE * RATE_SECONDS))
    try:
        wait_healthy()
        workers = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        print(f"gunicorn    {len(workers)} workers ({GUNICORN_THREADS} thread each)")
        # Every gunicorn worker imports, connects and fills its caches before the clock.
        submissions.closed_loop(warm_up, clients=len(workers))
        phases = [
            (f"most it takes: {CLIENTS} clients", capacity_run, submissions.closed_loop, CLIENTS),
            (f"at {RATE:g} submissions/s", rate_run, submissions.fixed_rate, RATE),
        ]
        for title, built, run, load in phases:
            if not built:
                continue
            submissions.latencies, submissions.timeline, submissions.statuses = [], [], {}
            cpu_before = cpu_seconds_by_program()
            wall = run(built, load)
            report(title, built, wall, submissions, cpu_before, cpu_seconds_by_program())
        drain_started = time.perf_counter()
        while queue_length() and time.perf_counter() - drain_started < 300:
            time.sleep(0.2)
        drained_after = time.perf_counter() - drain_started
        left_in_queue = queue_length()
    finally:
        server.terminate()
        server.wait(timeout=30)
        worker.terminate()
        worker.wait(timeout=30)

    from django.db.models import Count, Sum

    from elearning.progress.models import Attempt, ContentProgress

    attempts = Attempt.objects.count()
    duplicates = (
        Attempt.objects.values("learner", "idempotency_key")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    summarised = ContentProgress.objects.aggregate(total=Sum("attempt_count"))["total"] or 0
    accepted = len(submissions.accepted)
    sent = len(warm_up) + len(capacity_run) + len(rate_run)
    # Each accepted submission names its own attempt; one the client never heard back about
    # (refused or reset by an overloaded server) may or may not be stored, but only once.
    named = {location.rsplit("=", 1)[1] for location in submissions.accepted.values()}
    found = Attempt.objects.filter(pk__in=named).count()
    print()
    print(
        f"worker      queue drained {drained_after:.1f} s after the last response "
        f"({left_in_queue} left)"
    )
    print(
        f"stored      {attempts} attempts; {accepted} of {sent} submissions accepted "
        f"(warm-up included), naming {len(named)} distinct attempts, {found} found; "
        f"{duplicates} duplicate keys; summaries count {summarised}"
    )
    ok = found == len(named) == accepted and accepted <= attempts <= sent
    ok = ok and attempts == summarised and duplicates == 0 and left_in_queue == 0
    print(
        "COUNT CHECK",
        "OK: every accepted submission stored exactly once, nothing stored twice"
        if ok
        else "FAILED",
    )
    if accepted < sent:
        print(f"            {sent - accepted} submissions were not answered (see statuses)")
    sys.exit(0 if ok else 1)


def report(title, built, wall, submissions, cpu_before, cpu_after):
    latencies, count = submissions.latencies, len(built)
    print()
    print(f"== {title} (celery worker 1, {os.cpu_count()} CPUs)")
    print(f"submissions {count} (+ {len(latencies) - count} double taps) in {wall:.1f} s")
    print(f"throughput  {count / wall:.0f} submissions/s ({len(latencies) / wall:.0f} POST/s)")
    print(
        f"latency ms  p50 {statistics.median(latencies):.1f}  "
        f"p95 {percentile(latencies, 95):.1f}  p99 {percentile(latencies, 99):.1f}  "
        f"max {max(latencies):.1f}"
    )
    print(f"statuses    {submissions.statuses}")
    if os.environ.get("BENCH_TIMELINE"):
        start = min(sent for sent, _ in submissions.timeline)
        by_second = {}
        for sent, latency in submissions.timeline:
            by_second.setdefault(int(sent - start), []).append(latency)
        print(
            "p95 by second: "
            + " ".join(f"{percentile(v, 95):.0f}" for _, v in sorted(by_second.items()))
        )
    used = {
        name: cpu_after[name] - cpu_before.get(name, 0.0)
        for name in cpu_after
        if cpu_after[name] - cpu_before.get(name, 0.0) >= 0.2
    }
    print(
        "CPU ms per submission: "
        + ", ".join(
            f"{name} {1000 * seconds / count:.2f}"
            for name, seconds in sorted(used.items(), key=lambda item: -item[1])
        )
        + f"; all {1000 * sum(used.values()) / count:.2f}"
    )


if __name__ == "__main__":
    main()

"""What rendering a learner page costs the web process, measured in the process: CPU time, SQL
queries and Redis round trips per request, for every learner page and for a bare Wagtail page
of the same site (the floor) in the same run. CPU time (`time.thread_time`) is what the
request costs whatever else the machine is doing, where wall-clock TTFB on a shared machine is
mostly the wait for a core; bench/serving.py measures the TTFB on the production stack.

What runs: Django in this process on the production settings (DEBUG off, the cached template
loader, Redis as the cache) against an existing database with the demo data. Each page is
requested through Django's test client (the whole middleware stack, as gunicorn's handler
runs it), anonymous with a cookie of its own (so the page cache is bypassed and the page is
rendered) and as a signed-in learner with some history. The pages are taken in turn, round
after round, so that a moment of load falls on all of them alike.

Prepare the database once (migrate, demo data, static files; about a minute):
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt18 \\
    BENCH_CACHE_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/render_profile.py --prepare
then measure (BENCH_ROUNDS requests per page and visitor, default 60):
    BENCH_DATABASE_URL=... BENCH_CACHE_URL=... .venv/bin/python bench/render_profile.py
and find the hot spots of one page with cProfile (functions by own time, then cumulative):
    ... bench/render_profile.py --profile "campaign" [--signed-in]
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))
WARM = 3  # requests before measuring: the content cache and the process's caches filled
SETTINGS = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-render-profile-" + "x" * 40,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "False",
    "DATABASE_URL": os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_render"
    ),
    "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/14"),
    "STATIC_ROOT": os.environ.get("BENCH_STATIC_ROOT", "/tmp/bench_render_static"),
    "LOG_LEVEL": "WARNING",
}
LEARNER = "bench-render-learner"


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def learner_pages() -> dict[str, str]:
    """One URL per learner page (the ones tests/performance/test_query_budget.py pins) and the
    floor: a bare `wagtailcore.Page` under the Vietnamese home page with Wagtail's template."""
    from wagtail.models import Locale, Page

    from cms.campaigns.models import CampaignIndexPage, CampaignPage
    from cms.core.models import HomePage
    from cms.learning.h5p_demo import LESSON_SLUG
    from cms.learning.models import CourseIndexPage, LessonPage, QuizPage
    from cms.legal.models import LegalDocumentPage, LegalIndexPage

    home = HomePage.objects.get(locale__language_code="vi")
    bare = Page.objects.filter(slug="trang-tran").first()
    if bare is None:
        bare = home.add_child(
            instance=Page(
                title="Trang trần", slug="trang-tran", locale=Locale.objects.get(language_code="vi")
            )
        )
        bare.save_revision().publish()

    def url(model, language="vi", **filters):
        return model.objects.live().filter(locale__language_code=language, **filters)[0].url

    h5p_lesson = LessonPage.objects.get(slug=LESSON_SLUG, locale__language_code="vi")
    plain_lessons = [
        lesson.pk
        for lesson in LessonPage.objects.live().filter(locale__language_code="vi")
        if not any(block.block_type == "h5p" for block in lesson.body)
    ]
    return {
        "floor (bare Wagtail page)": bare.url,
        "home": url(HomePage),
        "campaign index": url(CampaignIndexPage),
        "campaign": url(CampaignPage, hero_image__isnull=False),
        "course index": url(CourseIndexPage),
        "course": h5p_lesson.get_parent().url,
        "lesson": url(LessonPage, pk__in=plain_lessons),
        "lesson with H5P": h5p_lesson.url,
        "quiz": url(QuizPage, path__startswith=h5p_lesson.get_parent().path),
        "legal index": url(LegalIndexPage),
        "legal search": url(LegalIndexPage) + "?q=dieu",
        "legal document": url(LegalDocumentPage),
        "my learning": "/learning/mine/",
        "home (en)": url(HomePage, "en"),
    }


def signed_in_client(pages):
    """A client signed in as a learner who has finished lessons, taken the quiz and confirmed
    a legal document (made once, the way a learner makes it)."""
    from django.test import Client

    from elearning.accounts.models import LearnerProfile, User
    from elearning.geo.models import AdminUnit

    client = Client(HTTP_HOST="127.0.0.1")
    user, created = User.objects.get_or_create(username=LEARNER)
    if created:
        commune = AdminUnit.objects.filter(level="commune").first()
        LearnerProfile.objects.create(user=user, commune=commune, birth_year=1990)
    client.force_login(user)
    if created:
        from tests.performance.conftest import _learn_something

        _learn_something(
            client,
            {
                "lesson": pages["lesson"],
                "lesson_h5p": pages["lesson with H5P"],
                "quiz": pages["quiz"],
                "legal_document": pages["legal document"],
            },
        )
    return client


def anonymous_client():
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    client.cookies["bench"] = "1"  # a cookie of its own: the page cache answers no cookie
    return client


class RedisRoundTrips:
    """Counts the commands sent to Redis (a pipeline counts once) while installed."""

    def __init__(self):
        import redis.client

        self.count = 0
        self._patched = [
            (redis.client.Redis, "execute_command"),
            (redis.client.Pipeline, "execute"),
        ]
        self._originals = [cls.__dict__[name] for cls, name in self._patched]

    def __enter__(self):
        for (cls, name), original in zip(self._patched, self._originals, strict=True):
            setattr(cls, name, self._counting(original))
        return self

    def __exit__(self, *exc):
        for (cls, name), original in zip(self._patched, self._originals, strict=True):
            setattr(cls, name, original)

    def _counting(self, original):
        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        return counted


def counts(client, url) -> tuple[int, int]:
    """SQL queries and Redis round trips of one request (not timed: capturing costs time)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries, RedisRoundTrips() as redis:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries), redis.count


def measure(pages, visitors) -> dict:
    """CPU ms of every request, per (page, visitor), taking the pages in turn."""
    cells = [(page, visitor) for page in pages for visitor in visitors]
    for page, visitor in cells:
        if visitor == "anonymous" and page == "my learning":
            continue
        for _ in range(WARM):
            visitors[visitor].get(pages[page])
    times = {cell: [] for cell in cells}
    for _ in range(ROUNDS):
        for page, visitor in cells:
            if visitor == "anonymous" and page == "my learning":
                continue
            started = time.thread_time()
            response = visitors[visitor].get(pages[page])
            times[(page, visitor)].append((time.thread_time() - started) * 1000)
            assert response.status_code == 200, (pages[page], response.status_code)
    return times


def report(pages, visitors):
    print(f"{ROUNDS} requests per page and visitor, CPU ms per request — {load()}")
    times = measure(pages, visitors)
    floor = {v: statistics.median(times[(next(iter(pages)), v)]) for v in visitors}
    header = f"{'page':<27}"
    for visitor in visitors:
        header += f" | {visitor + ': CPU median / p90 ms, × floor, SQL, Redis':<50}"
    print(header)
    for page, url in pages.items():
        line = f"{page:<27}"
        for visitor, client in visitors.items():
            spent = sorted(times[(page, visitor)])
            if not spent:
                line += f" | {'(signed-in only)':<50}"
                continue
            median = statistics.median(spent)
            p90 = spent[int(len(spent) * 0.9) - 1]
            sql, redis = counts(client, url)
            cell = f"{median:5.1f} / {p90:5.1f}  {median / floor[visitor]:4.1f}×  {sql:>2}q {redis:>2}r"
            line += f" | {cell:<50}"
        print(line)
    print(f"— {load()}")


def profile(pages, visitors, page: str, visitor: str):
    client, url = visitors[visitor], pages[page]
    for _ in range(WARM):
        client.get(url)
    profiler = cProfile.Profile(time.thread_time)
    profiler.enable()
    for _ in range(ROUNDS):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"{page}, {visitor}: {ROUNDS} requests — {load()}")
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(60)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--prepare", action="store_true", help="migrate, load the demo, static")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile one page instead")
    parser.add_argument("--signed-in", action="store_true", help="with --profile: as the learner")
    args = parser.parse_args()
    if args.prepare:
        from bench.pages import prepare_production_site

        prepare_production_site(**SETTINGS)
        return
    os.environ.update(SETTINGS)
    import django

    django.setup()
    pages = learner_pages()
    visitors = {"anonymous": anonymous_client(), "signed in": signed_in_client(pages)}
    if args.profile:
        profile(pages, visitors, args.profile, "signed in" if args.signed_in else "anonymous")
    else:
        report(pages, visitors)


if __name__ == "__main__":
    main()

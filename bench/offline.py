"""Offline budgets (design.md): what the service worker adds to a first visit, what a saved
demo course weighs, and how long the worker takes to send 50 answers queued offline.

Against a real server (gunicorn, production settings, collected static files, whatever
DATABASE_URL says) and Debian's Chromium driven by Playwright at 360×740:
- first visit: the compressed bytes of a lesson page with what it links (bench/pages.py's
  measure), and beside it the worker's own files: the manifest, the registration script,
  /sw.js and the script it imports (the ≤ 10 KB budget), then what the worker keeps at
  install, fetched in the background after the page has loaded;
- a saved course: the sizes the server announces (learning:course_offline) and the bytes
  actually stored (uncompressed, as the phone keeps them) and sent (gzip), per demo course;
- replay: 50 quiz answers put in the worker's queue with distinct form tokens, sent when
  the page asks; the time from the ask to the last one stored.

Run (PostgreSQL; the database is migrated and loaded with the demo data first):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_offline .venv/bin/python bench/offline.py
Loopback only; bounded.

Only the worker's own bytes (no server, no database, no browser: a second), after a change
to the worker or its registration:
    .venv/bin/python bench/offline.py --bytes"""

import gzip
import json
import os
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote, urljoin

from bench.pages import BASE, PORT, ROOT, compressed_size, fetch, measure, prepare_production_site

ANSWERS = int(os.environ.get("BENCH_ANSWERS", "50"))
SETUP = """
import json
from cms.learning.models import CoursePage, QuizPage
from cms.learning.services import new_form_token
from tests.factories.learning import right_answers
from elearning.accounts.models import User
from tests.factories.accounts import LearnerFactory, PASSWORD
user = User.objects.filter(username='bench-offline').first() or LearnerFactory(username='bench-offline')
quiz = [q for q in QuizPage.objects.live().filter(locale__language_code='vi').specific()
        if q.course.audience == 'community'][0]
courses = [(c.title, c.url, c.pk) for c in CoursePage.objects.live().filter(locale__language_code='vi')]
print('JSON' + json.dumps({'user': user.username, 'password': PASSWORD, 'quiz': quiz.url,
    'quiz_id': quiz.pk, 'answers': right_answers(quiz), 'courses': courses,
    'tokens': [new_form_token() for _ in range(%d)]}))
"""


def shell(code: str, env) -> dict:
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return json.loads(out.split("JSON", 1)[1])


ATTEMPTS = """
import json
from elearning.progress.models import Attempt
print('JSON' + json.dumps(Attempt.objects.filter(learner__username='bench-offline').count()))
"""


def gz(path: str) -> int:
    body, _ttfb, headers = fetch(urljoin(BASE, path))
    return compressed_size(body, headers)


def worker_files() -> dict[str, int]:
    sw, _ttfb, headers = fetch(BASE + "/sw.js")
    sw = gzip.decompress(sw) if headers.get("Content-Encoding") == "gzip" else sw
    config = json.loads(sw.decode().splitlines()[0].removeprefix("self.OFFLINE = ")[:-1])
    own = ["/manifest.webmanifest", "/sw.js"] + [u for u in config["shell"] if "offline" in u]
    kept = [u for u in config["shell"] if u not in own] + list(config["offline"].values())
    return {
        "own": {path: gz(path) for path in own},
        "kept at install": {path: gz(path) for path in kept},
    }


def course_bytes(course_id: int, cookies: str) -> tuple[int, int, int]:
    request = urllib.request.Request(f"{BASE}/learning/course/{course_id}/offline.json")
    announced = json.loads(urllib.request.urlopen(request, timeout=10).read())
    stored = sent = 0
    for item in announced["items"]:
        headers = {"Accept-Encoding": "gzip", "Cookie": cookies if item.get("page") else ""}
        with urllib.request.urlopen(
            urllib.request.Request(urljoin(BASE, item["url"]), headers=headers), timeout=10
        ) as response:
            body = response.read()
            sent += compressed_size(body, dict(response.headers))
            if response.headers.get("Content-Encoding") == "gzip":
                body = gzip.decompress(body)
            stored += len(body)
    return announced["bytes"], stored, sent


def replay(data: dict) -> tuple[float, int, str]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        # localhost: Chromium keeps the production settings' Secure cookies there over http.
        local = BASE.replace("127.0.0.1", "localhost")
        context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=local)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.locator('input[name="login"]').fill(data["user"])
        page.locator('input[name="password"]').fill(data["password"])
        page.locator("main form button[type=submit]").click()
        page.goto(data["quiz"])
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in context.cookies())
        csrf = page.locator("[name=csrfmiddlewaretoken]").first.get_attribute("value")
        owner = page.evaluate("document.documentElement.dataset.owner")
        items = []
        for n, token in enumerate(data["tokens"]):
            body = [("csrfmiddlewaretoken", csrf), ("form_token", token)]
            body += [(name, value) for name, values in data["answers"].items() for value in values]
            items.append({
                "id": f"quiz:{token}", "kind": "form", "url": f"{local}/learning/quiz/{data['quiz_id']}/submit/",
                "page": local + data["quiz"], "owner": owner, "status": "waiting", "notBefore": 0,
                "createdAt": n, "contentType": "application/x-www-form-urlencoded",
                "body": "&".join(f"{k}={quote(str(v))}" for k, v in body),
            })  # fmt: skip
        page.add_script_tag(url="/static/js/offline-db.js")
        page.evaluate("items => Promise.all(items.map(i => offlineDb.put('queue', i)))", items)
        started = time.perf_counter()
        page.evaluate("navigator.serviceWorker.controller.postMessage({type: 'flush'})")
        waiting = "offlineDb.all('queue').then(q => q.filter(i => i.status === 'waiting').length)"
        while page.evaluate(waiting):
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        states = page.evaluate("offlineDb.all('queue').then(q => q.map(i => i.status))")
        refused = page.evaluate(
            "offlineDb.all('queue').then(q => q.filter(i => i.status !== 'sent')"
            ".map(i => [i.statusCode, (i.message || '').slice(0, 80)]))"
        )
        if refused:
            print("refused:", refused[:3])
        browser.close()
    return seconds, len(states), cookies


def own_bytes():
    """The worker's own files gzip-compressed (level 6, as bench.pages counts a response
    without Content-Encoding), read in-process from the sources."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.test import RequestFactory

    from cms.core import offline

    files = {
        "/manifest.webmanifest": offline.web_manifest(RequestFactory().get("/")).content,
        "/sw.js": offline._worker_script().encode(),
    }
    for name in offline.SHELL_STATIC:
        if "offline" in name:
            with open(finders.find(name), "rb") as stream:
                files[name] = stream.read()
    total = 0
    for name, body in files.items():
        size = len(gzip.compress(body, 6))
        total += size
        print(f"  worker's own: {name:<40} {size / 1024:6.2f} KB gz ({len(body)} B)")
    print(f"  worker's own total: {total / 1024:.2f} KB (budget 10 KB)")


def main():
    if "--bytes" in sys.argv:
        own_bytes()
        return
    env = prepare_production_site(
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
    )
    data = shell(SETUP % ANSWERS, env)
    before = shell(ATTEMPTS, env)
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", "2"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                fetch(BASE + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        lesson = measure("quiz page", data["quiz"])
        files = worker_files()
        seconds, sent, cookies = replay(data)
        courses = [(title, *course_bytes(pk, cookies)) for title, _url, pk in data["courses"]]
    finally:
        server.terminate()
        server.wait(timeout=10)
    stored = shell(ATTEMPTS, env) - before  # the page's notice removes sent items from the queue
    own = sum(files["own"].values())
    print(f"first visit, quiz page with its CSS/JS (gz): {lesson['kb']:.1f} KB")
    for path, size in files["own"].items():
        print(f"  worker's own: {path:<40} {size / 1024:6.1f} KB")
    print(f"  worker's own total: {own / 1024:.1f} KB (budget 10 KB)")
    for path, size in files["kept at install"].items():
        print(f"  kept at install (background): {path:<30} {size / 1024:6.1f} KB")
    for title, announced, kept, sent_bytes in courses:
        print(
            f"saved course {title[:40]:<40} announced {announced / 1024:6.1f} KB, "
            f"stored {kept / 1024:6.1f} KB, sent {sent_bytes / 1024:6.1f} KB (gz)"
        )
    verdict = "OK" if stored == ANSWERS else "NOT ONE EACH"
    print(
        f"replay: the queue of {ANSWERS} emptied in {seconds:.2f} s; "
        f"attempts stored: {stored} ({verdict})"
    )
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()

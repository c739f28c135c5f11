"""Learner page budgets (design.md): first-load weight and time to first byte.

For one live page of every page type (plus the login page) it measures, against a real
server (gunicorn, DEBUG off, collected static files, on whatever DATABASE_URL says):
- the compressed size of the HTML and of the same-origin CSS/JS the page links (what a first
  visit downloads before images and H5P), against the 30 KB budget;
- whether any render-blocking request goes to another origin;
- the median and p95 time to first byte over N requests, against the 20 ms budget.

Run (PostgreSQL, as the budget is stated; `createdb -h 127.0.0.1 -U postgres bench_pages` first):
    CACHE_URL=redis://127.0.0.1:6379/11 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_pages .venv/bin/python bench/pages.py
It migrates and loads the demo data into that database first. Loopback only; bounded."""

import gzip
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
BUDGET_BYTES = 30 * 1024
BUDGET_TTFB_MS = 20.0


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def sample_urls(env) -> list[tuple[str, str]]:
    code = (
        "from wagtail.models import Page\n"
        "seen = set()\n"
        "for page in Page.objects.live().filter(depth__gt=1).specific().order_by('path'):\n"
        "    name = type(page).__name__\n"
        "    if name in seen or page.locale.language_code != 'vi': continue\n"
        "    seen.add(name); print(name, page.url)\n"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # Only "<PageType> /path/" lines (the shell may print its own notices too).
    urls = [tuple(line.split(" ", 1)) for line in out.splitlines() if " /" in line]
    return [*urls, ("Login", "/accounts/login/")]


def fetch(url: str) -> tuple[bytes, float, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        first = response.read(1)
        ttfb = (time.perf_counter() - started) * 1000
        body = first + response.read()
        return body, ttfb, dict(response.headers)


def compressed_size(body: bytes, headers: dict) -> int:
    if headers.get("Content-Encoding") == "gzip":
        return len(body)
    return len(gzip.compress(body, 6))  # what a gzip-ing proxy would send


def measure(name: str, path: str) -> dict:
    url = urljoin(BASE, path)
    body, _, headers = fetch(url)
    html = gzip.decompress(body) if headers.get("Content-Encoding") == "gzip" else body
    total = compressed_size(body, headers)
    third_party = []
    assets = re.findall(rb'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"', html)
    for asset in assets:
        asset_url = urljoin(url, asset.decode())
        if urlparse(asset_url).netloc != urlparse(BASE).netloc:
            third_party.append(asset_url)
            continue
        asset_body, _, asset_headers = fetch(asset_url)
        total += compressed_size(asset_body, asset_headers)
    ttfbs = sorted(fetch(url)[1] for _ in range(REQUESTS))
    return {
        "page": name,
        "path": path,
        "kb": total / 1024,
        "third_party": third_party,
        "ttfb_median": statistics.median(ttfbs),
        "ttfb_p95": ttfbs[int(len(ttfbs) * 0.95) - 1],
    }


def prepare_production_site(**settings) -> dict:
    """The environment of a production-settings server on loopback (plus `settings`), after
    migrating, loading the demo data and collecting static files into DATABASE_URL."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        **settings,
    }
    env.pop("CELERY_BROKER_URL", None)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("load_demo_data", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    return env


def main():
    env = prepare_production_site()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                fetch(BASE + "/healthz")
                break
            except OSError:
                time.sleep(0.2)
        results = [measure(name, path) for name, path in sample_urls(env)]
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"{'page':<22} {'first load KB (gz)':>18} {'TTFB median ms':>15} {'TTFB p95 ms':>12}  third-party"
    )
    for r in results:
        flag = "" if r["kb"] * 1024 <= BUDGET_BYTES else "  OVER BUDGET"
        print(
            f"{r['page']:<22} {r['kb']:>18.1f} {r['ttfb_median']:>15.1f} {r['ttfb_p95']:>12.1f}  "
            f"{len(r['third_party'])}{flag}"
        )
    print(
        f"budgets: ≤ {BUDGET_BYTES // 1024} KB first load, TTFB median ≤ {BUDGET_TTFB_MS} ms, "
        f"no render-blocking third-party request; {REQUESTS} requests per page"
    )


if __name__ == "__main__":
    main()

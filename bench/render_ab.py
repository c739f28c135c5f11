"""Wall-clock TTFB of rendered learner pages, two versions of the code side by side: gunicorn
(gunicorn.conf.py, BENCH_WORKERS workers) started from each tree in turn, A/B/A/B, on the
production settings and the database bench/render_profile.py prepares; BENCH_ROUNDS sequential
requests per page and visitor and phase, the page cache kept out by a cookie. Prints TTFB
median / p95 ms per tree, with the load average of each phase.

    git archive <commit> | tar -x -C /tmp/before && ln -s $PWD/.venv /tmp/before/.venv
    BENCH_DATABASE_URL=... BENCH_CACHE_URL=... .venv/bin/python bench/render_ab.py /tmp/before .

For the figures of record use bench/serving.py (the whole stack, a quiet machine)."""

import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import render_profile as rp

PORT = int(os.environ.get("BENCH_PORT", "8827"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")


def learner_session() -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from elearning.accounts.models import User

    user = User.objects.get(username=rp.LEARNER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "elearning.accounts.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return session.session_key


def ttfb(path: str, cookie: str) -> float:
    headers = {"Accept-Encoding": "gzip", "Cookie": cookie}
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read(1)
        elapsed = (time.perf_counter() - started) * 1000
        response.read()
    return elapsed


def serve(tree: str) -> subprocess.Popen:
    tree = str(Path(tree).resolve())
    server = subprocess.Popen(
        [f"{tree}/.venv/bin/gunicorn", "config.wsgi", "-b", f"127.0.0.1:{PORT}",
         "-w", WORKERS, "--log-level", "warning"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": tree},
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn from {tree} did not answer")


def main():
    trees = sys.argv[1:]
    if len(trees) != 2:
        raise SystemExit("usage: render_ab.py TREE_A TREE_B")
    os.environ.update(rp.SETTINGS)
    import django

    django.setup()
    pages = rp.learner_pages()
    rp.signed_in_client(pages)  # the learner and their history, made once
    cookies = {"anonymous": "bench=1", "signed in": f"sessionid={learner_session()}"}
    from django.db import connection

    connection.close()
    cells = [
        (page, visitor)
        for visitor in cookies
        for page in pages
        if not (visitor == "anonymous" and page == "my learning")
    ]
    times = {}
    for tree in (*trees, *trees):
        server = serve(tree)
        try:
            for page, visitor in cells:
                for _ in range(3):  # the content cache and the workers' caches filled
                    ttfb(pages[page], cookies[visitor])
            load = rp.load()
            for _ in range(ROUNDS):
                for page, visitor in cells:
                    times.setdefault((tree, page, visitor), []).append(
                        ttfb(pages[page], cookies[visitor])
                    )
            print(f"{tree}: {load} → {rp.load()}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"TTFB median / p95 ms, {2 * ROUNDS} requests each; A = {trees[0]}, B = {trees[1]}")
    print(f"{'page':<27}" + "".join(f"{v + ', ' + ab:>24}" for v in cookies for ab in "AB"))
    for page in pages:
        line = f"{page:<27}"
        for visitor in cookies:
            for tree in trees:
                spent = sorted(times.get((tree, page, visitor), []))
                cell = (
                    f"{statistics.median(spent):.1f} / {spent[int(len(spent) * 0.95) - 1]:.1f}"
                    if spent
                    else ""
                )
                line += f"{cell:>24}"
        print(line)


if __name__ == "__main__":
    main()

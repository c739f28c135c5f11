"""How gunicorn serves the site in production: `gunicorn config.wsgi`, run from the project
folder, reads this file. Why these choices: README, "Serving"; figures: bench/README.md."""

import os

# One process more than the cores this process may run on (a container's or a pinned
# process's, not the host's): on 2 cores 3 processes took more quiz submissions a second
# than 6, which spent the CPU switching between them. WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0)) + 1))

# Threads, so that a process takes every connection at once, and our own worker class around
# gunicorn's gthread (config/web_worker.py): a request that finds all `threads` taken is
# answered 503 + Retry-After by the accepting thread within a millisecond, instead of waiting
# unseen in the pool's queue (measured: over a second at twice the quiz capacity), unless it
# is the health check or may come from the page cache. Inside, config/overload.py lets only
# WEB_SLOTS requests per process run the site at once; the other threads wait for a slot
# briefly (WEB_WAITING, WEB_WAIT_MS) or refuse. So `threads` is not how much work runs at once
# but how many requests a process can look at at once: enough for the slots, the waiting room
# and page-cache hits (a millisecond each) beside them.
worker_class = "config.web_worker.ShedThreadWorker"
threads = int(os.environ.get("WEB_THREADS", 32))
# Connections a process holds, idle keep-alive ones included (phones reuse theirs); past this
# it stops accepting and new ones wait in the listen queue.
worker_connections = int(os.environ.get("WEB_CONNECTIONS", 200))
keepalive = 5
# The listen queue, for bursts while a process is between accepts (the kernel caps it at
# net.core.somaxconn, 4096 on current Linux).
backlog = 2048
# A process that stops answering its heartbeat for this long is restarted (gthread's main
# thread beats while requests run, so this is a hung process, not a slow request).
timeout = 30
graceful_timeout = 30

# Each worker's heartbeat file is touched on every request: in memory, not on disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

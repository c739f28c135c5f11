"""How gunicorn serves the site in production: `gunicorn config.wsgi`, run from the project
folder, reads this file. Why these choices: README, "Serving"; figures: bench/README.md."""

import os

# One process more than the cores this process may run on (a container's or a pinned
# process's, not the host's): on 2 cores 3 processes took more quiz submissions a second
# than 6, which spent the CPU switching between them. WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0)) + 1))

# Threads, so that a process takes every connection at once and config/overload.py can
# answer what it cannot start soon with 503 + Retry-After within a millisecond or two. With
# sync workers the waiting happened in the kernel's listen queue, unseen: past its length
# clients got connection resets, and every request in it waited however long it took.
# Only WEB_SLOTS requests per process run the site at once (config/overload.py); the other
# threads wait for a slot (WEB_WAITING of them) or refuse.
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", 8))
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

"""How gunicorn serves the site in production: `gunicorn config.wsgi`, run from the project
folder, reads this file. The figures behind it are in bench/README.md (quiz submissions)."""

import os

# Sync workers, one more than the cores: on 2 cores 3 workers took more quiz submissions a
# second than 6, which spent the CPU switching between processes. WEB_CONCURRENCY overrides.
# The cores this process may run on (a container's or a pinned process's, not the host's).
workers = int(os.environ.get("WEB_CONCURRENCY", len(os.sched_getaffinity(0)) + 1))

# Each worker's heartbeat file is touched on every request: in memory, not on disk.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

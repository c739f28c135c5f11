"""CPython's garbage collector, set for a long-lived web process (config/wsgi.py; the
benchmarks' --freeze-gc does the same, so they measure what the server runs)."""

import gc

# Young collections after 10,000 new container objects instead of 700, older ones 5× and 10×
# rarer: a cold coverage table makes some 100,000 short-lived objects (figures, cells, rows),
# and the default thresholds walked them over and over (bench/README.md: 200 -> 192 ms median,
# p95 215 -> 196 ms, for the largest province's table). Cycles are still collected, later.
THRESHOLDS = (10_000, 50, 100)


def tune_collector() -> None:
    """Everything loaded so far (Django, Wagtail, the URL and template machinery) lives as
    long as the process: moved out of the collector's reach, a full collection no longer walks
    it (full collections cost the largest coverage table 170 ms at p95). Then the thresholds."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)

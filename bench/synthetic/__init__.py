"""Synthetic learners at country scale for the benchmarks (bench/coverage.py): a dev-only app,
installed by the dev and test settings, never by production. Its command refuses to write
into a database that holds real learners unless told to (--allow-real-learners)."""

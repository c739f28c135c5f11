"""The collector as the web process sets it after start-up (config/collector.py)."""

import gc
from pathlib import Path

from config.collector import THRESHOLDS, tune_collector


def test_the_start_up_objects_are_frozen_and_the_thresholds_raised():
    before = gc.get_threshold()
    try:
        tune_collector()
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 10_000  # Django's and Wagtail's modules, not a handful
        assert "tune_collector()" in Path("config/wsgi.py").read_text(encoding="utf-8")
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)

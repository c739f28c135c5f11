"""Demo data, loaded by `manage.py load_demo_data` in this order. Each loader is idempotent
(running it twice changes nothing) and has the signature `load(*, out)` where `out` is a
callable that prints a line for the person running the command."""

LOADERS = [
    "cms.core.demo.site.load",
    "elearning.geo.demo.load",  # communes first: every loader below needs them
    "cms.campaigns.demo.load",
    "cms.legal.demo.load",
    "cms.learning.demo.load",
    "cms.learning.h5p_demo.load",  # after the learning loader: adds H5P to a demo lesson
    "elearning.coverage.demo.load",  # counts the demo courses, documents and communes
    "elearning.community.demo.load",  # after coverage: sessions in its key communes
]

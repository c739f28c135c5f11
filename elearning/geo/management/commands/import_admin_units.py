import time

from django.core.management.base import BaseCommand

from elearning.geo.importer import import_admin_units


class Command(BaseCommand):
    help = (
        "Load Vietnam's administrative units (current 2025 catalogue, legacy catalogue and the "
        "lineage between them) from the vietnamadminunits package. Safe to run again."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        report = import_admin_units()
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Took {time.perf_counter() - started:.1f} s.")

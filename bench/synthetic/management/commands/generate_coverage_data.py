"""Synthetic learners at country scale for the coverage benchmark (see bench/README.md).

manage.py generate_coverage_data                       # 3,321 communes, 10M learners, 50M rows
manage.py generate_coverage_data --learners 1000 --progress 5000 --communes 20
"""

import time

from django.core.management.base import BaseCommand, CommandError

from bench.synthetic.generate import Sizes, generate
from bench.synthetic.guard import holds_real_learners
from bench.synthetic.sql import vacuum_rollups
from elearning.coverage import services


class Command(BaseCommand):
    help = (
        "Generate synthetic learners, progress, certificates and read receipts (made by the "
        "server on PostgreSQL), then build the rollups."
    )

    def add_arguments(self, parser):
        defaults = Sizes()
        parser.add_argument("--communes", type=int, default=defaults.communes)
        parser.add_argument("--learners", type=int, default=defaults.learners)
        parser.add_argument("--progress", type=int, default=defaults.progress)
        parser.add_argument("--months", type=int, default=defaults.months)
        parser.add_argument("--documents", type=int, default=defaults.documents)
        parser.add_argument("--seed", type=int, default=defaults.seed)
        parser.add_argument(
            "--no-rollups", action="store_true", help="Do not reconcile the rollups afterwards."
        )
        parser.add_argument(
            "--allow-real-learners",
            action="store_true",
            help="Write even though the database holds learners the generator did not make.",
        )

    def handle(self, *args, **options):
        if holds_real_learners() and not options["allow_real_learners"]:
            raise CommandError(
                "This database holds real learners (accounts or guests' progress the generator "
                "did not make). Synthetic data would be counted in their coverage figures. Use a "
                "separate database, or pass --allow-real-learners if you really mean it."
            )
        sizes = Sizes(
            communes=options["communes"],
            learners=options["learners"],
            progress=options["progress"],
            months=options["months"],
            documents=options["documents"],
            seed=options["seed"],
        )
        started = time.perf_counter()
        counts = generate(sizes=sizes, out=self.stdout.write)
        self.stdout.write(
            f"Wrote {counts['learners']:,} learners, {counts['progress']:,} progress rows, "
            f"{counts['certificates']:,} certificates, {counts['receipts']:,} read receipts "
            f"in {time.perf_counter() - started:.1f} s."
        )
        if not options["no_rollups"]:
            started = time.perf_counter()
            run = services.reconcile_rollups()
            self.stdout.write(
                f"Rollups: {run.cells:,} cells, {run.corrected:,} written, "
                f"in {time.perf_counter() - started:.1f} s."
            )
            done = vacuum_rollups()
            if done:
                self.stdout.write(done)

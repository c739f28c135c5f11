from django.core.management.base import BaseCommand, CommandError

from elearning.geo.boundaries import BoundaryFileError, import_boundaries
from elearning.geo.models import AdminCatalog, AdminUnit


class Command(BaseCommand):
    help = (
        "Import the boundaries of provinces or communes from GeoJSON files (WGS 84) for the "
        "coverage map. Features are matched to units of one catalogue by their code; "
        "unmatched features are listed. A bad file changes nothing. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="GeoJSON files")
        parser.add_argument(
            "--catalog",
            default=AdminCatalog.CURRENT,
            help=f"catalogue key (default {AdminCatalog.CURRENT})",
        )
        parser.add_argument(
            "--level",
            choices=[AdminUnit.Level.PROVINCE, AdminUnit.Level.COMMUNE],
            help="only match units of this level (default: by the code)",
        )
        parser.add_argument("--code-property", help="the feature property holding the unit's code")
        parser.add_argument(
            "--source", default="", help="where the boundaries come from and their licence"
        )
        parser.add_argument(
            "--tolerance", type=float, help="simplification in degrees (default by level)"
        )

    def handle(self, *args, **options):
        try:
            report = import_boundaries(
                options["files"],
                catalog_key=options["catalog"],
                level=options["level"],
                code_property=options["code_property"],
                source=options["source"],
                tolerance=options["tolerance"],
            )
        except BoundaryFileError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)

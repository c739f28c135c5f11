from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from cms.core.demo import LOADERS


class Command(BaseCommand):
    help = "Load the demo content and accounts. Idempotent: running it again changes nothing."

    def handle(self, *args, **options):
        for dotted in LOADERS:
            import_string(dotted)(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))

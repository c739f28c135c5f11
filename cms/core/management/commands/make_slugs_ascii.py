from django.core.management.base import BaseCommand

from cms.core.services import make_page_slugs_ascii


class Command(BaseCommand):
    help = "Give pages with a Unicode slug its ASCII form; their old URLs redirect to the new ones."

    def handle(self, *args, **options):
        changed = make_page_slugs_ascii(out=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"{changed} page slug(s) changed."))

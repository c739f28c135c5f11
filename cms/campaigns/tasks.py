from celery import shared_task
from django.core.management import call_command


@shared_task
def publish_scheduled_pages():
    """Publish what editors scheduled (the 30/7 campaign at midnight) and unpublish what has
    expired. Wagtail's command is idempotent: a second run finds nothing left to do."""
    call_command("publish_scheduled")

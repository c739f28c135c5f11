"""Scheduled publishing for 30/7: the beat schedule runs a task that calls Wagtail's
publish_scheduled; a page whose time has come goes live."""

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone

from cms.campaigns.models import CampaignPage
from cms.campaigns.tasks import publish_scheduled_pages
from tests.factories.campaigns import campaign_index, campaign_page


def schedule(page, *, go_live_at):
    page.go_live_at = go_live_at
    page.save_revision(approved_go_live_at=go_live_at)


def test_the_beat_schedule_runs_the_task():
    entry = settings.CELERY_BEAT_SCHEDULE["publish-scheduled-pages"]
    assert entry["task"] == publish_scheduled_pages.name
    assert entry["schedule"] <= 60


@pytest.mark.django_db
def test_a_page_scheduled_in_the_past_is_published_and_a_future_one_waits(home_page):
    index = campaign_index(home=home_page)
    due = campaign_page(index=index, year=2026, publish=False)
    later = campaign_page(index=index, year=2027, publish=False)
    now = timezone.now()
    schedule(due, go_live_at=now - datetime.timedelta(minutes=1))
    schedule(later, go_live_at=timezone.make_aware(datetime.datetime(2027, 7, 30)))

    publish_scheduled_pages.apply()

    assert CampaignPage.objects.get(pk=due.pk).live
    assert not CampaignPage.objects.get(pk=later.pk).live
    publish_scheduled_pages.apply()  # a second run changes nothing
    assert CampaignPage.objects.get(pk=due.pk).live


@pytest.mark.worker
def test_a_real_worker_publishes_the_scheduled_campaign(celery_worker):
    from cms.core.demo.site import load

    home = load(out=lambda *args: None)
    index = campaign_index(home=home)
    due = campaign_page(index=index, year=2026, publish=False)
    schedule(due, go_live_at=timezone.now() - datetime.timedelta(seconds=5))

    publish_scheduled_pages.delay().get(timeout=30)

    deadline = time.monotonic() + 10
    while not CampaignPage.objects.get(pk=due.pk).live and time.monotonic() < deadline:
        time.sleep(0.1)
    assert CampaignPage.objects.get(pk=due.pk).live

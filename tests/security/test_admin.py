"""Admin permissions: a report reader reaches the reports and nothing else, loses the admin
with their role, cannot edit reconciliation audit rows; deleting a user from the admin
anonymises their learning so the counts stay."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.coverage import reader

pytestmark = pytest.mark.django_db


def test_a_report_reader_opening_the_site_settings_is_refused_not_a_server_error(client, home_page):
    from cms.core.models import SiteSettings

    client.force_login(reader(None))
    before = list(SiteSettings.objects.values())
    url = "/admin/settings/core/sitesettings/"
    response = client.get(url)
    assert response.status_code in (302, 403)
    response = client.post(url, {"hotline_number": "0000"})
    assert response.status_code in (302, 403)
    assert list(SiteSettings.objects.values()) == before


def test_a_reader_removed_from_the_role_loses_the_admin(client):
    from elearning.coverage.models import ReportReader

    officer = reader(None)
    client.force_login(officer)
    landing = client.get("/admin/")  # a reader lands on their plans
    assert landing.status_code == 302 and landing.url.startswith("/admin/coverage/reports/")
    assert client.get(landing.url).status_code == 200
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    row = ReportReader.objects.get(user=officer)
    response = client.post(reverse("reportreader:delete", args=[row.pk]))
    assert response.status_code == 302
    assert not ReportReader.objects.filter(user=officer).exists()

    client.force_login(officer)
    after = client.get("/admin/")
    assert after.status_code == 302 and not after.url.startswith("/admin/")  # sent to sign in
    assert not officer.groups.exists()


def test_reconciliation_audit_rows_cannot_be_changed_in_the_admin(client):
    from django.utils import timezone

    from elearning.coverage.models import ReconciliationRun

    run = ReconciliationRun.objects.create(started_at=timezone.now(), cells=10, corrected=2)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("reconciliationrun:inspect", args=[run.pk])).status_code == 200
    edit = client.post(
        reverse("reconciliationrun:edit", args=[run.pk]),
        {"started_at": "2020-01-01 00:00", "cells": 0, "corrected": 0, "details": "[]"},
    )
    assert edit.status_code in (302, 403)
    delete = client.post(reverse("reconciliationrun:delete", args=[run.pk]))
    assert delete.status_code in (302, 403)
    run.refresh_from_db()
    assert (run.cells, run.corrected) == (10, 2)


def test_deleting_a_user_in_the_admin_keeps_their_anonymous_counts(client):
    from elearning.progress.models import ContentProgress
    from elearning.progress.services import mark_completed
    from tests.factories.accounts import LearnerFactory
    from tests.factories.progress import content_page, learner_context_for

    learner = LearnerFactory()
    page = content_page()
    mark_completed(
        context=learner_context_for(learner),
        content_id=page.pk,
        course_id=None,
        content_audience="community",
    )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(reverse("wagtailusers_users:delete", args=[learner.pk]))
    assert response.status_code == 302
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    row = ContentProgress.objects.get(content_id=page.pk)
    assert row.learner_id is None and row.visitor_key.startswith("deleted-")


def test_bulk_deleting_users_in_the_admin_keeps_their_anonymous_counts(client):
    from elearning.progress.models import ContentProgress
    from elearning.progress.services import mark_completed
    from tests.factories.accounts import LearnerFactory
    from tests.factories.progress import content_page, learner_context_for

    learners = [LearnerFactory(), LearnerFactory()]
    page = content_page()
    for learner in learners:
        mark_completed(
            context=learner_context_for(learner),
            content_id=page.pk,
            course_id=None,
            content_audience="community",
        )
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = (
        reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
        + "?"
        + "&".join(f"id={learner.pk}" for learner in learners)
    )
    response = client.post(url, {})
    assert response.status_code == 302
    assert ContentProgress.objects.filter(learner__isnull=True).count() == 2


def test_an_administrator_still_reaches_the_site_settings(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/settings/core/sitesettings/")
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200

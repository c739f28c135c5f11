"""The migration that renames ReadReceipt.user to learner keeps every receipt with its reader."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories.accounts import UserFactory
from tests.factories.geo import CommuneFactory
from tests.factories.pages import plain_page

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("dissemination", "0001_initial")]
AFTER = [("dissemination", "0002_learner_owned")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_renaming_user_to_learner_keeps_every_receipt():
    user, commune, page = UserFactory(), CommuneFactory(), plain_page(title="Luật")
    old = migrate(BEFORE).get_model("dissemination", "ReadReceipt")
    try:
        mine = old.objects.create(page_id=page.pk, user_id=user.pk, commune_id=commune.pk,
                                  audience="community", age_band="25-34")  # fmt: skip
        guests = old.objects.create(page_id=page.pk, visitor_key="phone-1", audience="community",
                                    age_band="16-17")  # fmt: skip
    finally:
        new = migrate(AFTER).get_model("dissemination", "ReadReceipt")
    rows = {row.pk: row for row in new.objects.all()}
    assert (rows[mine.pk].learner_id, rows[mine.pk].commune_id) == (user.pk, commune.pk)
    assert (rows[guests.pk].learner_id, rows[guests.pk].visitor_key) == (None, "phone-1")

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.campaigns.editorial import EDITORS, MODERATORS
from cms.campaigns.models import CampaignPage, Slogan, SloganStatus

pytestmark = pytest.mark.django_db


def load_campaigns() -> str:
    """The campaigns loader alone (the full `load_demo_data` also runs the other apps')."""
    from cms.campaigns.demo import load

    lines = []
    load(out=lines.append)
    return "\n".join(lines)


def test_demo_data_loads_twice_without_duplicates(home_page):
    first = load_campaigns()
    second = load_campaigns()

    this_year = timezone.localdate().year
    vi_campaigns = CampaignPage.objects.filter(locale__language_code="vi")
    assert sorted(vi_campaigns.values_list("year", flat=True)) == [2017, this_year]
    assert CampaignPage.objects.filter(locale__language_code="en").count() == 2
    assert vi_campaigns.get(year=this_year).event_date == datetime.date(this_year, 7, 30)
    assert Slogan.objects.filter(locale__language_code="vi").count() == 6
    assert Slogan.objects.filter(locale__language_code="en").count() == 6
    # The 2017 slogans are seed facts; later ones await an editor's confirmation.
    statuses = dict(Slogan.objects.filter(locale__language_code="vi").values_list("year", "status"))
    assert statuses[2017] == SloganStatus.CONFIRMED
    assert statuses[2023] == statuses[2024] == statuses[2025] == SloganStatus.NEEDS_REVIEW

    User = get_user_model()
    assert User.objects.get(username="bientap").groups.filter(name=EDITORS).exists()
    assert User.objects.get(username="kiemduyet").groups.filter(name=MODERATORS).exists()
    for output in (first, second):
        assert "bientap / " in output and "kiemduyet / " in output


def test_demo_editor_can_log_in_with_the_printed_password(client, home_page):
    line = next(line for line in load_campaigns().splitlines() if "bientap / " in line)
    password = line.rsplit(" / ", 1)[1].strip()
    response = client.post(
        "/accounts/login/", {"login": "bientap", "password": password}, follow=True
    )
    assert response.context["user"].username == "bientap"
    assert client.get("/admin/").status_code == 200

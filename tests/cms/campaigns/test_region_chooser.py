import pytest

from tests.factories.accounts import StaffFactory
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory

pytestmark = pytest.mark.django_db


def test_editors_find_a_region_without_typing_diacritics(client, home_page):
    CommuneFactory(name="Xã Mường Lát")
    CommuneFactory(name="Xã Mường Lát", catalog=LegacyCatalogFactory())  # old catalogue
    CommuneFactory(name="Phường Ba Đình")
    client.force_login(StaffFactory())

    response = client.get("/admin/region_chooser/", {"q": "muong lat"})
    html = response.json()["html"]
    assert html.count("Xã Mường Lát") == 1
    assert "Ba Đình" not in html


def test_the_campaign_editor_uses_the_chooser_not_a_list_of_every_commune(client, campaign):
    CommuneFactory(name="Xã Mường Lát")
    client.force_login(StaffFactory())
    html = client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    assert "Chọn tỉnh hoặc xã/phường" in html
    assert "Xã Mường Lát" not in html

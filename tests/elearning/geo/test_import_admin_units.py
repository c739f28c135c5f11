import pytest
from django.core.management import call_command

from elearning.geo.models import AdminCatalog, AdminUnit, AdminUnitLineage
from tests.factories.accounts import StaffFactory

pytestmark = pytest.mark.django_db


def run_import() -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_admin_units", stdout=out)
    return out.getvalue()


def test_import_loads_both_catalogues_with_lineage_and_a_second_run_changes_nothing(client):
    first = run_import()
    assert "communes: 13356 created" in first

    current = AdminUnit.objects.current()
    assert current.provinces().count() == 34
    assert current.communes().count() == 3321
    assert not current.communes().filter(latitude__isnull=True).exists()
    legacy = AdminUnit.objects.filter(catalog__key=AdminCatalog.LEGACY)
    assert legacy.provinces().count() == 63
    assert legacy.filter(level="district").count() == 696
    assert legacy.communes().count() == 10035

    # Codes are reused across catalogues: the same code names different units.
    assert AdminUnit.objects.filter(level="province", code="01").count() == 2

    ba_dinh = current.communes().get(name="Phường Ba Đình")
    assert ba_dinh.province.name == "Thành phố Hà Nội"
    assert ba_dinh.search_name == "phuong ba dinh"
    # The legacy ward of the same name became (part of) the current one.
    old = legacy.communes().get(name="Phường Quán Thánh")
    assert ba_dinh in [row.to_unit for row in old.lineage_to.all()]

    # Split legacy communes: several partial rows, exactly one default.
    split = AdminUnitLineage.objects.filter(is_partial=True).values("from_unit").distinct()
    assert split.count() > 400
    some = AdminUnitLineage.objects.filter(from_unit_id=split[0]["from_unit"])
    assert some.count() > 1 and some.filter(is_default=True).count() == 1

    # Every legacy commune leads somewhere in the current catalogue.
    assert not legacy.communes().filter(lineage_to__isnull=True).exists()

    # The demo loader sees the units are there and skips the import.
    from elearning.geo.demo import load

    said = []
    load(out=said.append)
    assert said == ["Administrative units already loaded."]

    # A second run changes nothing and says so.
    counts = (AdminUnit.objects.count(), AdminUnitLineage.objects.count())
    assert "nothing changed" in run_import()
    assert (AdminUnit.objects.count(), AdminUnitLineage.objects.count()) == counts

    # A unit edited by hand is put back to the source by the next run.
    AdminUnit.objects.filter(pk=ba_dinh.pk).update(name="Sai tên")
    assert "communes: 0 created, 1 updated" in run_import()
    ba_dinh.refresh_from_db()
    assert ba_dinh.name == "Phường Ba Đình"

    # The admin listing finds it without diacritics and filters by province and catalogue.
    client.force_login(StaffFactory())
    url = "/admin/admin_units/"
    response = client.get(url, {"q": "ba dinh"})
    assert "Phường Ba Đình" in response.content.decode()
    current_catalog = AdminCatalog.objects.get(key=AdminCatalog.CURRENT)
    response = client.get(
        url, {"q": "ba dinh", "catalog": current_catalog.pk, "province": ba_dinh.province_id}
    )
    listed = list(response.context["object_list"])
    assert ba_dinh in listed and all(unit.catalog_id == current_catalog.pk for unit in listed)
    assert "Thành phố Hà Nội (legacy-2024)" in response.content.decode()  # province filter
    assert client.get(url + "new/").status_code in (302, 403)

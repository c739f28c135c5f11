"""Former districts as a grouping: the 2025 reform removed districts, readers still think in
them; the lineage of each commune's former communes says which district it came from."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from elearning.coverage import services
from elearning.geo.models import AdminUnit, AdminUnitLineage
from tests.factories.coverage import PlanFactory, complete, profile, reader
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory, ProvinceFactory


@pytest.fixture
def plan(communes, ninh_binh):
    legacy = LegacyCatalogFactory()
    old_province = ProvinceFactory(catalog=legacy, code="37", name="Tỉnh Ninh Bình")
    districts = {
        name: AdminUnit.objects.create(
            catalog=legacy,
            level="district",
            code=code,
            name=name,
            parent=old_province,
            province=old_province,
        )
        for code, name in [("369", "Thành phố Hoa Lư"), ("372", "Huyện Gia Viễn")]
    }
    # Hoa Lư ward from a commune of each district; Gia Viễn from Gia Viễn's; Kim Sơn unknown.
    for district, target, code in [
        ("Thành phố Hoa Lư", communes[0], "14400"),
        ("Huyện Gia Viễn", communes[0], "14401"),
        ("Huyện Gia Viễn", communes[1], "14402"),
    ]:
        old = CommuneFactory(
            catalog=legacy, province=old_province, parent=districts[district], code=code
        )
        AdminUnitLineage.objects.create(from_unit=old, to_unit=target)
    for commune in communes:
        profile(commune, population=100)
        complete(commune=commune, people=10)
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(scope_unit=ninh_binh), districts


def test_communes_grouped_and_filtered_by_former_district(client, plan, ninh_binh):
    plan, districts = plan
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:areas", args=[plan.pk])
    grouped = client.get(url, {"ordering": "district"})
    rows = [(row.name, row.district) for row in grouped.context["object_list"]]
    assert rows == [
        ("Xã Gia Viễn", "Huyện Gia Viễn"),
        ("Cộng Huyện Gia Viễn", "Huyện Gia Viễn"),  # each district's subtotal after it
        ("Phường Hoa Lư", "Huyện Gia Viễn, Thành phố Hoa Lư"),
        ("Cộng Huyện Gia Viễn, Thành phố Hoa Lư", "Huyện Gia Viễn, Thành phố Hoa Lư"),
        ("Xã Kim Sơn", ""),  # the data does not know: last
    ]
    subtotal = grouped.context["object_list"][1]
    assert subtotal.is_subtotal and subtotal.reach_display == 10.0  # 10 of 100 people
    content = grouped.content.decode()
    assert "Huyện cũ" in content and "<option value" in content
    assert "coverage-subtotal" in content and "Cộng Huyện Gia Viễn" in content
    assert "Cách tính ở xã khác với ở tỉnh" in content  # legal texts, staff: said on the page
    # By name: communes only, subtotals after them.
    assert [row.name for row in client.get(url).context["object_list"]][3:] == [
        "Cộng Huyện Gia Viễn",
        "Cộng Huyện Gia Viễn, Thành phố Hoa Lư",
    ]
    # In the XLSX too, as numbers.
    response = client.get(url, {"ordering": "district", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Theo xã"]
    values = {row[0]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["Cộng Huyện Gia Viễn"] == 10.0
    only = client.get(url, {"district": districts["Thành phố Hoa Lư"].pk})
    assert [row.name for row in only.context["object_list"]] == [
        "Phường Hoa Lư",
        "Cộng Huyện Gia Viễn, Thành phố Hoa Lư",
    ]
    # A district that is not one of these communes', or not a number: a 404, not a 500.
    elsewhere = AdminUnit.objects.create(
        catalog=districts["Huyện Gia Viễn"].catalog, level="district", code="001", name="Quận X"
    )
    for bad in [str(elsewhere.pk), "abc", "1" * 30]:
        assert client.get(url, {"district": bad}).status_code == 404

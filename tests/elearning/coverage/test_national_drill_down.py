"""A national reader drilling down from the country's province table: what that table
withholds of a province stays withheld below it, in the province's commune table and in the
overview of a province's only commune (the differencing attack test finds the numbers these
gave back)."""

from django.urls import reverse

from elearning.coverage import services
from elearning.coverage.selectors import SUPPRESSED, WITHHELD
from tests.factories.coverage import PlanFactory, complete, profile, reader


def _national_plan(client, people: dict):
    """A plan for the country with these people reached in each commune, read by a national
    reader."""
    for commune, count in people.items():
        profile(commune, population=1000)
        if count:
            complete(commune=commune, people=count)
        services.refresh_commune_rollups(commune_id=commune.pk)
    client.force_login(reader(None))
    return PlanFactory(targets={"reach": 75})


def _reach(client, view, plan, unit=None):
    """The reach shown: an overview's figure, or a table's by row."""
    params = {"unit": unit.pk} if unit else {}
    response = client.get(reverse(f"coverage_reports:{view}", args=[plan.pk]), params)
    assert response.status_code == 200
    if view == "overview":
        return next(
            f.value_display for f in response.context["object_list"] if f.key == ("reach", "")
        )
    return {row.name: row.reach_display for row in response.context["object_list"]}


def test_a_province_withheld_in_the_country_table_shows_none_of_its_communes(
    client, communes, ninh_binh, hanoi_commune
):
    # Hà Nội's 3 is "<5": Ninh Bình's 18, the country's total less 3, is withheld beside it.
    plan = _national_plan(
        client, {communes[0]: 12, communes[1]: 6, communes[2]: 0, hanoi_commune: 3}
    )
    assert _reach(client, "areas", plan) == {
        "Thành phố Hà Nội": SUPPRESSED,
        "Tỉnh Ninh Bình": WITHHELD,
    }
    assert _reach(client, "areas", plan, ninh_binh) == {
        "Phường Hoa Lư": WITHHELD,
        "Xã Gia Viễn": WITHHELD,
        "Xã Kim Sơn": WITHHELD,
    }
    assert _reach(client, "overview", plan, ninh_binh) == WITHHELD
    assert _reach(client, "overview", plan, communes[0]) == WITHHELD


def test_the_only_commune_of_a_province_withholds_what_the_country_table_does(
    client, communes, hanoi_commune, ha_noi
):
    # Ninh Bình's 3 is "<5": Hà Nội's 40 is withheld beside it, and Ba Đình is all of Hà Nội.
    plan = _national_plan(
        client, {communes[0]: 3, communes[1]: 0, communes[2]: 0, hanoi_commune: 40}
    )
    shown = _reach(client, "areas", plan)
    assert shown == {"Thành phố Hà Nội": WITHHELD, "Tỉnh Ninh Bình": SUPPRESSED}
    assert _reach(client, "overview", plan, ha_noi) == WITHHELD
    assert _reach(client, "overview", plan, hanoi_commune) == WITHHELD

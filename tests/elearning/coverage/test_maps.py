"""The coverage map: a choropleth where boundaries were imported, labelled dots where not."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from elearning.coverage import services
from tests.factories.coverage import PlanFactory, complete, profile, reader


def _square(lon, lat, size=0.02):
    return [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]


@pytest.fixture
def plan(communes, ninh_binh):
    for commune, people in zip(communes, [30, 3, 12], strict=True):
        profile(commune, population=100)
        complete(commune=commune, people=people)
        services.refresh_commune_rollups(commune_id=commune.pk)
    return PlanFactory(scope_unit=ninh_binh, targets={"reach": 75})


def _import(tmp_path, communes):
    path = tmp_path / "ninh-binh.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": commune.code},
                        "geometry": {
                            "type": "Polygon",
                            "coordinates": [_square(105.9 + i / 50, 20.2)],
                        },
                    }
                    for i, commune in enumerate(communes)
                ],
            }
        )
    )
    call_command("import_boundaries", str(path), "--source", "Bản đồ thử", stdout=StringIO())


def _map(client, plan):
    content = client.get(reverse("coverage_reports:areas", args=[plan.pk])).content.decode()
    return content, content.split('<div class="coverage-map">')[1].split("</svg>")[0]


def test_without_boundaries_the_map_is_labelled_dots_and_says_so(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    content, svg = _map(client, plan)
    assert svg.count("<circle") == 3 and "<path" not in svg
    assert "Chưa nhập ranh giới" in content
    # Hidden figures are hatched as the legend says, not the grey of "no figure".
    dots = svg.split("<circle")[1:]
    hidden = [dot for dot in dots if "&lt;5</title>" in dot or "*</title>" in dot]
    assert len(hidden) == 2 and all('fill="url(#coverage-hatch)"' in dot for dot in hidden)
    assert 'id="coverage-hatch"' in svg


def test_a_legend_of_zeros_has_one_step(client, plan, ninh_binh):
    client.force_login(reader(ninh_binh))
    url = reverse("coverage_reports:areas", args=[plan.pk]) + "?indicator=in_depth_model"
    content = client.get(url).content.decode()
    legend = content.split('class="coverage-legend"')[1].split("</p>")[0]
    assert "≥" not in legend and ">0 %</span>" in legend


def test_imported_boundaries_colour_each_commune_by_its_figure(
    client, plan, ninh_binh, communes, tmp_path
):
    _import(tmp_path, communes)
    client.force_login(reader(ninh_binh))
    content, svg = _map(client, plan)
    assert svg.count("<path") == 3 and "<circle" not in svg
    paths = {
        commune.name: svg.split(f'href="#unit-{commune.pk}"')[1].split("</a>")[0]
        for commune in communes
    }
    # 30 % is the highest: the darkest step. Gia Viễn's 3 people are "<5": hatched, not a colour.
    assert 'fill="#a52a2a"' in paths["Phường Hoa Lư"] and "Phường Hoa Lư: 30 %" in svg
    assert 'fill="url(#coverage-hatch)"' in paths["Xã Gia Viễn"] and "Xã Gia Viễn: &lt;5" in svg
    # Kim Sơn (12 %) is withheld beside it, so that 45 − 30 − 12 cannot give Gia Viễn's 3.
    assert 'fill="url(#coverage-hatch)"' in paths["Xã Kim Sơn"]
    # A tap goes to the unit's row in the table, which shows its value.
    assert f'id="unit-{communes[0].pk}"' in content
    # The values on the map and in the legend are written as the tables write them.
    assert ">30 %</text>" in svg
    legend = content.split('class="coverage-legend"')[1].split("</p>")[0]
    assert "≥ 0 %" in legend and "≥ 25 %" in legend and "ẩn (&lt;5 hoặc *)" in legend
    assert "Ranh giới: Bản đồ thử." in content and "Chưa nhập ranh giới" not in content
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_a_unit_without_a_boundary_is_a_dot_among_the_polygons(
    client, plan, ninh_binh, communes, tmp_path
):
    _import(tmp_path, communes[:2])
    client.force_login(reader(ninh_binh))
    content, svg = _map(client, plan)
    assert svg.count("<path") == 2 and svg.count("<circle") == 1
    assert "1 đơn vị chưa có ranh giới" in content

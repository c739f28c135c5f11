"""manage.py import_boundaries: GeoJSON files written here, as a GIS program exports them."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from elearning.geo.boundaries import simplify_ring
from elearning.geo.models import UnitBoundary
from tests.factories.geo import CommuneFactory, LegacyCatalogFactory, ProvinceFactory

pytestmark = pytest.mark.django_db


def square(lon, lat, size=0.02, points_per_side=50):
    """A closed ring with many points on each side (as real outlines have)."""
    corners = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size)]
    ring = []
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1], strict=True):
        for step in range(points_per_side):
            t = step / points_per_side
            ring.append([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t])
    return [*ring, ring[0]]


def feature(code, ring, **properties):
    return {
        "type": "Feature",
        "properties": {"code": code, **properties},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def run(*args):
    out = StringIO()
    call_command("import_boundaries", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def units():
    province = ProvinceFactory(code="37", name="Tỉnh Ninh Bình")
    return province, [
        CommuneFactory(province=province, code=code, name=name)
        for code, name in [("14362", "Phường Hoa Lư"), ("14365", "Xã Gia Viễn")]
    ]


def test_features_are_matched_by_code_simplified_and_unmatched_ones_listed(tmp_path, units):
    province, (hoa_lu, gia_vien) = units
    path = write(
        tmp_path,
        "communes.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                feature("14362", square(105.9, 20.2), fullName="Phường Hoa Lư"),
                feature(14365, square(105.95, 20.2)),  # a number, as some exporters write it
                feature("99999", square(106.0, 20.2), fullName="Xã Không Có"),
            ],
        },
    )
    with translation.override("vi"):
        said = run(path, "--source", "Bản đồ thử (CC BY 4.0)")
    assert "2 đã tạo" in said
    assert "1 đối tượng không khớp" in said and "“99999” Xã Không Có" in said
    outline = UnitBoundary.objects.get(unit=hoa_lu)
    ring = outline.polygons[0][0]
    # 201 points along four straight sides become the four corners (and the closing point).
    assert len(ring) == 5 and ring[0] == ring[-1]
    assert all(round(x, 4) == x for point in ring for x in point)
    assert outline.source == "Bản đồ thử (CC BY 4.0)"
    assert UnitBoundary.objects.filter(unit=gia_vien).exists()
    # Run again: nothing changes, and it says so.
    with translation.override("en"):
        assert "2 unchanged" in run(path)
    assert UnitBoundary.objects.count() == 2


def test_a_province_code_is_not_read_as_a_commune(tmp_path, units):
    province, _communes = units
    CommuneFactory(province=province, code="00037", name="Phường Trùng Mã")
    path = write(
        tmp_path,
        "provinces.geojson",
        {"type": "FeatureCollection", "features": [feature("37", square(105.5, 20, 0.5))]},
    )
    run(path)
    assert UnitBoundary.objects.get().unit == province


def test_codes_are_matched_in_the_chosen_catalogue_only(tmp_path, units):
    legacy = LegacyCatalogFactory()
    old = ProvinceFactory(catalog=legacy, code="37", name="Tỉnh Ninh Bình (cũ)")
    path = write(
        tmp_path,
        "old.geojson",
        {"type": "FeatureCollection", "features": [feature("37", square(105.5, 20, 0.5))]},
    )
    run(path, "--catalog", legacy.key, "--level", "province")
    assert UnitBoundary.objects.get().unit == old


BAD_FILES = {
    "not json": ("{ not json", "không phải tệp GeoJSON"),
    "a point": (
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"code": "37"},
                    "geometry": {"type": "Point", "coordinates": [105, 20]},
                }
            ],
        },
        "không phải một vùng",
    ),
    "projected metres": (
        {
            "type": "FeatureCollection",
            "features": [feature("14362", square(585000, 2235000, 1000))],
        },
        "không phải kinh độ và vĩ độ",
    ),
    "no features": ({"type": "FeatureCollection", "features": []}, "không có đối tượng nào"),
    "unclosed ring": (
        {"type": "FeatureCollection", "features": [feature("14362", [[105, 20], [106, 20]])]},
        "ít nhất 4 điểm",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_and_nothing_changes(tmp_path, units, case):
    _province, (hoa_lu, _gia_vien) = units
    good = write(
        tmp_path,
        "good.geojson",
        {"type": "FeatureCollection", "features": [feature("14362", square(105.9, 20.2))]},
    )
    data, message = BAD_FILES[case]
    bad = write(tmp_path, "bad.geojson", data)
    with translation.override("vi"), pytest.raises(CommandError) as error:
        run(good, bad)  # the good file is not imported either
    assert message in str(error.value) and "bad.geojson" in str(error.value)
    assert not UnitBoundary.objects.exists()


def test_messages_in_english(tmp_path, units):
    bad = write(tmp_path, "bad.geojson", "[]")
    with translation.override("en"), pytest.raises(CommandError, match="is not a GeoJSON file"):
        run(bad)


def test_a_file_matching_nothing_is_refused(tmp_path, units):
    path = write(
        tmp_path,
        "elsewhere.geojson",
        {"type": "FeatureCollection", "features": [feature("88888", square(100, 10))]},
    )
    with (
        translation.override("vi"),
        pytest.raises(CommandError, match="Không có đối tượng nào khớp"),
    ):
        run(path)
    assert not UnitBoundary.objects.exists()


def test_simplification_keeps_a_bend_and_drops_points_on_a_line():
    ring = [[0, 0], [0.5, 0.0001], [1, 0], [1, 1], [0.5, 0.6], [0, 1], [0, 0]]
    kept = simplify_ring(ring, 0.001)
    assert [0.5, 0.0001] not in kept and [0.5, 0.6] in kept

"""Boundaries of administrative units for the coverage map, from GeoJSON files.

Every file is read and checked before anything is written: a file that is not GeoJSON, has no
polygons or has coordinates that are not longitude/latitude is refused with a message and
nothing changes. Features are matched to units of one catalogue by their code (catalogue +
code, never a bare code: codes were reused across the catalogues); features that match no unit
are reported, not guessed. Outlines are simplified (Douglas–Peucker) and rounded, so that a
province's communes fit in a map a phone can draw."""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from .models import AdminCatalog, AdminUnit, UnitBoundary

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_POINTS_PER_FEATURE = 2_000_000
# Properties that hold the official code, in the order tried.
CODE_PROPERTIES = ("code", "ma", "ma_dvhc", "ward_code", "province_code", "matinh", "maxa")
NAME_PROPERTIES = ("fullName", "name", "ten", "ten_dvhc")
# Simplification, in degrees (0.0005° ≈ 55 m, 0.005° ≈ 550 m): enough for a commune drawn
# among its province's, and for a province drawn among the country's.
TOLERANCE = {AdminUnit.Level.COMMUNE: 0.0005, AdminUnit.Level.PROVINCE: 0.005}
DECIMALS = 4
CODE_WIDTH = {AdminUnit.Level.PROVINCE: 2, AdminUnit.Level.COMMUNE: 5}


class BoundaryFileError(ValueError):
    """A file that cannot be imported; the message says why, in the reader's language."""


@dataclass
class Feature:
    file: str
    index: int
    code: str
    name: str
    polygons: list  # [[ring, hole, ...], ...], rings of [lon, lat]


@dataclass
class BoundaryReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    points_before: int = 0
    points_after: int = 0
    stored_bytes: int = 0
    unmatched: list = field(default_factory=list)  # Feature

    def lines(self) -> list[str]:
        lines = [
            _("Boundaries: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": self.created, "updated": self.updated, "unchanged": self.unchanged},
            _("Simplified from %(before)s to %(after)s points (%(kb)s KB stored).")
            % {
                "before": self.points_before,
                "after": self.points_after,
                "kb": round(self.stored_bytes / 1024, 1),
            },
        ]
        if self.unmatched:
            lines.append(
                _("%(count)s features match no unit and were not imported:")
                % {"count": len(self.unmatched)}
            )
            for feature in self.unmatched:
                lines.append(
                    "  "
                    + _("%(file)s, feature %(index)s: code “%(code)s” %(name)s")
                    % {
                        "file": feature.file,
                        "index": feature.index + 1,
                        "code": feature.code or "—",
                        "name": feature.name,
                    }
                )
        return lines


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _ring(points, *, where) -> list:
    if not isinstance(points, list) or len(points) < 4:
        raise BoundaryFileError(_("%(where)s: a ring needs at least 4 points.") % {"where": where})
    ring = []
    for point in points:
        if not (isinstance(point, list) and len(point) >= 2 and all(map(_number, point[:2]))):
            raise BoundaryFileError(
                _("%(where)s: a point is not a pair of numbers.") % {"where": where}
            )
        lon, lat = float(point[0]), float(point[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise BoundaryFileError(
                _(
                    "%(where)s: coordinates (%(lon)s, %(lat)s) are not longitude and latitude. "
                    "Export the file in WGS 84 (EPSG:4326)."
                )
                % {"where": where, "lon": point[0], "lat": point[1]}
            )
        ring.append((lon, lat))
    return ring


def _polygons(geometry, *, where) -> list:
    if not isinstance(geometry, dict):
        raise BoundaryFileError(_("%(where)s: no geometry.") % {"where": where})
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coordinates = [coordinates]
    elif kind != "MultiPolygon":
        raise BoundaryFileError(
            _("%(where)s: a %(kind)s is not an area; only Polygon and MultiPolygon are.")
            % {"where": where, "kind": str(kind)[:40]}
        )
    if not isinstance(coordinates, list) or not coordinates:
        raise BoundaryFileError(_("%(where)s: no coordinates.") % {"where": where})
    polygons = []
    for polygon in coordinates:
        if not isinstance(polygon, list) or not polygon:
            raise BoundaryFileError(_("%(where)s: an empty polygon.") % {"where": where})
        polygons.append([_ring(ring, where=where) for ring in polygon])
    return polygons


def _property(properties: dict, names) -> str:
    for name in names:
        value = properties.get(name)
        if value not in (None, ""):
            return str(value).strip()[:64]
    return ""


def read_features(path, *, code_property: str | None = None) -> list[Feature]:
    """The features of one GeoJSON file (a FeatureCollection, a Feature or a geometry)."""
    path = Path(path)
    label = path.name
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise BoundaryFileError(
                _("%(file)s is larger than %(mb)s MB.")
                % {"file": label, "mb": MAX_FILE_BYTES // 2**20}
            )
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise BoundaryFileError(
            _("%(file)s cannot be read: %(error)s") % {"file": label, "error": error.strerror}
        ) from error
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BoundaryFileError(
            _("%(file)s is not a GeoJSON file (not valid JSON).") % {"file": label}
        ) from error
    if not isinstance(data, dict):
        raise BoundaryFileError(_("%(file)s is not a GeoJSON file.") % {"file": label})
    if data.get("type") == "FeatureCollection":
        raw = data.get("features")
    elif data.get("type") == "Feature":
        raw = [data]
    else:
        raise BoundaryFileError(_("%(file)s is not a GeoJSON FeatureCollection.") % {"file": label})
    if not isinstance(raw, list) or not raw:
        raise BoundaryFileError(_("%(file)s has no features.") % {"file": label})
    names = (code_property,) if code_property else CODE_PROPERTIES
    features = []
    for index, item in enumerate(raw):
        where = _("%(file)s, feature %(index)s") % {"file": label, "index": index + 1}
        if not isinstance(item, dict):
            raise BoundaryFileError(_("%(where)s: not a feature.") % {"where": where})
        properties = item.get("properties") if isinstance(item.get("properties"), dict) else {}
        polygons = _polygons(item.get("geometry"), where=where)
        if sum(len(ring) for polygon in polygons for ring in polygon) > MAX_POINTS_PER_FEATURE:
            raise BoundaryFileError(_("%(where)s: too many points.") % {"where": where})
        features.append(
            Feature(
                file=label,
                index=index,
                code=_property(properties, names),
                name=_property(properties, NAME_PROPERTIES),
                polygons=polygons,
            )
        )
    return features


def _distance(point, start, end) -> float:
    """How far a point is from the line through start and end (in degrees)."""
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify_ring(ring: list, tolerance: float) -> list:
    """Douglas–Peucker on a closed ring, without recursion (rings of 100,000 points)."""
    if len(ring) <= 4:
        return list(ring)
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # A closed ring starts and ends at one point: split it at the point farthest from it.
    far = max(range(1, len(ring) - 1), key=lambda i: math.dist(ring[i], ring[0]))
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        index, worst = first, -1.0
        for i in range(first + 1, last):
            gap = _distance(ring[i], ring[first], ring[last])
            if gap > worst:
                index, worst = i, gap
        if worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(ring, keep, strict=True) if kept]


def simplify(polygons: list, tolerance: float) -> list:
    """Simplified and rounded polygons; rings that shrink to nothing (islets smaller than the
    tolerance) are dropped, but never the largest outline."""
    result = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = []
            for lon, lat in simplify_ring(ring, tolerance):
                point = [round(lon, DECIMALS), round(lat, DECIMALS)]
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) >= 4:
                rings.append(points)
        if rings and len(rings[0]) >= 4:
            result.append(rings)
    if not result:
        largest = max(polygons, key=lambda polygon: len(polygon[0]))
        result = [[[[round(lon, DECIMALS), round(lat, DECIMALS)] for lon, lat in largest[0]]]]
    return result


def _candidates(code: str, level: str | None) -> list[tuple[str, str]]:
    """(level, code) pairs a feature's code may name: as written, or padded with zeros when a
    file stored it as a number (4 for "04"). A code of a level's own width ("04", "00004")
    names that level only: "04" is a province, not the commune "00004"."""
    levels = [level] if level else list(CODE_WIDTH)
    exact = [(each, code) for each in levels if len(code) == CODE_WIDTH[each]]
    if exact or not code.isdigit():
        return exact or [(each, code) for each in levels]
    return [(each, code.zfill(CODE_WIDTH[each])) for each in levels if len(code) < CODE_WIDTH[each]]


def import_boundaries(
    paths,
    *,
    catalog_key: str = AdminCatalog.CURRENT,
    level: str | None = None,
    code_property: str | None = None,
    source: str = "",
    tolerance: float | None = None,
) -> BoundaryReport:
    """Read and check every file, then store the simplified outline of each matched unit in
    one transaction. Raises BoundaryFileError (nothing written) for a bad file, or when no
    feature matches a unit."""
    catalog = AdminCatalog.objects.filter(key=catalog_key).first()
    if catalog is None:
        raise BoundaryFileError(
            _("There is no catalogue “%(key)s”: run import_admin_units first.")
            % {"key": catalog_key}
        )
    features = [
        feature for path in paths for feature in read_features(path, code_property=code_property)
    ]
    units = AdminUnit.objects.filter(catalog=catalog, level__in=[level] if level else CODE_WIDTH)
    codes = {pair for feature in features for pair in _candidates(feature.code, level)}
    by_code = {
        (unit.level, unit.code): unit
        for unit in units.filter(code__in={code for _level, code in codes})
    }
    report = BoundaryReport()
    matched = {}
    for feature in features:
        found = [by_code[pair] for pair in _candidates(feature.code, level) if pair in by_code]
        if len({unit.pk for unit in found}) != 1:  # none, or a province and a commune
            report.unmatched.append(feature)
            continue
        unit = found[0]
        # Several features of one unit (a file per island, say) make one outline.
        matched.setdefault(unit.pk, (unit, []))[1].extend(feature.polygons)
    if not matched:
        raise BoundaryFileError(
            _(
                "No feature matches a unit of the catalogue “%(catalog)s” by its code "
                "(properties tried: %(properties)s). Nothing was imported."
            )
            % {
                "catalog": catalog_key,
                "properties": ", ".join((code_property,) if code_property else CODE_PROPERTIES),
            }
        )
    existing = {
        boundary.unit_id: boundary
        for boundary in UnitBoundary.objects.filter(unit_id__in=list(matched))
    }
    with transaction.atomic():
        for unit_id, (unit, polygons) in matched.items():
            simplified = simplify(polygons, tolerance or TOLERANCE[unit.level])
            report.points_before += sum(len(r) for p in polygons for r in p)
            report.points_after += sum(len(r) for p in simplified for r in p)
            report.stored_bytes += len(json.dumps(simplified, separators=(",", ":")))
            boundary = existing.get(unit_id)
            if boundary is None:
                UnitBoundary.objects.create(unit=unit, polygons=simplified, source=source)
                report.created += 1
            elif boundary.polygons != simplified or (source and boundary.source != source):
                boundary.polygons = simplified
                boundary.source = source or boundary.source
                boundary.save()
                report.updated += 1
            else:
                report.unchanged += 1
    return report

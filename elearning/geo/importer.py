"""Loads Vietnam's administrative units from the MIT-licensed package `vietnamadminunits`:
the current catalogue (from 1/7/2025: 34 provinces, 3,321 communes), the legacy one (63
provinces, their districts, about 10,000 communes) and the lineage legacy -> current.

Bulk operations throughout, and idempotent: rows are matched on catalogue + level + code
(codes were reused across the catalogues) and only differences are written."""

import datetime
import functools
import importlib.util
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.db.models import F

from common.text import normalise

from .models import AdminCatalog, AdminUnit, AdminUnitLineage

CATALOGS = {
    AdminCatalog.CURRENT: {
        "name": "Danh mục đơn vị hành chính từ 1/7/2025 (34 tỉnh, thành phố)",
        "effective_from": datetime.date(2025, 7, 1),
        "effective_to": None,
    },
    AdminCatalog.LEGACY: {
        "name": "Danh mục đơn vị hành chính trước 1/7/2025 (63 tỉnh, thành phố)",
        "effective_from": None,
        "effective_to": datetime.date(2025, 6, 30),
    },
}
UNIT_FIELDS = ["name", "kind", "search_name", "latitude", "longitude", "parent_id", "province_id"]
BATCH = 1000


@dataclass
class ImportReport:
    created: dict = field(default_factory=dict)  # label -> count
    updated: dict = field(default_factory=dict)
    deleted: dict = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.deleted.values())
        )

    def lines(self) -> list[str]:
        if not self.changed:
            return ["Administrative units are up to date: nothing changed."]
        lines = []
        for label in dict.fromkeys([*self.created, *self.updated, *self.deleted]):
            lines.append(
                f"{label}: {self.created.get(label, 0)} created, "
                f"{self.updated.get(label, 0)} updated, {self.deleted.get(label, 0)} deleted"
            )
        return lines


def _source():
    # Found without importing the package: importing it loads its address parser (seconds).
    spec = importlib.util.find_spec("vietnamadminunits")
    package = Path(spec.submodule_search_locations[0]) / "data"
    database = sqlite3.connect(f"file:{package / 'dataset.db'}?mode=ro", uri=True)
    database.row_factory = sqlite3.Row
    converter = json.loads((package / "converter_2025.json").read_text(encoding="utf-8"))
    return database, converter


def _kind_of_province(name: str) -> str:
    return "Thành phố" if name.startswith("Thành phố") else "Tỉnh"


_search_name = functools.lru_cache(maxsize=None)(normalise)


def _unit(name, kind, lat, lon, parent=None, province=None):
    return {
        "name": name,
        "kind": kind or "",
        "search_name": _search_name(name),
        "latitude": lat,
        "longitude": lon,
        "parent": parent,  # code of the parent unit (same catalogue), resolved to an id later
        "province": province,
    }


def read_units(database) -> dict:
    """{(catalog key, level, code): unit fields} for both catalogues, plus the source keys
    the converter uses, {(catalog key, source key): (level, code)}."""
    P, D, C = AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT, AdminUnit.Level.COMMUNE
    units, keys = {}, {}
    current, legacy = AdminCatalog.CURRENT, AdminCatalog.LEGACY
    for row in database.execute("SELECT * FROM admin_units ORDER BY provinceCode, wardCode"):
        province = row["provinceCode"]
        if (current, P, province) not in units:
            units[(current, P, province)] = _unit(
                row["province"],
                _kind_of_province(row["province"]),
                row["provinceLat"],
                row["provinceLon"],
            )
            keys[(current, row["provinceKey"])] = (P, province)
        units[(current, C, row["wardCode"])] = _unit(
            row["ward"], row["wardType"], row["wardLat"], row["wardLon"], province, province
        )
        keys[(current, f"{row['provinceKey']}_{row['wardKey']}")] = (C, row["wardCode"])
    for row in database.execute("SELECT * FROM admin_units_legacy ORDER BY wardCode"):
        province, district = row["provinceCode"], row["districtCode"]
        if (legacy, P, province) not in units:
            units[(legacy, P, province)] = _unit(
                row["province"],
                _kind_of_province(row["province"]),
                row["provinceLat"],
                row["provinceLon"],
            )
            keys[(legacy, row["provinceKey"])] = (P, province)
        if (legacy, D, district) not in units:
            units[(legacy, D, district)] = _unit(
                row["district"],
                row["districtType"],
                row["districtLat"],
                row["districtLon"],
                province,
                province,
            )
        district_key = f"{row['provinceKey']}_{row['districtKey']}"
        if row["wardCode"]:
            units[(legacy, C, row["wardCode"])] = _unit(
                row["ward"], row["wardType"], row["wardLat"], row["wardLon"], district, province
            )
            keys[(legacy, f"{district_key}_{row['wardKey']}")] = (C, row["wardCode"])
        else:
            # Island districts without communes (Bạch Long Vĩ, Cồn Cỏ, ...) became communes
            # ("đặc khu") themselves; the converter names them "province_district_".
            keys[(legacy, f"{district_key}_")] = (D, district)
    return units, keys


def read_lineage(converter, keys) -> dict:
    """{((legacy level, code), (current level, code)): (is_partial, is_default)}."""
    current, legacy = AdminCatalog.CURRENT, AdminCatalog.LEGACY
    lineage = {}
    for new_province, old_provinces in converter["DICT_PROVINCE"].items():
        for old_province in old_provinces:
            lineage[(keys[(legacy, old_province)], keys[(current, new_province)])] = (False, True)
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_wards in wards.items():
            to_unit = keys[(current, f"{new_province}_{new_ward}")]
            for old_ward in old_wards:
                lineage[(keys[(legacy, old_ward)], to_unit)] = (False, True)
    for new_province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_ward, parts in old_wards.items():
            for part in parts:
                to_unit = keys[(current, f"{new_province}_{part['newWardKey']}")]
                lineage[(keys[(legacy, old_ward)], to_unit)] = (
                    len(parts) > 1,
                    bool(part["isDefaultNewWard"]),
                )
    return lineage


def _sync_catalogs(report) -> dict:
    catalogs = {}
    for key, values in CATALOGS.items():
        catalog, created = AdminCatalog.objects.get_or_create(key=key, defaults=values)
        changed = [name for name, value in values.items() if getattr(catalog, name) != value]
        if changed:
            for name in changed:
                setattr(catalog, name, values[name])
            catalog.save(update_fields=changed)
        report.created["catalogues"] = report.created.get("catalogues", 0) + created
        report.updated["catalogues"] = report.updated.get("catalogues", 0) + bool(changed)
        catalogs[key] = catalog
    return catalogs


def _existing_ids(catalogs) -> dict:
    by_id = {catalog.pk: key for key, catalog in catalogs.items()}
    return {
        (by_id[catalog_id], level, code): pk
        for pk, catalog_id, level, code in AdminUnit.objects.filter(
            catalog__in=catalogs.values()
        ).values_list("pk", "catalog_id", "level", "code")
    }


def _sync_level(level, units, catalogs, ids, report):
    """Creates and updates the units of one level; upper levels are already in `ids`."""
    # Plain tuples, not model instances: comparing 13,000 rows must stay cheap.
    existing = {
        (row[1], row[2]): (row[0], row[3:])
        for row in AdminUnit.objects.filter(level=level, catalog__in=catalogs.values())
        .order_by()
        .values_list("pk", "catalog_id", "code", *UNIT_FIELDS)
    }
    parent_level = AdminUnit.Level.DISTRICT if level == AdminUnit.Level.COMMUNE else None
    is_province = level == AdminUnit.Level.PROVINCE
    to_create, to_update = [], []
    for (catalog_key, unit_level, code), data in units.items():
        if unit_level != level:
            continue
        catalog = catalogs[catalog_key]
        province_id = ids.get((catalog_key, AdminUnit.Level.PROVINCE, data["province"]))
        parent_id = ids.get((catalog_key, parent_level, data["parent"])) if parent_level else None
        values = {
            "name": data["name"],
            "kind": data["kind"],
            "search_name": data["search_name"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "parent_id": parent_id or province_id,
            "province_id": province_id,
        }
        found = existing.get((catalog.pk, code))
        if found is None:
            to_create.append(AdminUnit(catalog=catalog, level=level, code=code, **values))
            continue
        pk, current = found
        if is_province:  # a province is its own province, set below
            values["province_id"] = pk
        if tuple(values[name] for name in UNIT_FIELDS) != current:
            to_update.append(AdminUnit(pk=pk, **values))
    AdminUnit.objects.bulk_create(to_create, batch_size=BATCH)
    AdminUnit.objects.bulk_update(to_update, UNIT_FIELDS, batch_size=BATCH)
    if is_province and to_create:
        AdminUnit.objects.filter(level=level, province__isnull=True).update(province=F("pk"))
    label = f"{level}s"
    report.created[label] = len(to_create)
    report.updated[label] = len(to_update)
    if to_create:
        ids.update(_existing_ids(catalogs))


def _sync_lineage(lineage, ids, report):
    current, legacy = AdminCatalog.CURRENT, AdminCatalog.LEGACY
    wanted = {
        (ids[(legacy, *source)], ids[(current, *target)]): flags
        for (source, target), flags in lineage.items()
    }
    existing = {
        (from_id, to_id): (pk, (is_partial, is_default))
        for pk, from_id, to_id, is_partial, is_default in AdminUnitLineage.objects.filter(
            from_unit__catalog__key=legacy
        ).values_list("pk", "from_unit_id", "to_unit_id", "is_partial", "is_default")
    }
    to_create, to_update = [], []
    for (from_id, to_id), flags in wanted.items():
        found = existing.get((from_id, to_id))
        if found is None:
            to_create.append(
                AdminUnitLineage(
                    from_unit_id=from_id,
                    to_unit_id=to_id,
                    is_partial=flags[0],
                    is_default=flags[1],
                )
            )
        elif found[1] != flags:
            to_update.append(
                AdminUnitLineage(pk=found[0], is_partial=flags[0], is_default=flags[1])
            )
    stale = [pk for pair, (pk, _flags) in existing.items() if pair not in wanted]
    AdminUnitLineage.objects.bulk_create(to_create, batch_size=BATCH)
    AdminUnitLineage.objects.bulk_update(to_update, ["is_partial", "is_default"], batch_size=BATCH)
    AdminUnitLineage.objects.filter(pk__in=stale).delete()
    report.created["lineage"], report.updated["lineage"] = len(to_create), len(to_update)
    report.deleted["lineage"] = len(stale)


@transaction.atomic
def import_admin_units() -> ImportReport:
    report = ImportReport()
    database, converter = _source()
    try:
        units, keys = read_units(database)
    finally:
        database.close()
    lineage = read_lineage(converter, keys)
    catalogs = _sync_catalogs(report)
    ids = _existing_ids(catalogs)
    for level in (AdminUnit.Level.PROVINCE, AdminUnit.Level.DISTRICT, AdminUnit.Level.COMMUNE):
        _sync_level(level, units, catalogs, ids, report)
    _sync_lineage(lineage, ids, report)
    _refresh_planner_statistics()
    return report


def _refresh_planner_statistics() -> None:
    """An import fills or rewrites the tables at once; until PostgreSQL analyses them again it
    plans for what they held before (the former districts of a province's communes: 10 ms
    instead of 2.5 on a fresh database). ANALYZE is cheap here (some 25,000 rows)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (AdminUnit, AdminUnitLineage):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def is_loaded() -> bool:
    """A quick check for the demo: both catalogues hold their communes."""
    current = AdminUnit.objects.current().communes().count()
    legacy = AdminUnit.objects.filter(catalog__key=AdminCatalog.LEGACY).communes().count()
    return current >= 3321 and legacy >= 10000

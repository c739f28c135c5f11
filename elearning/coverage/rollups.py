"""Keeping Rollup rows equal to what the raw rows say, in set-based SQL (it must run over tens of
millions of rows at night): the fresh figures go into a temporary table, then the stored cells
that differ are updated, the missing inserted and the stale deleted. Running it twice changes
nothing the second time.

Commune cells are recomputed from the sources; province cells from the stored commune cells,
and a province's sums of the reach of its key communes from those and the commune profiles; the
years (each cell's twelve months side by side, what tables of units read) from the stored
monthly cells."""

import logging
from dataclasses import dataclass, field

from django.db import connection

from .choices import IndicatorCode
from .models import MONTH_COUNTS, MONTHS, CommuneProfile, Indicator, Rollup, RollupYear
from .sources import MEASURES

logger = logging.getLogger(__name__)

ROLLUP = Rollup._meta.db_table
YEAR = RollupYear._meta.db_table
PROFILE = CommuneProfile._meta.db_table
CELL = ("level", "unit_id", "indicator_id", "audience", "subject_id")
KEYS = (*CELL, "period")
YEAR_KEYS = (*CELL, "year")
COUNTS = ("numerator", "denominator")
COLUMNS = KEYS + COUNTS
TYPES = {
    "level": "varchar(16)",
    "unit_id": "bigint",
    "indicator_id": "bigint",
    "audience": "varchar(32)",
    "subject_id": "bigint",
    "period": "date",
    "year": "integer",
}
# A run that rewrote this many cells leaves the planner's statistics stale: refresh them.
ANALYZE_AFTER = 10_000
# How many corrected cells a run keeps as examples in its report.
EXAMPLES = 50


@dataclass
class SyncResult:
    cells: int = 0
    corrected: int = 0
    examples: list = field(default_factory=list)

    def add(self, other: "SyncResult"):
        self.cells += other.cells
        self.corrected += other.corrected
        self.examples.extend(other.examples[: max(0, EXAMPLES - len(self.examples))])


def _date(expression: str) -> str:
    if connection.vendor == "sqlite":
        return f"date({expression})"
    return f"CAST({expression} AS date)"


def _create_fresh_table(cursor, name, keys=KEYS, values=COUNTS):
    cursor.execute(f"DROP TABLE IF EXISTS {name}")
    columns = [f"{key} {TYPES[key]}" for key in keys] + [f"{value} integer" for value in values]
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({', '.join(columns)})")


def _year_and_month(expression: str) -> tuple[str, str]:
    """SQL for the year and the month (1–12) of a date column, as integers."""
    if connection.vendor == "sqlite":
        return (
            f"CAST(strftime('%%Y', {expression}) AS integer)",
            f"CAST(strftime('%%m', {expression}) AS integer)",
        )
    return (
        f"CAST(EXTRACT(YEAR FROM {expression}) AS integer)",
        f"CAST(EXTRACT(MONTH FROM {expression}) AS integer)",
    )


def _indicator_ids() -> dict[str, int]:
    return dict(Indicator.objects.values_list("code", "id"))


def _people_sql(measures, commune_ids):
    """One row per person (unit, aud, subj, first_month, amount) over the measures of one
    indicator column, or None when none of their sources is installed. Several measures (online
    learners and session check-ins) are joined so that a person in both counts once, in the
    month they were first counted."""
    parts = []
    for measure in measures:
        people = measure.queryset(commune_ids=commune_ids)
        if people is not None:
            parts.append((measure, *people.query.sql_with_params()))
    if not parts:
        return None
    if len(parts) == 1:
        measure, sql, params = parts[0]
        return sql, params, "SUM(t.amount)" if measure.amount_field else "COUNT(*)"
    union = " UNION ALL ".join(
        f"SELECT p.{measure.learner_field} AS person, p.guest, p.unit, p.aud, p.subj, "
        f"p.first_month FROM ({sql}) p"
        for measure, sql, _params in parts
    )
    sql = (
        "SELECT u.unit, u.aud, u.subj, MIN(u.first_month) AS first_month "
        f"FROM ({union}) u GROUP BY u.person, u.guest, u.unit, u.aud, u.subj"
    )
    return sql, [param for *_rest, params in parts for param in params], "COUNT(*)"


def _fill_commune_cells(cursor, *, commune_ids=None):
    """Fresh commune cells from the raw rows, summed over the measures into coverage_fresh."""
    ids = _indicator_ids()
    _create_fresh_table(cursor, "coverage_raw")
    columns = {}
    for measure in MEASURES:
        columns.setdefault((measure.indicator, measure.column), []).append(measure)
    for (indicator, column), measures in columns.items():
        people = _people_sql(measures, commune_ids) if indicator in ids else None
        if people is None:
            continue
        inner_sql, params, counted = people
        numerator, denominator = (counted, "0") if column == "numerator" else ("0", counted)
        cursor.execute(
            f"INSERT INTO coverage_raw ({', '.join(COLUMNS)}) "
            f"SELECT 'commune', t.unit, %s, t.aud, t.subj, {_date('t.first_month')}, "
            f"{numerator}, {denominator} FROM ({inner_sql}) t "
            "GROUP BY t.unit, t.aud, t.subj, t.first_month",
            [ids[indicator], *params],
        )
    _create_fresh_table(cursor, "coverage_fresh")
    cursor.execute(
        f"INSERT INTO coverage_fresh ({', '.join(COLUMNS)}) "
        f"SELECT {', '.join(KEYS)}, SUM(numerator), SUM(denominator) FROM coverage_raw "
        f"GROUP BY {', '.join(KEYS)}"
    )
    cursor.execute("DROP TABLE coverage_raw")


def _fill_province_cells(cursor, *, province_ids=None):
    """Fresh province cells: the sums of the stored commune cells of each province."""
    unit_table = "geo_adminunit"
    where, params = "", []
    if province_ids is not None:
        where = f"AND u.province_id IN ({', '.join(['%s'] * len(province_ids))})"
        params = list(province_ids)
    _create_fresh_table(cursor, "coverage_fresh")
    cursor.execute(
        f"INSERT INTO coverage_fresh ({', '.join(COLUMNS)}) "
        "SELECT 'province', u.province_id, r.indicator_id, r.audience, r.subject_id, r.period, "
        f"SUM(r.numerator), SUM(r.denominator) FROM {ROLLUP} r "
        f"JOIN {unit_table} u ON u.id = r.unit_id "
        f"WHERE r.level = 'commune' AND u.province_id IS NOT NULL {where} "
        "GROUP BY u.province_id, r.indicator_id, r.audience, r.subject_id, r.period",
        params,
    )


def _fill_key_commune_cells(cursor, *, province_ids=None):
    """Fresh sums of the reach of each province's key communes: its communes' reach cells of
    a month whose commune is a key area by its latest profile up to that month's year. A
    report of a whole province or of the country then reads a row per province instead of
    one per key commune (selectors.inputs: for a period within the year of its key set)."""
    reach_id = _indicator_ids().get(IndicatorCode.REACH)
    where, params = "", [reach_id, True]
    if province_ids is not None:
        where = f"AND u.province_id IN ({', '.join(['%s'] * len(province_ids))})"
        params += list(province_ids)
    year, _month = _year_and_month("r.period")
    _create_fresh_table(cursor, "coverage_fresh")
    cursor.execute(
        f"INSERT INTO coverage_fresh ({', '.join(COLUMNS)}) "
        "SELECT 'key_communes', u.province_id, r.indicator_id, r.audience, r.subject_id, "
        f"r.period, SUM(r.numerator), SUM(r.denominator) FROM {ROLLUP} r "
        "JOIN geo_adminunit u ON u.id = r.unit_id "
        "WHERE r.level = 'commune' AND r.indicator_id = %s AND u.province_id IS NOT NULL "
        f"AND (SELECT p.is_key_area FROM {PROFILE} p WHERE p.unit_id = r.unit_id "
        f"AND p.year <= {year} ORDER BY p.year DESC LIMIT 1) = %s {where} "
        "GROUP BY u.province_id, r.indicator_id, r.audience, r.subject_id, r.period",
        params,
    )


def _fill_years(cursor, *, level, unit_ids=None):
    """Fresh years: the stored monthly cells of `level` (for these units, or all), a row per
    cell and year with its months side by side and summed."""
    where, params = "level = %s", [level]
    if unit_ids is not None:
        where += f" AND unit_id IN ({', '.join(['%s'] * len(unit_ids))})"
        params += list(unit_ids)
    _create_fresh_table(cursor, "coverage_fresh", YEAR_KEYS, COUNTS + MONTH_COUNTS)
    year, month = _year_and_month("period")
    by_month = [
        f"SUM(CASE WHEN {month} = {number} THEN {count} ELSE 0 END)"
        for count in COUNTS
        for number in MONTHS
    ]
    cell = ", ".join(CELL)
    cursor.execute(
        f"INSERT INTO coverage_fresh ({', '.join((*YEAR_KEYS, *COUNTS, *MONTH_COUNTS))}) "
        f"SELECT {cell}, {year}, SUM(numerator), SUM(denominator), {', '.join(by_month)} "
        f"FROM {ROLLUP} WHERE {where} GROUP BY {cell}, {year}",
        params,
    )


def _sync(cursor, *, level, unit_ids=None, table=ROLLUP, keys=KEYS, values=COUNTS) -> SyncResult:
    """Make the stored cells of `level` (for these units, or all) equal coverage_fresh."""
    columns = (*keys, *values)
    when = keys[-1]  # period, or year
    if connection.vendor == "postgresql":
        cursor.execute(f"CREATE INDEX ON coverage_fresh (unit_id, indicator_id, {when})")
        cursor.execute("ANALYZE coverage_fresh")
    # The report's examples give a monthly cell's month, a year row's year (and its sums: a
    # year whose months were wrong but whose sum was right shows the same number twice).
    stored_period, fresh_period = f"{table}.{when}", f"f.{when}"
    same_cell = " AND ".join(f"{table}.{key} = f.{key}" for key in keys)
    scope, params = f"{table}.level = %s", [level]
    if unit_ids is not None:
        scope += f" AND {table}.unit_id IN ({', '.join(['%s'] * len(unit_ids))})"
        params += list(unit_ids)
    differs = "(" + " OR ".join(f"{table}.{value} <> f.{value}" for value in values) + ")"
    result = SyncResult()

    cursor.execute("SELECT COUNT(*) FROM coverage_fresh")
    result.cells = cursor.fetchone()[0]
    # What is wrong, before it is put right: counts, and a few examples for the report.
    checks = {
        "changed": (
            f"SELECT {table}.unit_id, {table}.indicator_id, {stored_period}, "
            f"{table}.numerator, f.numerator FROM {table} JOIN coverage_fresh f "
            f"ON {same_cell} WHERE {scope} AND {differs}",
            params,
        ),
        "missing": (
            f"SELECT f.unit_id, f.indicator_id, {fresh_period}, NULL, f.numerator "
            f"FROM coverage_fresh f WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {same_cell})",
            [],
        ),
        "stale": (
            f"SELECT {table}.unit_id, {table}.indicator_id, {stored_period}, "
            f"{table}.numerator, NULL FROM {table} WHERE {scope} "
            f"AND NOT EXISTS (SELECT 1 FROM coverage_fresh f WHERE {same_cell})",
            params,
        ),
    }
    counts = {}
    for kind, (sql, sql_params) in checks.items():
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) c", sql_params)
        counts[kind] = cursor.fetchone()[0]
        if counts[kind] and len(result.examples) < EXAMPLES:
            cursor.execute(f"{sql} LIMIT {EXAMPLES - len(result.examples)}", sql_params)
            result.examples += [
                {
                    "kind": kind,
                    "level": level,
                    "unit": unit,
                    "indicator": indicator,
                    "period": str(period),  # a month (2026-07-01) or a year (2026)
                    "stored": stored,
                    "fresh": fresh,
                }
                for unit, indicator, period, stored, fresh in cursor.fetchall()
            ]
    result.corrected = sum(counts.values())
    if not result.corrected:
        return result
    changed, missing, stale = counts["changed"], counts["missing"], counts["stale"]

    if changed:
        cursor.execute(
            f"UPDATE {table} SET {', '.join(f'{value} = f.{value}' for value in values)} "
            f"FROM coverage_fresh f WHERE {same_cell} AND {differs}"
        )
    if stale:
        cursor.execute(
            f"DELETE FROM {table} WHERE {scope} "
            f"AND NOT EXISTS (SELECT 1 FROM coverage_fresh f WHERE {same_cell})",
            params,
        )
    if missing:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join('f.' + c for c in columns)} FROM coverage_fresh f "
            f"WHERE NOT EXISTS (SELECT 1 FROM {table} WHERE {same_cell})"
        )
    return result


def sync_communes(*, commune_ids=None) -> SyncResult:
    """Recompute the commune cells of these communes (or of all) and store the difference.
    Call inside a transaction."""
    with connection.cursor() as cursor:
        _fill_commune_cells(cursor, commune_ids=commune_ids)
        return _sync_level(cursor, level=Rollup.Level.COMMUNE, unit_ids=commune_ids)


def sync_provinces(*, province_ids=None) -> SyncResult:
    """Recompute the province cells of these provinces (or of all) from their stored commune
    cells, their sums over key communes included, and store the difference."""
    result = SyncResult()
    with connection.cursor() as cursor:
        _fill_province_cells(cursor, province_ids=province_ids)
        result.add(_sync_level(cursor, level=Rollup.Level.PROVINCE, unit_ids=province_ids))
    result.add(sync_key_communes(province_ids=province_ids))
    return result


def sync_key_communes(*, province_ids=None) -> SyncResult:
    """Recompute the sums over key communes of these provinces (or of all): after their
    communes' cells, or a commune profile, changed."""
    with connection.cursor() as cursor:
        _fill_key_commune_cells(cursor, province_ids=province_ids)
        return _sync_level(cursor, level=Rollup.Level.KEY_COMMUNES, unit_ids=province_ids)


def _sync_level(cursor, *, level, unit_ids) -> SyncResult:
    """Store coverage_fresh as the monthly cells of `level`, then their years."""
    result = _sync(cursor, level=level, unit_ids=unit_ids)
    result.add(_sync_years(cursor, level=level, unit_ids=unit_ids))
    cursor.execute("DROP TABLE coverage_fresh")
    return result


def _sync_years(cursor, *, level, unit_ids=None) -> SyncResult:
    _fill_years(cursor, level=level, unit_ids=unit_ids)
    return _sync(
        cursor,
        level=level,
        unit_ids=unit_ids,
        table=YEAR,
        keys=YEAR_KEYS,
        values=COUNTS + MONTH_COUNTS,
    )


def analyze() -> None:
    """Fresh planner statistics after a big rewrite (the first build, or a large drift), so the
    pages' queries keep their index plans before autovacuum gets round to it."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {ROLLUP}")
        cursor.execute(f"ANALYZE {YEAR}")


def lock_rollups(*, key: int | None = None):
    """Serialise writers on PostgreSQL: one province at a time for incremental updates (key),
    everything for the nightly reconciliation (no key)."""
    if connection.vendor != "postgresql":
        return  # SQLite writes one transaction at a time anyway
    with connection.cursor() as cursor:
        if key is None:
            cursor.execute(f"LOCK TABLE {ROLLUP} IN SHARE ROW EXCLUSIVE MODE")
        else:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [7007, int(key)])

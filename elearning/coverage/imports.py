"""Importing commune profiles and staff headcounts from CSV or XLSX: every row is checked first,
every bad row is listed, and nothing is imported until the file has none."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.text import normalise
from elearning.accounts.choices import Audience
from elearning.geo.models import AdminUnit

from .choices import IndicatorCode, ModelType
from .models import CommuneProfile, Denominator, Indicator

MAX_ROWS = 20_000
YES = {"1", "x", "yes", "y", "true", "co", "có"}
NO = {"", "0", "no", "n", "false", "khong", "không"}
MODEL_NAMES = {
    "none": ModelType.NONE,
    "khong": ModelType.NONE,
    "": ModelType.NONE,
    "integrated": ModelType.INTEGRATED,
    "long ghep": ModelType.INTEGRATED,
    "in_depth": ModelType.IN_DEPTH,
    "in depth": ModelType.IN_DEPTH,
    "chuyen sau": ModelType.IN_DEPTH,
}


@dataclass(frozen=True)
class Kind:
    key: str
    label: str
    columns: tuple  # required, in this order in the template
    aliases: dict  # Vietnamese header -> column


PROFILES = Kind(
    "profiles",
    gettext_lazy("Commune profiles and population aged 14–60"),
    ("commune_code", "year", "population_14_60", "key_area", "model"),
    {
        "ma_xa": "commune_code",
        "nam": "year",
        "dan_so_14_60": "population_14_60",
        "trong_diem": "key_area",
        "mo_hinh": "model",
    },
)
HEADCOUNTS = Kind(
    "headcounts",
    gettext_lazy("Staff headcounts of prosecution agencies"),
    ("unit_code", "year", "agency", "headcount"),
    {"ma_don_vi": "unit_code", "nam": "year", "co_quan": "agency", "so_can_bo": "headcount"},
)
KINDS = {kind.key: kind for kind in (PROFILES, HEADCOUNTS)}


@dataclass
class Preview:
    kind: Kind
    rows: list = field(default_factory=list)  # cleaned rows, ready to import
    errors: list = field(default_factory=list)  # messages, in the reader's language

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def _read(upload) -> list[dict]:
    name = (upload.name or "").lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        header = [str(cell or "").strip() for cell in values[0]] if values else []
        return [
            {
                header[i]: ("" if cell is None else str(cell).strip())
                for i, cell in enumerate(row)
                if i < len(header)
            }
            for row in values[1:]
            if any(cell not in (None, "") for cell in row)
        ]
    text = data.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    return [
        {(key or "").strip(): (value or "").strip() for key, value in row.items()}
        for row in reader
        if any((value or "").strip() for value in row.values())
    ]


def _whole_number(value: str):
    try:
        number = float(value.replace(" ", "").replace(",", ""))
    except ValueError:
        return None
    return int(number) if number == int(number) else None


def preview(*, kind: Kind, upload) -> Preview:
    result = Preview(kind=kind)
    try:
        raw = _read(upload)
    except (UnicodeDecodeError, csv.Error, ValueError, KeyError, OSError):
        result.errors.append(_("The file cannot be read. Upload a CSV (UTF-8) or XLSX file."))
        return result
    except Exception:  # openpyxl raises several kinds for a file that is not a workbook
        result.errors.append(_("The file cannot be read. Upload a CSV (UTF-8) or XLSX file."))
        return result
    if not raw:
        result.errors.append(_("The file has no rows."))
        return result
    if len(raw) > MAX_ROWS:
        result.errors.append(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
        return result
    rows = [
        {
            kind.aliases.get(normalise(key).replace(" ", "_"), key): value
            for key, value in row.items()
        }
        for row in raw
    ]
    missing = [column for column in kind.columns if column not in rows[0]]
    if missing:
        result.errors.append(
            _("Missing columns: %(columns)s. The first row must name the columns: %(all)s.")
            % {"columns": ", ".join(missing), "all": ", ".join(kind.columns)}
        )
        return result
    clean = _check_profiles if kind is PROFILES else _check_headcounts
    seen = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cleaned, errors = clean(row, number=number)
        if cleaned is not None:
            key = cleaned["key"]
            if key in seen:
                errors.append(
                    _("Row %(row)s repeats row %(first)s (same unit, year%(agency)s).")
                    % {
                        "row": number,
                        "first": seen[key],
                        "agency": _(" and agency") if kind is HEADCOUNTS else "",
                    }
                )
            else:
                seen[key] = number
                result.rows.append(cleaned)
        result.errors.extend(errors)
    return result


def _units(level_codes):
    return AdminUnit.objects.current().filter(level__in=level_codes)


def _year(row, number, errors):
    year = _whole_number(row["year"])
    if year is None or not 2000 <= year <= 2100:
        errors.append(
            _("Row %(row)s: year “%(value)s” is not a year.")
            % {"row": number, "value": row["year"]}
        )
    return year


def _count(row, column, number, errors):
    value = _whole_number(row[column])
    if value is None or value < 0:
        errors.append(
            _("Row %(row)s: %(column)s must be a whole number, not negative (found “%(value)s”).")
            % {"row": number, "column": column, "value": row[column]}
        )
        return None
    return value


def _check_profiles(row, *, number):
    errors = []
    unit = _units(["commune"]).filter(code=row["commune_code"]).only("pk", "name").first()
    if unit is None:
        errors.append(
            _("Row %(row)s: unknown commune code “%(code)s”.")
            % {"row": number, "code": row["commune_code"]}
        )
    year = _year(row, number, errors)
    population = _count(row, "population_14_60", number, errors)
    key_area = normalise(row["key_area"])
    if key_area not in {normalise(v) for v in YES | NO}:
        errors.append(
            _("Row %(row)s: key_area must be yes or no (found “%(value)s”).")
            % {"row": number, "value": row["key_area"]}
        )
    model = MODEL_NAMES.get(normalise(row["model"]).replace("-", " "))
    if model is None:
        errors.append(
            _("Row %(row)s: model must be none, integrated or in_depth (found “%(value)s”).")
            % {"row": number, "value": row["model"]}
        )
    if errors:
        return (
            None if unit is None or year is None else {"key": (unit.pk, year), "bad": True}
        ), errors
    return {
        "key": (unit.pk, year),
        "unit_id": unit.pk,
        "unit": unit.name,
        "year": year,
        "population": population,
        "is_key_area": key_area in {normalise(v) for v in YES},
        "model": model,
    }, []


def _check_headcounts(row, *, number):
    errors = []
    units = list(_units(["province", "commune"]).filter(code=row["unit_code"]).only("pk", "name"))
    if len(units) != 1:
        errors.append(
            _("Row %(row)s: unknown province or commune code “%(code)s”.")
            % {"row": number, "code": row["unit_code"]}
        )
    year = _year(row, number, errors)
    agency = row["agency"]
    if agency not in Audience.staff():
        errors.append(
            _("Row %(row)s: agency must be one of %(agencies)s (found “%(value)s”).")
            % {"row": number, "agencies": ", ".join(Audience.staff()), "value": agency}
        )
    headcount = _count(row, "headcount", number, errors)
    if errors:
        if len(units) == 1 and year is not None:
            return {"key": (units[0].pk, year, agency), "bad": True}, errors
        return None, errors
    return {
        "key": (units[0].pk, year, agency),
        "unit_id": units[0].pk,
        "unit": units[0].name,
        "year": year,
        "agency": agency,
        "headcount": headcount,
    }, []


@transaction.atomic
def import_rows(*, kind: Kind, rows: list[dict]) -> int:
    """Store checked rows (creating or replacing the figures of the same unit and year)."""
    indicators = dict(Indicator.objects.values_list("code", "id"))
    for row in rows:
        if kind is PROFILES:
            CommuneProfile.objects.update_or_create(
                unit_id=row["unit_id"],
                year=row["year"],
                defaults={"is_key_area": row["is_key_area"], "model": row["model"]},
            )
            Denominator.objects.update_or_create(
                unit_id=row["unit_id"],
                indicator_id=indicators[IndicatorCode.REACH],
                year=row["year"],
                audience="",
                defaults={"value": row["population"]},
            )
        else:
            Denominator.objects.update_or_create(
                unit_id=row["unit_id"],
                indicator_id=indicators[IndicatorCode.STAFF_TRAINED],
                year=row["year"],
                audience=row["agency"],
                defaults={"value": row["headcount"]},
            )
    return len(rows)

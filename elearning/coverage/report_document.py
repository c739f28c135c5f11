"""The periodic report upward, in the layout of a Vietnamese administrative document (Decree
30/2020/NĐ-CP, Appendix I): the issuing body and the national motto side by side, number,
place and date, title, body, the indicator table and the unit table, recipients ("Nơi nhận").

Built once as plain data, then drawn by pdf.py (ReportLab) and docx.py (python-docx), so both
documents say the same. Every string from the database stays a string: the renderers escape it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .chart_images import line_chart_png
from .charts import charted
from .choices import IndicatorCode, definitions
from .numbers import vn_number

MOTTO = ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass
class Table:
    caption: str
    headings: list[str]
    rows: list[list[str]]
    widths: list[float]  # shares of the text width


@dataclass
class Chart:
    caption: str
    png: bytes  # chart_images.line_chart_png


@dataclass
class ReportDocument:
    issuer: str
    number: str
    place_date: str
    title: str
    subtitle: str
    paragraphs: list[str]
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer: str = ""


def figure_headings() -> list[str]:
    """The columns of an indicator table, in every document and export."""
    return [
        _("Indicator"),
        _("Value (%)"),
        _("Target (%)"),
        _("Status"),
        _("Counted"),
        _("Out of"),
    ]


def _place(area) -> str:
    unit = area.unit or area.plan.scope_unit
    if unit is None:
        return "Hà Nội"
    province = unit if unit.level == "province" else unit.province or unit
    for prefix in ("Thành phố ", "Tỉnh "):
        if province.name.startswith(prefix):
            return province.name.removeprefix(prefix)
    return province.name


def _cell(value) -> str:
    return vn_number(value) if value not in (None, "") else "—"


def build(*, overview, rows) -> ReportDocument:
    area, plan = overview.area, overview.area.plan
    day = overview.as_of
    issuer = plan.issuer or _("Steering committee")
    figures = [
        [
            ("    " if figure.is_detail else "") + figure.label,
            _cell(figure.value_display),
            _cell(figure.target_display),
            figure.status_label,
            _cell(figure.numerator_display),
            _cell(figure.denominator_display),
        ]
        for figure in overview.figures
    ]
    main = [figure for figure in overview.figures if not figure.is_detail]
    met = sum(1 for figure in main if figure.status == "met")
    with_target = sum(1 for figure in main if figure.target is not None)
    paragraphs = [
        _(
            "Carrying out plan %(number)s “%(title)s”, %(issuer)s reports the coverage of "
            "the prevention of human trafficking in %(area)s as of %(date)s."
        )
        % {
            "number": plan.number or "—",
            "title": plan.title,
            "issuer": issuer,
            "area": area.label,
            "date": day.strftime("%d/%m/%Y"),
        },
        _("Reporting period: %(period)s (figures as of %(date)s).")
        % {"period": area.period.label if area.period else plan.year, "date": f"{day:%d/%m/%Y}"},
    ]
    if not area.period or not area.period.key:  # targets are for the plan's whole period
        paragraphs.append(
            _("%(met)s of %(targets)s indicators with a target have met it.")
            % {"met": met, "targets": with_target}
        )
    tables = [
        Table(
            caption=_("Table 1. Indicators against the plan's targets"),
            headings=figure_headings(),
            rows=figures,
            widths=[0.40, 0.11, 0.11, 0.14, 0.12, 0.12],
        )
    ]
    if rows:
        codes = IndicatorCode.values
        tables.append(
            Table(
                caption=_("Table 2. By unit"),
                headings=[_("Unit")] + [code.column_heading for code in IndicatorCode],
                rows=[
                    [row.name] + [_cell(getattr(row, f"{code}_display")) for code in codes]
                    for row in rows
                ],
                widths=[0.28] + [0.72 / len(codes)] * len(codes),
            )
        )
    figure_charts = [
        Chart(
            caption=(
                _("Figure %(number)s. %(indicator)s (target %(target)s%%)")
                if figure.target is not None
                else _("Figure %(number)s. %(indicator)s")
            )
            % {
                "number": number,
                "indicator": figure.label,
                "target": vn_number(float(figure.target or 0)),
            },
            png=line_chart_png(overview.series.get(figure.code, []), target=figure.target),
        )
        for number, figure in enumerate(charted(overview.figures), start=1)
    ]
    notes = [
        _(
            "A figure about fewer than 5 people is shown as “<5”; “*” marks a figure withheld "
            "so that a “<5” cannot be worked out from a total or from another period."
        )
    ] + [f"{label}: {definition}" for label, definition in definitions()]
    return ReportDocument(
        issuer=issuer,
        number=_("No.: %(number)s") % {"number": f"…/BC-{plan.number.split('/')[-1]}"}
        if plan.number
        else _("No.: …/BC"),
        place_date=_("%(place)s, day %(day)s month %(month)s year %(year)s")
        % {
            "place": _place(area),
            "day": f"{day.day:02d}",
            "month": f"{day.month:02d}",
            "year": day.year,
        },
        title=_("REPORT"),
        subtitle=_("Coverage of the prevention of human trafficking: %(area)s")
        % {"area": area.label},
        paragraphs=paragraphs,
        tables=tables,
        charts=figure_charts,
        notes=notes,
        # No "As above": a report has no addressee line ("Kính gửi") for it to refer to.
        recipients=[
            _("The steering committee at the level above (to report);"),
            _("Filed: office."),
        ],
        signer=_("ON BEHALF OF THE STEERING COMMITTEE"),
    )

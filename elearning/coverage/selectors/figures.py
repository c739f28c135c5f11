"""Figures of a plan for an area: each indicator's value, target and status, and the "<5"
rule (the charts' monthly series: series.py)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property, lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from elearning.accounts.choices import Audience
from elearning.coverage import figures_cache
from elearning.coverage.choices import SUPPRESS_BELOW, IndicatorCode, ModelType, Status
from elearning.coverage.models import Plan
from elearning.coverage.numbers import vn_number

from .inputs import ALL, Inputs, as_of, collect, counted_to, model_counts_by_year
from .scope import Area

SUPPRESSED = "<5"
STAFF = tuple(Audience.staff())
STAFF_ORDER = {agency: index for index, agency in enumerate(STAFF)}
WITHHELD = "*"


@dataclass
class Figure:
    code: str
    label: str
    numerator: int | None
    denominator: int | None
    person_based: bool = False
    # Pass rates: the denominator counts people too.
    denominator_person_based: bool = False
    target: Decimal | None = None
    status: str = ""
    is_detail: bool = False
    # The same figure of another unit has the same key: (code, agency, course or document).
    key: tuple = ()
    # Hidden although not small, so that a small one beside it cannot be worked out by
    # subtracting the shown ones from a total (suppression.protect).
    withheld: bool = False

    @staticmethod
    def _small(count) -> bool:
        return count is not None and 0 < count < SUPPRESS_BELOW

    @cached_property  # read some 40,000 times for a table of 200 communes; counts never change
    def is_small(self) -> bool:
        return (self.person_based and self._small(self.numerator)) or (
            self.denominator_person_based and self._small(self.denominator)
        )

    @property
    def is_suppressed(self) -> bool:
        return self.withheld or self.is_small

    @property
    def _mark(self) -> str:
        return SUPPRESSED if self.is_small else WITHHELD

    @property
    def value(self) -> float | None:
        if not self.denominator or self.numerator is None:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    # What readers see and exports contain: a number, "<5" for a small person count, "*" for
    # one hidden beside it.
    @property
    def value_display(self):
        if self.is_suppressed:
            return self._mark
        return self.value

    @property
    def headline(self) -> float | int | None:
        """The one number a table of units shows for the figure: the count itself for a
        count (sessions held, participants), the rate otherwise."""
        return self.numerator if IndicatorCode(self.code).is_count else self.value

    @property
    def headline_display(self):
        if self.is_suppressed:
            return self._mark
        return self.headline

    @property
    def numerator_display(self):
        if self.person_based and self.is_suppressed:
            return self._mark
        return self.numerator

    @property
    def denominator_display(self):
        if self.denominator_person_based and self.is_suppressed:
            return self._mark
        return self.denominator

    @property
    def target_display(self):
        return float(self.target) if self.target is not None else None

    @property
    def target_text(self) -> str:
        """The target as the documents write it: "75", "12,5"."""
        return vn_number(float(self.target)) if self.target is not None else ""

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label) if self.status else ""

    @property
    def sort_value(self) -> float:
        if self.is_suppressed:
            return -1.0
        headline = self.headline
        return headline if headline is not None else -2.0


def dissemination_documents() -> list[tuple[int, str]]:
    """The legal documents marked for dissemination, as (page id, title)."""
    path = getattr(settings, "COVERAGE_DISSEMINATION_DOCUMENTS", "")
    if not path:
        return []
    pages = import_string(path)()
    return list(pages.values_list("pk", "title"))


def _elapsed(plan: Plan) -> float:
    """The share of the plan's period gone by (0..1)."""
    start, end = date(plan.year, 1, 1), date(plan.last_year, 12, 31)
    today = as_of()
    return max(0.0, min(1.0, (today - start).days / max(1, (end - start).days)))


def _is_over(plan: Plan) -> bool:
    """Whether the plan's period has ended (its last day still counts: not yet over)."""
    return as_of() > date(plan.last_year, 12, 31)


def _status(figure: Figure, *, elapsed: float | None, over: bool = False) -> str:
    if elapsed is None:
        return ""  # a part of the plan's period: its targets are for the whole
    if figure.target is None:
        return Status.NO_TARGET if not figure.is_detail else ""
    value = figure.headline
    if value is None or figure.is_suppressed:
        return ""
    if value >= float(figure.target):
        return Status.MET
    if over:  # no longer behind: not met
        return Status.NOT_MET
    if value >= float(figure.target) * elapsed:
        return Status.ON_TRACK
    return Status.BEHIND


def targets_of(plan: Plan) -> dict:
    return dict(plan.targets.values_list("indicator__code", "value"))


def _unaligned_parts(unaligned: set) -> dict[str, set]:
    """The withheld cells by indicator: {code: the agencies and subjects of its cells}."""
    parts = defaultdict(set)
    for code, audience, subject in unaligned:
        parts[code].update((audience, subject))
    return parts


def _made_of_unaligned(figure: Figure, unaligned_parts: dict) -> bool:
    """Whether a person count of the figure sums a cell that is withheld for the period."""
    code, part = figure.key[0], figure.key[1]
    return code in unaligned_parts and (not figure.is_detail or part in unaligned_parts[code])


@lru_cache(maxsize=16)
def _labels(language: str | None) -> dict:
    """Each indicator's and agency's name and the document detail's wording in a language:
    a table of 200 communes asked for each of them some 5,000 times a page."""
    labels = {code: str(label) for code, label in IndicatorCode.choices}
    labels.update((agency, str(label)) for agency, label in Audience.choices)
    labels["document"] = _("%(document)s: learners who confirmed reading")
    return labels


def figures_of(
    inputs: Inputs, *, plan, docs, courses, targets, details=True, whole_period=True
) -> list[Figure]:
    totals = inputs.totals
    labels = _labels(get_language())
    figures = [
        Figure(
            IndicatorCode.REACH,
            labels[IndicatorCode.REACH],
            totals.get((IndicatorCode.REACH, "", 0), [0, 0])[0],
            inputs.population or None,
            person_based=True,
            key=(IndicatorCode.REACH, ""),
        ),
        # Beside reach, never added to it: person-times and sessions, counts without a rate.
        Figure(
            IndicatorCode.SESSION_PARTICIPANTS,
            labels[IndicatorCode.SESSION_PARTICIPANTS],
            totals.get((IndicatorCode.SESSION_PARTICIPANTS, "", 0), [0, 0])[0],
            None,
            person_based=True,
            key=(IndicatorCode.SESSION_PARTICIPANTS, ""),
        ),
        Figure(
            IndicatorCode.SESSIONS_HELD,
            labels[IndicatorCode.SESSIONS_HELD],
            totals.get((IndicatorCode.SESSIONS_HELD, "", 0), [0, 0])[0],
            None,
            key=(IndicatorCode.SESSIONS_HELD, ""),
        ),
        Figure(
            IndicatorCode.IN_DEPTH_MODEL,
            labels[IndicatorCode.IN_DEPTH_MODEL],
            inputs.models.count(ModelType.IN_DEPTH),
            inputs.communes or None,
            key=(IndicatorCode.IN_DEPTH_MODEL, ""),
        ),
        Figure(
            IndicatorCode.INTEGRATED_MODEL,
            labels[IndicatorCode.INTEGRATED_MODEL],
            inputs.models.count(ModelType.INTEGRATED),
            inputs.communes or None,
            key=(IndicatorCode.INTEGRATED_MODEL, ""),
        ),
    ]
    readers = {
        doc_id: totals.get((IndicatorCode.LEGAL_DISSEMINATED, "", doc_id), [0, 0])[0]
        for doc_id, _title in docs
    }
    disseminated = Figure(
        IndicatorCode.LEGAL_DISSEMINATED,
        labels[IndicatorCode.LEGAL_DISSEMINATED],
        sum(1 for count in readers.values() if count >= plan.min_readers),
        len(docs) or None,
        key=(IndicatorCode.LEGAL_DISSEMINATED, ""),
    )
    # A minimum of 2–4 readers splits "<5": whether a document counts would tell its readers
    # (with 4, that there are exactly 4).
    if 1 < plan.min_readers < SUPPRESS_BELOW and any(
        0 < count < SUPPRESS_BELOW for count in readers.values()
    ):
        disseminated.withheld = True
    figures.append(disseminated)
    if details:
        for doc_id, title in docs:
            figures.append(
                Figure(
                    IndicatorCode.LEGAL_DISSEMINATED,
                    labels["document"] % {"document": title},
                    readers[doc_id],
                    None,
                    person_based=True,
                    is_detail=True,
                    key=(IndicatorCode.LEGAL_DISSEMINATED, doc_id),
                )
            )
    # Agencies with a headcount, then those with trained staff only, each in STAFF's order
    # (not the order the rollups were read in, which the database may change).
    trained = {a for (code, a, _s) in totals if code == IndicatorCode.STAFF_TRAINED}
    agencies = [a for a in STAFF if a in inputs.headcounts] + sorted(
        trained - set(inputs.headcounts), key=lambda a: (STAFF_ORDER.get(a, len(STAFF)), a)
    )
    staff = {a: totals.get((IndicatorCode.STAFF_TRAINED, a, 0), [0, 0])[0] for a in agencies}
    figures.append(
        Figure(
            IndicatorCode.STAFF_TRAINED,
            labels[IndicatorCode.STAFF_TRAINED],
            sum(staff.values()),
            sum(inputs.headcounts.values()) or None,
            person_based=True,
            key=(IndicatorCode.STAFF_TRAINED, ""),
        )
    )
    if details:
        for agency in dict.fromkeys(agencies):
            figures.append(
                Figure(
                    IndicatorCode.STAFF_TRAINED,
                    labels.get(agency, agency),
                    staff[agency],
                    inputs.headcounts.get(agency) or None,
                    person_based=True,
                    is_detail=True,
                    key=(IndicatorCode.STAFF_TRAINED, agency),
                )
            )
    passed = tried = 0
    course_figures = []
    quizzes = [item for item in totals.items() if item[0][0] == IndicatorCode.QUIZ_PASS_RATE]
    for (code, _a, subject), (n, d) in sorted(quizzes, key=lambda item: item[0][2]):
        passed, tried = passed + n, tried + d
        course_figures.append(
            Figure(
                code,
                courses.get(subject, str(subject)),
                n,
                d or None,
                person_based=True,
                denominator_person_based=True,
                is_detail=True,
                key=(code, subject),
            )
        )
    figures.append(
        Figure(
            IndicatorCode.QUIZ_PASS_RATE,
            labels[IndicatorCode.QUIZ_PASS_RATE],
            passed,
            tried or None,
            person_based=True,
            denominator_person_based=True,
            key=(IndicatorCode.QUIZ_PASS_RATE, ""),
        )
    )
    if details:
        figures.extend(course_figures)
    elapsed = _elapsed(plan) if whole_period else None
    over = whole_period and _is_over(plan)
    unaligned_parts = _unaligned_parts(inputs.unaligned)
    for figure in figures:
        if not figure.is_detail:
            figure.target = targets.get(figure.code)
        if figure.person_based and _made_of_unaligned(figure, unaligned_parts):
            figure.withheld = True
        figure.status = _status(figure, elapsed=elapsed, over=over)
    return figures


def course_titles(inputs_list) -> dict[int, str]:
    ids = {
        subject
        for inputs in inputs_list
        for (code, _a, subject) in inputs.totals
        if code == IndicatorCode.QUIZ_PASS_RATE
    }
    return dict(Page.objects.filter(pk__in=ids).values_list("pk", "title"))


def overview_inputs(area: Area):
    """The area's own inputs, the monthly cells of its charts and its models by year."""

    def compute():
        inputs, cells = collect(area, children=False, by_period=True)
        year = counted_to(area).year
        return inputs[ALL], cells, model_counts_by_year(area.commune_ids, year=year)

    return figures_cache.get_or_compute(
        f"overview:{area.period.cache_key if area.period else ''}", area.commune_ids, compute
    )


def area_figures(area: Area, whole: Inputs, *, docs) -> list[Figure]:
    """The area's own figures from its inputs (overview_inputs), before secondary
    suppression."""
    return figures_of(
        whole,
        plan=area.plan,
        docs=docs,
        courses=course_titles([whole]),
        targets=targets_of(area.plan),
        whole_period=is_whole_period(area),
    )


def is_whole_period(area: Area) -> bool:
    return area.period is None or not area.period.key

"""Where the rolled-up figures come from: the learners' raw rows of the progress and
dissemination apps. Each Measure counts people by the month they were first counted, per
current commune (and agency, and course or document).

The models are looked up by label so that coverage does not depend on those apps' code, and a
source that is not installed counts nothing."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Case, CharField, F, Min, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth

from elearning.accounts.choices import AgeBand, Audience

from .choices import IndicatorCode


@dataclass(frozen=True)
class Measure:
    indicator: str  # IndicatorCode
    column: str  # "numerator" or "denominator"
    model: str  # app_label.ModelName
    filters: dict = field(default_factory=dict)
    commune_field: str = "commune_id"
    learner_field: str = "learner_id"
    guest_field: str | None = "visitor_key"
    time: object = "completed_at"  # a field name or an expression
    audience_field: str | None = None
    subject_field: str | None = None
    # Counted by summing this field instead of counting rows (participants of a session).
    amount_field: str | None = None

    def queryset(self, *, commune_ids=None):
        """People (one row each) with the month they were first counted, or None when the
        source app is not installed."""
        try:
            model = apps.get_model(self.model)
        except LookupError:
            return None
        rows = model._default_manager.filter(**self.filters).filter(
            **{f"{self.commune_field.removesuffix('_id')}__isnull": False}
        )
        if commune_ids is not None:
            rows = rows.filter(**{f"{self.commune_field}__in": list(commune_ids)})
        time = F(self.time) if isinstance(self.time, str) else self.time
        # A person is an account, or else a guest's visitor key (a guest who signed up may
        # keep the key on rows now owned by the account).
        guest = Value(None, output_field=CharField())
        if self.guest_field:
            guest = Case(
                When(**{f"{self.learner_field}__isnull": True}, then=F(self.guest_field)),
                default=guest,
            )
        people = rows.values(
            self.learner_field,
            guest=guest,
            unit=F(self.commune_field),
            aud=F(self.audience_field) if self.audience_field else Value(""),
            subj=F(self.subject_field) if self.subject_field else Value(0),
        ).annotate(first_month=Min(TruncMonth(time)))
        if self.amount_field:
            people = people.annotate(amount=Sum(self.amount_field))
        return people.order_by()


# Sessions count once a reviewer has confirmed them.
CONFIRMED = {"session__status": "confirmed"}
# The session bands of the plans' "people aged 14–60" (elearning.community.choices).
SESSION_REACH_BANDS = ["14-15", "16-17", "18-60"]

MEASURES = [
    # 1. Learners aged 14–60 who completed at least one community lesson or quiz, and people
    # aged 14–60 who checked in to a confirmed community session by its QR code: the measures
    # of one indicator count each person once (a phone that learned and checked in is one).
    Measure(
        IndicatorCode.REACH,
        "numerator",
        "progress.ContentProgress",
        filters={
            "completed_at__isnull": False,
            "content_audience": "community",
            "age_band__in": AgeBand.reach_bands(),
        },
    ),
    Measure(
        IndicatorCode.REACH,
        "numerator",
        "community.SessionCheckIn",
        filters={**CONFIRMED, "age_band__in": SESSION_REACH_BANDS},
        commune_field="session__commune_id",
        time="checked_in_at",
    ),
    # Face-to-face work: person-times counted by the officers (every age), and sessions held.
    # A "person" here is the count row or the session itself: each is counted once.
    Measure(
        IndicatorCode.SESSION_PARTICIPANTS,
        "numerator",
        "community.SessionCount",
        filters=CONFIRMED,
        commune_field="session__commune_id",
        learner_field="id",
        guest_field=None,
        time="session__starts_at",
        amount_field="count",
    ),
    Measure(
        IndicatorCode.SESSIONS_HELD,
        "numerator",
        "community.CommunitySession",
        filters={"status": "confirmed"},
        learner_field="id",
        guest_field=None,
        time="starts_at",
    ),
    # 3. Learners who read and confirmed each legal document.
    Measure(
        IndicatorCode.LEGAL_DISSEMINATED,
        "numerator",
        "dissemination.ReadReceipt",
        time="read_at",
        subject_field="page_id",
    ),
    # 4. Staff of each prosecution agency holding a certificate.
    Measure(
        IndicatorCode.STAFF_TRAINED,
        "numerator",
        "progress.Certificate",
        filters={"audience__in": Audience.staff()},
        guest_field=None,
        time="issued_at",
        audience_field="audience",
    ),
    # 5. Per course: people who passed a quiz of it ÷ people who tried one.
    Measure(
        IndicatorCode.QUIZ_PASS_RATE,
        "numerator",
        "progress.ContentProgress",
        filters={"passed": True, "course__isnull": False},
        time=Coalesce("completed_at", "updated_at"),
        subject_field="course_id",
    ),
    Measure(
        IndicatorCode.QUIZ_PASS_RATE,
        "denominator",
        "progress.ContentProgress",
        filters={"best_score__isnull": False, "course__isnull": False},
        time="created_at",
        subject_field="course_id",
    ),
]

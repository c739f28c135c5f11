"""Reads about learners. `learner_context(request)` is what every learning event records."""

import functools

from django.db import DEFAULT_DB_ALIAS, connection

from .choices import AgeBand, Audience
from .consent import CONSENT_AGE
from .context import LearnerContext
from .guest import read_guest_cookie
from .models import GuardianConsent, LearnerProfile, User, age_in_year

_CACHE_ATTR = "_chung_tay_learner_context"


def learner_context(request) -> LearnerContext | None:
    """Who is learning on this request, or None when nobody may be counted:

    - a signed-in user with a learner profile and, if one is needed, an active guardian
      consent -> LearnerContext(user_id=..., visitor_key=None, ...);
    - an anonymous visitor who chose a commune and an age band (signed guest cookie)
      -> LearnerContext(user_id=None, visitor_key=..., audience="community", ...);
    - anyone else (signed in without a profile, consent withdrawn, no guest choice) -> None.

    Computed once per request."""
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, _build_learner_context(request))
    return getattr(request, _CACHE_ATTR)


def _build_learner_context(request) -> LearnerContext | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return learner_context_for_user(user=user)
    guest = read_guest_cookie(request)
    if guest is None or guest.age_band not in AgeBand.values:
        return None
    return LearnerContext(
        user_id=None,
        visitor_key=guest.visitor_key,
        commune_id=guest.commune_id,
        audience=Audience.COMMUNITY,
        age_band=guest.age_band,
    )


def learner_context_for_user(*, user) -> LearnerContext | None:
    """The context of a signed-in learner (also usable outside a request, e.g. in tasks).
    A user loaded by `user_with_learner_context` (the authentication backends do) carries it
    already; otherwise one SQL statement reads it."""
    preloaded = getattr(user, _PRELOADED, _MISSING)
    if preloaded is not _MISSING:
        return preloaded
    with connection.cursor() as cursor:
        cursor.execute(_CONTEXT_SQL, [user.pk])
        return _context_from_row(cursor.fetchone())


def user_with_learner_context(*, user_id) -> User | None:
    """The user with their learner context, from one SQL statement: every request of a
    signed-in learner (a quiz submission above all) needs both, and the ORM took longer to
    compile these queries than the database took to answer them. The context carried is as
    old as the user object, like the request's own cache of it."""
    sql, attnames, converters = _user_with_context_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row[: len(attnames)])
    for index, convert in converters:  # as the ORM would (SQLite's dates become aware)
        values[index] = convert(values[index])
    user = User.from_db(DEFAULT_DB_ALIAS, attnames, values)
    setattr(user, _HOLDS_PERMISSIONS_ATTR, bool(row[len(attnames)]))
    setattr(user, _PRELOADED, _context_from_row(row[len(attnames) + 1 :]))
    return user


def may_hold_permissions(user) -> bool:
    """Whether the user can have any permission at all (a superuser, or in a group, or with
    a permission of their own): False for learners, so pages need not ask the permission
    tables what they may do (the Wagtail user bar does, two queries). Known without a query
    for a user loaded with their learner context (every signed-in request)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    known = getattr(user, _HOLDS_PERMISSIONS_ATTR, None)
    if known is not None:
        return known
    return user.groups.exists() or user.user_permissions.exists()


@functools.cache
def _user_with_context_sql(vendor: str) -> tuple[str, list[str], list]:
    """Built once per process: the SQL (the user's columns, then the learner context's), the
    user's field names, and the database-to-Python conversions of the user's columns."""
    fields = User._meta.concrete_fields
    users = ", ".join(f"u.{connection.ops.quote_name(field.column)}" for field in fields)
    sql = (
        f"SELECT {users}, {_HOLDS_PERMISSIONS}, {_CONTEXT_COLUMNS} FROM {User._meta.db_table} u "
        f"LEFT JOIN {LearnerProfile._meta.db_table} p ON p.user_id = u.id WHERE u.id = %s"
    )
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(User._meta.db_table)
        functions = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if functions:
            converters.append((index, _chain(functions, column)))
    return sql, [field.attname for field in fields], converters


def _chain(functions, expression):
    def convert(value):
        for function in functions:
            value = function(value, expression, connection)
        return value

    return convert


_PRELOADED = "_preloaded_learner_context"
_HOLDS_PERMISSIONS_ATTR = "_holds_permissions"
_HOLDS_PERMISSIONS = (
    f"EXISTS (SELECT 1 FROM {User.groups.through._meta.db_table} g WHERE g.user_id = u.id) "
    f"OR EXISTS (SELECT 1 FROM {User.user_permissions.through._meta.db_table} up "
    "WHERE up.user_id = u.id)"
)
_MISSING = object()
# The profile and whether any, and any active (not withdrawn), guardian consent exists.
_CONSENTS = f"SELECT 1 FROM {GuardianConsent._meta.db_table} c WHERE c.user_id = p.user_id"
# A staff audience counts once verified (roster or approval); until then, the community's.
_CONTEXT_COLUMNS = (
    "p.user_id, p.commune_id, p.birth_year, "
    f"CASE WHEN p.staff_verified_at IS NULL THEN '{Audience.COMMUNITY.value}' "
    "ELSE p.audience END, "
    f"EXISTS ({_CONSENTS} AND c.withdrawn_at IS NULL), EXISTS ({_CONSENTS})"
)
_CONTEXT_SQL = (
    f"SELECT {_CONTEXT_COLUMNS} FROM {LearnerProfile._meta.db_table} p WHERE p.user_id = %s"
)


def _context_from_row(row) -> LearnerContext | None:
    if row is None or row[0] is None:  # no learner profile
        return None
    user_id, commune_id, birth_year, audience, has_active_consent, has_consent = row
    age = age_in_year(birth_year)
    age_band = AgeBand.for_age(age)
    if age_band is None:
        return None
    if not _consent_allows(active=bool(has_active_consent), any_given=bool(has_consent), age=age):
        return None
    return LearnerContext(
        user_id=user_id,
        visitor_key=None,
        commune_id=commune_id,
        audience=audience,
        age_band=age_band.value,
    )


def get_profile(*, user) -> LearnerProfile | None:
    return LearnerProfile.objects.filter(user_id=user.pk).select_related("commune").first()


def may_process(*, user) -> bool:
    """False once a guardian's consent has been withdrawn (and none given again), or while a
    learner under 16 has no active consent."""
    consents = GuardianConsent.objects.filter(user_id=user.pk)
    profile = LearnerProfile.objects.filter(user_id=user.pk).only("birth_year").first()
    return _consent_allows(
        active=consents.active().exists(),
        any_given=consents.exists(),
        age=profile.age if profile else None,
    )


def _consent_allows(*, active: bool, any_given: bool, age: int | None) -> bool:
    if active:
        return True
    if any_given:
        return False  # withdrawn
    return age is None or age >= CONSENT_AGE


def certificate_details(*, user_id: int) -> dict:
    """What a certificate prints about its holder: full name, agency, unit ("" when not given)."""
    from .models import LearnerProfile

    row = (
        LearnerProfile.objects.filter(user_id=user_id)
        .values("full_name", "agency", "department")
        .first()
    )
    return row or {"full_name": "", "agency": "", "department": ""}

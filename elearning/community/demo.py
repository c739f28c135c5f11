"""Demo community sessions: a few confirmed sessions in the demo province's key communes (the
coverage demo's Ninh Bình), and one open session whose QR code works while `make run` serves
the site. Accounts: a commune officer, a province officer and a province reviewer.

Places and counts are SAMPLE figures, not reports of real sessions. Idempotent, except that
the open session is moved to today when it has closed, so that its QR code works again."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from elearning.coverage.models import CommuneProfile
from elearning.geo.models import AdminUnit

from . import services
from .models import CommunitySession, SessionStatus

PASSWORD = "ChungTay-2026"
OFFICER = "canbo-xa-ninhbinh"
PROVINCE_OFFICER = "canbo-tinh-ninhbinh"
REVIEWER = "duyet-ninhbinh"
SAMPLE = "[Mẫu] "
OPEN_PLACE = SAMPLE + "Nhà văn hoá thôn 2 (buổi đang mở điểm danh)"
DEMO_COURSE_SLUG = "nhan-biet-thu-doan-tuyen-dung"  # cms/learning/demo.py COMMUNITY
# (days ago, kind, place, counts as (sex, age band, number))
CONFIRMED = [
    (
        40,
        "meeting",
        "Nhà văn hoá thôn 1",
        [("female", "18-60", 46), ("male", "18-60", 21), ("female", "61+", 9)],
    ),
    (
        25,
        "talk",
        "Trường THCS",
        [("female", "14-15", 38), ("male", "14-15", 35), ("unknown", "under_14", 12)],
    ),
    (12, "loudspeaker", "Loa truyền thanh xã", [("unknown", "18-60", 120)]),
    (6, "market_stall", "Chợ phiên", [("female", "18-60", 33), ("male", "16-17", 8)]),
]


def _user(username, first_name, *, unit, reviewer=False):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=first_name)
        user.set_password(PASSWORD)
        user.save()
    services.appoint(user=user, unit=unit, reviewer=reviewer)
    return user


@transaction.atomic
def load(*, out) -> None:
    province = (
        AdminUnit.objects.current().provinces().filter(search_name__endswith="ninh binh").first()
    )
    key_ids = CommuneProfile.objects.filter(is_key_area=True).values_list("unit_id", flat=True)
    communes = list(
        AdminUnit.objects.current()
        .communes()
        .filter(province=province, pk__in=key_ids)
        .order_by("code")[: len(CONFIRMED)]
    )
    if province is None or not communes:
        out("Community sessions demo skipped: run the coverage demo first.")
        return
    officer = _user(OFFICER, "Cán bộ xã (mẫu)", unit=communes[0])
    province_officer = _user(PROVINCE_OFFICER, "Hội Phụ nữ tỉnh (mẫu)", unit=province)
    reviewer = _user(REVIEWER, "Người duyệt tỉnh (mẫu)", unit=province, reviewer=True)
    now = timezone.now().replace(second=0, microsecond=0)
    if not CommunitySession.objects.filter(place__startswith=SAMPLE).exists():
        for index, (days, kind, place, counts) in enumerate(CONFIRMED):
            commune = communes[index % len(communes)]
            author = officer if commune == communes[0] else province_officer
            start = (now - timedelta(days=days)).replace(hour=8, minute=0)
            session = services.save_session(
                user=author,
                session=CommunitySession(
                    commune=commune,
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    kind=kind,
                    place=SAMPLE + place,
                    led_by="Chi hội Phụ nữ",
                ),
                counts=[(sex, band, "community", n) for sex, band, n in counts],
            )
            services.confirm_session(user=reviewer, session_id=session.pk)
    _open_session(officer=officer, commune=communes[0], now=now)
    out(
        f"Community sessions demo: officer {OFFICER}, province officer {PROVINCE_OFFICER}, "
        f"reviewer {REVIEWER} (password {PASSWORD}); one session open for QR check-in."
    )


def _demo_course():
    """The demo's community course (its quiz gives the open session's check quiz): found by
    its slug on the Wagtail Page base, as the engine imports no page class."""
    return Page.objects.filter(slug=DEMO_COURSE_SLUG, locale__language_code="vi").first()


def _open_session(*, officer, commune, now):
    session = CommunitySession.objects.filter(place=OPEN_PLACE).first()
    if session is not None and session.course_id is None:
        CommunitySession.objects.filter(pk=session.pk).update(course=_demo_course())
    if session is not None and session.closes_at > now:
        return
    start, end = now - timedelta(minutes=15), now + timedelta(hours=3)
    if session is None:
        services.save_session(
            user=officer,
            session=CommunitySession(
                commune=commune,
                starts_at=start,
                ends_at=end,
                kind="meeting",
                place=OPEN_PLACE,
                led_by="Chi hội Phụ nữ",
                check_in_grace_minutes=60,
                course=_demo_course(),
            ),
            counts=[("female", "18-60", "community", 15), ("male", "18-60", "community", 7)],
        )
    elif session.status == SessionStatus.DRAFT:
        # A demo loaded days ago: open it again today.
        CommunitySession.objects.filter(pk=session.pk).update(starts_at=start, ends_at=end)

"""Writes about learners: profiles, guardian consent, the guest choice, export and deletion."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import guest, learner_data
from .choices import Audience
from .consent import CONSENT_AGE, CONSENT_VERSION, age_errors
from .models import (
    GuardianConsent,
    LearnerProfile,
    StaffRosterEntry,
    StaffVerification,
    age_in_year,
)


@transaction.atomic
def create_profile(
    *,
    user,
    commune,
    birth_year: int,
    audience: str,
    sex: str = "",
    agency: str = "",
    guardian_name: str = "",
) -> LearnerProfile:
    """The profile made at sign-up (or on the profile page), with the guardian's consent when
    one is needed. The age rule is checked here too, whatever the caller checked."""
    _check_age(user=user, birth_year=birth_year, guardian_name=guardian_name)
    profile = LearnerProfile.objects.create(
        user=user,
        commune=commune,
        birth_year=birth_year,
        audience=audience,
        sex=sex,
        agency=agency if audience != "community" else "",
    )
    verify_staff_from_roster(profile=profile)
    if guardian_name:
        give_guardian_consent(user=user, guardian_name=guardian_name)
    return profile


def _check_age(*, user, birth_year: int, guardian_name: str) -> None:
    errors = age_errors(
        birth_year=birth_year,
        has_active_consent=GuardianConsent.objects.filter(user=user).active().exists(),
        guardian_name=guardian_name,
        agreed=bool(guardian_name),
    )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update_profile(*, profile: LearnerProfile, guardian_name: str = "", **fields) -> LearnerProfile:
    """Saves the learner's own changes. Changing the audience (the agency type) is a new claim:
    a verification of the old one does not carry over."""
    _check_age(
        user=profile.user,
        birth_year=fields.get("birth_year", profile.birth_year),
        guardian_name=guardian_name,
    )
    birth_year = fields.get("birth_year", profile.birth_year)
    if guardian_name and age_in_year(birth_year) < CONSENT_AGE:
        give_guardian_consent(user=profile.user, guardian_name=guardian_name)
    old_audience = profile.audience
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.audience == "community":
        profile.agency = ""
    if profile.audience != old_audience:
        _clear_staff_verification(profile)
    profile.save()
    verify_staff_from_roster(profile=profile)
    return profile


def _clear_staff_verification(profile: LearnerProfile) -> None:
    profile.staff_verified_at = None
    profile.staff_verified_via = ""
    profile.staff_verified_by = None


def verify_staff_from_roster(*, profile: LearnerProfile) -> bool:
    """Verifies a staff claim whose phone number and agency type are on an agency roster."""
    phone = profile.user.phone_number
    if not profile.claims_staff or profile.staff_verified_at or not phone:
        return False
    if not StaffRosterEntry.objects.filter(phone_number=phone, audience=profile.audience).exists():
        return False
    profile.staff_verified_at = timezone.now()
    profile.staff_verified_via = StaffVerification.ROSTER
    profile.save(update_fields=["staff_verified_at", "staff_verified_via", "updated_at"])
    return True


@transaction.atomic
def save_roster_entry(*, entry: StaffRosterEntry) -> int:
    """Saves an administrator's roster entry and verifies the waiting claims it matches.
    Returns how many learners it verified."""
    entry.save()
    waiting = LearnerProfile.objects.filter(
        user__phone_number=entry.phone_number,
        audience=entry.audience,
        staff_verified_at__isnull=True,
    )
    return waiting.update(
        staff_verified_at=timezone.now(),
        staff_verified_via=StaffVerification.ROSTER,
        updated_at=timezone.now(),
    )


@transaction.atomic
def decide_staff_claim(*, profile: LearnerProfile, approve: bool, by) -> LearnerProfile:
    """A report reader's decision on a staff claim: approved, it counts from now on;
    declined, the learner stays a community learner (their claim is removed)."""
    profile = LearnerProfile.objects.select_for_update().get(pk=profile.pk)
    if not profile.claims_staff:
        return profile
    if approve:
        profile.staff_verified_at = timezone.now()
        profile.staff_verified_via = StaffVerification.APPROVAL
        profile.staff_verified_by = by
    else:
        profile.audience = Audience.COMMUNITY
        profile.agency = ""
        _clear_staff_verification(profile)
    profile.save()
    return profile


def tell_owners_of_signup_attempt(*, request, phone_number=None, email=None) -> int:
    """Someone signed up with a phone number or email address that an account already uses:
    the sign-up said nothing about it, so its owner hears of it by their own channel (their
    email address; Chung Tay sends no SMS). Returns how many messages were sent."""
    from allauth.account.adapter import get_adapter
    from allauth.account.internal.userkit import filter_users_by_email

    from .models import User

    owners = []
    if phone_number:
        owners += list(User.objects.filter(phone_number=phone_number).exclude(email=""))
    if email:
        owners += filter_users_by_email(email)
    addresses = {owner.email.lower() for owner in owners if owner.email}
    for address in sorted(addresses):
        get_adapter(request).send_account_already_exists_mail(address)
    return len(addresses)


def give_guardian_consent(*, user, guardian_name: str) -> GuardianConsent:
    return GuardianConsent.objects.create(
        user=user, guardian_name=guardian_name.strip(), text_version=CONSENT_VERSION
    )


def withdraw_guardian_consent(*, user) -> int:
    """Withdraws every active consent; from now on learner_context() is None for this user
    and nothing further is recorded. Returns how many consents were withdrawn."""
    return GuardianConsent.objects.filter(user=user).active().update(withdrawn_at=timezone.now())


def remember_guest(*, response, commune_id: int, age_band: str, visitor_key: str | None = None):
    """Remembers a guest's choice on the device, keeping their visitor key if they had one."""
    choice = guest.GuestChoice(
        visitor_key=visitor_key or guest.new_visitor_key(), commune_id=commune_id, age_band=age_band
    )
    guest.write_guest_cookie(response, choice)
    return choice


def carry_over_guest(*, request, response, user) -> str | None:
    """A guest has just signed up (or in) on this device: everything the guest did (every model
    in the learner_data registry) becomes the account's, then the guest choice is forgotten.
    Returns the visitor key moved."""
    choice = guest.read_guest_cookie(request)
    if choice is None:
        return None
    learner_data.move_guest_rows(visitor_key=choice.visitor_key, user=user)
    guest.delete_guest_cookie(response)
    return choice.visitor_key


def export_learner_data(*, user) -> dict:
    """Everything Chung Tay holds about the learner, as JSON-ready data."""
    profile = LearnerProfile.objects.filter(user=user).select_related("commune__province").first()
    data = {
        "account": {
            "username": user.username,
            "email": user.email or None,
            "phone_number": user.phone_number or None,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profile": None,
        "guardian_consents": [
            {
                "guardian_name": consent.guardian_name,
                "text_version": consent.text_version,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in GuardianConsent.objects.filter(user=user)
        ],
    }
    if profile:
        data["profile"] = {
            "commune": {
                "code": profile.commune.code,
                "name": profile.commune.name,
                "province": profile.commune.province.name if profile.commune.province else None,
            },
            "birth_year": profile.birth_year,
            "sex": profile.sex or None,
            "audience": profile.audience,
            "agency": profile.agency or None,
        }
    data.update(learner_data.export_for(user=user))
    return data


@transaction.atomic
def delete_learner(*, user) -> None:
    """Deletes the account and everything personal (profile, consents, email addresses, second
    factors). The rows of the learner_data registry are first kept under an anonymous key
    (with the snapshot that coverage counts) or deleted, as each model registered."""
    learner_data.forget_learner(user=user, anonymous_key=f"deleted-{secrets.token_hex(16)}")
    user.delete()


def set_certificate_details(*, user, full_name: str, agency: str, department: str) -> None:
    """The name, agency and unit printed on this learner's next certificates. Certificates
    already issued keep what they printed."""
    LearnerProfile.objects.filter(user=user).update(
        full_name=full_name, agency=agency, department=department, updated_at=timezone.now()
    )

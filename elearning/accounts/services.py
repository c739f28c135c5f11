"""Writes about learners: profiles, guardian consent, the guest choice, export and deletion."""

import secrets

from django.db import transaction
from django.utils import timezone

from . import guest
from .consent import CONSENT_VERSION
from .hooks import data_exporters
from .models import GuardianConsent, LearnerProfile
from .signals import guest_became_learner, learner_deleting


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
    """The profile made at sign-up, with the guardian's consent when one was needed (the form
    has checked the age and that the guardian's name was given)."""
    profile = LearnerProfile.objects.create(
        user=user,
        commune=commune,
        birth_year=birth_year,
        audience=audience,
        sex=sex,
        agency=agency if audience != "community" else "",
    )
    if guardian_name:
        give_guardian_consent(user=user, guardian_name=guardian_name)
    return profile


@transaction.atomic
def update_profile(*, profile: LearnerProfile, **fields) -> LearnerProfile:
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.audience == "community":
        profile.agency = ""
    profile.save()
    return profile


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
    """A guest has just signed up (or in) on this device: tell other apps to move the guest's
    activity to the account, then forget the guest choice. Returns the visitor key moved."""
    choice = guest.read_guest_cookie(request)
    if choice is None:
        return None
    guest_became_learner.send(sender=user.__class__, visitor_key=choice.visitor_key, user=user)
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
    for name, export_for_user in sorted(data_exporters().items()):
        data[name] = export_for_user(user)
    return data


@transaction.atomic
def delete_learner(*, user) -> None:
    """Deletes the account and everything personal (profile, consents, email addresses, second
    factors). Other apps hear `learner_deleting` first and unlink their rows, keeping the
    anonymous snapshot that coverage counts."""
    anonymous_key = f"deleted-{secrets.token_hex(16)}"
    learner_deleting.send(sender=user.__class__, user=user, anonymous_key=anonymous_key)
    user.delete()


def set_certificate_details(*, user, full_name: str, agency: str, department: str) -> None:
    """The name, agency and unit printed on this learner's next certificates. Certificates
    already issued keep what they printed."""
    LearnerProfile.objects.filter(user=user).update(
        full_name=full_name, agency=agency, department=department, updated_at=timezone.now()
    )

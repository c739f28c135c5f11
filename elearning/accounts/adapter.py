import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.utils.translation import gettext_lazy as _

from .phone import normalise_phone


def login_lock_key(login: str) -> str:
    """What the failed-login lock counts: the account the text names (by username or by phone
    number, however it is written), else the text in one form. "0912.000.111", "+84 912 000
    111" and the account's username all spend the same budget."""
    text = (login or "").strip()
    phone = normalise_phone(text)
    users = get_user_model().objects
    match = users.filter(phone_number=phone) if phone else users.filter(username__iexact=text)
    user_id = match.values_list("pk", flat=True).first()
    if user_id is not None:
        return f"user:{user_id}"
    return f"text:{phone or text.lower()}"


# No 0/o, 1/l/i: a username is read off a screen and typed on a phone.
_USERNAME_LETTERS = "abcdefghjkmnpqrstuvwxyz23456789"


def new_username() -> str:
    """A username that says nothing about its owner (not the phone number, not the email):
    it is shown in the admin and to report readers who approve staff claims."""
    users = get_user_model().objects
    while True:
        username = "hv-" + "".join(secrets.choice(_USERNAME_LETTERS) for _ in range(7))
        if not users.filter(username=username).exists():
            return username


class AccountAdapter(DefaultAccountAdapter):
    """The single place where sign-up and login behaviour is customised for Chung Tay.

    allauth ships no Vietnamese catalogue: every message a learner can meet is our own string,
    translated in this app's catalogue."""

    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is not active."),
        "email_password_mismatch": _("The email address or password is not correct."),
        "phone_password_mismatch": _("The phone number or password is not correct."),
        "username_password_mismatch": _(
            "The username (or phone number) or the password is not correct."
        ),
        "email_taken": _("Someone has already signed up with this email address."),
        "phone_taken": _("Someone has already signed up with this phone number."),
        "username_taken": _("This username is taken. Please choose another one."),
        "username_blacklisted": _("This username cannot be used. Please choose another one."),
        "enter_current_password": _("Please type your current password."),
        "incorrect_password": _("The password is not correct."),
        "incorrect_code": _("The code is not correct."),
        "invalid_login": _("Sign-in did not work. Please try again."),
        "invalid_or_expired_key": _("This link is not valid or has expired."),
        "invalid_password_reset": _("This password reset link is not valid or has expired."),
        "too_many_login_attempts": _(
            "Too many unsuccessful sign-in attempts. Please wait a few minutes and try again."
        ),
        "unknown_email": _("No account uses this email address."),
        "unknown_phone": _("No account uses this phone number."),
        "same_as_current": _("The new value must be different from the current one."),
        "select_only_one": _("Please choose only one."),
        "rate_limited": _("Too many requests. Please wait a moment and try again."),
        "duplicate_email": _("This email address is already on your account."),
    }

    def populate_username(self, request, user) -> None:
        # Sign-up asks no username (ACCOUNT_SIGNUP_FIELDS): allauth would make one from
        # the email address; ours tells nothing about the person.
        if not user.username:
            user.username = new_username()

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth keys the lock on the login text as typed; we key it on the account.
        login = credentials.get("email", credentials.get("username", ""))
        return f"{get_current_site(request).domain}:{login_lock_key(login)}"


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("The code is not correct."),
        "cannot_delete_authenticator": _("You cannot turn off two-step sign-in."),
        "cannot_generate_recovery_codes": _(
            "Turn on two-step sign-in before making recovery codes."
        ),
        "unverified_email": _("Verify your email address before turning on two-step sign-in."),
        "add_email_blocked": _(
            "You cannot add an email address while two-step sign-in is turned on."
        ),
    }

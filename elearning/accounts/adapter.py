from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.utils.translation import gettext_lazy as _


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

"""allauth ships no Vietnamese catalogue. These are allauth's own form labels and messages
that reach a learner (sign-in, sign-up, password, two-step sign-in), listed here so that
`makemessages` puts them in this app's catalogue, where they are translated. Django merges
the catalogues and this app comes before allauth in INSTALLED_APPS, so ours are used.

Nothing imports this module; it exists for the message extractor."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ALLAUTH_STRINGS = [
    _("You must type the same password each time."),
    _("Password"),
    _("Remember Me"),
    _("Username"),
    pgettext_lazy("field label", "Login"),
    _("Username or phone"),
    _("Email"),
    _("Email (optional)"),
    _("Email address"),
    _("Password (again)"),
    _("Current Password"),
    _("New Password"),
    _("New Password (again)"),
    _("Code"),
    _("Forgot your password?"),
    _("Authenticator code"),
]

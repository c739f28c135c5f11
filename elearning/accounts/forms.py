"""Sign-up, profile and guest forms. They check the input; services do the writing."""

import re

from allauth.account.forms import SignupForm
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.geo.selectors import find_current_commune

from .choices import AgeBand, Audience
from .consent import CONSENT_AGE, CONSENT_TEXT, age_errors
from .models import Sex, age_in_year
from .phone import normalise_phone

OLDEST_AGE = 120


class CommunePickerMixin:
    """A commune chosen by typing its name (with or without diacritics) and picking one of the
    matches. Without JavaScript the "Find" button sends the form back with the matches listed;
    with it, matches appear as the learner types (static/js/commune-picker.js)."""

    FIND_BUTTON = "find_commune"

    def add_commune_fields(self):
        commune_fields = {
            "commune_query": forms.CharField(
                label=_("Your commune or ward"),
                required=False,
                help_text=_('Type its name, accents are optional: for example "ba dinh".'),
                widget=forms.TextInput(attrs={"autocomplete": "off", "data-commune-query": ""}),
            ),
            "commune": forms.CharField(required=False, widget=forms.HiddenInput),
        }
        self.fields = {**commune_fields, **self.fields}

    @property
    def is_finding_commune(self) -> bool:
        return self.FIND_BUTTON in self.data

    def clean_commune(self):
        code = (self.cleaned_data.get("commune") or "").strip()
        if not code:
            raise forms.ValidationError(
                _("Choose your commune: type its name, then pick it from the list."),
                code="required",
            )
        commune = find_current_commune(code=code)
        if commune is None:
            raise forms.ValidationError(
                _("We do not know this commune. Type its name and pick it from the list."),
                code="unknown_commune",
            )
        return commune


def clean_birth_year_value(birth_year: int | None) -> int | None:
    """Checks a birth year: not in the future, not more than 120 years ago."""
    if birth_year is None:
        return None
    this_year = timezone.localdate().year
    if birth_year > this_year:
        raise forms.ValidationError(_("A birth year cannot be in the future."), code="future")
    if birth_year < this_year - OLDEST_AGE:
        raise forms.ValidationError(
            _("Please check the birth year: it is more than %(years)s years ago.")
            % {"years": OLDEST_AGE},
            code="too_old",
        )
    return birth_year


class ProfileFieldsMixin:
    def clean_birth_year(self):
        return clean_birth_year_value(self.cleaned_data.get("birth_year"))

    def clean_agency(self):
        return (self.cleaned_data.get("agency") or "").strip()

    def check_age(self, cleaned_data, *, has_active_consent: bool):
        """The shared age rule (consent.age_errors), on this form's fields."""
        errors = age_errors(
            birth_year=cleaned_data.get("birth_year"),
            has_active_consent=has_active_consent,
            guardian_name=cleaned_data.get("guardian_name") or "",
            agreed=bool(cleaned_data.get("guardian_consent")),
        )
        if "birth_year" in errors:
            self.too_young = True
        for field, message in errors.items():
            self.add_error(field, message)

    def check_agency(self, cleaned_data):
        if cleaned_data.get("audience") in Audience.staff() and not cleaned_data.get("agency"):
            self.add_error("agency", _("Staff: please give the name of your agency."))


def _profile_fields():
    this_year = timezone.localdate().year
    return {
        "birth_year": forms.IntegerField(
            label=_("Year of birth"),
            widget=forms.NumberInput(
                attrs={"inputmode": "numeric", "min": this_year - OLDEST_AGE, "max": this_year}
            ),
        ),
        "sex": forms.ChoiceField(
            label=_("Sex (optional)"),
            choices=Sex.choices,
            required=False,
            widget=forms.RadioSelect,
        ),
        "audience": forms.ChoiceField(
            label=_("I am learning as"),
            choices=Audience.choices,
            initial=Audience.COMMUNITY,
            widget=forms.RadioSelect,
        ),
        "agency": forms.CharField(
            label=_("Agency (staff only)"),
            required=False,
            max_length=255,
            help_text=_("For example: Công an xã Tân Lập."),
        ),
    }


def _guardian_fields():
    this_year = timezone.localdate().year
    return {
        "guardian_name": forms.CharField(
            label=_("Name of your parent or guardian"),
            required=False,
            max_length=255,
            help_text=_("Only if you were born in %(year)s or later.")
            % {"year": this_year - CONSENT_AGE + 1},
        ),
        "guardian_consent": forms.BooleanField(label=CONSENT_TEXT, required=False),
    }


class LearnerSignupForm(CommunePickerMixin, ProfileFieldsMixin, SignupForm):
    """allauth's sign-up (optional email, password) with a phone number to sign in with, plus
    the profile: commune, birth year, optional sex, audience, agency for staff, and a
    guardian's consent under 16. The username is made up (AccountAdapter.populate_username)
    and shown after sign-up: it also signs in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        account_fields = self.fields
        self.fields = {}
        self.add_commune_fields()
        self.fields.update(_profile_fields())
        self.fields.update(_guardian_fields())
        self.fields.update(account_fields)
        self.fields["phone_number"] = forms.CharField(
            label=_("Phone number"),
            max_length=20,
            help_text=_("You sign in with it. We do not call or text you."),
            error_messages={"required": _("Please enter your mobile phone number.")},
            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        )
        order = ["phone_number", "email", "password1", "password2"]
        for name in order:
            if name in self.fields:
                self.fields[name] = self.fields.pop(name)
        self.too_young = False
        self.taken = {}

    def clean_phone_number(self):
        text = (self.cleaned_data.get("phone_number") or "").strip()
        if not text:
            return None
        phone = normalise_phone(text)
        if phone is None:
            raise forms.ValidationError(
                _("Please enter a Vietnamese mobile number, for example 0912 345 678."),
                code="invalid_phone",
            )
        if get_user_model().objects.filter(phone_number=phone).exists():
            # Saying so would tell anyone who has an account (people hiding from traffickers
            # among them): the account is made without it and the owner is told (signup()).
            self.taken["phone_number"] = phone
            return None
        return phone

    def validate_unique_email(self, value):
        """allauth refuses a taken address when emails are not verified ("uniqueness takes
        precedence over enumeration prevention"); here it is left out, as a taken phone."""
        from allauth.account.internal.userkit import filter_users_by_email

        if value and filter_users_by_email(value):
            self.taken["email"] = value
            return ""
        return super().validate_unique_email(value)

    def clean(self):
        cleaned_data = super().clean()
        self.check_age(cleaned_data, has_active_consent=False)
        self.check_agency(cleaned_data)
        return cleaned_data

    def signup(self, request, user):
        """Called by allauth after the user is saved, in the same request."""
        from .services import create_profile, tell_owners_of_signup_attempt

        data = self.cleaned_data
        tell_owners_of_signup_attempt(request=request, **self.taken)
        if data.get("phone_number"):
            user.phone_number = data["phone_number"]
            user.save(update_fields=["phone_number"])
        # Said to everyone alike (a taken number is never mentioned): the made-up username
        # signs in too, whatever became of the phone number.
        messages.info(
            request,
            _("Your username is %(username)s. You can sign in with it or with your phone number.")
            % {"username": user.username},
        )
        needs_consent = age_in_year(data["birth_year"]) < CONSENT_AGE
        create_profile(
            user=user,
            commune=data["commune"],
            birth_year=data["birth_year"],
            audience=data["audience"],
            sex=data.get("sex") or "",
            agency=data.get("agency") or "",
            guardian_name=data["guardian_name"] if needs_consent else "",
        )


class ProfileForm(CommunePickerMixin, ProfileFieldsMixin, forms.Form):
    """Editing one's own profile. Fields the form does not have (such as a user id) are a
    forgery: the whole form is refused and nothing is saved."""

    def __init__(self, *args, profile=None, user=None, **kwargs):
        self.profile = profile
        self.too_young = False
        user = user or (profile.user if profile else None)
        self.has_active_consent = bool(user and user.guardian_consents.active().exists())
        super().__init__(*args, **kwargs)
        self.add_commune_fields()
        self.fields.update(_profile_fields())
        if not self.has_active_consent:
            # A learner under 16 without a consent on record gives it here, as at sign-up.
            self.fields.update(_guardian_fields())

    def clean(self):
        cleaned_data = super().clean()
        allowed = set(self.fields) | {"csrfmiddlewaretoken", self.FIND_BUTTON}
        if set(self.data) - allowed:
            raise forms.ValidationError(
                _(
                    "This form was changed outside Chung Tay, so nothing was saved. "
                    "Please reload the page and try again."
                ),
                code="forged",
            )
        self.check_age(cleaned_data, has_active_consent=self.has_active_consent)
        self.check_agency(cleaned_data)
        return cleaned_data


GUEST_UNDER_14 = "under-14"


class GuestForm(CommunePickerMixin, forms.Form):
    """A guest's one-time choice: commune and age band."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_commune_fields()
        self.fields["age_band"] = forms.ChoiceField(
            label=_("Your age"),
            choices=[(GUEST_UNDER_14, _("Under 14")), *AgeBand.choices],
            widget=forms.RadioSelect,
        )

    @property
    def too_young(self) -> bool:
        return self.is_bound and self.data.get("age_band") == GUEST_UNDER_14


# Letters (any script, with Vietnamese diacritics) in words joined by a space, hyphen,
# apostrophe or full stop: no digits, no markup.
_NAME = re.compile(r"[^\W\d_]+(?:[ '.-][^\W\d_]+)*")


class CertificateDetailsForm(forms.Form):
    """How a staff learner's certificate is to be printed: asked before the first one."""

    full_name = forms.CharField(
        label=_("Your full name, as it should be printed"),
        help_text=_("Family name first, as on your ID card: for example Trần Văn Minh."),
        max_length=100,
        error_messages={
            "required": _("Please give your full name."),
            "max_length": _("The name is too long: at most %(limit_value)d characters."),
        },
    )
    agency = forms.CharField(
        label=_("Agency"),
        help_text=_("For example: Viện kiểm sát nhân dân tỉnh Ninh Bình."),
        max_length=255,
        error_messages={
            "required": _("Please give the name of your agency."),
            "max_length": _("The agency name is too long: at most %(limit_value)d characters."),
        },
    )
    department = forms.CharField(
        label=_("Unit or department (optional)"),
        max_length=150,
        required=False,
        error_messages={
            "max_length": _("The unit name is too long: at most %(limit_value)d characters."),
        },
    )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not _NAME.fullmatch(name):
            raise forms.ValidationError(
                _("A name may contain only letters, spaces and hyphens (no digits or symbols).")
            )
        if len(name.split()) < 2:
            raise forms.ValidationError(
                _("Please give your full name: family name and given name.")
            )
        return name

    def _clean_text(self, field):
        text = " ".join((self.cleaned_data.get(field) or "").split())
        if "<" in text or ">" in text:
            raise forms.ValidationError(_("Please remove the characters < and >."))
        return text

    def clean_agency(self):
        return self._clean_text("agency")

    def clean_department(self):
        return self._clean_text("department")

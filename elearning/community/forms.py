"""The officer's session form: the commune from their area, the counts as rows, and the
services' checks shown on the form before anything is saved."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from elearning.geo.models import AdminUnit

from . import selectors, services


class SessionForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "commune" in self.fields and self.for_user is not None:
            communes = AdminUnit.objects.current().communes().order_by("name")
            scope = selectors.communes_in_scope(user=self.for_user)
            if scope is not None:
                communes = communes.filter(pk__in=scope)
            self.fields["commune"].queryset = communes
            if scope is not None and len(scope) == 1:
                self.fields["commune"].initial = next(iter(scope))

    def counts(self) -> list[tuple]:
        """The count rows kept in the form, as (sex, age band, audience, number)."""
        formset = self.formsets["counts"]
        return [
            (data["sex"], data["age_band"], data["audience"], data["count"])
            for data in (form.cleaned_data for form in formset.forms)
            if data and not data.get("DELETE")
        ]

    def is_valid(self):
        if not super().is_valid():
            return False
        try:
            services.check_session(
                user=self.for_user,
                commune=self.cleaned_data.get("commune"),
                starts_at=self.cleaned_data.get("starts_at"),
                ends_at=self.cleaned_data.get("ends_at"),
                counts=self.counts(),
            )
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(None if field == "counts" else field, messages)
            return False
        return True

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import DocumentStatus, DocumentType


class LibraryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. mua bán người, 793")}
        ),
    )
    type = forms.ChoiceField(
        label=pgettext_lazy("legal library filter", "Type"),
        required=False,
        choices=[("", _("All types")), *DocumentType.choices],
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("legal library filter", "Status"),
        required=False,
        choices=[("", _("Any status")), *DocumentStatus.choices],
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("Any year")), *((y, y) for y in years)]
        for name in ("type", "status", "year"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Choose one of the options in the list."
            )
        self.fields["q"].error_messages["max_length"] = _(
            "Search for at most %(limit_value)d characters."
        )

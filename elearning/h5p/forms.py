from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import services
from .messages import describe
from .models import H5PContent
from .package import PackageError

MAX_UPLOAD_BYTES = 64 * 1024 * 1024


class H5PContentForm(WagtailAdminModelForm):
    """Title, language and licence, and the .h5p file: required for new content; on existing
    content a file adds a new version (results stay tied to the version they were made on)."""

    package = forms.FileField(
        label=_("H5P package (.h5p)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PContent
        fields = ["title", "language", "licence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = None
        if self.instance.pk:
            self.fields["package"].required = False
            self.fields["package"].help_text = _(
                "Upload a new .h5p file to publish a new version. Learners' earlier results "
                "stay with the version they used."
            )

    def clean(self):
        data = super().clean()
        upload = data.get("package")
        if not upload:
            return data
        if upload.size > MAX_UPLOAD_BYTES:
            self.add_error("package", _("The file is larger than 64 MB."))
            return data
        try:
            self.plan = services.prepare_upload(data=upload.read(), user=self.for_user)
        except PackageError as error:
            self.add_error("package", describe(error))
        return data

    def save(self, commit=True):
        if self.plan is None:
            return super().save(commit=commit)
        version = services.apply_upload(
            plan=self.plan,
            user=self.for_user,
            title=self.cleaned_data["title"],
            language=self.cleaned_data["language"],
            licence=self.cleaned_data["licence"],
            content=self.instance if self.instance.pk else None,
        )
        self.instance = version.content
        return self.instance

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import SloganStatus


def may_confirm_slogans(*, user) -> bool:
    """Confirming a slogan is the moderator's decision: those who may publish slogans."""
    return user is not None and user.has_perm("campaigns.publish_slogan")


class SloganForm(WagtailAdminModelForm):
    """An editor may mark a slogan for review or retire it, never confirm it (a slogan that is
    already confirmed keeps its status while its text is edited, and the edit is reviewed)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is None or may_confirm_slogans(user=self.for_user):
            return
        if self.instance.status != SloganStatus.CONFIRMED or self.instance._state.adding:
            status.choices = [
                choice for choice in status.choices if choice[0] != SloganStatus.CONFIRMED
            ]
            status.initial = SloganStatus.NEEDS_REVIEW
            status.help_text = _("A moderator confirms a slogan when approving it.")
            if self.instance._state.adding:
                self.initial["status"] = SloganStatus.NEEDS_REVIEW

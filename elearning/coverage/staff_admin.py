"""The report reader's screen for staff memberships to verify: a learner who says they work
for the police, the procuracy, a court or the border guard counts as staff only once a report
reader of their area approves it (or an agency roster lists them)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from elearning.accounts import services as account_services
from elearning.accounts.models import StaffClaim

from . import selectors

ALLOWED_ACTIONS = {"change", "view"}


class StaffClaimPermissionPolicy(ModelPermissionPolicy):
    """Report readers (and superusers) see and decide the claims of learners in their area;
    nobody adds or deletes claims here."""

    def _scope(self, user):
        return selectors.reader_scope(user=user)

    def user_has_permission(self, user, action):
        return action in ALLOWED_ACTIONS and self._scope(user) is not None

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_permission_for(self, user, action):
        scope = self._scope(user)
        if action not in ALLOWED_ACTIONS or scope is None:
            return StaffClaim.objects.none()
        communes = selectors.communes_of(scope.unit)
        claims = StaffClaim.objects.all()
        return claims if communes is None else claims.filter(commune_id__in=communes)

    def instances_user_has_any_permission_for(self, user, actions):
        claims = StaffClaim.objects.none()
        for action in actions:
            claims = claims | self.instances_user_has_permission_for(user, action)
        return claims

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(
            self.user_has_permission_for_instance(user, action, instance) for action in actions
        )


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: this person works for the agency they named")),
            ("decline", _("Decline: count them as a community learner")),
        ],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = StaffClaim
        fields = []

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)


class ClaimIndexView(IndexView):
    def get_base_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(
            self.request.user, "view"
        ).select_related("user", "commune")


class ClaimDecisionView(EditView):
    success_message = _("Decision saved for %(object)s.")

    def get_queryset(self):
        return self.permission_policy.instances_user_has_permission_for(self.request.user, "change")

    def get_form_class(self):
        return DecisionForm

    def save_instance(self):
        return account_services.decide_staff_claim(
            profile=self.object,
            approve=self.form.cleaned_data["decision"] == "approve",
            by=self.request.user,
        )


class StaffClaimViewSet(ModelViewSet):
    model = StaffClaim
    icon = "user"
    menu_label = _("Staff to verify")
    list_display = ["user", "audience", "agency", "commune", "created_at"]
    list_filter = ["audience"]
    search_fields = ["user__username", "agency"]
    index_view_class = ClaimIndexView
    edit_view_class = ClaimDecisionView
    copy_view_enabled = False
    form_fields = []


register_permission_policy(StaffClaim, StaffClaimPermissionPolicy(StaffClaim), exact_class=True)

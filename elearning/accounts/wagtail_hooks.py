"""The agency roster in the admin: an administrator lists the staff of an agency (phone
number and agency type); learners who sign up with a listed number are verified staff."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.model import ModelViewSet

from . import services
from .models import StaffRosterEntry


class RosterSaveMixin:
    def save_instance(self):
        services.save_roster_entry(entry=self.form.instance)
        return self.form.instance


class RosterCreateView(RosterSaveMixin, CreateView):
    pass


class RosterEditView(RosterSaveMixin, EditView):
    pass


class StaffRosterViewSet(ModelViewSet):
    model = StaffRosterEntry
    icon = "group"
    menu_label = _("Agency roster")
    add_to_admin_menu = False
    list_display = ["phone_number", "audience", "agency", "added_at"]
    list_filter = ["audience"]
    search_fields = ["phone_number", "agency"]
    form_fields = ["phone_number", "audience", "agency"]
    add_view_class = RosterCreateView
    edit_view_class = RosterEditView


@hooks.register("register_admin_viewset")
def register_staff_roster():
    return StaffRosterViewSet()

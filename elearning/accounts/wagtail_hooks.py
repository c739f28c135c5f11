"""The agency roster in the admin: an administrator lists the staff of an agency (phone
number and agency type); learners who sign up with a listed number are verified staff."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
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


# Deleting users in the admin goes through the same deletion as "delete my account": their
# learning is anonymised first, so coverage counts stay (services.delete_learner).


@hooks.register("before_delete_user")
def delete_user_as_a_learner(request, user):
    if request.method != "POST":
        return None  # the confirmation page
    services.delete_learner(user=user)
    messages.success(request, _("User '%(user)s' deleted.") % {"user": user})
    return redirect("wagtailusers_users:index")


@hooks.register("before_bulk_action")
def bulk_delete_users_as_learners(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(o, get_user_model()) for o in objects):
        return None
    for user in objects:
        services.delete_learner(user=user)
    count = len(objects)
    messages.success(
        request,
        ngettext("%(count)d user deleted.", "%(count)d users deleted.", count) % {"count": count},
    )
    return redirect("wagtailusers_users:index")

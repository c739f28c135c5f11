from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import H5PContentForm
from .models import H5PContent, H5PLibrary


class H5PContentViewSet(SnippetViewSet):
    model = H5PContent
    icon = "pick"
    menu_label = _("H5P exercises")
    add_to_admin_menu = True
    menu_order = 310
    list_filter = ["language"]
    list_display = [
        "title",
        "language",
        Column("current_version", label=_("Version"), accessor="current_version"),
        "created_at",
    ]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("language"), FieldPanel("licence"), FieldPanel("package")],
        base_form_class=H5PContentForm,
    )


register_snippet(H5PContentViewSet)


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Libraries are installed by uploading packages, never edited by hand; the listing shows
    what is installed (and puts "May install H5P libraries" on the group permission form)."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(H5PLibrary, ReadOnlyPolicy(H5PLibrary), exact_class=True)


class H5PLibraryViewSet(ModelViewSet):
    model = H5PLibrary
    icon = "code"
    menu_label = _("H5P libraries")
    add_to_settings_menu = True
    inspect_view_enabled = True
    list_display = ["machine_name", "version", "title", "installed_at", "installed_by"]
    list_filter = ["machine_name"]
    form_fields = ["title"]


h5p_library_viewset = H5PLibraryViewSet("h5p_libraries")


@hooks.register("register_admin_viewset")
def register_library_viewset():
    return h5p_library_viewset

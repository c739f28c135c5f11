from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import H5PContentForm
from .models import H5PContent


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

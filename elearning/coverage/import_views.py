"""Denominators and commune profiles imported from a CSV/XLSX file in the admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import imports


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload a CSV/XLSX file, see every bad row, import only a file without any."""

    template_name = "coverage/import.html"
    session_key = "coverage_import"
    header_icon = "upload"

    def get_page_title(self):
        return self.kind.label

    def dispatch(self, request, kind):
        self.kind = imports.KINDS.get(kind)
        if self.kind is None:
            raise Http404
        if not (
            request.user.has_perm("coverage.add_denominator")
            and request.user.has_perm("coverage.change_denominator")
            and request.user.has_perm("coverage.add_communeprofile")
        ):
            raise PermissionDenied
        return super().dispatch(request, kind)

    def render(self, **context):
        return self.render_to_response(self.get_context_data(kind=self.kind, **context))

    def get(self, request, kind):
        return self.render()

    def post(self, request, kind):
        if "confirm" in request.POST:
            pending = request.session.get(self.session_key) or {}
            if pending.get("kind") != self.kind.key or not pending.get("rows"):
                messages.error(request, _("Nothing to import: upload the file again."))
                return redirect(request.path)
            count = imports.import_rows(kind=self.kind, rows=pending["rows"])
            del request.session[self.session_key]
            messages.success(request, _("Imported %(count)s rows.") % {"count": count})
            return redirect(request.path)
        upload = request.FILES.get("file")
        if upload is None:
            return self.render(errors=[_("Choose a CSV or XLSX file.")])
        preview = imports.preview(kind=self.kind, upload=upload)
        if preview.is_valid:
            request.session[self.session_key] = {"kind": self.kind.key, "rows": preview.rows}
        else:
            request.session.pop(self.session_key, None)
        return self.render(preview=preview, errors=preview.errors)

"""The admin's "Print a poster" for a campaign: choose a commune (a province first when the
user's area spans several) and the paper size, get the PDF. Scans of the campaign's posters
in the user's area are shown beside it, small counts as "<5"."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.core.models import SiteSettings
from elearning.coverage.selectors import reader_scope
from elearning.geo.selectors import find_current_commune

from . import poster, poster_access
from .dashboard_selectors import suppress
from .models import CampaignPage, CampaignPosterScan

MAX_SCAN_ROWS = 50
MAX_CAMPAIGNS = 30


class PosterForm(forms.Form):
    commune = forms.CharField(
        label=pgettext_lazy("campaign poster", "Commune"),
        error_messages={"required": _("Choose a commune.")},
    )
    size = forms.ChoiceField(
        label=_("Paper size"),
        choices=[("a4", "A4"), ("a3", "A3")],
        initial="a4",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose A4 or A3.")},
    )

    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def clean_commune(self):
        commune = find_current_commune(code=self.cleaned_data["commune"])
        if commune is None:
            raise forms.ValidationError(
                _("There is no commune with this code. Choose one from the list.")
            )
        if self.allowed is not None and commune.pk not in self.allowed:
            raise forms.ValidationError(
                _("This commune is outside your area or outside the campaign's region.")
            )
        return commune


def _scans(campaign, allowed) -> dict:
    rows = CampaignPosterScan.objects.filter(page=campaign)
    if allowed is not None:
        rows = rows.filter(commune_id__in=allowed)
    by_commune = (
        rows.values("commune__name", "commune__province__name")
        .annotate(scans=Sum("scans"))
        .order_by("-scans", "commune__name")[:MAX_SCAN_ROWS]
    )
    shown, total = suppress(
        [(f"{r['commune__name']}, {r['commune__province__name']}", r["scans"]) for r in by_commune]
    )
    return {"scan_rows": shown, "scan_total": total}


def print_poster(request, page_id: int):
    campaign = get_object_or_404(CampaignPage, pk=page_id)
    allowed = poster_access.allowed_communes(user=request.user, campaign=campaign)
    if allowed == poster_access.NO_COMMUNES:
        raise PermissionDenied
    communes = poster_access.communes_queryset(allowed)
    provinces = sorted(
        {(c.province.code, c.province.name) for c in communes.only("province")}, key=lambda p: p[1]
    )
    province = request.GET.get("province") or request.POST.get("province", "")
    if len(provinces) == 1:
        province = provinces[0][0]
    form = PosterForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and not campaign.live:
        form.add_error(
            None, _("Publish the campaign first: the poster's QR code leads to its page.")
        )
    if request.method == "POST" and form.is_valid():
        commune, size = form.cleaned_data["commune"], form.cleaned_data["size"]
        pdf = poster.render_campaign_poster(
            campaign=campaign,
            commune=commune,
            hotline=SiteSettings.for_site(campaign.get_site()),
            size=size,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="ap-phich-{campaign.slug}-{commune.code}-{size}.pdf"'
        )
        return response
    context = {
        "campaign": campaign,
        "page_title": _("Print a poster"),
        "page_subtitle": campaign.title,
        "header_icon": "doc-full",
        "form": form,
        "provinces": provinces if len(provinces) > 1 else [],
        "province": province,
        "communes": communes.filter(province__code=province) if province else [],
        **_scans(campaign, allowed),
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "campaigns/poster_form.html", context, status=status)


def campaign_list(request):
    """The live campaigns this user may print posters of (officers reach them from here)."""
    campaigns = [
        campaign
        for campaign in CampaignPage.objects.live().order_by("-year", "title")[:MAX_CAMPAIGNS]
        if poster_access.may_print(user=request.user, campaign=campaign)
    ]
    if not campaigns and reader_scope(user=request.user) is None:
        raise PermissionDenied
    context = {
        "page_title": _("Campaign posters"),
        "header_icon": "doc-full",
        "campaigns": campaigns,
    }
    return TemplateResponse(request, "campaigns/poster_list.html", context)

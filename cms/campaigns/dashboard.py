"""The editors' dashboard on the Wagtail admin home: four panels an editor or moderator reads
before 30/7. Report readers (who edit no page) see none of them."""

from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import dashboard_selectors as selectors

# Wagtail's own workflow panels, replaced by one bounded review panel (theirs load every
# waiting item and ask each one for its actions).
REPLACED_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


class CampaignCountdownPanel(Component):
    name = "campaign_countdown"
    template_name = "campaigns/dashboard/countdown.html"
    order = 50

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        event = selectors.next_event_date(today)
        campaign, checks = selectors.campaign_checklist(year=event.year, event=event)
        return {
            "event": event,
            "days": (event - today).days,
            "campaign": campaign,
            "checks": checks,
            "missing": sum(1 for check in checks if not check.done),
        }


class ReviewPanel(Component):
    name = "campaign_review"
    template_name = "campaigns/dashboard/review.html"
    order = 210

    def get_context_data(self, parent_context):
        return selectors.awaiting_review(user=parent_context["request"].user)


class ScheduledPanel(Component):
    name = "campaign_scheduled"
    template_name = "campaigns/dashboard/scheduled.html"
    order = 230

    def get_context_data(self, parent_context):
        return selectors.scheduled_publications()


class ReachPanel(Component):
    name = "campaign_reach"
    template_name = "campaigns/dashboard/reach.html"
    order = 240

    def get_context_data(self, parent_context):
        since = selectors.season_start(selectors.next_event_date(timezone.localdate()))
        return {"since": since, **selectors.campaign_reach(since=since)}


def edits_pages(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def add_dashboard_panels(request, panels: list) -> None:
    if not edits_pages(request.user):
        return
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in REPLACED_PANELS]
    panels += [CampaignCountdownPanel(), ReviewPanel(), ScheduledPanel(), ReachPanel()]

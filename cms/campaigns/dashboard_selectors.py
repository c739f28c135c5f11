"""What the editors' dashboard shows: the days to 30/7, what the year's campaign still lacks,
what waits for review, what is scheduled, and the campaign's reach so far. Every list is cut
to a few rows and counted beside, so the home page costs the same few queries however much
content the site holds."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Revision, TaskState, WorkflowState

from elearning.coverage.choices import SUPPRESS_BELOW
from elearning.dissemination.models import ReadReceipt

from .models import (
    EVENT_DAY,
    EVENT_MONTH,
    CampaignIndexPage,
    CampaignPage,
    CampaignPageView,
    CampaignPosterScan,
    Slogan,
)

LIST_LIMIT = 6
SUPPRESSED = "<5"


def next_event_date(today: datetime.date) -> datetime.date:
    """30/7 of this year, or of next year once this year's has passed."""
    event = datetime.date(today.year, EVENT_MONTH, EVENT_DAY)
    return event if event >= today else event.replace(year=today.year + 1)


@dataclass(frozen=True)
class Check:
    label: str
    done: bool
    url: str = ""


def campaign_checklist(*, year: int, event: datetime.date) -> tuple[CampaignPage | None, list]:
    """The year's nationwide Vietnamese campaign page and what it still lacks."""
    vi = Locale.objects.get(language_code="vi")
    campaign = (
        CampaignPage.objects.filter(year=year, locale=vi, region__isnull=True)
        .select_related("latest_revision")
        .order_by("-live", "pk")
        .first()
    )
    if campaign is None:
        index = CampaignIndexPage.objects.filter(locale=vi).first()
        add_url = ""
        if index is not None:
            add_url = reverse(
                "wagtailadmin_pages:add", args=["campaigns", "campaignpage", index.pk]
            )
        return None, [Check(_("A campaign page for %(year)s") % {"year": year}, False, add_url)]
    edit_url = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    # The editor's latest version, which is what goes live when it is approved.
    draft = campaign.get_latest_revision_as_object()
    slogan_ids = [link.slogan_id for link in draft.campaign_slogans.all()]
    has_live_slogan = Slogan.objects.filter(pk__in=slogan_ids, live=True).exists()
    blocks = {block.block_type for block in draft.body}
    go_live = draft.go_live_at
    scheduled = (
        campaign.live
        or Revision.objects.filter(
            base_content_type_id=campaign.content_type_id,
            object_id=str(campaign.pk),
            approved_go_live_at__isnull=False,
        ).exists()
    )
    translated = campaign.get_translations().exists()
    in_time = campaign.live or (go_live is not None and timezone.localdate(go_live) <= event)
    checks = [
        Check(_("A campaign page for %(year)s") % {"year": year}, True, edit_url),
        Check(_("At least one published slogan"), has_live_slogan, edit_url),
        Check(_("An article (a paragraph in the body)"), "paragraph" in blocks, edit_url),
        Check(_('A "Share this slogan" card'), "share_slogan" in blocks, edit_url),
        Check(_("An English version"), translated, edit_url),
        Check(_("Published, or scheduled and approved"), scheduled, edit_url),
        Check(_("Goes live by 30/7"), in_time, edit_url),
    ]
    return campaign, checks


@dataclass(frozen=True)
class Action:
    """One of Wagtail's workflow actions on a task ("Duyệt", "Yêu cầu chỉnh sửa"): its URL is
    Wagtail's own workflow action view; `modal` when it asks for a comment first."""

    url: str
    label: str
    modal: bool


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    when: datetime.datetime | None
    detail: str = ""
    actions: tuple[Action, ...] = ()


def _objects(pairs) -> dict:
    """(content type id, object id) pairs -> their objects, one query per model."""
    wanted: dict[int, set] = {}
    for content_type_id, object_id in pairs:
        wanted.setdefault(content_type_id, set()).add(object_id)
    found = {}
    for content_type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if issubclass(model, Page):
            model = Page  # the title and id are all the list needs
        for obj in model._default_manager.filter(pk__in=ids):
            found[(content_type_id, str(obj.pk))] = obj
    return found


def _edit_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    viewset = getattr(obj, "snippet_viewset", None)
    return reverse(viewset.get_url_name("edit"), args=[obj.pk]) if viewset else ""


def _title(obj) -> str:
    if isinstance(obj, Page):
        return obj.get_admin_display_title()
    return str(obj)


def _workflow_actions(obj, task_state, task, user) -> tuple[Action, ...]:
    """The actions Wagtail's task offers this user on the object, pointed at Wagtail's
    workflow action view (the same as its own dashboard panel's)."""
    if isinstance(obj, Page):
        url_name = "wagtailadmin_pages:workflow_action"
    elif viewset := getattr(obj, "snippet_viewset", None):
        url_name = viewset.get_url_name("workflow_action")
    else:
        return ()
    return tuple(
        Action(reverse(url_name, args=[quote(obj.pk), name, task_state.pk]), label, modal)
        for name, label, modal in task.get_actions(obj, user)
    )


def awaiting_review(*, user, limit: int = LIST_LIMIT) -> dict:
    """What waits for this user's review (with the actions they may take there and then), and
    what this user sent for review."""
    to_review = TaskState.objects.reviewable_by(user).select_related("revision", "task")
    to_review_rows = list(to_review.order_by("-started_at")[:limit])
    tasks = {}  # the specific task (GroupApprovalTask) once per task, not once per row
    for state in to_review_rows:
        tasks.setdefault(state.task_id, state.task.specific)
    sent = WorkflowState.objects.active().filter(requested_by=user)
    sent = sent.select_related("current_task_state__task")
    sent_rows = list(sent.order_by("-created_at")[:limit])
    objects = _objects(
        [(s.revision.base_content_type_id, s.revision.object_id) for s in to_review_rows]
        + [(s.base_content_type_id, s.object_id) for s in sent_rows]
    )

    def item(key, when, detail, state=None):
        obj = objects.get(key)
        if not obj:
            return None
        actions = _workflow_actions(obj, state, tasks[state.task_id], user) if state else ()
        return Item(_title(obj), _edit_url(obj), when, detail, actions)

    for_me = [
        item(
            (s.revision.base_content_type_id, s.revision.object_id),
            s.started_at,
            s.task.name,
            state=s,
        )
        for s in to_review_rows
    ]
    mine = [
        item(
            (s.base_content_type_id, s.object_id),
            s.current_task_state.started_at if s.current_task_state else s.created_at,
            s.current_task_state.task.name if s.current_task_state else "",
        )
        for s in sent_rows
    ]
    return {
        "for_me": [i for i in for_me if i],
        "for_me_count": to_review.count() if len(to_review_rows) == limit else len(for_me),
        "mine": [i for i in mine if i],
        "mine_count": sent.count() if len(sent_rows) == limit else len(mine),
    }


def scheduled_publications(*, limit: int = LIST_LIMIT) -> dict:
    """Approved versions waiting for their publication time, soonest first."""
    revisions = Revision.objects.filter(approved_go_live_at__isnull=False)
    rows = list(revisions.order_by("approved_go_live_at")[:limit])
    objects = _objects([(r.base_content_type_id, r.object_id) for r in rows])
    items = []
    for revision in rows:
        obj = objects.get((revision.base_content_type_id, revision.object_id))
        if obj is not None:
            items.append(Item(_title(obj), _edit_url(obj), revision.approved_go_live_at))
    count = revisions.count() if len(rows) == limit else len(items)
    return {"items": items, "count": count}


def suppress(rows: list[tuple[str, int]]) -> tuple[list[tuple[str, object]], object]:
    """Rows with their total, counts under 5 shown as "<5". When one row is hidden and the
    total is shown, the next smallest is hidden too, so no hidden count is the total minus
    the rest."""
    total = sum(count for _label, count in rows)
    hidden = {i for i, (_label, count) in enumerate(rows) if 0 < count < SUPPRESS_BELOW}
    if len(hidden) == 1 and len(rows) > 1:
        visible = [i for i in range(len(rows)) if i not in hidden]
        hidden.add(min(visible, key=lambda i: rows[i][1]))
    shown = [(label, SUPPRESSED if i in hidden else count) for i, (label, count) in enumerate(rows)]
    return shown, SUPPRESSED if 0 < total < SUPPRESS_BELOW else total


def season_start(event: datetime.date) -> datetime.date:
    """The campaign season leading to 30/7 starts the day after the previous 30/7."""
    return event.replace(year=event.year - 1) + datetime.timedelta(days=1)


def campaign_reach(*, since: datetime.date) -> dict:
    """Since `since`: views of the campaign pages by language, and "đã đọc" of legal
    documents by province. Aggregates only, small counts hidden."""
    views = (
        CampaignPageView.objects.filter(day__gte=since, page__in=CampaignPage.objects.values("pk"))
        .values("page__locale__language_code")
        .annotate(views=Sum("views"))
        .order_by("page__locale__language_code")
    )
    languages = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    view_rows = [
        (str(languages.get(row["page__locale__language_code"], "")), row["views"]) for row in views
    ]
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    reads = (
        ReadReceipt.objects.filter(read_at__gte=start, commune__isnull=False)
        .values("commune__parent__name")
        .annotate(people=Count("pk"))
        .order_by("-people", "commune__parent__name")
    )
    read_rows = [(row["commune__parent__name"] or "—", row["people"]) for row in reads]
    views_shown, views_total = suppress(view_rows)
    reads_shown, reads_total = suppress(read_rows)
    return {
        "poster_scans": poster_scans_by_commune(since=since),
        "views": views_shown,
        "views_total": views_total,
        "reads": reads_shown,
        "reads_total": reads_total,
    }


def poster_scans_by_commune(*, since: datetime.date, limit: int = 10) -> list:
    """Scans of campaign posters since `since`, the communes with the most first, small
    counts "<5". No total is shown beside them, so a hidden count cannot be subtracted out."""
    scans = (
        CampaignPosterScan.objects.filter(day__gte=since)
        .values("commune__name", "commune__province__name")
        .annotate(scans=Sum("scans"))
        .order_by("-scans", "commune__name")[:limit]
    )
    return [
        (
            f"{r['commune__name']}, {r['commune__province__name']}",
            SUPPRESSED if 0 < r["scans"] < SUPPRESS_BELOW else r["scans"],
        )
        for r in scans
    ]

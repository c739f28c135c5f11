"""The editorial roles and the review workflow, as an idempotent service: editors ("Biên tập
viên") write and submit, moderators ("Kiểm duyệt") approve or reject with a comment and may
publish; editors publish nothing without the review. Pages and slogans share the workflow."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowTask,
)

from .models import Slogan

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt"
WORKFLOW = "Duyệt trước khi đăng"
REVIEW_TASK = "Kiểm duyệt nội dung"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    EDITORS: ["add_image", "choose_image", "add_document", "choose_document"],
    MODERATORS: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
}
# Upload H5P exercises that use installed libraries; installing libraries (JavaScript) is a
# separate permission ("h5p.install_h5plibrary") neither group has.
H5P_CONTENT = [("h5p", "add_h5pcontent"), ("h5p", "change_h5pcontent"), ("h5p", "view_h5pcontent")]
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("campaigns", "add_slogan"),
        ("campaigns", "change_slogan"),
        ("simple_translation", "submit_translation"),
        *H5P_CONTENT,
    ],
    MODERATORS: [
        ("wagtailadmin", "access_admin"),
        ("campaigns", "add_slogan"),
        ("campaigns", "change_slogan"),
        ("campaigns", "delete_slogan"),
        # Publishing a slogan (and so confirming it) is the moderator's decision.
        ("campaigns", "publish_slogan"),
        ("campaigns", "lock_slogan"),
        ("campaigns", "unlock_slogan"),
        ("simple_translation", "submit_translation"),
        *H5P_CONTENT,
    ],
}


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_editorial_workflow(*, pages: list[Page]) -> Workflow:
    """Create (or complete) the two groups and the review workflow, and put `pages` and
    everything under them under the workflow."""
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    root_collection = Collection.get_first_root_node()
    if root_collection is None:  # a flushed database (Wagtail's migration made the first one)
        root_collection = Collection.add_root(name="Root")
    for name, group in groups.items():
        group.permissions.add(*(_permission(*pair) for pair in MODEL_PERMISSIONS[name]))
        for codename in COLLECTION_PERMISSIONS[name]:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(app_label, codename),
            )
        for page in pages:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=_permission("wagtailcore", codename)
                )

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(groups[MODERATORS])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    # Slogans show on the home page: they are reviewed like pages.
    WorkflowContentType.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(Slogan), defaults={"workflow": workflow}
    )
    return workflow


def add_to_group(*, user, group_name: str) -> None:
    user.groups.add(Group.objects.get(name=group_name))

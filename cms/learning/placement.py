"""Where a learner's result counts, decided once for native quizzes and H5P exercises: the
page and course in the default language (so English learners' results show in their
outline and per-course figures do not split by language), the course's audience, and the
pass mark (the quiz's own, else its course's)."""

from dataclasses import dataclass

from wagtail.models import Page

from cms.core import content_cache
from cms.core.locales import default_locale_id
from elearning.progress.pass_mark import DEFAULT_PASS_MARK


def canonical(page: Page) -> Page:
    """The page progress is recorded against: its version in the default language (the
    page itself when it has none). Progress made in English counts in Vietnamese too."""
    if not hasattr(page, "_canonical_page"):
        default_id = default_locale_id()
        if page.locale_id == default_id:
            page._canonical_page = page
        else:
            page._canonical_page = (
                Page.objects.filter(
                    translation_key=page.translation_key, locale_id=default_id
                ).first()
                or page
            )
    return page._canonical_page


def canonical_id(page: Page) -> int:
    """canonical(page).pk, kept in the content cache for a translated page (read on every
    view of an English lesson, quiz or course)."""
    if page.pk is None or page.locale_id == default_locale_id():
        return canonical(page).pk
    return content_cache.get_or_build(("canonical-id", page.pk), lambda: canonical(page).pk)


def canonical_ids(pages) -> dict[int, int]:
    """{page id: canonical page id} for many pages in two queries."""
    default_id = default_locale_id()
    ids = {page.pk: page.pk for page in pages if page.locale_id == default_id}
    others = {page.translation_key: page.pk for page in pages if page.pk not in ids}
    if others:
        rows = Page.objects.filter(translation_key__in=others, locale_id=default_id).values_list(
            "translation_key", "pk"
        )
        found = dict(rows)
        ids.update({pk: found.get(key, pk) for key, pk in others.items()})
    return ids


@dataclass(frozen=True)
class Placement:
    content_id: int
    course_id: int | None
    audience: str
    pass_mark: int


def placement_of(page, *, course=None, audience: str = "community") -> Placement:
    """`page` is a quiz or lesson (its course is found), or any other page showing an
    exercise, with the `course` and `audience` around it when there are any."""
    course = getattr(page, "course", None) or course
    audience = getattr(course, "audience", None) or audience
    pass_mark = getattr(page, "effective_pass_mark", None)
    if pass_mark is None:
        pass_mark = getattr(course, "pass_mark", None) or DEFAULT_PASS_MARK
    return Placement(
        content_id=canonical_id(page),
        course_id=canonical_id(course) if course is not None else None,
        audience=audience,
        pass_mark=pass_mark,
    )

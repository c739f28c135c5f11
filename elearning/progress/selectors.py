"""Reads of learners' progress. Content is identified by Wagtail page ids."""

from collections.abc import Iterable

from elearning.accounts.choices import Audience

from .choices import ContentAudience, Grading
from .models import Attempt, Certificate, ContentProgress


def may_take(*, context, content_audience: str) -> bool:
    """The rule for who may record progress on content. Community content: everyone with a
    learner context, guests included. Staff content (courses on the law for prosecution
    agencies): only signed-in learners whose audience is a staff audience; a community learner
    may read the pages but their attempts and completions are refused, so that the "staff
    trained" figures count staff only."""
    if context is None:
        return False
    if content_audience == ContentAudience.STAFF:
        return not context.is_guest and context.audience in Audience.staff()
    return True


def progress_by_content(*, context, content_ids: Iterable[int]) -> dict[int, ContentProgress]:
    if context is None:
        return {}
    rows = ContentProgress.objects.for_context(context).filter(content_id__in=list(content_ids))
    return {row.content_id: row for row in rows}


def attempts_for(*, context, content_id: int):
    if context is None:
        return Attempt.objects.none()
    return Attempt.objects.for_context(context).filter(content_id=content_id)


def attempt_count(*, context, content_id: int) -> int:
    return attempts_for(context=context, content_id=content_id).count()


def attempt_for_learner(*, context, attempt_id: int) -> Attempt | None:
    """An attempt of this learner (never someone else's), for showing its result."""
    if context is None:
        return None
    return Attempt.objects.for_context(context).filter(pk=attempt_id).first()


def trusted_passes(*, user_id: int, content_ids: Iterable[int]) -> dict[int, float]:
    """Best scaled score of each content this user passed with a trusted grading (server or
    verified H5P): what a certificate may rest on. Browser-reported H5P results never count."""
    best: dict[int, float] = {}
    rows = Attempt.objects.filter(
        learner_id=user_id,
        content_id__in=list(content_ids),
        passed=True,
        grading__in=Grading.trusted(),
    ).values_list("content_id", "score", "max_score")
    for content_id, score, max_score in rows:
        scaled = score / max_score if max_score else 0.0
        best[content_id] = max(best.get(content_id, 0.0), scaled)
    return best


def certificate_for(*, user_id: int, course_id: int) -> Certificate | None:
    """The learner's current certificate of the course (not one it replaced)."""
    return Certificate.objects.current().filter(learner_id=user_id, course_id=course_id).first()


def normalise_code(code: str) -> str:
    """A code as typed or read aloud: "abcd-efgh 23", "ABCD EFGH23" -> "ABCDEFGH23"."""
    return "".join(ch for ch in (code or "") if ch.isalnum()).upper()


def certificate_by_code(*, code: str) -> Certificate | None:
    code = normalise_code(code)
    if not code:
        return None
    return (
        Certificate.objects.select_related("commune", "replaced_by")
        .filter(verification_code=code)
        .first()
    )


def progress_in_courses(*, context) -> dict[int, ContentProgress]:
    """The learner's progress rows in any course, by content id (each names its course)."""
    if context is None:
        return {}
    rows = ContentProgress.objects.for_context(context).exclude(course=None)
    return {row.content_id: row for row in rows}


def mean_best_score(*, context, content_ids: Iterable[int]) -> int | None:
    """The mean of the best scores (0..100) of the scored content among these, or None."""
    scores = [
        row.best_score
        for row in progress_by_content(context=context, content_ids=content_ids).values()
        if row.best_score is not None
    ]
    return round(100 * sum(scores) / len(scores)) if scores else None


def certificates_of(*, user_id: int):
    """The learner's current certificates (the ones they replaced are on the verification
    pages of their successors)."""
    return Certificate.objects.current().filter(learner_id=user_id).order_by("-issued_at")

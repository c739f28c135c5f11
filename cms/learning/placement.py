"""Where a learner's result counts, decided once for native quizzes and H5P exercises: the
page and course in the default language (so English learners' results show in their
outline and per-course figures do not split by language), the course's audience, and the
pass mark (the quiz's own, else its course's)."""

from dataclasses import dataclass

from elearning.progress.pass_mark import DEFAULT_PASS_MARK

from .selectors import canonical


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
        content_id=canonical(page).pk,
        course_id=canonical(course).pk if course is not None else None,
        audience=audience,
        pass_mark=pass_mark,
    )

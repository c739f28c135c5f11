"""Reads for course, lesson and quiz pages: outlines with the learner's progress, the next
step, what a quiz form may show."""

from dataclasses import dataclass

from django.utils.translation import get_language
from wagtail.models import Page

from cms.core import content_cache
from cms.core.locales import active_locale
from elearning.accounts.choices import Audience
from elearning.accounts.selectors import certificate_details
from elearning.progress import selectors as progress
from elearning.progress.choices import ContentAudience

from . import grading
from .placement import canonical_id, canonical_ids, placement_of


def may_take(*, course, context) -> bool:
    return progress.may_take(context=context, content_audience=course.audience)


@dataclass(frozen=True)
class QuizForGrading:
    """All that grading and recording a submission needs of a live, public quiz: kept in the
    content cache between publications, so that a submission neither loads pages nor parses
    the quiz's StreamField (hundreds of submissions a second arrive on 30 July)."""

    page_id: int
    url: str
    content_id: int  # the quiz in the default language: progress is recorded against it
    course_id: int  # likewise for its course
    course_page_id: int
    audience: str
    gives_certificate: bool
    pass_mark: int
    attempt_limit: int | None
    answer_key: tuple[grading.KeyedQuestion, ...]


# Part of the cache key: bump it when QuizForGrading changes shape, so that a deploy never
# reads the previous release's pickles.
QUIZ_FOR_GRADING_VERSION = 2  # 2: KeyedQuestion moved to elearning.progress.quiz_grading


def quiz_for_grading(*, quiz_pages, quiz_id: int) -> QuizForGrading | None:
    """The quiz a form was posted to, or None when it is not live or has view restrictions.
    The caller passes the quiz pages (a queryset of the quiz page class)."""
    return content_cache.get_or_build(
        ("quiz-for-grading", QUIZ_FOR_GRADING_VERSION, quiz_id, get_language()),
        lambda: _quiz_for_grading(quiz_pages=quiz_pages, quiz_id=quiz_id),
    )


def _quiz_for_grading(*, quiz_pages, quiz_id: int) -> QuizForGrading | None:
    quiz = quiz_pages.live().public().filter(pk=quiz_id).first()
    if quiz is None:
        return None

    course = quiz.course
    placement = placement_of(quiz)
    return QuizForGrading(
        page_id=quiz.pk,
        url=quiz.url,
        content_id=placement.content_id,
        course_id=placement.course_id,
        course_page_id=course.pk,
        audience=placement.audience,
        gives_certificate=course.gives_certificate,
        pass_mark=placement.pass_mark,
        attempt_limit=quiz.attempt_limit,
        answer_key=tuple(grading.answer_key(quiz.questions)),
    )


def progress_of(*, page, context):
    content_id = canonical_id(page)
    return progress.progress_by_content(context=context, content_ids=[content_id]).get(content_id)


@dataclass
class OutlineItem:
    page: Page
    is_quiz: bool
    progress: object  # ContentProgress | None

    @property
    def is_complete(self) -> bool:
        return self.progress is not None and self.progress.is_complete

    @property
    def is_started(self) -> bool:
        return self.progress is not None


@dataclass
class CourseOutline:
    items: list[OutlineItem]
    next_item: OutlineItem | None  # "continue where you left off"

    @property
    def completed(self) -> int:
        return sum(item.is_complete for item in self.items)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / len(self.items)) if self.items else 0

    @property
    def is_started(self) -> bool:
        return any(item.is_started for item in self.items)

    @property
    def is_complete(self) -> bool:
        return bool(self.items) and self.completed == len(self.items)


def course_items(*, course) -> tuple[Page, ...]:
    """The live lessons and quizzes of a course, in the order of the page tree, without their
    bodies (course.steps()); kept in the content cache with their canonical ids."""
    return _course_steps(course)[0]


def _course_steps(course) -> tuple[tuple[Page, ...], dict[int, int]]:
    def build():
        pages = tuple(course.steps())
        return pages, canonical_ids(pages)

    return content_cache.get_or_build(("course-steps", course.pk), build)


def course_outline(*, course, context, rows=None) -> CourseOutline:
    """`rows`: the learner's progress rows by content id, when the caller read them for
    several courses at once (course_cards)."""
    pages, ids = _course_steps(course)
    if rows is None:
        rows = progress.progress_by_content(context=context, content_ids=ids.values())
    items = [
        OutlineItem(
            page=page, is_quiz=getattr(page, "is_quiz", False), progress=rows.get(ids[page.pk])
        )
        for page in pages
    ]
    # The first step not yet complete, after the last one the learner touched.
    next_item = next((item for item in items if not item.is_complete), None)
    return CourseOutline(items=items, next_item=next_item)


def course_cards(*, courses, context, rows=None) -> list[tuple]:
    """(course, outline) pairs for course lists (home page, course index): the learner's
    progress in all of them read at once (or given: `rows` by content id)."""
    courses = list(courses)
    if rows is None:
        content_ids = [pk for course in courses for pk in _course_steps(course)[1].values()]
        rows = progress.progress_by_content(context=context, content_ids=content_ids)
    return [
        (course, course_outline(course=course, context=context, rows=rows)) for course in courses
    ]


def learners_course_audience(context) -> str:
    """The kind of course a learner is here for: staff courses for signed-in staff, community
    courses for everyone else (guests included)."""
    if context is not None and not context.is_guest and context.audience in Audience.staff():
        return ContentAudience.STAFF
    return ContentAudience.COMMUNITY


def courses_for_home(*, course_pages, locale, context=None) -> list:
    """The courses in this language, those for the learner's audience first (course_pages: a
    queryset of the course page class)."""
    courses = content_cache.get_or_build(
        ("courses", locale.pk),
        lambda: tuple(course_pages.live().filter(locale=locale).order_by("path")),
    )
    mine = learners_course_audience(context)
    return sorted(courses, key=lambda course: course.audience != mine)


def next_course_for(*, course, context):
    """What to learn after this course: the first other course in its language for the
    learner's audience that they have not completed (any other course when none is left)."""
    candidates = [
        other
        for other in courses_for_home(
            course_pages=type(course).objects.all(), locale=course.locale, context=context
        )
        if other.pk != course.pk
        and (
            other.audience == ContentAudience.COMMUNITY
            or progress.may_take(context=context, content_audience=other.audience)
        )
    ]
    for other in candidates:
        if not course_outline(course=other, context=context).is_complete:
            return other
    return candidates[0] if candidates else None


def course_score(*, outline: "CourseOutline", context) -> int | None:
    """The mean of the learner's best quiz scores in the course (0..100), None without quizzes."""
    quiz_ids = canonical_ids([item.page for item in outline.items if item.is_quiz]).values()
    return progress.mean_best_score(context=context, content_ids=quiz_ids)


def in_active_language(pages: list) -> list:
    """Each page in the active language when it has a live translation, else as it is (of
    the same class as the pages given)."""
    locale = active_locale()
    keys = [page.translation_key for page in pages if page.locale_id != locale.pk]
    if not keys:
        return pages
    model = type(pages[0])
    translated = {
        page.translation_key: page
        for page in model.objects.live().filter(translation_key__in=keys, locale=locale)
    }
    return [translated.get(page.translation_key, page) for page in pages]


@dataclass
class MyLearning:
    in_progress: list  # (course, outline)
    completed: list  # (course, outline)
    certificates: list
    documents_read: list
    # Codes of certificates printed with other details than the learner's present ones.
    reissuable: frozenset = frozenset()


def my_learning(*, course_pages, context, user) -> MyLearning:
    """What a learner (or a guest on this phone) has learned: courses begun and finished,
    certificates, legal documents confirmed as read (course_pages: a queryset of the course
    page class)."""
    from elearning.dissemination.selectors import documents_read

    rows = progress.progress_in_courses(context=context)
    course_ids = {row.course_id for row in rows.values()}
    courses = in_active_language(list(course_pages.live().filter(pk__in=course_ids)))
    cards = course_cards(
        courses=sorted(courses, key=lambda page: page.path), context=context, rows=rows
    )
    document_ids = documents_read(
        user_id=context.user_id if context else None,
        visitor_key=context.visitor_key if context else None,
    )
    documents = {page.pk: page for page in Page.objects.live().filter(pk__in=document_ids)}
    certificates = list(progress.certificates_of(user_id=user.pk)) if user.is_authenticated else []
    return MyLearning(
        in_progress=[card for card in cards if not card[1].is_complete],
        completed=[card for card in cards if card[1].is_complete],
        certificates=certificates,
        documents_read=in_active_language(
            [documents[pk] for pk in document_ids if pk in documents]
        ),
        reissuable=_reissuable(certificates=certificates, user=user),
    )


def _reissuable(*, certificates, user) -> frozenset:
    if not certificates:
        return frozenset()
    details = certificate_details(user_id=user.pk)
    now = (details["full_name"], details["agency"], details["department"])
    return frozenset(
        certificate.verification_code
        for certificate in certificates
        if now[0] and (certificate.learner_name, certificate.agency, certificate.department) != now
    )


def course_index(*, index_pages):
    """The course index in the active language (index_pages: its page class's queryset)."""
    locale = active_locale()
    return content_cache.get_or_build(
        ("course-index", locale.pk), lambda: index_pages.live().filter(locale=locale).first()
    )


def course_index_url(*, index_pages) -> str | None:
    index = course_index(index_pages=index_pages)
    return index.url if index else None


def next_in_course(*, page):
    """The step after this one in its course (without its body: title and URL)."""
    return next((step for step in course_items(course=page.course) if step.path > page.path), None)


def quiz_ids_of(*, course) -> list[int]:
    return list(canonical_ids(list(course.quiz_pages().live())).values())


def public_questions(*, quiz) -> list[grading.PublicQuestion]:
    return grading.public_questions(quiz.questions, shuffle=quiz.shuffle_options)


def attempt_to_review(*, quiz, context, request):
    """The learner's own attempt named in ?attempt=, to show its result."""
    raw = request.GET.get("attempt", "")
    if not raw.isdigit():
        return None
    attempt = progress.attempt_for_learner(context=context, attempt_id=int(raw))
    if attempt is None or attempt.content_id != canonical_id(quiz):
        return None
    return attempt


def review(*, quiz, attempt) -> list[dict]:
    return grading.review(quiz.questions, attempt.answers)


def attempts_left(*, quiz, context) -> int | None:
    if quiz.attempt_limit is None:
        return None
    used = progress.attempt_count(context=context, content_id=canonical_id(quiz))
    return max(0, quiz.attempt_limit - used)

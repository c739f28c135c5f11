"""Courses, lessons and quizzes as Wagtail pages: CourseIndexPage > CoursePage >
LessonPage | QuizPage, in the order editors arrange them in the page tree.

Pages only read the request and call cms.learning.services / selectors; progress is kept
by elearning.progress against the page in the default language, so a learner who switches
language keeps their progress."""

import copy

from django.contrib import messages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.core import content_cache
from cms.core.models import SitePage
from cms.core.search import SEARCH_WORDS, SiteSearchable, streamfield_text
from elearning.accounts.selectors import learner_context
from elearning.progress.choices import ContentAudience
from elearning.progress.exceptions import ProgressError
from elearning.progress.pass_mark import DEFAULT_PASS_MARK

from . import offline, selectors, services, submission
from .blocks import LessonBodyBlock, QuizQuestionsBlock

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class CourseIndexPage(SitePage):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    show_in_menus_default = True  # the header menu lists it
    subpage_types = ["learning.CoursePage"]
    max_count_per_parent = 1
    template = "learning/course_index_page.html"

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The live courses, the same for everyone until the next publication.
        courses = content_cache.get_or_build_in_process(
            ("course-index-courses", self.pk),
            lambda: tuple(CoursePage.objects.child_of(self).live().order_by("path")),
        )
        context["courses"] = selectors.course_cards(
            courses=courses, context=learner_context(request)
        )
        return context


class CoursePage(SiteSearchable, SitePage):
    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=ContentAudience.choices,
        default=ContentAudience.COMMUNITY,
        help_text=_("Staff courses can be taken only by signed-in staff of prosecution agencies."),
    )
    summary = models.TextField(_("summary"), help_text=_("Two or three sentences."))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=15)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=DEFAULT_PASS_MARK,
        validators=PERCENT,
        help_text=_("Used by the course's quizzes that do not set their own."),
    )
    gives_certificate = models.BooleanField(
        _("gives a certificate"),
        default=False,
        help_text=_("Staff who pass every quiz of the course get a PDF certificate."),
    )
    needs_review = models.BooleanField(
        _("needs editor review"),
        default=False,
        help_text=_("Some statements still need checking against the source documents."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary"), SEARCH_WORDS]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audience"),
                FieldPanel("estimated_minutes"),
                FieldPanel("pass_mark"),
                FieldPanel("gives_certificate"),
                FieldPanel("needs_review"),
            ],
            heading=_("Course"),
        ),
    ]
    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = ["learning.LessonPage", "learning.QuizPage"]
    template = "learning/course_page.html"

    class Meta:
        verbose_name = _("course")

    def steps(self) -> list:
        """The live lessons and quizzes in tree order, without their bodies (for outlines and
        "next"; the content cache keeps them, see selectors.course_items)."""
        lessons = LessonPage.objects.child_of(self).live().defer("body")
        quizzes = QuizPage.objects.child_of(self).live().defer("questions")
        return sorted([*lessons, *quizzes], key=lambda page: page.path)

    def search_texts(self) -> list[str]:
        return [self.title, self.summary]

    def search_snippet(self) -> str:
        return self.summary

    def quiz_pages(self):
        """The course's quizzes, for selectors that must not import the page classes."""
        return QuizPage.objects.child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner = learner_context(request)
        context["outline"] = selectors.course_outline(course=self, context=learner)
        context["certificate"] = services.award_certificate_if_earned(
            course=self, context=learner, user=request.user
        )
        context["may_take"] = selectors.may_take(course=self, context=learner)
        context["learner"] = learner
        context["needs_certificate_details"] = context[
            "certificate"
        ] is None and services.needs_certificate_details(
            course=self, context=learner, user=request.user
        )
        return context


class CourseContentPage(SitePage):
    """What lessons and quizzes share: they live in a course and take its audience."""

    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), default=5)

    parent_page_types = ["learning.CoursePage"]
    subpage_types = []
    is_quiz = False  # read by the course outline

    class Meta:
        abstract = True

    @cached_property
    def course(self) -> CoursePage:
        # From the content cache (a query for the specific parent otherwise); a copy, as
        # callers may mark it (placement.canonical).
        if self.pk is None:  # a new page's preview
            return self._read_course()
        return copy.copy(content_cache.get_or_build(("course-of", self.pk), self._read_course))

    def _read_course(self) -> CoursePage:
        return CoursePage.objects.parent_of(self).first() or self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        learner = learner_context(request)
        context.update(
            course=course,
            learner=learner,
            may_take=selectors.may_take(course=course, context=learner),
            progress=selectors.progress_of(page=self, context=learner),
            next_page=selectors.next_in_course(page=self),
        )
        return context


class LessonPage(SiteSearchable, CourseContentPage):
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        SEARCH_WORDS,
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("estimated_minutes"),
    ]
    template = "learning/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")

    def search_texts(self) -> list[str]:
        return [self.title, self.intro, *streamfield_text(self, "body")]

    def search_snippet(self) -> str:
        return self.intro

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            # "I have finished this lesson": a plain form, works without JavaScript.
            try:
                services.finish_lesson(lesson=self, context=learner_context(request))
            except ProgressError as refused:
                messages.error(request, refused.message)
                return redirect(self.url)
            messages.success(request, _("Lesson completed. Well done!"))
            following = selectors.next_in_course(page=self)
            if following is not None:
                return redirect(following.url)
            # The last step: the course-complete page (or the course, while steps remain).
            return redirect("learning:course_complete", course_id=self.course.pk)
        return super().serve(request, *args, **kwargs)


class QuizPage(CourseContentPage):
    is_quiz = True

    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Leave empty to use the course's pass mark."),
    )
    shuffle_options = models.BooleanField(
        _("shuffle options"),
        default=True,
        help_text=_("Show each question's options in a new order."),
    )
    attempt_limit = models.PositiveSmallIntegerField(
        _("attempt limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("attempt_limit"),
                FieldPanel("shuffle_options"),
                FieldPanel("estimated_minutes"),
            ],
            heading=_("Quiz"),
        ),
    ]
    template = "learning/quiz_page.html"

    class Meta:
        verbose_name = _("quiz")

    @property
    def effective_pass_mark(self) -> int:
        return self.pass_mark if self.pass_mark is not None else self.course.pass_mark

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            return self.serve_submission(request)
        return super().serve(request, *args, **kwargs)

    def serve_submission(self, request):
        return submission.submit_quiz(
            request,
            quiz_id=self.pk,
            quiz_pages=QuizPage.objects.all(),
            course_pages=CoursePage.objects.all(),
        )

    def serve_refused(self, request, refused: ProgressError):
        """Nothing was stored: the form is shown again with the message."""
        messages.error(request, refused.message)
        return TemplateResponse(
            request, self.get_template(request), self.get_context(request), status=400
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner = context["learner"]
        attempt = selectors.attempt_to_review(quiz=self, context=learner, request=request)
        context.update(
            attempt=attempt,
            review=selectors.review(quiz=self, attempt=attempt) if attempt else None,
            attempts_left=selectors.attempts_left(quiz=self, context=learner),
            pass_mark=self.effective_pass_mark,
            certificate=(
                services.award_certificate_if_earned(
                    course=self.course, context=learner, user=request.user
                )
                if attempt is not None and attempt.passed
                else None
            ),
        )
        if attempt is not None and attempt.passed and context["certificate"] is None:
            context["needs_certificate_details"] = services.needs_certificate_details(
                course=self.course, context=learner, user=request.user
            )
        if attempt is None:
            context.update(
                questions=selectors.public_questions(quiz=self),
                form_token=services.new_form_token(),
                # A page kept offline compares it with the server's when back online.
                questions_version=offline.questions_version(self),
            )
        return context

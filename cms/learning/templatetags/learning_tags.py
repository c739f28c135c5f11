from django import template

from cms.core.locales import active_locale
from elearning.accounts.selectors import learner_context

from .. import selectors
from ..models import CourseIndexPage, CoursePage

register = template.Library()


@register.inclusion_tag("learning/includes/home_courses.html", takes_context=True)
def home_courses(context):
    """Courses to start or continue, for the home page (in the page's language)."""
    request = context["request"]
    locale = active_locale()
    learner = learner_context(request)
    courses = selectors.courses_for_home(
        course_pages=CoursePage.objects.all(), locale=locale, context=learner
    )
    return {
        "request": request,
        "cards": selectors.course_cards(courses=courses, context=learner),
        "index": selectors.course_index(index_pages=CourseIndexPage.objects.all()),
    }

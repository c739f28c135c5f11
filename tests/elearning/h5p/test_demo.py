"""The demo data: the community lesson plays the project's own H5P question, in Vietnamese
and in English, and loading twice changes nothing."""

import pytest

from cms.learning.models import LessonPage
from elearning.h5p.models import H5PContent, H5PLibrary

pytestmark = pytest.mark.django_db


def test_the_demo_lesson_plays_h5p_and_loading_again_changes_nothing(home_page):
    from cms.learning import demo, h5p_demo

    demo.load(out=lambda *args: None)
    h5p_demo.load(out=lambda *args: None)
    h5p_demo.load(out=lambda *args: None)
    lessons = LessonPage.objects.filter(
        translation_key=LessonPage.objects.get(slug=h5p_demo.LESSON_SLUG).translation_key
    )
    assert lessons.count() == 2
    for lesson in lessons:
        blocks = [block for block in lesson.body if block.block_type == "h5p"]
        assert len(blocks) == 1
        assert blocks[0].value["content"].language == lesson.locale.language_code[:2]
    assert H5PContent.objects.count() == 2
    assert H5PLibrary.objects.get().machine_name == "H5P.ChungTayQuestion"

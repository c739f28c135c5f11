"""StreamField blocks of lessons and quizzes.

Quiz questions carry their correct answers, so quiz blocks have no templates: quiz pages
render questions through `cms.learning.grading.public_questions`, which leaves the answers
out. Options are identified by their ListBlock item ids, stable across edits."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from cms.core.blocks import BaseStreamBlock
from cms.learning.h5p_block import H5PBlock


class KeyPointsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("heading"))
    points = blocks.ListBlock(blocks.CharBlock(label=_("point")), label=_("points"))

    class Meta:
        icon = "list-ul"
        template = "learning/blocks/key_points.html"
        label = _("Key points")


class HotlineBlock(blocks.StructBlock):
    """The hotline from the site settings (never typed into a lesson), as a tap-to-call box."""

    text = blocks.CharBlock(
        required=False,
        label=pgettext_lazy("hotline box", "text"),
        help_text=_("A sentence before the number, e.g. when to call."),
    )

    class Meta:
        icon = "mobile-alt"
        template = "learning/blocks/hotline.html"
        label = _("Hotline")


class LessonBodyBlock(BaseStreamBlock):
    """Text, images, video, key points (headings, paragraphs, images, quotes and video come
    from the shared BaseStreamBlock)."""

    key_points = KeyPointsBlock()
    hotline = HotlineBlock()
    # --- H5P slot ------------------------------------------------------------------------
    h5p = H5PBlock()
    # --- end of H5P slot -----------------------------------------------------------------


class OptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    is_correct = blocks.BooleanBlock(required=False, label=_("correct"))

    class Meta:
        icon = "tick"
        label = _("Option")


class QuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("question"), rows=2)
    explanation = blocks.TextBlock(
        label=_("explanation"),
        rows=2,
        help_text=_("Shown after the learner answers: why the right answer is right."),
    )

    class Meta:
        icon = "help"


class ChoiceQuestionBlock(QuestionBlock):
    options = blocks.ListBlock(OptionBlock(), min_num=2, label=_("options"))

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for option in value["options"] if option["is_correct"])
        problem = self.check_correct_count(correct)
        if problem:
            raise StructBlockValidationError(block_errors={"options": ValidationError(problem)})
        return value

    def check_correct_count(self, correct: int):
        raise NotImplementedError


class SingleChoiceBlock(ChoiceQuestionBlock):
    def check_correct_count(self, correct):
        if correct != 1:
            return _("Mark exactly one option as correct.")
        return None

    class Meta:
        label = _("Single choice")


class MultipleChoiceBlock(ChoiceQuestionBlock):
    def check_correct_count(self, correct):
        if correct < 1:
            return _("Mark at least one option as correct.")
        return None

    class Meta:
        label = _("Multiple choice")
        icon = "list-ul"


class TrueFalseBlock(QuestionBlock):
    answer = blocks.ChoiceBlock(
        choices=[("true", _("True")), ("false", _("False"))], label=_("correct answer")
    )

    class Meta:
        label = _("True or false")
        icon = "radio-full"


class QuizQuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()

    class Meta:
        min_num = 1

"""Grading of native quizzes, on the server. The browser only ever sees `public_questions`
(question and option texts with their ids); the answer key stays here."""

import random
from dataclasses import dataclass

from django.utils.translation import gettext as _

# The engine's half (what a form chose, and its score) is shared with the community check quiz;
# its names stay importable from here.
from elearning.progress.quiz_grading import FIELD_PREFIX, KeyedQuestion, PublicOption
from elearning.progress.quiz_grading import GradedQuiz as GradedQuiz
from elearning.progress.quiz_grading import grade as grade
from elearning.progress.quiz_grading import read_answers as read_answers

TRUE_FALSE_IDS = ("true", "false")


@dataclass(frozen=True)
class PublicQuestion:
    """What the learner's browser may see of a question before submitting."""

    id: str
    number: int
    text: str
    multiple: bool
    options: list[PublicOption]

    @property
    def field_name(self) -> str:
        return f"{FIELD_PREFIX}{self.id}"


def answer_key(questions) -> list[KeyedQuestion]:
    """Every question of a quiz StreamField, with its correct option ids."""
    keyed = []
    for child in questions:
        value = child.value
        if child.block_type == "true_false":
            options = [PublicOption("true", _("True")), PublicOption("false", _("False"))]
            correct = frozenset({value["answer"]})
        else:
            items = value["options"].bound_blocks
            options = [PublicOption(item.id, item.value["text"]) for item in items]
            correct = frozenset(item.id for item in items if item.value["is_correct"])
        keyed.append(
            KeyedQuestion(
                id=child.id,
                text=value["question"],
                multiple=child.block_type == "multiple_choice",
                options=options,
                correct=correct,
                explanation=value["explanation"],
            )
        )
    return keyed


def public_questions(questions, *, shuffle: bool = False) -> list[PublicQuestion]:
    """Questions as the form shows them: texts and ids only, options shuffled if asked."""
    public = []
    for number, question in enumerate(answer_key(questions), start=1):
        options = list(question.options)
        if shuffle and question.options[0].id not in TRUE_FALSE_IDS:
            random.SystemRandom().shuffle(options)
        public.append(
            PublicQuestion(
                id=question.id,
                number=number,
                text=question.text,
                multiple=question.multiple,
                options=options,
            )
        )
    return public


def review(questions, answers: dict) -> list[dict]:
    """After submitting: each question with what the learner chose, whether it was right,
    the right options and the explanation. Questions added since the attempt are skipped."""
    rows = []
    for number, question in enumerate(answer_key(questions), start=1):
        answered = answers.get(question.id)
        if answered is None:
            continue
        chosen = set(answered.get("chosen", []))
        rows.append(
            {
                "number": number,
                "text": question.text,
                "correct": answered.get("correct", False),
                "explanation": question.explanation,
                "options": [
                    {
                        "text": option.text,
                        "chosen": option.id in chosen,
                        "is_correct": option.id in question.correct,
                    }
                    for option in question.options
                ],
            }
        )
    return rows

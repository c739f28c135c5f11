"""Grading of native quizzes, on the server. The browser only ever sees `public_questions`
(question and option texts with their ids); the answer key stays here."""

import random
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from elearning.progress.exceptions import InvalidSubmission

TRUE_FALSE_IDS = ("true", "false")
FIELD_PREFIX = "q-"


@dataclass(frozen=True)
class PublicOption:
    id: str
    text: str


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


@dataclass(frozen=True)
class KeyedQuestion:
    id: str
    text: str
    multiple: bool
    options: list[PublicOption]
    correct: frozenset[str]
    explanation: str


@dataclass
class GradedQuiz:
    score: int
    max_score: int
    # {question id: {"chosen": [option ids], "correct": bool}}: stored on the attempt.
    answers: dict = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


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


def read_answers(data, key: list[KeyedQuestion]) -> dict[str, list[str]]:
    """The chosen option ids per question (of the quiz's `answer_key`) from a submitted form
    (a QueryDict). Refuses answers that are not options of their question, fields for
    questions that do not exist, several answers to a one-answer question, and unanswered
    questions."""
    keyed = {question.id: question for question in key}
    posted = {name[len(FIELD_PREFIX) :] for name in data if name.startswith(FIELD_PREFIX)}
    if posted - keyed.keys():
        raise InvalidSubmission(_("Your answers do not match the questions of this quiz."))
    chosen = {}
    for question_id, question in keyed.items():
        values = data.getlist(FIELD_PREFIX + question_id)
        if not values:
            raise InvalidSubmission(_("Please answer every question before submitting."))
        option_ids = {option.id for option in question.options}
        if any(value not in option_ids for value in values):
            raise InvalidSubmission(
                _("One of your answers is not an option of its question. Please try again.")
            )
        if len(values) > 1 and not question.multiple:
            raise InvalidSubmission(
                _("Choose only one answer for question %(number)s.")
                % {"number": list(keyed).index(question_id) + 1}
            )
        chosen[question_id] = sorted(set(values))
    return chosen


def grade(key: list[KeyedQuestion], chosen: dict[str, list[str]]) -> GradedQuiz:
    """One point per question of the `answer_key` answered exactly right (for multiple
    choice: all the correct options and none of the others)."""
    graded = GradedQuiz(score=0, max_score=0)
    for question in key:
        picked = chosen.get(question.id, [])
        correct = frozenset(picked) == question.correct
        graded.max_score += 1
        graded.score += int(correct)
        graded.answers[question.id] = {"chosen": list(picked), "correct": correct}
    return graded


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

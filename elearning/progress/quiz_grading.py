"""Grading of native quiz answers against an answer key, on the server: what a submitted form
chose, checked against the questions' options, and scored. The engine's half of quiz grading:
the page layer (cms/learning/grading.py) reads the key out of a quiz's StreamField, and the
community check quiz grades with the same rules (elearning never imports cms)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .exceptions import InvalidSubmission

FIELD_PREFIX = "q-"


@dataclass(frozen=True)
class PublicOption:
    id: str
    text: str


@dataclass(frozen=True)
class KeyedQuestion:
    id: str
    text: str
    multiple: bool
    options: list[PublicOption]
    correct: frozenset[str]
    explanation: str

    @property
    def field_name(self) -> str:
        return f"{FIELD_PREFIX}{self.id}"


@dataclass
class GradedQuiz:
    score: int
    max_score: int
    # {question id: {"chosen": [option ids], "correct": bool}}: stored on the attempt.
    answers: dict = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.max_score) if self.max_score else 0


def read_answers(data, key: list[KeyedQuestion]) -> dict[str, list[str]]:
    """The chosen option ids per question (of the quiz's answer key) from a submitted form
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
    """One point per question of the answer key answered exactly right (for multiple
    choice: all the correct options and none of the others)."""
    graded = GradedQuiz(score=0, max_score=0)
    for question in key:
        picked = chosen.get(question.id, [])
        correct = frozenset(picked) == question.correct
        graded.max_score += 1
        graded.score += int(correct)
        graded.answers[question.id] = {"chosen": list(picked), "correct": correct}
    return graded

"""The optional check quiz a participant may answer after checking in: 3 to 5 questions drawn
from the native quizzes of the session's course, graded on the server (the phone sees the
question and option texts only).

The questions live in the page layer: cms.learning registers the function that reads them
(`register_question_source`), as elearning never imports cms. Every phone at a session gets
the same questions (drawn with the session's id as the seed), so the officer's per-question
figures compare like with like."""

import random
from collections.abc import Callable, Sequence

from elearning.progress.quiz_grading import KeyedQuestion

QUESTIONS_MIN, QUESTIONS_MAX = 3, 5

# page id -> that page's course's quiz questions with their answer key.
_question_source: Callable[..., Sequence[KeyedQuestion]] | None = None


def register_question_source(source: Callable[..., Sequence[KeyedQuestion]]) -> None:
    global _question_source
    _question_source = source


def questions_for(session) -> list[KeyedQuestion]:
    """The session's check quiz, or [] when its course has fewer than QUESTIONS_MIN
    questions (or it has no course)."""
    if session.course_id is None or _question_source is None:
        return []
    pool = list(_question_source(page_id=session.course_id))
    if len(pool) < QUESTIONS_MIN:
        return []
    drawn = random.Random(session.pk).sample(range(len(pool)), min(QUESTIONS_MAX, len(pool)))
    return [pool[index] for index in sorted(drawn)]


def review(questions: list[KeyedQuestion], correct_by_id: dict) -> list[dict]:
    """After answering: each question the participant answered, whether they were right, the
    right answer(s) and the explanation (what was chosen is not kept)."""
    return [
        {
            "number": number,
            "text": question.text,
            "correct": bool(correct_by_id[question.id]),
            "right_answers": [o.text for o in question.options if o.id in question.correct],
            "explanation": question.explanation,
        }
        for number, question in enumerate(questions, start=1)
        if question.id in correct_by_id
    ]

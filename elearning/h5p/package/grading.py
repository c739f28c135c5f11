"""Re-grade H5P answers on the server from content.json and the xAPI response.

Only question types whose scoring can be reproduced exactly are graded here; for the rest
`regrade` returns None and the client's score is kept as "client-reported". Responses follow
the xAPI formats those content types report: choice indices joined by "[,]" (MultiChoice),
"true"/"false" (TrueFalse), the typed words joined by "[,]" (Blanks)."""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

SEPARATOR = "[,]"
BLANK = re.compile(r"\*([^*]+)\*")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Grade:
    score: float
    max_score: float


def machine_name(library: str) -> str:
    return library.split(" ")[0]


def regrade(*, library: str, params: dict, response) -> Grade | None:
    grader = GRADERS.get(machine_name(library))
    if grader is None or not isinstance(params, dict):
        return None
    if response is not None and not isinstance(response, str):
        return None
    try:
        return grader(params, response or "")
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def _choices(response: str) -> list[int]:
    if response == "":
        return []
    return [int(part) for part in response.split(SEPARATOR)]


def chungtay_question(params: dict, response: str) -> Grade:
    correct = [i for i, answer in enumerate(params["answers"]) if answer.get("correct")]
    chosen = _choices(response)
    if len(correct) != 1 or len(chosen) > 1:
        raise ValueError("not a single-choice question")
    return Grade(1 if chosen == correct else 0, 1)


def multi_choice(params: dict, response: str) -> Grade:
    answers = params["answers"]
    correct = {i for i, answer in enumerate(answers) if answer.get("correct")}
    chosen = set(_choices(response))
    if not chosen <= set(range(len(answers))):
        raise ValueError("unknown choice")
    behaviour = params.get("behaviour") or {}
    single = len(correct) == 1 and behaviour.get("type", "auto") in ("auto", "single")
    if single:
        return Grade(1 if chosen == correct else 0, 1)
    # One point per right choice, minus one per wrong choice, never below zero.
    score = max(0, len(chosen & correct) - len(chosen - correct))
    if behaviour.get("singlePoint"):
        return Grade(1 if chosen == correct else 0, 1)
    return Grade(score, len(correct))


def true_false(params: dict, response: str) -> Grade:
    expected = str(params["correct"]).lower()
    if response not in ("true", "false") or expected not in ("true", "false"):
        raise ValueError("not a true/false answer")
    return Grade(1 if response == expected else 0, 1)


def _blank_answers(text: str) -> Iterator[list[str]]:
    for match in BLANK.finditer(text):
        solution = match.group(1).split(":")[0]  # "answer/alternative:tip"
        yield [html.unescape(TAG.sub("", part)).strip() for part in solution.split("/")]


def blanks(params: dict, response: str) -> Grade:
    behaviour = params.get("behaviour") or {}
    if behaviour.get("acceptSpellingErrors"):
        raise ValueError("spelling tolerance cannot be reproduced exactly")
    solutions = [answers for text in params["questions"] for answers in _blank_answers(text)]
    given = response.split(SEPARATOR) if response else []
    given += [""] * (len(solutions) - len(given))
    case_sensitive = behaviour.get("caseSensitive", True)

    def same(a: str, b: str) -> bool:
        return a == b if case_sensitive else a.casefold() == b.casefold()

    score = sum(
        1
        for answers, typed in zip(solutions, given, strict=False)
        if any(same(typed.strip(), answer) for answer in answers)
    )
    return Grade(score, len(solutions))


def single_choice(params: dict, response: str) -> Grade:
    """One question of H5P.SingleChoiceSet: its first answer is the right one."""
    chosen = _choices(response)
    if len(chosen) != 1 or not 0 <= chosen[0] < len(params["answers"]):
        raise ValueError("not one answer")
    return Grade(1 if chosen == [0] else 0, 1)


GRADERS = {
    "H5P.ChungTayQuestion": chungtay_question,
    "H5P.MultiChoice": multi_choice,
    "H5P.TrueFalse": true_false,
    "H5P.Blanks": blanks,
    # A SingleChoiceSet question has no library of its own; the service grades it by this name.
    "H5P.SingleChoiceSet#choice": single_choice,
}

# Content types whose score is the sum of their questions' scores.
COMPOSITES = {"H5P.QuestionSet": "questions", "H5P.SingleChoiceSet": "choices"}

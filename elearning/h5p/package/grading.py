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


def _weight(value, default=1) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("weight is not a number")
    return value


def multi_choice(params: dict, response: str) -> Grade:
    """H5P.MultiChoice's own rules (js/multichoice.js): "single" (or "auto" with one right
    answer) is out of the question's weight, one point per chosen right answer and minus one
    per wrong one (each answer's weight), never below zero; nothing chosen is right when no
    answer is; `singlePoint` (on unless the content turns it off) gives the weight when the
    share of points reaches `passPercentage`."""
    answers = params["answers"]
    behaviour = {"type": "auto", "singlePoint": True, "passPercentage": 100}
    behaviour.update(params.get("behaviour") or {})
    correct = [bool(answer.get("correct")) for answer in answers]
    chosen = _choices(response)
    if len(set(chosen)) != len(chosen) or not all(0 <= i < len(answers) for i in chosen):
        raise ValueError("unknown choice")
    kind = behaviour["type"]
    single_answer = correct.count(True) == 1 if kind == "auto" else kind == "single"
    if single_answer and len(chosen) > 1:
        raise ValueError("several answers to a single-answer question")
    weight = _weight(params.get("weight"))
    blank_is_correct = not any(correct)
    if blank_is_correct:
        full = weight
    else:
        full = sum(
            _weight(a.get("weight")) for a, right in zip(answers, correct, strict=True) if right
        )
    score = sum(_weight(answers[i].get("weight")) * (1 if correct[i] else -1) for i in chosen)
    score = max(score, 0)
    if not chosen and blank_is_correct:
        score = weight
    if behaviour["singlePoint"]:
        score = weight if 100 * score / full >= float(behaviour["passPercentage"]) else 0
    maximum = full if not single_answer and not behaviour["singlePoint"] else weight
    return Grade(score, maximum)


def true_false(params: dict, response: str) -> Grade:
    expected = str(params["correct"]).lower()
    if response == "" and expected in ("true", "false"):
        return Grade(0, 1)  # not answered (Finish without Check in a set)
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
    if not chosen:
        return Grade(0, 1)  # not answered
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

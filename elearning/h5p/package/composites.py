"""Content made of other content (QuestionSet, SingleChoiceSet, CoursePresentation, Column,
InteractiveBook…) is scored as the sum of its questions, so the server re-grades it from its
questions' answers: every question must be answered (an empty answer counts, as H5P counts
it when the learner presses Finish without Check) and re-gradable. A question pool counts the
questions drawn: as many as the pool's size, each one of the set's questions."""

from dataclasses import dataclass

from .grading import GRADERS, Grade, machine_name, regrade

SINGLE_CHOICE = "H5P.SingleChoiceSet#choice"
# Content types that hold other content and score as the sum of what they hold.
CONTAINERS = {
    "H5P.QuestionSet",
    "H5P.SingleChoiceSet",
    "H5P.CoursePresentation",
    "H5P.Column",
    "H5P.InteractiveBook",
}
# Content types that never give a score (text, media, presentation).
SCORELESS = {
    "H5P.Accordion",
    "H5P.AdvancedText",
    "H5P.Agamotto",
    "H5P.Audio",
    "H5P.Collage",
    "H5P.ContinuousText",
    "H5P.Dialogcards",
    "H5P.Image",
    "H5P.ImageHotspots",
    "H5P.Link",
    "H5P.Table",
    "H5P.Text",
    "H5P.Video",
}


class NotGradable(Exception):
    """The content holds something that scores but that the server cannot re-grade."""


@dataclass
class Group:
    """Questions of which exactly `count` must be answered (all of them, or a pool's draw)."""

    questions: dict[str, tuple[str, dict]]  # subContentId -> (library, params)
    count: int


def _sub_contents(value):
    """Every {"library", "params", "subContentId"} directly inside `value`, not deeper."""
    if isinstance(value, dict):
        if isinstance(value.get("library"), str) and "params" in value:
            yield value
            return
        for item in value.values():
            yield from _sub_contents(item)
    elif isinstance(value, list):
        for item in value:
            yield from _sub_contents(item)


def _questions(library: str, params: dict, groups: list[Group]) -> None:
    name = machine_name(library)
    if name == "H5P.SingleChoiceSet":
        choices = {c["subContentId"]: (SINGLE_CHOICE, c) for c in params.get("choices") or []}
        groups.append(Group(choices, len(choices)))
        return
    if name == "H5P.QuestionSet" and _pool_size(params):
        drawn = {}
        for question in params.get("questions") or []:
            if machine_name(question.get("library", "")) not in GRADERS:
                raise NotGradable(question.get("library"))
            drawn[question["subContentId"]] = (question["library"], question.get("params") or {})
        groups.append(Group(drawn, min(_pool_size(params), len(drawn))))
        return
    for sub in _sub_contents(params):
        sub_name = machine_name(sub["library"])
        if sub_name in GRADERS:
            if not sub.get("subContentId"):
                raise NotGradable(sub["library"])
            groups.append(Group({sub["subContentId"]: (sub["library"], sub["params"] or {})}, 1))
        elif sub_name in CONTAINERS:
            _questions(sub["library"], sub["params"] or {}, groups)
        elif sub_name in SCORELESS:
            continue
        else:
            raise NotGradable(sub["library"])


def _pool_size(params: dict) -> int:
    size = params.get("poolSize")
    return size if isinstance(size, int) and not isinstance(size, bool) and size > 0 else 0


def question_groups(*, library: str, params: dict) -> list[Group]:
    """The questions a container's score is made of. Raises NotGradable."""
    groups: list[Group] = []
    try:
        _questions(library, params, groups)
    except (KeyError, TypeError, AttributeError) as error:
        raise NotGradable(library) from error
    return groups


def is_scoreless(*, library: str, params: dict) -> bool:
    """Content that gives no score at all: a score-less type, or a container of them."""
    name = machine_name(library)
    if name in SCORELESS:
        return True
    if name not in CONTAINERS:
        return False
    try:
        return not question_groups(library=library, params=params)
    except NotGradable:
        return False


def grade_container(
    *, library: str, params: dict, responses: dict[str, str | None]
) -> Grade | None:
    """The container's score from its questions' answers (subContentId -> xAPI response),
    or None when that cannot be decided on the server."""
    try:
        groups = question_groups(library=library, params=params)
    except NotGradable:
        return None
    if not groups:
        return None
    score = maximum = 0
    for group in groups:
        answered = [i for i in group.questions if i in responses]
        if len(answered) != group.count:
            return None
        for sub_content_id in answered:
            question_library, question_params = group.questions[sub_content_id]
            grade = regrade(
                library=question_library,
                params=question_params,
                response=responses[sub_content_id],
            )
            if grade is None:
                return None
            score += grade.score
            maximum += grade.max_score
    return Grade(score, maximum)

"""Server re-grading of one scored statement: a question by its subContentId, a container
(QuestionSet, CoursePresentation…) from its questions' answers, anything else by its own
library. The answers of a container's questions come with its result (H5P's getXAPIData
children, so Finish without Check counts) and from the questions answered earlier in the same
play; the answers in hand win."""

from .models import H5PResult
from .package.composites import CONTAINERS, SINGLE_CHOICE, grade_container
from .package.grading import Grade, machine_name, regrade
from .package.xapi import MAX_RESPONSE, SUB_CONTENT

MAX_CHILDREN = 500


def find_sub_content(value, sub_content_id: str):
    """(library name, params) of a sub-content in the parameters, by its subContentId."""
    if isinstance(value, dict):
        if value.get("subContentId") == sub_content_id:
            if isinstance(value.get("library"), str):
                return value["library"], value.get("params") or {}
            return None, value
        for key, item in value.items():
            found = find_sub_content(item, sub_content_id)
            if found is not None:
                if found[0] is None and key == "choices":
                    return SINGLE_CHOICE, found[1]
                return found
    elif isinstance(value, list):
        for item in value:
            found = find_sub_content(item, sub_content_id)
            if found is not None:
                return found
    return None


def _child_answer(statement) -> tuple[str, str] | None:
    """(subContentId, response) of one child statement of getXAPIData, or None."""
    if not isinstance(statement, dict) or not isinstance(statement.get("object"), dict):
        return None
    obj = statement["object"]
    extensions = (obj.get("definition") or {}).get("extensions") or {}
    sub = extensions.get(SUB_CONTENT) if isinstance(extensions, dict) else None
    if not sub and isinstance(obj.get("id"), str) and "?subContentId=" in obj["id"]:
        sub = obj["id"].partition("?subContentId=")[2]
    result = statement.get("result")
    response = result.get("response", "") if isinstance(result, dict) else ""
    if not isinstance(sub, str) or not sub or not isinstance(response, str | None):
        return None
    if response is not None and len(response) > MAX_RESPONSE:
        return None
    return sub, response or ""


def flatten_children(children, found=None, depth=0) -> dict[str, str]:
    """subContentId -> response from getXAPIData's tree of {statement, children}."""
    found = {} if found is None else found
    if not isinstance(children, list) or depth > 10:
        return found
    for item in children[:MAX_CHILDREN]:
        if not isinstance(item, dict):
            continue
        answer = _child_answer(item.get("statement"))
        if answer is not None:
            found[answer[0]] = answer[1]
        flatten_children(item.get("children"), found, depth + 1)
    return found


def _answers_this_play(version, session: str) -> dict[str, str]:
    rows = H5PResult.objects.filter(version=version, session=session)
    last_whole = rows.filter(sub_content_id="").order_by("-received_at").first()
    if last_whole is not None:
        rows = rows.filter(received_at__gt=last_whole.received_at)
    answers = {}
    for row in rows.exclude(sub_content_id="").order_by("received_at"):
        result = (row.statement or {}).get("result") or {}
        answers[row.sub_content_id] = result.get("response") or ""
    return answers


def grade_statement(*, version, statement, session: str, children=None) -> Grade | None:
    """The server's grade of a parsed statement, or None (then the client's is kept)."""
    if statement.sub_content_id:
        found = find_sub_content(version.parameters, statement.sub_content_id)
        if found is None or found[0] is None:
            return None
        return regrade(library=found[0], params=found[1], response=statement.response)
    main = version.main_library.full_name
    if machine_name(main) in CONTAINERS:
        responses = _answers_this_play(version, session)
        responses.update(flatten_children(children))
        return grade_container(library=main, params=version.parameters, responses=responses)
    return regrade(library=main, params=version.parameters, response=statement.response)

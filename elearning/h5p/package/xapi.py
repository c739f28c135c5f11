"""Checks on an xAPI statement sent by H5P content, before anything is believed."""

import re
from dataclasses import dataclass

from .errors import PackageError, _

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
SCORED_VERBS = {
    "http://adlnet.gov/expapi/verbs/answered",
    "http://adlnet.gov/expapi/verbs/completed",
}
SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId"
LOCAL_CONTENT = "http://h5p.org/x-api/h5p-local-content-id"
MAX_RESPONSE = 4000

MESSAGES = {
    "statement_shape": _("The result could not be read."),
    "statement_id": _("The result has no valid statement id."),
    "statement_verb": _("Only answers with a score can be recorded."),
    "wrong_content": _("The result is for another exercise."),
    "bad_score": _("The score is not between 0 and the maximum."),
    "replay": _("This result has already been recorded."),
    "token": _("Your session for this exercise has expired; reload the page."),
    "other_learner": _("This exercise was opened by another learner; reload the page."),
    "state_too_large": _("The saved progress is too large."),
}


class StatementError(PackageError):
    def __init__(self, code: str):
        super().__init__(code, MESSAGES[code])


@dataclass(frozen=True)
class Statement:
    id: str
    verb: str
    object_id: str
    sub_content_id: str
    parent_id: str
    raw: float
    max: float
    response: str | None


MAX_SCORE = 1_000_000  # far above any real exercise; keeps numbers storable everywhere


def _number(value) -> bool:
    """A real, storable score: not a boolean, not NaN or infinite, not astronomically large
    (a 400-digit integer cannot even become a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return -MAX_SCORE <= value <= MAX_SCORE


def parse_statement(statement, *, activity_id: str, local_content_id: str) -> Statement:
    """`activity_id` is the IRI the player gave this content; the statement's object must be
    it, or one of its sub-contents (`<activity_id>?subContentId=...`)."""
    if not isinstance(statement, dict):
        raise StatementError("statement_shape")
    statement_id = statement.get("id")
    if not isinstance(statement_id, str) or not UUID.match(statement_id):
        raise StatementError("statement_id")
    verb = (
        (statement.get("verb") or {}).get("id") if isinstance(statement.get("verb"), dict) else None
    )
    if verb not in SCORED_VERBS:
        raise StatementError("statement_verb")
    obj = statement.get("object")
    if not isinstance(obj, dict) or not isinstance(obj.get("id"), str):
        raise StatementError("statement_shape")
    object_id = obj["id"]
    base, _sep, query = object_id.partition("?")
    if base != activity_id or (query and not query.startswith("subContentId=")):
        raise StatementError("wrong_content")
    extensions = (obj.get("definition") or {}).get("extensions") or {}
    if not isinstance(extensions, dict):
        raise StatementError("statement_shape")
    local = extensions.get(LOCAL_CONTENT)
    if local is not None and str(local) != str(local_content_id):
        raise StatementError("wrong_content")
    sub_content = extensions.get(SUB_CONTENT) or (query.partition("=")[2] if query else "")
    if not isinstance(sub_content, str):
        raise StatementError("statement_shape")
    result = statement.get("result")
    score = result.get("score") if isinstance(result, dict) else None
    if not isinstance(score, dict):
        raise StatementError("statement_verb")
    raw, maximum = score.get("raw"), score.get("max")
    if not (_number(raw) and _number(maximum) and 0 <= raw <= maximum):
        raise StatementError("bad_score")
    response = result.get("response")
    if response is not None and (not isinstance(response, str) or len(response) > MAX_RESPONSE):
        raise StatementError("statement_shape")
    parents = ((statement.get("context") or {}).get("contextActivities") or {}).get("parent")
    parent_id = ""
    if isinstance(parents, list) and parents and isinstance(parents[0], dict):
        parent_id = str(parents[0].get("id", ""))
    return Statement(
        id=statement_id.lower(),
        verb=verb,
        object_id=object_id,
        sub_content_id=sub_content,
        parent_id=parent_id,
        raw=raw,
        max=maximum,
        response=response,
    )

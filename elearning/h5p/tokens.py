"""The short-lived signed token a player page gives its H5P frame's results: who is learning,
which content and version, and where the result counts (lesson page and course in the default
language, audience, pass mark: decided by the page layer, as for native quizzes)."""

import secrets
from dataclasses import dataclass

from django.core import signing

from elearning.progress.pass_mark import DEFAULT_PASS_MARK

from . import conf
from .package.xapi import StatementError

SALT = "elearning.h5p.player"


@dataclass(frozen=True)
class PlayerClaims:
    user_id: int | None
    visitor_key: str | None
    content_id: int
    version_id: int
    page_id: int | None
    course_id: int | None
    content_audience: str
    session: str
    pass_mark: int

    def belongs_to(self, context) -> bool:
        if context is None:
            return False
        if self.user_id is not None:
            return context.user_id == self.user_id
        return context.user_id is None and context.visitor_key == self.visitor_key


def issue(
    *, context, version, page_id=None, course_id=None, content_audience="community",
    pass_mark: int = DEFAULT_PASS_MARK,
) -> str:  # fmt: skip
    return signing.dumps(
        {
            "u": context.user_id,
            "k": None if context.user_id else context.visitor_key,
            "c": version.content_id,
            "v": version.pk,
            "p": page_id,
            "cr": course_id,
            "a": content_audience,
            "s": secrets.token_hex(8),
            "pm": pass_mark,
        },
        salt=SALT,
        compress=True,
    )


def read(token) -> PlayerClaims:
    if not isinstance(token, str) or len(token) > 1000:
        raise StatementError("token")
    try:
        data = signing.loads(token, salt=SALT, max_age=conf.get("H5P_TOKEN_MAX_AGE"))
    except signing.BadSignature as error:  # expired tokens are bad signatures too
        raise StatementError("token") from error
    return PlayerClaims(
        user_id=data["u"],
        visitor_key=data["k"],
        content_id=data["c"],
        version_id=data["v"],
        page_id=data["p"],
        course_id=data["cr"],
        content_audience=data["a"],
        session=data["s"],
        pass_mark=data.get("pm", DEFAULT_PASS_MARK),
    )

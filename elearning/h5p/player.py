"""What a page needs to show an H5P exercise to the learner on this request."""

from django.urls import reverse

from elearning.accounts.selectors import learner_context
from elearning.progress.pass_mark import DEFAULT_PASS_MARK

from . import selectors, tokens


def player_base(*, content) -> dict | None:
    """What every visitor's player of this content shares (its current version, the frame's
    and the endpoints' URLs, the videos it cannot play); None when it has no version yet.
    The same until a new version is uploaded: callers may keep it until then."""
    version = content.current_version if content is not None else None
    if version is None:
        return None
    return {
        "content": content,
        "version": version,
        "frame_src": reverse("h5p:frame", args=[version.pk]),
        "saved_src": reverse("h5p:frame_saved", args=[version.pk]),
        "xapi_url": reverse("h5p:xapi"),
        "state_url": reverse("h5p:state"),
        "token": "",
        "state": None,
        "external_video": ", ".join(selectors.external_video_sites(parameters=version.parameters)),
    }


def player_for(*, request, content, placement=None, base=None):
    """None when the content has no version yet. Results are recorded only for someone
    counted (a learner or a guest who chose a commune): they alone get a token.
    `placement` says where results count (page and course ids, audience, pass mark);
    `base`: player_base(content=content), when the caller kept it."""
    base = base if base is not None else player_base(content=content)
    if base is None:
        return None
    version = base["version"]
    context = learner_context(request) if request is not None else None
    player = dict(base, content=content) if content is not None else dict(base)
    if context is not None:
        player["token"] = tokens.issue(
            context=context,
            version=version,
            page_id=getattr(placement, "content_id", None),
            course_id=getattr(placement, "course_id", None),
            content_audience=getattr(placement, "audience", "community"),
            pass_mark=getattr(placement, "pass_mark", DEFAULT_PASS_MARK),
        )
        player["state"] = selectors.saved_state(version=version, context=context)
    return player

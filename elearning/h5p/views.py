"""The H5P player frame, the files it loads, and the two endpoints the player page posts to.

The frame is served by this site but shown in an iframe sandboxed WITHOUT allow-same-origin:
its origin is opaque, so content cannot read the learner's cookies, session or the page
around it. It talks to the page by postMessage only; the page (our own script) posts results
with the signed token the server gave it."""

import json
import mimetypes

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from elearning import rate_limits
from elearning.accounts.selectors import learner_context
from elearning.progress.exceptions import ProgressError

from . import conf, offline, selectors, services
from .package import bounded_json
from .package.xapi import StatementError

MAX_BODY_DEPTH = 64  # a statement nests about ten levels; saved state a few more

FRAME_CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        # H5P content types set inline styles.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        # The same sandbox as the player's iframe, in the document itself: opened directly
        # (not in our iframe), content still runs with an opaque origin, never the site's.
        "sandbox allow-scripts",
    ]
)
# Package files are never documents: opened on their own they get no script and no origin.
FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; sandbox"
IMMUTABLE = "public, max-age=31536000, immutable"


def site_origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _frame_config(request, version) -> dict:
    origin = site_origin(request)
    files = origin + reverse("h5p:files", args=[version.pk, "h5p.json"]).removesuffix("/h5p.json")
    return {
        "contentId": str(version.content_id),
        "title": version.content.title,
        "h5pJsonPath": files,
        "contentJsonPath": f"{files}/content",
        "librariesPath": f"{files}/libraries",
        "frameJs": origin + reverse("h5p:core", args=["frame.bundle.js"]),
        "frameCss": origin + reverse("h5p:core", args=["styles/h5p.css"]),
        "objectIri": services.activity_iri(base_url=origin, content_id=version.content_id),
        "parentOrigin": origin,
    }


@require_safe
@xframe_options_sameorigin
@cache_control(public=True, max_age=300)
def frame(request, version_id: int):
    version = selectors.version_for_playback(version_id=version_id)
    if version is None:
        raise Http404
    response = render(
        request,
        "h5p/frame.html",
        {
            "config": _frame_config(request, version),
            "version": version,
            "language": version.content.language,
        },
    )
    # The site's origin by name: under the `sandbox` directive the frame's own origin is
    # opaque, so 'self' would no longer match the page that embeds it.
    response["Content-Security-Policy"] = f"{FRAME_CSP}; frame-ancestors {site_origin(request)}"
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def frame_saved(request, version_id: int):
    """The frame's document as a phone keeps it for playing offline (see offline.py): the
    lesson page shows it as a sandboxed iframe's srcdoc, with the files it lists. Opened
    directly it runs nothing (no script allowed, an opaque origin)."""
    version = selectors.version_for_playback(version_id=version_id)
    if version is None:
        raise Http404
    config = _frame_config(request, version)
    config["files"] = [entry["url"] for entry in offline.frame_files(version=version)]
    config["loader"] = static("h5p/frame-saved.js")
    config["styles"] = [static("h5p/frame.css")]
    config["scripts"] = [static("vendor/h5p-standalone/main.bundle.js"), static("h5p/frame.js")]
    response = render(
        request,
        "h5p/frame.html",
        {
            "config": config,
            "version": version,
            "language": version.content.language,
            "boot_script": offline.BOOT_SCRIPT,
        },
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-cache"
    return response


def _file_response(data: bytes | None, *, name: str, stream=None) -> HttpResponse:
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if name.endswith(".js"):
        content_type = "text/javascript"
    if content_type.startswith("text/") or content_type.endswith(("json", "javascript")):
        content_type += "; charset=utf-8"
    response = HttpResponse(stream.read() if stream else data, content_type=content_type)
    # The frame's origin is opaque ("null"): its fetches of the package are cross-origin.
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = IMMUTABLE
    return response


CORE = "vendor/h5p-standalone/"


@require_safe
def core(request, path: str):
    """H5P core's scripts, styles, fonts and images (h5p-standalone), served like package
    files: the opaque-origin frame fetches fonts in CORS mode, which the static files
    handler of the development server and the test server does not answer."""
    path = selectors.safe_path(path)
    if path is None:
        raise Http404
    found = finders.find(CORE + path)
    if not found and not staticfiles_storage.exists(CORE + path):
        raise Http404
    with open(found, "rb") if found else staticfiles_storage.open(CORE + path) as stream:
        response = _file_response(None, name=path, stream=stream)
    response["Cache-Control"] = "public, max-age=86400"  # the same URLs after an upgrade
    return response


def _json_file(value) -> HttpResponse:
    return _file_response(json.dumps(value, ensure_ascii=False).encode(), name="x.json")


@require_safe
def files(request, version_id: int, path: str):
    """h5p.json, content/… and libraries/<folder>/… of one content version."""
    version = selectors.version_for_playback(version_id=version_id)
    path = selectors.safe_path(path)
    if version is None or path is None:
        raise Http404
    if path == "h5p.json":
        return _json_file(version.h5p_json)
    if path == "content/content.json":
        return _json_file(version.parameters)  # sanitised, never the uploaded one
    top, _sep, rest = path.partition("/")
    if top == "content" and rest:
        name = version.storage_prefix + rest
    elif top == "libraries" and "/" in rest:
        folder, _sep, inner = rest.partition("/")
        library = selectors.library_of_version(version=version, folder=folder)
        if library is None:
            raise Http404
        if inner == "library.json":
            return _json_file(library.library_json)
        name = library.storage_prefix + inner
    else:
        raise Http404
    if not default_storage.exists(name):
        raise Http404
    with default_storage.open(name) as stream:
        return _file_response(None, name=name, stream=stream)


def _read_json(request):
    if len(request.body) > conf.get("H5P_STATEMENT_MAX_BYTES"):
        raise StatementError("state_too_large")
    try:
        body = bounded_json.loads(request.body.decode("utf-8"), max_depth=MAX_BODY_DEPTH)
    except (UnicodeDecodeError, bounded_json.JsonRefused) as error:
        raise StatementError("statement_shape") from error
    if not isinstance(body, dict):
        raise StatementError("statement_shape")
    return body


STATUS = {"token": 403, "other_learner": 403, "replay": 409, "state_too_large": 413}


def _refused(error) -> JsonResponse:
    if isinstance(error, StatementError):
        return JsonResponse(
            {"error": error.code, "message": error.message(_)}, status=STATUS.get(error.code, 400)
        )
    return JsonResponse({"error": "progress", "message": str(error.message)}, status=403)


def _is_unscored(statement) -> bool:
    return (
        isinstance(statement, dict)
        and not (isinstance(statement.get("result"), dict) and "score" in statement["result"])
        and (statement.get("verb") or {}).get("id") in services.VIEWED_VERBS
    )


@csrf_exempt  # authenticated by the signed token (and the learner's own session), not a cookie
@require_POST
def xapi(request):
    if not rate_limits.allowed(request, action="h5p_xapi"):
        return rate_limits.too_many(json=True)
    try:
        body = _read_json(request)
        if _is_unscored(body.get("statement")):
            services.record_viewed(
                token=body.get("token"),
                statement=body.get("statement"),
                context=learner_context(request),
                base_url=site_origin(request),
            )
            return HttpResponse(status=204)
        result = services.record_statement(
            token=body.get("token"),
            statement=body.get("statement"),
            context=learner_context(request),
            base_url=site_origin(request),
            children=body.get("children"),
        )
    except (StatementError, ProgressError) as error:
        return _refused(error)
    return JsonResponse(
        {
            "score": result.score,
            "max_score": result.max_score,
            "verified": result.verified,
            "message": _("Your result: %(score)s / %(max)s (%(how)s).")
            % {
                "score": f"{result.score:g}",
                "max": f"{result.max_score:g}",
                "how": _("checked by the server") if result.verified else _("not verified"),
            },
        },
        status=201,
    )


@csrf_exempt
@require_POST
def state(request):
    if not rate_limits.allowed(request, action="h5p_state"):
        return rate_limits.too_many(json=True)
    try:
        body = _read_json(request)
        services.save_state(
            token=body.get("token"), state=body.get("state"), context=learner_context(request)
        )
    except StatementError as error:
        return _refused(error)
    return HttpResponse(status=204)

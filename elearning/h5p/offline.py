"""An H5P exercise played from the phone's saved copy, without a network.

Chromium (checked in 156) gives a frame sandboxed without allow-same-origin no service
worker: neither its document nor its requests reach the page's worker, whether the frame
has a `src` or a `srcdoc`. So the saved copy does not go through the worker: the lesson page
(player.js) reads the frame's document and every file it needs from the Cache API itself,
shows the document as the iframe's `srcdoc` (still sandboxed: an opaque origin, as online),
and hands the files to the frame as Blobs by postMessage. Inside, the few lines of
BOOT_SCRIPT start frame-saved.js from those Blobs, which makes every URL the H5P player asks
for (fetch, XHR, script/link/img src) a blob: URL of the frame's own.

A `srcdoc` document inherits the lesson page's Content-Security-Policy, so that policy
allows exactly BOOT_SCRIPT (by its hash) and blob: for scripts, styles, fonts and media
(content_security.site_policy). blob: URLs can only be made by script already running in
the same origin, so an injected tag gains nothing from them; the frame's blobs have the
opaque origin and the page's are not loadable from the frame (nor the reverse).

The alternative, an un-sandboxed same-origin frame that the worker could serve, would give
H5P libraries and content the learner's session and the page around them: not taken."""

import base64
import hashlib
import json
import os

from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse

# What the saved frame runs first (its text is in the lesson page's policy by hash): it asks
# the page for the files and starts frame-saved.js from them. Only the frame's own parent is
# listened to.
BOOT_SCRIPT = (
    "addEventListener('message',function(e){var d=e.data||{};"
    "if(e.source!==parent||d.source!=='chungtay-h5p'||d.action!=='files'||window.h5pFiles)return;"
    "window.h5pFiles=d.files;var s=document.createElement('script');"
    "s.src=URL.createObjectURL(d.files[d.loader]);document.body.appendChild(s)});"
    "parent.postMessage({source:'chungtay-h5p',action:'files'},'*');"
)
# H5P core's files the player loads. Its text fonts (Inter, Open Sans: 1.3 MB) stay out: the
# phone's own fonts read Vietnamese well; the icon fonts are needed for the buttons.
CORE_FILES = [
    "frame.bundle.js",
    "styles/h5p.css",
    "fonts/h5p-core-30.woff2",
    "fonts/h5p-theme.woff2",
    "images/throbber.gif",
]
CORE_FOLDER = "vendor/h5p-standalone/"
FRAME_STATIC = [
    "vendor/h5p-standalone/main.bundle.js",
    "h5p/frame.js",
    "h5p/frame.css",
    "h5p/frame-saved.js",
]


def boot_script_source() -> str:
    """The CSP source that allows BOOT_SCRIPT and nothing else inline."""
    digest = hashlib.sha256(BOOT_SCRIPT.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _size(name: str) -> int:
    found = finders.find(name)
    return os.path.getsize(found) if found else 0


def _static_entry(name: str) -> dict:
    return {"url": static(name), "bytes": _size(name), "version": static(name)}


def _json_bytes(value) -> int:
    return len(json.dumps(value, ensure_ascii=False).encode())


def _stored(prefix: str, folder: str = "") -> list[str]:
    try:
        directories, names = default_storage.listdir(prefix + folder)
    except FileNotFoundError:
        return []
    found = [folder + name for name in names]
    for directory in directories:
        found += _stored(prefix, f"{folder}{directory}/")
    return found


def _files_url(version, path: str) -> str:
    return reverse("h5p:files", args=[version.pk, path])


def _package_entries(version) -> list[dict]:
    """h5p.json, the content's files and every library's files, as the frame asks for them
    (the JSON ones served from the database, as views.files does). A content version's files
    never change; a library's URL names only major.minor, so its content hash is its version
    (a patch installed under the same URL is fetched again)."""
    entries = {
        _files_url(version, "h5p.json"): (_json_bytes(version.h5p_json), ""),
        _files_url(version, "content/content.json"): (_json_bytes(version.parameters), ""),
    }
    for path in _stored(version.storage_prefix):
        url = _files_url(version, f"content/{path}")
        entries.setdefault(url, (default_storage.size(version.storage_prefix + path), ""))
    for library in version.libraries.all():
        folder = f"libraries/{library.folder}/"
        url = _files_url(version, folder + "library.json")
        entries[url] = (_json_bytes(library.library_json), library.content_hash)
        for path in _stored(library.storage_prefix):
            if path == "semantics.json" or path.startswith("language/"):
                continue  # the editor's, not the player's
            size = default_storage.size(library.storage_prefix + path)
            entries.setdefault(_files_url(version, folder + path), (size, library.content_hash))
    return [
        {"url": url, "bytes": size, "version": f"{url}|{digest}"}
        for url, (size, digest) in entries.items()
    ]


def saved_frame_url(version) -> str:
    return reverse("h5p:frame_saved", args=[version.pk])


def frame_files(*, version) -> list[dict]:
    """What the saved frame asks the lesson page for: the player's scripts, H5P core and the
    package, each with its size."""
    statics = [_static_entry(name) for name in FRAME_STATIC]
    core = [
        {"url": url, "bytes": _size(CORE_FOLDER + path), "version": url}
        for path in CORE_FILES
        for url in [reverse("h5p:core", args=[path])]
    ]
    return [*statics, *core, *_package_entries(version)]


def playback_files(*, version) -> list[dict]:
    """Every file a phone keeps to play this version of an exercise offline: the saved
    frame's document and its files. The document's version follows the player's scripts
    (hashed names in production), so a new player is fetched again."""
    frame = {
        "url": saved_frame_url(version),
        "bytes": 2_000,  # the frame's document: config and a few tags
        "version": "|".join(static(name) for name in FRAME_STATIC),
    }
    return [frame, *frame_files(version=version)]

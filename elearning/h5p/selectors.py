"""Reads of H5P content, libraries and learners' results."""

import posixpath
import re

from .models import H5PContentVersion, H5PLibrary, H5PResult, H5PUserData
from .package import Dependency


def is_installed(dependency: Dependency) -> bool:
    return H5PLibrary.objects.matching(dependency).exists()


def semantics_lookup(extra: dict[Dependency, list | None] | None = None):
    """A function from a library name as content.json writes it ("H5P.Foo 1.2") to that
    library's semantics: from `extra` (libraries being installed) first, then installed."""
    extra = extra or {}

    def lookup(name: str):
        machine, _, version = name.partition(" ")
        try:
            major, minor = (int(part) for part in version.split("."))
        except ValueError:
            return None
        dependency = Dependency(machine, major, minor)
        if dependency in extra:
            return extra[dependency]
        library = H5PLibrary.objects.newest(dependency)
        return library.semantics if library else None

    return lookup


def version_for_playback(*, version_id: int) -> H5PContentVersion | None:
    return (
        H5PContentVersion.objects.select_related("content", "main_library")
        .filter(pk=version_id)
        .first()
    )


def library_of_version(*, version, folder: str) -> H5PLibrary | None:
    for library in version.libraries.all():
        if library.folder == folder:
            return library
    return None


def safe_path(path: str) -> str | None:
    """A relative path inside a package folder, or None."""
    if not path or path.startswith("/") or "\\" in path or "\x00" in path:
        return None
    normal = posixpath.normpath(path)
    if normal.startswith("..") or normal == ".":
        return None
    return normal


def saved_state(*, version, context) -> str | None:
    if context is None:
        return None
    rows = H5PUserData.objects.filter(content_id=version.content_id, version=version)
    row = rows.for_context(context).first()
    return row.state if row else None


def results_for(*, context, content_id: int):
    rows = H5PResult.objects.filter(version__content_id=content_id, sub_content_id="")
    return rows.for_context(context)


EXTERNAL_VIDEO = re.compile(r"^https?://([a-z0-9-]+\.)*(youtube\.com|youtu\.be|vimeo\.com)/", re.I)
EXTERNAL_VIDEO_NAMES = {"youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo"}


def external_video_sites(*, parameters) -> list[str]:
    """YouTube or Vimeo videos the content links to (H5P.Video sources). The frame plays only
    files served by this site, so these cannot play; the block says so."""
    found = set()
    stack = [parameters]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            path = value.get("path")
            match = EXTERNAL_VIDEO.match(path) if isinstance(path, str) else None
            if match:
                found.add(EXTERNAL_VIDEO_NAMES[match.group(2).lower()])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return sorted(found)

"""Which libraries an upload installs, as H5P core decides (H5PStorage::saveLibraries): a
library version already installed with the same patch is kept, a higher patch is installed
beside it (the newest patch is played), a lower patch is ignored. Exports of the same version
differ in library.json's whitespace and key order, so "the same" means the same parsed
library.json and the same bytes of every other file (documentation aside); a real difference
names the file."""

import hashlib
import json

from django.core.files.storage import default_storage

from .models import H5PLibrary
from .package import LibraryFiles
from .package.errors import fail
from .package.whitelist import extension

LIBRARY_JSON = "library.json"
# Documentation travels with some exports and not others; it never runs, so it never
# makes two copies of a library different.
DOCUMENTATION = ("md", "diff", "patch", "textile", "txt")


def _compared(paths) -> set[str]:
    return {path for path in paths if extension(path) not in DOCUMENTATION}


def canonical_files(library: LibraryFiles) -> dict[str, bytes]:
    files = {path: library.files[path] for path in _compared(library.files)}
    files[LIBRARY_JSON] = json.dumps(library.library_json, sort_keys=True).encode()
    return files


def library_hash(library: LibraryFiles) -> str:
    files = canonical_files(library)
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


def _stored_paths(prefix: str, folder: str = "") -> set[str]:
    directories, files = default_storage.listdir(prefix + folder)
    found = {folder + name for name in files}
    for directory in directories:
        found |= _stored_paths(prefix, f"{folder}{directory}/")
    return found


def first_difference(installed: H5PLibrary, library: LibraryFiles) -> str | None:
    """The first file (by path) in which the package's copy differs from the installed one,
    or None when they are the same library."""
    if installed.library_json != library.library_json:
        return LIBRARY_JSON
    theirs = _compared(library.files) - {LIBRARY_JSON}
    ours = _compared(_stored_paths(installed.storage_prefix)) - {LIBRARY_JSON}
    for path in sorted(theirs | ours):
        if path not in theirs or path not in ours:
            return path
        with default_storage.open(installed.storage_prefix + path) as stream:
            if stream.read() != library.files[path]:
                return path
    return None


def needs_install(library: LibraryFiles, *, digest: str, may_install: bool) -> bool:
    """True when `library` must be installed from the package; False when an installed
    version serves. Raises PackageError for a real conflict or a missing permission."""
    rows = H5PLibrary.objects.matching(library.dependency)
    same = rows.filter(patch_version=library.patch).first()
    if same is not None:
        if same.content_hash != digest:
            changed = first_difference(same, library)
            if changed is not None:
                raise fail(
                    "library_conflict",
                    entry=library.folder,
                    field=f"{library.dependency.major}.{library.dependency.minor}.{library.patch}",
                    file=changed,
                )
        return False
    newest = rows.order_by("-patch_version").first()
    if newest is not None and (newest.patch_version > library.patch or not may_install):
        # An older patch than installed, or an uploader who may not install: like H5P core
        # without the install right, the installed version is used and the copy ignored.
        return False
    if not may_install:
        raise fail("install_permission", entry=library.folder)
    return True

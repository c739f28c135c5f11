"""Read a whole .h5p archive into memory, checking every entry, before anything is written."""

import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable

from . import bounded_json
from .errors import fail
from .limits import Limits, human_size
from .model import Dependency, LibraryFiles, Package
from .schema import check_h5p_json, check_library_json, with_int_versions
from .whitelist import CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS, extension

DRIVE = re.compile(r"^[A-Za-z]:")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CHUNK = 64 * 1024
DEFAULT_LIMITS = Limits()


def read_package(
    source,
    *,
    limits: Limits = DEFAULT_LIMITS,
    installed: Iterable[Dependency] | Callable[[Dependency], bool] = (),
) -> Package:
    """`source` is the archive's bytes or a seekable binary file. `installed` lists (or tells)
    the libraries already on the server, which the package may use without shipping them."""
    if isinstance(source, bytes | bytearray):
        import io

        source = io.BytesIO(source)
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise fail("not_zip") from error
    with archive:
        wanted, skipped = _check_entries(archive.infolist(), limits)
        files = {info.filename: _read_entry(archive, info) for info in wanted}
    package = _assemble(files, limits)
    package.skipped = skipped + package.skipped
    _check_dependencies(package, installed)
    return package


def _check_name(info: zipfile.ZipInfo) -> None:
    name = info.filename
    if "\\" in name:
        raise fail("backslash", entry=name)
    if name.startswith("/") or DRIVE.match(name):
        raise fail("absolute_path", entry=name)
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        raise fail("parent_path", entry=name)
    if CONTROL.search(name) or any(part in ("", ".") for part in parts):
        raise fail("bad_name", entry=name)
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise fail("symlink", entry=name)
    if info.flag_bits & 0x1:
        raise fail("encrypted", entry=name)


def _is_skipped(name: str) -> bool:
    # H5P core ignores files and folders whose name starts with "." or "_" (e.g. __MACOSX).
    return any(part[:1] in (".", "_") for part in name.rstrip("/").split("/"))


def _check_entries(infos, limits: Limits):
    if len(infos) > limits.max_files:
        raise fail("too_many_files", limit=limits.max_files)
    seen: set[str] = set()
    wanted, skipped = [], []
    total = 0
    for info in infos:
        _check_name(info)
        key = info.filename.rstrip("/").casefold()
        if key in seen:
            raise fail("duplicate", entry=info.filename)
        seen.add(key)
        if info.is_dir():
            continue
        if info.file_size > limits.max_file_bytes:
            raise fail(
                "file_too_large", entry=info.filename, limit=human_size(limits.max_file_bytes)
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise fail("total_too_large", limit=human_size(limits.max_total_bytes))
        if info.file_size >= limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise fail("ratio", entry=info.filename, ratio=int(ratio), limit=limits.max_ratio)
        if _is_skipped(info.filename):
            skipped.append(info.filename)
            continue
        wanted.append(info)
    return wanted, skipped


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # zipfile stops at the declared size and checks the CRC, so a lying header cannot make
    # us unpack more than the limits above allowed.
    chunks, size = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise fail("size_mismatch", entry=info.filename)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        raise fail("corrupt", entry=info.filename) from error
    if size != info.file_size:
        raise fail("size_mismatch", entry=info.filename)
    return b"".join(chunks)


def _load_json(name: str, data: bytes, limits: Limits):
    if len(data) > limits.max_json_bytes:
        raise fail("file_too_large", entry=name, limit=human_size(limits.max_json_bytes))
    try:
        return bounded_json.loads(data.decode("utf-8-sig"), max_depth=limits.max_json_depth)
    except bounded_json.JsonRefused as error:
        if error.reason == "depth":
            raise fail("json_too_deep", entry=name, limit=limits.max_json_depth) from error
        raise fail("bad_json", entry=name) from error
    except UnicodeDecodeError as error:
        raise fail("bad_json", entry=name) from error


def _assemble(files: dict[str, bytes], limits: Limits) -> Package:
    content: dict[str, bytes] = {}
    folders: dict[str, dict[str, bytes]] = {}
    h5p_json = None
    ignored: list[str] = []
    for name, data in files.items():
        top, _, rest = name.partition("/")
        if not rest:
            # H5P core unpacks only h5p.json, content/ and library folders; other files at
            # the root (Lumi's H5P_CONTENT_HERE.txt, a stray README) are left out.
            if name == "h5p.json":
                h5p_json = _load_json(name, data, limits)
            else:
                ignored.append(name)
        elif top == "content":
            if extension(rest) not in CONTENT_EXTENSIONS:
                raise fail("content_extension", entry=name, extension=extension(rest))
            content[rest] = data
        else:
            if extension(rest) not in LIBRARY_EXTENSIONS:
                raise fail("library_extension", entry=name, extension=extension(rest))
            folders.setdefault(top, {})[rest] = data
    if h5p_json is None:
        raise fail("missing_h5p_json")
    check_h5p_json(h5p_json)
    h5p_json = with_int_versions(h5p_json)
    if "content.json" not in content:
        raise fail("missing_content_json")
    content_json = _load_json("content/content.json", content.pop("content.json"), limits)
    if not isinstance(content_json, dict):
        raise fail("bad_json", entry="content/content.json")
    libraries = {}
    for folder, folder_files in sorted(folders.items()):
        library = _library(folder, folder_files, limits)
        if library.dependency in libraries:  # "H5P.Foo" and "H5P.Foo-1.0" side by side
            raise fail("duplicate", entry=folder)
        libraries[library.dependency] = library
    return Package(h5p_json, content_json, content, libraries, skipped=ignored)


def _library(folder: str, files: dict[str, bytes], limits: Limits) -> LibraryFiles:
    entry = f"{folder}/library.json"
    if "library.json" not in files:
        raise fail("missing_library_json", entry=folder)
    library_json = _load_json(entry, files["library.json"], limits)
    check_library_json(library_json, entry)
    library_json = with_int_versions(library_json)
    library = LibraryFiles(folder, library_json, files)
    expected = library.dependency.folder
    # H5P core accepts "<machineName>-<major>.<minor>" or the bare machine name.
    if folder not in (expected, library.dependency.machine_name):
        raise fail("folder_mismatch", entry=folder, expected=expected)
    library.folder = expected
    for key in ("preloadedJs", "preloadedCss"):
        for item in library_json.get(key, []):
            path = item["path"]
            normal = posixpath.normpath(path)
            if path.startswith("/") or "\\" in path or normal.startswith(".."):
                raise fail("preloaded_outside", entry=entry, field=path)
            if normal not in files:
                raise fail("missing_preloaded", entry=entry, field=path)
    if "semantics.json" in files:
        semantics = _load_json(f"{folder}/semantics.json", files["semantics.json"], limits)
        if not isinstance(semantics, list):
            raise fail("bad_json", entry=f"{folder}/semantics.json")
        library.semantics = semantics
    return library


def _check_dependencies(package: Package, installed) -> None:
    is_installed = installed if callable(installed) else set(installed).__contains__
    needs = [("h5p.json", dependency) for dependency in package.dependencies]
    for library in package.libraries.values():
        needs += [(f"{library.folder}/library.json", d) for d in library.preloaded_dependencies]
    for entry, dependency in needs:
        if dependency not in package.libraries and not is_installed(dependency):
            raise fail("missing_dependency", entry=entry, field=str(dependency))

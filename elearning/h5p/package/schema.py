"""Shapes of h5p.json and library.json, after H5P core's own checks (h5p.classes.php)."""

import re

from .errors import fail
from .model import Dependency

MACHINE_NAME = re.compile(r"^[\w.\-]{1,255}$")
MAIN_LIBRARY = re.compile(r"^[$a-z_][0-9a-z_.$]{1,254}$", re.IGNORECASE)
LANGUAGE = re.compile(r"^[-a-zA-Z]{1,10}$")
EMBED_TYPES = {"iframe", "div"}


VERSION_DIGITS = re.compile(r"^[0-9]{1,5}$")


def _is_version(value) -> bool:
    """H5P core matches versions against /^[0-9]{1,5}$/, so exporters that write them as
    strings ("majorVersion": "1") are accepted, as numbers are."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 0 <= value <= 99999
    return isinstance(value, str) and bool(VERSION_DIGITS.match(value))


def _check_dependencies(entry: str, field: str, value) -> None:
    if not isinstance(value, list):
        raise fail("bad_field", entry=entry, field=field)
    for item in value:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("machineName"), str)
            and MACHINE_NAME.match(item["machineName"])
            and _is_version(item.get("majorVersion"))
            and _is_version(item.get("minorVersion"))
        ):
            raise fail("bad_field", entry=entry, field=field)


def check_h5p_json(data, entry: str = "h5p.json") -> None:
    if not isinstance(data, dict):
        raise fail("bad_json", entry=entry)
    title = data.get("title")
    if not isinstance(title, str) or not 0 < len(title) <= 255:
        raise fail("bad_field", entry=entry, field="title")
    main = data.get("mainLibrary")
    if not isinstance(main, str) or not MAIN_LIBRARY.match(main):
        raise fail("bad_field", entry=entry, field="mainLibrary")
    if "language" in data and not (
        isinstance(data["language"], str) and LANGUAGE.match(data["language"])
    ):
        raise fail("bad_field", entry=entry, field="language")
    if "preloadedDependencies" not in data or not data["preloadedDependencies"]:
        raise fail("bad_field", entry=entry, field="preloadedDependencies")
    _check_dependencies(entry, "preloadedDependencies", data["preloadedDependencies"])
    embed = data.get("embedTypes")
    if not isinstance(embed, list) or not embed or not set(embed) <= EMBED_TYPES:
        raise fail("bad_field", entry=entry, field="embedTypes")
    names = {Dependency.from_json(d).machine_name for d in data["preloadedDependencies"]}
    if main not in names:
        raise fail("main_library_not_preloaded", entry=entry, field=main)


def _check_files(entry: str, field: str, value) -> None:
    if not isinstance(value, list) or not all(
        isinstance(item, dict) and isinstance(item.get("path"), str) and item["path"]
        for item in value
    ):
        raise fail("bad_field", entry=entry, field=field)


def check_library_json(data, entry: str) -> None:
    if not isinstance(data, dict):
        raise fail("bad_json", entry=entry)
    name = data.get("machineName")
    if not isinstance(name, str) or not MACHINE_NAME.match(name):
        raise fail("bad_field", entry=entry, field="machineName")
    title = data.get("title")
    if not isinstance(title, str) or not 0 < len(title) <= 255:
        raise fail("bad_field", entry=entry, field="title")
    for field in ("majorVersion", "minorVersion", "patchVersion"):
        if not _is_version(data.get(field)):
            raise fail("bad_field", entry=entry, field=field)
    if data.get("runnable", 0) not in (0, 1, True, False, "0", "1"):
        raise fail("bad_field", entry=entry, field="runnable")
    for field in ("preloadedJs", "preloadedCss"):
        if field in data:
            _check_files(entry, field, data[field])
    for field in ("preloadedDependencies", "dynamicDependencies", "editorDependencies"):
        if field in data:
            _check_dependencies(entry, field, data[field])


VERSION_FIELDS = ("majorVersion", "minorVersion", "patchVersion")
DEPENDENCY_FIELDS = ("preloadedDependencies", "dynamicDependencies", "editorDependencies")


def with_int_versions(data: dict) -> dict:
    """A checked h5p.json or library.json with its versions as numbers, so that "1" and 1
    are the same version everywhere after reading (comparison, storage, the player)."""
    data = dict(data)
    for field in VERSION_FIELDS:
        if field in data:
            data[field] = int(data[field])
    for field in DEPENDENCY_FIELDS:
        if isinstance(data.get(field), list):
            data[field] = [
                {**item, **{k: int(item[k]) for k in VERSION_FIELDS if k in item}}
                for item in data[field]
            ]
    return data

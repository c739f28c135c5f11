"""H5P packages built from the project's own library, good and malicious, and uploaded
content.

    data = question_package()                       # bytes of a valid .h5p
    version = H5PContentFactory()                   # installed + uploaded, ready to play
    data = malicious("zip_slip")                    # one of MALICIOUS
"""

import io
import json
import zipfile

from django.contrib.auth.models import Permission

from elearning.h5p import services
from elearning.h5p.package.builder import (
    QUESTION_LIBRARY,
    build_package,
    h5p_json_for,
    library_files,
    question,
)
from tests.factories.accounts import UserFactory

QUESTION = question(
    "<p>Ai có thể là nạn nhân của mua bán người?</p>",
    [("Chỉ người nghèo", False), ("Bất kỳ ai", True), ("Chỉ người nước ngoài", False)],
    l10n={"check": "Kiểm tra", "retry": "Làm lại", "correct": "Đúng rồi!", "wrong": "Chưa đúng."},
)
RIGHT_ANSWER = 1


def question_package(content=None, **kwargs) -> bytes:
    return build_package(content=content or QUESTION, title="Ai có thể là nạn nhân?", **kwargs)


def installer():
    """A user allowed to install H5P libraries (and to use the admin)."""
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        Permission.objects.get(codename="install_h5plibrary"),
        Permission.objects.get(codename="access_admin"),
    )
    return user


def upload(data=None, *, user=None, title="Ai có thể là nạn nhân?", content=None):
    return services.upload_package(
        data=data or question_package(),
        user=user or installer(),
        title=title,
        language="vi",
        licence="CC BY 4.0",
        content=content,
    )


def H5PContentFactory(**kwargs):
    return upload(**kwargs)


def _zip(entries) -> bytes:
    """entries: (name or ZipInfo, bytes) pairs, written as they are (duplicates too)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _valid_entries(extra=()):
    entries = list(zipfile.ZipFile(io.BytesIO(question_package())).infolist())
    source = zipfile.ZipFile(io.BytesIO(question_package()))
    return [(info.filename, source.read(info.filename)) for info in entries] + list(extra)


def _symlink() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("content/images/passwd.png")
    info.create_system = 3
    info.external_attr = 0o120777 << 16
    return info


def _changed_library() -> dict[str, bytes]:
    files = library_files(QUESTION_LIBRARY)
    name = f"{QUESTION_LIBRARY.name}/question.js"
    files[name] = files[name] + b"\nconsole.log('changed');\n"
    return files


def _bad_h5p_json() -> bytes:
    return question_package(h5p_json={"title": "x", "preloadedDependencies": []})


def _missing_dependency() -> bytes:
    meta = json.loads((QUESTION_LIBRARY / "library.json").read_text())
    meta["preloadedDependencies"] = [
        {"machineName": "H5P.NotInstalled", "majorVersion": 1, "minorVersion": 0}
    ]
    return question_package(
        extra={f"{QUESTION_LIBRARY.name}/library.json": json.dumps(meta).encode()}
    )


# name -> (bytes, the error code it must be refused with, the entry the message names)
def malicious(name: str) -> bytes:
    return MALICIOUS[name][0]()


MALICIOUS = {
    "zip_slip": (lambda: _zip(_valid_entries([("content/../../evil.json", b"{}")])), "parent_path", "content/../../evil.json"),
    "absolute": (lambda: _zip(_valid_entries([("/etc/evil.json", b"{}")])), "absolute_path", "/etc/evil.json"),
    "backslash": (lambda: _zip(_valid_entries([("content\\..\\evil.json", b"{}")])), "backslash", "content\\..\\evil.json"),
    "symlink": (lambda: _zip(_valid_entries([(_symlink(), b"/etc/passwd")])), "symlink", "content/images/passwd.png"),
    "duplicate": (lambda: _zip(_valid_entries([("content/content.json", b"{}")])), "duplicate", "content/content.json"),
    "bomb": (lambda: _zip(_valid_entries([("content/bomb.txt", b"\0" * (3 * 1024 * 1024))])), "ratio", "content/bomb.txt"),
    "js_in_content": (lambda: question_package(extra={"content/evil.js": b"alert(1)"}), "content_extension", "content/evil.js"),
    "svg_in_content": (lambda: question_package(extra={"content/images/evil.svg": b"<svg onload='alert(1)'/>"}), "content_extension", "content/images/evil.svg"),
    "html_in_library": (lambda: question_package(extra={f"{QUESTION_LIBRARY.name}/x.html": b"<script>"}), "library_extension", f"{QUESTION_LIBRARY.name}/x.html"),
    "bad_h5p_json": (_bad_h5p_json, "bad_field", "h5p.json"),
    "h5p_json_not_json": (lambda: question_package(extra={"h5p.json": b"{not json"}), "bad_json", "h5p.json"),
    "missing_dependency": (_missing_dependency, "missing_dependency", f"{QUESTION_LIBRARY.name}/library.json"),
    "not_a_zip": (lambda: b"this is not a zip file", "not_zip", ""),
    "library_overwrite": (lambda: question_package(extra=_changed_library()), "library_conflict", QUESTION_LIBRARY.name),
}  # fmt: skip


# --- What real exporters (the H5P Hub, Lumi) write, reproduced with our own library --------

LIBRARY_JSON = f"{QUESTION_LIBRARY.name}/library.json"


def library_json(**changes) -> dict:
    meta = json.loads((QUESTION_LIBRARY / "library.json").read_text("utf-8"))
    meta.update(changes)
    return meta


def reexported_library_json(**changes) -> bytes:
    """The same library.json as another exporter writes it: keys reversed, four-space indent."""
    meta = library_json(**changes)
    return json.dumps(dict(reversed(list(meta.items()))), indent=4).encode()


def hub_package(**changes) -> bytes:
    """Our question as the Hub exports libraries: README.md and a .diff beside the code."""
    return question_package(
        extra={
            f"{QUESTION_LIBRARY.name}/README.md": b"# Chung Tay question\n",
            f"{QUESTION_LIBRARY.name}/apply-when-upgrading.diff": b"--- a\n+++ b\n",
            **changes,
        }
    )


def lumi_package() -> bytes:
    """Versions as digit strings in h5p.json and library.json, library.json re-indented, and
    Lumi's marker file at the root."""
    meta = h5p_json_for(
        title="Ai có thể là nạn nhân?", libraries=[QUESTION_LIBRARY], main="H5P.ChungTayQuestion",
        language="vi",
    )  # fmt: skip
    for dependency in meta["preloadedDependencies"]:
        dependency["majorVersion"] = str(dependency["majorVersion"])
        dependency["minorVersion"] = str(dependency["minorVersion"])
    return question_package(
        h5p_json=meta,
        extra={
            LIBRARY_JSON: reexported_library_json(
                majorVersion="1", minorVersion="0", patchVersion="0"
            ),
            "H5P_CONTENT_HERE.txt": b"This is H5P content exported by Lumi.",
        },
    )


def post_xapi(client, token, statement, children=None):
    """What the player page posts for one statement of the frame."""
    from django.urls import reverse

    body = {"token": token, "statement": statement}
    if children is not None:
        body["children"] = children
    return client.post(reverse("h5p:xapi"), json.dumps(body), content_type="application/json")


def js_library(folder, machine_name, major, minor, script, *, title=None, dependencies=()):
    """A runnable library folder with one script, written for a test."""
    library = folder / f"{machine_name}-{major}.{minor}"
    library.mkdir()
    (library / "library.json").write_text(
        json.dumps(
            {
                "title": title or machine_name,
                "machineName": machine_name,
                "majorVersion": major,
                "minorVersion": minor,
                "patchVersion": 0,
                "runnable": 1,
                "preloadedJs": [{"path": "library.js"}],
                "preloadedDependencies": [
                    {"machineName": n, "majorVersion": a, "minorVersion": b}
                    for n, a, b in dependencies
                ],
            }
        )
    )
    (library / "library.js").write_text(script)
    return library

"""The pure-Python package reader: what it accepts, and every way it refuses."""

import io
import zipfile

import pytest

from elearning.h5p.package import Dependency, Limits, PackageError, read_package
from elearning.h5p.package.builder import QUESTION_LIBRARY, build_package, h5p_json_for
from tests.factories.h5p import MALICIOUS, QUESTION, question_package

# The duplicate-entry package is made on purpose.
pytestmark = pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")

QUESTION_LIB = Dependency("H5P.ChungTayQuestion", 1, 0)


def test_a_package_built_from_our_library_is_read_whole():
    package = read_package(question_package())
    assert package.title == "Ai có thể là nạn nhân?"
    assert package.main_library == QUESTION_LIB
    library = package.libraries[QUESTION_LIB]
    assert {"library.json", "semantics.json", "question.js", "question.css"} <= set(library.files)
    assert package.content_json == QUESTION


def test_entries_starting_with_a_dot_or_underscore_are_skipped_like_h5p_core_does():
    data = question_package(extra={"__MACOSX/._h5p.json": b"junk", "content/.DS_Store": b"x"})
    package = read_package(data)
    assert sorted(package.skipped) == ["__MACOSX/._h5p.json", "content/.DS_Store"]
    assert ".DS_Store" not in package.content_files


def test_media_in_content_is_accepted():
    package = read_package(question_package(extra={"content/images/photo.jpg": b"\xff\xd8jpeg"}))
    assert package.content_files["images/photo.jpg"] == b"\xff\xd8jpeg"


@pytest.mark.parametrize("name", [n for n in MALICIOUS if n != "library_overwrite"])
def test_malicious_packages_are_refused_naming_the_entry(name):
    data, code, entry = MALICIOUS[name][0](), *MALICIOUS[name][1:]
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert caught.value.code == code
    assert caught.value.entry == entry
    if entry:
        assert entry in str(caught.value)


def test_a_dependency_already_installed_need_not_be_shipped():
    meta = h5p_json_for(
        title="x", libraries=[QUESTION_LIBRARY], main=QUESTION_LIB.machine_name, language="vi"
    )
    data = build_package(content=QUESTION, libraries=[], h5p_json=meta)
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert caught.value.code == "missing_dependency"
    package = read_package(data, installed={QUESTION_LIB})
    assert package.libraries == {}


def test_too_many_files_and_too_large_files_are_refused():
    with pytest.raises(PackageError) as caught:
        read_package(question_package(), limits=Limits(max_files=3))
    assert caught.value.code == "too_many_files"
    with pytest.raises(PackageError) as caught:
        read_package(question_package(), limits=Limits(max_file_bytes=1000))
    assert caught.value.code == "file_too_large"
    with pytest.raises(PackageError) as caught:
        read_package(question_package(), limits=Limits(max_total_bytes=5000))
    assert caught.value.code == "total_too_large"


def test_a_header_that_lies_about_the_size_is_caught():
    data = bytearray(question_package(extra={"content/data.txt": b"a" * 5000}))
    archive = zipfile.ZipFile(io.BytesIO(bytes(data)))
    info = archive.getinfo("content/data.txt")
    # Patch the central directory's uncompressed size down to 10 bytes.
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(b"content/data.txt") + 1)
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert info.file_size == 5000
    with pytest.raises(PackageError) as caught:
        read_package(bytes(data))
    assert caught.value.code in {"size_mismatch", "corrupt"}


def test_preloaded_files_must_be_inside_their_library():
    import json

    meta = json.loads((QUESTION_LIBRARY / "library.json").read_text())
    meta["preloadedJs"] = [{"path": "../other/evil.js"}]
    data = question_package(
        extra={f"{QUESTION_LIBRARY.name}/library.json": json.dumps(meta).encode()}
    )
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert caught.value.code == "preloaded_outside"
    meta["preloadedJs"] = [{"path": "missing.js"}]
    data = question_package(
        extra={f"{QUESTION_LIBRARY.name}/library.json": json.dumps(meta).encode()}
    )
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert caught.value.code == "missing_preloaded"

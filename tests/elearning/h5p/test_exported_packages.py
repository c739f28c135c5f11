"""Packages as the H5P Hub and Lumi export them import unchanged (H5P core accepts them), and
the same library version arriving again is decided as H5P core decides it."""

import json

import pytest

from elearning.h5p.models import H5PContent, H5PLibrary
from elearning.h5p.package import PackageError, read_package
from tests.elearning.h5p.conftest import stored_files
from tests.factories.accounts import StaffFactory
from tests.factories.h5p import (
    LIBRARY_JSON,
    QUESTION_LIBRARY,
    hub_package,
    library_json,
    lumi_package,
    question_package,
    reexported_library_json,
    upload,
)

pytestmark = pytest.mark.django_db


def test_readme_and_diff_files_in_a_library_are_accepted_and_installed():
    version = upload(hub_package())
    library = H5PLibrary.objects.get()
    assert version.main_library == library
    assert f"{library.storage_prefix}README.md" in stored_files()
    assert f"{library.storage_prefix}apply-when-upgrading.diff" in stored_files()


def test_markdown_in_content_is_still_refused():
    with pytest.raises(PackageError) as caught:
        read_package(question_package(extra={"content/notes.md": b"# notes"}))
    assert caught.value.code == "content_extension"


def test_a_lumi_export_with_string_versions_and_a_root_file_imports():
    package = read_package(lumi_package())
    assert package.skipped == ["H5P_CONTENT_HERE.txt"]
    version = upload(lumi_package())
    library = version.main_library
    assert (library.major_version, library.minor_version, library.patch_version) == (1, 0, 0)


@pytest.mark.parametrize("value", ["01x", "-1", "1.0", "", "123456", True, None, 1.5])
def test_versions_that_are_not_one_to_five_digits_are_refused(value):
    data = question_package(extra={LIBRARY_JSON: json.dumps(library_json(minorVersion=value))})
    with pytest.raises(PackageError) as caught:
        read_package(data)
    assert (caught.value.code, caught.value.params["field"]) == ("bad_field", "minorVersion")


def test_the_same_version_exported_again_with_other_whitespace_keeps_the_installed_copy():
    first = upload()
    installed = H5PLibrary.objects.get()
    files = stored_files()
    second = upload(question_package(extra={LIBRARY_JSON: reexported_library_json()}))
    assert H5PLibrary.objects.get() == installed
    assert second.main_library == installed
    assert H5PContent.objects.count() == 2
    assert set(files) - {first.package.name} <= set(stored_files())


def test_a_real_difference_names_the_library_and_the_file():
    upload()
    changed = (QUESTION_LIBRARY / "question.css").read_bytes() + b"\n.x{}\n"
    before = (H5PLibrary.objects.count(), H5PContent.objects.count(), stored_files())
    with pytest.raises(PackageError) as caught:
        upload(question_package(extra={f"{QUESTION_LIBRARY.name}/question.css": changed}))
    assert caught.value.code == "library_conflict"
    assert caught.value.entry == QUESTION_LIBRARY.name
    assert "question.css" in str(caught.value) and "1.0.0" in str(caught.value)
    assert (H5PLibrary.objects.count(), H5PContent.objects.count(), stored_files()) == before


def test_a_changed_library_json_of_the_same_version_is_a_conflict():
    upload()
    data = question_package(extra={LIBRARY_JSON: json.dumps(library_json(title="Khác"))})
    with pytest.raises(PackageError) as caught:
        upload(data)
    assert caught.value.params["file"] == "library.json"


def test_a_higher_patch_is_installed_beside_and_played_a_lower_one_is_ignored():
    upload()
    newer = upload(question_package(extra={LIBRARY_JSON: json.dumps(library_json(patchVersion=2))}))
    assert newer.main_library.patch_version == 2
    assert H5PLibrary.objects.count() == 2
    older = upload(question_package(extra={LIBRARY_JSON: json.dumps(library_json(patchVersion=1))}))
    assert older.main_library.patch_version == 2
    assert H5PLibrary.objects.count() == 2


def test_an_editor_who_may_not_install_uses_the_installed_library():
    upload()  # an installer brings version 1.0.0
    editor = StaffFactory(is_superuser=False)
    data = question_package(extra={LIBRARY_JSON: json.dumps(library_json(patchVersion=3))})
    version = upload(data, user=editor, title="Của biên tập viên")
    assert version.main_library.patch_version == 0
    assert H5PLibrary.objects.count() == 1


def test_a_library_in_two_folders_is_refused():
    files = {
        f"H5P.ChungTayQuestion/{path.name}": path.read_bytes()
        for path in QUESTION_LIBRARY.iterdir()
    }
    with pytest.raises(PackageError) as caught:
        read_package(question_package(extra=files))
    assert caught.value.code == "duplicate"


def test_a_hub_export_of_an_installed_library_with_its_readme_is_the_same_library():
    upload()
    version = upload(hub_package())
    assert H5PLibrary.objects.count() == 1
    assert version.main_library == H5PLibrary.objects.get()

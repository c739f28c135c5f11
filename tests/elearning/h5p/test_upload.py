"""Uploading .h5p packages: what is stored, who may install libraries, and that a refused
package changes nothing in storage or database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from elearning.h5p.models import H5PContent, H5PContentVersion, H5PLibrary
from elearning.h5p.package import PackageError
from tests.elearning.h5p.conftest import stored_files
from tests.factories.accounts import StaffFactory, UserFactory
from tests.factories.h5p import MALICIOUS, installer, malicious, question_package, upload

pytestmark = [
    pytest.mark.django_db,
    # The duplicate-entry package is made on purpose.
    pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning"),
]


def counts():
    return (
        H5PLibrary.objects.count(),
        H5PContent.objects.count(),
        H5PContentVersion.objects.count(),
        stored_files(),
    )


def test_upload_installs_the_library_once_and_stores_the_files():
    version = upload()
    library = H5PLibrary.objects.get()
    assert str(library) == "H5P.ChungTayQuestion 1.0.0"
    files = stored_files()
    assert f"{library.storage_prefix}question.js" in files
    assert version.package.name in files
    assert version.main_library == library
    # A second content with the same library reuses it.
    upload(title="Câu hỏi khác")
    assert H5PLibrary.objects.count() == 1


def test_text_fields_of_content_json_are_sanitised_against_the_semantics():
    version = upload(
        question_package(
            {
                "question": "<p onclick='x()'>Câu <strong>hỏi</strong><script>alert(1)</script>"
                "<img src=x onerror=alert(1)></p>",
                "answers": [
                    {"text": "<b>Có</b>", "correct": True},
                    {"text": "Không", "correct": False},
                ],
                "l10n": {},
            }
        )
    )
    assert version.parameters["question"] == "<p>Câu <strong>hỏi</strong></p>"
    assert version.parameters["answers"][0]["text"] == "&lt;b&gt;Có&lt;/b&gt;"


def test_a_new_version_keeps_the_earlier_one():
    first = upload()
    second = upload(content=first.content)
    assert (first.number, second.number) == (1, 2)
    assert first.content.current_version == second
    assert H5PContentVersion.objects.filter(pk=first.pk).exists()


@pytest.mark.parametrize("name", sorted(MALICIOUS))
def test_malicious_packages_change_nothing(name):
    user = installer()
    if name == "library_overwrite":
        upload(user=user)
    before = counts()
    with pytest.raises(PackageError) as caught:
        upload(malicious(name), user=user)
    assert caught.value.code == MALICIOUS[name][1]
    assert counts() == before


def test_only_users_allowed_to_install_libraries_may_bring_new_ones():
    editor = StaffFactory(is_superuser=False)
    before = counts()
    with pytest.raises(PackageError) as caught:
        upload(user=editor)
    assert caught.value.code == "install_permission"
    assert counts() == before
    upload()  # an installer installs the library
    version = upload(user=editor, title="Của biên tập viên")
    assert version.content.created_by == editor


def test_the_admin_upload_form_refuses_in_vietnamese_and_english(client):
    admin = StaffFactory()
    client.force_login(admin)
    before = counts()
    response = client.post(
        reverse("wagtailsnippets_h5p_h5pcontent:add"),
        {
            "title": "Bài tập",
            "language": "vi",
            "licence": "",
            "package": SimpleUploadedFile("bad.h5p", malicious("js_in_content")),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Tệp “content/evil.js”" in text
    assert "files of type “.js” are not allowed in content" in text
    assert counts() == before


def test_the_admin_upload_form_creates_content(client):
    client.force_login(StaffFactory())
    response = client.post(
        reverse("wagtailsnippets_h5p_h5pcontent:add"),
        {
            "title": "Bài tập",
            "language": "vi",
            "licence": "CC BY 4.0",
            "package": SimpleUploadedFile("q.h5p", question_package()),
        },
    )
    assert response.status_code == 302
    content = H5PContent.objects.get()
    assert content.title == "Bài tập"
    assert content.current_version.number == 1


def test_a_learner_cannot_reach_the_upload_form(client):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailsnippets_h5p_h5pcontent:add"))
    assert response.status_code in (302, 403)


def test_installed_libraries_are_listed_and_cannot_be_edited_by_hand(client):
    upload()
    client.force_login(StaffFactory())
    response = client.get(reverse("h5p_libraries:index"))
    assert response.status_code == 200
    assert "H5P.ChungTayQuestion" in response.content.decode()
    assert client.get(reverse("h5p_libraries:add")).status_code in (302, 403)


def test_the_install_permission_can_be_given_to_a_group_in_the_admin(client):
    client.force_login(StaffFactory())
    response = client.get(reverse("wagtailusers_groups:add"))
    assert "Được cài đặt thư viện H5P" in response.content.decode()

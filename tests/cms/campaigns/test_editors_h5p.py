"""The demo editor group may upload H5P exercises that use installed libraries; bringing a
new library (JavaScript) still needs the separate install permission."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cms.campaigns.editorial import EDITORS, ensure_editorial_workflow
from elearning.h5p.models import H5PContent, H5PLibrary
from tests.factories.accounts import UserFactory
from tests.factories.h5p import hub_package, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, home_page):
    ensure_editorial_workflow(pages=[home_page])
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


def post_package(client, data):
    return client.post(
        reverse("wagtailsnippets_h5p_h5pcontent:add"),
        {
            "title": "Bài tập của biên tập viên",
            "language": "vi",
            "licence": "CC BY 4.0",
            "package": SimpleUploadedFile("hub.h5p", data),
        },
    )


def test_an_editor_uploads_content_using_installed_libraries(client, editor):
    upload()  # an administrator installed the library
    response = post_package(client, hub_package())
    assert response.status_code == 302
    content = H5PContent.objects.get(title="Bài tập của biên tập viên")
    assert content.created_by == editor
    assert H5PLibrary.objects.count() == 1


def test_an_editor_may_not_install_a_library(client, editor):
    response = post_package(client, hub_package())
    assert response.status_code == 200
    assert "bạn không có quyền cài đặt thư viện H5P" in response.content.decode()
    assert not H5PContent.objects.exists()
    assert not H5PLibrary.objects.exists()

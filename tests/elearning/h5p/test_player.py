"""The player frame and the files it loads: isolation headers, sanitised content, no way out
of the package; the lesson block gives a token (and saved state) to learners only."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from cms.learning.h5p_block import H5PBlock
from elearning.h5p import services, tokens
from tests.factories.accounts import LearnerFactory
from tests.factories.h5p import question_package, upload
from tests.factories.progress import learner_context_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def version():
    return upload(
        question_package(
            {
                "question": "<p>Câu hỏi<script>alert(1)</script></p>",
                "answers": [{"text": "Có", "correct": True}, {"text": "Không", "correct": False}],
                "l10n": {},
            }
        )
    )


def test_the_frame_is_isolated_by_its_headers_even_where_framing_is_denied(
    client, version, settings
):
    settings.X_FRAME_OPTIONS = "DENY"
    response = client.get(reverse("h5p:frame", args=[version.pk]))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    assert "frame-ancestors http://testserver" in csp  # the site's origin, named
    config = response.context["config"]
    assert config["objectIri"] == f"http://testserver/h5p/activity/{version.content_id}"


def test_files_are_served_for_an_opaque_origin_and_never_as_documents(client, version):
    url = reverse("h5p:files", args=[version.pk, "libraries/H5P.ChungTayQuestion-1.0/question.js"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"H5P.ChungTayQuestion" in response.content


def test_content_json_is_the_sanitised_one(client, version):
    response = client.get(reverse("h5p:files", args=[version.pk, "content/content.json"]))
    assert json.loads(response.content)["question"] == "<p>Câu hỏi</p>"


@pytest.mark.parametrize(
    "path",
    [
        "content/../../h5p/libraries/x",
        "libraries/H5P.Other-1.0/library.json",
        "libraries/../../etc/passwd",
        "elsewhere.json",
    ],
)
def test_nothing_outside_the_version_can_be_fetched(client, version, path):
    assert client.get(f"/h5p/files/{version.pk}/{path}").status_code == 404


def render_block(content, user=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.COOKIES = {}
    block = H5PBlock()
    value = block.to_python({"content": content.pk})
    return block.render(value, context={"request": request})


def test_the_block_gives_a_token_and_the_saved_state_to_a_learner(version):
    learner = LearnerFactory()
    context = learner_context_for(learner)
    token = tokens.issue(context=context, version=version)
    services.save_state(token=token, state='{"answer": 0, "checked": true}', context=context)
    html = render_block(version.content, learner)
    assert 'data-token="' in html and 'data-token=""' not in html
    assert "data-state=" in html and "&quot;answer&quot;: 0" in html
    assert f'data-frame-src="/h5p/embed/{version.pk}/"' in html


def test_a_visitor_who_is_not_counted_plays_without_saving(version):
    html = render_block(version.content)
    assert 'data-token=""' in html
    assert "Câu trả lời của bạn chưa được lưu" in html
    assert "cần JavaScript" in html  # readable without JavaScript


def test_a_new_version_does_not_restore_the_old_state(version):
    learner = LearnerFactory()
    context = learner_context_for(learner)
    token = tokens.issue(context=context, version=version)
    services.save_state(token=token, state='{"answer": 0}', context=context)
    upload(content=version.content)
    html = render_block(version.content, learner)
    assert "data-state=" not in html


def test_a_new_version_plays_from_the_next_view_on(version, django_capture_on_commit_callbacks):
    """The block keeps the content's current version until the content cache is emptied:
    an upload empties it (as a publication does), so lessons play the new one at once."""
    assert f'data-frame-src="/h5p/embed/{version.pk}/"' in render_block(version.content)
    with django_capture_on_commit_callbacks(execute=True):
        new = upload(content=version.content)
    assert f'data-frame-src="/h5p/embed/{new.pk}/"' in render_block(version.content)


def test_h5p_core_files_are_served_to_the_opaque_frame_with_cors(client):
    from django.urls import reverse

    response = client.get(reverse("h5p:core", args=["styles/h5p.css"]))
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(reverse("h5p:core", args=["../../manage.py"])).status_code == 404
    assert client.get(reverse("h5p:core", args=["missing.js"])).status_code == 404


def test_youtube_and_vimeo_sources_are_named_so_the_block_can_say_they_cannot_play():
    from elearning.h5p.selectors import external_video_sites

    parameters = {
        "interactiveVideo": {
            "video": {
                "files": [
                    {"path": "https://www.youtube.com/watch?v=abc", "mime": "video/YouTube"},
                    {"path": "https://vimeo.com/123", "mime": "video/Vimeo"},
                    {"path": "videos/local.mp4", "mime": "video/mp4"},
                    {"path": "https://evil.example/youtube.com/x", "mime": "video/mp4"},
                ]
            }
        }
    }
    assert external_video_sites(parameters=parameters) == ["Vimeo", "YouTube"]
    assert external_video_sites(parameters={"files": [{"path": "videos/a.mp4"}]}) == []

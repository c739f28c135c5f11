"""Headers: every page carries a Content-Security-Policy (scripts from the site only, no
plugins, no framing by others); the H5P frame keeps its own policy with the `sandbox`
directive, so content opened directly (not in our iframe) still gets an opaque origin."""

import pytest
from django.urls import reverse

from tests.factories.accounts import UserFactory
from tests.factories.h5p import upload

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = [part.strip().split(" ", 1) for part in header.split(";") if part.strip()]
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/signup/", "/certificates/", "/does-not-exist/"]
)
def test_every_learner_page_has_a_strict_policy(client, home_page, url):
    policy = directives(client.get(url))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # no inline script, no eval, no third party
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"


def test_the_admin_has_a_policy_too(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    policy = directives(client.get("/admin/"))
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'self'"


def test_the_h5p_frame_is_sandboxed_even_when_opened_directly(client):
    version = upload()
    response = client.get(reverse("h5p:frame", args=[version.pk]))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["sandbox"] == "allow-scripts"  # no allow-same-origin: an opaque origin
    assert policy["frame-ancestors"] == "http://testserver"  # only the site's pages frame it

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
    # No inline script (but the saved H5P frame's boot, by hash), no eval, no third party.
    sources = policy["script-src"].split()
    assert sources[:2] == ["'self'", "blob:"] and len(sources) == 3
    assert sources[2].startswith("'sha256-")
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


def test_the_saved_h5p_frame_runs_nothing_when_opened_directly(client):
    """The copy a phone keeps is shown by the lesson page as a sandboxed srcdoc; on its own,
    at its URL, it may run no script at all and has an opaque origin."""
    version = upload()
    response = client.get(reverse("h5p:frame_saved", args=[version.pk]))
    policy = directives(response)
    assert policy["default-src"] == "'none'" and "script-src" not in policy
    assert "sandbox" in policy


def test_learner_pages_allow_one_inline_script_the_saved_h5p_frames_boot(client, home_page):
    """A srcdoc frame inherits the page's policy: the boot of a saved H5P frame is allowed by
    its hash, and blob: (which only running script can make); nothing else inline."""
    import base64
    import hashlib

    from elearning.h5p.offline import BOOT_SCRIPT

    version = upload()
    html = client.get(reverse("h5p:frame_saved", args=[version.pk])).content.decode()
    assert f"<script>{BOOT_SCRIPT}</script>" in html  # the text the hash is of
    digest = base64.b64encode(hashlib.sha256(BOOT_SCRIPT.encode()).digest()).decode()
    sources = directives(client.get("/"))["script-src"].split()
    assert sorted(sources) == sorted(["'self'", "blob:", f"'sha256-{digest}'"])

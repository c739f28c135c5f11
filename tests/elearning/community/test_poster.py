"""The session's poster (A4, A3): opened with poppler's pdftotext for its Vietnamese text, and
rendered with pdftoppm and read by zbarimg (a real QR decoder) to prove the code leads to the
check-in page on the configured public address, whatever Host the officer's request named."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from elearning.community import checkin
from tests.factories.community import held, officer_of

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdftoppm", "pdfinfo", "zbarimg")),
    reason="needs poppler-utils and zbar-tools (apt-get install poppler-utils zbar-tools)",
)


@pytest.fixture
def officer(communes):
    return officer_of(communes[0])


@pytest.fixture
def session(officer, communes):
    return held(
        officer=officer, commune=communes[0], place="Nhà văn hoá thôn Đồng Quỹ", kind="talk"
    )


def _poster(client, session, size, tmp_path: Path) -> Path:
    response = client.get(reverse("community_sessions:poster", args=[session.pk, size]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / f"poster-{size}.pdf"
    path.write_bytes(response.content)
    return path


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize(("size", "paper"), [("a4", "(A4)"), ("a3", "(A3)")])
def test_the_poster_reads_and_its_qr_code_leads_to_the_public_check_in_page(
    officer, session, settings, tmp_path, size, paper
):
    settings.WAGTAILADMIN_BASE_URL = "https://chungtay.example.vn"
    client = Client(HTTP_HOST="evil.example")  # a forged or internal Host must not matter
    client.force_login(officer)
    pdf = _poster(client, session, size, tmp_path)

    assert paper in _run("pdfinfo", str(pdf))
    text = _run("pdftotext", "-layout", str(pdf), "-")
    for expected in (
        "ĐIỂM DANH",
        "Nói chuyện chuyên đề",
        "Nhà văn hoá thôn Đồng Quỹ",
        "https://chungtay.example.vn/check-in/",
        "Dưới 14 tuổi",
    ):
        assert expected in text, expected
    assert "evil.example" not in text
    assert session.checkin_code in text.replace(" ", "")  # spaced out in large type

    _run("pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "poster"))
    decoded = _run("zbarimg", "--quiet", "--raw", str(tmp_path / "poster.png")).strip()
    prefix = "https://chungtay.example.vn/check-in/"
    assert decoded.startswith(prefix) and decoded.endswith("/")
    assert checkin.session_id_from(decoded.removeprefix(prefix).strip("/")) == session.pk
    # And the link works: it opens this session's check-in page.
    page = Client().get(decoded.removeprefix("https://chungtay.example.vn"))
    assert page.status_code == 200 and "Nhà văn hoá thôn Đồng Quỹ" in page.content.decode()


def test_only_the_author_of_an_open_session_prints_its_poster(officer, session, communes):
    colleague = Client()
    colleague.force_login(officer_of(communes[0]))
    assert (
        colleague.get(reverse("community_sessions:poster", args=[session.pk, "a4"])).status_code
        == 404
    )
    author = Client()
    author.force_login(officer)
    assert (
        author.get(reverse("community_sessions:poster", args=[session.pk, "a5"])).status_code == 404
    )
    inspect = author.get(reverse("community_sessions:inspect", args=[session.pk])).content.decode()
    assert reverse("community_sessions:poster", args=[session.pk, "a3"]) in inspect

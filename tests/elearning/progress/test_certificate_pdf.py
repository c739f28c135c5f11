"""The certificate PDF as its holder opens it: pdftotext for the printed words, pdftoppm and
zbarimg (Debian's poppler-utils and zbar-tools) for what a phone reads from the QR code."""

import shutil
import subprocess

import pytest
from django.test import override_settings

from elearning.progress.models import Certificate
from tests.factories.accounts import LearnerFactory

pytestmark = pytest.mark.django_db

BASE = "https://chungtay.example.vn"


@pytest.fixture
def code(client, home_page) -> str:
    holder = LearnerFactory()
    client.force_login(holder)
    certificate = Certificate.objects.create(
        learner=holder,
        course=home_page,
        score=90,
        learner_name="Trần Minh",
        course_title="Pháp luật về mua bán người",
        agency="Công an xã Tân Lập",
    )
    return certificate.verification_code


def _pdf(client, code, **headers) -> bytes:
    response = client.get(f"/certificates/{code}/pdf/", **headers)
    assert response.status_code == 200
    return response.content


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(run.stdout.split())


def _qr(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(path), str(tmp_path / "page")], check=True)
    (image,) = tmp_path.glob("page*.png")
    run = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True
    )
    assert run.returncode == 0, "no QR code found on the certificate"
    return run.stdout.strip()


@override_settings(WAGTAILADMIN_BASE_URL=BASE + "/")
def test_a_forged_host_header_does_not_reach_the_printed_link(client, code, tmp_path):
    pdf = _pdf(client, code, HTTP_HOST="attacker.example", HTTP_X_FORWARDED_HOST="attacker.example")

    text = _text(pdf, tmp_path)
    assert "attacker.example" not in text
    assert f"{BASE}/certificates/{code}/" in text
    assert "Trần Minh" in text and code in text


@pytest.mark.skipif(not shutil.which("zbarimg"), reason="zbar-tools is not installed")
@override_settings(WAGTAILADMIN_BASE_URL=BASE)
def test_the_qr_code_leads_to_the_verification_page_on_the_site(client, code, tmp_path):
    pdf = _pdf(client, code, HTTP_HOST="attacker.example")

    assert _qr(pdf, tmp_path) == f"{BASE}/certificates/{code}/"

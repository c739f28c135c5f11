"""The campaign poster per commune: printed from the admin by an editor of the campaign or an
officer of the commune (others 403), opened with poppler's pdftotext and pdfinfo, its QR code
read by zbarimg (a real decoder) and followed as a cookieless guest: the scan is counted for
that commune and day, the guest's commune remembered, and the phone sent on to the clean URL.
Forged or out-of-area communes change nothing."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.campaigns import poster_scans
from cms.campaigns.models import CampaignPosterScan
from elearning.accounts.guest import COOKIE_NAME, read_guest_cookie
from tests.factories.accounts import UserFactory
from tests.factories.campaigns import SloganFactory, campaign_page
from tests.factories.community import officer_of

BASE = "https://chungtay.example.vn"
TOOLS = ("pdftotext", "pdftoppm", "pdfinfo", "zbarimg")
needs_tools = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in TOOLS),
    reason="needs poppler-utils and zbar-tools (apt-get install poppler-utils zbar-tools)",
)


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE


@pytest.fixture
def hostile_campaign(campaigns):
    """Editors' text with markup in it: a poster must print it as written."""
    slogan = SloganFactory(text="Chung tay <b>phòng</b>, chống <font size=40>mua bán</font> người")
    return campaign_page(
        index=campaigns, year=2026, slogans=[slogan], title="Chiến dịch <i>2026</i>"
    )


def poster_url(campaign):
    return reverse("campaign_poster", args=[campaign.pk])


def _run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _print(client, campaign, commune, size, tmp_path) -> Path:
    response = client.post(poster_url(campaign), {"commune": commune.code, "size": size})
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / f"poster-{size}.pdf"
    path.write_bytes(response.content)
    return path


@needs_tools
@pytest.mark.parametrize(("size", "paper"), [("a4", "(A4)"), ("a3", "(A3)")])
def test_an_editor_prints_a_poster_that_reads_and_scans_to_the_public_campaign_url(
    hostile_campaign, editor, communes, tmp_path, size, paper
):
    client = Client(HTTP_HOST="evil.example")  # a forged Host must not reach the poster
    client.force_login(editor)
    assert client.get(poster_url(hostile_campaign)).status_code == 200
    pdf = _print(client, hostile_campaign, communes[0], size, tmp_path)

    assert paper in _run("pdfinfo", str(pdf))
    text = _run("pdftotext", str(pdf), "-")
    flat = " ".join(text.split())
    for expected in (
        "Chung tay <b>phòng</b>, chống <font size=40>mua bán</font> người",  # as written
        "Chiến dịch <i>2026</i>",
        "Đường dây nóng 111",
        "Quét mã bằng camera điện thoại",
        communes[0].name,
    ):
        assert expected in flat, expected
    assert "evil.example" not in text

    _run("pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(tmp_path / "poster"))
    decoded = _run("zbarimg", "--quiet", "--raw", str(tmp_path / "poster.png")).strip()
    assert decoded == f"{BASE}{hostile_campaign.url}?xa={communes[0].code}"


def test_a_cookieless_guest_scanning_gets_the_commune_and_one_scan_is_counted(campaign, communes):
    phone = Client()
    path = poster_scans.poster_url(campaign=campaign, commune=communes[1]).removeprefix(BASE)
    response = phone.get(path)
    assert response.status_code == 302
    assert response["Location"] == campaign.url  # the clean URL, which the page cache serves
    assert "no-store" in response["Cache-Control"]
    scan = CampaignPosterScan.objects.get()
    assert (scan.page_id, scan.commune_id, scan.day, scan.scans) == (
        campaign.pk,
        communes[1].pk,
        timezone.localdate(),
        1,
    )
    remembered = phone.cookies[COOKIE_NAME]
    choice = read_guest_cookie(type("R", (), {"COOKIES": {COOKIE_NAME: remembered.value}}))
    assert choice.commune_id == communes[1].pk and choice.age_band == ""
    # The guest page asks only the age now: the commune is already chosen.
    assert communes[1].code in phone.get(reverse("accounts_guest")).content.decode()

    assert phone.get(path).status_code == 302  # a second scan: counted, the key kept
    assert CampaignPosterScan.objects.get().scans == 2
    assert phone.cookies[COOKIE_NAME].value == remembered.value
    assert phone.get(campaign.url).status_code == 200  # the page itself, as usual


def test_a_guest_who_chose_a_commune_keeps_it(campaign, communes):
    from tests.factories.accounts import sign_in_as_guest

    phone = Client()
    sign_in_as_guest(phone, commune=communes[0], age_band="18-24")
    before = phone.cookies[COOKIE_NAME].value
    phone.get(f"{campaign.url}?xa={communes[2].code}")
    assert phone.cookies[COOKIE_NAME].value == before
    assert CampaignPosterScan.objects.get().commune_id == communes[2].pk


@pytest.mark.parametrize("code", ["99999", "", "<script>", "1' OR 1=1"])
def test_a_forged_commune_code_counts_nothing_and_sets_nothing(campaign, communes, code):
    phone = Client()
    response = phone.get(campaign.url, {"xa": code})
    assert response.status_code == 302 and response["Location"] == campaign.url
    assert not CampaignPosterScan.objects.exists()
    assert COOKIE_NAME not in phone.cookies


def test_a_commune_outside_a_regional_campaign_counts_nothing(
    campaigns, communes, hanoi_commune, ninh_binh
):
    regional = campaign_page(index=campaigns, year=2025, region=ninh_binh, slug="ninh-binh")
    Client().get(regional.url, {"xa": hanoi_commune.code})
    assert not CampaignPosterScan.objects.exists()
    Client().get(regional.url, {"xa": communes[0].code})
    assert CampaignPosterScan.objects.get().commune_id == communes[0].pk


def test_an_officer_prints_for_their_commune_only(campaign, communes, hanoi_commune):
    officer = officer_of(communes[0])
    client = Client()
    client.force_login(officer)
    form = client.get(poster_url(campaign))
    assert form.status_code == 200
    page = form.content.decode()
    assert communes[0].name in page and communes[1].name not in page
    assert (
        client.post(poster_url(campaign), {"commune": communes[0].code, "size": "a3"})[
            "Content-Type"
        ]
        == "application/pdf"
    )

    for code in (communes[1].code, hanoi_commune.code):
        refused = client.post(poster_url(campaign), {"commune": code, "size": "a4"})
        assert refused.status_code == 400
        assert "nằm ngoài địa bàn của bạn" in refused.content.decode()
    unknown = client.post(poster_url(campaign), {"commune": "99999", "size": "a4"})
    assert unknown.status_code == 400
    assert "Không có xã, phường nào có mã này" in unknown.content.decode()
    bad_size = client.post(poster_url(campaign), {"commune": communes[0].code, "size": "a0"})
    assert bad_size.status_code == 400 and "Hãy chọn A4 hoặc A3" in bad_size.content.decode()
    assert not CampaignPosterScan.objects.exists()
    # Officers reach the campaigns from their menu.
    listing = client.get(reverse("campaign_posters")).content.decode()
    assert poster_url(campaign) in listing


def test_someone_with_neither_the_page_nor_an_area_is_refused(campaign, communes):
    staff = UserFactory()
    from django.contrib.auth.models import Permission

    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(staff)
    # Wagtail's admin answers a refusal by sending the user to the dashboard with its message.
    for response in (
        client.get(poster_url(campaign)),
        client.post(poster_url(campaign), {"commune": communes[0].code, "size": "a4"}),
        client.get(reverse("campaign_posters")),
    ):
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert (
        client.post(poster_url(campaign), {"commune": communes[0].code}, follow=True).status_code
        == 200
    )


def test_an_unpublished_campaign_prints_no_poster(campaigns, editor, communes):
    draft = campaign_page(index=campaigns, year=2027, publish=False, slug="nhap")
    client = Client()
    client.force_login(editor)
    response = client.post(poster_url(draft), {"commune": communes[0].code, "size": "a4"})
    assert response.status_code == 400
    assert "Hãy xuất bản chiến dịch trước" in response.content.decode()


def test_the_editor_finds_the_action_on_the_page_and_sees_scans_with_small_counts_hidden(
    client, campaign, editor, communes
):
    client.force_login(editor)
    explorer = client.get(reverse("wagtailadmin_explore", args=[campaign.get_parent().pk]))
    assert poster_url(campaign) in explorer.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk]))
    assert poster_url(campaign) in edit.content.decode()

    for _ in range(7):
        Client().get(campaign.url, {"xa": communes[0].code})
    for _ in range(2):
        Client().get(campaign.url, {"xa": communes[1].code})
    page = client.get(poster_url(campaign)).content.decode()
    assert "<td>7</td>" not in page  # 2 is hidden, so 7 is too (the total would give it away)
    assert page.count("&lt;5") >= 2
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lượt quét áp phích chiến dịch" in dashboard and "<td>7</td>" in dashboard
    assert "&lt;5" in dashboard  # the 2; no total beside them, so the 7 may show


def test_scripted_scans_from_one_address_stop_counting_at_the_limit(campaign, communes):
    from allauth.core.internal.ratelimit import parse_rates
    from django.conf import settings

    allowed = parse_rates(settings.CLIENT_RATE_LIMITS["campaign_poster_scan"])[0].amount
    for _ in range(allowed + 15):
        scan = Client(REMOTE_ADDR="203.0.113.7").get(campaign.url, {"xa": communes[0].code})
        assert scan.status_code == 302 and scan["Location"] == campaign.url  # never refused
    assert CampaignPosterScan.objects.get().scans == allowed
    Client(REMOTE_ADDR="198.51.100.20").get(campaign.url, {"xa": communes[0].code})
    assert CampaignPosterScan.objects.get().scans == allowed + 1

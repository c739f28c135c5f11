"""A campaign's poster for one commune (A4 or A3 PDF), for the commune hall, the market or the
school gate: the campaign, its slogan, the hotline, and a QR code to the campaign page that
counts the scan for that commune (poster_scans.py). In the campaign page's language, whatever
the admin's; drawn with the site's poster kit (common/pdf_poster.py)."""

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import white
from reportlab.lib.units import mm

from common.pdf_fonts import FONT, FONT_BOLD
from common.pdf_poster import HEIGHT, RED, WIDTH, band, centred, draw_qr, footer, render

from .poster_scans import poster_url
from .selectors import campaign_slogans

QR_SIZE = 105 * mm


def _slogan(campaign) -> str:
    slogans = campaign_slogans(campaign=campaign)
    return slogans[0].text if slogans else campaign.theme


def _place(commune) -> str:
    province = commune.province or commune.parent
    return f"{commune.name}, {province.name}" if province else commune.name


def _draw(pdf, *, campaign, commune, hotline) -> None:
    band(pdf, height=30 * mm)
    caption = _("30/7 · Day for all people against human trafficking")
    centred(pdf, caption.upper(), FONT_BOLD, 22, HEIGHT - 9 * mm, colour=white, max_lines=2)

    y = centred(pdf, campaign.title, FONT_BOLD, 26, HEIGHT - 40 * mm, min_size=18, max_lines=2)
    slogan = _slogan(campaign)
    if slogan:  # large: read from across the hall, wrapped rather than shrunk
        y = centred(pdf, f"“{slogan}”", FONT_BOLD, 34, y - 6 * mm, colour=RED, min_size=24)

    qr_top = min(y - 8 * mm, HEIGHT - 80 * mm)
    url = poster_url(campaign=campaign, commune=commune)
    draw_qr(pdf, url, x=(WIDTH - QR_SIZE) / 2, y=qr_top - QR_SIZE, size=QR_SIZE)
    y = qr_top - QR_SIZE - 2 * mm
    y = centred(pdf, _("Scan with your phone's camera to learn more"), FONT_BOLD, 18, y)
    y = centred(pdf, _("For the people of %(place)s") % {"place": _place(commune)}, FONT, 15, y)

    if hotline.hotline_number:
        y = centred(
            pdf,
            _("Hotline %(number)s") % {"number": hotline.hotline_number},
            FONT_BOLD,
            40,
            y - 8 * mm,
            colour=RED,
        )
        centred(pdf, hotline.hotline_label, FONT, 15, y)
    lines = [_("Free to learn, no account needed. Nobody's name is asked.")]
    if hotline.emergency_number:
        lines.insert(0, _("Emergency (police): %(number)s") % {"number": hotline.emergency_number})
    footer(pdf, lines, size=12)


def render_campaign_poster(*, campaign, commune, hotline, size: str = "a4") -> bytes:
    """`hotline`: the site's settings (hotline_number, hotline_label, emergency_number)."""
    with translation.override(campaign.locale.language_code):
        title = _("Poster: %(campaign)s · %(commune)s") % {
            "campaign": campaign.title,
            "commune": commune.name,
        }
        return render(
            size,
            title=title,
            draw=lambda pdf: _draw(pdf, campaign=campaign, commune=commune, hotline=hotline),
        )

"""The session's poster for the hall's wall or door (A4 or A3 PDF): what the session is, when
and where, its QR code large enough to scan from a few steps away, and the short code to type
for a phone whose camera cannot. Drawn with the site's poster kit (common/pdf_poster.py). The
QR code's link is on the site's configured public address (checkin.checkin_url), never the
request's Host."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib.colors import white
from reportlab.lib.units import mm

from common.pdf_fonts import FONT, FONT_BOLD
from common.pdf_poster import HEIGHT, RED, SIZES, WIDTH, band, centred, draw_qr, footer, render

from . import checkin
from .models import CommunitySession

__all__ = ["SIZES", "render_poster", "title_of", "when_of"]

QR_SIZE = 120 * mm


def title_of(session: CommunitySession) -> str:
    """The kind, and the course or campaign it used when there is one."""
    page = session.course or session.campaign
    kind = session.get_kind_display()
    return f"{kind}: {page.title}" if page else str(kind)


def when_of(session: CommunitySession) -> str:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{starts:%H:%M}–{ends:%H:%M} · {date_format(starts, 'l d/m/Y')}"


def _draw(pdf, session: CommunitySession) -> None:
    band(pdf, height=34 * mm)
    centred(pdf, _("CHECK IN"), FONT_BOLD, 44, HEIGHT - 8 * mm, colour=white)

    y = centred(pdf, title_of(session), FONT_BOLD, 30, HEIGHT - 42 * mm)
    y = centred(pdf, when_of(session), FONT_BOLD, 22, y - 2 * mm, colour=RED)
    y = centred(pdf, f"{session.place} · {session.commune}", FONT, 18, y - 1 * mm)

    qr_top = min(y - 6 * mm, HEIGHT - 80 * mm)
    url = checkin.checkin_url(session.pk)
    draw_qr(pdf, url, x=(WIDTH - QR_SIZE) / 2, y=qr_top - QR_SIZE, size=QR_SIZE)
    y = qr_top - QR_SIZE - 2 * mm
    y = centred(pdf, _("Scan with your phone's camera"), FONT_BOLD, 18, y)
    y = centred(
        pdf, _("or open %(url)s and type the code:") % {"url": checkin.code_url()}, FONT, 14, y
    )
    centred(pdf, " ".join(session.checkin_code), FONT_BOLD, 46, y - 1 * mm, colour=RED)
    footer(
        pdf,
        [
            _("No name or phone number is asked. One check-in per phone."),
            _("Under 14? You do not need to check in: the officer counts you."),
        ],
    )


def render_poster(session: CommunitySession, *, size: str = "a4") -> bytes:
    # Participants read Vietnamese whatever the officer's admin language.
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Check in: %(title)s") % {"title": title_of(session)}
        return render(size, title=title, draw=lambda pdf: _draw(pdf, session))

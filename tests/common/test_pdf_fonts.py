"""Every PDF registers the same four faces as one family, whichever document is made first
(the certificate used to register two faces, and a report made after it failed on italics)."""

from reportlab.lib.fonts import ps2tt, tt2ps

from common.pdf_fonts import FONT, FONT_BOLD_ITALIC, FONT_ITALIC, register_fonts


def test_the_four_faces_are_one_family():
    register_fonts()
    register_fonts()  # a second document in the same process
    assert ps2tt(FONT_ITALIC) == (FONT.lower(), 0, 1)
    assert tt2ps(FONT, 1, 1) == FONT_BOLD_ITALIC

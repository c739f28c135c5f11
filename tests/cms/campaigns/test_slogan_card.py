import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from cms.campaigns.cards import HEIGHT, WIDTH, render_card
from cms.campaigns.services import slogan_card_url
from tests.factories.campaigns import SloganFactory

pytestmark = pytest.mark.django_db

VIETNAMESE = "Phòng, chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và xã hội"


def test_the_card_is_a_1200_by_630_png():
    png = render_card(text=VIETNAMESE, caption="30/7", footer="Chung Tay · 2017")
    image = Image.open(io.BytesIO(png))
    assert (image.format, image.size) == ("PNG", (WIDTH, HEIGHT)) == ("PNG", (1200, 630))


def test_the_font_draws_every_vietnamese_letter():
    """DejaVu has a real glyph for each letter with diacritics, not the empty box drawn for a
    missing one."""
    from cms.campaigns.cards import font

    face = font("DejaVuSans-Bold.ttf", 60)
    missing_glyph = bytes(face.getmask("\ue000"))  # a private-use code point: no glyph
    for letter in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐƯỨỘ":
        assert bytes(face.getmask(letter)) != missing_glyph, letter


def test_the_card_is_drawn_once_and_reused():
    slogan = SloganFactory(text=VIETNAMESE, year=2017)
    first = slogan_card_url(slogan=slogan, hotline="111")
    name = first.removeprefix(default_storage.base_url)
    modified = default_storage.get_modified_time(name)
    second = slogan_card_url(slogan=slogan, hotline="111")
    assert first == second
    assert default_storage.get_modified_time(name) == modified


def test_an_edited_slogan_gets_a_new_card():
    slogan = SloganFactory(text=VIETNAMESE, year=2017)
    before = slogan_card_url(slogan=slogan)
    slogan.text = "Chung tay phòng, chống mua bán người"
    slogan.save()
    assert slogan_card_url(slogan=slogan) != before


@pytest.mark.parametrize("words", [3, 14, 60])
def test_short_and_long_slogans_stay_inside_the_text_box(words):
    from cms.campaigns.cards import fit, line_height

    text = " ".join(["người"] * words)
    face, lines = fit(text, 1040, 440)
    assert lines
    assert len(lines) * line_height(face) <= 440
    assert all(face.getlength(line) <= 1040 for line in lines)

"""The shareable slogan card: a 1200×630 PNG (the size Facebook and Zalo show large), drawn
with the DejaVu fonts, which have every Vietnamese letter with its diacritics."""

import hashlib
import io
import unicodedata
from functools import cache

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BAND = 110  # the dark footer band
# Part of the cache key: change it whenever the drawing below changes.
DESIGN = "card-v2"
RED, RED_DARK, WHITE, CREAM = (179, 38, 30), (140, 29, 24), (255, 255, 255), (255, 236, 179)
LARGEST, SMALLEST, MAX_LINES = 76, 40, 5


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(settings.FONT_DIR / name), size)


def card_key(*, text: str, caption: str, footer: str) -> str:
    raw = "\x1f".join([DESIGN, normalise(text), caption, footer])
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def normalise(text: str) -> str:
    # Composed form: one glyph per letter ("ệ"), as the font draws them best.
    return unicodedata.normalize("NFC", " ".join(text.split()))


def wrap(text: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and face.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def fit(text: str, width: int, height: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the slogan fits the box in at most MAX_LINES lines."""
    for size in range(LARGEST, SMALLEST - 1, -4):
        face = font("DejaVuSans-Bold.ttf", size)
        lines = wrap(text, face, width)
        fits_across = all(face.getlength(line) <= width for line in lines)
        if len(lines) <= MAX_LINES and fits_across and len(lines) * line_height(face) <= height:
            return face, lines
    face = font("DejaVuSans-Bold.ttf", SMALLEST)
    return face, wrap(text, face, width)[: height // line_height(face)]


def line_height(face: ImageFont.FreeTypeFont) -> int:
    # Room above each line for stacked marks (Ế, Ộ) and below for the dot of "ạ".
    return int(face.size * 1.32)


def render_card(*, text: str, caption: str, footer: str) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), RED)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, HEIGHT - BAND, WIDTH, HEIGHT], fill=RED_DARK)
    draw.rectangle([MARGIN, 70, MARGIN + 120, 78], fill=CREAM)

    caption_face = font("DejaVuSans-Bold.ttf", 30)
    draw.text((MARGIN, 100), normalise(caption), font=caption_face, fill=CREAM)

    text_top, text_bottom = 150, HEIGHT - BAND - 20
    face, lines = fit(normalise(text), WIDTH - 2 * MARGIN, text_bottom - text_top)
    step = line_height(face)
    top = text_top + (text_bottom - text_top - step * len(lines)) // 2
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * step), line, font=face, fill=WHITE)

    footer_face = font("DejaVuSans.ttf", 30)
    draw.text(
        (MARGIN, HEIGHT - BAND // 2), normalise(footer), font=footer_face, fill=WHITE, anchor="lm"
    )

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()

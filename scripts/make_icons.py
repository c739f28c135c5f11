"""Draw the site's icons in its colours (the brand's two linked rings, white on red): the
favicon, the home-screen icons and the SVG. Run once after changing the design:
    .venv/bin/python scripts/make_icons.py"""

from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
RED, WHITE = (179, 38, 30, 255), (255, 255, 255, 255)
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
<rect width="32" height="32" rx="7" fill="#b3261e"/>\
<g fill="none" stroke="#fff" stroke-width="2.6"><circle cx="12.5" cy="16" r="6.5"/>\
<circle cx="19.5" cy="16" r="6.5"/></g></svg>
"""


def draw(size: int, *, rounded: bool = True, safe_zone: float = 1.0) -> Image.Image:
    """safe_zone < 1 shrinks the rings towards the centre: a maskable icon's launcher may cut
    away everything outside the central circle of 80% of its width."""
    scale = 4  # drawn large, then shrunk: smooth edges
    big = size * scale
    unit = big / 32
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=7 * unit if rounded else 0, fill=RED)
    width = round(2.6 * unit * safe_zone)
    for cx in (12.5, 19.5):
        r = 6.5 * unit * safe_zone
        x, y = (16 + (cx - 16) * safe_zone) * unit, 16 * unit
        pen.ellipse((x - r, y - r, x + r, y + r), outline=WHITE, width=width)
    return image.resize((size, size), Image.LANCZOS)


def main():
    icons = ROOT / "static" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    (icons / "icon.svg").write_text(SVG)
    # Home-screen icons are square: the phone rounds their corners itself.
    draw(180, rounded=False).save(icons / "apple-touch-icon.png", optimize=True)
    draw(192, rounded=False).save(icons / "icon-192.png", optimize=True)
    draw(512, rounded=False).save(icons / "icon-512.png", optimize=True)
    for size in (192, 512):  # the web app manifest's "maskable" icons
        maskable = draw(size, rounded=False, safe_zone=0.7)
        maskable.save(icons / f"icon-maskable-{size}.png", optimize=True)
    root = ROOT / "static" / "root"  # served at the site's root (WHITENOISE_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    draw(48).save(root / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()

"""Plain ASCII slugs from Vietnamese titles: "Tháng hành động 2027" → thang-hanh-dong-2027.

A Unicode slug becomes `th%C3%A1ng-h%C3%A0nh-…` once pasted into Zalo or an SMS. Django's
ASCII slugify drops "đ" (it has no decomposition), so the Vietnamese letters are mapped first,
in Python for every save and in the admin's slug field (Wagtail's SlugInput formatters) for what
an editor sees while typing the title."""

import unicodedata

from django.utils.text import slugify

# Each ASCII letter and the Vietnamese letters (with the five tones) that read as it.
VIETNAMESE_LETTERS = {
    "a": "àáảãạăằắẳẵặâầấẩẫậ",
    "e": "èéẻẽẹêềếểễệ",
    "i": "ìíỉĩị",
    "o": "òóỏõọôồốổỗộơờớởỡợ",
    "u": "ùúủũụưừứửữự",
    "y": "ỳýỷỹỵ",
    "d": "đ",
}
_TABLE = str.maketrans(
    {
        letter: ascii_letter
        for ascii_letter, letters in VIETNAMESE_LETTERS.items()
        for letter in letters
    }
    | {
        letter.upper(): ascii_letter.upper()
        for ascii_letter, letters in VIETNAMESE_LETTERS.items()
        for letter in letters
    }
)


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_TABLE)


def ascii_slug(text: str) -> str:
    return slugify(ascii_text(text), allow_unicode=False)


def js_formatters() -> list[tuple[str, str]]:
    """Regex replacements for Wagtail's slug controller, run before it slugifies."""
    formatters = []
    for ascii_letter, letters in VIETNAMESE_LETTERS.items():
        formatters.append((f"[{letters}]", ascii_letter))
        formatters.append((f"[{letters.upper()}]", ascii_letter.upper()))
    return formatters


def available_slug(*, page, slug: str) -> str:
    """`slug`, or `slug-2`, `slug-3`… when a sibling of `page` already has it."""
    parent = page.get_parent() if page.path else getattr(page, "_cached_parent_obj", None)
    if parent is None:
        return slug
    candidate, suffix = slug, 1
    while not page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{slug}-{suffix}"
    return candidate

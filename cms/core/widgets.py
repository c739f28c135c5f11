from django import forms
from wagtail.admin.widgets import SlugInput

from .slugs import ascii_slug, js_formatters


class AsciiSlugInput(SlugInput):
    """Wagtail's slug field, with Vietnamese letters mapped to ASCII before it slugifies (its
    own transliteration tables have no Vietnamese: "đ" and "ư" were dropped)."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*js_formatters(), *(formatters or [])]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)


class AsciiSlugField(forms.SlugField):
    """A slug typed with Vietnamese letters (or sent without the script) is stored as ASCII,
    and checked for uniqueness as such."""

    widget = AsciiSlugInput

    def to_python(self, value):
        value = super().to_python(value)
        return ascii_slug(value) if value and not value.isascii() else value

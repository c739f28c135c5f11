from django.utils.translation import get_language
from django.utils.translation import gettext as _


def describe(error) -> str:
    """A rejection in the active language, with the English original beside it so an editor
    can search H5P's (English) documentation."""
    translated = error.message(_)
    english = error.message()
    if (get_language() or "").startswith("en") or translated == english:
        return english
    return f"{translated} ({english})"

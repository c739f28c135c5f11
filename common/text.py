import re

from unidecode import unidecode

_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case ASCII form used for diacritic-insensitive matching ("Ba Đình" -> "ba dinh")."""
    return " ".join(unidecode(text or "").lower().split())


def search_words(*texts: str) -> list[str]:
    """The words a site search matches: letters and digits of the normalised text, every other
    character a separator ("793/QĐ-TTg, mua bán người" -> 793 qd ttg mua ban nguoi). Indexed
    text and typed queries both go through it, so diacritics, case, punctuation and markup
    never decide a match, on any database."""
    return _WORD.findall(normalise(" ".join(text for text in texts if text)))

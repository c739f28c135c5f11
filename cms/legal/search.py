"""Diacritic- and case-insensitive matching for the legal library, the same on every database:
each document stores its words in lower-case ASCII ("Mua bán người" -> " mua ban nguoi"), and a
search word matches the start of a stored word."""

import re

from common.text import normalise

# Letters, digits and the "/" and "-" inside numbers such as "793/QĐ-TTg" make a word.
_NOT_WORD = re.compile(r"[^\w/-]+")


def words(text: str) -> list[str]:
    return [word.strip("/-") for word in _NOT_WORD.sub(" ", normalise(text)).split()]


def number_pieces(number: str) -> list[str]:
    """ "793/QĐ-TTg" is found by "793/qd-ttg", "793", "qd-ttg", "qd" and "ttg"."""
    number = normalise(number)
    pieces = [number, *number.split("/"), *re.split(r"[/-]", number)]
    return [piece for piece in dict.fromkeys(pieces) if piece]


def search_text(*, number: str, texts: list[str]) -> str:
    tokens = number_pieces(number) + [word for text in texts for word in words(text)]
    return " " + " ".join(token for token in tokens if token) + " "


def search_terms(query: str) -> list[str]:
    return [word for word in words(query) if word]

"""Vietnamese mobile numbers, stored in one form (+84 and nine digits) so that "0912 345 678",
"0912.345.678" and "+84912345678" are the same number at sign-up and at sign-in."""

import re

_SEPARATORS = re.compile(r"[\s.\-()]")
_VIETNAMESE = re.compile(r"^(?:\+?84|0)(\d{9})$")


def normalise_phone(text: str) -> str | None:
    """ "+84912345678" for any usual way of writing a Vietnamese number, else None."""
    match = _VIETNAMESE.match(_SEPARATORS.sub("", text or ""))
    return f"+84{match.group(1)}" if match else None

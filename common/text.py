from unidecode import unidecode


def normalise(text: str) -> str:
    """Lower-case ASCII form used for diacritic-insensitive matching ("Ba Đình" -> "ba dinh")."""
    return " ".join(unidecode(text or "").lower().split())

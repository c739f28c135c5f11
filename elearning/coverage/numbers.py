"""Numbers as Vietnamese readers write them: "1.234", "24,1" — in the tables, the map, the
charts and every document."""


def vn_number(value, *, decimals: int | None = None) -> str:
    """A number in Vietnamese format; text (such as "<5") and None ("") pass through."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if decimals is None:
        decimals = 0 if isinstance(value, int) or float(value).is_integer() else 1
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")

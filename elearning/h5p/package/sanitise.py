"""Sanitise content parameters against the semantics of their library, as H5P core's
`H5PContentValidator` does: HTML text fields keep only the tags the field allows, plain text
is escaped, numbers, booleans and selects must be what they say, sub-content is checked
against its own library. Strings the semantics do not describe are stripped of all markup."""

import html
import re
from collections.abc import Callable

import nh3

# H5P core's validateText: every rich-text field keeps div, span, p and br, plus the tags its
# semantics list and those they imply.
ALWAYS_TAGS = {"div", "span", "p", "br"}
DERIVED_TAGS = {
    "table": {"tr", "td", "th", "colgroup", "col", "thead", "tbody", "tfoot", "caption",
              "figure", "figcaption"},
    "ul": {"li"},
    "ol": {"li"},
    "b": {"strong"},
    "i": {"em"},
    "strong": {"b"},
    "em": {"i"},
    "del": {"s"},
    "strike": {"s"},
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "target", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan"}}
STYLEABLE = {"span", "p", "div", "h1", "h2", "h3", "table", "col", "figure", "td", "th", "li"}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

Semantics = list[dict]
SemanticsFor = Callable[[str], Semantics | None]

# Style declarations H5P core allows, each matched whole: alignment everywhere, font
# settings the field enables, and table styling where tables are allowed.
COLOUR = r"(#[a-f0-9]{3}[a-f0-9]{3}?|rgba?\([0-9, ]+\)|hsla?\([0-9,.% ]+\))"
LENGTH = r"[0-9.]+(em|px|%|)"
BORDER = r"(none|solid|dotted|dashed|double|groove|ridge|inset|outset)"
ALIGN = [r"text-align: *(center|left|right)"]
FONT = {
    "size": [r"font-size: *[0-9.]+(em|px|%) *"],
    "family": [r"font-family: *[-a-z0-9,'&; ]+"],
    "color": [rf"color: *{COLOUR} *"],
    "background": [rf"background-color: *{COLOUR} *"],
    "spacing": [r"letter-spacing: *[0-9.]+(em|px|%) *"],
    "height": [rf"line-height: *{LENGTH} *"],
}
TABLE = [
    rf"border: *{LENGTH} *{BORDER} *{COLOUR} *", rf"border-style: *{BORDER} *",
    rf"border-width: *{LENGTH} *", rf"border-color: *{COLOUR} *",
    r"vertical-align: *(middle|top|bottom)", rf"padding: *{LENGTH} *",
    rf"width: *{LENGTH} *", rf"height: *{LENGTH} *", r"float: *(right|left|none) *",
    r"border-collapse: *collapse *", rf"background-color: *{COLOUR} *",
]  # fmt: skip


def style_patterns(field: dict) -> list[re.Pattern]:
    patterns = list(ALIGN)
    font = field.get("font") if isinstance(field.get("font"), dict) else {}
    for key, allowed in FONT.items():
        if font.get(key):
            patterns += allowed
    if "table" in (field.get("tags") or []):
        patterns += TABLE
    return [re.compile(rf"^{pattern}$", re.IGNORECASE) for pattern in patterns]


def _style_filter(patterns: list[re.Pattern]):
    def keep(tag: str, attribute: str, value: str):
        if attribute != "style":
            return value
        if tag not in STYLEABLE:
            return None
        declarations = [d.strip() for d in value.split(";") if d.strip()]
        kept = [d for d in declarations if any(p.match(d) for p in patterns)]
        return "; ".join(kept) + ";" if kept else None

    return keep


def clean_html(value: str, tags: set[str], patterns: list[re.Pattern] | None = None) -> str:
    allowed = set(tags) | ALWAYS_TAGS
    for tag in set(allowed):
        allowed |= DERIVED_TAGS.get(tag, set())
    attributes = {tag: set(attrs) for tag, attrs in ATTRIBUTES.items() if tag in allowed}
    if patterns:
        for tag in STYLEABLE & allowed:
            attributes.setdefault(tag, set()).add("style")
    return nh3.clean(
        value,
        tags=allowed,
        attributes=attributes,
        attribute_filter=_style_filter(patterns or []),
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
    )


def escape_text(value: str) -> str:
    # htmlspecialchars(..., double_encode=false): already-escaped text stays as it is.
    return html.escape(html.unescape(value), quote=True)


def strict(value):
    """Anything the semantics do not describe: strings lose every tag."""
    if isinstance(value, str):
        return nh3.clean(value, tags=set(), clean_content_tags={"script", "style"})
    if isinstance(value, list):
        return [strict(item) for item in value]
    if isinstance(value, dict):
        return {key: strict(item) for key, item in value.items()}
    return value


def sanitise_params(params: dict, semantics: Semantics | None, semantics_for: SemanticsFor):
    if semantics is None:
        return strict(params)
    return _group(params, semantics, semantics_for)


def _group(value, fields: Semantics, semantics_for: SemanticsFor):
    if not isinstance(value, dict):
        return {}
    known = {field.get("name"): field for field in fields if isinstance(field, dict)}
    result = {}
    for key, item in value.items():
        field = known.get(key)
        result[key] = strict(item) if field is None else _field(item, field, semantics_for)
    return result


def _field(value, field: dict, semantics_for: SemanticsFor):
    kind = field.get("type")
    if kind == "text":
        if not isinstance(value, str):
            return field.get("default", "")
        if field.get("widget") == "html" or field.get("tags"):
            return clean_html(value, set(field.get("tags", [])), style_patterns(field))
        return escape_text(value)
    if kind == "number":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return value if ok else field.get("default")
    if kind == "boolean":
        return value if isinstance(value, bool) else bool(field.get("default", False))
    if kind == "select":
        options = {option.get("value") for option in field.get("options", [])}
        if field.get("multiple") and isinstance(value, list):
            return [item for item in value if item in options]
        return value if value in options else field.get("default")
    if kind == "list":
        if not isinstance(value, list):
            return []
        return [_field(item, field.get("field", {}), semantics_for) for item in value]
    if kind == "group":
        fields = field.get("fields", [])
        # A group of one field is stored as that field's value (H5P's flattening).
        if len(fields) == 1 and not field.get("isSubContent") and not _is_wrapped(value, fields):
            return _field(value, fields[0], semantics_for)
        return _group(value, fields, semantics_for)
    if kind == "library":
        return _library(value, field, semantics_for)
    return strict(value)


def _is_wrapped(value, fields) -> bool:
    return isinstance(value, dict) and fields[0].get("name") in value


def _library(value, field: dict, semantics_for: SemanticsFor):
    if not isinstance(value, dict) or not isinstance(value.get("library"), str):
        return {}
    name = value["library"]
    options = field.get("options")
    if options and not any(_same_library(name, option) for option in options):
        return {}
    result = strict({key: item for key, item in value.items() if key != "params"})
    result["library"] = name
    result["params"] = sanitise_params(
        value.get("params") or {}, semantics_for(name), semantics_for
    )
    return result


def _same_library(name: str, option: str) -> bool:
    # Options name a major.minor; content may name the same.
    return name.split(" ")[0] == option.split(" ")[0]

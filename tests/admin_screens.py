"""What an editor, a moderator and a report reader see in the Wagtail admin, and which of
it is English: the known English strings are the msgids of Wagtail's and allauth's own
catalogues, so a string found verbatim on a Vietnamese screen was not translated."""

import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import allauth
import polib
import wagtail

# Names and abbreviations that read the same in Vietnamese.
SAME_IN_VIETNAMESE = {
    "ID",
    "URL",
    "Email",
    "Wagtail",
    "PDF",
    "CSV",
    "XLSX",
    "H5P",
    "OK",
    "Slug",
    "Zalo",
    "Facebook",
}

# Not strings of a catalogue: Wagtail's slim header hard-codes its aria-label, and a side panel
# counter prints Python's None while hidden.
UNTRANSLATABLE = {("aria-label", "Actions"), ("text", "None")}
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value"}
SKIPPED_ELEMENTS = {"style", "noscript", "code", "pre", "textarea", "option"}


def _catalogues():
    for package in (wagtail, allauth):
        root = Path(package.__file__).parent
        yield from root.glob("**/locale/en/LC_MESSAGES/django*.po")


@cache
def english_strings() -> tuple[frozenset[str], tuple[tuple[re.Pattern, str], ...]]:
    """Plain msgids, and patterns for msgids with placeholders (with enough words of their
    own that a match is not a coincidence)."""
    plain, patterns = set(), []
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            for whole in filter(None, (entry.msgid, entry.msgid_plural)):
                # A msgid with markup reaches the screen as separate texts, one per piece
                # ("%(total)s Pages <span>created in …</span>" shows "2 Pages"): a piece
                # with a number in it and an English word is enough to tell.
                pieces = re.split(r"<[^>]+>", whole)
                needed = 1 if len(pieces) > 1 else 3
                for msgid in pieces:
                    _add(" ".join(msgid.split()), needed, plain, patterns)
    return frozenset(plain), tuple(patterns)


def _add(msgid: str, needed: int, plain: set, patterns: list) -> None:
    if not re.search(r"[A-Za-z]{2}", msgid) or msgid in SAME_IN_VIETNAMESE:
        return
    if re.search(r"%(\(\w+\))?[sd]|\{\w*\}", msgid):
        literal = re.sub(r"%(\(\w+\))?[sd]|\{\w*\}", " ", msgid)
        if len(re.findall(r"[A-Za-z]{3,}", literal)) >= needed:
            pieces = re.split(r"%(?:\(\w+\))?[sd]|\{\w*\}", msgid)
            pattern = "^" + ".+?".join(map(re.escape, pieces)) + "$"
            patterns.append((re.compile(pattern, re.S), msgid))
    elif needed == 3:  # a bare piece of markup ("Pages") is too short to tell
        plain.add(msgid)


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0
        self._json = False
        self._script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED_ELEMENTS:
            self._skip += 1
        if tag == "script":
            self._script = True
            self._json = attrs.get("type") == "application/json"
        for name, value in attrs.items():
            if (name, value) in UNTRANSLATABLE:
                continue
            if value and (name in TEXT_ATTRIBUTES or name.endswith("label-value")):
                self.texts.append(value)

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self._skip:
            self._skip -= 1
        if tag == "script":
            self._script = self._json = False

    def handle_data(self, data):
        if self._script:
            if self._json:
                self.texts.extend(_json_strings(data))
        elif not self._skip and ("text", data.strip()) not in UNTRANSLATABLE:
            self.texts.append(data)


def _json_strings(data: str) -> list[str]:
    try:
        value = json.loads(data)
    except ValueError:
        return []
    found = []

    def walk(node):
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, item in node.items():
                if key not in {
                    "name",
                    "url",
                    "icon_name",
                    "classname",
                    "_type",
                    "id",
                    "fieldName",
                    "prefix",
                    "type",
                }:
                    walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value)
    return found


def english_on_screen(html: str) -> dict[str, str]:
    """The texts of the page (and of its JSON data for the sidebar) that are Wagtail's or
    allauth's English strings, each with its msgid."""
    collector = _TextCollector()
    collector.feed(html)
    plain, patterns = english_strings()
    found = {}
    for text in collector.texts:
        text = " ".join(text.split()).rstrip("*").strip()
        if not text:
            continue
        if text in plain:
            found[text] = text
            continue
        for pattern, msgid in patterns:
            if pattern.match(text):
                found[text] = msgid
                break
    return found

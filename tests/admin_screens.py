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


# Placeholders of Python's, Django's and JavaScript's formats: %s, %d, %(name)s, {name}.
PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?([sd])|\{(\w*)\}")
# Placeholders that stand for a number: the count of a plural entry ("Referenced %(count)s
# times"), %d, and names such as counter, num_pages, usage_count, total; and those that stand
# for a time or a date, which have digits in them ("16:28 by bientap").
NUMBER_NAME = re.compile(r"count|num|total|number")
NUMBER = r"\d[\d.,]*"
TIME_NAME = re.compile(r"date|time(?!_zone)|period")
TIME = r"[^\n]*?\d[^\n]*?"


@cache
def english_strings() -> tuple[frozenset[str], tuple[tuple[re.Pattern, str], ...]]:
    """Plain msgids, and patterns for msgids with placeholders (with enough words of their
    own that a match is not a coincidence). Both forms of a plural entry count."""
    plain, patterns = set(), []
    for path in _catalogues():
        for entry in polib.pofile(str(path)):
            plural = bool(entry.msgid_plural)
            for whole in filter(None, (entry.msgid, entry.msgid_plural)):
                for msgid, needed in _pieces(whole):
                    if not _is_english(msgid):
                        continue
                    if not PLACEHOLDER.search(msgid):
                        if needed == 3:  # a bare piece of markup ("Pages") is too short to tell
                            plain.add(msgid)
                    elif pattern := _pattern(msgid, needed, plural):
                        patterns.append((pattern, msgid))
    return frozenset(plain), tuple(patterns)


def too_few_words_to_scan(msgid: str, plural: bool = False) -> bool:
    """Whether the screen scan cannot recognise this msgid (English words between placeholders
    too few to tell it from other text: "Sent to %(task_name)s %(started_at)s"), so that its
    translation must be checked in the catalogue instead."""
    pieces = [(piece, needed) for piece, needed in _pieces(msgid) if _is_english(piece)]
    return any(PLACEHOLDER.search(piece) for piece, _ in pieces) and not any(
        _pattern(piece, needed, plural) for piece, needed in pieces if PLACEHOLDER.search(piece)
    )


def _pieces(msgid: str) -> list[tuple[str, int]]:
    """A msgid with markup reaches the screen as separate texts, one per piece ("%(total)s
    Pages <span>created in …</span>" shows "2 Pages"): a piece with a number in it and an
    English word is enough to tell. Each piece with the English words it needs."""
    pieces = re.split(r"<[^>]+>", msgid)
    needed = 1 if len(pieces) > 1 else 3
    return [(" ".join(piece.split()), needed) for piece in pieces]


def _is_english(msgid: str) -> bool:
    literal = PLACEHOLDER.sub(" ", msgid)
    return bool(re.search(r"[A-Za-z]{2}", literal)) and msgid not in SAME_IN_VIETNAMESE


def _placeholder(match: re.Match, plural: bool) -> str:
    name = match.group(1) or match.group(3) or ""
    if match.group(2) == "d" or NUMBER_NAME.search(name) or (plural and not name):
        return NUMBER
    return TIME if TIME_NAME.search(name) else ".+?"


def _pattern(msgid: str, needed: int, plural: bool) -> re.Pattern | None:
    holes = [_placeholder(match, plural) for match in PLACEHOLDER.finditer(msgid)]
    literal = PLACEHOLDER.sub(" ", msgid)
    words = re.findall(r"[A-Za-z]{3,}", literal)
    # Digits where the placeholder was make one English word enough ("Used 0 times",
    # "+3 more", "2 pages", "16:28 by Lan"); other placeholders match any text, so more
    # words are needed.
    if NUMBER in holes or TIME in holes:
        needed, words = 1, re.findall(r"[A-Za-z]{2,}", literal)
    if len(words) < needed:
        return None
    pieces = [re.escape(piece) for piece in PLACEHOLDER.split(msgid)[::4]]
    pattern = pieces[0] + "".join(
        hole + piece for hole, piece in zip(holes, pieces[1:], strict=True)
    )
    return re.compile(f"^{pattern}$", re.S)


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

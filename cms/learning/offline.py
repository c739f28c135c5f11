"""What a phone must fetch to keep a course for learning without a network: the course page,
its lessons and quizzes, the lessons' images at phone size and their H5P exercises. Each
entry has its URL, its size in bytes and a version, so that a phone that saved the course
fetches again only what changed (elearning never sees pages: this lives with them)."""

import hashlib
import json
import os

from django.contrib.staticfiles import finders
from django.templatetags.static import static

from elearning.h5p import offline as h5p_offline

# The rendition a 360-pixel-wide phone at twice the density picks from the image block's
# <picture> (components/blocks/image_block.html: avif first, 100vw).
PHONE_IMAGE_SPEC = "format-avif|width-720"
# A lesson with an exercise loads the player's script and style; the exercise's own files
# (its saved frame, H5P core, libraries, content) are listed by elearning.h5p.offline.
H5P_PLAYER_STATIC = ["h5p/player.js", "h5p/player.css"]
PAGE_SHELL_BYTES = 12_000  # header, footer, menus: measured on the demo lesson page


def questions_version(quiz) -> str:
    """Changes when a quiz's questions or options change, and only then."""
    raw = json.dumps(list(quiz.questions.raw_data), sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _page_entry(page, body_bytes: int, version: str) -> dict:
    return {
        "url": page.url,
        "title": page.title,
        "page": True,
        "bytes": PAGE_SHELL_BYTES + body_bytes,
        "version": version,
    }


def _lesson_entries(lesson) -> list[dict]:
    raw = lesson.body.raw_data
    entries = [_page_entry(lesson, len(json.dumps(list(raw))), _published(lesson))]
    for block in lesson.body:
        if block.block_type == "image" and block.value is not None:
            rendition = block.value.get_rendition(PHONE_IMAGE_SPEC)
            entries.append(
                {"url": rendition.url, "bytes": rendition.file.size, "version": rendition.url}
            )
        elif block.block_type == "h5p":
            entries += [
                {"url": static(name), "bytes": _static_size(name), "version": static(name)}
                for name in H5P_PLAYER_STATIC
            ]
            content = block.value.get("content") if block.value else None
            version = content.current_version if content is not None else None
            if version is not None:
                entries += h5p_offline.playback_files(version=version)
    return entries


def _static_size(name: str) -> int:
    found = finders.find(name)
    return os.path.getsize(found) if found else 0


def _published(page) -> str:
    return page.last_published_at.isoformat() if page.last_published_at else ""


def course_files(*, course) -> dict:
    """{"items": [...], "bytes": total} for one live course in the reader's language."""
    entries = [_page_entry(course, len(course.summary), _published(course))]
    for child in course.get_children().live().public().specific():
        if getattr(child, "is_quiz", False):
            raw = len(json.dumps(list(child.questions.raw_data)))
            entries.append(_page_entry(child, raw, questions_version(child)))
        elif hasattr(child, "body"):
            entries += _lesson_entries(child)
    unique = list({entry["url"]: entry for entry in entries}.values())
    return {"items": unique, "bytes": sum(entry["bytes"] for entry in unique)}

"""Build .h5p archives from library folders and content parameters: for tests, fixtures and
the demo data. The result is an ordinary H5P package any H5P player can open."""

import io
import json
import zipfile
from pathlib import Path

LIBRARIES_DIR = Path(__file__).resolve().parent.parent / "libraries"
QUESTION_LIBRARY = LIBRARIES_DIR / "H5P.ChungTayQuestion-1.0"


def library_files(folder: Path) -> dict[str, bytes]:
    return {
        f"{folder.name}/{path.relative_to(folder).as_posix()}": path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def h5p_json_for(*, title: str, libraries: list[Path], main: str, language: str) -> dict:
    dependencies = []
    for folder in libraries:
        meta = json.loads((folder / "library.json").read_text("utf-8"))
        dependencies.append(
            {
                "machineName": meta["machineName"],
                "majorVersion": meta["majorVersion"],
                "minorVersion": meta["minorVersion"],
            }
        )
    return {
        "title": title,
        "language": language,
        "mainLibrary": main,
        "embedTypes": ["div", "iframe"],
        "license": "U",
        "preloadedDependencies": dependencies,
    }


def build_package(
    *,
    content: dict,
    title: str = "Câu hỏi",
    libraries: list[Path] | None = None,
    main: str = "H5P.ChungTayQuestion",
    language: str = "vi",
    h5p_json: dict | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """The bytes of a .h5p file. `extra` adds (or replaces) entries by name, for tests."""
    libraries = [QUESTION_LIBRARY] if libraries is None else libraries
    entries: dict[str, bytes] = {}
    meta = h5p_json or h5p_json_for(title=title, libraries=libraries, main=main, language=language)
    entries["h5p.json"] = json.dumps(meta, ensure_ascii=False).encode()
    entries["content/content.json"] = json.dumps(content, ensure_ascii=False).encode()
    for folder in libraries:
        entries.update(library_files(folder))
    entries.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def question(text: str, answers: list[tuple[str, bool]], *, l10n: dict | None = None) -> dict:
    """content.json for H5P.ChungTayQuestion."""
    return {
        "question": text,
        "answers": [{"text": answer, "correct": correct} for answer, correct in answers],
        "l10n": l10n or {},
    }

"""H5P core's two extension whitelists, made stricter: content may hold media and data only;
scripts, styles and markup (js, css, svg, xml) are allowed only inside libraries, whose
installation needs a separate permission. HTML is allowed nowhere."""

CONTENT_EXTENSIONS = frozenset(
    {
        # images
        "png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff",
        # audio and video
        "mp3", "m4a", "wav", "ogg", "oga", "ogv", "webm", "mp4",
        # captions, data and documents
        "vtt", "webvtt", "json", "csv", "txt", "pdf",
        # fonts and 3D models
        "woff", "woff2", "ttf", "otf", "eot", "gltf", "glb",
    }
)  # fmt: skip

# H5P core's library whitelist adds js css svg xml to its content list, which also has md,
# diff, patch and textile: libraries exported from the Hub carry README.md, and jQuery.ui
# carries apply-when-upgrading.diff. They are stored and never served as markup.
LIBRARY_EXTENSIONS = CONTENT_EXTENSIONS | {
    "js",
    "css",
    "svg",
    "xml",
    "md",
    "diff",
    "patch",
    "textile",
}


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""

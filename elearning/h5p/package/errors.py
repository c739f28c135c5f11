"""Errors that say which entry is wrong and why, in words an editor understands.

Templates are English source strings marked with `_` (a no-op here) so that gettext catalogues
pick them up; a Django caller translates them with `error.message(gettext)`."""


def _(text: str) -> str:
    """Mark a string for translation without translating it (gettext_noop)."""
    return text


class PackageError(ValueError):
    def __init__(self, code: str, template: str, *, entry: str = "", **params):
        self.code = code
        self.template = template
        self.entry = entry
        self.params = {"entry": entry, **params}
        super().__init__(self.message())

    def message(self, translate=None) -> str:
        template = translate(self.template) if translate else self.template
        return template % self.params


# Each rejection has a code (stable, for tests and logs) and a message naming the entry.
MESSAGES = {
    "not_zip": _("The file is not a valid .h5p (zip) archive."),
    "encrypted": _("Entry “%(entry)s” is encrypted; H5P packages cannot contain encrypted files."),
    "absolute_path": _("Entry “%(entry)s” has an absolute path."),
    "parent_path": _("Entry “%(entry)s” points outside the package (“..”)."),
    "backslash": _("Entry “%(entry)s” contains a backslash; only “/” may separate folders."),
    "bad_name": _("Entry “%(entry)s” has a name that is not allowed."),
    "symlink": _("Entry “%(entry)s” is a symbolic link; links are not allowed."),
    "duplicate": _("Entry “%(entry)s” appears more than once in the package."),
    "too_many_files": _("The package has more than %(limit)s files."),
    "file_too_large": _("Entry “%(entry)s” is larger than the limit of %(limit)s."),
    "total_too_large": _("The unpacked package is larger than the limit of %(limit)s."),
    "ratio": _(
        "Entry “%(entry)s” is compressed %(ratio)s times, more than the %(limit)s allowed "
        "(a zip bomb?)."
    ),
    "size_mismatch": _("Entry “%(entry)s” unpacks to a different size than the archive says."),
    "corrupt": _("Entry “%(entry)s” cannot be unpacked: the archive is damaged."),
    "content_extension": _(
        "Entry “%(entry)s”: files of type “.%(extension)s” are not allowed in content "
        "(only media and data files)."
    ),
    "library_extension": _(
        "Entry “%(entry)s”: files of type “.%(extension)s” are not allowed in a library."
    ),
    "missing_h5p_json": _("The package has no h5p.json."),
    "missing_content_json": _("The package has no content/content.json."),
    "bad_json": _("Entry “%(entry)s” is not valid JSON."),
    "json_too_deep": _("Entry “%(entry)s” nests deeper than %(limit)s levels."),
    "bad_field": _("Entry “%(entry)s”: the field “%(field)s” is missing or invalid."),
    "main_library_not_preloaded": _(
        "Entry “%(entry)s”: the main library “%(field)s” is not among its dependencies."
    ),
    "missing_library_json": _("Library folder “%(entry)s” has no library.json."),
    "folder_mismatch": _(
        "Library folder “%(entry)s” does not match its library.json (expected “%(expected)s”)."
    ),
    "missing_preloaded": _(
        "Entry “%(entry)s”: the file “%(field)s” it preloads is not in the library."
    ),
    "preloaded_outside": _(
        "Entry “%(entry)s”: the preloaded file “%(field)s” is outside its library."
    ),
    "library_conflict": _(
        "Library “%(entry)s” version %(field)s is already installed with different files "
        "(“%(file)s” differs); give the changed library a new version number."
    ),
    "install_permission": _(
        "Library “%(entry)s” is not installed, and you may not install H5P libraries. Ask an "
        "administrator to install it first."
    ),
    "missing_dependency": _(
        "Entry “%(entry)s” needs the library “%(field)s”, which is neither in the package nor "
        "installed."
    ),
}


def fail(code: str, *, entry: str = "", **params) -> PackageError:
    return PackageError(code, MESSAGES[code], entry=entry, **params)

"""Import .h5p files as the admin's upload form does (same checks, same import), for
administrators loading whole course packs: one line per file, exit status 1 when any file was
refused."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from elearning.h5p import services
from elearning.h5p.forms import MAX_UPLOAD_BYTES
from elearning.h5p.messages import describe
from elearning.h5p.package import PackageError


class Command(BaseCommand):
    help = _("Import H5P packages (.h5p files) as H5P exercises.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--install-libraries",
            action="store_true",
            help=_("Also install or upgrade the libraries (JavaScript) the packages bring."),
        )
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("Language of the exercises."),
        )
        parser.add_argument("--licence", default="", help=_("Licence, e.g. CC BY 4.0."))

    def handle(self, *args, files, install_libraries, language, licence, **options):
        refused = 0
        for name in files:
            try:
                version = self._import(Path(name), install_libraries, language, licence)
            except (OSError, PackageError) as error:
                refused += 1
                reason = describe(error) if isinstance(error, PackageError) else error.strerror
                self.stderr.write(
                    _("%(file)s: refused: %(reason)s") % {"file": name, "reason": reason}
                )
                continue
            self.stdout.write(
                _("%(file)s: imported “%(title)s” (exercise %(id)s, version %(number)s).")
                % {
                    "file": name,
                    "title": version.content.title,
                    "id": version.content_id,
                    "number": version.number,
                }
            )
        if refused:
            raise CommandError(
                _("%(refused)s of %(total)s files were refused.")
                % {"refused": refused, "total": len(files)},
                returncode=1,
            )

    def _import(self, path: Path, install_libraries: bool, language: str, licence: str):
        if path.stat().st_size > MAX_UPLOAD_BYTES:
            raise OSError(0, _("The file is larger than 64 MB."))
        plan = services.prepare_upload(data=path.read_bytes(), user=None, trusted=install_libraries)
        return services.apply_upload(
            plan=plan,
            user=None,
            title=plan.package.title[:255],
            language=language,
            licence=licence,
        )

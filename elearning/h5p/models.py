"""H5P libraries (JavaScript content types, installed once per version), content uploaded by
editors with every version kept, and what learners did with it (results, saved state).

Files live in Django's default storage under `h5p/`; the rows say where."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elearning.accounts.owned import LearnerOwned, owner_constraints

from .package import Dependency


class H5PLibraryQuerySet(models.QuerySet):
    def matching(self, dependency: Dependency):
        return self.filter(
            machine_name=dependency.machine_name,
            major_version=dependency.major,
            minor_version=dependency.minor,
        )

    def newest(self, dependency: Dependency):
        return self.matching(dependency).order_by("-patch_version").first()


class H5PLibrary(models.Model):
    """One version of a content-type library. The same version is never stored twice: a
    package bringing it again with other bytes is refused."""

    machine_name = models.CharField(_("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"))
    title = models.CharField(_("title"), max_length=255)
    runnable = models.BooleanField(_("runnable"), default=False)
    content_hash = models.CharField(_("content hash"), max_length=64)
    library_json = models.JSONField(_("library.json"))
    semantics = models.JSONField(_("semantics"), null=True, blank=True)
    storage_prefix = models.CharField(_("storage folder"), max_length=400)
    installed_at = models.DateTimeField(_("installed"), default=timezone.now)
    installed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("installed by"),
    )

    objects = H5PLibraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "-major_version", "-minor_version", "-patch_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version", "patch_version"],
                name="h5p_library_unique_version",
            )
        ]
        permissions = [("install_h5plibrary", _("May install H5P libraries"))]

    def __str__(self):
        return f"{self.machine_name} {self.version}"

    @property
    def version(self) -> str:
        return f"{self.major_version}.{self.minor_version}.{self.patch_version}"

    @property
    def dependency(self) -> Dependency:
        return Dependency(self.machine_name, self.major_version, self.minor_version)

    @property
    def folder(self) -> str:
        return self.dependency.folder

    @property
    def full_name(self) -> str:
        """As content.json names libraries: "H5P.MultiChoice 1.16"."""
        return f"{self.machine_name} {self.major_version}.{self.minor_version}"


class H5PContent(models.Model):
    """An interactive exercise as editors see it: one title, any number of versions."""

    title = models.CharField(_("title"), max_length=255)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    licence = models.CharField(
        _("licence"), max_length=255, blank=True, help_text=_("e.g. CC BY 4.0")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("H5P content")
        verbose_name_plural = _("H5P content")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def current_version(self):
        return self.versions.order_by("-number").first()


class H5PContentVersion(models.Model):
    """One uploaded package of a content. Results point at the version the learner played,
    so uploading a new version leaves earlier results as they were."""

    content = models.ForeignKey(
        H5PContent, on_delete=models.CASCADE, related_name="versions", verbose_name=_("content")
    )
    number = models.PositiveIntegerField(_("version"))
    package = models.FileField(_("package"), upload_to="h5p/packages/", max_length=400)
    h5p_json = models.JSONField(_("h5p.json"))
    # content.json after sanitising against the libraries' semantics.
    parameters = models.JSONField(_("parameters"))
    main_library = models.ForeignKey(
        H5PLibrary, on_delete=models.PROTECT, related_name="+", verbose_name=_("main library")
    )
    libraries = models.ManyToManyField(
        H5PLibrary, related_name="content_versions", verbose_name=_("libraries")
    )
    storage_prefix = models.CharField(_("storage folder"), max_length=400)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        verbose_name = _("H5P content version")
        verbose_name_plural = _("H5P content versions")
        ordering = ["content", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["content", "number"], name="h5p_version_unique")
        ]

    def __str__(self):
        return f"{self.content} v{self.number}"


class Verification(models.TextChoices):
    VERIFIED = "verified", _("Verified on the server")
    CLIENT_REPORTED = "client_reported", _("Reported by the browser")


class H5PResult(LearnerOwned):
    """One xAPI statement with a score, as received (the raw statement is kept), and how the
    server graded it. Results of the whole content are passed on to progress as an Attempt;
    results of one question inside it are kept for re-grading the whole."""

    statement_id = models.UUIDField(_("statement id"), unique=True)
    version = models.ForeignKey(
        H5PContentVersion,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("version"),
    )
    # One page view of the player: groups the questions of one play of a question set.
    session = models.CharField(_("session"), max_length=64)
    sub_content_id = models.CharField(_("sub-content id"), max_length=64, blank=True)
    statement = models.JSONField(_("statement"))
    client_score = models.FloatField(_("score reported"))
    client_max_score = models.FloatField(_("maximum reported"))
    score = models.FloatField(_("score"))
    max_score = models.FloatField(_("maximum score"))
    verification = models.CharField(_("verification"), max_length=16, choices=Verification.choices)
    attempt = models.OneToOneField(
        "progress.Attempt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="h5p_result",
        verbose_name=_("attempt"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("H5P result")
        verbose_name_plural = _("H5P results")
        ordering = ["-received_at"]
        constraints = owner_constraints()
        indexes = [models.Index(fields=["version", "session"])]

    def __str__(self):
        return f"{self.version}: {self.score:g}/{self.max_score:g} ({self.verification})"

    @property
    def verified(self) -> bool:
        return self.verification == Verification.VERIFIED


class H5PUserData(LearnerOwned):
    """A learner's saved state in one content (H5P "content user data"), to resume later."""

    content = models.ForeignKey(
        H5PContent, on_delete=models.CASCADE, related_name="+", verbose_name=_("content")
    )
    version = models.ForeignKey(
        H5PContentVersion, on_delete=models.CASCADE, related_name="+", verbose_name=_("version")
    )
    state = models.TextField(_("state"))
    updated_at = models.DateTimeField(_("saved"), default=timezone.now)

    owner_unique = ("content",)

    class Meta:
        verbose_name = _("H5P saved state")
        verbose_name_plural = _("H5P saved states")
        constraints = owner_constraints("content")

    @classmethod
    def merge_guest_row(cls, *, own, guest) -> None:
        """The state saved last wins, the guest's or the account's."""
        if guest.updated_at > own.updated_at:
            own.version_id, own.state, own.updated_at = (
                guest.version_id,
                guest.state,
                guest.updated_at,
            )
            own.save(update_fields=["version", "state", "updated_at"])
        guest.delete()

    def __str__(self):
        return f"{self.content}: {self.learner_id or self.visitor_key}"

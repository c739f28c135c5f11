"""Choices of the progress records, shared with the apps that write and count them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Grading(models.TextChoices):
    # Graded by our own code from the stored answers (native quizzes).
    SERVER = "server", _("Graded on the server")
    # An H5P result re-graded on the server from the content's own answers.
    H5P_VERIFIED = "h5p_verified", _("H5P, verified on the server")
    # An H5P result as the browser reported it: counted for progress, never for a certificate.
    H5P_CLIENT_REPORTED = "h5p_client_reported", _("H5P, reported by the browser")

    @classmethod
    def trusted(cls) -> list[str]:
        return [cls.SERVER, cls.H5P_VERIFIED]


class ContentAudience(models.TextChoices):
    """Who a course (and so each lesson and quiz in it) is for."""

    COMMUNITY = "community", _("Community")
    STAFF = "staff", _("Staff of prosecution agencies")

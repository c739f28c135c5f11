"""Why a submission was refused. Each carries a message for the learner (in Vietnamese by
default, through gettext); nothing was written when one is raised."""

from django.utils.translation import gettext_lazy as _


class ProgressError(Exception):
    message = _("Your answers could not be saved.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotAllowed(ProgressError):
    message = _(
        "This course is for staff of prosecution agencies. Sign in with a staff account to take it."
    )


class AttemptLimitReached(ProgressError):
    message = _("You have used all the attempts allowed for this quiz.")


class InvalidSubmission(ProgressError):
    message = _("Your answers could not be read. Please answer the questions on the page.")

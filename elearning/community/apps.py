from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "elearning.community"
    label = "community"
    verbose_name = _("Community sessions")

    def ready(self):
        from elearning.accounts import learner_data
        from elearning.coverage.changes import commune_changed

        from .models import SessionCheckIn

        # Counted in the session's commune: a guest's check-ins move to the account at sign-up,
        # an account's stay anonymous when it is deleted, and they are in "download my data".
        learner_data.register(
            "community_check_ins",
            SessionCheckIn,
            counted_by=commune_changed,
            commune_field="session__commune",
        )

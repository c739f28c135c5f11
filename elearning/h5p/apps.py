from django.apps import AppConfig


class H5PConfig(AppConfig):
    name = "elearning.h5p"
    label = "h5p"

    def ready(self):
        from elearning.accounts import learner_data

        from .models import H5PResult, H5PUserData

        # Deleted with the account, as before (the attempts they made are kept, anonymous).
        learner_data.register(
            "h5p_results",
            H5PResult,
            on_account_deleted=learner_data.DELETE,
            not_exported=("session",),
        )
        learner_data.register(
            "h5p_saved_states", H5PUserData, on_account_deleted=learner_data.DELETE
        )

from django.dispatch import receiver

from elearning.accounts.signals import guest_became_learner, learner_deleting

from . import services


@receiver(guest_became_learner, dispatch_uid="progress.move_guest_progress")
def move_guest_progress(sender, visitor_key, user, **kwargs):
    services.move_guest_progress(visitor_key=visitor_key, user=user)


@receiver(learner_deleting, dispatch_uid="progress.anonymise_learner")
def anonymise_learner(sender, user, anonymous_key, **kwargs):
    services.anonymise_learner(user=user, anonymous_key=anonymous_key)

from django.dispatch import receiver

from elearning.accounts.signals import guest_became_learner, learner_deleting

from .services import anonymise_receipts, move_guest_receipts


@receiver(guest_became_learner, dispatch_uid="dissemination_move_guest_receipts")
def move_receipts_to_new_learner(sender, visitor_key, user, **kwargs):
    if visitor_key:
        move_guest_receipts(visitor_key=visitor_key, user=user)


@receiver(learner_deleting, dispatch_uid="dissemination_anonymise_receipts")
def anonymise_receipts_of_deleted_learner(sender, user, anonymous_key, **kwargs):
    anonymise_receipts(user=user, anonymous_key=anonymous_key)

from django.dispatch import receiver

from elearning.accounts.signals import guest_became_learner

from .services import move_guest_receipts


@receiver(guest_became_learner, dispatch_uid="dissemination_move_guest_receipts")
def move_receipts_to_new_learner(sender, visitor_key, user, **kwargs):
    if visitor_key:
        move_guest_receipts(visitor_key=visitor_key, user=user)

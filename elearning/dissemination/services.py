from django.db import IntegrityError, transaction

from elearning.accounts.context import LearnerContext
from elearning.coverage.changes import commune_changed

from .models import ReadReceipt


def record_read_receipt(*, page_id: int, context: LearnerContext) -> tuple[ReadReceipt, bool]:
    """Record that this learner (or guest) read the document. A second click, or two at once,
    finds the first receipt: (receipt, created)."""
    if context.user_id is not None:
        lookup = {"page_id": page_id, "user_id": context.user_id}
    else:
        lookup = {"page_id": page_id, "user_id": None, "visitor_key": context.visitor_key}
    snapshot = {
        "commune_id": context.commune_id,
        "audience": context.audience,
        "age_band": context.age_band,
    }
    try:
        with transaction.atomic():
            receipt, created = ReadReceipt.objects.get_or_create(**lookup, defaults=snapshot)
            if created:
                commune_changed(commune_id=receipt.commune_id)
            return receipt, created
    except IntegrityError:
        # Another request recorded it between our read and our write.
        return ReadReceipt.objects.get(**lookup), False


@transaction.atomic
def move_guest_receipts(*, visitor_key: str, user) -> int:
    """Give a guest's receipts to the account they just made; a document the learner had
    already confirmed keeps its earlier receipt."""
    guest_receipts = ReadReceipt.objects.select_for_update().filter(
        user__isnull=True, visitor_key=visitor_key
    )
    already = set(ReadReceipt.objects.filter(user=user).values_list("page_id", flat=True))
    for commune_id in set(guest_receipts.values_list("commune_id", flat=True)):
        commune_changed(commune_id=commune_id)
    guest_receipts.filter(page_id__in=already).delete()
    return guest_receipts.exclude(page_id__in=already).update(user=user)


def anonymise_receipts(*, user, anonymous_key: str) -> int:
    """Keep a deleted learner's receipts as anonymous ones (commune, audience and age band
    stay), so the "legal texts disseminated" figure does not drop when someone leaves."""
    receipts = ReadReceipt.objects.filter(user=user)
    for commune_id in set(receipts.values_list("commune_id", flat=True)):
        commune_changed(commune_id=commune_id)
    return receipts.update(user=None, visitor_key=anonymous_key)

from django.db import IntegrityError, transaction

from elearning.accounts.context import LearnerContext
from elearning.coverage.changes import commune_changed

from .models import ReadReceipt


def record_read_receipt(*, page_id: int, context: LearnerContext) -> tuple[ReadReceipt, bool]:
    """Record that this learner (or guest) read the document. A second click, or two at once,
    finds the first receipt: (receipt, created)."""
    # A receipt moved from the learner's guest days keeps the guest's key: find by owner.
    receipts = ReadReceipt.objects.for_context(context).filter(page_id=page_id)
    new = {
        "page_id": page_id,
        **ReadReceipt.objects.owner_fields(context),
        "commune_id": context.commune_id,
        "audience": context.audience,
        "age_band": context.age_band,
    }
    try:
        with transaction.atomic():
            receipt, created = receipts.get_or_create(defaults=new)
            if created:
                commune_changed(commune_id=receipt.commune_id)
            return receipt, created
    except IntegrityError:
        # Another request recorded it between our read and our write.
        return receipts.get(), False

from .models import ReadReceipt


def has_read(*, page_id: int, user_id: int | None, visitor_key: str | None) -> bool:
    """Whether this learner (by account) or guest (by visitor key) confirmed the document."""
    receipts = ReadReceipt.objects.filter(page_id=page_id)
    return receipts.for_owner(user_id=user_id, visitor_key=visitor_key).exists()


def documents_read(*, user_id: int | None, visitor_key: str | None) -> list[int]:
    """The page ids of the documents this learner or guest confirmed reading, latest first."""
    receipts = ReadReceipt.objects.for_owner(user_id=user_id, visitor_key=visitor_key)
    return list(receipts.order_by("-read_at").values_list("page_id", flat=True))

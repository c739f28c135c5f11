from django.db.models import Count

from .models import ReadReceipt


def has_read(*, page_id: int, user_id: int | None, visitor_key: str | None) -> bool:
    """Whether this learner (by account) or guest (by visitor key) confirmed the document."""
    receipts = ReadReceipt.objects.filter(page_id=page_id)
    if user_id is not None:
        return receipts.filter(user_id=user_id).exists()
    if visitor_key:
        return receipts.filter(user__isnull=True, visitor_key=visitor_key).exists()
    return False


def receipt_count(*, page_id: int) -> int:
    return ReadReceipt.objects.filter(page_id=page_id).count()


def receipts_by_commune(*, page_ids, commune_ids=None) -> dict[int | None, int]:
    """How many people confirmed reading any of these documents, per commune (the numerator
    of "legal texts disseminated")."""
    receipts = ReadReceipt.objects.for_documents(page_ids)
    if commune_ids is not None:
        receipts = receipts.for_communes(commune_ids)
    rows = receipts.values("commune_id").annotate(total=Count("id")).order_by()
    return {row["commune_id"]: row["total"] for row in rows}


def documents_read(*, user_id: int | None, visitor_key: str | None) -> list[int]:
    """The page ids of the documents this learner or guest confirmed reading, latest first."""
    if user_id is not None:
        receipts = ReadReceipt.objects.filter(user_id=user_id)
    elif visitor_key:
        receipts = ReadReceipt.objects.filter(user__isnull=True, visitor_key=visitor_key)
    else:
        return []
    return list(receipts.order_by("-read_at").values_list("page_id", flat=True))

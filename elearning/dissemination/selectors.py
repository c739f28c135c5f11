from django.db.models import Count

from .models import ReadReceipt


def has_read(*, page_id: int, user_id: int | None, visitor_key: str | None) -> bool:
    """Whether this learner (by account) or guest (by visitor key) confirmed the document."""
    receipts = ReadReceipt.objects.filter(page_id=page_id)
    return receipts.for_owner(user_id=user_id, visitor_key=visitor_key).exists()


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

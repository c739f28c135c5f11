"""Legal library pages for tests.

library = legal_index(home=home_page)
law = legal_document(index=library, number="53/2024/QH15", title="Luật Phòng, chống mua bán người")
"""

import datetime

from django.core.files.base import ContentFile

from cms.core.models import CustomDocument
from cms.legal.models import LegalDocumentPage, LegalIndexPage


def legal_index(*, home, **fields) -> LegalIndexPage:
    fields = {"title": "Thư viện pháp luật", "slug": "phap-luat", **fields}
    index = home.add_child(instance=LegalIndexPage(**fields))
    index.save_revision().publish()
    return index


def legal_document(*, index, number: str, title: str, publish=True, **fields):
    fields.setdefault("slug", number.lower().replace("/", "-").replace("đ", "d"))
    fields.setdefault("signed_date", datetime.date(2024, 11, 28))
    page = LegalDocumentPage(number=number, title=title, live=publish, **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def pdf_document(title="Toàn văn") -> CustomDocument:
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return CustomDocument.objects.create(title=title, file=ContentFile(pdf, name="toan-van.pdf"))

"""Demo legal library: every document listed in ../shared/facts.md, with its status and mark.
Rows marked "check" are flagged needs_review (learners see "awaiting editor confirmation").
Idempotent."""

import datetime

from django.db import transaction
from django.utils.text import slugify
from unidecode import unidecode
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.campaigns.editorial import ensure_editorial_workflow
from cms.core.models import HomePage

from .models import DocumentStatus, DocumentType, LegalDocumentPage, LegalIndexPage

D = datetime.date

INDEX_VI = {
    "title": "Thư viện pháp luật",
    "slug": "phap-luat",
    "intro": "Các văn bản pháp luật về phòng, chống mua bán người, tóm tắt ngắn gọn, dễ hiểu.",
}
INDEX_EN = {
    "title": "Legal library",
    "intro": "Laws and regulations on preventing human trafficking, summarised in plain words.",
}

# number: vi and en titles, type, issuing body (vi, en), signed, in force, status, mark,
# marked for dissemination, vi and en summaries.
DOCUMENTS = [
    {
        "number": "66/2011/QH12",
        "title": "Luật Phòng, chống mua bán người",
        "title_en": "Law on Prevention of and Combat against Human Trafficking",
        "document_type": DocumentType.LAW,
        "issuing_body": ("Quốc hội", "National Assembly"),
        "signed_date": D(2011, 3, 29),
        "effective_date": D(2012, 1, 1),
        "status": DocumentStatus.REPLACED,
        "mark": "known",
        "dissemination": False,
        "summary": (
            "Luật đầu tiên về phòng, chống mua bán người, có hiệu lực từ ngày 1/1/2012. "
            "Được thay thế từ ngày 1/7/2025 bởi Luật số 53/2024/QH15.",
            "The first law on preventing human trafficking, in force from 1 January 2012. "
            "Replaced from 1 July 2025 by Law 53/2024/QH15.",
        ),
    },
    {
        "number": "53/2024/QH15",
        "title": "Luật Phòng, chống mua bán người (2024)",
        "title_en": "Law on Prevention of and Combat against Human Trafficking (2024)",
        "document_type": DocumentType.LAW,
        "issuing_body": ("Quốc hội", "National Assembly"),
        "signed_date": D(2024, 11, 28),
        "effective_date": D(2025, 7, 1),
        "status": DocumentStatus.IN_FORCE,
        "mark": "check",
        "dissemination": True,
        "summary": (
            "Luật phòng, chống mua bán người hiện hành, thay thế Luật số 66/2011/QH12 "
            "từ ngày 1/7/2025.",
            "The current law on preventing human trafficking, replacing Law 66/2011/QH12 "
            "from 1 July 2025.",
        ),
    },
    {
        "number": "09/2013/NĐ-CP",
        "title": (
            "Nghị định quy định chi tiết thi hành một số điều của Luật phòng, chống mua bán người"
        ),
        "title_en": "Decree detailing some articles of the Law on Prevention of Human Trafficking",
        "document_type": DocumentType.DECREE,
        "issuing_body": ("Chính phủ", "Government"),
        "signed_date": D(2013, 1, 11),
        "effective_date": None,
        "status": DocumentStatus.HISTORICAL,
        "mark": "seed",
        "dissemination": False,
        "summary": (
            "Nghị định hướng dẫn thi hành Luật phòng, chống mua bán người năm 2011.",
            "The decree implementing the 2011 Law on Prevention of Human Trafficking.",
        ),
    },
    {
        "number": "134/2013/TTLT-BTC-BLĐTBXH",
        "title": (
            "Thông tư liên tịch hướng dẫn nội dung, mức chi cho công tác hỗ trợ nạn nhân quy "
            "định tại Nghị định 09/2013/NĐ-CP"
        ),
        "title_en": (
            "Joint circular on the content and spending levels of victim support under "
            "Decree 09/2013/NĐ-CP"
        ),
        "document_type": DocumentType.JOINT_CIRCULAR,
        "issuing_body": (
            "Bộ Tài chính – Bộ Lao động – Thương binh và Xã hội",
            "Ministry of Finance – Ministry of Labour, Invalids and Social Affairs",
        ),
        "signed_date": None,
        "effective_date": None,
        "status": DocumentStatus.HISTORICAL,
        "mark": "seed",
        "dissemination": False,
        "summary": (
            "Thông tư liên tịch năm 2013 hướng dẫn nội dung và mức chi hỗ trợ nạn nhân bị mua "
            "bán theo Nghị định 09/2013/NĐ-CP.",
            "A 2013 joint circular on what victim support covers and how much may be spent, "
            "under Decree 09/2013/NĐ-CP.",
        ),
    },
    {
        "number": "793/QĐ-TTg",
        "title": (
            "Quyết định lấy ngày 30/7 hằng năm là “Ngày toàn dân phòng, chống mua bán người”"
        ),
        "title_en": (
            "Decision making 30 July of every year the “Day for all people against human "
            "trafficking”"
        ),
        "document_type": DocumentType.DECISION,
        "issuing_body": ("Thủ tướng Chính phủ", "Prime Minister"),
        "signed_date": D(2016, 5, 10),
        "effective_date": None,
        "status": DocumentStatus.IN_FORCE,
        "mark": "seed",
        "dissemination": True,
        "summary": (
            "Thủ tướng Chính phủ quyết định lấy ngày 30/7 hằng năm là “Ngày toàn dân phòng, "
            "chống mua bán người”.",
            "The Prime Minister made 30 July of every year the “Day for all people against "
            "human trafficking”.",
        ),
    },
    {
        "number": "100/2015/QH13",
        "title": "Bộ luật Hình sự — Điều 150, Điều 151",
        "title_en": "Criminal Code — Articles 150 and 151",
        "document_type": DocumentType.CODE,
        "issuing_body": ("Quốc hội", "National Assembly"),
        "signed_date": None,
        "effective_date": None,
        "status": DocumentStatus.IN_FORCE,
        "mark": "known",
        "dissemination": True,
        "summary": (
            "Bộ luật Hình sự năm 2015, được sửa đổi, bổ sung bởi Luật số 12/2017/QH14. Điều 150 "
            "quy định Tội mua bán người; Điều 151 quy định Tội mua bán người dưới 16 tuổi.",
            "The 2015 Criminal Code, amended by Law 12/2017/QH14. Article 150 sets out the "
            "crime of trafficking in persons; Article 151 the crime of trafficking in persons "
            "under 16.",
        ),
        "key_articles": (
            [
                ("Điều 150", "Tội mua bán người"),
                ("Điều 151", "Tội mua bán người dưới 16 tuổi"),
            ],
            [
                ("Article 150", "Trafficking in persons"),
                ("Article 151", "Trafficking in persons under 16"),
            ],
        ),
    },
    {
        "number": "162/2025/NĐ-CP",
        "title": "Nghị định quy định chi tiết Luật Phòng, chống mua bán người 2024",
        "title_en": "Decree detailing the 2024 Law on Prevention of Human Trafficking",
        "document_type": DocumentType.DECREE,
        "issuing_body": ("Chính phủ", "Government"),
        "signed_date": D(2025, 6, 29),
        "effective_date": None,
        "status": DocumentStatus.IN_FORCE,
        "mark": "check",
        "dissemination": True,
        "summary": (
            "Nghị định quy định chi tiết Luật Phòng, chống mua bán người năm 2024.",
            "The decree detailing the 2024 Law on Prevention of Human Trafficking.",
        ),
    },
    {
        "number": "193/QĐ-TTg",
        "title": (
            "Chương trình phòng, chống mua bán người giai đoạn 2021–2025, định hướng đến 2030"
        ),
        "title_en": "Programme against human trafficking 2021–2025, with orientation to 2030",
        "document_type": DocumentType.DECISION,
        "issuing_body": ("Thủ tướng Chính phủ", "Prime Minister"),
        "signed_date": D(2021, 2, 9),
        "effective_date": None,
        "status": DocumentStatus.IN_FORCE,
        "mark": "check",
        "dissemination": False,
        "summary": (
            "Chương trình quốc gia phòng, chống mua bán người giai đoạn 2021–2025, định hướng "
            "đến năm 2030.",
            "The national programme against human trafficking for 2021–2025, with an "
            "orientation to 2030.",
        ),
    },
    {
        "number": "13/2023/NĐ-CP",
        "title": "Nghị định về bảo vệ dữ liệu cá nhân",
        "title_en": "Decree on personal data protection",
        "document_type": DocumentType.DECREE,
        "issuing_body": ("Chính phủ", "Government"),
        "signed_date": D(2023, 4, 17),
        "effective_date": None,
        "status": DocumentStatus.REPLACED,
        "mark": "check",
        "dissemination": False,
        "summary": (
            "Nghị định về bảo vệ dữ liệu cá nhân; được thay thế từ ngày 1/1/2026.",
            "The decree on personal data protection; replaced from 1 January 2026.",
        ),
    },
    {
        "number": "91/2025/QH15",
        "title": "Luật Bảo vệ dữ liệu cá nhân",
        "title_en": "Law on Personal Data Protection",
        "document_type": DocumentType.LAW,
        "issuing_body": ("Quốc hội", "National Assembly"),
        "signed_date": None,
        "effective_date": D(2026, 1, 1),
        "status": DocumentStatus.IN_FORCE,
        "mark": "check",
        "dissemination": False,
        "summary": (
            "Luật Bảo vệ dữ liệu cá nhân, có hiệu lực từ ngày 1/1/2026.",
            "The Law on Personal Data Protection, in force from 1 January 2026.",
        ),
    },
]
# (old, new): the old document is replaced by the new one.
REPLACEMENTS = [("66/2011/QH12", "53/2024/QH15"), ("13/2023/NĐ-CP", "91/2025/QH15")]


def key_articles(rows) -> list:
    return [
        ("article", {"article": article, "title": title, "text": RichText(f"<p>{title}.</p>")})
        for article, title in rows
    ]


def ensure_index(*, home: HomePage, en: Locale) -> LegalIndexPage:
    index = LegalIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(instance=LegalIndexPage(**INDEX_VI))
        index.save_revision().publish()
    if index.get_translation_or_none(en) is None:
        english = index.copy_for_translation(en)
        for field, value in INDEX_EN.items():
            setattr(english, field, value)
        english.save_revision().publish()
    return index


def ensure_document(*, index, row: dict, en: Locale, out) -> LegalDocumentPage:
    document = LegalDocumentPage.objects.child_of(index).filter(number=row["number"]).first()
    articles = row.get("key_articles", ([], []))
    if document is None:
        document = LegalDocumentPage(
            number=row["number"],
            slug=slugify(unidecode(row["number"].replace("/", "-"))),
            title=row["title"],
            document_type=row["document_type"],
            issuing_body=row["issuing_body"][0],
            signed_date=row["signed_date"],
            effective_date=row["effective_date"],
            status=row["status"],
            summary=row["summary"][0],
            key_articles=key_articles(articles[0]),
            needs_review=row["mark"] == "check",
            marked_for_dissemination=row["dissemination"],
        )
        index.add_child(instance=document)
        document.save_revision().publish()
        flag = " (needs review)" if document.needs_review else ""
        out(f"Legal document {document.number}{flag}")
    if document.get_translation_or_none(en) is None:
        english = document.copy_for_translation(en)
        english.title = row["title_en"]
        english.issuing_body = row["issuing_body"][1]
        english.summary = row["summary"][1]
        english.key_articles = key_articles(articles[1])
        english.save_revision().publish()
    return document


@transaction.atomic
def load(*, out) -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=vi)
    index = ensure_index(home=home, en=en)
    documents = {
        row["number"]: ensure_document(index=index, row=row, en=en, out=out) for row in DOCUMENTS
    }
    for old, new in REPLACEMENTS:
        for locale in (vi, en):
            page = documents[old].get_translation(locale)
            replacement = documents[new].get_translation(locale)
            if page.replaced_by_id != replacement.pk:
                page.replaced_by = replacement
                page.save_revision().publish()
    ensure_editorial_workflow(pages=[index, index.get_translation(en)])

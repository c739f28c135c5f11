"""Demo campaigns: 30/7 of the current year and of 2017, the slogan library (seed slogans as
confirmed, "check" slogans flagged for editor review), the review workflow and the demo editor
and moderator accounts. Idempotent."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale
from wagtail.rich_text import RichText

from cms.core.models import CustomImage, HomePage

from .editorial import EDITORS, MODERATORS, add_to_group, ensure_editorial_workflow
from .models import CampaignIndexPage, CampaignPage, CampaignSlogan, Slogan, SloganStatus

SOURCE_2017 = "Kế hoạch 109/KH-BCĐ ngày 30/6/2017 của Ban Chỉ đạo 138 tỉnh Thanh Hóa"

# (year, Vietnamese, English, status, source) from ../shared/facts.md: seed rows confirmed,
# check rows flagged for review.
SLOGANS = [
    (
        2017,
        "Tích cực hưởng ứng ngày toàn dân phòng, chống mua bán người",
        "Take an active part in the Day for all people against human trafficking",
        SloganStatus.CONFIRMED,
        SOURCE_2017,
    ),
    (
        2017,
        "Chung tay phòng, chống mua bán người",
        "Hand in hand against human trafficking",
        SloganStatus.CONFIRMED,
        SOURCE_2017,
    ),
    (
        2017,
        "Phòng, chống mua bán người là trách nhiệm của mỗi cá nhân, gia đình và xã hội",
        "Preventing human trafficking is the duty of every person, family and community",
        SloganStatus.CONFIRMED,
        SOURCE_2017,
    ),
    (
        2023,
        "Hướng tới tất cả nạn nhân bị mua bán, không để ai bị bỏ lại phía sau",
        "Reach every trafficking victim, leave no one behind",
        SloganStatus.NEEDS_REVIEW,
        "",
    ),
    (
        2024,
        "Không trẻ em nào bị bỏ lại phía sau trong cuộc chiến phòng, chống mua bán người",
        "Leave no child behind in the fight against human trafficking",
        SloganStatus.NEEDS_REVIEW,
        "",
    ),
    (
        2025,
        "Mua bán người là tội phạm có tổ chức - Hãy chấm dứt sự bóc lột",
        "Human trafficking is organised crime - end the exploitation",
        SloganStatus.NEEDS_REVIEW,
        "",
    ),
]

INDEX_VI = {
    "title": "Chiến dịch 30/7",
    "slug": "chien-dich",
    "intro": (
        "Ngày 30/7 hằng năm là Ngày toàn dân phòng, chống mua bán người (Quyết định "
        "793/QĐ-TTg ngày 10/5/2016) và cũng là Ngày thế giới phòng, chống mua bán người."
    ),
}
INDEX_EN = {
    "title": "30/7 campaigns",
    "intro": (
        "Every 30 July is Viet Nam's Day for all people against human trafficking (Decision "
        "793/QĐ-TTg of 10 May 2016) and the World Day against Trafficking in Persons."
    ),
}

KEY_MESSAGES_VI = [
    "Cảnh giác với lời mời “việc nhẹ, lương cao” ở nơi xa hoặc ở nước ngoài.",
    "Không đưa giấy tờ tùy thân cho người khác giữ.",
    "Báo cho gia đình biết nơi bạn đến và người bạn đi cùng.",
    "Khi nghi ngờ, hãy gọi tổng đài trước khi đi.",
]
KEY_MESSAGES_EN = [
    "Be wary of “easy work, high pay” offers far from home or abroad.",
    "Never hand your identity papers to someone else to keep.",
    "Tell your family where you are going and who you are going with.",
    "If in doubt, call the hotline before you go.",
]


def campaign_texts(year: int) -> tuple[dict, dict]:
    vi = {
        "title": f"Ngày toàn dân phòng, chống mua bán người 30/7/{year}",
        "slug": f"30-7-{year}",
        "intro": (
            f"Hưởng ứng Ngày toàn dân phòng, chống mua bán người năm {year}: cùng tìm hiểu "
            "thủ đoạn của kẻ mua bán người, cách phòng tránh và nơi tìm sự giúp đỡ."
        ),
        "hero_alt_text": "Hình minh họa: ba vòng tròn đan vào nhau trên nền đỏ",
    }
    en = {
        "title": f"Day for all people against human trafficking, 30 July {year}",
        "intro": (
            f"For the {year} Day against human trafficking: learn the traffickers' tricks, how "
            "to stay safe and where to find help."
        ),
        "hero_alt_text": "Illustration: three interlocking circles on a red background",
    }
    return vi, en


def body(*, english: bool, share: Slogan) -> list:
    if english:
        return [
            ("key_messages", {"heading": "Key messages", "messages": KEY_MESSAGES_EN}),
            (
                "call_to_action",
                {
                    "heading": "Worried about a job offer or someone who is missing?",
                    "text": "Call the hotline. Your call is free and confidential.",
                },
            ),
            ("share_slogan", {"slogan": share, "invitation": "Share this slogan"}),
        ]
    return [
        (
            "paragraph",
            RichText(
                "<p>Kẻ mua bán người thường lừa bằng lời hứa việc làm, kết hôn hoặc du lịch. "
                "Hiểu rõ thủ đoạn là cách tự bảo vệ mình và người thân.</p>"
            ),
        ),
        ("key_messages", {"heading": "Thông điệp chính", "messages": KEY_MESSAGES_VI}),
        (
            "call_to_action",
            {
                "heading": "Lo lắng về một lời mời việc làm hay một người mất liên lạc?",
                "text": "Hãy gọi tổng đài. Cuộc gọi miễn phí và được giữ bí mật.",
            },
        ),
        ("share_slogan", {"slogan": share, "invitation": "Chia sẻ khẩu hiệu này"}),
    ]


def hero_image() -> CustomImage:
    title = "Chiến dịch 30/7 – hình minh họa"
    image = CustomImage.objects.filter(title=title).first()
    if image is not None:
        return image
    picture = Image.new("RGB", (1600, 900), (179, 38, 30))
    draw = ImageDraw.Draw(picture)
    for number, colour in enumerate([(255, 236, 179), (255, 255, 255), (255, 205, 150)]):
        left = 350 + number * 300
        draw.ellipse([left, 250, left + 400, 650], outline=colour, width=40)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return CustomImage.objects.create(
        title=title,
        alt_text="Hình minh họa: ba vòng tròn đan vào nhau trên nền đỏ",
        file=ImageFile(buffer, name="chien-dich-30-7.jpg"),
    )


def ensure_slogans(*, vi: Locale, en: Locale, out) -> dict[str, Slogan]:
    slogans = {}
    for year, text_vi, text_en, status, source in SLOGANS:
        slogan = Slogan.objects.filter(locale=vi, text=text_vi).first()
        if slogan is None:
            slogan = Slogan.objects.create(
                locale=vi, text=text_vi, year=year, status=status, source=source
            )
            out(f"Slogan {year}: {text_vi}" + (" (needs review)" if slogan.needs_review else ""))
        if slogan.get_translation_or_none(en) is None:
            english = slogan.copy_for_translation(en)
            english.text = text_en
            english.save()
        slogans[text_vi] = slogan
    return slogans


def ensure_index(*, home: HomePage, en: Locale) -> CampaignIndexPage:
    index = CampaignIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = home.add_child(instance=CampaignIndexPage(**INDEX_VI))
        index.save_revision().publish()
    if index.get_translation_or_none(en) is None:
        english = index.copy_for_translation(en)
        for field, value in INDEX_EN.items():
            setattr(english, field, value)
        english.save_revision().publish()
    return index


def ensure_campaign(*, index, year, slogans, image, en: Locale, out) -> CampaignPage:
    vi_texts, en_texts = campaign_texts(year)
    campaign = CampaignPage.objects.child_of(index).filter(year=year).first()
    if campaign is None:
        campaign = CampaignPage(
            year=year,
            event_date=datetime.date(year, 7, 30),
            hero_image=image,
            body=body(english=False, share=slogans[0]),
            **vi_texts,
        )
        campaign.campaign_slogans = [CampaignSlogan(slogan=slogan) for slogan in slogans]
        index.add_child(instance=campaign)
        campaign.save_revision().publish()
        out(f"Created the campaign: {campaign.title}")
    if campaign.get_translation_or_none(en) is None:
        english = campaign.copy_for_translation(en)
        for field, value in en_texts.items():
            setattr(english, field, value)
        english.body = body(english=True, share=slogans[0])
        english.save_revision().publish()
    return campaign


def ensure_accounts(*, out) -> None:
    accounts = [
        ("bientap", "bientap-ChungTay-2026", "Biên tập viên", EDITORS),
        ("kiemduyet", "kiemduyet-ChungTay-2026", "Kiểm duyệt viên", MODERATORS),
    ]
    User = get_user_model()
    for username, password, first_name, group in accounts:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first_name)
            user.set_password(password)
            user.save()
        add_to_group(user=user, group_name=group)
        out(f"Demo {group} login: {username} / {password}")


@transaction.atomic
def load(*, out) -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=vi)
    slogans = ensure_slogans(vi=vi, en=en, out=out)
    index = ensure_index(home=home, en=en)
    image = hero_image()
    confirmed_2017 = [slogans[row[1]] for row in SLOGANS if row[0] == 2017]
    ensure_campaign(index=index, year=2017, slogans=confirmed_2017, image=image, en=en, out=out)
    this_year = timezone.localdate().year
    # This year's campaign reuses the lasting 2017 slogans (the later ones await review).
    ensure_campaign(
        index=index,
        year=this_year,
        slogans=confirmed_2017[1:],
        image=image,
        en=en,
        out=out,
    )
    ensure_editorial_workflow(pages=[index, index.get_translation(en)])
    ensure_accounts(out=out)

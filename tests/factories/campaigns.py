"""Campaign pages and slogans for tests.

index = campaign_index(home=home_page)
campaign = campaign_page(index=index, year=2026, slogans=[SloganFactory()])
"""

import factory
from wagtail.models import Locale

from cms.campaigns.models import CampaignIndexPage, CampaignPage, CampaignSlogan, Slogan


class SloganFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slogan

    text = factory.Sequence(lambda n: f"Chung tay phòng, chống mua bán người số {n}")
    year = 2026
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="vi"))


def campaign_index(*, home, **fields) -> CampaignIndexPage:
    fields = {"title": "Chiến dịch 30/7", "slug": "chien-dich", **fields}
    index = home.add_child(instance=CampaignIndexPage(**fields))
    index.save_revision().publish()
    return index


def campaign_page(*, index, slogans=(), publish=True, **fields) -> CampaignPage:
    year = fields.setdefault("year", 2026)
    fields.setdefault("title", f"Ngày toàn dân phòng, chống mua bán người {year}")
    fields.setdefault("slug", f"30-7-{year}")
    page = CampaignPage(live=publish, **fields)
    page.campaign_slogans = [CampaignSlogan(slogan=slogan) for slogan in slogans]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def hero_image(title="Ảnh chiến dịch", alt_text="Hình minh họa chiến dịch"):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image

    from cms.core.models import CustomImage

    buffer = io.BytesIO()
    Image.new("RGB", (1200, 675), (179, 38, 30)).save(buffer, format="JPEG")
    return CustomImage.objects.create(
        title=title, alt_text=alt_text, file=ImageFile(buffer, name="chien-dich.jpg")
    )

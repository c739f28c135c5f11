"""Administrative units for tests: a current-catalogue province and its communes.

commune = CommuneFactory()                       # in a fresh province
commune = CommuneFactory(name="Phường Ba Đình", province=hanoi)
"""

import datetime

import factory

from elearning.geo.models import AdminCatalog, AdminUnit


class CatalogFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminCatalog
        django_get_or_create = ("key",)

    key = AdminCatalog.CURRENT
    name = "Danh mục 2025 (34 tỉnh, thành phố)"
    effective_from = datetime.date(2025, 7, 1)


class LegacyCatalogFactory(CatalogFactory):
    key = AdminCatalog.LEGACY
    name = "Danh mục trước 1/7/2025 (63 tỉnh, thành phố)"
    effective_from = datetime.date(2008, 8, 1)
    effective_to = datetime.date(2025, 6, 30)


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("catalog", "level", "code")
        skip_postgeneration_save = True

    catalog = factory.SubFactory(CatalogFactory)
    level = AdminUnit.Level.PROVINCE
    code = factory.Sequence(lambda n: f"{(n % 90) + 10:02d}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử Nghiệm {n}")
    kind = "Tỉnh"

    @factory.post_generation
    def _province(obj, create, extracted, **kwargs):
        # A province is its own province (as the importer stores it).
        if create and obj.province_id != obj.pk:
            obj.province = obj
            obj.save(update_fields=["province"])


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdminUnit
        django_get_or_create = ("catalog", "level", "code")

    catalog = factory.SubFactory(CatalogFactory)
    level = AdminUnit.Level.COMMUNE
    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = factory.LazyAttribute(lambda o: o.name.split(" ")[0])
    province = factory.SubFactory(ProvinceFactory, catalog=factory.SelfAttribute("..catalog"))
    parent = factory.SelfAttribute("province")
    latitude = 21.0285
    longitude = 105.8542

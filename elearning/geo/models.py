"""Administrative units of Vietnam in two catalogues (before and after 1/7/2025).

Codes were reused across the catalogues for different units, so a unit is identified by
catalogue + level + code, never by code alone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.text import normalise


class AdminCatalog(models.Model):
    CURRENT = "2025"
    LEGACY = "legacy-2024"

    key = models.SlugField(_("key"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    effective_to = models.DateField(_("effective to"), null=True, blank=True)

    class Meta:
        verbose_name = _("administrative catalogue")
        verbose_name_plural = _("administrative catalogues")
        ordering = ["-effective_from"]

    def __str__(self):
        return self.name


class AdminUnitQuerySet(models.QuerySet):
    def current(self):
        return self.filter(catalog__key=AdminCatalog.CURRENT)

    def provinces(self):
        return self.filter(level=AdminUnit.Level.PROVINCE)

    def communes(self):
        return self.filter(level=AdminUnit.Level.COMMUNE)


class AdminUnit(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        COMMUNE = "commune", _("commune")

    catalog = models.ForeignKey(
        AdminCatalog, on_delete=models.PROTECT, related_name="units", verbose_name=_("catalogue")
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    code = models.CharField(_("code"), max_length=16)
    name = models.CharField(_("name"), max_length=255)
    # "Phường", "Xã", "Đặc khu", "Thành phố", "Tỉnh", ...
    kind = models.CharField(_("kind"), max_length=64, blank=True)
    # Lower-case, without diacritics: what "ba dinh" is matched against.
    search_name = models.CharField(_("search name"), max_length=255, db_index=True, editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    province = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("province"),
        help_text=_("The province this unit belongs to (itself for a province)."),
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    objects = AdminUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        ordering = ["catalog", "level", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog", "level", "code"], name="geo_unit_unique_catalog_level_code"
            )
        ]
        indexes = [models.Index(fields=["catalog", "level", "province"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.name)
        super().save(*args, **kwargs)


class AdminUnitLineage(models.Model):
    """Which current unit(s) a legacy unit became. A legacy commune split between several
    current communes has one row per part (is_partial), one of them the default."""

    from_unit = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="lineage_to", verbose_name=_("from")
    )
    to_unit = models.ForeignKey(
        AdminUnit, on_delete=models.CASCADE, related_name="lineage_from", verbose_name=_("to")
    )
    is_partial = models.BooleanField(_("partial"), default=False)
    is_default = models.BooleanField(_("default"), default=True)

    class Meta:
        verbose_name = _("unit lineage")
        verbose_name_plural = _("unit lineages")
        constraints = [
            models.UniqueConstraint(fields=["from_unit", "to_unit"], name="geo_lineage_unique_pair")
        ]

    def __str__(self):
        return f"{self.from_unit} → {self.to_unit}"


class UnitBoundary(models.Model):
    """A unit's outline for the coverage map, simplified on import (manage.py
    import_boundaries): a list of polygons, each a list of rings (the outline, then any holes),
    each a list of [longitude, latitude] rounded to 4 decimals (about 11 m)."""

    unit = models.OneToOneField(
        AdminUnit, on_delete=models.CASCADE, related_name="boundary", verbose_name=_("unit")
    )
    polygons = models.JSONField(_("polygons"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("Where it comes from, its licence.")
    )
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("unit boundary")
        verbose_name_plural = _("unit boundaries")

    def __str__(self):
        return str(self.unit)

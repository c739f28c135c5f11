from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    LAW = "law", _("Law")
    CODE = "code", pgettext_lazy("legal document type", "Code")
    RESOLUTION = "resolution", _("Resolution")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    JOINT_CIRCULAR = "joint_circular", _("Joint circular")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    PLAN = "plan", _("Plan")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")
    HISTORICAL = "historical", _("Historical (for reference)")

"""What structures are classified by: fixed legal forms and relations, editor-managed sectors
and territories (translatable snippets)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class LegalForm(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    SCOP = "scop", _("Cooperative (SCOP)")
    SCIC = "scic", _("Cooperative (SCIC)")
    CAE = "cae", _("Business and employment cooperative (CAE)")
    OTHER_COOPERATIVE = "cooperative", _("Other cooperative")
    MUTUAL = "mutual", _("Mutual")
    FOUNDATION = "foundation", _("Foundation")
    ESUS = "esus", _("ESUS company")
    OTHER = "other", _("Other")


class Relation(models.TextChoices):
    ADHERENT = "adherent", _("Member")
    SYMPATHISER = "sympathiser", _("Sympathiser")
    PARTNER = "partner", _("Partner")
    SUPPORT = "support", _("Support organisation")
    FUNDER = "funder", _("Funder")


class Taxonomy(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(Taxonomy):
    """Secteur d'activité: insertion, culture, alimentation, mobilité…"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("sector of activity")
        verbose_name_plural = _("sectors of activity")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_sector_slug")
        ]


class Territory(Taxonomy):
    """Territoire: an intercommunalité (or part) of Mayenne."""

    class Meta(Taxonomy.Meta):
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_territory_slug")
        ]

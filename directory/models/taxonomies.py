"""What structures are classified by: fixed legal forms and relations, editor-managed sectors
and territories (translatable snippets)."""

from collections.abc import Callable

from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from search.service import FacetDefinition


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

    @classmethod
    def facet(
        cls, name: str, label: str, locale: Locale, condition: Callable[[QuerySet], Q]
    ) -> FacetDefinition:
        """A search facet of the terms in `locale`, chosen by slug. `condition(terms)` selects
        what is classified under `terms`: the primary keys of the chosen term in every
        language (pages of another language, such as untranslated aliases, keep the source
        language's terms). Keys, not a join on the terms: each option's count then reads an
        index instead of joining every classified row to its terms."""
        return FacetDefinition(
            name,
            label,
            lambda: [(term.slug, term.name) for term in cls.objects.filter(locale=locale)],
            lambda slug: condition(
                cls.objects.filter(
                    translation_key__in=cls.objects.filter(slug=slug).values("translation_key")
                ).values("pk")
            ),
        )


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

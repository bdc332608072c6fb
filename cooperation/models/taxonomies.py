"""What listings are classified by: editor-managed resource categories, fixed terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from directory.models.taxonomies import Taxonomy


class ResourceCategory(Taxonomy):
    """Matériel, locaux, véhicules, compétences, emploi partagé, services, achats groupés…"""

    class Meta(Taxonomy.Meta):
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug")
        ]


class Terms(models.TextChoices):
    LOAN = "loan", _("Loan")
    RENTAL = "rental", _("Rental")
    GIFT = "gift", _("Gift")
    EXCHANGE = "exchange", _("Exchange")
    SHARED_USE = "shared_use", _("Shared use")
    SALE = "sale", _("Sale")


class ListingTerm(models.Model):
    """One row per fixed term, so that a listing can offer several (many-to-many)."""

    code = models.CharField(_("code"), max_length=20, choices=Terms, unique=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.get_code_display())

"""What listings are classified by: editor-managed resource categories, fixed terms."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin


class ResourceCategory(TranslatableMixin, models.Model):
    """Matériel, locaux, véhicules, compétences, emploi partagé, services, achats groupés…"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource category")
        verbose_name_plural = _("resource categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_category_slug")
        ]

    def __str__(self) -> str:
        return self.name


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

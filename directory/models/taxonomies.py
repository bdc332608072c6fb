"""What structures are classified by: fixed legal forms and relations, editor-managed sectors
and territories (translatable snippets)."""

from collections.abc import Callable
from functools import cached_property

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin

from search.service import FacetDefinition
from search.sorting import Folded


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
        cls, name: str, label: str, locale: Locale, condition: Callable[[list[int]], Q],
        count_by: str | tuple[str, ...],
    ) -> FacetDefinition:
        """A search facet of the terms in `locale`, chosen by slug. `condition(keys)` selects
        what is classified under the primary keys of the chosen term in every language
        (pages of another language, such as untranslated aliases, keep the source language's
        terms). A list of keys, not a join on the terms: filtering then reads an index
        instead of joining every classified row to its terms. `count_by`: the lookup of a
        classified page's term keys, by which the options are counted."""
        terms = TermKeys(cls, locale)
        return FacetDefinition(
            name, label, terms.options, lambda slug: condition(terms.keys(slug)),
            count_by=count_by, keys_by_option=terms.keys_by_option,
        )


class TermKeys:
    """A taxonomy's terms, read once for a facet (one request): the options in `locale`, and
    the keys of each option's term in every language.

    As literal keys, not subqueries of the terms: Django took longer building each option's
    nested subquery than the database took counting (the filtered directory at 2,000
    structures)."""

    def __init__(self, model: type[Taxonomy], locale: Locale) -> None:
        self.model = model
        self.locale = locale

    @cached_property
    def _rows(self) -> list[tuple[int, str, str, object, int]]:
        return list(self.model.objects.order_by(Folded("name"), "pk").values_list(
            "pk", "slug", "name", "translation_key", "locale_id"
        ))

    def options(self) -> list[tuple[str, str]]:
        return [(slug, name) for _pk, slug, name, _key, locale_id in self._rows
                if locale_id == self.locale.pk]

    def keys_by_option(self) -> dict[str, list[int]]:
        """Each option's slug → the keys of its term in every language."""
        key_of = {slug: key for _pk, slug, _name, key, locale_id in self._rows
                  if locale_id == self.locale.pk}
        return {slug: [pk for pk, _slug, _name, key, _locale in self._rows if key == term_key]
                for slug, term_key in key_of.items()}

    def keys(self, slug: str) -> list[int]:
        """The keys, in every language, of the term of that slug in any language (a link
        shared from the other language keeps working); none for an unknown slug."""
        chosen = {key for _pk, term_slug, _name, key, _locale in self._rows if term_slug == slug}
        return [pk for pk, _slug, _name, key, _locale in self._rows if key in chosen]


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

"""Annuaire: the directory index and the structure pages."""

import datetime
import math

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import FloatField, Q, Value
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from core.memo import public
from core.visibility import AliasRestrictionsMixin
from directory.admin_forms import StructurePageForm
from directory.richtext import MemberRichTextMixin
from directory.validators import normalize_siret, validate_postcode, validate_siret
from home.models import NewsPage
from search.facets import Facet, Order, TaxonomyFacet

from .taxonomies import LegalForm, Relation, Sector, Territory

SUMMARY_MAX_LENGTH = 300
# A structure's map shows it and this many of its nearest neighbours: enough to place it among
# the network, few enough that the page stays light with thousands of structures.
MAPPED_NEIGHBOURS = 10


class StructurePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "directory.StructurePage", related_name="tagged_items", on_delete=models.CASCADE
    )


def current_year() -> int:
    return datetime.date.today().year


class StructurePage(AliasRestrictionsMixin, MemberRichTextMixin, Page):
    """A structure of the ESS: association, cooperative, mutual, foundation, ESUS company…"""

    summary = models.CharField(
        _("short presentation"), max_length=SUMMARY_MAX_LENGTH,
        help_text=_("Shown on cards and in search results (300 characters at most)."),
    )
    description = RichTextField(
        _("description"), blank=True, max_length=20_000,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm)
    relation = models.CharField(_("relation to APESS 53"), max_length=20, choices=Relation)
    sectors = ParentalManyToManyField(
        "directory.Sector", verbose_name=_("sectors of activity"), blank=True,
        related_name="structures",
    )
    territories = ParentalManyToManyField(
        "directory.Territory", verbose_name=_("territories"), blank=True,
        related_name="structures",
    )
    street_address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=5, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(
        _("e-mail address"), blank=True,
        help_text=_("Never shown on the site: contact messages are relayed to it."),
    )
    website = models.URLField(_("website"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    siret = models.CharField(
        _("SIRET number"), max_length=14, blank=True, validators=[validate_siret],
        help_text=_("14 digits, optional."),
    )
    year_founded = models.PositiveSmallIntegerField(
        _("year founded"), null=True, blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    staff_count = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), null=True, blank=True)
    tags = ClusterTaggableManager(through=StructurePageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_form"), FieldPanel("relation")]),
                FieldPanel("sectors"),
                FieldPanel("territories"),
                FieldPanel("tags"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("siret"),
                FieldRowPanel([
                    FieldPanel("year_founded"),
                    FieldPanel("staff_count"),
                    FieldPanel("volunteer_count"),
                ]),
            ],
            heading=_("Key figures"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("legal_form"),
        index.FilterField("relation"),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        index.RelatedFields("territories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("summary"),
        APIField("legal_form"),
        APIField("relation"),
        APIField("street_address"),
        APIField("postcode"),
        APIField("city"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("website"),
        APIField("year_founded"),
    ]

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types: list[str] = []
    base_form_class = StructurePageForm
    # The search page's "type" facet (search/page_types.py).
    search_type = ("structure", _("Structure"))

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

    @classmethod
    def search_facets(cls, locale: Locale) -> list[Facet]:
        """Facets of structures, here and on the search page."""
        return [
            TaxonomyFacet(
                "sector", _("Sector of activity"), Sector, locale,
                classified=lambda terms: Q(pk__in=cls.sectors.through.objects.filter(
                    sector__in=terms).values("structurepage_id")),
                count_by="sectors",
            ),
            TaxonomyFacet(
                "territory", _("Territory"), Territory, locale,
                classified=lambda terms: Q(pk__in=cls.territories.through.objects.filter(
                    territory__in=terms).values("structurepage_id")),
                count_by="territories", order=Order.PLACE,
            ),
        ]

    @property
    def search_meta(self) -> str:
        """Where, in search results."""
        return self.city

    def clean_fields(self, exclude=None) -> None:
        # "732 829 320 00074" as printed on a Kbis: normalised before the length check.
        if self.siret:
            self.siret = normalize_siret(self.siret)
        super().clean_fields(exclude=exclude)

    def save(self, *args, **kwargs) -> None:
        # Pages made by code (imports, factories) skip clean_fields: the same spelling is
        # stored whichever way the page came, within the column's 14 characters.
        if self.siret:
            self.siret = normalize_siret(self.siret)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Give both the latitude and the longitude, or neither.")}
            )
        if self.year_founded and self.year_founded > current_year():
            raise ValidationError({"year_founded": _("The year founded cannot be in the future.")})

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from directory.views import serve_structure

        return serve_structure(self, request, *args, **kwargs)

    def related_news(self):
        """Live news of the same language that mention this structure (or its source)."""
        return (
            public(NewsPage.objects.live())
            .filter(locale_id=self.locale_id)
            .filter(models.Q(related_structures=self) | models.Q(related_structures=self.source))
            .distinct()
            .order_by("-date")
        )

    def mapped_neighbours(self) -> list["StructurePage"]:
        """This structure, then the MAPPED_NEIGHBOURS nearest others of its directory that
        have coordinates, nearest first (nothing without coordinates of its own).

        The distance is sorted by the database (SQLite and PostgreSQL alike), so that only
        the few neighbours shown are read, whatever the size of the directory. Its square is
        enough to sort by; a degree of longitude is shortened by the cosine of the latitude
        (equirectangular projection: exact enough within a department).
        """
        if not self.has_coordinates:
            return []
        latitude, longitude = float(self.latitude), float(self.longitude)
        shrink = math.cos(math.radians(latitude)) ** 2
        north = Cast("latitude", FloatField()) - Value(latitude)
        east = Cast("longitude", FloatField()) - Value(longitude)
        nearest = (
            public(StructurePage.objects.live()).sibling_of(self, inclusive=False)
            .filter(latitude__isnull=False, longitude__isnull=False)
            .annotate(distance=north * north + Value(shrink) * east * east)
            .order_by("distance", "title", "pk")
        )[:MAPPED_NEIGHBOURS]
        return [self, *nearest]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url), ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url), ("Mastodon", self.mastodon_url),
        ]
        return [(name, url) for name, url in links if url]

    @property
    def source(self) -> "StructurePage":
        """The structure that carries the memberships: the source page of an alias."""
        return self.alias_of.specific if self.alias_of_id else self

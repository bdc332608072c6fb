"""Coopération: the marketplace index and its listings, offers and requests.

`ListingPage` is a concrete (not abstract) base so that one query lists, filters and counts
offers and requests together; it cannot be created by itself.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core.visibility import AliasRestrictionsMixin
from directory.models.pages import StructurePage
from directory.models.taxonomies import Territory
from directory.richtext import MemberRichTextMixin
from search.facets import Facet, Order, TaxonomyFacet

from .parts import ListingPageTag
from .querysets import ListingManager
from .rules import (
    DEFAULT_VALIDITY,
    DESCRIPTION_MAX_LENGTH,
    MAX_EXCHANGE_HOURS,
    MAX_EXCHANGE_VALUE,
    MAX_IMAGES,
    MAX_VALIDITY,
    SUMMARY_MAX_LENGTH,
    ListingKind,
    ListingStatus,
)
from .taxonomies import ResourceCategory


def default_expiry() -> datetime.date:
    return timezone.localdate() + DEFAULT_VALIDITY


class ListingPage(AliasRestrictionsMixin, MemberRichTextMixin, Page):
    """What offers and requests share."""

    kind = models.CharField(_("kind"), max_length=10, choices=ListingKind, editable=False)
    summary = models.CharField(
        _("summary"), max_length=SUMMARY_MAX_LENGTH,
        help_text=_("Shown in listings and search results (300 characters at most)."),
    )
    description = models.TextField(
        _("description"), max_length=DESCRIPTION_MAX_LENGTH, blank=True,
        help_text=_("Plain text; leave a blank line between paragraphs."),
    )
    category = models.ForeignKey(
        "cooperation.ResourceCategory", verbose_name=_("resource category"),
        on_delete=models.PROTECT, related_name="+",
    )
    terms = ParentalManyToManyField(
        "cooperation.ListingTerm", verbose_name=_("terms"), blank=True, related_name="+"
    )
    price = models.CharField(
        _("price or contribution"), max_length=100, blank=True,
        help_text=_("For example: free, 20 € a day, to be discussed."),
    )
    quantity = models.PositiveIntegerField(
        _("quantity"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    structure = models.ForeignKey(
        "directory.StructurePage", verbose_name=_("structure"), on_delete=models.PROTECT,
        related_name="listings",
    )
    contact_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("contact member"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    territory = models.ForeignKey(
        "directory.Territory", verbose_name=_("territory"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Leave empty to use the structure's."),
    )
    city = models.CharField(_("town"), max_length=100, blank=True)
    tags = ClusterTaggableManager(through=ListingPageTag, blank=True, verbose_name=_("tags"))
    status = models.CharField(
        _("status"), max_length=12, choices=ListingStatus, default=ListingStatus.OPEN,
        db_index=True,
    )
    expires_on = models.DateField(_("expires on"), default=default_expiry, db_index=True)
    reminder_sent_on = models.DateField(_("expiry reminder sent on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    partner_structure = models.ForeignKey(
        "directory.StructurePage", verbose_name=_("partner structure"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    estimated_value = models.DecimalField(
        _("estimated value (€)"), max_digits=10, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_EXCHANGE_VALUE)],
    )
    hours_saved = models.DecimalField(
        _("hours saved"), max_digits=8, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_EXCHANGE_HOURS)],
    )
    exclude_from_impact = models.BooleanField(
        _("exclude from the impact figures"), default=False,
        help_text=_("For an editor: this exchange is not counted in the network's figures "
                    "(a test, a duplicate, an implausible value)."),
    )

    objects = ListingManager()

    is_creatable = False
    parent_page_types = ["cooperation.CooperationIndexPage"]
    subpage_types: list[str] = []

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("category"), FieldPanel("terms"), FieldPanel("tags"),
             FieldRowPanel([FieldPanel("price"), FieldPanel("quantity")])],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("structure"), FieldPanel("contact_member"),
             FieldRowPanel([FieldPanel("territory"), FieldPanel("city")])],
            heading=_("Who and where"),
        ),
        InlinePanel("images", max_num=MAX_IMAGES, label=_("Images")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("status"), FieldPanel("expires_on")]),
             FieldPanel("partner_structure"),
             FieldRowPanel([FieldPanel("estimated_value"), FieldPanel("hours_saved")]),
             FieldPanel("exclude_from_impact")],
            heading=_("Life of the listing"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.FilterField("expires_on"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("structure", [index.SearchField("title")]),
    ]
    api_fields = [
        APIField("kind"), APIField("summary"), APIField("description"), APIField("price"),
        APIField("quantity"), APIField("city"), APIField("expires_on"),
    ]

    class Meta:
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        # What the public sees (`open()`, by kind): read from one index rather than filtered
        # from every listing (the home page's latest offers among 20,000 listings on SQLite).
        indexes = [
            models.Index(fields=["status", "kind", "expires_on"], name="coop_listing_open_idx"),
        ]

    def clean(self) -> None:
        super().clean()
        if self.expires_on and self.expires_on > timezone.localdate() + MAX_VALIDITY:
            raise ValidationError(
                {"expires_on": _("A listing can stay online for one year at most.")}
            )

    def save(self, *args, **kwargs):
        if self.expires_on:
            self.expire_at = self.expires_at
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # A revision made before the reminder went out must not bring back "not reminded";
        # a renewal changes the end date and resets it on purpose. Read from the database:
        # `self` may be an instance that predates the reminder.
        current = (
            ListingPage.objects.filter(pk=self.pk)
            .values_list("expires_on", "reminder_sent_on").first()
        )
        if current and obj.expires_on == current[0]:
            obj.reminder_sent_on = current[1]
        return obj

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.is_open else []

    # When a search finds nothing, the newest listings are suggested (search/page_types.py).
    search_suggested = True

    @classmethod
    def search_hidden(cls) -> QuerySet:
        """Listings the search page never shows, live or not: closed, or past their last day
        (before the daily job unpublishes them)."""
        return cls.objects.closed_or_expired().values("pk")

    @classmethod
    def search_facets(cls, locale: Locale) -> list[Facet]:
        """Facets of listings, here and on the search page."""
        return [
            TaxonomyFacet(
                "category", _("Resource category"), ResourceCategory, locale,
                classified=lambda terms: Q(category__in=terms),
                count_by="category",
            ),
            # A listing without its own territory takes its structure's. Two lists of keys,
            # each read from an index: as one OR, SQLite read all 20,000 listings per option.
            TaxonomyFacet(
                "territory", _("Territory"), Territory, locale,
                classified=lambda terms: Q(
                    pk__in=cls.objects.filter(territory__in=terms).values("pk")
                ) | Q(pk__in=cls.objects.filter(
                    territory__isnull=True,
                    structure__in=StructurePage.territories.through.objects.filter(
                        territory__in=terms
                    ).values("structurepage_id"),
                ).values("pk")),
                count_by=("territory", "structure__territories"), order=Order.PLACE,
            ),
        ]

    @property
    def search_meta(self) -> str:
        """Where, in search results."""
        return self.city

    @property
    def is_open(self) -> bool:
        """Whether the public may see it, by the rule of `ListingQuerySet.open()` (whose
        `_open_on` this mirrors in memory): open and not past its last day."""
        return not self.is_closed and self.expires_on >= timezone.localdate()

    @property
    def is_closed(self) -> bool:
        """Fulfilled or withdrawn: gone for good (its address answers 410 once public)."""
        return self.status != ListingStatus.OPEN

    @property
    def expires_at(self) -> datetime.datetime:
        """When Wagtail's scheduled expiry (`expire_at`) takes it off the site: the start of
        the day after its last day."""
        day_after = self.expires_on + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(day_after, datetime.time.min))

    @property
    def effective_territory(self):
        if self.territory_id:
            return self.territory
        return self.structure.territories.first()

    @property
    def paragraphs(self) -> list[str]:
        text = self.description.replace("\r\n", "\n")
        return [p.strip() for p in text.split("\n\n") if p.strip()]

    def contact_relay(self, message) -> tuple[str, dict]:
        """The e-mail relaying an answer to this listing (directory/tasks.py): its templates
        and what they show: the listing, in the structure's language, and Mes annonces."""
        listing = self
        if self.locale_id != message.structure.locale_id:
            listing = (self.get_translation_or_none(message.structure.locale) or self).specific
        base = settings.WAGTAILADMIN_BASE_URL
        return "cooperation/emails/response", {
            "listing": listing,
            "listing_url": base + (listing.get_url() or ""),
            "member_space_url": base + reverse("members:listings"),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = self
        return context

    def route(self, request, path_components):
        # A closed listing is offline, yet its address answers (410, "this listing is
        # closed") once it has been public; a never-published one stays unknown (404).
        if (not path_components and not self.live and self.is_closed
                and self.first_published_at is not None):
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from cooperation.views import serve_listing

        return serve_listing(self, request, *args, **kwargs)

    def get_template(self, request, *args, **kwargs) -> str:
        return "cooperation/listing_page.html"


class OfferPage(ListingPage):
    """Une offre: a structure lends, rents, gives, shares or sells something."""

    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)

    content_panels = ListingPage.content_panels + [
        FieldRowPanel([FieldPanel("available_from"), FieldPanel("available_until")],
                      heading=_("Availability")),
    ]
    is_creatable = True
    parent_page_types = ["cooperation.CooperationIndexPage"]
    subpage_types: list[str] = []
    search_type = ("offer", _("Offer"))

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def save(self, *args, **kwargs):
        self.kind = ListingKind.OFFER
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.available_from and self.available_until and (
            self.available_until < self.available_from
        ):
            raise ValidationError(
                {"available_until": _("The end of availability must come after its start.")}
            )


class RequestPage(ListingPage):
    """Une demande: a structure needs something."""

    needed_by = models.DateField(_("needed by"), null=True, blank=True)

    content_panels = ListingPage.content_panels + [FieldPanel("needed_by")]
    is_creatable = True
    parent_page_types = ["cooperation.CooperationIndexPage"]
    subpage_types: list[str] = []
    search_type = ("request", _("Request"))

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")

    def save(self, *args, **kwargs):
        self.kind = ListingKind.REQUEST
        return super().save(*args, **kwargs)

"""News: Actualités (index, RSS and Atom feeds) and its articles."""

import django_filters

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.search import index

from core.filters import QueryFilters
from core.index_page import FilteredIndexPage
from core.memo import public
from core.visibility import AliasRestrictionsMixin
from home.feeds import NewsAtomFeed, NewsRssFeed
from search.facets import Facet
from search.service import Search

from .mixins import BodyMixin, FeaturedImageMixin


class NewsCategory(TranslatableMixin, models.Model):
    """An editor-managed, translatable news category (vie du réseau, mois de l'ESS…)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_news_category_slug")
        ]

    def __str__(self) -> str:
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CategoryFacet(Facet):
    def __init__(self, locale: Locale) -> None:
        super().__init__("category", _("Category"))
        self.locale = locale

    def options(self) -> QuerySet:
        return NewsCategory.objects.filter(locale=self.locale).values_list("slug", "name")

    def condition(self, value: str) -> Q:
        # Untranslated (alias) articles keep the source language's category.
        return Q(category__translation_key__in=NewsCategory.objects.filter(
            slug=value).values("translation_key"))


class TagFacet(Facet):
    def __init__(self, news: QuerySet) -> None:
        super().__init__("tag", _("Tag"))
        self.news = news

    def options(self) -> QuerySet:
        return Tag.objects.filter(
            home_newspagetag_items__content_object__in=self.news
        ).distinct().order_by("name").values_list("slug", "name")

    def condition(self, value: str) -> Q:
        return Q(tags__slug=value)


class NewsFilters(QueryFilters):
    q = django_filters.CharFilter()
    category = django_filters.CharFilter()
    tag = django_filters.CharFilter()


class NewsIndexPage(AliasRestrictionsMixin, FilteredIndexPage):
    """Actualités: newest first, filterable by tag and category, with RSS and Atom feeds."""

    filters_class = NewsFilters

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def news(self):
        return (
            public(NewsPage.objects.live())
            .child_of(self)
            .select_related("featured_image", "category")
            .order_by("-date", "-first_published_at")
        )

    def news_facets(self) -> list[Facet]:
        return [CategoryFacet(self.locale), TagFacet(self.news())]

    def items(self):
        return self.news()

    def filtered(self, items, filters) -> Search:
        return Search(items, query=filters.q, selected=filters.selection(),
                      facets=self.news_facets())

    def paginate(self, request: HttpRequest, filtered: Search, filters) -> PaginatorPage:
        return filtered.page(request.GET.get(self.page_parameter), settings.PAGE_SIZES["news"],
                             ("-date", "-first_published_at"))

    def index_context(self, request, filters, filtered, page) -> dict:
        return {
            "news_page": page,
            "search_query": filtered.query,
            "pagination_query": filters.query_string(q=filtered.query),
            "categories": NewsCategory.objects.filter(locale=self.locale),
            "tags": Tag.objects.filter(
                home_newspagetag_items__content_object__in=self.news()
            ).distinct().order_by("name"),
            "current_category": NewsCategory.objects.filter(
                locale=self.locale, slug=filters.category).first() if filters.category else None,
            "current_tag": Tag.objects.filter(slug=filters.tag).first() if filters.tag else None,
        }

    @path("rss/", name="rss")
    def rss(self, request: HttpRequest) -> HttpResponse:
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom(self, request: HttpRequest) -> HttpResponse:
        return NewsAtomFeed(self)(request)


class NewsPage(AliasRestrictionsMixin, BodyMixin, FeaturedImageMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    search_type = ("news", _("News"))
    # Points up the import chain (DESIGN.md): named by string, never imported.
    related_structures = ParentalManyToManyField(
        "directory.StructurePage", verbose_name=_("related structures"), blank=True,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("category"),
                FieldPanel("tags"),
                FieldPanel("related_structures"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("featured_image"),
    ] + BodyMixin.content_panels
    search_fields = Page.search_fields + BodyMixin.search_fields + [
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        # Newest first everywhere (home, index, feeds): with thousands of articles the database
        # reads the newest from this index instead of sorting them all.
        indexes = [models.Index(fields=["-date"], name="home_news_date_idx")]

    @property
    def search_meta(self) -> str:
        """When, in search results."""
        return date_format(self.date, "DATE_FORMAT")

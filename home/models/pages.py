"""The home page and the association's standard pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.memo import public
from core.visibility import AliasRestrictionsMixin

from .events import EventPage
from .mixins import BodyMixin, FeaturedImageMixin
from .news import NewsPage


class HomePage(AliasRestrictionsMixin, Page):
    """Accueil: one per locale, at the root of the site."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), max_length=600, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=80, blank=True)
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_text"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.NewsIndexPage",
        "home.EventIndexPage",
        "directory.DirectoryIndexPage",
        "cooperation.CooperationIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            public(NewsPage.objects.live())
            .filter(locale=self.locale)
            .select_related("featured_image", "category")
            .order_by("-date", "-first_published_at")[:3]
        )
        context["upcoming_events"] = (
            public(EventPage.objects.live())
            .filter(locale=self.locale, end__gte=timezone.now())
            .order_by("start")[:3]
        )
        return context


class StandardPage(AliasRestrictionsMixin, BodyMixin, FeaturedImageMixin, Page):
    """L'association, Adhérer, Mentions légales…"""

    content_panels = Page.content_panels + BodyMixin.content_panels + [
        FieldPanel("featured_image")
    ]
    search_fields = Page.search_fields + BodyMixin.search_fields

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

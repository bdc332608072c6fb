"""Events: Agenda (upcoming and past, calendar feed) and each event with its iCalendar file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.index_page import FilteredIndexPage, paginate
from core.memo import public
from core.visibility import AliasRestrictionsMixin
from home.ical import calendar_response, feed_description, feed_events

from .mixins import BodyMixin, FeaturedImageMixin


class EventIndexPage(AliasRestrictionsMixin, FilteredIndexPage):
    """Agenda: upcoming events first, past events below, and an iCalendar feed."""

    # The upcoming events are paged by `?upcoming=`, the past ones by `?page=`.
    page_size = "upcoming_events"
    page_parameter = "upcoming"
    renamed_parameters = {"a_venir": "upcoming"}  # links shared before the parameter was renamed

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index")
        verbose_name_plural = _("event indexes")

    def events(self):
        return public(EventPage.objects.live()).child_of(self).select_related("featured_image")

    def upcoming_events(self):
        return self.events().filter(end__gte=timezone.now()).order_by("start")

    def items(self):
        return self.upcoming_events()

    def index_context(self, request, filters, filtered, page) -> dict:
        past = self.events().filter(end__lt=timezone.now()).order_by("-start")
        return {
            "upcoming_events": page,
            "past_events": paginate(request, past, settings.PAGE_SIZES["past_events"]),
        }

    @path("ical/", name="ical")
    def ical(self, request: HttpRequest) -> HttpResponse:
        """The feed calendar clients subscribe to: a window around today (home/ical.py)."""
        return calendar_response(
            request, feed_events(self.events()), name=self.title, filename="agenda-apess53.ics",
            description=feed_description(),
        )


class EventPage(AliasRestrictionsMixin, RoutablePageMixin, BodyMixin, FeaturedImageMixin, Page):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    street_address = models.CharField(_("address"), max_length=250, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Dates")),
        MultiFieldPanel(
            [
                FieldPanel("place_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
            ],
            heading=_("Place"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("featured_image"),
    ] + BodyMixin.content_panels
    search_fields = Page.search_fields + BodyMixin.search_fields + [
        index.SearchField("place_name"),
        index.SearchField("city"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    parent_page_types = ["home.EventIndexPage"]
    subpage_types: list[str] = []
    search_type = ("event", _("Event"))

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @property
    def address_line(self) -> str:
        town = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.place_name, self.street_address, town) if part)

    @property
    def search_meta(self) -> str:
        """When and where, in search results."""
        when = date_format(timezone.localtime(self.start), "DATETIME_FORMAT")
        return " · ".join(part for part in (when, self.place_name or self.city) if part)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @path("ical/", name="ical")
    def ical(self, request: HttpRequest) -> HttpResponse:
        return calendar_response(request, [self], name=self.title, filename=f"{self.slug}.ics")

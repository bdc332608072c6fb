"""Factories of the editorial pages, for tests (core/factories.py says how pages are made)."""

import datetime
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from core.factories import PublishedPageFactory, french_page_of
from home.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    StandardPage,
)

PARIS = ZoneInfo("Europe/Paris")


def french() -> Locale:
    return Locale.objects.get(language_code="fr")


class TranslatableFactory(DjangoModelFactory):
    """A French snippet; `english="Name"` adds its English translation (same slug), as an
    editor translating it would."""

    locale = factory.LazyFunction(french)
    name = factory.Sequence(lambda number: f"Terme {number}")
    slug = factory.LazyAttribute(lambda term: slugify(term.name))

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def english(self, create: bool, name: str | None, **kwargs) -> None:
        if create and name:
            translation = self.copy_for_translation(Locale.objects.get(language_code="en"))
            translation.name = name
            translation.save()


class NewsCategoryFactory(TranslatableFactory):
    class Meta:
        model = NewsCategory


class StandardPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(lambda: french_page_of(HomePage))
    intro = factory.LazyAttribute(lambda page: f"Introduction de « {page.title} ».")

    class Meta:
        model = StandardPage


class NewsPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(lambda: french_page_of(NewsIndexPage))
    title = factory.Sequence(lambda number: f"Actualité {number}")
    date = factory.LazyFunction(timezone.localdate)
    intro = factory.LazyAttribute(lambda page: f"Introduction de « {page.title} ».")

    class Meta:
        model = NewsPage


def paris_time(days: int, hour: int = 10) -> datetime.datetime:
    """`days` from today at `hour` o'clock, Paris time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)


class EventPageFactory(PublishedPageFactory):
    """An event in two weeks, 10:00 to 12:00, Paris time (`start`, `hours` to change)."""

    parent = factory.LazyFunction(lambda: french_page_of(EventIndexPage))
    title = factory.Sequence(lambda number: f"Événement {number}")
    start = factory.LazyFunction(lambda: paris_time(14))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=event.hours))
    place_name = "Salle des fêtes"
    city = "Laval"
    postcode = "53000"

    class Params:
        hours = 2

    class Meta:
        model = EventPage

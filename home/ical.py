"""iCalendar files for events, with their times in Europe/Paris.

The Agenda's feed (`feed_events`) holds a window, as calendar clients expect of a subscribed
feed, not the whole archive: the events that ended in the last `FEED_PAST_DAYS` days (a
client keeps what it saw recently) through those starting in the next `FEED_FUTURE_DAYS`,
at most `FEED_MAX_EVENTS`, the nearest to now kept. Its X-WR-CALDESC says so.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from django.conf import settings
from django.db.models import DateTimeField, DurationField, ExpressionWrapper, F, QuerySet, Value
from django.db.models.functions import Greatest
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

PARIS = ZoneInfo(settings.TIME_ZONE)

FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365
FEED_MAX_EVENTS = 500


def _paris_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=PARIS)


def feed_events(events: QuerySet) -> list:
    """The events of the feed's window, by start: those that ended from `FEED_PAST_DAYS`
    days ago through those starting within `FEED_FUTURE_DAYS` days, in whole Paris days (the
    feed is the same all day long), at most `FEED_MAX_EVENTS`: the nearest to now are kept."""
    now = timezone.now()
    today = timezone.localdate(now, PARIS)
    since = _paris_midnight(today - datetime.timedelta(days=FEED_PAST_DAYS))
    until = _paris_midnight(today + datetime.timedelta(days=FEED_FUTURE_DAYS + 1))
    moment = Value(now, output_field=DateTimeField())
    # How far from now: the time until it starts, or since it ended (negative while it runs).
    distance = Greatest(
        ExpressionWrapper(F("start") - moment, output_field=DurationField()),
        ExpressionWrapper(moment - F("end"), output_field=DurationField()),
    )
    nearest = (
        events.filter(end__gte=since, start__lt=until)
        .alias(distance=distance).order_by("distance", "start", "pk")[:FEED_MAX_EVENTS]
    )
    return sorted(nearest, key=lambda page: (page.start, page.pk))


def feed_description() -> str:
    return gettext(
        "Events that ended in the last %(past)s days and those starting in the next "
        "%(future)s days (at most %(count)s, the nearest to today)."
    ) % {"past": FEED_PAST_DAYS, "future": FEED_FUTURE_DAYS, "count": FEED_MAX_EVENTS}


def build_calendar(
    request: HttpRequest, events: Iterable, name: str, description: str = ""
) -> Calendar:
    """A VCALENDAR of `events` (EventPage instances) with a VTIMEZONE for Europe/Paris."""
    calendar = Calendar()
    calendar.add("prodid", "-//APESS 53//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for page in events:
        event = Event()
        event.add("uid", f"event-{page.translation_key}@apess53")
        event.add("summary", page.title)
        event.add("dtstart", timezone.localtime(page.start, PARIS))
        event.add("dtend", timezone.localtime(page.end, PARIS))
        event.add("dtstamp", timezone.now())
        if page.last_published_at:
            event.add("last-modified", page.last_published_at)
        if page.intro:
            event.add("description", page.intro)
        if page.address_line:
            event["location"] = vText(page.address_line)
        event.add("url", request.build_absolute_uri(page.get_url(request)))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(
    request: HttpRequest, events: Iterable, name: str, filename: str, description: str = ""
) -> HttpResponse:
    response = HttpResponse(
        build_calendar(request, events, name, description).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

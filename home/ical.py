"""iCalendar files for events, with their times in Europe/Paris."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vText

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

PARIS = ZoneInfo(settings.TIME_ZONE)


def build_calendar(request: HttpRequest, events: Iterable, name: str) -> Calendar:
    """A VCALENDAR of `events` (EventPage instances) with a VTIMEZONE for Europe/Paris."""
    calendar = Calendar()
    calendar.add("prodid", "-//APESS 53//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
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
    request: HttpRequest, events: Iterable, name: str, filename: str
) -> HttpResponse:
    response = HttpResponse(
        build_calendar(request, events, name).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

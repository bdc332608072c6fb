"""Agenda: upcoming and past events, iCalendar files in the Paris time zone, and the feed's
window (home/ical.py): ended in the last 30 days through starting in the next 365, 500 at most.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from home.factories import EventPageFactory, paris_time
from home.ical import FEED_MAX_EVENTS
from home.models import EventIndexPage, EventPage
from home.scale import add_children

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def agenda(demo) -> EventIndexPage:
    """The French agenda without the demo's events: a test's events are all it lists."""
    EventPage.objects.all().delete()
    return EventIndexPage.objects.get(locale__language_code="fr")


def the_three_events() -> list[EventPage]:
    """A meeting in 14 days (18:00, Laval), a workshop in 35 days, and assises that ended 30
    days ago (the feed's first day)."""
    return [
        EventPageFactory(title="Rencontre des adhérents Zorglub", start=paris_time(14, 18),
                         place_name="Maison Zorglub", city="Laval", postcode="53000"),
        EventPageFactory(title="Atelier « coopérer » Zorglub", start=paris_time(35, 9),
                         hours=3, city="Changé"),
        EventPageFactory(title="Assises Zorglub", start=paris_time(-30, 9), hours=8),
    ]


def test_upcoming_and_past_events_are_separated(client, agenda):
    the_three_events()
    page = BeautifulSoup(client.get("/fr/agenda/").content, "html.parser")
    upcoming = [h.get_text(strip=True) for h in
                page.find(id="upcoming-title").find_parent("section").select(".card__title")]
    past = [h.get_text(strip=True) for h in
            page.find(id="past-title").find_parent("section").select(".card__title")]
    assert upcoming == ["Rencontre des adhérents Zorglub", "Atelier « coopérer » Zorglub"]
    assert past == ["Assises Zorglub"]


def test_event_ical_file_parses_and_is_in_paris_time(client, agenda):
    event = the_three_events()[0]
    response = client.get(f"{event.get_url()}ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="rencontre-des-adherents-zorglub.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Rencontre des adhérents Zorglub"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    start = vevent.decoded("DTSTART")
    assert start == event.start
    assert start.astimezone(PARIS).hour == 18  # the meeting starts at 18:00, Paris time
    assert "Maison Zorglub" in vevent["LOCATION"] and "Laval" in vevent["LOCATION"]
    assert vevent["URL"] == f"http://testserver{event.get_url()}"


def test_calendar_feed_lists_upcoming_and_recent_events(client, agenda):
    the_three_events()
    calendar = Calendar.from_ical(client.get("/fr/agenda/ical/").content)
    # The assises ended 30 days ago, the feed's first day: still in it.
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [
        "Assises Zorglub",
        "Rencontre des adhérents Zorglub",
        "Atelier « coopérer » Zorglub",
    ]
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 3
    assert "30" in calendar["X-WR-CALDESC"] and "365" in calendar["X-WR-CALDESC"]


def add_event(title: str, days: int, hours: int = 2) -> EventPage:
    """A published French event starting `days` from today at 10:00, Paris time."""
    return EventPageFactory(title=title, start=paris_time(days), hours=hours)


def feed_summaries(client) -> list[str]:
    return [str(e["SUMMARY"]) for e in
            Calendar.from_ical(client.get("/fr/agenda/ical/").content).walk("VEVENT")]


def test_calendar_feed_holds_the_last_month_and_the_next_year(client, demo):
    events = {title: add_event(title, days) for title, days in [
        ("Dans deux ans", 730), ("Dans onze mois", 335), ("Il y a deux mois", -60),
        ("Il y a dix jours", -10)]}
    add_event("Trois jours depuis un mois", -32, hours=72)  # ended 29 days ago
    shown = feed_summaries(client)
    assert "Il y a dix jours" in shown
    assert "Trois jours depuis un mois" in shown
    assert "Dans onze mois" in shown
    assert "Il y a deux mois" not in shown
    assert "Dans deux ans" not in shown
    # Still on its own page and in its own file.
    far = events["Dans deux ans"]
    assert client.get(f"{far.get_url()}ical/").status_code == 200


def test_calendar_feed_keeps_the_nearest_events_up_to_its_cap(client, agenda):
    """Past the cap, the events farthest from today are left out, whichever side."""
    index = agenda
    the_three_events()
    today = timezone.localdate()
    pages = []
    # Two a day from 40 days ahead: with the three, 13 more than the cap.
    for number in range(FEED_MAX_EVENTS + 10):
        day = today + datetime.timedelta(days=40 + number // 2)
        start = datetime.datetime.combine(day, datetime.time(9 + number % 2), tzinfo=PARIS)
        pages.append(EventPage(title=f"Lot {number:03d}", slug=f"lot-{number}",
                               locale=index.locale, start=start,
                               end=start + datetime.timedelta(hours=1)))
    with transaction.atomic():
        add_children(index, pages)
    shown = feed_summaries(client)
    assert len(shown) == FEED_MAX_EVENTS
    # The three (ended 30 days ago, in 14 and 35 days) are nearer than any of the lot.
    assert "Assises Zorglub" in shown
    assert shown[:3] == [
        "Assises Zorglub",
        "Rencontre des adhérents Zorglub",
        "Atelier « coopérer » Zorglub",
    ]
    assert shown[3:] == [f"Lot {number:03d}" for number in range(FEED_MAX_EVENTS - 3)]


def test_calendar_feed_keeps_the_nearest_past_events_up_to_its_cap(client, agenda):
    """Past the cap on the past side too: the most recent are kept, the oldest left out, and
    events farther ahead than all of them as well (nearest first, not future first)."""
    index = agenda
    the_three_events()
    now = timezone.now()
    pages = []
    # Ended half an hour apart going back from now, all within the last 11 days: nearer to
    # now than any of the three (ended 30 days ago, starting in 14 and 35 days).
    for number in range(FEED_MAX_EVENTS + 10):
        end = now - datetime.timedelta(minutes=30 * (number + 1))
        pages.append(EventPage(title=f"Passé {number:03d}", slug=f"passe-{number}",
                               locale=index.locale, start=end - datetime.timedelta(hours=1),
                               end=end))
    with transaction.atomic():
        add_children(index, pages)
    shown = feed_summaries(client)
    assert len(shown) == FEED_MAX_EVENTS
    # In the feed's order (by start): oldest kept first, the most recent last.
    assert shown == [f"Passé {number:03d}" for number in reversed(range(FEED_MAX_EVENTS))]


def test_winter_and_summer_times_are_kept(client, demo):
    for slug, month in [("hiver", 1), ("ete", 7)]:
        start = datetime.datetime(2030, month, 15, 14, 0, tzinfo=PARIS)
        page = EventPageFactory(title=slug, start=start)
        response = client.get(f"{page.get_url()}ical/")
        vevent = Calendar.from_ical(response.content).walk("VEVENT")[0]
        assert vevent["DTSTART"].to_ical() == f"2030{month:02d}15T140000".encode()


def test_event_cannot_end_before_it_starts(demo):
    start = datetime.datetime(2030, 3, 1, 10, 0, tzinfo=PARIS)
    page = EventPage(title="À l'envers", slug="a-l-envers", start=start,
                     end=start - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end" in error.value.message_dict


def test_event_page_offers_the_calendar_file(client, demo):
    event = EventPageFactory(title="Rencontre Zorglub")
    page = BeautifulSoup(client.get(event.get_url()).content, "html.parser")
    links = [a["href"] for a in page.select(".actions a")]
    assert "/fr/agenda/rencontre-zorglub/ical/" in links

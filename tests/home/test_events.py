"""Agenda: upcoming and past events, iCalendar files in the Paris time zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from django.core.exceptions import ValidationError

from home.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def test_upcoming_and_past_events_are_separated(client, demo):
    page = BeautifulSoup(client.get("/fr/agenda/").content, "html.parser")
    upcoming = [h.get_text(strip=True) for h in
                page.find(id="upcoming-title").find_parent("section").select(".card__title")]
    past = [h.get_text(strip=True) for h in
            page.find(id="past-title").find_parent("section").select(".card__title")]
    assert upcoming == [
        "Exemple : rencontre des adhérents",
        "Exemple : atelier « coopérer entre structures de l'ESS »",
    ]
    assert past == ["Exemple : assises territoriales de l'ESS"]


def test_event_ical_file_parses_and_is_in_paris_time(client, demo):
    event = EventPage.objects.get(slug="exemple-rencontre-des-adherents",
                                  locale__language_code="fr")
    response = client.get(f"{event.get_url()}ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="exemple-rencontre-des-adherents.ics"' in response["Content-Disposition"]
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["SUMMARY"] == "Exemple : rencontre des adhérents"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Paris"
    start = vevent.decoded("DTSTART")
    assert start == event.start
    assert start.astimezone(PARIS).hour == 18  # the demo meeting starts at 18:00, Paris time
    assert "Laval" in vevent["LOCATION"]
    assert vevent["URL"] == f"http://testserver{event.get_url()}"


def test_calendar_feed_lists_upcoming_events_only(client, demo):
    calendar = Calendar.from_ical(client.get("/fr/agenda/ical/").content)
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    assert summaries == [
        "Exemple : atelier « coopérer entre structures de l'ESS »",
        "Exemple : rencontre des adhérents",
    ]
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == 2


def test_winter_and_summer_times_are_kept(client, demo):
    index = EventIndexPage.objects.get(locale__language_code="fr")
    for slug, month in [("hiver", 1), ("ete", 7)]:
        start = datetime.datetime(2030, month, 15, 14, 0, tzinfo=PARIS)
        page = EventPage(title=slug, slug=slug, locale=index.locale,
                         start=start, end=start + datetime.timedelta(hours=2))
        index.add_child(instance=page)
        page.save_revision().publish()
        response = client.get(f"/fr/agenda/{slug}/ical/")
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
    page = BeautifulSoup(client.get("/fr/agenda/exemple-rencontre-des-adherents/").content,
                         "html.parser")
    links = [a["href"] for a in page.select(".actions a")]
    assert "/fr/agenda/exemple-rencontre-des-adherents/ical/" in links

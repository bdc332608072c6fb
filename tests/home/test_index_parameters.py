"""The agenda's upcoming events are paged by `?upcoming=`; links shared with the former
French name, `?a_venir=`, lead permanently to the same page under the new name."""

import pytest
from bs4 import BeautifulSoup

from home.models import EventIndexPage

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    section = page.find(id="upcoming-title").find_parent("section")
    return [h.get_text(strip=True) for h in section.select(".card__title")]


def test_former_parameter_redirects_permanently_keeping_the_others(client, demo):
    response = client.get("/fr/agenda/?a_venir=2&page=3")
    assert response.status_code == 301
    assert response["Location"] == "/fr/agenda/?upcoming=2&page=3"
    english = client.get("/en/events/?a_venir=1")
    assert english.status_code == 301
    assert english["Location"] == "/en/events/?upcoming=1"


def test_upcoming_events_are_paged_by_the_new_parameter(client, demo, settings):
    settings.PAGE_SIZES = {**settings.PAGE_SIZES, "upcoming_events": 1}
    agenda = EventIndexPage.objects.get(locale__language_code="fr")
    assert agenda.upcoming_events().count() >= 2  # the demo's
    first, second = client.get("/fr/agenda/"), client.get("/fr/agenda/?upcoming=2")
    assert titles(first) and titles(second) and titles(first) != titles(second)
    assert 'href="?upcoming=2"' in first.content.decode()
    followed = client.get("/fr/agenda/?a_venir=2", follow=True)
    assert followed.redirect_chain == [("/fr/agenda/?upcoming=2", 301)]
    assert titles(followed) == titles(second)

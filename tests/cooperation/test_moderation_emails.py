"""The e-mails a moderation sends: one per person and submission, in French, with the site's links;
and the moderator's confirmation in the admin."""

import re
from collections import Counter

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import translation

from wagtail.users.models import UserProfile

from members.moderation import workflow_for
from tests.cooperation.member_listing_helpers import (
    EDITOR,
    MEMBER_A,
    MODERATOR,
    admin_action,
    created,
    listing_data,
    live_listing_of,
    login,
    other_client,
    structure,
    user,
)

pytestmark = pytest.mark.django_db

BASE_URL = "https://www.apess53.example"
TEAM = {"admin@apess53.example", "redaction@apess53.example", "moderation@apess53.example"}
# Words of Wagtail's English templates, and of their French translation.
ENGLISH = re.compile(r"\b(has been|submitted|You can|Hello|Edit your notification)\b")
FRENCH = re.compile(r"\b(a été|soumise|Vous pouvez|Bonjour|Salut)\b")


@pytest.fixture(autouse=True)
def site_base_url(settings):
    """A base distinct from the test client's host, so links built from the request show."""
    settings.WAGTAILADMIN_BASE_URL = BASE_URL


def recipients() -> Counter:
    return Counter(address for message in mail.outbox for address in message.to)


def links(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"']+", message.body)


def submit_from_the_english_member_area(client):
    """The member posts in English: the request's language is English, the team's is not."""
    login(client, MEMBER_A)
    with translation.override("en"):
        url = reverse("members:new_listing", args=["offer"])
    assert url.startswith("/en/")
    data = listing_data()
    data["structure"] = structure("roue-libre").pk
    mail.outbox.clear()
    assert client.post(url, data).status_code == 302
    return created()


def test_a_submission_tells_each_member_of_the_team_once_in_french(client):
    submit_from_the_english_member_area(client)
    # The superuser used to get two: the workflow's e-mail and its task's.
    assert recipients() == Counter({address: 1 for address in TEAM})
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        assert "Perceuse à colonne à prêter" in message.subject
        assert FRENCH.search(text), text
        assert not ENGLISH.search(text), text
        assert links(message) and all(link.startswith(BASE_URL + "/") for link in links(message))


def test_a_team_member_who_chose_english_gets_english(client):
    UserProfile.objects.update_or_create(
        user=user(MODERATOR), defaults={"preferred_language": "en"}
    )
    submit_from_the_english_member_area(client)
    (message,) = [m for m in mail.outbox if m.to == [user(MODERATOR).email]]
    assert ENGLISH.search(message.body) and not FRENCH.search(message.body)


def test_approving_confirms_to_the_moderator_and_tells_the_member_once(client):
    listing = submit_from_the_english_member_area(client)
    moderator = other_client(client, MODERATOR)
    mail.outbox.clear()
    response = admin_action(moderator, listing, "approve")
    assert response.status_code == 302
    page = moderator.get(response["Location"]).content.decode()
    assert "Vous avez approuvé « Perceuse à colonne à prêter »." in page
    listing.refresh_from_db()
    assert listing.live
    assert recipients() == Counter({user(MEMBER_A).email: 1})
    (message,) = mail.outbox
    assert all(link.startswith(BASE_URL + "/fr/") for link in links(message))


def test_requesting_changes_confirms_to_the_moderator(client):
    listing = submit_from_the_english_member_area(client)
    moderator = other_client(client, MODERATOR)
    mail.outbox.clear()
    response = admin_action(moderator, listing, "reject", "Précisez les horaires.")
    page = moderator.get(response["Location"]).content.decode()
    assert "Vous avez demandé des modifications de « Perceuse à colonne à prêter »." in page
    assert recipients() == Counter({user(MEMBER_A).email: 1})


def test_an_editor_who_submits_in_the_admin_is_told_the_outcome_once(client):
    """Wagtail tells staff of the decision; the members' own e-mail must not come on top."""
    listing = live_listing_of("roue-libre")
    editor = user(EDITOR)
    listing.save_revision(user=editor)
    workflow_for(listing).start(listing, editor)
    mail.outbox.clear()
    admin_action(other_client(client, MODERATOR), listing, "approve")
    assert recipients() == Counter({editor.email: 1})
    (message,) = mail.outbox
    assert FRENCH.search(message.body) and not ENGLISH.search(message.body)
    assert all(link.startswith(BASE_URL + "/") for link in links(message))


def test_the_admin_speaks_french_to_an_english_browser_unless_chosen_otherwise(client):
    editor = login(client, EDITOR)
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}
    page = client.get(reverse("wagtailadmin_home"), **english_browser).content.decode()
    assert '<html lang="fr"' in page
    UserProfile.objects.update_or_create(
        user=user(EDITOR), defaults={"preferred_language": "en"}
    )
    page = editor.get(reverse("wagtailadmin_home"), **english_browser).content.decode()
    assert '<html lang="en"' in page

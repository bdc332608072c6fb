"""Mes annonces: members post and edit listings; nothing is public before approval.

Pages are in French, and the catalogue does not translate these screens yet: the tests check
data, status codes, ids and CSS classes rather than interface sentences.
"""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from wagtail.models import Page, TaskState, WorkflowState

from cooperation.models import (
    CooperationIndexPage,
    ListingPage,
    OfferPage,
    RequestPage,
)

from .member_listing_helpers import (
    EDITOR,
    LISTINGS,
    MEMBER_A,
    MODERATOR,
    admin_action,
    api_titles,
    created,
    edit,
    live_listing_of,
    login,
    other_client,
    pending_task,
    post_new,
    public_text,
    rows,
    structure,
    today,
    user,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- posting

def test_the_forms_are_accessible_and_limited_to_the_members_structures(client):
    login(client, MEMBER_A)
    response = client.get(reverse("members:new_listing", args=["offer"]))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", method="post")
    assert form["enctype"] == "multipart/form-data"
    # Every visible input has a label; checkboxes and radios sit in a fieldset with a legend.
    for field in form.find_all(["input", "textarea", "select"]):
        if field.get("type") in ("hidden", "submit", "checkbox", "radio"):
            continue
        assert form.find("label", attrs={"for": field["id"]}), field["name"]
    terms = soup.find("input", attrs={"name": "terms"}).find_parent("fieldset")
    assert terms.find("legend")
    assert soup.find("input", attrs={"name": "new_images", "type": "file"}).has_attr("multiple")
    assert [o["value"] for o in soup.select("select[name=structure] option")] == [
        str(structure("roue-libre").pk)
    ]
    assert soup.find("input", attrs={"name": "available_from"})
    assert {b["value"] for b in form.select("button[name=action]")} == {"draft", "submit"}
    request = client.get(reverse("members:new_listing", args=["request"]))
    assert BeautifulSoup(request.content, "html.parser").find("input", attrs={"name": "needed_by"})
    assert client.get(reverse("members:new_listing", args=["gift"])).status_code == 404


def test_a_draft_then_a_submission_publish_nothing_until_approval(client):
    a = structure("roue-libre")
    index = CooperationIndexPage.objects.get(locale__language_code="fr")
    login(client, MEMBER_A)
    response = post_new(client, action="draft")
    assert response.status_code == 302
    assert response.url == LISTINGS
    listing = created()
    assert isinstance(listing, OfferPage)
    assert listing.get_parent().pk == index.pk
    assert listing.structure == a and listing.contact_member == user(MEMBER_A)
    assert not listing.live and listing.first_published_at is None
    assert listing.latest_revision_id is not None
    assert not WorkflowState.objects.for_instance(listing).exists()
    assert sorted(term.code for term in listing.terms.all()) == ["gift", "loan"]
    assert sorted(tag.name for tag in listing.tags.all()) == ["atelier", "outillage"]
    assert listing.expires_on == today() + datetime.timedelta(days=60)
    assert rows(client)[listing.pk]["data-state"] == "draft"

    # The member sends it for moderation from the edit form.
    assert edit(client, listing, action="submit").status_code == 302
    assert pending_task(listing).status == TaskState.STATUS_IN_PROGRESS
    assert rows(client)[listing.pk]["data-state"] == "in_moderation"

    # Nowhere public: the listing's URL, the marketplace, the structure's page, the API, search.
    visitor = client.__class__()
    listing.refresh_from_db()
    assert not listing.live
    assert visitor.get(listing.url or f"{index.url}{listing.slug}/").status_code == 404
    assert visitor.get(f"/fr/cooperation/{listing.slug}/").status_code == 404
    assert listing.title not in public_text(visitor, index.url)
    assert listing.title not in public_text(visitor, a.url)
    assert listing.title not in api_titles(visitor)
    assert listing.title not in public_text(visitor, "/fr/recherche/?q=perceuse")
    # Nor in another language (an alias made by the locale synchronisation, if any).
    assert not Page.objects.live().filter(title=listing.title).exists()
    assert listing.title not in public_text(visitor, "/en/cooperation/")


def test_a_request_is_created_with_its_needed_by_date(client):
    login(client, MEMBER_A)
    needed_by = (today() + datetime.timedelta(days=20)).isoformat()
    response = post_new(client, "request", title="Recherche une bétonnière", needed_by=needed_by)
    assert response.status_code == 302
    listing = created("Recherche une bétonnière")
    assert isinstance(listing, RequestPage) and listing.kind == "request"
    assert listing.needed_by.isoformat() == needed_by
    assert not listing.live


@pytest.mark.parametrize("approver", [MODERATOR, EDITOR])
def test_approval_publishes_the_listing_and_tells_the_member(client, approver):
    login(client, MEMBER_A)
    post_new(client)
    listing = created()
    mail.outbox.clear()
    assert admin_action(other_client(client, approver), listing, "approve").status_code == 302
    listing.refresh_from_db()
    assert listing.live and listing.is_open
    visitor = client.__class__()
    assert visitor.get(listing.url).status_code == 200
    assert listing.title in public_text(visitor, "/fr/cooperation/")
    assert listing.title in api_titles(visitor)
    assert rows(client)[listing.pk]["data-state"] == "published"
    (message,) = [m for m in mail.outbox if m.to == [user(MEMBER_A).email]]
    assert listing.title in message.subject
    assert listing.url in message.body


def test_rejection_keeps_the_live_version_and_sends_the_comment(client):
    listing = live_listing_of("roue-libre")
    live_summary = listing.summary
    login(client, MEMBER_A)
    assert edit(client, listing, summary="Résumé refusé par l'équipe.").status_code == 302
    mail.outbox.clear()
    admin_action(other_client(client, EDITOR), listing, "reject", "Précisez les horaires.")
    listing.refresh_from_db()
    assert listing.live and listing.summary == live_summary
    page = public_text(client.__class__(), listing.url)
    assert escape(live_summary) in page and "Résumé refusé" not in page  # HTML: d&#x27;…
    row = rows(client)[listing.pk]
    assert row["data-state"] == "rejected"
    assert "Précisez les horaires." in row.select_one(".state__comment").get_text()
    (message,) = mail.outbox
    assert message.to == [user(MEMBER_A).email]
    assert "Précisez les horaires." in message.body
    # Corrected and sent again: a new moderation starts.
    assert edit(client, listing, summary="Le mardi de 9 h à 12 h.").status_code == 302
    assert pending_task(listing).status == TaskState.STATUS_IN_PROGRESS


def test_editing_a_live_listing_changes_nothing_until_approval(client):
    listing = live_listing_of("roue-libre")
    old_title = listing.title
    login(client, MEMBER_A)
    response = edit(client, listing, title="Titre corrigé", summary="Résumé corrigé.")
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.title == old_title and listing.live
    visitor = client.__class__()
    assert "Résumé corrigé." not in public_text(visitor, listing.url)
    row = rows(client)[listing.pk]
    assert row["data-state"] == "in_moderation"
    assert row.select_one(".listing-row__title").get_text(strip=True) == "Titre corrigé"
    admin_action(other_client(client, MODERATOR), listing, "approve")
    listing.refresh_from_db()
    assert listing.title == "Titre corrigé"
    assert "Résumé corrigé." in public_text(visitor, listing.url)


def test_saving_a_draft_of_a_live_listing_keeps_it_online_and_sends_nothing(client):
    listing = live_listing_of("roue-libre")
    login(client, MEMBER_A)
    assert edit(client, listing, action="draft", summary="Brouillon.").status_code == 302
    listing.refresh_from_db()
    assert listing.live and listing.summary != "Brouillon."
    assert not WorkflowState.objects.active().for_instance(listing).exists()
    row = rows(client)[listing.pk]
    assert row["data-state"] == "published"
    assert row.select_one(".state__note")


def test_the_end_date_is_at_most_one_year_away_and_not_past(client):
    login(client, MEMBER_A)
    count = ListingPage.objects.count()
    too_late = (today() + datetime.timedelta(days=366)).isoformat()
    response = post_new(client, expires_on=too_late)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_expires_on_error [role=alert], #id_expires_on_error")
    assert soup.find("input", attrs={"name": "expires_on"})["aria-invalid"] == "true"
    # The model's message (the catalogue translates it with the model's strings).
    assert "one year" in response.content.decode() or "un an" in response.content.decode()
    past = (today() - datetime.timedelta(days=1)).isoformat()
    assert post_new(client, expires_on=past).status_code == 400
    assert ListingPage.objects.count() == count
    # The default: 90 days.
    page = BeautifulSoup(client.get("/fr/espace-membre/annonces/nouvelle/offer/").content,
                         "html.parser")
    default = (today() + datetime.timedelta(days=90)).isoformat()
    assert page.find("input", attrs={"name": "expires_on"})["value"] == default


def test_availability_must_end_after_it_starts(client):
    login(client, MEMBER_A)
    response = post_new(
        client, available_from=(today() + datetime.timedelta(days=10)).isoformat(),
        available_until=(today() + datetime.timedelta(days=5)).isoformat(),
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "available_until"})["aria-invalid"] == "true"
    assert not ListingPage.objects.filter(title="Perceuse à colonne à prêter").exists()


def test_the_listings_are_under_the_english_member_area_too(client):
    login(client, MEMBER_A)
    assert client.get("/en/member-area/annonces/").status_code == 200
    home = client.get("/fr/espace-membre/").content.decode()
    assert 'href="/fr/espace-membre/annonces/"' in home

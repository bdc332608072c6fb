"""Mes annonces: who may do what, and who is told by e-mail."""

import datetime

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.urls import reverse

from wagtail.models import WorkflowState

from cooperation.models import (
    ListingPage,
    ListingStatus,
)
from directory.models import ContactMessage
from tests.forms import displayed_form_data

from .member_listing_helpers import (
    EDITOR,
    LISTINGS,
    MEMBER_A,
    MEMBER_B,
    MODERATOR,
    admin_action,
    created,
    edit,
    expire_soon,
    form_data,
    listing_data,
    live_listing_of,
    login,
    other_client,
    post_new,
    structure,
    today,
)

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- who may do what

ACTORS = ["anonymous", MEMBER_A, MEMBER_B, MODERATOR, EDITOR]
ACTIONS = ["create", "edit", "close", "renew", "see responses", "approve"]
ALLOWED = {
    MEMBER_A: {"create", "edit", "close", "renew", "see responses"},
    MODERATOR: {"approve"},
    EDITOR: {"approve"},
}
RESPONSE_TEXT = "Réponse confidentielle de test"


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_table(client, actor, action):
    a = structure("roue-libre")
    listing = expire_soon(live_listing_of("roue-libre"), 3)  # renewable
    ContactMessage.objects.create(
        structure=a, page=listing, sender_name="Test", sender_email="test@example.org",
        message=RESPONSE_TEXT,
    )
    # A change by A's member waits for approval.
    edit(other_client(client, MEMBER_A), listing, summary="Changement en attente.")
    listing.refresh_from_db()
    before = {
        "pages": ListingPage.objects.count(), "revision": listing.latest_revision_id,
        "summary": listing.summary, "status": listing.status, "live": listing.live,
        "expires_on": listing.expires_on,
    }
    if actor != "anonymous":
        login(client, actor)
    allowed = action in ALLOWED.get(actor, set())

    if action == "create":
        response = post_new(client, title="Annonce pirate", structure=a.pk)
        assert (ListingPage.objects.count() == before["pages"] + 1) is allowed
    elif action == "edit":
        url = reverse("members:edit_listing", args=[listing.pk])
        data = listing_data(summary="Piratage")
        response = client.post(url, data)
        listing.refresh_from_db()
        changed = listing.get_latest_revision_as_object().summary == "Piratage"
        assert changed is allowed
    elif action == "close":
        response = client.post(
            reverse("members:close_listing", args=[listing.pk]), {"status": "withdrawn"}
        )
        listing.refresh_from_db()
        assert (listing.status == ListingStatus.WITHDRAWN) is allowed
    elif action == "renew":
        response = client.post(reverse("members:renew_listing", args=[listing.pk]))
        listing.refresh_from_db()
        assert (listing.expires_on == today() + datetime.timedelta(days=90)) is allowed
    elif action == "see responses":
        response = client.get(LISTINGS)
        assert (RESPONSE_TEXT in response.content.decode()) is allowed
        if actor == "anonymous":
            assert response.status_code == 302 and "connexion" in response.url
        else:
            assert response.status_code == 200
        return
    else:
        response = admin_action(client, listing, "approve")
        listing.refresh_from_db()
        assert (listing.summary == "Changement en attente.") is allowed

    if allowed:
        assert response.status_code == 302
        return
    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to a login page
        assert "connexion" in response.url or "login" in response.url
    listing.refresh_from_db()
    assert {
        "pages": ListingPage.objects.count(), "revision": listing.latest_revision_id,
        "summary": listing.summary, "status": listing.status, "live": listing.live,
        "expires_on": listing.expires_on,
    } == before


def test_a_member_cannot_post_for_another_structure(client):
    login(client, MEMBER_B)
    count = ListingPage.objects.count()
    response = post_new(client, structure=structure("roue-libre").pk)
    assert response.status_code == 403
    url = reverse("members:new_listing", args=["offer"])
    assert client.get(f"{url}?structure={structure('roue-libre').pk}").status_code == 403
    assert ListingPage.objects.count() == count
    # Its own structure is fine.
    assert post_new(client, structure=structure("jardins-du-maine").pk).status_code == 302


def test_the_member_is_told_by_email_only_for_its_listings_workflow(client):
    """The directory's profile e-mails still work beside the listings' ones."""
    login(client, MEMBER_A)
    post_new(client)
    listing = created()
    mail.outbox.clear()
    admin_action(other_client(client, EDITOR), listing, "reject", "Non.")
    (message,) = mail.outbox
    assert listing.title in message.subject and "/fr/espace-membre/annonces/" in message.body


@pytest.mark.parametrize("kind", ["offer", "request"])
def test_the_resource_category_has_no_default_and_must_be_chosen(client, kind):
    login(client, MEMBER_A)
    url = reverse("members:new_listing", args=[kind])
    page = BeautifulSoup(client.get(url).content, "html.parser")
    options = page.select("select[name=category] option")
    assert options[0]["value"] == "" and options[0].get_text(strip=True) == "— choisir —"
    assert [o["value"] for o in page.select("select[name=category] option[selected]")] in (
        [], [""])
    pages = ListingPage.objects.count()
    response = post_new(client, kind, category="")
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").find(id="id_category_error")
    assert error is not None and "Choisissez une catégorie de ressource" in error.get_text()
    assert ListingPage.objects.count() == pages


def test_posting_the_same_new_listing_form_three_times_creates_one_listing(client):
    """A double click, a reload, a retry: the form's one-time token leads to the listing
    already created."""
    login(client, MEMBER_A)
    url = reverse("members:new_listing", args=["offer"])
    shown = displayed_form_data(client.get(url).content)
    assert shown["submission_token"]
    data = {**shown, **listing_data(structure=structure("roue-libre").pk,
                                    title="Bétonnière à prêter")}
    pages, workflows = ListingPage.objects.count(), WorkflowState.objects.count()
    first = client.post(url, data)
    assert first.status_code == 302 and first.url == LISTINGS
    again = [client.post(url, data) for _ in range(2)]
    assert ListingPage.objects.count() == pages + 1
    assert WorkflowState.objects.count() == workflows + 1
    listing = created("Bétonnière à prêter")
    for response in again:
        assert response.status_code == 302
        assert response.url == f"{LISTINGS}#listing-{listing.pk}"
    page = BeautifulSoup(client.get(LISTINGS).content, "html.parser")
    assert "déjà été envoyée" in page.select_one(".messages").get_text()
    titles = [row.select_one(".listing-row__title").get_text() for row in
              page.select("tr.listing-row")]
    assert titles.count("Bétonnière à prêter") == 1


def test_a_form_with_errors_keeps_its_token_and_still_makes_one_listing(client):
    login(client, MEMBER_A)
    url = reverse("members:new_listing", args=["offer"])
    token = displayed_form_data(client.get(url).content)["submission_token"]
    refused = client.post(url, listing_data(structure=structure("roue-libre").pk,
                                            title="", submission_token=token))
    assert refused.status_code == 400
    assert displayed_form_data(refused.content)["submission_token"] == token
    data = listing_data(structure=structure("roue-libre").pk, title="Remorque à vélo",
                        submission_token=token)
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert ListingPage.objects.filter(title="Remorque à vélo").count() == 1
    other = displayed_form_data(client.get(url).content)["submission_token"]
    assert other != token  # a new form, a new listing


def test_a_stale_listing_edit_saves_nothing_and_shows_both_versions(client):
    listing = live_listing_of("roue-libre")
    first = login(client, MEMBER_A)
    second = other_client(client, MEMBER_A)  # another browser, or another member
    first_form, second_form = form_data(first, listing), form_data(second, listing)
    first_form.update(price="10 € la journée", action="draft")
    url = reverse("members:edit_listing", args=[listing.pk])
    assert first.post(url, first_form).status_code == 302
    listing.refresh_from_db()
    saved_revision = listing.latest_revision_id

    second_form.update(price="Gratuit pour les adhérents",
                       description="Un long texte\n\nque rien ne doit perdre.", action="submit")
    response = second.post(url, second_form)
    assert response.status_code == 409
    listing.refresh_from_db()
    assert listing.latest_revision_id == saved_revision
    assert listing.get_latest_revision_as_object().price == "10 € la journée"
    assert not WorkflowState.objects.active().for_instance(listing).exists()
    page = BeautifulSoup(response.content, "html.parser")
    conflict = page.select_one("[data-conflict]")
    assert "Comparez les deux versions" in conflict.get_text()
    rows = {row["data-field-label"]: row for row in conflict.select("tr[data-field-label]")}
    price = rows["Prix ou participation"]
    assert price.select_one(".conflict-saved").get_text() == "10 € la journée"
    assert price.select_one(".conflict-typed").get_text() == "Gratuit pour les adhérents"
    shown = displayed_form_data(response.content)
    assert shown["price"] == "Gratuit pour les adhérents"
    assert shown["description"] == "Un long texte\n\nque rien ne doit perdre."
    assert shown["base_revision"] == str(saved_revision)
    shown["action"] = "submit"
    assert second.post(url, shown).status_code == 302
    listing.refresh_from_db()
    assert listing.get_latest_revision_as_object().price == "Gratuit pour les adhérents"

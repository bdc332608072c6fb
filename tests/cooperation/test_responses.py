"""Answering a listing: the e-mail the structure receives, the confirmation, members answering
for their structure, similar listings, and closed listings' addresses."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from cooperation.models import ListingPage
from directory.models import ContactMessage, Membership, StructurePage
from tests.pages import html

pytestmark = pytest.mark.django_db

TEXT = "Bonjour, votre annonce nous intéresse beaucoup : pouvons-nous en parler ?"
VISITOR = {"name": "Camille Durand", "email": "camille@example.org", "message": TEXT,
           "nickname": ""}
BASE = "http://testserver"  # WAGTAILADMIN_BASE_URL in the test settings


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def member(client, username: str = "membre-jardins"):
    client.force_login(get_user_model().objects.get(username=username))
    return client


# --------------------------------------------------------------------------- the e-mail

def test_the_response_email_names_the_listing_and_links_to_it(
    client, listing_factory, django_capture_on_commit_callbacks
):
    listing = listing_factory("zorglubperceuse", structure="roue-libre",
                              title="Perceuse à colonne zorglubperceuse")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(listing.get_url(), VISITOR)
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert sent.to == ["contact@roue-libre.example"]
    assert "Perceuse à colonne zorglubperceuse" in sent.subject
    assert "Camille Durand" in sent.subject
    assert "\n" not in sent.subject
    assert "Perceuse à colonne zorglubperceuse" in sent.body
    assert f"{BASE}/fr/cooperation/zorglubperceuse/" in sent.body.split()
    assert f"{BASE}/fr/espace-membre/annonces/" in sent.body.split()
    assert TEXT in sent.body
    assert "offre" in sent.body  # what kind of listing it answers


def test_an_answer_from_the_english_page_links_to_the_french_listing(
    client, demo, django_capture_on_commit_callbacks
):
    alias = ListingPage.objects.filter(
        locale__language_code="en", alias_of__isnull=False, live=True, status="open",
        kind="request",
    ).select_related("alias_of").first()
    source = alias.alias_of.specific
    assert source.is_open
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(alias.get_url(), VISITOR)
    assert response.status_code == 302
    (sent,) = mail.outbox
    assert source.title in sent.subject
    assert f"{BASE}{source.get_url()}" in sent.body.split()
    assert "demande" in sent.body


def test_the_structure_contact_email_is_unchanged_in_kind(
    client, demo, django_capture_on_commit_callbacks
):
    """A message from the structure's own page names no listing."""
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/annuaire/roue-libre/", VISITOR)
    (sent,) = mail.outbox
    assert "annonce" not in sent.subject and "/fr/espace-membre/annonces/" not in sent.body


# --------------------------------------------------------------------------- the confirmation

@pytest.mark.parametrize("where", ["listing", "structure"])
def test_the_confirmation_is_where_the_form_was_and_takes_the_focus(client, listing_factory,
                                                                    where):
    listing = listing_factory("zorglubconfirme", structure="roue-libre")
    url = listing.get_url() if where == "listing" else "/fr/annuaire/roue-libre/"
    response = client.post(url, VISITOR)
    assert response.status_code == 302
    assert response["Location"] == f"{url}#contact-sent"
    page = html(client.get(url))
    sent = page.select_one("#contact #contact-sent")
    assert sent is not None, "the confirmation is in the contact section"
    assert sent["role"] == "status" and sent["tabindex"] == "-1" and sent.has_attr("autofocus")
    assert "Atelier vélo Roue Libre" in sent.get_text()
    # Not also at the top of the page, and the empty form is folded away behind it.
    assert not page.select(".messages")
    form = page.select_one("#contact form")
    assert form.find_parent("details") is not None
    assert sent.sourceline < form.sourceline
    # Seen once: the next visit shows the form again, without the confirmation.
    page = html(client.get(url))
    assert page.select_one("#contact-sent") is None
    assert page.select_one("#contact form").find_parent("details") is None


# --------------------------------------------------------------------------- members answering

def test_a_member_finds_the_form_filled_in_and_answers_for_their_structure(
    client, listing_factory, django_capture_on_commit_callbacks
):
    listing = listing_factory("zorglubmembre", structure="roue-libre")
    jardins = structure("jardins-du-maine")
    user = get_user_model().objects.get(username="membre-jardins")
    member(client)
    page = html(client.get(listing.get_url()))
    form = page.select_one("#contact form")
    assert form.select_one("input[name=name]")["value"] == user.get_full_name()
    assert form.select_one("input[name=email]")["value"] == user.email
    options = form.select("select[name=sender_structure] option")
    assert [o["value"] for o in options if o["value"]] == [str(jardins.pk)]
    assert form.select_one("select[name=sender_structure] option[selected]")["value"] == str(
        jardins.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(listing.get_url(), {
            "name": user.get_full_name(), "email": user.email, "message": TEXT,
            "sender_structure": jardins.pk, "nickname": "",
        })
    assert response.status_code == 302
    message = ContactMessage.objects.get(page=listing)
    assert message.sender_structure == jardins
    (sent,) = mail.outbox
    assert "Au nom des Jardins du Maine, structure du réseau." in sent.body


@pytest.mark.parametrize("chosen", ["other", "huge", "text"])
def test_a_member_cannot_answer_for_a_structure_not_theirs(client, listing_factory, chosen):
    listing = listing_factory("zorglubusurpe", structure="roue-libre")
    member(client)
    value = {"other": structure("garage-solidaire").pk, "huge": 2**64, "text": "abc"}[chosen]
    response = client.post(listing.get_url(), {**VISITOR, "sender_structure": value})
    assert response.status_code == 400
    assert html(response).select_one("#id_sender_structure-errors") is not None
    assert not ContactMessage.objects.filter(page=listing).exists()


def test_a_visitor_gets_no_structure_choice_and_cannot_forge_one(client, listing_factory):
    listing = listing_factory("zorglubvisiteur", structure="roue-libre")
    assert html(client.get(listing.get_url())).select_one("[name=sender_structure]") is None
    response = client.post(listing.get_url(), {
        **VISITOR, "sender_structure": structure("jardins-du-maine").pk})
    assert response.status_code == 302
    assert ContactMessage.objects.get(page=listing).sender_structure is None


def test_closing_offers_the_responders_first_as_partners(client, listing_factory):
    listing = listing_factory("zorglubpartenaire", structure="roue-libre")
    garage = structure("garage-solidaire")
    user = get_user_model().objects.create_user("membre-garage", "g@example.org", "x")
    Membership.objects.create(user=user, structure=garage)
    answering = client.__class__()
    answering.force_login(user)
    assert answering.post(listing.get_url(), {
        **VISITOR, "sender_structure": garage.pk}).status_code == 302
    member(answering, "membre-jardins").post(listing.get_url(), {
        **VISITOR, "sender_structure": structure("jardins-du-maine").pk})
    owner = member(client, "membre-roue-libre")
    page = html(owner.get(reverse("members:close_listing", args=[listing.pk])))
    values = [o["value"] for o in page.select("select[name=partner_structure] option")
              if o["value"]]
    # The two that answered first (by name), then every other structure (by name).
    assert values[:2] == [str(garage.pk), str(structure("jardins-du-maine").pk)]
    assert len(values) == StructurePage.objects.live().filter(
        locale__language_code="fr").count() - 1


# --------------------------------------------------------------------------- French elision

def test_de_before_a_vowel_is_elided_on_a_page(client, listing_factory):
    first = listing_factory("zorglubelision", structure="roue-libre")
    listing_factory("zorglubelisionbis", structure="roue-libre")
    page = html(client.get(first.get_url()))
    heading = page.select_one("#same-structure").get_text(" ", strip=True)
    assert heading == "Autres annonces d'Atelier vélo Roue Libre"
    page = html(client.get("/fr/annuaire/roue-libre/"))
    assert "annonces d'Atelier vélo Roue Libre" in page.get_text(" ")
    assert "de Atelier" not in page.get_text(" ")
    # « de » contracts with the name's own article: « de Les » reads « des ».
    other = listing_factory("zorglubconsonne", structure="jardins-du-maine")
    listing_factory("zorglubconsonnebis", structure="jardins-du-maine")
    heading = html(client.get(other.get_url())).select_one("#same-structure").get_text(
        " ", strip=True)
    assert heading == "Autres annonces des Jardins du Maine"
    page = html(client.get("/fr/annuaire/jardins-du-maine/")).get_text(" ")
    assert "annonces des Jardins du Maine" in page and "de Les Jardins" not in page


@pytest.mark.parametrize(("name", "expected"), [
    ("Élise Martin", "Réponse d'Élise Martin à votre annonce"),
    ("Atelier & Co", "Réponse d'Atelier & Co à votre annonce"),
    ("Œuvre commune", "Réponse d'Œuvre commune"),
    ("Camille Durand", "Réponse de Camille Durand"),
    ("Hélène Roy", "Réponse de Hélène Roy"),  # h: left alone
    ("Les Amis du Vélo", "Réponse des Amis du Vélo à votre annonce"),
    ("Le Tiers-Lieu", "Réponse du Tiers-Lieu à votre annonce"),
    ("La Forge", "Réponse de La Forge"),  # "la" does not contract
    ("Lesage & fils", "Réponse de Lesage & fils"),  # not an article
])
def test_de_before_a_vowel_is_elided_in_an_email(client, listing_factory, name, expected,
                                                  django_capture_on_commit_callbacks):
    listing = listing_factory("zorglubcourriel", structure="roue-libre")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(listing.get_url(), {**VISITOR, "name": name})
    (sent,) = mail.outbox
    assert expected in sent.subject


def test_the_approval_email_elides_the_structure_name(listing_factory):
    from django.template.loader import render_to_string

    listing = listing_factory("zorglubapprouvee", structure="roue-libre")
    body = render_to_string("members/emails/listing_approved_body.txt", {
        "listing": listing, "structure": listing.structure, "member": None, "url": "u",
        "member_space_url": "m",
    })
    assert "» d'Atelier vélo Roue Libre." in body


# --------------------------------------------------------------------------- similar listings

def test_similar_listings_share_words_and_never_come_from_the_same_structure(
    client, listing_factory
):
    wanted = listing_factory(
        "zorglubbetonniere", kind="request", structure="scop-charpente",
        title="Recherche une bétonnière", summary="Pour couler une dalle de béton armé.",
    )
    same_structure = listing_factory(
        "zorglubmemestructure", structure="scop-charpente",
        title="Bétonnière à prêter", summary="Notre bétonnière est libre.",
    )
    close_match = listing_factory(
        "zorglubproche", structure="roue-libre", title="Bétonnière 160 litres",
        summary="Bétonnière pour dalle de béton, à prêter le week-end.",
    )
    looser = listing_factory(
        "zorglubvague", structure="garage-solidaire", title="Sacs de béton en surplus",
        summary="Dix sacs de ciment et béton prêt à gâcher.", category="autre",
    )
    unrelated = listing_factory(
        "zorglubtables", structure="tiers-lieu-cosse", title="Tables et chaises à prêter",
        summary="Quarante chaises pliantes et dix tables.",
    )
    page = html(client.get(wanted.get_url()))
    section = page.select_one("#similar").parent
    shown = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in section.select(".card__title a")]
    assert shown == [close_match.slug, looser.slug]
    assert same_structure.slug not in shown and unrelated.slug not in shown


def test_no_similar_listing_rather_than_unrelated_ones(client, listing_factory):
    wanted = listing_factory(
        "zorglubtoupie", kind="request", structure="scop-charpente",
        title="Toupie zorglubunique", summary="Une toupie zorglubunique de menuisier.",
    )
    listing_factory("zorglubautre", structure="roue-libre", title="Tables et chaises",
                    summary="Quarante chaises pliantes.", category="materiel")
    page = html(client.get(wanted.get_url()))
    assert page.select_one("#similar") is None


# --------------------------------------------------------------------------- closed listings

@pytest.mark.parametrize("status", ["fulfilled", "withdrawn"])
def test_a_closed_listing_says_so_with_status_410(client, listing_factory, status):
    closed = listing_factory("zorglubfermee", structure="roue-libre",
                             title="Remorque zorglubfermee pour vélo",
                             summary="Une remorque de vélo à prêter.",
                             description="Texte zorglubprive de la description.")
    still_open = listing_factory("zorglubouverte", structure="garage-solidaire",
                                 title="Remorque de vélo", summary="Remorque de vélo à prêter.")
    member(client, "membre-roue-libre").post(
        reverse("members:close_listing", args=[closed.pk]), {"status": status})
    closed.refresh_from_db()
    assert closed.status == status and not closed.live
    visitor = client.__class__()
    response = visitor.get(closed.get_url())
    assert response.status_code == 410
    page = html(response)
    assert page.select_one("h1").get_text(strip=True) == "Cette annonce est close"
    assert "zorglubprive" not in response.content.decode()
    assert page.select_one("#contact") is None
    assert still_open.get_url() in [a["href"] for a in page.select(".card__title a")]
    assert page.select_one('a[href="/fr/cooperation/?kind=offer"]') is not None


def test_a_never_published_closed_listing_stays_unknown(client, listing_factory):
    draft = listing_factory("zorglubjamais", state="draft", structure="roue-libre")
    member(client, "membre-roue-libre").post(
        reverse("members:close_listing", args=[draft.pk]), {"status": "withdrawn"})
    assert client.__class__().get(draft.get_url()).status_code == 404


def test_a_renew_address_opened_in_the_browser_leads_to_mes_annonces(client, listing_factory):
    listing = listing_factory("zorglubrenouvele", structure="roue-libre", days=3)
    member(client, "membre-roue-libre")
    url = reverse("members:renew_listing", args=[listing.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/fr/espace-membre/annonces/#listing-{listing.pk}"
    page = html(client.get(response["Location"]))
    assert "Renouveler pour 90 jours" in page.select_one(".messages").get_text()
    expires_on = listing.expires_on
    listing.refresh_from_db()
    assert listing.expires_on == expires_on  # nothing renewed by a GET
    # Someone else's listing: still refused.
    other = member(client.__class__(), "membre-jardins")
    assert other.get(url).status_code == 403

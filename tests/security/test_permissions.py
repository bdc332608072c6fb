"""Who may do what: every member-space and admin action × every kind of visitor.

One table (ACTIONS × ACTORS). For each cell: the expected outcome (allowed → 200, or 302 to
the page a success leads to; refused → 302 to a login page for the anonymous visitor, 403 or a
redirect with an error message for a logged-in one) and, for a writing action, that a refusal
changed nothing in the database.

The table says what SHOULD be: a cell that fails is a permission bug to fix in the app.
"""

import datetime
from dataclasses import dataclass, field

import pytest

from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision, Site, WorkflowState

from cooperation.models import ListingPage, ListingStatus, ListingTerm, ResourceCategory
from directory.models import ContactMessage, StructurePage
from tests.forms import displayed_form_data

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
MEMBER_A = "membre-roue-libre"  # member of structure A (roue-libre)
MEMBER_B = "membre-jardins"  # member of structure B (jardins-du-maine)
MODERATOR = "moderation"
EDITOR = "redaction"
SUPERUSER = "admin"
ACTORS = [ANONYMOUS, MEMBER_A, MEMBER_B, MODERATOR, EDITOR, SUPERUSER]
LOGGED_IN = {MEMBER_A, MEMBER_B, MODERATOR, EDITOR, SUPERUSER}
STAFF = {MODERATOR, EDITOR, SUPERUSER}
RESPONSE_TEXT = "Réponse confidentielle du tableau des permissions"
PIRATE = "Modifié par le tableau des permissions"


def today() -> datetime.date:
    return timezone.localdate()


@dataclass
class World:
    a: StructurePage
    listing: ListingPage
    task_id: int = 0
    counts: dict = field(default_factory=dict)


def snapshot(world: World) -> dict:
    """What a refused writing action must leave untouched."""
    listing = ListingPage.objects.get(pk=world.listing.pk).specific
    structure = StructurePage.objects.get(pk=world.a.pk)
    workflow = WorkflowState.objects.for_instance(listing).order_by("-pk").first()
    return {
        "revisions": Revision.objects.count(),
        "pages": ListingPage.objects.count(),
        "structure revision": structure.latest_revision_id,
        "structure title": structure.title,
        "listing revision": listing.latest_revision_id,
        "listing title": listing.title,
        "status": listing.status,
        "live": listing.live,
        "expires_on": listing.expires_on,
        "workflow": (workflow.pk, workflow.status) if workflow else None,
        "users": get_user_model().objects.count(),
    }


def listing_post_data(world: World, **changes) -> dict:
    listing = world.listing
    data = {
        "structure": world.a.pk,
        "title": PIRATE,
        "summary": "Résumé du tableau des permissions.",
        "description": "Texte.",
        "category": ResourceCategory.objects.get(locale__language_code="fr", slug="materiel").pk,
        "terms": [ListingTerm.objects.get(code="loan").pk],
        "price": "",
        "quantity": "",
        "city": "Laval",
        "territory": "",
        "expires_on": (today() + datetime.timedelta(days=60)).isoformat(),
        "tags": "",
        "available_from": "",
        "available_until": "",
        "action": "submit",
    }
    if getattr(listing, "kind", "offer") == "request":
        data["needed_by"] = ""
    data.update(changes)
    return data


# ----------------------------------------------------------------------------- the actions
# Each action: (method, url builder, data builder or None, writes?, allowed actors, success check)

def member(name):
    return lambda w: reverse(f"members:{name}")


def coop(name, *args):
    return lambda w: reverse(f"members:{name}", args=[a(w) for a in args])


def listing_pk(w):
    return w.listing.pk


def task_url(action):
    def build(w):
        return reverse("wagtailadmin_pages:workflow_action", args=[w.listing.pk, action, w.task_id])
    return build


@dataclass
class Action:
    method: str
    url: object
    allowed: set
    data: object = None
    writes: bool = False
    # After an allowed writing action: was the change made?
    done: object = None


def revision_added(attr):
    def check(w, before):
        return snapshot(w)[attr] != before[attr]
    return check


def listing_status(w, before):
    return ListingPage.objects.get(pk=w.listing.pk).status != ListingStatus.OPEN


def renewed(w, before):
    return ListingPage.objects.get(pk=w.listing.pk).expires_on == today() + datetime.timedelta(
        days=90
    )


def created(w, before):
    return ListingPage.objects.count() == before["pages"] + 1


def workflow_moved(w, before):
    return snapshot(w)["workflow"] != before["workflow"]


ACTIONS = {
    "member area home": Action("get", member("member_space"), LOGGED_IN),
    "edit structure A (form)": Action(
        "get", lambda w: reverse("members:edit_structure", args=[w.a.pk]), {MEMBER_A},
    ),
    "edit structure A (save)": Action(
        "post", lambda w: reverse("members:edit_structure", args=[w.a.pk]), {MEMBER_A},
        data=lambda w: structure_post_data(w), writes=True,
        done=revision_added("structure revision"),
    ),
    "my data": Action("get", member("my_data"), LOGGED_IN),
    "my data (JSON export)": Action("get", member("my_data_json"), LOGGED_IN),
    "my listings": Action("get", coop("listings"), LOGGED_IN),
    "post an offer for A": Action(
        "post", lambda w: reverse("members:new_listing", args=["offer"]), {MEMBER_A},
        data=lambda w: listing_post_data(w, title="Annonce du tableau"), writes=True,
        done=created,
    ),
    "post a request for A": Action(
        "post", lambda w: reverse("members:new_listing", args=["request"]), {MEMBER_A},
        data=lambda w: listing_post_data(w, title="Demande du tableau", needed_by=""),
        writes=True, done=created,
    ),
    "edit a listing of A": Action(
        "post", coop("edit_listing", listing_pk), {MEMBER_A},
        data=lambda w: listing_post_data(w), writes=True, done=revision_added("listing revision"),
    ),
    "renew a listing of A": Action(
        "post", coop("renew_listing", listing_pk), {MEMBER_A}, writes=True, done=renewed,
    ),
    "close a listing of A (fulfilled)": Action(
        "post", coop("close_listing", listing_pk), {MEMBER_A},
        data=lambda w: {"status": "fulfilled", "partner_structure": "", "estimated_value": "",
                        "hours_saved": ""},
        writes=True, done=listing_status,
    ),
    "close a listing of A (withdrawn)": Action(
        "post", coop("close_listing", listing_pk), {MEMBER_A},
        data=lambda w: {"status": "withdrawn"}, writes=True, done=listing_status,
    ),
    "read the responses to a listing of A": Action("get", coop("listings"), {MEMBER_A}),
    "admin home": Action("get", lambda w: reverse("wagtailadmin_home"), STAFF),
    # Wagtail's Moderators group edits and publishes pages (its default rights, kept: the
    # APESS team's moderators may correct a profile while reviewing it).
    "admin editor of structure A": Action(
        "get", lambda w: reverse("wagtailadmin_pages:edit", args=[w.a.pk]),
        {MODERATOR, EDITOR, SUPERUSER},
    ),
    "admin editor of a listing of A": Action(
        "get", lambda w: reverse("wagtailadmin_pages:edit", args=[w.listing.pk]),
        # Moderators review a listing in moderation in the editor (Wagtail's review path).
        {MODERATOR, EDITOR, SUPERUSER},
    ),
    "approve a moderation task": Action(
        "post", task_url("approve"), STAFF, data=lambda w: {}, writes=True, done=workflow_moved,
    ),
    "reject a moderation task": Action(
        "post", task_url("reject"), STAFF, data=lambda w: {"comment": "Non."}, writes=True,
        done=workflow_moved,
    ),
    "search promotions": Action(
        "get", lambda w: reverse("wagtailsearchpromotions:index"), {EDITOR, SUPERUSER},
    ),
    "searches report": Action(
        "get", lambda w: reverse("search_report"), {EDITOR, SUPERUSER},
    ),
    "member invitation form": Action(
        "get", lambda w: "/admin/members/invite/", {EDITOR, SUPERUSER},
    ),
    "site settings": Action(
        "get", lambda w: reverse(
            "wagtailsettings:edit",
            args=["home", "sitesettings", Site.objects.get(is_default_site=True).pk],
        ),
        {SUPERUSER},
    ),
    "users admin": Action("get", lambda w: reverse("wagtailusers_users:index"), {SUPERUSER}),
}


def structure_post_data(w: World) -> dict:
    """The member's profile form as displayed, with a changed field."""
    from django.test import Client

    owner = Client()
    owner.force_login(get_user_model().objects.get(username=MEMBER_A))
    page = owner.get(reverse("members:edit_structure", args=[w.a.pk]))
    data = displayed_form_data(page.content)
    data["summary"] = PIRATE
    return data


# ----------------------------------------------------------------------------- the table

def build_world() -> World:
    a = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")
    listing = (
        ListingPage.objects.open().filter(structure=a, locale_id=a.locale_id, live=True)
        .order_by("pk").first().specific
    )
    # Renewable (near its end), with a response, and a change of A's member in moderation.
    listing.expires_on = today() + datetime.timedelta(days=3)
    listing.save()
    ContactMessage.objects.create(
        structure=a, page=listing, sender_name="Test", sender_email="test@example.org",
        message=RESPONSE_TEXT,
    )
    from members.moderation import submit_for_moderation

    author = get_user_model().objects.get(username=MEMBER_A)
    draft = listing.get_latest_revision_as_object()
    draft.summary = "Changement en attente de modération."
    submit_for_moderation(draft, author)
    listing = ListingPage.objects.get(pk=listing.pk).specific
    state = WorkflowState.objects.active().for_instance(listing).get()
    return World(a=a, listing=listing, task_id=state.current_task_state.pk)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and (
        "connexion" in response["Location"] or "login" in response["Location"]
    )


def refused_with_message(response, request) -> bool:
    """Wagtail's way: back to the admin home with an error message."""
    if response.status_code != 302 or is_login_redirect(response):
        return False
    return any(m.level_tag == "error" for m in get_messages(request))


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("actor", ACTORS)
def test_permission_table(client, demo, actor, action):
    spec = ACTIONS[action]
    world = build_world()
    if actor != ANONYMOUS:
        client.force_login(get_user_model().objects.get(username=actor))
    url = spec.url(world)
    data = spec.data(world) if spec.data else {}
    before = snapshot(world)
    response = client.get(url) if spec.method == "get" else client.post(url, data)
    allowed = actor in spec.allowed

    if action == "read the responses to a listing of A":
        shown = RESPONSE_TEXT in response.content.decode()
        assert shown is allowed
        if actor == ANONYMOUS:
            assert is_login_redirect(response)
        else:
            assert response.status_code == 200
        return

    if allowed:
        if spec.writes:
            assert response.status_code == 302, response.status_code
            assert not is_login_redirect(response)
            assert spec.done(world, before)
        else:
            assert response.status_code == 200, response.status_code
        return

    # Refused.
    if actor == ANONYMOUS:
        assert is_login_redirect(response), (response.status_code, response.get("Location"))
    else:
        # 403; or, in the Wagtail admin, back to its home with an error message, or to its
        # login page for an account without admin access.
        assert (
            response.status_code == 403
            or refused_with_message(response, response.wsgi_request)
            or (is_login_redirect(response) and actor not in STAFF)
        ), (response.status_code, response.get("Location"))
    if spec.writes:
        assert snapshot(world) == before

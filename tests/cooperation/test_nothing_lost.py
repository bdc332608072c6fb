"""A database failure half-way through a member's post: the member gets the form back with an
explanation, and no half-made listing is left in the page tree.

The failure is real: a database trigger refuses the moderation workflow's state, which is
written after the page itself, so the page's creation must be rolled back.
"""

import pytest
from bs4 import BeautifulSoup

from django.db import connection

from cooperation.models import CooperationIndexPage, ListingPage

from .member_listing_helpers import MEMBER_A, created, listing_data, login, post_new

pytestmark = pytest.mark.django_db

TABLE = "wagtailcore_workflowstate"


@pytest.fixture
def failing_workflow_state():
    """Every new moderation workflow state is refused by the database itself."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TEMP TRIGGER refuse_workflow_state BEFORE INSERT ON {TABLE} "
                "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END;"
            )
        else:
            cursor.execute(
                "CREATE FUNCTION refuse_workflow_state() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'simulated failure'; END; $$ LANGUAGE plpgsql;"
            )
            cursor.execute(
                f"CREATE TRIGGER refuse_workflow_state BEFORE INSERT ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION refuse_workflow_state();"
            )
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS refuse_workflow_state;")
        else:
            cursor.execute(f"DROP TRIGGER IF EXISTS refuse_workflow_state ON {TABLE};")
            cursor.execute("DROP FUNCTION IF EXISTS refuse_workflow_state();")


def test_a_failed_post_leaves_nothing_and_keeps_the_text(client, demo, failing_workflow_state):
    login(client, MEMBER_A)
    index = CooperationIndexPage.objects.get(locale__language_code="fr")
    children, listings = index.get_children_count(), ListingPage.objects.count()

    response = post_new(client, title="Perceuse en panne de base")

    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    alert = page.find(role="alert")
    assert alert is not None
    assert "rien n’a été enregistré" in alert.get_text()
    # The member's text is still in the form.
    assert page.find("input", attrs={"name": "title"})["value"] == "Perceuse en panne de base"
    # Nothing half-made: no page, and the tree's counts are intact.
    assert ListingPage.objects.count() == listings
    index.refresh_from_db()
    assert index.numchild == children == index.get_children_count()
    assert not ListingPage.objects.filter(title="Perceuse en panne de base").exists()


def test_the_same_post_succeeds_once_the_database_is_back(client, demo):
    login(client, MEMBER_A)
    assert post_new(client, **{**listing_data(), "title": "Perceuse revenue"}).status_code == 302
    listing = created("Perceuse revenue")
    assert not listing.live
    assert listing.current_workflow_state is not None

"""The members' moderation workflows come from a migration, and their e-mails follow the page
type: renaming a workflow (in the admin, i.e. in the database) still tells the member."""

import pytest

from django.core import mail

from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowState

from cooperation.models import CooperationIndexPage
from directory.models import DirectoryIndexPage
from members.moderation import workflow_for
from members.workflows import (
    LISTINGS_WORKFLOW,
    PROFILE_WORKFLOW,
    assign_to_index_pages,
    ensure_workflows,
)
from tests.cooperation.member_listing_helpers import (
    EDITOR,
    MEMBER_A,
    admin_action,
    created,
    listing_data,
    login,
    other_client,
)
from tests.directory.test_member_space import admin_action as profile_action
from tests.directory.test_member_space import structure, submit_change, user

pytestmark = pytest.mark.django_db


def test_the_migration_made_both_workflows_with_the_teams_task():
    for name in (PROFILE_WORKFLOW, LISTINGS_WORKFLOW):
        workflow = Workflow.objects.get(name=name)
        (task,) = [task.specific for task in workflow.tasks.all()]
        assert isinstance(task, GroupApprovalTask)
        assert sorted(task.groups.values_list("name", flat=True)) == ["Editors", "Moderators"]


def test_making_them_again_changes_nothing():
    counts = Workflow.objects.count(), GroupApprovalTask.objects.count()
    ensure_workflows()
    assert (Workflow.objects.count(), GroupApprovalTask.objects.count()) == counts


def test_a_submission_creates_no_workflow(client):
    client.force_login(user(MEMBER_A))
    workflows = Workflow.objects.count()
    assert submit_change(client, structure("roue-libre"), summary="Nouveau.").status_code == 302
    assert Workflow.objects.count() == workflows


def test_a_renamed_profile_workflow_still_tells_the_member(client):
    Workflow.objects.filter(name=PROFILE_WORKFLOW).update(name="Relecture des fiches")
    page = structure("roue-libre")
    client.force_login(user(MEMBER_A))
    assert submit_change(client, page, summary="Ouvert le samedi.").status_code == 302
    state = WorkflowState.objects.active().for_instance(page).get()
    assert state.workflow.name == "Relecture des fiches"
    editor = client.__class__()
    editor.force_login(user(EDITOR))
    mail.outbox.clear()
    assert profile_action(editor, page, "approve").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["contact@roue-libre.example"]
    assert "publiées" in message.subject


def test_a_renamed_listings_workflow_still_tells_the_member(client):
    Workflow.objects.filter(name=LISTINGS_WORKFLOW).update(name="Relecture des annonces")
    login(client, MEMBER_A)
    data = listing_data()
    data["structure"] = structure("roue-libre").pk
    assert client.post("/fr/espace-membre/annonces/nouvelle/offer/", data).status_code == 302
    listing = created()
    assert workflow_for(listing).name == "Relecture des annonces"
    mail.outbox.clear()
    assert admin_action(other_client(client, EDITOR), listing, "approve").status_code == 302
    (message,) = mail.outbox
    assert message.to == [user(MEMBER_A).email]
    assert listing.title in message.subject


def test_the_index_pages_get_their_workflow_from_the_migrations_function():
    index = CooperationIndexPage.objects.get(locale__language_code="fr")
    WorkflowPage.objects.filter(page=index).delete()
    assert index.get_workflow().name != LISTINGS_WORKFLOW  # Wagtail's default, at the root
    assign_to_index_pages()
    index = CooperationIndexPage.objects.get(pk=index.pk)  # Django cached "no workflow page"
    assert index.get_workflow().name == LISTINGS_WORKFLOW
    directory = DirectoryIndexPage.objects.get(locale__language_code="fr")
    assert directory.get_workflow().name == PROFILE_WORKFLOW


def test_a_page_without_any_workflow_falls_back_to_its_page_types(client):
    """Never published without moderation, even if every assignment was removed."""
    WorkflowPage.objects.all().delete()
    login(client, MEMBER_A)
    data = listing_data()
    data["structure"] = structure("roue-libre").pk
    assert client.post("/fr/espace-membre/annonces/nouvelle/offer/", data).status_code == 302
    state = WorkflowState.objects.active().for_instance(created()).get()
    assert state.workflow.name == LISTINGS_WORKFLOW

"""Espace membre: members edit their own structure; nothing is public before approval."""

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from wagtail.models import TaskState, WorkflowState

from directory.models import StructurePage
from tests.forms import displayed_form_data

pytestmark = pytest.mark.django_db

MEMBER_A = "membre-roue-libre"  # member of structure A (roue-libre)
MEMBER_B = "membre-jardins"  # member of structure B (jardins-du-maine)
EDITOR = "redaction"


def structure(slug: str) -> StructurePage:
    return StructurePage.objects.get(slug=slug, locale__language_code="fr")


def user(username: str):
    return get_user_model().objects.get(username=username)


def form_data(client, page: StructurePage) -> dict:
    """What the member's browser would send back: the form as displayed."""
    response = client.get(reverse("members:edit_structure", args=[page.pk]))
    return displayed_form_data(response.content)


def submit_change(client, page: StructurePage, **changes):
    data = form_data(client, page)
    data.update(changes)
    return client.post(reverse("members:edit_structure", args=[page.pk]), data)


def pending_task(page: StructurePage) -> TaskState:
    state = WorkflowState.objects.active().for_instance(page).get()
    return state.current_task_state


def admin_action(client, page: StructurePage, action: str, comment: str = ""):
    task = pending_task(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task.pk])
    return client.post(url, {"comment": comment} if comment else {})


def test_member_sees_its_structures_only(client):
    client.force_login(user(MEMBER_A))
    page = BeautifulSoup(client.get("/fr/espace-membre/").content, "html.parser")
    rows = [th.get_text(strip=True) for th in page.select("tbody th")]
    assert rows == ["Atelier vélo Roue Libre"]


def test_member_edit_waits_for_approval_then_is_published(client):
    a = structure("roue-libre")
    live_summary = a.summary
    client.force_login(user(MEMBER_A))
    response = submit_change(client, a, summary="Nouvel atelier le samedi matin.")
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.summary == live_summary  # the live page has not changed
    assert "Nouvel atelier" not in client.get(a.get_url()).content.decode()
    assert a.get_latest_revision_as_object().summary == "Nouvel atelier le samedi matin."
    state = BeautifulSoup(client.get("/fr/espace-membre/").content, "html.parser")
    assert "modération" in state.select_one(".state").get_text()

    editor = client.__class__()
    editor.force_login(user(EDITOR))
    mail.outbox.clear()
    assert admin_action(editor, a, "approve").status_code == 302
    a.refresh_from_db()
    assert a.summary == "Nouvel atelier le samedi matin."
    assert "Nouvel atelier le samedi matin." in client.get(a.get_url()).content.decode()
    (message,) = mail.outbox
    assert message.to == ["contact@roue-libre.example"]
    assert "publiées" in message.subject


def test_rejection_keeps_the_live_page_and_shows_the_comment(client):
    a = structure("roue-libre")
    live_summary = a.summary
    client.force_login(user(MEMBER_A))
    submit_change(client, a, summary="Résumé refusé.")
    editor = client.__class__()
    editor.force_login(user(EDITOR))
    mail.outbox.clear()
    admin_action(editor, a, "reject", comment="Merci de préciser les horaires.")
    a.refresh_from_db()
    assert a.summary == live_summary
    assert live_summary in client.get(a.get_url()).content.decode()
    space = BeautifulSoup(client.get("/fr/espace-membre/").content, "html.parser")
    assert "Merci de préciser les horaires." in space.select_one(".state").get_text()
    (message,) = mail.outbox
    assert "Merci de préciser les horaires." in message.body
    # The member corrects and sends again: a new moderation starts.
    assert submit_change(client, a, summary="Atelier le samedi, de 9 h à 12 h.").status_code == 302
    assert pending_task(a).status == TaskState.STATUS_IN_PROGRESS


def test_invalid_siret_is_refused_with_a_french_message_and_nothing_is_submitted(client):
    a = structure("roue-libre")
    client.force_login(user(MEMBER_A))
    response = submit_change(client, a, siret="123 456 789 00013")
    assert response.status_code == 400
    assert "chiffre de contrôle" in response.content.decode()
    assert not WorkflowState.objects.active().for_instance(a).exists()


# Who may do what: actor × action → allowed?
MATRIX = [
    ("anonymous", "view", True), ("anonymous", "edit A", False),
    ("anonymous", "edit B", False), ("anonymous", "approve", False),
    (MEMBER_A, "view", True), (MEMBER_A, "edit A", True),
    (MEMBER_A, "edit B", False), (MEMBER_A, "approve", False),
    (MEMBER_B, "view", True), (MEMBER_B, "edit A", False),
    (MEMBER_B, "edit B", True), (MEMBER_B, "approve", False),
    (EDITOR, "view", True), (EDITOR, "edit A", False),
    (EDITOR, "edit B", False), (EDITOR, "approve", True),
]


@pytest.mark.parametrize(("actor", "action", "allowed"), MATRIX)
def test_permission_matrix(client, actor, action, allowed):
    a, b = structure("roue-libre"), structure("jardins-du-maine")
    # A change of A's, submitted by its member, waits for approval.
    setup = client.__class__()
    setup.force_login(user(MEMBER_A))
    submit_change(setup, a, summary="Changement en attente.")
    if actor != "anonymous":
        client.force_login(user(actor))
    live = {page.pk: page.summary for page in (a, b)}

    if action == "view":
        assert (client.get(a.get_url()).status_code == 200) is allowed
        return
    if action == "approve":
        response = admin_action(client, a, "approve")
        a.refresh_from_db()
        assert (a.summary == "Changement en attente.") is allowed
        if not allowed:
            assert response.status_code in (302, 403)
        return
    target = a if action == "edit A" else b
    target.refresh_from_db()
    before = target.latest_revision_id
    response = client.post(
        reverse("members:edit_structure", args=[target.pk]),
        {"title": "Piratage", "summary": "Piratage", "legal_form": "association"},
    )
    target.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert target.latest_revision_id != before
    else:
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert "espace-membre" not in response.url or "next=" in response.url
        assert target.latest_revision_id == before
        assert target.summary == live[target.pk] and target.title != "Piratage"


DESCRIPTION = (
    "Chantier d'insertion & atelier <vélo> : écrivez à contact@roue-libre.example.\n"
    "Ouvert le samedi, l'après-midi.\n\n"
    "Deuxième paragraphe : « réparer plutôt que jeter » & 3 < 5."
)


def test_the_description_survives_ten_edits_byte_for_byte(client):
    """Each round re-reads the form as a browser would, changes only the phone and is
    approved: the text shown stays as typed and the published HTML does not drift."""
    a = structure("roue-libre")
    client.force_login(user(MEMBER_A))
    editor = client.__class__()
    editor.force_login(user(EDITOR))
    assert submit_change(client, a, description_text=DESCRIPTION).status_code == 302
    assert admin_action(editor, a, "approve").status_code == 302
    a.refresh_from_db()
    published = a.description
    for round_ in range(10):
        shown = form_data(client, a)["description_text"]
        assert shown == DESCRIPTION, f"round {round_}: {shown!r}"
        response = submit_change(client, a, phone=f"02 43 00 00 {round_:02d}")
        assert response.status_code == 302
        assert admin_action(editor, a, "approve").status_code == 302
        a.refresh_from_db()
        assert a.phone.endswith(f"{round_:02d}")
        assert a.description == published, f"round {round_}: {a.description!r}"
    page = BeautifulSoup(client.get(a.get_url()).content, "html.parser")
    text = page.get_text()
    assert "Chantier d'insertion & atelier <vélo>" in text
    assert "&#x27;" not in text and "&amp;" not in text
    paragraphs = [p.get_text() for p in page.find_all("p") if "insertion" in p.get_text()
                  or "Deuxième" in p.get_text()]
    assert len(paragraphs) == 2


HOSTILE_DESCRIPTION = (
    '<p data-block-key="k1" onclick="alert(1)">Atelier <b>vélo</b>'
    '<script>alert(1)</script><img src=x onerror="alert(1)">'
    '<a href="javascript:alert(1)">piège</a> <a href="https://example.org/">site</a></p>'
    '<style>body{display:none}</style><iframe src="https://evil.example/"></iframe>'
    '<ul><li><i>un</i></li></ul><h3 onmouseover="alert(1)">Titre</h3>'
)


def assert_clean_description(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["script", "style", "img", "iframe"])
    for tag in soup.find_all(True):
        assert not [name for name in tag.attrs if name.startswith("on")], tag
        assert not tag.get("href", "").lower().startswith("javascript"), tag
    # What rich text may hold stays.
    assert soup.find("b").get_text() == "vélo" and soup.find("i") and soup.find("h3")
    assert soup.find("a", href="https://example.org/")


@pytest.mark.parametrize("path", ["save", "revision-then-publish"])
def test_rich_text_is_sanitised_whatever_path_stores_it(client, path):
    """Not through the member's form: straight through the model, as a script, an import or
    a revision would store it."""
    a = structure("roue-libre")
    a.description = HOSTILE_DESCRIPTION
    if path == "save":
        a.save()
    else:
        revision = a.save_revision(user=user(MEMBER_A))
        assert_clean_description(revision.as_object().description)
        revision.publish()
    a.refresh_from_db()
    assert_clean_description(a.description)
    page = client.get(a.get_url())
    assert page.status_code == 200
    body = BeautifulSoup(page.content, "html.parser").find("main") or BeautifulSoup(
        page.content, "html.parser")
    assert "alert(1)" not in str(body)
    assert "javascript:" not in str(body)


def test_a_stale_profile_edit_saves_nothing_and_shows_both_versions(client):
    """Two members of a structure open its profile; the second to send gets both versions
    and nothing of the first's is overwritten until they send again."""
    from directory.models import Membership

    a = structure("roue-libre")
    Membership.objects.create(user=user(MEMBER_B), structure=a)
    first = client
    first.force_login(user(MEMBER_A))
    second = client.__class__()
    second.force_login(user(MEMBER_B))
    first_form, second_form = form_data(first, a), form_data(second, a)

    first_form.update(summary="Atelier ouvert le samedi matin.", phone="02 43 11 11 11")
    assert first.post(reverse("members:edit_structure", args=[a.pk]),
                      first_form).status_code == 302
    a.refresh_from_db()
    saved_revision = a.latest_revision_id

    second_form.update(summary="Atelier ouvert le mercredi soir.",
                       description_text="Un texte long\n\nque rien ne doit perdre.")
    response = second.post(reverse("members:edit_structure", args=[a.pk]), second_form)
    assert response.status_code == 409
    a.refresh_from_db()
    assert a.latest_revision_id == saved_revision  # nothing saved
    draft = a.get_latest_revision_as_object()
    assert draft.summary == "Atelier ouvert le samedi matin."
    page = BeautifulSoup(response.content, "html.parser")
    conflict = page.select_one("[data-conflict]")
    assert "Quelqu’un d’autre a enregistré" in conflict.get_text() or (
        "Quelqu'un d'autre a enregistré" in conflict.get_text())
    summary_row = conflict.select_one("tr[data-field-label='Présentation courte']")
    assert summary_row.select_one(".conflict-saved").get_text() == (
        "Atelier ouvert le samedi matin.")
    assert summary_row.select_one(".conflict-typed").get_text() == (
        "Atelier ouvert le mercredi soir.")
    # What the member typed is still in the form, on the revision now saved.
    shown = displayed_form_data(response.content)
    assert shown["summary"] == "Atelier ouvert le mercredi soir."
    assert shown["description_text"] == "Un texte long\n\nque rien ne doit perdre."
    assert shown["base_revision"] == str(saved_revision)
    # Sending it again, knowingly, replaces the saved version.
    assert second.post(reverse("members:edit_structure", args=[a.pk]),
                       shown).status_code == 302
    a.refresh_from_db()
    assert a.get_latest_revision_as_object().summary == "Atelier ouvert le mercredi soir."


def test_descriptions_corrupted_by_the_old_form_are_repaired():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("directory.migrations.0003_repair_double_escaped_descriptions")
    a = structure("roue-libre")
    corrupted = ("<p>Chantier d&amp;amp;#x27;insertion &amp;amp;amp; atelier "
                 "&amp;lt;vélo&amp;gt;</p>")
    a.description = corrupted
    a.save_revision().publish()
    a.refresh_from_db()
    assert a.description == corrupted  # still corrupted: nh3 keeps text as it is
    migration.repair(apps, None)
    a.refresh_from_db()
    fixed = "<p>Chantier d&#x27;insertion &amp; atelier &lt;vélo&gt;</p>"
    assert a.description == fixed
    assert a.get_latest_revision_as_object().description == fixed

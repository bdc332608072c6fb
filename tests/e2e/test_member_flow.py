"""A member edits its profile in the member area; an editor approves it in the Wagtail admin."""

import re

import pytest
from playwright.sync_api import Browser, expect

from directory.models import StructurePage

pytestmark = pytest.mark.e2e

NEW_SUMMARY = "Atelier ouvert le samedi matin, réparations à prix libre."


def test_member_edit_is_published_after_approval(browser: Browser, demo_site: str) -> None:
    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")
    public_url = f"{demo_site}/fr/annuaire/roue-libre/"

    member = browser.new_context(locale="fr-FR").new_page()
    member.goto(f"{demo_site}/fr/espace-membre/")
    expect(member).to_have_url(re.compile(r"/fr/espace-membre/connexion/"))
    member.get_by_label("Adresse e-mail").fill("contact@roue-libre.example")
    member.get_by_label("Mot de passe").fill("apess53-membre-roue-libre")
    member.get_by_role("button", name="Se connecter").click()
    expect(member).to_have_url(f"{demo_site}/fr/espace-membre/")

    member.get_by_role("link", name="Modifier la fiche").click()
    member.get_by_label("Présentation courte").fill(NEW_SUMMARY)
    member.get_by_role("button", name="Soumettre mes modifications").click()
    expect(member.locator(".state")).to_contain_text("attente de modération")

    member.goto(public_url)
    expect(member.locator(".lead")).not_to_have_text(NEW_SUMMARY)

    editor = browser.new_context(locale="fr-FR").new_page()
    editor.goto(f"{demo_site}/admin/login/")
    editor.locator("#id_username").fill("redaction")
    editor.locator("#id_password").fill("apess53-redaction")
    editor.locator("form button[type=submit]").click()
    editor.goto(f"{demo_site}/admin/pages/{structure.pk}/edit/")
    approve = editor.locator('button[data-workflow-action-name="approve"]').first
    expect(approve).to_have_count(1)
    approve.evaluate("button => button.click()")  # it sits in the collapsed action menu
    expect(editor.locator(".messages")).to_contain_text("Atelier vélo Roue Libre", timeout=15_000)

    member.goto(public_url)
    expect(member.locator(".lead")).to_have_text(NEW_SUMMARY)
    member.goto(f"{demo_site}/fr/espace-membre/")
    expect(member.locator(".state")).to_contain_text("approuvées")

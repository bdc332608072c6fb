"""Project-wide guarantees: production settings pass Django's deploy checks, migrations are
complete, and every interface string has a French translation compiled for the site."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str | None) -> subprocess.CompletedProcess:
    """manage.py in a process of its own; a variable given as None is removed."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(env)
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=120,
    )


def test_production_settings_pass_check_deploy(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="www.apess53.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        TRUSTED_PROXY_COUNT="0",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("proxies", [None, "0", "1"])
def test_production_settings_require_the_number_of_proxies(tmp_path, proxies):
    """Behind an uncounted proxy every visitor shares its address: production refuses to guess."""
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="www.apess53.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", TRUSTED_PROXY_COUNT=proxies,
    )
    if proxies is None:
        assert result.returncode != 0
        assert "config.E001" in result.stderr and "TRUSTED_PROXY_COUNT" in result.stderr
    else:  # 0 said explicitly is an answer too
        assert result.returncode == 0, result.stdout + result.stderr
        assert "config.E001" not in result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production",
        ALLOWED_HOSTS="www.apess53.org", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SECRET_KEY="", TRUSTED_PROXY_COUNT="0",
    )
    assert result.returncode != 0


def test_load_demo_refuses_to_run_in_production(tmp_path):
    result = manage(
        "load_demo", DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="www.apess53.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", TRUSTED_PROXY_COUNT="0",
    )
    assert result.returncode != 0
    assert "refusé en production" in result.stderr


@pytest.mark.django_db
def test_migrations_are_complete():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


FRENCH = ROOT / "site" / "locale" / "fr" / "LC_MESSAGES"


def test_every_interface_string_has_a_french_translation():
    catalogue = polib.pofile(str(FRENCH / "django.po"))
    assert len(catalogue) > 100
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_compiled_french_catalogue_matches_its_source():
    source = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in
              polib.pofile(str(FRENCH / "django.po")).translated_entries()}
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in
                polib.mofile(str(FRENCH / "django.mo")) if e.msgid}
    assert compiled == source, "run `make messages` to recompile site/locale"

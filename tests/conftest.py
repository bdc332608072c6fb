"""Shared fixtures: the demo site, and a French/English client."""

import pytest

from django.core.management import call_command

from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture
def demo(db) -> HomePage:
    """The demo site, built by the same command as `make run`."""
    call_command("load_demo", verbosity=0)
    return HomePage.objects.get(locale__language_code="fr", depth=2)


@pytest.fixture
def french(db) -> Locale:
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get(language_code="en")

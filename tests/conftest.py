"""Shared fixtures: the demo site, and a French/English client."""

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.db import connections

from wagtail.models import Locale

from home.models import HomePage


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """The demo site, built once per test database by the same command as `make run`.

    Each test runs in a transaction rolled back at its end, so it starts from this state.
    Transactional tests (tests/e2e) empty the tables after them: their serialized rollback
    puts this state back, demo included, before each of them (rebuilding the demo instead
    took 7 s of CPU per test, the restore takes 0.6 s).
    """
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0)
        for connection in connections.all():
            # Set by Django only when some collected test asks for a serialized rollback.
            # Django's attribute: if it were renamed, tests/e2e would find no demo and fail.
            if hasattr(connection, "_test_serialized_contents"):
                connection._test_serialized_contents = (
                    connection.creation.serialize_db_to_string()
                )


@pytest.fixture
def demo(db) -> HomePage:
    """The French home page of the demo site."""
    return HomePage.objects.get(locale__language_code="fr", depth=2)


@pytest.fixture
def french(db) -> Locale:
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def english(db) -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: rate-limit counters, page and fragment caches hold
    nothing of another test's (rolled back) data."""
    for cache in caches.all():
        cache.clear()

"""A member logged in before the accounts moved to members/ stays logged in after it."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django.utils import translation

from directory.factories import MemberFactory

migration = import_module("members.migrations.0002_sessions_follow_the_backend")


def session_of(user, backend: str) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def member_space_status(client, session_key: str) -> int:
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    with translation.override("fr"):
        return client.get(reverse("members:member_space")).status_code


def test_a_session_of_the_old_backend_logs_out_without_the_migration(client, demo):
    member = MemberFactory()
    key = session_of(member, migration.OLD)
    assert member_space_status(client, key) == 302  # to the login page


def test_the_migration_keeps_the_member_logged_in(client, demo):
    member = MemberFactory()
    key = session_of(member, migration.OLD)
    migration.forwards(apps, None)
    assert member_space_status(client, key) == 200
    assert SessionStore(session_key=key)[BACKEND_SESSION_KEY] == migration.NEW

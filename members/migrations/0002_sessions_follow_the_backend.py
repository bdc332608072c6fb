"""Sessions opened before the member accounts moved to `members/` name the old backend: rewrite
them, or every logged-in member would be logged out by the deployment."""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import migrations

OLD = "directory.accounts.backends.EmailBackend"
NEW = "members.accounts.backends.EmailBackend"


def rename_backend(apps, old: str, new: str) -> None:
    Session = apps.get_model("sessions", "Session")
    store = SessionStore()
    for session in Session.objects.filter(expire_date__isnull=False).iterator():
        data = store.decode(session.session_data)
        if data.get(BACKEND_SESSION_KEY) == old:
            data[BACKEND_SESSION_KEY] = new
            session.session_data = store.encode(data)
            session.save(update_fields=["session_data"])


def forwards(apps, schema_editor) -> None:
    rename_backend(apps, OLD, NEW)


def backwards(apps, schema_editor) -> None:
    rename_backend(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("sessions", "0001_initial"),
        ("members", "0001_moderation_workflows"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

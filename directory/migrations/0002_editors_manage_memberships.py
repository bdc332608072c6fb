"""The Wagtail "Editors" group may invite members: add, change and view memberships."""

from django.db import migrations

ACTIONS = ("add", "change", "view")
GROUP = "Editors"


def membership_permissions(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    # On a new database, Django creates permissions after all migrations: create them now.
    content_type, _ = ContentType.objects.get_or_create(app_label="directory", model="membership")
    return [
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_membership",
            defaults={"name": f"Can {action} membership"},
        )[0]
        for action in ACTIONS
    ]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = membership_permissions(apps)
    for group in Group.objects.filter(name=GROUP):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permissions = membership_permissions(apps)
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
        ("directory", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

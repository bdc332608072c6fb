"""Editors publish: DESIGN.md's editors publish news and events and approve members' changes.

Wagtail's own migrations give its "Editors" group add and change rights only; approving a
moderation task publishes the page as the approving user, so editors need publish_page too.
"""

from django.db import migrations


def grant_publish(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editors = Group.objects.filter(name="Editors").first()
    root = Page.objects.filter(depth=1).first()
    publish = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).first()
    if editors and root and publish:
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_newspage_related_structures"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant_publish, migrations.RunPython.noop)]

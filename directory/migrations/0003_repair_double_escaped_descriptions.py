"""Descriptions corrupted by the old member form ("d&#x27;insertion" shown on the page):
repaired in the pages and in their latest revision (what the member's form reads)."""

from django.db import migrations

from directory.richtext import repair_double_escaping


def repair(apps, schema_editor):
    StructurePage = apps.get_model("directory", "StructurePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in StructurePage.objects.filter(description__contains="&amp;").only("description"):
        StructurePage.objects.filter(pk=page.pk).update(
            description=repair_double_escaping(page.description)
        )
    revision_ids = StructurePage.objects.exclude(latest_revision_id=None).values(
        "latest_revision_id"
    )
    for revision in Revision.objects.filter(pk__in=revision_ids):
        description = (revision.content or {}).get("description")
        if description and "&amp;" in description:
            revision.content["description"] = repair_double_escaping(description)
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_editors_manage_memberships"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]

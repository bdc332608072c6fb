"""The members' moderation workflows, their task and its groups (Editors, Moderators), assigned
to the directory's and the marketplace's index pages already there."""

from django.db import migrations

from members.workflows import assign_to_index_pages


def create_workflows(apps, schema_editor) -> None:
    assign_to_index_pages(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),  # the Editors and Moderators groups
        ("wagtailcore", "0083_workflowcontenttype"),
        ("directory", "0004_contact_message_sender_structure"),
        ("cooperation", "0005_impact_bounds_and_exclusion"),
    ]

    operations = [migrations.RunPython(create_workflows, migrations.RunPython.noop)]

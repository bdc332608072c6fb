"""The six fixed terms of a listing (prêt, location, don, échange, mise à disposition, vente)."""

from django.db import migrations

TERMS = ["loan", "rental", "gift", "exchange", "shared_use", "sale"]


def create_terms(apps, schema_editor):
    ListingTerm = apps.get_model("cooperation", "ListingTerm")
    for code in TERMS:
        ListingTerm.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("cooperation", "0001_initial")]

    operations = [migrations.RunPython(create_terms, migrations.RunPython.noop)]

"""Security headers on documents: what the admin accepts and how documents are served."""


import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model

from .header_helpers import (
    admin,
    assert_common_headers,
)

pytestmark = pytest.mark.django_db


# --- Documents ---------------------------------------------------------------------------

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def document_factory():
    """Documents saved through the model, as the admin does; their files removed after."""
    made = []

    def make(filename: str, content: bytes):
        document = get_document_model()(title=filename)
        document.file.save(filename, ContentFile(content), save=False)
        document.full_clean()
        document.save()
        made.append(document)
        return document

    yield make
    for document in made:
        document.file.delete(save=False)


@pytest.mark.parametrize(
    ("filename", "content"),
    [("page.html", b"<script>alert(document.cookie)</script>"),
     ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
     ("archive.zip", b"PK\x05\x06" + bytes(18))],
)
def test_admin_refuses_documents_a_browser_could_run(client, demo, filename, content):
    client.force_login(admin())
    count = get_document_model().objects.count()
    upload = ContentFile(content, name=filename)
    response = client.post(reverse("wagtaildocs:add"), {"title": filename, "file": upload})
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["form"].errors
    assert "file" in errors
    assert "extension" in " ".join(errors["file"]).lower()
    # The multiple upload of the document library's "Add a document" button refuses it too.
    upload = ContentFile(content, name=filename)
    response = client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload},
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.json()["success"] is False
    assert get_document_model().objects.count() == count


def test_admin_accepts_a_pdf(client, demo):
    client.force_login(admin())
    upload = ContentFile(PDF, name="rapport-activite.pdf")
    response = client.post(reverse("wagtaildocs:add"), {"title": "Rapport", "file": upload})
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Rapport")
    document.file.delete(save=False)


def test_pdf_is_served_inline_with_the_documents_headers(client, demo, document_factory):
    document = document_factory("rapport-activite.pdf", PDF)
    response = client.get(document.url)
    assert document.url == f"/documents/{document.pk}/rapport-activite.pdf"  # serve view
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'"  # Wagtail's own
    assert_common_headers(response)


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [("adhesion.odt", "application/vnd.oasis.opendocument.text"),
     ("annuaire.csv", "text/csv"),
     ("lisez-moi.txt", "text/plain")],
)
def test_other_documents_are_served_as_attachments(client, demo, document_factory,
                                                   filename, content_type):
    document = document_factory(filename, b"APESS 53")
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"

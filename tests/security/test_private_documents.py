"""Documents of a private collection reach only those allowed: through Wagtail's serve view, never
straight from the media folder (README, Security: `/media/documents/` is not served)."""

import importlib

import pytest

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

import config.urls

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def private_document(demo):
    """A PDF in a collection that only logged-in people may see; its file removed after."""
    collection = Collection.get_first_root_node().add_child(name="Conseil d'administration")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model()(title="Procès-verbal", collection=collection)
    document.file.save("proces-verbal-ca.pdf", ContentFile(PDF), save=False)
    document.save()
    yield document
    document.file.delete(save=False)


@pytest.fixture
def dev_urls(settings):
    """The URLs as `make run` has them (DEBUG on: the development server serves uploads)."""
    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_document_url_wagtail_gives_is_its_serve_view(private_document):
    assert private_document.url == f"/documents/{private_document.pk}/proces-verbal-ca.pdf"


def test_a_private_document_is_not_served_to_anonymous_visitors(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code == 302  # to the login page
    assert b"".join(getattr(response, "streaming_content", [response.content])) != PDF
    # Logged in, it is served.
    client.force_login(get_user_model().objects.get(username="admin"))
    response = client.get(private_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_development_server_serves_no_document_from_the_media_folder(
    client, private_document, dev_urls
):
    name = private_document.file.name
    assert name.startswith("documents/")
    response = client.get(f"/media/{name}")
    assert response.status_code == 404
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))
    # Other uploads still are, as the web server serves them in production.
    upload = ContentFile(b"APESS 53", name="test-media-check.txt")
    stored = default_storage.save(f"original_images/{upload.name}", upload)
    try:
        response = client.get(f"/media/{stored}")
        assert response.status_code == 200
    finally:
        default_storage.delete(stored)


def test_the_documents_api_lists_no_private_document(client, private_document) -> None:
    """A guard: Wagtail's documents endpoint leaves out restricted collections; the project
    replaces that endpoint (bounded offsets) and must keep it so."""
    public = get_document_model().objects.create(
        title="Rapport d'activité public", collection=Collection.get_first_root_node(),
        file=private_document.file.name,
    )
    listed = client.get("/api/v2/documents/?limit=100").json()
    titles = {item["title"] for item in listed["items"]}
    assert public.title in titles
    assert private_document.title not in titles
    detail = client.get(f"/api/v2/documents/{private_document.pk}/", follow=True)
    assert detail.status_code == 404
    assert private_document.title not in detail.content.decode()

"""Security headers on real responses: the public pages, the member space, the admin, the
documents; the production settings over HTTPS (HSTS, cookies).

Public pages run only the site's own files (no inline script, style or event handler), and
nothing comes from another server unless configured (map tiles) or asked for by the visitor
(a video player, allowed by frame-src). The Wagtail admin has a looser policy of its own.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.embeds.finders import get_finders
from wagtail.models import Page

from cooperation.models import ListingPage, ListingStatus
from directory.models import StructurePage

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
MEMBER_EMAIL = "contact@roue-libre.example"
KEYWORDS = {"'self'", "'none'", "data:"}
VIDEO_PLAYERS = {"https://www.youtube.com", "https://player.vimeo.com"}


def policy(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    """The directives of a Content-Security-Policy header: {"script-src": ["'self'"], …}."""
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def inline_code(html: bytes) -> list[str]:
    """What a strict policy would block in a page: inline scripts (data blocks aside), <style>
    elements, style attributes, event handlers, javascript: URLs. Also inside <template>."""
    soup = BeautifulSoup(html, "html.parser")
    found = [
        str(script)[:120] for script in soup.find_all("script")
        if not script.get("src")
        and script.get("type") not in ("application/json", "application/ld+json")
    ]
    found += [str(style)[:120] for style in soup.find_all("style")]
    for tag in soup.find_all(True):
        found += [f"<{tag.name} {attr}=…>" for attr in tag.attrs
                  if attr == "style" or attr.startswith("on")]
        for attr in ("href", "src", "action", "formaction"):
            if str(tag.get(attr, "")).strip().lower().startswith("javascript:"):
                found.append(f"<{tag.name} {attr}=javascript:…>")
    return found


def assert_common_headers(response) -> None:
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation"):
        assert features[feature] == "()"


def assert_public_policy(response) -> None:
    assert_common_headers(response)
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    # Nothing from another server, but the video players a visitor asks for.
    assert set(csp["frame-src"]) == VIDEO_PLAYERS
    for name, sources in csp.items():
        if name != "frame-src":
            assert set(sources) <= KEYWORDS, (name, sources)


def member():
    return get_user_model().objects.get(email=MEMBER_EMAIL)


def admin():
    return get_user_model().objects.get(username="admin")


def public_urls() -> dict[str, str]:
    """One live page of every page type (French), and the site's other public views."""
    pages = Page.objects.live().filter(locale__language_code="fr", depth__gt=1)
    urls = {}
    for page in pages.order_by("path").specific():
        if isinstance(page, ListingPage) and page.status != ListingStatus.OPEN:
            continue
        urls.setdefault(type(page).__name__, page.url)
    assert {"HomePage", "StandardPage", "NewsIndexPage", "NewsPage", "EventIndexPage",
            "EventPage", "DirectoryIndexPage", "StructurePage", "CooperationIndexPage",
            "OfferPage", "RequestPage"} <= set(urls)
    return urls | {
        "home (en)": "/en/",
        "news filtered": "/fr/actualites/?category=vie-du-reseau",
        "directory filtered": "/fr/annuaire/?sector=mobilite",
        "search": "/fr/recherche/?q=velo",
        "search (empty)": "/fr/recherche/",
        "search suggestions": "/fr/recherche/suggestions/?q=ve",
        "login": reverse("members:login"),
        "password reset": reverse("members:password_reset"),
        "not found": "/fr/nulle-part/",
        "api": "/api/v2/pages/?type=directory.StructurePage",
        "sitemap": "/sitemap.xml",
    }


def test_public_pages_have_the_strict_policy_and_no_inline_code(client, demo):
    for name, url in public_urls().items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not found" else 200), name
        assert_public_policy(response)
        if response["Content-Type"].startswith("text/html"):
            assert inline_code(response.content) == [], name


def test_structure_page_data_blocks_are_not_scripts(client, demo):
    """The map's points and the schema.org JSON-LD are data, which no policy blocks: the
    browser never runs them. The map itself needs nothing from elsewhere without tiles."""
    structure = StructurePage.objects.live().get(slug="roue-libre", locale__language_code="fr")
    response = client.get(structure.url)
    soup = BeautifulSoup(response.content, "html.parser")
    types = {script.get("type") for script in soup.find_all("script") if not script.get("src")}
    assert types == {"application/json", "application/ld+json"}
    assert soup.select_one("[data-map]")["data-map-tiles"] == ""
    assert all(urlsplit(script["src"]).netloc == ""
               for script in soup.find_all("script", src=True))


def test_member_space_has_the_strict_policy_and_no_inline_code(client, demo):
    client.force_login(member())
    structure = StructurePage.objects.get(slug="roue-libre", locale__language_code="fr")
    for url in (reverse("members:member_space"), reverse("members:my_data"),
                reverse("members:edit_structure", args=[structure.pk]),
                reverse("members:listings"),
                reverse("members:new_listing", args=["offer"])):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_public_policy(response)
        assert inline_code(response.content) == [], url


def test_editor_on_a_public_page_keeps_the_strict_policy(client, demo):
    """The Wagtail userbar an editor sees on public pages is files of the site, in a
    <template>, with no inline script or style either."""
    client.force_login(admin())
    response = client.get("/fr/")
    assert "wagtail-userbar" in response.content.decode()
    assert_public_policy(response)
    assert inline_code(response.content) == []


def test_admin_has_its_own_looser_policy(client, demo):
    responses = {"/admin/login/": client.get("/admin/login/")}
    client.force_login(admin())
    for url in ("/admin/", f"/admin/pages/{demo.pk}/edit/", reverse("wagtaildocs:add_multiple"),
                reverse("wagtailadmin_explore", args=[demo.pk])):
        responses[url] = client.get(url)
    for url, response in responses.items():
        assert response.status_code == 200, url
        assert_common_headers(response)
        csp = policy(response)
        assert csp["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert csp["style-src"] == ["'self'", "'unsafe-inline'"], url
        assert csp["frame-ancestors"] == ["'self'"], url  # the editor's preview panel
        assert csp["object-src"] == ["'none'"], url
        assert set(csp["frame-src"]) == {"'self'", *VIDEO_PLAYERS}, url
        for name, sources in csp.items():
            if name != "frame-src":
                assert set(sources) <= {*KEYWORDS, "'unsafe-inline'", "blob:"}, (name, sources)


def test_page_previews_have_the_public_policy_but_may_be_framed_by_the_admin(client, demo):
    """Wagtail renders a preview through the middleware with the page's public URL: editors
    see the page under the visitors' policy, in the admin's preview panel (a frame)."""
    client.force_login(admin())
    response = client.get(f"/admin/pages/{demo.pk}/view_draft/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'self'"]


def test_video_embeds_only_from_the_players_that_frame_src_allows():
    """Editors can embed YouTube and Vimeo videos, whose players are an <iframe> from the
    origins in frame-src; any other provider (a post that needs its own script) is refused."""
    def accepted(url):
        return any(finder.accept(url) for finder in get_finders())

    assert accepted("https://www.youtube.com/watch?v=apess53")
    assert accepted("https://youtu.be/apess53")
    assert accepted("https://vimeo.com/76979871")
    assert not accepted("https://twitter.com/apess53/status/1")
    assert not accepted("https://www.dailymotion.com/video/x7tgad0")
    assert not accepted("https://www.facebook.com/apess53/videos/1")


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


# --- Production settings ------------------------------------------------------------------

SECURITY_SETTINGS = [
    "CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN", "MAP_TILE_URL",
    "SECURE_PROXY_SSL_HEADER", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "LANGUAGE_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "LANGUAGE_COOKIE_SAMESITE",
]


def production_settings(tmp_path, **env: str) -> dict:
    """The security settings as production.py makes them (in a process of its own: importing
    production.py here would change the test settings' lists)."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    environment.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="www.apess53.org", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **env,
    )
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {SECURITY_SETTINGS!r}}}))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60, check=True)
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, tmp_path):
    """The test settings with production's security settings: real responses over HTTPS."""
    for name, value in production_settings(tmp_path).items():
        setattr(settings, name, value)
    return settings


HTTPS = {"headers": {"x-forwarded-proto": "https"}}


def cookie_flags(response, name: str) -> dict:
    cookie = response.cookies[name]
    return {"secure": cookie["secure"], "httponly": cookie["httponly"],
            "samesite": cookie["samesite"]}


SAFE_COOKIE = {"secure": True, "httponly": True, "samesite": "Lax"}


def test_production_redirects_to_https_and_sends_hsts(client, demo, production):
    response = client.get("/fr/", headers={"x-forwarded-proto": "http"})
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/"
    response = client.get("/fr/", **HTTPS)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_public_policy(response)


def test_production_cookies_are_secure_httponly_and_samesite(client, demo, production):
    login = reverse("members:login")
    response = client.get(login, **HTTPS)
    assert cookie_flags(response, "csrftoken") == SAFE_COOKIE
    response = client.post(login, {"email": MEMBER_EMAIL,
                                   "password": "apess53-membre-roue-libre"}, **HTTPS)
    assert response.status_code == 302, response.content
    assert cookie_flags(response, "sessionid") == SAFE_COOKIE
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"}, **HTTPS)
    assert cookie_flags(response, "django_language") == SAFE_COOKIE
    response = client.get(reverse("members:member_space"), **HTTPS)
    assert response.status_code == 200
    assert "Strict-Transport-Security" in response
    assert_public_policy(response)


def test_production_admin_login_sets_secure_cookies(client, demo, production):
    response = client.post("/admin/login/", {"username": "admin", "password": "apess53-admin"},
                           **HTTPS)
    assert response.status_code == 302
    assert cookie_flags(response, "sessionid") == SAFE_COOKIE
    response = client.get("/admin/", **HTTPS)
    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_map_tiles_origin_is_allowed_only_when_configured(client, demo, settings, tmp_path):
    """Without MAP_TILE_URL no image comes from elsewhere; with it, img-src allows its server
    (Leaflet's {s} subdomains as a wildcard), on the public pages and in the admin."""
    default = production_settings(tmp_path)
    assert default["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]
    tiles = production_settings(
        tmp_path, MAP_TILE_URL="https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    )
    for name in ("CONTENT_SECURITY_POLICY", "CONTENT_SECURITY_POLICY_ADMIN", "MAP_TILE_URL"):
        setattr(settings, name, tiles[name])
    structure = StructurePage.objects.live().get(slug="roue-libre", locale__language_code="fr")
    response = client.get(structure.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("[data-map]")["data-map-tiles"] == tiles["MAP_TILE_URL"]
    img_src = policy(response)["img-src"]
    assert img_src == ["'self'", "data:", "https://*.tile.openstreetmap.org"]
    assert policy(response)["script-src"] == ["'self'"]
    self_hosted = production_settings(tmp_path, MAP_TILE_URL="/tuiles/{z}/{x}/{y}.png")
    assert self_hosted["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == ["'self'", "data:"]

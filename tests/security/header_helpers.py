"""Policy readers and page addresses shared by the test_headers_* modules."""

from pathlib import Path

from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.models import Page

from cooperation.models import ListingPage, ListingStatus

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

"""Security headers with the production settings over HTTPS (HSTS, cookies, map tiles)."""

import json
import os
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from directory.models import StructurePage

from .header_helpers import (
    MEMBER_EMAIL,
    ROOT,
    assert_public_policy,
    policy,
)

pytestmark = pytest.mark.django_db


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

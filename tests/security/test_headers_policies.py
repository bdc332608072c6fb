"""Security headers on real responses: the public pages, the member space, the admin.

Public pages run only the site's own files (no inline script, style or event handler), and
nothing comes from another server unless configured (map tiles) or asked for by the visitor
(a video player, allowed by frame-src). The Wagtail admin has a looser policy of its own.
"""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from django.urls import reverse

from wagtail.embeds.finders import get_finders

from directory.models import StructurePage

from .header_helpers import (
    KEYWORDS,
    VIDEO_PLAYERS,
    admin,
    assert_common_headers,
    assert_public_policy,
    inline_code,
    member,
    policy,
    public_urls,
)

pytestmark = pytest.mark.django_db


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

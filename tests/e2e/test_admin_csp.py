"""The Content-Security-Policy in a real browser: nothing the site or the Wagtail admin does
is blocked by it. The public pages (home, a structure and its map, search suggestions, a
video asked for by the visitor, the editors' userbar) under the strict policy; the admin
(login, dashboard, page editor and its preview panel, document upload) under its own.

Chromium reports each blocked script, style, image, frame or connection twice: as a
`securitypolicyviolation` event in the page (collected in every frame by an init script) and
as a console error. Neither may appear.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from directory.models import StructurePage
from home.models import NewsPage, StandardPage

pytestmark = pytest.mark.e2e

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
        + ` in ${event.documentURI} (${event.sourceFile}:${event.lineNumber} ${event.sample})`
    );
});
"""
VIDEO = "https://www.youtube.com/watch?v=apess53"
PLAYER = "https://www.youtube.com/embed/apess53"


class Violations:
    """What the policy blocked in a tab: its events in every frame, and console errors."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            self.console.append(f"{message.type}: {text}")

    def collect(self) -> list[str]:
        events = []
        for frame in self.page.frames:
            try:
                events += frame.evaluate("window.__cspViolations || []")
            except Exception:  # a frame of another origin, or one going away
                continue
        return events + self.console

    def assert_none(self, where: str) -> None:
        found = self.collect()
        assert not found, f"{where}: " + "\n".join(found)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    context.add_init_script(COLLECT_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def tab(context: BrowserContext) -> Page:
    return context.new_page()


def visit(tab: Page, violations: Violations, url: str) -> None:
    """Open a page, let its scripts run, then check: violations belong to the page they
    happened in, so read them before leaving it."""
    response = tab.goto(url, wait_until="networkidle")
    assert response and response.ok, url
    violations.assert_none(url)


def test_the_policy_blocks_and_the_test_sees_it(tab: Page, demo_site: str) -> None:
    """What the tests below rely on: the browser enforces the policy, the collector hears it,
    and a blocked image from elsewhere never leaves the browser."""
    failed: dict[str, str | None] = {}
    tab.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
    violations = Violations(tab)
    tab.goto(f"{demo_site}/fr/", wait_until="networkidle")
    tab.evaluate("""() => {
        const holder = document.createElement("div");
        holder.innerHTML = '<p style="color: red">x</p><img src="https://tiles.example/1.png"'
            + ' alt=""><img src="data:," alt="" onerror="window.__ran = true">';
        document.body.appendChild(holder);
    }""")
    tab.wait_for_timeout(300)
    found = "\n".join(violations.collect())
    assert "style-src-attr blocked inline" in found
    assert "img-src blocked https://tiles.example/1.png" in found
    assert "script-src-attr blocked inline" in found
    assert tab.evaluate("window.__ran") is None
    assert failed == {"https://tiles.example/1.png": "csp"}  # blocked, not sent


def test_public_pages_run_under_the_strict_policy(tab: Page, demo_site: str) -> None:
    base = demo_site
    violations = Violations(tab)

    # The home page.
    visit(tab, violations, f"{base}/fr/")
    assert "'unsafe-inline'" not in tab.evaluate(
        "fetch(location.href).then(r => r.headers.get('content-security-policy'))"
    )

    # A structure: its map (Leaflet from the site's files, markers, popup) and its JSON-LD.
    structure = StructurePage.objects.live().get(slug="roue-libre", locale__language_code="fr")
    tab.goto(f"{base}{structure.url}", wait_until="networkidle")
    expect(tab.locator("[data-map]")).to_be_visible()
    markers = tab.locator("[data-map] path.leaflet-interactive")
    expect(markers).not_to_have_count(0)
    markers.first.click(force=True)
    expect(tab.locator(".leaflet-popup-content a")).to_be_visible()
    violations.assert_none("structure page with its map")

    # The search page: suggestions fetched as one types (connect-src 'self').
    tab.goto(f"{base}/fr/recherche/", wait_until="networkidle")
    box = tab.locator("#search-page-query")
    with tab.expect_response(lambda response: "/fr/recherche/suggestions/" in response.url):
        box.press_sequentially("velo", delay=100)
    expect(tab.locator("#search-page-suggestions option")).not_to_have_count(0)
    box.press("Enter")
    expect(tab.locator("li.search-result")).not_to_have_count(0)
    violations.assert_none("search with suggestions")

    # The directory, the marketplace and the news.
    for path in ("/fr/annuaire/", "/fr/cooperation/", "/fr/actualites/"):
        visit(tab, violations, f"{base}{path}")


def test_a_video_asked_for_plays_in_an_allowed_frame(tab: Page, demo_site: str) -> None:
    """The player waits in a <template>; on the visitor's click it is framed from an origin
    of frame-src. The player is answered here: nothing leaves the machine."""
    Embed.objects.create(
        url=VIDEO, hash=get_embed_hash(VIDEO), type="video", title="Vidéo",
        html=f'<iframe src="{PLAYER}" width="480" height="270" title="Vidéo"'
             ' referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
    )
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    page.body = [("embed", {"embed": VIDEO, "title": "Le mois de l'ESS en vidéo"})]
    page.save_revision().publish()
    played: list[str] = []

    def player(route: Route) -> None:
        played.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8",
                      body="<p>Lecteur vidéo</p>")

    tab.route("https://www.youtube.com/**", player)
    violations = Violations(tab)
    tab.goto(f"{demo_site}/fr/association/", wait_until="networkidle")
    assert played == []
    tab.locator("[data-embed-load]").click()
    frame = tab.frame_locator(".block-embed__player iframe")
    expect(frame.locator("p")).to_have_text("Lecteur vidéo")
    assert played == [PLAYER]
    violations.assert_none("video player")


def log_in_admin(tab: Page, base: str) -> None:
    tab.goto(f"{base}/admin/login/")
    tab.locator("#id_username").fill("admin")
    tab.locator("#id_password").fill("apess53-admin")
    tab.locator("form button[type=submit]").click()
    expect(tab).to_have_url(f"{base}/admin/")


def test_editor_userbar_on_public_pages(tab: Page, demo_site: str) -> None:
    """The Wagtail userbar an editor sees on the site, and its accessibility checks."""
    violations = Violations(tab)
    log_in_admin(tab, demo_site)
    tab.goto(f"{demo_site}/fr/", wait_until="networkidle")
    trigger = tab.locator("wagtail-userbar").locator("[data-wagtail-userbar-trigger]")
    trigger.click()
    expect(tab.locator("wagtail-userbar").locator("#wagtail-userbar-items")).to_be_visible()
    tab.wait_for_timeout(500)
    violations.assert_none("userbar")


def test_admin_works_under_its_policy(tab: Page, demo_site: str) -> None:
    base = demo_site
    violations = Violations(tab)
    tab.goto(f"{base}/admin/login/", wait_until="networkidle")
    violations.assert_none("admin login")
    log_in_admin(tab, base)
    tab.wait_for_load_state("networkidle")
    violations.assert_none("dashboard")

    # The page editor: StreamField, rich text, choosers, and the live preview panel (the
    # page under the public policy, framed by the admin).
    news = NewsPage.objects.live().filter(locale__language_code="fr").first()
    tab.goto(f"{base}/admin/pages/{news.pk}/edit/", wait_until="networkidle")
    expect(tab.locator("#id_title")).to_have_value(news.title)
    tab.locator("[data-side-panel-toggle='preview']").click()
    preview = tab.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(news.title, timeout=20_000)
    tab.wait_for_load_state("networkidle")
    violations.assert_none("page editor and preview")

    # The document library's upload form, and the image library.
    for path in ("/admin/documents/multiple/add/", "/admin/images/", "/admin/pages/"):
        visit(tab, violations, f"{base}{path}")

"""End-to-end fixtures: Debian's Chromium, driven by Playwright, against the live server.

No browser is downloaded (`playwright install` is never needed): Playwright launches the
Chromium of the Debian package `chromium`. Each test gets a fresh copy of the demo site.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from django.db.models.signals import post_save

from wagtail_localize.models import LocaleSynchronization, sync_trees_on_locale_sync_save

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_MISSING = f"Chromium not installed ({CHROMIUM}): apt-get install chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Nothing leaves the machine: no update checks, no sync, no field trials.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def _require_chromium() -> None:
    """Skip on a developer's machine without Chromium; in CI (CI set), fail loudly instead.

    Autouse, so that it runs before the demo content is loaded for nothing.
    """
    if os.access(CHROMIUM, os.X_OK):
        return
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM_MISSING} (CI is set: the end-to-end tests may not be skipped)")
    pytest.skip(CHROMIUM_MISSING)


@pytest.fixture(autouse=True)
def _allow_orm_under_playwright(monkeypatch: pytest.MonkeyPatch) -> None:
    """Playwright's sync API marks an asyncio loop as running in the test thread, so Django
    refuses ORM calls made meanwhile (SynchronousOnlyOperation); they are genuinely
    synchronous here. Only for these tests: set for the whole session, the variable would
    reach the subprocesses of other tests (`check --deploy` rejects it: async.E001).
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _sync_trees_unless_raw(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        sync_trees_on_locale_sync_save(sender=sender, instance=instance, **kwargs)


@pytest.fixture(scope="module", autouse=True)
def _no_tree_sync_on_raw_save() -> Iterator[None]:
    """Let the serialized rollback (see demo_site) restore the LocaleSynchronization row.

    wagtail-localize syncs the page trees on every save of one, even the raw save of data
    being loaded, when its locales may not be back yet (Locale.DoesNotExist).
    """
    post_save.disconnect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)
    post_save.connect(_sync_trees_unless_raw, sender=LocaleSynchronization)
    yield
    post_save.disconnect(_sync_trees_unless_raw, sender=LocaleSynchronization)
    post_save.connect(sync_trees_on_locale_sync_save, sender=LocaleSynchronization)


@pytest.fixture
def demo_site(live_server, django_db_serialized_rollback) -> str:
    """The demo content in the live server's database; returns the server's base URL.

    live_server makes the test transactional: every table is emptied after it, which would
    also lose what the migrations created (locales, Wagtail's root page, groups) and the
    demo. The serialized rollback puts back, before each test, the database as the session
    built it with load_demo (tests/conftest.py).
    """
    return live_server.url


@pytest.fixture
def browser(demo_site: str) -> Iterator[Browser]:
    """Headless Chromium, started once the test's database is ready, stopped before its flush.

    Not shared between tests: while Playwright runs, asyncio sees a running loop in this
    thread, and Django (asgiref) then hands the thread a database connection of its own,
    without the data the serialized rollback restores from (Locale.DoesNotExist again).
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A browser tab."""
    context = browser.new_context(locale="fr-FR")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def requested_urls(page: Page) -> list[str]:
    """Every URL the tab requests from now on (documents, styles, scripts, images, fonts…)."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls

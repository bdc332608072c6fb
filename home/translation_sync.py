"""Every page gets its synchronised aliases, however it was created.

wagtail-localize makes a page's aliases in the other languages' trees only from the admin's
`after_create_page` hook: pages created by code (listings and profiles from the member space,
`load_demo`, `load_scale`) would stay French only, missing from the English lists, search and
language switcher. The same aliases are made here when such a page is first published, the
moment it can be seen (a draft's alias would show nothing anyway).
"""

from django.http import HttpRequest

from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail.signals import page_published
from wagtail_localize import synctree
from wagtail_localize.models import LocaleSynchronization


def synchronised_locales(source: Locale | int) -> list[Locale]:
    """The locales whose tree follows `source`'s (wagtail-localize's LocaleSynchronization)."""
    source_id = source if isinstance(source, int) else source.pk
    return list(Locale.objects.filter(
        pk__in=LocaleSynchronization.objects.filter(sync_from_id=source_id).values("locale_id")
    ))


def create_missing_aliases(page: Page) -> list[Page]:
    """Aliases of `page` in each synchronised locale where it has no version yet (alias or
    translation); then, as wagtail-localize does, the aliases' own followers. Idempotent."""
    if page.alias_of_id:  # an alias follows its source; the source makes the others
        return []
    made = []
    existing = set(Page.objects.filter(translation_key=page.translation_key)
                   .values_list("locale_id", flat=True))
    for locale in synchronised_locales(page.locale_id):
        if locale.pk in existing:
            continue
        alias = page.copy_for_translation(locale, copy_parents=True, alias=True)
        made.append(alias)
        for follower_locale in synchronised_locales(locale):
            if follower_locale.pk not in existing:
                made.append(alias.copy_for_translation(follower_locale, copy_parents=True,
                                                       alias=True))
    return made


def _on_publish(sender, instance: Page, alias: bool = False, **kwargs) -> None:
    if not alias:
        create_missing_aliases(instance)


def _after_create_page(request: HttpRequest, page: Page) -> None:
    create_missing_aliases(page)


def connect() -> None:
    page_published.connect(_on_publish, dispatch_uid="create_missing_aliases")
    # The admin publishes a page created with "Publish" before its `after_create_page` hooks
    # run: wagtail-localize's hook would then copy the aliases made on publication a second
    # time (an IntegrityError). Ours does the same job without duplicating; Wagtail offers no
    # way to unregister a hook but its registry.
    registered = hooks._hooks.get("after_create_page", [])
    registered[:] = [(fn, order) for fn, order in registered
                     if fn is not synctree.after_create_page]
    if (_after_create_page, 0) not in registered:
        hooks.register("after_create_page", _after_create_page)

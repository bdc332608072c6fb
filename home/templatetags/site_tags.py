"""Template tags shared by every page: language switcher, hreflang alternates, main menu."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

from core.form_token import token_field
from core.memo import active_locale
from core.memo import localized as localized_object

register = template.Library()


@register.simple_tag
def form_token():
    """`{% form_token %}`: `{% csrf_token %}` for forms on pages the page cache may store
    (core/form_token.py)."""
    return token_field()


@register.filter
def localized(obj):
    """`{{ sector|localized }}`: Wagtail's `.localized`, once per request (core/memo.py)."""
    return localized_object(obj)


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    # False when the link leads to an untranslated alias (the same words in the source
    # language) or falls back to that language's home page: no hreflang alternate then.
    translated: bool


def _localized_home(request: HttpRequest, locale: Locale) -> str:
    site = Site.find_for_request(request)
    if site:
        home = site.root_page.get_translation_or_none(locale)
        if home and home.live:
            return home.get_url(request)
    return f"/{locale.language_code}/"


def is_untranslated_alias(page: Page) -> bool:
    """An alias made by the synchronised tree: it shows the source language's content."""
    return bool(page.alias_of_id) and page.alias_of.locale_id != page.locale_id


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    """One link per language to the same page in that language (its translation, or the alias
    the synchronised tree made of it), or to that language's home page if it has none."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    translations = {}
    if isinstance(page, Page):
        # Every language's version in one query (with what untranslated aliases point to).
        translations = {
            translation.locale_id: translation
            for translation in Page.objects.filter(translation_key=page.translation_key)
            .select_related("alias_of")
        }
    # An untranslated alias points search engines to its source (canonical): no alternates.
    on_alias = isinstance(page, Page) and is_untranslated_alias(page)
    links = []
    for code, name in settings.LANGUAGES:
        locale = locales.get(code)
        url, translated = None, True
        if isinstance(page, Page) and locale:
            translation = translations.get(locale.pk)
            url = translation.get_url(request) if translation and translation.live else None
            if url is None:
                url, translated = _home_url(request, locale), False
            elif on_alias or is_untranslated_alias(translation):
                translated = False
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, name, url, code == current, translated))
    return links


@register.filter
def untranslated_alias(page) -> bool:
    return isinstance(page, Page) and is_untranslated_alias(page)


@register.filter
def content_lang(page) -> str:
    """` lang="fr"` on the elements holding an untranslated alias's own words (title, text),
    so that only they, not the interface around them, are read as French:
    `<h1{{ page|content_lang }}>`. Cards of a list cost no query: an alias in the visitor's
    language is taken to show the site's source language (the synchronised trees follow
    LANGUAGE_CODE's)."""
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    if Page.alias_of.is_cached(page) or page.locale_id != active_locale().pk:
        source = page.alias_of.locale.language_code if is_untranslated_alias(page) else None
    else:
        source = settings.LANGUAGE_CODE if get_language() != settings.LANGUAGE_CODE else None
    return format_html(' lang="{}"', source) if source else ""


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The home page's children marked "show in menus", in the visitor's language, as
    {pk, path, title, url}. Kept in the page cache, which every publication empties."""
    request = context["request"]
    site = Site.find_for_request(request)
    if not site:
        return []

    def items() -> list[dict]:
        home = localized_object(site.root_page)
        return [
            {"pk": page.pk, "path": page.path, "title": page.title, "url": page.get_url(request)}
            for page in home.get_children().live().public().in_menu()
        ]

    return caches[settings.CACHE_MIDDLEWARE_ALIAS].get_or_set(
        f"main_menu:{site.pk}:{get_language()}", items
    )


def _home_url(request: HttpRequest, locale: Locale) -> str:
    """The home page's URL in `locale`, kept in the page cache (emptied on publication)."""
    site = Site.find_for_request(request)
    return caches[settings.CACHE_MIDDLEWARE_ALIAS].get_or_set(
        f"home_url:{site.pk if site else 0}:{locale.language_code}",
        lambda: _localized_home(request, locale),
    )


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    return _home_url(context["request"], active_locale())


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return context["request"].build_absolute_uri(url)

"""Template tags shared by every page: language switcher, hreflang alternates, main menu."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

from wagtail.models import Locale, Page, Site

register = template.Library()


@dataclass
class LanguageLink:
    code: str
    name: str
    url: str
    current: bool
    translated: bool  # False when the link falls back to the home page of that language


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
    """One link per language to the same page in that language, or to its home page if none."""
    request = context["request"]
    page = context.get("page")
    current = get_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    links = []
    for code, name in settings.LANGUAGES:
        locale = locales.get(code)
        url, translated = None, True
        if isinstance(page, Page) and locale:
            translation = page.get_translation_or_none(locale)
            if translation and translation.live and not is_untranslated_alias(translation):
                url = translation.get_url(request)
            else:
                url, translated = _localized_home(request, locale), False
        if url is None:
            url = translate_url(request.get_full_path(), code)
        links.append(LanguageLink(code, name, url, code == current, translated))
    return links


@register.filter
def untranslated_alias(page) -> bool:
    return isinstance(page, Page) and is_untranslated_alias(page)


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[Page]:
    """The home page's children marked "show in menus", in the visitor's language."""
    request = context["request"]
    site = Site.find_for_request(request)
    if not site:
        return []
    home = site.root_page.localized
    return list(home.get_children().live().public().in_menu().specific(defer=True))


@register.simple_tag(takes_context=True)
def localized_home_url(context) -> str:
    request = context["request"]
    return _localized_home(request, Locale.get_active())


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    return context["request"].build_absolute_uri(url)

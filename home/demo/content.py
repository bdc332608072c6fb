"""Builds the editorial page tree of the demo site (see texts.py for the words)."""

import datetime
import io
import json
from collections.abc import Callable

from PIL import Image as PILImage
from PIL import ImageDraw

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization

from home.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
)

from . import texts

# Development accounts, documented in README. Never used outside `make run` and tests.
DEMO_PASSWORD_HINT = "apess53-<username>"
DEMO_USERS = [
    # username, e-mail, first name, last name, group, superuser
    ("admin", "admin@apess53.example", "Admin", "APESS 53", None, True),
    ("redaction", "redaction@apess53.example", "Camille", "Rédaction", "Editors", False),
    ("moderation", "moderation@apess53.example", "Dominique", "Modération", "Moderators", False),
]

Log = Callable[[str], None]


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def child_page(parent: Page, model: type[Page], slug: str, log: Log, **fields) -> Page:
    """The child of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    log(f"  + {model.__name__} « {page.title} »")
    return publish(page)


def translate_page(page: Page, locale: Locale, log: Log, **fields) -> Page:
    """An English (etc.) translation of `page` with these fields, unless one exists already."""
    existing = page.get_translation_or_none(locale)
    if existing and not existing.alias_of_id:
        return existing.specific
    if existing:
        # The alias made when the French page was published becomes its translation, as
        # when an editor translates it with wagtail-localize.
        translation = existing.specific
        translation.alias_of = None
    else:
        translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    log(f"  + {locale.language_code}: « {translation.title} »")
    return publish(translation)


def _body(blocks: list[dict]) -> str:
    return json.dumps(blocks)


def illustration(title: str, colours: tuple[str, str], log: Log) -> Image:
    """A generated illustration (nothing downloaded), found again by its title."""
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    picture = PILImage.new("RGB", (1200, 800), colours[0])
    draw = ImageDraw.Draw(picture)
    for i, (x, y, r) in enumerate([(300, 380, 220), (620, 300, 180), (880, 520, 240)]):
        fill = colours[1] if i % 2 else "#ffffff"
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    slug = title.lower().replace(" ", "-").replace("'", "")
    image = Image(title=title)
    image.file = ImageFile(buffer, name=f"{slug}.png")
    image.save()
    log(f"  + image « {title} »")
    return image


def _home(site: Site, french: Locale, log: Log) -> HomePage:
    home = HomePage.objects.filter(locale=french, depth=2).first()
    if home is None:
        data = texts.HOME["fr"]
        home = HomePage(
            title=data["title"],
            slug="accueil",
            locale=french,
            hero_title=data["hero_title"],
            hero_text=data["hero_text"],
            hero_link_text=data["hero_link_text"],
            introduction=data["introduction"],
        )
        Page.get_first_root_node().add_child(instance=home)
        publish(home)
        log("  + HomePage « Accueil »")
    if site.root_page_id != home.pk:
        previous_root = site.root_page
        site.root_page = home
        site.site_name = "APESS 53"
        site.save()
        # Wagtail's own "Welcome" page is replaced, never anything an editor made.
        if previous_root.specific_class is Page:
            previous_root.delete()
    return home


def _settings(site: Site) -> None:
    settings = SiteSettings.for_site(site)
    if settings.phone:
        return
    settings.head_office_address = texts.HEAD_OFFICE
    settings.office_address = texts.OFFICE
    settings.phone = texts.PHONE
    settings.email = texts.EMAIL
    settings.footer_text = texts.FOOTER_FR
    settings.footer_text_en = texts.FOOTER_EN
    settings.save()


def _footer_pages(site: Site, home: HomePage) -> None:
    settings = SiteSettings.for_site(site)
    settings.legal_page = home.get_children().get(slug=texts.LEGAL["fr"]["slug"])
    settings.privacy_page = home.get_children().get(slug=texts.PRIVACY["fr"]["slug"])
    settings.save()


def _users(log: Log) -> None:
    User = get_user_model()
    for username, email, first, last, group, superuser in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username, email=email, first_name=first, last_name=last,
            is_staff=True, is_superuser=superuser,
        )
        user.set_password(DEMO_PASSWORD_HINT.replace("<username>", username))
        user.save()
        if group:
            user.groups.add(Group.objects.get(name=group))
        log(f"  + user {username}")


def _categories(french: Locale, english: Locale) -> dict[str, NewsCategory]:
    categories = {}
    for slug, name_fr, name_en in texts.CATEGORIES:
        category = NewsCategory.objects.filter(locale=french, slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(locale=french, slug=slug, name=name_fr)
        if not NewsCategory.objects.filter(
            locale=english, translation_key=category.translation_key
        ).exists():
            translated = category.copy_for_translation(english)
            translated.name = name_en
            translated.save()
        categories[slug] = category
    return categories


def _standard_pages(home: HomePage, english_home: HomePage, english: Locale, log: Log) -> None:
    image = illustration("Illustration réseau APESS 53", ("#0b6b57", "#ffbf47"), log)
    pages = (texts.ASSOCIATION, texts.JOIN, texts.CONTACT, texts.LEGAL, texts.PRIVACY)
    for order, data in enumerate(pages):
        fr, en = data["fr"], data["en"]
        page = child_page(
            home, StandardPage, fr["slug"], log,
            title=fr["title"], intro=fr["intro"], body=_body(fr["body"]),
            show_in_menus=data not in (texts.LEGAL, texts.PRIVACY),
            featured_image=image if order == 0 else None,
        )
        translate_page(page, english, log, title=en["title"], slug=en["slug"],
                   intro=en["intro"], body=_body(en["body"]))
    # Fresh copies: saving a stale instance would overwrite the tree's child counts.
    home.refresh_from_db()
    english_home.refresh_from_db()
    if not home.hero_link_id:
        home.hero_link = home.get_children().get(slug=texts.ASSOCIATION["fr"]["slug"])
        home.hero_image = image
        publish(home)
    if not english_home.hero_image_id:
        english_home.hero_image = image
        english_home.hero_link = home.hero_link
        publish(english_home)


def _news(home: HomePage, english: Locale, categories: dict, log: Log) -> None:
    fr, en = texts.NEWS_INDEX["fr"], texts.NEWS_INDEX["en"]
    index = child_page(home, NewsIndexPage, fr["slug"], log,
                   title=fr["title"], intro=fr["intro"], show_in_menus=True)
    translate_page(index, english, log, title=en["title"], slug=en["slug"], intro=en["intro"])
    image = illustration("Illustration actualités", ("#0a4a3c", "#a84300"), log)
    today = timezone.localdate()
    for slug, title, days_ago, category, tags, intro, paragraphs in texts.NEWS:
        if index.get_children().filter(slug=slug).exists():
            continue
        page = NewsPage(
            title=title, slug=slug, locale=index.locale, intro=intro,
            date=today - datetime.timedelta(days=days_ago),
            category=categories[category], featured_image=image,
            body=_body([texts.p(f"<p>{text}</p>") for text in paragraphs]),
        )
        page.tags.add(*tags)
        index.add_child(instance=page)
        publish(page)
        log(f"  + NewsPage « {title} »")


def _events(home: HomePage, english: Locale, log: Log) -> None:
    fr, en = texts.EVENT_INDEX["fr"], texts.EVENT_INDEX["en"]
    index = child_page(home, EventIndexPage, fr["slug"], log,
                   title=fr["title"], intro=fr["intro"], show_in_menus=True)
    translate_page(index, english, log, title=en["title"], slug=en["slug"], intro=en["intro"])
    today = timezone.localdate()
    for slug, title, days, hour, hours, place, street, postcode, city, intro in texts.EVENTS:
        if index.get_children().filter(slug=slug).exists():
            continue
        start = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        )
        page = EventPage(
            title=title, slug=slug, locale=index.locale, intro=intro,
            start=start, end=start + datetime.timedelta(hours=hours),
            place_name=place, street_address=street, postcode=postcode, city=city,
        )
        index.add_child(instance=page)
        publish(page)
        log(f"  + EventPage « {title} »")


def load(log: Log = lambda message: None) -> HomePage:
    """Create whatever of the editorial demo content is missing; return the French home page."""
    french = Locale.objects.get(language_code="fr")
    english = Locale.objects.get(language_code="en")
    site = Site.objects.get(is_default_site=True)

    home = _home(site, french, log)
    data = texts.HOME["en"]
    english_home = translate_page(
        home, english, log, title=data["title"], slug="home",
        hero_title=data["hero_title"], hero_text=data["hero_text"],
        hero_link_text=data["hero_link_text"], introduction=data["introduction"],
    )
    _settings(site)
    _users(log)
    categories = _categories(french, english)
    _standard_pages(home, english_home, english, log)
    _footer_pages(site, home)
    _news(home, english, categories, log)
    _events(home, english, log)
    return home


def synchronise_translations() -> None:
    """What has no translation yet gets an alias in each synchronised locale."""
    for sync in LocaleSynchronization.objects.select_related("locale", "sync_from"):
        sync.sync_trees()

"""What every app's factories share: a page built as the site builds it (tests only:
factory_boy is a development dependency, so no runtime module imports a factories.py)."""

import factory
import wagtail_factories

from django.utils.text import slugify

from wagtail.models import Locale, Page


def french_page_of(model: type[Page]) -> Page:
    """The demo's French page of this type (an index: one per language), found by type."""
    return model.objects.get(locale__language_code="fr")


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page added under its parent, then published through a revision as an editor does:
    publication sends `page_published`, which gives the page its aliases in the other
    languages (home/translation_sync.py), and the search index sees the page as the site does.

    `publish=False` leaves a draft (saved, with a revision, not live). `tags=[...]` are added
    before the first save, so that the published revision holds them."""

    title = factory.Sequence(lambda number: f"Page {number}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    publish = True

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("publish")
        kwargs.pop("tags", None)
        return super()._build(model_class, *args, **kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        publish = kwargs.pop("publish")
        tags = kwargs.pop("tags", None) or []
        kwargs.setdefault("locale", parent.locale if parent else Locale.get_default())
        page = model_class(live=False, **kwargs)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

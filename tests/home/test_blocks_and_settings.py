"""Shared StreamField blocks and the site-wide settings as visitors see them."""

import pytest
from bs4 import BeautifulSoup

from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Site

from home.blocks import BaseStreamBlock, CallToActionBlock
from home.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


def test_standard_page_body_offers_the_shared_blocks():
    assert set(BaseStreamBlock.base_blocks) == {
        "heading", "paragraph", "image", "quote", "embed", "document", "call_to_action",
    }
    assert StandardPage._meta.get_field("body").stream_block.__class__ is BaseStreamBlock


@pytest.mark.parametrize(
    ("page", "url", "valid"),
    [(True, "", True), (False, "https://www.ess-france.org/", True),
     (False, "", False), (True, "https://www.ess-france.org/", False)],
)
def test_call_to_action_needs_exactly_one_target(demo, page, url, valid):
    block = CallToActionBlock()
    value = block.to_python({"title": "Adhérer", "text": "", "button_text": "J'adhère",
                             "page": demo.pk if page else None, "url": url})
    if valid:
        block.clean(value)
    else:
        with pytest.raises(StructBlockValidationError):
            block.clean(value)


def test_blocks_render_through_their_templates(client, demo):
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    page.body = [
        ("heading", {"text": "Nos valeurs", "level": "h3"}),
        ("quote", {"text": "La solidarité d'abord.", "attribution": "Un adhérent"}),
        ("call_to_action", {"title": "Rejoignez-nous", "text": "", "button_text": "Adhérer",
                            "page": demo, "url": ""}),
    ]
    page.save_revision().publish()
    html = BeautifulSoup(client.get("/fr/association/").content, "html.parser")
    assert html.find("h3", string="Nos valeurs")
    assert html.select_one(".block-quote figcaption").get_text(strip=True) == "— Un adhérent"
    assert html.select_one(".block-cta a.button")["href"] == "/fr/"


def test_footer_shows_the_contact_details_from_the_settings(client, demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.mastodon_url = "https://mastodon.example/@apess53"
    settings.save()
    footer = BeautifulSoup(client.get("/fr/").content, "html.parser").find("footer")
    text = footer.get_text(" ")
    assert "06 95 67 54 63" in text
    assert "Rue Louis de Broglie" in text and "8 bis rue de Paradis" in text
    assert footer.find("a", href="mailto:apess53.mayenne@gmail.com")
    assert footer.find("a", href="https://mastodon.example/@apess53").get_text() == "Mastodon"
    assert "depuis 2000" in text
    english = BeautifulSoup(client.get("/en/").content, "html.parser").find("footer")
    assert "since 2000" in english.get_text(" ")


def test_embedded_video_is_not_loaded_until_asked(client, demo):
    """The provider's player waits in a <template>: the page itself requests nothing from it."""
    url = "https://www.youtube.com/watch?v=apess53"
    # A cached embed, as Wagtail stores it after the first lookup: no network in tests.
    Embed.objects.create(url=url, hash=get_embed_hash(url), type="video", title="Vidéo",
                         html='<iframe src="https://www.youtube.com/embed/apess53"></iframe>')
    page = StandardPage.objects.get(slug="association", locale__language_code="fr")
    page.body = [("embed", {"embed": url, "title": "Le mois de l'ESS en vidéo"})]
    page.save_revision().publish()
    html = BeautifulSoup(client.get("/fr/association/").content, "html.parser")
    figure = html.select_one("[data-embed]")
    assert figure.find("a", href=url)
    assert not [tag for tag in html.find_all("iframe") if not tag.find_parent("template")]
    assert "youtube.com/embed" in str(figure.find("template"))

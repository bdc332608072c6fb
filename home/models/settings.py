"""Site-wide settings editable in the admin: contact details, social links, footer."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        default=(
            "APESS 53 – Association pour la promotion de l'économie sociale et solidaire "
            "en Mayenne"
        ),
    )
    head_office_address = models.TextField(_("head office address"), blank=True, max_length=500)
    office_address = models.TextField(_("office address"), blank=True, max_length=500)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)

    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    footer_text = models.TextField(_("footer text (French)"), blank=True, max_length=600)
    footer_text_en = models.TextField(_("footer text (English)"), blank=True, max_length=600)
    legal_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("legal notice page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("personal data page"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Linked from every page's footer and from the forms that collect data."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("head_office_address"),
                FieldPanel("office_address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social networks"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_text_en"),
             FieldPanel("legal_page"), FieldPanel("privacy_page")],
            heading=_("Footer"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Facebook", self.facebook_url),
            ("LinkedIn", self.linkedin_url),
            ("Instagram", self.instagram_url),
            ("Mastodon", self.mastodon_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]

    @property
    def localized_footer_text(self) -> str:
        """The footer in the visitor's language, falling back to French."""
        if get_language() == "en" and self.footer_text_en:
            return self.footer_text_en
        return self.footer_text

"""Rich text that comes from a member: plain text ↔ HTML, and sanitising whatever is stored.

Members type plain text (the member space has no rich text editor); it is stored as Wagtail
rich text so that editors can format it in the admin. Whatever path stores such a field (the
member's form, a revision, publishing, a script), the model's clean() and save() pass it
through nh3, as defence in depth beside the escaping of the form.
"""

import re
from html.parser import HTMLParser

import nh3

from django.utils.html import linebreaks

from wagtail.fields import RichTextField

# What Wagtail's rich text editor produces for the fields members fill in: paragraphs, line
# breaks, links (external, or Wagtail's page/document links by id), bold, italic, lists and
# headings. Anything else is dropped; scripts and styles with their content.
ALLOWED_TAGS = {"p", "br", "a", "b", "strong", "i", "em", "ul", "ol", "li", "h2", "h3", "h4"}
BLOCK_KEY = {"data-block-key"}  # Wagtail's editor marks each block with one
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    **{tag: BLOCK_KEY for tag in ("p", "li", "h2", "h3", "h4")},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,  # Wagtail's converter would drop it from the stored text anyway
    strip_comments=True,
)


def sanitise_rich_text(html: str) -> str:
    """`html` with only the tags, attributes and URL schemes of member rich text."""
    return _cleaner.clean(html) if html else html


def text_to_html(text: str) -> str:
    """Plain text → rich text, as Django's `linebreaks` filter: a blank line between
    paragraphs, a single line break kept as <br>, every character escaped."""
    return linebreaks(text.strip(), autoescape=True) if text.strip() else ""


BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote",
          "pre", "table", "tr"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # "&#x27;" and "&amp;" come back as ' and &
        self.paragraphs: list[str] = []
        self.current: list[str] = []

    def flush(self) -> None:
        paragraph = "".join(self.current)
        if paragraph.strip():
            self.paragraphs.append(paragraph)
        self.current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.current.append("\n")
        elif tag in BLOCKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        # A line break in HTML source is only a space (those between blocks vanish).
        self.current.append(data.replace("\r\n", " ").replace("\r", " ").replace("\n", " "))


def html_to_text(html: str) -> str:
    """Rich text → the plain text `text_to_html` makes it from again (the inverse, so that
    editing a text any number of times leaves it as typed).

    Home-made over html.parser because Django's strip_tags drops the paragraphs and line
    breaks that `linebreaks` makes, so it cannot be the inverse; Django has no such filter.
    """
    extractor = _TextExtractor()
    extractor.feed(html or "")
    extractor.close()
    extractor.flush()
    return "\n\n".join(extractor.paragraphs).strip()


class MemberRichTextMixin:
    """On a page model: every RichTextField is sanitised when the page is validated (as
    revisions are) and when it is saved (as publishing does)."""

    def sanitise_rich_text_fields(self) -> None:
        for field in self._meta.get_fields():
            if isinstance(field, RichTextField):
                value = getattr(self, field.attname)
                if value:
                    setattr(self, field.attname, sanitise_rich_text(value))

    def clean(self) -> None:
        self.sanitise_rich_text_fields()
        super().clean()

    def save(self, *args, **kwargs):
        self.sanitise_rich_text_fields()
        return super().save(*args, **kwargs)


_DOUBLE_ESCAPED = re.compile(r"&amp;(#x27|#39|amp|lt|gt|quot);")


def repair_double_escaping(html: str) -> str:
    """Undo what the old member form did on every edit: it showed "&#x27;" and "&amp;" as
    typed text and escaped them again on save ("&amp;#x27;", then "&amp;amp;#x27;"…)."""
    previous = None
    while html and previous != html:
        previous, html = html, _DOUBLE_ESCAPED.sub(r"&\1;", html)
    return html

"""Rich text stored in Wagtail's database format, cleaned whatever wrote it.

Why: the Draftail editor only produces a handful of tags, but rich text written outside it (the ORM, an import, the
API of a future tool) was stored and rendered as it came: `<script>`, `onerror=` and `javascript:` links reached
public pages, and an `<img>` made the page's edit view answer 500 ("Unmatched tags"). Every page cleans its rich
text fields in `full_clean()` (which Wagtail runs on save and on save_revision), keeping exactly the elements and
attributes of Wagtail's database format: internal links (`<a linktype="page" id="…">`) and embeds survive.
"""

import nh3
from wagtail.fields import RichTextField

TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "embed", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p",
    "s", "strong", "sub", "sup", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitise_rich_text(html: str) -> str:
    if not html:
        return html
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None)


def sanitise_rich_text_fields(instance) -> None:
    for field in instance._meta.concrete_fields:
        if isinstance(field, RichTextField):
            value = getattr(instance, field.attname)
            if value:
                setattr(instance, field.attname, sanitise_rich_text(value))

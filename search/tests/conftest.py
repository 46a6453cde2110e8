import pytest
from wagtail.models import Page

from search import indexing
from search.tests.factories import make_visible


@pytest.fixture
def publish(sections):
    """Create and publish a plain page under a section (Wagtail's publish fires the indexing signal); with
    `document`, index it with that explicit search document, as a content type's search_document() would."""

    def make(title, text="", section="curricula", slug=None, document=None, parent=None):
        page = Page(title=title, slug=slug or f"p{Page.objects.count()}", search_description=text)
        (parent or sections[section]).add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        if document is not None:
            indexing.index_page(page, {"title": title, "text": text, **document})
        make_visible()  # the tests search right after publishing
        return page

    return make

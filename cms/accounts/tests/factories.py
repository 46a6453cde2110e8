"""Test helpers of the role tests (fixtures live in conftest.py)."""

from wagtail.models import Page


def add_section_child(section, title, slug, owner=None):
    """A published child page under a section root, created the way the tree API does (the section's own page
    types are added by the content apps; a plain page stands for them here)."""
    page = Page(title=title, slug=slug, owner=owner)
    section.add_child(instance=page)
    page.save_revision(user=owner).publish()
    page.refresh_from_db()
    return page

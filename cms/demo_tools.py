"""Helpers for idempotent demo content: look a page up by slug, create and publish it only if missing."""

from wagtail.models import Page


def child_by_slug(parent: Page, slug: str):
    return parent.get_children().filter(slug=slug).specific().first()


def ensure_child(parent: Page, model, slug: str, **fields):
    """Return (page, created). An existing page is left exactly as it is, so a second run changes nothing."""
    existing = child_by_slug(parent, slug)
    if existing is not None:
        return existing, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page, True

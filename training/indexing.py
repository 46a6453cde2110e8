"""Keep the search documents of providers and classes current: rows change without a page publish, so the
section page is indexed again (once per transaction) after admin edits and imports."""

from django.db import transaction

from search.indexing import index_page

from .models import TrainingIndexPage


def reindex_on_commit(**kwargs) -> None:
    """Refresh the section page's documents once the transaction commits, however many rows changed.
    Also a post_save/post_delete receiver."""
    if kwargs.get("raw"):
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is reindex for entry in connection.run_on_commit):
        return
    transaction.on_commit(reindex)


def reindex() -> list:
    """Index the section page with its provider and class documents; returns the page's search documents."""
    page = TrainingIndexPage.objects.live().first()
    return index_page(page) if page is not None else []

"""Keep the search index current: publish, unpublish, move, delete and privacy changes."""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import indexing
from .documents import SearchDocument
from .service import PROMOTED_CACHE_KEY

logger = logging.getLogger(__name__)


def _safely(action, *args):
    """A page that breaks the search contract must not stop an editor from publishing: log it instead."""
    try:
        return action(*args)
    except indexing.DocumentError:
        logger.exception("Search: could not index %s", args[0])
        return None


def on_page_published(sender, instance, **kwargs):
    _safely(indexing.index_page, instance)


def on_page_unpublished(sender, instance, **kwargs):
    indexing.remove_page(instance.pk)


def on_page_moved(sender, instance, **kwargs):
    _safely(indexing.reindex_subtree, instance)


def on_view_restriction_changed(sender, instance, **kwargs):
    # When a page is deleted its restrictions go too: then there is no subtree left to index again.
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        _safely(indexing.reindex_subtree, page)


def on_document_deleted(sender, instance, **kwargs):
    """Also reached when a page is deleted: its rows go with it (on_delete=CASCADE)."""
    for engine in indexing._engines():
        engine.delete([instance.pk])


def on_promotions_changed(sender, **kwargs):
    from django.core.cache import cache

    cache.delete(PROMOTED_CACHE_KEY)


def connect():
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    for model in (SearchPromotion, Query):
        for signal in (post_save, post_delete):
            signal.connect(on_promotions_changed, sender=model, dispatch_uid=f"search.promotions.{model.__name__}")
    page_published.connect(on_page_published, dispatch_uid="search.page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search.page_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search.post_page_move")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_saved")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search.restriction_deleted"
    )
    post_delete.connect(on_document_deleted, sender=SearchDocument, dispatch_uid="search.document_deleted")

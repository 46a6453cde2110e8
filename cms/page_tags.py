"""A page's tags from one prepared query per tag model (cms.prepared).

Why: `page.tags.all()` builds and compiles its join per request; a campaign, explainer or module page shows its
tags on every view. Previews show the revision's own (unsaved) tags, so they keep the manager.
"""

from __future__ import annotations

from .prepared import PreparedQuery

_queries: dict = {}


def _tags_query(through) -> PreparedQuery:
    query = _queries.get(through)
    if query is None:
        field = through._meta.get_field("tag")
        related = field.related_query_name()

        def build(page_id: int):
            tags = field.related_model.objects.filter(**{f"{related}__content_object_id": page_id})
            return tags.order_by(f"{related}__id")  # the order the manager gives: as the editor added them

        query = _queries[through] = PreparedQuery(build, int)
    return query


def page_tags(page, request=None) -> list:
    """The tags of `page` (a model with a `tags` ClusterTaggableManager), in the editor's order."""
    if getattr(request, "is_preview", False) or page.pk is None:
        return list(page.tags.all())
    return _tags_query(type(page)._meta.get_field("tags").through)(page.pk)

"""The tag page (/tags/<slug>/): every live public page of any page type that has `tags`, one shared vocabulary.

Page types are discovered at run time, so course modules, explainers and campaigns all appear without this
view knowing about them. The query count does not grow with the number of pages: one query for the pages, with
the UNION of the ids of every tagged page type as its subquery.
"""

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager
from taggit.models import Tag
from wagtail.models import Page, get_page_models

MAX_RESULTS = 200


def tagged_page_models() -> list:
    """Concrete page models whose `tags` attribute is a taggit manager (ClusterTaggableManager included)."""
    found = []
    for model in get_page_models():
        if model._meta.abstract:
            continue
        try:
            field = model._meta.get_field("tags")
        except FieldDoesNotExist:
            continue
        if isinstance(field, TaggableManager):
            found.append(model)
    return found


def pages_tagged(tag: Tag) -> list[Page]:
    models = tagged_page_models()
    if not models:
        return []
    id_queries = [model.objects.filter(tags=tag).order_by().values_list("pk", flat=True) for model in models]
    ids_query = id_queries[0].union(*id_queries[1:]) if len(id_queries) > 1 else id_queries[0]
    # Filter live and public first and cap last: capping the unordered ids first could keep drafts and private
    # pages and drop the live ones (issue 15).
    pages = Page.objects.live().public().filter(pk__in=ids_query).select_related("content_type")
    return list(pages.order_by("-first_published_at", "pk")[:MAX_RESULTS])


def tag_page(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404(_("没有这个标签。"))
    pages = pages_tagged(tag)
    groups: dict[str, list[Page]] = {}
    for page in pages:
        label = str(page.specific_class._meta.verbose_name) if page.specific_class else _("页面")
        groups.setdefault(label, []).append(page)
    return render(request, "cms/tag_page.html", {"tag": tag, "pages": pages, "groups": sorted(groups.items())})

"""The catalogue (课程中心): the section root, its filters and the counts its cards show."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.models import Page

from cms.models import BasePage

from ..forms import CatalogueFilter
from ..rules import PER_PAGE
from .occupations import Occupation
from .routing import LeanPageMixin, route_below


class CurriculaIndexPage(LeanPageMixin, BasePage):
    """课程中心: the occupation catalogue, filtered by kind, level and shortage."""

    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["curricula.Occupation", "curricula.ModuleLibrary"]
    max_count = 1

    class Meta:
        verbose_name = _("课程中心")

    def route(self, request, path_components):
        if path_components:
            return route_below(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        offered = offered_levels(self)
        levels = sorted(
            {level for occupation_levels in offered.values() for level in occupation_levels},
            key=lambda level: -level.number,
        )
        filters = CatalogueFilter(request.GET, levels=levels)
        occupations = Occupation.objects.child_of(self).live().order_by("path")
        if filters.is_valid():
            data = filters.cleaned_data
            if data.get("kind"):
                occupations = occupations.filter(kind=data["kind"])
            if data.get("level") is not None:
                occupations = occupations.filter(levels__number=data["level"]).distinct()
            if data.get("shortage"):
                occupations = occupations.filter(shortage=True)
        # A catalogue holds tens of occupations: one query, paginated in memory.
        page_obj = Paginator(list(occupations), PER_PAGE).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        for occupation in items:
            occupation.offered_levels = offered.get(occupation.pk, [])
        library = attach_package_counts(self, items)
        context.update(
            filters=filters,
            page_obj=page_obj,
            occupations=items,
            module_library=library,
            is_filtered=any(request.GET.get(name) for name in ("kind", "level", "shortage")),
        )
        return context


def offered_levels(section):
    """{occupation id: [levels, entry level first]} for every live occupation of the catalogue, in one query."""
    through = Occupation.levels.through
    pairs = through.objects.filter(occupation__path__startswith=section.path, occupation__live=True).select_related(
        "skilllevel"
    )
    offered = {}
    for pair in pairs:
        offered.setdefault(pair.occupation_id, []).append(pair.skilllevel)
    for levels in offered.values():
        levels.sort(key=lambda level: -level.number)
    return offered


def attach_package_counts(section, occupations):
    """Count each occupation's live packages and find the module library, in one query by tree path."""
    for occupation in occupations:
        occupation.package_count = 0
    by_path = {o.path: o for o in occupations}
    library = None
    rows = Page.objects.live().filter(
        Q(depth=section.depth + 2, trainingpackage__isnull=False, path__startswith=section.path)
        | Q(depth=section.depth + 1, modulelibrary__isnull=False, path__startswith=section.path)
    )
    for row in rows:
        if row.depth == section.depth + 1:
            library = row
            continue
        owner = by_path.get(row.path[: -Page.steplen])
        if owner is not None:
            owner.package_count += 1
    return library

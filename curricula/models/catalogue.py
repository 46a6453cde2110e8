"""The catalogue (课程中心): the section root, its filters and the counts its cards show."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from cms.models import BasePage
from cms.prepared import PreparedQuery

from ..forms import CatalogueFilter
from ..rules import PER_PAGE
from .levels import SkillLevel
from .occupations import Occupation, attach_package_counts
from .routing import PAGE_ROW_FIELDS, LeanPageMixin, route_below


class CurriculaIndexPage(LeanPageMixin, BasePage):
    """课程中心: the occupation catalogue, filtered by kind, level and shortage."""

    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["curricula.Occupation", "curricula.ModuleLibrary"]
    max_count = 1

    class Meta:
        verbose_name = _("课程中心")

    # The catalogue's filters select their own cached entry (cms.cache).
    cache_query_params = tuple(CatalogueFilter.base_fields)

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
        kind, level, shortage = "", None, False
        if filters.is_valid():
            data = filters.cleaned_data
            kind, level, shortage = data.get("kind") or "", data.get("level"), bool(data.get("shortage"))
        shape = (bool(kind), level is not None, shortage)
        occupations = CATALOGUE_OCCUPATIONS(self.path, self.depth + 1, kind, level or 0, shape=shape)
        # A catalogue holds tens of occupations: one query, counted and paginated in memory; occupations a trainee
        # can start (with packages) come first.
        everything = occupations
        library = attach_package_counts(self, everything)
        everything.sort(key=lambda occupation: occupation.package_count == 0)
        page_obj = Paginator(everything, PER_PAGE).get_page(request.GET.get("page"))
        items = list(page_obj.object_list)
        for occupation in items:
            occupation.offered_levels = offered.get(occupation.pk, [])
        context.update(
            filters=filters,
            page_obj=page_obj,
            occupations=items,
            module_library=library,
            is_filtered=any(request.GET.get(name) for name in ("kind", "level", "shortage")),
        )
        return context


# What an occupation's card shows (full page objects cost more to build than the query costs to run).
OCCUPATION_CARD_FIELDS = (*PAGE_ROW_FIELDS, "code", "kind", "shortage", "subsidy", "intro", "summary")


def offered_levels(section):
    """{occupation id: [levels, entry level first]} for every live occupation of the catalogue, in one query."""
    offered, levels = {}, {}
    for occupation_id, level_id, number, name, description in OFFERED_LEVELS(section.path):
        if level_id not in levels:  # a handful of levels shared by every occupation: one instance each
            levels[level_id] = SkillLevel(id=level_id, number=number, name=name, description=description)
        offered.setdefault(occupation_id, []).append(levels[level_id])
    for levels in offered.values():
        levels.sort(key=lambda level: -level.number)
    return offered


# The catalogue's queries, compiled once per process and shape (cms.prepared).


def catalogue_occupations_query(path: str, depth: int, kind: str, level: int, by_kind, by_level, shortage_only):
    """The live occupations of a catalogue (its children at `depth`), filtered as the visitor chose."""
    occupations = Occupation.objects.filter(path__startswith=path, depth=depth).live()
    occupations = occupations.order_by("path").only(*OCCUPATION_CARD_FIELDS)
    if by_kind:
        occupations = occupations.filter(kind=kind)
    if by_level:
        occupations = occupations.filter(levels__number=level).distinct()
    if shortage_only:
        occupations = occupations.filter(shortage=True)
    return occupations


def offered_levels_query(path: str):
    through = Occupation.levels.through
    pairs = through.objects.filter(occupation__path__startswith=path, occupation__live=True)
    fields = ("skilllevel__number", "skilllevel__name", "skilllevel__description")
    return pairs.values_list("occupation_id", "skilllevel_id", *fields)


CATALOGUE_OCCUPATIONS = PreparedQuery(catalogue_occupations_query, str, int, str, int)
OFFERED_LEVELS = PreparedQuery(offered_levels_query, str)

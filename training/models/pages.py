"""培训机构与开班: the section page. Its own URL is the directory; providers and classes are served below it.

Providers and classes are rows (imported by the thousand, edited as snippets), not pages: the section page
routes `providers/<信用代码>/`, `classes/<编号>/` and `classes/<编号>/ics/` to them.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from cms.models import BasePage
from cms.prepared import PreparedQuery
from cms.routing import ViewRestrictionsMixin

from ..choices import ClassStatus
from ..ics import class_ics
from .cards import (
    CLASS_CARD_FIELDS,
    CLASS_FIELDS,
    PROVIDER_CARD_FIELDS,
    approved_occupations,
    card_text,
    class_cards,
    provider_cards,
)
from .classes import TrainingClass
from .directory import (
    DirectoryFilter,
    chosen,
    classes_matching,
    first_page,
    first_page_rows,
    is_first_page,
    occupations_for_filter,
    page_and_counts,
    providers_matching,
)
from .documents import training_documents
from .providers import Provider

PER_PAGE = 20
VIEWS = ("classes", "providers")


class TrainingIndexPage(ViewRestrictionsMixin, RoutablePageMixin, BasePage):
    """The directory of listed training providers and their classes, filtered by 市州, occupation, level …"""

    api_fields = [APIField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("培训机构与开班")

    # The directory's filters and its classes/providers switch select their own cached entry (cms.cache).
    cache_query_params = (*DirectoryFilter.base_fields, "show")

    @path("")
    def directory(self, request):
        today = timezone.localdate()
        occupations = occupations_for_filter()
        filters = DirectoryFilter(request.GET, occupations)
        values = filters.values
        view = request.GET.get("show") if request.GET.get("show") in VIEWS else "classes"
        choice = chosen(values, filters.occupations, today)
        number = request.GET.get("page")
        first_rows = first_page_rows(choice, today, view, PER_PAGE) if is_first_page(number) else None
        if first_rows:  # the usual visit: one prepared query (cms.prepared)
            page_obj, counts = first_page(first_rows, view, Paginator(first_rows, PER_PAGE))
        else:
            classes, providers = classes_matching(choice, today), providers_matching(choice, today)
            # Rows, not model instances: a card needs a few columns of a class, its provider and its occupation.
            listing = (
                classes.values(*CLASS_CARD_FIELDS) if view == "classes" else providers.values(*PROVIDER_CARD_FIELDS)
            )
            page_obj, counts = page_and_counts(
                listing,
                {"classes": classes, "providers": providers},
                view,
                number,
                Paginator(listing, PER_PAGE),
                anchor=TrainingIndexPage.objects.filter(pk=self.pk),
            )
        text = card_text(request)
        if view == "classes":
            items = class_cards(page_obj.object_list, today, text)
        else:
            items = provider_cards(page_obj.object_list, today, text)
        query = request.GET.copy()
        query.pop("page", None)
        switch = query.copy()
        switch.pop("show", None)
        context = self.get_context(request)
        context.update(
            filters=filters,
            view=view,
            page_obj=page_obj,
            items=items,
            class_count=counts["classes"],
            provider_count=counts["providers"],
            filter_query=query.urlencode(),
            switch_query=switch.urlencode(),
            is_filtered=bool(values),
            today=today,
        )
        return TemplateResponse(request, "training/training_index_page.html", context)

    @path("providers/<str:credit_code>/", name="provider")
    def provider_view(self, request, credit_code):
        today = timezone.localdate()
        provider = get_object_or_404(Provider, credit_code=credit_code.upper())
        rows = provider.classes.filter(end_date__gte=today).order_by("start_date").values(*CLASS_FIELDS)[:50]
        classes = class_cards(rows, today, card_text(request), provider=provider)
        approvals = approved_occupations(provider)
        context = self.get_context(request)
        context.update(
            provider=provider, classes=classes, approvals=approvals, today=today, extra_title=provider.name,
        )  # fmt: skip
        return TemplateResponse(request, "training/provider.html", context)

    def _class(self, code) -> TrainingClass:
        found = CLASS_BY_CODE(code)
        if not found:
            raise Http404("no such class")
        return found[0]

    @path("classes/<str:code>/", name="class")
    def class_view(self, request, code):
        item = self._class(code)
        context = self.get_context(request)
        context.update(item=item, status=item.status, statuses=ClassStatus, extra_title=item.display_title)
        return TemplateResponse(request, "training/training_class.html", context)

    @re_path(r"^classes/(?P<code>[^/]+)/ics/$", name="class_ics")
    def class_ics(self, request, code):
        item = self._class(code)
        response = HttpResponse(class_ics(item, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{item.code}.ics"'
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Breadcrumbs: the site root is already known from routing (no ancestors query).
        site = getattr(request, "_wagtail_site", None)
        context["breadcrumb_pages"] = [site.root_page] if site is not None and self.depth == 3 else None
        # The section's URL, worked out once: the templates link every card and filter to it.
        context["page_url"] = self.url
        return context

    def serve_preview(self, request, mode_name):
        return self.directory(request)

    # Search: providers and classes are documents of the section page (the search app's extra documents).
    def extra_search_documents(self):
        return training_documents(self)

    def provider_url(self, provider) -> str:
        return self.url + self.reverse_subpage("provider", args=[provider.credit_code])

    def class_url(self, item) -> str:
        return self.url + self.reverse_subpage("class", args=[item.code])


def class_by_code_query(code: str):
    return TrainingClass.objects.select_related("provider", "occupation", "package").filter(code=code)


CLASS_BY_CODE = PreparedQuery(class_by_code_query, str)  # the class page, compiled once per process (cms.prepared)

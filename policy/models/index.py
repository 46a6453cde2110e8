"""The root of the policy section: latest explainers, campaigns and documents, and the Atom feed."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.models import BasePage
from cms.prepared import PreparedQuery

from ..calendar import CARD_FIELDS
from ..feeds import build_atom
from .base import PolicyPageMixin, PolicyRoutingMixin, as_specific, live_public, visible
from .campaigns import Campaign, CampaignCalendar
from .documents import PolicyDocument
from .explainers import PolicyExplainer

FEED_LIMIT = 30
LISTING_LIMIT = 6
# An explainer's card (policy.cards.page_card) and the calendar's link: their StreamFields stay in the database
# (parsing six explainers' key points and Q&A cost more than the rest of the page's growth, issue 19).
PAGE_CARD_FIELDS = (
    "title",
    "url_path",
    "first_published_at",
    "search_description",
    "policyexplainer__intro",
    "policyexplainer__summary",  # get_share_description falls back to it
)
CALENDAR_LINK_FIELDS = ("campaigncalendar__intro",)  # select_related needs one field of it
# A row of the documents table: number, title, date and status, not the full text.
DOCUMENT_ROW_FIELDS = (
    "title",
    "url_path",
    "document_number",
    "issue_date",
    "effective_date",
    "expiry_date",
    "superseded_by_id",
)


class PolicyIndexPage(PolicyRoutingMixin, PolicyPageMixin, RoutablePageMixin, BasePage):
    """政策解读与宣传: the root of the policy and publicity section."""

    api_fields = [APIField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["policy.PolicyDocument", "policy.PolicyExplainer", "policy.Campaign", "policy.CampaignCalendar"]
    max_count = 1

    class Meta:
        verbose_name = _("政策解读与宣传")

    def route(self, request, path_components):
        """Our own routes (feed/) first, then a child page fetched specific in one query."""
        if path_components and self.live:
            try:
                self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                child = self.find_child(path_components[0], request)
                if child is None:
                    raise
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        types = (
            ContentType.objects.get_for_model(PolicyExplainer).pk,
            ContentType.objects.get_for_model(CampaignCalendar).pk,
        )
        explainers_and_calendar = as_specific(EXPLAINERS_AND_CALENDAR(self.path, self.depth + 1, *types))
        context["calendar"] = next((p for p in explainers_and_calendar if isinstance(p, CampaignCalendar)), None)
        context["explainers"] = [p for p in explainers_and_calendar if isinstance(p, PolicyExplainer)][:LISTING_LIMIT]
        context["campaigns"] = CAMPAIGNS(self.path, self.depth + 1)
        context["documents"] = DOCUMENTS(self.path, self.depth + 1)
        context["feed_url"] = self.feed_url(request)
        return context

    def feed_url(self, request=None) -> str:
        return (self.get_url(request) or "") + self.reverse_subpage("atom_feed")

    def feed_items(self) -> list:
        """Explainers and campaign announcements, the most recently published first."""
        explainers = live_public(PolicyExplainer.objects.descendant_of(self))
        campaigns = live_public(Campaign.objects.descendant_of(self))
        items = [
            *explainers.order_by("-first_published_at")[:FEED_LIMIT],
            *campaigns.order_by("-first_published_at")[:FEED_LIMIT],
        ]
        items.sort(key=lambda page: (page.first_published_at, page.pk), reverse=True)
        return items[:FEED_LIMIT]

    @path("feed/", name="atom_feed")
    def atom_feed(self, request):
        body = build_atom(self, self.feed_items(), request)
        return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


# The index's listings, compiled once per process (cms.prepared): its children below `path` at `depth`.


def explainers_and_calendar_query(path: str, depth: int, explainer_type_id: int, calendar_type_id: int):
    """The calendar first, then the newest explainers."""
    return (
        visible(Page.objects.filter(path__startswith=path, depth=depth))
        .filter(content_type_id__in=[explainer_type_id, calendar_type_id])
        .select_related("policyexplainer", "campaigncalendar")
        .only(*PAGE_CARD_FIELDS, *CALENDAR_LINK_FIELDS)
        .order_by(
            Case(When(content_type_id=calendar_type_id, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-first_published_at",
        )[: LISTING_LIMIT + 1]
    )


def campaigns_query(path: str, depth: int):
    campaigns = visible(Campaign.objects.filter(path__startswith=path, depth=depth)).only(*CARD_FIELDS)
    return campaigns.order_by("-start_date")[:LISTING_LIMIT]


def documents_query(path: str, depth: int):
    documents = visible(PolicyDocument.objects.filter(path__startswith=path, depth=depth))
    return documents.only(*DOCUMENT_ROW_FIELDS).order_by("-issue_date", "-pk")[:10]


EXPLAINERS_AND_CALENDAR = PreparedQuery(explainers_and_calendar_query, str, int, int, int)
CAMPAIGNS = PreparedQuery(campaigns_query, str, int)
DOCUMENTS = PreparedQuery(documents_query, str, int)

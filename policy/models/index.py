"""The root of the policy section: latest explainers, campaigns and documents, and the Atom feed."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from cms.models import BasePage
from cms.page_urls import RowUrls
from cms.prepared import PreparedQuery

from ..cards import CAMPAIGN_CARD_FIELDS, campaign_cards, page_card_html
from ..feeds import build_atom
from .base import PolicyPageMixin, PolicyRoutingMixin, live_public, visible
from .campaigns import Campaign, CampaignCalendar
from .documents import PolicyDocument
from .explainers import PolicyExplainer

FEED_LIMIT = 30
LISTING_LIMIT = 6
# An explainer's card (policy.cards.page_card_html) and the calendar's link, as plain rows: their StreamFields stay
# in the database (parsing six explainers' key points and Q&A cost more than the rest of the page's growth), and
# a page instance per card was most of what six cards cost beside one (issue 19).
PAGE_CARD_FIELDS = ("pk", "content_type_id", "title", "url_path", "first_published_at", "search_description")
PAGE_CARD_EXPRESSIONS = {"intro": F("policyexplainer__intro"), "summary": F("policyexplainer__summary")}
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
        explainer_type = ContentType.objects.get_for_model(PolicyExplainer).pk
        calendar_type = ContentType.objects.get_for_model(CampaignCalendar).pk
        urls = RowUrls(self, request)
        rows = EXPLAINERS_AND_CALENDAR(self.path, self.depth + 1, explainer_type, calendar_type)
        calendar = next((row for row in rows if row["content_type_id"] == calendar_type), None)
        context["calendar_url"] = urls(calendar) if calendar else None
        explainers = [row for row in rows if row["content_type_id"] == explainer_type][:LISTING_LIMIT]
        context["explainer_cards"] = explainer_cards(explainers, urls)
        context["campaign_cards"] = campaign_cards(CAMPAIGNS(self.path, self.depth + 1), urls, timezone.localdate())
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


def explainer_cards(rows, urls: RowUrls) -> str:
    """The explainers' cards with their first publication day, as one piece of HTML."""
    html = []
    for row in rows:
        published = row["first_published_at"]
        day = timezone.localtime(published) if published else None
        meta = f"{day.year}年{day.month}月{day.day}日" if day else ""
        text = row["search_description"] or row["intro"] or row["summary"]  # PolicyExplainer.get_share_description
        html.append(page_card_html(urls(row), row["title"], text, meta))
    return mark_safe("".join(html))  # noqa: S308 (page_card_html escapes every value)


# The index's listings, compiled once per process (cms.prepared): its children below `path` at `depth`.


def explainers_and_calendar_query(path: str, depth: int, explainer_type_id: int, calendar_type_id: int):
    """The calendar first, then the newest explainers."""
    return (
        visible(Page.objects.filter(path__startswith=path, depth=depth))
        .filter(content_type_id__in=[explainer_type_id, calendar_type_id])
        .values(*PAGE_CARD_FIELDS, **PAGE_CARD_EXPRESSIONS)
        .order_by(
            Case(When(content_type_id=calendar_type_id, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-first_published_at",
        )[: LISTING_LIMIT + 1]
    )


def campaigns_query(path: str, depth: int):
    campaigns = visible(Campaign.objects.filter(path__startswith=path, depth=depth)).values("pk", *CAMPAIGN_CARD_FIELDS)
    return campaigns.order_by("-start_date")[:LISTING_LIMIT]


def documents_query(path: str, depth: int):
    documents = visible(PolicyDocument.objects.filter(path__startswith=path, depth=depth))
    return documents.only(*DOCUMENT_ROW_FIELDS).order_by("-issue_date", "-pk")[:10]


EXPLAINERS_AND_CALENDAR = PreparedQuery(explainers_and_calendar_query, str, int, int, int)
CAMPAIGNS = PreparedQuery(campaigns_query, str, int)
DOCUMENTS = PreparedQuery(documents_query, str, int)

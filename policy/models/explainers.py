"""Policy explainers (政策解读): what a document means for trainees, training institutions and employers."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.models import BasePage
from cms.page_tags import page_tags
from cms.prepared import PreparedQuery
from cms.safe_markdown import markdown_to_text

from ..blocks import KeyPointBlock, ProgressBlock, QAStreamBlock, progress_snapshots
from ..choices import Audience
from ..forms import PolicyExplainerForm
from .base import PolicyPageMixin, as_specific, visible
from .campaigns import Campaign, CampaignCalendar, CampaignExplainer
from .fields import ChoiceListField

RELATED_CAMPAIGNS = 4  # the newest campaigns an explainer shows; the calendar filtered by it lists them all

# The curricula app is developed alongside this one: its page types are looked up when used, never imported.
CURRICULUM_PAGE_TYPES = ("curricula.Occupation", "curricula.TrainingPackage")


def available_page_models(labels) -> list:
    found = []
    for label in labels:
        try:
            found.append(apps.get_model(label))
        except LookupError:
            continue
    return found


class OptionalTypesPageChooserPanel(PageChooserPanel):
    """A page chooser limited to the given page types that exist at run time (a plain chooser if none does)."""

    def get_form_options(self):
        options = super(PageChooserPanel, self).get_form_options()
        models_found = available_page_models(self.page_type or ())
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(target_models=models_found or None)
        return options


class PolicyExplainerTag(TaggedItemBase):
    content_object = ParentalKey("policy.PolicyExplainer", on_delete=models.CASCADE, related_name="tagged_items")


class PolicyExplainer(PolicyPageMixin, BasePage):
    """政策解读: a summary, key points and Q&A that cite the clauses of the document(s) they explain."""

    summary = models.TextField(_("摘要"), help_text=_("一段话概括文件讲了什么、对谁有用。"))
    key_points = StreamField([("point", KeyPointBlock())], verbose_name=_("解读要点"), blank=True)
    qa = StreamField(QAStreamBlock(), verbose_name=_("问答"), blank=True)
    progress_figures = StreamField([("progress", ProgressBlock())], verbose_name=_("进度"), blank=True)
    audience = ChoiceListField(_("面向对象"), base_choices=Audience.choices, blank=True)
    tags = ClusterTaggableManager(through=PolicyExplainerTag, blank=True, verbose_name=_("标签"))

    content_panels = [
        *BasePage.content_panels,
        InlinePanel("explained_documents", label=_("解读的文件"), min_num=1),
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("key_points"),
        FieldPanel("qa"),
        FieldPanel("progress_figures"),
        MultiFieldPanel(
            [InlinePanel("curriculum_links", label=_("相关职业和培训包")), FieldPanel("tags")],
            heading=_("关联"),
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("summary"),
        index.SearchField("key_points"),
        index.SearchField("qa"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("first_published_at"),
    ]

    base_form_class = PolicyExplainerForm

    api_fields = [
        APIField("intro"),
        APIField("summary"),
        APIField("audience"),
        APIField("explained_documents"),
        APIField("key_points"),
        APIField("qa"),
        APIField("curriculum_links"),
        APIField("tags"),
    ]

    parent_page_types = ["policy.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")

    @property
    def cache_dependencies(self):
        """The explainer names and links the documents it explains (cms.cache)."""
        return list(self.explained_documents.values_list("document_id", flat=True))

    def audience_labels(self) -> list[str]:
        return self._meta.get_field("audience").labels(self.audience)

    def get_share_description(self):
        return self.search_description or self.intro or self.summary

    def plain_text(self) -> str:
        parts = [self.intro, self.summary]
        for block in self.key_points:
            parts.append(markdown_to_text(block.value["text"]))
        for block in self.qa:
            if block.block_type == "qa":
                parts += [block.value["question"], markdown_to_text(block.value["answer"])]
            else:
                parts.append(block.value)
        return "\n".join(part for part in parts if part)

    def search_document(self) -> dict:
        documents = [link.document for link in self.explained_documents.select_related("document")]
        occupation = None
        for link in self.curriculum_links.select_related("link_page"):
            if link.link_page.specific_class and link.link_page.specific_class._meta.label == "curricula.Occupation":
                occupation = link.link_page.title
                break
        published = self.first_published_at
        return {
            "type": "explainer",
            "title": self.title,
            "text": self.plain_text(),
            "date": published.date() if published else None,
            "occupation": occupation,
            "level": None,
            "year": published.year if published else None,
            "tags": [tag.name for tag in self.tags.all()],
            "codes": [document.document_number for document in documents if document.document_number],
        }

    def linked_pages(self, request):
        """(documents, curriculum pages, the newest campaigns, how many campaigns, the campaign calendar) in one
        query, documents and curriculum pages in the editor's order.

        Any number of campaigns may link to an explainer (200 in the 50× bench): the page shows the newest
        RELATED_CAMPAIGNS and links to the calendar filtered by this explainer for the rest. Only the narrow link
        rows are sorted and counted (subqueries); whole pages are read for the campaigns shown. Compiled once per
        process (cms.prepared)."""
        if getattr(request, "is_preview", False):
            documents = [link.document for link in self.explained_documents.all()]
            curriculum = [link.link_page for link in self.curriculum_links.all() if link.link_page.live]
            return documents, curriculum, [], 0, None
        calendar_type = ContentType.objects.get_for_model(CampaignCalendar)
        pages = as_specific(EXPLAINER_LINKS(self.pk, calendar_type.pk))
        documents = sorted(
            (p for p in pages if p.document_link is not None), key=lambda p: (p.document_order or 0, p.document_link)
        )
        curriculum = sorted(
            (p for p in pages if p.curriculum_link is not None),
            key=lambda p: (p.curriculum_order or 0, p.curriculum_link),
        )
        campaigns = sorted(
            (p for p in pages if isinstance(p, Campaign) and p.document_link is None and p.curriculum_link is None),
            key=lambda p: (p.start_date, p.pk),
            reverse=True,
        )
        calendar = next((p for p in pages if isinstance(p, CampaignCalendar)), None)
        return documents, curriculum, campaigns, pages[0].campaign_total if pages else 0, calendar

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        documents, curriculum, campaigns, campaign_total, calendar = self.linked_pages(request)
        context.update(documents=documents, curriculum_pages=curriculum, campaigns=campaigns, calendar=calendar)
        context["campaign_total"] = campaign_total
        # The rest of the campaigns: the calendar filtered by this explainer.
        if calendar is not None and campaign_total > len(campaigns):
            context["all_campaigns_url"] = f"{calendar.get_url(request) or ''}?explainer={self.pk}"
        context["tags"] = page_tags(self, request)
        context["progress_snapshots"] = progress_snapshots(self.progress_figures, request)
        return context


class PolicyExplainerDocument(Orderable):
    page = ParentalKey(PolicyExplainer, on_delete=models.CASCADE, related_name="explained_documents")
    document = models.ForeignKey(
        "policy.PolicyDocument", verbose_name=_("政策文件"), on_delete=models.CASCADE, related_name="explainer_links"
    )

    panels = [PageChooserPanel("document", "policy.PolicyDocument")]
    api_fields = [APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("解读的文件")
        verbose_name_plural = _("解读的文件")
        constraints = [models.UniqueConstraint(fields=["page", "document"], name="policy_explainer_document_once")]

    def __str__(self):
        return str(self.document)


class PolicyExplainerCurriculumLink(Orderable):
    """An occupation or training package the explainer concerns (curricula pages, checked when saved)."""

    page = ParentalKey(PolicyExplainer, on_delete=models.CASCADE, related_name="curriculum_links")
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("职业或培训包"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [OptionalTypesPageChooserPanel("link_page", list(CURRICULUM_PAGE_TYPES))]
    api_fields = [APIField("link_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("相关职业或培训包")
        verbose_name_plural = _("相关职业和培训包")

    def __str__(self):
        return str(self.link_page)

    def clean(self):
        super().clean()
        if not self.link_page_id:
            return
        allowed = available_page_models(CURRICULUM_PAGE_TYPES)
        specific_class = self.link_page.specific_class
        if not any(specific_class is model or issubclass(specific_class, model) for model in allowed):
            raise ValidationError(
                {"link_page": _("只能选择课程中心的职业或职业培训包页面，“%s”不是。") % self.link_page.title}
            )


def explainer_links_query(explainer_id: int, calendar_type_id: int):
    """The pages an explainer links to (documents, curriculum pages, the newest campaigns) and the calendar, with
    each link's order and the number of campaigns (PolicyExplainer.linked_pages)."""
    document_links = PolicyExplainerDocument.objects.filter(page_id=explainer_id, document=OuterRef("pk"))
    curriculum_links = PolicyExplainerCurriculumLink.objects.filter(page_id=explainer_id, link_page=OuterRef("pk"))
    campaign_links = CampaignExplainer.objects.filter(
        explainer_id=explainer_id, campaign__live=True, campaign__view_restrictions__isnull=True
    )
    newest = campaign_links.order_by("-campaign__start_date", "-campaign_id").values("campaign_id")
    newest = newest[:RELATED_CAMPAIGNS]
    campaign_total = campaign_links.order_by().values("explainer_id").annotate(n=Count("pk")).values("n")
    return (
        visible(
            Page.objects.filter(
                Q(pk__in=PolicyExplainerDocument.objects.filter(page_id=explainer_id).values("document_id"))
                | Q(pk__in=PolicyExplainerCurriculumLink.objects.filter(page_id=explainer_id).values("link_page_id"))
                | Q(pk__in=newest)
                | Q(content_type_id=calendar_type_id)
            )
        )
        .select_related("policydocument", "campaign", "campaigncalendar")
        .annotate(
            document_link=Subquery(document_links.values("pk")[:1]),
            document_order=Subquery(document_links.values("sort_order")[:1]),
            curriculum_link=Subquery(curriculum_links.values("pk")[:1]),
            curriculum_order=Subquery(curriculum_links.values("sort_order")[:1]),
            campaign_total=Coalesce(Subquery(campaign_total), 0),
        )
        .order_by("path")
    )


EXPLAINER_LINKS = PreparedQuery(explainer_links_query, int, int)

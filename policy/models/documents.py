"""Official policy documents (政策文件): 文号, issuing bodies, dates, status and the structured full text."""

import datetime
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.models import BasePage
from cms.prepared import PreparedQuery

from ..blocks import DocumentBodyBlock
from ..choices import DocumentStatus
from ..document_numbers import normalise_document_number
from ..outline import build_outline, find_clause_anchor, outline_text
from .base import PolicyPageMixin, visible
from .explainers import PolicyExplainer, PolicyExplainerDocument


def split_document_number(number: str) -> tuple[str, int, int] | None:
    """'川人社办发〔2021〕26号' → ('川人社办发', 2021, 26); None when it is not in that form."""
    parsed = normalise_document_number(number or "")
    return parsed[1:] if parsed else None


class PolicyDocument(PolicyPageMixin, BasePage):
    """An official document as issued, with a stable anchor for every section and clause so explainers can cite them."""

    document_number = models.CharField(
        _("文号"), max_length=60, blank=True, db_index=True, help_text=_("例如：川人社办发〔2021〕26号")
    )
    issue_date = models.DateField(_("成文日期"), null=True, blank=True)
    effective_date = models.DateField(_("生效日期"), null=True, blank=True, help_text=_("留空表示自成文日期起生效。"))
    expiry_date = models.DateField(_("失效日期"), null=True, blank=True, help_text=_("留空表示长期有效。"))
    superseded_by = models.ForeignKey(
        "policy.PolicyDocument",
        verbose_name=_("被以下文件替代"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    recipients = models.CharField(_("主送机关"), max_length=255, blank=True)
    body = StreamField(DocumentBodyBlock(), verbose_name=_("正文"), blank=True)
    # What every 人社 portal shows with a document: the 信息公开 metadata, the original, and the 印发 block.
    index_number = models.CharField(
        _("索引号"), max_length=60, blank=True, help_text=_("政府信息公开索引号，如 11510000MB1538245X/2021-00123")
    )
    publisher = models.CharField(_("发布机构"), max_length=120, blank=True, help_text=_("留空则用第一个发文机关。"))
    release_date = models.DateField(_("发布日期"), null=True, blank=True, help_text=_("留空则用首次发布的日期。"))
    original = models.ForeignKey(
        "cms.CustomDocument",
        verbose_name=_("原文（PDF）"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("盖章原件的 PDF 扫描件或版式文件"),
    )
    copied_to = models.CharField(_("抄送"), max_length=255, blank=True)
    printed_by = models.CharField(
        _("印发机关"), max_length=120, blank=True, help_text=_("如：四川省人力资源和社会保障厅办公室")
    )
    printed_date = models.DateField(_("印发日期"), null=True, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                InlinePanel("issuers", label=_("发文机关"), min_num=0),
                FieldPanel("recipients"),
            ],
            heading=_("文头"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("expiry_date")]),
                PageChooserPanel("superseded_by", "policy.PolicyDocument"),
            ],
            heading=_("日期与效力"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("copied_to"), FieldRowPanel([FieldPanel("printed_by"), FieldPanel("printed_date")])],
            heading=_("版记（抄送、印发）"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("index_number"), FieldPanel("publisher"), FieldPanel("release_date")]),
                FieldPanel("original"),
            ],
            heading=_("信息公开"),
        ),
        InlinePanel("attachments", label=_("附件")),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("document_number", boost=3),
        index.SearchField("body"),
        index.RelatedFields("issuers", [index.SearchField("name")]),
        index.FilterField("issue_date"),
        index.FilterField("document_number"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("document_number"),
        APIField("issuers"),
        APIField("recipients"),
        APIField("issue_date"),
        APIField("effective_date"),
        APIField("expiry_date"),
        APIField("status"),
        APIField("superseded_by"),
        APIField("body"),
        APIField("attachments"),
        APIField("index_number"),
        APIField("publisher"),
        APIField("release_date"),
        APIField("original"),
        APIField("copied_to"),
        APIField("printed_by"),
        APIField("printed_date"),
    ]

    parent_page_types = ["policy.PolicyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("政策文件")
        verbose_name_plural = _("政策文件")

    def clean(self):
        super().clean()
        errors = {}
        if self.document_number and not self.alias_of_id:  # an alias mirrors its source's number
            parts = split_document_number(self.document_number)
            if parts is None:
                errors["document_number"] = _("文号格式应为“机关代字〔年份〕序号号”，例如：川人社办发〔2021〕26号。")
            else:
                self.document_number = f"{parts[0]}〔{parts[1]}〕{parts[2]}号"
                clash = (
                    PolicyDocument.objects.filter(document_number=self.document_number, alias_of__isnull=True)
                    .exclude(pk=self.pk)
                    .first()
                )
                if clash is not None:
                    errors["document_number"] = _("文号 %(number)s 已被《%(title)s》使用。") % {
                        "number": self.document_number,
                        "title": clash.title,
                    }
        start = self.effective_date or self.issue_date
        if start and self.expiry_date and self.expiry_date < start:
            errors["expiry_date"] = _("失效日期不能早于生效日期（或成文日期）。")
        if self.pk and self.superseded_by_id == self.pk:
            errors["superseded_by"] = _("文件不能被自己替代。")
        if self.original_id and (self.original.file_extension or "").lower() != "pdf":
            errors["original"] = _("原文请选择 PDF 文件。")
        if self.printed_date and self.issue_date and self.printed_date < self.issue_date:
            errors["printed_date"] = _("印发日期不能早于成文日期。")
        if errors:
            raise ValidationError(errors)

    # 信息公开 metadata -----------------------------------------------------------------------------------------
    def publisher_name(self, issuers=None) -> str:
        issuers = list(self.issuers.all()) if issuers is None else issuers
        return self.publisher or (issuers[0].name if issuers else "")

    @property
    def published_on(self):
        """发布日期: as entered, else the day it was first published (Asia/Shanghai)."""
        if self.release_date:
            return self.release_date
        return timezone.localdate(self.first_published_at) if self.first_published_at else None

    # Status --------------------------------------------------------------------------------------------------
    def status_on(self, day: datetime.date) -> str:
        if self.superseded_by_id:
            return DocumentStatus.SUPERSEDED
        if self.expiry_date and self.expiry_date < day:
            return DocumentStatus.EXPIRED
        start = self.effective_date or self.issue_date
        if start and start > day:
            return DocumentStatus.NOT_YET_EFFECTIVE
        return DocumentStatus.IN_FORCE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return DocumentStatus(self.status).label

    # Structure and anchors -----------------------------------------------------------------------------------
    @cached_property
    def outline(self) -> list[dict]:
        return build_outline(self.body.raw_data)

    @property
    def sections(self) -> list[dict]:
        return [part for part in self.outline if part["type"] == "section"]

    def clause_anchor(self, clause: str, section: str | None = None) -> str | None:
        """The anchor id of clause （clause）, e.g. 'clause-12' for '十二'; None when the clause is not there."""
        return find_clause_anchor(self.outline, clause, section)

    def clause_url(self, clause: str, section: str | None = None, request=None) -> str:
        """'<document url>#clause-12': what an explainer links to for “第（十二）条”."""
        anchor = self.clause_anchor(clause, section)
        url = self._url_for(request)
        return f"{url}#{anchor}" if anchor else url

    def _url_for(self, request) -> str:
        """The page's URL, worked out once per request and instance: an explainer cites the same document dozens
        of times, and each get_url() reverses Wagtail's serve URL."""
        known = self.__dict__.get("_known_url")
        if known is None or known[0] is not request:
            known = self.__dict__["_known_url"] = (request, self.get_url(request) or "")
        return known[1]

    # Search contract -----------------------------------------------------------------------------------------
    def document_codes(self) -> list[str]:
        if not self.document_number:
            return []
        codes = [self.document_number]
        parts = split_document_number(self.document_number)
        if parts:
            prefix, year, serial = parts
            codes += [f"{prefix}[{year}]{serial}号", prefix, f"{year} {serial}", f"{prefix}{year}{serial}"]
        return codes

    def search_document(self) -> dict:
        text = "\n".join(filter(None, [self.intro, self.recipients, outline_text(self.outline)]))
        return {
            "type": "policy",
            "title": self.title,
            "text": text,
            "date": self.issue_date,
            "occupation": None,
            "level": None,
            "year": self.issue_date.year if self.issue_date else None,
            "tags": [],
            "codes": self.document_codes(),
        }

    def get_share_description(self):
        if self.search_description or self.intro:
            return super().get_share_description()
        return " ".join(filter(None, [self.document_number, self.title]))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # the unsaved issuers and attachments of the revision
            context["issuers"] = list(self.issuers.all())
            context["attachments"] = list(self.attachments.select_related("document"))
        else:  # compiled once per process (cms.prepared)
            context["issuers"] = DOCUMENT_ISSUERS(self.pk)
            context["attachments"] = DOCUMENT_ATTACHMENTS(self.pk)
        context["explainers"] = EXPLAINERS_OF_DOCUMENT(self.pk)
        context["publisher_name"] = self.publisher_name(context["issuers"])
        return context


class PolicyDocumentIssuer(Orderable):
    """One issuing body (发文机关), in the order of the masthead."""

    page = ParentalKey(PolicyDocument, on_delete=models.CASCADE, related_name="issuers")
    name = models.CharField(_("机关名称"), max_length=120)

    panels = [FieldPanel("name")]
    api_fields = [APIField("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("发文机关")
        verbose_name_plural = _("发文机关")

    def __str__(self):
        return self.name


class PolicyDocumentAttachment(Orderable):
    page = ParentalKey(PolicyDocument, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "cms.CustomDocument", verbose_name=_("文档"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("显示名称"), max_length=200, blank=True, help_text=_("留空则用文档标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.document.title


# The document page's lists, compiled once per process (cms.prepared).


def explainers_of_document_query(document_id: int):
    """The newest explainers of a document, with what their cards show."""
    explainers = PolicyExplainer.objects.filter(
        pk__in=PolicyExplainerDocument.objects.filter(document_id=document_id).values("page_id")
    )
    explainers = explainers.only("title", "url_path", "search_description", "intro", "summary")
    return visible(explainers).order_by("-first_published_at")[:10]


DOCUMENT_ISSUERS = PreparedQuery(lambda page_id: PolicyDocumentIssuer.objects.filter(page_id=page_id), int)
DOCUMENT_ATTACHMENTS = PreparedQuery(
    lambda page_id: PolicyDocumentAttachment.objects.filter(page_id=page_id).select_related("document"), int
)
EXPLAINERS_OF_DOCUMENT = PreparedQuery(explainers_of_document_query, int)
